-- Staff counts ranked within (report, measure, staff type): a table before prose, then
-- by position in the file, so the same document always keeps the same count; of counts at
-- the same place (one sentence: '离退休人员46人（其中离休1人、退休45人）'), the largest, the whole.

with

counts as (

    select * from {{ ref('stg_headcounts') }}
    where headcount is not null

),

ranked as (

    select
        *,
        row_number() over grain as candidate_rank,
        first_value(headcount) over grain as kept_headcount,
        first_value(source_locator) over grain as kept_source_locator

    from counts
    window grain as (
        partition by report_id, measure, staff_type
        order by
            {{ source_rank('source_kind') }},
            {{ locator_position('source_locator') }},
            headcount desc
    )

)

select * from ranked
