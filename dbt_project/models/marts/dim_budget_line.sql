-- The canonical budget lines, plus every line the reports use that fits none of them.

with

canonical as (

    select * from {{ ref('int_budget_lines') }}

),

lines_in_facts as (

    select distinct line_name
    from {{ ref('stg_budget_facts') }}
    where line_name is not null

),

canonical_lines as (

    select
        line_name,
        econ_code,
        parent_line,
        also_part_of,
        line_group,
        line_level,
        is_three_public,
        true as is_canonical
    from canonical

),

other_lines as (

    -- a line outside the canonical list has no known place in its hierarchy: no level
    select
        line_name,
        cast(null as varchar) as econ_code,
        cast(null as varchar) as parent_line,
        cast(null as varchar) as also_part_of,
        'other' as line_group,
        cast(null as integer) as line_level,
        false as is_three_public,
        false as is_canonical
    from lines_in_facts
    where line_name not in (select line_name from canonical)

),

all_lines as (

    select * from canonical_lines
    union all
    select * from other_lines

)

select
    {{ surrogate_key('line_name') }} as budget_line_id,
    line_name,
    econ_code,
    parent_line,
    also_part_of,
    line_group,
    line_level,
    is_three_public,
    is_canonical

from all_lines
