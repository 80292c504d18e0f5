"""Raw files to staging tables: discover, extract, load.

Thin assets over plain functions (extraction in pipelines/extract, loading in
pipelines/load); what they record as metadata is what the UI and the CLI summary show.
"""

import time

import dagster as dg
from dagster_dbt import get_asset_keys_by_output_name_for_source

from pipelines.assets.dbt import reports_dbt_assets
from pipelines.extract.report import ReportExtract, extract_file
from pipelines.load.staging import write_staging
from pipelines.resources import ProgressResource, RawFolderResource, WarehouseResource

# The staging tables under the keys dagster-dbt gives the dbt source `staging`, so the
# lineage runs on from raw files through the loaded tables into the dbt models.
STAGING_KEYS = {
    key.path[-1]: key
    for key in get_asset_keys_by_output_name_for_source([reports_dbt_assets], "staging").values()
}


@dg.asset(group_name="ingest")
def report_files(
    context: dg.AssetExecutionContext, raw_folder: RawFolderResource, progress: ProgressResource
) -> list[str]:
    """Every report file of the raw folder, as paths relative to it."""
    files = [path.relative_to(raw_folder.root).as_posix() for path in raw_folder.files()]
    progress.line(context.log, f"discover: {len(files)} files in {raw_folder.root}")
    context.add_output_metadata({"file_count": len(files), "raw_dir": str(raw_folder.root)})
    return files


@dg.asset(group_name="ingest")
def report_extracts(
    context: dg.AssetExecutionContext,
    report_files: list[str],
    raw_folder: RawFolderResource,
    progress: ProgressResource,
) -> list[ReportExtract]:
    """The facts of each file; a file that cannot be read becomes a 'failed' report."""
    started = time.monotonic()
    extracts = []
    for number, relative in enumerate(report_files, start=1):
        extract = extract_file(raw_folder.root / relative, raw_folder.root)
        report = extract.report
        progress.line(
            context.log,
            f"extract [{number}/{len(report_files)}] {relative}: {report['status']}"
            + (f" ({report['error']})" if report["error"] else ""),
        )
        extracts.append(extract)
    statuses = status_counts(extracts)
    progress.line(
        context.log,
        f"extract: {describe_counts(statuses)} ({time.monotonic() - started:.1f} s)",
    )
    context.add_output_metadata(
        {
            **{f"files_{status}": n for status, n in statuses.items()},
            "failed_files": dg.MetadataValue.md(failed_files_markdown(extracts)),
        }
    )
    return extracts


@dg.multi_asset(
    specs=[
        dg.AssetSpec(key, deps=["report_extracts"], group_name="staging", kinds={"duckdb"})
        for key in STAGING_KEYS.values()
    ],
    ins={"report_extracts": dg.AssetIn("report_extracts")},
)
def staging_tables(
    context: dg.AssetExecutionContext,
    report_extracts: list[ReportExtract],
    warehouse: WarehouseResource,
    progress: ProgressResource,
):
    """The extracted frames loaded into the warehouse's `staging` schema, replacing the last run's."""
    distinct, duplicates = distinct_reports(report_extracts)
    rows = write_staging(warehouse.path, distinct)
    progress.line(
        context.log,
        f"load: {rows['reports']} reports, {sum(rows.values()) - rows['reports']} fact rows"
        f" into {warehouse.path}" + (f" ({len(duplicates)} duplicate files skipped)" if duplicates else ""),
    )
    for table, key in STAGING_KEYS.items():
        metadata = {"dagster/row_count": rows[table]}
        if table == "reports":
            metadata["duplicate_files"] = dg.MetadataValue.json(duplicates)
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)


def distinct_reports(extracts: list[ReportExtract]) -> tuple[list[ReportExtract], list[str]]:
    """One extract per report_id (the file's content hash): the same file copied twice into
    the raw folder is one report. Returns the kept extracts and the skipped copies' paths."""
    seen: set[str] = set()
    kept, duplicates = [], []
    for extract in extracts:
        report = extract.report
        if report["report_id"] in seen:
            duplicates.append(report["source_file"])
        else:
            seen.add(report["report_id"])
            kept.append(extract)
    return kept, duplicates


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

