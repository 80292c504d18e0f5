"""Figures a page has fused together: `40004000100%` is 4000 | 4000 | 100%.

Some renderings drop every separator of a form row, so a row of 年初预算数 / 全年预算数 /
全年执行数 / 分值 / 执行率 / 得分 comes as one run of digits with the rate's % inside it
('2456.182456.182456.1810100%10'). The header says which figures stand in the run and in
which order; the rate says how the digits split: of all ways to cut the run into those
figures, keep the one where the spending over the budget (全年执行数 / 全年预算数, else
年初预算数) is the stated rate, every figure is written as figures are (no leading zero, at
most two decimals) and the points are points (分值 at most 100, 得分 at most 分值). When no
cut, or more than one, agrees, the figures are left out: never guessed (a cut reading
'nothing spent, 0%' gives way to one with money spent, and a cut whose amounts are written
with different decimals to one whose amounts share them, see below).
"""

from __future__ import annotations

import re
from decimal import Decimal

_NUMBER = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d{1,2})?$")
_MAX_RATE = Decimal(200)
_MAX_POINTS = Decimal(100)
_MAX_RUN = 80  # characters: no form row is that long
_MAX_FIGURE = 13  # characters of one figure: 9,999,999,999.99 without its commas
MONEY_ROLES = ("budget", "adjusted", "final")  # a form's money columns, in the order they stand


def split_fused_row(run: str, roles: list[str]) -> dict[str, Decimal] | None:
    """The figures of a fused run by role ('budget', 'adjusted', 'final', 'weight', 'rate',
    'score', in the header's order), when exactly one cut agrees with the stated rate."""
    run = run.strip()
    if "rate" not in roles or run.count("%") != 1 or len(run) > _MAX_RUN:
        return None
    head, tail = run.split("%")
    before, after = roles[: roles.index("rate") + 1], roles[roles.index("rate") + 1 :]
    found = []
    for first in _cuts(head, len(before)):
        for second in _cuts(tail, len(after)) if tail else [()]:
            reading = dict(zip(before + after[: len(second)], first + second))
            if _agrees(reading):
                found.append(reading)
    if len(found) > 1:
        # '4646100%' also reads as 46461 | 0 | 0%: a run ending in '00%' can always be cut as
        # nothing spent at a rate of 0; a cut with money spent is the one the form meant
        found = [reading for reading in found if reading.get("final") != 0]
    if len(found) > 1:
        # '2456.182456.182456.18…' also reads as 2456.1 | 82456.1 | 82456.18: a form writes its
        # money in one format, so a cut whose figures share their decimals is the one it meant
        found = [reading for reading in found if len({_decimals(reading[r]) for r in MONEY_ROLES if r in reading}) == 1]
    return found[0] if len(found) == 1 else None


def split_money_run(run: str, roles: list[str]) -> dict[str, Decimal] | None:
    """The money of a fused sub-row, which states no rate or points ('其中：当年财政拨款
    593.27593.27448.64' under 年初预算数 / 全年预算数 / 全年执行数): the one cut into the header's
    money columns whose figures all carry the same decimals. Figures written without decimals
    ('40004000') have no certain cut and are left out."""
    money = [role for role in roles if role in MONEY_ROLES]
    run = run.strip()
    if not money or not run or len(run) > _MAX_RUN:
        return None
    cuts = [cut for cut in _cuts(run, len(money)) if len({_decimals(figure) for figure in cut}) == 1 and _decimals(cut[0]) > 0]
    return dict(zip(money, cuts[0])) if len(cuts) == 1 else None


def _decimals(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


def _cuts(digits: str, parts: int) -> list[tuple[Decimal, ...]]:
    """Every way to cut `digits` into `parts` figures, each written as a figure is (and no
    longer than a budget's figure: a piece that is not one ends the search down that way)."""
    if parts == 1:
        return [(Decimal(digits),)] if len(digits) <= _MAX_FIGURE and _NUMBER.match(digits) else []
    readings = []
    for end in range(1, min(len(digits), _MAX_FIGURE + 1)):
        piece = digits[:end]
        if _NUMBER.match(piece):
            readings += [(Decimal(piece), *rest) for rest in _cuts(digits[end:], parts - 1)]
    return readings


def _agrees(reading: dict[str, Decimal]) -> bool:
    rate, spent = reading["rate"], reading.get("final")
    budget = reading.get("adjusted", reading.get("budget"))
    weight, score = reading.get("weight"), reading.get("score")
    if rate > _MAX_RATE or spent is None or budget is None:
        return False
    if (weight is not None and weight > _MAX_POINTS) or (score is not None and score > (weight or _MAX_POINTS)):
        return False
    if budget == 0 or rate == 0:
        return spent == 0 and rate == 0
    computed = spent / budget * 100
    return abs(computed - rate) <= max(Decimal("0.6"), rate * Decimal("0.01"))
