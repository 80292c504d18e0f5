-- Reports with the unit they belong to and the key of the document they are. A failed
-- file, or one that is not a report, has no trustworthy unit: it goes to the unknown unit,
-- as does a report that names none (to its region's unknown member when it names its
-- region), so joins to dim_unit keep every report. A duplicate
-- names the file it repeats.

with

reports as (

    select * from {{ ref('stg_reports') }}

),

duplicates as (

    select * from {{ ref('stg_report_duplicates') }}

),

normalised as (

    select
        reports.*,
        duplicates.duplicate_of,
        {{ normalised_name('reports.unit_name') }} as unit_name_normalised,
        {{ normalised_name('reports.title') }} as title_normalised

    from reports
    left join duplicates using (report_id)

),

named as (

    -- the unit's name as a key: without the province written before it, which one year's
    -- report writes and another's leaves out ('四川省绵阳市某某局', '绵阳市某某局'; a party
    -- committee's '中共' stays), so that both years are one unit
    select
        *,
        coalesce(
            nullif(regexp_replace(unit_name_normalised, '^(中共|中国共产党)?' || province, '\1'), ''),
            unit_name_normalised
        ) as unit_name_key

    from normalised

),

keyed as (

    select
        * exclude (unit_name_normalised, title_normalised, unit_name, unit_name_key),

        ---------- the unit
        unit_name_normalised as unit_name,
        case
            when status in ('failed', 'not_a_report')
                or (unit_name_normalised is null and admin_code is null)
                then {{ unknown_unit_id() }}
            when unit_name_normalised is null
                then {{ region_unknown_unit_id('admin_code') }}
            else {{ surrogate_key(['admin_code', 'unit_name_key']) }}
        end as unit_id,

        ---------- the document, whatever file it came in
        case
            when unit_name_normalised is null and title_normalised is null
                then {{ surrogate_key(["'file'", 'source_file']) }}
            else {{ surrogate_key(['unit_name_key', 'fiscal_year', 'document_kind', 'title_normalised']) }}
        end as report_key

    from named

)

select * from keyed
