"""The fingerprint of a build's inputs: when it equals the published warehouse's, the run
has nothing to rebuild (pipelines/load/publish.py reads the published one)."""

from __future__ import annotations

import hashlib
import json

from pipelines import settings
from pipelines.load.summary import ExtractSummary

# bump when the load (duplicates, staging) changes in a way the code digest misses
LOAD_VERSION = 1
BUILD_CODE = ("pipelines/load", "dbt_project/models", "dbt_project/macros", "dbt_project/seeds", "dbt_project/tests")


def inputs_fingerprint(reports: list[ExtractSummary]) -> str:
    """Equal exactly when a build would give the same warehouse: the same files with the
    same content and outcome, read by the same extraction code (its cache version: an
    upgraded extractor gives other facts from the same files), the same load and dbt code."""
    digest = hashlib.sha256(f"load v{LOAD_VERSION}".encode())
    for folder in BUILD_CODE:
        for path in sorted((settings.REPO_ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(settings.REPO_ROOT).as_posix().encode() + path.read_bytes())
    for summary in reports:
        report = summary.report
        row = [report["source_file"], report["report_id"], report["source_sha256"], report["status"], report["error"],
               summary.version]
        digest.update(json.dumps(row, ensure_ascii=False).encode())
    return digest.hexdigest()
