"""The one document model every reader feeds: paragraphs and tables in reading order.

Fact extractors only ever see this model, so a report's facts are the same whichever
format it came in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    number: int  # 1-based among paragraphs, for locators
    page: int | None = None

    @property
    def locator(self) -> str:
        where = f"paragraph {self.number}"
        return f"page {self.page} {where}" if self.page else where


def source_kind(locator: str) -> str:
    """'table' or 'prose': which kind of block a locator made by this model points into."""
    return "table" if " table " in f" {locator} " else "prose"


@dataclass
class Table:
    rows: list[list[str]]  # cleaned cell text, merged cells as written (blank or repeated)
    number: int  # 1-based among tables
    page: int | None = None

    def locator(self, row: int | None = None, col: int | None = None) -> str:
        parts = [f"page {self.page}"] if self.page else []
        parts.append(f"table {self.number}")
        if row is not None:
            parts.append(f"row {row + 1}")
        if col is not None:
            parts.append(f"col {col + 1}")
        return " ".join(parts)

    def prose_cells(self) -> Iterator[tuple[int, int, str]]:
        """(row, column, text) of the cells that hold a paragraph: report forms write their
        sentences into a table ('（三）部门整体收支情况 | 单位年初预算收入…万元，决算数为…')."""
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if len(cell) >= PROSE_CELL:
                    yield r, c, cell


PROSE_CELL = 40  # characters: a cell this long is a paragraph written into a table


Block = Paragraph | Table


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    source_format: str = "txt"
    unread: str | None = None  # what of the file a reader had to leave out, and why

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def full_text(self) -> str:
        """Paragraphs and table cells in order, one per line: for document-wide searches."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            else:
                out.extend(cell for row in block.rows for cell in row if cell)
        return "\n".join(out)
