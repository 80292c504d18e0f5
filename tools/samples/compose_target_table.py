"""Compose a budget's table of its projects' performance targets (部门预算项目绩效目标申报表), as
units publish it with their budget (docs/layouts.md, T-SC), with the truth of every fact in it.

One header row: 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 |
指标值 | 度量单位 | 权重 | 指标方向性; a department's subtotal row; then each project: its first row
carries the unit (with its budget code), the project's name, budget and goal, its later rows
only their indicator cells (the project's cells merged downwards). What varies: the money unit
(元 or 万元), the number of projects (two to four) and of their indicators, the operator.

The truth (tools/samples/truth.py) is what a reader records of a budget: its kind `budget`, the
unit, the year, each project's budget (fund source total, phase budget) and its indicator rows
with their targets (operator, value and unit written together) and weights; no result, no score.
"""

from __future__ import annotations

import random
from decimal import Decimal

from tools.samples.figures import MoneyStyle, split
from tools.samples.model import MERGED, Cell, Document, Paragraph, Table
from tools.samples.truth import Truth
from tools.samples.units import Unit

HEADER = ("单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
          "权重", "指标方向性")
# (level-1, level-2, name, operator, value, unit of measure)
TARGETS = (
    ("产出指标", "数量指标", "覆盖服务对象", "≥", "{n}", "人"),
    ("产出指标", "质量指标", "任务完成合格率", "≥", "95", "%"),
    ("产出指标", "时效指标", "资金按时拨付率", "=", "100", "%"),
    ("效益指标", "社会效益指标", "保障工作正常开展", "≥", "90", "%"),
    ("效益指标", "可持续影响指标", "长效机制运行年限", "≥", "1", "年"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%"),
)


class TargetTableComposer:
    doc_kind = "项目绩效目标申报表"

    def __init__(self, rng: random.Random, unit: Unit, year: int | None = None):
        self.rng = rng
        self.unit = unit
        self.year = year or rng.randint(2020, 2025)
        self.truth = Truth()
        self.style = MoneyStyle("元", 2) if rng.random() < 0.7 else MoneyStyle("万元", 2)
        self.code = rng.randint(100, 999)

    def compose(self) -> tuple[Document, dict]:
        rng = self.rng
        names = rng.sample(list(self.unit.kind.projects), min(rng.randint(2, 4), len(self.unit.kind.projects)))
        budgets = [Decimal(rng.randint(50, 9000) * 100) for _ in names]  # whole hundreds: exact in 元 and 万元
        title = f"部门预算项目绩效目标申报表({self.year}年度)"
        rows = [[Cell(h) for h in HEADER],
                [Cell(f"{self.code}-{self.unit.place}部门"), Cell(self.style.number(sum(budgets))), *[Cell("")] * 10]]
        for k, (name, budget) in enumerate(zip(names, budgets)):
            rows += self._project(name, budget, first_of_the_unit=k == 0)
        blocks = [Paragraph(title), Paragraph(f"金额单位:{self.style.unit}"), Table(rows, self.style.unit)]
        self._meta(title)
        out = self.truth.as_dict()
        money = f"{self.style.unit}/{self.style.decimals}"
        out["layout"] = {"skeleton": "target_table", "title_form": "form", "tables": ["target_table"], "prose": [],
                         "money": {"prose": money, "table": money}}
        return Document(blocks=blocks, compact=rng.random() < 0.5), out

    def _project(self, name: str, budget: Decimal, first_of_the_unit: bool) -> list[list[Cell]]:
        rng = self.rng
        targets = rng.sample(TARGETS, rng.randint(2, 4))
        weights = split(rng, 100, [1] * len(targets))
        self.truth.project(name, "budget", self.style.stated(budget))
        rows = []
        for n, ((level1, level2, level3, operator, value, measure), weight) in enumerate(zip(targets, weights)):
            value = value.format(n=rng.randint(20, 500))
            cells = [Cell(level1), Cell(level2), Cell(level3), Cell(operator), Cell(value), Cell(measure), Cell(str(weight)),
                     Cell("正向指标")]
            if n == 0:
                unit_cell = Cell(f"{self.code}001-{self.unit.name}", rowspan=len(targets)) if first_of_the_unit else Cell("")
                rows.append([unit_cell, Cell(name, rowspan=len(targets)), Cell(self.style.number(budget), rowspan=len(targets)),
                             Cell(f"完成{name}年度任务", rowspan=len(targets)), *cells])
            else:
                rows.append([MERGED if first_of_the_unit else Cell(""), MERGED, MERGED, MERGED, *cells])
            self.truth.indicators.append({
                "project_name": name, "level1": level1, "level2": level2, "level3": level3,
                "target_text": f"{'' if operator == '=' else operator}{value}{measure}", "actual_text": None,
                "weight": float(weight), "score": None,
            })
        return rows

    def _meta(self, title: str) -> None:
        t = self.truth
        t.unit(self.unit.name, self.unit, self.year)
        t.set("report_date", None)
        t.set("title", title)
        t.set("document_kind", "budget")
        t.set("self_score", None)
        t.set("max_score", None)
        t.set("grade", None)
