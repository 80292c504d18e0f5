"""The readers' share: what the document readers take to turn a file into the document model
(pipelines/documents: python-docx, pdfplumber and pypdfium2, openpyxl, and the code that
builds the model from what they give), before any extraction rule runs.

The floor (floor.py) only strips text; the extraction needs the layout (tables, cells,
positions), which the readers give at ten to a hundred times the floor's cost. Their time,
spread over the run's extraction workers, is a lower bound of a cold run that no change to
the rules or the warehouse goes under (profiled, about a third of it is the model's own
code for PDF and Word files, the rest the libraries): the benchmark prints it beside the
floor, so a target stated against the floor can be read against what the readers allow.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from tools.bench.floor import file_format

SAMPLE_PER_FORMAT = 100  # files read per format (evenly spaced): 10-15 s in all, at any N


def sample(paths: list[Path], per_format: int = SAMPLE_PER_FORMAT) -> list[Path]:
    """Up to `per_format` files of each format, evenly spaced through the sorted list."""
    by_format: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(paths):
        by_format[file_format(path)].append(path)
    chosen = []
    for same in by_format.values():
        step = max(1, len(same) / per_format)
        chosen += [same[int(i * step)] for i in range(min(per_format, len(same)))]
    return chosen


def measure_reading(paths: list[Path], per_format: int = SAMPLE_PER_FORMAT) -> dict:
    """Seconds per file of each format to read a sample into the document model, one process
    (a file of each format read first, so that no library's import is counted; the floor has
    just read every file, so the page cache is warm, as for the ingest's workers)."""
    from pipelines.documents.readers import read_document  # noqa: PLC0415 (heavy: only when measured)

    chosen = sample(paths, per_format)
    seconds: dict[str, float] = defaultdict(float)
    files: dict[str, int] = defaultdict(int)
    for path in {file_format(path): path for path in chosen}.values():
        read_document(path)
    for path in chosen:
        before = time.perf_counter()
        read_document(path)
        seconds[file_format(path)] += time.perf_counter() - before
        files[file_format(path)] += 1
    return {fmt: {"files": files[fmt], "seconds_per_file": seconds[fmt] / files[fmt]} for fmt in sorted(files)}


def readers_bound(reading: dict, counts: dict[str, int], workers: int) -> float:
    """Seconds the readers alone need for `counts` files per format over `workers` processes
    side by side (perfectly shared: a bound, not an estimate of a run)."""
    return sum(reading[fmt]["seconds_per_file"] * n for fmt, n in counts.items() if fmt in reading) / workers
