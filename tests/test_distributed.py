"""The same definitions on celery workers: a generated corpus goes through `ingest_job` with
the celery executor (a local Redis broker, two workers), and the marts come out identical,
row for row, to those of a local in-process ingest of the same files.

What runs: `dagster job execute` orchestrates (and holds the warehouse's run lock); every
step is a celery task run by one of two `dagster-celery` workers (solo pool, one task at a
time each); steps hand over their outputs through files under REPORTS_IO_DIR, which stands
for the storage the workers share. Meanwhile `python -m pipelines ingest` builds a second
warehouse from the same folder in one process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT, ingest_command, write_reports

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="redis-server is not installed (Debian package redis-server; scripts/dev.sh installs it)",
    ),
]

REPORTS = 24
WORKERS = ("w1", "w2")
BIN = Path(sys.executable).parent

# columns of the marts that are the time of a run, not data: dim_report.extracted_at is when
# the file was read (pipelines/extract/report.py stamps it at extraction), so two runs over
# the same files differ there and nowhere else
RUN_TIMESTAMP_COLUMNS = {"extracted_at"}


def test_celery_workers_build_the_marts_a_local_run_builds(tmp_path, dbt_manifest):
    raw = tmp_path / "raw"
    write_reports(raw, n=REPORTS, seed=21)
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    local_warehouse = tmp_path / "local" / "reports.duckdb"
    celery_warehouse = tmp_path / "cluster" / "reports.duckdb"
    io_dir = tmp_path / "shared" / "io"
    logs = tmp_path / "logs"
    logs.mkdir()

    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("REPORTS_", "DAGSTER_"))}
    base_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    base_env["PATH"] = os.pathsep.join([str(BIN), os.environ.get("PATH", "")])  # celery, dbt

    with contextlib.ExitStack() as stack:
        # the local run, at the same time (two cores: the cluster run waits on the broker often)
        local_log = stack.enter_context((logs / "local.log").open("w"))
        local = subprocess.Popen(
            ingest_command(raw, local_warehouse), cwd=REPO_ROOT, env=base_env, stdout=local_log,
            stderr=subprocess.STDOUT, text=True,
        )
        stack.callback(stop, local)

        port = free_port()
        broker = f"redis://127.0.0.1:{port}/0"
        redis_log = stack.enter_context((logs / "redis.log").open("w"))
        redis = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=redis_log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        stack.callback(stop, redis)
        wait_for_redis(port, redis)

        cluster_env = {
            **base_env,
            "DAGSTER_HOME": str(home),
            "REPORTS_RAW_DIR": str(raw),
            "REPORTS_WAREHOUSE": str(celery_warehouse),
            "REPORTS_EXECUTOR": "celery",
            "REPORTS_CELERY_BROKER": broker,
            "REPORTS_IO_DIR": str(io_dir),
            # the files to read go out as four extraction steps, one child process each,
            # so the two workers share the extraction
            "REPORTS_EXTRACT_CHUNKS": "4",
            "REPORTS_EXTRACT_WORKERS": "1",
        }
        config = tmp_path / "celery.yaml"
        config.write_text(f"execution:\n  config:\n    broker: {broker}\n    backend: {broker}\n", encoding="utf-8")
        workers = {}
        for name in WORKERS:
            log = stack.enter_context((logs / f"{name}.log").open("w"))
            workers[name] = subprocess.Popen(
                [str(BIN / "dagster-celery"), "worker", "start", "-A", "dagster_celery.app", "-y", str(config),
                 "-n", name, "--", "--concurrency=1", "--pool=solo"],
                cwd=REPO_ROOT, env=cluster_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
            stack.callback(stop, workers[name])
            # one at a time: the first to start creates the instance's sqlite storage, and
            # two creating it at once collide
            wait_for_line(logs / f"{name}.log", f"{name}@", "ready.", process=workers[name])

        started = time.monotonic()
        run_log = stack.enter_context((logs / "run.log").open("w"))
        run = subprocess.run(
            [str(BIN / "dagster"), "job", "execute", "-m", "pipelines.definitions", "-a", "defs", "-j", "ingest_job"],
            cwd=REPO_ROOT, env=cluster_env, stdout=run_log, stderr=subprocess.STDOUT, timeout=300,
        )
        cluster_seconds = time.monotonic() - started
        assert run.returncode == 0, tails(logs, "run.log", "w1.log", "w2.log")

        assert local.wait(timeout=300) == 0, tails(logs, "local.log")

    # every step ran on a celery worker, and both workers ran some
    steps_by_worker = steps_per_worker(home)
    assert set(steps_by_worker) == set(WORKERS), steps_by_worker
    ran = sorted(step for steps in steps_by_worker.values() for step in steps)
    assert {"report_files", "staging_tables", "reports_dbt_assets", "published_warehouse"} <= set(ran), ran
    extracting = {worker for worker, steps in steps_by_worker.items() if any("extract_chunk" in s for s in steps)}
    assert sum("extract_chunk" in step for step in ran) == 4, ran
    assert extracting == set(WORKERS), f"the extraction steps all ran on {extracting}"
    assert any(io_dir.rglob("*")), "no step output went through the shared IO folder"

    local_marts, cluster_marts = mart_rows(local_warehouse), mart_rows(celery_warehouse)
    assert len(local_marts) >= 10 and local_marts.keys() == cluster_marts.keys()
    assert len(local_marts["dim_report"]) == REPORTS
    for table, rows in local_marts.items():
        assert cluster_marts[table] == rows, f"marts.{table} differs between the local and the celery run"
    print(f"celery run of {REPORTS} reports: {cluster_seconds:.1f} s; steps per worker: {steps_by_worker}")


# ------------------------------------------------------------------ helpers
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_redis(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    import redis  # noqa: PLC0415

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "redis-server exited at start"
        with contextlib.suppress(redis.exceptions.ConnectionError):
            if redis.Redis(host="127.0.0.1", port=port, socket_timeout=1).ping():
                return
        time.sleep(0.1)
    raise AssertionError(f"redis-server did not answer on port {port} in {seconds} s")


def wait_for_line(log: Path, *parts: str, process: subprocess.Popen, seconds: float = 90) -> None:
    """Until a line of the log holds every part (a celery worker's 'w1@host ready.')."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{log.name}: the worker exited at start\n" + log.read_text(errors="replace")[-3000:]
        if any(all(part in line for part in parts) for line in log.read_text(errors="replace").splitlines()):
            return
        time.sleep(0.2)
    raise AssertionError(f"{log.name}: no line with {parts} in {seconds} s\n" + log.read_text(errors="replace")[-3000:])


def stop(process: subprocess.Popen) -> None:
    """Ends the process and, when it leads a session of its own (a worker and the celery
    process it starts), every process of that session: TERM, then KILL after 10 s."""
    if process.poll() is None:
        signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    signal_group(process, signal.SIGKILL)  # what TERM left behind, e.g. the celery child
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def signal_group(process: subprocess.Popen, number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if os.getpgid(process.pid) == process.pid:
            os.killpg(process.pid, number)
        else:
            process.send_signal(number)


def steps_per_worker(home: Path) -> dict[str, list[str]]:
    """worker name -> the steps it ran, from the run's event log: dagster-celery records an
    engine event per task naming the worker ('w1@host') that executed it."""
    import dagster as dg  # noqa: PLC0415

    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()
        assert len(runs) == 1 and runs[0].status == dg.DagsterRunStatus.SUCCESS, runs
        found: dict[str, list[str]] = {}
        for record in instance.all_logs(runs[0].run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
            metadata = record.dagster_event.engine_event_data.metadata
            if "Celery worker" in metadata:
                worker = metadata["Celery worker"].value.split("@")[0]
                found.setdefault(worker, []).append(record.dagster_event.step_key)
        started = instance.all_logs(runs[0].run_id, of_type=dg.DagsterEventType.STEP_START)
        assert len(started) == sum(len(steps) for steps in found.values()), "a step ran outside the workers"
        return found


def mart_rows(warehouse: Path) -> dict[str, list[tuple]]:
    """Every table of schema marts, its rows sorted, without the run-time columns."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [t for (t,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()]
        result = {}
        for table in tables:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns"
                " where table_schema = 'marts' and table_name = ? order by ordinal_position",
                [table],
            ).fetchall() if c not in RUN_TIMESTAMP_COLUMNS]
            select = ", ".join(f'"{c}"' for c in columns)
            result[table] = sorted(con.execute(f'select {select} from marts."{table}"').fetchall(), key=repr)
        return result
    finally:
        con.close()


def tails(logs: Path, *names: str, lines: int = 40) -> str:
    parts = []
    for name in names:
        text = (logs / name).read_text(errors="replace") if (logs / name).exists() else ""
        parts.append(f"--- {name}\n" + "\n".join(text.splitlines()[-lines:]))
    return "\n".join(parts)
