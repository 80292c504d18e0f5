with

kept_figures as (

    select * from {{ ref('int_budget_facts_ranked') }}
    where candidate_rank = 1
        and {{ in_changed_reports() }}

),

reports as (

    select * from {{ ref('int_reports') }}

),

budget_lines as (

    select * from {{ ref('dim_budget_line') }}

),

joined as (

    select
        ----------  ids
        kept_figures.report_id,
        reports.unit_id,
        budget_lines.budget_line_id,

        ---------- dimensions
        reports.fiscal_year,
        case
            when kept_figures.phase = 'prior_final' then reports.fiscal_year - 1
            else reports.fiscal_year
        end as figure_year,
        kept_figures.line_name,
        budget_lines.line_group,
        budget_lines.line_level,
        kept_figures.phase,
        kept_figures.spending_type,

        ---------- numerics
        kept_figures.amount_yuan,

        ---------- provenance
        kept_figures.line_raw,
        kept_figures.source_kind,
        kept_figures.source_locator,
        kept_figures.source_excerpt

    from kept_figures
    inner join reports
        on kept_figures.report_id = reports.report_id
    left join budget_lines
        on kept_figures.line_name = budget_lines.line_name

)

select * from joined
