{#- The 财政部 grading bands (优 90-100, 良 80-89, 中 60-79, 差 below 60) on a score scaled to
    100: reports score out of 100 or out of their own maximum. Null when there is no score. -#}
{% macro grade_band(score, max_score) -%}
    case
        when {{ score }} is null then null
        when {{ score }} * 100.0 / coalesce(nullif({{ max_score }}, 0), 100) >= 90 then '优秀'
        when {{ score }} * 100.0 / coalesce(nullif({{ max_score }}, 0), 100) >= 80 then '良好'
        when {{ score }} * 100.0 / coalesce(nullif({{ max_score }}, 0), 100) >= 60 then '中'
        else '差'
    end
{%- endmacro %}
