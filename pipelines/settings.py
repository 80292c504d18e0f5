"""Where things are: the raw folder, the warehouse and the dbt project.

Paths come from the environment (REPORTS_RAW_DIR, REPORTS_WAREHOUSE) with defaults inside
the repository, and are always returned absolute: dbt runs in its own folder, so a
relative path would point somewhere else there.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

RAW_DIR_ENV = "REPORTS_RAW_DIR"
WAREHOUSE_ENV = "REPORTS_WAREHOUSE"


def raw_dir() -> Path:
    return _path_from_env(RAW_DIR_ENV, REPO_ROOT / "raw")


def warehouse_path() -> Path:
    return _path_from_env(WAREHOUSE_ENV, REPO_ROOT / "warehouse" / "reports.duckdb")


def _path_from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().absolute() if value else default
