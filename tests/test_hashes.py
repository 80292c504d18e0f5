"""The memo of raw files' hashes (pipelines/load/hashes.py): trusted only while a file's
record is unchanged, never for a file written or copied in the last moments."""

import hashlib
import os
import time

from pipelines.load import hashes as hashes_module
from pipelines.load.cache import ExtractCache
from pipelines.load.hashes import HashMemo
from pipelines.load.plan import plan_extraction

HOUR_NS = 3600 * 10**9


def _an_hour_later(monkeypatch):
    """The clock an hour on: every file written now is out of the racy window."""
    now = time.time_ns()
    monkeypatch.setattr(hashes_module, "_now_ns", lambda: now + HOUR_NS)


def _refuse_to_hash(monkeypatch):
    def refuse(path):
        raise AssertionError(f"{path} was hashed again")
    monkeypatch.setattr(hashes_module, "file_sha256", refuse)


def test_an_unchanged_file_is_not_hashed_again_in_the_next_run(tmp_path, monkeypatch):
    report = tmp_path / "a.txt"
    report.write_bytes("某某局2023年度整体支出绩效自评报告".encode())
    _an_hour_later(monkeypatch)
    memo_path = tmp_path / "memo.json"
    first = HashMemo(memo_path)
    assert first.sha256(report, "a.txt") == hashlib.sha256(report.read_bytes()).hexdigest()
    first.save()

    _refuse_to_hash(monkeypatch)
    assert HashMemo(memo_path).sha256(report, "a.txt") == hashlib.sha256(report.read_bytes()).hexdigest()


def test_a_changed_file_of_the_same_size_is_hashed_again(tmp_path, monkeypatch):
    report = tmp_path / "a.txt"
    report.write_bytes(b"budget 100")
    _an_hour_later(monkeypatch)
    memo = HashMemo(tmp_path / "memo.json")
    memo.sha256(report, "a.txt")
    time.sleep(0.01)  # past the file system's timestamp granularity
    report.write_bytes(b"budget 900")
    assert memo.sha256(report, "a.txt") == hashlib.sha256(b"budget 900").hexdigest()


def test_a_file_written_just_now_is_not_remembered(tmp_path):
    report = tmp_path / "a.txt"
    report.write_bytes(b"written this instant")
    memo = HashMemo(tmp_path / "memo.json")
    memo.sha256(report, "a.txt")
    assert "a.txt" not in memo.entries


def test_a_copy_that_kept_an_old_modification_time_is_not_remembered(tmp_path):
    # (as a download or `cp -p` writes it: the change time is now)
    report = tmp_path / "a.txt"
    report.write_bytes(b"copied with its original time")
    then = time.time_ns() - HOUR_NS
    os.utime(report, ns=(then, then))
    memo = HashMemo(tmp_path / "memo.json")
    memo.sha256(report, "a.txt")
    assert "a.txt" not in memo.entries


def test_a_damaged_memo_is_an_empty_one_and_gone_files_are_forgotten(tmp_path, monkeypatch):
    memo_path = tmp_path / "memo.json"
    memo_path.write_text("{not json", encoding="utf-8")
    assert HashMemo(memo_path).entries == {}
    memo_path.write_text('{"version": 1, "files": {"a.txt": 7, "b.txt": [1, 2, "x"]}}', encoding="utf-8")
    assert HashMemo(memo_path).entries == {}

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"a")
    b.write_bytes(b"b")
    _an_hour_later(monkeypatch)
    memo = HashMemo(memo_path)
    memo.sha256(a, "a.txt")
    memo.sha256(b, "b.txt")
    memo.keep_only({"b.txt"})
    memo.save()
    assert set(HashMemo(memo_path).entries) == {"b.txt"}
    assert not list(tmp_path.glob("*.tmp"))


def test_the_plan_reads_a_file_changed_since_the_last_run(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes("某某局2022年度整体支出绩效自评报告".encode())
    _an_hour_later(monkeypatch)
    cache = ExtractCache(tmp_path / "w" / ".cache" / "extracts")
    first = plan_extraction(["a.txt"], raw, cache)
    time.sleep(0.01)
    (raw / "a.txt").write_bytes("某某局2023年度整体支出绩效自评报告".encode())
    second = plan_extraction(["a.txt"], raw, cache)
    assert first.keys["a.txt"] != second.keys["a.txt"]
    assert list((tmp_path / "w" / ".cache" / "hashes").glob("*.json"))


def test_the_run_after_a_failed_no_op_check_takes_its_look_once_and_only_while_fresh(tmp_path, monkeypatch):
    from pipelines.load import plan as planning

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes(b"budget 100")
    cache = ExtractCache(tmp_path / "cache", version="test")
    seen = planning.file_keys(["a.txt"], raw, cache)
    planning.hand_on(raw, ["a.txt"], seen)
    assert planning.listed_files(raw) == ["a.txt"]
    assert planning.listed_files(tmp_path / "another") is None

    _refuse_to_hash(monkeypatch)
    (raw / "a.txt").write_bytes(b"budget 900")  # after the look: this run works on the look
    assert planning.file_keys(["a.txt"], raw, cache) is seen
    assert planning.listed_files(raw) is None  # taken: the next run lists and hashes again

    monkeypatch.undo()
    planning.hand_on(raw, ["a.txt"], seen)
    monkeypatch.setattr(planning, "LOOK_FRESH_S", 0.0)  # a look too old is not taken
    assert planning.file_keys(["a.txt"], raw, cache)["a.txt"][0].startswith(hashlib.sha256(b"budget 900").hexdigest())
    planning.hand_on(raw, ["a.txt"], seen)
    monkeypatch.setattr(planning, "LOOK_FRESH_S", 60.0)
    # nor one of other files
    assert planning.file_keys(["a.txt", "b.txt"], raw, cache) is not seen
