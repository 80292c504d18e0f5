-- Reconciliation on the marts, by the rules the extraction's checks use too (one source:
-- the seeds reconciliation_rules and check_tolerances, pipelines/normalize/rules.py):
-- a total against the sum of its parts, per report and phase, wherever the report states
-- the total and every required part. Rows returned are reports that contradict
-- themselves; severity warn, so the build goes on and the UI shows them.
{{ config(severity='warn') }}

with

rules as (

    select * from {{ ref('reconciliation_rules') }}

),

tolerances as (

    select
        max(value) filter (where tolerance = 'per_figure_yuan') as per_figure_yuan,
        max(value) filter (where tolerance = 'relative') as relative
    from {{ ref('check_tolerances') }}

),

budget as (

    select report_id, phase, line_name, amount_yuan
    from {{ ref('fct_budget') }}
    where spending_type is null

),

totals as (

    select budget.*
    from budget
    where line_name in (select total_line from rules)

),

summed as (

    select
        totals.report_id,
        totals.phase,
        totals.line_name as total_line,
        totals.amount_yuan as total_yuan,
        sum(parts.amount_yuan) as parts_yuan,
        count(parts.amount_yuan) as parts_stated,
        count(*) filter (where rules.required and parts.amount_yuan is null) as required_missing
    from totals
    inner join rules
        on rules.total_line = totals.line_name
    left join budget as parts
        on parts.report_id = totals.report_id
        and parts.phase is not distinct from totals.phase
        and parts.line_name = rules.part_line
    group by all

)

select summed.*
from summed
cross join tolerances
where summed.required_missing = 0
    and abs(summed.parts_yuan - summed.total_yuan)
        > greatest(tolerances.per_figure_yuan * (summed.parts_stated + 1), abs(summed.total_yuan) * tolerances.relative)
