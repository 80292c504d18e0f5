-- One row per report x project x phase x fund source. A project's figures may come from
-- different rows of the report; each takes the first row of its grain that gives it.
-- What belongs to the project as a whole (主管部门, 实施单位, its total score, maximum and
-- grade) is read once per project and repeated on each of its rows, so every row of a
-- project carries the same score: the project's 总分, never a fund row's 得分 (that is
-- row_score).

with

ranked as (

    select * from {{ ref('int_project_facts_ranked') }}
    where {{ in_changed_reports() }}

),

reports as (

    select * from {{ ref('int_reports') }}

),

per_project as (

    select
        report_id,
        project_name,
        arg_min(department, candidate_rank) filter (where department is not null) as department,
        arg_min(implementing_unit, candidate_rank) filter (where implementing_unit is not null) as implementing_unit,
        arg_min(score, candidate_rank) filter (where score is not null) as score,
        arg_min(max_score, candidate_rank) filter (where max_score is not null) as max_score,
        arg_min(grade, candidate_rank) filter (where grade is not null) as grade,
        count(*) filter (where phase is not null) as rows_with_a_phase

    from ranked
    group by report_id, project_name

),

per_grain as (

    select
        report_id,
        project_name,
        phase,
        fund_source,
        arg_min(amount_yuan, candidate_rank) filter (where amount_yuan is not null) as amount_yuan,
        arg_min(execution_rate_stated_percent, candidate_rank)
            filter (where execution_rate_stated_percent is not null) as execution_rate_stated_percent,
        arg_min(row_weight, candidate_rank) filter (where row_weight is not null) as row_weight,
        arg_min(row_score, candidate_rank) filter (where row_score is not null) as row_score,
        arg_min(source_locator, candidate_rank) as source_locator,
        arg_min(source_excerpt, candidate_rank) as source_excerpt

    from ranked
    group by report_id, project_name, phase, fund_source

),

without_bare_rows as (

    -- a row with no phase and no figure of its own (only the project's score or grade,
    -- now on every row of the project) is dropped when the project has other rows
    select per_grain.*
    from per_grain
    inner join per_project using (report_id, project_name)
    where not (
        per_grain.phase is null
        and per_grain.amount_yuan is null
        and per_grain.execution_rate_stated_percent is null
        and per_grain.row_score is null
        and per_project.rows_with_a_phase > 0
    )

),

joined as (

    select
        ----------  ids
        without_bare_rows.report_id,
        reports.unit_id,

        ---------- dimensions
        reports.fiscal_year,
        without_bare_rows.project_name,
        per_project.department,
        per_project.implementing_unit,
        without_bare_rows.fund_source,
        without_bare_rows.phase,

        ---------- numerics
        without_bare_rows.amount_yuan,
        {{ percent_to_ratio('without_bare_rows.execution_rate_stated_percent') }} as execution_rate_stated,
        without_bare_rows.row_weight,
        without_bare_rows.row_score,

        ---------- the project's evaluation
        per_project.score,
        per_project.max_score,
        per_project.grade,

        ---------- provenance
        without_bare_rows.source_locator,
        without_bare_rows.source_excerpt

    from without_bare_rows
    inner join per_project
        on without_bare_rows.report_id = per_project.report_id
        and without_bare_rows.project_name = per_project.project_name
    inner join reports
        on without_bare_rows.report_id = reports.report_id

)

select * from joined
