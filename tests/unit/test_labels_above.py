"""pipelines.extract.labels_above: the lines over a table's column groups, from the header
cells a page wrote above it one per line.

Rules covered, one row each with a near miss:
- a wrapped cell's halves join, the second to the first ('因公出国' + '(境)费') or the first to
  the second ('公务用车' + '购置费');
- '合计' under a caption that names a line with parts is that line's column;
- a spanning cell over its '小计' and its parts opens into its own column (the 小计) and the parts';
- text above the header (a table's title, its unit note) is no column;
- lines that do not name as many groups as the table has give nothing.
"""

from __future__ import annotations

import pytest

from pipelines.extract.labels_above import leaf_lines

THREE_PUBLIC = ["一般公共预算财政拨款“三公”经费支出决算表", "单位：万元", "一般公共预算财政拨款“三公”经费", "合计",
                "因公出国", "(境)费", "公务用车购置及运行维护费", "公务接待费", "小计", "公务用车", "购置费", "公务用车",
                "运行维护费"]


@pytest.mark.parametrize(
    ("lines", "leaves", "expected"),
    [
        (THREE_PUBLIC, 6, ["三公经费合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费",
                           "公务接待费"]),
        # without the spanning cell's second row: its line is one group
        (["“三公”经费", "合计", "因公出国(境)费", "公务用车购置及运行维护费", "公务接待费"], 4,
         ["三公经费合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"]),
        # near misses: a count of groups the lines do not give; a 合计 with no line above it
        (THREE_PUBLIC, 4, None),
        (["合计", "公务接待费"], 2, None),
    ],
)
def test_leaf_lines(lines, leaves, expected):
    assert leaf_lines(lines, leaves) == expected
