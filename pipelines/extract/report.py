"""One report file in, its facts out: the entry point of extraction.

`extract_file` never raises for a bad file: the report row gets status 'failed' and an
error a person understands, so one broken file never stops the others.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from pipelines.extract.schema import STAGING_TABLES, frame


@dataclass
class ReportExtract:
    """Every frame one report yields, keyed like the staging tables."""

    frames: dict[str, pl.DataFrame] = field(default_factory=dict)

    @property
    def report(self) -> dict:
        return self.frames["reports"].row(0, named=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def empty_extract(report_row: dict) -> ReportExtract:
    frames = {name: frame([], schema) for name, schema in STAGING_TABLES.items()}
    frames["reports"] = frame([report_row], STAGING_TABLES["reports"])
    return ReportExtract(frames)


def report_base(path: Path, raw_dir: Path, sha: str) -> dict:
    """The columns every report row has, whatever became of the file."""
    return {
        "report_id": sha[:16],
        "source_file": path.relative_to(raw_dir).as_posix(),
        "source_sha256": sha,
        "source_format": path.suffix.lower().lstrip(".") or "unknown",
        "extracted_at": datetime.now(timezone.utc).replace(tzinfo=None),
    }


def failed_extract(path: Path, raw_dir: Path, sha: str, error: str) -> ReportExtract:
    return empty_extract({**report_base(path, raw_dir, sha), "status": "failed", "error": error})


def extract_file(path: Path, raw_dir: Path) -> ReportExtract:
    """Read one file of the raw folder into frames; failures become a 'failed' report row."""
    sha = file_sha256(path)
    base = report_base(path, raw_dir, sha)
    try:
        from pipelines.extract.facts import extract_facts  # noqa: PLC0415 (heavy import)
        from pipelines.documents.readers import read_document  # noqa: PLC0415

        document = read_document(path)
        return extract_facts(document, base)
    except Exception as error:  # a bad file must never stop the run
        return failed_extract(path, raw_dir, sha, describe_error(error))


def describe_error(error: Exception) -> str:
    message = str(error).strip() or error.__class__.__name__
    return message if len(message) < 400 else message[:397] + "…"
