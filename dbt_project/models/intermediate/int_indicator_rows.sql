-- Indicator rows (the unit's own and each project form's) with the id of their wording and
-- the framework levels they map onto.

with

indicator_rows as (

    select * from {{ ref('stg_indicator_rows') }}

),

with_ids as (

    select
        *,
        {{ surrogate_key(['level1', 'level2', 'level3']) }} as indicator_id,
        {{ level1_std('level1', 'level2') }} as level1_std,
        {{ level2_std('level2') }} as level2_std

    from indicator_rows

)

select * from with_ids
