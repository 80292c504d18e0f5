"""Fixtures shared by the warehouse tests: a dbt manifest that matches the models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"


def pytest_configure(config) -> None:
    """The set-up exports DAGSTER_HOME, in whose instance the CLI records its runs for the UI;
    the tests' runs are recorded only where a test names an instance of its own."""
    import os  # noqa: PLC0415

    os.environ.pop("DAGSTER_HOME", None)


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    """target/manifest.json, which the Dagster definitions are built from, parsed when a
    model, macro, seed or test is newer than it (the CLI's own ensure_dbt_manifest)."""
    from pipelines.resources import ensure_dbt_manifest  # noqa: PLC0415

    return ensure_dbt_manifest()


# ------------------------------------------------------------------ nightly-run helpers
REPO_ROOT = DBT_PROJECT_DIR.parent


def ingest_command(raw_dir: Path, warehouse: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pipelines", "ingest", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse), *args]


def run_ingest(raw_dir: Path, warehouse: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m pipelines ingest` in a child process, as a person or cron runs it."""
    import os  # noqa: PLC0415

    return subprocess.run(
        ingest_command(raw_dir, warehouse, *args),
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )


def query(warehouse: Path, sql: str) -> list[tuple]:
    """Rows of `sql` on the warehouse, opened read-only as a reader would."""
    import duckdb  # noqa: PLC0415

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def write_reports(raw_dir: Path, n: int, seed: int = 7, formats=("txt",)) -> list[Path]:
    """n generated reports (tools.samples) in raw_dir; their truth goes beside it."""
    from tools.samples import write_samples  # noqa: PLC0415

    return write_samples(raw_dir, n=n, seed=seed, formats=formats, truth_path=raw_dir.parent / f"{raw_dir.name}-{seed}.truth.jsonl")
