"""The last step: the built warehouse replaces the published one, atomically, and its marts
are exported as Parquet (pipelines/load/publish.py)."""

import time

import dagster as dg

from pipelines.assets.dbt import reports_dbt_assets
from pipelines.load.publish import build_path, finish_build, publish
from pipelines.resources import ProgressResource, RunLockResource, WarehouseResource


@dg.asset(
    group_name="publish",
    deps=list(reports_dbt_assets.keys),
    kinds={"duckdb", "parquet"},
)
def published_warehouse(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    progress: ProgressResource,
    run_lock: RunLockResource,
) -> dg.MaterializeResult:
    """The warehouse readers open (`reports.duckdb`) and its marts as Parquet
    (`marts/*.parquet`), switched onto this run's build only once dbt built and tested it."""
    started = time.monotonic()
    build = build_path(warehouse.path)
    finish_build(build)
    rows = publish(build, warehouse.path)
    progress.line(
        context.log,
        f"publish: {warehouse.path} and {len(rows)} marts as Parquet ({time.monotonic() - started:.1f} s)",
    )
    return dg.MaterializeResult(
        metadata={"warehouse": warehouse.path, **{f"rows_{name}": n for name, n in rows.items()}}
    )
