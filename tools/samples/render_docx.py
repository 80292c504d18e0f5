"""Render a sample document as a Word .docx, the way finance bureaus receive most reports.

- the title (the short paragraphs before the first heading and the opening text) centred, bold, in 黑体 / 方正小标宋;
- headings in Word's heading styles with their numbering as typed text ('一、', '（一）');
- body paragraphs justified, in 仿宋_GB2312 with a two-character first-line indent;
- real tables: a cell spanning columns is one cell with gridSpan, a cell spanning rows a
  vMerge restart with continue cells below; a cell's lines are paragraphs of the cell;
- a footer with the page number (a PAGE field), as reports have.

The bytes are deterministic: the zip is re-written with fixed timestamps.
"""

from __future__ import annotations

import copy
import io
import zipfile

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tools.samples.model import Document, Heading, Paragraph, Table

BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}
TITLE_FONT = "方正小标宋简体"


def render_docx(document: Document) -> bytes:
    return fixed_zip(_docx_bytes(document))


def _docx_bytes(document: Document) -> bytes:
    doc = new_docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
    _set_font(doc.styles["Normal"], BODY_FONT, 14)
    for level, font in HEADING_FONTS.items():
        style = doc.styles[f"Heading {level}"]
        _set_font(style, font, 14)
        style.font.bold = level == 1
        style.font.color.rgb = None
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(3)
    _page_number_footer(section)
    # style ids looked up once: python-docx's lookup by name scans every style each time
    heading_ids = {level: doc.styles.get_style_id(f"Heading {level}", WD_STYLE_TYPE.PARAGRAPH) for level in HEADING_FONTS}
    cell_rpr = _cell_run_properties(doc)

    in_title = True
    for block in document.blocks:
        if isinstance(block, Heading):
            in_title = False
            # what add_paragraph(text, style=...) writes, without its per-call style lookup
            doc.add_paragraph(block.display)._p.style = heading_ids[min(block.level, 3)]
        elif isinstance(block, Paragraph):
            paragraph = doc.add_paragraph()
            run = paragraph.add_run(block.text)
            in_title = in_title and _title_like(block.text)
            if in_title:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _set_run_font(run, TITLE_FONT, 18)
                run.bold = True
            else:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                paragraph.paragraph_format.first_line_indent = Pt(28)
        elif isinstance(block, Table):
            in_title = False
            _add_table(doc, block, cell_rpr)
            doc.add_paragraph()  # Word keeps a paragraph between a table and what follows
        else:
            raise TypeError(f"not a block: {block!r}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _title_like(text: str) -> bool:
    """A line of the title block (unit, year, report name, cover lines), not the opening paragraph."""
    return len(text) <= 40 and not text.rstrip().endswith(("。", "：", ":", "；"))


def _cell_run_properties(doc):
    """The <w:rPr> _set_run_font(run, BODY_FONT, 10.5) gives a run without properties."""
    run = doc.add_paragraph().add_run("x")
    _set_run_font(run, BODY_FONT, 10.5)
    rpr = run._element.rPr
    paragraph = run._element.getparent()
    paragraph.getparent().remove(paragraph)
    return rpr


def _table_grid_id(doc) -> str:
    cached = getattr(doc, "_table_grid_id", None)
    if cached is None:
        cached = doc._table_grid_id = doc.styles.get_style_id("Table Grid", WD_STYLE_TYPE.TABLE)
    return cached


def _no_indent():
    ppr = OxmlElement("w:pPr")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLine"), "0")
    ppr.append(ind)
    return ppr


def _add_table(doc, table: Table, cell_rpr=None) -> None:
    width = table.grid_width()
    placed = layout(table)
    grid = doc.add_table(rows=len(table.rows), cols=width)
    grid._tbl.tblStyle_val = _table_grid_id(doc)  # what grid.style = "Table Grid" writes, looked up once
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = grid.rows  # read once: python-docx rebuilds cells on every access
    cells: dict[int, list] = {}  # a row's cells, read once until a merge changes the grid

    def row_cells(r: int) -> list:
        if r not in cells:
            cells[r] = rows[r].cells
        return cells[r]

    for r, c, cell in placed:
        target = row_cells(r)[c]
        if cell.rowspan > 1 or cell.colspan > 1:
            # what target.merge(<the span's bottom-right cell>) does, without re-measuring the
            # span: layout() placed this cell at the top-left of a free colspan x rowspan block
            target._tc._grow_to(cell.colspan, cell.rowspan)
            cells.clear()
        lines = cell.text.split("\n") if cell.text else [""]
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)
        for paragraph in target.paragraphs:
            if paragraph._p.pPr is None:  # what first_line_indent = Pt(0) writes there, built faster
                paragraph._p.insert(0, _no_indent())
            else:
                paragraph.paragraph_format.first_line_indent = Pt(0)
            for run in paragraph.runs:
                if cell_rpr is not None and run._element.rPr is None:
                    run._element.insert(0, copy.deepcopy(cell_rpr))
                else:
                    _set_run_font(run, BODY_FONT, 10.5)


def layout(table: Table) -> list[tuple[int, int, object]]:
    """(row, grid column, cell) of every written cell, MERGED placeholders consumed."""
    covered: dict[tuple[int, int], int] = {}  # (row, start col) -> width covered from above
    placed = []
    for r, row in enumerate(table.rows):
        col = 0
        for cell in row:
            if cell.merged:
                start = min(c for (rr, c) in covered if rr == r and c >= col)
                col = start + covered.pop((r, start))
                continue
            while (r, col) in covered:  # a merged position the row did not write out
                col += covered.pop((r, col))
            placed.append((r, col, cell))
            for below in range(r + 1, r + cell.rowspan):
                covered[(below, col)] = cell.colspan
            col += cell.colspan
    return placed


def _set_font(style, name: str, size: float) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def _set_run_font(run, name: str, size: float) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    rpr = run._element.get_or_add_rPr()
    rpr.rFonts.set(qn("w:eastAsia"), name)


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" -")


def fixed_zip(data: bytes, transform=None) -> bytes:
    """The same zip with every member dated 1980-01-01: the same document, the same bytes.
    `transform(name, data)` may rewrite a member (a document date, say)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            target.writestr(fixed, transform(info.filename, content) if transform else content)
    return out.getvalue()
