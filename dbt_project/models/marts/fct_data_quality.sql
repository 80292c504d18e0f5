-- Everything a reader of the marts should distrust, one row per report and finding:
-- checks made at extraction, conflicts resolved by the marts, files that did not load or
-- are not reports, and stated grades the score does not support. Each says what it found
-- in English (message) and in Chinese (message_zh, from the seed check_messages).

with

reports as (

    select * from {{ ref('dim_report') }}

),

messages as (

    select * from {{ ref('check_messages') }}

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

not_reports as (

    select
        report_id,
        'not_a_report' as check_name,
        'info' as severity,
        coalesce(error, 'the file is not a performance report') as message,
        null as expected,
        coalesce(document_kind, 'other') as observed,
        null as source_locator,
        'extraction' as detected_by
    from reports
    where status = 'not_a_report'

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
    select * from not_reports
    union all by name
    select * from grade_mismatches

),

with_report as (

    select
        all_checks.*,
        reports.unit_id,
        reports.fiscal_year,
        {{ message_zh(
            'messages.message_zh_template', 'all_checks.check_name', 'all_checks.expected',
            'all_checks.observed', 'all_checks.message', 'all_checks.subject'
        ) }} as message_zh

    from all_checks
    left join reports
        on all_checks.report_id = reports.report_id
    left join messages
        on {{ check_family('all_checks.check_name') }} = messages.check_family
    where {{ in_changed_reports('all_checks.report_id') }}

)

select
    ----------  ids
    report_id,
    unit_id,
    fiscal_year,

    ---------- the check
    check_name,
    severity,
    message,
    message_zh,
    expected,
    observed,

    ---------- provenance
    source_locator,
    detected_by

from with_report
