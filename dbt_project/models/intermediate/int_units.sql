-- One row per unit (division code and normalised name) of the reports that name one.
-- Several reports (years) of one unit may describe its region with more or less detail;
-- keep the most complete description, newest first among equals. The unknown unit is
-- added in dim_unit.

with

reports as (

    select * from {{ ref('int_reports') }}
    where unit_id <> {{ unknown_unit_id() }}

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
                (admin_level is not null)::int
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
