with

source as (

    select * from {{ source('staging', 'reports') }}

),

renamed as (

    select

        ----------  ids
        report_id,
        source_sha256,

        ---------- file
        source_file,
        lower(source_format) as source_format,
        status,
        error,
        failure_kind,

        ---------- document
        title,
        document_kind,

        ---------- unit
        unit_name,
        province,
        city,
        county,
        admin_level,
        admin_code,

        ---------- numerics
        cast(fiscal_year as integer) as fiscal_year,
        cast(self_score as double) as self_score,
        cast(max_score as double) as max_score,
        grade,
        cast(execution_rate_stated as double) as execution_rate_stated_percent,

        ---------- dates
        cast(report_date as date) as report_date,
        cast(extracted_at as timestamp) as extracted_at

    from source

)

select * from renamed
