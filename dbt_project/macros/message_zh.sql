{#- A data-quality row's message in Chinese: the template of its check family (seed
    check_messages) with the row's values put in. A check_name is a family, optionally
    followed by `:` and a detail (`sum_of_parts:支出合计`). A check without a template
    still gets a Chinese sentence naming it. Values are shown as the checks write them,
    with their two English connectives in Chinese ('<= 9' 不超过9, '2021 or 2022' 2021或2022). -#}

{% macro check_family(check_name) -%}
    split_part({{ check_name }}, ':', 1)
{%- endmacro %}

{% macro check_detail(check_name) -%}
    nullif(substr({{ check_name }}, strpos({{ check_name }}, ':') + 1), {{ check_name }})
{%- endmacro %}

{% macro zh_value(value) -%}
    coalesce(replace(replace({{ value }}, '<= ', '不超过'), ' or ', '或'), '（未列明）')
{%- endmacro %}

{% macro message_zh(template, check_name, expected, observed, message, subject) -%}
    replace(replace(replace(replace(replace(replace(
        coalesce({{ template }}, '数据质量检查 {check_name} 未通过：应为{expected}，实为{observed}'),
        '{check_name}', coalesce({{ check_name }}, '')),
        '{detail}', coalesce({{ check_detail(check_name) }}, '')),
        '{expected}', {{ zh_value(expected) }}),
        '{observed}', {{ zh_value(observed) }}),
        '{subject}', coalesce({{ subject }}, '')),
        '{message}', coalesce({{ message }}, ''))
{%- endmacro %}
