"""pipelines.extract.rates: the execution rate of the whole budget a unit's report states.

Rules covered, one row each with a near miss:
- the first 预算执行率 / 支出执行率 of the budget as a whole, with 全年 / 部门 / 整体 before it
  at most, after 为 / 达到 / 达 or a form's column letters;
- not the rate of a part (项目支出, 基本支出, 财政拨款, a fund), of last year, a target or a
  formula; not another kind of rate (满意度, 到位率); nothing above 200%.
"""

from __future__ import annotations

import pytest

from pipelines.documents.text_reader import parse_text
from pipelines.extract.rates import unit_execution_rate


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("2023年全年预算执行率为97.42%。", 97.42),
        ("部门整体支出预算执行率达到100%，资金使用规范。", 100.0),
        ("年末支出数为812万元，预算执行率98.1％。", 98.1),
        ("预算执行率(B/A) 91.5%", 91.5),  # a form's column letters between
        # the first of two: this year's, before a part's
        ("本年度预算执行率为96%，其中项目支出预算执行率为90%。", 96.0),
        ("项目支出预算执行率为90%；全年预算执行率为95.2%。", 95.2),  # a part's first, then the whole's
        # near misses: a part of the budget, last year, a target, a formula, another rate
        ("项目支出预算执行率为90%。", None),
        ("基本支出执行率100%。", None),
        ("财政拨款预算执行率为99%。", None),
        ("转移支付资金执行率为88%。", None),
        ("上年预算执行率为93%。", None),
        ("绩效目标：预算执行率达到100%。", None),
        ("预算执行率=实际支出/预算数×100%。", None),
        ("资金到位率100%，群众满意度为95%。", None),
        ("预算执行率为980%。", None),  # no rate of a budget: a misread
        ("全年预算执行情况良好。", None),
    ],
)
def test_unit_execution_rate(text, rate):
    assert unit_execution_rate(parse_text("某某局2023年度部门整体支出绩效自评报告\n" + text + "\n")) == rate
