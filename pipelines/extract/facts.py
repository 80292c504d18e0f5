"""A Document in, every frame of one report out: the facts of CONTRACT.md."""

from __future__ import annotations

from pipelines.documents.model import Document
from pipelines.extract import checks
from pipelines.extract.findings import document_findings
from pipelines.extract.headcount import document_headcount
from pipelines.extract.indicators import budget_execution_points, document_indicators
from pipelines.extract.meta import (
    find_fiscal_year,
    find_report_date,
    find_score_and_grade,
    find_title,
    find_unit,
)
from pipelines.extract.money import MoneyFact, document_money
from pipelines.extract.projects import listed_projects, project_scores, table_project_scores
from pipelines.extract.report import ReportExtract
from pipelines.extract.schema import STAGING_TABLES, frame
from pipelines.normalize.lines import loose_key

_REPORT_WORDS = ("绩效", "预算", "决算", "支出", "自评")


class NotAReport(ValueError):
    pass


def extract_facts(document: Document, base: dict) -> ReportExtract:
    text = document.full_text()
    if not text.strip():
        raise NotAReport("the document holds no text (a scan without OCR, or an empty file)")
    if sum(text.count(word) for word in _REPORT_WORDS) < 3:
        raise NotAReport("this does not look like a performance self-evaluation report (no budget or 绩效 wording)")

    report_id = base["report_id"]
    title = find_title(document)
    unit_name, region = find_unit(document, title)
    fiscal_year = find_fiscal_year(document, title)
    score, max_score, grade = find_score_and_grade(document)
    money = document_money(document, fiscal_year)
    indicators = document_indicators(document)
    headcounts = document_headcount(document)

    report = {
        **base,
        "title": title,
        "unit_name": unit_name,
        **(_region_columns(region)),
        "fiscal_year": fiscal_year,
        "report_date": find_report_date(document),
        "self_score": score,
        "max_score": max_score,
        "grade": grade,
    }
    missing = [name for name, value in (("unit name", unit_name), ("fiscal year", fiscal_year)) if not value]
    report["status"] = "partial" if missing else "loaded"
    report["error"] = f"not found in the document: {', '.join(missing)}" if missing else None

    frames = {
        "reports": frame([report], STAGING_TABLES["reports"]),
        "budget_facts": frame(_budget_rows(report_id, money), STAGING_TABLES["budget_facts"]),
        "project_facts": frame(_project_rows(report_id, money, document), STAGING_TABLES["project_facts"]),
        "indicator_rows": frame(_indicator_rows(report_id, indicators), STAGING_TABLES["indicator_rows"]),
        "headcounts": frame(_headcount_rows(report_id, headcounts), STAGING_TABLES["headcounts"]),
        "findings": frame(_finding_rows(report_id, document), STAGING_TABLES["findings"]),
        "quality_checks": frame(
            _check_rows(report_id, document, money, indicators, headcounts, report),
            STAGING_TABLES["quality_checks"],
        ),
    }
    return ReportExtract(frames)


def _check_rows(report_id, document, money, indicators, headcounts, report: dict) -> list[dict]:
    kept = checks.resolve(money)
    found = [
        *checks.sum_checks(kept),
        *checks.projects_check(money, kept),
        *checks.percent_checks(document, money, kept),
        *checks.indicator_checks(
            indicators, report["self_score"], report["max_score"],
            budget_execution_points(document),
        ),
        *checks.headcount_checks(headcounts),
        *checks.date_checks(report["fiscal_year"], report["report_date"]),
    ]
    return [{"report_id": report_id, **check.__dict__} for check in found]


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


def _project_rows(report_id: str, money: list[MoneyFact], document: Document) -> list[dict]:
    rows: dict[tuple[str, str], dict] = {}
    for fact in money:
        if fact.kind == "project":
            rows.setdefault(
                (fact.name, fact.phase),
                {
                    "report_id": report_id,
                    "project_name": fact.name,
                    "phase": fact.phase,
                    "amount_yuan": fact.amount_yuan,
                    "source_locator": fact.locator,
                    "source_excerpt": fact.excerpt,
                },
            )
    for name, (score, grade) in {**table_project_scores(document), **project_scores(document)}.items():
        for (project_name, _), row in rows.items():
            if project_name == name:
                row.update(score=score, grade=grade)
    for project in listed_projects(document):
        for (name, _), row in rows.items():  # the list grades projects already read with amounts
            if name == project.name:
                row.update(score=row.get("score") or project.score, grade=row.get("grade") or project.grade)
        if any(name == project.name for name, _ in rows):
            continue
        rows.setdefault(
            (project.name, "final"),
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
    return list(rows.values())


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


def _warm_caches() -> None:
    """Load, at import, the tables every report looks things up in: the divisions dictionary
    (~60-90 ms) and the budget lines. Extraction runs each file in a child forked from a
    server that has imported this module (pipelines.run.sandbox preloads it), so this is
    done once per server instead of once per file. Pure Python: no polars work here (a
    polars thread pool started before a fork is not one the child can use)."""
    from pipelines.normalize import lines, regions  # noqa: PLC0415

    regions._data()
    lines.canonical_lines()
    lines._alias_index()


_warm_caches()
