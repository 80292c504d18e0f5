"""The command line's contract that needs no pipeline run: arguments and exit status."""

from __future__ import annotations

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
