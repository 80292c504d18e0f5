{#- Where each layer lives. Marts go to schema `marts` exactly, as the contract says (dbt's
    default would prefix the target schema: `main_marts`). The dbt staging and intermediate
    views and the seeds get schemas of their own, out of `main`, and not `staging`: that is
    the schema the pipeline's load step writes the raw extracted tables into (source
    `staging`, pipelines/load/staging.py), which dbt must never write over.

    The layer schemas are chosen here from the model's folder rather than with `+schema` in
    dbt_project.yml on purpose: a configured schema becomes part of the Dagster asset key
    (dagster-dbt keys a model as [schema, name] when it has one), and the staging models'
    keys (`stg_reports` …) are what the Dagster code and its lineage refer to. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set layer_schemas = {'staging': 'dbt_staging', 'intermediate': 'dbt_intermediate'} -%}
    {%- if custom_schema_name is not none -%}
        {{ custom_schema_name | trim }}
    {%- elif node.resource_type == 'seed' -%}
        dbt_seeds
    {%- elif node.resource_type == 'model' and node.fqn | length > 2 and node.fqn[1] in layer_schemas -%}
        {{ layer_schemas[node.fqn[1]] }}
    {%- else -%}
        {{ target.schema }}
    {%- endif -%}
{%- endmacro %}
