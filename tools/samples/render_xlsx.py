"""Render a sample document as an .xlsx workbook, the form 绩效自评表 often arrive in.

One sheet holds the report top to bottom: a paragraph is a row with its text in column A
(no border, as a title or note line), a table is a bordered grid with merged ranges for
cells spanning rows or columns, followed by a blank row. Figures are numbers with the
number format that shows them as written ('0.00', '0.00%'), other cells text. The bytes
are deterministic (fixed document dates and zip timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import re

from tools.samples.model import Document, Heading, Paragraph, Table
from tools.samples.render_docx import fixed_zip, layout

_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")
_PERCENT = re.compile(r"^-?\d+(?:\.(\d+))?%$")
FIXED_TIME = dt.datetime(2024, 1, 1)


def render_xlsx(document: Document) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Alignment, Border, Side  # noqa: PLC0415

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "自评报告"
    workbook.properties.creator = "samples"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    width = max([t.grid_width() for t in document.tables()] or [1])
    for col in range(width):
        sheet.column_dimensions[chr(ord("A") + col)].width = 16
    r = 1
    for block in document.blocks:
        if isinstance(block, (Heading, Paragraph)):
            text = block.display if isinstance(block, Heading) else block.text
            sheet.cell(r, 1, text)
            r += 1
        elif isinstance(block, Table):
            grid_rows = len(block.rows)
            for row in range(grid_rows):
                for col in range(block.grid_width()):
                    sheet.cell(r + row, col + 1).border = border
            for row, col, cell in layout(block):
                target = sheet.cell(r + row, col + 1)
                _write_value(target, cell.text)
                target.alignment = Alignment(wrap_text=True, vertical="center")
                if cell.rowspan > 1 or cell.colspan > 1:
                    sheet.merge_cells(start_row=r + row, start_column=col + 1,
                                      end_row=r + row + cell.rowspan - 1, end_column=col + cell.colspan)
            r += grid_rows + 1
    out = io.BytesIO()
    workbook.save(out)
    return fixed_zip(out.getvalue(), _fix_core_dates)


def _write_value(target, text: str) -> None:
    number, percent = _NUMBER.match(text), _PERCENT.match(text)
    if number and not (len(text) > 1 and text.lstrip("-").startswith("0") and not text.lstrip("-").startswith("0.")):
        decimals = len(number.group(1) or "")
        target.value = float(text) if decimals else int(text)
        target.number_format = "0." + "0" * decimals if decimals else "0"
    elif percent:
        decimals = len(percent.group(1) or "")
        target.value = round(float(text[:-1]) / 100, decimals + 2)
        target.number_format = ("0." + "0" * decimals if decimals else "0") + "%"
    else:
        target.value = text or None


def _fix_core_dates(name: str, data: bytes) -> bytes:
    if name == "docProps/core.xml":
        return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", data)
    return data
