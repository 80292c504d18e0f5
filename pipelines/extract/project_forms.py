"""项目支出绩效自评表: the per-project form (Ministry of Finance template 财预〔2020〕10号 and its
provincial variants), one or many in a file.

A form is read as a run of table rows that starts at its `项目名称 | <name>` row and ends at
the next one:
- `主管部门 | … | 实施单位 | …` cells name the department and the implementing unit;
- a fund block: a header row of phase words (年初预算数 / 全年预算数 / 全年执行数 / 分值 /
  执行率 / 得分) over rows per fund source (年度资金总额, 其中：当年财政拨款, 上年结转资金,
  其他资金). A merged cell on the left (项目资金（万元）) is often missing from the data rows,
  so a data row is aligned on its label: the label sits in the column just left of the
  first phase column;
- an indicator block: 一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 /
  偏差原因, whose rows are aligned on their first level word (a merged 一级指标 is blank or
  missing below its first row);
- 总分 (or 合计) with the form's points and the score; 自评等级 with the grade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from pipelines.documents.model import Document, Paragraph
from pipelines.extract.indicators import IndicatorReader, IndicatorRow, indicator_columns, with_columns_above
from pipelines.normalize.phases import FORM_COLUMN_PHASES
from pipelines.extract.tables import header_columns, is_figure, is_placeholder
from pipelines.normalize.fused import MONEY_ROLES, split_fused_row, split_money_run
from pipelines.normalize.grades import grade_word, stated_grade
from pipelines.normalize.numbers import parse_cell_money, parse_percent, parse_score, to_yuan
from pipelines.normalize.text import (
    FORM_DEPARTMENT, FORM_IMPLEMENTER, FORM_LEVEL_DEPARTMENT, FORM_PROJECT_NAME, clean_org_name, field_value, squash,
    without_code,
)

_ORG_WORDS = r"(?:中央主管部门|地方主管部门|主管部门|实施单位|资金使用单位|项目单位)"
_NAME_LABEL = re.compile(rf"^{FORM_PROJECT_NAME}[:：]?$")
_NAME_INLINE = re.compile(rf"{FORM_PROJECT_NAME}\s*[:：]?\s*(.+?)\s*(?={_ORG_WORDS}|$)")
# of each level's 主管部门 the lower level's, the last one read, is the filer's (_org_cells)
_LEVEL_DEPARTMENT = re.compile(rf"^{FORM_LEVEL_DEPARTMENT}[:：]?$")
_DEPARTMENT_LABEL = re.compile(rf"^{FORM_DEPARTMENT}(?:[（(]盖章[）)])?[:：]?$")
_IMPLEMENTER_LABEL = re.compile(rf"^{FORM_IMPLEMENTER}(?:[（(]盖章[）)])?[:：]?$")
_INLINE_ORG = re.compile(rf"({_ORG_WORDS})\s*[:：]?\s*(.+?)\s*(?={_ORG_WORDS}|$)")
_HEADER_WORDS = re.compile(r"预算|执行|金额|资金|得分|分值|指标|单位[:：]")

# fund block
_FUND_COLUMNS = (
    ("rate", re.compile(r"执行率|完成率")),
    ("weight", re.compile(r"分值|权重")),
    ("score", re.compile(r"得分")),
    *FORM_COLUMN_PHASES,
)
_OWN_MONEY = "own"
# the total first: '年度财政资金总额' on a form's only fund row is its total, not a part of it
_FUND_SOURCES = (
    ("total", re.compile(r"资金总额|^总额$|^合计$|^(?:年度)?资金合计$|^总计$")),
    # a transfer payment's 其中：中央、市级补助: money the levels above hand down is fiscal money
    # (and what they give the county: '中央、省、市补助县级资金')
    ("fiscal", re.compile(r"财政拨款|财政资金|财政补助|^(?:中央|省级?|市级?)(?:[、和及](?:省级?|市级?))*(?:专项)?补助(?:县级|本级)?(?:资金)?$")),
    ("carryover", re.compile(r"上年结转|结转资金|结转结余")),
    ("other", re.compile(r"^(?:其中[:：])?其他资金$")),
    # a unit's own money (单位资金, 自筹资金): the contract's other money, where the form has no
    # 其他资金 row of its own (_own_money_as_other)
    (_OWN_MONEY, re.compile(r"^(?:单位(?:自有|自筹)?资金|自有资金|自筹资金)$")),
)
_UNIT_NOTE = re.compile(r"(亿元|万元|千元|元)")
_TARGET_FUND_BLOCK = re.compile(r"^(?:项目资金|资金投入|项目资金来源)[（(](?P<unit>万元|元)[）)][:：]?$")
# one project's money under a 万元 note at or above this is over 1000亿元, more than any county's
# whole budget: the figures are yuan written under the form's printed note, read so and noted
_BEYOND_WAN = Decimal(10) ** 7


def _in_yuan(figure: Decimal, unit: str) -> Decimal:
    """A form's figure in yuan: in 元 when it is beyond what its 万元 note allows (_BEYOND_WAN)."""
    return to_yuan(figure, "元" if unit == "万元" and abs(figure) >= _BEYOND_WAN else unit)
# the 得分 may follow the rate; a sub-row has no rate ('其中：当年财政拨款593.27593.27448.64')
_FUSED_ROW = re.compile(r"^(?P<label>\D+?)[:：]?(?P<run>\d[\d.]*(?:%(?:\d[\d.]*)?)?)$")

# a label | figure pair's label: its phase and its unit note ('计划安排资金(万元)'); money come in
# (实际到位) and money left (结余) are no phase of the contract
_PAIR_UNIT = re.compile(r"[（(](万元|元)[）)]$")
_PAIR_PHASES = (("budget", re.compile(r"^(?:计划(?:安排|投入)|预算安排)(?:资金|金额)")), ("final", re.compile(r"^实际支出")))
_TREASURY_LEVEL = re.compile(r"^(?:其中[:：])?(?:中央|省|市|州|县|区|乡镇?)(?:级)?财政$")
_OTHER_MONEY = re.compile(r"^(?:其中[:：])?其[它他](?:资金)?$")


def _pair_phase(label: str) -> str | None:
    return next((phase for phase, pattern in _PAIR_PHASES if pattern.search(label)), None)


_TOTAL = re.compile(r"^(?:总分|合计|总计|合计得分|自评总分|综合得分)$")
_GRADE_LABEL = re.compile(r"等级|等次|评价结果|评级")


@dataclass
class FundRow:
    fund_source: str
    phase: str | None  # None: a row with a rate or points but no amount for the phase
    amount_yuan: Decimal | None
    execution_rate: float | None
    weight: float | None
    score: float | None
    locator: str
    excerpt: str


@dataclass
class ProjectForm:
    name: str
    locator: str
    department: str | None = None
    implementing_unit: str | None = None
    funds: list[FundRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    score: float | None = None
    max_score: float | None = None
    grade: str | None = None
    tables: set[int] = field(default_factory=set)
    unsplit: list[tuple[str, str]] = field(default_factory=list)  # fused figures left out: (locator, text)
    beyond_unit: list[tuple[str, str]] = field(default_factory=list)  # figures too large for their unit note
    sources: set[str] = field(default_factory=set)  # the fund sources its rows name, figures or none


_WHOLE_UNIT = re.compile(r"整体支出$|部门整体$|整体(?:运行)?监控$")
_FORM_NAME_END = re.compile(r"(?:项目)?(?:支出)?绩效(?:目标)?自评表$")


def name_in_row(cells: list[str]) -> str | None:
    """The project name of a `项目名称 | name` row (not a 项目名称 column header, nor the unit's
    whole spending named as a project)."""
    name = _stated_name(cells)
    # one character is the end of a label a page broke ('项目名' / '称'), never a project
    return None if name is None or len(name) < 2 or _WHOLE_UNIT.search(name) else name


# the words a form's column headers are made of: '年度资金总额', '全年预算数', '实际执行数'
_HEADER_FILLER = re.compile(r"预算|执行|金额|资金|得分|分值|指标|单位[:：]?|年度|全年|年初|总额|合计|当年|财政|拨款|"
                            r"其他|上年|结转|实际|项目|情况|[数率]")


def _is_header_value(value: str) -> bool:
    """A column header, not a project's name: little is left once its header words are gone
    ('年度资金总额', '项目资金'), whereas '农业生产发展资金' keeps its name."""
    return bool(_HEADER_WORDS.search(value)) and len(_HEADER_FILLER.sub("", value)) < 4


def _stated_name(cells: list[str]) -> str | None:
    filled = [c for c in cells if c]
    if not filled:
        return None
    if _NAME_LABEL.match(squash(filled[0])) and len(filled) >= 2:
        value = filled[1].strip()
        if sum(_is_header_value(cell) for cell in filled[2:]) >= 2:
            return None  # a table's header: '项目名称 | 中央、省级资金 | 资金计划 | 资金到位', the projects below
        if (len(value) > 12 or not _is_header_value(value)) and len(without_code(value)) >= 4:
            return _project_name(value)
        return None
    match = _NAME_INLINE.match(squash(filled[0]))
    if match and len(filled) == 1 and match.group(1):
        return _project_name(match.group(1))
    return None


def _project_name(value: str) -> str:
    """The project's name without a budget code before it, the form's name after it
    ('某某补助经费支出绩效自评表' where the form asked for the project's name), or the full stop of a
    report's sentence-like field ('项目名称:某某项目。')."""
    value = field_value(value)
    return _FORM_NAME_END.sub("", value) or value


@dataclass
class _Row:
    cells: list[str]
    locator: str
    table: int | None  # the table's number, None for a paragraph


def project_forms(document: Document) -> list[ProjectForm]:
    """Every project form of the document, in order."""
    forms: list[ProjectForm] = []
    state = _FormState()
    for row in _merged_rows(_rows(document)):
        cells = row.cells
        name = name_in_row([squash(c) if i == 0 else c for i, c in enumerate(cells)])
        if name:
            state.start(forms, ProjectForm(name, row.locator))
        if state.form is None:
            continue
        if row.table is not None:
            state.form.tables.add(row.table)
        if len(cells) == 1:
            _inline_orgs(state.form, cells[0])
            state.form.grade = state.form.grade or stated_grade(cells[0])
        if not name:
            state.read_row(row.locator, cells)
    for form in forms:
        form.funds = _own_money_as_other(form)
    return forms


def _own_money_as_other(form: ProjectForm) -> list[FundRow]:
    """A unit's own money is the contract's `other`, unless the form has a 其他资金 row of its
    own, filled or not (then it is a source the contract does not name, left out)."""
    has_other = "other" in form.sources
    return [replace(fund, fund_source="other") if fund.fund_source == _OWN_MONEY else fund
            for fund in form.funds if not (has_other and fund.fund_source == _OWN_MONEY)]


def _rows(document: Document) -> list[_Row]:
    """The document as rows: a table's rows, and each paragraph as a row of one cell, or of
    several when its figures stand apart (_spaced_cells)."""
    rows: list[_Row] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            rows.append(_Row(_spaced_cells(block.text), block.locator, None))
        else:
            rows.extend(_Row(_table_cells(row), block.locator(r), block.number) for r, row in enumerate(block.rows))
    return rows


def _table_cells(row: list[str]) -> list[str]:
    cells = [c.strip() for c in row]
    filled = [c for c in cells if c]
    return _spaced_cells(filled[0]) if len(filled) == 1 else cells


def _spaced_cells(text: str) -> list[str]:
    """A form's row as text extracted from a PDF or a page gives it, its cells apart by
    spaces ('年度资金总额: 2300.67 2300.67 100%'): cells when two or more of them are figures;
    otherwise the paragraph as one cell (a sentence with figures in it stays whole)."""
    tokens = text.split()
    figures = sum(1 for token in tokens if is_figure(token) or parse_percent(token))
    if figures >= 2 and figures >= len(tokens) - 2:
        return tokens
    return [text]


def _merged_rows(rows: list[_Row]) -> list[_Row]:
    """Forms published one cell per line come as rows of one cell: a label's row takes the
    value rows after it (项目名称 / <name>; 总额 / 12.00 / 15.50 / 95.03%), and a run of
    column headers (年初预算 / 调整后预算数 / …) becomes one header row."""
    out: list[_Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        i += 1
        if len(row.cells) != 1:
            out.append(row)
            continue
        cell = squash(row.cells[0])
        if _pair_phase(cell) and (pairs := _pair_run(rows, i - 1)):
            cells, i = pairs
            out.append(_Row(cells, row.locator, row.table))
            continue
        if _is_form_label(cell) or _fund_source(cell):
            takes_text = _is_form_label(cell)  # a name follows a label; figures follow a fund source
            while i < len(rows) and len(rows[i].cells) == 1 and not _is_any_label(squash(rows[i].cells[0])):
                value = rows[i].cells[0]
                if not takes_text and not _is_value(value):
                    break
                row = _Row(row.cells + [value], row.locator, row.table)
                i += 1
                if takes_text:
                    break
        elif header_columns(  # a run of single header words
            [cell], _FUND_COLUMNS
        ) and i < len(rows) and len(rows[i].cells) == 1 and header_columns([squash(rows[i].cells[0])], _FUND_COLUMNS):
            while i < len(rows) and len(rows[i].cells) == 1 and (
                header_columns([squash(rows[i].cells[0])], _FUND_COLUMNS) or squash(rows[i].cells[0]) in ("原因", "说明")
            ):
                row = _Row(row.cells + [rows[i].cells[0]], row.locator, row.table)
                i += 1
        out.append(row)
    return out


def _pair_run(rows: list[_Row], start: int) -> tuple[list[str], int] | None:
    """A cover form's label | figure pairs written one cell a line, a label's unit note on a line
    of its own ('计划安排资金' / '(万元)' / '89' / '实际到位资金' / '(万元)' / '89' / …): one row of
    pairs, as the table gives it, and the index after it; None where the labels carry no unit."""
    def cell(k: int) -> str | None:
        return squash(rows[k].cells[0]) if k < len(rows) and len(rows[k].cells) == 1 else None

    cells: list[str] = []
    k = start
    units_apart = False  # (labels with their unit on the line are read as prose: project_rows)
    while (label := cell(k)) and _PAIR_LABEL.match(label):
        if not _PAIR_UNIT.search(label):
            if not (cell(k + 1) and _UNIT_ALONE.match(cell(k + 1))):
                break
            label, k, units_apart = label + cell(k + 1), k + 1, True
        cells.append(label)
        k += 1
        if cell(k) is not None and _is_value(rows[k].cells[0]):
            cells.append(rows[k].cells[0])
            k += 1
        else:
            cells.append("")
    return (cells, k) if len(cells) >= 4 and units_apart else None


_PAIR_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:[（(](?:万元|元)[）)])?$")
_UNIT_ALONE = re.compile(r"^[（(](?:万元|元)[）)]$")


def _is_form_label(cell: str) -> bool:
    return bool(_NAME_LABEL.match(cell) or _DEPARTMENT_LABEL.match(cell) or _IMPLEMENTER_LABEL.match(cell))


def _is_any_label(cell: str) -> bool:
    return _is_form_label(cell) or bool(_fund_source(cell)) or bool(_TOTAL.match(cell))


def _inline_orgs(form: ProjectForm, text: str) -> None:
    """'主管部门某某局实施单位某某中心' fused on one line."""
    for label, value in _INLINE_ORG.findall(squash(text)):
        if label in ("主管部门", "地方主管部门"):  # the ministry above (中央主管部门) is not the filer's
            form.department = form.department or clean_org_name(value) or None
        elif label != "中央主管部门":
            form.implementing_unit = form.implementing_unit or clean_org_name(value) or None


class _FormState:
    """Where the reader is within the current form: which block's header applies."""

    def __init__(self) -> None:
        self.form: ProjectForm | None = None
        self.fund_header: dict[str, int] | None = None
        self.fund_label_col = 0
        self.unit = "万元"
        self.indicators: IndicatorReader | None = None
        self.above: list[str] = []  # the row before (column names an indicator header may continue)
        self.pairs: dict[int, tuple[str, str]] = {}  # a money row of label | figure pairs: column → (phase, unit)

    def start(self, forms: list[ProjectForm], form: ProjectForm) -> None:
        forms.append(form)
        self.__init__()
        self.form = form

    def read_row(self, locator: str, cells: list[str]) -> None:
        form = self.form
        above, self.above = self.above, cells
        squashed = [squash(c) for c in cells]
        if self._org_cells(squashed, cells):
            return
        if self._money_pairs(locator, squashed, cells) or self._level_pairs(locator, squashed, cells):
            return
        fund_header = header_columns(squashed, _FUND_COLUMNS) if len(cells) > 1 else _fused_header(squashed[0])
        if fund_header and len({k for k in fund_header if k in ("budget", "adjusted", "final")}) >= 1 and (
            len(fund_header) >= 2
        ):
            self.fund_header, self.indicators = fund_header, None
            self.fund_label_col = min(fund_header.values()) - 1
            note = _UNIT_NOTE.search("".join(squashed))
            self.unit = note.group(1) if note else "万元"
            return
        if len(cells) == 1 and (block := _TARGET_FUND_BLOCK.match(squashed[0])):
            # a target form's money, no phase columns: '项目资金(万元)' over '年度资金总额 | 5',
            # '其中：财政拨款 | 5' — what the budget gives the project
            self.fund_header, self.fund_label_col, self.indicators = {"budget": 1}, 0, None
            self.unit = block["unit"]
            return
        indicator_header = indicator_columns(cells)
        if indicator_header:
            indicator_header, width = with_columns_above(indicator_header, len(cells), above)
            self.indicators, self.fund_header = IndicatorReader(indicator_header, width, form.name), None
            return
        if self._total_row(squashed):
            return
        self._grade_cells(squashed)
        if self.fund_header and len(cells) == 1:
            self._fused_fund_row(locator, squashed[0])
        elif self.fund_header:
            self._fund_row(locator, cells)
        elif self.indicators:
            self._indicator_row(locator, cells)

    def _money_pairs(self, locator: str, squashed: list[str], cells: list[str]) -> bool:
        """A row of label | figure pairs ('计划安排资金(万元) | 700 | 实际到位资金(万元) | … | 实际支出(万元)
        | 650 | 结余(万元) | 50', a province's cover form): the project's whole money by phase."""
        pairs = {}
        for i, label in enumerate(squashed[:-1]):
            note, phase = _PAIR_UNIT.search(label), _pair_phase(label)
            if note and phase:
                pairs[i] = (phase, note.group(1))
        if len(pairs) < 2:
            return False
        self.pairs = pairs
        self._pair_funds("total", locator, cells, pairs)
        return True

    def _level_pairs(self, locator: str, squashed: list[str], cells: list[str]) -> bool:
        """The rows under such pairs that break each figure down by who gave it ('其中:中央财政 | … |
        县财政 | 700', '其它 | …'): every level's treasury is fiscal money, 其它 the other."""
        if not self.pairs:
            return False
        labels = [squashed[i] if i < len(squashed) else "" for i in self.pairs]
        source = "fiscal" if all(_TREASURY_LEVEL.match(label) for label in labels) else \
            "other" if all(_OTHER_MONEY.match(label) for label in labels) else None
        if source is None:
            self.pairs = {}
            return False
        self._pair_funds(source, locator, cells, self.pairs)
        return True

    def _pair_funds(self, source: str, locator: str, cells: list[str], pairs: dict[int, tuple[str, str]]) -> None:
        excerpt = " | ".join(c for c in cells if c)[:120]
        for i, (phase, unit) in pairs.items():
            money = parse_cell_money(cells[i + 1]) if i + 1 < len(cells) and cells[i + 1].strip() else None
            if money is None:
                continue
            yuan = self._yuan(money[0], money[1] or unit, locator, excerpt)
            # another level's share of the same figure, on a row of its own: the treasury's money is their sum
            same = next((f for f in self.form.funds if source == "fiscal" and f.fund_source == "fiscal"
                         and f.phase == phase and f.locator != locator), None)
            if same:
                same.amount_yuan += yuan
                continue
            self.form.funds.append(FundRow(source, phase, yuan, None, None, None, locator, excerpt))

    def _org_cells(self, squashed: list[str], cells: list[str]) -> bool:
        found = False
        for i, label in enumerate(squashed[:-1]):
            value = cells[i + 1].strip()
            if _LEVEL_DEPARTMENT.match(label):
                self.form.department = clean_org_name(value) or self.form.department
                found = True
            elif _DEPARTMENT_LABEL.match(label):
                self.form.department = self.form.department or clean_org_name(value) or None
                found = True
            elif _IMPLEMENTER_LABEL.match(label):
                self.form.implementing_unit = self.form.implementing_unit or clean_org_name(value) or None
                found = True
        return found

    def _total_row(self, squashed: list[str]) -> bool:
        filled = [c for c in squashed if c]
        if not filled or not _TOTAL.match(filled[0]):
            return False
        numbers = [float(n) for c in filled[1:] if (n := parse_score(c)) is not None]
        if numbers:
            self.form.max_score = numbers[0] if len(numbers) >= 2 else self.form.max_score
            self.form.score = numbers[-1]
        for c in filled[1:]:
            self.form.grade = self.form.grade or grade_word(c)
        self.fund_header = self.indicators = None
        return True

    def _grade_cells(self, squashed: list[str]) -> None:
        for i, cell in enumerate(squashed[:-1]):
            if _GRADE_LABEL.search(cell) and len(cell) <= 8:
                self.form.grade = self.form.grade or grade_word(squashed[i + 1])

    def _fund_row(self, locator: str, cells: list[str]) -> None:
        label_index = next((i for i, c in enumerate(cells) if c and not _is_value(c)), None)
        if label_index is None:
            return
        source = _fund_source(squash(cells[label_index]))
        if source is None:
            return
        self.form.sources.add(source)
        values = self._fund_values(cells, label_index)
        common = dict(
            execution_rate=_rate(values.get("rate")),
            weight=_float(parse_score(values.get("weight"))),
            score=_float(parse_score(values.get("score"))),
            locator=locator,
            excerpt=" | ".join(c for c in cells if c)[:120],
        )
        amounts = []
        for phase in MONEY_ROLES:
            money = parse_cell_money(values.get(phase)) if values.get(phase) else None
            yuan = self._yuan(money[0], money[1] or self.unit, locator, common["excerpt"]) if money else None
            if yuan is not None:
                amounts.append(FundRow(source, phase, yuan, **common))
        if amounts:
            self.form.funds.extend(amounts)
        elif any(common[k] is not None for k in ("execution_rate", "weight", "score")):
            self.form.funds.append(FundRow(source, None, None, **common))

    def _fused_fund_row(self, locator: str, cell: str) -> None:
        """'年度资金总额:40004000100%': a row whose figures lost their separators."""
        match = _FUSED_ROW.match(cell)
        source = _fund_source(match["label"]) if match else None
        if source is None:
            return
        roles = sorted(self.fund_header, key=self.fund_header.get)
        if source != "total":  # a part of the money has no points of its own
            roles = [role for role in roles if role not in ("weight", "score")]
        split = split_fused_row(match["run"], roles) or ("%" not in match["run"] and self._part_money(source, match["run"], roles))
        if not split:
            self.form.unsplit.append((locator, cell))
            return
        weight, score = (_float(split.get(role)) for role in ("weight", "score"))
        rate = float(split["rate"]) if "rate" in split else None
        amounts = {phase: self._yuan(split[phase], self.unit, locator, cell) for phase in MONEY_ROLES if phase in split}
        for phase, yuan in amounts.items():
            self.form.funds.append(FundRow(source, phase, yuan, rate, weight, score, locator, cell[:120]))
        if not amounts:  # the rate and points stand without amounts
            self.form.funds.append(FundRow(source, None, None, rate, weight, score, locator, cell[:120]))

    def _part_money(self, source: str, run: str, roles: list[str]) -> dict[str, Decimal] | None:
        """A part's money run together without a rate ('其中：当年财政拨款593.27593.27448.64'): the
        one cut whose figures share their decimals, taken where the form's whole is read and the
        part is no more than it in every phase (the whole's own row, a rate written without its
        %, is never cut so)."""
        whole = {f.phase: f.amount_yuan for f in self.form.funds if f.fund_source == "total" and f.amount_yuan is not None}
        split = split_money_run(run, roles) if source != "total" and whole else None
        if split and all(p in whole and _in_yuan(v, self.unit) <= whole[p] for p, v in split.items()):
            return split
        return None

    def _yuan(self, figure: Decimal, unit: str, locator: str, text: str) -> Decimal:
        """A figure in yuan; read in 元, and noted, when it is beyond what its 万元 note allows."""
        if unit == "万元" and abs(figure) >= _BEYOND_WAN and (locator, text) not in self.form.beyond_unit:
            self.form.beyond_unit.append((locator, text))
        return _in_yuan(figure, unit)

    def _fund_values(self, cells: list[str], label_index: int) -> dict[str, str]:
        """The row's cells by role. By column when the row has a cell for every column; else
        anchored on the stated rate (the one figure with a %): the cells before it fill the
        columns before the rate from the right (an empty 年初预算数 is the usual gap), the
        cells after it the columns after it."""
        header = self.fund_header
        shift = self.fund_label_col - label_index
        by_column = {role: cells[col - shift] for role, col in header.items() if 0 <= col - shift < len(cells)}
        tail = cells[label_index + 1 :]
        while tail and not tail[-1]:
            tail.pop()
        rate_at = next((i for i, c in enumerate(tail) if parse_percent(c)), None)
        if len(tail) >= len(header) or rate_at is None or "rate" not in header:
            return by_column
        roles = sorted(header, key=header.get)
        before, after = roles[: roles.index("rate")], roles[roles.index("rate") + 1 :]
        values = {"rate": tail[rate_at]}
        values.update(zip(reversed(before), reversed(tail[:rate_at])))
        values.update(zip(after, tail[rate_at + 1 :]))
        return values

    def _indicator_row(self, locator: str, cells: list[str]) -> None:
        row = self.indicators.read(cells, locator)
        if row:
            self.form.indicators.append(row)


_MAX_FUSED_HEADER = 80  # characters: the template's whole money header is about 40
_SENTENCE_MARK = re.compile(r"[=＝，,。；;]")


def _fused_header(cell: str) -> dict[str, int] | None:
    """Column headers run together in one cell ('全年预算数(A)全年执行数(B)预算执行率(B/A)'),
    in the order they stand; not a note under the block that explains them in a sentence
    ('1.预算执行率=预算执行数/调整后预算数，…')."""
    if len(cell) > _MAX_FUSED_HEADER or _SENTENCE_MARK.search(cell):
        return None
    found: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    for role, pattern in _FUND_COLUMNS:
        for match in pattern.finditer(cell):
            if role not in found and not any(a < match.end() and match.start() < b for a, b in taken):
                found[role] = match.start()
                taken.append(match.span())
    if len(found) < 2:
        return None
    return {role: position for position, role in enumerate(sorted(found, key=found.get), start=1)}


def _fund_source(label: str) -> str | None:
    label = re.sub(r"^其中[:：]?", "", label).rstrip(":：")
    for source, pattern in _FUND_SOURCES:
        if pattern.search(label):
            return source
    return None


def _rate(cell: str | None) -> float | None:
    """The percentage a 执行率 cell states: '98%', or a bare '98' under the rate column."""
    rate = parse_percent(cell)
    if rate:
        return float(rate[1])
    number = parse_score(cell)  # a plain number, no unit
    return float(number) if number is not None and 0 <= number <= 1000 else None


def _is_value(cell: str) -> bool:
    return is_placeholder(cell) or is_figure(cell)


def _float(value) -> float | None:
    return float(value) if value is not None else None
