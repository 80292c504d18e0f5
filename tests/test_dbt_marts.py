"""Hand-written extracts through the real dbt build: what a reader of the marts expects.

Two loaded reports and a failed one; report A states its office spending twice with
different figures (a table and a paragraph), splits wages into basic/project spending in
a table while a paragraph gives the total, uses a line that fits no canonical one, and
counts its staff twice. Beside them: report A saved again (a duplicate whose title is
spaced differently), unit C's final accounts and its project form (the unit's name
written with ASCII brackets in one and full-width ones in the other), a project form
that is all unit E has, a report that names no unit, and a file that is not a report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml

from pipelines.extract.report import ReportExtract
from pipelines.extract.schema import STAGING_TABLES, frame
from pipelines.load.staging import write_staging

pytestmark = pytest.mark.slow

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
A, B, FAILED = "a" * 16, "b" * 16, "c" * 16
A_RESAVED, C_ACCOUNTS, C_PROJECTS, E_PROJECT = "1" * 16, "d" * 16, "e" * 16, "f" * 16
NO_UNIT, NOT_A_REPORT, B_NEXT_YEAR, REGION_ONLY = "2" * 16, "3" * 16, "4" * 16, "5" * 16
UNIT_A = "中共湛江市委网络安全和信息化委员会办公室"
UNIT_B = "中共邵阳市北塔区委网络安全和信息化委员会办公室"
UNIT_C = "湘潭市岳塘区财政局（机关）"  # as dim_unit names it: full-width brackets, no spaces
UNIT_E = "湘潭市岳塘区交通运输局"
P1, P2 = "乡村道路建设项目", "农村饮水安全项目"


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


def indicator(seq, level1, level2, level3, **more):
    return {"row_seq": seq, "level1": level1, "level2": level2, "level3": level3,
            "target_text": "≥95%", "actual_text": "98%", "weight": 10.0, "score": 9.5,
            "source_locator": f"table 4 row {seq + 1}", **more}


def fund_row(project, fund_source, phase, amount, locator, **more):
    return {"project_name": project, "fund_source": fund_source, "phase": phase,
            "amount_yuan": None if amount is None else Decimal(amount), "source_locator": locator, **more}


REPORT_A = report_extract(
    {
        "report_id": A, "source_file": "2021/a.txt", "status": "loaded", "title": "2021年度部门整体支出绩效自评报告",
        "document_kind": "overall_report", "unit_name": UNIT_A, "province": "广东省", "city": "湛江市", "admin_level": "city", "admin_code": "440800",
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
        "document_kind": "overall_report", "unit_name": UNIT_B, "province": "湖南省", "city": "邵阳市", "county": "北塔区", "admin_level": "county",
        "admin_code": "430511", "fiscal_year": 2020, "self_score": 36.0, "max_score": 60.0, "grade": "优秀",
        "execution_rate_stated": 99.0,  # its prose: 全年预算执行率为99%
    },
    budget_facts=[money("收入合计", "budget", "1000000.00", "table", 1, "table 1 row 2 col 2")],
    quality_checks=[
        {"check_name": "sum_of_parts:收入合计", "severity": "warning", "message": "收入合计 ≠ sum of parts",
         "expected": "1000000.00", "observed": "990000.00", "source_locator": "table 1"},
    ],
)

REPORT_FAILED = report_extract(
    {"report_id": FAILED, "source_file": "broken.docx", "source_format": "docx", "status": "failed",
     "error": "the file is not a Word document"},
)

# unit B's next year: an overall form whose table gives no total spending's budget, only
# its parts, and the rate the unit states for its funds
REPORT_B_NEXT_YEAR = report_extract(
    {
        "report_id": B_NEXT_YEAR, "source_file": "b-2021.xlsx", "source_format": "xlsx", "status": "loaded",
        "title": "2021年度部门整体支出绩效自评表", "document_kind": "overall_form", "unit_name": UNIT_B,
        "province": "湖南省", "city": "邵阳市", "county": "北塔区", "admin_level": "county", "admin_code": "430511",
        "fiscal_year": 2021, "self_score": 88.0, "max_score": 100.0, "grade": "良好",
    },
    budget_facts=[
        money("支出合计", "final", "950000.00", "table", 1, "table 1 row 2 col 5"),
        money("基本支出", "budget", "600000.00", "table", 2, "table 1 row 3 col 3"),
        money("基本支出", "final", "580000.00", "table", 3, "table 1 row 3 col 5"),
        money("项目支出", "budget", "400000.00", "table", 4, "table 1 row 4 col 3"),
        money("项目支出", "final", "370000.00", "table", 5, "table 1 row 4 col 5"),
    ],
    project_facts=[fund_row("部门整体支出", "total", "final", "950000", "table 1 row 2 col 5", execution_rate_stated=95.0)],
)

# report A saved again as another file (other bytes, a title with a space): a duplicate,
# the same document
REPORT_A_RESAVED = report_extract(
    {
        "report_id": A_RESAVED, "source_file": "2021/a (resaved).docx", "source_format": "docx", "status": "duplicate",
        "error": "same report as 2021/a.txt: counted once, there", "title": "2021年度 部门整体支出绩效自评报告",
        "document_kind": "overall_report", "unit_name": f" {UNIT_A}", "province": "广东省", "city": "湛江市",
        "admin_level": "city", "admin_code": "440800", "fiscal_year": 2021, "self_score": 92.0, "max_score": 100.0,
    },
)
REPORT_A_RESAVED.frames["reports"] = REPORT_A_RESAVED.frames["reports"].with_columns(
    pl.lit("2021/a.txt").alias("duplicate_of")
)

C_UNIT = {"province": "湖南省", "city": "湘潭市", "county": "岳塘区", "admin_level": "county", "admin_code": "430304",
          "fiscal_year": 2022}

REPORT_C_ACCOUNTS = report_extract(
    {
        "report_id": C_ACCOUNTS, "source_file": "c/决算.xlsx", "source_format": "xlsx", "status": "loaded",
        "title": "2022年度部门决算", "document_kind": "final_accounts", "unit_name": "湘潭市岳塘区 财政局(机关)", **C_UNIT,
    },
    budget_facts=[
        money("支出合计", "budget", "1000000.00", "table", 1, "table 1 row 2 col 2"),
        money("支出合计", "adjusted", "1200000.00", "table", 2, "table 1 row 2 col 3"),
        money("支出合计", "final", "1140000.00", "table", 3, "table 1 row 2 col 4"),
        money("基本支出", "final", "900000.00", "table", 4, "table 1 row 3 col 4"),
        money("人员经费", "final", "700000.00", "table", 5, "table 1 row 4 col 4"),
        money("公用经费", "final", "200000.00", "table", 6, "table 1 row 5 col 4"),
        money("项目支出", "final", "240000.00", "table", 7, "table 1 row 6 col 4"),
        money("三公经费合计", "final", "30000.00", "table", 8, "table 3 row 2 col 2"),
        money("因公出国（境）费", "final", "0.00", "table", 9, "table 3 row 2 col 3"),
        money("公务用车购置费", "final", "10000.00", "table", 10, "table 3 row 2 col 5"),
        money("公务用车运行维护费", "final", "12000.00", "table", 11, "table 3 row 2 col 6"),
        money("公务接待费", "final", "8000.00", "table", 12, "table 3 row 2 col 7"),
        money("公务接待费", "prior_final", "5000.00", "table", 13, "table 3 row 3 col 7"),
        # the budget's 公务接待费 only split between basic and project spending
        money("公务接待费", "budget", "3000.00", "table", 14, "table 2 row 9 col 3", spending_type="basic"),
        money("公务接待费", "budget", "1000.00", "table", 15, "table 2 row 9 col 4", spending_type="project"),
    ],
)

REPORT_C_PROJECTS = report_extract(
    {
        "report_id": C_PROJECTS, "source_file": "c/项目自评表.docx", "source_format": "docx", "status": "loaded",
        "title": "2022年度项目支出绩效自评表", "document_kind": "project_form", "unit_name": "湘潭市岳塘区财政局（机关）", **C_UNIT,
    },
    # the form's 年度资金总额 is the projects' money, never the unit's
    budget_facts=[money("收入合计", "budget", "800000.00", "table", 1, "table 1 row 3 col 3")],
    project_facts=[
        fund_row(P1, "total", "budget", "500000", "table 1 row 3 col 3", department="湘潭市岳塘区财政局",
                 implementing_unit="岳塘区公路站"),
        fund_row(P1, "total", "adjusted", "520000", "table 1 row 3 col 4"),
        fund_row(P1, "total", "final", "494000", "table 1 row 3 col 5", execution_rate_stated=95.0,
                 row_weight=10.0, row_score=9.5),
        fund_row(P1, "fiscal", "final", "400000", "table 1 row 4 col 5", execution_rate_stated=95.24),
        fund_row(P1, "carryover", "final", "94000", "table 1 row 5 col 5"),
        # the project's total score, on a row of its own
        fund_row(P1, None, None, None, "table 5 row 2 col 2", score=92.0, max_score=100.0, grade="优秀"),
        fund_row(P2, None, "final", "300000", "table 7 row 3 col 5", score=85.0, max_score=100.0, grade="良好",
                 department="湘潭市岳塘区财政局"),
    ],
    indicator_rows=[
        indicator(1, "产出指标", "数量指标", "新建道路里程", project_name=P1),
        indicator(2, "效益指标", "社会效益指标", "通行时间缩短", project_name=P1,
                  deviation_reason="雨季工期延误，已调整施工计划"),
        indicator(1, "产出指标", "质量指标", "水质达标率", project_name=P2),
    ],
)

REPORT_E_PROJECT = report_extract(
    {
        "report_id": E_PROJECT, "source_file": "e/项目自评表.txt", "status": "loaded", "title": "项目支出绩效自评表",
        "document_kind": "project_form", "unit_name": UNIT_E, **{**C_UNIT, "admin_code": "430304"},
    },
    budget_facts=[money("收入合计", "budget", "200000.00", "table", 1, "table 1 row 3 col 3"),
                  money("收入合计", "final", "190000.00", "table", 2, "table 1 row 3 col 5")],
    project_facts=[fund_row("公路养护项目", "total", "final", "190000", "table 1 row 3 col 5", execution_rate_stated=95.0)],
)

REPORT_NO_UNIT = report_extract(
    {"report_id": NO_UNIT, "source_file": "scan-0042.pdf", "source_format": "pdf", "status": "loaded",
     "document_kind": "overall_form", "fiscal_year": 2022, "self_score": 81.0},
    budget_facts=[money("支出合计", "final", "50000.00", "table", 1, "page 1 table 1 row 2 col 4")],
)

# a county's transfer-payment self-evaluation that names its county but no unit
REPORT_REGION_ONLY = report_extract(
    {"report_id": REGION_ONLY, "source_file": "转移支付自评.txt", "status": "loaded", "document_kind": "project_report",
     "title": "2022年某某补助资金绩效自评报告", **C_UNIT},
)

REPORT_NOT_A_REPORT = report_extract(
    {"report_id": NOT_A_REPORT, "source_file": "通知.txt", "status": "not_a_report", "document_kind": "other",
     "error": "a meeting notice, not a performance report", "title": "关于召开绩效评价工作会议的通知",
     "unit_name": "湘潭市岳塘区财政局", "fiscal_year": 2022},
)

EXTRACTS = [REPORT_A, REPORT_B, REPORT_FAILED, REPORT_A_RESAVED, REPORT_B_NEXT_YEAR, REPORT_C_ACCOUNTS,
            REPORT_C_PROJECTS, REPORT_E_PROJECT, REPORT_NO_UNIT, REPORT_NOT_A_REPORT, REPORT_REGION_ONLY]
ORIGINAL = (A, B, FAILED)  # the first three reports, which the older tests below describe


BUILD: dict[str, Path] = {}  # where the fixture's dbt build left its artefacts


@pytest.fixture(scope="module")
def marts(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    folder = tmp_path_factory.mktemp("marts")
    BUILD["target"] = folder / "target"
    warehouse = folder / "reports.duckdb"
    write_staging(warehouse, EXTRACTS)
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
    assert rows(
        marts, "select report_id, grade, grade_derived from marts.dim_report where report_id in (?, ?, ?) order by report_id",
        *ORIGINAL,
    ) == [
        (A, None, "优秀"),  # 92 of 100
        (B, "优秀", "中"),  # 36 of 60 is 60 of 100
        (FAILED, None, None),  # no score
    ]
    assert rows(
        marts, "select expected, observed from marts.fct_data_quality where check_name = 'grade_mismatch'"
    ) == [("中", "优秀")]


def test_failed_report_is_kept_under_the_unknown_unit_and_flagged(marts):
    assert rows(marts, "select status, unit_id from marts.dim_report where report_id = ?", FAILED) == [("failed", "unknown")]
    assert rows(
        marts,
        "select severity, message, observed from marts.fct_data_quality"
        " where report_id = ? and check_name = 'extraction_failed'",
        FAILED,
    ) == [("error", "the file is not a Word document", "broken.docx")]


def test_extraction_checks_and_partial_reports_reach_data_quality(marts):
    assert rows(
        marts, "select check_name, severity from marts.fct_data_quality where report_id = ? order by 1", B
    ) == [("extraction_partial", "warning"), ("grade_mismatch", "info"), ("sum_of_parts:收入合计", "warning")]


def test_units_come_from_the_reports_plus_the_unknown_unit(marts):
    assert rows(marts, "select unit_name, county, admin_level from marts.dim_unit order by admin_code, unit_name") == [
        (UNIT_E, "岳塘区", "county"),
        (UNIT_C, "岳塘区", "county"),
        ("（未识别单位）", "岳塘区", "county"),  # the region's unknown member (REPORT_REGION_ONLY)
        (UNIT_B, "北塔区", "county"),
        (UNIT_A, None, "city"),
        ("（未识别单位）", None, None),
    ]
    # a report that names its region but no unit counts in its region, under its unknown member
    assert rows(
        marts,
        "select u.unit_id, u.unit_name, u.county, u.is_unknown from marts.dim_report r join marts.dim_unit u using (unit_id)"
        " where r.report_id = ?", REGION_ONLY,
    ) == [("unknown-430304", "（未识别单位）", "岳塘区", True)]
    assert rows(
        marts,
        "select count(*) from marts.fct_budget f join marts.dim_unit u using (unit_id) where u.unit_name = ?",
        UNIT_A,
    ) == [(4,)]  # 办公费, 工资福利支出 basic and project, 网络宣传费


def test_indicator_levels_map_onto_the_framework(marts):
    assert rows(
        marts,
        "select level3, level1_std, level2_std from marts.dim_indicator where indicator_id in"
        " (select indicator_id from marts.fct_indicator_score where report_id = ?) order by level3",
        A,
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
    assert rows(
        marts,
        "select project_name, phase, fund_source, amount_yuan, score, fiscal_year from marts.fct_project where report_id = ?",
        A,
    ) == [("舆情中心运行费项目", "final", "total", Decimal("200000.00"), 95.0, 2021)]
    assert rows(marts, "select kind, seq, fiscal_year from marts.fct_finding order by kind") == [
        ("measure", 1, 2021),
        ("problem", 1, 2021),
    ]


# ------------------------------------------------------------------ reports and units
def test_a_resaved_report_keeps_its_report_key_and_unit(marts):
    (a_key, a_unit), = rows(marts, "select report_key, unit_id from marts.dim_report where report_id = ?", A)
    assert rows(
        marts, "select status, duplicate_of, report_key, unit_id from marts.dim_report where report_id = ?", A_RESAVED
    ) == [("duplicate", "2021/a.txt", a_key, a_unit)]
    # counted once: the only counted file with that key is A
    assert rows(
        marts, "select report_id from marts.dim_report where report_key = ? and status in ('loaded', 'partial')", a_key
    ) == [(A,)]


def test_report_key_is_the_document_not_the_file(marts):
    keys = dict(rows(marts, "select report_id, report_key from marts.dim_report"))
    # one unit, one year, two kinds of document: two keys
    assert keys[C_ACCOUNTS] != keys[C_PROJECTS]
    # no unit and no title: the file's path is all there is
    assert len({keys[FAILED], keys[NO_UNIT]}) == 2
    assert rows(marts, "select count(distinct report_key) from marts.dim_report") == [(len(EXTRACTS) - 1,)]


def test_unit_id_is_the_division_code_and_the_normalised_name(marts):
    units = dict(rows(marts, "select report_id, unit_id from marts.dim_report"))
    # '湘潭市岳塘区 财政局(机关)' and '湘潭市岳塘区财政局（机关）' are one unit ...
    assert units[C_ACCOUNTS] == units[C_PROJECTS]
    assert rows(marts, "select unit_name, admin_code from marts.dim_unit where unit_id = ?", units[C_ACCOUNTS]) == [
        (UNIT_C, "430304")
    ]
    # ... another name under the same code is another unit
    assert units[E_PROJECT] not in (units[C_ACCOUNTS], "unknown")


def test_reports_without_a_unit_point_to_the_unknown_member(marts):
    assert rows(
        marts,
        "select r.report_id, r.status, u.unit_name from marts.dim_report r join marts.dim_unit u using (unit_id)"
        " where u.unit_id = 'unknown' order by r.report_id",
    ) == [(NO_UNIT, "loaded", "（未识别单位）"), (NOT_A_REPORT, "not_a_report", "（未识别单位）"),
          (FAILED, "failed", "（未识别单位）")]
    # joins never drop a report or a fact
    for table in ("dim_report", "fct_budget", "fct_project", "fct_indicator_score", "fct_headcount", "fct_finding",
                  "fct_data_quality"):
        assert rows(marts, f"select count(*) from marts.{table} where unit_id is null") == [(0,)], table
        assert rows(
            marts, f"select count(*) from marts.{table} t left join marts.dim_unit u using (unit_id) where u.unit_id is null"
        ) == [(0,)], table


def test_document_kind_and_status_not_a_report(marts):
    assert rows(marts, "select document_kind, status, error from marts.dim_report where report_id = ?", NOT_A_REPORT) == [
        ("other", "not_a_report", "a meeting notice, not a performance report")
    ]
    assert rows(marts, "select document_kind from marts.dim_report where report_id = ?", FAILED) == [(None,)]
    assert rows(
        marts, "select severity, message_zh from marts.fct_data_quality where report_id = ?", NOT_A_REPORT
    ) == [("info", "该文件不是单位的绩效自评（评价）报告、决算或预算，未予采用")]


# ------------------------------------------------------------------ budget lines
def test_figure_year_is_the_year_before_for_prior_final(marts):
    assert rows(
        marts,
        "select phase, fiscal_year, figure_year from marts.fct_budget"
        " where report_id = ? and line_name = '公务接待费' and spending_type is null order by phase",
        C_ACCOUNTS,
    ) == [("final", 2022, 2022), ("prior_final", 2022, 2021)]


def test_line_level_follows_parent_line(marts):
    levels = dict(rows(marts, "select line_name, line_level from marts.dim_budget_line"))
    assert levels["支出合计"] == 0 and levels["基本支出"] == 1 and levels["人员经费"] == 2
    assert levels["三公经费合计"] == 0 and levels["公务用车购置及运行维护费"] == 1 and levels["公务用车购置费"] == 2
    assert levels["网络宣传费"] is None  # not canonical: no place in the hierarchy
    assert rows(
        marts,
        "select line_name, line_level from marts.fct_budget where report_id = ? and line_name in ('支出合计', '人员经费')"
        " and phase = 'final' order by line_level",
        C_ACCOUNTS,
    ) == [("支出合计", 0), ("人员经费", 2)]


def test_also_part_of_puts_economic_lines_in_the_three_public(marts):
    assert rows(
        marts,
        "select line_name, line_group, also_part_of from marts.dim_budget_line where is_three_public"
        " and line_group <> 'three_public' order by line_name",
    ) == [("公务接待费", "economic", "三公经费合计"), ("公务用车运行维护费", "economic", "公务用车购置及运行维护费")]


# ------------------------------------------------------------------ projects and indicators
def test_project_rows_per_phase_and_fund_source_carry_the_projects_score(marts):
    assert rows(
        marts,
        "select phase, fund_source, amount_yuan, execution_rate_stated, row_score, score, max_score, grade,"
        " department, implementing_unit from marts.fct_project where report_id = ? and project_name = ?"
        " order by fund_source, phase",
        C_PROJECTS, P1,
    ) == [
        ("final", "carryover", Decimal("94000.00"), None, None, 92.0, 100.0, "优秀", "湘潭市岳塘区财政局", "岳塘区公路站"),
        ("final", "fiscal", Decimal("400000.00"), 0.9524, None, 92.0, 100.0, "优秀", "湘潭市岳塘区财政局", "岳塘区公路站"),
        ("adjusted", "total", Decimal("520000.00"), None, None, 92.0, 100.0, "优秀", "湘潭市岳塘区财政局", "岳塘区公路站"),
        ("budget", "total", Decimal("500000.00"), None, None, 92.0, 100.0, "优秀", "湘潭市岳塘区财政局", "岳塘区公路站"),
        ("final", "total", Decimal("494000.00"), 0.95, 9.5, 92.0, 100.0, "优秀", "湘潭市岳塘区财政局", "岳塘区公路站"),
    ]
    # a row naming no fund source is the project's whole funds
    assert rows(
        marts, "select fund_source, phase, score, grade from marts.fct_project where report_id = ? and project_name = ?",
        C_PROJECTS, P2,
    ) == [("total", "final", 85.0, "良好")]


def test_project_scorecard_has_each_project_once_with_its_score_money_and_rates(marts):
    assert rows(
        marts,
        "select project_name, score, max_score, grade, budget_yuan, adjusted_yuan, final_yuan, execution_rate_stated,"
        " execution_rate, department, unit_name from marts.mart_project_scorecard where report_id = ? order by project_name",
        C_PROJECTS,
    ) == sorted([
        # 494000 spent of the full-year 520000 is 0.95; the form states 95%
        (P1, 92.0, 100.0, "优秀", Decimal("500000.00"), Decimal("520000.00"), Decimal("494000.00"), 0.95, 0.95,
         "湘潭市岳塘区财政局", UNIT_C),
        # only a figure spent: no rate to compute
        (P2, 85.0, 100.0, "良好", None, None, Decimal("300000.00"), None, None, "湘潭市岳塘区财政局", UNIT_C),
    ])


def test_every_coded_value_of_the_marts_has_its_chinese_word_in_dim_code(marts):
    labels = dict(((t, c), zh) for t, c, zh in rows(marts, "select code_type, code, label_zh from marts.dim_code"))
    assert labels[("phase", "final")] == "决算" and labels[("document_kind", "budget")] == "部门预算"
    used = rows(
        marts,
        "select distinct 'phase', phase from marts.fct_budget union select distinct 'spending_type', spending_type"
        " from marts.fct_budget where spending_type is not null union select distinct 'fund_source', fund_source"
        " from marts.fct_project union select distinct 'measure', measure from marts.fct_headcount"
        " union select distinct 'staff_type', staff_type from marts.fct_headcount union select distinct"
        " 'severity', severity from marts.fct_data_quality union select distinct 'document_kind', document_kind"
        " from marts.dim_report where document_kind is not null union select distinct 'status', status"
        " from marts.dim_report union select distinct 'finding_kind', kind from marts.fct_finding",
    )
    assert len(used) >= 10 and [value for value in used if tuple(value) not in labels] == []


def test_indicator_rows_belong_to_their_project(marts):
    assert rows(
        marts,
        "select project_name, row_seq, level3, deviation_reason from marts.fct_indicator_score"
        " where report_id = ? order by project_name, row_seq",
        C_PROJECTS,
    ) == [
        (P1, 1, "新建道路里程", None),
        (P1, 2, "通行时间缩短", "雨季工期延误，已调整施工计划"),
        (P2, 1, "水质达标率", None),  # row 1 of another project's table
    ]
    assert rows(marts, "select count(*) from marts.fct_indicator_score where report_id = ? and project_name is null", A) == [(5,)]


# ------------------------------------------------------------------ data quality
def test_data_quality_rows_carry_unit_year_and_a_chinese_message(marts):
    found = rows(
        marts,
        "select q.check_name, q.unit_id = r.unit_id, q.fiscal_year, q.message_zh from marts.fct_data_quality q"
        " join marts.dim_report r using (report_id) where q.report_id = ? order by q.check_name",
        B,
    )
    assert found == [
        ("extraction_partial", True, 2020, "文件仅部分读取：no indicator table found"),
        ("grade_mismatch", True, 2020, "报告所列评价等级“优秀”与自评得分对应的等级“中”不符"),
        ("sum_of_parts:收入合计", True, 2020, "收入合计为1000000.00，但报告所列各分项合计为990000.00"),
    ]
    assert rows(
        marts,
        "select message_zh from marts.fct_data_quality where report_id = ? and check_name = 'conflicting_values'"
        " order by message_zh",
        A,
    ) == [
        ("报告对同一数据（办公费（决算））给出两个不同的数值：保留12000.00 @ table 2 row 3 col 5，舍弃11000.00 @ paragraph 17",),
        ("报告对同一数据（实有人数）给出两个不同的数值：保留15 @ table 1 row 2 col 3，舍弃14 @ paragraph 5",),
    ]
    assert rows(marts, "select count(*) from marts.fct_data_quality where message_zh is null or message is null") == [(0,)]


def test_every_check_family_of_the_extraction_has_a_chinese_template():
    import re  # noqa: PLC0415

    from pipelines.extract import checks  # noqa: PLC0415

    source = Path(checks.__file__).read_text(encoding="utf-8")
    families = {re.split(r"[:{]", name)[0] for name in re.findall(r'Check\(\s*f?"([a-z_]+[^"]*)"', source)}
    families |= set(re.findall(r'_share_check\(\s*"([a-z_]+)', source))
    templates = (DBT_PROJECT_DIR / "seeds" / "check_messages.csv").read_text(encoding="utf-8")
    known = {line.split(",", 1)[0] for line in templates.splitlines()[1:]}
    assert families, "no check names found in pipelines/extract/checks.py"
    assert families <= known, f"no Chinese template for {families - known}"


# ------------------------------------------------------------------ analysts' views
def test_budget_execution_per_unit_and_year(marts):
    found = {
        r[:2]: r[2:]
        for r in rows(
            marts,
            "select unit_name, fiscal_year, budget_yuan, adjusted_yuan, final_yuan, execution_rate,"
            " execution_rate_stated, execution_rate_stated_source, basis, report_count from marts.mart_budget_execution",
        )
    }
    # two documents of the year: the final accounts give the totals, the project form nothing
    # (and its two projects no rate of the unit's)
    assert found[UNIT_C, 2022] == (Decimal("1000000.00"), Decimal("1200000.00"), Decimal("1140000.00"), 0.95, None, None,
                                   "支出合计: final / adjusted", 2)
    # 支出合计 has no budget figure to set its final against: its parts have both
    assert found[UNIT_B, 2021] == (Decimal("1000000.00"), None, Decimal("950000.00"), 0.95, 0.95,
                                   "overall form: 年度资金总额", "基本支出+项目支出: final / budget", 1)
    # no final figure to compute a rate from; the rate the report states in its prose
    assert found[UNIT_B, 2020] == (Decimal("1000000.00"), None, None, None, 0.99, "report: 预算执行率",
                                   "收入合计: no rate, no final figure", 1)
    # 工资福利支出 and 办公费 are no totals
    assert found[UNIT_A, 2021][-2:] == ("none: no total stated", 1)
    # a project form's 年度资金总额 is the project's money, not the unit's; the rate of the
    # unit's only project is shown as what it is
    assert found[UNIT_E, 2022] == (None, None, None, None, 0.95, "only project: 公路养护项目", "none: no total stated", 1)
    assert len(found) == 5  # the unknown unit has no row


def test_three_public_per_unit_figure_year_and_phase(marts):
    assert rows(
        marts,
        "select figure_year, phase, total_yuan, outbound_travel_yuan, vehicle_purchase_yuan, vehicle_operation_yuan,"
        " reception_yuan, vehicle_yuan, total_basis from marts.mart_three_public where unit_name = ?"
        " order by figure_year, phase",
        UNIT_C,
    ) == [
        (2021, "prior_final", None, None, None, None, Decimal("5000.00"), None, None),
        (2022, "budget", None, None, None, None, Decimal("4000.00"), None, None),  # basic + project
        (2022, "final", Decimal("30000.00"), Decimal("0.00"), Decimal("10000.00"), Decimal("12000.00"),
         Decimal("8000.00"), Decimal("22000.00"), "stated"),
    ]


def test_report_scorecard_of_the_reports_that_count(marts):
    assert rows(
        marts,
        "select report_id, unit_name, fiscal_year, document_kind, self_score, grade, grade_derived, grade_agrees,"
        " dq_error_count, dq_warning_count, dq_info_count from marts.mart_report_scorecard order by report_id",
    ) == [
        (NO_UNIT, "（未识别单位）", 2022, "overall_form", 81.0, None, "良好", None, 0, 0, 0),
        (B_NEXT_YEAR, UNIT_B, 2021, "overall_form", 88.0, "良好", "良好", True, 0, 0, 0),
        (REGION_ONLY, "（未识别单位）", 2022, "project_report", None, None, None, None, 0, 0, 0),
        (A, UNIT_A, 2021, "overall_report", 92.0, None, "优秀", None, 0, 2, 0),
        (B, UNIT_B, 2020, "overall_report", 36.0, "优秀", "中", False, 0, 2, 1),
        (C_ACCOUNTS, UNIT_C, 2022, "final_accounts", None, None, None, None, 0, 0, 0),
        (C_PROJECTS, UNIT_C, 2022, "project_form", None, None, None, None, 0, 0, 0),
        (E_PROJECT, UNIT_E, 2022, "project_form", None, None, None, None, 0, 0, 0),
    ]


# ------------------------------------------------------------------ schemas and documentation
VIEWS = ("mart_budget_execution", "mart_three_public", "mart_report_scorecard", "mart_project_scorecard")

# the contract's columns (CONTRACT.md): a comment must carry each one's description
CONTRACT_COLUMNS = {
    "dim_unit": "unit_id unit_name province city county admin_level admin_code",
    "dim_report": "report_id report_key unit_id fiscal_year report_date title document_kind source_file source_sha256"
    " source_format status error duplicate_of self_score max_score grade grade_derived execution_rate_stated extracted_at",
    "dim_budget_line": "budget_line_id line_name econ_code parent_line line_group",
    "fct_budget": "report_id unit_id fiscal_year figure_year budget_line_id line_name line_level phase spending_type"
    " amount_yuan source_locator source_excerpt",
    "fct_project": "report_id unit_id fiscal_year project_name department implementing_unit fund_source phase"
    " amount_yuan execution_rate_stated score max_score grade source_locator",
    "dim_indicator": "indicator_id level1 level2 level3 level1_std level2_std",
    "fct_indicator_score": "report_id unit_id fiscal_year project_name indicator_id level1 level2 level3 target_text"
    " actual_text weight score deviation_reason source_locator",
    "fct_headcount": "report_id unit_id fiscal_year measure staff_type headcount",
    "fct_finding": "report_id unit_id fiscal_year kind seq text",
    "fct_data_quality": "report_id unit_id fiscal_year check_name severity message message_zh expected observed"
    " source_locator",
    "mart_budget_execution": "unit_id unit_name province city county fiscal_year budget_yuan adjusted_yuan final_yuan"
    " execution_rate execution_rate_stated basis",
    "mart_three_public": "unit_id fiscal_year figure_year phase total_yuan outbound_travel_yuan vehicle_purchase_yuan"
    " vehicle_operation_yuan reception_yuan",
    "mart_report_scorecard": "report_id unit_id unit_name fiscal_year document_kind self_score max_score grade"
    " grade_derived grade_agrees dq_error_count dq_warning_count dq_info_count",
}


def mart_ymls() -> dict[str, dict]:
    """Every model of models/marts as its yml documents it."""
    models = {}
    for path in (DBT_PROJECT_DIR / "models" / "marts").glob("*.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8"))["models"]:
            models[model["name"]] = model
    return models


def test_marts_are_tables_and_the_analysts_views_are_views(marts):
    kinds = dict(rows(marts, "select table_name, table_type from information_schema.tables where table_schema = 'marts'"))
    assert set(CONTRACT_COLUMNS) <= set(kinds)
    assert {name for name, kind in kinds.items() if kind == "VIEW"} == set(VIEWS)


def test_dbt_keeps_out_of_main_and_off_the_loaded_staging_tables(marts):
    schemas = dict(rows(marts, "select table_schema, list(table_name order by table_name) from information_schema.tables group by 1"))
    assert "main" not in schemas
    assert schemas["staging"] == sorted(STAGING_TABLES)  # the load's tables only
    assert "stg_reports" in schemas["dbt_staging"] and "int_reports" in schemas["dbt_intermediate"]
    assert "budget_lines" in schemas["dbt_seeds"]


def test_every_mart_column_is_documented_with_a_chinese_label(marts):
    documented = mart_ymls()
    actual = {}
    for table, column in rows(marts, "select table_name, column_name from information_schema.columns where table_schema = 'marts'"):
        actual.setdefault(table, set()).add(column)
    assert set(documented) == set(actual)
    for table, columns in actual.items():
        model = documented[table]
        assert model.get("description") and model.get("meta", {}).get("label_zh"), table
        yml_columns = {c["name"]: c for c in model["columns"]}
        assert set(yml_columns) == columns, f"{table}: yml and table differ by {set(yml_columns) ^ columns}"
        for name, column in yml_columns.items():
            assert column.get("description"), f"{table}.{name} has no description"
            label = column.get("meta", {}).get("label_zh", "")
            assert any("\u4e00" <= ch <= "\u9fff" for ch in label), f"{table}.{name} has no Chinese label"


def test_contract_columns_carry_their_label_and_description_as_comments(marts):
    manifest = json.loads((BUILD["target"] / "manifest.json").read_text(encoding="utf-8"))
    nodes = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    comments = {
        (table, column): comment
        for table, column, comment in rows(
            marts, "select table_name, column_name, comment from duckdb_columns() where schema_name = 'marts'"
        )
    }
    for table, columns in CONTRACT_COLUMNS.items():
        for column in columns.split():
            comment = comments.get((table, column))
            assert comment, f"marts.{table}.{column} has no comment"
            documented = nodes[table]["columns"][column]
            label, description = documented["meta"]["label_zh"], documented["description"].strip()
            assert comment == f"{label} | {description}", f"marts.{table}.{column}: {comment!r}"
    # every other column too, and the relations themselves
    assert [key for key, comment in comments.items() if not comment] == []
    relation_comments = rows(
        marts,
        "select table_name, comment from duckdb_tables() where schema_name = 'marts'"
        " union all select view_name, comment from duckdb_views() where schema_name = 'marts'",
    )
    assert all(comment and " | " in comment for _, comment in relation_comments), relation_comments
