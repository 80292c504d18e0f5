"""Pick the reader for a file by its extension."""

from __future__ import annotations

from pathlib import Path

from pipelines.documents.model import Document
from pipelines.documents.docx_reader import read_docx
from pipelines.documents.pdf_reader import read_pdf
from pipelines.documents.text_reader import read_text_file


class UnsupportedFormat(ValueError):
    pass


READERS = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".docx": read_docx,
    ".pdf": read_pdf,
}


def read_document(path: Path) -> Document:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFormat(f"no reader for '{path.suffix or 'no extension'}' files yet")
    if path.stat().st_size == 0:
        raise ValueError("the file is empty")
    return reader(path)
