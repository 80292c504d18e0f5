"""Spreadsheets (.xlsx; .xls and .et through LibreOffice): self-evaluation tables (绩效自评表).

Every sheet is read, in workbook order, with openpyxl (values as last computed, not
formulas). A sheet becomes blocks of the one document model:
- a row holding a single value (a title such as '部门整体支出绩效自评表', '（2021年度）',
  '填报单位：…') is a paragraph, unless it has borders and a table has started above it
  (then it is a row of that table, such as '……');
- other rows are table rows, a blank row ending a table;
- merged ranges are expanded as Word's text export writes merged cells: the value once in
  its first row, blank in the first column of the rows below, nothing for the other
  columns it spans;
- numbers are written as the cell shows them (number format: decimals, percent).
Hidden sheets, rows and columns are skipped: what a person reading the file sees.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from pathlib import Path

from pipelines.documents.builder import DocumentBuilder
from pipelines.documents.docx_reader import check_zip
from pipelines.documents.model import Document


class UnreadableSpreadsheet(ValueError):
    pass


MAX_CELLS = 2_000_000


def read_xlsx(path: Path, source_format: str = "xlsx") -> Document:
    check_zip(path, "spreadsheet")
    import openpyxl  # noqa: PLC0415

    try:
        with _merged_ranges_kept_as_ranges():
            workbook = openpyxl.load_workbook(str(path), data_only=True)
        if any(_overlapping_merges(sheet) for sheet in workbook.worksheets):
            workbook = openpyxl.load_workbook(str(path), data_only=True)  # openpyxl's own way
    except Exception as error:  # openpyxl raises KeyError, InvalidFileException, lxml errors …
        raise UnreadableSpreadsheet(f"not a readable .xlsx workbook: {error}") from error
    builder = DocumentBuilder(source_format)
    cells = 0
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        cells += (sheet.max_row or 0) * (sheet.max_column or 0)
        if cells > MAX_CELLS:
            raise UnreadableSpreadsheet(f"the workbook has more than {MAX_CELLS:,} cells: not a report")
        _read_sheet(sheet, builder)
    document = builder.build()
    if not document.blocks:
        raise UnreadableSpreadsheet("the workbook's sheets are empty")
    return document


@contextmanager
def _merged_ranges_kept_as_ranges():
    """Load a workbook without openpyxl's clean-up of merged ranges (a MergedCell object for
    every covered cell and its borders copied onto the range's edges: about half the time
    of loading a self-evaluation form). The reader never looks at a covered cell: it takes
    the ranges' extents, and the first cell, which keeps what openpyxl gives it (the border
    of the range's bottom-right cell is still merged into it when the range is made)."""
    from openpyxl.worksheet._reader import WorksheetReader  # noqa: PLC0415
    from openpyxl.worksheet.cell_range import MultiCellRange  # noqa: PLC0415
    from openpyxl.worksheet.merge import MergedCellRange  # noqa: PLC0415

    def bind_merged_cells(self) -> None:
        if not self.parser.merged_cells:
            return
        ranges = [MergedCellRange(self.ws, cr.ref) for cr in self.parser.merged_cells.mergeCell]
        self.ws.merged_cells = MultiCellRange(ranges)

    original = WorksheetReader.bind_merged_cells
    WorksheetReader.bind_merged_cells = bind_merged_cells
    try:
        yield
    finally:
        WorksheetReader.bind_merged_cells = original


def _overlapping_merges(sheet) -> bool:
    seen: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) in seen:
                    return True
                seen.add((r, c))
    return False


def _read_sheet(sheet, builder: DocumentBuilder) -> None:
    max_row, max_col = sheet.max_row or 0, sheet.max_column or 0
    for merged in sheet.merged_cells.ranges:  # what openpyxl's covered cells would extend to
        max_row, max_col = max(max_row, merged.max_row), max(max_col, merged.max_col)
    hidden_cols = {
        col for col in range(1, max_col + 1)
        if sheet.column_dimensions[_letter(col)].hidden
    }
    spans: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        box = (merged.min_row, merged.min_col, merged.max_row, merged.max_col)
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                spans[(r, c)] = box
    table: list[list[str]] = []
    has_border = _border_test(sheet)

    def end_table() -> None:
        nonlocal table
        if table:
            builder.table(table)
        table = []

    for r in range(1, max_row + 1):
        if sheet.row_dimensions[r].hidden:
            continue
        row: list[str] = []
        bordered = False
        for c in range(1, max_col + 1):
            if c in hidden_cols:
                continue
            box = spans.get((r, c))
            if box is not None and (r, c) != box[:2]:
                if r != box[0] and c == box[1]:
                    row.append("")  # a merged cell continued from above: blank
                continue  # the rest of a merged cell: written once
            cell = sheet.cell(r, c)
            row.append(format_value(cell.value, cell.number_format))
            bordered = bordered or has_border(cell)
        values = [v for v in row if v.strip()]
        if not values:
            end_table()
        elif len(values) == 1 and (not bordered or not table):
            # a title or note line; a bordered one-value row counts as one only before a table starts
            end_table()
            builder.paragraph(values[0])
        else:
            while row and not row[-1].strip() and len(row) > 1 and not table:
                row.pop()
            table.append(row)
    end_table()


def _border_test(sheet):
    """_has_border, answered once per border style of the workbook rather than per cell."""
    borders = getattr(sheet.parent, "_borders", None)
    if borders is None:
        return _has_border
    known: dict[int, bool] = {}

    def has_border(cell) -> bool:
        style = getattr(cell, "_style", None)
        if style is None:
            return _has_border(cell)
        border_id = style.borderId
        if border_id not in known:
            known[border_id] = _has_border(cell)
        return known[border_id]

    return has_border


def _has_border(cell) -> bool:
    border = cell.border
    return any(getattr(getattr(border, side), "style", None) for side in ("left", "right", "top", "bottom"))


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    return get_column_letter(col)


_DECIMALS = re.compile(r"0\.(0+)")


def format_value(value, number_format: str | None = "General") -> str:
    """A cell's value as the sheet shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        fmt = number_format or "General"
        match = _DECIMALS.search(fmt)
        decimals = len(match.group(1)) if match else None
        if "%" in fmt:
            number = value * 100
            return f"{number:.{decimals or 0}f}%" if decimals is not None else f"{_plain(number)}%"
        if decimals is not None:
            return f"{value:,.{decimals}f}" if "#,##" in fmt else f"{value:.{decimals}f}"
        if fmt in ("0",):
            return f"{value:.0f}"
        return _plain(value)
    return str(value)


def _plain(number: float) -> str:
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.10f}".rstrip("0").rstrip(".")


def read_xls(path: Path) -> Document:
    """An old binary .xls (or WPS .et) workbook, converted to .xlsx by LibreOffice first."""
    import tempfile  # noqa: PLC0415

    from pipelines.documents.office_convert import convert  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="xls-") as tmp:
        converted = convert(path, "xlsx", Path(tmp), "Calc MS Excel 2007 XML")
        return read_xlsx(converted, path.suffix.lower().lstrip("."))
