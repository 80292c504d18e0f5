"""Resources: the raw folder, the DuckDB warehouse, progress lines, and dbt.

Paths are configured here from settings (i.e. the environment), never written inside an
asset, so the same graph runs on the repo's folders, a test's temp folders or the CLI's.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shlex
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import yaml
from dagster_dbt import DbtCliResource, DbtProject
from pydantic import PrivateAttr

from pipelines import settings
from pipelines.load.discover import list_raw_folder, raw_folder_names
from pipelines.load.increments import dbt_project_files
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

    def names(self) -> list[str]:
        """The entries as paths relative to the folder, in the same order."""
        return raw_folder_names(self.root)

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
        from pipelines.load.publish import schema_rows  # noqa: PLC0415

        path = path or self.path
        if not Path(path).exists():
            return {}
        with contextlib.closing(duckdb.connect(path, read_only=True)) as con:
            return schema_rows(con, schema)


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
            run_lock(self.warehouse, wait=self.wait, on_wait=waiting, run_id=context.run.run_id if context.run else None)
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
            try:
                print(message, file=sys.__stdout__, flush=True)
            except OSError:
                pass  # the terminal or pipe is gone ('… | head'): the run goes on, the log keeps the line


# profiles.yml sits in the project folder; it reads the warehouse path from REPORTS_WAREHOUSE
DBT_PROJECT = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)


def write_build_profile(folder: Path, database: str) -> None:
    """The project's profiles.yml with its path set to `database`: dbt is pointed at the
    build through its own profile, not through this process's environment."""
    profiles = yaml.safe_load((DBT_PROJECT.profiles_dir / "profiles.yml").read_text(encoding="utf-8"))
    for output in profiles["reports_warehouse"]["outputs"].values():
        output["path"] = database
    (folder / "profiles.yml").write_text(yaml.safe_dump(profiles, allow_unicode=True), encoding="utf-8")


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


def ensure_dbt_manifest() -> Path:
    """dbt's manifest, parsed when it is missing or older than a file of the dbt project (a
    model, test or seed edited since: a manifest without its new nodes fails the run). The
    CLI calls this before it loads the asset graph; the set-up and CI parse the project too."""
    manifest = DBT_PROJECT.manifest_path
    if not manifest.exists() or manifest.stat().st_mtime < newest_dbt_source():
        _parse_dbt_project()
    return manifest


def newest_dbt_source() -> float:
    """The latest modification time of the dbt project's own files."""
    return max((p.stat().st_mtime for p in dbt_project_files()), default=0.0)


def manifest_for_assets() -> Path:
    """The manifest the dbt assets are defined from, when their module is loaded.

    Under `dagster dev` the project is parsed at each load so edited models show up (what
    DbtProject.prepare_if_dev does, with the venv's dbt rather than whichever is on PATH).
    Elsewhere loading parses nothing: a missing manifest is an error that says what to run.
    """
    if DBT_PROJECT.preparer.using_dagster_dev():
        _parse_dbt_project()
    elif not DBT_PROJECT.manifest_path.exists():
        raise FileNotFoundError(
            f"{DBT_PROJECT.manifest_path} is missing: run `bash scripts/dev.sh ingest` (or"
            " `dbt parse` in dbt_project/) once before loading the Dagster definitions"
        )
    return DBT_PROJECT.manifest_path


def _parse_dbt_project() -> None:
    dbt_cli_resource().cli(["parse", "--quiet"], target_path=DBT_PROJECT.target_path).wait()


def dbt_cli_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=DBT_PROJECT, dbt_executable=str(dbt_launcher()))


def dbt_launcher() -> Path:
    """An executable that runs the dbt beside this interpreter, and answers `--version` itself.

    dagster-dbt runs `dbt --version` once per run to tell dbt-core from dbt Fusion; dbt
    answers only after asking the network for its latest release (3-6 s of every ingest
    here, more when offline). The launcher answers from the installed package's metadata
    (0.05 s), passes every other command to dbt, and finds the venv's dbt even when it is
    not on PATH. It is written once per interpreter, in dbt's (ignored) target folder.
    """
    beside = Path(sys.executable).parent / "dbt"
    dbt = str(beside) if beside.exists() else "dbt"
    script = _LAUNCHER.format(python=shlex.quote(sys.executable), dbt=shlex.quote(dbt))
    path = DBT_PROJECT.project_dir / DBT_PROJECT.target_path / "launchers" / hashlib.sha256(script.encode()).hexdigest()[:12]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}")
        partial.write_text(script, encoding="utf-8")
        partial.chmod(0o755)
        partial.replace(path)  # another process writing the same launcher is harmless
    return path


_LAUNCHER = """#!/bin/sh
# written by pipelines/resources.py (dbt_launcher): do not edit
if [ "$#" -eq 1 ] && [ "$1" = "--version" ]; then
  exec {python} -c 'from importlib.metadata import version; print("Core:\\n  - installed: " + version("dbt-core"))'
fi
exec {dbt} "$@"
"""
