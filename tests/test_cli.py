"""The command line's contract that needs no pipeline run: arguments and exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.cli import EXIT_FILES_FAILED, EXIT_OK, build_parser, ingest_exit_status


def test_ingest_takes_the_raw_dir_the_warehouse_and_strict():
    args = build_parser().parse_args(["ingest", "--raw-dir", "in", "--warehouse", "w.duckdb", "--strict"])
    assert (str(args.raw_dir), str(args.warehouse), args.strict) == ("in", "w.duckdb", True)


def test_a_command_is_required():
    with pytest.raises(SystemExit):
        build_parser().parse_args([])


@pytest.mark.parametrize(
    ("failed", "strict", "status"),
    [(0, False, EXIT_OK), (2, False, EXIT_OK), (0, True, EXIT_OK), (2, True, EXIT_FILES_FAILED)],
)
def test_failed_files_fail_the_run_only_with_strict(failed, strict, status):
    assert ingest_exit_status({"failed": failed}, strict=strict) == status


def test_samples_command_writes_reports_and_their_truth(tmp_path):
    out = tmp_path / "reports"
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "samples", "--n", "2", "--out", str(out), "--seed", "3",
         "--formats", "txt,docx"],
        cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # two reports, one file each, the formats taken in turn
    assert len(list(out.glob("*.txt"))) == 1 and len(list(out.glob("*.docx"))) == 1
    truth = (tmp_path / "reports.truth.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(truth) == 2 and all('"budget"' in line for line in truth)


def test_a_manifest_older_than_the_dbt_project_is_parsed_again(dbt_manifest):
    """A model edited after the last parse: the CLI's ensure_dbt_manifest parses again, so the
    run does not meet a manifest without the model's new nodes."""
    import os

    from pipelines.resources import DBT_PROJECT, ensure_dbt_manifest, newest_dbt_source

    manifest = DBT_PROJECT.manifest_path
    newest = newest_dbt_source()
    os.utime(manifest, (newest - 60, newest - 60))  # as if a model had been saved after the parse
    ensure_dbt_manifest()
    assert manifest.stat().st_mtime >= newest
    # near miss: a manifest newer than every file is left as it is
    before = manifest.stat().st_mtime
    ensure_dbt_manifest()
    assert manifest.stat().st_mtime == before
