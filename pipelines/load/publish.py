"""Build beside the published warehouse, then publish it in one atomic step.

Readers (the DuckDB CLI, BI tools) open `reports.duckdb` read-only while the night runs.
The run never writes that file: it builds `reports.duckdb.building` (staging load, then
dbt), checkpoints it, and os.replace()s it onto `reports.duckdb`, atomic on POSIX. A reader
that opened the old file keeps reading it whole; the next one opens the new one. A run
killed halfway leaves only a stale build file, which the next run deletes.

The marts are also exported as Parquet for tools that cannot open DuckDB: into a fresh
folder `.marts-<stamp>/`, and `marts` is a symbolic link switched onto it atomically, so a
reader of `warehouse/marts/*.parquet` sees one build's files, never a mix.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import duckdb

META_SCHEMA = "meta"
MARTS_LINK = "marts"
EXPORT_PREFIX = ".marts-"


def build_path(warehouse: str | Path) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".building")


def start_build(warehouse: str | Path) -> Path:
    """A clean build file: whatever a killed run left is removed."""
    build = build_path(warehouse)
    for leftover in (build, build.with_name(build.name + ".wal")):
        leftover.unlink(missing_ok=True)
    build.parent.mkdir(parents=True, exist_ok=True)
    return build


def published_fingerprint(warehouse: str | Path) -> str | None:
    """The inputs fingerprint the published warehouse was built from; None when there is
    no warehouse, or it predates fingerprints, or its Parquet export is missing."""
    warehouse = Path(warehouse)
    if not warehouse.exists() or not (warehouse.parent / MARTS_LINK).exists():
        return None
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute(f"select fingerprint from {META_SCHEMA}.build_info").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return row[0] if row else None


def finish_build(build: Path) -> None:
    """Checkpoint the build: the published file must carry no write-ahead log."""
    con = duckdb.connect(str(build))
    try:
        con.execute("checkpoint")
    finally:
        con.close()


def publish(build: Path, warehouse: str | Path) -> dict[str, int]:
    """Export the build's marts as Parquet, then switch readers onto the new warehouse and
    the new export. Returns rows per mart."""
    warehouse = Path(warehouse)
    export = warehouse.parent / f"{EXPORT_PREFIX}{time.time_ns()}"
    rows = export_marts(build, export)
    os.replace(build, warehouse)
    switch_link(warehouse.parent / MARTS_LINK, export.name)
    prune_exports(warehouse.parent, keep={export.name})
    return rows


def export_marts(database: Path, folder: Path) -> dict[str, int]:
    folder.mkdir(parents=True)
    con = duckdb.connect(str(database), read_only=True)
    try:
        marts = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        rows = {}
        for name in marts:
            target = str(folder / f"{name}.parquet").replace("'", "''")
            con.execute(f"copy marts.\"{name}\" to '{target}' (format parquet)")
            rows[name] = con.execute(f'select count(*) from marts."{name}"').fetchone()[0]
        return rows
    finally:
        con.close()


def switch_link(link: Path, target: str) -> None:
    """Point `link` at `target` atomically (a new link renamed over the old one)."""
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # a plain folder from an older layout
    staged = link.with_name(f".{link.name}.{os.getpid()}.link")
    staged.unlink(missing_ok=True)
    os.symlink(target, staged)
    os.replace(staged, link)


def prune_exports(folder: Path, keep: set[str], grace_seconds: float = 600) -> None:
    """Drop old exports; the last few minutes' are kept for readers still listing them."""
    now = time.time()
    for export in folder.glob(f"{EXPORT_PREFIX}*"):
        if export.name not in keep and now - export.stat().st_mtime > grace_seconds:
            shutil.rmtree(export, ignore_errors=True)
