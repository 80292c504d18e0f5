with

units as (

    select * from {{ ref('int_units') }}

),

unknown_member as (

    -- the unit of every report that names none, failed, or is not a report
    select
        {{ unknown_unit_id() }} as unit_id,
        {{ unknown_unit_name() }} as unit_name,
        cast(null as varchar) as province,
        cast(null as varchar) as city,
        cast(null as varchar) as county,
        cast(null as varchar) as admin_level,
        cast(null as varchar) as admin_code,
        true as is_unknown

),

reported_units as (

    -- the units reports name, and the unknown members of the regions they name
    select
        unit_id,
        unit_name,
        province,
        city,
        county,
        admin_level,
        admin_code,
        is_unknown

    from units

),

all_units as (

    select * from reported_units
    union all
    select * from unknown_member

)

select * from all_units
