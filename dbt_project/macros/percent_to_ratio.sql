{#- Rates are ratios in the marts (0.985 is 98.5%); the extraction states them in percent,
    as the forms print them. -#}
{% macro percent_to_ratio(percent) -%}
    round(cast({{ percent }} as double) / 100.0, 6)
{%- endmacro %}
