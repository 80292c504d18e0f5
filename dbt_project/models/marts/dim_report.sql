with

reports as (

    select * from {{ ref('int_reports') }}

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
        {{ grade_band('self_score', 'max_score') }} as grade_derived,

        ---------- timestamps
        extracted_at

    from reports

)

select * from graded
