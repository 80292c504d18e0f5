{#- A name or title as a key: every kind of whitespace (full-width and no-break spaces
    too) removed, and ASCII and full-width brackets made one (the full-width forms official
    names use), so '中共X县委 网信办(机关)' and '中共X县委网信办（机关）' are one unit. -#}
{% macro normalised_name(expression) -%}
    nullif(
        translate(
            regexp_replace({{ expression }}, '[\s\x{3000}\x{00A0}\x{FEFF}]+', '', 'g'),
            '()[]〔〕［］',
            '（）【】【】【】'
        ),
        ''
    )
{%- endmacro %}
