-- Reports with the unit they belong to. A failed report has no trustworthy unit, so it
-- gets none: its facts (if any) cannot be attributed. A duplicate names the file it repeats.

with

reports as (

    select * from {{ ref('stg_reports') }}

),

duplicates as (

    select * from {{ ref('stg_report_duplicates') }}

),

with_unit as (

    select
        reports.*,
        duplicates.duplicate_of,
        case
            when status <> 'failed' and unit_name is not null
                then {{ surrogate_key('unit_name') }}
        end as unit_id

    from reports
    left join duplicates using (report_id)

)

select * from with_unit
