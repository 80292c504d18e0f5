-- Project figures ranked within (report, project, phase, fund source). A row that names no
-- fund source is about the project's whole funds (年度资金总额, `total`). Figures with an
-- amount rank first, as a score-only row may sit beside the amount row of the same project;
-- then a table before prose, then the first by position in the file; of figures at the
-- same place ('项目资金120万元，其中中央资金80万元' read for one fund source), the largest, the
-- whole, so the same document always keeps the same figure.

with

facts as (

    select
        * exclude (fund_source),
        coalesce(fund_source, 'total') as fund_source

    from {{ ref('stg_project_facts') }}
    where project_name is not null

),

ranked as (

    select
        *,
        row_number() over grain as candidate_rank,
        first_value(amount_yuan) over grain as kept_amount_yuan,
        first_value(source_locator) over grain as kept_source_locator

    from facts
    window grain as (
        partition by report_id, project_name, phase, fund_source
        order by
            (amount_yuan is null)::int,
            {{ source_rank('source_kind') }},
            {{ locator_position('source_locator') }},
            amount_yuan desc
    )

)

select * from ranked
