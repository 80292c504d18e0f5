"""Extracted frames in, DuckDB staging tables out.

Every run replaces the staging tables wholesale: the warehouse mirrors the raw folder as it
is now, and dbt rebuilds the marts from there. The frames go in as Arrow tables (zero-copy);
row-by-row inserts are orders of magnitude slower.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

import duckdb
import polars as pl

from pipelines.extract.report import ReportExtract
from pipelines.extract.schema import STAGING_TABLES

STAGING_SCHEMA = "staging"

# the load step's own table, in its own schema beside the extraction's staging tables:
# which file each duplicate repeats
DUPLICATES_SCHEMA = "dedup"
DUPLICATES_TABLE = "report_duplicates"
DUPLICATES = {"report_id": pl.Utf8, "duplicate_of": pl.Utf8}


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
    duplicates = [
        {"report_id": e.report["report_id"], "duplicate_of": e.report["duplicate_of"]}
        for e in extracts
        if "duplicate_of" in e.frames["reports"].columns
    ]
    tables[f"{DUPLICATES_SCHEMA}.{DUPLICATES_TABLE}"] = pl.DataFrame(duplicates, schema=DUPLICATES)
    return tables


# --- duplicates -------------------------------------------------------------------------

STATUS_RANK = {"loaded": 0, "partial": 1}


def mark_duplicates(extracts: list[ReportExtract]) -> list[ReportExtract]:
    """The extracts with every repeat of a report turned into a 'duplicate' row without facts.

    A report counts once. Two files repeat each other when they have the same content
    (same sha256), or when they are the same report in two formats: same unit, fiscal year
    and title, and the same figures (see same_figures; a unit's second, different report
    of a year is not a repeat). The file kept is the one read best (loaded over partial,
    then more facts), then the first by path; the other gets status 'duplicate',
    `duplicate_of` naming the kept file, and an error saying so. Failed files are never
    duplicates (they count for nothing), but a second copy still gets its own report_id:
    report_id is the content hash for the first file with that content and a hash of
    content and path for the others.
    """
    ordered = sorted(extracts, key=lambda e: e.report["source_file"])
    first_with_content: dict[str, str] = {}
    kept: dict[tuple, list[ReportExtract]] = {}
    result: dict[str, ReportExtract] = {}
    for extract in ordered:
        report = extract.report
        source = report["source_file"]
        original = first_with_content.setdefault(report["report_id"], source)
        if original != source:
            extract = with_report(extract, report_id=copy_report_id(report["source_sha256"], source))
            if report["status"] != "failed":
                result[source] = duplicate(extract, original, "same content as")
                continue
        result[source] = extract
        identity = report_identity(report)
        if identity is None:
            continue
        group = kept.setdefault(identity, [])
        same = next((k for k in group if same_figures(k, extract)), None)
        if same is None:
            group.append(extract)
        elif reads_better(extract, same):
            group[group.index(same)] = extract
            result[same.report["source_file"]] = duplicate(same, source, "same report as")
        else:
            result[source] = duplicate(extract, same.report["source_file"], "same report as")
    return [result[e.report["source_file"]] for e in extracts]


def report_identity(report: dict) -> tuple | None:
    """Unit, year and title: what two renderings of one report share."""
    if report["status"] == "failed" or not report["unit_name"] or not report["fiscal_year"]:
        return None
    title = re.sub(r"\s+", "", report["title"] or "")
    return report["unit_name"], report["fiscal_year"], title


def same_figures(a: ReportExtract, b: ReportExtract, overlap: float = 0.8) -> bool:
    """Whether two reports of one unit, year and title state the same money: at least 80%
    of their distinct amounts in common (formats read a figure or two differently), or,
    without amounts, the same self score."""
    amounts_a, amounts_b = amounts(a), amounts(b)
    if not amounts_a and not amounts_b:
        return a.report["self_score"] == b.report["self_score"]
    return len(amounts_a & amounts_b) >= overlap * max(len(amounts_a), len(amounts_b))


def amounts(extract: ReportExtract) -> set:
    values = set()
    for table in ("budget_facts", "project_facts"):
        frame = extract.frames.get(table)
        if frame is not None and "amount_yuan" in frame.columns:
            values.update(v for v in frame["amount_yuan"].to_list() if v is not None)
    return values


def reads_better(a: ReportExtract, b: ReportExtract) -> bool:
    def rank(e: ReportExtract):
        facts = sum(f.height for name, f in e.frames.items() if name not in ("reports", "quality_checks"))
        return STATUS_RANK.get(e.report["status"], 9), -facts, e.report["source_file"]

    return rank(a) < rank(b)


def copy_report_id(sha256: str, source_file: str) -> str:
    return hashlib.sha256(f"{sha256}:{source_file}".encode()).hexdigest()[:16]


def with_report(extract: ReportExtract, **values) -> ReportExtract:
    reports = extract.frames["reports"].with_columns(
        [pl.lit(v, extract.frames["reports"].schema.get(k, pl.Utf8)).alias(k) for k, v in values.items()]
    )
    return ReportExtract({**extract.frames, "reports": reports})


def duplicate(extract: ReportExtract, original: str, how: str) -> ReportExtract:
    """`extract`'s report row as a duplicate of `original`, without facts."""
    report = extract.frames["reports"].with_columns(
        pl.lit("duplicate").alias("status"),
        pl.lit(f"{how} {original}: counted once, there").alias("error"),
        pl.lit(original, pl.Utf8).alias("duplicate_of"),
    )
    return ReportExtract({"reports": report})


def write_staging(
    warehouse_path: str | Path, extracts: Iterable[ReportExtract], build_info: dict | None = None
) -> dict[str, int]:
    """Replace every staging table with the rows of `extracts`; returns rows per table.
    `build_info` (with a `fingerprint`) goes to meta.build_info: what the build was made of.

    One transaction, so a failure leaves the previous staging tables whole. The connection is
    closed before returning: DuckDB allows a single writer, and dbt runs next.
    """
    tables = staging_frames(extracts)
    Path(warehouse_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse_path))
    try:
        con.execute("begin")
        con.execute(f"create schema if not exists {STAGING_SCHEMA}")
        con.execute(f"create schema if not exists {DUPLICATES_SCHEMA}")
        for table, df in tables.items():
            con.register("incoming", df.to_arrow())
            name = table if "." in table else f"{STAGING_SCHEMA}.{table}"
            con.execute(f"create or replace table {name} as select * from incoming")
            con.unregister("incoming")
        if build_info is not None:
            con.execute("create schema if not exists meta")
            con.execute(
                "create or replace table meta.build_info as"
                " select ? as fingerprint, current_timestamp::timestamp as built_at, ? as details",
                [build_info["fingerprint"], json.dumps(build_info, ensure_ascii=False)],
            )
        con.execute("commit")
    finally:
        con.close()
    return {table.split(".")[-1]: df.height for table, df in tables.items()}
