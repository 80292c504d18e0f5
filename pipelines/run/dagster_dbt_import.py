"""dagster-dbt imported without dbt-core, for the CLI's runs.

`import dagster_dbt` imports dbt-core's adapters and result contracts (dagster_dbt/compat.py) for
a few enums and type names: 1.5-1.9 s of a nightly run's 4-5 s start on this machine, although a
nightly patch never runs dbt (run/dbt_patch.py). dagster-dbt supports a process without dbt-core
(for dbt Fusion): its compat module then defines the same enums itself (strings equal to dbt's
values) and the dbt assets read the project's graph from the manifest instead of asking dbt's
selector. The CLI imports it that way; a run that must build with dbt's runner
(run/dbt_in_process.py) imports dbt-core then, as before. The code location `dagster dev` loads
imports dagster-dbt as usual: its subset runs go through dagster-dbt's CLI runner, which sets up a
dbt-core adapter. tests/test_dagster_dbt_import.py checks that both give the same asset graph.
"""

from __future__ import annotations

import importlib
import importlib.abc
import sys


class _DbtCoreHidden(importlib.abc.MetaPathFinder):
    """Makes `import dbt...` fail, as it does where dbt-core is not installed."""

    def find_spec(self, name, path=None, target=None):
        if name == "dbt" or name.startswith("dbt."):
            raise ModuleNotFoundError(f"No module named {name!r} (hidden while dagster-dbt is imported)", name=name)
        return None


def import_dagster_dbt_without_dbt_core() -> None:
    """Imports dagster-dbt with dbt-core out of its sight; nothing when either is imported already
    (the process then goes on as it is)."""
    if "dagster_dbt" in sys.modules or "dbt" in sys.modules:
        return
    hidden = _DbtCoreHidden()
    sys.meta_path.insert(0, hidden)
    try:
        importlib.import_module("dagster_dbt")
    finally:
        sys.meta_path.remove(hidden)
