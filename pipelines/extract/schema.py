"""Column schemas of the frames the extractors produce and the staging tables they load into.

One frame per kind of fact. Every fact row carries where it was read (`source_locator`)
and the few words around it (`source_excerpt`, already masked), so an auditor can find it.
"""

import polars as pl

MONEY = pl.Decimal(18, 2)

REPORT = {
    "report_id": pl.Utf8,  # sha256 of the file content, first 16 hex chars
    "source_file": pl.Utf8,  # path relative to the raw folder
    "source_sha256": pl.Utf8,
    "source_format": pl.Utf8,  # txt / docx / pdf / xlsx / …
    "status": pl.Utf8,  # loaded / partial / failed / not_a_report
    "error": pl.Utf8,
    "failure_kind": pl.Utf8,  # when failed: file / limit / crash / tool / code / changed (extract/report.py); limit on a partial scan the OCR budget cut short
    "title": pl.Utf8,
    "document_kind": pl.Utf8,  # overall_report / overall_form / project_form / … (CONTRACT.md)
    "unit_name": pl.Utf8,
    "province": pl.Utf8,
    "city": pl.Utf8,
    "county": pl.Utf8,
    "admin_level": pl.Utf8,  # province / city / county
    "admin_code": pl.Utf8,  # 6-digit division code
    "fiscal_year": pl.Int32,
    "report_date": pl.Date,
    "self_score": pl.Float64,
    "max_score": pl.Float64,
    "grade": pl.Utf8,  # 优秀/良好/中/差 as stated
    "execution_rate_stated": pl.Float64,  # percent: the whole budget's, as a unit's report states it
    "extracted_at": pl.Datetime("us"),
}

BUDGET = {
    "report_id": pl.Utf8,
    "line_name": pl.Utf8,  # canonical name from budget_lines.csv, or the cleaned name
    "line_raw": pl.Utf8,  # the words of the document
    "is_canonical": pl.Boolean,
    "phase": pl.Utf8,  # budget / adjusted / final / prior_final
    "spending_type": pl.Utf8,  # basic / project / null
    "amount_yuan": MONEY,
    "source_kind": pl.Utf8,  # table / prose
    "source_locator": pl.Utf8,
    "source_excerpt": pl.Utf8,
    "ordinal": pl.Int32,  # order of appearance in the document
}

PROJECT = {
    "report_id": pl.Utf8,
    "project_name": pl.Utf8,
    "department": pl.Utf8,  # 主管部门
    "implementing_unit": pl.Utf8,  # 实施单位
    "fund_source": pl.Utf8,  # total / fiscal / carryover / other
    "phase": pl.Utf8,
    "amount_yuan": MONEY,
    "execution_rate_stated": pl.Float64,  # percent, as the form states it
    "row_weight": pl.Float64,  # 分值 of the fund row
    "row_score": pl.Float64,  # 得分 of the fund row
    "score": pl.Float64,  # the project's total score
    "max_score": pl.Float64,
    "grade": pl.Utf8,
    "source_kind": pl.Utf8,  # table / prose
    "source_locator": pl.Utf8,
    "source_excerpt": pl.Utf8,
}

INDICATOR = {
    "report_id": pl.Utf8,
    "project_name": pl.Utf8,  # null for the unit's overall indicators
    "row_seq": pl.Int32,
    "level1": pl.Utf8,
    "level2": pl.Utf8,
    "level3": pl.Utf8,
    "target_text": pl.Utf8,
    "actual_text": pl.Utf8,
    "weight": pl.Float64,
    "score": pl.Float64,
    "deviation_reason": pl.Utf8,  # 偏差原因
    "source_locator": pl.Utf8,
}

HEADCOUNT = {
    "report_id": pl.Utf8,
    "measure": pl.Utf8,  # authorized / actual / retired
    "staff_type": pl.Utf8,  # total / administrative / institutional / logistics
    "headcount": pl.Int32,
    "source_kind": pl.Utf8,  # table / prose
    "source_locator": pl.Utf8,
    "source_excerpt": pl.Utf8,
}

FINDING = {
    "report_id": pl.Utf8,
    "kind": pl.Utf8,  # problem / measure
    "seq": pl.Int32,
    "text": pl.Utf8,
    "source_locator": pl.Utf8,
}

# data-quality findings made at extraction (reconciliation checks, conflicts)
CHECK = {
    "report_id": pl.Utf8,
    "check_name": pl.Utf8,
    "severity": pl.Utf8,  # error / warning / info
    "message": pl.Utf8,
    "expected": pl.Utf8,
    "observed": pl.Utf8,
    "source_locator": pl.Utf8,
}

STAGING_TABLES = {
    "reports": REPORT,
    "budget_facts": BUDGET,
    "project_facts": PROJECT,
    "indicator_rows": INDICATOR,
    "headcounts": HEADCOUNT,
    "findings": FINDING,
    "quality_checks": CHECK,
}


def frame(rows: list[dict], schema: dict) -> pl.DataFrame:
    """Rows (dicts, missing keys allowed) as a frame of exactly `schema`."""
    if not rows:
        return pl.DataFrame(schema=schema)
    # built column by column: polars converts a list per column much faster than rows of dicts
    return pl.DataFrame({name: [row.get(name) for row in rows] for name in schema}, schema=schema)
