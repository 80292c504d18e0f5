{#- Rows where an arithmetic invariant does not hold (dbt_utils has this test, but packages
    cannot be downloaded here). Used with severity warn for reconciliations: a report that
    contradicts itself is data to flag, not a reason to stop the build. -#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not ({{ expression }})

{% endtest %}
