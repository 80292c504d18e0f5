"""pipelines.extract.facts.extract_facts: a Document in, the frames of one report out.

Rules covered, one test each with a near miss:
- a document without text raises NotAReport;
- a page about the genre (kind other), or one with fewer than three report words
  (绩效/预算/决算/支出/自评/指标), is one report row with status not_a_report and empty frames;
- a report naming its unit and fiscal year is 'loaded'; one that misses either is 'partial' and
  says which in `error`;
- the report row gathers title, kind, unit, year, date, score/max/grade; budget figures, headcounts
  and findings reach their frames with the report's id;
- a figure beyond 10^16 yuan is left out and recorded as an error check, the rest still loads;
- figures that name no phase are budget in a budget disclosure, final elsewhere (recorded);
- a form's tables of which the form reader made nothing are read by the general rules;
- an indicator table alone (指标 among the report words) is a report, a project form;
- an evaluation of one project named on its cover form: its money is that project's; a project
  report's cover name (项目名称) over the title's words around it; a form's money cell on its own
  line with its unit, its figure on the next ('计划安排资金(元)' / '480000');
- a single project form: its score, grade and implementing unit are the document's when the
  document states none of its own; its funds go to project_facts, not budget_facts; its
  indicators carry the project's name.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.documents.text_reader import parse_text
from pipelines.extract.facts import NotAReport, extract_facts

BASE = {"report_id": "r1", "source_file": "a.txt", "source_sha256": "0" * 64, "source_format": "txt"}
TITLE = "某某县某某局2022年度部门整体支出绩效自评报告"


def para(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_a_document_without_text_is_not_a_report():
    with pytest.raises(NotAReport):
        extract_facts(Document(), BASE)
    with pytest.raises(NotAReport):
        extract_facts(Document([Paragraph("   ", 1)]), BASE)


@pytest.mark.parametrize(
    "text",
    [
        para("关于开展2022年度部门整体支出绩效自评工作的通知", "各预算单位：请开展绩效自评，报送自评报告和预算执行情况。"),
        para("某某县某某局2022年度工作总结", "本年度完成各项工作。"),
        para("某某县某某局2022年度部门决算"),  # a title alone: one report word
    ],
)
def test_not_a_report(text):
    extract = extract_facts(parse_text(text), BASE)
    report = extract.report
    assert (report["status"], report["document_kind"], report["report_id"]) == ("not_a_report", "other", "r1")
    assert all(frame.height == 0 for name, frame in extract.frames.items() if name != "reports")


def test_a_disclosure_cut_off_in_its_duties_is_still_a_report():
    """Its title names the genre and text follows, though the excerpt hardly speaks of money
    (near miss above: the same title alone)."""
    duties = "主要职责：执行本级人民代表大会的决议，管理本行政区域内的经济、教育、科技、文化、卫生和民政工作。" * 3
    text = para("某某县某某镇人民政府2022年决算公开说明", "一、单位基本情况", duties, "我单位共有人员编制数20人，其中行政编制12人。")
    report = extract_facts(parse_text(text), BASE).report
    assert (report["status"], report["document_kind"]) == ("loaded", "final_accounts")


def test_an_untitled_excerpt_of_an_evaluation_is_a_report_by_its_evaluation_words():
    """A short excerpt that opens on an evaluation's conclusion speaks the genre by 评价
    (near miss: a short page of other words stays no report)."""
    text = para("本次绩效评价对2023年度某某专项的投入、过程进行了分析评价，某某专项绩效评价综合评价得分80.10分，评价等次为良。")
    report = extract_facts(parse_text(text), BASE).report
    assert report["document_kind"] == "evaluation_report" and report["self_score"] == 80.1
    text = para("本次活动对2023年度某某节的筹办过程进行了总结，参会人员80人。")
    assert extract_facts(parse_text(text), BASE).report["status"] == "not_a_report"


def test_a_whole_report():
    extract = extract_facts(parse_text(para(
        TITLE,
        "一、部门基本情况",
        "本局核定编制20人，实有人数18人。",
        "二、预算执行情况",
        "2022年度决算收入合计120万元，决算支出合计110万元，其中基本支出80万元，项目支出30万元。",
        "经自评，本局自评得分92分，评价等级为优秀。",
        "三、存在的问题",
        "（一）预算编制不够精准。",
        "四、改进措施",
        "（一）加强预算编制。",
        "某某县某某局",
        "2023年3月1日",
    )), BASE)
    report = extract.report
    assert {k: report[k] for k in ("title", "document_kind", "unit_name", "fiscal_year", "self_score", "max_score",
                                   "grade", "status", "error")} == {
        "title": TITLE, "document_kind": "overall_report", "unit_name": "某某县某某局", "fiscal_year": 2022,
        "self_score": 92.0, "max_score": 100.0, "grade": "优秀", "status": "loaded", "error": None,
    }
    assert str(report["report_date"]) == "2023-03-01"
    budget = extract.frames["budget_facts"]
    assert sorted(zip(budget["line_name"], budget["phase"], budget["amount_yuan"])) == [
        ("基本支出", "final", Decimal("800000.00")), ("支出合计", "final", Decimal("1100000.00")),
        ("收入合计", "final", Decimal("1200000.00")), ("项目支出", "final", Decimal("300000.00")),
    ]
    headcounts = extract.frames["headcounts"]
    assert list(zip(headcounts["measure"], headcounts["headcount"])) == [("authorized", 20), ("actual", 18)]
    findings = extract.frames["findings"]
    assert list(zip(findings["kind"], findings["seq"], findings["text"])) == [
        ("problem", 1, "预算编制不够精准"), ("measure", 1, "加强预算编制"),
    ]
    assert set(budget["report_id"]) | set(headcounts["report_id"]) | set(findings["report_id"]) == {"r1"}


@pytest.mark.parametrize(
    ("text", "status", "error"),
    [
        (para(TITLE, "2022年度支出合计100万元。"), "loaded", None),
        # near misses: no unit, no year
        (para("部门整体支出绩效自评报告", "本年度预算执行良好，支出合计100万元，绩效目标完成。"), "partial",
         "not found in the document: unit name, fiscal year"),
        (para("某某县某某局部门整体支出绩效自评报告", "本年度预算执行良好，支出合计100万元。"), "partial",
         "not found in the document: fiscal year"),
    ],
)
def test_status(text, status, error):
    report = extract_facts(parse_text(text), BASE).report
    assert (report["status"], report["error"]) == (status, error)


def test_an_absurd_figure_is_left_out_and_said_so():
    extract = extract_facts(parse_text(para(TITLE, "2022年度决算支出合计100000000000000万元，基本支出80万元。")), BASE)
    budget = extract.frames["budget_facts"]
    assert list(zip(budget["line_name"], budget["amount_yuan"])) == [("基本支出", Decimal("800000.00"))]
    checks = extract.frames["quality_checks"].filter(check_name="figure_out_of_range")
    assert list(zip(checks["severity"], checks["observed"])) == [("error", "1.00E+18")]
    assert extract.report["status"] == "loaded"


def test_a_single_project_form():
    rows = [
        ["（2022年度）"],
        ["项目名称", "某某农村道路养护经费"],
        ["主管部门", "某某县交通运输局", "实施单位", "某某县公路养护中心"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "100", "120", "108", "10", "90%", "9"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "数量指标", "养护里程", "≥50公里", "52公里", "20", "20", ""],
        ["总分", "", "", "", "", "100", "92", ""],
        ["自评等级", "优秀"],
    ]
    extract = extract_facts(Document([Paragraph("项目支出绩效自评表", 1), Table(rows, 1)]), BASE)
    report = extract.report
    assert (report["document_kind"], report["unit_name"], report["fiscal_year"], report["self_score"],
            report["max_score"], report["grade"]) == ("project_form", "某某县公路养护中心", 2022, 92.0, 100.0, "优秀")
    projects = extract.frames["project_facts"]
    assert list(zip(projects["project_name"], projects["phase"], projects["amount_yuan"])) == [
        ("某某农村道路养护经费", "budget", Decimal("1000000.00")),
        ("某某农村道路养护经费", "adjusted", Decimal("1200000.00")),
        ("某某农村道路养护经费", "final", Decimal("1080000.00")),
    ]
    assert extract.frames["budget_facts"].height == 0  # the form's money is the project's
    indicators = extract.frames["indicator_rows"]
    assert list(zip(indicators["project_name"], indicators["level3"], indicators["row_seq"])) == [
        ("某某农村道路养护经费", "养护里程", 1)
    ]


def test_a_project_report_whose_form_is_written_one_cell_a_line():
    """A cover naming the project (项目名称) under a title that wraps it in the unit's words; the
    form's money cells on their own lines, each figure on the line after its label ('计划安排资金(元)'
    / '480000'). Near miss: a figure line after a label with no money unit is not joined to it."""
    text = para("2019年某某街道办事处环境整治经费项目支出绩效自评报告", "项目名称:环境整治经费",
                "项目单位:某某市某某区人民政府某某街道办事处", "一、项目基本概况", "邮编", "530000",
                "计划安排资金(元)", "360000", "实际到位资金(元)", "180000", "实际支出(元)", "175120")
    extract = extract_facts(parse_text(text), BASE)
    projects = extract.frames["project_facts"].filter(extract.frames["project_facts"]["amount_yuan"].is_not_null())
    assert sorted(zip(projects["project_name"], projects["phase"], projects["amount_yuan"])) == [
        ("环境整治经费", "budget", Decimal("360000.00")), ("环境整治经费", "final", Decimal("175120.00"))]


def test_prose_retelling_a_forms_project_under_another_name_gives_its_score_not_more_money():
    rows = [
        ["项目名称", "某某文化服务经费"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["", "年度资金总额", "200", "200", "179.43", "89.7%"],
    ]
    document = Document([Paragraph("项目支出绩效自评表", 1), Table(rows, 1), Paragraph(
        "某某文化服务项目绩效自评综述：项目绩效自评得分为95分。全年预算数为200万元，执行数为179.43万元。", 2)])
    extract = extract_facts(document, BASE)
    assert extract.report["self_score"] == 95.0
    projects = extract.frames["project_facts"]
    assert set(projects["project_name"]) == {"某某文化服务经费"}
    assert projects.height == 3  # the form's three phases, no prose copy of them
    # near miss: prose on another project keeps its own money
    other = Paragraph("某某图书购置项目绩效自评综述：全年预算数为20万元，执行数为19万元。", 2)
    names = extract_facts(Document([Paragraph("项目支出绩效自评表", 1), Table(rows, 1), other]), BASE)
    assert set(names.frames["project_facts"]["project_name"]) == {"某某文化服务经费", "某某图书购置项目"}


@pytest.mark.parametrize(
    ("title", "phase"),
    [
        ("某某县某某局2023年部门预算公开", "budget"),  # a budget disclosure: its figures are its budget
        # near miss: a self-evaluation's figures without a phase word are read as spent
        (TITLE, "final"),
    ],
)
def test_figures_naming_no_phase_take_the_phase_of_the_disclosure(title, phase):
    text = para(title, "一、收支情况", "基本支出120万元，项目支出30万元。")
    extract = extract_facts(parse_text(text), BASE)
    budget = extract.frames["budget_facts"]
    assert set(zip(budget["line_name"], budget["phase"])) == {("基本支出", phase), ("项目支出", phase)}
    assumed = extract.frames["quality_checks"].filter(check_name="assumed_phase")
    assert assumed["observed"].to_list() == [phase]  # and the assumption is recorded


def test_a_form_s_tables_the_form_reader_made_nothing_of_are_read_by_the_general_rules():
    """A provincial variant: 项目名称 starts a form, but its money table is no 年度资金总额 block."""
    text = (
        "某某县财政支出项目绩效评价报告\n\n项目名称 2022年某某文化活动专项资金\n\n"
        "\t项目负责人\n\t某某\n\n\t项目起止时间\n\t2022年度\n\n"
        "二、项目支出明细情况\n\n"
        "\t支出内容\n\t计划支出数(万元)\n\t实际支出数(万元)\n\n"
        "\t送戏下乡经费\n\t80.00\n\t75.50\n\n\t支出合计\n\t80.00\n\t75.50\n\n"
    )
    projects = extract_facts(parse_text(text), BASE).frames["project_facts"]
    rows = set(zip(projects["project_name"], projects["phase"], projects["amount_yuan"]))
    assert {("送戏下乡经费", "budget", Decimal("800000.00")), ("送戏下乡经费", "final", Decimal("755000.00"))} <= rows


def test_an_indicator_table_alone_is_a_report():
    text = ("一级指标 | 二级指标 | 指标名称 | 目标值 | 完成值 |\n产出指标 | 数量指标 | 培训人数 | 500人 | 480人 |\n"
            "| 质量指标 | 结业考核通过率 | 100% | 98% |\n效益指标 | 社会效益 | 就业率 | 60% | 55% |\n")
    extract = extract_facts(parse_text(text), BASE)
    assert extract.report["document_kind"] == "project_form"
    assert extract.frames["indicator_rows"]["level3"].to_list() == ["培训人数", "结业考核通过率", "就业率"]


def test_an_evaluation_of_one_project_named_on_its_cover_form_gives_that_project_its_money():
    text = (
        "某某县财政支出政策绩效评价报告\n\n项目名称 2022年某某文化活动专项资金\n\n评价机构：中介机构☑\n\n"
        "\t项目负责人\n\t某某\n\n\t项目起止时间\n\t2022年度\n\n"
        "\t支出内容\n\t计划支出数(万元)\n\t实际支出数(万元)\n\n\t支出合计\n\t80.00\n\t75.50\n\n"
    )
    extract = extract_facts(parse_text(text), BASE)
    assert extract.report["document_kind"] == "evaluation_report"
    projects = extract.frames["project_facts"]
    assert ("2022年某某文化活动专项资金", "final", Decimal("755000.00")) in set(
        zip(projects["project_name"], projects["phase"], projects["amount_yuan"]))
    assert extract.frames["budget_facts"].is_empty()  # near miss: none of it is the unit's budget


@pytest.mark.parametrize(
    ("title", "sentence", "lines"),
    [
        # a report on the unit's special funds as a whole: its spending lines are the unit's
        ("某某镇中心学校2019年度专项资金绩效自评报告", "我单位2019年项目支出决算为120万元，其中：房屋建筑物购建60万元。",
         {("项目支出", "final"), ("房屋建筑物购建", "final")}),
        # …and the money as a whole is its project spending
        ("某某局2021年度项目资金绩效自评报告", "2021年度财政资金预算120万元，执行100万元，其中：房屋建筑物购建60万元。",
         {("项目支出", "budget"), ("项目支出", "final"), ("房屋建筑物购建", "final")}),
        # near miss: a report on one fund keeps its figures for that fund
        ("某某镇中心学校2019年度校舍维修专项资金绩效自评报告", "我单位2019年项目支出决算为120万元，其中：房屋建筑物购建60万元。",
         set()),
    ],
)
def test_a_report_on_the_units_project_funds_as_a_whole_keeps_its_lines(title, sentence, lines):
    budget = extract_facts(parse_text(para(title, "一、资金使用情况", sentence)), BASE).frames["budget_facts"]
    assert set(zip(budget["line_name"], budget["phase"])) == lines


def test_a_budgets_target_table_gives_its_projects_once():
    """A budget's 项目绩效目标申报表: each project's budget and targets, read by project once (not
    again by the general indicator rules), and the unit from its 单位名称 cell; the page stays a budget."""
    rows = [
        ["金额单位:元"],
        ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
        ["301001-某县某乡人民政府", "村道保洁经费", "48,600.00", "保持村道整洁", "产出指标", "数量指标", "保洁里程", "≥", "36",
         "公里", "30"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "20"],
    ]
    extract = extract_facts(Document([Paragraph("部门预算项目绩效目标申报表(2024年度)", 1), Table(rows, 1)]), BASE)
    assert (extract.report["document_kind"], extract.report["unit_name"]) == ("budget", "某县某乡人民政府")
    projects = extract.frames["project_facts"]
    assert list(zip(projects["project_name"], projects["phase"], projects["amount_yuan"])) == [
        ("村道保洁经费", "budget", Decimal("48600.00"))]
    indicators = extract.frames["indicator_rows"]
    assert list(zip(indicators["project_name"], indicators["level3"], indicators["target_text"])) == [
        ("村道保洁经费", "保洁里程", "≥36公里"), ("村道保洁经费", "群众满意度", "≥90%")]


@pytest.mark.parametrize(
    ("title", "line"),
    [
        # a self-evaluation speaks of the money it was given: its fiscal spending is its whole spending
        (TITLE, "支出合计"),
        # near miss: a disclosure lists the fiscal spending apart from the whole (a unit with other
        # income spends more than its 财政拨款)
        ("某某县某某局2022年度部门决算", "一般公共预算支出"),
    ],
)
def test_the_fiscal_spending_is_the_whole_only_in_a_self_evaluation(title, line):
    extract = extract_facts(parse_text(para(title, "一、收支情况", "2022年一般公共预算支出85.46万元。")), BASE)
    budget = extract.frames["budget_facts"]
    assert list(zip(budget["line_name"], budget["phase"], budget["amount_yuan"])) == [(line, "final", Decimal("854600.00"))]


def test_the_money_an_evaluation_covers_is_no_project():
    """'纳入绩效评价的资金共…' sums every fund the evaluation covers: no project of that name; the
    fund the report is about keeps its figure."""
    title = "某县2023年度农村公路补助资金转移支付绩效自评报告"
    text = para(title, "一、基本情况", "纳入绩效评价的资金共3600万元，其中：中央资金1500万元，地方资金2100万元。",
                "2023年农村公路补助资金1500万元分两批下达，全部用于县乡道提升。")
    projects = extract_facts(parse_text(text), BASE).frames["project_facts"]
    names = list(projects["project_name"])
    assert not any(name.startswith("纳入") for name in names), names
    assert Decimal("15000000.00") in list(projects["amount_yuan"]), names


def test_a_bond_projects_money_named_only_as_the_bond_is_the_projects():
    """'专项债1.22亿元已到位，并已支付' in a report on one bond-funded project: the project was given it
    and spent all of it. Near miss: money that has only arrived is not spent."""
    title = "某市某区人民医院新院区专项债券项目绩效自评价报告"
    for sentence, phases in (("2022年专项债1.22亿元已到位，并已支付。", ["budget", "final"]),
                             ("2022年专项债1.22亿元已到位。", ["budget"])):
        extract = extract_facts(parse_text(para(title, "一、项目概况", sentence)), BASE)
        projects = extract.frames["project_facts"]
        assert list(zip(projects["project_name"], projects["phase"], projects["amount_yuan"])) == [
            ("某市某区人民医院新院区专项债券项目", phase, Decimal("122000000.00")) for phase in phases]
