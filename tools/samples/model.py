"""An abstract report: a list of blocks, independent of any file format.

The composer (`generate.py`) builds one of these; each renderer (`render_text.py`, and
later docx/pdf) turns it into a file. Blocks carry what a renderer needs and nothing a
particular format invents:

- `Heading(level, numbering, text)`: a section title; `numbering` is the label as printed
  ('一、', '（一）', '1.', '' when the report left it out), `indent` leading spaces the
  source document had in front of it.
- `Paragraph(text)`: one paragraph of body text (never empty, never starting with a tab).
- `Table(rows, unit_note)`: rows of `Cell`s laid out on a grid. A cell spanning columns
  is given once with `colspan`; a cell spanning rows is given at its top row with
  `rowspan` and appears as `MERGED` (a `Cell` with `merged=True`) in the rows below.
  `unit_note` is the money unit of the table's figures (for renderers that show it, such
  as a right-aligned '单位：万元' line); the text of the note itself, when the report prints
  one, is an ordinary paragraph before the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int
    numbering: str
    text: str
    indent: str = ""

    @property
    def display(self) -> str:
        return f"{self.indent}{self.numbering}{self.text}"


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    merged: bool = False  # covered by a cell above that spans rows


MERGED = Cell(merged=True)


@dataclass
class Table:
    rows: list[list[Cell]]
    unit_note: str | None = None  # '万元' / '元' when the figures are money

    def grid_width(self) -> int:
        return max(sum(cell.colspan for cell in row) for row in self.rows)


Block = Heading | Paragraph | Table


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    # how the source document separated paragraphs when saved as text: a blank line
    # (usual) or a bare line break (some reports); tables are always followed by two
    # blank lines, as Word writes them
    compact: bool = False
    leading: str = ""  # what the file had before the first block ('' / '\n' / ' ')
    trailing: str = "\n"  # what it had after the last one

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]


def cells(*texts: str) -> list[Cell]:
    """A row of plain one-column cells."""
    return [Cell(text) for text in texts]
