"""Compare a warehouse with a truth file of what a reader records, report by report.

Truth is one JSON object per report (a .jsonl file, a folder of *.truth.json files
beside the reports they describe, or dicts built in a test), in the sample generator's form: scalar fields (unit,
region, year, date, score, grade) and lists of budget, project, headcount and indicator
facts, and finding counts. Two measures, as the issues define them:
- facts found: truth facts that reach the marts with the right value;
- rows right: rows of fct_budget, fct_indicator_score and fct_headcount that the truth
  holds with the same value (an extra or a wrong row counts against).

    python tests/truth_accuracy.py WAREHOUSE TRUTH [--show N]
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path

import duckdb

SCALARS = ("unit_name", "province", "city", "county", "admin_level", "admin_code", "fiscal_year", "report_date",
           "self_score", "grade", "document_kind")


def load_truth(path: Path) -> list[dict]:
    if path.is_dir():
        truths = []
        for file in sorted(path.glob("*.truth.json")):
            truth = json.loads(file.read_text(encoding="utf-8"))
            truth.setdefault("source_file", file.name.replace(".truth.json", ".txt"))
            truths.append(truth)
        return truths
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _squash(text) -> str:
    return "".join(str(text or "").split())


def _num(value):
    return None if value is None else Decimal(str(value)).normalize()


def compare(con: duckdb.DuckDBPyConnection, truths: list[dict]) -> dict:
    tally = {"facts_found": 0, "facts_total": 0, "rows_right": 0, "rows_total": 0, "misses": []}
    for truth in truths:
        _compare_report(con, truth, tally)
    return tally


def _compare_report(con, truth: dict, tally: dict) -> None:
    name = truth["source_file"]
    row = con.execute(
        """select r.report_id, u.unit_name, u.province, u.city, u.county, u.admin_level, u.admin_code,
                  r.fiscal_year, cast(r.report_date as varchar), r.self_score, r.grade, r.document_kind
           from marts.dim_report r left join marts.dim_unit u using (unit_id) where r.source_file = ?""",
        [name],
    ).fetchone()
    if row is None:
        tally["misses"].append(f"{name}: not in dim_report")
        return
    report_id, got = row[0], dict(zip(SCALARS, row[1:]))
    for key in (k for k in SCALARS if k in truth):  # a truth may leave a field out (admin_code)
        want, have = truth[key], got[key]
        same = _num(want) == _num(have) if key == "self_score" else want == have
        _count(tally, same, f"{name}: {key} = {have!r}, reader: {want!r}")

    queries = {
        "budget": ("select line_name, phase, spending_type, amount_yuan from marts.fct_budget where report_id = ?",
                   lambda b: ((b["line_name"], b["phase"], b["spending_type"]), _num(b["amount_yuan"])), True),
        "headcount": ("select measure, staff_type, headcount from marts.fct_headcount where report_id = ?",
                      lambda h: ((h["measure"], h["staff_type"]), _num(h["headcount"])), True),
        "indicators": (  # a project form's rows are its project's (two projects may share a name of indicator)
            """select project_name, level1, level2, level3, target_text, actual_text, weight, score
               from marts.fct_indicator_score where report_id = ?""",
            lambda i: ((i.get("project_name"), i["level1"], i["level2"], _squash(i["level3"])),
                       (_squash(i["target_text"]), _squash(i["actual_text"]), _num(i["weight"]), _num(i["score"]))),
            True,
        ),
        "projects": ("""select project_name, coalesce(fund_source, 'total'), phase, amount_yuan, score, grade
                        from marts.fct_project where report_id = ?""",
                     lambda p: ((p["project_name"], p.get("fund_source") or "total", p["phase"]),
                                (_num(p["amount_yuan"]), _num(p["score"]), p["grade"])),
                     False),
        # a stated 执行率: the truth in percent, the marts as a ratio
        "rates": ("""select project_name, coalesce(fund_source, 'total'), 'final', round(100 * max(execution_rate_stated), 4)
                     from marts.fct_project where report_id = ? group by all having max(execution_rate_stated) is not null""",
                  lambda p: ((p["project_name"], p.get("fund_source") or "total", p["phase"]),
                             _num(p["execution_rate_stated"])),
                  False),
    }
    for kind, (sql, key_value, counts_rows) in queries.items():
        items = truth.get("projects" if kind == "rates" else kind, [])
        if kind == "rates":
            items = [p for p in items if p.get("execution_rate_stated") is not None]
        want = dict(key_value(item) for item in items)
        have = dict(key_value(dict(zip(_COLUMNS[kind], r))) for r in con.execute(sql, [report_id]).fetchall())
        for key, value in want.items():
            _count(tally, have.get(key) == value, f"{name}: {kind} {key} = {have.get(key)}, reader: {value}")
        if counts_rows:
            tally["rows_total"] += len(have)
            tally["rows_right"] += sum(1 for key, value in have.items() if want.get(key) == value)
            tally["misses"].extend(f"{name}: extra {kind} {key} = {value}" for key, value in have.items() if key not in want)

    counts = dict(con.execute("select kind, count(*) from marts.fct_finding where report_id = ? group by kind",
                              [report_id]).fetchall())
    findings = truth.get("finding_counts") or truth.get("findings") or {}
    for kind in ("problem", "measure"):
        if kind in findings:
            _count(tally, counts.get(kind, 0) == findings[kind],
                   f"{name}: {kind} findings {counts.get(kind, 0)}, reader: {findings[kind]}")


_COLUMNS = {
    "budget": ["line_name", "phase", "spending_type", "amount_yuan"],
    "headcount": ["measure", "staff_type", "headcount"],
    "indicators": ["project_name", "level1", "level2", "level3", "target_text", "actual_text", "weight", "score"],
    "projects": ["project_name", "fund_source", "phase", "amount_yuan", "score", "grade"],
    "rates": ["project_name", "fund_source", "phase", "execution_rate_stated"],
}


def _count(tally: dict, same: bool, miss: str) -> None:
    tally["facts_total"] += 1
    if same:
        tally["facts_found"] += 1
    else:
        tally["misses"].append(miss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse")
    parser.add_argument("truth", type=Path)
    parser.add_argument("--show", type=int, default=40, help="misses to print")
    args = parser.parse_args()
    result = compare(duckdb.connect(args.warehouse, read_only=True), load_truth(args.truth))
    found, total = result["facts_found"], result["facts_total"]
    right, rows = result["rows_right"], result["rows_total"]
    print(f"facts found: {found}/{total} ({100 * found / max(total, 1):.1f}%)")
    print(f"rows right:  {right}/{rows} ({100 * right / max(rows, 1):.1f}%)")
    for miss in result["misses"][: args.show]:
        print("  " + miss)


if __name__ == "__main__":
    main()
