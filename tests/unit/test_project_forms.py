"""pipelines.extract.project_forms: 项目支出绩效自评表, one or many per document.

Rules covered, one row each with a near miss:
- a form starts at its '项目名称 | name' row (also 转移支付（项目）名称, or '项目名称：name' in one
  cell); a budget code before the name and the form's own name after it are dropped; a 项目名称
  column header, the unit's whole spending (部门整体支出) or a too-short name start no form;
- 主管部门 / 实施单位 cells (and the two run together in one line) name the department and the
  implementing unit, cleaned of codes and 本级; 中央主管部门 is not the filer's department;
- _fund_source: 年度资金总额/合计 (and 年度财政资金总额) → total, 财政拨款 → fiscal, 上年结转 → carryover, 其他资金 → other;
- a 执行率 cell: '98%', or a bare number under the rate column;
- a fund block: header of phase words (年初预算数/全年预算数/全年执行数) with 分值/执行率/得分, rows
  per fund source aligned on their label (a missing merged cell on the left), a row lacking its
  empty 年初预算数 anchored on its rate; the header's unit note (单位：元), else 万元;
- fused rows: one cell of headers run together, and a row 'label:A B rate%' (or all six
  columns, 得分 after the %) split when only one cut agrees, else recorded as unsplit;
- 总分/合计 gives (max, score), 等级 cells the grade; one cell per line forms are re-joined;
- a target form's money block with no phase columns (项目资金(万元) alone on its line) is its budget.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipelines.documents.model import Document, Table
from pipelines.documents.text_reader import parse_text
from pipelines.extract.project_forms import _fund_source, _fused_header, name_in_row, project_forms

NAME = "某某农村道路养护经费"
FUND_HEADER = ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]


def funds(form):
    return [(f.fund_source, f.phase, f.amount_yuan, f.execution_rate, f.weight, f.score) for f in form.funds]


def one_form(rows) -> object:
    forms = project_forms(Document([Table(rows, 1)]))
    assert len(forms) == 1
    return forms[0]


def y(amount: str) -> Decimal:
    return Decimal(amount).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("cells", "name"),
    [
        (["项目名称", NAME], NAME),
        (["项目名称：" + NAME], NAME),
        (["项目名称", "51990099X000000012345-" + NAME], NAME),  # a budget code before it
        (["项目名称", NAME + "项目支出绩效自评表"], NAME),  # the form's name after it
        (["转移支付（项目）名称", "某某县农村饮水安全工程"], "某某县农村饮水安全工程"),
        (["转移(项目)名称 某某县义务教育补助资金"], "某某县义务教育补助资金"),  # 转移支付 shortened, one cell
        # near misses
        (["项目名称", "预算数", "决算数"], None),  # a column header
        (["项目名称", "部门整体支出"], None),  # the unit's whole spending
        (["项目名称", "某某费"], None),  # too short to be a project's name
        (["项目名称", "年度资金总额"], None),
        (["项目名称", "项目资金"], None),
        (["项目名称"], None),  # the label alone: not 项目名 and a project named 称
        (["专项(项目)名称", "某某村道路硬化帮扶项目"], "某某村道路硬化帮扶项目"),  # a transfer payment's form
        (["政策(项目)名称", "乡镇文化站建设"], "乡镇文化站建设"),  # a policy's or a project's form
        # a project named …资金 is still a project
        pytest.param(
            ["项目名称", "农业生产发展资金"], "农业生产发展资金",
        ),
    ],
)
def test_name_in_row(cells, name):
    assert name_in_row(cells) == name


@pytest.mark.parametrize(
    ("label", "source"),
    [
        ("年度资金总额", "total"), ("合计", "total"), ("总额", "total"),
        ("年度财政资金总额", "total"),  # a total, though it names 财政资金
        ("其中：当年财政拨款", "fiscal"), ("财政资金", "fiscal"),
        ("上年结转资金", "carryover"),
        ("其他资金", "other"), ("其中：其他资金", "other"),
        # money the levels above hand down is fiscal; near miss: the county's own share names no source
        ("其中:中央、市级补助", "fiscal"), ("省级补助资金", "fiscal"), ("县级资金", None),
        # near misses
        ("其他", None), ("资金来源", None), ("项目资金", None), ("年初预算数", None),
        ("财政专户管理资金:", None),  # no fund source of the template's, a colon after it
    ],
)
def test_fund_source(label, source):
    assert _fund_source(label) == source


@pytest.mark.parametrize(
    ("cell", "columns"),
    [
        ("全年预算数(A)全年执行数(B)预算执行率(B/A)", {"adjusted": 1, "final": 2, "rate": 3}),
        ("年初预算数全年执行数", {"budget": 1, "final": 2}),
        # near miss: one header word is no run of headers
        ("全年预算数", None),
        # near miss: the block's note explaining its columns in a sentence is no header
        ("1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因；", None),
    ],
)
def test_fused_header(cell, columns):
    assert _fused_header(cell) == columns


def test_a_whole_form():
    form = one_form([
        ["项目支出绩效自评表"],
        ["（2022年度）"],
        ["项目名称", NAME],
        ["主管部门", "某某县交通运输局（本级）", "实施单位", "305-某某县公路养护中心"],
        FUND_HEADER,
        ["", "年度资金总额", "100", "120", "108", "10", "90%", "9"],
        ["", "其中：当年财政拨款", "100", "100", "90", "—", "90%", "—"],
        ["", "上年结转资金", "", "20", "18", "—", "90%", "—"],
        ["", "其他资金", "", "", "", "—", "", "—"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "养护里程", "≥50公里", "52公里", "20", "20", ""],
        ["总分", "", "", "", "", "100", "92", ""],
        ["自评等级", "优秀"],
    ])
    assert (form.name, form.department, form.implementing_unit) == (NAME, "某某县交通运输局", "某某县公路养护中心")
    assert (form.score, form.max_score, form.grade) == (92.0, 100.0, "优秀")
    assert funds(form) == [
        ("total", "budget", y("1000000"), 90.0, 10.0, 9.0),
        ("total", "adjusted", y("1200000"), 90.0, 10.0, 9.0),
        ("total", "final", y("1080000"), 90.0, 10.0, 9.0),
        ("fiscal", "budget", y("1000000"), 90.0, None, None),
        ("fiscal", "adjusted", y("1000000"), 90.0, None, None),
        ("fiscal", "final", y("900000"), 90.0, None, None),
        ("carryover", "adjusted", y("200000"), 90.0, None, None),
        ("carryover", "final", y("180000"), 90.0, None, None),
    ]  # 其他资金 states nothing: no row
    assert [(r.level3, r.target_text, r.actual_text, r.project_name) for r in form.indicators] == [
        ("养护里程", "≥50公里", "52公里", NAME)
    ]


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        # the merged 项目资金 cell is missing from the data row: aligned on its label
        (FUND_HEADER, ["年度资金总额", "100", "120", "108", "10", "90%", "9"],
         [("total", "budget", y("1000000"), 90.0, 10.0, 9.0), ("total", "adjusted", y("1200000"), 90.0, 10.0, 9.0),
          ("total", "final", y("1080000"), 90.0, 10.0, 9.0)]),
        # the empty 年初预算数 is missing too: anchored on the rate
        (FUND_HEADER, ["年度资金总额", "120", "108", "10", "90%", "9"],
         [("total", "adjusted", y("1200000"), 90.0, 10.0, 9.0), ("total", "final", y("1080000"), 90.0, 10.0, 9.0)]),
        # the header's unit note
        (["项目资金（单位：元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
         ["", "年度资金总额", "1000", "1200", "1080", "10", "90%", "9"],
         [("total", "budget", y("1000"), 90.0, 10.0, 9.0), ("total", "adjusted", y("1200"), 90.0, 10.0, 9.0),
          ("total", "final", y("1080"), 90.0, 10.0, 9.0)]),
        # a row with points but no amount
        (FUND_HEADER, ["", "年度资金总额", "", "", "", "10", "", "10"], [("total", None, None, None, 10.0, 10.0)]),
        # a rate column holding a bare number: the percentage without its sign
        (["", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分"], ["年度资金总额", "50", "10", "20", "4"],
         [("total", "budget", y("500000"), 20.0, None, 4.0), ("total", "final", y("100000"), 20.0, None, 4.0)]),
        # near miss: a rate cell of words states no rate
        (["", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分"], ["年度资金总额", "50", "10", "未完成", "4"],
         [("total", "budget", y("500000"), None, None, 4.0), ("total", "final", y("100000"), None, None, 4.0)]),
        # near miss: a row that names no fund source
        (FUND_HEADER, ["", "资金来源说明", "100", "120", "108", "10", "90%", "9"], []),
    ],
)
def test_fund_rows(header, row, expected):
    assert funds(one_form([["项目名称", NAME], header, row])) == expected


def test_fused_rows_are_split_only_when_one_cut_agrees():
    form = one_form([
        ["项目名称", NAME],
        ["全年预算数(A)全年执行数(B)预算执行率(B/A)"],
        ["年度资金总额:40004000100%"],
        ["其中：财政拨款:4125%"],  # 4 | 1 | 25% or 41 | 2 | 5%: left out, and said so
    ])
    assert funds(form) == [
        ("total", "adjusted", y("40000000"), 100.0, None, None),
        ("total", "final", y("40000000"), 100.0, None, None),
    ]
    assert form.unsplit == [("table 1 row 4", "其中：财政拨款:4125%")]


def test_a_fused_row_of_six_columns_gives_its_points_too():
    """年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 run together, the 得分 after the %."""
    form = one_form([
        ["项目名称", NAME],
        ["项目资金(万元) 年初预算数全年预算数全年执行数分值执行率得分"],
        ["年度资金总额1500.001500.001200.001080.0%8"],
    ])
    assert funds(form) == [
        ("total", "budget", y("15000000"), 80.0, 10.0, 8.0),
        ("total", "adjusted", y("15000000"), 80.0, 10.0, 8.0),
        ("total", "final", y("12000000"), 80.0, 10.0, 8.0),
    ]


def test_amounts_too_large_for_the_forms_wan_note_are_read_in_yuan_and_noted():
    """Over 1000亿元 for one project if read in 万元, more than a county's whole budget: yuan
    under the form's printed note; near miss: a large but possible amount is read in 万元."""
    form = one_form([
        ["项目名称", NAME],
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "40067273.32", "40067273.32", "40067273.32", "10", "100%", "10"],
        ["其中：当年财政拨款", "9999999.00", "9999999.00", "9999999.00", "", "100%", ""],
    ])
    assert funds(form) == [
        ("total", "budget", Decimal("40067273.32"), 100.0, 10.0, 10.0),
        ("total", "adjusted", Decimal("40067273.32"), 100.0, 10.0, 10.0),
        ("total", "final", Decimal("40067273.32"), 100.0, 10.0, 10.0),
        ("fiscal", "budget", y("99999990000"), 100.0, None, None),
        ("fiscal", "adjusted", y("99999990000"), 100.0, None, None),
        ("fiscal", "final", y("99999990000"), 100.0, None, None),
    ]
    assert [locator for locator, _ in form.beyond_unit] == ["table 1 row 3"]


def test_two_forms_in_one_document_each_with_its_own_rows():
    first = [["项目名称", "甲道路养护经费"], ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"],
             ["年度资金总额", "10", "10", "9"], ["总分", "100", "90"]]
    second = [["项目名称", "乙桥梁维修经费"], ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"],
              ["年度资金总额", "20", "20", "20"], ["合计", "100", "95"], ["评价等级", "优"]]
    forms = project_forms(Document([Table(first, 1), Table(second, 2)]))
    assert [(f.name, f.score, f.grade, f.tables) for f in forms] == [
        ("甲道路养护经费", 90.0, None, {1}), ("乙桥梁维修经费", 95.0, "优秀", {2})
    ]
    assert [f.amount_yuan for f in forms[1].funds] == [y("200000")] * 3


def test_a_form_published_one_cell_per_line():
    lines = ["项目名称", NAME, "主管部门", "某某县交通运输局", "实施单位", "某某县公路养护中心",
             "年初预算数", "全年预算数", "全年执行数", "执行率", "年度资金总额", "100", "120", "108", "90%",
             "自评等级：良好"]
    [form] = project_forms(parse_text("\n\n".join(lines) + "\n"))
    assert (form.name, form.department, form.implementing_unit, form.grade) == (
        NAME, "某某县交通运输局", "某某县公路养护中心", "良好")
    assert [(f.phase, f.amount_yuan, f.execution_rate) for f in form.funds] == [
        ("budget", y("1000000"), 90.0), ("adjusted", y("1200000"), 90.0), ("final", y("1080000"), 90.0)
    ]


def test_a_target_form_published_one_cell_per_line():
    """A budget's target form: its money block names no phase ('项目资金(万元)' over '年度资金总额 | 5'),
    so the amounts are what the budget gives; its indicator rows have a target only, written as a
    sentence (the near miss, a self-evaluation's block naming its phases: the test above)."""
    lines = ["项目名称 |", NAME, "主管部门 |", "某某县交通运输局", "项目资金(万元) |", "年度资金总额 |", "8 |", "其中:财政拨款 |",
             "6 |", "其他资金 |", "2 |", "绩效指标 |", "一级指标 |", "二级指标 |", "三级指标 |", "指标值 |", "产出指标 |",
             "数量指标 |", "养护里程 |", "完成辖区内道路养护36公里。 |", "时效指标 |", "完成时限 |", "当年12月底前完成。 |"]
    [form] = project_forms(parse_text("\n".join(lines) + "\n"))
    assert [(f.fund_source, f.phase, f.amount_yuan) for f in form.funds] == [
        ("total", "budget", y("80000")), ("fiscal", "budget", y("60000")), ("other", "budget", y("20000"))]
    assert [(i.level1, i.level2, i.level3, i.target_text) for i in form.indicators] == [
        ("产出指标", "数量指标", "养护里程", "完成辖区内道路养护36公里。"), ("产出指标", "时效指标", "完成时限", "当年12月底前完成。")]


def test_a_form_whose_rows_lost_their_cells_to_spaces():
    """Text taken from a PDF or a page: each row one line, its cells apart by spaces."""
    lines = ["项目名称 " + NAME, "项目资金（万元） 全年预算数 全年执行数 执行率",
             "年度资金总额： 250.50 240.48 96%", "其中：财政拨款 200 200 100%",
             "本年度共完成道路养护工程12 公里，投入资金 240.48 万元。"]  # a sentence stays whole
    [form] = project_forms(parse_text("\n\n".join(lines) + "\n"))
    assert [(f.fund_source, f.phase, f.amount_yuan, f.execution_rate) for f in form.funds] == [
        ("total", "adjusted", y("2505000"), 96.0), ("total", "final", y("2404800"), 96.0),
        ("fiscal", "adjusted", y("2000000"), 100.0), ("fiscal", "final", y("2000000"), 100.0),
    ]


def test_a_form_whose_rows_write_an_empty_cell_as_a_space_between_their_separators():
    """'0.00   0': three spaces hold one empty cell (分值), so 0 is the stated rate."""
    lines = ["项目名称: " + NAME, "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分",
             "资金总额: 80,000.00 80,000.00 20,000.00 10.00  25 2.5",
             "其中:财政资金: 0.00 0.00 0.00   0      ", "单位资金: 80,000.00 80,000.00 20,000.00   25      "]
    [form] = project_forms(parse_text("\n".join(lines) + "\n"))
    assert {(f.fund_source, f.phase): (f.amount_yuan, f.execution_rate) for f in form.funds} == {
        ("total", "budget"): (y("80000"), 25.0), ("total", "adjusted"): (y("80000"), 25.0),
        ("total", "final"): (y("20000"), 25.0),
        ("fiscal", "budget"): (y("0"), 0.0), ("fiscal", "adjusted"): (y("0"), 0.0), ("fiscal", "final"): (y("0"), 0.0),
        ("other", "budget"): (y("80000"), 25.0), ("other", "adjusted"): (y("80000"), 25.0),
        ("other", "final"): (y("20000"), 25.0),
    }


@pytest.mark.parametrize(
    ("rows", "other"),
    [
        # a 其他资金 row of its own: the unit's money is a source the contract does not name
        (["单位资金: 0.00 0.00 0.00   0      ", "其他资金: 50,000.00 50,000.00 50,000.00   100      "], {y("50000")}),
        (["单位资金: 30.00 30.00 30.00   100      ", "其他资金: — — —"], set()),  # an empty one too
        # near miss: without one, the unit's own money is the other money
        (["单位资金: 30.00 30.00 30.00   100      "], {y("30")}),
    ],
)
def test_a_units_own_money_is_the_other_money_unless_the_form_has_a_row_for_it(rows, other):
    lines = ["项目名称: " + NAME, "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分",
             "资金总额: 50,000.00 50,000.00 50,000.00 10.00  100 10", *rows]
    [form] = project_forms(parse_text("\n".join(lines) + "\n"))
    assert {f.amount_yuan for f in form.funds if f.fund_source == "other"} == other


@pytest.mark.parametrize(
    ("line", "department", "implementer"),
    [
        ("主管部门：某某县交通运输局实施单位：某某县公路养护中心", "某某县交通运输局", "某某县公路养护中心"),
        # near miss: the ministry above is not the filer's department
        ("中央主管部门：某某部地方主管部门：某某县交通运输局", "某某县交通运输局", None),
    ],
)
def test_departments_run_together_on_one_line(line, department, implementer):
    [form] = project_forms(parse_text(f"项目名称：{NAME}\n\n{line}\n"))
    assert (form.department, form.implementing_unit) == (department, implementer)


def test_a_transfer_payments_form_names_each_levels_department_and_the_lower_is_the_filers():
    form = one_form([
        ["专项(项目)名称", "某某村产业路建设项目", "负责人及电话", "某某"],
        ["市级主管部门", "某某市农业农村委员会"],
        ["县级主管部门", "某某县农业农村委员会", "实施单位", "某某县某某镇人民政府"],
        ["全年预算数(A)", "全年执行数(B)", "执行率(B/A)"],
        ["年度资金总额:", "120.5万元", "118万元", "97.93%"],
        ["其中:中央、市级补助", "100万元", "100万元", "100%"],
    ])
    assert (form.name, form.department, form.implementing_unit) == ("某某村产业路建设项目", "某某县农业农村委员会", "某某县某某镇人民政府")
    assert [(f.fund_source, f.phase, f.amount_yuan) for f in form.funds] == [
        ("total", "adjusted", Decimal("1205000")), ("total", "final", Decimal("1180000")),
        ("fiscal", "adjusted", Decimal("1000000")), ("fiscal", "final", Decimal("1000000")),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [["项目名称", "部门整体支出"], ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"],
         ["年度资金总额", "10", "10", "9"]],
        [["项目名称", "预算数", "决算数"], ["甲经费", "10", "9"]],  # a list of projects, not a form
    ],
)
def test_no_form(rows):
    assert project_forms(Document([Table(rows, 1)])) == []


def test_a_cover_forms_label_and_figure_pairs_give_the_projects_money_by_phase_and_source():
    # a province's cover form, flattened by a web page: '计划安排资金 (万元) | 120 | 实际到位资金 …' with the
    # levels that gave each figure below it; money come in (到位) and money left (结余) are no phase
    page = (
        "评价类型:项目完成结果评价\n项目名称:青石县乡村公路养护\n项目单位:青石县公路养护中心\n一、项目基本概况 |\n"
        "|||||||||\n项目负责人 |\n张某 |\n联系电话 |\n0730-0000000 |\n||||||\n"
        "计划安排资金 (万元) |\n120 |\n实际到位资金 (万元) |\n120 |\n实际支出 (万元) |\n96.5 |\n结余 (万元) |\n23.5 |\n||||\n"
        "其中:中央财政 |\n|\n其中:中央财政 |\n|\n其中:中央财政 |\n|\n其中:中央财政 |\n|\n||||\n"
        "省财政 |\n80 |\n省财政 |\n80 |\n省财政 |\n60 |\n省财政 |\n|\n||||\n"
        "县财政 |\n40 |\n县财政 |\n40 |\n县财政 |\n36.5 |\n县财政 |\n|\n||||\n"
        "其它 |\n|\n其它 |\n|\n其它 |\n|\n其它 |\n|\n||||\n"
        "二、项目支出明细情况 |\n"
    )
    (form,) = project_forms(parse_text(page))
    assert form.name == "青石县乡村公路养护"
    assert {(f.fund_source, f.phase, f.amount_yuan) for f in form.funds} == {
        ("total", "budget", Decimal("1200000")),
        ("total", "final", Decimal("965000")),
        ("fiscal", "budget", Decimal("1200000")),
        ("fiscal", "final", Decimal("965000")),
    }


def test_a_cover_forms_pairs_one_cell_a_line_with_their_unit_on_a_line_of_its_own():
    # the same cover form as a page without separators gives it: each label, its '(万元)' and its
    # figure on lines of their own, blank cells dropped; near miss: the levels' rows below, whose
    # blanks are lost, are not read (which level gave which figure is a guess)
    page = (
        "项目名称\n青石县乡村公路养护\n项目单位\n青石县公路养护中心\n一、项目基本概况\n项目负责人\n张某\n"
        "计划安排资金\n(万元)\n120\n实际到位资金\n(万元)\n120\n实际支出\n(万元)\n96.5\n结余(万元)\n"
        "其中:中央财政\n其中:中央财政\n省财政\n省财政\n县财政\n120\n县财政\n96.5\n其它\n"
        "二、项目支出明细情况\n"
    )
    (form,) = project_forms(parse_text(page))
    assert {(f.fund_source, f.phase, f.amount_yuan) for f in form.funds} == {
        ("total", "budget", Decimal("1200000")),
        ("total", "final", Decimal("965000")),
    }
