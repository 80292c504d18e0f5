"""The memo of raw files' hashes (pipelines/load/hashes.py): trusted only while a file's
record is unchanged, never for a file written in the last moments."""

import hashlib
import os
import time

import pytest

from pipelines.load import hashes as hashes_module
from pipelines.load.hashes import HashMemo
from pipelines.load.plan import plan_extraction
from pipelines.load.cache import ExtractCache

HOUR_NS = 3600 * 10**9


def _old_file(path, content: bytes):
    """A file last written an hour ago: out of the racy window."""
    path.write_bytes(content)
    then = time.time_ns() - HOUR_NS
    os.utime(path, ns=(then, then))
    return path


def _refuse_to_hash(monkeypatch):
    def refuse(path):
        raise AssertionError(f"{path} was hashed again")
    monkeypatch.setattr(hashes_module, "file_sha256", refuse)


def test_an_unchanged_file_is_not_hashed_again_in_the_next_run(tmp_path, monkeypatch):
    report = _old_file(tmp_path / "a.txt", "某某局2023年度整体支出绩效自评报告".encode())
    memo_path = tmp_path / "memo.json"
    first = HashMemo(memo_path)
    assert first.sha256(report, "a.txt") == hashlib.sha256(report.read_bytes()).hexdigest()
    first.save()

    _refuse_to_hash(monkeypatch)
    assert HashMemo(memo_path).sha256(report, "a.txt") == hashlib.sha256(report.read_bytes()).hexdigest()


def test_a_changed_file_is_hashed_again_even_with_its_old_size_and_time(tmp_path):
    report = _old_file(tmp_path / "a.txt", b"budget 100")
    memo = HashMemo(tmp_path / "memo.json")
    memo.sha256(report, "a.txt")
    old = report.stat()
    report.write_bytes(b"budget 900")  # same size
    os.utime(report, ns=(old.st_atime_ns, old.st_mtime_ns))  # same modification time: the change time moves
    assert memo.sha256(report, "a.txt") == hashlib.sha256(b"budget 900").hexdigest()


def test_a_file_written_just_now_is_not_remembered(tmp_path, monkeypatch):
    report = tmp_path / "a.txt"
    report.write_bytes(b"written this instant")
    memo = HashMemo(tmp_path / "memo.json")
    memo.sha256(report, "a.txt")
    assert "a.txt" not in memo.entries
    with pytest.raises(AssertionError, match="hashed again"):
        _refuse_to_hash(monkeypatch)
        memo.sha256(report, "a.txt")


def test_a_damaged_memo_is_an_empty_one_and_gone_files_are_forgotten(tmp_path):
    memo_path = tmp_path / "memo.json"
    memo_path.write_text("{not json", encoding="utf-8")
    memo = HashMemo(memo_path)
    assert memo.entries == {}
    a = _old_file(tmp_path / "a.txt", b"a")
    b = _old_file(tmp_path / "b.txt", b"b")
    memo.sha256(a, "a.txt")
    memo.sha256(b, "b.txt")
    memo.keep_only({"b.txt"})
    memo.save()
    assert set(HashMemo(memo_path).entries) == {"b.txt"}


def test_the_plan_reads_a_file_changed_since_the_last_run(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _old_file(raw / "a.txt", "某某局2022年度整体支出绩效自评报告".encode())
    cache = ExtractCache(tmp_path / "w" / ".cache" / "extracts")
    first = plan_extraction(["a.txt"], raw, cache)
    (raw / "a.txt").write_bytes("某某局2023年度整体支出绩效自评报告".encode())
    second = plan_extraction(["a.txt"], raw, cache)
    assert first.keys["a.txt"] != second.keys["a.txt"]
    assert (tmp_path / "w" / ".cache" / "hashes").is_dir()
