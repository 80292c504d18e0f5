"""Fixtures shared by the warehouse tests: a dbt manifest that matches the models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    """target/manifest.json, which the Dagster definitions are built from. Parsed at most
    once a session, and only when a model, macro, seed or test is newer than it."""
    manifest = DBT_PROJECT_DIR / "target" / "manifest.json"
    if not manifest.exists() or manifest.stat().st_mtime < newest_project_file():
        done = subprocess.run(
            [str(Path(sys.executable).parent / "dbt"), "parse", "--quiet", "--profiles-dir", "."],
            cwd=DBT_PROJECT_DIR, capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    return manifest


def newest_project_file() -> float:
    files = [DBT_PROJECT_DIR / "dbt_project.yml"]
    for folder in ("models", "macros", "seeds", "tests"):
        files += [p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file()]
    return max(p.stat().st_mtime for p in files)
