{#- The rank of a statement's source (seed source_ranks: a table before prose), for the
    ranking models' order by; a scalar subquery so each model reads the one seed. -#}
{% macro source_rank(column) -%}
    coalesce((select source_rank from {{ ref('source_ranks') }} as ranks where ranks.ranked_source_kind = {{ column }}), 99)
{%- endmacro %}
