with

source as (

    select * from {{ source('staging', 'findings') }}

),

renamed as (

    select

        ----------  ids
        report_id,
        kind,
        cast(seq as integer) as seq,

        ---------- text
        text,

        ---------- provenance
        source_locator

    from source

)

select * from renamed
