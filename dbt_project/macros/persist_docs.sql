{#- The yml's descriptions as comments in the DuckDB file, each led by its Chinese label
    (`meta.label_zh`), so a reader of the file alone (DuckDB CLI, DBeaver, a BI tool) sees
    both: `单位编号 | The government unit …`. dbt-duckdb's own persist_docs writes the
    description only; this replaces it for this project (dbt looks for a `duckdb__` macro
    in the root project first), and still uses dbt-duckdb's comment escaping. -#}

{% macro labelled_comment(label, description) -%}
    {%- set description = (description or '') | trim -%}
    {%- if label and description -%}
        {{ label }} | {{ description }}
    {%- elif label -%}
        {{ label }}
    {%- else -%}
        {{ description }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__persist_docs(relation, model, for_relation, for_columns) -%}
    {% if for_relation and config.persist_relation_docs() and model.description %}
        {% set comment = labelled_comment(model.meta.get('label_zh'), model.description) %}
        {% do run_query(duckdb__alter_relation_comment(relation, comment)) %}
    {% endif %}

    {% if for_columns and config.persist_column_docs() and model.columns %}
        {% set existing = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list %}
        {% set statements = [] %}
        {% for name, column in model.columns.items() if name | lower in existing %}
            {% set comment = labelled_comment((column.meta or {}).get('label_zh'), column.description) %}
            {% if comment %}
                {% do statements.append(
                    'comment on column ' ~ relation ~ '.' ~ adapter.quote(name)
                    ~ ' is ' ~ duckdb_escape_comment(comment) ~ ';'
                ) %}
            {% endif %}
        {% endfor %}
        {% if statements %}
            {% do run_query(statements | join('\n')) %}
        {% endif %}
    {% endif %}
{%- endmacro %}
