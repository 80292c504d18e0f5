{#- The Chinese words for the marts' coded values, for messages written in Chinese. A value
    without a word here is shown as it is. -#}

{% macro phase_zh(phase) -%}
    case {{ phase }}
        when 'budget' then '年初预算'
        when 'adjusted' then '全年预算'
        when 'final' then '决算'
        when 'prior_final' then '上年决算'
        else {{ phase }}
    end
{%- endmacro %}

{% macro spending_type_zh(spending_type) -%}
    case {{ spending_type }}
        when 'basic' then '基本支出'
        when 'project' then '项目支出'
        else {{ spending_type }}
    end
{%- endmacro %}

{% macro fund_source_zh(fund_source) -%}
    case {{ fund_source }}
        when 'total' then '年度资金总额'
        when 'fiscal' then '财政拨款'
        when 'carryover' then '上年结转'
        when 'other' then '其他资金'
        else {{ fund_source }}
    end
{%- endmacro %}

{% macro measure_zh(measure) -%}
    case {{ measure }}
        when 'authorized' then '编制'
        when 'actual' then '实有'
        when 'retired' then '离退休'
        else {{ measure }}
    end
{%- endmacro %}

{% macro staff_type_zh(staff_type) -%}
    case {{ staff_type }}
        when 'total' then ''
        when 'administrative' then '行政'
        when 'institutional' then '事业'
        when 'logistics' then '工勤'
        else {{ staff_type }}
    end
{%- endmacro %}
