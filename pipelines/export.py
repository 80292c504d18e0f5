"""`python -m pipelines export`: the marts and views as a workbook or CSV files, Chinese headers.

For people who work in Excel or WPS rather than SQL: one sheet (or one CSV file) per mart
and view, its header row the columns' Chinese labels (from the dbt docs the warehouse
carries as comments), and a first sheet `字段说明` (or `字段说明.csv`) describing every column:
table, column, Chinese label, description. The warehouse is opened read-only.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

DICTIONARY = "字段说明"
DICTIONARY_HEADER = ["表", "字段", "中文名", "说明"]
XLSX_MAX_ROWS = 1_048_575  # a sheet's rows, less the header


def export(warehouse: Path, fmt: str, out: Path) -> list[Path]:
    """Writes the export into `out`; returns the files written."""
    if not warehouse.exists():
        raise SystemExit(f"no warehouse at {warehouse}: run `python -m pipelines ingest` first")
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        marts = mart_names(con)
        columns = {mart: mart_columns(con, mart) for mart in marts}
        if fmt == "xlsx":
            return [write_workbook(con, columns, out / "reports.xlsx")]
        return write_csvs(con, columns, out)
    finally:
        con.close()


def mart_names(con) -> list[str]:
    return [name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
    ).fetchall()]


def mart_columns(con, mart: str) -> list[tuple[str, str, str]]:
    """(column, Chinese label, description) of each column, in order; the label is the
    comment's part before ' | ' (macros/persist_docs.sql), else the column's name."""
    rows = con.execute(
        "select column_name, coalesce(comment, '') from duckdb_columns()"
        " where schema_name = 'marts' and table_name = ? order by column_index",
        [mart],
    ).fetchall()
    described = []
    for name, comment in rows:
        label, _, description = comment.partition(" | ")
        described.append((name, label.strip() or name, description.strip()))
    return described


def dictionary_rows(columns: dict[str, list[tuple[str, str, str]]]) -> list[list[str]]:
    return [[mart, name, label, description] for mart, cols in columns.items() for name, label, description in cols]


def mart_rows(con, mart: str):
    cursor = con.execute(f'select * from marts."{mart}"')
    while batch := cursor.fetchmany(10_000):
        yield from batch


def write_workbook(con, columns: dict[str, list[tuple[str, str, str]]], path: Path) -> Path:
    from openpyxl import Workbook  # noqa: PLC0415 (only this command needs it)

    book = Workbook(write_only=True)  # rows stream to the file: a large mart is not held in memory
    sheet = book.create_sheet(DICTIONARY)
    sheet.append(DICTIONARY_HEADER)
    for row in dictionary_rows(columns):
        sheet.append(row)
    for mart, cols in columns.items():
        sheet = book.create_sheet(mart[:31])
        sheet.append([label for _, label, _ in cols])
        for number, row in enumerate(mart_rows(con, mart)):
            if number == XLSX_MAX_ROWS:
                break  # the CSV export has them all
            sheet.append(list(row))
    book.save(path)
    return path


def write_csvs(con, columns: dict[str, list[tuple[str, str, str]]], out: Path) -> list[Path]:
    """UTF-8 with a byte-order mark, so Excel and WPS open the Chinese text as it is."""
    written = [_write_csv(out / f"{DICTIONARY}.csv", DICTIONARY_HEADER, dictionary_rows(columns))]
    for mart, cols in columns.items():
        written.append(_write_csv(out / f"{mart}.csv", [label for _, label, _ in cols], mart_rows(con, mart)))
    return written


def _write_csv(path: Path, header: list[str], rows) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
