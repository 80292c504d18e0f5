"""Raw files to staging tables: discover, extract (only what changed), load.

Thin assets over plain functions (extraction in pipelines/extract, isolation in
pipelines/run; planning, caching, duplicates, fingerprints, loading and publishing in
pipelines/load); what they record as metadata is what the UI and the CLI summary show.

Incremental by content: each file is keyed by its sha256 in the extraction cache, so a run
reads only new or changed files; the staging tables hold the cached extracts of the files
present now — a copy of the published warehouse's staging with the rows of files added,
changed or deleted replaced (or, after a code change, all written afresh:
pipelines/load/increments.py) — so two runs over the same folder give the same marts. When the inputs
are exactly those of the published warehouse, load, dbt and publish are skipped.
"""

import functools
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import dagster as dg
from dagster_dbt import get_asset_keys_by_output_name_for_source

from pipelines import settings
from pipelines.assets.dbt import reports_dbt_assets
from pipelines.assets.types import FileList, SummaryList
from pipelines.load import plan as planning
from pipelines.load.cache import ExtractCache, cache_root
from pipelines.load.fingerprint import build_record, inputs_fingerprint
from pipelines.load.overview import describe_counts, failed_files_markdown, files_markdown, status_counts
from pipelines.load.plan import ExtractionPlan
from pipelines.load.publish import published_fingerprint, start_build
from pipelines.load.increments import plan_load
from pipelines.load.staging import DUPLICATES_TABLE, Rows, mark_duplicates, staged_rows, update_staging, write_staging
from pipelines.load.summary import ExtractSummary
from pipelines.normalize.text import printable_name
from pipelines.resources import ProgressResource, RawFolderResource, RunLockResource, WarehouseResource
from pipelines.run.sandbox import extract_isolated

# The staging tables under the keys dagster-dbt gives the dbt source `staging`, so the
# lineage runs on from raw files through the loaded tables into the dbt models.
STAGING_KEYS = {
    key.path[-1]: key
    for key in get_asset_keys_by_output_name_for_source([reports_dbt_assets], "staging").values()
}
# The load step also writes dedup.report_duplicates, dbt's source `dedup`: declared here, beside
# the step that writes it, as an external asset (the staging assets stay the extraction's tables)
report_duplicates = dg.AssetSpec(
    next(iter(get_asset_keys_by_output_name_for_source([reports_dbt_assets], "dedup").values())),
    group_name="ingest",
    description="One row per file that repeats another (same content, or the same report in another format): "
                "the load step counts the report once and names the file it kept.",
)

@dg.asset(group_name="ingest")
def report_files(
    context: dg.AssetExecutionContext,
    raw_folder: RawFolderResource,
    progress: ProgressResource,
    run_lock: RunLockResource,
) -> FileList:
    """Every entry of the raw folder, as paths relative to it: report files, and the entries
    reported as failed without being read (links that loop or lead out of the folder, FIFOs,
    devices, folders that could not be listed; pipelines/load/discover.py)."""
    files = planning.listed_files(raw_folder.root) or raw_folder.names()
    progress.line(context.log, f"discover: {len(files)} files in {raw_folder.root}")
    context.add_output_metadata({"file_count": len(files), "raw_dir": str(raw_folder.root)})
    return files


@dg.op(out={"plan": dg.Out(ExtractionPlan), "chunks": dg.DynamicOut(tuple)})
def plan_extraction(
    context: dg.OpExecutionContext,
    report_files: FileList,
    raw_folder: RawFolderResource,
    warehouse: WarehouseResource,
):
    """Hashes every file and looks it up in the cache (pipelines/load/plan.py); what is left
    to read goes out in chunks, one extraction step each (REPORTS_EXTRACT_CHUNKS): a
    multiprocess or celery executor runs the steps side by side, the in-process one after
    another."""
    plan = planning.plan_extraction(report_files, raw_folder.root, ExtractCache(cache_root(warehouse.path)))
    yield dg.Output(plan, "plan")
    chunks = planning.split(plan.to_read, settings.extract_chunks(len(plan.to_read)))
    for number, chunk in enumerate(chunks):
        yield dg.DynamicOutput((plan.version, chunk), output_name="chunks", mapping_key=f"chunk_{number}")


PAGES_SHOWN_FROM = 6  # scanned pages from which a file's progress is shown page by page


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

    def on_page(path: Path, done: int, total: int) -> None:  # a long scan shows its progress
        if total >= PAGES_SHOWN_FROM:
            progress.line(context.log, f"extract{label} {printable_name(path.relative_to(root).as_posix())}: "
                                       f"scanned page {done} of {total} read")

    # closed as soon as this loop ends, however it ends: the sandbox's children stop with it
    with closing(extract_isolated([root / p for p in keys], root, settings.extract_limits(), seconds, on_page)) as extracts:
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
) -> SummaryList:
    """Every file's summary, in the order of the files; the frames stay in the cache."""
    cache = ExtractCache(cache_root(warehouse.path), plan.version)
    summaries = planning.gather(plan, raw_folder.root, cache, lambda line: progress.line(context.log, line))
    statuses = status_counts(summaries)
    read_now = {printable_name(relative) for relative, _ in plan.to_read}
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


@dg.graph_asset(group_name="ingest")
def report_extracts(report_files: FileList) -> SummaryList:
    """The facts of each file, from the cache when its content was read before; a file
    that cannot be read becomes a 'failed' report. The frames stay in the extraction cache
    (warehouse/.cache); the asset's value is a summary per file."""
    plan, chunks = plan_extraction(report_files)
    read = chunks.map(extract_chunk).collect()
    return gather_extracts(plan, read)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(key, deps=["report_extracts"], group_name="staging", kinds={"duckdb"}, skippable=True)
        for key in STAGING_KEYS.values()
    ],
    ins={"report_extracts": dg.AssetIn("report_extracts")},
)
def staging_tables(
    context: dg.AssetExecutionContext,
    report_extracts: SummaryList,
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
    load = plan_load(warehouse.path, reports)
    build = start_build(warehouse.path, copy_published=not load.full)
    build_info = build_record(reports, fingerprint, load.full)
    if load.full:
        incoming = cached_rows(reports, cache_root(warehouse.path), raw_folder)
        rows = write_staging(build, incoming, build_info, load.staged)
    else:
        changed = [r for r in reports if r.source_file in load.insert_files]
        incoming = cached_rows(changed, cache_root(warehouse.path), raw_folder)
        rows = update_staging(build, load.delete_ids, incoming, load.changed_ids(), build_info, load.staged)
    duplicates = [(r.source_file, r.report["duplicate_of"]) for r in reports if r.report["status"] == "duplicate"]
    progress.line(
        context.log,
        f"load: {rows['reports']} reports, {fact_rows(rows)} fact rows into {build}; {load.describe()}"
        + (f" ({len(duplicates)} duplicate files counted once)" if duplicates else ""),
    )
    for table, key in STAGING_KEYS.items():
        metadata = {"dagster/row_count": rows[table]}
        if table == "reports":
            metadata["duplicate_files"] = dg.MetadataValue.json(dict(duplicates))
            metadata["inputs_fingerprint"] = fingerprint
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)


def cached_rows(reports: list[ExtractSummary], root: Path, raw_folder: RawFolderResource) -> Iterator[Rows]:
    """Each report's rows read back from the cache, one at a time, as they are loaded (a
    damaged entry is healed: pipelines/load/plan.py)."""
    caches: dict[str, ExtractCache] = {}
    entries = functools.cache(raw_folder.entries)  # listed once, and only if an entry needs healing
    for summary in reports:
        cache = caches.setdefault(summary.version, ExtractCache(root, summary.version))
        yield staged_rows(*planning.cached_tables(summary, cache, raw_folder.root, entries))


def fact_rows(rows: dict[str, int]) -> int:
    return sum(n for table, n in rows.items() if table not in ("reports", DUPLICATES_TABLE))
