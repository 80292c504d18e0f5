-- A project's department, implementing unit, total score, maximum and grade belong to the
-- project, not to a fund row: every row of one project in one report carries the same.
-- Rows returned are projects whose rows disagree.

select
    report_id,
    project_name,
    count(distinct department) as departments,
    count(distinct implementing_unit) as implementing_units,
    count(distinct score) as scores,
    count(distinct max_score) as max_scores,
    count(distinct grade) as grades,
    count(*) filter (where score is null) as rows_without_score,
    count(*) filter (where score is not null) as rows_with_score
from {{ ref('fct_project') }}
group by report_id, project_name
having count(distinct department) > 1
    or count(distinct implementing_unit) > 1
    or count(distinct score) > 1
    or count(distinct max_score) > 1
    or count(distinct grade) > 1
    or (count(*) filter (where score is null) > 0 and count(*) filter (where score is not null) > 0)
