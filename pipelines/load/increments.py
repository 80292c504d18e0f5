"""Which reports' staging rows a run must replace: the nightly case costs what changed.

A build starts as a copy of the published warehouse when that warehouse says what it
staged (meta.staged_reports: one row per file with the report_id its rows carry and a
digest of everything they were made from). Each file's digest now is compared with the
staged one: a file gone or changed has its rows deleted (by the report_id staged), a file
new or changed has its rows inserted; the rest stay. A duplicate's status, a second copy's
report_id or a new extraction code all change the digest, so nothing stale survives.

The whole staging is written afresh instead (a full refresh) when there is no published
warehouse or it predates this record, when the staging tables' columns or the load code
changed (staging_layout), when more than FULL_REFRESH_SHARE of the files changed (a
rewrite is then as fast and leaves a compact file), or when asked (`--full-refresh`,
REPORTS_FULL_REFRESH=1).

The marts follow the same way (dbt_selection). After an incremental load into a copy of a
warehouse that the same dbt project built (meta.dbt_project), dbt runs the tables and the
data tests only: the copy's seeds, views and unit tests (which test the SQL, not the data)
are this project's already. The marts whose rows each belong to one report are patched:
the rows of the reports in meta.changed_reports (files added, changed or gone) deleted and
built again (dbt_project/macros/incremental_by_report.sql); the small ones are built whole.
Otherwise (staging written afresh, a changed dbt project, or asked) dbt builds everything
with --full-refresh. Either way the marts equal a full rebuild's (tests/test_incremental.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import orjson
import polars as pl

from pipelines import settings
from pipelines.extract.schema import STAGING_TABLES
from pipelines.load.publish import read_published
from pipelines.load.summary import ExtractSummary

FULL_REFRESH_ENV = "REPORTS_FULL_REFRESH"
FULL_REFRESH_SHARE = 0.5
META_SCHEMA = "meta"
STAGED_TABLE = "staged_reports"
CHANGED_TABLE = "changed_reports"
# bump when the load writes staging rows differently from the same extracts
# (2: the file is created in staging.STORAGE_VERSION, so an older build is not copied on)
LOAD_FORMAT = 2


def staging_layout() -> str:
    """The staging tables' names and column types, and the load's format: a build may
    reuse the published staging only when this is the same."""
    layout = {table: {name: str(dtype) for name, dtype in schema.items()} for table, schema in STAGING_TABLES.items()}
    text = json.dumps([LOAD_FORMAT, layout], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def staged_digest(summary: ExtractSummary) -> str:
    """What a report's staging rows are made from: its cache entry (content and extraction
    code) and the report row as loaded (status, report_id, duplicate_of)."""
    # orjson: a fifth of json's time over 10,000 reports a run; its own forms of dates and
    # times, a Decimal as its text (a field's type is fixed, so no two values meet in one form)
    text = orjson.dumps([summary.key, summary.version, summary.report], option=orjson.OPT_SORT_KEYS, default=str)
    return hashlib.sha256(text).hexdigest()


@dataclass(frozen=True)
class LoadPlan:
    """A full load (`full`, with the reason) or the changes to apply to a copy of the
    published warehouse."""

    full: bool
    reason: str
    staged: dict[str, tuple[str, str]] = field(default_factory=dict)  # source_file -> (report_id, digest) after the load
    delete_ids: frozenset[str] = frozenset()  # report_ids whose rows go (files gone or changed)
    insert_files: frozenset[str] = frozenset()  # source files whose rows come in (new or changed)
    gone: int = 0  # files staged before and absent now

    def changed_ids(self) -> frozenset[str]:
        """The reports whose mart rows dbt builds again after an incremental load: those of
        the files gone, changed or new (meta.changed_reports)."""
        return self.delete_ids | {self.staged[f][0] for f in self.insert_files}

    def describe(self) -> str:
        if self.full:
            return f"all written afresh ({self.reason})"
        kept = len(self.staged) - len(self.insert_files)
        return f"incremental: {len(self.insert_files)} new or changed, {self.gone} gone, {kept} kept as staged"


def full_refresh_forced() -> bool:
    return os.environ.get(FULL_REFRESH_ENV, "").strip().lower() in ("1", "true", "yes")


def plan_load(published: str | Path, reports: list[ExtractSummary]) -> LoadPlan:
    """How this run's staging is written, given the published warehouse and the reports."""
    staged = {s.source_file: (s.report["report_id"], staged_digest(s)) for s in reports}
    if full_refresh_forced():
        return LoadPlan(True, "asked for", staged=staged)
    before = read_staged(published)
    if before is None:
        return LoadPlan(True, "no published warehouse records what it staged", staged=staged)
    layout, previous = before
    if layout != staging_layout():
        return LoadPlan(True, "the staging tables or the load changed", staged=staged)
    gone = {f for f in previous if f not in staged}
    changed = {f for f, (_, digest) in staged.items() if f in previous and previous[f][1] != digest}
    new = {f for f in staged if f not in previous}
    if len(gone | changed | new) > FULL_REFRESH_SHARE * max(len(staged), 1):
        return LoadPlan(True, f"{len(gone | changed | new)} of {len(staged)} files changed", staged=staged)
    return LoadPlan(
        False,
        "",
        staged=staged,
        delete_ids=frozenset(previous[f][0] for f in gone | changed),
        insert_files=frozenset(changed | new),
        gone=len(gone),
    )


def read_staged(warehouse: str | Path) -> tuple[str, dict[str, tuple[str, str]]] | None:
    """The published warehouse's staging layout and its staged files; None when it has none."""
    found = read_published(
        warehouse,
        f"select layout from {META_SCHEMA}.staging_layout",
        f"select source_file, report_id, digest from {META_SCHEMA}.{STAGED_TABLE}",
    )
    if not found or not found[0]:
        return None
    layout, rows = found
    return layout[0][0], {source: (report_id, digest) for source, report_id, digest in rows}


def record_staged(con: duckdb.DuckDBPyConnection, staged: dict[str, tuple[str, str]]) -> None:
    """meta.staged_reports and meta.staging_layout in the build, for the next run to compare."""
    con.execute(f"create schema if not exists {META_SCHEMA}")
    con.execute(f"create or replace table {META_SCHEMA}.staging_layout as select ? as layout", [staging_layout()])
    rows = pl.DataFrame(
        [(source, report_id, digest) for source, (report_id, digest) in staged.items()],
        schema={"source_file": pl.Utf8, "report_id": pl.Utf8, "digest": pl.Utf8},
        orient="row",
    )
    _write_meta_table(con, STAGED_TABLE, "source_file varchar primary key, report_id varchar, digest varchar", rows)


def record_changed(con: duckdb.DuckDBPyConnection, changed: frozenset[str] | None) -> None:
    """meta.changed_reports in the build: the reports whose mart rows dbt builds again
    (macros/incremental_by_report.sql); every report in the staging when `changed` is None."""
    con.execute(f"create schema if not exists {META_SCHEMA}")
    if changed is None:
        con.execute(f"create or replace table {META_SCHEMA}.{CHANGED_TABLE} as select distinct report_id from staging.reports")
        return
    rows = pl.DataFrame({"report_id": sorted(changed)}, schema={"report_id": pl.Utf8})
    _write_meta_table(con, CHANGED_TABLE, "report_id varchar", rows)


def changed_reports(build: str | Path) -> list[str]:
    """meta.changed_reports of a build, as the load wrote it."""
    con = duckdb.connect(str(build), read_only=True)
    try:
        return [report_id for (report_id,) in con.execute(f"select report_id from {META_SCHEMA}.{CHANGED_TABLE}").fetchall()]
    finally:
        con.close()


def set_changed_reports(build: str | Path, report_ids: list[str]) -> None:
    """meta.changed_reports of a build written as `report_ids` (run/dbt_patch.py's plan-making build)."""
    con = duckdb.connect(str(build))
    try:
        record_changed(con, frozenset(report_ids))
    finally:
        con.close()


def _write_meta_table(con: duckdb.DuckDBPyConnection, table: str, columns: str, rows: pl.DataFrame) -> None:
    con.execute(f"create or replace table {META_SCHEMA}.{table} ({columns})")
    con.register("meta_rows", rows.to_arrow())
    con.execute(f"insert into {META_SCHEMA}.{table} select * from meta_rows")
    con.unregister("meta_rows")


# dbt's selection after an incremental load into a copy the same project built: the tables
# and every data test, but not the seeds and the tests of their files, the unit tests (which
# test the SQL, not the data) or the views (the copy's are this project's, and a view holds
# no data). Indirect selection is off so that the tests of the views, which read the new
# data, still run. (Exclusions only: dagster-dbt adds its own selection of every asset to
# any --select.)
DATA_ONLY_SELECTION = [
    "--exclude", "path:seeds resource_type:unit_test config.materialized:view",
    "--indirect-selection", "empty",
]
# whenever dbt builds everything, the marts built report by report are rebuilt whole too
FULL_REFRESH = ["--full-refresh"]
DBT_PROJECT_TABLE = "dbt_project"
_DBT_SOURCES = ("models", "seeds", "macros", "tests", "dbt_project.yml")


def dbt_project_files() -> list[Path]:
    """The dbt project's own files: its models, seeds, macros, tests and dbt_project.yml."""
    root = Path(settings.DBT_PROJECT_DIR)
    return sorted(
        p for name in _DBT_SOURCES
        for p in ([root / name] if (root / name).is_file() else (root / name).rglob("*"))
        if p.is_file()
    )


def dbt_project_digest() -> str:
    """What the dbt project is made of: every file's path and content."""
    digest = hashlib.sha256()
    root = Path(settings.DBT_PROJECT_DIR)
    for path in dbt_project_files():
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def dbt_selection(build: str | Path, whole: bool = True) -> tuple[list[str], str]:
    """dbt's selection arguments for the build, and why. After an incremental load into a
    copy that the same dbt project built, the data alone: the tables (the marts kept per
    report patched: macros/incremental_by_report.sql) and the data tests. Else everything,
    rebuilt whole. `whole` is False when the run selected only some of the dbt assets:
    those are built, patched where the copy allows it."""
    if full_refresh_forced():
        return FULL_REFRESH, "everything (asked for)"
    con = duckdb.connect(str(build), read_only=True)
    try:
        load, project = _meta_values(con)
    finally:
        con.close()
    if load != "incremental":
        return FULL_REFRESH, "everything (staging written afresh)"
    if project is None:
        return FULL_REFRESH, "everything (the copy records no dbt build)"
    if project != dbt_project_digest():
        return FULL_REFRESH, "everything (the dbt project changed)"
    if not whole:
        return [], "the selected assets, the marts kept per report patched"
    return DATA_ONLY_SELECTION, (
        "the tables and data tests, the marts kept per report patched (the seeds, views and unit tests"
        " are the copy's: the same dbt project built it)"
    )


def _meta_values(con: duckdb.DuckDBPyConnection) -> tuple[str | None, str | None]:
    """How the build's staging was written (meta.build_info) and the dbt project that built
    the copy it started from (meta.dbt_project), each None when not recorded."""
    tables = {t for (t,) in con.execute(
        "select table_name from information_schema.tables where table_schema = ?", [META_SCHEMA]).fetchall()}
    details = con.execute(f"select details from {META_SCHEMA}.build_info").fetchone() if "build_info" in tables else None
    project = con.execute(f"select digest from {META_SCHEMA}.{DBT_PROJECT_TABLE}").fetchone() if DBT_PROJECT_TABLE in tables else None
    load = json.loads(details[0]).get("load") if details and details[0] else None
    return load, project[0] if project else None


def record_dbt_project(build: str | Path) -> None:
    """meta.dbt_project in a build dbt has just built: the project it was built with."""
    con = duckdb.connect(str(build))
    try:
        con.execute(f"create schema if not exists {META_SCHEMA}")
        con.execute(f"create or replace table {META_SCHEMA}.{DBT_PROJECT_TABLE} as select ? as digest", [dbt_project_digest()])
    finally:
        con.close()
