{{ config(materialized='view') }}

-- The 三公经费 per unit, figure year and phase: the total and each part. The lines are
-- found through budget_lines.csv (dim_budget_line.is_three_public): the 三公 lines
-- themselves and the economic lines that are also part of them (also_part_of: 公务接待费,
-- 公务用车运行维护费). Amounts come from the unit's own documents (int_unit_line_amounts).
-- The total is the stated 三公经费合计; when a report does not state it, the sum of the
-- parts, but only when every part is stated (a part left out is never taken as zero).

with

three_public_lines as (

    select line_name
    from {{ ref('dim_budget_line') }}
    where is_three_public

),

amounts as (

    select amounts.*
    from {{ ref('int_unit_line_amounts') }} as amounts
    inner join three_public_lines
        on amounts.line_name = three_public_lines.line_name

),

units as (

    select * from {{ ref('dim_unit') }}

),

reports as (

    select report_id, fiscal_year from {{ ref('dim_report') }}

),

pivoted as (

    select
        amounts.unit_id,
        amounts.figure_year,
        amounts.phase,
        max(amounts.amount_yuan) filter (where amounts.line_name = '三公经费合计') as stated_total_yuan,
        max(amounts.amount_yuan) filter (where amounts.line_name = '因公出国（境）费') as outbound_travel_yuan,
        max(amounts.amount_yuan) filter (where amounts.line_name = '公务用车购置及运行维护费') as stated_vehicle_yuan,
        max(amounts.amount_yuan) filter (where amounts.line_name = '公务用车购置费') as vehicle_purchase_yuan,
        max(amounts.amount_yuan) filter (where amounts.line_name = '公务用车运行维护费') as vehicle_operation_yuan,
        max(amounts.amount_yuan) filter (where amounts.line_name = '公务接待费') as reception_yuan,
        min(reports.fiscal_year) as fiscal_year,
        string_agg(distinct amounts.report_id, ',' order by amounts.report_id) as report_ids
    from amounts
    inner join reports
        on amounts.report_id = reports.report_id
    group by amounts.unit_id, amounts.figure_year, amounts.phase

),

with_totals as (

    select
        *,
        coalesce(stated_vehicle_yuan, vehicle_purchase_yuan + vehicle_operation_yuan) as vehicle_yuan
    from pivoted

),

joined as (

    select
        ----------  the unit
        with_totals.unit_id,
        units.unit_name,
        units.province,
        units.city,
        units.county,

        ---------- the year and phase
        with_totals.fiscal_year,
        with_totals.figure_year,
        with_totals.phase,

        ---------- amounts
        coalesce(
            with_totals.stated_total_yuan,
            with_totals.outbound_travel_yuan + with_totals.vehicle_yuan + with_totals.reception_yuan
        ) as total_yuan,
        with_totals.outbound_travel_yuan,
        with_totals.vehicle_yuan,
        with_totals.vehicle_purchase_yuan,
        with_totals.vehicle_operation_yuan,
        with_totals.reception_yuan,

        ---------- provenance
        case
            when with_totals.stated_total_yuan is not null then 'stated'
            when with_totals.outbound_travel_yuan + with_totals.vehicle_yuan + with_totals.reception_yuan is not null
                then 'sum of parts'
        end as total_basis,
        with_totals.report_ids

    from with_totals
    inner join units
        on with_totals.unit_id = units.unit_id

)

select * from joined
