"""Nightly runs do only the work that changed and never double-count.

One folder goes through four runs of the real CLI: cold, unchanged (nothing read, nothing
rebuilt, the same marts), after a file changed and another was deleted (only the changed
file read; the deleted file's rows gone, the changed file's replaced), and under an
upgraded extractor (every file read again and the warehouse rebuilt). After a change,
only the files that changed have their staging rows replaced, and the marts equal a full
rebuild's row for row, though dbt then leaves the copy's seeds, views and unit tests alone
(the same dbt project built them) and patches the marts kept per report. Duplicates
(a byte copy under a name with spaces, Chinese and shell characters, and the same report
as .docx) are counted once.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import asdict

import pytest

from conftest import query, run_ingest, write_reports
from pipelines.load import plan as planning
from pipelines.load.cache import ExtractCache, cache_key
from pipelines.extract.report import extract_file

pytestmark = pytest.mark.slow

# the extraction code may be edited while the tests run: pin the cache's version
PINNED = {"REPORTS_EXTRACT_CODE_VERSION": "test-incremental"}

# what the dbt step's line says when a patch ran the SQL dbt compiled for the last one
REPLAYED = "dbt's compiled SQL run again"
# every mart, ordered on all columns but the extraction timestamp
MARTS = [
    "dim_report", "dim_unit", "dim_budget_line", "dim_indicator", "fct_budget", "fct_project", "fct_indicator_score",
    "fct_headcount", "fct_finding", "fct_data_quality", "mart_budget_execution", "mart_three_public",
    "mart_report_scorecard", "mart_project_scorecard",
]


# and the table the analysts' views read, kept per unit by a patch (macros/incremental_by_unit.sql)
TABLES = [("marts", mart) for mart in MARTS] + [("dbt_intermediate", "int_unit_line_amounts")]


def snapshot(warehouse) -> dict[str, list[tuple]]:
    rows = {}
    for schema, table in TABLES:
        columns = [c for (c,) in query(warehouse, f"select column_name from information_schema.columns where table_schema = '{schema}' and table_name = '{table}' and column_name <> 'extracted_at' order by ordinal_position")]
        listed = ", ".join(f'"{c}"' for c in columns)
        rows[table] = query(warehouse, f"select {listed} from {schema}.{table} order by all")
    return rows


@pytest.fixture(scope="module")
def folder(tmp_path_factory, dbt_manifest):
    root = tmp_path_factory.mktemp("incremental")
    raw = root / "raw"
    reports = write_reports(raw, n=4)
    # the first report again as .docx (the same report in another format) ...
    docx = write_reports(root / "docx", n=1, formats=("docx",))[0]
    shutil.copy(docx, raw / docx.name)
    # ... and byte for byte under a name a shell would choke on
    shutil.copy(reports[1], raw / "副本 of $(rm -rf x); 'b'.txt")
    return raw, root / "warehouse" / "reports.duckdb", reports


@pytest.fixture(scope="module")
def cold(folder):
    raw, warehouse, _ = folder
    done = run_ingest(raw, warehouse, env=PINNED)
    assert done.returncode == 0, done.stdout + done.stderr
    return done, snapshot(warehouse)


def test_a_full_build_prints_its_own_lines_and_no_library_log_records(cold):
    """Importing dbt adds a handler on stderr to the root logger; Dagster's warnings (a singular
    dbt test logged as an observation) then reached the console of a full build."""
    done, _ = cold
    assert re.findall(r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):\S+:.*$", done.stdout + done.stderr, re.M) == []


def test_duplicates_are_counted_once_and_name_the_file_they_repeat(folder, cold):
    raw, warehouse, reports = folder
    rows = dict(
        ((f, (s, d)) for f, s, d in query(warehouse, "select source_file, status, duplicate_of from marts.dim_report"))
    )
    assert len(rows) == 6
    assert rows["副本 of $(rm -rf x); 'b'.txt"] == ("duplicate", reports[1].name)
    docx_status = rows[reports[0].with_suffix(".docx").name]
    txt_status = rows[reports[0].name]
    # one of the two formats is kept, the other names it
    assert sorted([docx_status[0], txt_status[0]]) == ["duplicate", "loaded"]
    assert {docx_status[1], txt_status[1]} - {None} <= {reports[0].name, reports[0].with_suffix(".docx").name}
    # (one of the four is a project form: its money is its project's, not the unit's budget)
    counted = query(warehouse, "select count(distinct report_id) from "
                               "(select report_id from marts.fct_budget union all select report_id from marts.fct_project)")[0][0]
    assert counted == 4
    assert "duplicate 副本 of $(rm -rf x); 'b'.txt: counted once" in cold[0].stdout


def test_an_unchanged_folder_is_neither_read_nor_rebuilt(folder, cold):
    raw, warehouse, _ = folder
    published = warehouse.stat().st_ino

    done = run_ingest(raw, warehouse, env=PINNED)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "extract: 0 read" in done.stdout
    assert "6 skipped as unchanged" in done.stdout
    assert "nothing changed since" in done.stdout and "dbt build:" not in done.stdout
    assert warehouse.stat().st_ino == published  # not even republished
    assert snapshot(warehouse) == cold[1]
    # the summary's row counts, after the graph ran and after a run without it, are the marts'
    marts = [name for (name,) in query(warehouse, "select table_name from information_schema.tables where table_schema = 'marts'")]
    counted = {name: query(warehouse, f'select count(*) from marts."{name}"')[0][0] for name in marts}
    for run in (cold[0], done):
        assert printed_rows(run.stdout) == counted


def printed_rows(stdout: str) -> dict[str, int]:
    """The run summary's 'marts.<name>  <n> rows' lines."""
    return {name: int(n) for name, n in re.findall(r"^ +marts\.(\w+) +(\d+) rows$", stdout, re.M)}


def test_an_unchanged_folder_is_recognised_without_decoding_a_summary(folder, cold, monkeypatch):
    """The published build recorded its plan's digest and statuses: the check decodes no
    summary (a decode would raise here) and gives the published statuses; a build that
    recorded none (an older warehouse), or that holds a failure to retry, is checked through
    the summaries."""
    from pipelines.load import noop, publish

    raw, warehouse, _ = folder
    monkeypatch.setenv(*next(iter(PINNED.items())))

    def no_decoding(self, key):
        raise AssertionError(f"summary {key} decoded")

    with monkeypatch.context() as patched:
        patched.setattr(ExtractCache, "summary", no_decoding)
        patched.setattr(ExtractCache, "has", no_decoding)
        found = noop.unchanged_since_published(raw, warehouse)
        fingerprint, details = publish.published_build(warehouse)
        patched.setattr(noop, "published_build", lambda _: (fingerprint, {**details, "to_retry": 1}))
        with pytest.raises(AssertionError, match="decoded"):  # a failure to retry: the summaries' way
            noop.unchanged_since_published(raw, warehouse)
    assert found is not None and found.unchanged == 6
    assert found.statuses == {"loaded": 4, "partial": 0, "failed": 0, "duplicate": 2}

    monkeypatch.setattr(noop, "published_build", lambda _: (fingerprint, {}))  # no digest recorded
    assert noop.unchanged_since_published(raw, warehouse).statuses == found.statuses


def test_the_plan_kept_after_a_full_build_is_the_one_a_data_only_build_makes(folder, cold, tmp_path):
    """After a full build the next patch's plan is compiled, not built (nothing is built or
    tested twice); compiled, each table and data test must read as a data-only build runs it.
    (A test that reads a seed's formula as it runs compiled with the formula left null, and
    would have passed whatever the data.)"""
    from pipelines.assets.dbt import DBT_PROJECT, target_path_for
    from pipelines.load.increments import DATA_ONLY_SELECTION, set_changed_reports
    from pipelines.load.publish import build_path
    from pipelines.run.dbt_in_process import build_in_process
    from pipelines.run.dbt_patch import PLAN_FILE, PLAN_SENTINEL, keep_plan

    _, warehouse, _ = folder
    target = target_path_for(str(warehouse))
    kept = json.loads((target / PLAN_FILE).read_text(encoding="utf-8"))["nodes"]
    build = build_path(warehouse)  # the file the target folder's profile names
    shutil.copy(warehouse, build)
    try:
        set_changed_reports(str(build), [PLAN_SENTINEL])
        built = build_in_process(DATA_ONLY_SELECTION, DBT_PROJECT.project_dir, target)
        made = keep_plan(built, [PLAN_SENTINEL], tmp_path, {})
    finally:
        build.unlink(missing_ok=True)

    assert built.success and made is not None
    assert len(kept) > 100  # the tables and data tests of the data-only selection
    assert {node["unique_id"]: node for node in kept} == {node.unique_id: asdict(node) for node in made.nodes}


def test_a_changed_file_is_replaced_and_a_deleted_file_leaves(folder, cold):
    raw, warehouse, reports = folder
    old_ids = dict(query(warehouse, "select source_file, report_id from marts.dim_report"))
    # another generated report under the name of the third; the fourth is deleted
    other = write_reports(raw.parent / "other", n=6, seed=99)[5]
    reports[2].write_bytes(other.read_bytes())
    reports[3].unlink()

    done = run_ingest(raw, warehouse, env=PINNED)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "extract: 1 read" in done.stdout and f"extract [1/1] {reports[2].name}" in done.stdout
    assert "incremental: 1 new or changed, 1 gone, 4 kept as staged" in done.stdout
    assert "; the tables and data tests, the marts kept per report patched (" in done.stdout  # the copy's seeds, views and unit tests kept
    assert REPLAYED in done.stdout  # the plan the cold run's build made (run/dbt_patch.py)
    ids = dict(query(warehouse, "select source_file, report_id from marts.dim_report"))
    assert reports[3].name not in ids
    assert ids[reports[2].name] != old_ids[reports[2].name]
    for mart in ("fct_budget", "fct_finding", "fct_headcount"):
        gone = (old_ids[reports[2].name], old_ids[reports[3].name])
        assert query(warehouse, f"select count(*) from marts.{mart} where report_id in {gone}") == [(0,)]
    assert query(warehouse, "select count(*) from marts.fct_budget where report_id = ?".replace("?", f"'{ids[reports[2].name]}'"))[0][0] > 0


def test_incremental_runs_give_the_marts_of_a_full_rebuild(folder, cold, monkeypatch):
    raw, warehouse, reports = folder
    # a new report, and a byte copy of a kept one (a new duplicate)
    extra = write_reports(raw.parent / "extra", n=8, seed=5)[7]
    shutil.copy(extra, raw / extra.name)
    shutil.copy(reports[1], raw / "again.txt")

    homes = {run: raw.parent / f"dagster-{run}" for run in ("patch", "full")}  # each run's record, as the UI shows it
    done = run_ingest(raw, warehouse, env={**PINNED, "DAGSTER_HOME": str(homes["patch"])})
    rebuilt = raw.parent / "rebuilt" / "reports.duckdb"
    full = run_ingest(raw, rebuilt, "--full-refresh", env={**PINNED, "DAGSTER_HOME": str(homes["full"])})

    assert done.returncode == 0 and full.returncode == 0, done.stdout + done.stderr + full.stdout + full.stderr
    assert "incremental: 2 new or changed, 0 gone, 5 kept as staged" in done.stdout
    assert "all written afresh (asked for)" in full.stdout
    assert "; the tables and data tests, the marts kept per report patched (" in done.stdout
    assert REPLAYED in done.stdout and REPLAYED not in full.stdout
    assert "; everything (asked for)" in full.stdout
    assert snapshot(warehouse) == snapshot(rebuilt)
    # each mart's materialization carries its rows: counted by the patch as it ran, after dbt's build
    marts = [name for (name,) in query(warehouse, "select table_name from information_schema.tables where table_schema = 'marts'")]
    for run, path in (("patch", warehouse), ("full", rebuilt)):
        counted = {name: query(path, f'select count(*) from marts."{name}"')[0][0] for name in marts}
        assert recorded_rows(homes[run], marts, monkeypatch) == counted, run


def recorded_rows(home, marts: list[str], monkeypatch) -> dict[str, int]:
    """The row count each mart's latest materialization recorded in the Dagster instance at `home`."""
    import dagster as dg  # noqa: PLC0415

    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.get() as instance:
        return {name: instance.get_latest_materialization_event(dg.AssetKey(["marts", name]))
                .asset_materialization.metadata["dagster/row_count"].value for name in marts}


def test_a_plan_that_fails_gives_way_to_dbts_own_build(folder, cold):
    """A patch whose kept SQL no longer runs is built by dbt, which deletes the changed
    reports' rows again first: the marts are still a full rebuild's, and the next plan is
    the one dbt's build compiled."""
    from pipelines.assets.dbt import target_path_for
    from pipelines.run.dbt_patch import PLAN_FILE

    raw, warehouse, _ = folder
    plan = target_path_for(str(warehouse)) / PLAN_FILE
    broken = json.loads(plan.read_text(encoding="utf-8"))
    test = next(node for node in broken["nodes"] if node["kind"] == "test")
    test["sql"] = "select * from a_table_that_is_gone"
    plan.write_text(json.dumps(broken), encoding="utf-8")
    extra = write_reports(raw.parent / "more", n=9, seed=6)[8]
    shutil.copy(extra, raw / extra.name)

    done = run_ingest(raw, warehouse, env=PINNED)
    rebuilt = raw.parent / "rebuilt-again" / "reports.duckdb"
    full = run_ingest(raw, rebuilt, "--full-refresh", env=PINNED)

    assert done.returncode == 0 and full.returncode == 0, done.stdout + done.stderr + full.stdout + full.stderr
    assert f"dbt patch plan: {test['unique_id']}" in done.stdout and "dbt builds instead" in done.stdout
    assert REPLAYED not in done.stdout
    assert snapshot(warehouse) == snapshot(rebuilt)
    assert "a_table_that_is_gone" not in plan.read_text(encoding="utf-8")


def test_an_upgraded_extractor_reads_every_file_again_and_rebuilds(folder, cold):
    raw, warehouse, _ = folder
    upgraded = {"REPORTS_EXTRACT_CODE_VERSION": "test-incremental-upgraded"}

    done = run_ingest(raw, warehouse, env=upgraded)

    assert done.returncode == 0, done.stdout + done.stderr
    files = [f for f in raw.rglob("*") if f.is_file()]
    read = int(re.search(r"extract: (\d+) read", done.stdout).group(1))
    assert read == len({f.read_bytes() for f in files})  # every content again, a byte copy once
    assert "nothing changed since" not in done.stdout and "dbt build:" in done.stdout
    assert "all written afresh" in done.stdout  # every file changed: a rewrite, not a patch
    assert query(warehouse, "select count(*) from marts.dim_report") == [(len(files),)]


def test_the_cache_is_keyed_by_content_and_code_version(tmp_path):
    raw = tmp_path / "raw"
    path = write_reports(raw, n=1)[0]
    extract = extract_file(path, raw)
    key = cache_key(extract.report["source_sha256"], path)

    ExtractCache(tmp_path / "cache", version="v1-a").put(key, extract)

    assert ExtractCache(tmp_path / "cache", version="v1-a").get(key).report == extract.report
    assert ExtractCache(tmp_path / "cache", version="v1-b").get(key) is None  # code changed
    assert cache_key(extract.report["source_sha256"], path.with_suffix(".docx")) != key


def test_a_file_changed_after_it_was_hashed_is_kept_as_the_content_read(tmp_path):
    """A file rewritten between the plan's hashing and its reading (a copy still under way)
    is stored as what was read; when it goes back to the hashed content, that content is
    read then, not served the other content's facts."""
    raw = tmp_path / "raw"
    path = write_reports(raw, n=1)[0]
    hashed = path.read_bytes()
    cache = ExtractCache(tmp_path / "cache", version="v1-a")
    plan = planning.plan_extraction([path.name], raw, cache)
    (_, key), = plan.to_read

    path.write_bytes(hashed + "\n附注：本报告另有附表。\n".encode())
    cache.put(key, extract_file(path, raw))  # what the extraction step does with the plan's key
    summary, = planning.gather(plan, raw, cache, lambda line: None)
    assert summary.report["status"] == "loaded"
    assert summary.report["source_sha256"] != key.split(".")[0]  # the facts of the content read

    path.write_bytes(hashed)
    assert planning.plan_extraction([path.name], raw, cache).to_read == [(path.name, key)]
