"""A form's block of how the year's money was allocated and spent, one row a line.

Some provinces' 部门整体支出绩效自评表 open with a block whose header names each column by
what it holds, not by a phase word, and a page carries its rows as lines of a label and
figures separated by single spaces:

    (万元) 年初部门预算安排金额(含历年结余结转)① 年中调整金额② 小计 年度拨付金额 支出实现率(%)⑤=④/③ 本年度结余金额⑥=③-④ 资金结余率(%)⑦=⑥/③
    财政资金小计 130.54 58.07 188.61 188.45 99.92 0.16 0.08
    ① 项目支出 30 0 30 30 100 0 0
    合 计 130.54 58.07 188.61 188.45 99.92 0.16 0.08

The block's columns are always these seven: the year's first budget, the adjustment (a
difference, left out), their sum (the adjusted budget), the money paid out (spent), its rate
(left out), what is left and its rate. What is left is read from the total row only: the
year-end balance of the unit.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from pipelines.documents.model import Document
from pipelines.extract.money import MoneyFact
from pipelines.normalize.lines import match_line
from pipelines.normalize.numbers import to_yuan
from pipelines.normalize.text import NUMBERING, squash

# the header: the first budget, its adjustment, the money paid out and what is left, in that order
_HEADER = re.compile(r"年初\S{0,4}预算安排金额.*?调整金额.*?小计.*?拨付金额.*?结余金额")
_UNIT = re.compile(r"[（(](万元|元)[）)]")
# a row: its label, then the block's seven figures
_ROW = re.compile(r"^(?P<label>(?:\d{1,2}\s*[.、．])?\D+?)\s+(?P<figures>-?[\d.]+(?:\s+-?[\d.]+){6})\s*$")
_CIRCLED = re.compile(r"^[①-⑳]\s*")
# the columns kept, by their place among the seven figures
_PHASES = {0: "budget", 2: "adjusted", 3: "final"}
_LEFT = 5


def allocation_block_money(document: Document) -> list[MoneyFact]:
    facts: list[MoneyFact] = []
    unit = None  # the block's unit while its rows go on
    for paragraph in document.paragraphs:
        text = squash(paragraph.text)
        if _HEADER.search(text):
            note = _UNIT.search(text)
            unit, assumed = (note[1], None) if note else ("万元", "万元")  # (the forms' unit; recorded when assumed)
            continue
        row = _ROW.match(paragraph.text.strip()) if unit else None
        if not row:
            unit = None if unit and not _CONTINUES.match(text) else unit
            continue
        facts.extend(replace(fact, assumed_unit=assumed)
                     for fact in _row_facts(row, unit, paragraph.locator, paragraph.text))
    return facts


# a line between the header and its rows: the sum's formula under 小计 ('③=①+②')
_CONTINUES = re.compile(r"^[①-⑳=+\-－/()（）%]+$")


def _row_facts(row: re.Match, unit: str, locator: str, excerpt: str) -> list[MoneyFact]:
    label = _CIRCLED.sub("", NUMBERING.sub("", squash(row["label"])))
    figures = [Decimal(f) for f in row["figures"].split()]
    total = label in ("合计", "总计")
    line = "支出合计" if total else match_line(label)
    name = line or label  # a row of the block is a line of it, named as the page does ('财政资金小计')
    facts = [_fact(name, line is not None, phase, to_yuan(figures[i], unit), locator, excerpt)
             for i, phase in _PHASES.items()]
    if total:  # what is left of the whole: the year-end balance
        facts.append(_fact("年末结转和结余", True, "final", to_yuan(figures[_LEFT], unit), locator, excerpt))
    return facts


def _fact(name: str, canonical: bool, phase: str, amount: Decimal, locator: str, excerpt: str) -> MoneyFact:
    return MoneyFact(kind="budget", name=name, line_raw=name, is_canonical=canonical, phase=phase,
                     spending_type=None, amount_yuan=amount, source_kind="prose", locator=locator,
                     excerpt=excerpt[:80])
