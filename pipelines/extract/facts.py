"""A Document in, every frame of one report out: the facts of CONTRACT.md."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from pipelines.documents.model import Document, Paragraph, Table, source_kind
from pipelines.extract import checks
from pipelines.extract.allocation_block import allocation_block_money
from pipelines.extract.findings import document_findings
from pipelines.extract.headcount import document_headcount
from pipelines.extract.indicators import budget_execution_points, document_indicators
from pipelines.extract.meta import (
    find_fiscal_year,
    find_report_date,
    find_score_and_grade,
    find_title,
    find_unit,
    is_unit_name,
)
from pipelines.extract.kinds import document_kind
from pipelines.extract.money import MoneyFact, document_money, fiscal_spending_as_the_total
from pipelines.extract.part_scores import part_scores
from pipelines.extract.project_forms import ProjectForm, project_forms
from pipelines.extract.project_rows import (
    PROJECT_KINDS, as_project_money, form_project_rows, left_out_rows, names_the_project, project_rows, scored,
)
from pipelines.extract.projects import (
    cover_project, evaluated_project, heading_project, opening_project, project_scores, report_project,
)
from pipelines.extract.rates import unit_execution_rate
from pipelines.extract.report import LIMIT, ReportExtract, empty_extract
from pipelines.extract.schema import STAGING_TABLES, frame
from pipelines.extract.target_tables import fused_target_forms, target_tables
from pipelines.normalize.lines import loose_key
from pipelines.normalize.regions import resolve_region
from pipelines.normalize.text import YEAR

_REPORT_WORDS = ("绩效", "预算", "决算", "支出", "自评", "评价", "指标")  # 指标: an indicator table alone
_GENRE_TITLE = re.compile("绩效|自评|决算|预算")
_THIN_TEXT = 200  # characters: more than a title and its page's chrome


class NotAReport(ValueError):
    pass


def extract_facts(document: Document, base: dict) -> ReportExtract:
    text = document.full_text()
    if not text.strip():
        raise NotAReport("the document holds no text (a scan without OCR, or an empty file)")

    report_id = base["report_id"]
    title = find_title(document)
    forms = project_forms(document)
    kind = document_kind(title, text[:2000], bool(forms))
    if kind == "other" or _too_thin(text, title):
        return _not_a_report(base, title, text)
    targets = target_tables(document)  # a budget's targets by project (not a sign of the kind: a self-evaluation's forms are)
    fused_targets = fused_target_forms(document) if not forms else []
    targets += [form for form, _ in fused_targets]
    forms += targets
    # the forms' own tables are read by the form reader, the rest by the general rules (and a
    # form's tables of which the form reader made nothing: a provincial variant's own layout)
    rest = _without_blocks(document, {n for form in forms if form.funds or form.indicators for n in form.tables},
                           {paragraph.number for _, paragraph in fused_targets})
    unit_name, region = find_unit(document, title)
    if not unit_name and forms:
        unit_name, region = _form_unit(forms, document, title)
    elif targets and not (title and unit_name in title):
        # a target table's 单位名称 cell is the form's own statement: it beats the page's chrome (发布机构)
        stated, stated_region = _form_unit(targets, document, title)
        if stated:
            unit_name, region = stated, stated_region
    fiscal_year = find_fiscal_year(document, title)
    score, max_score, grade = find_score_and_grade(rest)
    if len(forms) == 1 and score is None:  # a single project's form: its score is the document's
        score, max_score, grade = forms[0].score, forms[0].max_score, grade or forms[0].grade
    if len(forms) == 1 and score is None:  # …or the one its prose gives the form's project ('某某项目绩效自评综述')
        score = next((s for name, (s, _) in project_scores(rest).items() if names_the_project(name, forms[0].name)), None)
    money, out_of_range = _within_range(document_money(rest, fiscal_year) + allocation_block_money(rest))
    # prose retelling a form's project under a variant of its name ('某某项目' beside the form's 某某经费):
    # the form's figures are the project's
    money = [fact for fact in money if not (fact.kind == "project" and any(
        fact.name == form.name or names_the_project(fact.name, form.name) for form in forms if form.funds))]
    if kind not in ("final_accounts", "budget"):
        money = fiscal_spending_as_the_total(money)
    if kind == "budget":  # a budget disclosure's figures that name no phase are its budget
        money = [replace(fact, phase="budget") if fact.assumed_phase else fact for fact in money]
    elif kind not in ("project_report", "evaluation_report"):
        # a project's bare amount is what it was given in a report on it (money.py), but what
        # was spent in the unit's own account of its spending ('项目支出…其中：某某经费5.54万元')
        money = [replace(fact, phase="final") if fact.kind == "project" and fact.assumed_phase else fact for fact in money]
    # a report's project, or a form's that names it only in its title
    titled = kind in ("project_report", "evaluation_report") or (kind == "project_form" and not forms)
    subject = report_project(title, unit_name) if titled else None
    if kind == "project_report" and not subject:  # '我单位对某某项目执行情况开展了自评'
        subject = cover_project(document) or heading_project(document, unit_name) or evaluated_project(text[:600]) \
            or opening_project(document) \
            or _project_funded_in_title(money, title)
    if kind in ("project_report", "evaluation_report") and len(forms) == 1 and (
            not subject or len(forms[0].name) >= 4 and forms[0].name in subject
            or _named_with_its_year(forms[0].name, subject)):
        # a report on one project, named on its cover or attached form (the cover's 项目名称 over
        # the title's words around it: '…街道办事处五乱整治经费项目…' above '项目名称:五乱整治经费')
        subject = forms[0].name
    # money in a project's documents is the project's, not the unit's; but a report on the unit's
    # project funds as a whole names no project ('某某学校2017年度专项资金绩效自评报告'): its lines are
    # the unit's, and the money as a whole its 项目支出
    if kind == "project_report" and not subject and _ON_ALL_FUNDS.match(title or text[:60]):
        money = [replace(fact, name="项目支出") if fact.kind == "budget" and fact.name == "支出合计" else fact
                 for fact in money]
    elif kind in PROJECT_KINDS or subject:
        money = as_project_money(money, subject)
    # (an evaluation that gives no indicator rows may give its score by part: each part a row)
    own_indicators = [replace(row, project_name=row.project_name or subject)
                      for row in document_indicators(rest) or part_scores(rest)]
    indicators = own_indicators + [row for form in forms for row in form.indicators]
    headcounts = document_headcount(document)

    report = {
        **base,
        "title": title,
        "document_kind": kind,
        "unit_name": unit_name,
        **(_region_columns(region)),
        "fiscal_year": fiscal_year,
        "report_date": find_report_date(document),
        "self_score": score,
        "max_score": max_score,
        "grade": grade,
        # the rate of the whole budget a unit's own report states ('全年预算执行率为98.6%')
        "execution_rate_stated": unit_execution_rate(rest) if kind == "overall_report" else None,
    }
    missing = [name for name, value in (("unit name", unit_name), ("fiscal year", fiscal_year)) if not value]
    problems = ([f"not found in the document: {', '.join(missing)}"] if missing else []) + (
        [document.unread] if document.unread else [])
    report["status"] = "partial" if problems else "loaded"
    report["error"] = "; ".join(problems) or None
    if document.unread:  # pages left for a time limit: the next run reads the file again
        report["failure_kind"] = LIMIT

    frames = {
        "reports": frame([report], STAGING_TABLES["reports"]),
        "budget_facts": frame(_budget_rows(report_id, money), STAGING_TABLES["budget_facts"]),
        "project_facts": frame(
            [{**row, "source_kind": source_kind(row["source_locator"])}
             for row in scored(project_rows(report_id, money, rest), subject, report, rest)
             + form_project_rows(report_id, forms)],
            STAGING_TABLES["project_facts"],
        ),
        "indicator_rows": frame(_indicator_rows(report_id, indicators), STAGING_TABLES["indicator_rows"]),
        "headcounts": frame(_headcount_rows(report_id, headcounts), STAGING_TABLES["headcounts"]),
        "findings": frame(_finding_rows(report_id, document), STAGING_TABLES["findings"]),
        "quality_checks": frame(
            _check_rows(report_id, rest, money, own_indicators, forms, headcounts, report) + left_out_rows(report_id, forms)
            + _out_of_range_rows(report_id, out_of_range) + _assumption_rows(report_id, money),
            STAGING_TABLES["quality_checks"],
        ),
    }
    return ReportExtract(frames)


def _project_funded_in_title(money: list[MoneyFact], title: str | None) -> str | None:
    """The project a fund went to ('某某资金115万元，用于某某建设项目') that the title names without
    the word 项目 ('某县某某建设绩效自评报告')."""
    for fact in money:
        stem = (fact.used_for or "").removesuffix("项目")
        if title and len(stem) >= 4 and stem in title:
            return fact.used_for
    return None


# (the title, or the text's first words when the page ran the title into them)
_ON_ALL_FUNDS = re.compile(rf"[^，,。]{{0,30}}?{YEAR}\s*年度?(?:专项资金|项目支出|项目资金)绩效自评报告")


# DECIMAL(18,2) holds less than 10^16 yuan; no unit's figure comes near (a trillion yuan is 10^12)
_MAX_YUAN = Decimal(10) ** 16


def _within_range(money: list[MoneyFact]) -> tuple[list[MoneyFact], list[MoneyFact]]:
    """The figures the marts can hold, and the absurd ones ('1e20 万元'), dropped one by one
    so that the rest of the report still loads."""
    kept = [fact for fact in money if abs(fact.amount_yuan) < _MAX_YUAN]
    return kept, [fact for fact in money if abs(fact.amount_yuan) >= _MAX_YUAN]


def _out_of_range_rows(report_id: str, dropped: list[MoneyFact]) -> list[dict]:
    return [
        {"report_id": report_id, "check_name": "figure_out_of_range", "severity": "error",
         "message": f"{fact.line_raw}: {fact.amount_yuan:.2E} yuan is beyond any budget (at most 10^16); left out",
         "expected": None, "observed": f"{fact.amount_yuan:.2E}", "source_locator": fact.locator}
        for fact in dropped
    ]


_BLOCK = re.compile(r" row .*")


def _assumption_rows(report_id: str, money: list[MoneyFact]) -> list[dict]:
    """One info row per table or paragraph whose figures were read with a default the
    document did not state: a unit (a table without a unit note) or a phase (no phase word
    near them: final, or budget in a budget disclosure), so an analyst sees which figures
    rest on an assumption."""
    groups: dict[tuple[str, str, str], int] = {}
    for fact in money:
        block = _BLOCK.sub("", fact.locator)
        if fact.assumed_unit:
            key = ("assumed_unit", fact.assumed_unit, block)
            groups[key] = groups.get(key, 0) + 1
        if fact.assumed_phase:
            key = ("assumed_phase", fact.phase, block)
            groups[key] = groups.get(key, 0) + 1
    return [
        {"report_id": report_id, "check_name": check, "severity": "info",
         "message": f"{n} figure{'s' if n > 1 else ''} of {block} read as {value}: "
                    + ("the table states no unit" if check == "assumed_unit" else "no phase word names them"),
         "expected": None, "observed": value, "source_locator": block}
        for (check, value, block), n in groups.items()
    ]


def _too_thin(text: str, title: str | None) -> bool:
    """A page that hardly speaks the genre's words is no document of it; unless its title
    names one and more text follows (a disclosure whose excerpt stops in its list of duties)."""
    if sum(text.count(word) for word in _REPORT_WORDS) >= 3:
        return False
    return not (title and _GENRE_TITLE.search(title) and len(text) >= _THIN_TEXT)


def _not_a_report(base: dict, title: str | None, text: str) -> ReportExtract:
    """A page about the genre (a notice, a template) rather than a document of it."""
    what = f"'{title}'" if title else "the document"
    row = {
        **base,
        "title": title,
        "document_kind": "other",
        "status": "not_a_report",
        "error": f"{what} is not a performance report, final accounts or budget of a unit "
                 "(a notice, rule, template or other page about the genre)",
    }
    return ReportExtract({**empty_extract(row).frames})


def _without_blocks(document: Document, tables: set[int], paragraphs: set[int]) -> Document:
    if not tables and not paragraphs:
        return document
    blocks = [b for b in document.blocks if not (isinstance(b, Table) and b.number in tables
                                                 or isinstance(b, Paragraph) and b.number in paragraphs)]
    return Document(blocks=blocks, source_format=document.source_format)


def _form_unit(forms: list[ProjectForm], document: Document, title: str | None):
    """A project form's filer when the document names no unit of its own: 实施单位, else 主管部门."""
    for form in forms:
        for name in (form.implementing_unit, form.department):
            if name and is_unit_name(name):
                region = resolve_region(name, document.full_text())
                return name, region
    return None, None


def _check_rows(report_id, document, money, indicators, forms, headcounts, report: dict) -> list[dict]:
    """`indicators` are the document's own rows, checked against its total; each project form's
    rows are checked against that form's 总分, its funds row's 分值 and 得分 counted in (the
    Ministry of Finance template gives the funds 10 of the 100 points)."""
    kept = checks.resolve(money)
    found = [
        *checks.sum_checks(kept),
        *checks.projects_check(money, kept),
        *checks.percent_checks(document, money, kept),
        *checks.indicator_checks(
            indicators, report["self_score"], report["max_score"],
            budget_execution_points(document),
        ),
        *(check for form in forms
          for check in checks.indicator_checks(form.indicators, form.score, form.max_score, _funds_points(form))),
        *checks.headcount_checks(headcounts),
        *checks.date_checks(report["fiscal_year"], report["report_date"]),
    ]
    return [{"report_id": report_id, **check.__dict__} for check in found]


def _funds_points(form: ProjectForm) -> tuple[float, float] | None:
    """The (分值, 得分) a form gives its funds (the 年度资金总额 row), when it states both."""
    return next(((row.weight, row.score) for row in form.funds
                 if row.fund_source == "total" and row.weight is not None and row.score is not None), None)


def _region_columns(region) -> dict:
    if region is None:
        return {}
    return {
        "province": region.province,
        "city": region.city,
        "county": region.county,
        "admin_level": region.admin_level,
        "admin_code": region.admin_code,
    }


def _budget_rows(report_id: str, money: list[MoneyFact]) -> list[dict]:
    # one name per non-canonical line: '项目资金结转结余' and '项目资金结转和结余' are one line
    first_name: dict[str, str] = {}
    for fact in money:
        if not fact.is_canonical:
            fact.name = first_name.setdefault(loose_key(fact.name), fact.name)
    return [
        {
            "report_id": report_id,
            "line_name": fact.name,
            "line_raw": fact.line_raw,
            "is_canonical": fact.is_canonical,
            "phase": fact.phase,
            "spending_type": fact.spending_type,
            "amount_yuan": fact.amount_yuan,
            "source_kind": fact.source_kind,
            "source_locator": fact.locator,
            "source_excerpt": fact.excerpt,
            "ordinal": ordinal,
        }
        for ordinal, fact in enumerate(money)
        if fact.kind == "budget"
    ]


def _indicator_rows(report_id: str, indicators) -> list[dict]:
    return [
        {"report_id": report_id, "row_seq": seq, **row.__dict__, "source_locator": row.locator}
        for seq, row in enumerate(indicators, start=1)
    ]


def _headcount_rows(report_id: str, headcounts) -> list[dict]:
    return [
        {
            "report_id": report_id,
            "measure": fact.measure,
            "staff_type": fact.staff_type,
            "headcount": fact.headcount,
            "source_kind": source_kind(fact.locator),
            "source_locator": fact.locator,
            "source_excerpt": fact.excerpt,
        }
        for fact in headcounts
    ]


def _finding_rows(report_id: str, document: Document) -> list[dict]:
    rows = []
    seq = {"problem": 0, "measure": 0}
    for finding in document_findings(document):
        seq[finding.kind] += 1
        rows.append(
            {
                "report_id": report_id,
                "kind": finding.kind,
                "seq": seq[finding.kind],
                "text": finding.text,
                "source_locator": finding.locator,
            }
        )
    return rows


def _named_with_its_year(cover: str, titled: str) -> bool:
    """One project, named on the cover with its place and year ('某县某乡2021年度烤烟种植项目') and in
    the title with its money ('…烤烟种植项目补助资金'): what follows the cover's year is in the title's."""
    year = re.search(rf"{YEAR}\s*年度?", cover)
    core = cover[year.end():] if year else ""
    return len(core) >= 4 and core in titled
