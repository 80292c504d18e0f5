-- The canonical budget lines with their depth in the parent_line hierarchy, and whether
-- they count toward the 三公经费: by their own group, or through also_part_of (公务接待费
-- and 公务用车运行维护费 are economic lines that are also parts of the 三公经费).

with recursive

canonical as (

    select * from {{ ref('budget_lines') }}

),

levels as (

    -- lines at the top: no parent
    select
        line_name,
        0 as line_level
    from canonical
    where parent_line is null

    union all

    -- their parts, one level deeper (depth bounded: a cycle in the seed cannot loop)
    select
        canonical.line_name,
        levels.line_level + 1
    from canonical
    inner join levels
        on canonical.parent_line = levels.line_name
    where levels.line_level < 10

),

three_public_tree as (

    -- the 三公经费 lines, then every line that is part of one of them by either hierarchy
    select line_name
    from canonical
    where line_group = 'three_public'

    union

    select canonical.line_name
    from canonical
    inner join three_public_tree
        on canonical.also_part_of = three_public_tree.line_name
        or canonical.parent_line = three_public_tree.line_name

),

with_levels as (

    select
        canonical.line_name,
        canonical.econ_code,
        canonical.parent_line,
        canonical.also_part_of,
        canonical.line_group,
        levels.line_level,
        canonical.line_name in (select line_name from three_public_tree) as is_three_public

    from canonical
    left join levels
        on canonical.line_name = levels.line_name

)

select * from with_levels
