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
from pathlib import Path

import dagster as dg
from dagster_dbt import get_asset_keys_by_output_name_for_source

from pipelines import settings
from pipelines.assets.dbt import reports_dbt_assets
from pipelines.extract.report import ReportExtract, failed_extract, file_sha256
from pipelines.load.cache import ExtractCache, cache_key, cache_root
from pipelines.load.publish import published_fingerprint, start_build
from pipelines.load.staging import DUPLICATES_TABLE, mark_duplicates, with_report, write_staging
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


@dg.asset(group_name="ingest")
def report_extracts(
    context: dg.AssetExecutionContext,
    report_files: list[str],
    raw_folder: RawFolderResource,
    warehouse: WarehouseResource,
    progress: ProgressResource,
) -> list[ReportExtract]:
    """The facts of each file, from the cache when its content was read before; a file
    that cannot be read becomes a 'failed' report."""
    started = time.monotonic()
    cache = ExtractCache(cache_root(warehouse.path))
    root = raw_folder.root
    extracts: dict[str, ReportExtract] = {}
    keys: dict[str, str] = {}
    to_extract: list[Path] = []
    for relative in report_files:
        path = root / relative
        refusal = refuse(path, root)
        if refusal is not None:
            extracts[relative] = refusal
            continue
        try:
            key = cache_key(file_sha256(path), path)
        except OSError as error:
            extracts[relative] = unreadable(path, root, error)
            continue
        cached = cache.get(key)
        if cached is not None:
            extracts[relative] = with_report(cached, source_file=relative)
        elif key not in keys.values():
            to_extract.append(path)  # a second copy of the same content waits for the first
        keys[relative] = key

    unchanged = len(extracts)
    limits = settings.extract_limits()
    for number, (path, extract) in enumerate(extract_isolated(to_extract, root, limits), start=1):
        relative = path.relative_to(root).as_posix()
        cache.put(keys[relative], extract)
        extracts[relative] = extract
        report = extract.report
        progress.line(
            context.log,
            f"extract [{number}/{len(to_extract)}] {relative}: {report['status']}"
            + (f" ({report['error']})" if report["error"] else ""),
        )
    for relative, key in keys.items():
        if relative not in extracts:  # copies of a file read just now
            extracts[relative] = with_report(cache.get(key), source_file=relative)
    cache.prune(keep=set(keys.values()))

    ordered = [extracts[relative] for relative in report_files]
    statuses = status_counts(ordered)
    progress.line(
        context.log,
        f"extract: {len(to_extract)} read, {len(report_files) - len(to_extract)} unchanged or refused; "
        f"{describe_counts(statuses)} ({time.monotonic() - started:.1f} s)",
    )
    context.add_output_metadata(
        {
            "files_extracted": len(to_extract),
            "files_unchanged": unchanged - (len(report_files) - len(keys)),
            **{f"files_{status}": n for status, n in statuses.items()},
            "failed_files": dg.MetadataValue.md(failed_files_markdown(ordered)),
            "files": dg.MetadataValue.md(files_markdown(ordered, {p.relative_to(root).as_posix() for p in to_extract})),
        }
    )
    return ordered


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
    report_extracts: list[ReportExtract],
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
    rows = write_staging(build, reports, build_info={"fingerprint": fingerprint, "files": len(reports)})
    duplicates = [(r.report["source_file"], r.report["duplicate_of"]) for r in reports if r.report["status"] == "duplicate"]
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


def fact_rows(rows: dict[str, int]) -> int:
    return sum(n for table, n in rows.items() if table not in ("reports", DUPLICATES_TABLE))


def inputs_fingerprint(reports: list[ReportExtract]) -> str:
    """Equal exactly when a build would give the same warehouse: the same files with the
    same content and outcome, the same load and dbt code."""
    digest = hashlib.sha256(f"load v{LOAD_VERSION}".encode())
    for folder in BUILD_CODE:
        for path in sorted((settings.REPO_ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(settings.REPO_ROOT).as_posix().encode() + path.read_bytes())
    for extract in reports:
        report = extract.report
        row = [report["source_file"], report["report_id"], report["source_sha256"], report["status"], report["error"]]
        digest.update(json.dumps(row, ensure_ascii=False).encode())
    return digest.hexdigest()


def status_counts(extracts: list[ReportExtract]) -> dict[str, int]:
    counts = {"loaded": 0, "partial": 0, "failed": 0}
    for extract in extracts:
        status = extract.report["status"]
        counts[status] = counts.get(status, 0) + 1
    return counts


def describe_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {status}" for status, n in counts.items())


def failed_files_markdown(extracts: list[ReportExtract]) -> str:
    failed = [e.report for e in extracts if e.report["status"] == "failed"]
    if not failed:
        return "none"
    return "\n".join(f"- `{r['source_file']}`: {r['error']}" for r in failed)


def files_markdown(extracts: list[ReportExtract], read_now: set[str]) -> str:
    """One line per file: its content hash, status, and whether this run read it."""
    lines = ["| file | sha256 | status | this run |", "|---|---|---|---|"]
    for extract in extracts:
        r = extract.report
        how = "read" if r["source_file"] in read_now else "unchanged"
        lines.append(f"| `{r['source_file']}` | `{r['source_sha256'][:12]}` | {r['status']} | {how} |")
    return "\n".join(lines)
