-- The canonical budget lines, plus every line the reports use that fits none of them.

with

canonical as (

    select * from {{ ref('budget_lines') }}

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
        line_group,
        true as is_canonical
    from canonical

),

other_lines as (

    select
        line_name,
        null as econ_code,
        null as parent_line,
        'other' as line_group,
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
    line_group,
    is_canonical

from all_lines
