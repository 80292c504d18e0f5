"""`dbt build` in this process, through dbt's programmatic runner (dbtRunner).

A nightly run patches a few reports' rows, and its dbt step was almost all fixed cost when dbt
ran as a child process through dagster-dbt: the child importing dbt again (this process has
already imported most of it with dagster-dbt), dagster-dbt setting up a dbt adapter in this
process before every command for column metadata the pipeline never asks for, and every log
line of dbt's passed through a pipe as JSON and parsed back. Here dbt runs in the run's own
process; its result events are kept as they happen, as the dicts dbt's JSON log would have
written, for dagster-dbt to turn into Dagster events (assets/dbt.py).

dbt keeps its DuckDB connection open in a class attribute after a command (dbt-duckdb's
connection manager, one database per process): it is let go after every build, so that this
process, and the next run's, may open the file again.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass, field
from pathlib import Path

# the events that carry one node's result: a model's or seed's build, a test's verdict
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogTestResult"})


@dataclass
class DbtBuild:
    success: bool
    events: list[dict] = field(default_factory=list)  # dbt's result events, as its JSON log writes them
    results: list[dict] = field(default_factory=list)  # per node: unique_id, status, message
    error: str | None = None  # why dbt stopped before building anything (a parse or profile error)
    nodes: list = field(default_factory=list)  # dbt's compiled node of each result (run/dbt_patch.py keeps their SQL)
    mart_rows: dict[str, int] | None = None  # rows of each mart where the build counted them (run/dbt_patch.py)


def _import_dbt():
    """dbt's runner and its event-to-dict function. Importing dbt adds a handler on stderr to the
    root logger, through which Dagster's own warnings would reach the console (dagster-dbt undoes
    it when it imports dbt itself; the CLI imports dagster-dbt without dbt, run/dagster_dbt_import.py):
    the root logger's handlers are put back as they were."""
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        from dbt.cli.main import dbtRunner  # noqa: PLC0415 (heavy: only a run that builds pays for it)
        from dbt_common.events.functions import msg_to_dict  # noqa: PLC0415
    finally:
        root.handlers = handlers
    return dbtRunner, msg_to_dict


def build_in_process(args: list[str], project_dir: Path, target_path: Path, command: str = "build") -> DbtBuild:
    """`dbt build ARGS` (or another `command`: compile) of the project, with the profile and
    artefacts of `target_path`."""
    dbtRunner, msg_to_dict = _import_dbt()

    events: list[dict] = []

    def keep(message) -> None:
        if message.info.name in RESULT_EVENTS:
            events.append(msg_to_dict(message))

    invocation = [
        command, *args,
        "--project-dir", str(project_dir), "--profiles-dir", str(target_path),
        "--target-path", str(target_path), "--log-path", str(target_path),
        "--quiet",  # the console stays the run's own; dbt's log file keeps every line (dbt_project.yml)
        # no manifest.json, semantic_manifest.json or run_results.json: this process has the
        # results (below) and nothing reads those files, which dbt wrote twice per build
        # (0.9 s of a nightly patch at 10,000 reports); dbt.log in the folder keeps the record
        "--no-write-json",
    ]
    # Python's cycle collector traverses every tracked object at each of its full passes:
    # dbt's build makes enough objects to trigger many, and a nightly run's process holds
    # Dagster, dbt and every report's summary, none of it dbt's garbage. Frozen, they are left
    # out of the passes during the build and of the collection that closes dbt's database
    # after it (one changed file among 10,000: the dbt step 6.8-7.6 s against 8.5-9.0 s).
    gc.freeze()
    try:
        outcome = dbtRunner(callbacks=[keep]).invoke(invocation)
    finally:
        release_connections()
        gc.unfreeze()  # (the CLI's freeze of its imports with it: what runs after dbt is short)
    done = getattr(outcome.result, "results", None) or []
    error = None if outcome.result is not None else str(outcome.exception or "dbt stopped before building")
    return DbtBuild(success=bool(outcome.success), events=events, results=[_result(node) for node in done], error=error,
                    nodes=[node.node for node in done])


def _result(node) -> dict:
    status = getattr(node.status, "value", node.status)
    return {"unique_id": node.node.unique_id, "status": str(status), "message": node.message}


def release_connections() -> None:
    """Closes the DuckDB database dbt opened in this process, so that the file can be opened
    again (by this process read-only, or by another run); dbt itself keeps it until exit."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager  # noqa: PLC0415
    from dbt.adapters.factory import reset_adapters  # noqa: PLC0415

    reset_adapters()
    DuckDBConnectionManager.close_all_connections()
    gc.collect()  # the database closes when its last Python reference goes
