with

source as (

    select * from {{ source('staging', 'quality_checks') }}

),

renamed as (

    select

        ----------  ids
        report_id,
        check_name,
        severity,

        ---------- what was found
        message,
        expected,
        observed,

        ---------- provenance
        source_locator

    from source

)

select * from renamed
