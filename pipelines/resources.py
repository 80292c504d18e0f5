"""Resources: the raw folder, the DuckDB warehouse, progress lines, and dbt.

Paths are configured here from settings (i.e. the environment), never written inside an
asset, so the same graph runs on the repo's folders, a test's temp folders or the CLI's.
"""

from __future__ import annotations

import contextlib
import sys
from contextlib import ExitStack, contextmanager
from functools import cached_property
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, DbtProject
from dagster_dbt.compat import DBT_PYTHON_VERSION
from packaging import version
from pydantic import PrivateAttr

from pipelines import settings
from pipelines.load.discover import list_raw_folder
from pipelines.normalize.text import printable_name


class RawFolderResource(dg.ConfigurableResource):
    """The folder of report files; `source_file` is a path relative to it."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path).absolute()

    def entries(self) -> list[Path]:
        """Every entry under the folder, sorted: report files, and entries the run reports
        on without reading (links that loop or lead out, FIFOs, devices, folders that could
        not be listed; pipelines/load/discover.py)."""
        return list_raw_folder(self.root)

    def fingerprint(self) -> list[tuple[str, int, int]]:
        """(relative path, mtime in ns, size) of every entry: changes when any entry does."""
        rows = []
        for path in self.entries():
            try:
                info = path.lstat()
            except OSError:
                continue  # gone since it was listed: the next listing says so
            rows.append((printable_name(path.relative_to(self.root).as_posix()), info.st_mtime_ns, info.st_size))
        return rows


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB file. Connections are opened per use and closed at once: DuckDB allows
    one writing process, and dbt is another process that must write next."""

    path: str

    @contextmanager
    def connect(self, read_only: bool = False):
        con = duckdb.connect(self.path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()

    @property
    def build_path(self) -> str:
        """The file a run builds into before publishing it onto `path` (load/publish.py)."""
        from pipelines.load.publish import build_path  # noqa: PLC0415

        return str(build_path(self.path))

    def row_counts(self, schema: str, path: str | None = None) -> dict[str, int]:
        """Rows of every table of `schema` of the warehouse (or the file `path`); empty when
        the file or schema is absent."""
        path = path or self.path
        if not Path(path).exists():
            return {}
        con = duckdb.connect(path, read_only=True)
        with contextlib.closing(con):
            tables = con.execute(
                "select table_name from information_schema.tables"
                " where table_schema = ? order by table_name",
                [schema],
            ).fetchall()
            return {
                table: con.execute(f'select count(*) from {schema}."{table}"').fetchone()[0]
                for (table,) in tables
            }


class RunLockResource(dg.ConfigurableResource):
    """Holds the warehouse's run lock for a whole run (see pipelines/load/lock.py).

    In one process (the CLI, the in-process executor) resources are set up once per run: a
    second run on the same warehouse waits here until the first is done. When each step has
    a process of its own (multiprocess or celery executor), the run's orchestrator holds the
    lock from before the first step to after the last (pipelines/executors.py) and a step
    here joins that hold; a step of a run whose orchestrator holds nothing takes the lock for
    itself, as before.
    """

    warehouse: str
    wait: bool = True
    _stack: ExitStack = PrivateAttr(default_factory=ExitStack)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        from pipelines.load.lock import run_lock  # noqa: PLC0415

        def waiting(message: str) -> None:
            if context.log:
                context.log.warning(message)

        self._stack.enter_context(
            run_lock(self.warehouse, wait=self.wait, on_wait=waiting, run_id=context.run_id)
        )

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self._stack.close()


class ProgressResource(dg.ConfigurableResource):
    """One line per stage for a person: always to the Dagster log, and to the terminal when
    `echo` is set (the CLI sets it; under `dagster dev` the UI shows the log).

    Echoed lines go to the process's own stdout (sys.__stdout__): the CLI points
    sys.stdout elsewhere to keep dagster-dbt's copy of every dbt log line off the screen.
    """

    echo: bool = False

    def line(self, log: dg.DagsterLogManager, message: str) -> None:
        log.info(message)
        if self.echo:
            print(message, file=sys.__stdout__, flush=True)


# profiles.yml sits in the project folder; it reads the warehouse path from REPORTS_WAREHOUSE
DBT_PROJECT = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)


def default_resources(
    raw_dir: Path | None = None, warehouse: Path | None = None, echo: bool = False
) -> dict[str, object]:
    """The resources of the graph; paths default to the settings (the environment)."""
    warehouse = warehouse or settings.warehouse_path()
    return {
        "raw_folder": RawFolderResource(path=str(raw_dir or settings.raw_dir())),
        "warehouse": WarehouseResource(path=str(warehouse)),
        "run_lock": RunLockResource(warehouse=str(warehouse)),
        "progress": ProgressResource(echo=echo),
        "dbt": dbt_cli_resource(),
    }


def dbt_cli_resource() -> DbtCliResource:
    return VenvDbtCliResource(project_dir=DBT_PROJECT, dbt_executable=_dbt_executable())


def _dbt_executable() -> str:
    """The dbt beside this interpreter, so the venv's dbt runs even when it is not on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else "dbt"


class VenvDbtCliResource(DbtCliResource):
    """DbtCliResource that knows the version of the venv's dbt without asking it.

    dagster-dbt runs `dbt --version` once per run to tell dbt-core from dbt Fusion, and that
    command also asks PyPI for the latest release: 2-4 s of every ingest here, more when
    offline. The dbt beside this interpreter is the dbt-core package this process imports.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        if DBT_PYTHON_VERSION is not None and Path(self.dbt_executable).parent == Path(sys.executable).parent:
            return DBT_PYTHON_VERSION
        return DbtCliResource._cli_version.func(self)

