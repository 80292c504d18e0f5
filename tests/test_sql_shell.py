"""`python -m pipelines sql`: the warehouse in a SQL shell on the first day, read-only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT


@pytest.fixture
def warehouse(tmp_path) -> Path:
    """A small warehouse file as the pipeline lays it out: a mart with comments."""
    path = tmp_path / "reports.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create table marts.dim_unit (unit_name varchar, province varchar)")
    con.execute("insert into marts.dim_unit values ('青石县财政局', '湖南省'), ('白河县水利局', '陕西省')")
    con.execute("comment on table marts.dim_unit is '单位维度表 | One row per government unit.'")
    con.execute("comment on column marts.dim_unit.province is '省 | The province.'")
    con.close()
    return path


def sql(warehouse: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "sql", "--warehouse", str(warehouse), *args],
        cwd=REPO_ROOT, input=stdin, capture_output=True, text=True, timeout=120,
    )


def test_one_statement_prints_its_rows(warehouse):
    done = sql(warehouse, "--csv", "select unit_name, province from marts.dim_unit order by province")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["unit_name,province", "青石县财政局,湖南省", "白河县水利局,陕西省"]


def test_a_session_lists_the_marts_describes_one_and_runs_statements_over_lines(warehouse):
    session = ".tables\n.describe dim_unit\nselect count(*)\n  as units from marts.dim_unit;\n.quit\n"
    done = sql(warehouse, stdin=session)
    assert done.returncode == 0, done.stderr
    assert "marts.dim_unit" in done.stdout and "单位维度表" in done.stdout  # the table's Chinese label
    assert "省 | The province." in done.stdout  # the column's description
    assert "units" in done.stdout and "│     2 │" in done.stdout


def test_the_warehouse_cannot_be_changed_from_the_shell(warehouse):
    before = warehouse.read_bytes()
    done = sql(warehouse, "delete from marts.dim_unit")
    assert done.returncode == 1
    assert "opened read-only" in done.stderr
    assert warehouse.read_bytes() == before


def test_a_missing_warehouse_says_how_to_make_one(tmp_path):
    done = sql(tmp_path / "absent.duckdb", "select 1")
    assert done.returncode != 0
    assert "run `python -m pipelines ingest` first" in done.stderr
