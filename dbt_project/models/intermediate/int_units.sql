-- One row per unit (division code and normalised name) of the reports that name one, and
-- one unknown member per region of the reports that name a region but no unit. Several
-- reports (years) of one unit may describe its region with more or less detail; keep the
-- most complete description, newest first among equals. The unknown unit of reports that
-- name neither is added in dim_unit.

with

reports as (

    select * from {{ ref('int_reports') }}
    where unit_id <> {{ unknown_unit_id() }}

),

ranked as (

    select
        unit_id,
        coalesce(unit_name, {{ unknown_unit_name() }}) as unit_name,
        unit_name is null as is_unknown,
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
