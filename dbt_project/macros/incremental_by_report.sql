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
        {{ column }} in (select report_id from {{ source('load', 'changed_reports') }})
    {%- else -%}
        true
    {%- endif -%}
{% endmacro %}
