"""A budget's table of its projects' performance targets (部门预算项目绩效目标申报表, 项目支出绩效目标表):
one header row whose project columns (单位名称, 项目名称, 预算数, 年度目标) stand before the indicator
columns (一级指标, 二级指标, 三级指标, 指标性质, 指标值, 度量单位, 权重):

    单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | … | 权重
    某镇人民政府 | 村干部报酬 | 3,309,840.00 | 按时发放… | 效益指标 | 社会效益指标 | 社会稳定 | ≥ | 95 | … | 10
    产出指标 | 时效指标 | 发放时效 | ≥ | 1 | … | 20
    办公经费 | 660,000.00 | 保障运转… | 产出指标 | 数量指标 | … | 10

A project's first row carries its name and budget, the rows below only its indicators: a page
drops the merged cells on their left, so each row starts further left. A row is read from its
first level-1 word: the cells after it are the indicator, the cells before it the project
columns nearest the indicators (the unit's cell, merged over many projects, is the first lost).
Each project becomes a ProjectForm whose only fund row is its budget, and whose indicators carry
their targets (no result, no score: the targets a budget is set with).

One project's target form (项目绩效目标表 / 项目支出绩效目标申报表) a page ran onto one line gives its
name and its money by source where each figure carries its unit:

    项目名称某某建设项目属性新增项目□…资金总额及构成总额120.5万元财政拨款:80.5万元(其中:…)…其他:40万元
"""

from __future__ import annotations

import re

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.extract.indicators import IndicatorReader, indicator_columns
from pipelines.extract.money import table_unit
from pipelines.extract.project_forms import FundRow, ProjectForm
from pipelines.normalize.numbers import parse_cell_money, to_yuan
from pipelines.normalize.text import clean_org_name, squash, without_code

_PROJECT_COLUMN = re.compile(r"^项目名称$")
_BUDGET_COLUMN = re.compile(r"^(?:预算数|预算金额|预算资金|项目金额|资金总额|年度资金总额)")
_UNIT_COLUMN = re.compile(r"^(?:单位名称|预算单位|实施单位)$")
_LEVEL1 = re.compile(r"^(?:产出|效益|满意度|成本)指标$")


def target_tables(document: Document) -> list[ProjectForm]:
    """Every project of the document's target tables, in order."""
    forms: list[ProjectForm] = []
    above: list[str] = []  # the lines since the last table: its title and unit note
    for block in document.blocks:
        if isinstance(block, Table):
            forms.extend(_projects_of(block, above))
            above = []
        else:
            above.append(block.text)
    return forms


# the form's title, then its project's name up to the next label run onto it
_FUSED_TARGET_FORM = re.compile(r"绩效目标(?:申报)?表[\s\S]{0,200}?项目名称\s*[:：]?\s*(?P<name>[^\s:：□√]{2,40}?)\s*"
                                r"(?:项目属性|项目类别|主管部门|项目单位|实施单位)")
_FUND_BLOCK = re.compile(r"(?:年度)?资金总额(?:及构成)?")
_AMOUNT = r"\s*[:：]?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)"
# each source's label and figure in the block; the total first, then what makes it up
_FUND_PARTS = (
    ("total", re.compile(rf"^(?:[\s\S]{{0,20}}?总额)?{_AMOUNT}")),  # ('年度资金总额:250万元', '…及构成总额250万元')
    ("fiscal", re.compile(rf"财政拨款(?:资金)?{_AMOUNT}")),
    ("other", re.compile(rf"(?:[三3][、.．]\s*)?其他(?:资金)?{_AMOUNT}")),
)
_BLOCK_LENGTH = 200  # characters after 资金总额及构成 the block's figures stand in


def fused_target_forms(document: Document) -> list[tuple[ProjectForm, Paragraph]]:
    """The target forms a page ran onto one line, each with the paragraph that holds it."""
    found = []
    for paragraph in document.paragraphs:
        form = _fused_target_form(paragraph)
        if form:
            found.append((form, paragraph))
    return found


def _fused_target_form(paragraph: Paragraph) -> ProjectForm | None:
    text = squash(paragraph.text)
    named = _FUSED_TARGET_FORM.search(text)
    block = _FUND_BLOCK.search(text, named.end()) if named else None
    if not block:
        return None
    form = ProjectForm(named["name"], paragraph.locator)
    window = text[block.end(): block.end() + _BLOCK_LENGTH]
    for source, pattern in _FUND_PARTS:
        part = pattern.search(window)
        value = parse_cell_money(part.group(1))[0] if part else None
        if value is not None:
            form.funds.append(FundRow(source, "budget", to_yuan(value, part.group(2)), None, None, None,
                                      paragraph.locator, part.group(0)))
    return form if form.funds else None


def _projects_of(table: Table, above: list[str]) -> list[ProjectForm]:
    header_at = next((r for r, row in enumerate(table.rows) if _is_target_header(row)), None)
    if header_at is None:
        return []
    header = [squash(cell) for cell in table.rows[header_at]]
    first = header.index("一级指标")
    # (read from 一级指标 on: the project's 年度目标 before it is no indicator's target)
    reader_columns = indicator_columns(header[first:])
    before = header[:first]  # the project columns, nearest the indicators last
    unit = table_unit(table, " ".join(above[-3:])) or "元"  # (the Sichuan template's own unit)
    forms: list[ProjectForm] = []
    reader = None
    for r in range(header_at + 1, len(table.rows)):
        cells = [cell.strip() for cell in table.rows[r]]
        start = next((k for k, cell in enumerate(cells) if _LEVEL1.match(squash(cell))), None)
        if start is None:
            continue  # a department's subtotal row ('820-某镇部门 | 8,827,620.53'), a note
        project = dict(zip(before[len(before) - start:], cells[:start])) if start <= len(before) else {}
        name = project.get("项目名称")
        if name and not (forms and forms[-1].name == name):  # (a merged cell a reader repeats on every row)
            form = ProjectForm(name, table.locator(r), tables={table.number})
            form.implementing_unit = next((clean_org_name(without_code(v)) or None for k, v in project.items()
                                           if _UNIT_COLUMN.match(k) and v), None)
            budget = next((v for k, v in project.items() if _BUDGET_COLUMN.match(k)), None)
            value = parse_cell_money(budget)[0] if budget else None
            if value is not None:
                form.funds.append(FundRow("total", "budget", to_yuan(value, unit), None, None, None,
                                          table.locator(r), f"{name} / {budget}"))
            forms.append(form)
            reader = IndicatorReader(reader_columns, len(header) - first, project_name=name)
        if reader is None:
            continue
        row = reader.read(cells[start:], table.locator(r))
        if row:
            forms[-1].indicators.append(row)
    return forms


def _is_target_header(row: list[str]) -> bool:
    """A header naming the project and its budget before the indicator columns, with no
    result column: the targets a budget is set with."""
    cells = [squash(cell) for cell in row]
    if "一级指标" not in cells:
        return False
    first = cells.index("一级指标")
    columns = indicator_columns(cells[first:]) or {}
    if "target" not in columns or "actual" in columns or "score" in columns:
        return False
    left = cells[:first]
    return any(_PROJECT_COLUMN.match(c) for c in left) and any(_BUDGET_COLUMN.match(c) for c in left)

