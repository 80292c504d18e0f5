"""dbt built in the run's own process (pipelines/run/dbt_in_process.py).

A warehouse the real CLI built is copied and built again by dbt's runner in this test's
process, as the dbt asset does: every node's result comes back, the models' and tests'
events are kept for Dagster, a failing model is named, and afterwards the file is free for
this process and for another one (dbt keeps its DuckDB database open until told to let go).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pytest

from conftest import run_ingest, write_reports
from pipelines.assets.dbt import prepare_target_path
from pipelines.resources import DBT_PROJECT
from pipelines.run.dbt_in_process import build_in_process

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built_warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in-process")
    raw, warehouse = folder / "raw", folder / "w" / "reports.duckdb"
    write_reports(raw, n=3, seed=11)
    done = run_ingest(raw, warehouse)
    assert done.returncode == 0, done.stdout + done.stderr
    return warehouse


def a_copy(warehouse, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(warehouse, copy)
    return copy


def opens_read_write_elsewhere(path) -> bool:
    """Whether another process can open the file for writing (DuckDB's lock is free)."""
    code = f"import duckdb; duckdb.connect({str(path)!r}).close()"
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_a_build_in_this_process_reports_every_node_and_lets_the_file_go(built_warehouse, tmp_path, dbt_manifest):
    copy = a_copy(built_warehouse, tmp_path)
    target = prepare_target_path(str(copy), str(copy))

    build = build_in_process(["--full-refresh"], DBT_PROJECT.project_dir, target)

    assert build.success and build.error is None
    statuses = {r["unique_id"]: r["status"] for r in build.results}
    assert statuses["model.reports_warehouse.fct_budget"] == "success"
    assert statuses["seed.reports_warehouse.budget_lines"] == "success"
    assert any(uid.startswith("test.") for uid in statuses)
    kept = {(e["info"]["name"], e["data"]["node_info"]["unique_id"]) for e in build.events}
    assert ("LogModelResult", "model.reports_warehouse.dim_report") in kept
    assert any(name == "LogTestResult" for name, _ in kept)
    # the file is dbt's no longer: written by another process, read by this one
    assert opens_read_write_elsewhere(copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        assert con.execute("select count(*) from marts.dim_report").fetchone() == (3,)
    finally:
        con.close()


def test_a_failing_model_is_named_and_the_file_is_let_go_all_the_same(built_warehouse, tmp_path, dbt_manifest):
    copy = a_copy(built_warehouse, tmp_path)
    con = duckdb.connect(str(copy))
    con.execute("drop table staging.budget_facts")  # what the budget models select from
    con.close()
    target = prepare_target_path(str(copy), str(copy))

    build = build_in_process(["--full-refresh"], DBT_PROJECT.project_dir, target)

    assert not build.success
    failed = {r["unique_id"] for r in build.results if r["status"] == "error"}
    assert "model.reports_warehouse.stg_budget_facts" in failed
    assert opens_read_write_elsewhere(copy)
