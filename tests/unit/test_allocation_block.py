"""pipelines.extract.allocation_block: a form's block of the year's money allocated and spent.

Rules covered, with a near miss each:
- under a header naming the first budget, its adjustment, 小计, the money paid out and what is
  left (年初…预算安排金额 | 年中调整金额 | 小计 | 年度拨付金额 | … | 本年度结余金额 | …), each line of a
  label and seven figures gives the line's budget, adjusted (小计) and final (拨付) figures;
  the adjustment and the rates are left out; the total row (合计) is 支出合计 and its 结余 the
  unit's year-end balance; a label that names no canonical line keeps the page's name;
- the block's unit note ((万元)) holds for its rows, 万元 when it has none (recorded as assumed);
  the formula line under 小计 does not end it; a line that is not a row ends it (figures further
  down are not the block's);
- near miss: rows of seven figures without the header are nobody's.
"""

from __future__ import annotations

from decimal import Decimal

from pipelines.documents.text_reader import parse_text
from pipelines.extract.allocation_block import allocation_block_money

BLOCK = """\
部门整体支出绩效自评表
财政资金安排和使用情况 资金结构 预算安排 拨付情况 结余情况
(万元) 年初部门预算安排金额(含历年结余结转)① 年中调整金额② 小计 年度拨付金额 支出实现率(%)⑤=④/③ 本年度结余金额⑥=③-④ 资金结余率(%)⑦=⑥/③
③=①+②
财政资金小计 80.50 20 100.50 99.5 99.0 1.0 1.0
① 项目支出 30 0 30 29.5 98.3 0.5 1.7
2.单位其它收入 0 0 0 0 0 0 0
合 计 80.50 20 100.50 99.5 99.0 1.0 1.0
年度总体目标完成情况 预期目标 目标实际完成情况
其他 1 2 3 4 5 6 7
"""


def facts(text: str) -> dict:
    return {(f.name, f.phase): f.amount_yuan for f in allocation_block_money(parse_text(text))}


def test_the_blocks_rows_give_budget_adjusted_and_final_and_the_totals_balance():
    got = facts(BLOCK)
    assert got[("财政资金小计", "budget")] == Decimal("805000.00")  # the page's own name
    assert got[("财政资金小计", "adjusted")] == Decimal("1005000.00")
    assert got[("项目支出", "final")] == Decimal("295000.00")
    assert got[("其他收入", "final")] == Decimal("0.00")
    assert got[("支出合计", "adjusted")] == Decimal("1005000.00")
    assert got[("年末结转和结余", "final")] == Decimal("10000.00")  # the total row's 结余 only
    assert len(got) == 13  # four rows of three phases, and the balance
    assert not any(name == "其他" for name, _ in got)  # after the block: not its row


def test_rows_without_the_header_are_nobodys():
    assert facts("项目支出 30 0 30 29.5 98.3 0.5 1.7\n合 计 80 20 100 99 99 1 1\n") == {}


def test_a_block_without_its_unit_note_is_read_in_wan_yuan_and_says_so():
    header = BLOCK.split("\n")[2].removeprefix("(万元) ")
    money = allocation_block_money(parse_text(f"{header}\n合 计 80 20 100 99 99 1 1\n"))
    assert {(f.name, f.phase): f.amount_yuan for f in money}[("支出合计", "final")] == Decimal("990000.00")
    assert {f.assumed_unit for f in money} == {"万元"}
    assert {f.assumed_unit for f in allocation_block_money(parse_text(BLOCK))} == {None}  # near miss: stated
