with

source as (

    select * from {{ source('staging', 'indicator_rows') }}

),

renamed as (

    select

        ----------  ids
        report_id,
        project_name,
        cast(row_seq as integer) as row_seq,

        ---------- indicator
        level1,
        level2,
        level3,
        target_text,
        actual_text,

        ---------- numerics
        cast(weight as double) as weight,
        cast(score as double) as score,

        ---------- text
        deviation_reason,

        ---------- provenance
        source_locator

    from source

)

select * from renamed
