with

source as (

    select * from {{ source('staging', 'budget_facts') }}

),

renamed as (

    select

        ----------  ids
        report_id,

        ---------- line
        line_name,
        line_raw,
        is_canonical,
        phase,
        spending_type,

        ---------- numerics
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,

        ---------- provenance
        source_kind,
        source_locator,
        source_excerpt,
        cast(ordinal as integer) as ordinal

    from source

)

select * from renamed
