"""pipelines.documents.fused_form: a project form run together on one line → its rows.

Rules covered, each with a near miss:
- a long line holding a form's name label, money header and indicator header is cut before
  its head and money rows; a line without one of the three passes unchanged;
- the indicator block becomes a table under the header's value columns, each indicator's
  figures cut where exactly one reading fits (points at most 100, a score at most its
  points, words written twice being a target and its result); a level whose text two
  readings fit is left out;
- a value in words beside a figure is left out where a column of reasons follows;
- the total row's points and score; a sharing site's numbered pages of the form joined.

The form below is written for these tests, in the layout of the Ministry of Finance template
as sharing sites and some county pages run it together.
"""

from __future__ import annotations

from pipelines.documents.fused_form import unfuse_forms
from pipelines.documents.text_reader import parse_text
from pipelines.extract.project_forms import project_forms

HEAD = (
    "附件:项目支出绩效自评表(2023年度)项目名称某某村道路养护补助项目项目负责人及电话王某主管部门某某县交通运输局"
    "实施单位某某县公路事务中心资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分"
    "年度资金总额:48.548.510100%10其中:本年财政拨款48.548.5其他资金年度总体目标年初设定目标完成村道养护任务"
)
INDICATORS = (
    "一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施"
    "产出指标(60分)数量指标养护道路长度1512公里12公里15养护桥梁座数10≥3座4座10"
    "质量指标养护路段合格率2095%97%20时效指标完工及时率15100%100%15"
    "效益指标(30分)社会效益指标群众出行条件改善10明显改善明显改善9"
    "满意度指标(10分)服务对象满意度指标沿线群众满意度10≥90%93%10"
)
FORM = HEAD + INDICATORS + "总分10099注:1.其他资金指单位自有资金。"


def _table_rows(lines: list[str]) -> list[list[str]]:
    rows, row = [], []
    for line in lines:
        if line.startswith("\t"):
            row.append(line[1:])
        elif row:
            rows.append(row)
            row = []
    return rows


def test_a_fused_form_line_is_given_back_as_its_rows():
    lines = unfuse_forms([FORM])
    assert "项目名称某某村道路养护补助项目" in lines
    assert "主管部门某某县交通运输局" in lines and "实施单位某某县公路事务中心" in lines
    assert "年度资金总额:48.548.510100%10" in lines  # split by the money rows' own rule
    rows = _table_rows(lines)
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"]
    assert rows[1:] == [
        ["产出指标(60分)", "数量指标", "养护道路长度", "15", "12公里", "12公里", "15"],
        ["产出指标(60分)", "数量指标", "养护桥梁座数", "10", "≥3座", "4座", "10"],
        ["产出指标(60分)", "质量指标", "养护路段合格率", "20", "95%", "97%", "20"],
        ["产出指标(60分)", "时效指标", "完工及时率", "15", "100%", "100%", "15"],
        ["效益指标(30分)", "社会效益指标", "群众出行条件改善", "10", "明显改善", "明显改善", "9"],
        ["满意度指标(10分)", "服务对象满意度指标", "沿线群众满意度", "10", "≥90%", "93%", "10"],
        ["总分", "100", "99"],
    ]
    assert lines[-1] == "注:1.其他资金指单位自有资金。"


def test_the_form_readers_read_the_rows_given_back():
    (form,) = project_forms(parse_text(FORM))
    assert form.name == "某某村道路养护补助项目"
    assert form.department == "某某县交通运输局"
    assert {(f.fund_source, f.phase, str(f.amount_yuan)) for f in form.funds if f.phase} >= {
        ("total", "adjusted", "485000.00"), ("total", "final", "485000.00")}
    assert form.score == 99
    assert [(i.level3, i.target_text, i.actual_text, i.weight, i.score) for i in form.indicators][:2] == [
        ("养护道路长度", "12公里", "12公里", 15.0, 15.0), ("养护桥梁座数", "≥3座", "4座", 10.0, 10.0)]


def test_a_level_that_two_readings_fit_is_left_out():
    # '5100100人5': 100 | 100人, or 10010 | 0人 — nothing says which
    line = HEAD + INDICATORS.replace("养护桥梁座数10≥3座4座10", "培训人数5100100人5") + "总分10099"
    levels = [row[2] for row in _table_rows(unfuse_forms([line]))]
    assert "培训人数" not in levels and "养护道路长度" not in levels  # the whole level: one reading or none
    assert "养护路段合格率" in levels  # the other levels are read


def test_a_value_in_words_beside_a_figure_is_left_out_before_a_reasons_column():
    line = HEAD + INDICATORS.replace("完工及时率15100%100%15", "完工及时率15100%未完工15") + "总分10099"
    levels = [row[2] for row in _table_rows(unfuse_forms([line]))]
    assert "完工及时率" not in levels
    without_reasons = line.replace("未完成原因及拟采取的改进措施", "")
    assert "完工及时率" in [row[2] for row in _table_rows(unfuse_forms([without_reasons]))]


def test_a_sharing_sites_pages_of_the_form_are_joined():
    cut = FORM.index("质量指标")
    lines = unfuse_forms([f"1、{FORM[:cut]}", f"2、{FORM[cut:-4]}", f"3、{FORM[-4:]}", "5、另一段"])
    levels = [row[2] for row in _table_rows(lines)]
    assert "养护路段合格率" in levels and "沿线群众满意度" in levels
    assert lines[-2:] == ["注:1.其他资金指单位自有资金。", "5、另一段"]  # (not numbered on: not a page of it)


def test_lines_that_are_not_a_whole_form_pass_unchanged():
    lines = [HEAD, INDICATORS * 2, "\t" + FORM, "短行"]
    assert unfuse_forms(lines) == lines


# a page that writes each row of the form on its own line with the cells run together (no
# separators), the indicator header alone on its line and the levels' names before a level's
# first row; written for these tests in that layout
ROWS_FUSED = [
    "财政项目支出绩效自评表",
    "2022年度",
    "项目名称河道保洁服务",
    "主管部门某某镇人民政府实施单位某某镇人民政府(本部)",
    "项目资金(万元) 年初预算数全年预算数全年执行数分值执行率得分",
    "年度资金总额36.0036.0035.401098.3%9.8",
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
    "产出指标数量指标保洁河道长度42公里42公里2020 ",
    "巡查次数≥100次120次1010 ",
    "质量指标水面漂浮物清除率95%88%2018人员不足",
    "时效指标整改及时性及时基本及时108汛期延误",
    "满意度指标服务对象满意度指标沿岸居民满意度≧85%≧90%1010 ",
    "总分:92",
    "注:其他资金为村级自筹。",
]


def test_rows_fused_a_line_each_are_given_back_as_a_table():
    lines = unfuse_forms(ROWS_FUSED)
    rows = _table_rows(lines)
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    assert rows[1:] == [
        ["产出指标", "数量指标", "保洁河道长度", "42公里", "42公里", "20", "20"],
        ["产出指标", "数量指标", "巡查次数", "≥100次", "120次", "10", "10"],
        ["产出指标", "质量指标", "水面漂浮物清除率", "95%", "88%", "20", "18"],  # its reason after the figures
        ["满意度指标", "服务对象满意度指标", "沿岸居民满意度", "≧85%", "≧90%", "10", "10"],
        ["总分", "92"],  # the score alone after a colon ('92' is not 9 points and a score of 2)
    ]
    # a target and a result in different words cannot be told from the reason's: left out, kept as text
    assert "时效指标整改及时性及时基本及时108汛期延误" in lines
    assert lines[:6] == ROWS_FUSED[:6] and lines[-1] == "注:其他资金为村级自筹。"


def test_the_form_readers_read_the_rows_fused_a_line_each():
    (form,) = project_forms(parse_text("\n".join(ROWS_FUSED)))
    assert form.name == "河道保洁服务"
    assert form.score == 92
    assert [(i.level3, i.weight, i.score) for i in form.indicators] == [
        ("保洁河道长度", 20.0, 20.0), ("巡查次数", 10.0, 10.0), ("水面漂浮物清除率", 20.0, 18.0), ("沿岸居民满意度", 10.0, 10.0)]


def test_a_header_line_holding_its_levels_is_a_whole_block_not_a_row_header():
    block = "一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标数量指标保洁河道长度42公里42公里2020"
    assert unfuse_forms([block, "总分:92"]) == [block, "总分:92"]
