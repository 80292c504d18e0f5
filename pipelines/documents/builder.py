"""Assemble a Document from raw paragraphs and tables, whatever the reader.

Common repairs live here so every format gets them: text cleaning and masking, and
re-joining a figure split from its unit by a stray line break ('30.5292' / '万元，…').
"""

from __future__ import annotations

import re

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.normalize.text import MASK, clean_text

_STARTS_WITH_UNIT = re.compile(r"^(?:亿元|万元|千元|元|%|％)")
_ENDS_WITH_DIGIT = re.compile(r"[0-9０-９.．]$")


class DocumentBuilder:
    def __init__(self, source_format: str):
        self.document = Document(source_format=source_format)
        self._paragraphs = 0
        self._tables = 0

    def paragraph(self, text: str, page: int | None = None) -> None:
        text = clean_text(text).replace("\n", "")
        if not text:
            return
        last = self.document.blocks[-1] if self.document.blocks else None
        if (
            isinstance(last, Paragraph)
            and _ENDS_WITH_DIGIT.search(last.text)
            and _STARTS_WITH_UNIT.match(text)
        ):
            last.text += text
            return
        self._paragraphs += 1
        self.document.blocks.append(Paragraph(text, self._paragraphs, page))

    def table(self, rows: list[list[str]], page: int | None = None) -> None:
        cleaned = [_mask_contact_cells([clean_text(cell) for cell in row]) for row in rows]
        cleaned = [row for row in cleaned if row]
        if not cleaned:
            return
        self._tables += 1
        self.document.blocks.append(Table(cleaned, self._tables, page))

    def build(self) -> Document:
        return self.document


_CONTACT_LABEL = re.compile(r"^(?:填表人|联系人|经办人|联系电话|电话|手机|联系方式)[:：]?$")


def _mask_contact_cells(row: list[str]) -> list[str]:
    """A form's 填表人 | 张三 | 联系电话 | 139… cells: the cell after such a label is masked."""
    return [
        MASK if i and _CONTACT_LABEL.match(row[i - 1].replace(" ", "")) and cell else cell
        for i, cell in enumerate(row)
    ]
