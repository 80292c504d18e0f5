"""pipelines.load.increments.plan_load: which reports' staging rows a run replaces.

Rules covered, one case each with its near miss:
- nothing published, or a warehouse that predates the record → everything written afresh;
- files unchanged → kept; a changed file → its old rows out (by the report_id staged) and
  its new rows in; a file gone → its rows out; a new file → its rows in;
- more than half the files changed, another staging layout, or --full-refresh → afresh;
- dbt_selection: after an incremental load into a copy the same dbt project built, the mart
  tables and data tests alone (or the assets a run selected); a full load, another dbt
  project (a model, rule or canonical line edited), a build no dbt has recorded, or
  --full-refresh → everything, with dbt's --full-refresh;
- changed_ids: the reports of the files gone, changed or new, not those kept.
"""

from __future__ import annotations

import duckdb
import pytest

import json

from pipelines.load.increments import (
    DATA_ONLY_SELECTION,
    FULL_REFRESH,
    FULL_REFRESH_ENV,
    dbt_selection,
    plan_load,
    record_dbt_project,
    record_staged,
    staged_digest,
)
from pipelines.load.summary import ExtractSummary


def summary(source: str, content: str) -> ExtractSummary:
    return ExtractSummary(key=f"{content}.key", version="v1", report={"source_file": source, "report_id": f"id-{content}"})


def published(tmp_path, reports: list[ExtractSummary]):
    path = tmp_path / "reports.duckdb"
    con = duckdb.connect(str(path))
    record_staged(con, {r.source_file: (r.report["report_id"], staged_digest(r)) for r in reports})
    con.close()
    return path


FOUR = [summary("a.txt", "A"), summary("b.txt", "B"), summary("c.txt", "C"), summary("d.txt", "D")]
EIGHT = FOUR + [summary(f"{name}.txt", name.upper()) for name in "fghi"]


def test_without_a_record_everything_is_written_afresh(tmp_path):
    assert plan_load(tmp_path / "absent.duckdb", FOUR).full
    empty = tmp_path / "old.duckdb"
    duckdb.connect(str(empty)).close()  # a warehouse from before the record
    assert plan_load(empty, FOUR).full


def test_only_what_changed_is_replaced(tmp_path):
    warehouse = published(tmp_path, EIGHT)
    now = [EIGHT[0], summary("b.txt", "B2"), *EIGHT[2:3], summary("e.txt", "E"), *EIGHT[4:]]  # b changed, d gone, e new

    plan = plan_load(warehouse, now)

    assert not plan.full
    assert plan.delete_ids == {"id-B", "id-D"}
    assert plan.insert_files == {"b.txt", "e.txt"}
    assert plan.gone == 1
    assert plan.describe() == "incremental: 2 new or changed, 1 gone, 6 kept as staged"
    # near miss: the same files again change nothing
    same = plan_load(warehouse, EIGHT)
    assert not same.full and not same.delete_ids and not same.insert_files


def test_a_status_change_alone_replaces_the_report(tmp_path):
    warehouse = published(tmp_path, FOUR)
    duplicate = FOUR[1].with_report(status="duplicate")  # same content, now a repeat of another file

    plan = plan_load(warehouse, [FOUR[0], duplicate, FOUR[2], FOUR[3]])

    assert plan.insert_files == {"b.txt"} and plan.delete_ids == {"id-B"}


def test_most_files_changed_or_asked_for_means_a_full_load(tmp_path, monkeypatch):
    warehouse = published(tmp_path, FOUR)
    changed = [summary(r.source_file, r.source_file.upper()) for r in FOUR[:3]] + [FOUR[3]]
    assert plan_load(warehouse, changed).full
    # near miss: half of them is still a patch
    assert not plan_load(warehouse, changed[:2] + FOUR[2:]).full
    monkeypatch.setenv(FULL_REFRESH_ENV, "1")
    assert plan_load(warehouse, FOUR).describe() == "all written afresh (asked for)"


def test_another_staging_layout_means_a_full_load(tmp_path):
    warehouse = published(tmp_path, FOUR)
    con = duckdb.connect(str(warehouse))
    con.execute("update meta.staging_layout set layout = 'older'")
    con.close()

    assert plan_load(warehouse, FOUR).reason == "the staging tables or the load changed"


@pytest.fixture(autouse=True)
def no_forced_refresh(monkeypatch):
    monkeypatch.delenv(FULL_REFRESH_ENV, raising=False)


def build_file(tmp_path, name: str, load: str = "incremental", dbt_built: bool = True):
    """A build file as the load leaves it (meta.build_info says how staging was written),
    and as dbt leaves it when it recorded its project."""
    path = tmp_path / f"{name}.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema meta")
    con.execute("create table meta.build_info as select 'f' as fingerprint, ? as details", [json.dumps({"load": load})])
    con.close()
    if dbt_built:
        record_dbt_project(path)
    return path


def test_dbt_builds_the_data_alone_after_an_incremental_load_with_the_same_project(tmp_path, monkeypatch):
    monkeypatch.delenv(FULL_REFRESH_ENV, raising=False)
    assert dbt_selection(build_file(tmp_path, "same"))[0] == DATA_ONLY_SELECTION
    assert dbt_selection(build_file(tmp_path, "subset"), whole=False)[0] == []  # the run's own selection
    # near misses: staging written afresh, no dbt recorded, another project, or asked for
    assert dbt_selection(build_file(tmp_path, "afresh", load="full")) == (FULL_REFRESH, "everything (staging written afresh)")
    assert dbt_selection(build_file(tmp_path, "new", dbt_built=False)) == (FULL_REFRESH, "everything (the copy records no dbt build)")
    other = build_file(tmp_path, "other")
    con = duckdb.connect(str(other))
    con.execute("update meta.dbt_project set digest = 'another project'")
    con.close()
    assert dbt_selection(other) == (FULL_REFRESH, "everything (the dbt project changed)")
    monkeypatch.setenv(FULL_REFRESH_ENV, "1")
    assert dbt_selection(build_file(tmp_path, "asked")) == (FULL_REFRESH, "everything (asked for)")


def test_the_marts_build_again_the_reports_of_files_gone_changed_or_new(tmp_path):
    warehouse = published(tmp_path, EIGHT)
    changed_c = summary("c.txt", "C2")  # new content under the name c.txt: a new report_id
    now = [r for r in EIGHT if r.source_file not in ("c.txt", "d.txt")] + [changed_c, summary("e.txt", "E")]
    plan = plan_load(warehouse, now)  # d.txt gone

    assert not plan.full
    assert plan.changed_ids() == {"id-C", "id-C2", "id-D", "id-E"}  # c's old and new rows, d's, e's
    assert not plan.changed_ids() & {"id-A", "id-B", "id-F"}  # near miss: the files kept
