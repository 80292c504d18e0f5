"""What the extraction forkserver does once, before it forks a child per file.

Each file is read in a child forked from a server that has imported this module
(`pipelines.run.sandbox` preloads it), so what is done here is done once per server instead
of once per file. Nothing else in the pipeline does work at import time: this module is
imported for its effect, and only there.

- The readers' libraries: python-docx ~45 ms, openpyxl ~140 ms (and numpy, ~90 ms, which it
  imports), pdfplumber ~60 ms, pypdfium2 ~15 ms of CPU. OCR (scanned pages only) stays lazy.
- The tables every report looks things up in: the divisions dictionary (~60-90 ms) and the
  budget lines.

Pure Python and imports only: nothing here starts a thread pool (polars' among them) that a
forked child would inherit and could not use.
"""

from __future__ import annotations

import importlib

from pipelines.normalize import lines, regions

_READER_LIBRARIES = ("docx", "openpyxl", "pypdfium2", "pypdfium2.raw", "pdfplumber", "pdfplumber.table",
                     "pdfminer.fontmetrics", "pdfminer.pdftypes")


def warm() -> None:
    for name in _READER_LIBRARIES:
        try:
            importlib.import_module(name)
        except ImportError:  # a reader whose library is missing fails on its own files only
            pass
    regions._data()
    lines.canonical_lines()
    lines._alias_index()


warm()
