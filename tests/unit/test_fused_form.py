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
