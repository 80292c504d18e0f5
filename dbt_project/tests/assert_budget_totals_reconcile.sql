-- Reconciliation on the marts (the same rules run at extraction into fct_data_quality):
-- 支出合计 = 基本支出 + 项目支出 and 基本支出 = 人员经费 + 公用经费, per report and phase,
-- wherever the report states all three figures. Rows returned are reports that
-- contradict themselves; severity warn, so the build goes on and the UI shows them.
{{ config(severity='warn') }}

with

budget as (

    select report_id, phase, line_name, amount_yuan
    from {{ ref('fct_budget') }}
    where spending_type is null

),

pivoted as (

    select
        report_id,
        phase,
        max(amount_yuan) filter (where line_name = '支出合计') as total_spending,
        max(amount_yuan) filter (where line_name = '基本支出') as basic,
        max(amount_yuan) filter (where line_name = '项目支出') as project,
        max(amount_yuan) filter (where line_name = '人员经费') as personnel,
        max(amount_yuan) filter (where line_name = '公用经费') as public_funds
    from budget
    group by report_id, phase

)

select
    report_id,
    phase,
    total_spending,
    basic + project as basic_plus_project,
    basic,
    personnel + public_funds as personnel_plus_public
from pivoted
-- figures rounded to 0.01 万元 may each be 50 元 off
where abs(total_spending - (basic + project)) > 150
    or abs(basic - (personnel + public_funds)) > 150
