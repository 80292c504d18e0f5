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
        phase,

        ---------- numerics
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,
        cast(score as double) as score,
        grade,

        ---------- provenance
        source_locator,
        source_excerpt

    from source

)

select * from renamed
