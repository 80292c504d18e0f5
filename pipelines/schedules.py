"""When the graph runs: a nightly schedule, and a sensor on the raw folder."""

import hashlib
import json

import dagster as dg

from pipelines import settings
from pipelines.executors import ingest_executor
from pipelines.load.lock import is_locked
from pipelines.resources import RawFolderResource

# the whole graph, raw files to marts: a partial run would leave marts out of step. Its
# steps run in one process by default, or in a process each, or on celery workers
# (REPORTS_EXECUTOR, pipelines/executors.py); whichever, the run lock is held by the run's
# orchestrator from the first step to the last, and its steps join that hold.
ingest_job = dg.define_asset_job(
    "ingest_job", selection=dg.AssetSelection.all(), executor_def=ingest_executor()
)

nightly_ingest = dg.ScheduleDefinition(
    name="nightly_ingest",
    job=ingest_job,
    cron_schedule="0 2 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


@dg.sensor(job=ingest_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def raw_folder_sensor(context: dg.SensorEvaluationContext, raw_folder: RawFolderResource):
    """Starts a run when a file of the raw folder is added, removed or changed, unless an
    ingest is running (its run would not see the change; the next tick will)."""
    try:
        fingerprint = folder_fingerprint(raw_folder)
    except FileNotFoundError as error:
        return dg.SkipReason(str(error))
    if is_locked(settings.warehouse_path()):
        # the folder is looked at again next tick, when the running ingest is done
        return dg.SkipReason(f"an ingest is running on {settings.warehouse_path()}")
    if context.cursor is None:
        # the sensor's first look (a fresh `dagster dev`): nobody asked for a run yet
        context.update_cursor(fingerprint)
        return dg.SkipReason("first look at the raw folder: a run starts when a file is added, changed or removed")
    if fingerprint == context.cursor:
        return dg.SkipReason("raw folder unchanged")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)


def folder_fingerprint(raw_folder: RawFolderResource) -> str:
    """A digest of the set of (path, mtime, size): equal exactly when no file changed."""
    listing = json.dumps(raw_folder.fingerprint(), ensure_ascii=False)
    return hashlib.sha256(listing.encode()).hexdigest()[:32]
