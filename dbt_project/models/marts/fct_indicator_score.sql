with

indicator_rows as (

    select * from {{ ref('int_indicator_rows') }}
    where {{ in_changed_reports() }}
    -- one row per position of each table (the unit's own, each project's), whatever
    -- extraction repeated: the first in the file (by its numeric position, then its wording)
    qualify row_number() over (
        partition by report_id, project_name, row_seq
        order by {{ locator_position('source_locator') }}, level3, target_text, actual_text
    ) = 1

),

reports as (

    select * from {{ ref('int_reports') }}

),

joined as (

    select
        ----------  ids
        indicator_rows.report_id,
        reports.unit_id,
        indicator_rows.indicator_id,

        ---------- dimensions
        reports.fiscal_year,
        indicator_rows.project_name,
        indicator_rows.row_seq,
        indicator_rows.level1,
        indicator_rows.level2,
        indicator_rows.level3,

        ---------- text
        indicator_rows.target_text,
        indicator_rows.actual_text,
        indicator_rows.deviation_reason,

        ---------- numerics
        indicator_rows.weight,
        indicator_rows.score,

        ---------- provenance
        indicator_rows.source_locator

    from indicator_rows
    inner join reports
        on indicator_rows.report_id = reports.report_id

)

select * from joined
