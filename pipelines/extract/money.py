"""Money figures, from tables and from prose, onto a budget line (or a named project) and a phase.

A table figure is read at the crossing of its row label and its column's header labels;
a prose figure takes its label from the words just before it ('…其中基本支出98.2万元').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.extract.labels_above import leaf_lines
from pipelines.extract.tables import HeaderBlock, is_code, is_figure, is_placeholder, iter_blocks
from pipelines.normalize.lines import (
    PLACE_AS_SUBJECT, carries_in_to, clean_label, is_fiscal_spending, is_part_of, is_total_word, line_info, match_line,
    parts_of,
)
from pipelines.normalize.numbers import halfwidth, parse_cell_money, to_yuan
from pipelines.normalize.phases import (
    PHASE_AFTER_PROJECT,
    PRIOR_BUDGET,
    last_phase_in,
    of_last_year,
    phase_of,
    phase_of_label,
    project_default_phase,
)
from pipelines.normalize.regions import is_division_name
from pipelines.normalize.text import COLUMN_LETTERS, GOVERNMENT_LEVEL, NUMBERING, ORGANISATION_END, YEAR, squash

# patterns of the functions below, compiled once at import
_DIGIT = re.compile(r"\d")
_LEVEL_START = re.compile(r"各级|本级|上级(?!补助收入$)")  # (上级补助收入 is a line of every 决算's income)
_YEAR_IN_LABEL = re.compile(rf"({YEAR})\s*年")

# Column headers over something other than money.
_NOT_MONEY = re.compile(
    r"率|占比|比例|比重|%|％|分值|得分|权重|人数|编制|指标|年份|序号|编号|编码|代码|行次|栏次|行号|个数|台数|辆数|增、?减|变动|差额|增长|减少|增加"
)
# Row labels of the same: anchored, since a project's name may hold 编制 or 平台
_NOT_MONEY_ROW = re.compile(r"(?:率|占比|比例|比重|人数|个数|分值|得分|权重)$|^(?:序号|编号|编码|代码)$|增、?减|差额")
_UNIT_NOTE = re.compile(r"单位\s*[:：]\s*(亿元|万元|千元|元)|[（(](亿元|万元|千元|元)[）)]")

# a figure with its unit in running text; 万 alone counts when no other word follows it
_PROSE_MONEY = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|千元|元|万(?=[，,。；;、）)\s]|$|余元|多元))"
)
_LABEL_STOP = set("，,。；;：:、（(“”\"\n！？?!")
_CHANGE_WORDS = re.compile(r"增加|减少|增长|下降|节约|超支|同比|比上年|较上年|上升|降低|压减|差额|相比|调减|调增|核减")
# (项目（凯江段）; a fund named as its subsidy or its transfer: '边境防火隔离带补助费', '森林公安转移支付')
_PAID_IN_FULL = re.compile(r"\s*(?:已(?:全部|全额)?到位[，,、]?\s*(?:并|且)?)?已(?:全部|全额)(?:支付|拨付|使用)(?:完毕)?|"
                           r"\s*已(?:全部|全额)?到位[，,、]?\s*(?:并|且)已(?:全部|全额)?(?:支付|拨付)(?:完毕)?")
_BOND = re.compile(r"(?:地方政府)?(?:专项|一般)债(?:券)?(?:资金)?")
_PROJECT_SUFFIX = re.compile(r"(?:经费|项目|资金|专项|工程|补助费|补贴费|转移支付)(?:[（(][^（()）]{1,12}[）)])?$")
_NOT_A_NAME = re.compile(
    r"使用|投入|收到|安排|下达|拨付|发放|到位|用于|共计|合计|申请|完成|^本项目|^该项目|及时|剩余|"
    # the words of a sentence around a name: '分别支持…项目', '我市获得…资金', '主要原因是…', '第一批资金'
    r"^(?:分别|获得|共涉及|涉及|主要原因|原因是|其中|我市|我县|我区|我省|我镇|我乡)|^第[一二三四五六七八九十\d]+批|"
    r"(?:我|本)(?:市|县|区|省|镇|乡)获得|"  # ('20xx年我镇获得财政衔接资金': a year a template left blank before it)
    # money a plan needs, not a project's: '共需资金8144万元', '所需资金'
    r"^(?:共|所|尚|还|仍)?需(?!求)|"
    # a sentence's time or scope before its figure: '已于本年度支出', '至年底我局项目', '含中央资金',
    # '绩效自评“良”的项目11个' (not 于都县…, 含山县…: places)
    r"^(?:已经?|已于|于本年度?|含(?:中央|省级?|市级?|县级?|上级|对下)|截至|截止|至(?:年底|年末|今))|我局|我单位|我院|我校|我部门|的项目|^(?:支出|计划)资金$|"
    r"^纳入\S{0,4}?评价|"  # the money an evaluation covers, all projects together: '纳入绩效评价的资金共…万元' (not 纳入管理的…拨款, a line)
    r"^(?:目前|当前|截[至止]目前)|(?:共|已|累计)支付|"  # what was paid so far: '目前共支付资金…万元'
    r"(?:^|年度?)\s*\d{1,2}\s*月份?|"  # a sentence's date before its subject: '2022年度1月份将某某补助资金…'
    r"匹配|"  # a level's matching share of a fund: '自治区匹配下拨某市某某补助资金', '某市财政匹配…资金'
    r"(?:工程|项目)第[一二三四五六七八九十\d]+(?:批|笔)|"  # an instalment of a project's money: '某某修缮工程第二批经费'
    r"人均|"  # a statistic ('农村居民人均可支配收入1.25万元'), not the unit's money
    # the money spent, said before its word for money: '实际支出项目资金200万元', '项目实际支出资金…'
    r"^实际|实际(?:支出|使用|发生)|^支出项目|"
    # a sentence's subject and date, the years gone: '某某厅于2021年7月将某某资金', '某某厅2021年7月将…'
    r"[于在]\s*(?:\d{1,2}\s*月|年[初底末中])|(?:厅|局|委|办|府|部)\S{0,12}?将(?![军乐])|"  # (not 将军…, 将乐县)
    r"^[一二两三四五六七八九十\d]+(?:家|户|名|位)(?:企业|公司|合作社|农户|贫困户|脱贫户|单位|学校|学生|群众)|"  # what some firms or households were paid: '一家企业某某资金2万元未到位'
    r"[县区市州旗乡镇]级?(?:配套)?资金$"  # a place's share: '某某县资金7.91万元'
)
# '某某资金项目全年预算资金': the project's name, then the phase of its figure
# names made only of where money comes from: '县财政配套资金', '地方资金', '一般项目'
# ('自治区财政补助资金', '盟市财政补助资金', '旗县级财政资金', '各县（市、区）筹集资金': each level of
# government's share)
_GENERIC_PROJECT = re.compile(
    r"^(?:各级|本级|上级|中央|国家|自治区|自治州|[省市县区乡镇盟旗州]|级|[（(][市县区、]+[）)]|各|筹集|地方|年初预算|预算|专项|项目|业务|其他|相关|"
    r"该|此|财政|资金|情况|直接|间接|预拨|结转|结余|补助|配套|自有|自筹|社会|衔接|部门|单位|拨款|转移支付|一般性?|均衡性|重点|本年|当年|上年度?|年度|全年|建设|的|"
    r"对接|投入|统筹|整合|"  # ('对接资金2052.4万元': the money matched to projects, no project)
    # ('其中建筑工程280万元': a kind of cost within an investment; '政府性基金预算资金': a kind of fund;
    # '直接补助费': a kind of cost within a fund)
    r"建筑|安装|土建|附属|申报|一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|社会保险基金(?:预算)?)*"
    r"(?:经费|项目|资金|专项|工程|转移支付|补助费|补贴费)$"
)
# a disclosure's procurement figures by kind (货物, 工程, 服务), its totals too
_PROCUREMENT_BY_KIND = re.compile(r"政府采购(?:货物|工程|服务)?支出(?:总额|合计)?$")
# items every 决算/预算 disclosure states that end as a project's name does (…经费, …资金) or open
# on a verb (使用…) but name no project: its 机关运行经费, and 财政专户管理资金 and 使用非财政拨款结余
# among its sources of income
_STANDING_ITEM = re.compile(r"机关运行经费$|财政专户管理资金$|使用非财政拨款结余(?:和专用结余)?$")
# assets (固定资产, 折旧, 净值) are not budget lines, so they are left out on purpose
_LINE_SUFFIX = re.compile(r"(?:费|支出|收入|经费|资金|拨款|结余|结转|金额)$")
# 'X经费完成情况：全年预算数…，执行数…': the paragraph speaks of one project
_SUBJECT = re.compile(  # ('某某经费绩效自评综述：项目全年预算数…')
    r"^([^：:，,。；;]{2,40}?)(?:(?:绩效)?(?:自评|评价)(?:综述|情况|结果)?|完成情况|实施情况|执行情况|绩效情况|情况)?[：:]"
)
# (a name may hold a comma: '3、某村村内干道,巷道路面硬化建设项目,…'; a sentence may not: '我局…', '按照…')
# ('1.某某补助经费。财政部下达…': a fund named alone as the item's heading sentence)
_NUMBERED_SUBJECT = re.compile(
    r"^\d{1,2}\s*[、.．]\s*(?!.{0,6}(?:我|按照|根据|为))(?:([^。；;：:、]{4,40}?(?:项目|工程))[，,：:]|([^。；;：:，,]{4,30}?(?:经费|资金|专项))。)"
)
# a fund or project named, a comma, then its figures: '某某专项，下达资金32万元，…'
# (no year or verb before it, no label: '2020年度财政划给某局某某经费，…', '批准实施某某项目，…', '项目名称…')
_NAME_THEN_FIGURES = re.compile(
    r"^(?!项目名称|批准|实施|开展|组织|落实|争取|整合|统筹)"  # (other verbs: classify_label's _NOT_A_NAME)
    r"([^，,。；;：:“”\d]{4,30}?(?:专项|经费|资金|项目))[，,](?=[^。；;]{0,16}?\d)"
)
# a 决算's template, a paragraph per project: '（1）某某项目绩效目标完成情况综述。项目全年预算数…'
_TARGETS_SUMMARY = re.compile(r"^(?:[（(]\d{1,2}[）)]\s*)?([^：:，,。；;]{2,40}?项目)绩效目标完成情况综述[。：:]")
# '我局承担某县2021年度某某道路建设项目实施任务，…': a paragraph about the project the unit carries out
_UNDERTAKEN = re.compile(
    r"^(?:我|本)(?:局|委|办|单位|部门|校|院|中心|站|所)(?:主要)?(?:承担|负责|实施)了?(?P<name>[^，,。；;：:“”]{4,50}?(?:项目|工程))"
    r"的?(?:实施|建设)?(?:任务|工作)"
)
# '基本支出包括…。共计79.05万元': a paragraph about one line
_TOPIC = re.compile(r"^([^，,。；;：:]{2,12}?)(?:包括|是指|主要包括|指)")
# what is left of 实际支付, 执行数, 预算资金, 决算数为, 全年（调整）预算数, 指标金额是 (the budget's quota)
_PHASE_ONLY = {"", "数", "资金", "金额", "支付", "拨付", "使用", "安排", "共安排", "为", "是", "（）", "()", "指标"}
# a verb of spending alone after a budget figure: '预算项目资金16万元，支付16万元'
# (a subsidy's money handed out to those it is for: '发放', '兑付'; said as of now: '目前已发放')
_SPENT_ALONE = {"支出", "支付", "已支付", "已支出", "使用", "已使用", "发放", "兑付"}
_AS_OF_NOW = re.compile(r"^(?:目前|当前|现|截[至止]目前)[，,]?(?:已经?|共|累计)?")
# words after a phase that name nothing: '该项目年初预算资金为16万元'
_TRAILING_FILLER = re.compile(r"(?:资金|金额)?(?:为|是)?$")
_ALREADY = re.compile(r"^\s*已经?")  # '已执行支付2668万元': what has been done, a phase all the same
_THIS_PROJECT = re.compile(r"^(?:本|该)项目|^项目(?=\S{0,4}投资)")  # ('项目总投资': the project's whole)


@dataclass
class MoneyFact:
    kind: str  # 'budget' or 'project'
    name: str
    line_raw: str
    is_canonical: bool
    phase: str
    spending_type: str | None
    amount_yuan: Decimal
    source_kind: str
    locator: str
    excerpt: str
    offset: int = 0  # where in the paragraph, for figures that go on with the line before
    # defaults taken because the document did not say: recorded as info checks (facts.py)
    assumed_unit: str | None = None  # a table without a unit note, read in this unit
    assumed_phase: bool = False  # no phase word anywhere near: read as final (决算), a project's as budget
    # the fund source the text states: handed down ('fiscal'), a list's opening, the label's own (其他资金 …)
    fund_source: str | None = None
    # the one project a fund's figure went to, as the sentence goes on ('某某资金115万元，用于某某项目'):
    # in a report on that project, the figure is the project's (facts.py)
    used_for: str | None = None


# a fund handed down ahead of its year is named so: '提前下达2025年中央…补助资金'
_ADVANCE = re.compile(r"^提前下达")


def _as_written(label: str, name: str) -> str:
    """A project's name with the years it is written with ('2019年省级…补助资金', '某县2020年第一批
    …工程', '提前下达2020年中央…资金'): the same fund comes every year, and an advance on next
    year's is a fund of its own."""
    written = PHASE_AFTER_PROJECT.sub("", clean_label(label, keep_years=True))
    return written if written != name and PHASE_AFTER_PROJECT.sub("", clean_label(written)) == name else name


def classify_label(label: str) -> tuple[str, str, bool] | None:
    """(kind, name, is_canonical) for a line label, or None when it names no money line."""
    procured = _PROCUREMENT_BY_KIND.search(clean_label(label))
    if procured:  # '政府采购工程支出39万元': procurement by kind, no project ('某局政府采购支出总额': the unit's)
        return "budget", procured.group(0), False
    line = match_line(label)
    if line:
        return "budget", line, True
    name = PHASE_AFTER_PROJECT.sub("", clean_label(label))
    if not name or len(name) > 30:
        return None
    standing = _STANDING_ITEM.search(name)
    if standing:  # '某某镇人民政府的机关运行经费': a disclosure's standing item, not a project
        return "budget", standing.group(0), False
    if _BOND.fullmatch(name):  # '2022年专项债1.22亿元已到位': a bond's money, the project's it was issued for
        return "project", "专项债券资金", False
    if _PROJECT_SUFFIX.search(name) and not _GENERIC_PROJECT.match(name):
        return (None if _NOT_A_NAME.search(_ADVANCE.sub("", name)) else ("project", _as_written(label, name), False))
    if (
        _LINE_SUFFIX.search(name)
        # (a functional class's item may be longer: '其他政府办公厅(室)及相关机构事务支出')
        and (len(name) <= 14 or len(name) <= 22 and name.endswith("事务支出"))
        and not _DIGIT.search(name)
        and not _NOT_A_NAME.search(name)
        and not _LEVEL_START.match(name)
        and name not in ("资金", "经费", "金额")  # money, no line of it ('及时将资金…分配至项目')
    ):
        return "budget", name, False
    return None


# ---------------------------------------------------------------- tables


def table_unit(table: Table, context: str) -> str | None:
    for row in table.rows[:3]:
        for cell in row:
            match = _UNIT_NOTE.search(cell)
            if match:
                return match.group(1) or match.group(2)
    notes = list(_UNIT_NOTE.finditer(context))  # the nearest note before the table
    return (notes[-1].group(1) or notes[-1].group(2)) if notes else None


def guess_unit(values: list[Decimal]) -> str:
    """A table without a unit note: 万元, as most are, unless a figure is too large for it
    (100,000 万元 is a billion yuan, beyond a department) or written to the fen in 元 style."""
    large = any(abs(v) >= 100_000 for v in values)
    return "元" if large else "万元"


def _row_label(row: list[str], col: int) -> str:
    """The nearest label cell to the left of a figure (pairs such as '基本支出 | 85.8')."""
    for cell in reversed(row[:col]):
        if not is_placeholder(cell) and not is_figure(cell):
            return cell
    return ""


def _column_line(labels: list[str]) -> tuple[str | None, str | None]:
    """The line a column's header path names, reading bottom-up; (line, raw label)."""
    for depth in range(len(labels) - 1, -1, -1):
        label = labels[depth]
        if is_total_word(label):
            parent = labels[depth - 1] if depth else ""
            line = match_line(parent + "合计") or match_line(parent)
            if line:
                return line, f"{parent}{label}"
            continue
        if phase_of(label) and not match_line(label):
            continue  # a phase heading ('决算数'), not a line
        line = match_line(label)
        if line:
            return line, label
    return None, None


def table_money(table: Table, context: str, fiscal_year: int | None = None) -> list[MoneyFact]:
    unit = table_unit(table, context)
    context_phase = last_phase_in(context[-80:]) if context else None
    facts: list[MoneyFact] = []
    last_phases: list[str] = []
    numbered = False  # a 行次 column, once a header names it, numbers the rows of the blocks below
    for header, data_rows in iter_blocks(table.rows):
        if "一级指标" in squash(header.text) or "二级指标" in squash(header.text):
            continue  # indicator scores, read elsewhere
        width = len(header.grid[0]) if header.grid else 0
        phases_here = [p for c in range(width) if (p := _col_phase(header, c, fiscal_year))]
        if phases_here:
            last_phases = phases_here
        numbered = numbered or bool(_ROW_NUMBER_HEADER.search(squash(header.text)))
        block = _block_money(table, header, data_rows, unit, context, context_phase, last_phases, fiscal_year, numbered)
        facts.extend(block)
    return facts


def _col_phase(header: HeaderBlock, col: int, fiscal_year: int | None) -> str | None:
    return _phase_from(header.labels(col), "", fiscal_year)


_BALANCE = re.compile(r"结余|交回")


def _project_name_column(header: HeaderBlock) -> int | None:
    """The column of the rows' project names; not a form's label with its colon ('项目名称： | 某某项目',
    the labels below it are the form's too: '项目总金额： | 556万元')."""
    width = len(header.grid[0]) if header.grid else 0
    return next((c for c in range(width) if "项目名称" in squash(" ".join(header.labels(c)))
                 and not any(label.strip().endswith((":", "：")) for label in header.labels(c))), None)


def _block_money(table, header, data_rows, unit, context, context_phase, last_phases, fiscal_year,
                 numbered) -> list[MoneyFact]:
    pending: list[tuple] = []  # (row, col, labels, row_label, value, cell_unit, pair_row)
    name_col = _project_name_column(header)
    for r in data_rows:
        row = table.rows[r]
        all_figures = all(is_figure(cell) or is_placeholder(cell) for cell in row)
        for c, cell in enumerate(row):
            money = parse_cell_money(cell) if c or all_figures else None
            if money is None or is_code(row, c) or (numbered and _is_row_number(row, c)):
                continue
            pair_row = _is_pair(row, c)
            # a label-figure pair row is not under the block's column headers
            labels = header.labels(c) if header.grid and not pair_row else []
            # a 项目名称 column names the row's project, whatever stands between ('| 实施单位 |')
            named = name_col is not None and name_col < c and row[name_col].strip()
            row_label = row[name_col] if named else _row_label(row, c)
            if any(_NOT_MONEY.search(squash(x)) for x in labels) or _NOT_MONEY_ROW.search(squash(row_label)):
                continue
            if named and _BALANCE.search(squash(" ".join(labels))):
                continue  # a project's 结余数 or 结余交回财政数: what is left, no phase of its money
            pending.append((r, c, labels, row_label, money[0], money[1], pair_row))
    if not pending:
        return []
    block_unit = unit or guess_unit([p[4] for p in pending])
    rows_lines = [match_line(p[3]) for p in pending if p[3] and not is_total_word(p[3])]
    caption = _caption_line(context)
    project_rows = name_col is not None
    facts = []
    for r, c, labels, row_label, value, cell_unit, pair_row in pending:
        if project_rows and row_label == table.rows[r][name_col]:
            # a row of a 项目名称 table: its project, whatever words its name holds ('提前下达…资金')
            # (as written: a year in it is part of it, '2021年某某补助资金')
            raw, spending_type, kind_name = row_label, None, ("project", squash(row_label), False)
        else:
            resolved = _resolve_cell(labels, row_label, rows_lines, caption)
            if resolved is None:
                continue
            name, raw, spending_type = resolved
            kind_name = classify_label(raw) if name is None else ("budget", name, True)
        if kind_name is None:
            continue
        stated_phase = (
            _phase_from(labels, "" if kind_name[0] == "project" and project_rows else row_label, fiscal_year)
            or (last_phases[0] if pair_row and last_phases else None)
            or context_phase
        )
        facts.append(
            MoneyFact(
                kind=kind_name[0],
                name=kind_name[1],
                line_raw=raw,
                is_canonical=kind_name[2],
                phase=stated_phase or "final",
                spending_type=spending_type,
                amount_yuan=to_yuan(value, cell_unit or block_unit),
                source_kind="table",
                locator=table.locator(r, c),
                excerpt=" / ".join(x for x in [row_label, *labels, table.rows[r][c]] if x)[:120],
                assumed_unit=None if unit or cell_unit else block_unit,
                assumed_phase=stated_phase is None,
            )
        )
    return facts


# a 决算 table's 行次 column numbers its rows: '一、财政拨款收入 | 1 | 210.44'
_ROW_NUMBER_HEADER = re.compile(r"行次|栏次")


def _is_row_number(row: list[str], col: int) -> bool:
    """The row's number right after its label, where a page dropped the table's empty cells
    and so moved it under the 决算数 column ('二、上级补助收入 | 2 | 二、外交支出 | 29'), or
    alone on a row whose label and figures are empty ('| 9 |')."""
    cell, before = row[col].strip(), row[col - 1] if col else ""
    if not (cell.isdigit() and 0 < int(cell) <= _MAX_ROW_NUMBER):
        return False
    if before.strip():
        return not is_figure(before) and not is_placeholder(before)
    return not any(other.strip() for k, other in enumerate(row) if k != col)  # alone on its row


_MAX_ROW_NUMBER = 120  # a 决算 table's rows; an integer amount above it after a label is kept


def _is_pair(row: list[str], col: int) -> bool:
    """A label-figure-label-figure row: its figures are not under the block's column headers."""
    figures = [i for i, cell in enumerate(row) if i and is_figure(cell) and not is_code(row, i)]
    return any(
        not is_placeholder(row[j]) and not is_figure(row[j])
        for j in range(figures[0] + 1, figures[-1])
    ) if len(figures) > 1 else False


def _phase_from(labels: list[str], row_label: str, fiscal_year: int | None) -> str | None:
    """The phase the header path names ('2020年决算数' in a 2021 report is the prior year)."""
    for label in [*reversed(labels), row_label]:
        phase = _year_phase(label, fiscal_year) or phase_of_label(label)
        if phase:
            return phase
    return None


def _resolve_cell(labels, row_label, rows_lines, caption):
    """(canonical line or None, raw label, spending_type) for one table figure."""
    col_line, col_raw = _column_line(labels)
    if col_line is None and labels and is_total_word(labels[-1]) and caption and not row_label:
        col_line, col_raw = caption, labels[-1]  # the 合计 column of a '“三公”经费' table
    row_is_phase = bool(row_label) and phase_of_label(row_label) and not match_line(row_label)
    if not row_label or row_is_phase:
        return (col_line, col_raw, None) if col_line else None
    if is_total_word(row_label):
        if _spending_type(col_line):  # the total of the 基本支出 column is 基本支出
            return col_line, col_raw, None
        total = _total_row_line(rows_lines, caption)
        return (total, row_label, None) if total else None
    spending_type = _spending_type(col_line)
    if spending_type or col_line in (None, "支出合计", "收入合计"):
        return match_line(row_label), row_label, spending_type
    return None  # row and column name different lines: not a figure we can place


def _spending_type(col_line: str | None) -> str | None:
    return {"基本支出": "basic", "项目支出": "project"}.get(col_line or "")


_CAPTION_SUBJECTS = {"公用经费": "公用经费", "三公": "三公经费合计"}


def _common_ancestor(lines: list[str]) -> str | None:
    """The nearest line every row is part of (基本支出, 人员经费, 项目支出 → 支出合计)."""
    candidate = getattr(line_info(lines[0]), "parent", None)
    while candidate:
        if all(line == candidate or is_part_of(line, candidate) for line in lines) and candidate not in lines:
            return candidate
        candidate = getattr(line_info(candidate), "parent", None)
    return None


def _caption_line(context: str) -> str | None:
    """The breakdown the words before a table name ('公用经费明细', '“三公”经费支出情况')."""
    tail = context[-120:]
    return next((line for word, line in _CAPTION_SUBJECTS.items() if word in tail), None)


def _total_row_line(rows_lines: list[str | None], caption: str | None) -> str | None:
    """The line a 合计 row totals: the rows' common parent, or the whole spending for the
    economic classes. The line the caption names wins for the public-fund items (their
    parent is 商品和服务支出; a 公用经费 table totals 公用经费)."""
    lines = [line for line in rows_lines if line]
    if caption and lines and all(is_part_of(line, caption) for line in lines):
        return caption
    if not lines:
        return None
    common = _common_ancestor(lines)
    if common:
        return common
    parents = {getattr(line_info(line), "parent", None) for line in lines}
    groups = {getattr(line_info(line), "group", None) for line in lines}
    if groups == {"economic"} and parents == {None}:
        return "支出合计"  # the economic classes add up to the whole spending
    return None


# ---------------------------------------------------------------- prose


_NAMED_FUND = re.compile(r"^(?!含|包括|包含|不含|其中|即)\S{4,30}(?:经费|资金|项目|专项)$")  # not a note: '(含结转资金)'


def _label_before(text: str, end: int) -> str:
    """Words before a figure back to the nearest stop, keeping short brackets: 因公出国(境)费."""
    i = end
    while i > 0:
        ch = text[i - 1]
        if ch in ")）":  # a short bracket inside a name: 因公出国(境)费, 治理项目（凯江段）
            open_at = max(text.rfind("(", 0, i - 1), text.rfind("（", 0, i - 1))
            inner = text[open_at + 1 : i - 1] if open_at >= 0 and i == end else ""
            if _NAMED_FUND.search(inner) and not _LABEL_STOP & set(inner) and _FUND.search(text[:open_at]):
                return inner  # '…救灾资金(某某补助经费)600万元': the fund within the fund before it
            if open_at >= 0 and i - 1 - open_at <= 9:
                i = open_at
                continue
            break
        if ch in "”\"":  # a quoted word inside a name: “三公”经费
            open_at = max(text.rfind("“", 0, i - 1), text.rfind('"', 0, i - 1))
            if open_at >= 0 and i - 1 - open_at <= 5:
                i = open_at
                continue
            break
        if ch in _LABEL_STOP or ch == "." and i >= 2 and not text[i - 2].isdigit():
            break  # ('…16万元.上年度结余的资金': a half-width full stop after words, not inside a number)
        i -= 1
    return _joined_name(text, i, end)


def _joined_name(text: str, start: int, end: int) -> str:
    """A project's name that joins fields with 、 ('城乡低保、特困供养、临时救助项目'): the words
    before each 、 carry no figure of their own, so they are the name's first parts."""
    label = text[start:end]
    if start == 0 or text[start - 1] != "、":  # (most labels: no classifying on every figure's path)
        return label
    classified = classify_label(label)
    if not classified or classified[0] != "project":
        return label
    while start > 0 and text[start - 1] == "、":
        first = start - 1
        while first > 0 and text[first - 1] not in _LABEL_STOP:
            first -= 1
        before = NUMBERING.sub("", text[first : start - 1].lstrip())  # (after its list number: '1.')
        if not before or len(before) > 20 or _DIGIT.search(before):
            break
        label = before + text[start - 1 : end]
        start = first
    return label


# a quoted project's name and the bracket its figure opens: '“某某初步调查项目”(723万元)'
_QUOTED_BEFORE_BRACKET = re.compile(r"“([^“”]{4,60})”\s*[（(]\s*$")


def _quoted_project(text: str, start: int) -> str | None:
    """The project quoted right before the bracket a figure opens, when its name ends as a project's does."""
    quoted = _QUOTED_BEFORE_BRACKET.search(text, max(0, start - 70), start)
    name = quoted[1].strip() if quoted else ""
    return name if _PROJECT_SUFFIX.search(name) else None


def paragraph_project(text: str) -> str | None:
    """The project a paragraph reports on ('农业技术推广经费：全年预算数…', or a numbered item
    opening on its name: '2、某某村道路建设项目，新建…'), or None."""
    # (the document's own brackets stay in the name)
    undertaken = _UNDERTAKEN.match(text.strip())
    if undertaken:  # a name the unit says it carries out stays as written, its year with it
        return None if _GENERIC_PROJECT.match(clean_label(undertaken["name"])) else undertaken["name"]
    matches = [m for pattern in (_SUBJECT, _NUMBERED_SUBJECT, _TARGETS_SUMMARY, _NAME_THEN_FIGURES)
               if (m := pattern.match(text.strip()))]
    if not matches:
        named = _NAMED_PROJECTS.findall(text)  # '…项目1个，项目名称某某贴息项目，预算金额2.58万元'
        return named[0] if len(named) == 1 and not _GENERIC_PROJECT.match(named[0]) else None
    for match in matches:
        classified = classify_label(next(name for name in match.groups() if name))
        if classified and classified[0] == "project":
            return classified[1]
    return None


_NAMED_PROJECTS = re.compile(r"项目名称\s*(?:为|是|[:：])?\s*[“\"]?([^，,。；;：:\s“”\"]{2,40}?)[”\"]?(?=[，,。；;])")


def _paragraph_topic(text: str) -> str | None:
    """The line a paragraph is about: '基本支出包括…', or a short heading before a colon that
    names one ('（一）收入预算：2023年年初预算数1643.29万元' is the 收入合计)."""
    match = _TOPIC.match(text.strip()) or _SUBJECT.match(NUMBERING.sub("", text.strip()))
    return match_line(match.group(1)) if match and len(match.group(1)) <= 12 else None


def prose_money(
    paragraph: Paragraph, fiscal_year: int | None, heading_line: str | None = None, item_project: str | None = None
) -> list[MoneyFact]:
    """Figures of a paragraph; `heading_line` is the line the heading above it names
    ('（三）公务接待费支出情况' over '…接待24批次，支出2.05万元'), `item_project` the project
    a numbered item above it opened on ('1.某某贴息项目1127.35万元。' over its account)."""
    text = halfwidth(paragraph.text)
    project = paragraph_project(paragraph.text) or item_project
    topic = _paragraph_topic(text) or heading_line
    facts: list[MoneyFact] = []
    sources: dict[int, str] = {}  # the fund source the text states for the figure at an offset
    labelled: set[int] = set()  # …stated by the figure's own label ('其他资金全年预算数…')
    last_end = 0
    for match in _PROSE_MONEY.finditer(text):
        if facts and facts[-1].offset in labelled and facts[-1].fund_source is None:
            # the figure before, restated in another phase below, keeps the source its label named
            # ('其他资金全年预算数…，全年执行数…')
            facts[-1] = replace(facts[-1], fund_source=sources[facts[-1].offset])
        label = _label_before(text, match.start())
        if _ONLY_MONEY.fullmatch(clean_label(label)) and (counted := _COUNTED_NAME.search(text, 0, match.start() - len(label))):
            label = counted["name"]  # '基础设施类项目15个，投入资金918.3万元': those projects' money
        sentence_start = max(text.rfind("。", 0, match.start()) + 1, 0)
        if (source := named_source(label)) and source != "total":  # (a project's figure is its total unless said)
            sources[match.start()] = source
            labelled.add(match.start())
        elif source := _stated_source(text, sentence_start, last_end, match.start()):
            sources[match.start()] = source
        last_end = match.end()
        if not label and match.start() and text[match.start() - 1] in "：:":  # '人员经费支出：1587.5万元'
            label = _label_before(text, match.start() - 1)
        if _LIST_OPENING.match(text, sentence_start):  # '…项目9个，资金1950万元。分别为：…': the list goes on
            sentence_start = max(text.rfind("。", 0, sentence_start - 1) + 1, 0)
        previous = facts[-1] if facts and _same_sentence(facts[-1], paragraph, sentence_start) else None
        unit = _unit_of(match["unit"])
        amount = to_yuan(Decimal(match["num"].replace(",", "")), unit)
        excerpt = paragraph.text[max(0, match.start() - 24) : match.end() + 4]  # halfwidth keeps offsets
        if _BOTH_BEFORE.match(label.strip()):  # '收支较上年决算数1166.81万元减少…': both totals' last year
            facts.extend(MoneyFact(kind="budget", name=name, line_raw=label.strip(), is_canonical=True, phase="prior_final",
                                   spending_type=None, amount_yuan=amount, source_kind="prose", locator=paragraph.locator,
                                   excerpt=excerpt, offset=match.start()) for name in ("收入合计", "支出合计"))
            continue
        if previous and _is_prior_year(label, fiscal_year):
            # '公务接待费0.13万元（同比2019年0万元增加…）', '支出X元，较上年决算数Y元增长…'
            facts.append(_restated(previous, "prior_final", amount, excerpt, match.start()))
            continue
        if _CHANGE_WORDS.search(label):
            continue
        # the fund named after its figure ('下达我区87万元2021年省级旅游发展资金'), or the project quoted
        # right before the bracket that holds it ('用于实施“某某调查项目”(723万元)'): what it was given
        given = _allocated_fund(label, text, match.end()) or _quoted_project(text, match.start()) \
            or _used_for_project(label, text, match.end())
        if given:
            facts.append(MoneyFact(kind="project", name=given, line_raw=given, is_canonical=False,
                                   phase="budget", spending_type=None, amount_yuan=amount, source_kind="prose",
                                   locator=paragraph.locator, excerpt=excerpt, offset=match.start()))
            continue
        if carries_in_to(label, fiscal_year):  # '2019年结余结转29.32万元' in a 2020 report: what 2020 began with
            facts.append(MoneyFact(kind="budget", name="年初结转和结余", line_raw=label, is_canonical=True, phase="final",
                                   spending_type=None, amount_yuan=amount, source_kind="prose",
                                   locator=paragraph.locator, excerpt=excerpt, offset=match.start()))
            continue
        parts_start = max(_parts_start(text, sentence_start, match.start()))
        whole = _whole(facts, paragraph, sentence_start, parts_start)
        # '预算支出…，其中：人员经费支出3,183.78万元': after a whole that names its phase, 支出 is the
        # part's line word ('人员经费支出'), not a word of spending
        spent = None if whole and not whole.assumed_phase and _names_a_line(label) else _spent_phase(label)
        stated_phase = _year_phase(label, fiscal_year) or phase_of_label(label) or spent or last_phase_in(
            text[sentence_start : match.start()]
        ) or ("budget" if _RECEIVED.match(label.strip()) else None)  # (money handed down to the unit: its budget)
        if stated_phase is None and whole and not whole.assumed_phase:
            stated_phase = whole.phase  # '预算为20万元，其中：公务接待费9万元': the parts share the whole's phase
        phase = of_last_year(text[sentence_start:], stated_phase or "final")
        if previous and _names_only_a_phase(label, previous):
            # '“三公”经费年初预算10.50万元，决算支出8.62万元': the same line, another phase
            named = bool(phase_of_label(label))
            facts.append(_restated(previous, phase if named else "final", amount, excerpt, match.start(),
                                   assumed_phase=not (named or _paid_out_alone(label))))  # (spent, said so)
            continue
        if (both := _BOTH_TOTALS.search(text, max(0, match.start() - 12), match.start())) \
                and _FISCAL_BEFORE.search(text, max(0, both.start() - 12), both.start()):
            continue  # '财政拨款收、支总计…': the fiscal money's totals with its carry-over, no line of the contract
        if both:
            # '收支总预算472.27万元', '收、支总计2228.68万元': a balanced budget's income and spending alike
            facts.extend(MoneyFact(kind="budget", name=name, line_raw=label.strip(), is_canonical=True, phase=phase,
                                   spending_type=None, amount_yuan=amount, source_kind="prose", locator=paragraph.locator,
                                   excerpt=excerpt, offset=match.start()) for name in ("收入合计", "支出合计"))
            continue
        classified = _classify_prose(label, project, topic)
        if classified == ("budget", "支出合计", True) and clean_label(label) in ("", "支出") \
                and (same := next((f for f in reversed(facts) if f.kind == "budget" and f.amount_yuan == amount
                                   and _THREE_PUBLIC_WORDS.search(f.name)), None)):
            # '国内公务接待支出6.77万元，…接待88批次，共计支出6.77万元': that line's figure again, not the whole's
            facts.append(_restated(same, same.phase, amount, excerpt, match.start(), same.assumed_phase))
            continue
        if classified and classified[0] == "project" and whole and whole.kind == "budget" \
                and _THREE_PUBLIC_WORDS.search(whole.name) and 0 <= parts_start < match.start():
            continue  # '…共计支出6.77万元，具体内容包括：某某专项1.29万元': the 三公 line's money by budget item
        if classified and classified[0] == "project" and _DONATION_RECEIVED.search(label):
            continue  # gifts received ('我会收到社会捐赠资金'): income, no project
        if classified is None and _paid_out_alone(label) and _PROJECT_DONE.search(text, sentence_start, match.start()):
            # '目前项目已实施完成，全年共拨付2646.45万元': the money as a whole, paid out (its project's,
            # in a project's document; not '…发放低保金，全年共发放960万元', money paid to others)
            classified = ("budget", "支出合计", True)
        if whole and whole.kind == "project" and classified and (classified[0] == "project" and _A_LEVELS_SHARE.match(
                clean_label(label)) or not classified[2] and _PLACE.search(clean_label(label))):
            continue  # '共筹集某某资金1384万元，其中：中央财政某某资金663万，…': each level's share of it
        if classified and classified[0] == "project" and 0 <= parts_start < match.start() \
                and _SOURCE_KIND.match(clean_label(_PARTS_OPENING.sub("", label))):
            continue  # '…，其中整合财政涉农资金1046.32万元，收回重新分配资金81.03万元': where the money came from
        if classified is None and whole and whole.kind == "project" and _is_item(clean_label(label), label):
            # '安排省级涉农资金共10585万元，其中：造林与生态修复2014万元，…': the fund's sub-items
            facts.append(replace(whole, name=clean_label(_PARTS_OPENING.sub("", label)), line_raw=label.strip(),
                                 amount_yuan=amount, excerpt=excerpt, offset=match.start()))
            continue
        if _funds_handed_to_us(text, sentence_start, parts_start, classified, label):
            # '下达给我单位资金1.53万元，其中：造林补助2.42万元，…': the funds the allocation is made of
            facts.append(MoneyFact(kind="project", name=clean_label(label), line_raw=label.strip(), is_canonical=False,
                                   phase="budget", spending_type=None, amount_yuan=amount, source_kind="prose",
                                   locator=paragraph.locator, excerpt=excerpt, offset=match.start()))
            continue
        item = _COUNT_AFTER_NAME.sub("", clean_label(label))
        if classified is None and _PROJECTS_COUNTED.search(text, sentence_start, match.start()) and _is_item(item, label) \
                and not _MONEY_ALONE.fullmatch(item):
            # '到村项目3个：某村冷链仓储项目45万元；某村食用菌大棚60万元': the list is of projects,
            # whatever each one's name ends with
            classified = ("project", item, False)
        if classified is None or (not classified[2] and classified[1].endswith("金额")):
            continue  # '送审金额12.6亿元': business figures, not budget lines
        if classified[0] == "project" and _BALANCE_LISTED.search(text, sentence_start, match.start()):
            continue  # '年末结余60万元，为项目支出结转，主要包括：某某经费10万元；…': what each has left, not its money
        facts.append(
            MoneyFact(
                kind=classified[0],
                name=classified[1],
                line_raw=clean_label(label) or label,
                is_canonical=classified[2],
                # a line's figure with no phase word is what was spent, a project's what it was given
                # (in a report on projects: facts.py reads the unit's own reports' as spent)
                # ('该项目资金2842.5万元': this project's money, though its line be 项目支出)
                phase=project_default_phase(label) if stated_phase is None and (
                    classified[0] == "project" or _THIS_PROJECT.match(clean_label(label))) else phase,
                spending_type=_spending_type_of_part(classified, whole, text, parts_start, match.start()),
                amount_yuan=amount,
                source_kind="prose",
                locator=paragraph.locator,
                excerpt=excerpt,
                offset=match.start(),
                assumed_phase=stated_phase is None,
            )
        )
        if facts[-1].kind == "project" and (used := _USED_FOR.match(text, match.end())):
            facts[-1] = replace(facts[-1], used_for=_a_projects_name(used["name"]))
        if facts[-1].kind == "project" and facts[-1].phase == "budget" and _PAID_IN_FULL.match(text, match.end()):
            # '专项债1.22亿元已到位，并已支付': the money given, and all of it spent
            facts.append(replace(facts[-1], phase="final", assumed_phase=False))
    if _BUDGET_IS_ADJUSTED.search(text):  # '…主要原因是预算数为按规定程序调整后的全年预算数'
        facts = [replace(f, phase="adjusted") if f.phase == "budget" else f for f in facts]
    return _with_sources(_income_wholes(facts, text), sources, labelled)


def fiscal_spending_as_the_total(facts: list[MoneyFact]) -> list[MoneyFact]:
    """A self-evaluation's fiscal spending ('2021年一般公共预算支出85.46万元') is its whole spending
    (支出合计) where it states no other total in that phase: such a report speaks of the money it
    was given. A disclosure (决算, 预算) lists the two apart, and keeps them so."""
    totals = {f.phase for f in facts if f.kind == "budget" and f.name == "支出合计"}
    return [replace(f, name="支出合计", is_canonical=True)
            if f.kind == "budget" and not f.is_canonical and is_fiscal_spending(f.name) and f.phase not in totals else f
            for f in facts]


def _income_wholes(facts: list[MoneyFact], text: str) -> list[MoneyFact]:
    """A figure named only by its phase whose parts after 其中 are income ('年初预算数为1335.68万元，其中：
    一般公共预算1335.68万元，…') is the income total, not the spending."""
    out = list(facts)
    for k, (whole, part) in enumerate(zip(facts, facts[1:])):
        between = text[whole.offset : part.offset]
        if whole.name == "支出合计" and match_line(whole.line_raw) is None and "其中" in between and "。" not in between \
                and is_part_of(part.name, "收入合计"):
            out[k] = replace(whole, name="收入合计")
    return out


def _with_sources(facts: list[MoneyFact], sources: dict[int, str], labelled: set[int]) -> list[MoneyFact]:
    """The facts with the fund source their text states; a handed-down figure is the treasury's
    only when a project's (a unit's 基本支出 handed down is its line all the same)."""
    return [replace(f, fund_source=sources[f.offset])
            if f.fund_source is None and f.offset in sources and (f.kind == "project" or f.offset in labelled) else f
            for f in facts]


def named_source(label: str) -> str | None:
    """'其他资金全年预算数120万元': a form's fund source written out in prose."""
    named = _SOURCE_LABEL.match(PHASE_AFTER_PROJECT.sub("", clean_label(label)))
    return next(source for source, word in named.groupdict().items() if word) if named else None


def _stated_source(text: str, sentence_start: int, last_end: int, start: int) -> str | None:
    """'fiscal' for a figure a finance body handed down; the source a list's opening names for
    the projects it lists ('本年一般公共预算财政拨款…项目2个，…即：甲经费20万元、乙经费…'; '上年结转结余
    项目2个，…即：…')."""
    if _HANDED_DOWN.search(_CITED.sub("", text[max(sentence_start, last_end) : start])):
        return "fiscal"
    openings = list(_LISTED_SOURCE.finditer(text, sentence_start, start))  # the last one before the figure
    if not openings:
        return None
    return "fiscal" if openings[-1]["fiscal"] else "carryover"


# a project's figure a finance body handed down ('财政部下达…资金600万元', '财政预算安排：某某资金120万元',
# '财政预算实际下拨120万元'): the treasury's money, the project's 当年财政拨款
# (a document the sentence cites, 《某财政厅关于安排…的通知》, hands nothing down by itself)
# ('中央、市级下达…', '上级下达…': the levels above handing it down)
_HANDED_DOWN = re.compile(
    r"(?:财政部|财政厅|财政局|财政)[^\s，,。；;]{0,8}?(?:下达|下拨|拨付|安排)|(?:^|[，,；;])\s*下达\S{0,4}?(?:中央|省级?|市级?|自治区)|"
    rf"(?:^|[，,；;])\s*{GOVERNMENT_LEVEL}级?(?:[、和及]{GOVERNMENT_LEVEL}级?)*(?:财政)?下达"
)
_CITED = re.compile(r"《[^《》]*》")
# a form's fund-source rows written out in prose; not a level's share ('中央财政资金') nor the money
# as a whole ('财政资金'), which readers do not take for the form's rows (its own money, 自筹资金, is
# the contract's other money)
_SOURCE_LABEL = re.compile(
    r"^(?:(?P<total>(?:年度|全年)资金(?:总额|合计)?)|(?P<other>(?:其他|自筹|单位自筹|自有)资金)|"
    r"(?P<carryover>上年结转(?:结余)?(?:资金)?)|(?P<fiscal>(?:当年)?财政拨款(?:资金)?(?:总额)?))$"
)
_LISTED_SOURCE = re.compile(
    r"(?P<fiscal>财政拨款)[^。；;，,]{0,20}?项目\s*\d+\s*个|(?P<carryover>上年结转(?:和?结余)?)[^。；;，,]{0,6}?项目\s*\d+\s*个"
)


# the paragraph says its 预算数 is the year's budget as adjusted
_BUDGET_IS_ADJUSTED = re.compile(r"预算数?为\S{0,12}?调整后的?全年预算")


# money passed down, its figure before the fund's name: '下达我区87万元2021年省级旅游发展资金'
_HANDING = r"(?:下达|拨付|分配|安排)(?:给|至|到)?"
_ALLOCATING = re.compile(rf"{_HANDING}(?:我|本)?(?:区|县|市|州|乡|镇|局|单位)?$")
_FUND_AFTER = re.compile(rf"\s*(?:用于|支持)?\s*(?P<name>(?:{YEAR}\s*年度?)?[^\s\d，,。；;：:、（()）“”]{{2,30}}?(?:资金|经费|项目|专项))(?=[，,。；;、（(]|$)")


def _allocated_fund(label: str, text: str, end: int) -> str | None:
    """The fund a figure is the allocation of, when the sentence names it after the figure."""
    if not _ALLOCATING.search(label):
        return None
    after = _FUND_AFTER.match(text, end)
    return _a_projects_name(after["name"]) if after else None


def _a_projects_name(name: str) -> str | None:
    """The name, unless it names only a kind of money (县财政配套资金) or is a sentence's words."""
    return None if _GENERIC_PROJECT.match(name) or _NOT_A_NAME.search(name) else name


# '…下达财政衔接资金280万元，用于2023年某某种植补贴项目。': the project the figure went to
_USED_FOR = re.compile(rf"[，,]?\s*用于\s*(?P<name>(?:{YEAR}\s*年度?)?[^\s\d，,。；;：:、（()）“”]{{4,40}}?项目)(?=[，,。；;]|$)")
_YEAR_AND_HANDING = re.compile(rf"^(?:{YEAR}\s*年度?)?\s*(?:{_HANDING})?")


def _used_for_project(label: str, text: str, end: int) -> str | None:
    """The project a figure went to, when its own label names only a kind of fund (财政衔接资金)
    and the sentence goes on to name the project (…，用于某某项目)."""
    after = _USED_FOR.match(text, end)
    if not after or not _GENERIC_PROJECT.match(_YEAR_AND_HANDING.sub("", clean_label(label))) or _ADDED.search(label):
        return None  # (nor money added to its budget: '年底追加预算资金1000万元用于某某项目')
    return _a_projects_name(after["name"])


_ADDED = re.compile(r"追加|调增")
_ADDED_BEFORE = re.compile(r"^.*?(?:追加|调增)")  # (what was added: '年中追加某某村道路维修项目资金' names a project)
_AFTER_ADDING = re.compile(r"(?:追加|调增)\S{0,6}后|全年")  # ('追加后全年预算为…': the whole after it)
# a count of projects opening their list, or in it: '抽查到村项目8个：', '编制项目52个（…）', '产业类项目8个，投入资金…',
# and a list announced: '用于以下项目：1、…'
_PROJECTS_COUNTED = re.compile(r"项目\s*(?:共|合计)?\s*[\d一二三四五六七八九十两]+\s*个\s*[:：(（，,]|以下(?:几个)?项目\s*[:：]")
_LIST_OPENING = re.compile(r"\s*(?:分别为|分别是|具体为|具体如下|明细如下)")


def _whole(facts: list[MoneyFact], paragraph: Paragraph, sentence_start: int, parts_start: int) -> MoneyFact | None:
    """The figure a sentence gives before its 其中: the whole its parts make up; for a sentence
    that opens on 其中, the last figure of the sentence before ('实际支付2700万元，全部用于设备
    采购。其中：用于某某项目200万元、…')."""
    if parts_start < 0:
        return None
    if not paragraph.text[sentence_start:parts_start].strip(" \t\n，,：:（(）)"):
        return next((f for f in reversed(facts) if f.offset < parts_start), None)
    return next((f for f in reversed(facts) if _same_sentence(f, paragraph, sentence_start) and f.offset < parts_start), None)


# money handed down to the unit, before its parts: '下达给我单位资金…，其中：', '拨付我局某某资金…，其中：'
_HANDED_TO_US_BEFORE_PARTS = re.compile(
    rf"{_HANDING}(?:我|本)(?:单位|局|县|区|市|州|乡|镇|站|中心|所)\S{{0,12}}?(?:资金|经费)"
)


def _funds_handed_to_us(text: str, sentence_start: int, parts_start: int, classified, label: str) -> bool:
    """A part of money handed down to the unit, named as a fund is and as no line of the
    accounts ('造林补助', '有害生物防治费'): a fund it was given."""
    if parts_start < 0 or not _HANDED_TO_US_BEFORE_PARTS.search(text, sentence_start, parts_start):
        return False
    return (classified is None or classified[0] == "budget" and not classified[2]) and _is_item(clean_label(label), label)


def _spent_phase(label: str) -> str | None:
    """'共支出某某资金', '某某资金共支出': what was spent of it."""
    label = _LABEL_OPENING.sub("", label)
    return "final" if _SPENT_OPENING.match(label) or _SPENT_CLOSING.search(label) else None


def _is_item(name: str, label: str) -> bool:
    """A sub-item's name: words and brackets only, not a sentence that happens to end before a
    figure, nor a place ('鸠江区19.71万元' is that district's share, no item of the fund)."""
    return bool(_ITEM_NAME.fullmatch(name)) and not _NOT_AN_ITEM.search(_PARTS_OPENING.sub("", label)) \
        and not _PLACE.search(name) \
        and not is_division_name(name) and not _RECIPIENT.search(name)


def _names_a_line(label: str) -> bool:
    """'人员经费支出', '项目资金支出': a line's name with its 支出 (not '项目资金已支出', '…共支出')."""
    return match_line(label) is not None and not _SPENT_VERB.search(label)


_SPENT_VERB = re.compile(r"(?:共|累计|实际|已经?)(?:支出|使用|兑付)")


def _spending_type_of_part(classified: tuple, whole: MoneyFact | None, text: str, parts_start: int,
                           offset: int) -> str | None:
    """'基本支出100.57万元，其中：工资福利支出70.07万元…': an economic line listed as a part of the
    basic (or project) spending is that spending's share of the line."""
    if not (whole and whole.kind == "budget" and 0 <= parts_start < offset and classified[0] == "budget"):
        return None
    # ('支出合计500万元，其中基本支出300万元、项目支出200万元，其中：工资福利支出…': the parts of the
    # whole spending, after the last of its parts)
    if max(_parts_start(text, text.rfind("。", 0, whole.offset) + 1, whole.offset)) >= 0:
        return None
    info = line_info(classified[1])
    return _SPENDING_TYPE_OF.get(whole.name) if info and info.group == "economic" else None


_SPENDING_TYPE_OF = {"基本支出": "basic", "项目支出": "project"}
# the words a whole's parts follow: '…873万元，其中：…', '…873万元，具体为：…'
_PARTS_WORDS = ("其中", "具体为", "分别为", "分别是", "具体内容包括")
# '…51587.78万元,包括基本支出…': 包括 right after a figure opens its parts (not '不包括', nor a
# bracket's '（包括上年结转50万元）', nor '使用范围包括设备购置…')
_INCLUDES_AFTER_FIGURE = re.compile(r"(?<=元)[，,]\s*包括")


def _parts_start(text: str, start: int, end: int) -> list[int]:
    """Where each parts word last stands in text[start:end] (-1 where it does not)."""
    includes = [m.start() + 1 for m in _INCLUDES_AFTER_FIGURE.finditer(text, start, end)]
    return [*(text.rfind(word, start, end) for word in _PARTS_WORDS), includes[-1] if includes else -1]


_THREE_PUBLIC_WORDS = re.compile(r"接待|公务用车|因公出国|三公")  # (外事接待: foreign guests, a part of 公务接待)
# '（其中产业扶贫…': the first part's label; '具体为下达某某工程545万元': the verb of the whole's sentence
_PARTS_OPENING = re.compile(r"^[\s、，,；;（(]*(?:其中|具体为|分别为|分别是)[：:，,]?(?:下达|安排|拨付)?")
_ITEM_NAME = re.compile(r"[\u4e00-\u9fff（）()“”、]{2,30}")
# a unit the fund went to, no item of it: '…其中：某某县5079万元；儿童福利院50万元；救助站86万'
_RECIPIENT = re.compile(r"(?:院|站|中心|所|学校|小学|中学|幼儿园|医院|馆|委员会|办公室)$")
_NOT_AN_ITEM = re.compile(r"用于|支付|拨付|下达|安排|完成|实现|达到|共计|合计|累计|剩余|结余|结转|其中|按照|根据|比例|占")
_PLACE = re.compile(
    r"(?:[省市县区镇乡]|街道|开发区|经开区|新区|园区)(?:本级)?$"
    r"|^(?:中央|省|市|县|区|州|乡|镇|自治区|本|上|地方)级?(?:配套|补助|财政)?(?:资金)?$"  # a level's share: '中央配套', '县级'
    # a level's fund: '其中2019年度中央专项彩票公益金99.49万元' (not a work a level names: '县级融媒体中心建设')
    r"|^(?:中央|省级|市级|县级|区级|自治区|地方|本级|上级)(?!.*(?:建设|维护|运行|运维|改造|购置|工程|项目)$)"
)


def _same_sentence(fact: MoneyFact, paragraph: Paragraph, sentence_start: int) -> bool:
    return fact.locator == paragraph.locator and fact.offset >= sentence_start


def _restated(
    previous: MoneyFact, phase: str, amount: Decimal, excerpt: str, offset: int, assumed_phase: bool = False
) -> MoneyFact:
    return MoneyFact(**{**previous.__dict__, "phase": phase, "amount_yuan": amount, "excerpt": excerpt,
                        "offset": offset, "assumed_phase": assumed_phase})


_PRIOR_YEAR = re.compile(
    rf"\s*(?:同比|比|较)\s*(?:上年度?|(?P<year>{YEAR})\s*年度?)\s*(?:决算数?|实际数?|支出数?|同期)?\s*(?:为)?\s*"
)


def _is_prior_year(label: str, fiscal_year: int | None) -> bool:
    match = _PRIOR_YEAR.fullmatch(label)
    if not match:
        return False
    return match["year"] is None or (fiscal_year is not None and int(match["year"]) == fiscal_year - 1)


# words that say when in the year, not what: '年中追加调整后全年预算'
_TIMING = re.compile(r"年中|(?:追加|调整|变更)后?|全年|年初|年末|本年|当年")
_INCOME = re.compile(r"收入|结转|结余|拨款(?!支出)")  # (财政拨款支出 is spending)


def _names_only_a_phase(label: str, previous: MoneyFact) -> bool:
    """A label that names a phase and nothing else ('决算支出', '执行', '实际支出') goes on
    with the line just named; '支出' alone does so only after a spending line."""
    cleaned = _TIMING.sub("", clean_label(_ALREADY.sub("", _AS_OF_NOW.sub("", label.strip())))).removeprefix("已")  # '已执行支付', '实际已支付'
    if not phase_of_label(label):
        # '公务接待费预算3.6万元、支出2.17万元': a bare 支出 after a budget figure of a spending line
        return cleaned in _SPENT_ALONE and previous.phase != "final" and not _INCOME.search(previous.name)
    if cleaned in _PHASE_ONLY:
        return True
    if cleaned in ("发放", "兑付", "拨付") and not _INCOME.search(previous.name):  # ('…资金56万元，实际发放55.2万元')
        return True
    return cleaned.removesuffix("数") == "支出" and not _INCOME.search(previous.name)  # ('全年实际支出数为')


_HANDED_TO_US = re.compile(rf"{_HANDING}(?:我|本)(?:县|区|市|州|乡|镇|局|单位)")
# a label opening on the money's allocation and closing on 共: '安排省级涉农资金共10585万元', '专门安排…'
# (its subject and the asking before it: '我局申报安排省级某某资金共…', '2021年全县应安排某某补助资金…'; a year
# alone before the verb stays: '2021年下达…' in a paragraph on a project is that project's money)
_ALLOCATION_AROUND = re.compile(
    rf"^(?:{YEAR}\s*年度?(?=[我本全]))?(?:(?:我|本|全)(?:局|县|区|市|州|旗|乡|镇|委|办|单位|部门)?)?(?:应|共)?(?:申报|申请|争取|获得)?(?:专门|单独|另行|统筹)?"
    r"(?:安排|下达|拨付|分配|筹集|筹措)|共计?$"
)
# …or on the level that allocates it, then the verb: '中央下达某某转移支付资金预算150万元', '上级下达…'
_LEVEL_HANDING = re.compile(rf"^{GOVERNMENT_LEVEL}级?(?:财政)?(?:统筹)?{_HANDING}(?:转移支付(?=\S{{2}}))?的?")  # (and the money's kind)


def _classify_prose(label: str, project: str | None, topic: str | None):
    """A label naming only a phase ('全年预算数', '实际支出', '本项目全年预算') belongs to the
    paragraph's project, else to its topic line ('基本支出包括…共计…'), else to the total
    spending (which a project report gives to its own project)."""
    label = _RECEIVED.sub("", label.strip())  # '2023年我校收到上级下达某某补助资金': the fund handed down
    if _ADDED.search(label) and not _AFTER_ADDING.search(label) \
            and _GENERIC_PROJECT.match(clean_label(_ADDED_BEFORE.sub("", label)) or "资金"):
        return None  # money added to a budget ('年底追加预算资金1000万元'): neither the budget nor its whole
    allocated = bool(_ALLOCATION_AROUND.match(label))
    as_written = label  # ('实际支出资金', '下达资金': the verb the phase is said by is stripped below)
    label = _FORMULA.sub("", _ALLOCATION_AROUND.sub("", label)).strip()
    label = _COUNT_AFTER_NAME.sub("", _SPENT_OPENING.sub("", _SPENT_CLOSING.sub("", label)))
    handed = _HANDED_TO_US.split(label)[-1]  # '…共下达我县某某补助经费': the fund handed down
    fund = classify_label(handed) if handed != label else None
    if fund and fund[0] == "project":
        return fund
    cleaned = _THIS_PROJECT.sub("", _TIMING.sub("", clean_label(_TRAILING_FILLER.sub("", _ALREADY.sub("", label)))))
    cleaned = cleaned.removeprefix("已")
    # (the verb's phase only for a project's money: in a unit's report '下达资金…' may be any fund's)
    names_a_phase = bool(phase_of(label) or project and cleaned in ("", "经费", "资金") and phase_of(as_written))
    if project and allocated and cleaned in ("", "经费", "资金"):
        return "project", project, False  # '1.某某专项。…安排经费12万元': the item's money
    if _STAGE.match(cleaned):
        return None  # '一批项目县级批复总投资': a batch of the project, a part of its money
    if project and _INVESTMENT.match(cleaned):  # '合计批复总投资450万元': the project's whole
        return "project", project, False
    if _INVESTMENT.match(cleaned) and _THIS_PROJECT.match(label):  # '项目总投资19万元': the money as a whole
        return "budget", "支出合计", True  # (a project report gives it to its project)
    if project and names_a_phase and (cleaned in _PHASE_ONLY | {"支出", "财政"} or _PHASE_AND_MONEY.fullmatch(cleaned)):
        return "project", project, False  # ('财政预算安排120万元', '项目年预算批复金额为…', '实际执行资金总额…')
    subject = _WHOLE_PLACE.sub("", cleaned)
    if names_a_phase and subject != cleaned:  # the place the money went to as the subject:
        if not subject:
            return ("project", project, False) if project else ("budget", "支出合计", True)  # '全区执行数…'
        if len(subject) >= 6 and not match_line(subject) and not _A_CLASS_OF_MONEY.search(subject) \
                and not _GENERIC_PROJECT.match(PHASE_AFTER_PROJECT.sub("", clean_label(subject))):
            # '我区城乡居民某某保险全年预算数…': that programme's (not '我县州财政资金下达…': a level's money)
            return "project", subject, False
    if project and names_a_phase and _FUND.search(label) and not match_line(label):
        return "project", project, False  # '某某项目，…下达财政专项扶贫资金197万元': the fund given to it
    if topic and cleaned in ("", "支出"):  # '…共计79.05万元', '…支出2.05万元' under the topic
        return "budget", topic, True
    if names_a_phase and (cleaned in _PHASE_ONLY | _THE_PAYMENT or _UNIT_AS_SUBJECT.fullmatch(cleaned)
                          or _GENERIC_PROJECT.match(PHASE_AFTER_PROJECT.sub("", clean_label(label)))
                          and not match_line(label) and not _A_LEVELS_SHARE.match(clean_label(label))):
        # '某某镇年初预算1848.31万元': the unit's whole budget; '转移支付预算数(A) 5.8万' a transfer
        # payment's form's, '年度财政资金预算700万元' the money as a whole (its project's, in a
        # project's document)
        return "budget", "支出合计", True
    fund = classify_label(_LEVEL_HANDING.sub("", label)) if _LEVEL_HANDING.match(label) else None
    if not fund and not names_a_phase and _PLACE_AFTER_YEAR.match(label):
        # '2019年我区财政专项扶贫资金共955万元': the place's fund, named without the place
        fund = classify_label(_PLACE_AFTER_YEAR.sub(r"\1", label))
    if fund and fund[0] == "project":
        return fund
    classified = classify_label(label)
    if classified is None and (subject := _SHORT_NAME_SUBJECT.match(label)) and not _FUND_WORD.search(subject["name"]):
        # '2021年区文联全年预算支出决算数为…': the unit by the short name the page gave it
        whole = classify_label(label[subject.end():])
        return whole if whole and whole[0] == "budget" and whole[2] else None
    return classified


# a kind of money by where it came from, not a project: funds pooled, taken back, raised or matched
_SOURCE_KIND = re.compile(r"(?:(?:统筹)?整合|收回)\S*资金$|[\u4e00-\u9fff]{0,6}(?:自筹|配套)资金$|(?:上年)?结[转余]\S{0,4}资金$")
# a verb of paying out alone, the money as a whole its object
_PAID_OUT_ALONE = re.compile(r"(?:共|累计|合计|实际)*(?:拨付|发放|兑付|支付)(?:资金)?")
def _paid_out_alone(label: str) -> bool:
    """'全年共拨付', '实际发放': a verb of paying out, and nothing of what was paid."""
    return _PAID_OUT_ALONE.fullmatch(_TIMING.sub("", clean_label(label))) is not None


# the project said to be done, before the money paid out in its sentence
_PROJECT_DONE = re.compile(r"项目(?:已经?|均已|全部)?(?:实施|建设)?(?:完成|完工|竣工)|项目已(?:全部)?实施")
_DONATION_RECEIVED = re.compile(r"收到\S{0,8}?(?:捐赠|捐款|捐助)")
# the unit receiving money, before the level that handed it down or the fund's name
_RECEIVED = re.compile(rf"^(?:{YEAR}\s*年度?\s*[，,]?)?\s*(?:我|本)[\u4e00-\u9fff]{{0,3}}?(?:共|累计|实际)?(?:收到|接收)(?={GOVERNMENT_LEVEL}级?(?:财政)?(?:下达|拨付|安排)?\S{{2}})")
# a short name as the subject before the year's whole ('区文联全年预算支出', '中心年初预算收入')
_SHORT_NAME_SUBJECT = re.compile(rf"^\s*(?:{YEAR}\s*年度?)?\s*(?P<name>[\u4e00-\u9fff]{{2,8}}?)(?=(?:全年|年初|本年|当年)(?:预算|决算)(?:支出|收入))")
# (not a fund, a part of the unit, its place or one head: '机关本级全年预算支出', '全县财政…', '人均全年收入')
_FUND_WORD = re.compile(r"资金|经费|项目|专项|补助|工程|本级|所属|下属|机关|^全|财政|人均|户均")


# what was spent of a fund, the verb before its name: '截至目前，共支出2019年某某资金920.14万元'
# (after the year and the place spending it: '2018年全省共支出某某救助资金')
_SPENT_OPENING = re.compile(
    rf"^(?:{YEAR}\s*年度?)?(?:{PLACE_AS_SUBJECT})?(?:共|累计|实际|已经?)?(?:支出|使用|兑付)了?(?=\S*(?:资金|经费|项目|专项|补助|补贴))"
)
# the verb after the fund's name: '全省某某救助资金共支出'
_SPENT_CLOSING = re.compile(r"(?<=资金|经费)(?:共|累计|实际|已经?)?(?:支出|使用|兑付)了?$")
# a label of money alone, after a counted name ('…类项目15个，投入资金918.3万元'), and in a list of
# projects, the money of them all ('项目4个，涉及资金2613.58万元', '…1个，总共投资200万元')
_ONLY_MONEY = re.compile(r"(?:投入|安排|下达)?资金")
_MONEY_ALONE = re.compile(r"(?:总共|共计?|合计|累计|总|涉及|投入|安排|下达|使用)*(?:投资|资金|金额)(?:共计?|合计)?")
# (not the count of all of them: '共实施衔接资金项目5个，投入资金…' is the fund's total, no project)
_COUNTED_NAME = re.compile(
    rf"(?<=[，,；;：:、。])(?P<name>(?!(?:{PLACE_AS_SUBJECT})?(?:共|累计|总共|合计|实施|编制|安排|完成))"
    r"[^，,。；;：:、\d]{2,30}?(?:项目|工程))\s*[\d一二三四五六七八九十两]+\s*个\s*[，,]\s*$"
)
# a count of projects between the name and its money: '包括光伏发电项目49个314.76万元'
_COUNT_AFTER_NAME = re.compile(r"(?<=[\u4e00-\u9fff”\"])\s*[\d一二三四五六七八九十两]+\s*个$")
# the place as the fund's subject, after its year: '2019年我区…资金' ('我区' alone: _WHOLE_PLACE)
_PLACE_AFTER_YEAR = re.compile(rf"^({YEAR}\s*年度?)?{PLACE_AS_SUBJECT}(?=\S{{4}})")


_FUND = re.compile(r"(?:资金|经费)(?:合计|共计|总计)?$")
_WHOLE_PLACE = re.compile(rf"^{PLACE_AS_SUBJECT}")  # the place the money went to, as subject
# a class of spending or income, no programme: '全县社会保障和就业支出预算数', '全市一般公共预算…'
_A_CLASS_OF_MONEY = re.compile(r"(?:支出|收入|拨款|结余|结转|预算)$")
# words of the project itself, its phase and its money, and nothing else
_PHASE_AND_MONEY = re.compile(r"(?:项目|全?年度?|年初|申报|预算|批复|安排|下达|执行|实际|资金|总额|金额|数)+")
_BALANCE_LISTED = re.compile(r"(?:结余|结转)[^。]{0,40}?(?:主要包括|包括|其中|分别为|分别是)")
_STAGE = re.compile(r"^[一二三四五六七八九十\d]+[批期](?:项目|工程)")  # a project's batch or phase
_INVESTMENT = re.compile(r"^(?:项目)?(?:建设)?(?:合计|共计|总计)?(?:预算)?(?:批复|核定|计划)?总?投资额?$")  # (项目预算总投资)
_FORMULA = re.compile(COLUMN_LETTERS)
_THE_PAYMENT = {"转移支付", "转移支付资金"}
# a level of government's share of the money, not the whole: '省级财政配套资金执行2087.98万元'
_A_LEVELS_SHARE = re.compile(rf"^{GOVERNMENT_LEVEL}")
# a unit's name standing before a phase word, as the subject of its figure
_UNIT_AS_SUBJECT = re.compile(rf"(?!所属|下属|机关本级)[\u4e00-\u9fff]{{2,30}}(?:{ORGANISATION_END}|部门)")  # ('民政部门2022年预算数')


_BOTH_BEFORE = re.compile(rf"^收[、和及与]?支(?:总计|总额|总)?\s*(?:同比|比|较)\s*(?:上年度?|{YEAR}\s*年度?)\s*(?:决算数?|实际数?|同期)\s*(?:为)?$")
_FISCAL_BEFORE = re.compile(r"拨款(?:[（(][^（()）]{0,6}[）)]|的)?$")  # '财政拨款（补助）收、支总计'
_BOTH_TOTALS = re.compile(r"收[、和及与]?支(?:总预算|预算总额|总计|总额|总)\s*(?:[均各]?[为是]|共计)?\s*$")  # ('收、支总15854.69万元')


_SPENT_WORDS = re.compile(r"执行|决算|实际|完成")


def _year_phase(label: str, fiscal_year: int | None) -> str | None:
    """Last year's figure of a line ('2023年公务接待费' in a 2024 report), its final unless it says
    budget; not a project named with the year its money was first given ('2023年省级救灾物资调运经费',
    carried over into 2024)."""
    year = _YEAR_IN_LABEL.search(label)
    if year and fiscal_year and int(year.group(1)) == fiscal_year - 1:
        classified = classify_label(label[year.end():])
        if classified and classified[0] == "project" and year.start() == _opening(label):
            return None
        # ('2023年预算数' beside '2024年预算数' in a 2024 budget: last year's budget, not its final)
        rest = label[year.end():]  # ('2023年预算执行数': last year's spending, its final)
        budget = phase_of_label(rest) in ("budget", "adjusted") and not _SPENT_WORDS.search(rest)
        return PRIOR_BUDGET if budget else "prior_final"
    return None


def _opening(label: str) -> int:
    """Where a label's words begin, after its list numbering and connectives ('；', '、', '即：')."""
    return len(label) - len(_LABEL_OPENING.sub("", label))


_LABEL_OPENING = re.compile(r"^[\s、，,；;：:即其中及和]*")


def document_money(document: Document, fiscal_year: int | None) -> list[MoneyFact]:
    facts: list[MoneyFact] = []
    context: list[str] = []
    heading_line = None
    listing = None  # the phase of the projects a paragraph announced a list of, while its items go on
    item_number = 0  # the number of the list's last item
    item_project = None  # the project a numbered item named with its money alone, over its account
    for block in _figures_under_their_labels(document.blocks):
        if isinstance(block, Table):
            found = table_money(block, " ".join(context[-2:]), fiscal_year)
            facts.extend(found or _money_under_labels_above(block, context, fiscal_year))
            facts.extend(_prose_cell_money(block, fiscal_year))
            context = []
            heading_line = listing = item_project = None
        elif _HEADING.match(block.text.strip()):
            heading_line = _line_of_heading(block.text)
            listing = item_project = None
            context.append(block.text)
        else:
            if item_project and _NUMBERED.match(block.text):
                item_project = None  # (the next item is its own)
            found = prose_money(block, fiscal_year, heading_line, item_project)
            item = _PROJECT_ITEM.match(block.text)
            item_project = item["name"] if item else None  # (its account is the paragraph right after it)
            number = _ITEM_NUMBER.match(block.text)
            in_turn = not number or int(number[1]) in (1, item_number + 1)
            listed = _listed_project(block, listing) if listing and in_turn else None
            if listed:  # the item's figure is the project's, whatever its name ends with
                found = _item_figures(listed, found)
            facts.extend(found)
            # (an item in turn, or a note under one, '测算标准：…', keeps the list going; an item out of
            # turn or a heading numbered in words ends it)
            announced = _announced_phase(block.text, found)
            goes_on = listed or (number and in_turn) or not (number or _LIST_ENDS.match(block.text))
            listing = announced or (listing if goes_on else None)
            item_number = 0 if announced else int(number[1]) if listing and number and in_turn else item_number
            context.append(block.text)
    return _types_that_tell_apart(_without_grand_totals([f for f in facts if f.phase != PRIOR_BUDGET]))


def _types_that_tell_apart(facts: list[MoneyFact]) -> list[MoneyFact]:
    """A prose part's spending type (_spending_type_of_part) stays only where the document gives
    the line under the other spending too, as CONTRACT.md adds the type where it tells two figures
    apart: '基本支出…其中：工资福利支出…' alone is the line's figure."""
    types: dict[tuple[str, str], set[str]] = {}
    for f in facts:
        if f.kind == "budget" and f.spending_type:
            types.setdefault((f.name, f.phase), set()).add(f.spending_type)
    return [replace(f, spending_type=None) if f.source_kind == "prose" and f.spending_type
            and len(types[(f.name, f.phase)]) == 1 else f for f in facts]


# a numbered item that is a project's name and money alone, its account in the paragraphs below it:
# '1.某某贴息项目1127.35万元。'
_PROJECT_ITEM = re.compile(r"^\s*\d{1,2}\s*[、.．]\s*(?P<name>[^，,。；;：:\d]{4,40}?(?:项目|工程))\s*[\d.,]+\s*万?元\s*[。.]?\s*$")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[（(]\d{1,2}[）)])")
# a paragraph announcing the projects listed below it: '…参与绩效评价的项目共4个，项目支出609.74万元。…具体如下：'
_LIST_ANNOUNCED = re.compile(r"(?:项目\S{0,4}?(?:共|合计)?\s*[\d一二三四五六七八九十两]+\s*个|项目(?:资金|支出))[\s\S]*?如下\s*[:：]\s*$")
_ARRANGED_FOR_PROJECTS = re.compile(r"安排(?:的)?项目(?:支出|资金)")
_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[、.．]")
# a heading numbered in words closes a list ('二、…', '（三）…'), as a heading the outline knows does
_LIST_ENDS = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])")
# …and an item of the list: '1、某某整理费5万元，主要用于…'
_LISTED_ITEM = re.compile(
    r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?P<name>[^，,。；;：:、\d（()）]{2,30}?)\s*"
    r"(?:为|是)?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>万元|元|万(?=[，,。；;]))"
)


def _unit_of(written: str) -> str:
    return "万元" if written == "万" else written  # (万 alone, before a stop: '…12.5万，')


def _announced_phase(text: str, found: list[MoneyFact]) -> str | None:
    """The phase of the projects a paragraph announces a list of: its 项目支出's (spent), else
    what the projects were given ('安排项目支出…': what a budget arranged for them)."""
    if not _LIST_ANNOUNCED.search(text.strip()):
        return None
    if _ARRANGED_FOR_PROJECTS.search(text):
        return "budget"
    spent = next((f.phase for f in found if f.kind == "budget" and f.name == "项目支出"), None)
    return spent or "budget"


def _item_figures(listed: MoneyFact, found: list[MoneyFact]) -> list[MoneyFact]:
    """A listed item's figures: its first is the project's; the ones after it restating it in a
    phase ('…5万元，实际已支付5万元') are the project's too, and make the first what it was given."""
    first = next((f for f in found if f.offset == listed.offset), None)

    def restates(fact: MoneyFact) -> bool:
        return fact.offset > listed.offset and (fact.name == "支出合计" or first is not None and fact.name == first.name)

    restated = [replace(f, kind="project", name=listed.name, line_raw=listed.name, is_canonical=False, spending_type=None)
                for f in found if restates(f)]
    if any(f.phase == "final" for f in restated):
        listed = replace(listed, phase="budget")
    before = [f for f in found if f.offset < listed.offset]
    return before + [listed] + restated + [f for f in found if f.offset > listed.offset and not restates(f)]


def _listed_project(paragraph: Paragraph, phase: str) -> MoneyFact | None:
    item = _LISTED_ITEM.match(halfwidth(paragraph.text))
    if not item or _NOT_AN_ITEM.search(item["name"]):
        return None
    amount = to_yuan(Decimal(item["num"].replace(",", "")), _unit_of(item["unit"]))
    return MoneyFact(kind="project", name=item["name"], line_raw=item["name"], is_canonical=False, phase=phase,
                     spending_type=None, amount_yuan=amount, source_kind="prose", locator=paragraph.locator,
                     excerpt=paragraph.text[:80], offset=item.start("num"))


# a form's cell written on its own line with its money unit, its figure on the next line:
# '计划安排资金(元)' / '480000' (a web page's form flattened to one cell a line); or a table's
# line name under a unit note ('单位：万元' … '一、财政拨款收入' / '2,888.49'), its empty cells dropped
_LABEL_WITH_UNIT = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,16})\s*[（(](?P<unit>元|万元)[）)]$")
# (alone, or ending the line that names the table's unit: '部门(单位):某某中学    单位:万元')
_UNIT_NOTE_LINE = re.compile(r"(?:^|[^部门(（])(?:金额)?单位\s*[:：]\s*(?P<unit>万元|元)$")
_LINE_CELL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]\s*)?[\u4e00-\u9fff（）()“”]{2,20}$")
_BARE_FIGURE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_DECIMAL_FIGURE = re.compile(r"^\d[\d,]*\.\d+$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
_UNIT_NOTE_REACH = 80  # lines: a flattened table's note is near its rows


def _figures_under_their_labels(blocks: list) -> list:
    """The blocks with each money label's line and the figure's line after it read as one
    sentence ('计划安排资金480000元。'), as the form or table states it. A table with a 行次 (栏次)
    column writes each row's number after its name: the figure, if any, follows that number, and
    is taken only with its decimals (a bare integer there may be the next row's number)."""
    out = list(blocks)
    unit, since_note, numbered = None, 0, False
    for k, label in enumerate(blocks[:-1]):
        since_note += 1
        if not isinstance(label, Paragraph):
            unit, numbered = None, False
            continue
        text = squash(label.text)  # ('本 年 收 入 合 计': a label spaced to its cell's width)
        if note := _UNIT_NOTE_LINE.search(text):
            unit, since_note, numbered = note["unit"], 0, False
        numbered = numbered or (unit is not None and text in ("行次", "栏次"))
        if cell := _LABEL_WITH_UNIT.match(text):
            name, cell_unit, at = cell["label"], cell["unit"], k + 1
        elif unit and since_note <= _UNIT_NOTE_REACH and _LINE_CELL.match(text) and (match_line(text) or text.endswith("支出")):
            name, cell_unit = NUMBERING.sub("", text), unit
            at = k + 2 if numbered and _is_line(blocks, k + 1, _ROW_NUMBER) else k + 1
        else:
            continue
        if not _is_line(blocks, at, _DECIMAL_FIGURE if at == k + 2 or numbered else _BARE_FIGURE):
            continue
        if at == k + 1 and _is_line(blocks, at + 1, _BARE_FIGURE) and k and _is_line(blocks, k - 1, _LINE_CELL) \
                and match_line(squash(blocks[k - 1].text)):
            continue  # a grid written column by column, its lines' labels in a run, then its figures: no pairs
        out[k] = replace(label, text=f"{name}{blocks[at].text.strip()}{cell_unit}。")
        out[at] = replace(blocks[at], text="")
    return out


def _is_line(blocks: list, at: int, pattern: re.Pattern) -> bool:
    return at < len(blocks) and isinstance(blocks[at], Paragraph) and bool(pattern.match(blocks[at].text.strip()))


def _money_under_labels_above(table: Table, above: list[str], fiscal_year: int | None) -> list[MoneyFact]:
    """A grid of phase words over figures ('预算数 | 决算数 | 预算数 | …') whose lines the page wrote
    above it, one header cell a line (extract/labels_above.py)."""
    grid = _phase_grid(table, fiscal_year)
    lines = leaf_lines(above, len(grid[0]) // grid[1]) if grid else None
    if not lines:
        return []
    phases, cycle, figure_rows = grid
    unit = table_unit(table, " ".join(above))
    facts = []
    for r, cols in figure_rows:
        values = [parse_cell_money(table.rows[r][c]) for c in cols]
        block_unit = unit or guess_unit([v[0] for v in values])
        for k, (c, (value, cell_unit)) in enumerate(zip(cols, values)):
            line = lines[k // cycle]
            facts.append(MoneyFact(kind="budget", name=line, line_raw=line, is_canonical=True, phase=phases[k],
                                   spending_type=None, amount_yuan=to_yuan(value, cell_unit or block_unit),
                                   source_kind="table", locator=table.locator(r, c),
                                   excerpt=f"{line} / {table.rows[0][c]} / {table.rows[r][c]}",
                                   assumed_unit=None if unit or cell_unit else block_unit))
    return facts


def _phase_grid(table: Table, fiscal_year: int | None):
    """(each column's phase, the phases' cycle, [(row, figure columns)]) of a table whose first
    row is phase words only, repeating ('预算数 | 决算数' six times), over rows of as many
    figures; None for any other table."""
    if len(table.rows) < 2:
        return None
    header_cols = [c for c, cell in enumerate(table.rows[0]) if cell.strip()]
    phases = [_year_phase(table.rows[0][c], fiscal_year) or phase_of_label(table.rows[0][c]) for c in header_cols]
    if len(phases) < 2 or None in phases or any(match_line(table.rows[0][c]) for c in header_cols):
        return None
    cycle = phases.index(phases[0], 1) if phases[0] in phases[1:] else len(phases)
    if phases != phases[:cycle] * (len(phases) // cycle):
        return None
    figure_rows = []
    for r, row in enumerate(table.rows[1:], start=1):
        cols = [c for c, cell in enumerate(row) if cell.strip()]
        if len(cols) == len(phases) and all(parse_cell_money(row[c]) for c in cols):
            figure_rows.append((r, cols))
    return (phases, cycle, figure_rows) if figure_rows else None


def _prose_cell_money(table: Table, fiscal_year: int | None) -> list[MoneyFact]:
    """Figures of the sentences a report form writes into its cells, each read as a paragraph
    and located at its cell."""
    return [
        replace(fact, locator=table.locator(r, c))
        for r, c, cell in table.prose_cells()
        for fact in prose_money(Paragraph(cell, 0), fiscal_year)
    ]


# a short heading without figures: '（三）公务接待费支出情况。', '3.公务用车运行维护费'
_HEADING = re.compile(r"^[^，,；;0-9０-９]{2,24}$|^(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．])[^，,；;0-9０-９]{2,24}$")
_HEADING_WORDS = re.compile(r"(?:支出|使用)?(?:情况|说明)?(?:说明)?[。.]?$")


def _line_of_heading(text: str) -> str | None:
    """The line of one kind of spending (…费, no parts) a heading names and little more:
    '（三）公务接待费支出情况'. Not a section on 基本支出 or 一般公共预算支出, which speaks of the
    whole spending too, nor '收入支出决算总体情况'."""
    name = clean_label(_HEADING_WORDS.sub("", NUMBERING.sub("", text.strip())))
    line = match_line(name) if name else None
    three_public = line is not None and line_info(line).group == "three_public"  # (三)公务用车购置及运行维护费
    if not line or not line.endswith("费") or (parts_of(line) and not three_public):
        return None
    return line if len(name) <= len(line) + 2 else None


def _without_grand_totals(facts: list[MoneyFact]) -> list[MoneyFact]:
    """A 决算's 收入总计 (the year's 收入合计 plus what was carried over) is not its 收入合计: where
    the document also states a 合计 of the same line and phase, the 总计 figure is left out."""
    def key(fact: MoneyFact) -> tuple:
        return fact.name, fact.phase, fact.spending_type

    totals = [f for f in facts if f.kind == "budget" and f.name in _TOTAL_LINES]
    grand = [f for f in totals if "总计" in (f.line_raw or "")]
    subtotals = {key(f): f.amount_yuan for f in totals if "总计" not in (f.line_raw or "")}
    # a 总计 unlike its 合计 shows money carried over: the other line's 总计 of that phase
    # (支出总计 = 收入总计 in a 决算) is no 合计 either, even where its 合计 was not stated
    carried = {f.phase for f in grand if subtotals.get(key(f), f.amount_yuan) != f.amount_yuan}
    return [f for f in facts if not (any(f is g for g in grand) and (key(f) in subtotals or f.phase in carried))]


_TOTAL_LINES = ("收入合计", "支出合计")
