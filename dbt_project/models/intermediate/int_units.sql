-- One row per unit. Several reports (years) of one unit may describe its region with more
-- or less detail; keep the most complete description, newest first among equals.

with

reports as (

    select * from {{ ref('int_reports') }}
    where unit_id is not null

),

ranked as (

    select
        unit_id,
        unit_name,
        province,
        city,
        county,
        admin_level,
        admin_code,
        row_number() over (
            partition by unit_id
            order by
                (admin_code is not null)::int
                + (admin_level is not null)::int
                + (province is not null)::int
                + (city is not null)::int desc,
                fiscal_year desc nulls last,
                report_id
        ) as completeness_rank

    from reports

),

units as (

    select * exclude (completeness_rank)
    from ranked
    where completeness_rank = 1

)

select * from units
