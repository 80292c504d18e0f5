"""The pieces of the code location that need no dbt run: discovery, the sensor, lineage."""

from __future__ import annotations

import os
import shutil
import time

import dagster as dg
import pytest

from pipelines.load.discover import list_raw_folder, refusal
from pipelines.resources import RawFolderResource
from pipelines.schedules import folder_fingerprint


@pytest.fixture
def raw(tmp_path):
    raw = tmp_path / "raw"
    (raw / "2021" / "county").mkdir(parents=True)
    (raw / "a.txt").write_text("a")
    (raw / "2021" / "county" / "b.docx").write_text("b")
    (raw / ".DS_Store").write_text("x")
    (raw / ".git").mkdir()
    (raw / ".git" / "c.txt").write_text("x")
    (raw / "2021" / "~$b.docx").write_text("word lock file")
    return raw


def names(raw, paths):
    return [p.relative_to(raw).as_posix() for p in paths]


def test_discovery_is_recursive_sorted_and_skips_hidden_files(raw):
    assert names(raw, list_raw_folder(raw)) == ["2021/county/b.docx", "a.txt"]


def test_entries_sort_folder_by_folder_and_a_deep_tree_is_listed(tmp_path):
    raw = tmp_path / "raw"
    (raw / "a").mkdir(parents=True)
    (raw / "a" / "b.txt").write_text("x")
    (raw / "a-c.txt").write_text("x")  # as text "a-c.txt" < "a/b.txt"; as paths, the folder a first
    deep = raw
    try:
        for _ in range(1200):  # deeper than Python's recursion limit (made level by level: mkdir's
            (deep / "d").mkdir()  # parents=True recurses too)
            deep = deep / "d"
        (deep / "r.txt").write_text("x")
        assert names(raw, list_raw_folder(raw)) == ["a/b.txt", "a-c.txt", "/".join(["d"] * 1200) + "/r.txt"]
    finally:  # taken down level by level too: pytest's clean-up of old temporary folders recurses
        (deep / "r.txt").unlink(missing_ok=True)
        while deep != raw:
            deep.rmdir()
            deep = deep.parent


def test_links_leading_out_of_the_folder_are_not_followed(raw, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s")
    os.symlink(outside / "secret.txt", raw / "link-out.txt")
    os.symlink(outside, raw / "folder-out")
    os.symlink(raw / "a.txt", raw / "link-in.txt")

    listed = list_raw_folder(raw)
    assert names(raw, listed) == ["2021/county/b.docx", "a.txt", "folder-out", "link-in.txt", "link-out.txt"]
    # the links leading out are listed to be reported, never read; the one inside is read
    assert [p.name for p in listed if refusal(p, raw)] == ["folder-out", "link-out.txt"]


def test_a_missing_raw_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        list_raw_folder(tmp_path / "absent")


def test_folder_fingerprint_changes_with_content_not_with_time(raw):
    folder = RawFolderResource(path=str(raw))
    before = folder_fingerprint(folder)
    assert folder_fingerprint(folder) == before
    (raw / "a.txt").write_text("a longer a")
    assert folder_fingerprint(folder) != before


def test_sensor_requests_a_run_only_when_the_folder_changes(raw):
    from pipelines.schedules import raw_folder_sensor

    folder = RawFolderResource(path=str(raw))
    context = dg.build_sensor_context(resources={"raw_folder": folder})
    first = raw_folder_sensor(context)  # a fresh `dagster dev` starts no ingest unasked
    assert isinstance(first, dg.SkipReason) and "first look" in first.skip_message
    again = raw_folder_sensor(dg.build_sensor_context(cursor=context.cursor, resources={"raw_folder": folder}))
    assert isinstance(again, dg.SkipReason) and again.skip_message == "raw folder unchanged"
    (raw / "a.txt").write_text("a changed report")
    changed = raw_folder_sensor(dg.build_sensor_context(cursor=context.cursor, resources={"raw_folder": folder}))
    assert isinstance(changed, dg.RunRequest)


def test_staging_tables_feed_the_dbt_sources(dbt_manifest):
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    assert graph.get(dg.AssetKey(["stg_reports"])).parent_keys == {dg.AssetKey(["staging", "reports"])}
    assert graph.get(dg.AssetKey(["staging", "reports"])).parent_keys == {dg.AssetKey(["report_extracts"])}
    assert dg.AssetKey(["marts", "fct_budget"]) in graph.get_all_asset_keys()
    assert {job.name for job in defs.resolve_all_job_defs()} >= {"ingest_job"}


def test_target_folders_of_vanished_warehouses_are_pruned(tmp_path):
    from pipelines.assets.dbt import ORPHAN_AGE_S, WAREHOUSE_MARKER, prepare_target_path

    gone, building, kept = tmp_path / "gone.duckdb", tmp_path / "building.duckdb", tmp_path / "kept.duckdb"
    for path in (gone, building, kept):
        path.touch()
    targets = {path: prepare_target_path(str(path), f"{path}.building") for path in (gone, building, kept)}
    gone.unlink()
    building.unlink()  # another run's warehouse that is not published yet
    an_hour_ago = time.time() - ORPHAN_AGE_S - 60
    os.utime(targets[gone] / WAREHOUSE_MARKER, (an_hour_ago, an_hour_ago))

    assert prepare_target_path(str(kept), f"{kept}.building") == targets[kept]
    assert f"path: {kept}.building" in (targets[kept] / "profiles.yml").read_text(encoding="utf-8")  # dbt's target
    assert targets[kept].is_dir() and not targets[gone].exists()
    assert targets[building].is_dir()  # written within the hour: a run may be using it
    for target in (targets[kept], targets[building]):
        shutil.rmtree(target)  # the test's folders live in the real dbt_project/target


def test_the_dbt_launcher_answers_its_version_offline_and_passes_the_rest_to_dbt(tmp_path):
    """dagster-dbt asks `dbt --version` every run; dbt itself would ask the network first."""
    import subprocess  # noqa: PLC0415
    from importlib.metadata import version  # noqa: PLC0415

    from pipelines.resources import dbt_cli_resource, dbt_launcher  # noqa: PLC0415

    launcher = dbt_launcher()
    assert dbt_cli_resource().dbt_executable == str(launcher)
    answer = subprocess.run([launcher, "--version"], capture_output=True, text=True, timeout=30, check=True)
    assert f"installed: {version('dbt-core')}" in answer.stdout
    # anything else is dbt's: an unknown command is refused by dbt, not by the launcher
    refused = subprocess.run([launcher, "no-such-command"], capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "no-such-command" in refused.stdout + refused.stderr


def test_every_asset_has_a_group_and_a_description():
    """The UI shows no asset in Dagster's `default` group, none without a word on what it is."""
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    nodes = [graph.get(key) for key in graph.get_all_asset_keys()]
    assert [n.key.to_user_string() for n in nodes if n.group_name in (None, "default")] == []
    assert [n.key.to_user_string() for n in nodes if not n.description] == []
