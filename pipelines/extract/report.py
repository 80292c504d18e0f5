"""One report file in, its facts out: the entry point of extraction.

`extract_file` never raises for a bad file: the report row gets status 'failed' and an
error a person understands, so one broken file never stops the others.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from pipelines.extract.schema import STAGING_TABLES, frame
from pipelines.normalize.text import printable_name


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
        "source_file": printable_name(path.relative_to(raw_dir).as_posix()),
        "source_sha256": sha,
        "source_format": path.suffix.lower().lstrip(".") or "unknown",
        "extracted_at": datetime.now(timezone.utc).replace(tzinfo=None),
    }


# Why a file failed decides whether its failure is kept (pipelines/load/cache.py):
FILE = "file"  # the file itself (damaged, encrypted, not a document): kept until it changes
LIMIT = "limit"  # a time or memory limit: read again on the next run
CRASH = "crash"  # the reading process died: read again on the next run
TOOL = "tool"  # a tool it needs is missing (LibreOffice, Tesseract): read again on the next run
CODE = "code"  # an error in the extraction code, not in the file: shown as such; kept for this code
CHANGED = "changed"  # the file was rewritten while it was read (a copy under way): read again on the next run
RETRIED_KINDS = frozenset({LIMIT, CRASH, TOOL, CHANGED})
CHANGED_MESSAGE = "the file changed while it was being read (a copy still under way?); the next run reads it again"


def failed_extract(path: Path, raw_dir: Path, sha: str, error: str, kind: str = FILE) -> ReportExtract:
    return empty_extract({**report_base(path, raw_dir, sha), "status": "failed", "error": error, "failure_kind": kind})


def extract_file(path: Path, raw_dir: Path) -> ReportExtract:
    """Read one file of the raw folder into frames; failures become a 'failed' report row.
    The file is hashed before and after it is read: facts read from other bytes than the
    hash names would be kept (and served from the cache) as that content's."""
    sha = file_sha256(path)
    extract = _read(path, raw_dir, sha)
    if not _still(path, sha):
        return failed_extract(path, raw_dir, sha, CHANGED_MESSAGE, CHANGED)
    return extract


def _still(path: Path, sha: str) -> bool:
    try:
        return file_sha256(path) == sha
    except OSError:  # deleted or replaced meanwhile
        return False


def _read(path: Path, raw_dir: Path, sha: str) -> ReportExtract:
    base = report_base(path, raw_dir, sha)
    try:
        from pipelines.extract.facts import extract_facts  # noqa: PLC0415 (heavy import)
        from pipelines.documents.readers import read_document  # noqa: PLC0415

        document = read_document(path)
        return extract_facts(document, base)
    except Exception as error:  # a bad file must never stop the run
        kind = failure_kind(error)
        message = describe_error(error)
        if kind == CODE:
            message = f"an error in the extraction code, not in the file ({message}); please report it"
        return failed_extract(path, raw_dir, sha, message, kind)


def failure_kind(error: BaseException) -> str:
    """The kind an error declares (`failure_kind` on the readers' tool and limit errors);
    FILE for the readers' refusals (ValueError and its kin) and for errors raised inside a
    parsing library (it choked on the file); LIMIT for memory; CODE for any other error
    raised by this package's code or by polars: a bug that must not pass for a bad file."""
    declared = getattr(error, "failure_kind", None)
    if declared:
        return declared
    if isinstance(error, MemoryError):
        return LIMIT
    if isinstance(error, pl.exceptions.PolarsError):
        return CODE
    if isinstance(error, ValueError | OSError):
        return FILE
    innermost = traceback.extract_tb(error.__traceback__)[-1:]
    raised_here = bool(innermost) and Path(innermost[0].filename).resolve().is_relative_to(PACKAGE_DIR)
    return CODE if raised_here else FILE


PACKAGE_DIR = Path(__file__).resolve().parents[1]


def describe_error(error: Exception) -> str:
    message = str(error).strip() or error.__class__.__name__
    return message if len(message) < 400 else message[:397] + "…"
