"""Raw files to staging tables: discover, extract (only what changed), load.

Thin assets over plain functions (extraction in pipelines/extract, isolation in
pipelines/run, caching, duplicates, loading and publishing in pipelines/load); what they
record as metadata is what the UI and the CLI summary show.

Incremental by content: each file is keyed by its sha256 in the extraction cache, so a run
reads only new or changed files; the staging tables are rebuilt every run from the cached
extracts of the files present now, so a deleted file's rows leave and a changed file's old
rows are replaced, and two runs over the same folder give the same marts. When the inputs
are exactly those of the published warehouse, load, dbt and publish are skipped.
"""

import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
from dagster_dbt import get_asset_keys_by_output_name_for_source

from pipelines import settings
from pipelines.assets.dbt import reports_dbt_assets
from pipelines.extract.report import ReportExtract, failed_extract, file_sha256
from pipelines.load.cache import ExtractCache, cache_key, cache_root
from pipelines.load.publish import published_fingerprint, start_build
from pipelines.load.staging import DUPLICATES_TABLE, mark_duplicates, staged_extract, write_staging
from pipelines.load.summary import ExtractSummary
from pipelines.resources import ProgressResource, RawFolderResource, RunLockResource, WarehouseResource
from pipelines.run.sandbox import extract_isolated

# The staging tables under the keys dagster-dbt gives the dbt source `staging`, so the
# lineage runs on from raw files through the loaded tables into the dbt models.
# (The load step also writes dedup.report_duplicates, dbt's source `dedup`; it shows as an
# external source asset: the staging assets stay the extraction's tables.)
STAGING_KEYS = {
    key.path[-1]: key
    for key in get_asset_keys_by_output_name_for_source([reports_dbt_assets], "staging").values()
}

# bump when the load (duplicates, staging) changes in a way the code digest misses
LOAD_VERSION = 1
BUILD_CODE = ("pipelines/load", "dbt_project/models", "dbt_project/macros", "dbt_project/seeds", "dbt_project/tests")


@dg.asset(group_name="ingest")
def report_files(
    context: dg.AssetExecutionContext,
    raw_folder: RawFolderResource,
    progress: ProgressResource,
    run_lock: RunLockResource,
) -> list[str]:
    """Every report file of the raw folder, as paths relative to it (links leading out of
    the folder included: they are reported as failed, not read)."""
    paths = sorted(raw_folder.files() + raw_folder.refused_links())
    files = [path.relative_to(raw_folder.root).as_posix() for path in paths]
    progress.line(context.log, f"discover: {len(files)} files in {raw_folder.root}")
    context.add_output_metadata({"file_count": len(files), "raw_dir": str(raw_folder.root)})
    return files


@dataclass(frozen=True)
class ExtractionPlan:
    """Which cache entry each file's extract is (every file, in order), and which files
    this run must read because their content was never read by this code."""

    keys: dict[str, str]  # path relative to the raw folder -> cache key
    to_read: list[tuple[str, str]]  # (path, key), one per new content
    unchanged: int  # files whose content this code read in an earlier run
    started: float  # time.time() when planning began: the extraction's duration in the log
    version: str  # the extraction cache's code version, fixed for the whole run


@dg.op(out={"plan": dg.Out(ExtractionPlan), "chunks": dg.DynamicOut(tuple)})
def plan_extraction(
    context: dg.OpExecutionContext,
    report_files: list[str],
    raw_folder: RawFolderResource,
    warehouse: WarehouseResource,
):
    """Hashes every file and looks it up in the cache; what is left to read goes out in
    chunks, one extraction step each (REPORTS_EXTRACT_CHUNKS): a multiprocess or celery
    executor runs the steps side by side, the in-process one after another."""
    started = time.time()
    cache = ExtractCache(cache_root(warehouse.path))
    root = raw_folder.root
    keys: dict[str, str] = {}
    to_read: list[tuple[str, str]] = []
    unchanged = 0
    reading: set[str] = set()
    for relative in report_files:
        path = root / relative
        try:
            refusal = refuse(path, root)
            key = cache_key(refusal.report["source_sha256"] if refusal else file_sha256(path), path)
        except OSError as error:
            refusal = unreadable(path, root, error)
            key = cache_key(refusal.report["source_sha256"], path)
        if refusal is not None:
            cache.put(key, refusal)
        elif cache.has(key):
            unchanged += 1
        elif key not in reading:  # a second copy of the same content waits for the first
            to_read.append((relative, key))
            reading.add(key)
        keys[relative] = key
    yield dg.Output(ExtractionPlan(keys, to_read, unchanged, started, cache.version), "plan")
    chunks = split(to_read, settings.extract_chunks(len(to_read)))
    for number, chunk in enumerate(chunks):
        yield dg.DynamicOutput((cache.version, chunk), output_name="chunks", mapping_key=f"chunk_{number}")


def split(items: list, n: int) -> list[list]:
    """`items` in n contiguous chunks of nearly equal size; always at least one (maybe
    empty) chunk, so the steps after the fan-out run even when nothing is to be read."""
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    bounds = [i * size + min(i, extra) for i in range(n + 1)]
    return [items[bounds[i] : bounds[i + 1]] for i in range(n)]


@dg.op
def extract_chunk(
    context: dg.OpExecutionContext,
    chunks: tuple,
    raw_folder: RawFolderResource,
    warehouse: WarehouseResource,
    progress: ProgressResource,
) -> int:
    """Reads the chunk's files, each in a sandboxed child process (pipelines/run/sandbox.py,
    REPORTS_EXTRACT_WORKERS at once), into the cache; returns how many it read."""
    version, files = chunks
    cache = ExtractCache(cache_root(warehouse.path), version)
    root = raw_folder.root
    keys = dict(files)
    label = "" if context.get_mapping_key() in (None, "chunk_0") else f" {context.get_mapping_key()}"
    seconds: dict[Path, float] = {}
    extracts = extract_isolated([root / p for p in keys], root, settings.extract_limits(), seconds)
    for number, (path, extract) in enumerate(extracts, 1):
        relative = path.relative_to(root).as_posix()
        cache.put(keys[relative], extract)
        report = extract.report
        progress.line(
            context.log,
            f"extract{label} [{number}/{len(keys)}] {relative}: {report['status']} in {seconds[path]:.2f} s"
            + (f" ({report['error']})" if report["error"] else ""),
        )
    return len(keys)


@dg.op
def gather_extracts(
    context: dg.OpExecutionContext,
    plan: ExtractionPlan,
    read: list[int],
    raw_folder: RawFolderResource,
    warehouse: WarehouseResource,
    progress: ProgressResource,
) -> list[ExtractSummary]:
    """Every file's summary, in the order of the files; the frames stay in the cache."""
    cache = ExtractCache(cache_root(warehouse.path), plan.version)
    summaries = []
    keep = set(plan.keys.values())
    for relative, key in plan.keys.items():
        summary = cache.summary(key)
        if summary is None:  # the entry went missing since it was written (deleted, disk full)
            # kept under a key of its own, so the next run does not take it for the file's
            lost = failed_extract(raw_folder.root / relative, raw_folder.root, key.split(".")[0], LOST)
            summary = cache.put(f"lost-{key}", lost)
            keep.add(summary.key)
        summaries.append(summary.with_report(source_file=relative))
    cache.prune(keep=keep)

    statuses = status_counts(summaries)
    read_now = {relative for relative, _ in plan.to_read}
    progress.line(
        context.log,
        f"extract: {sum(read)} read, {len(summaries) - sum(read)} unchanged or refused; "
        f"{describe_counts(statuses)} ({time.time() - plan.started:.1f} s)",
    )
    context.add_output_metadata(
        {
            "files_extracted": sum(read),
            "files_unchanged": plan.unchanged,
            **{f"files_{status}": n for status, n in statuses.items()},
            "failed_files": dg.MetadataValue.md(failed_files_markdown(summaries)),
            "files": dg.MetadataValue.md(files_markdown(summaries, read_now)),
        }
    )
    return summaries


LOST = "the extract of this file went missing from the cache during the run; the next run reads it again"


@dg.graph_asset(group_name="ingest")
def report_extracts(report_files: list[str]) -> list[ExtractSummary]:
    """The facts of each file, from the cache when its content was read before; a file
    that cannot be read becomes a 'failed' report. The frames stay in the extraction cache
    (warehouse/.cache); the asset's value is a summary per file."""
    plan, chunks = plan_extraction(report_files)
    read = chunks.map(extract_chunk).collect()
    return gather_extracts(plan, read)


def refuse(path: Path, root: Path) -> ReportExtract | None:
    """A failed report for a symbolic link leading out of the raw folder (never read);
    None for any other file. Its hash is that of the link text, the content it has."""
    if not path.is_symlink() or path.resolve().is_relative_to(root.resolve()):
        return None
    target = os.readlink(path)
    return failed_extract(
        path, root, hashlib.sha256(f"symlink:{target}".encode()).hexdigest(),
        f"symbolic link to {target}, outside the raw folder: not followed",
    )


def unreadable(path: Path, root: Path, error: OSError) -> ReportExtract:
    sha = hashlib.sha256(f"unreadable:{path.relative_to(root).as_posix()}".encode()).hexdigest()
    return failed_extract(path, root, sha, f"the file could not be opened: {error.strerror or error}")




@dg.multi_asset(
    specs=[
        dg.AssetSpec(key, deps=["report_extracts"], group_name="staging", kinds={"duckdb"}, skippable=True)
        for key in STAGING_KEYS.values()
    ],
    ins={"report_extracts": dg.AssetIn("report_extracts")},
)
def staging_tables(
    context: dg.AssetExecutionContext,
    report_extracts: list[ExtractSummary],
    warehouse: WarehouseResource,
    progress: ProgressResource,
    run_lock: RunLockResource,
):
    """The extracted frames loaded into the `staging` schema of a fresh build file, which
    dbt builds next and the publish step puts in place of the warehouse. Nothing is
    materialized (and dbt and publish are skipped) when the inputs are those the published
    warehouse was built from."""
    reports = mark_duplicates(report_extracts)
    fingerprint = inputs_fingerprint(reports)
    if fingerprint == published_fingerprint(warehouse.path):
        progress.line(context.log, f"load: nothing changed since {warehouse.path} was built; kept as is")
        return
    build = start_build(warehouse.path)
    rows = write_staging(build, staged_extracts(reports, cache_root(warehouse.path)), build_info={"fingerprint": fingerprint, "files": len(reports)})
    duplicates = [(r.source_file, r.report["duplicate_of"]) for r in reports if r.report["status"] == "duplicate"]
    progress.line(
        context.log,
        f"load: {rows['reports']} reports, {fact_rows(rows)} fact rows into {build}"
        + (f" ({len(duplicates)} duplicate files counted once)" if duplicates else ""),
    )
    for table, key in STAGING_KEYS.items():
        metadata = {"dagster/row_count": rows[table]}
        if table == "reports":
            metadata["duplicate_files"] = dg.MetadataValue.json(dict(duplicates))
            metadata["inputs_fingerprint"] = fingerprint
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)


def staged_extracts(reports: list[ExtractSummary], root: Path) -> Iterator[ReportExtract]:
    """Each report's frames read back from the cache, one at a time, as they are loaded."""
    caches: dict[str, ExtractCache] = {}
    for summary in reports:
        cache = caches.setdefault(summary.version, ExtractCache(root, summary.version))
        extract = cache.get(summary.key)
        if extract is None:
            raise RuntimeError(f"the extract of {summary.source_file} went missing from the cache; run again")
        yield staged_extract(summary, extract)


def fact_rows(rows: dict[str, int]) -> int:
    return sum(n for table, n in rows.items() if table not in ("reports", DUPLICATES_TABLE))


def inputs_fingerprint(reports: list[ExtractSummary]) -> str:
    """Equal exactly when a build would give the same warehouse: the same files with the
    same content and outcome, read by the same extraction code (its cache version: an
    upgraded extractor gives other facts from the same files), the same load and dbt code."""
    digest = hashlib.sha256(f"load v{LOAD_VERSION}".encode())
    for folder in BUILD_CODE:
        for path in sorted((settings.REPO_ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(settings.REPO_ROOT).as_posix().encode() + path.read_bytes())
    for summary in reports:
        report = summary.report
        row = [report["source_file"], report["report_id"], report["source_sha256"], report["status"], report["error"],
               summary.version]
        digest.update(json.dumps(row, ensure_ascii=False).encode())
    return digest.hexdigest()


def status_counts(extracts: list[ExtractSummary]) -> dict[str, int]:
    counts = {"loaded": 0, "partial": 0, "failed": 0}
    for extract in extracts:
        status = extract.report["status"]
        counts[status] = counts.get(status, 0) + 1
    return counts


def describe_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {status}" for status, n in counts.items())


def failed_files_markdown(extracts: list[ExtractSummary]) -> str:
    failed = [e.report for e in extracts if e.report["status"] == "failed"]
    if not failed:
        return "none"
    return "\n".join(f"- `{r['source_file']}`: {r['error']}" for r in failed)


FILES_SHOWN = 500  # rows of the files table in the UI; the warehouse's dim_report has them all


def files_markdown(extracts: list[ExtractSummary], read_now: set[str]) -> str:
    """One line per file: its content hash, status, and whether this run read it (files read
    now first, then failed ones, up to FILES_SHOWN)."""
    lines = ["| file | sha256 | status | this run |", "|---|---|---|---|"]
    ranked = sorted(extracts, key=lambda e: (e.source_file not in read_now, e.report["status"] != "failed"))
    for extract in ranked[:FILES_SHOWN]:
        r = extract.report
        how = "read" if r["source_file"] in read_now else "unchanged"
        lines.append(f"| `{r['source_file']}` | `{r['source_sha256'][:12]}` | {r['status']} | {how} |")
    if len(extracts) > FILES_SHOWN:
        lines.append(f"\n{len(extracts) - FILES_SHOWN} more files: see marts.dim_report")
    return "\n".join(lines)
