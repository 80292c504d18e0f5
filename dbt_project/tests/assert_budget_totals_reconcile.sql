-- Reconciliation on the marts, by the rules the extraction's checks use too (one source:
-- the seeds reconciliation_rules, check_tolerances and check_formulas, whose sum_tolerance
-- expression is written in below; pipelines/normalize/rules.py evaluates the same one):
-- a total against the sum of its parts, per report and phase, wherever the report states
-- the total and every required part. Rows returned are reports that contradict
-- themselves; severity warn, so the build goes on and the UI shows them.
{{ config(severity='warn') }}
-- depends_on: {{ ref('check_formulas') }}

{#- the seed's expression, read when the test runs, or compiled against a warehouse that holds the
    seed (a nightly patch's plan: pipelines/run/dbt_patch.py); a docs build compiles the test
    before any seed is loaded -#}
{%- set sum_tolerance = 'null' -%}
{%- if execute and (flags.WHICH in ('build', 'test')
                    or flags.WHICH == 'compile' and load_relation(ref('check_formulas')) is not none) -%}
    {%- set formula = run_query("select expression from " ~ ref('check_formulas') ~ " where formula = 'sum_tolerance'") -%}
    {%- set sum_tolerance = formula.columns[0].values()[0] -%}
{%- endif %}

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

),

checked as (

    -- the names the formula is written in
    select
        summed.*,
        summed.parts_stated as parts,
        summed.total_yuan as total,
        tolerances.per_figure_yuan,
        tolerances.relative
    from summed
    cross join tolerances
    where summed.required_missing = 0

)

select report_id, phase, total_line, total_yuan, parts_yuan, parts_stated, required_missing
from checked
where abs(parts_yuan - total_yuan) > ({{ sum_tolerance }})
