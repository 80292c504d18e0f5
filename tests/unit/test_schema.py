"""pipelines.extract.schema: the column schemas of the frames, and `frame`.

Rules covered:
- frame builds exactly the schema's columns, in its order, whatever keys the rows have (a
  missing key is null, an extra key is dropped); no rows → an empty frame of the schema;
- sanity of the staging tables: every table has report_id; every fact table says where each
  fact was read (source_locator); money is DECIMAL(18,2).
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from pipelines.extract.schema import MONEY, STAGING_TABLES, frame

SCHEMA = {"report_id": pl.Utf8, "amount_yuan": MONEY, "seq": pl.Int32}


def test_frame_has_exactly_the_schema_s_columns():
    out = frame([{"seq": 1, "report_id": "r1", "extra": "x"}, {"report_id": "r2", "amount_yuan": Decimal("1.5")}],
                SCHEMA)
    assert out.schema == pl.Schema(SCHEMA)
    assert out.rows() == [("r1", None, 1), ("r2", Decimal("1.50"), None)]


def test_frame_of_no_rows_is_empty_but_typed():
    out = frame([], SCHEMA)
    assert out.height == 0 and out.schema == pl.Schema(SCHEMA)


def test_frame_refuses_a_value_of_the_wrong_type():
    with pytest.raises((TypeError, pl.exceptions.PolarsError)):
        frame([{"report_id": "r1", "seq": "not a number"}], SCHEMA)


@pytest.mark.parametrize("table", sorted(STAGING_TABLES))
def test_every_staging_table_is_keyed_by_report(table):
    assert STAGING_TABLES[table]["report_id"] == pl.Utf8


@pytest.mark.parametrize("table", sorted(set(STAGING_TABLES) - {"reports"}))
def test_every_fact_says_where_it_was_read(table):
    assert "source_locator" in STAGING_TABLES[table]


@pytest.mark.parametrize(("table", "column"), [("budget_facts", "amount_yuan"), ("project_facts", "amount_yuan")])
def test_money_is_decimal_to_the_fen(table, column):
    assert STAGING_TABLES[table][column] == pl.Decimal(18, 2)
