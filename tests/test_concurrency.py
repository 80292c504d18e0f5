"""Two runs at once, and a run killed halfway.

The second of two runs on one warehouse exits at once with a clear message (or waits, with
--wait); a run killed with SIGKILL while dbt builds leaves the published warehouse as it
was, readable, and the next run completes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from contextlib import contextmanager

import pytest

from conftest import REPO_ROOT, ingest_command, query, run_ingest, write_reports
from pipelines.cli import EXIT_BUSY
from pipelines.load.lock import WarehouseBusy, held_by_run, is_locked, run_lock
from pipelines.load.publish import publish
from test_publish import make_build

pytestmark = pytest.mark.slow


def test_a_second_run_exits_clearly_and_a_killed_run_leaves_the_warehouse_whole(tmp_path, dbt_manifest):
    raw, warehouse = tmp_path / "raw", tmp_path / "w" / "reports.duckdb"
    write_reports(raw, n=5, seed=8)
    publish(make_build(warehouse, 3), warehouse)  # last night's warehouse (made without dbt)
    before = query(warehouse, "select build, i from marts.dim_report order by all")
    running = subprocess.Popen(
        ingest_command(raw, warehouse), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        for line in running.stdout:  # wait until it has loaded staging and dbt is building
            if line.startswith("load:"):
                break
        second = run_ingest(raw, warehouse)
        assert second.returncode == EXIT_BUSY
        assert "another ingest is building" in second.stderr and "--wait" in second.stderr
        time.sleep(1.0)  # into the dbt build
        os.kill(running.pid, signal.SIGKILL)
    finally:
        running.kill()
        running.wait()

    # readers see last night's warehouse, whole
    assert query(warehouse, "select build, i from marts.dim_report order by all") == before
    assert not is_locked(warehouse)

    after = run_ingest(raw, warehouse)
    assert after.returncode == 0, after.stdout + after.stderr
    assert query(warehouse, "select count(*) from marts.dim_report") == [(5,)]
    assert not (warehouse.parent / "reports.duckdb.building").exists()


def test_the_lock_is_reentrant_in_a_process_and_refuses_another(tmp_path):
    warehouse = tmp_path / "reports.duckdb"
    with lock_held_elsewhere(warehouse) as other:
        assert is_locked(warehouse)
        with pytest.raises(WarehouseBusy, match=f"pid {other.pid}"):
            with run_lock(warehouse, wait=False):
                pass
    with run_lock(warehouse, wait=False):
        with run_lock(warehouse, wait=False):  # the CLI holds it, then the run's resource
            assert is_locked(warehouse)
    assert not is_locked(warehouse)


def test_a_step_of_the_run_holding_the_lock_joins_it_and_other_runs_wait(tmp_path):
    """A distributed run: its orchestrator holds the lock with the run id (another process,
    here); a step of that run goes on under that hold, a step of another run is refused."""
    warehouse = tmp_path / "reports.duckdb"
    with lock_held_elsewhere(warehouse, run_id="run-a"):
        assert held_by_run(warehouse, "run-a") and not held_by_run(warehouse, "run-b")
        with run_lock(warehouse, wait=False, run_id="run-a"):  # a step of run-a
            assert is_locked(warehouse)
        assert held_by_run(warehouse, "run-a")  # the step let go of nothing
        with pytest.raises(WarehouseBusy, match="run run-a"):
            with run_lock(warehouse, wait=False, run_id="run-b"):
                pass
    assert not held_by_run(warehouse, "run-a")
    with run_lock(warehouse, wait=False, run_id="run-b"):  # the orchestrator gone, the next run goes
        assert held_by_run(warehouse, "run-b")


@contextmanager
def lock_held_elsewhere(warehouse, run_id: str | None = None):
    """Another process holding the warehouse's run lock (with `run_id`) until the block ends."""
    holder = (
        "import sys, time; from pipelines.load.lock import run_lock\n"
        "with run_lock(sys.argv[1], wait=False, run_id=sys.argv[2] or None):\n"
        "    print('held', flush=True); time.sleep(30)\n"
    )
    other = subprocess.Popen(
        [os.sys.executable, "-c", holder, str(warehouse), run_id or ""], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout.readline().strip() == "held"
        yield other
    finally:
        other.kill()
        other.wait()
