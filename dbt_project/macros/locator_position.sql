{#- Where a fact sits in its file, as numbers: 'page 2 table 10 row 3 col 4' is [2, 10, 3, 4].
    Ties between candidate facts are broken by it, so 'table 10' comes after 'table 2'
    (as text it would sort first). -#}
{% macro locator_position(locator) -%}
    list_transform(regexp_extract_all({{ locator }}, '\d+'), lambda x: cast(x as integer))
{%- endmacro %}
