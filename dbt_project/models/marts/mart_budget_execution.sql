{{ config(materialized='view') }}

-- Budget execution per unit and fiscal year: what was budgeted, adjusted and spent, and the
-- rate. The amounts are read on one basis, the first of these the unit's documents state
-- with a final figure and a budget or adjusted one to set it against:
--   1. 支出合计 (total spending),
--   2. 基本支出 + 项目支出 (its two parts, both stated in the same phase),
--   3. 收入合计 (total income; a unit's spending is its income less what it carries over).
-- When no basis has such a pair, the first basis with any figure is shown without a rate.
-- `basis` names the lines and the phases used.

with

reports as (

    select * from {{ ref('dim_report') }}
    where status in ('loaded', 'partial')
        and not {{ is_unknown_unit('unit_id') }}
        and fiscal_year is not null

),

units as (

    select * from {{ ref('dim_unit') }}

),

amounts as (

    select * from {{ ref('int_unit_line_amounts') }}
    where phase in ('budget', 'adjusted', 'final')
        and line_name in ('支出合计', '基本支出', '项目支出', '收入合计')

),

projects as (

    select * from {{ ref('fct_project') }}

),

unit_years as (

    select
        unit_id,
        fiscal_year,
        count(*) as report_count
    from reports
    group by unit_id, fiscal_year

),

pivoted as (

    select
        unit_id,
        figure_year as fiscal_year,
        phase,
        max(amount_yuan) filter (where line_name = '支出合计') as total_spending,
        max(amount_yuan) filter (where line_name = '基本支出')
            + max(amount_yuan) filter (where line_name = '项目支出') as basic_plus_project,
        max(amount_yuan) filter (where line_name = '收入合计') as total_income
    from amounts
    group by unit_id, figure_year, phase

),

bases as (

    -- one row per unit, year and candidate basis, its three phases side by side
    select
        unit_id,
        fiscal_year,
        basis_rank,
        basis_lines,
        max(amount_yuan) filter (where phase = 'budget') as budget_yuan,
        max(amount_yuan) filter (where phase = 'adjusted') as adjusted_yuan,
        max(amount_yuan) filter (where phase = 'final') as final_yuan
    from (
        select unit_id, fiscal_year, phase, 1 as basis_rank, '支出合计' as basis_lines, total_spending as amount_yuan
        from pivoted
        union all
        select unit_id, fiscal_year, phase, 2, '基本支出+项目支出', basic_plus_project
        from pivoted
        union all
        select unit_id, fiscal_year, phase, 3, '收入合计', total_income
        from pivoted
    ) as candidates
    where amount_yuan is not null
    group by unit_id, fiscal_year, basis_rank, basis_lines

),

chosen_basis as (

    select *
    from bases
    qualify row_number() over (
        partition by unit_id, fiscal_year
        order by
            (final_yuan is not null and coalesce(adjusted_yuan, budget_yuan) is not null) desc,
            basis_rank
    ) = 1

),

project_rates as (

    -- per unit and year: the rates stated on 年度资金总额 rows (fund source `total`), those
    -- of overall forms apart, and how many projects the year's documents describe
    select
        projects.unit_id,
        projects.fiscal_year,
        count(distinct projects.execution_rate_stated) filter (where form_total) as form_rates,
        min(projects.execution_rate_stated) filter (where form_total) as form_rate,
        count(distinct projects.project_name) as projects,
        count(distinct projects.execution_rate_stated) filter (where projects.fund_source = 'total') as project_rates,
        min(projects.execution_rate_stated) filter (where projects.fund_source = 'total') as project_rate,
        min(projects.project_name) as project_name
    from (
        select
            projects.*,
            reports.document_kind = 'overall_form' and projects.fund_source = 'total' as form_total
        from projects
        inner join reports
            on projects.report_id = reports.report_id
    ) as projects
    group by projects.unit_id, projects.fiscal_year

),

report_rates as (

    -- per unit and year: the whole budget's rates its own reports state in their prose
    select
        unit_id,
        fiscal_year,
        count(distinct execution_rate_stated) as report_rates,
        min(execution_rate_stated) as report_rate
    from reports
    where execution_rate_stated is not null
    group by unit_id, fiscal_year

),

stated_rates as (

    -- a rate the unit states for its funds, when it is unambiguous:
    --   1. its overall self-evaluation form's (部门整体支出绩效自评表) 年度资金总额 row, when
    --      the form gives one rate: the unit's own funds;
    --   2. else the rate of its whole budget its own report states ('全年预算执行率为98.6%'),
    --      when its reports of the year state one;
    --   3. else the 年度资金总额 rate of the unit's only project of the year, when all its
    --      documents of the year describe one project.
    select
        unit_years.unit_id,
        unit_years.fiscal_year,
        case
            when project_rates.form_rates = 1 then project_rates.form_rate
            when report_rates.report_rates = 1 then report_rates.report_rate
            when project_rates.projects = 1 and project_rates.project_rates = 1 then project_rates.project_rate
        end as execution_rate_stated,
        case
            when project_rates.form_rates = 1 then 'overall form: 年度资金总额'
            when report_rates.report_rates = 1 then 'report: 预算执行率'
            when project_rates.projects = 1 and project_rates.project_rates = 1
                then 'only project: ' || project_rates.project_name
        end as execution_rate_stated_source
    from unit_years
    left join project_rates
        on unit_years.unit_id = project_rates.unit_id
        and unit_years.fiscal_year = project_rates.fiscal_year
    left join report_rates
        on unit_years.unit_id = report_rates.unit_id
        and unit_years.fiscal_year = report_rates.fiscal_year

),

joined as (

    select
        ----------  the unit
        unit_years.unit_id,
        units.unit_name,
        units.province,
        units.city,
        units.county,

        ---------- the year
        unit_years.fiscal_year,

        ---------- amounts
        chosen_basis.budget_yuan,
        chosen_basis.adjusted_yuan,
        chosen_basis.final_yuan,

        ---------- rates
        case
            when chosen_basis.adjusted_yuan is not null
                then round(chosen_basis.final_yuan / nullif(chosen_basis.adjusted_yuan, 0), 4)
            else round(chosen_basis.final_yuan / nullif(chosen_basis.budget_yuan, 0), 4)
        end as execution_rate,
        stated_rates.execution_rate_stated,
        stated_rates.execution_rate_stated_source,
        case
            when chosen_basis.unit_id is null then 'none: no total stated'
            when chosen_basis.final_yuan is not null and chosen_basis.adjusted_yuan is not null
                then chosen_basis.basis_lines || ': final / adjusted'
            when chosen_basis.final_yuan is not null and chosen_basis.budget_yuan is not null
                then chosen_basis.basis_lines || ': final / budget'
            when chosen_basis.final_yuan is null
                then chosen_basis.basis_lines || ': no rate, no final figure'
            else chosen_basis.basis_lines || ': no rate, no budget or adjusted figure'
        end as basis,
        unit_years.report_count

    from unit_years
    inner join units
        on unit_years.unit_id = units.unit_id
    left join chosen_basis
        on unit_years.unit_id = chosen_basis.unit_id
        and unit_years.fiscal_year = chosen_basis.fiscal_year
    left join stated_rates
        on unit_years.unit_id = stated_rates.unit_id
        and unit_years.fiscal_year = stated_rates.fiscal_year

)

select * from joined
