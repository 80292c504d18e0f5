"""The BI tool as an analyst meets it: `bash scripts/bi.sh check` starts Apache Superset
(its own virtualenv, .venv-bi) on loopback over a warehouse of the bundled samples,
provisions the database, datasets and dashboard from bi/provision.py, renders the dashboard
in headless Chromium and asks every chart for its data. Skips, saying why, where Superset or
Chromium is not installed (`bash scripts/bi.sh setup`, `bash scripts/bi.sh browser`; CI
installs both)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT, run_ingest

pytestmark = pytest.mark.slow

SUPERSET = REPO_ROOT / ".venv-bi" / "bin" / "superset"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_dashboard_renders_every_chart_with_data(tmp_path, dbt_manifest):
    if not SUPERSET.exists():
        pytest.skip("Superset is not installed here (.venv-bi): bash scripts/bi.sh setup")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} for the headless render: bash scripts/bi.sh browser")
    warehouse = tmp_path / "warehouse" / "reports.duckdb"
    built = run_ingest(REPO_ROOT / "raw", warehouse)
    assert built.returncode == 0, built.stdout + built.stderr
    shots = tmp_path / "screenshots"
    env = {
        **os.environ,
        "REPORTS_WAREHOUSE": str(warehouse),
        "SUPERSET_HOME": str(tmp_path / "superset"),  # its own metadata database
        "SUPERSET_PORT": str(free_port()),
        "BI_SCREENSHOTS_DIR": str(shots),  # docs/bi stays as committed
    }

    check = subprocess.run(["bash", "scripts/bi.sh", "check"], cwd=REPO_ROOT, env=env,
                           capture_output=True, text=True, timeout=1200)

    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]
    charts = int(re.search(r"check: ok: (\d+) charts", check.stdout).group(1))
    rows = re.findall(r"check: chart \d+ .+: HTTP 200, (\d+) rows", check.stdout)
    assert charts >= 5 and len(rows) == charts and all(int(n) > 0 for n in rows)
    pictures = sorted(shots.glob("chart-*.png"))
    assert len(pictures) == charts and all(p.stat().st_size > 5_000 for p in pictures), \
        f"{sorted(p.name for p in shots.iterdir())}\n{check.stdout[-2000:]}"
    assert (shots / "dashboard.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
