-- A table, unlike the other intermediate models: the analysts' views mart_budget_execution and
-- mart_three_public read it, and every data test of theirs and of its own would compute it
-- again (about 0.5 s each at 10,000 reports, fifteen times a build); built once, they read it.
-- On a nightly run only the units a changed report touches are computed again
-- (macros/incremental_by_unit.sql).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=['{{ record_changed_units() }}', '{{ delete_changed_units() }}'],
) }}

-- What a unit's reports say a budget line was, per figure year and phase: one amount per
-- unit x figure year x line x phase, for the analysts' views.
--   * Only the unit's own documents count: a project form's 年度资金总额 is the project's
--     money, not the unit's, so project forms and project reports are left out, as are
--     failed files, duplicates, files that are not reports, and reports with no unit.
--   * A report that gives a line only split into basic and project spending gives the sum
--     of the two halves (both must be stated: a missing half is never taken as zero).
--   * When several reports of a unit state the same line, phase and year, the most
--     authoritative document wins (macro document_kind_rank), then a loaded report over a
--     partial one, then the first by report_id.

with

budget as (

    select * from {{ ref('fct_budget') }}
    where figure_year is not null

),

reports as (

    select * from {{ ref('dim_report') }}
    where status in ('loaded', 'partial')
        and not {{ is_unknown_unit('unit_id') }}
        and coalesce(document_kind, '') not in ('project_form', 'project_report', 'other')
        {% if is_incremental() -%}
        and unit_id in (select unit_id from {{ changed_units() }})
        {%- endif %}

),

per_report as (

    select
        budget.report_id,
        budget.unit_id,
        budget.figure_year,
        budget.line_name,
        budget.phase,
        coalesce(
            max(budget.amount_yuan) filter (where budget.spending_type is null),
            case
                when count(*) filter (where budget.spending_type = 'basic') = 1
                    and count(*) filter (where budget.spending_type = 'project') = 1
                    then sum(budget.amount_yuan) filter (where budget.spending_type in ('basic', 'project'))
            end
        ) as amount_yuan,
        bool_and(budget.spending_type is not null) as from_a_split

    from budget
    inner join reports
        on budget.report_id = reports.report_id
    group by all

),

ranked as (

    select
        per_report.*,
        row_number() over (
            partition by per_report.unit_id, per_report.figure_year, per_report.line_name, per_report.phase
            order by
                {{ document_kind_rank('reports.document_kind') }},
                case reports.status when 'loaded' then 0 else 1 end,
                per_report.report_id
        ) as report_rank

    from per_report
    inner join reports
        on per_report.report_id = reports.report_id
    where per_report.amount_yuan is not null

),

kept as (

    select * exclude (report_rank)
    from ranked
    where report_rank = 1

)

select * from kept
