"""Execution rates (执行率) a document states in its prose.

A project's paragraph states its project's rate (project_rows.scored); a unit's own report
states the rate of its whole budget once, in its account of budget execution ('全年预算执行率
为98.6%'). That one is the report's: mart_budget_execution shows it beside the rate computed
from the amounts. A rate of a part of the budget (项目支出, 基本支出, a fund, 财政拨款), a
target ('预算执行率达到100%以上' as a goal) or a formula is not the unit's.
"""

from __future__ import annotations

import re

from pipelines.documents.model import Document
from pipelines.normalize.text import COLUMN_LETTERS

# what follows a rate's name: a form's column letters, a verb, the percentage
_PERCENT = rf"(?:{COLUMN_LETTERS})?(?:为|达到|达|是)?\s*(\d{{1,3}}(?:\.\d+)?)\s*[%％]"
# '预算执行率(B/A) 100%', '资金使用率为98%', '支付完成率达95.5%'; a 决算 template's '执行数为2万元，完成预算的100%'
STATED_RATE = re.compile(r"(?:(?:预算|资金)?(?:执行率|使用率|支出率|支付(?:完成)?率)|执行数[^。；;]{0,20}?完成(?:全年)?预算的)" + _PERCENT)
# the rate of the budget as a whole: 预算执行率, 支出执行率, with the words for 'the unit's',
# 'the whole year' before it at most
_WHOLE_RATE = re.compile(r"(?:部门|单位|整体|总体|全年|年度|本年度?|综合|全部)*(?:预算|支出|资金)执行率" + _PERCENT)
# words before the rate, in its clause, that make it a part's rate, a target or a formula
_NOT_THE_WHOLE = re.compile(
    r"项目|专项|经费|补助|基本|人员|公用|财政拨款|基金|三公|结转|其他资金|转移支付|上年|同比|"
    r"目标|要求|力争|确保|不低于|应达|计划|[×*=＝≥>]"
)
_CLAUSE_END = re.compile(r"[，,。；;\n]")  # not a colon: "绩效目标：预算执行率达到100%" is a target


def unit_execution_rate(document: Document) -> float | None:
    """The execution rate of the whole budget the report's prose states first, in percent."""
    for paragraph in document.paragraphs:
        for match in _WHOLE_RATE.finditer(paragraph.text):
            before = _CLAUSE_END.split(paragraph.text[: match.start()])[-1]
            if not _NOT_THE_WHOLE.search(before + match.group(0)) and float(match.group(1)) <= 200:
                return float(match.group(1))
    return None
