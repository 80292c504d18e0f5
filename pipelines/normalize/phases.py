"""Which phase a figure belongs to, from the words around it (CONTRACT.md's phase list).

Every phase word of the extraction is written here, and only here: the classifier below
(`phase_of`, `last_phase_in`, `phase_of_label`), the column headers of a project form's fund
block (`FORM_COLUMN_PHASES`), and the patterns that strip a phase word from around a line
name (`PHASE_PREFIX`, `PHASE_BEFORE_TOTAL`, `PHASE_SUFFIX`, used by normalize/lines.py) or
from the end of a project's name (`PHASE_AFTER_PROJECT`, extract/money.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.normalize.text import unspaced

# Funding kinds that contain 预算 without being a phase ('一般公共预算拨款收入', and its words in
# another order: '一般公共财政拨款预算收入', '公共财政预算收入').
_FUNDING_WORDS = re.compile(r"一般公共预算|(?:一般公共|公共财政)(?:财政)?(?:拨款)?预算(?!数|金额)|政府性基金预算|国有资本经营预算|社会保险基金预算|预算单位|预算部门|预算绩效")

# Order matters: the more specific phrase first. Last year's budget is no phase of the
# contract: its figures are read and then left out (PRIOR_BUDGET), never taken for this year's.
PRIOR_BUDGET = "prior_budget"
_PHASES = [
    (PRIOR_BUDGET, re.compile(r"上一?年度?(?:年初|全年|调整)?预算")),
    ("prior_final", re.compile(r"上年决算|上年度决算|上年实际|上年执行|上年支出|上年数")),
    # the outcome of a budget line, its phase word last: '预算收入决算数为92.5万元', '全年预算支出执行数'
    ("final", re.compile(r"预算[^，,。；;\d]{0,8}?(?:决算|执行|实际(?:支出|完成)?)(?:数|金额)\s*(?:合计|共计|总计)?\s*(?:为|是|达到?)?\s*$")),
    ("adjusted", re.compile(r"全年预算|调整预算|调整后预算|预算调整|调整数|预算数?调整后")),  # '预算数(调整后)'
    # '执行预算资金6.46万元' after the year's budget: the budget carried out
    ("final", re.compile(r"执行预算")),
    # 计划: the plan, as a column says it ('计划支出数'), or alone; not '工作计划'
    # 下达 / 批复: money handed down or approved for the year, its budget; so is '安排专项资金' (allotted;
    # not '追加安排资金', an addition)
    ("budget", re.compile(r"年初预算|预算数|预算|指标金额|(?<=资金|经费|专项)指标$|计划(?:安排|支出|投入|下达)(?:资金|数)?|计划(?:资金|数)|^\s*(?:年初)?计划\s*$|下达|批复|(?<!追加)(?<!调增)(?<!增加)安排(?:(?:专项|财政)?(?:资金|经费))?\s*$")),
    ("final", re.compile(r"决算|执行数|实际支出|实际完成|执行|实际|完成数")),
]
_BRACKETS = re.compile(r"[（()）]")
_ALL = re.compile("|".join(p.pattern for _, p in _PHASES))
# a phase word that heads the figures after it ('决算收入…，其中…', '支出决算表'), not '预算控制较好'
_HEADING_PHASE = re.compile(f"(?:{_ALL.pattern})(?=.{{0,2}}[收支数总资金项拨表])|下达|批复")


# the words that name a phase inside a label, and the words that may stand before them
_STEM = r"(?:预算|决算|执行|实际)"
_QUALIFIER = r"(?:年初|年末|全年|当年|本年|上年度?)"

# a phase word in front of the line name: '决算收入', '年初预算项目资金', '年末决算支出'
PHASE_PREFIX = re.compile(
    rf"^{_QUALIFIER}?(?:调整预算|预算(?!绩效|管理|编制|外)|决算|执行|实际|计划(?=支出|安排|投入|下达|数|资金$))数?"
)
# a phase word between a line and its total word: '支出决算合计' is 支出合计 (of the 决算)
PHASE_BEFORE_TOTAL = re.compile(r"(?:年初预算|调整预算|预算|决算|执行)数?(?=(?:合计|总计|小计)$)")
# a phase word after the line name: '“三公”经费决算支出数', '…支出决算总额', '…费预算安排', '项目资金共计', '收入总预算',
# '“三公”经费预算控制数' (the ceiling a budget sets)
PHASE_SUFFIX = re.compile(rf"(?:(?:年初|全年|年度|调整)?总?(?<!公共)(?<!基金)(?<!经营){_STEM}(?:支出|收入|安排)?(?:数|总额|控制数)?|共计|累计)$")
# a phase word ending a project's name: '某某专项资金全年预算数' is 某某专项资金
# ('某某工程项目总投资': a project's planned whole, read as what it was given)
PHASE_AFTER_PROJECT = re.compile(
    r"(?<=项目|经费|资金|专项|工程)(?:全年|年初|调整后?)?(?:预算|执行|支出|决算|指标)(?:资金|数|金额)?$"
    r"|(?<=项目|工程)(?:计划)?(?:总投资|投资总额)额?$"
    r"|(?<=资金|经费)(?:下达|拨付)$"  # '某某资金下达3万元': the fund, handed down
)
# the phase columns of a project form's fund block (年初预算数 / 全年预算数 / 全年执行数)
FORM_COLUMN_PHASES = (
    ("budget", re.compile(r"年初预算|年初批复|年初安排|^预算数")),
    ("adjusted", re.compile(r"全年预算|调整后预算|调整预算|全年批复|预算调整数")),
    ("final", re.compile(r"执行数|全年执行|实际执行|实际支出|支出数|实际拨付")),
)


@lru_cache(maxsize=65536)
def phase_of(text: str | None) -> str | None:
    """The phase a label names, or None when it names none."""
    if not text:
        return None
    text = _FUNDING_WORDS.sub("", _BRACKETS.sub("", text))  # '全年（调整）预算数' is 全年调整预算数
    for phase, pattern in _PHASES:
        if pattern.search(text):
            return phase
    return None


# a comparison names the phase it compares with, not the phase of what follows it:
# '决算数共计35.5万元，比上年决算数字下降34.26%；其中公务接待费15.5万元' (15.5 is this year's)
_COMPARISON = re.compile(r"(?:同比|比|较)\s*上年度?[^，,。；;]{0,8}?(?:增加|减少|增长|下降|上升|降低|持平|节约)")


# a sentence about last year, whose figures are last year's ('上年年初预算收入801.4万元，收入
# 决算数为991.58万元'); not last year's carry-over, which is this year's opening line
_LAST_YEAR_OPENING = re.compile(r"\s*上一?年度?(?!结转|结余)")


def of_last_year(sentence: str, phase: str) -> str:
    """A figure's phase once the sentence it stands in is known to speak of last year."""
    if not _LAST_YEAR_OPENING.match(sentence):
        return phase
    return "prior_final" if phase == "final" else PRIOR_BUDGET if phase in ("budget", "adjusted") else phase


# a project named, then what was done with its money: '道路养护经费支出50万元' is spent
_SPENT_AFTER_NAME = re.compile(r"(?:支出|使用|支付|拨付)\s*(?:了|为)?\s*$")


def project_default_phase(label: str) -> str:
    """The phase of a project's figure its label names none of: what was spent when a verb
    says so, else what the project was given (readers record a bare amount as its budget)."""
    return "final" if _SPENT_AFTER_NAME.search(label) else "budget"


def last_phase_in(text: str) -> str | None:
    """The phase named last in a stretch of text (the nearest before a figure), comparisons
    with last year aside."""
    text = _COMPARISON.sub("", _FUNDING_WORDS.sub("", text))
    matches = list(_HEADING_PHASE.finditer(text))
    return phase_of(matches[-1].group(0)) if matches else None


# phase words no line or project name holds, so the whole label's phase stands: 上年决算, 全年预算
# (phase_of's prior_final and adjusted) and the budget's quota
_NEVER_IN_A_NAME = ("指标金额",)
_ONLY_A_PHASE_AND_AMOUNT = re.compile(r"(?:年度|全年|年初|本年)?(?:预算|决算|执行)(?:金额|总额|资金|数)")


@lru_cache(maxsize=65536)
def phase_of_label(label: str | None) -> str | None:
    """The phase a label names around its line name, not inside it: '2020年决算收入' is
    final, but '预算管理一体化系统运维经费' names no phase."""
    from pipelines.normalize.lines import clean_label  # noqa: PLC0415 (lines imports nothing of ours)

    if not label:
        return None
    label = unspaced(label)  # a header spaced to its column's width: '预 算 数'
    whole = phase_of(label)
    if whole is None:  # (the name may cut a funding word in two: '一般公共财政拨款' + '预算收入')
        return None
    if whole in ("prior_final", "adjusted") or any(word in label for word in _NEVER_IN_A_NAME):
        return whole
    name = clean_label(label)
    # '完成数': nothing of a name is left, so the phase is the whole label's; nor is there in a
    # phase word and the word for an amount ('年度预算金额', '年度决算金额')
    if len(name) <= 1 or _ONLY_A_PHASE_AND_AMOUNT.fullmatch(name):
        return whole
    return phase_of(label.replace(name, " ", 1))
