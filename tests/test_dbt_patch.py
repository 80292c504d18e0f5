"""A nightly patch's plan run on a real DuckDB file (run/dbt_patch.py): the marts kept per
report lose and regain the changed reports' rows alone, a small table is rebuilt whole, each
data test gets dbt's verdict, and a failing statement undoes its table and says which node.
The plan's equality with dbt's own build over real runs is tests/test_incremental.py's."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.run.dbt_patch import (
    _IDS, PlanFailed, PlannedNode, PatchPlan, _by_report_hooks, _by_unit_hooks, _ids_as_written, _rows_dropped, run_plan,
)


@pytest.fixture
def build(tmp_path):
    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema meta; create schema staging; create schema marts")
    con.execute("create table meta.changed_reports as select * from (values ('r2')) t(report_id)")
    con.execute("create table staging.facts as select * from (values ('r1', 10), ('r2', 25), ('r2', 5), ('r3', 7)) t(report_id, amount)")
    # the published marts: r2's rows out of date
    con.execute("create table marts.fct as select * from (values ('r1', 10), ('r2', 99), ('r3', 7)) t(report_id, amount)")
    con.execute("create table marts.totals (reports integer, amount integer)")
    con.close()
    return str(path)


def _plan(*tests: PlannedNode) -> PatchPlan:
    return PatchPlan(key={}, nodes=[
        PlannedNode("model.p.fct", "by_report", "marts.fct",
                    f"select report_id, amount from staging.facts where report_id in {_IDS}",
                    before=_by_report_hooks("marts.fct")),
        PlannedNode("model.p.totals", "table", "marts.totals",
                    "select count(distinct report_id) as reports, sum(amount) as amount from marts.fct",
                    before=_rows_dropped("marts.totals")),
        *tests,
    ])


def _test(name: str, sql: str, **config) -> PlannedNode:
    return PlannedNode(f"test.p.{name}", "test", None, sql, **config)


def test_the_changed_reports_rows_alone_are_rebuilt_and_a_small_table_whole(build):
    done = run_plan(_plan(), build)

    con = duckdb.connect(build)
    assert sorted(con.execute("select * from marts.fct").fetchall()) == [("r1", 10), ("r2", 5), ("r2", 25), ("r3", 7)]
    assert con.execute("select * from marts.totals").fetchall() == [(3, 47)]
    con.close()
    assert done.success
    assert [(r["unique_id"], r["status"]) for r in done.results] == [("model.p.fct", "success"), ("model.p.totals", "success")]
    # the events dbt's JSON log would have written, for dagster-dbt
    assert [e["info"]["name"] for e in done.events] == ["LogModelResult", "LogModelResult"]
    assert done.events[0]["data"]["node_info"]["unique_id"] == "model.p.fct"


def test_a_table_kept_per_unit_recomputes_the_units_a_changed_report_touches_and_keeps_the_rest(build):
    """Each unit keeps the amount of its latest report (max report_id). r2 moved from unit A,
    where it was the latest, to unit B: A falls back to r1, B keeps r4 (later than r2), and
    unit C, which no changed report touches, keeps its row as it was, even though computing it
    again would give another amount."""
    con = duckdb.connect(build)
    con.execute("create table marts.report as select * from (values ('r1', 'A'), ('r2', 'B'), ('r3', 'C'), ('r4', 'B')) t(report_id, unit_id)")
    con.execute("create table staging.unit_facts as select * from "
                "(values ('r1', 'A', 10), ('r2', 'B', 20), ('r3', 'C', 30), ('r4', 'B', 40)) t(report_id, unit_id, amount)")
    con.execute("create table marts.unit_amounts as select * from "
                "(values ('r2', 'A', 99), ('r4', 'B', 40), ('r3', 'C', 31)) t(report_id, unit_id, amount)")
    con.close()
    latest_per_unit = (
        "select f.report_id, f.unit_id, f.amount from staging.unit_facts f "
        "where f.report_id = (select max(g.report_id) from staging.unit_facts g where g.unit_id = f.unit_id) "
        'and f.unit_id in (select unit_id from "w"."meta"."changed_units")'
    )
    plan = PatchPlan(key={}, nodes=[
        PlannedNode("model.p.unit_amounts", "by_unit", "marts.unit_amounts", latest_per_unit,
                    before=_by_unit_hooks("marts.unit_amounts", "marts.report", "w")),
    ])

    assert run_plan(plan, build).success

    con = duckdb.connect(build)
    assert sorted(con.execute("select * from marts.unit_amounts").fetchall()) == [
        ("r1", "A", 10), ("r3", "C", 31), ("r4", "B", 40)]
    con.close()


def test_each_data_test_gets_dbts_verdict(build):
    over_twenty = "select * from marts.fct where amount > 20"  # one row after the patch
    done = run_plan(_plan(
        _test("passes", "select * from marts.fct where amount < 0"),
        _test("fails", over_twenty),
        _test("warns", over_twenty, severity="warn"),
        _test("warns_under_its_error_threshold", over_twenty, error_if="> 5"),
        _test("passes_under_its_warn_threshold", over_twenty, warn_if="> 1", error_if="> 1"),
    ), build)

    verdicts = {r["unique_id"].removeprefix("test.p."): (r["status"], r["message"]) for r in done.results if "test" in r["unique_id"]}
    assert verdicts == {
        "passes": ("pass", None),
        "fails": ("fail", "Got 1 result, configured to fail if != 0"),
        "warns": ("warn", "Got 1 result, configured to warn if != 0"),
        "warns_under_its_error_threshold": ("warn", "Got 1 result, configured to warn if != 0"),
        "passes_under_its_warn_threshold": ("pass", None),
    }
    assert not done.success  # a failed test of error severity fails the build, as in dbt
    failures = {e["data"]["node_info"]["unique_id"]: e["data"]["num_failures"] for e in done.events if "num_failures" in e["data"]}
    assert failures["test.p.fails"] == 1 and failures["test.p.passes_under_its_warn_threshold"] == 0


def test_each_marts_rows_are_counted_as_the_plan_leaves_them(build):
    # a view of the amounts over 6 that two tests read (so the plan computes it once into a
    # copy): after the patch r1 10, r2 25 and r3 7 of fct's four rows; totals holds one row
    con = duckdb.connect(build)
    con.execute("create view marts.large as select * from marts.fct where amount > 6")
    con.close()
    large = '"w"."marts"."large"'  # as dbt's compiled SQL names it
    done = run_plan(_plan(_test("no_null", f"select * from {large} where amount is null"),
                          _test("no_negative", f"select * from {large} where amount < 0")), build)

    assert done.success
    assert done.mart_rows == {"fct": 4, "totals": 1, "large": 3}


def test_a_failing_statement_undoes_its_table_and_names_the_node(build):
    broken = PatchPlan(key={}, nodes=[
        PlannedNode("model.p.fct", "by_report", "marts.fct", f"select report_id, amount from staging.gone where report_id in {_IDS}",
                    before=_by_report_hooks("marts.fct")),
    ])
    with pytest.raises(PlanFailed, match="model.p.fct"):
        run_plan(broken, build)
    con = duckdb.connect(build)
    assert ("r2", 99) in con.execute("select * from marts.fct").fetchall()  # the delete rolled back
    con.close()


def test_the_ids_are_written_out_as_dbts_macro_writes_them():
    assert _ids_as_written(["b2", "a'1"]) == "('a''1', 'b2')"
    assert _ids_as_written([]) == "(null)"
    assert _ids_as_written([f"{i:04}" for i in range(1001)]) is None  # the macro's subquery instead
