{#- Marts live in schema `marts` exactly, as the contract says; dbt's default would prefix
    the target schema (`main_marts`). Models without a custom schema stay in the target's. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
