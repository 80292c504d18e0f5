"""Pick the reader for a file by its extension.

| extension | reader |
|---|---|
| .txt .text | text_reader (encoding detected: BOMs, UTF-8, UTF-16, GB18030) |
| .docx .docm | docx_reader (python-docx) |
| .doc .wps | LibreOffice -> .docx, then docx_reader |
| .pdf | pdf_reader (pypdfium2 + pdfplumber; scanned pages through ocr: RapidOCR, or Tesseract chi_sim) |
| .xlsx .xlsm | spreadsheet_reader (openpyxl) |
| .xls .et | LibreOffice -> .xlsx, then spreadsheet_reader |
"""

from __future__ import annotations

from pathlib import Path

from pipelines.documents.docx_reader import read_doc, read_docx
from pipelines.documents.model import Document
from pipelines.documents.pdf_reader import read_pdf
from pipelines.documents.spreadsheet_reader import read_xls, read_xlsx
from pipelines.documents.text_reader import read_text_file


class UnsupportedFormat(ValueError):
    pass


READERS = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".docx": read_docx,
    ".docm": read_docx,
    ".doc": read_doc,
    ".wps": read_doc,
    ".pdf": read_pdf,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
    ".xls": read_xls,
    ".et": read_xls,
}


def read_document(path: Path) -> Document:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = " ".join(sorted(READERS))
        raise UnsupportedFormat(f"no reader for '{path.suffix or 'no extension'}' files (readable: {known})")
    if path.stat().st_size == 0:
        raise ValueError("the file is empty")
    return reader(path)
