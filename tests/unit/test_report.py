"""pipelines.extract.report: one file in, its frames out; a bad file never raises.

Rules covered, one row each with a near miss:
- report_base: report_id is the first 16 hex characters of the sha256; the file is named by its
  path under the raw folder, printable; the format is the lower-case suffix, else 'unknown';
- failure_kind: a declared kind wins; MemoryError → limit; a polars error → code; ValueError and
  OSError → file (the readers' refusals); another error → code when raised in this package's
  code, file when raised elsewhere (a parsing library choking on the file);
- describe_error: the message, else the error's class name; at most 400 characters;
- empty_extract / failed_extract: one report row over empty frames of every staging table;
- extract_file: a binary file saved as .txt becomes a 'failed' row of kind file; a small
  text report is read; a file rewritten while it is read is a failure of kind changed, read
  again next run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest

from pipelines.extract import report as report_module
from pipelines.extract.report import (
    CHANGED,
    CODE,
    FILE,
    LIMIT,
    RETRIED_KINDS,
    TOOL,
    describe_error,
    empty_extract,
    extract_file,
    failed_extract,
    failure_kind,
    file_sha256,
    report_base,
)
from pipelines.extract.schema import STAGING_TABLES
from pipelines.normalize.text import squash


def test_file_sha256(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert file_sha256(path) == hashlib.sha256(b"abc").hexdigest()


@pytest.mark.parametrize(
    ("relative", "source_file", "source_format"),
    [
        ("某某县/报告.DOCX", "某某县/报告.DOCX", "docx"),
        ("a.pdf", "a.pdf", "pdf"),
        # near misses: no suffix; a newline in a name is escaped, never printed as is
        ("README", "README", "unknown"),
        ("a\nb.txt", "a\\nb.txt", "txt"),
    ],
)
def test_report_base(tmp_path: Path, relative, source_file, source_format):
    sha = "ab" * 32
    base = report_base(tmp_path / relative, tmp_path, sha)
    assert (base["report_id"], base["source_file"], base["source_format"], base["source_sha256"]) == (
        sha[:16], source_file, source_format, sha)


class DeclaredError(RuntimeError):
    failure_kind = TOOL


def raised(call):
    try:
        call()
    except BaseException as error:  # noqa: BLE001 (the test wants the error itself)
        return error
    raise AssertionError("nothing raised")


def raise_here(error):
    raise error


@pytest.mark.parametrize(
    ("make_error", "kind"),
    [
        (lambda: DeclaredError("LibreOffice is missing"), TOOL),
        (lambda: MemoryError(), LIMIT),
        (lambda: pl.exceptions.ComputeError("bad frame"), CODE),
        (lambda: ValueError("not a docx"), FILE),
        (lambda: OSError("unreadable"), FILE),
        # an error raised inside this package's code is a bug, not a bad file
        (lambda: raised(lambda: squash(5)), CODE),
        # near miss: the same kind of error raised outside the package (a library) is the file's
        (lambda: raised(lambda: raise_here(TypeError("a library choked"))), FILE),
    ],
)
def test_failure_kind(make_error, kind):
    assert failure_kind(make_error()) == kind


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (ValueError("  the file is empty  "), "the file is empty"),
        (KeyError(), "KeyError"),  # no message: the class says what happened
        (ValueError("x" * 399), "x" * 399),
        (ValueError("x" * 500), "x" * 397 + "…"),
    ],
)
def test_describe_error(error, message):
    assert describe_error(error) == message


def test_empty_and_failed_extracts_have_every_table_and_one_report_row(tmp_path: Path):
    extract = failed_extract(tmp_path / "a.docx", tmp_path, "c" * 64, "the file is damaged")
    assert set(extract.frames) == set(STAGING_TABLES)
    assert all(extract.frames[name].height == 0 for name in STAGING_TABLES if name != "reports")
    assert {k: extract.report[k] for k in ("status", "error", "failure_kind", "source_format")} == {
        "status": "failed", "error": "the file is damaged", "failure_kind": FILE, "source_format": "docx",
    }
    assert empty_extract({"report_id": "r1", "status": "not_a_report"}).report["status"] == "not_a_report"


def test_extract_file_turns_a_bad_file_into_a_failed_row(tmp_path: Path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 8)
    report = extract_file(path, tmp_path).report
    assert (report["status"], report["failure_kind"]) == ("failed", FILE)
    assert "not text" in report["error"]  # a message a person understands


def test_extract_file_reads_a_small_report(tmp_path: Path):
    path = tmp_path / "某某县某某局.txt"
    path.write_text(
        "某某县某某局2022年度部门整体支出绩效自评报告\n\n2022年度决算支出合计100万元，预算执行良好。\n", encoding="utf-8"
    )
    extract = extract_file(path, tmp_path)
    assert (extract.report["status"], extract.report["unit_name"], extract.report["fiscal_year"]) == (
        "loaded", "某某县某某局", 2022)
    assert extract.report["report_id"] == file_sha256(path)[:16]


def test_package_dir_is_the_pipelines_package():
    assert report_module.PACKAGE_DIR.name == "pipelines"


def test_a_file_rewritten_while_it_is_read_is_a_failure_read_again(tmp_path: Path, monkeypatch):
    path = tmp_path / "某某县某某局.txt"
    path.write_text("某某县某某局2022年度部门整体支出绩效自评报告\n\n决算支出合计100万元。\n", encoding="utf-8")
    hashed = file_sha256(path)
    from pipelines.documents import readers  # noqa: PLC0415

    read_document = readers.read_document

    def read_while_a_copy_rewrites_it(p):
        document = read_document(p)
        p.write_text("某某县某某局2023年度部门整体支出绩效自评报告\n", encoding="utf-8")
        return document

    monkeypatch.setattr(readers, "read_document", read_while_a_copy_rewrites_it)
    report = extract_file(path, tmp_path).report
    assert (report["status"], report["failure_kind"], report["source_sha256"]) == ("failed", CHANGED, hashed)
    assert CHANGED in RETRIED_KINDS and "changed while" in report["error"]


def test_a_file_left_alone_while_it_is_read_loads(tmp_path: Path):  # the near miss
    path = tmp_path / "某某县某某局.txt"
    path.write_text("某某县某某局2022年度部门整体支出绩效自评报告\n\n决算支出合计100万元。\n", encoding="utf-8")
    assert extract_file(path, tmp_path).report["status"] == "loaded"
