"""Frames in, DuckDB staging tables out (pipelines/load/staging.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import duckdb
import polars as pl

from pipelines.extract.report import ReportExtract
from pipelines.extract.schema import STAGING_TABLES, frame
from pipelines.load.staging import write_staging


def extract(report_id: str, budget_rows: list[dict]) -> ReportExtract:
    frames = {name: frame([], schema) for name, schema in STAGING_TABLES.items()}
    frames["reports"] = frame(
        [
            {
                "report_id": report_id,
                "source_file": f"{report_id}.txt",
                "status": "loaded",
                "fiscal_year": 2021,
                "report_date": date(2022, 3, 1),
                "extracted_at": datetime(2024, 1, 1, 12, 0),
            }
        ],
        STAGING_TABLES["reports"],
    )
    frames["budget_facts"] = frame(
        [{"report_id": report_id, **row} for row in budget_rows], STAGING_TABLES["budget_facts"]
    )
    return ReportExtract(frames)


def read(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_frames_of_all_reports_become_one_table_each(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    rows = write_staging(
        warehouse,
        [
            extract("a", [{"line_name": "办公费", "phase": "final", "amount_yuan": Decimal("12000.50")}]),
            extract("b", [{"line_name": "差旅费", "phase": "budget", "amount_yuan": Decimal("300")}]),
        ],
    )

    assert rows["reports"] == 2 and rows["budget_facts"] == 2
    tables = read(warehouse, "select table_name from information_schema.tables where table_schema = 'staging'")
    assert {t for (t,) in tables} == set(STAGING_TABLES)
    assert read(warehouse, "select report_id, line_name, amount_yuan from staging.budget_facts order by 1") == [
        ("a", "办公费", Decimal("12000.50")),
        ("b", "差旅费", Decimal("300.00")),
    ]


def test_column_types_follow_the_schema(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    write_staging(warehouse, [extract("a", [])])

    types = dict(
        read(
            warehouse,
            "select table_name || '.' || column_name, data_type from information_schema.columns"
            " where table_schema = 'staging'",
        )
    )
    assert types["budget_facts.amount_yuan"] == "DECIMAL(18,2)"
    assert types["reports.report_date"] == "DATE"
    assert types["reports.extracted_at"] == "TIMESTAMP"
    assert types["reports.fiscal_year"] == "INTEGER"
    assert types["budget_facts.is_canonical"] == "BOOLEAN"


def test_no_reports_gives_empty_tables_with_every_column(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    rows = write_staging(warehouse, [])

    assert set(rows.values()) == {0}
    for table, schema in STAGING_TABLES.items():
        columns = read(
            warehouse,
            f"select column_name from information_schema.columns where table_schema = 'staging'"
            f" and table_name = '{table}' order by ordinal_position",
        )
        assert [c for (c,) in columns] == list(schema)


def test_each_run_replaces_the_last(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    write_staging(warehouse, [extract("a", [{"line_name": "办公费", "amount_yuan": Decimal(1)}])])
    write_staging(warehouse, [extract("b", [])])

    assert read(warehouse, "select report_id from staging.reports") == [("b",)]
    assert read(warehouse, "select count(*) from staging.budget_facts") == [(0,)]


def test_a_frame_missing_a_column_or_off_type_is_conformed(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    loose = extract("a", [])
    # an extractor that leaves out a column and gives an Int64 where Int32 is expected
    loose.frames["findings"] = pl.DataFrame({"report_id": ["a"], "kind": ["problem"], "seq": [1], "text": ["慢"]})
    write_staging(warehouse, [loose])

    assert read(warehouse, "select report_id, seq, source_locator from staging.findings") == [("a", 1, None)]
