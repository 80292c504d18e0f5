with

kept_counts as (

    select * from {{ ref('int_headcounts_ranked') }}
    where candidate_rank = 1
        and {{ in_changed_reports() }}

),

reports as (

    select * from {{ ref('int_reports') }}

),

joined as (

    select
        ----------  ids
        kept_counts.report_id,
        reports.unit_id,

        ---------- dimensions
        reports.fiscal_year,
        kept_counts.measure,
        kept_counts.staff_type,

        ---------- numerics
        kept_counts.headcount,

        ---------- provenance
        kept_counts.source_locator,
        kept_counts.source_excerpt

    from kept_counts
    inner join reports
        on kept_counts.report_id = reports.report_id

)

select * from joined
