-- A report that states two different values for the same fact: the marts keep one (see the
-- *_ranked models), and every value that lost to a different one is recorded here.

with

budget as (

    select * from {{ ref('int_budget_facts_ranked') }}
    where candidate_rank > 1
        and amount_yuan <> kept_amount_yuan

),

projects as (

    select * from {{ ref('int_project_facts_ranked') }}
    where candidate_rank > 1
        and amount_yuan <> kept_amount_yuan

),

headcounts as (

    select * from {{ ref('int_headcounts_ranked') }}
    where candidate_rank > 1
        and headcount <> kept_headcount

),

conflicts as (

    select
        report_id,
        'fct_budget' as fact_table,
        concat_ws(' / ', line_name, phase, spending_type) as fact_key,
        line_name || '（' || concat_ws('，', {{ code_zh('phase', 'phase') }}, {{ code_zh('spending_type', 'spending_type') }}) || '）'
            as fact_zh,
        cast(kept_amount_yuan as varchar) as kept_value,
        kept_source_locator,
        cast(amount_yuan as varchar) as other_value,
        source_locator
    from budget

    union all

    select
        report_id,
        'fct_project',
        concat_ws(' / ', project_name, phase, fund_source),
        project_name || '（' || concat_ws('，', {{ code_zh('phase', 'phase') }}, {{ code_zh('fund_source', 'fund_source') }}) || '）',
        cast(kept_amount_yuan as varchar),
        kept_source_locator,
        cast(amount_yuan as varchar),
        source_locator
    from projects

    union all

    select
        report_id,
        'fct_headcount',
        concat_ws(' / ', measure, staff_type),
        {{ code_zh('measure', 'measure') }} || case when staff_type = 'total' then '' else {{ code_zh('staff_type', 'staff_type') }} end || '人数',
        cast(kept_headcount as varchar),
        kept_source_locator,
        cast(headcount as varchar),
        source_locator
    from headcounts

),

as_checks as (

    select
        report_id,
        'conflicting_values' as check_name,
        'warning' as severity,
        fact_table || ' ' || fact_key || ': the report states two values; kept '
            || kept_value || ', dropped ' || other_value as message,
        fact_zh as subject,
        kept_value || ' @ ' || coalesce(kept_source_locator, '?') as expected,
        other_value || ' @ ' || coalesce(source_locator, '?') as observed,
        source_locator

    from conflicts

)

select * from as_checks
