"""The rows of fct_project: projects named in a report's tables and prose, each project form's
funds, and a project report's own project (its totals, score, grade and stated rate)."""

from __future__ import annotations

import re
from dataclasses import replace

from pipelines.documents.model import Document
from pipelines.extract.money import MoneyFact, named_source, paragraph_project
from pipelines.extract.project_forms import ProjectForm
from pipelines.extract.projects import listed_projects, project_scores, table_project_scores
from pipelines.extract.rates import STATED_RATE
from pipelines.normalize.phases import PHASE_AFTER_PROJECT
from pipelines.normalize.text import GOVERNMENT_LEVEL, NUMBERING, YEAR

PROJECT_KINDS = ("project_form", "project_report")
# the totals of a project report: its project's budget and spending
_PROJECT_TOTALS = ("支出合计", "收入合计", "项目支出")


def as_project_money(money: list[MoneyFact], project: str | None) -> list[MoneyFact]:
    """A project document's money: named projects as they are (its own project's under the
    title's name, and so a fund's that the text says went to it); its totals as its own
    project's (when the title names it); no budget lines of the unit."""
    kept = [fact for fact in money if fact.kind == "project"]
    if project:  # '教育专项工作经费资金' in a report on 教育专项工作经费: its project, named as the title does
        kept = [replace(fact, name=project) if fact.name != project and (
                    names_the_project(fact.name, project) or fact.name in _ITS_FUNDS
                    or fact.used_for and names_the_project(fact.used_for, project)) else fact
                for fact in kept]
        kept += [replace(fact, kind="project", name=project, is_canonical=False)
                 for fact in money if fact.kind == "budget" and fact.name in _PROJECT_TOTALS]
        # its sources in the form's words ('年度资金40.83万元，本年度财政拨款40.83万元'): the project's
        # money from them, what it was given when no phase is said (as a project's bare amount is)
        kept += [replace(fact, kind="project", name=project, is_canonical=False, fund_source=source,
                         phase="budget" if fact.assumed_phase else fact.phase)
                 for fact in money if fact.kind == "budget" and (source := named_source(fact.line_raw))]
    return kept


# a fund named only by its kind ('专项债1.22亿元已到位'): in a report on one project, that project's
_ITS_FUNDS = {"专项债券资金"}
# the levels of government a fund comes from, before its name: '中央、省、市财政衔接…资金'
_LEVELS = re.compile(rf"^(?:{GOVERNMENT_LEVEL}级?[、，,和及]?)+")


def names_the_project(name: str, project: str) -> bool:
    """'某某经费资金' names the report's 某某经费; so does '市财政衔接补助资金' (the city's part of
    the fund, written after '中央、省、') the report's '转移支付财政衔接补助资金', and '2020年度养护类项目'
    (the end of its name, with the year) the report's '公路养护类项目', and '城乡义务教育补助资金' (its
    stem, at least six characters) the report's '中央对地方转移支付城乡义务教育补助经费', as '城乡居民基本养老保险'
    does the report's '某省城乡居民基本养老保险补助资金转移支付'."""
    core = _LEVELS.sub("", name)
    return name.startswith(project) or (len(core) >= 6 and core != name and project.endswith(core)) \
        or len(_stem(name)) >= 4 and _stem(name) == _stem(project) \
        or len(_stem(name)) >= 6 and _stem(name) in _stem(project) \
        or len(_stem(name)) >= 3 and project.endswith(_YEAR_OPENING.sub("", name))


# a fund's name around its stem: the year it is given for, and the words for money and project
# ('2023年某某公用经费资金项目' and '某某公用经费补助资金' are one fund)
_YEAR_OPENING = re.compile(rf"^{YEAR}\s*年度?")
_MONEY_WORDS = re.compile(r"(?:补助|专项)?(?:资金|经费)?(?:项目)?$")


def _stem(name: str) -> str:
    return _MONEY_WORDS.sub("", _YEAR_OPENING.sub("", name))


def scored(rows: list[dict], project: str | None, report: dict, document: Document) -> list[dict]:
    """The rate a paragraph about one project states is that project's ('某某经费：预算…，执行率
    98%'); a project report's own score, grade and first stated rate are its project's."""
    if project and not any(row["project_name"] == project for row in rows) and (
        report["self_score"] is not None or report["grade"]
    ):  # a report on a project that gives no figure of it: the project and its score all the same
        rows = [*rows, {"report_id": report["report_id"], "project_name": project, "fund_source": "total",
                        "phase": "final", "source_locator": None, "source_excerpt": project}]
    rates: dict[str, float] = {}
    names = {row["project_name"] for row in rows}
    for paragraph in document.paragraphs:
        named = paragraph_project(paragraph.text) or _item_of(paragraph.text, names)
        stated = STATED_RATE.search(paragraph.text)
        if named and stated:
            rates.setdefault(named, float(stated.group(1)))
    if project:
        first = next((float(m.group(1)) for p in document.paragraphs if (m := STATED_RATE.search(p.text))), None)
        rates.setdefault(project, first)
    for row in rows:
        if row["project_name"] == project and row.get("score") is None:
            row.update(score=report["self_score"], max_score=report["max_score"], grade=report["grade"])
        if row.get("execution_rate_stated") is None and row["project_name"] in rates:
            row["execution_rate_stated"] = rates[row["project_name"]]
    return rows


def _item_of(text: str, names: set[str]) -> str | None:
    """The project a numbered item opens on ('2、某某稽查费用8万元，…支付率100%'): its paragraph is that project's."""
    if not NUMBERING.match(text):
        return None
    opening = NUMBERING.sub("", text.strip())
    return next((name for name in names if name and opening.startswith(name)), None)


def project_rows(report_id: str, money: list[MoneyFact], document: Document) -> list[dict]:
    rows: dict[tuple, dict] = {}
    for fact in money:
        if fact.kind == "project":
            source = fact.fund_source or _source_named(fact)
            rows.setdefault(
                (fact.name, fact.phase, source),
                {
                    "report_id": report_id,
                    "project_name": fact.name,
                    "fund_source": source,
                    "phase": fact.phase,
                    "amount_yuan": fact.amount_yuan,
                    "source_locator": fact.locator,
                    "source_excerpt": fact.excerpt,
                },
            )
    for name, (score, grade) in {**table_project_scores(document), **project_scores(document)}.items():
        for (project_name, *_), row in rows.items():
            if project_name == name:
                row.update(score=score, grade=grade)
    for project in listed_projects(document):
        for (name, *_), row in rows.items():  # the list grades projects already read with amounts
            if name == project.name:
                row.update(score=row.get("score") or project.score, grade=row.get("grade") or project.grade)
        if any(name == project.name for name, *_ in rows):
            continue
        rows.setdefault(
            (project.name, "final", None),
            {
                "report_id": report_id,
                "project_name": project.name,
                "phase": "final",
                "score": project.score,
                "grade": project.grade,
                "source_locator": project.locator,
                "source_excerpt": project.excerpt,
            },
        )
    return _spent_from_the_same_fund(list(rows.values()))


def _spent_from_the_same_fund(rows: list[dict]) -> list[dict]:
    """A project whose budget is all the treasury's money ('财政预算安排120万元', its whole stated
    as much) spent that money: its spending, no source named ('实际支付115.5万元'), is the
    treasury's too."""
    by_project: dict[str, list[dict]] = {}
    for row in rows:
        by_project.setdefault(row["project_name"], []).append(row)
    fiscal_spent = set()
    for name, own in by_project.items():
        budgets = [r for r in own if r["phase"] in ("budget", "adjusted")]
        fiscal = {(r["phase"], r["amount_yuan"]) for r in budgets if r["fund_source"] == "fiscal"}
        if fiscal and all(r["fund_source"] == "fiscal" or (r["fund_source"] is None and (r["phase"], r["amount_yuan"]) in fiscal)
                          for r in budgets) and not any(r["phase"] == "final" and r["fund_source"] for r in own):
            fiscal_spent.add(name)
    return [{**row, "fund_source": "fiscal"} if row["project_name"] in fiscal_spent and row["phase"] == "final"
            and row["fund_source"] is None else row for row in rows]


# a fund of the treasury named for a project's figure: '某某项目，…下达财政专项扶贫资金197万元'
_FISCAL_FUND = re.compile(r"财政\S{0,20}?(?:资金|经费|拨款)$")


def _source_named(fact: MoneyFact) -> str | None:
    """'fiscal' for a figure its sentence gives as the treasury's money (not a project named so)."""
    label = PHASE_AFTER_PROJECT.sub("", fact.line_raw)  # ('年度财政资金预算')
    names_it = fact.name in label or names_the_project(label, fact.name)
    return "fiscal" if _FISCAL_FUND.search(label) and not names_it else None


def form_project_rows(report_id: str, forms: list[ProjectForm]) -> list[dict]:
    rows = []
    for form in forms:
        rates = {fund.fund_source: fund.execution_rate for fund in form.funds if fund.execution_rate is not None}
        for fund in form.funds:
            if fund.phase is None:
                continue
            rows.append({
                "report_id": report_id,
                "project_name": form.name,
                "department": form.department,
                "implementing_unit": form.implementing_unit,
                "fund_source": fund.fund_source,
                "phase": fund.phase,
                "amount_yuan": fund.amount_yuan,
                "execution_rate_stated": rates.get(fund.fund_source),
                "row_weight": fund.weight,
                "row_score": fund.score,
                "score": form.score,
                "max_score": form.max_score,
                "grade": form.grade,
                "source_locator": fund.locator,
                "source_excerpt": fund.excerpt,
            })
        if not any(row["project_name"] == form.name for row in rows):  # a form without figures
            rows.append({"report_id": report_id, "project_name": form.name, "department": form.department,
                         "implementing_unit": form.implementing_unit, "fund_source": "total", "phase": "final",
                         "score": form.score, "max_score": form.max_score, "grade": form.grade,
                         "source_locator": form.locator, "source_excerpt": form.name})
    return rows


def left_out_rows(report_id: str, forms: list[ProjectForm]) -> list[dict]:
    """Figures of the forms that need a word: fused so that they cannot be split with
    certainty (left out), or too large for the unit their form states (read in 元)."""
    unsplit = [
        {"report_id": report_id, "check_name": "fused_figures_not_split", "severity": "warning",
         "message": f"the figures of '{text[:60]}' run together and cannot be split with certainty; left out",
         "expected": None, "observed": text[:120], "source_locator": locator}
        for form in forms for locator, text in form.unsplit
    ]
    beyond_unit = [
        {"report_id": report_id, "check_name": "amount_beyond_unit_note", "severity": "warning",
         "message": f"the amounts of '{text[:60]}' are over 100 billion yuan if read in the form's 万元; "
                    "read in 元",
         "expected": None, "observed": text[:120], "source_locator": locator}
        for form in forms for locator, text in form.beyond_unit
    ]
    return unsplit + beyond_unit
