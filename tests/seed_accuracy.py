"""Compare a warehouse built from the seed reports with what a reader records (seed_truth.py).

Two measures, per mart and overall:
- facts found: facts of the truth that reach the marts with the right value;
- rows right: rows of fct_budget / fct_indicator_score / fct_headcount that the truth holds
  with the same value (an extra or wrong row counts against it).

Run it on a warehouse: `python tests/seed_accuracy.py warehouse/reports.duckdb`.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from seed_truth import SEEDS  # noqa: E402

SCALARS = ("unit_name", "province", "city", "county", "admin_level", "admin_code",
           "fiscal_year", "report_date", "self_score", "grade")


def _squash(text):
    return "".join((text or "").split())


def compare(con: duckdb.DuckDBPyConnection) -> dict:
    found = total = rows_right = rows_total = 0
    misses: list[str] = []
    wrong_rows: list[str] = []
    for source_file, truth in SEEDS.items():
        report = con.execute(
            """select r.report_id, u.unit_name, u.province, u.city, u.county, u.admin_level, u.admin_code,
                      r.fiscal_year, cast(r.report_date as varchar), r.self_score, r.grade, r.title
               from marts.dim_report r left join marts.dim_unit u using (unit_id)
               where r.source_file = ?""",
            [source_file],
        ).fetchone()
        if report is None:
            misses.append(f"{source_file}: no report row")
            continue
        report_id, values = report[0], dict(zip(SCALARS, report[1:11]))
        for key in SCALARS:
            total += 1
            if values[key] == truth.get(key):
                found += 1
            else:
                misses.append(f"{source_file}: {key} = {values[key]!r}, reader: {truth.get(key)!r}")
        total += 1
        if truth["title_contains"] in (report[11] or ""):
            found += 1
        else:
            misses.append(f"{source_file}: title {report[11]!r}")

        budget = {
            (line, phase, st): amount
            for line, phase, st, amount in con.execute(
                "select line_name, phase, spending_type, amount_yuan from marts.fct_budget where report_id = ?",
                [report_id],
            ).fetchall()
        }
        f, t, r, n = _match(truth["budget"], budget, f"{source_file} budget", misses, wrong_rows)
        found, total, rows_right, rows_total = found + f, total + t, rows_right + r, rows_total + n

        heads = {
            (m, s): h
            for m, s, h in con.execute(
                "select measure, staff_type, headcount from marts.fct_headcount where report_id = ?", [report_id]
            ).fetchall()
        }
        f, t, r, n = _match(truth["headcount"], heads, f"{source_file} headcount", misses, wrong_rows)
        found, total, rows_right, rows_total = found + f, total + t, rows_right + r, rows_total + n

        indicators = {
            (_squash(l3), l1, l2): (t_, a, w, s)
            for l1, l2, l3, t_, a, w, s in con.execute(
                """select level1, level2, level3, target_text, actual_text, weight, score
                   from marts.fct_indicator_score where report_id = ?""",
                [report_id],
            ).fetchall()
        }
        wanted = {(_squash(l3), l1, l2): (t_, a, w, s) for l1, l2, l3, t_, a, w, s in truth["indicators"]}
        # indicator wordings repeat across level-2 groups, so the key holds all three levels
        f, t, r, n = _match(wanted, indicators, f"{source_file} indicator", misses, wrong_rows)
        found, total, rows_right, rows_total = found + f, total + t, rows_right + r, rows_total + n

        projects = {
            (name, phase): amount
            for name, phase, amount in con.execute(
                "select project_name, phase, amount_yuan from marts.fct_project where report_id = ?", [report_id]
            ).fetchall()
        }
        f, t, _, _ = _match(truth["projects"], projects, f"{source_file} project", misses, [])
        found, total = found + f, total + t

        counts = dict(
            con.execute(
                "select kind, count(*) from marts.fct_finding where report_id = ? group by kind", [report_id]
            ).fetchall()
        )
        for kind, expected in truth["findings"].items():
            total += 1
            if counts.get(kind, 0) == expected:
                found += 1
            else:
                misses.append(f"{source_file}: {kind} findings {counts.get(kind, 0)}, reader: {expected}")
    return {
        "facts_found": found,
        "facts_total": total,
        "rows_right": rows_right,
        "rows_total": rows_total,
        "misses": misses,
        "wrong_rows": wrong_rows,
    }


def _same(a, b) -> bool:
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        return Decimal(str(a)) == Decimal(str(b))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _match(truth: dict, got: dict, what: str, misses: list, wrong_rows: list):
    found = sum(1 for key, value in truth.items() if key in got and _same(got[key], value))
    for key, value in truth.items():
        if key not in got:
            misses.append(f"{what} missing {key} = {value}")
        elif not _same(got[key], value):
            misses.append(f"{what} {key} = {got[key]}, reader: {value}")
    right = sum(1 for key, value in got.items() if key in truth and _same(truth[key], value))
    for key, value in got.items():
        if key not in truth:
            wrong_rows.append(f"{what} extra {key} = {value}")
    return found, len(truth), right, len(got)


if __name__ == "__main__":
    result = compare(duckdb.connect(sys.argv[1], read_only=True))
    print(f"facts found: {result['facts_found']}/{result['facts_total']} "
          f"({100 * result['facts_found'] / result['facts_total']:.1f}%)")
    print(f"rows right:  {result['rows_right']}/{result['rows_total']} "
          f"({100 * result['rows_right'] / max(result['rows_total'], 1):.1f}%)")
    for line in result["misses"] + result["wrong_rows"]:
        print("  " + line)
