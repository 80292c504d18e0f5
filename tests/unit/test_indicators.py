"""pipelines.extract.indicators: indicator-score tables (一级/二级/三级指标, 指标值, 完成值, 分值, 得分).

Rules covered, one row each with a near miss:
- clean_level: a level's score note ('（50分）', '(30)', '10分') and line breaks removed;
- indicator_columns: the column vocabulary; a header needs 二级指标 and 一级 or 三级指标, and
  its level 1 is the column left of level 2 (a '绩效指标' wrapper before it); 预算数/决算数
  headers are no indicator header;
- IndicatorReader (via table_indicators): merged 一级/二级 cells carried down; the level-1 points
  ('产出指标（50分）'); a row missing its left cells aligned on its first word (a level-2 word
  …指标 or 产出数量/社会效益/…, else the indicator name; 满意度/成本, either level, by the cells
  the row lacks); a row wider than the header ends the block; a target over 指标性质/指标值/度量单位 read whole (≥120台);
  a short row whose 分值 would hold words gives its words to 指标值/完成值; a form's numbering
  ('指标1：') dropped from the name; a second header row is no indicator; of the alignments a row's first word allows, the one
  with numbers under most of 分值/得分, and where none leaves numbers there but one leaves words, the
  least shift that puts a number there; points in brackets after a name ('目标合理性(4分)') are
  its 分值 when the row has none; an empty template row
  or a one-character name is no indicator; 总分/合计 ends the table;
- budget_execution_points: (分值, 得分) of the 年度资金总额/预算执行率 row of a scored form.
"""

from __future__ import annotations

import pytest

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.documents.text_reader import parse_text
from pipelines.extract.indicators import (
    budget_execution_points,
    clean_level,
    document_indicators,
    indicator_columns,
    table_indicators,
)

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"]


def read(rows):
    return [(r.level1, r.level2, r.level3, r.target_text, r.actual_text, r.weight, r.score)
            for r in table_indicators(Table(rows, 1))]


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("产出\n指标\n（50分）", "产出指标"),
        ("产出指标(30分)", "产出指标"),
        ("效益指标（30）", "效益指标"),
        ("数量指标10分", "数量指标"),
        # near misses: nothing to remove
        ("满意度指标", "满意度指标"),
        ("", None),
        (None, None),
    ],
)
def test_clean_level(text, clean):
    assert clean_level(text) == clean


@pytest.mark.parametrize(
    ("row", "columns"),
    [
        (["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "偏差原因"],
         {"level1": 0, "level2": 1, "level3": 2, "target": 3, "actual": 4, "weight": 5, "score": 6, "reason": 7}),
        (["绩效指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
         {"level1": 0, "level2": 1, "level3": 2, "target": 3, "actual": 4, "weight": 5, "score": 6}),
        (["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"],
         {"level1": 0, "level2": 1, "level3": 2, "nature": 3, "target": 4, "unit": 5, "actual": 6, "weight": 7,
          "score": 8}),
        # a county's form that calls what was done its progress (实施进度)
        (["一级指标", "二级指标", "三级指标", "指标值", "实施进度"],
         {"level1": 0, "level2": 1, "level3": 2, "target": 3, "actual": 4}),
        # near misses: no 二级指标, or a money header
        (["一级指标", "指标值", "得分"], None),
        (["项目", "预算数", "决算数"], None),
    ],
)
def test_indicator_columns(row, columns):
    assert indicator_columns(row) == columns


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # merged level cells carried down; a row lacking its left cells aligned on its first word
        ([HEADER, ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10"],
          ["质量指标", "合格率", "≥95%", "98%", "10", "9"],
          ["培训天数", "5天", "5天", "10", "10"]],
         [("产出指标", "数量指标", "培训人数", "≥100人", "120人", 10.0, 10.0),
          ("产出指标", "质量指标", "合格率", "≥95%", "98%", 10.0, 9.0),
          ("产出指标", "质量指标", "培训天数", "5天", "5天", 10.0, 10.0)]),
        # a target over three columns
        ([["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"],
          ["产出指标", "数量指标", "购置设备", "≥", "120", "台", "125台", "10", "10"]],
         [("产出指标", "数量指标", "购置设备", "≥120台", "125台", 10.0, 10.0)]),
        # a target form's operator column (计算符号); '=' is what a bare target says
        ([["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位", "指标值说明"],
          ["产出指标", "数量指标", "保障人数(人)", "=", "116", "人", "合理"],
          ["产出指标", "质量指标", "发放准确性(%)", "≥", "95", "%", "合理"]],
         [("产出指标", "数量指标", "保障人数(人)", "116人", None, None, None),
          ("产出指标", "质量指标", "发放准确性(%)", "≥95%", None, None, None)]),
        # level-2 names some provinces use without …指标 (产出数量, 社会效益); 满意度, a name of
        # either level, placed by the cells its row lacks; a wider row after the block ends it
        ([["一级指标", "二级指标", "指标名称", "目标值", "完成值"],
          ["产出指标", "产出数量", "培训人数", "500人", "480人"],
          ["产出质量", "考核通过率", "100%", "98%"],
          ["效益指标", "社会效益", "就业率", "60%", "55%"],
          ["满意度", "学员满意度", "95%", "90%"],
          ["序号", "学校", "机构", "标准", "人数", "合格人数"]],
         [("产出指标", "产出数量", "培训人数", "500人", "480人", None, None),
          ("产出指标", "产出质量", "考核通过率", "100%", "98%", None, None),
          ("效益指标", "社会效益", "就业率", "60%", "55%", None, None),
          ("效益指标", "满意度", "学员满意度", "95%", "90%", None, None)]),
        # near miss: a full-width row starting with 满意度 is level 1
        ([["一级指标", "二级指标", "指标名称", "目标值", "完成值"],
          ["满意度", "服务对象满意度", "群众满意度", "95%", "96%"]],
         [("满意度", "服务对象满意度", "群众满意度", "95%", "96%", None, None)]),
        # the closing row ends the table wherever its label stands (a scan's grid may shift it)
        ([HEADER, ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10"],
          ["", "", "综合评定等级", "优", "100", "95"]],
         [("产出指标", "数量指标", "培训人数", "≥100人", "120人", 10.0, 10.0)]),
        # a short row whose 分值 cell would hold words: its words are the target and the result
        ([["一级指标", "二级指标", "三级指标", "分值", "指标值", "完成值"],
          ["产出指标", "数量指标", "其中桃树种植面积", "1.5亩", "1.5亩"]],
         [("产出指标", "数量指标", "其中桃树种植面积", "1.5亩", "1.5亩", None, None)]),
        # a '绩效指标' wrapper column before 一级指标
        ([["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"],
          ["绩效指标", "产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10"]],
         [("产出指标", "数量指标", "培训人数", "≥100人", "120人", 10.0, 10.0)]),
        # a form's numbering ('指标1：', '指标2.', '指标3' typed before the name) is not part
        # of the name; near miss: a name that only starts with the word 指标
        ([HEADER, ["产出指标", "数量指标", "指标1：维修路段", "3段", "3段", "10", "10"],
          ["指标2.维修长度", "≥2公里", "2.4公里", "10", "9"],
          ["指标3桥涵加固", "2座", "2座", "5", "5"],
          ["指标体系建设", "1套", "1套", "5", "5"]],
         [("产出指标", "数量指标", "维修路段", "3段", "3段", 10.0, 10.0),
          ("产出指标", "数量指标", "维修长度", "≥2公里", "2.4公里", 10.0, 9.0),
          ("产出指标", "数量指标", "桥涵加固", "2座", "2座", 5.0, 5.0),
          ("产出指标", "数量指标", "指标体系建设", "1套", "1套", 5.0, 5.0)]),
        # 成本指标 starting a row one cell short is level 2 when that puts numbers under both
        # 分值 and 得分 (as level 1 the 得分 cell would fall past the row's end)
        ([["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
          ["产出指标", "时效指标", "完工时间", "11月底", "11月底", "6", "6"],
          ["成本指标", "单位造价", "≤300元/平方米", "280元/平方米", "5", "4"]],
         [("产出指标", "时效指标", "完工时间", "11月底", "11月底", 6.0, 6.0),
          ("产出指标", "成本指标", "单位造价", "≤300元/平方米", "280元/平方米", 5.0, 4.0)]),
        # a second header row under the first names columns, it is no indicator; near miss:
        # an indicator whose name holds one column word (完成情况)
        ([HEADER, ["名称", "单位", "指标值", "完成值"],
          ["产出指标", "数量指标", "整改完成情况", "100%", "100%", "5", "5"]],
         [("产出指标", "数量指标", "整改完成情况", "100%", "100%", 5.0, 5.0)]),
        # near misses: an empty template row, a one-character name
        ([HEADER, ["产出指标", "数量指标", "培训人数", "", "", "", ""]], []),
        ([HEADER, ["产出指标", "数量指标", "人", "≥1", "1", "5", "5"]], []),
        # near miss: rows after 合计 are not indicators of this table
        ([HEADER, ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10"],
          ["合计", "", "", "", "", "100", "90"], ["产出指标", "数量指标", "其他事项", "1", "1", "1", "1"]],
         [("产出指标", "数量指标", "培训人数", "≥100人", "120人", 10.0, 10.0)]),
        # near miss: a money table
        ([["项目", "预算数"], ["产出指标", "10"]], []),
    ],
)
def test_table_indicators(rows, expected):
    assert read(rows) == expected


def test_an_evaluation_scorecard_gives_each_indicator_its_points_and_score():
    """一级 | 二级 | 三级 | 得分, the points each indicator is worth in brackets after its name,
    level cells written once; a level-2 word of no known kind ('资金配置(10)') still heads its row."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "得分"],
        ["投入(20分)", "目标设定(10分)", "目标合理性(4分)", "4.00"],
        ["指标明确性(6分)", "3.50"],
        ["资金配置(10)", "人员控制率(4分)", "2.00"],
    ]
    assert read(rows) == [
        ("投入", "目标设定", "目标合理性", None, None, 4.0, 4.0),
        ("投入", "目标设定", "指标明确性", None, None, 6.0, 3.5),
        ("投入", "资金配置", "人员控制率", None, None, 4.0, 2.0),
    ]
    # near miss: a short row whose 得分 cell is just empty keeps the anchors' reading
    short = [HEADER, ["产出指标", "数量指标", "新建水池(≥座)", "3", "3", "10", "10"], ["新增鱼塘(≥亩)", "20", "20"]]
    assert read(short)[1] == ("产出指标", "数量指标", "新增鱼塘(≥亩)", "20", "20", None, None)


def test_a_scoring_table_that_gives_each_level_its_points_weights_an_indicator_by_its_own():
    """'一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分': the weight is the 分值 after the
    indicator's name; a row lacking its level-1 cells is placed where both 分值 and 得分 hold
    numbers; near miss: a header whose only 分值 stands before 三级指标 keeps it."""
    rows = [
        ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"],
        ["项目决策", "20", "项目目标", "4", "目标内容", "4", "3.5"],
        ["决策过程", "8", "决策依据", "3", "2"],
        ["决策程序", "5", "5"],
    ]
    assert read(rows) == [
        ("项目决策", "项目目标", "目标内容", None, None, 4.0, 3.5),
        ("项目决策", "决策过程", "决策依据", None, None, 3.0, 2.0),
        ("项目决策", "决策过程", "决策程序", None, None, 5.0, 5.0),
    ]
    assert indicator_columns(["一级指标", "二级指标", "分值", "三级指标", "得分"])["weight"] == 2


def test_level1_points_reason_and_locator():
    rows = table_indicators(Table([
        HEADER + ["偏差原因"],
        ["产出指标（50分）", "质量指标", "合格率", "≥95%", "90%", "10", "8", "个别学员未通过考核"],
        ["效益指标", "社会效益指标", "群众知晓率", "≥90%", "92%", "10", "10", ""],
    ], 4))
    assert [(r.level1_points, r.deviation_reason, r.locator) for r in rows] == [
        (50.0, "个别学员未通过考核", "table 4 row 2"),
        (None, None, "table 4 row 3"),
    ]


@pytest.mark.parametrize(
    ("rows", "points"),
    [
        ([["项目", "分值", "得分"], ["年度资金总额", "10", "9.5"]], (10.0, 9.5)),
        ([["项目", "分值", "得分"], ["预算执行率", "10", ""]], (10.0, None)),
        # near misses: not scored, or no 分值/得分 header
        ([["项目", "分值", "得分"], ["预算执行率", "—", "—"]], None),
        ([["项目", "权重", "得分"], ["预算执行率", "10", "9"]], None),
        ([["项目", "分值", "得分"], ["培训人数", "10", "9"]], None),
    ],
)
def test_budget_execution_points(rows, points):
    assert budget_execution_points(Document([Table(rows, 1)])) == points


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        # a header a page broke into blocks: its end as a paragraph, then a table whose first
        # row holds the last column names over the indicator rows
        ([Table([["一级指标", "二级指标", "三级指标", "年度 指标值"]], 1), Paragraph("实际 完成值", 1),
          Table([["分值", "得分", "偏差原因分析及改进措施"], ["产出指标", "数量指标", "新建村道", "≥10公里", "12公里", "10", "10"]], 2)],
         [("产出指标", "数量指标", "新建村道", "≥10公里", "12公里", 10.0, 10.0)]),
        # near miss: a paragraph of text after the header is no part of it, the table below
        # stands alone
        ([Table([["一级指标", "二级指标", "三级指标", "年度 指标值"]], 1), Paragraph("说明：完成值以年底数为准", 1),
          Table([["分值", "得分"], ["10", "10"]], 2)],
         []),
    ],
)
def test_a_header_broken_into_blocks_is_joined(blocks, expected):
    rows = document_indicators(Document(blocks))
    assert [(r.level1, r.level2, r.level3, r.target_text, r.actual_text, r.weight, r.score) for r in rows] == expected


WIDE = ["一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "度量单位", "实际完成值", "完成率", "分值", "得分", "原因"]


def test_a_row_that_lost_its_empty_nature_and_unit_cells_is_read_without_them():
    """A page dropped each row's empty cells: those of 指标性质 and 度量单位 too, not only the
    merged level cells on the left."""
    rows = [WIDE,
            ["产出指标", "数量指标", "培训人次", "60", "45", "75%", "20", "15", "天气原因推迟"],
            ["效益指标", "社会效益指标", "群众知晓率", "90", "%", "95", "100%", "30", "30"],
            # near miss: the merged level cells are what this row lost, and its cells are all there else
            ["", "", "开课次数", "≥", "4", "次", "4", "100%", "10", "10"]]
    assert read(rows) == [
        ("产出指标", "数量指标", "培训人次", "60", "45", 20.0, 15.0),
        ("效益指标", "社会效益指标", "群众知晓率", "90%", "95", 30.0, 30.0),
        ("效益指标", "社会效益指标", "开课次数", "≥4次", "4", 10.0, 10.0),
    ]


def test_a_header_that_lost_its_level_names_reads_the_levels_left_of_the_name():
    """'三级指标 | 年度指标值 | 全年完成值 | 原因' over rows that still hold both levels."""
    rows = [["三级指标", "年度指标值", "全年完成值", "未完成原因和改进措施"],
            ["产出指标", "数量指标", "指标1:修建便道", "3.2km", "3.2km"],
            ["质量指标", "指标1:验收合格率", "100%", "98%"],
            ["效益指标", "社会效益指标", "群众出行条件", "改善", "明显改善"]]
    assert read(rows) == [
        ("产出指标", "数量指标", "修建便道", "3.2km", "3.2km", None, None),
        ("产出指标", "质量指标", "验收合格率", "100%", "98%", None, None),
        ("效益指标", "社会效益指标", "群众出行条件", "改善", "明显改善", None, None),
    ]
    # near miss: a header with a level of its own keeps its columns, the level-1 column (its name
    # wrapped above the header's line) on their left
    assert indicator_columns(["二级指标", "三级指标", "指标值", "完成值"]) == {
        "level1": 0, "level2": 1, "level3": 2, "target": 3, "actual": 4}


def test_a_header_whose_level_1_name_wrapped_above_it_reads_rows_that_hold_level_1():
    """'一级' / '指标' on lines of their own above '二级指标 | 三级指标 | …'."""
    rows = [["二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
            ["产出指标", "数量指标", "新建圈舍面积(平方米)", "4000", "3000", "10"],
            ["办公用房面积(平方米)", "400", "400", "10"],
            ["质量指标", "工程合格率(%)", "95", "95", "10"],
            ["满意度指标", "服务对象满意度指标", "业主满意度(%)", "95", "96", "10"]]
    assert read(rows) == [
        ("产出指标", "数量指标", "新建圈舍面积(平方米)", "4000", "3000", None, 10.0),
        ("产出指标", "数量指标", "办公用房面积(平方米)", "400", "400", None, 10.0),
        ("产出指标", "质量指标", "工程合格率(%)", "95", "95", None, 10.0),
        ("满意度指标", "服务对象满意度指标", "业主满意度(%)", "95", "96", None, 10.0),
    ]
    # the newer template's cost names are level 2 as well
    assert read([["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                 ["成本指标", "经济成本指标", "项目总成本(万元)", "≤50", "48"]]) == [
        ("成本指标", "经济成本指标", "项目总成本(万元)", "≤50", "48", None, None)]
    # near miss: rows that start at level 2 under that header have no level 1
    assert read([rows[0], ["数量指标", "培训人数", "50", "52", "10"], ["培训合格率", "95%", "96%", "10"]]) == [
        (None, "数量指标", "培训人数", "50", "52", None, 10.0),
        (None, "数量指标", "培训合格率", "95%", "96%", None, 10.0),
    ]


def test_a_figure_under_the_unit_column_is_the_target_of_a_row_that_lost_its_empty_unit():
    rows = [["三级指标", "指标权重", "计量单位", "指标值", "全年实际完成值", "原因"],
            ["新增备案企业", "15", "41", "52"],
            ["出口总额", "20", "亿元", "6.5", "7.1"]]  # near miss: a unit of words stays the unit
    assert read(rows) == [
        (None, None, "新增备案企业", "41", "52", 15.0, None),
        (None, None, "出口总额", "6.5亿元", "7.1", 20.0, None),
    ]


def test_indicators_a_report_lists_in_prose_under_headings_of_their_levels():
    text = "\n\n".join([
        "（一）产出指标", "1、数量指标",
        "1)修订地方标准数量(项),目标值3,完成值4,分值8,得分8。",
        "2、时效指标",
        "1)完成及时率(%),目标值95,完成值100,分值6,得分6。",
        # near misses: an indicator named in a sentence, a list item without its points
        "本年度修订地方标准数量目标值3,完成值4。",
        "2)培训人次,目标值50,完成值60。",
    ]) + "\n"
    rows = document_indicators(parse_text(text))
    assert [(r.level1, r.level2, r.level3, r.target_text, r.actual_text, r.weight, r.score) for r in rows] == [
        ("产出指标", "数量指标", "修订地方标准数量(项)", "3", "4", 8.0, 8.0),
        ("产出指标", "时效指标", "完成及时率(%)", "95", "100", 6.0, 6.0),
    ]


@pytest.mark.parametrize(
    ("between", "names"),
    [
        # an indicator's name alone on its line split the table: the rows after it are its rest
        (Paragraph("指标2.不合格产品处置率", 2), ["抽验品种", "报告数"]),
        # near misses: a paragraph of prose ends the table, and so does nothing at all (a table
        # of another kind right after it)
        (Paragraph("以上指标均已完成，下面说明资金使用情况。", 2), ["抽验品种"]),
        (None, ["抽验品种"]),
    ],
)
def test_a_table_split_by_a_lone_indicator_name_goes_on_after_it(between, names):
    first = Table([["二级指标", "三级指标", "指标值", "完成值"], ["数量指标", "指标1.抽验品种", "≥3", "4"]], 1)
    rest = Table([["指标3:报告数", "≥150", "150"]], 3)
    rows = document_indicators(Document([first, *([between] if between else []), rest]))
    assert [r.level3 for r in rows] == names


def test_column_names_on_two_lines_complete_the_header_cells_that_hold_their_first_words():
    """A fused form: each of two columns named on two lines ('绩效 | 实际' over '目标值 | 完成值'),
    the block's label on the left of the levels, a 评分标准 column of scoring rules before
    the points; the page left the label and the merged level cells out of the rows."""
    rows = [["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "绩效", "实际", "评分标准", "指标分值", "自评得分", "未完成原因"],
            ["目标值", "完成值"],
            ["产出目标", "数量目标", "巡查水库座数", "12座", "14座", "满分8分，少一座扣1分", "8", "8", "无"],
            ["举办培训班期数", "3期", "3期", "满分4分，少一期扣2分", "4", "4", "无"]]
    assert read(rows) == [
        ("产出目标", "数量目标", "巡查水库座数", "12座", "14座", 8.0, 8.0),
        ("产出目标", "数量目标", "举办培训班期数", "3期", "3期", 4.0, 4.0),
    ]


def test_a_line_of_column_names_that_fits_no_first_words_is_columns_after_the_header():
    """Near miss: the header's own cells are whole names ('年度指标值'), so the line after it
    names further columns."""
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            ["分值", "得分"],
            ["产出指标", "质量指标", "验收合格率", "100%", "100%", "10", "9"]]
    assert read(rows) == [("产出指标", "质量指标", "验收合格率", "100%", "100%", 10.0, 9.0)]


def test_a_header_under_wider_column_names_takes_the_columns_it_lacks_from_them():
    """'绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分' over '一级指标 | 二级指标 | 三级指标 | 指标性质 |
    指标值 | 度量单位': the first row's names span the levels and the target's three columns, the
    rest stand after them; a code before the operator ('004 >=') is no part of the target."""
    rows = [["绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
            ["产出指标", "数量指标", "巡查次数", "004 >=", "12", "次", "15", "20", "20"]]
    assert read(rows) == [("产出指标", "数量指标", "巡查次数", ">=12次", "15", 20.0, 20.0)]


def test_a_row_of_figures_above_a_header_names_no_columns():  # near miss of the above
    rows = [["合计", "年度指标值", "实际完成值", "90.00", "90.00"],
            ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
            ["产出指标", "数量指标", "巡查次数", ">=", "12", "次"]]
    assert read(rows) == [("产出指标", "数量指标", "巡查次数", ">=12次", None, None, None)]
