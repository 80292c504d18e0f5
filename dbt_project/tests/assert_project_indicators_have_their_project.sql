-- Indicator rows of a project's form name a project that fct_project holds for the same
-- report (severity warn: a form whose fund table could not be read still has indicators;
-- the rows returned show where).
{{ config(severity='warn') }}

select distinct
    indicators.report_id,
    indicators.project_name
from {{ ref('fct_indicator_score') }} as indicators
left join {{ ref('fct_project') }} as projects
    on indicators.report_id = projects.report_id
    and indicators.project_name = projects.project_name
where indicators.project_name is not null
    and projects.report_id is null
