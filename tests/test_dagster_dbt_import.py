"""The CLI imports dagster-dbt without dbt-core (pipelines/run/dagster_dbt_import.py): the same
asset graph as the code location's, and no dbt-core for a run that never builds with it."""

from __future__ import annotations

import functools
import json
import subprocess
import sys

from conftest import REPO_ROOT

# the Dagster definitions as a child process sees them, imported one way or the other
GRAPH = """
import json, sys
if sys.argv[1] == "without":
    from pipelines.run.dagster_dbt_import import import_dagster_dbt_without_dbt_core
    import_dagster_dbt_without_dbt_core()
from pipelines.definitions import defs
from dagster_dbt import compat
graph = defs.resolve_asset_graph()
print(json.dumps({
    "assets": sorted(
        [key.to_user_string(), graph.get(key).group_name, sorted(d.to_user_string() for d in graph.get(key).parent_keys)]
        for key in graph.get_all_asset_keys()
    ),
    "checks": sorted(f"{c.asset_key.to_user_string()}:{c.name}" for c in graph.asset_check_keys),
    "dbt_imported": "dbt" in sys.modules,
    "compat": {
        "version": None if compat.DBT_PYTHON_VERSION is None else str(compat.DBT_PYTHON_VERSION),
        **{e: {m.name: str(m.value) for m in getattr(compat, e)} for e in ("NodeStatus", "TestStatus", "NodeType")},
        "refable": [str(t) for t in compat.REFABLE_NODE_TYPES],
    },
}))
"""


@functools.cache
def graph_of(mode: str) -> dict:
    done = subprocess.run([sys.executable, "-c", GRAPH, mode], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_dbt_core_the_asset_graph_is_the_code_locations(dbt_manifest):
    plain, without = graph_of("plain"), graph_of("without")
    assert plain["dbt_imported"], "the code location's import of dagster-dbt imports dbt-core"
    assert not without["dbt_imported"], "dbt-core was imported although it was hidden"
    # the dbt models, seeds and tests are all there, grouped and wired as in the code location
    assert any("fct_budget" in key for key, _, _ in without["assets"])
    assert any(":not_null" in check or "unique" in check for check in without["checks"])
    assert without["assets"] == plain["assets"]
    assert without["checks"] == plain["checks"]


def test_without_dbt_core_dagster_dbt_reads_results_as_dbt_writes_them():
    """Without dbt-core, dagster-dbt compares dbt's results with enums of its own: each member must
    be dbt-core's member of the same name, or a result would be misread (a warning for a pass)."""
    from dbt.contracts.results import NodeStatus, TestStatus  # noqa: PLC0415
    from dbt.node_types import REFABLE_NODE_TYPES, NodeType  # noqa: PLC0415

    theirs = graph_of("without")["compat"]
    assert theirs["version"] is None, "dagster-dbt saw dbt-core"
    # every status dbt-core can write, under the same name (dagster-dbt knows later dbt's too)
    for name, dbts in (("NodeStatus", NodeStatus), ("TestStatus", TestStatus)):
        assert {m.name: m.value for m in dbts}.items() <= theirs[name].items(), name
    # the kinds of node both know are the same (dagster-dbt asks about models, seeds, snapshots, tests)
    assert {"Model", "Seed", "Snapshot", "Test"} <= theirs["NodeType"].keys()
    assert all(NodeType[member].value == value for member, value in theirs["NodeType"].items() if member in NodeType.__members__)
    assert sorted(theirs["refable"]) == sorted(str(t) for t in REFABLE_NODE_TYPES)
