"""Budget line names: map the words of a report onto the canonical lines of budget_lines.csv.

Matching is by a 'loose key' that ignores what reports vary without changing meaning
(spaces, brackets, 和/的/及, a trailing 支出/数), tried on the whole label and then on
ever shorter tails of it, because the noun nearest the figure names it
('日常公用经费中三公经费支出5.49万元' is 三公经费).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines.normalize.phases import PHASE_BEFORE_TOTAL, PHASE_PREFIX, PHASE_SUFFIX

from pipelines.normalize.rules import rules
from pipelines.normalize.text import NUMBERING, ORGANISATION_END, YEAR

BUDGET_LINES_CSV = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "budget_lines.csv"

# Words a report puts around a line name that say nothing about which line it is.
_NOISE_PREFIX = re.compile(
    r"^(?:其中[:：]?|包括|包含|主要包括|主要有|分别为|分别是|以及|及时[将把对]?|及|和|与|另|另外|共计|合计为|"  # ('及时对某某资金…进行分解')
    r"[一二三四五六七八九十]是|"  # an enumeration in prose: '一是某某工程…'
    r"我办|我局|我委|我校|我院|我园|我所|我站|我馆|我中心|我单位|本单位|本部门|我部门|单位|部门整体|部门|整体|本级|全年(?!预算)|本年度?|当年|"
    r"收到|实现|完成|发生|拟(?=安排|用于|支出)|安排|用于|当期|取得|"
    r"按[\u4e00-\u9fff]{2,6}?分类(?:科目)?(?:来?看|划分)?)+"  # ('按功能分类一般公共服务支出…')
)
# a unit naming itself before its whole income or spending: '某某镇人民政府收入预算总额'
# '某某卫生院单位支出', a province's template '某某镇政府(单位)收入预算'
_UNIT_SUBJECT = re.compile(
    rf"^[\u4e00-\u9fff]{{2,30}}?{ORGANISATION_END}(?:单位|部门|[（(](?:单位|部门)[）)])?(?=(?:一般公共预算)?(?:财政拨款)?(?:预算|决算)?(?:收入|支出))"
)
# '2021年度', '2021年' — but '2021年末结转' keeps its 年末
_YEAR = re.compile(rf"{YEAR}\s*(?:年度|年(?![末初底])|(?=年[末初底]|全年))")  # "2023全年预算": a year before 全年
# Last year's carry-over is this year's opening balance (年初结转和结余), said two ways: with both
# years ('2021年底结转2022年的' is what 2022 began with), or with last year's only, which the
# report's fiscal year places ('2019年结余结转' in a 2020 report: carries_in_to)
_CARRIED_IN = re.compile(rf"{YEAR}\s*年[底末]结转(?:到|至|入)?{YEAR}\s*年度?(?:使用)?的?")
_CARRIED = re.compile(rf"(?P<year>{YEAR})\s*年度?(?:末|底)?(?:结余结转|结转结余|结转和结余|结转|结余)(?:资金)?$")
# a balance said in words of its own ('年末结余自有资金', '上年结转的资金'): the line of the
# year's start or end
# ('上年结余转入' is what came in from the last year; '本年结余结转' what this year leaves)
_BALANCE = re.compile(r"^(?P<when>上年|年初|年末|年终|年底)(?:结转|结余)(?:和|及|、)?(?:结余|结转)?的?(?:自有|财政)?(?:资金)?(?:转入)?$")
_THIS_YEAR_LEAVES = re.compile(r"^(?:本年|当年)度?(?:结余结转|结转结余|结转和结余)(?:资金)?$")
# the fiscal part of the spending ('财政拨款支出', '一般公共预算财政拨款支出'): a total of its own, not
# 支出合计 (a unit with 事业收入 spends more than its 财政拨款); kept under its own name
_FISCAL_SPENDING = re.compile(r"^(?:一般公共预算财政拨款|一般公共预算|财政拨款)总?支出(?:合计|总计)?$")
# how a fee was paid for, after its name: '“三公”经费财政拨款' is the 三公经费 (not 财政拨款收入);
# so is '“三公经费”财政拨款支出', the name quoted whole
_FUNDING_SUFFIX = re.compile(r"(?:(?<=费)|(?<=费[”\"’」]))\s*(?:一般公共预算)?财政拨款(?:支出)?(?:合计)?$")
_TRAILING = re.compile(r"(?:数额|金额|总额|合计数|资金|数)$")

# bare words a report uses for the two totals
_BARE_TOTALS = {"收入": "收入合计", "支出": "支出合计", "收入合计": "收入合计", "支出合计": "支出合计",
                "合计收入": "收入合计", "合计支出": "支出合计"}  # ('合计收入为120.5万元')
# names of the main funding source that budget_lines.csv lists only in longer forms
_EXTRA_ALIASES = {
    "一般公共预算": "财政拨款收入",
    "一般公共预算拨款": "财政拨款收入",
    "财政经费拨款": "财政拨款收入",  # ("公共预算财政经费拨款")
    "项目资金支出": "项目支出",
    "支出项目资金": "项目支出",
    "公务用车购置及运行费": "公务用车购置及运行维护费",  # the 决算 三公 table's short header
    "公务用车购置及运维": "公务用车购置及运行维护费",
    "三公经费支出合计": "三公经费合计",
    "公务用车运行": "公务用车运行维护费",  # '公务用车运行支出', '公务用车运行费'
    "公务用车购置": "公务用车购置费",
    "车辆运行维护费": "公务用车运行维护费",  # a unit's vehicles are its official ones: '车辆运行维护费支出13万元'
    "车辆购置": "公务用车购置费",  # ('车辆购置支出0万元')
    "日常公用支出": "公用经费",
    "公用支出": "公用经费",
    "人员支出": "人员经费",
    "上年结转和结余": "年初结转和结余",  # what the year began with is what the last one carried over
    "上年结转结余": "年初结转和结余",
    "上年结转收入": "年初结转和结余",
    "一般公共预算收入": "财政拨款收入",  # a unit's (a government's whole revenue is no unit's document)
    "一般公共财政预算拨款": "财政拨款收入",  # the name before 2015's budget law: 公共财政预算
    "公共财政预算拨款": "财政拨款收入",
    "上年结余收入": "年初结转和结余",  # a budget of before 2018: what the last year left, as income
    "上年结转结余收入": "年初结转和结余",
    "工资福利性支出": "工资福利支出",
    "公务接待经费": "公务接待费",  # the 三公 items named as 经费
    "因公出国（境）经费": "因公出国（境）费",
    "公务用车运行维护经费": "公务用车运行维护费",
    "公务用车购置经费": "公务用车购置费",
    "公务用车购置及运行维护经费": "公务用车购置及运行维护费",
    "年终结转结余": "年末结转和结余",  # the year's end, said as 年终
    "年终结转和结余": "年末结转和结余",
    "公务用车运行维护及购置费": "公务用车购置及运行维护费",  # the two words the other way round
}


@dataclass(frozen=True)
class BudgetLine:
    name: str
    econ_code: str | None
    parent: str | None
    group: str


_LOOSE_DROP = re.compile(r"[\s\"'、：:]")
_LOOSE_CONNECTIVES = re.compile(r"[和的及与]")
_LOOSE_TAIL = re.compile(r"(?:支出|费用|费)$")
_CONNECTIVE_SPLIT = re.compile(r"主要有|主要包括|主要用于|包括|包含|分别为|分别是|具体是|具体为|其中|构成[为是]|主要为")  # ('按功能分类其构成为…')
_DOUBLED_END = re.compile(r"(支出|收入)\1$")
_SUBJECT_WORD = re.compile(r"(?<=支出)科目(?:支出)?$")
_VERB_END = re.compile(r"(?:为|是|达到|(?<![下到])达|约|就|(?<!公)共|完成)$")  # ("基本支出就5967100.39元", "总收入完成…")
_GLOSS_AFTER = re.compile(r"[（(][^（()）\d]{2,10}支出[）)]$")
_YEAR_BEFORE_NIANDU = re.compile(rf"{YEAR}(?=\s*年度)")

# The functions below are pure (text in, str/None out) and called for the same labels many
# times a report (every table cell, every prose figure): they are memoised.


@lru_cache(maxsize=65536)
def loose_key(text: str) -> str:
    text = text.replace("（", "(").replace("）", ")").replace("“", "").replace("”", "").replace("其它", "其他")
    text = _LOOSE_DROP.sub("", text)
    text = _LOOSE_CONNECTIVES.sub("", text)
    while True:  # '三公经费支出' and '三公经费' share one key
        shorter = _LOOSE_TAIL.sub("", text)
        if shorter == text or not shorter:
            return text
        text = shorter


@lru_cache(maxsize=1)
def canonical_lines() -> dict[str, BudgetLine]:
    with BUDGET_LINES_CSV.open(encoding="utf-8") as handle:
        return {
            row["line_name"]: BudgetLine(
                row["line_name"], row["econ_code"] or None, row["parent_line"] or None, row["line_group"]
            )
            for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, line in _named_lines():
        index.setdefault(loose_key(name), line)
    return index


@lru_cache(maxsize=1)
def _literal_names() -> frozenset[str]:
    """Every line's name and alias as the csv (and the extra aliases) write them."""
    return frozenset(name for name, _ in _named_lines())


def line_spellings() -> dict[str, str]:
    """Every budget line's name and alias as written (the words a table row is labelled with),
    with the line it names."""
    return dict(reversed(_named_lines()))  # the csv's own spelling first where an extra alias repeats it


@lru_cache(maxsize=1)
def _named_lines() -> tuple[tuple[str, str], ...]:
    """(name or alias, its line) for every line of the csv, then the extra aliases."""
    with BUDGET_LINES_CSV.open(encoding="utf-8") as handle:
        named = [(name, row["line_name"]) for row in csv.DictReader(handle)
                 for name in [row["line_name"], *filter(None, (row["aliases"] or "").split("|"))]]
    return tuple(named + list(_EXTRA_ALIASES.items()))


def carries_in_to(label: str, fiscal_year: int | None) -> bool:
    """A label naming last year's carry-over by its year ('2019年结余结转', '2019年结转'), in the report of
    `fiscal_year` (2020): this year's 年初结转和结余."""
    carried = _CARRIED.search(label.strip())
    return bool(carried and fiscal_year and int(carried["year"]) == fiscal_year - 1)


# an evaluator's note marker before or after a name: '【注2】', '[注1]', '注①'
_NOTE_MARK = re.compile(r"[【\[]\s*注\s*\d{0,2}\s*[】\]]|注[①②③④⑤⑥⑦⑧⑨]")


@lru_cache(maxsize=65536)
def clean_label(label: str, keep_years: bool = False) -> str:
    """Strip numbering, years, subjects and connective words from around a line name (a
    project's name keeps the years it is written with: `keep_years`)."""
    text = _NOTE_MARK.sub("", label).strip().strip("：:，,。；;、 ")
    text = _CARRIED_IN.sub("上年结转", text)
    text = text if keep_years else _YEAR.sub("", text)
    # '项目支出主要有组织事务支出': the name follows the last connective
    text = _CONNECTIVE_SPLIT.split(text)[-1].lstrip("：:，, ")  # and the colon after 其中
    text = _DOUBLED_END.sub(r"\1", text)  # '组织事务支出支出'
    text = _SUBJECT_WORD.sub("", text)  # '教育支出科目支出': the subject 教育支出

    for _ in range(3):  # numbering and noise can alternate: '其中：（1）基本工资'
        text = NUMBERING.sub("", text)
        text = _NOISE_PREFIX.sub("", text)
        text = _UNIT_SUBJECT.sub("", text)
        text = PHASE_PREFIX.sub("", text)
    text = text.replace("公务车", "公务用车")  # the short form of the 三公 lines' names
    text = PHASE_BEFORE_TOTAL.sub("", text) or text
    text = _VERB_END.sub("", text) or text  # '支出预算为' → '支出预算'
    for _ in range(2):  # '…经费决算数共计': 共计, then the phase before it
        text = PHASE_SUFFIX.sub("", text) or text
    text = _FUNDING_SUFFIX.sub("", text) or text
    return text.strip().strip("：:，,。；;、 ")


def is_fiscal_spending(name: str) -> bool:
    """'财政拨款支出', '一般公共预算支出': the spending of the fiscal money, a line of its own."""
    return bool(_FISCAL_SPENDING.match(name))


@lru_cache(maxsize=65536)
def match_line(label: str) -> str | None:
    """The canonical line a label names, or None. Tries the label, then shorter tails of it."""
    if _THIS_YEAR_LEAVES.match(NUMBERING.sub("", label.strip())):  # (clean_label drops the 本年 that says which)
        return "年末结转和结余"
    text = clean_label(label)
    text = _PLACE_SUBJECT.sub("", text) or text  # '全镇一般公共预算支出': the place's own, named alike
    if not text or is_fiscal_spending(text):
        return None
    gloss = _GLOSS_AFTER.search(text)
    if gloss and loose_key(text) not in _alias_index():
        # '工资福利支出（人员支出）': an economic line (or the project spending), then the kind of
        # spending it is; not a scope, a sub-item or a phase ('支出合计（财政拨款）', '基本支出（人员经费）',
        # '资本性支出（基本建设）', '专用设备购置（二期）')
        line = match_line(text[: gloss.start()])
        if line and (line == "项目支出" or line_info(line).group == "economic"):
            return line
    # '2020年度资金总额': the 年度 may belong to the name, not to the year
    if not _alias_index().get(loose_key(text)):
        with_year_word = clean_label(_YEAR_BEFORE_NIANDU.sub("", label))
        if _alias_index().get(loose_key(with_year_word)):
            return _alias_index()[loose_key(with_year_word)]
    if "、" in text.strip("、") and loose_key(text) not in _alias_index():
        return None  # '水费、电费、差旅费': a group of lines, none of them alone (but 年初结转、结余)
    if balance := _BALANCE.match(text):
        return "年初结转和结余" if balance["when"] in ("上年", "年初") else "年末结转和结余"
    if text in _BARE_TOTALS:  # only the whole label: '事业收入' must not end up as 收入合计
        return _BARE_TOTALS[text]
    bare = _TOTAL_SUFFIX.sub("", text)  # '支出总额', '收入合计数': the bare word and a total word
    if bare != text and bare in _BARE_TOTALS:
        return _BARE_TOTALS[bare]
    index = _alias_index()
    stem = _TOTAL_END.sub("", text)  # '人员经费合计', '基本支出小计': the total of that line
    if stem != text and loose_key(text) not in index and index.get(loose_key(stem)):
        return index[loose_key(stem)]
    for candidate in (text, _TRAILING.sub("", text)):
        for start in range(len(candidate)):
            tail = candidate[start:]
            if len(tail) < 3 and start > 0:
                break
            if _FUND_KIND_END.search(candidate[:start]):
                break  # '政府性基金预算财政拨款收入' is a part of 财政拨款收入, not the whole
            if start > 0 and is_fiscal_spending(tail):
                return None  # '某某台财政拨款支出': the fiscal spending, its subject before it
            key = loose_key(tail)
            if start > 0 and len(key) < 2 and tail not in _literal_names():
                continue  # '农林水支出' is no 水费: a one-character key is a line only as written ('水费', '总支出')
            line = index.get(key)
            # ('免费开放项目支出', '农村改厕项目资金': a named project's money, not the unit's 项目支出)
            if line == "项目支出" and start > 0 and tail.startswith(("项目资金", "项目经费", "项目支出")) \
                    and not _GENERIC_HEAD.fullmatch(candidate[:start]) and not _PHASE_WORD.search(candidate[:start]):
                return None
            if line:
                return line
    return None


# a place as the subject of its own money: '全镇…', '我区…', '本县…'
PLACE_AS_SUBJECT = r"(?:全|我|本)(?:省|市|州|县|区|旗|镇|乡)"
_PLACE_SUBJECT = re.compile(rf"^{PLACE_AS_SUBJECT}(?=\S{{3}})")
# words before 项目资金 that name no project: its phase, its fund, its level ('年初财政项目资金'), or
# a phase among other words ('某某管理处年初预算内项目资金')
_PHASE_WORD = re.compile(r"预算|决算")
_GENERIC_HEAD = re.compile(
    r"(?:年初|全年|本年|当年|上年|年度|预算|财政|拨款|一般公共预算|政府性基金|专项|其中|本级|部门|单位|各类|其他|共|计|安排|下达|使用|"
    r"[该本此各]|行政|事业|机关|所属|下属|全部|[\s—\-－:：、和及与])+"
)


# a kind of fund before a line narrows it to that fund's share; not one joined to another
# ('一般公共预算及政府性基金财政拨款“三公”经费' is both funds' 三公经费, the whole)
_FUND_KIND_END = re.compile(r"(?<![及和与、])(?:政府性基金|国有资本经营|社会保险基金)(?:预算)?$")
_TOTAL_WORDS = frozenset({"合计", "小计", "总计", "合计数", "总额"})
_TOTAL_SUFFIX = re.compile(r"(?:合计数|合计|总计|总额)$")
_TOTAL_END = re.compile(r"(?:合计|小计|总计|总支出)$")  # '三公经费总支出': the 三公经费's total


def is_total_word(label: str) -> bool:
    return loose_key(label) in _TOTAL_WORDS


def line_info(name: str) -> BudgetLine | None:
    return canonical_lines().get(name)


def parts_of(line: str) -> list[str]:
    """The lines a line is the sum of: the reconciliation rules' breakdowns (the seed
    reconciliation_rules.csv, pipelines/normalize/rules.py), else the csv's children (the
    public-fund items of 公用经费 are the 商品和服务支出 classes)."""
    breakdowns = rules().breakdowns
    if line in breakdowns:
        return breakdowns[line]
    if line == "公用经费":
        line = "商品和服务支出"
    return [child.name for child in canonical_lines().values() if child.parent == line]


@lru_cache(maxsize=4096)
def is_part_of(line: str, whole: str, depth: int = 0) -> bool:
    parts = parts_of(whole)
    return line in parts or (depth < 2 and any(is_part_of(line, part, depth + 1) for part in parts))
