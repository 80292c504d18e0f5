"""Where the steps of `ingest_job` run: one process (the default), a process per step, or
celery workers on other machines. The assets are the same in every case.

Chosen by the environment of the process that loads the definitions (`dagster dev`, the
daemon, `dagster job execute`) and of every celery worker, which must agree:

    REPORTS_EXECUTOR         in_process (default) | multiprocess | celery
    REPORTS_CELERY_BROKER    the broker of the celery executor, e.g. redis://host:6379/0
    REPORTS_CELERY_BACKEND   where task results go (default: the broker)
    REPORTS_IO_DIR           where steps leave their outputs for the next step (default:
                             DAGSTER_HOME/storage); must be readable by every worker

Every choice holds the warehouse's run lock (pipelines/load/lock.py) in the process that
orchestrates the run, from before the first step to after the last, recorded with the run
id: the steps of that run, wherever they run, join that hold (RunLockResource), and any
other run on the same warehouse waits until this one is done. See docs/cluster.md.

`python -m pipelines ingest` is not affected: it runs the graph in its own process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

import dagster as dg
from dagster._core.executor.base import Executor

from pipelines import settings

EXECUTOR_ENV = "REPORTS_EXECUTOR"
CELERY_BROKER_ENV = "REPORTS_CELERY_BROKER"
CELERY_BACKEND_ENV = "REPORTS_CELERY_BACKEND"
IO_DIR_ENV = "REPORTS_IO_DIR"

EXECUTOR_CHOICES = ("in_process", "multiprocess", "celery")

def executor_choice() -> str:
    choice = (os.environ.get(EXECUTOR_ENV) or "in_process").strip().lower().replace("-", "_")
    if choice not in EXECUTOR_CHOICES:
        raise ValueError(f"{EXECUTOR_ENV}={choice!r}: expected one of {', '.join(EXECUTOR_CHOICES)}")
    return choice


def ingest_executor() -> dg.ExecutorDefinition:
    """The executor of ingest_job, chosen by REPORTS_EXECUTOR, holding the run lock."""
    choice = executor_choice()
    if choice == "in_process":
        return holding_run_lock(dg.in_process_executor)
    if choice == "multiprocess":
        return holding_run_lock(dg.multiprocess_executor)
    return holding_run_lock(celery_executor_from_env())


def celery_executor_from_env() -> dg.ExecutorDefinition:
    """dagster-celery's executor on the broker named by REPORTS_CELERY_BROKER. The URLs are
    read from the environment when a run starts (so a password in them is stored nowhere)."""
    from dagster_celery import celery_executor  # noqa: PLC0415 (only when chosen)

    if not os.environ.get(CELERY_BROKER_ENV):
        raise ValueError(f"{EXECUTOR_ENV}=celery needs {CELERY_BROKER_ENV} (e.g. redis://host:6379/0)")
    backend_env = CELERY_BACKEND_ENV if os.environ.get(CELERY_BACKEND_ENV) else CELERY_BROKER_ENV
    return celery_executor.configured(
        {
            "broker": {"env": CELERY_BROKER_ENV},
            "backend": {"env": backend_env},
        },
        name="celery",
    )


def holding_run_lock(inner: dg.ExecutorDefinition) -> dg.ExecutorDefinition:
    """`inner`, whose orchestration holds the run lock of the run's warehouse."""

    def create(init_context: dg.InitExecutorContext) -> Executor:
        return RunLockedExecutor(inner.executor_creation_fn(init_context))

    return dg.ExecutorDefinition(
        name=inner.name,
        config_schema=inner.config_schema,
        requirements=inner.get_requirements,
        executor_creation_fn=create,
        description=(inner.description or "") + " Holds the warehouse's run lock for the whole run.",
    )


class RunLockedExecutor(Executor):
    """Runs the plan with `inner`, under the warehouse's run lock taken with the run id.

    The lock is taken here, in the process that orchestrates the run (the run worker of
    `dagster dev`/the daemon, or `dagster job execute`), before any step starts, and let go
    when the last step is done or the run fails or is cancelled; a kill -9 of this process
    lets it go too (the kernel drops it). Anything else (e.g. celery's `app_args`) is the
    inner executor's.
    """

    def __init__(self, inner: Executor):
        self._inner = inner

    def execute(self, plan_context, execution_plan) -> Iterator[dg.DagsterEvent]:
        from pipelines.load.lock import run_lock  # noqa: PLC0415

        warehouse = run_warehouse(plan_context.dagster_run.run_config)

        def waiting(message: str) -> None:
            plan_context.log.warning(message)

        with run_lock(warehouse, wait=True, on_wait=waiting, run_id=plan_context.run_id):
            yield from self._inner.execute(plan_context, execution_plan)

    @property
    def retries(self):
        return self._inner.retries

    @property
    def step_dependency_config(self):
        return self._inner.step_dependency_config

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


def run_warehouse(run_config: Mapping | None) -> str:
    """The warehouse the run's RunLockResource locks: its run config when the run sets one,
    else the settings' (REPORTS_WAREHOUSE), which the definitions' resources were built from."""
    configured = ((run_config or {}).get("resources", {}).get("run_lock", {}) or {}).get("config", {}) or {}
    return str(configured.get("warehouse") or settings.warehouse_path())


def step_io_manager() -> dict[str, object]:
    """The IO manager steps hand their outputs over with, as a resources entry: files under
    REPORTS_IO_DIR when set; else none, and Dagster's default applies (files under
    DAGSTER_HOME/storage). A run whose steps run on several machines needs either on shared
    storage."""
    base_dir = os.environ.get(IO_DIR_ENV, "").strip()
    if not base_dir:
        return {}
    return {"io_manager": dg.FilesystemIOManager(base_dir=str(os.path.abspath(os.path.expanduser(base_dir))))}
