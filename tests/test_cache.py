"""The extraction cache keeps what it was given, heals when its files are damaged, runs no
code from its folder, retries failures of the moment and writes durably."""

from __future__ import annotations

import ast
import json
import os
import pickle
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from pipelines.extract.report import ReportExtract, empty_extract, failed_extract
from pipelines.extract.schema import BUDGET, CHECK, PROJECT, STAGING_TABLES, frame
from pipelines.load import cache as cache_module
from pipelines.load.cache import FRAMES_SUFFIX, SUMMARY_SUFFIX, ExtractCache
from pipelines.load.summary import ExtractSummary, decode_value, encode_value, summarize

VERSION = "v2-test"
SHA = "ab" * 32
KEY = f"{SHA}.txt"
RAW = Path("/reports/raw")


def sample_extract(sha: str = SHA, title: str = "2023年度部门整体支出绩效自评报告") -> ReportExtract:
    """A loaded report with a few facts: Decimal amounts, a date, a datetime, nulls."""
    report_id = sha[:16]
    extract = empty_extract(
        {
            "report_id": report_id,
            "source_file": "县/财政局.txt",
            "source_sha256": sha,
            "source_format": "txt",
            "status": "loaded",
            "title": title,
            "unit_name": "某县财政局",
            "fiscal_year": 2023,
            "report_date": date(2024, 3, 1),
            "self_score": 95.5,
            "max_score": 100.0,
            "extracted_at": datetime(2024, 3, 2, 8, 30, 15, 123456),
        }
    )
    extract.frames["budget_facts"] = frame(
        [
            {"report_id": report_id, "line_name": "年初预算", "line_raw": "年初预算数", "is_canonical": True,
             "phase": "budget", "amount_yuan": Decimal("1234.50"), "source_kind": "table", "ordinal": 1},
            {"report_id": report_id, "line_name": "调整预算", "line_raw": None, "is_canonical": False,
             "phase": "adjusted", "amount_yuan": None, "source_kind": "prose", "ordinal": 2},
        ],
        BUDGET,
    )
    extract.frames["project_facts"] = frame(
        [{"report_id": report_id, "project_name": "农村道路", "phase": "final", "amount_yuan": Decimal("-0.01"), "score": 88.0}],
        PROJECT,
    )
    extract.frames["quality_checks"] = frame(
        [{"report_id": report_id, "check_name": "sum", "severity": "warning"}, {"report_id": report_id, "check_name": "x"}],
        CHECK,
    )
    return extract


def failed(kind: str, sha: str = SHA) -> ReportExtract:
    return failed_extract(RAW / "a.docx", RAW, sha, f"failed: {kind}", kind)


def entry_files(folder: Path, key: str = KEY) -> tuple[Path, Path]:
    return folder / f"{key}{FRAMES_SUFFIX}", folder / f"{key}{SUMMARY_SUFFIX}"


@pytest.fixture
def cache(tmp_path) -> ExtractCache:
    return ExtractCache(tmp_path / "extracts", version=VERSION)


# ------------------------------------------------------------------ round trip
def test_an_extract_comes_back_as_it_was_put(cache):
    extract = sample_extract()
    returned = cache.put(KEY, extract)

    fresh = ExtractCache(cache.root, version=VERSION)  # another process, say
    back = fresh.get(KEY)
    assert back is not None and list(back.frames) == list(STAGING_TABLES)
    for name, original in extract.frames.items():
        assert_frame_equal(back.frames[name], original, check_dtypes=True, check_exact=True)
        assert back.frames[name].schema == pl.Schema(STAGING_TABLES[name])
    assert back.frames["budget_facts"]["amount_yuan"].to_list() == [Decimal("1234.50"), None]
    assert back.frames["budget_facts"]["line_raw"].to_list() == ["年初预算数", None]

    summary = fresh.summary(KEY)
    assert summary == returned == summarize(extract, KEY, VERSION)
    assert summary.report == extract.report
    assert type(summary.report["report_date"]) is date and summary.report["report_date"] == date(2024, 3, 1)
    assert type(summary.report["extracted_at"]) is datetime
    assert summary.report["extracted_at"] == datetime(2024, 3, 2, 8, 30, 15, 123456)
    assert summary.report["fiscal_year"] == 2023 and summary.report["self_score"] == 95.5
    assert summary.report["error"] is None and summary.report["title"] == "2023年度部门整体支出绩效自评报告"
    assert summary.amounts == frozenset({"1234.50", "-0.01"})
    assert summary.facts == 3
    assert summary.checks == {"warning": 1, None: 1}
    assert fresh.has(KEY)
    assert sorted(p.name for p in cache.folder.iterdir()) == [f"{KEY}.frames.arrow", f"{KEY}.summary.json"]


@pytest.mark.parametrize(
    "value",
    [None, "中文", 0, 2023, -1, 95.5, 0.1, float("inf"), float("-inf"), True, False,
     Decimal("1234.50"), Decimal("-0.01"), Decimal("0E-2"), date(2024, 2, 29),
     datetime(2024, 3, 2, 8, 30, 15, 123456), datetime(2024, 3, 2)],
)
def test_report_values_keep_their_value_and_type_through_json(value):
    back = decode_value(json.loads(json.dumps(encode_value(value), allow_nan=False)))
    assert type(back) is type(value) and back == value and str(back) == str(value)


def test_a_nan_score_survives_too():
    back = decode_value(json.loads(json.dumps(encode_value(float("nan")), allow_nan=False)))
    assert isinstance(back, float) and back != back


def test_a_summary_survives_json():
    summary = summarize(sample_extract(), KEY, VERSION)
    assert ExtractSummary.from_json(json.loads(json.dumps(summary.to_json()))) == summary


# ------------------------------------------------------------------ damage
def truncate_half(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def empty(path: Path) -> None:
    path.write_bytes(b"")


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xffnot an entry\x13" * 37)


def garbage_same_size(path: Path) -> None:
    path.write_bytes(b"\x5a" * path.stat().st_size)


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def edit_summary(change):
    def damage(path: Path) -> None:
        document = json.loads(path.read_text())
        change(document)
        path.write_text(json.dumps(document))
    return damage


def wrong_checksum(document: dict) -> None:
    document["frames"]["sha256"] = "0" * 64


def checksum_not_hex(document: dict) -> None:
    document["frames"]["sha256"] = "not a checksum"


def wrong_size(document: dict) -> None:
    document["frames"]["size"] += 1


def another_key(document: dict) -> None:
    document["summary"]["key"] = "cd" * 32 + ".txt"


def extract_of_other_content(document: dict) -> None:  # as a file changed while it was read once left
    document["summary"]["report"]["source_sha256"] = "cd" * 32


def amount_not_a_decimal(document: dict) -> None:
    document["summary"]["amounts"] = ["12.3.4"]


def date_not_a_date(document: dict) -> None:
    document["summary"]["report"]["report_date"] = {"date": "2024-13-45"}


def index_past_the_end(document: dict) -> None:
    document["frames"]["tables"]["quality_checks"][1] += 10


def no_reports_frame(document: dict) -> None:
    del document["frames"]["tables"]["reports"]


def delete(path: Path) -> None:
    path.unlink()


def fifo(path: Path) -> None:  # would block a reader that opens it without O_NONBLOCK
    path.unlink()
    os.mkfifo(path)


def symlink_to_frames(path: Path) -> None:
    frames = path.with_name(path.name.replace(SUMMARY_SUFFIX, FRAMES_SUFFIX))
    path.unlink()
    path.symlink_to(frames)


FRAMES, SUMMARY, BOTH = "frames", "summary", "both"

# (damage, which file, whether has()/summary() see it without hashing the frames)
DAMAGES = [
    (truncate_half, FRAMES, True),
    (empty, FRAMES, True),
    (empty, SUMMARY, True),
    (empty, BOTH, True),
    (garbage, FRAMES, True),
    (garbage, SUMMARY, True),
    (garbage, BOTH, True),
    (truncate_half, SUMMARY, True),
    (delete, FRAMES, True),
    (fifo, SUMMARY, True),
    (symlink_to_frames, SUMMARY, True),
    (edit_summary(checksum_not_hex), SUMMARY, True),
    (edit_summary(wrong_size), SUMMARY, True),
    (edit_summary(another_key), SUMMARY, True),
    (edit_summary(extract_of_other_content), SUMMARY, True),
    (edit_summary(amount_not_a_decimal), SUMMARY, True),
    (edit_summary(date_not_a_date), SUMMARY, True),
    (edit_summary(index_past_the_end), SUMMARY, True),
    (edit_summary(no_reports_frame), SUMMARY, True),
    # the same size: only get(), which hashes the frames, can tell
    (garbage_same_size, FRAMES, False),
    (flip_a_byte, FRAMES, False),
    (edit_summary(wrong_checksum), SUMMARY, False),
]


@pytest.mark.parametrize(("damage", "which", "seen_cheaply"), DAMAGES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_a_damaged_entry_is_absent_deleted_and_healed_by_the_next_put(cache, damage, which, seen_cheaply):
    extract = sample_extract()
    cache.put(KEY, extract)
    frames_path, summary_path = entry_files(cache.folder)
    for path in {FRAMES: [frames_path], SUMMARY: [summary_path], BOTH: [frames_path, summary_path]}[which]:
        damage(path)

    if seen_cheaply:
        assert cache.has(KEY) is False
        assert cache.summary(KEY) is None
    else:
        assert cache.has(KEY) is True  # no hashing when planning …
        assert cache.summary(KEY) == summarize(extract, KEY, VERSION)
    assert cache.get(KEY) is None  # … but get() checks the checksum
    assert cache.has(KEY) is False and cache.summary(KEY) is None and cache.get(KEY) is None
    assert not summary_path.exists() and not summary_path.is_symlink()  # the entry is no longer whole

    assert cache.put(KEY, extract) == summarize(extract, KEY, VERSION)
    assert cache.has(KEY) is True
    assert cache.summary(KEY).report == extract.report
    assert_frame_equal(cache.get(KEY).frames["budget_facts"], extract.frames["budget_facts"])


def test_an_extract_is_stored_under_the_hash_of_the_content_it_was_read_from(cache):
    other = "cd" * 32
    summary = cache.put(KEY, sample_extract(sha=other))  # the file changed after it was hashed as SHA
    assert summary.key == f"{other}.txt"
    assert cache.has(KEY) is False and cache.summary(KEY) is None
    assert cache.get(f"{other}.txt").report["source_sha256"] == other


def test_a_frames_file_without_its_summary_is_not_an_entry(cache):
    cache.put(KEY, sample_extract())
    frames_path, summary_path = entry_files(cache.folder)
    summary_path.unlink()  # as between the two writes of put()
    assert (cache.has(KEY), cache.summary(KEY), cache.get(KEY)) == (False, None, None)
    assert frames_path.exists()  # maybe being written: left to put() or prune()


def test_one_damaged_entry_leaves_the_others_alone(cache):
    other = "cd" * 32 + ".txt"
    cache.put(KEY, sample_extract())
    cache.put(other, sample_extract("cd" * 32))
    garbage(entry_files(cache.folder)[0])
    assert cache.get(KEY) is None
    assert cache.has(other) and cache.get(other).report["source_sha256"] == "cd" * 32


# ------------------------------------------------------------------ no code from the cache
class Bomb:
    """Unpickled, it creates the marker file: proof that a pickle ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize(
    "names",
    [
        [f"{KEY}.pkl", f"{KEY}.summary.pkl"],  # the first format's names
        [f"{KEY}{FRAMES_SUFFIX}", f"{KEY}{SUMMARY_SUFFIX}"],  # this format's names
        [f"{KEY}{SUMMARY_SUFFIX}"],
        [f"{KEY}{FRAMES_SUFFIX}"],
    ],
)
def test_a_pickle_planted_in_the_cache_never_runs(cache, tmp_path, names):
    marker = tmp_path / "pwned"
    bomb = pickle.dumps(Bomb(marker), protocol=pickle.HIGHEST_PROTOCOL)
    cache.folder.mkdir(parents=True)
    for name in names:
        (cache.folder / name).write_bytes(bomb)

    assert cache.has(KEY) is False
    assert cache.summary(KEY) is None
    assert cache.get(KEY) is None
    assert cache.prune(keep={KEY}) in (0, 1)
    assert cache.prune(keep=set()) in (0, 1)
    assert not marker.exists()
    assert list(cache.folder.iterdir()) == []  # deleted, unread

    pickle.loads(bomb)  # the bomb is live: had anything unpickled it, the marker would be there
    assert marker.exists()


def test_the_cache_module_does_not_import_pickle():
    tree = ast.parse(Path(cache_module.__file__).read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
                for alias in node.names} | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {"pickle", "cPickle", "dill", "cloudpickle", "joblib"} & imported


# ------------------------------------------------------------------ retried failures
@pytest.mark.parametrize(
    ("kind", "kept"),
    [("limit", False), ("crash", False), ("tool", False), ("file", True), ("code", True)],
)
def test_a_failure_of_the_moment_is_read_again_next_run(cache, kind, kept):
    cache.put(KEY, failed(kind))

    assert cache.has(KEY) is kept
    # the run that made it still loads it
    assert cache.summary(KEY).report["failure_kind"] == kind
    assert cache.summary(KEY).report["status"] == "failed"
    assert cache.get(KEY).report["error"] == f"failed: {kind}"
    assert cache.has(KEY) is kept  # and it was not deleted
    cache.put(KEY, sample_extract())  # read again, it succeeded
    assert cache.has(KEY) is True


# ------------------------------------------------------------------ durability
def test_put_fsyncs_each_file_before_renaming_it_and_the_folder_after(cache, monkeypatch):
    cache.folder.mkdir(parents=True)
    events: list[tuple] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))))
        real_fsync(fd)

    def replace(source, target):
        events.append(("replace", Path(source).name, Path(target).name))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    cache.put(KEY, sample_extract())

    frames, summary = f"{KEY}{FRAMES_SUFFIX}", f"{KEY}{SUMMARY_SUFFIX}"
    assert [e[0] for e in events] == ["fsync", "replace", "fsync"] * 2
    (_, frames_temp), (_, frames_source, frames_target), (_, folder1) = events[:3]
    (_, summary_temp), (_, summary_source, summary_target), (_, folder2) = events[3:]
    assert frames_temp == frames_source and frames_source.startswith(f".{frames}.") and frames_target == frames
    assert summary_temp == summary_source and summary_source.startswith(f".{summary}.") and summary_target == summary
    assert folder1 == folder2 == VERSION


def test_a_put_that_fails_midway_leaves_no_entry_and_no_temporary_file(cache, monkeypatch):
    cache.put(KEY, sample_extract(title="old"))
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 3:  # the summary file's: frames written, summary not
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space"):
        cache.put(KEY, sample_extract(title="new"))
    monkeypatch.setattr(os, "fsync", real_fsync)

    assert sorted(p.name for p in cache.folder.iterdir()) == [f"{KEY}{FRAMES_SUFFIX}"]  # the old summary went first
    assert (cache.has(KEY), cache.summary(KEY), cache.get(KEY)) == (False, None, None)


# ------------------------------------------------------------------ prune
def test_prune_keeps_only_the_entries_asked_for_and_deletes_leftovers_unread(cache):
    keep, drop = KEY, "cd" * 32 + ".pdf"
    cache.put(keep, sample_extract())
    cache.put(drop, sample_extract("cd" * 32))
    leftovers = [f".{keep}{FRAMES_SUFFIX}.1234abcd.tmp", f".{keep}.pkl.999.tmp", f"{keep}.pkl", f"{keep}.summary.pkl",
                 "ef" * 32 + ".docx.pkl", "ef" * 32 + ".docx.summary.pkl"]
    for name in leftovers:
        (cache.folder / name).write_bytes(b"\x80\x05leftover")
    old_version = cache.root / "v1-0123456789ab"
    old_version.mkdir()
    (old_version / f"{keep}.pkl").write_bytes(b"\x80\x05")

    assert cache.prune(keep={keep}) == 3  # drop, and the first-format entries of keep and ef…
    assert sorted(p.name for p in cache.folder.iterdir()) == [f"{keep}{FRAMES_SUFFIX}", f"{keep}{SUMMARY_SUFFIX}"]
    assert sorted(p.name for p in cache.root.iterdir()) == [VERSION]
    assert cache.has(keep) and cache.get(keep).report["source_sha256"] == SHA
    assert cache.prune(keep=set()) == 1 and list(cache.folder.iterdir()) == []


def test_switching_the_ocr_engine_changes_the_cache_version(monkeypatch):
    """Scanned pages read by another engine give other extracts: they must be read again."""
    monkeypatch.delenv(cache_module.CODE_VERSION_ENV, raising=False)
    monkeypatch.delenv("REPORTS_OCR_ENGINE", raising=False)
    default = cache_module.code_version()
    monkeypatch.setenv("REPORTS_OCR_ENGINE", "rapidocr")
    assert cache_module.code_version() == default  # near miss: the default named is the default
    monkeypatch.setenv("REPORTS_OCR_ENGINE", "tesseract")
    assert cache_module.code_version() != default


def test_a_summary_is_decoded_once_while_its_file_is_unchanged(cache, monkeypatch):
    extract = sample_extract()
    cache.put(KEY, extract)
    monkeypatch.setattr(cache_module, "_DECODED", {})  # (what earlier tests' has() kept)
    decoded = []
    real = cache_module.decode_entry
    monkeypatch.setattr(cache_module, "decode_entry", lambda *a, **k: decoded.append(1) or real(*a, **k))

    # the plan asks has(), the gathering summary(), maybe in another instance of the cache
    assert cache.has(KEY) and cache.has(KEY)
    assert ExtractCache(cache.root, VERSION).summary(KEY) == summarize(extract, KEY, VERSION)
    assert len(decoded) == 1
    # … which takes what has() kept: nothing stays for the rest of the run
    assert cache.summary(KEY) is not None and len(decoded) == 2
    assert not cache_module._DECODED
    # near miss: an entry written again (another extract) is read again
    cache.has(KEY)
    cache.put(KEY, sample_extract(title="2024年度部门整体支出绩效自评报告"))
    assert cache.summary(KEY).report["title"] == "2024年度部门整体支出绩效自评报告"
    assert len(decoded) == 4


@pytest.mark.parametrize("size", [0, 1, 100, 70_000, 200_000])
def test_a_file_is_read_whole_up_to_its_limit_and_refused_past_it(tmp_path, size):
    path = tmp_path / "entry"
    content = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(content)
    assert cache_module.read_regular_file(path, size) == content
    assert cache_module.read_regular_file(path, size + 5) == content
    if size:
        with pytest.raises(cache_module.DamagedEntry, match="bigger than expected"):
            cache_module.read_regular_file(path, size - 1)
