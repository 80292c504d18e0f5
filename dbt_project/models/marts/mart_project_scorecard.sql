{{ config(materialized='view') }}

-- One row per report x project: the project's own facts at its own grain (its score and
-- grade are repeated on every fund and phase row of fct_project; here they stand once),
-- with the whole project's money (年度资金总额, fund_source 'total') by phase and its stated
-- execution rate, and the rate those figures give.

with

projects as (

    select * from {{ ref('fct_project') }}

),

reports as (

    select * from {{ ref('dim_report') }}

),

units as (

    select * from {{ ref('dim_unit') }}

),

per_project as (

    select
        report_id,
        project_name,
        any_value(unit_id) as unit_id,
        any_value(fiscal_year) as fiscal_year,
        any_value(department) as department,
        any_value(implementing_unit) as implementing_unit,
        any_value(score) as score,
        any_value(max_score) as max_score,
        any_value(grade) as grade,
        max(amount_yuan) filter (where fund_source = 'total' and phase = 'budget') as budget_yuan,
        max(amount_yuan) filter (where fund_source = 'total' and phase = 'adjusted') as adjusted_yuan,
        max(amount_yuan) filter (where fund_source = 'total' and phase = 'final') as final_yuan,
        max(execution_rate_stated) filter (where fund_source = 'total') as execution_rate_stated

    from projects
    group by report_id, project_name

),

joined as (

    select
        ----------  ids
        per_project.report_id,
        reports.report_key,
        per_project.unit_id,

        ---------- the unit and the report
        units.unit_name,
        units.province,
        units.city,
        units.county,
        per_project.fiscal_year,
        reports.document_kind,

        ---------- the project
        per_project.project_name,
        per_project.department,
        per_project.implementing_unit,
        per_project.score,
        per_project.max_score,
        per_project.grade,

        ---------- its money (年度资金总额), in yuan
        per_project.budget_yuan,
        per_project.adjusted_yuan,
        per_project.final_yuan,
        per_project.execution_rate_stated,
        -- the rate the figures give, as a ratio: what was spent of the full-year budget, else
        -- of the budget at the start of the year
        round(per_project.final_yuan / nullif(coalesce(per_project.adjusted_yuan, per_project.budget_yuan), 0), 4)
            as execution_rate

    from per_project
    inner join reports
        on per_project.report_id = reports.report_id
    inner join units
        on per_project.unit_id = units.unit_id

)

select * from joined
