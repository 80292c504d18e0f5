{#- The declared unknown member of dim_unit: the unit of every report that names none (or
    failed to load), so a join from any fact or report to dim_unit never drops a row. -#}
{% macro unknown_unit_id() -%}
    'unknown'
{%- endmacro %}

{% macro unknown_unit_name() -%}
    '（未识别单位）'
{%- endmacro %}
