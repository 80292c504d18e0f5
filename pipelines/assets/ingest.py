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
from pipelines.extract.report import CRASH, ReportExtract, failed_extract, file_sha256
from pipelines.load.cache import ExtractCache, cache_key, cache_root
from pipelines.load.discover import refusal
from pipelines.load.publish import published_fingerprint, start_build
from pipelines.load.staging import DUPLICATES_TABLE, mark_duplicates, staged_extract, write_staging
from pipelines.load.summary import ExtractSummary
from pipelines.normalize.text import printable_name
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
    """Every entry of the raw folder, as paths relative to it: report files, and the entries
    reported as failed without being read (links that loop or lead out of the folder, FIFOs,
    devices, folders that could not be listed; pipelines/load/discover.py)."""
    files = [path.relative_to(raw_folder.root).as_posix() for path in raw_folder.entries()]
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
            refused = refused_entry(path, root)
            key = cache_key(refused.report["source_sha256"] if refused else file_sha256(path), path)
        except OSError as error:
            refused = refused_entry(path, root, f"the file could not be opened ({(error.strerror or str(error)).lower()})")
            key = cache_key(refused.report["source_sha256"], path)
        if refused is not None:
            cache.put(key, refused)
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
        cache.put(keys[path.relative_to(root).as_posix()], extract)
        report = extract.report
        progress.line(
            context.log,
            f"extract{label} [{number}/{len(keys)}] {report['source_file']}: {report['status']} in {seconds[path]:.2f} s"
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
    missing = [(relative, key) for relative, key in plan.keys.items() if cache.summary(key) is None]
    if missing:  # entries damaged or deleted since they were written: read those files again
        progress.line(context.log, f"extract: {len(missing)} cache entries damaged or missing; reading those files again")
        reread(missing, raw_folder.root, cache)
    summaries = []
    for relative, key in plan.keys.items():
        summary = cache.summary(key) or cache.put(key, failed_extract(
            raw_folder.root / relative, raw_folder.root, key.split(".")[0], LOST, CRASH))
        summaries.append(summary.with_report(source_file=printable_name(relative)))

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


LOST = "the extract of this file could not be kept in the cache (disk full?); the next run reads it again"


def reread(files: list[tuple[str, str]], root: Path, cache: ExtractCache) -> None:
    """Extracts the files (path relative to `root`, cache key) again, into the cache."""
    keys = {root / relative: key for relative, key in files}
    for path, extract in extract_isolated(list(keys), root, settings.extract_limits()):
        cache.put(keys[path], extract)


@dg.graph_asset(group_name="ingest")
def report_extracts(report_files: list[str]) -> list[ExtractSummary]:
    """The facts of each file, from the cache when its content was read before; a file
    that cannot be read becomes a 'failed' report. The frames stay in the extraction cache
    (warehouse/.cache); the asset's value is a summary per file."""
    plan, chunks = plan_extraction(report_files)
    read = chunks.map(extract_chunk).collect()
    return gather_extracts(plan, read)


def refused_entry(path: Path, root: Path, reason: str | None = None) -> ReportExtract | None:
    """A failed report for an entry that is not read (pipelines/load/discover.py says why);
    None for a file to read. Its hash is that of its name: it has no content to hash."""
    reason = reason or refusal(path, root)
    if reason is None:
        return None
    sha = hashlib.sha256(b"refused:" + os.fsencode(path.relative_to(root).as_posix())).hexdigest()
    return failed_extract(path, root, sha, reason)


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
    raw_folder: RawFolderResource,
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
    extracts = staged_extracts(reports, cache_root(warehouse.path), raw_folder)
    rows = write_staging(build, extracts, build_info={"fingerprint": fingerprint, "files": len(reports)})
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


def staged_extracts(
    reports: list[ExtractSummary], root: Path, raw_folder: RawFolderResource
) -> Iterator[ReportExtract]:
    """Each report's frames read back from the cache, one at a time, as they are loaded; an
    entry found damaged now (its checksum no longer matches) is read from its file again."""
    caches: dict[str, ExtractCache] = {}
    for summary in reports:
        cache = caches.setdefault(summary.version, ExtractCache(root, summary.version))
        extract = cache.get(summary.key) or heal(summary, cache, raw_folder)
        if extract is None:  # and the file is gone or changed: its row says so, the next run reads it
            extract = failed_extract(raw_folder.root / "lost", raw_folder.root, summary.report["source_sha256"], LOST, CRASH)
            summary = summary.with_report(**{**extract.report, "source_file": summary.source_file})
        yield staged_extract(summary, extract)


def heal(summary: ExtractSummary, cache: ExtractCache, raw_folder: RawFolderResource) -> ReportExtract | None:
    """The file of a damaged cache entry read again (found by its printable name); None when
    the file is gone or no longer the same."""
    root = raw_folder.root
    paths = {printable_name(p.relative_to(root).as_posix()): p for p in raw_folder.entries()}
    path = paths.get(summary.source_file)
    if path is not None:
        reread([(path.relative_to(root).as_posix(), summary.key)], root, cache)
    extract = cache.get(summary.key)
    same = extract is not None and extract.report["source_sha256"] == summary.report["source_sha256"]
    return extract if same else None


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
