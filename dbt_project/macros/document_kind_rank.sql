{#- Which report's figures a unit-level view takes when several reports of one unit and
    year state the same figure: the official disclosures (决算, 预算) first, then the
    unit's own performance report and form, then an evaluation; a kind not yet known last. -#}
{% macro document_kind_rank(document_kind) -%}
    case {{ document_kind }}
        when 'final_accounts' then 1
        when 'budget' then 2
        when 'overall_report' then 3
        when 'overall_form' then 4
        when 'evaluation_report' then 5
        else 6
    end
{%- endmacro %}
