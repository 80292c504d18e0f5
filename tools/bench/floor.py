"""The floor: the least work that gets the text out of a report file, in one process.

No layout, no tables, no facts: a .txt is decoded, a .docx or .xlsx has its XML parts
stripped of tags, a PDF gives its text layer through pypdfium2 (about 1.4 ms a page here,
against ~25 ms for pdfplumber's layout). No pipeline can be faster than this; the benchmark
reports the ingest as a multiple of it.
"""

from __future__ import annotations

import html
import re
import time
import zipfile
from collections import defaultdict
from pathlib import Path

TAG = re.compile(rb"<[^>]+>")


def text_of_txt(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def text_of_zip_xml(path: Path, parts: str) -> str:
    """The text of the XML parts of an Office file whose names start with `parts` (entities
    resolved: some writers store every Chinese character as &#NNNNN;)."""
    with zipfile.ZipFile(path) as archive:
        return "".join(
            html.unescape(TAG.sub(b" ", archive.read(name)).decode("utf-8", errors="replace"))
            for name in archive.namelist()
            if name.startswith(parts) and name.endswith(".xml")
        )


def text_of_pdf(path: Path) -> str:
    import pypdfium2 as pdfium  # noqa: PLC0415

    document = pdfium.PdfDocument(path)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(pages)
    finally:
        document.close()


READERS = {
    "txt": text_of_txt,
    "docx": lambda path: text_of_zip_xml(path, "word/document"),
    "xlsx": lambda path: text_of_zip_xml(path, ("xl/sharedStrings", "xl/worksheets/")),
    "pdf": text_of_pdf,
}


def file_format(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def measure_floor(paths: list[Path]) -> dict:
    """Seconds to get the text of every file, overall and per format, and characters read."""
    seconds: dict[str, float] = defaultdict(float)
    files: dict[str, int] = defaultdict(int)
    characters = 0
    started = time.perf_counter()
    for path in paths:
        fmt = file_format(path)
        before = time.perf_counter()
        characters += len(READERS[fmt](path))
        seconds[fmt] += time.perf_counter() - before
        files[fmt] += 1
    return {
        "seconds": time.perf_counter() - started,
        "characters": characters,
        "by_format": {fmt: {"files": files[fmt], "seconds": seconds[fmt]} for fmt in sorted(files)},
    }
