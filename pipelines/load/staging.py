"""Extracted frames in, DuckDB staging tables out.

Every run replaces the staging tables wholesale: the warehouse mirrors the raw folder as it
is now, and dbt rebuilds the marts from there. The frames go in as Arrow tables (zero-copy);
row-by-row inserts are orders of magnitude slower.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import polars as pl

from pipelines.extract.report import ReportExtract
from pipelines.extract.schema import STAGING_TABLES

STAGING_SCHEMA = "staging"


def conform(df: pl.DataFrame, schema: dict) -> pl.DataFrame:
    """`df` with exactly the columns and types of `schema`; missing columns become nulls."""
    return df.select(
        [
            pl.col(name).cast(dtype) if name in df.columns else pl.lit(None, dtype).alias(name)
            for name, dtype in schema.items()
        ]
    )


def staging_frames(extracts: Iterable[ReportExtract]) -> dict[str, pl.DataFrame]:
    """One frame per staging table: the frames of all extracts stacked, typed by the schema."""
    extracts = list(extracts)
    tables = {}
    for table, schema in STAGING_TABLES.items():
        parts = [conform(e.frames[table], schema) for e in extracts if table in e.frames]
        # an empty frame of the schema still gives the table its column types
        tables[table] = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    return tables


def write_staging(warehouse_path: str | Path, extracts: Iterable[ReportExtract]) -> dict[str, int]:
    """Replace every staging table with the rows of `extracts`; returns rows per table.

    One transaction, so a failure leaves the previous staging tables whole. The connection is
    closed before returning: DuckDB allows a single writer, and dbt runs next.
    """
    tables = staging_frames(extracts)
    Path(warehouse_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse_path))
    try:
        con.execute("begin")
        con.execute(f"create schema if not exists {STAGING_SCHEMA}")
        for table, df in tables.items():
            con.register("incoming", df.to_arrow())
            con.execute(f"create or replace table {STAGING_SCHEMA}.{table} as select * from incoming")
            con.unregister("incoming")
        con.execute("commit")
    finally:
        con.close()
    return {table: df.height for table, df in tables.items()}
