"""The night never stops on an entry, never publishes a worse warehouse, and heals its cache.

Entries an operator or an attacker can leave in the raw folder (symbolic link loops, names
that are not UTF-8, FIFOs, newlines in names, folders that cannot be listed, an absurd
figure), a damaged extraction cache, and raw folders emptied or filled with junk, made for
real in temporary folders and run through `python -m pipelines ingest`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT, ingest_command, query, run_ingest, write_reports
from pipelines.cli import EXIT_OUTPUT_CLOSED
from pipelines.load import guard
from pipelines.load.discover import list_raw_folder, refusal
from pipelines.load.publish import MARTS_LINK, published_fingerprint
from pipelines.normalize.text import printable_name

GBK_NAME = "报告副本".encode("gbk") + b".txt"


# ------------------------------------------------------------------ names and entries
@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("报告.docx", "报告.docx"),
        (os.fsdecode(b"sub/\xb1\xa8.txt"), "sub/\\xb1\\xa8.txt"),  # GBK bytes: lossless escapes
        ("two\nlines.txt", "two\\nlines.txt"),  # cannot split a log line
        ("bell\x07.txt", "bell\\x07.txt"),
        ("back\\slash.txt", "back\\\\slash.txt"),  # so a real backslash never reads as an escape
    ],
)
def test_names_are_stored_printable_and_lossless(name, printed):
    assert printable_name(name) == printed


@pytest.fixture
def odd_folder(tmp_path) -> Path:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "good.txt").write_text("报告", encoding="utf-8")
    os.symlink("loop-b", raw / "loop-a")
    os.symlink("loop-a", raw / "loop-b")
    os.symlink(tmp_path, raw / "out")  # a folder outside
    os.symlink(raw / "good.txt", raw / "inside.txt")
    os.symlink(raw / "gone.txt", raw / "dangling.txt")
    os.mkfifo(raw / "pipe.txt")
    (raw / "sub" / os.fsdecode(GBK_NAME)).write_text("报告", encoding="utf-8")
    return raw


def test_every_entry_is_listed_and_none_stops_the_listing(odd_folder):
    names = [p.relative_to(odd_folder).as_posix() for p in list_raw_folder(odd_folder)]
    assert names == sorted(
        ["dangling.txt", "good.txt", "inside.txt", "loop-a", "loop-b", "out", "pipe.txt", "sub/" + os.fsdecode(GBK_NAME)]
    )


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("good.txt", None),
        ("inside.txt", None),  # a link to a file inside is read
        ("sub/" + os.fsdecode(GBK_NAME), None),  # a GBK name is still read
        ("loop-a", "a symbolic link that loops back on itself: not followed"),
        ("out", "a symbolic link to a place outside the raw folder: not followed"),
        ("dangling.txt", "a symbolic link whose target does not exist"),
        ("pipe.txt", "not a regular file (a named pipe): not read"),
    ],
)
def test_each_entry_that_is_not_read_says_why(odd_folder, entry, reason):
    assert refusal(odd_folder / entry, odd_folder) == reason


def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    (raw / "locked" / "report.txt").write_text("报告", encoding="utf-8")
    if os.geteuid() == 0:
        # root reads any folder whatever its mode: make the operating system refuse it
        real_scandir = os.scandir

        def refusing(path="."):
            if Path(path) == raw / "locked":
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refusing)
        monkeypatch.setattr(os, "listdir", lambda path=".": list(refusing(path)))
    else:
        (raw / "locked").chmod(0)
    try:
        assert list_raw_folder(raw) == [raw / "locked"]
        assert refusal(raw / "locked", raw) == (
            "the folder could not be read (permission denied): the reports in it are missing from this run"
        )
    finally:
        (raw / "locked").chmod(0o755)


# ------------------------------------------------------------------ the publish guard
PUBLISHED = guard.WarehouseCounts(files=40, usable=38, failed=2, units=30, fact_rows={"fct_budget": 1000})


@pytest.mark.parametrize(
    ("build", "refused"),
    [
        (PUBLISHED, []),
        (guard.WarehouseCounts(files=41, usable=39, failed=2, units=31, fact_rows={"fct_budget": 1010}), []),
        # one report of 38 gone: allowed (2.6%)
        (guard.WarehouseCounts(files=39, usable=37, failed=2, units=29, fact_rows={"fct_budget": 975}), []),
        (guard.WarehouseCounts(), ["no report could be read: 0 files, 0 failed (is the raw folder empty or not mounted?)"]),
        (
            guard.WarehouseCounts(files=40, usable=0, failed=40, fact_rows={"fct_budget": 0}),
            ["no report could be read: 40 files, 40 failed"],
        ),
        (
            guard.WarehouseCounts(files=40, usable=30, failed=10, code_errors=8, units=24, fact_rows={"fct_budget": 800}),
            [
                "8 files failed on an error in the extraction code, not in the files",
                "8 of the 38 published reports would be lost (more than 10%)",
                "6 of the 30 published units would be lost (more than 10%)",
            ],
        ),
        (
            guard.WarehouseCounts(files=40, usable=38, failed=2, units=30, fact_rows={"fct_budget": 400}),
            ["marts.fct_budget would fall from 1000 to 400 rows"],
        ),
    ],
)
def test_the_guard_refuses_a_build_that_loses_too_much(build, refused):
    assert guard.refusals(build, PUBLISHED, loss=0.10) == refused


def test_the_first_build_meets_only_the_rules_that_need_no_comparison():
    first = guard.WarehouseCounts(files=3, usable=3, units=3, fact_rows={"fct_budget": 10})
    assert guard.refusals(first, None, loss=0.10) == []


# ------------------------------------------------------------------ whole runs
ABSURD = "另据统计，本年收入合计100000000000000000000万元。\n"


def hostile_corpus(raw: Path) -> dict[str, str]:
    """Three good reports (one renamed to a GBK name, one given an absurd figure, one with
    a newline in its name) beside entries that are not reports; returns {stored name: kind}."""
    good = write_reports(raw, n=3)
    gbk = raw / os.fsdecode(GBK_NAME)
    good[0].rename(gbk)
    with good[1].open("a", encoding="utf-8") as handle:
        handle.write(ABSURD)
    newline = raw / "two\nlines.txt"
    good[2].rename(newline)
    os.symlink("loop-b", raw / "loop-a")
    os.symlink("loop-a", raw / "loop-b")
    os.mkfifo(raw / "pipe.txt")
    os.symlink("/etc/passwd", raw / "passwd.txt")
    deep = folder_too_deep_to_list(raw)
    return {
        printable_name(gbk.name): "good", good[1].name: "good", printable_name(newline.name): "good",
        "loop-a": "loop", "loop-b": "loop", "pipe.txt": "fifo", "passwd.txt": "outside", deep: "unlistable",
    }


def folder_too_deep_to_list(raw: Path) -> str:
    """A folder that cannot be listed even by root (who reads any folder whatever its mode):
    nested so deep that its path is longer than the system allows (as an archive unpacked
    into itself leaves). Made level by level relative to its parent; returns its name as
    stored, relative to `raw`."""
    name = "层" * 80  # 240 bytes: within a name's limit, and 20 of them pass PATH_MAX
    fd = os.open(raw, os.O_RDONLY)
    parts = []
    try:
        for _ in range(20):
            os.mkdir(name, dir_fd=fd)
            parts.append(name)
            child = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
    finally:
        os.close(fd)
    listed = [p.relative_to(raw).as_posix() for p in list_raw_folder(raw) if len(os.fsencode(p)) > 4000]
    assert len(listed) == 1, "the folder past the path limit is listed, to be reported"
    return listed[0]


def statuses(warehouse: Path) -> dict[str, tuple]:
    return {
        name: (status, error, facts)
        for name, status, error, facts in query(
            warehouse,
            """select r.source_file, r.status, r.error, count(b.report_id)
               from marts.dim_report r left join marts.fct_budget b using (report_id)
               group by all""",
        )
    }


@pytest.mark.slow
def test_a_hostile_corpus_and_a_damaged_cache_ingest_and_heal(tmp_path, dbt_manifest):
    raw, warehouse = tmp_path / "raw", tmp_path / "w" / "reports.duckdb"
    entries = hostile_corpus(raw)

    first = run_ingest(raw, warehouse)

    assert first.returncode == 0, first.stdout + first.stderr
    rows = statuses(warehouse)
    assert set(rows) == set(entries)
    for name, kind in entries.items():
        status, error, facts = rows[name]
        if kind == "good":
            assert (status, error) == ("loaded", None) and facts > 10, (name, rows[name])
        else:
            assert status == "failed" and error, (name, rows[name])
    assert "/etc" not in rows["passwd.txt"][1]  # no path outside the raw folder is stored
    assert "  failed pipe.txt: not a regular file (a named pipe): not read" in first.stdout
    assert "two\\nlines.txt" in first.stdout  # a name cannot split a progress line
    out_of_range = query(warehouse, "select count(*) from marts.fct_data_quality where check_name = 'figure_out_of_range'")
    assert out_of_range == [(1,)]

    # damage the cache every way a crash, a full disk or an attacker can
    entries_dir = next((warehouse.parent / ".cache" / "extracts").iterdir())
    frames = sorted(entries_dir.glob("*.frames.arrow"), key=lambda p: -p.stat().st_size)[:3]
    frames[0].write_bytes(frames[0].read_bytes()[:100])  # truncated
    flipped = bytearray(frames[1].read_bytes())
    flipped[len(flipped) // 2] ^= 0xFF  # same size, wrong content: found by the checksum at load
    frames[1].write_bytes(bytes(flipped))
    for entry in entries_dir.glob(frames[2].name.split(".")[0] + "*"):
        entry.write_bytes(b"")  # a zero-length pair
    marker = tmp_path / "pickle-ran"
    for entry in list(entries_dir.iterdir())[:2]:
        entry.with_suffix(".pkl").write_bytes(pickle.dumps(Planted(marker)))
    write_reports(tmp_path / "more", n=1, seed=11)[0].rename(raw / "new.txt")  # a change: the marts are rebuilt

    second = run_ingest(raw, warehouse)

    assert second.returncode == 0, second.stdout + second.stderr
    healed = statuses(warehouse)
    assert {name: healed[name] for name in entries} == rows
    assert healed["new.txt"][0] == "loaded"
    assert not marker.exists()


class Planted:
    """A pickle that would leave a file behind if anything unpickled it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def published_bytes(warehouse: Path) -> dict[str, str]:
    """sha256 of the published DuckDB file and of every Parquet mart the link shows."""
    files = [warehouse, *sorted((warehouse.parent / MARTS_LINK).glob("*.parquet"))]
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


@pytest.mark.slow
def test_junk_or_an_empty_folder_is_not_published_unless_forced(tmp_path, dbt_manifest):
    raw, warehouse = tmp_path / "raw", tmp_path / "w" / "reports.duckdb"
    reports = write_reports(raw, n=3)
    assert run_ingest(raw, warehouse).returncode == 0
    before = published_bytes(warehouse)
    cache_entries = sorted(p.name for p in (warehouse.parent / ".cache").rglob("*") if p.is_file())

    for report in reports:
        report.write_bytes(os.urandom(2048))
    junk = run_ingest(raw, warehouse)

    assert junk.returncode == 5, junk.stdout + junk.stderr
    assert "not published: the new build would lose too much" in junk.stderr
    assert "no report could be read: 3 files, 3 failed" in junk.stderr
    assert published_bytes(warehouse) == before

    for report in reports:
        report.unlink()
    empty = run_ingest(raw, warehouse)

    assert empty.returncode == 5
    assert "is the raw folder empty or not mounted?" in empty.stderr
    assert published_bytes(warehouse) == before
    kept = sorted(p.name for p in (warehouse.parent / ".cache").rglob("*") if p.is_file())
    assert set(cache_entries) <= set(kept)  # a refused build drops nothing from the cache

    forced = run_ingest(raw, warehouse, "--force-publish")

    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert query(warehouse, "select count(*) from marts.dim_report") == [(0,)]


@pytest.mark.slow
def test_parquet_marts_left_stale_are_published_again_by_the_next_run(tmp_path, dbt_manifest):
    raw, warehouse = tmp_path / "raw", tmp_path / "w" / "reports.duckdb"
    write_reports(raw, n=2)
    assert run_ingest(raw, warehouse).returncode == 0
    link = warehouse.parent / MARTS_LINK
    fresh = os.readlink(link)
    assert published_fingerprint(warehouse) is not None
    # the DuckDB file published, the link not switched: it still shows an older export
    stale = warehouse.parent / ".marts-0"
    stale.mkdir()
    os.remove(link)
    os.symlink(stale.name, link)

    assert published_fingerprint(warehouse) is None  # so the next run does not skip
    again = run_ingest(raw, warehouse)

    assert again.returncode == 0, again.stdout + again.stderr
    assert "publish:" in again.stdout
    assert os.readlink(link) not in (stale.name, fresh)
    assert published_fingerprint(warehouse) is not None


@pytest.mark.slow
def test_a_reader_that_stops_reading_the_output_neither_stops_nor_hangs_the_run(tmp_path, dbt_manifest):
    """`python -m pipelines ingest | head -1`: the pipe closes after the first line. The run
    goes on without its echo, publishes, and exits (141, as a shell reports a command whose
    pipe's reader left) instead of failing on the next progress line and then hanging at exit
    on its sandbox's idle children."""
    raw, warehouse = tmp_path / "raw", tmp_path / "w" / "reports.duckdb"
    write_reports(raw, n=4)
    with (tmp_path / "stderr.txt").open("w") as stderr:
        running = subprocess.Popen(ingest_command(raw, warehouse), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=stderr)
        assert running.stdout.readline().startswith(b"discover:")
        running.stdout.close()
        try:
            returncode = running.wait(timeout=240)
        finally:
            running.kill()
    assert returncode == EXIT_OUTPUT_CLOSED, (tmp_path / "stderr.txt").read_text()
    assert query(warehouse, "select count(*) from marts.dim_report") == [(4,)]
