"""pipelines.normalize.phases: which budget phase (CONTRACT.md's phase list) a label names.

Rules covered, one table row each (a trigger and a near miss):
- phase_of: prior_final (上年决算/上年实际/上年数…), adjusted (全年预算/调整后预算/调整数),
  budget (年初预算/预算数), final (决算/执行数/实际支出/完成数), the order of the four
  (the more specific phrase wins), and the funding kinds that contain 预算 without being a
  phase (一般公共预算, 政府性基金预算, 预算单位, 预算绩效…);
- last_phase_in: only a phase word that heads figures (followed within two characters by
  收/支/数/总/资/金/项/拨) counts, and the last one wins; a comparison (比上年决算数下降) is no
  phase of the figures after it;
- phase_of_label: the phase named around a line name, not inside it; a header spaced out
  to its column's width ('预 算 数') read as written together.
"""

from __future__ import annotations

import pytest

from pipelines.normalize.phases import last_phase_in, phase_of, phase_of_label, project_default_phase


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # budget: 年初预算 / 预算数 / bare 预算 / the plan (计划支出数, 计划安排资金, 计划 alone)
        ("2021年年初预算数", "budget"),
        ("预算数", "budget"),
        ("计划支出数", "budget"),
        ("计划安排资金", "budget"),
        ("计划", "budget"),
        ("工作计划", None),  # near miss: a plan of work is no phase
        # adjusted: 全年预算 / 调整预算 / 调整后预算 / 预算调整 / 调整数 (before the bare 预算 rule)
        ("调整后预算", "adjusted"),
        ("全年预算数", "adjusted"),
        ("全年（调整）预算数", "adjusted"),  # a bracket inside the phase words
        ("预算数(调整后)", "adjusted"),  # the adjustment in a bracket after it
        ("中央下达转移支付资金", "budget"),  # money handed down or approved for the year
        ("批复项目资金", "budget"),
        ("预算调整数", "adjusted"),
        ("调整数", "adjusted"),
        # prior_final: 上年… (before 决算/执行)
        ("上年决算数", "prior_final"),
        ("上年度决算", "prior_final"),
        ("上年实际支出", "prior_final"),
        ("上年数", "prior_final"),
        # final
        ("决算收入", "final"),
        ("执行数", "final"),
        ("实际支出", "final"),
        ("完成数", "final"),
        ("执行预算资金", "final"),  # the budget carried out (before the bare 预算 rule)
        ("指标金额", "budget"),  # the budget's quota for the year
        # near misses: funding kinds and words that contain 预算 but are no phase
        ("一般公共预算拨款收入", None),
        ("政府性基金预算收入", None),
        ("国有资本经营预算收入", None),
        ("预算单位", None),
        ("预算绩效管理", None),
        # near misses: no phase word at all
        ("本年收入", None),
        ("年初结转和结余", None),
        ("", None),
        (None, None),
    ],
)
def test_phase_of(label, expected):
    assert phase_of(label) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phase word heading the figures after it
        ("决算收入120万元，其中财政拨款", "final"),
        ("全年预算数为", "adjusted"),
        ("年初预算收入100万元", "budget"),
        # the last heading phase wins
        ("年初预算收入100万元，决算支出", "final"),
        ("决算支出90万元，上年决算数", "prior_final"),
        # near misses: a phase word not followed by what figures are ('预算控制较好')
        ("预算控制较好", None),
        ("执行良好", None),
        # near miss: 一般公共预算 is a funding kind, even before 收入
        ("一般公共预算收入", None),
        # a comparison with last year names the phase it compares with, not the next figure's
        ("决算数共计35.5万元，比上年决算数字下降34.26%；其中公务接待费", "final"),
        # near miss: last year's figure itself, stated
        ("决算数共计35.5万元，上年决算数", "prior_final"),
    ],
)
def test_last_phase_in(text, expected):
    assert last_phase_in(text) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # a phase around a line name
        ("2020年决算收入", "final"),
        ("年初预算数", "budget"),
        ("执行数", "final"),
        ("决算数", "final"),
        # 上年决算 and 全年预算 are never part of a name
        ("上年决算数", "prior_final"),
        ("全年预算数", "adjusted"),
        ("三公经费上年决算数", "prior_final"),
        ("计划支出数(万元)", "budget"),  # a column of planned spending
        ("预 算 数", "budget"),  # a header spaced out to its column's width
        ("决 算 数", "final"),
        # near misses: the phase word is inside the line's name, or there is none
        ("计划生育服务经费", None),
        ("预算管理一体化系统运维经费", None),
        ("年度预算金额", "budget"), ("年度决算金额", "final"),  # a phase and the word for an amount, no name
        ("指标金额是", "budget"),  # the budget's quota, never inside a name
        ("绩效指标完成", None),  # near miss: an indicator, no figure's phase
        ("一般公共预算拨款收入", None),
        ("基本支出", None),
        ("", None),
        (None, None),
        # '完成数' is a column header for the final figure (预算数 | 完成数), as phase_of says
        pytest.param(
            "完成数", "final",
        ),
    ],
)
def test_phase_of_label(label, expected):
    assert phase_of_label(label) == expected


@pytest.mark.parametrize(
    ("label", "phase"),
    [
        ("道路养护经费", "budget"),  # a bare amount: what the project was given
        ("全年道路养护经费支出", "final"),  # near miss: a verb says it was spent
        ("某某专项资金拨付", "final"),
        ("某某设备使用费", "budget"),  # near miss: 使用 inside the name
    ],
)
def test_project_default_phase(label, phase):
    assert project_default_phase(label) == phase
