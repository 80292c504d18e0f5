with

reports as (

    select * from {{ ref('int_reports') }}
    where {{ in_changed_reports() }}

),

grade_bands as (

    -- the 财政部 bands (优 90-100, 良 80-89, 中 60-79, 差 below 60), from the rules seed
    select * from {{ ref('grade_bands') }}

),

graded as (

    select
        ----------  ids
        report_id,
        report_key,
        unit_id,

        ---------- report
        fiscal_year,
        report_date,
        title,
        document_kind,

        ---------- file
        source_file,
        source_sha256,
        source_format,
        status,
        error,
        failure_kind,
        duplicate_of,

        ---------- scores
        self_score,
        max_score,
        grade,
        -- on a score scaled to 100: reports score out of 100 or out of their own maximum
        (
            select grade_bands.grade
            from grade_bands
            where reports.self_score * 100.0 / coalesce(nullif(reports.max_score, 0), 100) >= grade_bands.min_percent
            order by grade_bands.min_percent desc
            limit 1
        ) as grade_derived,

        ---------- rates
        {{ percent_to_ratio('execution_rate_stated_percent') }} as execution_rate_stated,

        ---------- timestamps
        extracted_at

    from reports

)

select * from graded
