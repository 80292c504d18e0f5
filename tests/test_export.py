"""`python -m pipelines export`: the marts for Excel and WPS users, headed in Chinese."""

from __future__ import annotations

import csv
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from conftest import REPO_ROOT


@pytest.fixture
def warehouse(tmp_path) -> Path:
    """A warehouse laid out as the pipeline writes it: marts whose comments lead with a
    Chinese label (macros/persist_docs.sql)."""
    path = tmp_path / "reports.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create table marts.fct_budget (line_name varchar, phase varchar, amount_yuan decimal(18, 2))")
    con.execute("insert into marts.fct_budget values ('支出合计', 'final', 1234567.89), ('基本支出', 'final', 800000.00)")
    con.execute("comment on column marts.fct_budget.line_name is '科目名称 | The budget line.'")
    con.execute("comment on column marts.fct_budget.phase is '预算阶段 | Which figure of the budget cycle.'")
    con.execute("comment on column marts.fct_budget.amount_yuan is '金额（元） | The figure in yuan.'")
    con.execute("create view marts.mart_totals as select phase, sum(amount_yuan) as total from marts.fct_budget group by 1")
    con.close()
    return path


def export(warehouse: Path, out: Path, fmt: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "export", "--format", fmt, "--out", str(out), "--warehouse", str(warehouse)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )


def test_the_workbook_has_a_sheet_per_mart_headed_in_chinese_and_a_dictionary(warehouse, tmp_path):
    done = export(warehouse, tmp_path / "out", "xlsx")
    assert done.returncode == 0, done.stderr

    book = openpyxl.load_workbook(tmp_path / "out" / "reports.xlsx", read_only=True)
    assert book.sheetnames == ["字段说明", "fct_budget", "mart_totals"]
    budget = list(book["fct_budget"].iter_rows(values_only=True))
    assert budget[0] == ("科目名称", "预算阶段", "金额（元）")
    assert budget[1] == ("支出合计", "final", 1234567.89)  # a number, not text
    dictionary = list(book["字段说明"].iter_rows(values_only=True))
    assert dictionary[0] == ("表", "字段", "中文名", "说明")
    assert ("fct_budget", "amount_yuan", "金额（元）", "The figure in yuan.") in dictionary
    assert ("mart_totals", "total", "total", None) in dictionary  # no comment: its own name, an empty cell


def test_csv_files_open_as_chinese_text_in_excel(warehouse, tmp_path):
    done = export(warehouse, tmp_path / "out", "csv")
    assert done.returncode == 0, done.stderr

    raw = (tmp_path / "out" / "fct_budget.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    with (tmp_path / "out" / "fct_budget.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["科目名称", "预算阶段", "金额（元）"]
    assert Decimal(rows[1][2]) == Decimal("1234567.89")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["fct_budget.csv", "mart_totals.csv", "字段说明.csv"]


@pytest.mark.slow
def test_the_docs_site_is_generated_against_a_copy_while_a_reader_holds_the_warehouse(warehouse, tmp_path):
    """`dbt docs generate` opens its database read-write; run on the published file it would be
    refused by (or lock out) the readers. A reader holds the file open all along here."""
    import hashlib  # noqa: PLC0415
    import json  # noqa: PLC0415

    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pipelines", "docs", "--out", str(tmp_path / "site"), "--warehouse", str(warehouse)],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert reader.execute("select count(*) from marts.fct_budget").fetchone() == (2,)
    finally:
        reader.close()
    assert (tmp_path / "site" / "static_index.html").stat().st_size > 100_000  # the site in one page
    catalog = json.loads((tmp_path / "site" / "catalog.json").read_text(encoding="utf-8"))
    assert "model.reports_warehouse.fct_budget" in catalog["nodes"]  # read from the copy's tables
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_workbook_opens_in_libreoffice_calc(warehouse, tmp_path):
    """Calc opens the workbook and saves it again (headless, the filter it uses for .xlsx); the
    copy Calc wrote holds the same sheets, Chinese headers and numbers."""
    from pipelines.documents.office_convert import convert_many  # noqa: PLC0415

    assert export(warehouse, tmp_path / "out", "xlsx").returncode == 0
    source = tmp_path / "calc" / "in" / "reports.xlsx"
    source.parent.mkdir(parents=True)
    source.write_bytes((tmp_path / "out" / "reports.xlsx").read_bytes())
    (saved,) = convert_many([source], "xlsx", tmp_path / "calc" / "out", "Calc MS Excel 2007 XML")
    book = openpyxl.load_workbook(saved, read_only=True)
    assert book.sheetnames == ["字段说明", "fct_budget", "mart_totals"]
    budget = list(book["fct_budget"].iter_rows(values_only=True))
    assert budget[0] == ("科目名称", "预算阶段", "金额（元）")
    assert budget[1] == ("支出合计", "final", 1234567.89)
