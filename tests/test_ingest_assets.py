"""The pieces of the code location that need no dbt run: discovery, the sensor, lineage."""

from __future__ import annotations

import os
import shutil

import dagster as dg
import pytest

from pipelines.resources import RawFolderResource, discover_report_files
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
    assert names(raw, discover_report_files(raw)) == ["2021/county/b.docx", "a.txt"]


def test_links_leading_out_of_the_folder_are_not_followed(raw, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s")
    os.symlink(outside / "secret.txt", raw / "link-out.txt")
    os.symlink(outside, raw / "folder-out")
    os.symlink(raw / "a.txt", raw / "link-in.txt")

    assert names(raw, discover_report_files(raw)) == ["2021/county/b.docx", "a.txt", "link-in.txt"]


def test_a_missing_raw_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        discover_report_files(tmp_path / "absent")


def test_folder_fingerprint_changes_with_content_not_with_time(raw):
    folder = RawFolderResource(path=str(raw))
    before = folder_fingerprint(folder)
    assert folder_fingerprint(folder) == before
    (raw / "a.txt").write_text("a longer a")
    assert folder_fingerprint(folder) != before


def test_sensor_requests_a_run_only_when_the_folder_changes(raw):
    from pipelines.schedules import raw_folder_sensor

    folder = RawFolderResource(path=str(raw))
    first = raw_folder_sensor(dg.build_sensor_context(resources={"raw_folder": folder}))
    assert isinstance(first, dg.RunRequest)
    again = raw_folder_sensor(dg.build_sensor_context(cursor=first.run_key, resources={"raw_folder": folder}))
    assert isinstance(again, dg.SkipReason)


def test_staging_tables_feed_the_dbt_sources(dbt_manifest):
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    assert graph.get(dg.AssetKey(["stg_reports"])).parent_keys == {dg.AssetKey(["staging", "reports"])}
    assert graph.get(dg.AssetKey(["staging", "reports"])).parent_keys == {dg.AssetKey(["report_extracts"])}
    assert dg.AssetKey(["marts", "fct_budget"]) in graph.get_all_asset_keys()
    assert {job.name for job in defs.resolve_all_job_defs()} >= {"ingest_job"}


def test_target_folders_of_vanished_warehouses_are_pruned(tmp_path):
    from pipelines.assets.dbt import prepare_target_path

    gone, kept = tmp_path / "gone.duckdb", tmp_path / "kept.duckdb"
    gone.touch()
    kept.touch()
    gone_target, kept_target = prepare_target_path(str(gone)), prepare_target_path(str(kept))
    gone.unlink()

    assert prepare_target_path(str(kept)) == kept_target
    assert kept_target.is_dir() and not gone_target.exists()
    shutil.rmtree(kept_target)  # the test's folder lives in the real dbt_project/target
