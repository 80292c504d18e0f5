"""A nightly patch's dbt step as the SQL dbt ran for it, run again without dbt's runner.

A night with a handful of new reports builds the same 12 tables and runs the same 106 data
tests every time (load/increments.py, DATA_ONLY_SELECTION), and dbt's own work around that SQL
was most of the step: its start and partial-parse check (~0.9 s), then ~21 ms a node to render
each node's Jinja, build its context, log it and write its compiled file, against ~2 s of SQL
for the whole selection (BENCHMARKS.md). So the SQL of a data-only build is kept and run again:

- Whenever dbt builds the data-only selection, its compiled nodes are kept as a plan (`keep_plan`)
  in the warehouse's dbt target folder, with what they were compiled from (the dbt project's
  digest, dbt's version, the build file's path): each table's SELECT as dbt compiled it for an
  incremental run, with the changed reports' ids (which dbt's macro writes out) put back as a
  placeholder, and each data test's query and severity settings, in the graph's order. After a
  full build, the data-only selection compiled (`dbt compile`) for no report (`PLAN_SENTINEL`,
  which matches no row) makes the plan, so that the first night already runs it.
- A later patch with the same digest, version and path runs the plan (`run_plan`) in one DuckDB
  connection, as dbt's materializations do: a mart kept per report has the changed reports'
  rows deleted (the pre-hook) and selected again (dbt-duckdb's append); int_unit_line_amounts,
  kept per unit, those of the units the changed reports touch (macros/incremental_by_unit.sql);
  a small table has its rows replaced (its columns, types and comments are the dbt project's
  already, as the same project built it); each in a transaction of its own. Then every data
  test, with dbt's own test query and verdict (`get_test_sql`, and `build_test_run_result`:
  fail, warn or pass by severity, warn_if and error_if).
- The results are returned as the result events dbt's JSON log would have written, so that
  dagster-dbt makes the same Dagster events of them (assets/dbt.py).

A plan is kept only when every node is one this module runs as dbt would (tables and
incremental appends with the pre-hook of macros/incremental_by_report.sql, data tests without
stored failures); a statement that fails raises PlanFailed and the step runs dbt's own build,
which deletes the changed reports' rows again first, so nothing is counted twice.
tests/test_incremental.py checks that the marts after patches equal a full rebuild's.
"""

from __future__ import annotations

import graphlib
import json
import re
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import duckdb

from pipelines.load.publish import schema_rows
from pipelines.run.dbt_in_process import DbtBuild

PLAN_FILE = "patch_plan.json"
PLAN_FORMAT = 3  # 3: every model node carries the statements run before its insert
# the report id a plan is compiled for after a full build: no report has it (ids are hex digests)
PLAN_SENTINEL = "patch-plan"
# dbt's macro writes the changed reports' ids out as a list up to this many (changed_report_ids)
MOST_IDS_WRITTEN_OUT = 1000
_IDS = "__changed_report_ids__"
# the subquery the macro writes instead for more
_CHANGED_SUBQUERY = re.compile(r"\(select report_id from \"[^\"]+\"\.\"meta\"\.\"changed_reports\"\)")
_DELETE_CHANGED = "{{ delete_changed_reports() }}"
# macros/incremental_by_unit.sql's pre-hooks (_by_unit_hooks), and the model they read units from
_BY_UNIT_HOOKS = ["{{ record_changed_units() }}", "{{ delete_changed_units() }}"]
_REPORTS_MODEL = "dim_report"


@dataclass(frozen=True)
class PlannedNode:
    unique_id: str
    # "by_report" (delete and insert the changed reports), "by_unit" (the units they touch),
    # "table" (rows replaced) or "test"
    kind: str
    relation: str | None  # the table a model builds ("db"."schema"."name")
    sql: str  # the model's SELECT, or the test's query
    severity: str = "error"
    warn_if: str = "!= 0"
    error_if: str = "!= 0"
    fail_calc: str = "count(*)"
    limit: int | None = None
    # a model's statements before its insert (its pre-hooks as dbt renders them, or a table's
    # rows dropped), the changed reports' ids a placeholder
    before: list[str] | None = None


@dataclass(frozen=True)
class PatchPlan:
    key: dict  # what the plan was compiled from: it is used only while all of it is the same
    nodes: list[PlannedNode]


def plan_key(project_digest: str, build_path: str) -> dict:
    # (the installed distribution's version: dbt.version would import dbt, which a patch never runs)
    return {"format": PLAN_FORMAT, "project": project_digest, "dbt": version("dbt-core"), "build": str(build_path)}


def load_plan(target_path: Path, key: dict) -> PatchPlan | None:
    """The plan kept for this key, or None (none kept, another key, or unreadable)."""
    try:
        data = json.loads((target_path / PLAN_FILE).read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return PatchPlan(key=data["key"], nodes=[PlannedNode(**node) for node in data["nodes"]])
    except (OSError, ValueError, TypeError, KeyError):
        return None


def keep_plan(build: DbtBuild, ids: list[str], target_path: Path, key: dict) -> PatchPlan | None:
    """The plan of a data-only build dbt ran for the reports `ids`, kept in the target folder;
    None (and any older plan dropped) when a node is of a kind the plan does not run as dbt would."""
    (target_path / PLAN_FILE).unlink(missing_ok=True)
    nodes = _planned_nodes(build.nodes, _ids_as_written(ids))
    if nodes is None:
        return None
    plan = PatchPlan(key=key, nodes=nodes)
    temporary = target_path / f"{PLAN_FILE}.tmp"
    temporary.write_text(json.dumps({"key": key, "nodes": [asdict(node) for node in nodes]}, ensure_ascii=False),
                         encoding="utf-8")
    temporary.replace(target_path / PLAN_FILE)
    return plan


def _planned_nodes(compiled: list, ids_as_written: str | None) -> list[PlannedNode] | None:
    """The compiled nodes as the plan runs them, models in the graph's order and the tests
    after them; None when one is of a kind the plan does not run as dbt would."""
    by_id = {node.unique_id: node for node in compiled}
    order = graphlib.TopologicalSorter(
        {uid: {dep for dep in node.depends_on.nodes if dep in by_id} for uid, node in by_id.items()}
    ).static_order()
    models, tests = [], []
    for uid in order:
        node = by_id[uid]
        config = node.config
        hooks = [hook.sql.strip() for hook in getattr(config, "pre_hook", []) + getattr(config, "post_hook", [])]
        if node.resource_type == "model" and config.materialized == "incremental" \
                and config.incremental_strategy == "append" and hooks == [_DELETE_CHANGED]:
            sql = _CHANGED_SUBQUERY.sub(_IDS, node.compiled_code)
            sql = sql.replace(ids_as_written, _IDS) if ids_as_written else sql
            if _IDS not in sql:
                return None  # (a model kept per report that does not select the changed reports)
            models.append(PlannedNode(uid, "by_report", node.relation_name, sql,
                                      before=_by_report_hooks(node.relation_name)))
        elif node.resource_type == "model" and config.materialized == "incremental" \
                and config.incremental_strategy == "append" and hooks == _BY_UNIT_HOOKS:
            reports = [by_id[dep].relation_name for dep in node.depends_on.nodes
                       if dep in by_id and dep.rsplit(".", 1)[-1] == _REPORTS_MODEL]
            if not reports:
                return None  # (the reports' table not built in the same selection)
            models.append(PlannedNode(uid, "by_unit", node.relation_name, node.compiled_code,
                                      before=_by_unit_hooks(node.relation_name, reports[0], node.database)))
        elif node.resource_type == "model" and config.materialized == "table" and not hooks:
            models.append(PlannedNode(uid, "table", node.relation_name, node.compiled_code,
                                      before=_rows_dropped(node.relation_name)))
        elif node.resource_type == "test" and not config.store_failures and not getattr(config, "sql_header", None):
            tests.append(PlannedNode(uid, "test", None, node.compiled_code, severity=str(config.severity),
                                     warn_if=config.warn_if, error_if=config.error_if, fail_calc=config.fail_calc,
                                     limit=config.limit))
        else:
            return None
    return models + tests


def _ids_as_written(ids: list[str]) -> str | None:
    """The changed reports' ids as dbt's macro writes them out (macros/incremental_by_report.sql:
    in order, quoted, in brackets); None where it writes its subquery instead."""
    if len(ids) > MOST_IDS_WRITTEN_OUT:
        return None
    quoted = ["'" + i.replace("'", "''") + "'" for i in sorted(ids)]
    return "(" + (", ".join(quoted) if quoted else "null") + ")"


class PlanFailed(RuntimeError):
    """A statement of the plan failed: the step runs dbt's own build instead."""


def run_plan(plan: PatchPlan, build_path: str) -> DbtBuild:
    """The plan run on the build, its results as dbt's; PlanFailed when a statement fails."""
    invocation = str(uuid.uuid4())
    events: list[dict] = []
    results: list[dict] = []
    con = duckdb.connect(build_path)
    node = None
    try:
        ids = _changed_ids(con)
        copies: dict[str, str] | None = None  # (made before the first test: the tables are built by then)
        for node in plan.nodes:
            started = _now()
            clock = time.monotonic()
            if node.kind == "test":
                if copies is None:
                    copies = _views_copied(con, [n for n in plan.nodes if n.kind == "test"])
                failures, should_warn, should_error = con.execute(_reading_copies(_test_sql(node), copies)).fetchone()
                status, message = _test_verdict(node, int(failures), bool(should_warn), bool(should_error))
            else:
                _build_table(con, node, ids)
                status, message, failures = "success", None, None
            failures = failures if status in ("fail", "warn") else 0 if node.kind == "test" else None  # (as dbt counts them)
            results.append({"unique_id": node.unique_id, "status": status, "message": message})
            events.append(_result_event(node, status, failures, started, time.monotonic() - clock, invocation))
        # counted here, each view in its copy: counted apart, the analysts' views were computed
        # once more (0.15 s of 0.2 s at 10,000 reports)
        mart_rows = schema_rows(con, "marts", copies)
    except duckdb.Error as error:
        raise PlanFailed(f"{node.unique_id if node else 'meta.changed_reports'}: {str(error).splitlines()[0]}") from error
    finally:
        con.close()
    success = all(r["status"] in ("success", "pass", "warn") for r in results)
    return DbtBuild(success=success, events=events, results=results, mart_rows=mart_rows)


def _changed_ids(con: duckdb.DuckDBPyConnection) -> str:
    """The changed reports' ids as dbt's macro puts them in a model's SQL."""
    ids = [i for (i,) in con.execute(
        f"select report_id from meta.changed_reports order by 1 limit {MOST_IDS_WRITTEN_OUT + 1}").fetchall()]
    return _ids_as_written(ids) or "(select report_id from meta.changed_reports)"


def _by_report_hooks(relation: str) -> list[str]:
    """The statement of macros/incremental_by_report.sql's pre-hook, as dbt renders it."""
    return [f"delete from {relation} where report_id in {_IDS}"]


def _rows_dropped(relation: str) -> list[str]:
    """A small table built whole: its rows replaced (its columns, types and comments stay)."""
    return [f"delete from {relation}"]


def _by_unit_hooks(relation: str, reports: str, database: str) -> list[str]:
    """The statements of macros/incremental_by_unit.sql's pre-hooks, as dbt renders them."""
    units = '"' + database.replace('"', '""') + '"."meta"."changed_units"'
    return [
        f"create or replace table {units} as select unit_id from {relation} where report_id in {_IDS} "
        f"union select unit_id from {reports} where report_id in {_IDS}",
        f"delete from {relation} where unit_id in (select unit_id from {units})",
    ]


def _build_table(con: duckdb.DuckDBPyConnection, node: PlannedNode, ids: str) -> None:
    con.execute("begin transaction")
    try:
        for statement in node.before or []:
            con.execute(statement.replace(_IDS, ids))
        con.execute(f"insert into {node.relation} by name ({node.sql.replace(_IDS, ids)})")
        con.execute("commit")
    except duckdb.Error:
        con.execute("rollback")
        raise


def _views_copied(con: duckdb.DuckDBPyConnection, tests: list[PlannedNode]) -> dict[str, str]:
    """Each view that several tests read, computed once into a temporary table (the tests of
    the analysts' views computed each view again: 0.6 s of a patch's 1.4 s of tests at 10,000
    reports); the view's relation name -> its copy's. The tests only read, so each sees what
    it would have seen in the view."""
    views = [f'"{db}"."{schema}"."{name}"' for db, schema, name in con.execute(
        "select database_name, schema_name, view_name from duckdb_views() where not internal").fetchall()]
    copies = {}
    for view in views:
        if sum(view in test.sql for test in tests) >= 2:
            copies[view] = f"patch_view_{len(copies)}"
            con.execute(f"create temporary table {copies[view]} as select * from {view}")
    return copies


def _reading_copies(sql: str, copies: dict[str, str]) -> str:
    for view, copy in copies.items():
        sql = sql.replace(view, copy)
    return sql


def _test_sql(node: PlannedNode) -> str:
    """dbt's default get_test_sql around the test's query."""
    limit = f"limit {node.limit}" if node.limit is not None else ""
    return (f"select {node.fail_calc} as failures, {node.fail_calc} {node.warn_if} as should_warn, "
            f"{node.fail_calc} {node.error_if} as should_error from (\n{node.sql}\n{limit}\n) dbt_internal_test")


def _test_verdict(node: PlannedNode, failures: int, should_warn: bool, should_error: bool) -> tuple[str, str | None]:
    """dbt's verdict on a data test (TestRunner.build_test_run_result, warnings not made errors)."""
    results = f"{failures} result{'' if failures == 1 else 's'}"
    if node.severity.upper() == "ERROR" and should_error:
        return "fail", f"Got {results}, configured to fail if {node.error_if}"
    if should_warn:
        return "warn", f"Got {results}, configured to warn if {node.warn_if}"
    return "pass", None


def _result_event(node: PlannedNode, status: str, failures: int | None, started: str, seconds: float,
                  invocation: str) -> dict:
    """The node's result as dbt's JSON log writes it (LogModelResult, LogTestResult)."""
    data = {
        "node_info": {"unique_id": node.unique_id, "node_status": status, "node_started_at": started,
                      "node_finished_at": _now(),
                      "materialized": node.kind if node.kind in ("test", "table") else "incremental"},
        "status": status,
        "execution_time": seconds,
    }
    if node.kind == "test":
        data["num_failures"] = failures
    name = "LogTestResult" if node.kind == "test" else "LogModelResult"
    return {"info": {"name": name, "msg": f"{status} {node.unique_id}", "invocation_id": invocation}, "data": data}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()
