"""Extracted frames in, DuckDB staging tables out.

The staging tables mirror the raw folder as it is now, and dbt rebuilds the marts from
there: written whole into a fresh build (write_staging), or, when few files changed, as a
copy of the published warehouse with only those files' rows replaced (update_staging;
which ones: pipelines/load/increments.py). The frames go in as Arrow tables (zero-copy);
row-by-row inserts are orders of magnitude slower.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from pipelines.extract.report import ReportExtract
from pipelines.load.increments import record_changed, record_staged
from pipelines.load.summary import ExtractSummary
from pipelines.extract.schema import STAGING_TABLES

STAGING_SCHEMA = "staging"

# the load step's own table, in its own schema beside the extraction's staging tables:
# which file each duplicate repeats
DUPLICATES_SCHEMA = "dedup"
DUPLICATES_TABLE = "report_duplicates"
DUPLICATES = {"report_id": pl.Utf8, "duplicate_of": pl.Utf8}


# a report's rows as the load inserts them: one Arrow table per staging table (the cache
# stores them so); ReportExtract's polars frames are taken too
Rows = dict[str, pa.Table]

# the Arrow schema of each staging table, and of the duplicates' table
ARROW_SCHEMAS = {
    **{table: pl.DataFrame(schema=schema).to_arrow().schema for table, schema in STAGING_TABLES.items()},
    f"{DUPLICATES_SCHEMA}.{DUPLICATES_TABLE}": pl.DataFrame(schema=DUPLICATES).to_arrow().schema,
}


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """`table` with exactly the columns and types of `schema`; missing columns become nulls."""
    columns = [
        table[field.name].cast(field.type) if field.name in table.column_names else pa.nulls(table.num_rows, field.type)
        for field in schema
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def staging_tables(batch: Iterable[Rows | ReportExtract]) -> dict[str, pa.Table]:
    """One table per staging table: the rows of every report stacked, typed by the schema
    (stacked first, then typed once: typing each report's seven small tables cost more than
    the insert)."""
    batch = [item if isinstance(item, dict) else rows_of(item) for item in batch]
    tables = {}
    for table in STAGING_TABLES:
        parts = [rows[table] for rows in batch if table in rows]
        stacked = pa.concat_tables(parts, promote_options="permissive") if parts else ARROW_SCHEMAS[table].empty_table()
        tables[table] = conform(stacked, ARROW_SCHEMAS[table])
    reports = tables_with_column(batch, "reports", "duplicate_of")
    duplicates = f"{DUPLICATES_SCHEMA}.{DUPLICATES_TABLE}"
    tables[duplicates] = conform(reports.select(["report_id", "duplicate_of"]), ARROW_SCHEMAS[duplicates])
    return tables


def rows_of(extract: ReportExtract) -> Rows:
    """An extract's frames as the Arrow tables the load inserts."""
    return {name: frame.to_arrow() for name, frame in extract.frames.items()}


def tables_with_column(batch: list[Rows], table: str, column: str) -> pa.Table:
    """The rows of `table` in every report whose table has `column`, stacked."""
    parts = [rows[table] for rows in batch if column in rows[table].column_names]
    if not parts:
        return pa.table({"report_id": pa.array([], pa.string()), column: pa.array([], pa.string())})
    return pa.concat_tables(parts, promote_options="permissive")


# --- duplicates -------------------------------------------------------------------------

STATUS_RANK = {"loaded": 0, "partial": 1}


def mark_duplicates(summaries: list[ExtractSummary]) -> list[ExtractSummary]:
    """The summaries with every repeat of a report turned into a 'duplicate'.

    A report counts once. Two files repeat each other when they have the same content
    (same sha256), or when they are the same report in two formats: same unit, fiscal year
    and title, and the same figures (see same_figures; a unit's second, different report
    of a year is not a repeat). The file kept is the one read best (loaded over partial,
    then more facts), then the first by path; the other gets status 'duplicate',
    `duplicate_of` naming the kept file, and an error saying so (its facts are not loaded,
    see staged_extract). Failed files are never duplicates (they count for nothing), but a
    second copy still gets its own report_id: report_id is the content hash for the first
    file with that content and a hash of content and path for the others.
    """
    ordered = sorted(summaries, key=lambda s: s.source_file)
    first_with_content: dict[str, str] = {}
    kept: dict[tuple, list[ExtractSummary]] = {}
    result: dict[str, ExtractSummary] = {}
    for summary in ordered:
        report = summary.report
        source = summary.source_file
        original = first_with_content.setdefault(report["report_id"], source)
        if original != source:
            summary = summary.with_report(report_id=copy_report_id(report["source_sha256"], source))
            if report["status"] != "failed":
                result[source] = duplicate(summary, original, "same content as")
                continue
        result[source] = summary
        identity = report_identity(report)
        if identity is None:
            continue
        group = kept.setdefault(identity, [])
        same = next((k for k in group if same_figures(k, summary)), None)
        if same is None:
            group.append(summary)
        elif reads_better(summary, same):
            group[group.index(same)] = summary
            result[same.source_file] = duplicate(same, source, "same report as")
        else:
            result[source] = duplicate(summary, same.source_file, "same report as")
    return [result[s.source_file] for s in summaries]


def report_identity(report: dict) -> tuple | None:
    """Unit, year and title: what two renderings of one report share."""
    if report["status"] == "failed" or not report["unit_name"] or not report["fiscal_year"]:
        return None
    title = re.sub(r"\s+", "", report["title"] or "")
    return report["unit_name"], report["fiscal_year"], title


def same_figures(a: ExtractSummary, b: ExtractSummary, overlap: float = 0.8) -> bool:
    """Whether two reports of one unit, year and title state the same money: at least 80%
    of their distinct amounts in common (formats read a figure or two differently), or,
    without amounts, the same self score."""
    if not a.amounts and not b.amounts:
        return a.report["self_score"] == b.report["self_score"]
    return len(a.amounts & b.amounts) >= overlap * max(len(a.amounts), len(b.amounts))


def reads_better(a: ExtractSummary, b: ExtractSummary) -> bool:
    def rank(s: ExtractSummary):
        return STATUS_RANK.get(s.report["status"], 9), -s.facts, s.source_file

    return rank(a) < rank(b)


def copy_report_id(sha256: str, source_file: str) -> str:
    return hashlib.sha256(f"{sha256}:{source_file}".encode()).hexdigest()[:16]


def duplicate(summary: ExtractSummary, original: str, how: str) -> ExtractSummary:
    return summary.with_report(
        status="duplicate", error=f"{how} {original}: counted once, there", duplicate_of=original
    )


def staged_rows(summary: ExtractSummary, tables: Rows) -> Rows:
    """A report's rows as they are loaded: its report row replaced by the summary's (the
    file's own path and report_id, a duplicate's status), and a duplicate without its facts."""
    schema = ARROW_SCHEMAS["reports"]
    if "duplicate_of" in summary.report:
        schema = schema.append(pa.field("duplicate_of", pa.string()))
    reports = pa.Table.from_pylist([summary.report], schema=schema)
    if summary.report["status"] == "duplicate":
        return {"reports": reports}
    return {**tables, "reports": reports}


LOAD_BATCH = 1000  # reports stacked per insert (about 30 MB of Arrow): bounds the memory of a load of any size
# DuckDB takes up to 80% of the machine's memory by default and keeps what it has taken: at
# 10,000 reports the load reached 1 GB. Bounded, it writes pages out to the file instead.
# Rows in any order: keeping the Arrow tables' order made each insert four times slower, and
# no model reads staging rows by their order (facts carry their `ordinal`).
LOAD_CONFIG = {"memory_limit": "256MB", "preserve_insertion_order": False}
# The storage format the warehouse file is created in (dbt and every later write keep it):
# DuckDB's v1.0.0 format, which every DuckDB from 0.10 to 2.x opens, so the DuckDB CLI, DBeaver
# and the DuckDB versions BI drivers pin read the file, not only the duckdb that wrote it.
STORAGE_VERSION = "v1.0.0"


def write_staging(
    warehouse_path: str | Path,
    extracts: Iterable[Rows | ReportExtract],
    build_info: dict | None = None,
    staged: dict[str, tuple[str, str]] | None = None,
) -> dict[str, int]:
    """Replace every staging table with the rows of `extracts`; returns rows per table.
    `build_info` (with a `fingerprint`) goes to meta.build_info: what the build was made of;
    `staged` (source_file -> report_id, digest) to meta.staged_reports, which lets the next
    run replace only what changed (pipelines/load/increments.py).

    `extracts` is read lazily, LOAD_BATCH at a time, so a generator over the extraction
    cache loads any number of files in bounded memory. Each batch is committed on its own:
    DuckDB holds an open transaction's rows in memory (one transaction over 10,000 reports
    reached 1 GB). The pipeline writes into a fresh build file that a failed run never
    publishes (pipelines/load/publish.py), so a half-written load is never read. The
    connection is closed before returning: DuckDB allows a single writer, and dbt runs next.
    """
    Path(warehouse_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse_path), config={**LOAD_CONFIG, "storage_compatibility_version": STORAGE_VERSION})
    try:
        con.execute(f"create schema if not exists {STAGING_SCHEMA}")
        con.execute(f"create schema if not exists {DUPLICATES_SCHEMA}")
        # an empty frame of the schema gives every table its column types
        for table, rows in staging_tables([]).items():
            _insert(con, table, rows, create=True)
        _insert_batches(con, extracts)
        _record(con, build_info, staged, changed=None)
        return _row_counts(con)
    finally:
        con.close()


def update_staging(
    build: str | Path,
    delete_ids: Iterable[str],
    extracts: Iterable[Rows | ReportExtract],
    changed: frozenset[str],
    build_info: dict | None = None,
    staged: dict[str, tuple[str, str]] | None = None,
) -> dict[str, int]:
    """Apply a run's changes to a build that is a copy of the published warehouse: the rows
    of `delete_ids` leave every staging table, the rows of `extracts` come in (deletions
    first: a changed report keeps its report_id). `changed` names the reports whose mart
    rows dbt builds again. Returns rows per table afterwards."""
    con = duckdb.connect(str(build), config=LOAD_CONFIG)
    try:
        con.register("leaving", pl.DataFrame({"report_id": sorted(delete_ids)}, schema={"report_id": pl.Utf8}).to_arrow())
        con.execute("begin")
        for name in loaded_tables():
            con.execute(f"delete from {name} where report_id in (select report_id from leaving)")
        con.execute("commit")
        con.unregister("leaving")
        _insert_batches(con, extracts)
        _record(con, build_info, staged, changed)
        return _row_counts(con)
    finally:
        con.close()


def loaded_tables() -> list[str]:
    """Every table the load writes, schema-qualified; each has a report_id column."""
    return [f"{STAGING_SCHEMA}.{table}" for table in STAGING_TABLES] + [f"{DUPLICATES_SCHEMA}.{DUPLICATES_TABLE}"]


def _insert_batches(con: duckdb.DuckDBPyConnection, extracts: Iterable[Rows | ReportExtract]) -> None:
    for batch in batched(extracts, LOAD_BATCH):
        con.execute("begin")
        for table, rows in staging_tables(batch).items():
            _insert(con, table, rows, create=False)
        con.execute("commit")


def _record(
    con: duckdb.DuckDBPyConnection, build_info: dict | None, staged: dict | None, changed: frozenset[str] | None
) -> None:
    if build_info is not None:
        con.execute("create schema if not exists meta")
        con.execute(
            "create or replace table meta.build_info as"
            " select ? as fingerprint, current_timestamp::timestamp as built_at, ? as details",
            [build_info["fingerprint"], json.dumps(build_info, ensure_ascii=False)],
        )
    if staged is not None:
        record_staged(con, staged)
    record_changed(con, changed)


def _row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    counts = {}
    for name in loaded_tables():
        counts[name.split(".")[-1]] = con.execute(f"select count(*) from {name}").fetchone()[0]
    return counts


def batched(items: Iterable, n: int):
    """Lists of up to n items (itertools.batched arrives with Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, n)):
        yield batch


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table, create: bool) -> None:
    con.register("incoming", rows)
    name = table if "." in table else f"{STAGING_SCHEMA}.{table}"
    if create:
        con.execute(f"create or replace table {name} as select * from incoming")
    elif rows.num_rows:
        con.execute(f"insert into {name} select * from incoming")
    con.unregister("incoming")
