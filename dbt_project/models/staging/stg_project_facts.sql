with

source as (

    select * from {{ source('staging', 'project_facts') }}

),

renamed as (

    select

        ----------  ids
        report_id,

        ---------- project
        project_name,
        department,
        implementing_unit,
        fund_source,
        phase,

        ---------- numerics
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,
        cast(execution_rate_stated as double) as execution_rate_stated_percent,
        cast(row_weight as double) as row_weight,
        cast(row_score as double) as row_score,

        ---------- the project's evaluation
        cast(score as double) as score,
        cast(max_score as double) as max_score,
        grade,

        ---------- provenance
        source_kind,
        source_locator,
        source_excerpt

    from source

)

select * from renamed
