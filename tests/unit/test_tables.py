"""pipelines.extract.tables: a flattened table's grid (which header labels sit over each column).

Rules covered, one row each with a near miss:
- is_placeholder: dashes, slashes, ellipses, 无/空/不适用/N/A hold nothing; 0 and words do;
- header_columns: each role takes the first cell its pattern finds, each cell one role, cells
  longer than 24 characters (notes) are skipped, no role found → None;
- is_code: a 3-9 digit classification code just before a name, not before a figure/placeholder;
- row_kind: a figure after the first cell → data; two or more labels → header; a cell longer
  than 40 characters (a sentence) or a single label → other;
- expand_header_row: an upper row of merged cells spread over the columns below, split where a
  new 合计 column begins, blanks below taking one upper cell each; too few upper cells → padded;
- build_header / HeaderBlock.labels: the top-down labels of a column, repeated ones once;
- iter_blocks: a new header block after data rows starts a new (header, data) pair.
"""

from __future__ import annotations

import re

import pytest

from pipelines.extract.tables import (
    build_header,
    expand_header_row,
    header_columns,
    is_code,
    is_placeholder,
    iter_blocks,
    row_kind,
    table_width,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("—", True), ("/", True), ("……", True), ("无", True), ("不适用", True), ("N/A", True), ("", True),
        (" ", True),
        # near misses: a zero is a figure, 无锡 a word that starts like 无
        ("0", False), ("无锡", False), ("-5", False), ("空调", False),
    ],
)
def test_is_placeholder(cell, expected):
    assert is_placeholder(cell) is expected


VOCABULARY = [("budget", re.compile("预算")), ("final", re.compile("决算|执行"))]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["项目", "年初预算数", "决算数"], {"budget": 1, "final": 2}),
        # each role takes its first cell; a cell naming both takes the first role in order
        (["项目", "年初预算数", "决算数", "预算执行情况"], {"budget": 1, "final": 2}),
        (["项目", "预算执行数", "决算数"], {"budget": 1, "final": 2}),
        # near miss: a long note is not a column name
        (["项目", "本表反映本单位年初预算数的情况，包括一般公共预算和政府性基金预算", "决算数"], {"final": 2}),
        (["项目", "收入"], None),
    ],
)
def test_header_columns(cells, expected):
    assert header_columns(cells, VOCABULARY) == expected


@pytest.mark.parametrize(
    ("row", "col", "expected"),
    [
        (["301", "工资福利支出", "100"], 0, True),
        (["2010101", "行政运行", "100"], 0, True),
        # near misses
        (["301", "100", "200"], 0, False),  # a figure before a figure is money
        (["30", "工资福利支出"], 0, False),  # two digits are no code
        (["301", "—"], 0, False),
        (["301"], 0, False),  # nothing after it
    ],
)
def test_is_code(row, col, expected):
    assert is_code(row, col) is expected


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        (["收入合计", "100", "90"], "data"),
        (["执行率", "", "95%"], "data"),
        (["项目", "预算数", "决算数"], "header"),
        # near misses
        (["备注", ""], "other"),  # a single label
        (["一、收入"], "other"),
        (["说明", "本单位" * 14], "other"),  # a 42-character sentence is no header label
    ],
)
def test_row_kind(row, kind):
    assert row_kind(row) == kind


@pytest.mark.parametrize(
    ("upper", "below", "width", "expanded"),
    [
        # split where a new 合计 column begins
        (["项目", "本年收入", "本年支出"], ["", "合计", "财政拨款", "其他", "合计", "基本支出", "项目支出"], 7,
         ["项目", "本年收入", "本年收入", "本年收入", "本年支出", "本年支出", "本年支出"]),
        (["项目", "收入", "支出"], ["", "合计", "财政拨款", "合计", "基本支出"], 5,
         ["项目", "收入", "收入", "支出", "支出"]),
        # a blank below: the upper cell spans down alone there
        (["项目", "X", "Y", "Z"], ["", "a", "b", "", "c", "d", "e"], 7, ["项目", "X", "X", "Y", "Z", "Z", "Z"]),
        # near misses: a row as wide as the table is kept; too few upper cells are padded, not spread
        (["项目", "预算数", "决算数"], ["", "a", "b"], 3, ["项目", "预算数", "决算数"]),
        (["项目"], ["", "a", "b"], 3, ["项目", "", ""]),
    ],
)
def test_expand_header_row(upper, below, width, expanded):
    assert expand_header_row(upper, below, width) == expanded


def test_header_labels_are_read_top_down_and_a_repeated_label_once():
    header = build_header([["收入", "收入"], ["收入", "财政拨款"]], [0, 1], 2)
    assert header.labels(0) == ["收入"]
    assert header.labels(1) == ["收入", "财政拨款"]


def test_a_bottom_header_row_one_cell_short_under_a_merged_label_stands_right_of_it():
    """'项目 | 预算数 | 决算数' over '合计 | 一般公共预算 | 合计 | 一般公共预算': the page lost the merged
    项目 cell of the second row; near miss: a second row that names the label column itself."""
    rows = [["项目", "预算数", "决算数"], ["合计", "一般公共预算", "合计", "一般公共预算"], ["公务接待费", "0.95", "0.95", "0.39", "0.39"]]
    header = build_header(rows, [0, 1], 5)
    assert header.labels(1) == ["预算数", "合计"] and header.labels(3) == ["决算数", "合计"]
    rows[1] = ["项目", "合计", "一般公共预算", "合计"]
    assert build_header(rows, [0, 1], 5).labels(0) == ["项目"]


def test_a_bottom_header_row_opening_on_小计_breaks_down_the_top_label_its_words_share():
    """'合计 | 因公出国(境)费 | 公务用车费 | 公务接待费' over '小计 | 公务用车运行维护费 | 公务用车购置费':
    the bottom row stands under 公务用车费 (its labels start with its words), the labels after it
    move right, and the table is as wide as the header says though a data row lost its last,
    empty cell; near miss: bottom labels that share no top label's words keep their place."""
    rows = [["合计", "因公出国(境)费", "公务用车费", "公务接待费"],
            ["小计", "公务用车运行维护费", "公务用车购置费"], ["1.7", "0", "0", "0", "0"]]
    header = build_header(rows, [0, 1], 5)
    assert [header.labels(col) for col in range(6)] == [
        ["合计"], ["因公出国(境)费"], ["公务用车费", "小计"], ["公务用车费", "公务用车运行维护费"],
        ["公务用车费", "公务用车购置费"], ["公务接待费"],
    ]
    rows[1] = ["小计", "差旅费", "会议费"]
    assert build_header(rows, [0, 1], 5).labels(0) == ["合计", "小计"]


def test_a_bottom_header_row_sharing_the_last_label_s_words_breaks_it_down():
    """'项目 | 2023年预算数 | 2024年预算数 | 比上年增、减情况' over '增、减金额 | 增、减幅度': the page lost
    the merged cells left of the bottom row, which stands under the last label; near miss: bottom
    labels that share no words with it keep their place."""
    rows = [["项目", "2023年预算数", "2024年预算数", "比上年增、减情况"], ["增、减金额", "增、减幅度"],
            ["合计", "16.2", "18.2", "2", "12%"]]
    header = build_header(rows, [0, 1], 5)
    assert [header.labels(col) for col in range(5)] == [
        ["项目"], ["2023年预算数"], ["2024年预算数"], ["比上年增、减情况", "增、减金额"], ["比上年增、减情况", "增、减幅度"],
    ]
    rows[1] = ["金额", "幅度"]
    assert build_header(rows, [0, 1], 5).labels(0) == ["项目", "金额"]


def test_a_header_of_figure_columns_one_cell_short_stands_right_of_the_row_labels():
    """'年初预算数 | 全年预算数 | 全年执行数' over '年度资金总额 | 100 | 120 | 110': the page lost the
    empty cell over the labels; near miss: a header that opens on the label column's word."""
    rows = [["年初预算数", "全年预算数", "全年执行数"], ["年度资金总额", "100", "120", "110"]]
    header = build_header(rows, [0], 4)
    assert header.labels(0) == [] and header.labels(1) == ["年初预算数"] and header.labels(3) == ["全年执行数"]
    assert build_header([["项目", "预算数", "决算数"]], [0], 4).labels(0) == ["项目"]


def test_iter_blocks_pairs_each_header_block_with_the_data_rows_under_it():
    rows = [
        ["项目", "本年收入", "本年支出"],
        ["", "合计", "财政拨款", "合计", "基本支出"],
        ["一、合计", "100", "100", "90", "90"],
        ["项目", "预算数", "决算数"],
        ["差旅费", "5", "4"],
    ]
    assert table_width(rows) == 5
    blocks = list(iter_blocks(rows))
    assert [(header.rows, data) for header, data in blocks] == [([0, 1], [2]), ([3], [4])]
    first, second = blocks[0][0], blocks[1][0]
    assert first.labels(2) == ["本年收入", "财政拨款"]
    assert first.labels(3) == ["本年支出", "合计"]
    assert second.labels(2) == ["决算数"]
