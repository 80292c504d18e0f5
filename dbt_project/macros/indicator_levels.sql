{#- Indicator level names onto the Ministry of Finance performance-indicator framework.
    Reports word their levels freely (产出指标, 效果, 满意度指标（10分）…), so match keywords;
    the older 部门整体 framework's 投入/效果 are today's 决策/效益. -#}

{% macro level2_std(level2) -%}
    case
        when {{ level2 }} like '%经济效益%' then '经济效益'
        when {{ level2 }} like '%社会效益%' then '社会效益'
        when {{ level2 }} like '%生态效益%' or {{ level2 }} like '%环境效益%' then '生态效益'
        when {{ level2 }} like '%可持续%' then '可持续影响'
        when {{ level2 }} like '%满意%' then '满意度'
        when {{ level2 }} like '%数量%' then '数量'
        when {{ level2 }} like '%质量%' then '质量'
        when {{ level2 }} like '%时效%' or {{ level2 }} like '%进度%' then '时效'
        when {{ level2 }} like '%成本%' then '成本'
        else '其他'
    end
{%- endmacro %}

{#- A level-1 cell merged away (null) or worded oddly still has a home when its level 2
    says which branch of the framework it belongs to. -#}
{% macro level1_std(level1, level2) -%}
    case
        when {{ level1 }} like '%决策%' or {{ level1 }} like '%投入%' then '决策'
        when {{ level1 }} like '%预算执行%' then '预算执行'
        when {{ level1 }} like '%过程%' then '过程'
        when {{ level1 }} like '%产出%' then '产出'
        when {{ level1 }} like '%满意%' then '满意度'
        when {{ level1 }} like '%效益%' or {{ level1 }} like '%效果%' then '效益'
        when {{ level2_std(level2) }} in ('数量', '质量', '时效', '成本') then '产出'
        when {{ level2_std(level2) }} in ('经济效益', '社会效益', '生态效益', '可持续影响') then '效益'
        when {{ level2_std(level2) }} = '满意度' then '满意度'
        else '其他'
    end
{%- endmacro %}
