"""The whole graph on the seed reports: the Dagster job in-process, and the CLI."""

from __future__ import annotations

import os
import re

import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not any(SEEDS_DIR.glob("*.txt")),
        reason=f"no seed reports at {SEEDS_DIR} (../shared/seeds beside the repo)",
    ),
]

# the warehouse contract (CONTRACT.md): every mart and the columns it must have
CONTRACT = {
    "dim_unit": "unit_id unit_name province city county admin_level admin_code",
    "dim_report": "report_id unit_id fiscal_year report_date title source_file source_sha256 source_format"
    " status error self_score max_score grade grade_derived extracted_at",
    "dim_budget_line": "budget_line_id line_name econ_code parent_line line_group",
    "fct_budget": "report_id unit_id fiscal_year budget_line_id line_name phase spending_type amount_yuan"
    " source_locator source_excerpt",
    "fct_project": "report_id unit_id fiscal_year project_name phase amount_yuan score grade",
    "dim_indicator": "indicator_id level1 level2 level3 level1_std level2_std",
    "fct_indicator_score": "report_id unit_id fiscal_year indicator_id level1 level2 level3 target_text"
    " actual_text weight score source_locator",
    "fct_headcount": "report_id unit_id fiscal_year measure staff_type headcount",
    "fct_finding": "report_id unit_id fiscal_year kind seq text",
    "fct_data_quality": "report_id check_name severity message expected observed",
}


@pytest.fixture
def seed_raw_dir(tmp_path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for seed in SEEDS_DIR.glob("*.txt"):
        shutil.copy(seed, raw / seed.name)
    return raw


def mart_columns(warehouse: Path) -> dict[str, set[str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found: dict[str, set[str]] = {}
        for table, column in con.execute(
            "select table_name, column_name from information_schema.columns where table_schema = 'marts'"
        ).fetchall():
            found.setdefault(table, set()).add(column)
        return found
    finally:
        con.close()


def assert_the_duckdb_shell_opens_it(warehouse: Path) -> None:
    """The README's first-day command: the DuckDB CLI the set-up installs (an older DuckDB
    than the library that wrote the file) opens the published warehouse read-only and reads
    a mart and a view."""
    cli = Path(sys.executable).with_name("duckdb")
    assert cli.exists(), "the DuckDB CLI is missing: the set-up (scripts/dev.sh) installs duckdb-cli"
    done = subprocess.run(
        [str(cli), "-readonly", "-csv", "-noheader", str(warehouse), "-c",
         "select count(*) from marts.dim_report; select count(*) from marts.mart_budget_execution;"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    reports, units_years = done.stdout.split()
    assert reports == "5" and int(units_years) >= 1


def test_job_builds_every_contract_mart(dbt_manifest, seed_raw_dir, tmp_path, monkeypatch):
    warehouse = tmp_path / "warehouse" / "reports.duckdb"
    # the warehouse the graph builds (the environment, as the CLI sets it)
    monkeypatch.setenv("REPORTS_WAREHOUSE", str(warehouse))
    import dagster as dg

    from pipelines.definitions import defs
    from pipelines.resources import default_resources

    job = defs.resolve_job_def("ingest_job")
    result = job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        resources={**default_resources(seed_raw_dir, warehouse), "io_manager": dg.mem_io_manager},
    )

    assert result.success
    columns = mart_columns(warehouse)
    for mart, required in CONTRACT.items():
        assert mart in columns, f"marts.{mart} missing"
        assert set(required.split()) <= columns[mart], f"marts.{mart} lacks {set(required.split()) - columns[mart]}"
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from marts.dim_report").fetchone() == (5,)
        # written in the storage format older DuckDB readers (the CLI, BI drivers) open too
        tags = con.execute("select tags from duckdb_databases() where database_name = 'reports'").fetchone()[0]
        assert tags["storage_version"].startswith("v1.0.0"), tags
    finally:
        con.close()
    assert_the_duckdb_shell_opens_it(warehouse)
    loaded = result.asset_materializations_for_node("staging_tables")
    assert {m.asset_key.path[0] for m in loaded} == {"staging"}
    assert_parquet_marts_carry_the_dictionary(warehouse.parent / "marts", columns)

    # the schedule's run over the unchanged folder: the graph itself loads and builds nothing
    published = warehouse.stat().st_ino
    again = job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        resources={**default_resources(seed_raw_dir, warehouse), "io_manager": dg.mem_io_manager},
    )
    assert again.success
    assert again.asset_materializations_for_node("staging_tables") == []
    assert warehouse.stat().st_ino == published


CHINESE = re.compile(r"[\u4e00-\u9fff]")


def assert_parquet_marts_carry_the_dictionary(folder, columns: dict[str, set[str]]) -> None:
    """Each mart's Parquet file names its description and every column's, led by a Chinese
    label, in its key-value metadata (what a BI tool reading only the files sees)."""
    con = duckdb.connect()
    try:
        for mart, names in columns.items():
            rows = con.execute(
                "select decode(key), decode(value) from parquet_kv_metadata(?)", [str(folder / f"{mart}.parquet")]
            ).fetchall()
            metadata = dict(rows)
            assert CHINESE.match(metadata["description"]), mart
            for name in names:
                label = metadata.get(f"column:{name}", "")
                assert CHINESE.match(label) and " | " in label, f"{mart}.{name}: {label!r}"
    finally:
        con.close()


def test_cli_ingest_prints_the_summary_and_records_the_run_for_the_ui(dbt_manifest, seed_raw_dir, tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    (seed_raw_dir / "sub").mkdir()
    (seed_raw_dir / "sub" / "empty.txt").write_bytes(b"")  # never a report: fails to load
    (seed_raw_dir / ".hidden.txt").write_text("not a report")
    home = tmp_path / "dagster_home"  # the instance `dagster dev` would show

    done = run_cli("ingest", "--raw-dir", str(seed_raw_dir), "--warehouse", str(warehouse), dagster_home=home)

    assert done.returncode == 0, done.stdout + done.stderr
    for stage in ("discover:", "extract:", "load:", "dbt build:"):
        assert stage in done.stdout
    assert "summary: 6 files seen," in done.stdout
    assert "1 failed, 0 skipped as unchanged" in done.stdout
    assert "  failed sub/empty.txt: " in done.stdout
    assert "marts.dim_report" in done.stdout and "marts.fct_data_quality" in done.stdout
    assert "Running with dbt" not in done.stdout  # dbt's log stays out of the summary

    monkeypatch.setenv("DAGSTER_HOME", str(home))
    instance = dg.DagsterInstance.get()
    for key in (["report_files"], ["marts", "dim_report"], ["published_warehouse"]):
        assert instance.get_latest_materialization_event(dg.AssetKey(key)) is not None, key


def test_cli_fails_when_the_pipeline_cannot_run(tmp_path):
    done = run_cli("ingest", "--raw-dir", str(tmp_path / "absent"), "--warehouse", str(tmp_path / "w.duckdb"))

    assert done.returncode == 1
    assert "does not exist" in done.stderr


def run_cli(*args: str, dagster_home: Path | None = None) -> subprocess.CompletedProcess:
    """The CLI in a child process; its run recorded in `dagster_home`'s instance, else in none."""
    env = {**os.environ, **({"DAGSTER_HOME": str(dagster_home)} if dagster_home else {})}
    return subprocess.run(
        [sys.executable, "-m", "pipelines", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, env=env
    )
