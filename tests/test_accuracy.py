"""Accuracy on reports the rules were not written from, through the real pipeline:
- tests/holdout: eleven reports written by hand by people who never saw the extractor,
  with a reader's truth beside each;
- 300 generated reports (pipelines.samples) in mixed formats (txt, docx, xlsx, and PDF
  printed by LibreOffice when it is installed), whose layouts the extractor is meant to know.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from conftest import run_ingest
from pipelines.samples import write_samples
from truth_accuracy import compare, load_truth

REPO = Path(__file__).resolve().parents[1]
HOLDOUT = REPO / "tests" / "holdout"
GENERATED = 300


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for report in HOLDOUT.glob("*.txt"):
        shutil.copy(report, raw / report.name)
    truth = tmp_path_factory.mktemp("truth") / "generated.truth.jsonl"
    formats = ["txt", "docx", "xlsx"] + (["pdf"] if shutil.which("soffice") else [])
    write_samples(raw / "generated", n=GENERATED, seed=20261124, formats=formats, truth_path=truth)
    path = tmp_path_factory.mktemp("warehouse") / "reports.duckdb"
    done = run_ingest(raw, path)
    assert done.returncode == 0, done.stdout + done.stderr
    con = duckdb.connect(str(path), read_only=True)
    yield con, truth
    con.close()


def test_holdout_reports_nobody_wrote_the_rules_from(warehouse):
    con, _ = warehouse
    result = compare(con, load_truth(HOLDOUT))
    assert result["facts_found"] / result["facts_total"] >= 0.95, result["misses"]
    assert result["rows_right"] / result["rows_total"] >= 0.95, result["misses"]


def test_generated_reports(warehouse):
    con, truth = warehouse
    truths = load_truth(truth)
    for entry in truths:
        entry["source_file"] = f"generated/{entry['source_file']}"
    assert len(truths) == GENERATED and len(Counter(entry["source_format"] for entry in truths)) >= 3
    result = compare(con, truths)
    assert result["facts_found"] / result["facts_total"] >= 0.99, result["misses"][:20]
    assert result["rows_right"] / result["rows_total"] >= 0.99, result["misses"][:20]
