{#-
    int_unit_line_amounts keeps, per unit, the amount the unit's most authoritative report
    states for each line: a nightly run can change only the units a changed report touches,
    so only theirs are computed again (a patch rebuilt the whole table before: 0.34 s of the
    SQL of one changed report among 10,000, growing with the warehouse).

    The units touched: the one each changed report belongs to now (dim_report, patched
    before this model), and those whose kept amounts came from a changed report (the unit it
    belonged to before; a report that was not a unit's winner changes nothing there). They
    are recorded in meta.changed_units (pre-hook), their rows deleted (pre-hook) and computed
    again (the model's incremental filter). pipelines/run/dbt_patch.py runs the same
    statements on a nightly patch; keep the two alike.
-#}

{% macro record_changed_units() %}
    {%- if is_incremental() -%}
        create or replace table {{ changed_units() }} as
            select unit_id from {{ this }} where {{ in_changed_reports() }}
            union
            select unit_id from {{ ref('dim_report') }} where {{ in_changed_reports() }}
    {%- endif -%}
{% endmacro %}


{% macro delete_changed_units() %}
    {%- if is_incremental() -%}
        delete from {{ this }} where unit_id in (select unit_id from {{ changed_units() }})
    {%- endif -%}
{% endmacro %}


{% macro changed_units() %}
    {{- return(source('load', 'changed_reports').incorporate(path={'identifier': 'changed_units'})) -}}
{% endmacro %}
