{#- The declared unknown member of dim_unit: the unit of every report that names none (or
    failed to load), so a join from any fact or report to dim_unit never drops a row. A report
    that names no unit but whose region is known (a county's transfer-payment evaluation) has
    its region's unknown member, 'unknown-' and the division code, so it still counts in its
    province, city and county. -#}
{% macro unknown_unit_id() -%}
    'unknown'
{%- endmacro %}

{% macro region_unknown_unit_id(admin_code) -%}
    {{ unknown_unit_id() }} || '-' || {{ admin_code }}
{%- endmacro %}

{#- Whether a unit_id is one of the unknown members (known units' ids are hex digests). -#}
{% macro is_unknown_unit(unit_id) -%}
    starts_with({{ unit_id }}, {{ unknown_unit_id() }})
{%- endmacro %}

{% macro unknown_unit_name() -%}
    '（未识别单位）'
{%- endmacro %}
