{#- A stable id: the first 16 hex digits of the md5 of the natural key. Several columns are
    joined with '|' after nulls become '', so the same words always give the same id. -#}
{% macro surrogate_key(columns) -%}
    {%- if columns is string -%}{%- set columns = [columns] -%}{%- endif -%}
    left(md5(
        {%- for column in columns -%}
            coalesce(cast({{ column }} as varchar), '')
            {%- if not loop.last %} || '|' || {% endif -%}
        {%- endfor -%}
    ), 16)
{%- endmacro %}
