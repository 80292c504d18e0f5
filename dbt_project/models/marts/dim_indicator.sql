with

indicator_rows as (

    select * from {{ ref('int_indicator_rows') }}

),

wordings as (

    select distinct
        indicator_id,
        level1,
        level2,
        level3,
        level1_std,
        level2_std

    from indicator_rows

)

select * from wordings
