"""The last steps: the built warehouse is checked against the published one (a blocking
asset check: a build that would lose much is refused, pipelines/load/guard.py), then
replaces it, atomically, with its marts exported as Parquet (pipelines/load/publish.py)."""

import time

import dagster as dg

from pipelines.assets.dbt import reports_dbt_assets
from pipelines.assets.types import SummaryList
from pipelines.load import guard
from pipelines.load.cache import ExtractCache, cache_root
from pipelines.load.publish import build_path, finish_build, publish
from pipelines.resources import ProgressResource, RunLockResource, WarehouseResource


@dg.asset(group_name="publish", deps=list(reports_dbt_assets.keys), kinds={"duckdb"})
def warehouse_build(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, run_lock: RunLockResource
) -> dg.MaterializeResult:
    """This run's build (`reports.duckdb.building`), built and tested by dbt and checkpointed:
    what publishing would put in place of the warehouse readers open."""
    build = build_path(warehouse.path)
    finish_build(build)
    return dg.MaterializeResult(metadata={"build": str(build)})  # its counts: the check below


@dg.asset_check(
    asset=warehouse_build,
    blocking=True,
    description="The build keeps what the published warehouse holds: refused (not published) when "
    "it has no usable report, loses more than 10% of the reports or units, half the rows of a fact "
    "mart, or more than 10% of the files failed on an error in the extraction code "
    "(pipelines/load/guard.py). --force-publish overrides.",
)
def build_keeps_the_warehouse(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    build = guard.count(build_path(warehouse.path)) or guard.WarehouseCounts()  # unreadable: refused
    published = guard.count(warehouse.path)
    reasons = guard.refusals(build, published)
    return dg.AssetCheckResult(
        passed=not reasons or guard.forced(),
        severity=dg.AssetCheckSeverity.ERROR,
        description="; ".join(reasons) or "nothing lost",
        metadata={
            "refusals": dg.MetadataValue.md("\n".join(f"- {r}" for r in reasons) or "none"),
            "forced": guard.forced(),
            "published_usable_reports": published.usable if published else 0,
            "build_usable_reports": build.usable,
            "build_failed_files": build.failed,
            "build_units": build.units,
            **{f"build_rows_{mart}": rows for mart, rows in build.fact_rows.items()},
        },
    )


@dg.asset(group_name="publish", deps=[warehouse_build], kinds={"duckdb", "parquet"})
def published_warehouse(
    context: dg.AssetExecutionContext,
    report_extracts: SummaryList,
    warehouse: WarehouseResource,
    progress: ProgressResource,
    run_lock: RunLockResource,
) -> dg.MaterializeResult:
    """The warehouse readers open (`reports.duckdb`) and its marts as Parquet
    (`marts/*.parquet`), switched onto this run's build only once dbt built and tested it and
    the guard let it through. The extraction cache drops the entries of files gone only now:
    a refused build keeps them."""
    started = time.monotonic()
    rows = publish(build_path(warehouse.path), warehouse.path)
    version = report_extracts[0].version if report_extracts else None
    ExtractCache(cache_root(warehouse.path), version).prune(keep={summary.key for summary in report_extracts})
    progress.line(
        context.log,
        f"publish: {warehouse.path} and {len(rows)} marts as Parquet ({time.monotonic() - started:.1f} s)",
    )
    return dg.MaterializeResult(
        metadata={"warehouse": warehouse.path, **{f"rows_{name}": n for name, n in rows.items()}}
    )
