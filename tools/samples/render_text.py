"""Render a sample document exactly as Word's 'save as plain text' writes a report.

The layout (the one the seed reports show):
- a heading or paragraph is one line; paragraphs are separated by a blank line, or by a
  bare line break in a `compact` document;
- a table is flattened to one cell per line, each cell line starting with a TAB; further
  lines of the same cell follow without a tab; table rows are separated by one blank
  line; a blank cell, or one covered by a vertically merged cell above, is a lone TAB; a
  cell spanning several columns is written once (so a header row can have fewer cells
  than the data rows);
- a table is followed by two blank lines.
"""

from __future__ import annotations

from tools.samples.model import Document, Heading, Paragraph, Table


class NotRenderable(ValueError):
    """The document holds text this format cannot carry without changing its structure."""


def render_text(document: Document) -> str:
    parts: list[str] = [document.leading]
    previous = None
    for block in document.blocks:
        if previous is not None:
            parts.append(_separator(previous, document.compact))
        parts.append(_block_text(block))
        previous = block
    if isinstance(previous, Table):
        parts.append("\n\n")
    parts.append(document.trailing)
    return "".join(parts)


def render_text_bytes(document: Document) -> bytes:
    return render_text(document).encode("utf-8")


def _separator(previous, compact: bool) -> str:
    if isinstance(previous, Table):
        return "\n\n\n"
    return "\n" if compact else "\n\n"


def _block_text(block) -> str:
    if isinstance(block, Heading):
        return _line(block.display, "heading")
    if isinstance(block, Paragraph):
        return _line(block.text, "paragraph")
    if isinstance(block, Table):
        return "\n\n".join(_row_text(row) for row in block.rows)
    raise TypeError(f"not a block: {block!r}")


def _line(text: str, what: str) -> str:
    if not text.strip():
        raise NotRenderable(f"empty {what}")
    if "\n" in text:
        raise NotRenderable(f"{what} with a line break: {text[:40]!r}")
    if text.startswith("\t"):
        raise NotRenderable(f"{what} starting with a tab would read as a table cell: {text[:40]!r}")
    return text


def _row_text(row) -> str:
    if not row:
        raise NotRenderable("empty table row")
    lines: list[str] = []
    for cell in row:
        if cell.merged or not cell.text:
            lines.append("\t")
            continue
        first, *more = cell.text.split("\n")
        lines.append("\t" + first)
        for extra in more:
            if not extra.strip() or extra.startswith("\t"):
                raise NotRenderable(f"cell line {extra!r} would break the row: {cell.text[:40]!r}")
            lines.append(extra)
    return "\n".join(lines)
