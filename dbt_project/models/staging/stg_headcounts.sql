with

source as (

    select * from {{ source('staging', 'headcounts') }}

),

renamed as (

    select

        ----------  ids
        report_id,

        ---------- what is counted
        measure,
        staff_type,

        ---------- numerics
        cast(headcount as integer) as headcount,

        ---------- provenance
        source_kind,
        source_locator,
        source_excerpt

    from source

)

select * from renamed
