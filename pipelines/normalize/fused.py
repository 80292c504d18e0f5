"""Figures a page has fused together: `40004000100%` is 4000 | 4000 | 100%.

Some renderings drop every separator of a form row, so a row of 全年预算数(A) / 全年执行数(B) /
执行率(B/A) comes as one run of digits ending in the rate. The rate says how the digits split:
of all ways to cut the run into A, B and the rate, keep the one where B / A is the stated
rate. When no cut, or more than one, agrees, the figures are left out: never guessed (a cut
reading 'nothing spent, 0%' gives way to one with money spent, see below).
"""

from __future__ import annotations

import re
from decimal import Decimal

_NUMBER = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")
_MAX_RATE = Decimal(200)


def split_budget_final_rate(run: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """(A, B, rate) of a fused 'A B rate%' run when exactly one cut agrees with the rate."""
    run = run.strip()
    if not run.endswith("%"):
        return None
    digits = run[:-1]
    found = set()
    for rate_start in range(1, len(digits)):
        rate_text = digits[rate_start:]
        if not _NUMBER.match(rate_text) or Decimal(rate_text) > _MAX_RATE:
            continue
        head = digits[:rate_start]
        for cut in range(1, len(head)):
            a_text, b_text = head[:cut], head[cut:]
            if not (_NUMBER.match(a_text) and _NUMBER.match(b_text)):
                continue
            a, b, rate = Decimal(a_text), Decimal(b_text), Decimal(rate_text)
            if _agrees(a, b, rate):
                found.add((a, b, rate))
    if len(found) > 1:
        # '4646100%' also reads as 46461 | 0 | 0%: a run ending in '00%' can always be cut as
        # nothing spent at a rate of 0; a cut with money spent is the one the form meant
        found = {reading for reading in found if reading[1] != 0}
    return found.pop() if len(found) == 1 else None


def _agrees(a: Decimal, b: Decimal, rate: Decimal) -> bool:
    if a == 0 or rate == 0:
        return b == 0 and rate == 0
    computed = b / a * 100
    return abs(computed - rate) <= max(Decimal("0.6"), rate * Decimal("0.01"))
