-- Everything a reader of the marts should distrust, one row per report and finding:
-- checks made at extraction, conflicts resolved by the marts, files that did not load,
-- and stated grades the score does not support.

with

reports as (

    select * from {{ ref('dim_report') }}

),

extraction_checks as (

    select
        report_id,
        check_name,
        severity,
        message,
        expected,
        observed,
        source_locator,
        'extraction' as detected_by
    from {{ ref('stg_quality_checks') }}

),

conflicts as (

    select
        *,
        'warehouse' as detected_by
    from {{ ref('int_fact_conflicts') }}

),

not_loaded as (

    select
        report_id,
        case status when 'failed' then 'extraction_failed' else 'extraction_partial' end as check_name,
        case status when 'failed' then 'error' else 'warning' end as severity,
        coalesce(error, 'the file could not be read fully') as message,
        null as expected,
        source_file as observed,
        null as source_locator,
        'extraction' as detected_by
    from reports
    where status in ('failed', 'partial')

),

grade_mismatches as (

    select
        report_id,
        'grade_mismatch' as check_name,
        'info' as severity,
        'the stated grade is not the band of the self score ' || self_score
            || coalesce(' / ' || max_score, '') as message,
        grade_derived as expected,
        grade as observed,
        null as source_locator,
        'warehouse' as detected_by
    from reports
    where grade is not null
        and grade_derived is not null
        and grade <> grade_derived

),

all_checks as (

    select * from extraction_checks
    union all by name
    select * from conflicts
    union all by name
    select * from not_loaded
    union all by name
    select * from grade_mismatches

)

select
    report_id,
    check_name,
    severity,
    message,
    expected,
    observed,
    source_locator,
    detected_by

from all_checks
