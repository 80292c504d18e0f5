"""Tables printed without rules, rebuilt from where their text stands (pure: items in, items out)."""

from pipelines.documents.pdf_reader import Line, TableItem
from pipelines.documents.unruled_tables import Segment, rebuild

SIZE = 10.0


def line(top: float, *cells: tuple[float, str]) -> Line:
    """A line of text at `top` whose segments start at the given x, each 4 characters wide at most."""
    segments = [Segment(x, x + SIZE * min(len(text), 4), top, top + SIZE, text) for x, text in cells]
    return Line("".join(text for _, text in cells), segments[0].x0, segments[-1].x1, top, top + SIZE, SIZE,
                SIZE, segments)


def test_a_table_without_rules_becomes_rows_under_its_columns():
    items = [
        line(100, (80, "项目"), (200, "年初预算"), (300, "全年执行")),
        line(130, (80, "年度资金"), (200, "20.00"), (300, "19.50")),
        line(143, (80, "总额")),  # the label's wrapped end, a cell's next line
        line(170, (80, "其中：基本支出"), (200, "12.00"), (300, "12.00")),
        line(200, (80, "其中："),),  # a label's row without figures, under the first column
        line(230, (80, "项目支出"), (200, "8.00"), (300, "7.50")),
    ]
    [table] = rebuild(items, Line, TableItem)
    assert table.rows == [
        ["项目", "年初预算", "全年执行"],
        ["年度资金总额", "20.00", "19.50"],
        ["其中：基本支出", "12.00", "12.00"],
        ["其中：", "", ""],
        ["项目支出", "8.00", "7.50"],
    ]


def test_lines_whose_gaps_share_no_columns_stay_lines():
    items = [
        line(100, (80, "一是"), (150, "二是"), (260, "三是")),
        line(130, (95, "四是"), (210, "五是"), (330, "六是")),
        line(160, (120, "七是"), (240, "八是"), (360, "九是")),
    ]
    assert rebuild(items, Line, TableItem) == items


def test_two_lines_of_many_cells_are_no_table():
    items = [line(100, (80, "甲"), (200, "乙"), (300, "丙")), line(130, (80, "丁"), (200, "戊"), (300, "己"))]
    assert rebuild(items, Line, TableItem) == items
