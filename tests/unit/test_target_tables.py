"""pipelines.extract.target_tables: a budget's table of its projects' targets, one project after
another, the merged cells on the left of each project's later rows dropped by the page.

Rules covered, with near misses:
- a header naming 项目名称 and 预算数 before 一级指标 and a target column (no result, no score);
- a project's first row gives its name, its unit (without its budget code) and its budget, in the
  table's money unit; the rows below, starting at their level-1 word, its indicators, with
  their operator, value and unit as the target and 权重 as the weight;
- a department's subtotal row (no indicator) is skipped; a self-evaluation's table (实际完成值,
  得分) is not a target table;
- one project's target form run onto one line: its name up to the next label, and the figures of
  资金总额及构成 that carry their unit, by source (总额 / 财政拨款 / 其他); a figure without its unit
  is left out.
"""

from __future__ import annotations

from decimal import Decimal

from pipelines.documents.model import Document, Table
from pipelines.documents.text_reader import parse_text
from pipelines.extract.target_tables import fused_target_forms, target_tables

HEADER = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
          "权重", "指标方向性"]


def test_projects_and_their_targets():
    rows = [
        ["部门预算项目绩效目标申报表(2024年度)"],
        ["金额单位:万元"],
        HEADER,
        ["301-某乡部门", "512.40"],
        ["301001-某县某乡人民政府", "村道保洁经费", "48.60", "保持村道整洁", "产出指标", "数量指标", "保洁里程", "≥", "36",
         "公里", "30", "正向指标"],
        ["效益指标", "社会效益指标", "群众出行条件", "=", "改善", "", "20", "正向指标"],
        ["便民服务经费", "12.00", "保障服务站运转", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "20",
         "正向指标"],
    ]
    forms = target_tables(Document([Table(rows, 1)]))
    assert [(f.name, f.implementing_unit, [(r.fund_source, r.phase, r.amount_yuan) for r in f.funds]) for f in forms] == [
        ("村道保洁经费", "某县某乡人民政府", [("total", "budget", Decimal("486000.00"))]),
        ("便民服务经费", None, [("total", "budget", Decimal("120000.00"))]),
    ]
    assert [(i.project_name, i.level1, i.level2, i.level3, i.target_text, i.actual_text, i.weight)
            for f in forms for i in f.indicators] == [
        ("村道保洁经费", "产出指标", "数量指标", "保洁里程", "≥36公里", None, 30.0),
        ("村道保洁经费", "效益指标", "社会效益指标", "群众出行条件", "改善", None, 20.0),
        ("便民服务经费", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", None, 20.0),
    ]


def test_merged_cells_written_on_every_row_or_blank_below_keep_one_project():
    """A .docx reader repeats a merged cell on each row it spans; a text export leaves it blank."""
    first = ["某县某乡人民政府", "村道保洁经费", "48.60", "保持村道整洁", "产出指标", "数量指标", "保洁里程", "≥", "36", "公里",
             "30", "正向指标"]
    repeated = [*first[:4], "效益指标", "社会效益指标", "群众出行条件", "=", "改善", "", "20", "正向指标"]
    blank = ["", "", "", "", *repeated[4:]]
    for second in (repeated, blank):
        forms = target_tables(Document([Table([["金额单位:万元"], HEADER, first, second], 1)]))
        assert [(f.name, len(f.funds), len(f.indicators)) for f in forms] == [("村道保洁经费", 1, 2)]


def test_a_self_evaluation_table_is_no_target_table():
    header = ["项目名称", "预算数", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [header, ["某某经费", "10", "产出指标", "数量指标", "保洁里程", "36公里", "36公里", "30", "30"]]
    assert target_tables(Document([Table(rows, 1)])) == []


def test_a_target_form_run_onto_one_line():
    line = ("项目绩效目标表(2023年度)填报单位(盖章):某县某镇人民政府 项目名称村组道路硬化项目属性新增项目□延续项目√"
            "主管部门某镇项目单位某镇资金总额及构成总额250.5万元一、财政拨款:180万元(其中:上级财政资金:120万元;本级财政:60万元)"
            "二、自有资金:0万元三、其他:70.5万元项目概况硬化村组道路")
    [(form, paragraph)] = fused_target_forms(parse_text("文档简介\n" + line))
    assert form.name == "村组道路硬化"
    assert paragraph.number == 2
    assert [(f.fund_source, f.phase, f.amount_yuan) for f in form.funds] == [
        ("total", "budget", Decimal("2505000")), ("fiscal", "budget", Decimal("1800000")),
        ("other", "budget", Decimal("705000"))]


def test_a_run_on_target_form_on_the_ministrys_template_labels():
    line = ("项目支出绩效目标申报表 项目名称 乡村学校厕所改造 主管部门 某县教育局 实施单位 某县教育局 "
            "资金总额及构成 年度资金总额: 45万元 其中:财政拨款 40万元 其他资金 5万元 年度绩效目标 改造厕所12座")
    [(form, _)] = fused_target_forms(parse_text(line))
    assert form.name == "乡村学校厕所改造"
    assert [(f.fund_source, f.amount_yuan) for f in form.funds] == [
        ("total", Decimal("450000")), ("fiscal", Decimal("400000")), ("other", Decimal("50000"))]


def test_a_run_on_target_forms_figures_without_their_unit_are_left_out():
    line = "项目支出绩效目标申报表 项目名称村组道路硬化主管部门某镇资金总额及构成年度资金总额250.5其中:财政拨款180其他资金70.5"
    assert fused_target_forms(parse_text(line)) == []
