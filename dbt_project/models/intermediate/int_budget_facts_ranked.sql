-- Every budget figure with its rank among the figures for the same
-- (report, line, phase, spending_type): rank 1 goes to fct_budget, and any lower-ranked
-- figure that differs from it is a conflict for fct_data_quality.

with

facts as (

    select * from {{ ref('stg_budget_facts') }}
    where line_name is not null
        and amount_yuan is not null

),

split_by_a_table as (

    select distinct report_id, line_name, phase
    from facts
    where source_kind = 'table'
        and spending_type is not null

),

candidates as (

    -- a prose total for a line that a table splits into basic/project spending is not a
    -- rival of either half: the split already says it, more precisely (a 合计 column of
    -- the same table states the total itself and stays); whether the halves add up to a
    -- stated total is a reconciliation check
    select facts.*
    from facts
    left join split_by_a_table as split
        on facts.report_id = split.report_id
        and facts.line_name = split.line_name
        and facts.phase is not distinct from split.phase
    where not (
        facts.source_kind = 'prose'
        and facts.spending_type is null
        and split.report_id is not null
    )

),

ranked as (

    select
        *,
        row_number() over grain as candidate_rank,
        first_value(amount_yuan) over grain as kept_amount_yuan,
        first_value(source_locator) over grain as kept_source_locator

    from candidates
    window grain as (
        partition by report_id, line_name, phase, spending_type
        -- tables are more authoritative than prose; then the first place it is stated
        order by
            {{ source_rank('source_kind') }},
            ordinal nulls last,
            {{ locator_position('source_locator') }}
    )

)

select * from ranked
