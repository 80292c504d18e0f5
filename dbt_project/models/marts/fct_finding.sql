with

findings as (

    select * from {{ ref('stg_findings') }}
    where text is not null
        and {{ in_changed_reports() }}
    -- one row per place in the list, whatever extraction repeated: the first in the file
    -- (by its numeric position, then its text)
    qualify row_number() over (
        partition by report_id, kind, seq order by {{ locator_position('source_locator') }}, text
    ) = 1

),

reports as (

    select * from {{ ref('int_reports') }}

),

joined as (

    select
        ----------  ids
        findings.report_id,
        reports.unit_id,

        ---------- dimensions
        reports.fiscal_year,
        findings.kind,
        findings.seq,

        ---------- text
        findings.text,

        ---------- provenance
        findings.source_locator

    from findings
    inner join reports
        on findings.report_id = reports.report_id

)

select * from joined
