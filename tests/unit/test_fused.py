"""pipelines.normalize.fused.split_fused_row: a form row whose figures ran together
('40004000100%' is 4000 | 4000 | 100%), cut into the roles its header names in order.

Rules covered, one row each with a near miss:
- the cut of the digits into the header's figures where spending / budget × 100 (全年执行数 over
  全年预算数, else 年初预算数) agrees with the rate (within 0.6 points, or 1% of the rate) is kept
  when it is the only one; up to two decimals; 分值 at most 100 and 得分 at most 分值; the 得分
  may follow the rate's %;
- a run ending in '00%' can also be read 'nothing spent at 0%': the reading with money spent wins;
- two agreeing cuts, one whose amounts share their decimals: that one wins;
- no %, no agreeing cut, two agreeing cuts still, parts with a leading zero: None (never guessed).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipelines.normalize.fused import split_fused_row


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
def test_three_columns(run, expected):
    split = split_fused_row(run, ["adjusted", "final", "rate"])
    assert (split and (split["adjusted"], split["final"], split["rate"])) == (expected or None)


SIX = ["budget", "adjusted", "final", "weight", "rate", "score"]


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        # 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, the score after the %
        ("1500.001500.001200.001080.0%8", d("1500.00", "1500.00", "1200.00", "10", "80.0", "8")),
        # 36.5 | 236.5 | 236.52 also agrees: the cut whose amounts share their decimals wins
        ("36.5236.5236.5210100%10", d("36.52", "36.52", "36.52", "10", "100", "10")),
        ("10010010010100%10", d("100", "100", "100", "10", "100", "10")),
        # near miss: the same run with a score above its points has no reading
        ("10010010010100%20", None),
    ],
)
def test_six_columns(run, expected):
    split = split_fused_row(run, SIX)
    assert (split and tuple(split[role] for role in SIX)) == (expected or None)


def test_the_issues_fused_row_by_its_five_columns():
    """'年度资金总额:202010100.00%10' under 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 is
    20 / 20 / 10 / 100.00% / 10; under three columns no cut is certain."""
    five = ["adjusted", "final", "weight", "rate", "score"]
    assert split_fused_row("202010100.00%10", five) == dict(zip(five, d("20", "20", "10", "100.00", "10")))
    assert split_fused_row("202010100.00%", ["adjusted", "final", "rate"]) is None
