"""Where things are: the raw folder, the warehouse and the dbt project.

Paths come from the environment (REPORTS_RAW_DIR, REPORTS_WAREHOUSE) with defaults inside
the repository, and are always returned absolute: dbt runs in its own folder, so a
relative path would point somewhere else there.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

RAW_DIR_ENV = "REPORTS_RAW_DIR"
WAREHOUSE_ENV = "REPORTS_WAREHOUSE"


def raw_dir() -> Path:
    return _path_from_env(RAW_DIR_ENV, REPO_ROOT / "raw")


def warehouse_path() -> Path:
    return _path_from_env(WAREHOUSE_ENV, REPO_ROOT / "warehouse" / "reports.duckdb")


def _path_from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().absolute() if value else default


# Each file is extracted in a child process with these bounds (pipelines/run/sandbox.py).
EXTRACT_TIMEOUT_ENV = "REPORTS_EXTRACT_TIMEOUT_S"
EXTRACT_MEMORY_ENV = "REPORTS_EXTRACT_MEMORY_MB"
EXTRACT_WORKERS_ENV = "REPORTS_EXTRACT_WORKERS"


def extract_limits():
    """Time limit (default 60 s), memory bound (2048 MB of address space each) and worker
    count (default one per core) of extraction. Two workers on two cores take the seed
    folder's 28 files (OCR, LibreOffice conversions) from 30 s of extraction to 17 s.

    The bound is on address space, which counts what libraries map and reserve, not only
    what a child touches: a child reading scanned pages with RapidOCR maps about 1.3 GB
    (onnxruntime, OpenCV and their thread pools) while it stays near 0.55 GB resident, so
    under the former 1024 MB it could not load the engine."""
    from pipelines.run.sandbox import Limits  # noqa: PLC0415

    return Limits(
        seconds=float(os.environ.get(EXTRACT_TIMEOUT_ENV) or 60),
        memory_mb=int(os.environ.get(EXTRACT_MEMORY_ENV) or 2048),
        workers=int(os.environ.get(EXTRACT_WORKERS_ENV) or os.cpu_count() or 1),
    )


EXTRACT_CHUNKS_ENV = "REPORTS_EXTRACT_CHUNKS"


def extract_chunks(files: int) -> int:
    """How many extraction steps the files to read are split into (REPORTS_EXTRACT_CHUNKS,
    default 1). One step suits the in-process executor, whose step runs
    REPORTS_EXTRACT_WORKERS children at once; under a multiprocess or celery executor set it
    to a small multiple of the worker processes so each gets a share."""
    return max(1, min(files, int(os.environ.get(EXTRACT_CHUNKS_ENV) or 1)))


# How scanned PDF pages are read (pipelines/documents/ocr_engines.py, ocr_schedule.py).
OCR_ENGINE_ENV = "REPORTS_OCR_ENGINE"
OCR_BUDGET_ENV = "REPORTS_OCR_BUDGET_S"


def ocr_budget_seconds() -> float:
    """How long the OCR of one file may run in all (REPORTS_OCR_BUDGET_S, default 900 s):
    past it the pages left are not read and the report is 'partial'. Each page has the
    extraction's time limit of its own (REPORTS_EXTRACT_TIMEOUT_S). A 60-page scan takes
    about 100 s on two cores (docs/formats.md)."""
    return float(os.environ.get(OCR_BUDGET_ENV) or 900)
OCR_ENGINES = ("rapidocr", "tesseract")


def ocr_engine() -> str:
    """`rapidocr` (default) or `tesseract` (REPORTS_OCR_ENGINE). RapidOCR reads every money
    figure of the scanned samples exactly; Tesseract is the fallback, used when RapidOCR's
    package is missing (docs/formats.md compares them)."""
    choice = (os.environ.get(OCR_ENGINE_ENV) or "rapidocr").strip().lower()
    if choice not in OCR_ENGINES:
        raise ValueError(f"{OCR_ENGINE_ENV}={choice!r}: expected one of {', '.join(OCR_ENGINES)}")
    return choice
