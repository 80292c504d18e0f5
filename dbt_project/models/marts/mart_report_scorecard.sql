{{ config(materialized='view') }}

-- One row per report whose facts count (loaded or partial): the unit, the year, the kind
-- of document, its score and grade as stated and as the score's band gives it, and how
-- many data-quality findings of each severity fct_data_quality holds for it.

with

reports as (

    select * from {{ ref('dim_report') }}
    where status in ('loaded', 'partial')

),

units as (

    select * from {{ ref('dim_unit') }}

),

quality as (

    select
        report_id,
        count(*) filter (where severity = 'error') as dq_error_count,
        count(*) filter (where severity = 'warning') as dq_warning_count,
        count(*) filter (where severity = 'info') as dq_info_count
    from {{ ref('fct_data_quality') }}
    group by report_id

),

joined as (

    select
        ----------  ids
        reports.report_id,
        reports.report_key,

        ---------- the unit
        reports.unit_id,
        units.unit_name,
        units.province,
        units.city,
        units.county,

        ---------- the report
        reports.fiscal_year,
        reports.document_kind,
        reports.title,
        reports.status,
        reports.source_file,

        ---------- scores
        reports.self_score,
        reports.max_score,
        reports.grade,
        reports.grade_derived,
        case
            when reports.grade is not null and reports.grade_derived is not null
                then reports.grade = reports.grade_derived
        end as grade_agrees,

        ---------- data quality
        coalesce(quality.dq_error_count, 0) as dq_error_count,
        coalesce(quality.dq_warning_count, 0) as dq_warning_count,
        coalesce(quality.dq_info_count, 0) as dq_info_count

    from reports
    inner join units
        on reports.unit_id = units.unit_id
    left join quality
        on reports.report_id = quality.report_id

)

select * from joined
