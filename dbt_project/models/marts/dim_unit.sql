with

units as (

    select * from {{ ref('int_units') }}

)

select
    unit_id,
    unit_name,
    province,
    city,
    county,
    admin_level,
    admin_code

from units
