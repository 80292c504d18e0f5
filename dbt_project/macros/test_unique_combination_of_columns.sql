{#- The grain of a table: no two rows share these columns (nulls count as equal, as in a
    group by). dbt_utils has this test, but packages cannot be downloaded here. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

select
    {{ combination_of_columns | join(', ') }},
    count(*) as rows_sharing_the_grain
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1

{% endtest %}
