"""Numbers as reports write them: 万元/元/亿元, thousands separators, full-width digits,
percentages and comparison marks (≥98%), empty cells.

Money is kept as Decimal and rounded to fen only at the end, so 85.8361 万元 stays exact.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# full-width digits and punctuation that Word and OCR leave in figures
_HALF = str.maketrans(
    "０１２３４５６７８９．，％－＋：（）；\u3000\u00a0",
    "0123456789.,%-+:();  ",
)

UNIT_FACTORS = {
    "亿元": Decimal(100_000_000),
    "万元": Decimal(10_000),
    "万": Decimal(10_000),
    "千元": Decimal(1_000),
    "元": Decimal(1),
}

_NUMBER = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?$|^[-+]?\d*\.\d+$")
_PERCENT = re.compile(r"^(?P<op>[≥≤><=]?)\s*(?P<num>[-+]?\d+(?:\.\d+)?)\s*%$")
_CELL_MONEY = re.compile(r"^(?P<num>[-+]?[\d,]*\.?\d+)\s*(?P<unit>亿元|万元|千元|元|万)?$")
# a sum of money in running text: a figure with its unit ('12.5万元', '3亿元')
AMOUNT_IN_TEXT = re.compile(r"\d\s*(?:万元|亿元|元)")


def halfwidth(text: str) -> str:
    return text.translate(_HALF)


@lru_cache(maxsize=65536)  # pure, and asked of the same cells again and again
def parse_number(text: str | None) -> Decimal | None:
    """'1,234.5' / '１２３．４' / ' 85.4561　' → Decimal; anything else (blank, words) → None."""
    if text is None:
        return None
    cleaned = halfwidth(text).strip().replace(" ", "")
    if not cleaned or not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        return None


@lru_cache(maxsize=65536)  # pure, and asked of the same cells again and again
def parse_percent(text: str | None) -> tuple[str, Decimal] | None:
    """'98%' → ('', 98); '≥98%' → ('≥', 98); '100%' → ('', 100); not a percentage → None."""
    if text is None:
        return None
    cleaned = halfwidth(text).strip().replace(" ", "")
    match = _PERCENT.match(cleaned)
    if not match:
        return None
    return match["op"], Decimal(match["num"])


@lru_cache(maxsize=65536)  # pure, and asked of the same cells again and again
def parse_cell_money(text: str | None) -> tuple[Decimal, str | None] | None:
    """A table cell holding a figure, with its own unit when it has one: '45.77' → (45.77, None),
    '6万元' → (6, '万元'). Percentages and words are not money → None."""
    if text is None:
        return None
    cleaned = halfwidth(text).strip().replace(" ", "")
    match = _CELL_MONEY.match(cleaned)
    if not match:
        return None
    number = parse_number(match["num"])
    if number is None:
        return None
    return number, match["unit"]


def to_yuan(value: Decimal, unit: str | None) -> Decimal:
    """Scale to yuan and round to fen (the warehouse stores DECIMAL(18,2))."""
    factor = UNIT_FACTORS.get(unit or "元", Decimal(1))
    return (value * factor).quantize(Decimal("0.01"))


@lru_cache(maxsize=65536)  # pure, and asked of the same cells again and again
def parse_score(text: str | None) -> Decimal | None:
    """A score or weight cell: '9', '9.5', '10分' → Decimal; blank → None."""
    if text is None:
        return None
    cleaned = halfwidth(text).strip().replace(" ", "").removesuffix("分")
    return parse_number(cleaned)


@lru_cache(maxsize=65536)
def is_figure(text: str | None) -> bool:
    """A cell that is a figure: an amount or a percentage."""
    return bool(text) and (parse_cell_money(text) is not None or parse_percent(text) is not None)
