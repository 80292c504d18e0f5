"""Rebuild a flattened table's grid: which header labels sit above each column.

Word writes a horizontally merged cell once, so an upper header row can have fewer cells
than the rows below it. The cells of the row below tell where each upper cell sits: a
blank below means the upper cell spans down alone there; a run of labelled cells below
is shared among the upper cells, split where a new total column (合计/小计) begins.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from pipelines.normalize.lines import is_total_word
from pipelines.normalize.numbers import is_figure  # the extractors import it from here too
from pipelines.normalize.text import GOVERNMENT_LEVEL, squash


_PLACEHOLDER = re.compile(r"^[\s\-—－–/／\\…·.。]*$|^(?:无|空|不适用|N/?A)$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def is_placeholder(cell: str) -> bool:
    """'—', '/', '……', '无': a cell that holds nothing."""
    return bool(_PLACEHOLDER.match(cell or ""))


_LONG_HEADER = 24  # longer header cells are notes, not column names


def header_columns(cells: list[str], vocabulary) -> dict[str, int] | None:
    """{role: column} for a header row, each role taking the first cell its pattern finds
    and each cell one role; vocabulary is (role, pattern) pairs in order of precedence."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if not cell or len(cell) > _LONG_HEADER:
            continue
        for role, pattern in vocabulary:
            if role not in found and pattern.search(cell):
                found[role] = i
                break
    return found or None


_CODE = re.compile(r"^\d{3,9}$")


def is_code(row: list[str], col: int) -> bool:
    """A classification code (301, 30201, 2010101) just before its name, not a figure."""
    cell = (row[col] or "").strip()
    if not _CODE.match(cell) or col + 1 >= len(row):
        return False
    name = row[col + 1]
    return bool(name) and not is_figure(name) and not is_placeholder(name)


def row_kind(row: list[str]) -> str:
    """'data' (holds a figure), 'header' (two or more labels, no figure) or 'other'."""
    if any(is_figure(cell) for cell in row[1:]):
        return "data"
    if any(len(cell) > 40 for cell in row):
        return "other"  # sentences (a form's goals, remarks) are not header labels
    return "header" if sum(1 for cell in row if cell) >= 2 else "other"


def expand_header_row(upper: list[str], below: list[str], width: int) -> list[str]:
    """Spread an upper header row of merged cells over `width` columns, guided by `below`."""
    if len(upper) >= width:
        return upper[:width]
    segments = _segments(below)  # [(first_col, last_col, is_run)]
    runs = [s for s in segments if s[2]]
    cells_for_runs = len(upper) - (len(segments) - len(runs))
    if cells_for_runs < len(runs) or not runs:
        return upper + [""] * (width - len(upper))
    groups_per_run = _share(runs, below, cells_for_runs)
    out: list[str] = []
    cells = iter(upper)
    run_index = 0
    for first, last, is_run in segments:
        if not is_run:
            out.append(next(cells, ""))
            continue
        for group in _split_run(first, last, below, groups_per_run[run_index]):
            out.extend([next(cells, "")] * len(group))
        run_index += 1
    return out[:width] + [""] * (width - len(out))


def _segments(below: list[str]) -> list[tuple[int, int, bool]]:
    segments: list[tuple[int, int, bool]] = []
    col = 0
    while col < len(below):
        if not below[col]:
            segments.append((col, col, False))
            col += 1
            continue
        start = col
        while col < len(below) and below[col]:
            col += 1
        segments.append((start, col - 1, True))
    return segments


def _total_starts(first: int, last: int, below: list[str]) -> list[int]:
    return [c for c in range(first + 1, last + 1) if is_total_word(below[c])]


def _share(runs, below, cells: int) -> list[int]:
    wanted = [1 + len(_total_starts(first, last, below)) for first, last, _ in runs]
    if sum(wanted) == cells:
        return wanted
    shares = [1] * len(runs)
    longest = max(range(len(runs)), key=lambda i: runs[i][1] - runs[i][0])
    shares[longest] += cells - len(runs)
    return shares


def _split_run(first: int, last: int, below: list[str], groups: int) -> list[list[int]]:
    cols = list(range(first, last + 1))
    if groups <= 1:
        return [cols]
    starts = _total_starts(first, last, below)
    if len(starts) == groups - 1:
        bounds = [first, *starts, last + 1]
    else:  # no total columns to go by: split evenly
        size = len(cols) / groups
        bounds = [first + round(i * size) for i in range(groups)] + [last + 1]
    return [list(range(bounds[i], bounds[i + 1])) for i in range(groups)]


@dataclass
class HeaderBlock:
    """Consecutive header rows, expanded to the table's width: labels[col] is top-down."""

    rows: list[int]
    grid: list[list[str]]

    def labels(self, col: int) -> list[str]:
        path: list[str] = []
        for row in self.grid:
            label = row[col] if col < len(row) else ""
            if label and (not path or path[-1] != label):
                path.append(label)
        return path

    @property
    def text(self) -> str:
        return " ".join(cell for row in self.grid for cell in row if cell)


def build_header(rows: list[list[str]], indexes: list[int], width: int) -> HeaderBlock:
    """Expand a block of header rows bottom-up, each guided by the expanded row beneath it."""
    # (the last two header rows: a note row above them, '主管部门: | 单位:万元', heads no column)
    broken_down = _broken_down_label(rows, indexes[-2:])
    if broken_down is not None:
        return _breakdown_grid(rows[indexes[-2]], rows[indexes[-1]], broken_down, indexes[-2:], width)
    grid: list[list[str]] = []
    below: list[str] | None = None
    for index in reversed(indexes):
        row = rows[index]
        if below is None and (
            index != indexes[0] and _under_a_merged_label(rows[indexes[0]], row, width) or _over_figures_alone(row, width)
        ):
            expanded = [""] * (width - len(row)) + row  # '项目' above spans this row: its cells stand right of it
        elif below is None:
            expanded = row[:width] + [""] * (width - len(row))
        else:
            expanded = expand_header_row(row, below, width)
        grid.insert(0, expanded)
        below = expanded
    return HeaderBlock(indexes, grid)


def _broken_down_label(rows: list[list[str]], indexes: list[int]) -> int | None:
    """Which top label a two-row header's bottom row breaks down, when it opens on 小计 and its
    other labels all start with that label's words ('合计 | 因公出国(境)费 | 公务用车费 | 公务接待费'
    over '小计 | 公务用车运行维护费 | 公务用车购置费': the bottom row stands under 公务用车费)."""
    if len(indexes) != 2:
        return None
    top, bottom = [squash(c) for c in rows[indexes[0]]], [squash(c) for c in rows[indexes[1]]]
    if len(top) > len(bottom) >= 2 and all(_LEVEL_OF_GOVERNMENT.match(c) for c in bottom):
        # '… | 预算数(调整后) | 执行数 | …' over '中央 | 省级 | 市级 | 区级': each level's share of the budget
        return next((j for j, label in enumerate(top) if "预算" in label), None)
    common = os.path.commonprefix(bottom)
    if len(top) > len(bottom) >= 2 and len(common) >= 2 and common in top[-1]:
        # '… | 比上年增、减情况' over '增、减金额 | 增、减幅度': the bottom row breaks down the last label
        return len(top) - 1
    if len(top) < 2 or len(bottom) < 3 or bottom[0] != "小计":
        return None
    shared = os.path.commonprefix(bottom[1:])
    if len(shared) < 2:
        return None
    return next((j for j, label in enumerate(top) if label.startswith(shared)), None)


_LEVEL_OF_GOVERNMENT = re.compile(rf"^{GOVERNMENT_LEVEL}级?(?:资金|财政)?$")


def _breakdown_grid(top: list[str], bottom: list[str], j: int, indexes: list[int], width: int) -> HeaderBlock:
    """The top label j spread over the bottom row's cells, the labels after it moved right; the
    table is as wide as the header says though a data row may have lost its last, empty cells."""
    upper = top[:j] + [top[j]] * len(bottom) + top[j + 1 :]
    lower = [""] * j + bottom + [""] * (len(top) - j - 1)
    width = max(width, len(upper))
    return HeaderBlock(indexes, [row + [""] * (width - len(row)) for row in (upper, lower)])


_LABEL_COLUMN = re.compile(r"^(?:项\s*目|科\s*目|名\s*称|支出项目|收入项目|科目名称|项目名称)$")


_FIGURE_COLUMN = re.compile(r"(?:预算|决算|执行|完成)数$")


def _over_figures_alone(row: list[str], width: int) -> bool:
    """A bottom header row one cell short of the table that opens on a figure's column
    ('年初预算数 | 全年预算数 | 全年执行数 | …' over '年度资金总额 | 329.77 | …'): the page lost the
    empty cell over the row labels, so its cells stand right of them."""
    return len(row) == width - 1 and bool(row) and bool(_FIGURE_COLUMN.search(squash(row[0])))


def _under_a_merged_label(top: list[str], row: list[str], width: int) -> bool:
    """A header block's bottom row under a top row that opens on the label column's word ('项目 |
    预算数 | 决算数' over '合计 | 一般公共预算 | … '): a page that lost the merged cell writes the
    bottom row without it, one cell short of the table."""
    return (
        len(row) == width - 1 and bool(top) and bool(_LABEL_COLUMN.match(top[0].strip()))
        and not _LABEL_COLUMN.match(row[0].strip())
    )


def table_width(rows: list[list[str]]) -> int:
    return max(len(row) for row in rows)


def iter_blocks(rows: list[list[str]]):
    """Yield (header, data_row_indexes) for each header block and the data rows under it."""
    width = table_width(rows)
    header_rows: list[int] = []
    data_rows: list[int] = []
    previous = None
    for index, row in enumerate(rows):
        kind = row_kind(row)
        if kind == "header":
            if previous != "header":
                if header_rows or data_rows:
                    yield build_header(rows, header_rows, width), data_rows
                header_rows, data_rows = [], []
            header_rows.append(index)
        elif kind == "data":
            data_rows.append(index)
        previous = kind
    if header_rows or data_rows:
        yield build_header(rows, header_rows, width), data_rows
