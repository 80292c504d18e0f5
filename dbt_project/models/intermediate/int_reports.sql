-- Reports with the unit they belong to. A failed report has no trustworthy unit, so it
-- gets none: its facts (if any) cannot be attributed.

with

reports as (

    select * from {{ ref('stg_reports') }}

),

with_unit as (

    select
        *,
        case
            when status <> 'failed' and unit_name is not null
                then {{ surrogate_key('unit_name') }}
        end as unit_id

    from reports

)

select * from with_unit
