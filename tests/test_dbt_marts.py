"""Hand-written extracts through the real dbt build: what a reader of the marts expects.

Two loaded reports and a failed one; report A states its office spending twice with
different figures (a table and a paragraph), splits wages into basic/project spending in
a table while a paragraph gives the total, uses a line that fits no canonical one, and
counts its staff twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.extract.report import ReportExtract
from pipelines.extract.schema import STAGING_TABLES, frame
from pipelines.load.staging import write_staging

pytestmark = pytest.mark.slow

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
A, B, FAILED = "a" * 16, "b" * 16, "c" * 16
UNIT_A = "中共湛江市委网络安全和信息化委员会办公室"
UNIT_B = "中共邵阳市北塔区委网络安全和信息化委员会办公室"


def report_extract(report: dict, **facts: list[dict]) -> ReportExtract:
    frames = {name: frame([], schema) for name, schema in STAGING_TABLES.items()}
    base = {"source_format": "txt", "source_sha256": report["report_id"] * 4, "extracted_at": datetime(2024, 5, 1)}
    frames["reports"] = frame([{**base, **report}], STAGING_TABLES["reports"])
    for table, rows in facts.items():
        frames[table] = frame([{"report_id": report["report_id"], **row} for row in rows], STAGING_TABLES[table])
    return ReportExtract(frames)


def money(line, phase, amount, kind, ordinal, locator, spending_type=None, canonical=True):
    return {
        "line_name": line, "line_raw": line, "is_canonical": canonical, "phase": phase,
        "spending_type": spending_type, "amount_yuan": Decimal(amount), "source_kind": kind,
        "source_locator": locator, "source_excerpt": f"{line} {amount}", "ordinal": ordinal,
    }


def indicator(seq, level1, level2, level3):
    return {"row_seq": seq, "level1": level1, "level2": level2, "level3": level3,
            "target_text": "≥95%", "actual_text": "98%", "weight": 10.0, "score": 9.5,
            "source_locator": f"table 4 row {seq + 1}"}


REPORT_A = report_extract(
    {
        "report_id": A, "source_file": "2021/a.txt", "status": "loaded", "title": "2021年度部门整体支出绩效自评报告",
        "unit_name": UNIT_A, "province": "广东省", "city": "湛江市", "admin_level": "city", "admin_code": "440800",
        "fiscal_year": 2021, "report_date": date(2022, 6, 16), "self_score": 92.0, "max_score": 100.0,
    },
    budget_facts=[
        money("办公费", "final", "12000.00", "table", 5, "table 2 row 3 col 5"),
        money("办公费", "final", "11000.00", "prose", 20, "paragraph 17"),
        money("办公费", "final", "12000.00", "prose", 25, "paragraph 19"),  # agrees: no conflict
        money("工资福利支出", "final", "300000.00", "table", 6, "table 2 row 4 col 3", spending_type="basic"),
        money("工资福利支出", "final", "50000.00", "table", 7, "table 2 row 4 col 4", spending_type="project"),
        money("工资福利支出", "final", "350000.00", "prose", 21, "paragraph 18"),  # the split says it better
        money("网络宣传费", "final", "8000.00", "prose", 22, "paragraph 20", canonical=False),
    ],
    project_facts=[
        {"project_name": "舆情中心运行费项目", "phase": "final", "amount_yuan": Decimal("200000"),
         "score": 95.0, "source_locator": "table 3 row 2"},
    ],
    indicator_rows=[
        indicator(1, "产出指标", "数量指标", "处置网络舆情事件数"),
        indicator(2, None, "时效指标", "处置及时率"),
        indicator(3, "效益指标", "社会效益指标", "网络安全意识提升"),
        indicator(4, "满意度指标", "服务对象满意度指标", "群众满意度"),
        indicator(5, "投入", "预算配置", "在职人员控制率"),
    ],
    headcounts=[
        {"measure": "authorized", "staff_type": "administrative", "headcount": 12, "source_locator": "paragraph 4"},
        {"measure": "actual", "staff_type": "total", "headcount": 14, "source_locator": "paragraph 5"},
        {"measure": "actual", "staff_type": "total", "headcount": 15, "source_locator": "table 1 row 2 col 3"},
    ],
    findings=[
        {"kind": "problem", "seq": 1, "text": "预算编制不够精细", "source_locator": "paragraph 30"},
        {"kind": "measure", "seq": 1, "text": "加强预算管理", "source_locator": "paragraph 32"},
    ],
)

REPORT_B = report_extract(
    {
        "report_id": B, "source_file": "b.txt", "status": "partial", "error": "no indicator table found",
        "unit_name": UNIT_B, "province": "湖南省", "city": "邵阳市", "county": "北塔区", "admin_level": "county",
        "admin_code": "430511", "fiscal_year": 2020, "self_score": 36.0, "max_score": 60.0, "grade": "优秀",
    },
    budget_facts=[money("收入合计", "budget", "1000000.00", "table", 1, "table 1 row 2 col 2")],
    quality_checks=[
        {"check_name": "budget_total_matches_parts", "severity": "warning", "message": "收入合计 ≠ sum of parts",
         "expected": "1000000.00", "observed": "990000.00", "source_locator": "table 1"},
    ],
)

REPORT_FAILED = report_extract(
    {"report_id": FAILED, "source_file": "broken.docx", "source_format": "docx", "status": "failed",
     "error": "the file is not a Word document"},
)


@pytest.fixture(scope="module")
def marts(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    folder = tmp_path_factory.mktemp("marts")
    warehouse = folder / "reports.duckdb"
    write_staging(warehouse, [REPORT_A, REPORT_B, REPORT_FAILED])
    done = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "build", "--profiles-dir", ".", "--target-path", str(folder / "target")],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "REPORTS_WAREHOUSE": str(warehouse)},
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr
    assert "WARN=0" in done.stdout, "a value-domain test warned on hand-written data"
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_the_table_value_wins_over_prose(marts):
    assert rows(
        marts,
        "select amount_yuan, source_kind, source_locator from marts.fct_budget"
        " where report_id = ? and line_name = '办公费' and phase = 'final'",
        A,
    ) == [(Decimal("12000.00"), "table", "table 2 row 3 col 5")]


def test_the_losing_value_is_a_conflict_in_data_quality(marts):
    conflicts = rows(
        marts,
        "select severity, expected, observed from marts.fct_data_quality"
        " where report_id = ? and check_name = 'conflicting_values' and message like '%办公费%'",
        A,
    )
    # the paragraph that agrees with the table is no conflict
    assert conflicts == [("warning", "12000.00 @ table 2 row 3 col 5", "11000.00 @ paragraph 17")]


def test_a_prose_total_gives_way_to_a_table_split(marts):
    assert rows(
        marts,
        "select spending_type, amount_yuan from marts.fct_budget"
        " where report_id = ? and line_name = '工资福利支出' order by spending_type",
        A,
    ) == [("basic", Decimal("300000.00")), ("project", Decimal("50000.00"))]
    assert rows(
        marts,
        "select count(*) from marts.fct_data_quality where message like '%工资福利支出%'",
    ) == [(0,)]


def test_one_row_per_report_line_phase_and_spending_type(marts):
    assert rows(
        marts,
        "select count(*) from (select 1 from marts.fct_budget"
        " group by report_id, line_name, phase, spending_type having count(*) > 1)",
    ) == [(0,)]


def test_budget_lines_are_the_canonical_list_plus_the_others_seen(marts):
    seed_lines = (DBT_PROJECT_DIR / "seeds" / "budget_lines.csv").read_text(encoding="utf-8").count("\n") - 1
    assert rows(marts, "select count(*) from marts.dim_budget_line where line_group <> 'other'") == [(seed_lines,)]
    assert rows(
        marts, "select line_group, econ_code from marts.dim_budget_line where line_name = '网络宣传费'"
    ) == [("other", None)]
    assert rows(
        marts,
        "select b.line_group from marts.fct_budget f join marts.dim_budget_line b using (budget_line_id)"
        " where f.line_name = '办公费'",
    ) == [("economic",)]


def test_grade_derived_follows_the_bands_on_a_100_scale(marts):
    assert rows(marts, "select report_id, grade, grade_derived from marts.dim_report order by report_id") == [
        (A, None, "优秀"),  # 92 of 100
        (B, "优秀", "中"),  # 36 of 60 is 60 of 100
        (FAILED, None, None),  # no score
    ]
    assert rows(
        marts, "select expected, observed from marts.fct_data_quality where check_name = 'grade_mismatch'"
    ) == [("中", "优秀")]


def test_failed_report_is_kept_without_a_unit_and_flagged(marts):
    assert rows(marts, "select status, unit_id from marts.dim_report where report_id = ?", FAILED) == [("failed", None)]
    assert rows(
        marts,
        "select severity, message, observed from marts.fct_data_quality"
        " where report_id = ? and check_name = 'extraction_failed'",
        FAILED,
    ) == [("error", "the file is not a Word document", "broken.docx")]


def test_extraction_checks_and_partial_reports_reach_data_quality(marts):
    assert rows(
        marts, "select check_name, severity from marts.fct_data_quality where report_id = ? order by 1", B
    ) == [("budget_total_matches_parts", "warning"), ("extraction_partial", "warning"), ("grade_mismatch", "info")]


def test_units_come_from_loaded_reports(marts):
    assert rows(marts, "select unit_name, county, admin_level from marts.dim_unit order by admin_code") == [
        (UNIT_B, "北塔区", "county"),
        (UNIT_A, None, "city"),
    ]
    assert rows(
        marts,
        "select count(*) from marts.fct_budget f join marts.dim_unit u using (unit_id) where u.unit_name = ?",
        UNIT_A,
    ) == [(4,)]  # 办公费, 工资福利支出 basic and project, 网络宣传费


def test_indicator_levels_map_onto_the_framework(marts):
    assert rows(
        marts, "select level3, level1_std, level2_std from marts.dim_indicator order by level3"
    ) == sorted(
        [
            ("处置网络舆情事件数", "产出", "数量"),
            ("处置及时率", "产出", "时效"),  # level 1 merged away: level 2 places it
            ("网络安全意识提升", "效益", "社会效益"),
            ("群众满意度", "满意度", "满意度"),
            ("在职人员控制率", "决策", "其他"),  # 投入 is the older framework's 决策
        ]
    )
    assert rows(
        marts,
        "select count(*) from marts.fct_indicator_score s join marts.dim_indicator i using (indicator_id)"
        " where s.report_id = ?",
        A,
    ) == [(5,)]


def test_headcount_keeps_the_table_count_and_records_the_other(marts):
    assert rows(
        marts,
        "select headcount, source_locator from marts.fct_headcount where measure = 'actual' and staff_type = 'total'",
    ) == [(15, "table 1 row 2 col 3")]
    assert rows(
        marts,
        "select expected, observed from marts.fct_data_quality"
        " where check_name = 'conflicting_values' and message like 'fct_headcount%'",
    ) == [("15 @ table 1 row 2 col 3", "14 @ paragraph 5")]


def test_projects_and_findings_carry_unit_and_year(marts):
    assert rows(marts, "select project_name, phase, amount_yuan, score, fiscal_year from marts.fct_project") == [
        ("舆情中心运行费项目", "final", Decimal("200000.00"), 95.0, 2021)
    ]
    assert rows(marts, "select kind, seq, fiscal_year from marts.fct_finding order by kind") == [
        ("measure", 1, 2021),
        ("problem", 1, 2021),
    ]
