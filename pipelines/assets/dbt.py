"""The dbt project as Dagster assets: one asset per model and seed, one check per test.

`dbt build` runs once for the whole selection; after an incremental load into a copy the
same dbt project built, without the copy's seeds and unit tests (load/increments.py). A run of
the whole graph (every ingest) runs dbt in its own process (run/dbt_in_process.py), and a
nightly patch the SQL dbt compiled for the last one, without dbt's runner (run/dbt_patch.py);
a subset picked in the UI goes through dagster-dbt's CLI runner, a dbt process of its own. The
manifest Dagster reads the graph from is made by `dbt parse`: by the set-up, by the CLI
before it loads this module, and at every load under `dagster dev`
(resources.manifest_for_assets).
"""

import graphlib
import hashlib
import json
import shutil
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
# (not exported by dagster-dbt: the class its CLI runner turns dbt's JSON log lines into events with)
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage

from pipelines.load.increments import (
    DATA_ONLY_SELECTION,
    changed_reports,
    dbt_project_digest,
    dbt_selection,
    record_dbt_project,
    set_changed_reports,
)
from pipelines.load.publish import builder_pid_file, record_builder
from pipelines.resources import (
    DBT_PROJECT,
    ProgressResource,
    RunLockResource,
    WarehouseResource,
    manifest_for_assets,
    write_build_profile,
)
from pipelines.run.dbt_in_process import DbtBuild, build_in_process
from pipelines.run.dbt_patch import PLAN_SENTINEL, PlanFailed, keep_plan, load_plan, plan_key, run_plan


class LayeredTranslator(DagsterDbtTranslator):
    """Groups dbt assets by the model folder (staging / intermediate / marts)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        if dbt_resource_props.get("resource_type") == "model" and len(fqn) > 2:
            return fqn[1]
        return "seeds" if dbt_resource_props.get("resource_type") == "seed" else None


TRANSLATOR = LayeredTranslator()


@dbt_assets(
    manifest=manifest_for_assets(),
    project=DBT_PROJECT,
    dagster_dbt_translator=TRANSLATOR,
)
def reports_dbt_assets(
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    warehouse: WarehouseResource,
    progress: ProgressResource,
    run_lock: RunLockResource,
) -> Iterator:
    started = time.monotonic()
    # dbt builds the file the load step wrote (the publish step puts it in place of the
    # warehouse afterwards), named in a profile of the run's own (prepare_target_path)
    target_path = prepare_target_path(warehouse.path, warehouse.build_path)
    whole = context.selected_asset_keys == context.assets_def.keys
    selection, scope = dbt_selection(warehouse.build_path, whole=whole)
    # the whole graph (every ingest) builds in this process; a subset picked in the UI goes
    # through dagster-dbt's CLI runner, which turns Dagster's selection into dbt's
    if whole:
        build, ran = in_process(context, progress, selection, target_path, warehouse.build_path)
        scope += ran
    else:
        build = with_dbt_cli(context, dbt, warehouse, selection, target_path)
    row_counts = build.mart_rows
    if row_counts is None:  # a patch counts them as it runs; dbt's runner does not
        row_counts = warehouse.row_counts("marts", path=warehouse.build_path)
    events = in_build_order(context, build.events) if selection and build.success else build.events
    for event in events:
        yield with_row_count(context, event, row_counts)

    statuses = Counter((r["unique_id"].split(".")[0], r["status"]) for r in build.results)
    if not build.success:
        progress.line(context.log, f"dbt build: {describe_statuses(statuses)} ({time.monotonic() - started:.1f} s)")
        raise dg.Failure(
            description="dbt build failed: " + (build.error or describe_failures(build.results, target_path)),
            metadata={f"{kind} {status}": n for (kind, status), n in statuses.items()},
        )
    record_dbt_project(warehouse.build_path)  # the next incremental run may then build the data alone
    progress.line(context.log, f"dbt build: {describe_statuses(statuses)}; {scope} ({time.monotonic() - started:.1f} s)")


def in_process(context: dg.AssetExecutionContext, progress: ProgressResource, selection: list[str],
               target_path: Path, build_path: str) -> tuple[DbtBuild, str]:
    """The build in this process, its result events made Dagster's by dagster-dbt as the CLI
    runner would, and a word on how it ran: a nightly patch runs the SQL dbt compiled for the
    last one (run/dbt_patch.py), anything else dbt's runner (run/dbt_in_process.py), after
    which the plan for the next patch is kept."""
    key = plan_key(dbt_project_digest(), build_path)
    build, ran = None, ""
    if selection == DATA_ONLY_SELECTION and (plan := load_plan(target_path, key)):
        try:
            build, ran = run_plan(plan, build_path), "; dbt's compiled SQL run again (run/dbt_patch.py)"
        except PlanFailed as failure:
            progress.line(context.log, f"dbt patch plan: {failure}; dbt builds instead")
    if build is None:
        build = build_in_process(selection, DBT_PROJECT.project_dir, target_path)
        if build.success:
            keep_the_next_plan(selection, build, build_path, target_path, key)
    manifest = dbt_manifest()
    events = [
        event
        for raw in build.events
        for event in DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={}).to_default_asset_events(
            manifest=manifest, dagster_dbt_translator=TRANSLATOR, context=context, target_path=target_path, project=DBT_PROJECT)
    ]
    return replace(build, events=events), ran


def keep_the_next_plan(selection: list[str], build: DbtBuild, build_path: str, target_path: Path, key: dict) -> None:
    """The plan of the next nightly patch: this build's, when it built the data alone; after a
    build of everything, the data-only selection compiled for no report (PLAN_SENTINEL), which
    renders each mart kept per report as a patch runs it (its table exists: is_incremental())
    without building anything or running a test again (a build for no report did both: 6.3-7.0 s
    at 1,000 reports, against 2.0-3.9 s compiled)."""
    if selection == DATA_ONLY_SELECTION:
        keep_plan(build, changed_reports(build_path), target_path, key)
        return
    before = changed_reports(build_path)
    set_changed_reports(build_path, [PLAN_SENTINEL])
    try:
        for_no_report = build_in_process(DATA_ONLY_SELECTION, DBT_PROJECT.project_dir, target_path, command="compile")
    finally:
        set_changed_reports(build_path, before)
    if for_no_report.success:
        keep_plan(for_no_report, [PLAN_SENTINEL], target_path, key)


def with_dbt_cli(context, dbt: DbtCliResource, warehouse: WarehouseResource, selection: list[str], target_path: Path) -> DbtBuild:
    """The build by dagster-dbt's CLI runner: a dbt process of its own."""
    try:
        invocation = dbt.cli(
            ["build", "--profiles-dir", str(target_path), *selection],
            context=context, raise_on_error=False, target_path=target_path,
        )
        # should this run be killed, the next one stops this dbt before building (load/publish.py)
        record_builder(Path(warehouse.build_path), invocation.process.pid)
        # hold the events until dbt has exited: only then may this process open the build
        events = list(invocation.stream())
    finally:
        builder_pid_file(Path(warehouse.build_path)).unlink(missing_ok=True)
    return DbtBuild(success=invocation.is_successful(), events=events, results=run_results(invocation))


def dbt_manifest() -> dict:
    """The manifest the dbt assets were defined from."""
    return json.loads(DBT_PROJECT.manifest_path.read_text(encoding="utf-8"))


def in_build_order(context: dg.AssetExecutionContext, events: list) -> Iterator:
    """dbt's events for a data-only build, with an output for every selected asset it left
    alone (the seeds and views: the build holds the copy's, which the same dbt project built),
    said so, so that the steps after dbt run (they wait on every asset). Outputs go in the
    graph's order, as Dagster requires of a multi-asset; the test results follow."""
    built = {context.asset_key_for_output(e.output_name): e for e in events if isinstance(e, dg.Output)}
    selected = context.selected_asset_keys
    deps = context.assets_def.asset_deps
    for key in graphlib.TopologicalSorter({k: deps.get(k, set()) & selected for k in selected}).static_order():
        yield built.get(key) or dg.Output(
            None, output_name=context.assets_def.get_output_name_for_asset_key(key),
            metadata={"kept": "unchanged from the published build this one started as"},
        )
    yield from (e for e in events if not isinstance(e, dg.Output))


def target_path_for(warehouse_path: str) -> Path:
    """dbt's target folder for runs on one warehouse file.

    dagster-dbt's default, a fresh folder per run, costs a full parse every run and grows
    without end. One folder per warehouse keeps dbt's partial-parse state (which is
    invalidated whenever the profile's path changes) and keeps runs on different
    warehouses, which may overlap, from reading each other's run_results.json.
    """
    path = Path(warehouse_path)
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:8]
    return DBT_PROJECT.project_dir / DBT_PROJECT.target_path / "runs" / f"{path.stem}-{digest}"


def prepare_target_path(warehouse_path: str, build_path: str) -> Path:
    """The run's target folder, marked with its warehouse, without a previous run's results
    (a run that dies early must not be described by them), and with the profile that points
    dbt at the build file."""
    target_path = target_path_for(warehouse_path)
    prune_orphan_targets(target_path.parent)
    target_path.mkdir(parents=True, exist_ok=True)
    (target_path / WAREHOUSE_MARKER).write_text(warehouse_path, encoding="utf-8")
    (target_path / "run_results.json").unlink(missing_ok=True)
    write_build_profile(target_path, build_path)
    return target_path


WAREHOUSE_MARKER = "warehouse.txt"


ORPHAN_AGE_S = 3600


def prune_orphan_targets(runs_dir: Path) -> None:
    """Drop the target folders of warehouses that are gone (a test's temporary file, a
    moved warehouse): a megabyte or more each, and never used again. A folder written in the
    last hour is kept: another run may be building its warehouse right now (its file does
    not exist until that run publishes it), and pruning it would fail that run."""
    now = time.time()
    for marker in runs_dir.glob(f"*/{WAREHOUSE_MARKER}"):
        recent = now - marker.stat().st_mtime < ORPHAN_AGE_S
        if not recent and not Path(marker.read_text(encoding="utf-8")).exists():
            shutil.rmtree(marker.parent, ignore_errors=True)


def with_row_count(context: dg.AssetExecutionContext, event, row_counts: dict[str, int]):
    """A mart's materialization with its row count, which the UI shows as a column."""
    if not isinstance(event, dg.Output):
        return event
    key = context.asset_key_for_output(event.output_name)
    if len(key.path) == 2 and key.path[0] == "marts" and key.path[1] in row_counts:
        return event.with_metadata({**event.metadata, "dagster/row_count": row_counts[key.path[1]]})
    return event


def run_results(invocation) -> list[dict]:
    """dbt's result per node; none when dbt stopped before writing run_results.json."""
    try:
        return invocation.get_artifact("run_results.json")["results"]
    except (OSError, ValueError, KeyError):
        return []


def describe_statuses(statuses: Counter) -> str:
    built = sum(n for (kind, status), n in statuses.items() if kind in ("model", "seed") and status == "success")
    tests = sum(n for (kind, _), n in statuses.items() if kind in ("test", "unit_test"))
    warned = statuses[("test", "warn")]
    bad = sum(n for (_, status), n in statuses.items() if status in ("error", "fail", "skipped"))
    text = f"{built} models and seeds built, {tests} tests run"
    text += f", {warned} warned" if warned else ""
    return text + (f", {bad} failed or skipped" if bad else "")


def describe_failures(results: list[dict], target_path: Path) -> str:
    failed = [
        f"{r['unique_id']} ({r['status']}: {(r.get('message') or '').strip()[:200]})"
        for r in results
        if r["status"] in ("error", "fail")
    ]
    # no failed node means dbt itself stopped (a parse or connection error): its log says why
    return "; ".join(failed) or f"see the dbt log in {target_path}"
