"""Tables printed without ruling lines, rebuilt from where their text stands on the page.

A table whose borders were turned off (or that a scanner lost) reaches the layout as lines of
text, each cut by wide gaps into segments: '年度资金  209.49  232.44  100%  10'. Laid out as
paragraphs, a row's cells run together and the table rules never see it. Here:

- a line's segments are its runs of text apart by a gap of at least a character's width;
- a table is a run of lines in which at least three lines hold three segments or more; its
  columns are where those segments start;
- each segment goes to the column it starts in. It continues the cell above it in that column
  (a wrapped cell, or a merged one whose text stands between rows) unless its line starts a
  row: a line with two or more segments that are not a cell's next line (more than
  `CELL_LINE_GAP` character heights below the text above them in their column), or with
  such a segment in the first column;
- the table ends at a gap of `TABLE_END_GAP` character heights, or at a line of one segment
  as wide as most of the table (a paragraph after it).

Pure: page items in, page items out, the same for text-layer and OCR pages.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_CELLS = 3  # segments of a line that may be a table's row
MIN_ROWS = 3  # such lines before a run of lines is taken for a table
CELL_LINE_GAP = 0.9  # a cell's next line stands at most this many character heights below it
TABLE_END_GAP = 2.5  # a gap that ends a table, in character heights
PARAGRAPH_WIDTH = 0.6  # a lone segment this wide (a share of the table's width) is a paragraph


@dataclass
class Segment:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


def rebuild(items: list, line_type: type, table_type: type) -> list:
    """A page's items (Line and TableItem, top to bottom) with runs of lines that align into
    columns replaced by a TableItem."""
    out: list = []
    run: list = []
    for item in items:
        if isinstance(item, line_type) and item.segments and _belongs(run, item):
            run.append(item)
            continue
        out.extend(_table_or_lines(run, table_type, at_top=not out))
        run = [item] if isinstance(item, line_type) and item.segments else []
        if not run:
            out.append(item)
    out.extend(_table_or_lines(run, table_type, at_top=not out))
    return out


def _belongs(run: list, line) -> bool:
    """Whether a line may continue a run of lines: no wide gap above it, and not a paragraph."""
    if not run:
        return True
    size = line.size or 10
    if line.top - max(item.bottom for item in run) > TABLE_END_GAP * size:
        return False
    width = max(item.x1 for item in run) - min(item.x0 for item in run)
    lone_paragraph = len(line.segments) == 1 and (line.x1 - line.x0) > PARAGRAPH_WIDTH * width
    return not (lone_paragraph and _rows_in(run) >= MIN_ROWS)


def _rows_in(lines: list) -> int:
    return sum(1 for line in lines if len(line.segments) >= MIN_CELLS)


def _table_or_lines(run: list, table_type: type, at_top: bool) -> list:
    """The run as a table when it holds enough lines of many cells, else as it was. Lines
    before the first line of many cells and after the last are left as lines, but for lines
    under its columns after it, and at the top of a page before it (a table running on from
    the page before, its next rows labels without figures: '1、业务工作专项')."""
    wide = [i for i, line in enumerate(run) if len(line.segments) >= MIN_CELLS]
    if len(wide) < MIN_ROWS:
        return run
    starts = _columns([run[i] for i in wide])
    # (a line of many segments out of step with the columns, before them, is no row: a form's
    # '填报单位：…   填报时间：…   单位：万元' above its table)
    while len(wide) >= MIN_ROWS and not _in_step(run[wide[0]], starts):
        wide.pop(0)
    if len(wide) < MIN_ROWS:
        return run
    first, last = wide[0], wide[-1]
    starts = _columns(run[first : last + 1])
    if len(starts) < 2:
        return run  # no two columns that two lines share: no table
    while last + 1 < len(run) and _under_a_column(run[last + 1], starts):
        last += 1  # a wrapped cell's last line, or label rows without figures, under the last row
    if at_top and first > 0 and all(_labels_only(line, starts) for line in run[:first]):
        first = 0
    body = run[first : last + 1]
    # (its sides are its first and last columns' starts: the same table's part on the next
    # page has the same, whatever its cells' lengths)
    table = table_type(_rows(body, starts), min(l.top for l in body), max(l.bottom for l in body), starts[0], starts[-1])
    return run[:first] + [table] + run[last + 1 :]


def _aligned(segment: Segment, starts: list[float], size: float) -> bool:
    """Whether a segment starts where one of the table's columns starts."""
    return any(abs(segment.x0 - start) <= size for start in starts)


def _in_step(line, starts: list[float]) -> bool:
    """Whether most of a line's segments start where the table's columns start."""
    aligned = sum(1 for s in line.segments if _aligned(s, starts, line.size or 10))
    return aligned * 2 > len(line.segments)


def _under_a_column(line, starts: list[float]) -> bool:
    return len(line.segments) < MIN_CELLS and all(_aligned(s, starts, line.size or 10) for s in line.segments)


def _labels_only(line, starts: list[float]) -> bool:
    """A line of one segment in the table's first column: a row's label without figures (not a
    title over the table, centred)."""
    return len(line.segments) == 1 and _aligned(line.segments[0], starts[:1], line.size or 10)


def _columns(lines: list) -> list[float]:
    """Where the columns start: the segment starts of the lines of many cells, a character's
    width together, each start seen in two lines or more."""
    size = max((line.size or 10) for line in lines)
    starts = sorted(s.x0 for line in lines if len(line.segments) >= MIN_CELLS for s in line.segments)
    groups: list[list[float]] = []
    for x in starts:
        if groups and x - groups[-1][-1] <= size:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [min(group) for group in groups if len(group) >= 2]


def _rows(lines: list, starts: list[float]) -> list[list[str]]:
    size = _character_height(lines)
    rows: list[list[list[str]]] = []
    last_in_column: dict[int, tuple[int, float]] = {}  # column -> (row, bottom) of its last text
    for line in sorted(lines, key=lambda l: l.top):
        placed = [(_column_of(s.x0, starts, size), s) for s in line.segments]
        fresh = {
            i for i, (c, s) in enumerate(placed)
            if c not in last_in_column or s.top - last_in_column[c][1] > CELL_LINE_GAP * size
        }
        # a row starts at a line of two new cells or more, or at a new cell in the first
        # column alone (a label's row without figures: '其中：1、压缩一般性支出')
        starts_row = len(fresh) >= 2 or not rows or any(placed[i][0] == 0 for i in fresh)
        if starts_row:
            rows.append([[] for _ in starts])
        for i, (column, segment) in enumerate(placed):
            new_cell = (starts_row and i in fresh) or column not in last_in_column
            row = len(rows) - 1 if new_cell else last_in_column[column][0]
            rows[row][column].append(segment.text)
            last_in_column[column] = (row, segment.bottom)
    return [["".join(cell) for cell in row] for row in rows]


def _character_height(lines: list) -> float:
    """The height of the table's characters, from its segments (an OCR line's size is its
    boxes' height, taller than the characters)."""
    heights = sorted(s.bottom - s.top for line in lines for s in line.segments)
    return heights[len(heights) // 2] if heights else max((line.size or 10) for line in lines)


def _column_of(x0: float, starts: list[float], size: float) -> int:
    """The column a segment starting at x0 is in: the last column starting at or before it."""
    column = 0
    for i, start in enumerate(starts):
        if x0 >= start - size:
            column = i
    return column
