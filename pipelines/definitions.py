"""The Dagster code location: `dagster dev` loads `defs` (see [tool.dagster] in pyproject)."""

from __future__ import annotations

import dagster as dg

from pipelines.assets.checks import ASSET_CHECKS
from pipelines.assets.dbt import reports_dbt_assets
from pipelines.assets.ingest import report_duplicates, report_extracts, report_files, staging_tables
from pipelines.assets.publish import build_keeps_the_warehouse, published_warehouse, warehouse_build
from pipelines.executors import step_io_manager
from pipelines.resources import default_resources
from pipelines.schedules import ingest_job, nightly_ingest, raw_folder_sensor

ASSETS = [report_files, report_extracts, staging_tables, report_duplicates, reports_dbt_assets, warehouse_build,
          published_warehouse]
CHECKS = [*ASSET_CHECKS, build_keeps_the_warehouse]

defs = dg.Definitions(
    assets=ASSETS,
    asset_checks=CHECKS,
    jobs=[ingest_job],
    schedules=[nightly_ingest],
    sensors=[raw_folder_sensor],
    # steps hand outputs over through files (a multiprocess or celery run needs them)
    resources={**default_resources(), **step_io_manager()},
)
