"""pipelines.extract.project_rows: the rows of fct_project.

Rules covered, one row each with a near miss:
- as_project_money: in a project's document, named projects are kept; the totals (支出合计,
  收入合计, 项目支出) become the project's own when the title names it; the unit's other budget
  lines are dropped, and so are the totals when no project is named;
- scored: a project report's own score, grade and stated rate (…执行率为95%) go to its project's
  rows only, never over a score already read;
- project_rows: one row per (project, phase) of money, first figure wins; scores from a table or a
  paragraph per project; a project listed without amounts gets a 'final' row with its grade;
- form_project_rows: one row per fund and phase, the fund's stated rate beside it; a rate-only fund
  row gives its rate but no row; a form without figures still gets one row;
- left_out_rows: a warning per fused run left out, and per row whose amounts are too large for
  the form's 万元 note.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pipelines.documents.model import Document
from pipelines.documents.text_reader import parse_text
from pipelines.extract.money import MoneyFact, document_money
from pipelines.extract.project_forms import FundRow, ProjectForm
from pipelines.extract.project_rows import as_project_money, form_project_rows, left_out_rows, project_rows, scored


def money(kind: str, name: str, phase: str = "final", amount: str = "100") -> MoneyFact:
    return MoneyFact(kind, name, name, kind == "budget", phase, None, Decimal(amount), "prose", "paragraph 1", name)


@pytest.mark.parametrize(
    ("facts", "project", "expected"),
    [
        # named projects stay; totals become the project's; other lines go
        ([money("project", "甲经费"), money("budget", "支出合计"), money("budget", "差旅费")], "乙项目",
         [("project", "甲经费"), ("project", "乙项目")]),
        ([money("budget", "收入合计"), money("budget", "项目支出")], "乙项目",
         [("project", "乙项目"), ("project", "乙项目")]),
        # a fund named with the levels that give it ('中央、省、市…' before it) is the title's fund
        ([money("project", "市财政衔接推进补助资金")], "转移支付财政衔接推进补助资金",
         [("project", "转移支付财政衔接推进补助资金")]),
        ([money("project", "某某道路养护资金")], "转移支付财政衔接推进补助资金",  # near miss: another fund
         [("project", "某某道路养护资金")]),
        # the title's project named with more words after it is the title's project; near
        # miss: another project that only shares a word
        ([money("project", "校园安全经费资金"), money("project", "校园绿化经费")], "校园安全经费",
         [("project", "校园安全经费"), ("project", "校园绿化经费")]),
        # the title's fund named with its year and other money words ('2023年某某公用经费资金项目');
        # near miss: another fund of the same kind
        ([money("project", "2023年特殊教育公用经费资金项目")], "特殊教育公用经费补助资金",
         [("project", "特殊教育公用经费补助资金")]),
        ([money("project", "2023年学前教育公用经费资金项目")], "特殊教育公用经费补助资金",
         [("project", "2023年学前教育公用经费资金项目")]),
        # the end of the title's project's name, with its year; near miss: an end too short to tell
        ([money("project", "2021年度维护类项目")], "道路维护类项目", [("project", "道路维护类项目")]),
        ([money("project", "2021年度类项目")], "道路维护类项目", [("project", "2021年度类项目")]),
        # near miss: no project named in the title, the totals are nobody's
        ([money("project", "甲经费"), money("budget", "支出合计")], None, [("project", "甲经费")]),
    ],
)
def test_as_project_money(facts, project, expected):
    assert [(f.kind, f.name) for f in as_project_money(facts, project)] == expected


def test_as_project_money_marks_the_renamed_total_as_not_canonical():
    [fact] = as_project_money([money("budget", "支出合计", amount="5")], "乙项目")
    assert (fact.is_canonical, fact.amount_yuan, fact.phase) == (False, Decimal("5"), "final")


REPORT = {"self_score": 88.0, "max_score": 100.0, "grade": "良好"}


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("项目预算执行率为95.5%。", 95.5),
        ("资金执行率达到100％。", 100.0),
        ("实际已支付110万元，支付完成率为94.91%。", 94.91),  # what was paid of what was given
        ("转移支付预算数(A) 5.8万 预算执行率(B/A) 96%", 96.0),  # the form's column letters between
        # near misses: a rate of something else
        ("群众满意度为95%。", None),
    ],
)
def test_scored_gives_the_report_s_score_and_rate_to_its_project(text, rate):
    rows = [{"project_name": "乙项目"}, {"project_name": "甲经费"}]
    out = scored(rows, "乙项目", REPORT, parse_text(text + "\n"))
    assert out[0] == {"project_name": "乙项目", "score": 88.0, "max_score": 100.0, "grade": "良好",
                      "execution_rate_stated": rate}
    assert out[1] == {"project_name": "甲经费"}  # near miss: another project keeps nothing of it


def test_scored_keeps_a_score_already_read_and_needs_a_project():
    rows = [{"project_name": "乙项目", "score": 70.0, "execution_rate_stated": 80.0}]
    assert scored(rows, "乙项目", REPORT, parse_text("执行率为95%\n")) == [
        {"project_name": "乙项目", "score": 70.0, "execution_rate_stated": 80.0}
    ]
    assert scored([{"project_name": "乙项目"}], None, REPORT, Document()) == [{"project_name": "乙项目"}]


def test_project_rows_one_per_project_and_phase_with_scores():
    facts = [money("project", "农业技术推广经费", "final", "100"), money("project", "农业技术推广经费", "final", "99"),
             money("project", "农业技术推广经费", "budget", "120"), money("budget", "支出合计")]
    document = parse_text(
        "农业技术推广经费：全年预算数120万元，自评得分85分，评价等级为良好。\n\n"
        "2022年度农业技术推广经费、乡村道路维修项目等2个项目评价等级为优秀。\n"
    )
    rows = project_rows("r1", facts, document)
    got = [(r["project_name"], r["phase"], r.get("amount_yuan"), r.get("score"), r.get("grade")) for r in rows]
    assert got == [
        ("农业技术推广经费", "final", Decimal("100"), 85.0, "良好"),  # the first figure; the paragraph's score
        ("农业技术推广经费", "budget", Decimal("120"), 85.0, "良好"),
        ("乡村道路维修项目", "final", None, None, "优秀"),  # listed without amounts
    ]
    assert all(r["report_id"] == "r1" for r in rows)


def fund(source, phase, amount, rate=None):
    return FundRow(source, phase, Decimal(amount) if amount else None, rate, None, None, "table 1 row 3", source)


def test_form_project_rows():
    form = ProjectForm("甲道路养护经费", "table 1 row 1", "某某县交通运输局", "某某县公路养护中心",
                       funds=[fund("total", "adjusted", "120"), fund("total", "final", "108"),
                              fund("fiscal", None, None, rate=90.0)],
                       score=92.0, max_score=100.0, grade="优秀")
    empty = ProjectForm("乙桥梁维修经费", "table 2 row 1", score=80.0)
    rows = form_project_rows("r1", [form, empty])
    got = [(r["project_name"], r["fund_source"], r["phase"], r.get("amount_yuan"), r.get("execution_rate_stated"),
            r["score"]) for r in rows]
    assert got == [
        ("甲道路养护经费", "total", "adjusted", Decimal("120"), None, 92.0),
        ("甲道路养护经费", "total", "final", Decimal("108"), None, 92.0),
        # near miss: the rate-only row of 财政拨款 is no row of its own
        ("乙桥梁维修经费", "total", "final", None, None, 80.0),  # a form without figures
    ]
    assert rows[0]["department"] == "某某县交通运输局" and rows[0]["implementing_unit"] == "某某县公路养护中心"


def test_form_project_rows_a_fund_s_rate_beside_its_amounts():
    form = ProjectForm("甲道路养护经费", "table 1 row 1",
                       funds=[fund("fiscal", "final", "90", rate=90.0), fund("total", "final", "108")])
    rates = [(r["fund_source"], r["execution_rate_stated"]) for r in form_project_rows("r1", [form])]
    assert rates == [("fiscal", 90.0), ("total", None)]


def test_left_out_rows():
    form = ProjectForm("甲道路养护经费", "table 1 row 1", unsplit=[("table 1 row 4", "其中：财政拨款:4125%")],
                       beyond_unit=[("table 1 row 3", "年度资金总额 | 145000000.00")])
    rows = left_out_rows("r1", [form, ProjectForm("乙桥梁维修经费", "table 2 row 1")])
    assert [(row["check_name"], row["severity"], row["observed"], row["source_locator"]) for row in rows] == [
        ("fused_figures_not_split", "warning", "其中：财政拨款:4125%", "table 1 row 4"),
        ("amount_beyond_unit_note", "warning", "年度资金总额 | 145000000.00", "table 1 row 3")]


def test_a_rate_stated_in_a_paragraph_about_one_project_is_that_project_s():
    text = "甲道路养护经费：预算20万元，实际支付19万元，使用率95%。\n\n乙桥梁维修经费：预算10万元，已全部支付。\n"
    rows = [{"project_name": "甲道路养护经费"}, {"project_name": "乙桥梁维修经费"}]
    out = scored(rows, None, REPORT, parse_text(text))
    assert out == [{"project_name": "甲道路养护经费", "execution_rate_stated": 95.0},
                   {"project_name": "乙桥梁维修经费"}]  # near miss: its paragraph states no rate


def test_a_report_on_a_project_that_gives_no_figure_of_it_still_gives_its_score():
    report = {**REPORT, "report_id": "r1"}
    assert scored([], "乙项目", report, Document()) == [
        {"report_id": "r1", "project_name": "乙项目", "fund_source": "total", "phase": "final", "source_locator": None,
         "source_excerpt": "乙项目", "score": 88.0, "max_score": 100.0, "grade": "良好", "execution_rate_stated": None}
    ]
    # near misses: no project, or a report without score or grade
    assert scored([], None, report, Document()) == []
    assert scored([], "乙项目", {**report, "self_score": None, "grade": None}, Document()) == []


def test_a_figure_its_sentence_gives_as_the_treasury_s_fund_is_the_fiscal_source():
    given = replace(money("project", "某村道路项目", "budget"), line_raw="下达财政专项扶贫资金")
    # near misses: a project named so, alone or numbered
    named = money("project", "某村财政补助资金", "budget")
    numbered = replace(money("project", "财政业务经费", "budget"), line_raw="4、财政业务经费")
    # nor the report's fund named by a level of government that gives it
    level = replace(money("project", "转移支付财政衔接补助资金", "budget"), line_raw="市财政衔接补助资金")
    rows = project_rows("r1", [given, named, numbered, level], Document())
    assert [(r["project_name"], r["fund_source"]) for r in rows] == [
        ("某村道路项目", "fiscal"), ("某村财政补助资金", None), ("财政业务经费", None), ("转移支付财政衔接补助资金", None)]


def test_a_projects_spending_is_the_treasurys_where_all_its_budget_was():
    text = "某某修缮专项资金：财政预算安排120万元，实际支付115.5万元。"
    rows = project_rows("r1", document_money(parse_text(text), 2023), parse_text(text))
    assert sorted((r["phase"], r["fund_source"] or "", r["amount_yuan"]) for r in rows) == [
        ("budget", "fiscal", Decimal("1200000.00")), ("final", "fiscal", Decimal("1155000.00")),
    ]
    # near miss: a budget larger than the treasury's part of it was not all the treasury's
    text = "某某修缮专项资金：预算安排150万元，其中财政预算安排120万元，实际支付115.5万元。"
    rows = project_rows("r1", document_money(parse_text(text), 2023), parse_text(text))
    assert ("final", None) in {(r["phase"], r["fund_source"]) for r in rows}


def test_a_project_documents_sources_in_the_forms_words_are_its_projects_money():
    """'年度资金40万元，本年度财政拨款30万元，上年结转10万元，自筹资金5万元' in a report on one fund:
    that fund's total, fiscal, carried-over and other money, what it was given where no phase is said; near miss:
    a line of no source (差旅费) is no money of the project."""
    facts = [replace(money("budget", name, amount=amount), line_raw=raw, assumed_phase=True)
             for name, raw, amount in (("年度资金", "年度资金", "40"), ("财政拨款收入", "本年度财政拨款总额", "30"),
                                       ("上年结转", "上年结转", "10"), ("自筹资金", "自筹资金", "5"),
                                       ("差旅费", "差旅费", "2"))]
    assert [(f.name, f.fund_source, f.phase, f.amount_yuan) for f in as_project_money(facts, "某某扶贫资金")] == [
        ("某某扶贫资金", "total", "budget", Decimal("40")),
        ("某某扶贫资金", "fiscal", "budget", Decimal("30")),
        ("某某扶贫资金", "carryover", "budget", Decimal("10")),
        ("某某扶贫资金", "other", "budget", Decimal("5")),  # its own money: the contract's other money
    ]
