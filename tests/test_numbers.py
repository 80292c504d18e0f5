"""Number parsing as reports write figures."""

from decimal import Decimal

import pytest

from pipelines.normalize.numbers import parse_cell_money, parse_number, parse_percent, parse_score, to_yuan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80.6", Decimal("80.6")),
        ("0", Decimal("0")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("８５．４５６１", Decimal("85.4561")),  # full-width digits and point
        ("　85.4561　", Decimal("85.4561")),  # ideographic spaces around the figure
        ("-3.5", Decimal("-3.5")),
        ("", None),
        ("　", None),
        (None, None),
        ("不突破预算", None),
        ("12,34", None),  # not a thousands grouping
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("value", "unit", "yuan"),
    [
        (Decimal("98.2"), "万元", Decimal("982000.00")),
        (Decimal("85.8361"), "万元", Decimal("858361.00")),
        (Decimal("6859745.45"), "元", Decimal("6859745.45")),
        (Decimal("1.25"), "亿元", Decimal("125000000.00")),
        (Decimal("6"), "万", Decimal("60000.00")),
        (Decimal("3"), None, Decimal("3.00")),
    ],
)
def test_to_yuan(value, unit, yuan):
    assert to_yuan(value, unit) == yuan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("98%", ("", Decimal("98"))),
        ("≥98%", ("≥", Decimal("98"))),
        ("≥ 95 ％", ("≥", Decimal("95"))),
        ("21.84%", ("", Decimal("21.84"))),
        ("100", None),
        ("", None),
    ],
)
def test_parse_percent(text, expected):
    assert parse_percent(text) == expected


def test_cell_money_keeps_its_own_unit_and_refuses_percentages():
    assert parse_cell_money("6万元") == (Decimal("6"), "万元")
    assert parse_cell_money("45.77") == (Decimal("45.77"), None)
    assert parse_cell_money("1,200元") == (Decimal("1200"), "元")
    assert parse_cell_money("98%") is None
    assert parse_cell_money("") is None


def test_parse_score():
    assert parse_score("9") == Decimal("9")
    assert parse_score("10分") == Decimal("10")
    assert parse_score("") is None
