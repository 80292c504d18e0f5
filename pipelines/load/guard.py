"""The publish guard: a build that would lose much of the published warehouse is refused.

A run that "succeeds" can still be a disaster: the raw folder was empty or not mounted,
every file was replaced by junk, a code regression failed every file. Each of these used to
publish an empty or gutted warehouse with exit 0. Before publishing, the build is compared
with the published warehouse and refused when it would lose more than the rules below
allow; `--force-publish` (REPORTS_FORCE_PUBLISH=1) publishes it anyway.

Rules (each with a small absolute floor, so a warehouse of a handful of reports can still
lose one):

| rule | refused when |
|---|---|
| nothing usable | the build has no loaded or partial report |
| reports lost | usable reports fall by more than MAX_LOSS (10%) and by 2 or more |
| units lost | units with a usable report fall by more than MAX_LOSS and by 2 or more |
| fact rows lost | a fct_ mart loses more than half its rows, and 10 rows or more |
| code errors | more than 10% of the files failed on an error in the extraction code (2 or more) |

The first build (nothing published yet) meets only the rules that need no comparison.
Bad files alone never refuse a build: they are the data's problem, reported per file; only
when they take the published reports with them (every file replaced by junk) is it refused.
REPORTS_PUBLISH_MAX_LOSS sets MAX_LOSS (a fraction).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

MAX_LOSS_ENV = "REPORTS_PUBLISH_MAX_LOSS"
FORCE_ENV = "REPORTS_FORCE_PUBLISH"
DEFAULT_MAX_LOSS = 0.10
FACT_ROWS_MAX_LOSS = 0.5
CODE_ERRORS_MAX_SHARE = 0.10
USABLE = "status in ('loaded', 'partial')"


@dataclass(frozen=True)
class WarehouseCounts:
    """What a warehouse holds, as the guard compares it."""

    files: int = 0
    usable: int = 0  # loaded or partial reports
    failed: int = 0
    code_errors: int = 0
    units: int = 0
    fact_rows: dict[str, int] = field(default_factory=dict)


def max_loss() -> float:
    return float(os.environ.get(MAX_LOSS_ENV) or DEFAULT_MAX_LOSS)


def forced() -> bool:
    return os.environ.get(FORCE_ENV, "").strip().lower() in ("1", "true", "yes")


def count(database: str | Path) -> WarehouseCounts | None:
    """The counts of a warehouse file; None when there is none (or it cannot be read)."""
    if not Path(database).exists():
        return None
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error:
        return None
    with contextlib.closing(con):
        try:
            return _count(con)
        except duckdb.Error:
            return None


def _count(con) -> WarehouseCounts:
    columns = {name for (name,) in con.execute(
        "select column_name from information_schema.columns where table_schema = 'marts' and table_name = 'dim_report'"
    ).fetchall()}
    code = "count(*) filter (where failure_kind = 'code')" if "failure_kind" in columns else "0"
    files, usable, failed, code_errors, units = con.execute(
        f"""select count(*), count(*) filter (where {USABLE}), count(*) filter (where status = 'failed'),
                   {code}, count(distinct unit_id) filter (where {USABLE})
            from marts.dim_report"""
    ).fetchone()
    facts = [name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts'"
        " and table_type = 'BASE TABLE' and table_name like 'fct\\_%' escape '\\' order by 1"
    ).fetchall()]
    rows = {name: con.execute(f'select count(*) from marts."{name}"').fetchone()[0] for name in facts}
    return WarehouseCounts(files, usable, failed, code_errors, units, rows)


def refusals(build: WarehouseCounts, published: WarehouseCounts | None, loss: float | None = None) -> list[str]:
    """Why the build must not replace the published warehouse, one plain sentence per rule
    broken; empty when it may."""
    loss = max_loss() if loss is None else loss
    reasons = []
    if build.usable == 0:
        reasons.append(f"no report could be read: {build.files} files, {build.failed} failed"
                       + (" (is the raw folder empty or not mounted?)" if build.files == 0 else ""))
    if build.code_errors >= 2 and build.code_errors > CODE_ERRORS_MAX_SHARE * build.files:
        reasons.append(f"{build.code_errors} files failed on an error in the extraction code, not in the files")
    if published is not None:
        reasons += _losses(build, published, loss)
    return reasons


def _losses(build: WarehouseCounts, published: WarehouseCounts, loss: float) -> list[str]:
    reasons = []
    for what, before, after in (("reports", published.usable, build.usable), ("units", published.units, build.units)):
        lost = before - after
        if build.usable and lost >= 2 and lost > loss * before:
            reasons.append(f"{lost} of the {before} published {what} would be lost (more than {loss:.0%})")
    for mart, before in published.fact_rows.items():
        lost = before - build.fact_rows.get(mart, 0)
        if build.usable and lost >= 10 and lost > FACT_ROWS_MAX_LOSS * before:
            reasons.append(f"marts.{mart} would fall from {before} to {before - lost} rows")
    return reasons
