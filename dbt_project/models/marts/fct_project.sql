-- One row per report x project x phase. A project's amount, score and grade may come
-- from different rows of the report; each takes the first row that gives it.

with

ranked as (

    select * from {{ ref('int_project_facts_ranked') }}

),

reports as (

    select * from {{ ref('int_reports') }}

),

per_project_phase as (

    select
        report_id,
        project_name,
        phase,
        arg_min(amount_yuan, candidate_rank) filter (where amount_yuan is not null) as amount_yuan,
        arg_min(score, candidate_rank) filter (where score is not null) as score,
        arg_min(grade, candidate_rank) filter (where grade is not null) as grade,
        arg_min(source_locator, candidate_rank) as source_locator,
        arg_min(source_excerpt, candidate_rank) as source_excerpt

    from ranked
    group by report_id, project_name, phase

),

joined as (

    select
        ----------  ids
        per_project_phase.report_id,
        reports.unit_id,

        ---------- dimensions
        reports.fiscal_year,
        per_project_phase.project_name,
        per_project_phase.phase,

        ---------- numerics
        per_project_phase.amount_yuan,
        per_project_phase.score,
        per_project_phase.grade,

        ---------- provenance
        per_project_phase.source_locator,
        per_project_phase.source_excerpt

    from per_project_phase
    inner join reports
        on per_project_phase.report_id = reports.report_id

)

select * from joined
