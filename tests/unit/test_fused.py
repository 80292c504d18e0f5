"""pipelines.normalize.fused.split_budget_final_rate: a form row whose figures ran together
('40004000100%' is 4000 | 4000 | 100%).

Rules covered, one row each with a near miss:
- the cut of the digits into A | B | rate% where B / A × 100 agrees with the rate (within 0.6
  points, or 1% of the rate) is kept when it is the only one; decimals are allowed;
- a run ending in '00%' can also be read 'nothing spent at 0%': the reading with money spent wins;
- no % at the end, no agreeing cut, two agreeing cuts, parts with a leading zero: None (never guessed).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipelines.normalize.fused import split_budget_final_rate


def d(*values):
    return tuple(Decimal(v) for v in values)


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("40004000100%", d("4000", "4000", "100")),
        ("20018090%", d("200", "180", "90")),
        ("12.511.2590%", d("12.5", "11.25", "90")),  # decimals
        ("30010033%", d("300", "100", "33")),  # a rounded rate (33.33…) agrees
        (" 40004000100% ", d("4000", "4000", "100")),  # blanks around the run
        # 46 | 46 | 100% rather than 46461 | 0 | 0%
        ("4646100%", d("46", "46", "100")),
        # near misses
        ("40004000100", None),  # no rate
        ("4125%", None),  # 4 | 1 | 25% and 41 | 2 | 5% both agree: not guessed
        ("10009090%", None),  # 100 | 090 | 90%: a figure does not start with 0
        ("0.0%", None),
    ],
)
def test_split_budget_final_rate(run, expected):
    assert split_budget_final_rate(run) == expected
