"""Readers first: a reader never sees half a warehouse and is never refused by a lock.

The publish step is exercised on real DuckDB files without dbt: each build holds marts whose
every row and row count say which build they belong to, so a reader that saw a mix of two
builds, or a half-written file, would notice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.load.publish import build_path, publish, published_fingerprint, start_build

MARTS = ("dim_report", "fct_budget", "fct_finding")


def make_build(warehouse: Path, number: int) -> Path:
    """A build whose marts hold `number` rows each, all saying `number`."""
    build = start_build(warehouse)
    con = duckdb.connect(str(build))
    try:
        con.execute("create schema marts")
        for mart in MARTS:
            con.execute(f"create table marts.{mart} as select {number} as build, range as i from range({number})")
        con.execute("create schema meta")
        con.execute(f"create table meta.build_info as select 'fp-{number}' as fingerprint")
    finally:
        con.close()
    return build


READER = textwrap.dedent(
    """
    import os, sys, time, duckdb
    warehouse, parquet, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    reads = errors = mixed = 0
    seen = set()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            con = duckdb.connect(warehouse, read_only=True)
            builds = set()
            for mart in {marts}:
                rows = con.execute(f"select min(build), max(build), count(*) from marts.{{mart}}").fetchone()
                builds.add(rows[0]); builds.add(rows[1]); builds.add(rows[2])
            con.close()
            # marts/ is a link switched per build: resolved once, its files are one build's
            export = os.path.realpath(parquet)
            files = duckdb.connect().execute(f"select min(build), max(build), count(*) from read_parquet('{{export}}/*.parquet')").fetchone()
            files_ok = files[0] == files[1] and files[2] == files[0] * len({marts})
            reads += 1
            seen |= builds
            if len(builds) != 1 or not files_ok:
                mixed += 1
        except Exception as error:
            errors += 1
            print("error:", error, file=sys.stderr)
    print(reads, errors, mixed, len(seen))
    """
).format(marts=repr(MARTS))


def test_a_reader_in_a_loop_sees_whole_warehouses_while_runs_publish(tmp_path):
    warehouse = tmp_path / "warehouse" / "reports.duckdb"
    publish(make_build(warehouse, 1), warehouse)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse), str(warehouse.parent / "marts"), "4"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    number = 1
    while reader.poll() is None:
        number += 1
        publish(make_build(warehouse, number), warehouse)
        time.sleep(0.02)
    out, err = reader.communicate()

    reads, errors, mixed, builds_seen = map(int, out.split())
    assert errors == 0, err
    assert mixed == 0
    assert reads > 20 and builds_seen > 3 and number > 10


def test_a_reader_that_opened_the_old_warehouse_keeps_reading_it(tmp_path):
    warehouse = tmp_path / "reports.duckdb"
    publish(make_build(warehouse, 2), warehouse)
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        publish(make_build(warehouse, 5), warehouse)
        assert reader.execute("select count(*) from marts.fct_budget").fetchone() == (2,)
    finally:
        reader.close()
    assert duckdb.connect(str(warehouse), read_only=True).execute("select count(*) from marts.fct_budget").fetchone() == (5,)


def test_publishing_leaves_no_build_file_and_one_parquet_per_mart(tmp_path):
    warehouse = tmp_path / "reports.duckdb"
    publish(make_build(warehouse, 3), warehouse)

    assert not build_path(warehouse).exists()
    assert sorted(p.name for p in (tmp_path / "marts").glob("*.parquet")) == [f"{m}.parquet" for m in sorted(MARTS)]
    assert published_fingerprint(warehouse) == "fp-3"
    manifest = json.loads((tmp_path / "marts" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs_fingerprint"] == "fp-3"
    assert manifest["build_id"] in os.readlink(tmp_path / "marts")  # the folder is named by the build
    assert manifest["marts"] == {m: {"file": f"{m}.parquet", "rows": 3} for m in MARTS}


def test_a_build_left_by_a_killed_run_is_replaced_not_published(tmp_path):
    warehouse = tmp_path / "reports.duckdb"
    publish(make_build(warehouse, 3), warehouse)
    build_path(warehouse).write_bytes(b"half a file")  # what kill -9 may leave

    assert duckdb.connect(str(warehouse), read_only=True).execute("select count(*) from marts.dim_report").fetchone() == (3,)
    publish(make_build(warehouse, 4), warehouse)
    assert duckdb.connect(str(warehouse), read_only=True).execute("select count(*) from marts.dim_report").fetchone() == (4,)


def test_no_fingerprint_without_a_published_warehouse(tmp_path):
    assert published_fingerprint(tmp_path / "reports.duckdb") is None


BI_READERS = textwrap.dedent(
    """
    import os, sys, duckdb, pyarrow.parquet as pq, sqlalchemy
    from sqlalchemy.pool import NullPool
    kind, warehouse, parquet, queries = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    marts = {marts}
    errors = mixed = 0
    seen = set()
    # a BI tool's engine, as docs/operations.md configures it: read-only, a connection per query
    engine = sqlalchemy.create_engine(f"duckdb:///{{warehouse}}", connect_args={{"read_only": True}}, poolclass=NullPool)
    for _ in range(queries):
        try:
            if kind == "sqlalchemy":
                with engine.connect() as con:
                    rows = [con.execute(sqlalchemy.text(f"select min(build), max(build), count(*) from marts.{{m}}")).one()
                            for m in marts]
            else:  # a Parquet reader: the link resolved once, then that build's files
                folder = os.path.realpath(parquet)
                tables = [pq.read_table(os.path.join(folder, f"{{m}}.parquet"), columns=["build"]) for m in marts]
                rows = [(min(t["build"].to_pylist()), max(t["build"].to_pylist()), t.num_rows) for t in tables]
            builds = {{value for row in rows for value in row}}
            seen |= builds
            mixed += len(builds) != 1
        except Exception as error:
            errors += 1
            print("error:", repr(error), file=sys.stderr)
    print(errors, mixed, len(seen))
    """
).format(marts=repr(MARTS))


def test_bi_readers_through_sqlalchemy_and_parquet_see_one_whole_build_during_publishes(tmp_path):
    """300 queries through SQLAlchemy + duckdb-engine and 300 Parquet reads while builds are
    published: no error, and no read that mixes two builds (issue #13)."""
    pytest.importorskip("duckdb_engine", reason="duckdb-engine (the dev extra) is not installed")
    warehouse = tmp_path / "warehouse" / "reports.duckdb"
    publish(make_build(warehouse, 1), warehouse)
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", BI_READERS, kind, str(warehouse), str(warehouse.parent / "marts"), "300"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for kind in ("sqlalchemy", "parquet")
    ]
    number = 1
    while any(reader.poll() is None for reader in readers):
        number += 1
        publish(make_build(warehouse, number), warehouse)
        time.sleep(0.02)
    for reader in readers:
        out, err = reader.communicate()
        errors, mixed, builds_seen = map(int, out.split())
        assert (errors, mixed) == (0, 0), err
        assert builds_seen > 2  # the readers did read while builds changed
    assert number > 5
