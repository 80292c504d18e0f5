{#-
    The marts with one report's rows apart from every other report's (dim_report and the
    fct_ tables) are built report by report on a nightly run: the rows of the reports the
    load changed are deleted (pre-hook) and those reports' rows selected again; every other
    report's rows stay as the build the run started from (a copy of the published
    warehouse) had them.

    meta.changed_reports is written by the load (pipelines/load/increments.py): the
    report_id of every file added, changed or gone, or of every file when it wrote the
    staging afresh. The pipeline asks dbt for a full refresh whenever the staging was written
    afresh or the dbt project (models, seeds, rules) changed, so a table is only ever patched
    by the SQL that built it.
-#}

{% macro delete_changed_reports() %}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ in_changed_reports() }}
    {%- endif -%}
{% endmacro %}


{% macro in_changed_reports(column='report_id') %}
    {%- if is_incremental() -%}
        {{ column }} in {{ changed_report_ids() }}
    {%- else -%}
        true
    {%- endif -%}
{% endmacro %}


{#-
    The changed reports' ids written out as a list when there are few (a nightly patch): DuckDB
    plans `in (select …)` as a join, which stops at the windows and unions of the ranked
    views, so every report's facts were ranked to keep a handful (fct_data_quality's select
    took 1.85 s at 10,000 reports, 0.06 s with the ids written out); a constant list reaches
    the scans of the staging tables. Many ids stay a subquery, and so does every command but
    a build or a run (a compile or the docs show the SQL without a night's ids, and ask the
    warehouse nothing).
-#}
{% macro changed_report_ids(most=1000) %}
    {%- set subquery = "(select report_id from " ~ source('load', 'changed_reports') ~ ")" -%}
    {#- (a unit test's source is a CTE of given rows, no table to ask) -#}
    {%- if not execute or model.resource_type == 'unit_test' or flags.WHICH not in ('build', 'run') -%}
        {{ return(subquery) }}
    {%- endif -%}
    {%- set ids = run_query(subquery ~ " order by 1 limit " ~ (most + 1)).columns[0].values() -%}
    {%- if ids | length > most -%}
        {{ return(subquery) }}
    {%- endif -%}
    {%- set quoted = [] -%}
    {%- for id in ids -%}
        {%- do quoted.append("'" ~ (id | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    {{ return("(" ~ (quoted | join(", ") if quoted else "null") ~ ")") }}
{% endmacro %}
