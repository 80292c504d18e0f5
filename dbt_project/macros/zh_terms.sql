{#- The Chinese word for a coded value of the marts, for messages written in Chinese, from the
    seed code_labels (the one source of these words, which dim_code also publishes). A value
    without a word there is shown as it is. -#}

{% macro code_zh(code_type, column) -%}
    coalesce(
        (select labels.label_zh from {{ ref('code_labels') }} as labels
         where labels.code_type = '{{ code_type }}' and labels.code = {{ column }}),
        {{ column }}
    )
{%- endmacro %}
