"""Compose a file of 项目支出绩效自评表: one to three project forms on the Ministry of
Finance template (财预〔2020〕10号) and its provincial variants, as units publish them
(docs/layouts.md, project forms), with the truth of every fact in them.

Each form: its title and year; 项目名称; 主管部门 and 实施单位; the funds block (年度资金总额,
当年财政拨款 or 财政拨款, 上年结转资金, 其他资金 by 年初预算数 / 全年预算数 / 全年执行数, with 分值,
执行率 and 得分 on the total row); 年度总体目标 with its expected and achieved goals; the
indicator rows (一级 / 二级 / 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因); 总分.
What varies: the money unit (万元 with 2 to 4 decimals, or 元), which fund rows hold figures,
'—' or blank in the cells the template greys out, the rate's decimals, score notes on the
level-1 cells, the implementing unit (the department itself or one of its institutions),
and whether the file names the unit above the forms.

The truth follows tools/samples/truth.py: the unit is the implementing unit (what a reader
records of a project form), each project's funds by fund source and phase, the stated rate
on the final row of each fund, the project's score, and its indicator rows with its name.
A file of one form states the report's score; a file of several states none of its own.
"""

from __future__ import annotations

import random
from decimal import Decimal

from tools.samples.compose import fmt_score
from tools.samples.figures import MoneyStyle, percent, split
from tools.samples.model import MERGED, Cell, Document, Paragraph, Table
from tools.samples.truth import Truth
from tools.samples.units import Unit

WIDTH = 9  # 绩效指标 | 一级 | 二级 | 三级 | 指标值 | 完成值 | 分值 | 得分 | 偏差原因
FUNDS_WEIGHT = 10
LEVEL1_WEIGHTS = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
COST = (("项目成本控制", "≤预算数", "未超预算"), ("单位成本节约率", "≥5%", "6%"))
SATISFACTION = (("服务对象满意度", "≥90%", "95%"), ("群众满意度", "≥85%", "92%"), ("受益群众满意度", "≥90%", "96%"))


class ProjectFormComposer:
    doc_kind = "项目支出绩效自评表"

    def __init__(self, rng: random.Random, unit: Unit, year: int | None = None):
        self.rng = rng
        self.unit = unit
        self.kind = unit.kind
        self.year = year or rng.randint(2019, 2024)
        self.truth = Truth()
        self.blocks: list = []
        r = rng.random
        self.style = MoneyStyle("元", 2) if r() < 0.2 else MoneyStyle("万元", rng.choice([2, 2, 4]), strip=r() < 0.3)
        self.blank = rng.choice(["—", "", "/"])  # what the template's greyed cells hold
        self.rate_decimals = rng.choice([0, 2, 2])
        self.implementer = self._implementing_unit()
        self.forms = rng.choice([1, 1, 1, 2, 3])
        self.funds_scores: dict[str, float] = {}
        self.titles: list[str] = []

    # ------------------------------------------------------------------ entry point
    def compose(self) -> tuple[Document, dict]:
        rng = self.rng
        names = rng.sample(list(self.kind.projects), min(self.forms, len(self.kind.projects)))
        if rng.random() < 0.4:
            self.blocks.append(Paragraph(f"填报单位（盖章）：{self.implementer}"))
        scores = [self._form(name) for name in names]
        self._meta(scores[0] if len(scores) == 1 else None)
        out = self.truth.as_dict()
        money = f"{self.style.unit}/{self.style.decimals}"
        out["layout"] = {"skeleton": "project_form", "title_form": "form", "tables": ["project_form"] * len(names),
                         "prose": [], "money": {"prose": money, "table": money}, "funds_scores": self.funds_scores}
        return Document(blocks=self.blocks, compact=rng.random() < 0.5), out

    def _implementing_unit(self) -> str:
        unit, affiliates = self.unit, self.kind.affiliates
        if not affiliates or self.rng.random() < 0.6:
            return unit.name
        prefix = unit.division.city if unit.place.endswith("区") and not unit.is_city else ""
        return f"{prefix}{unit.place}{self.rng.choice(affiliates)}"

    def _meta(self, score: float | None) -> None:
        t = self.truth
        t.unit(self.implementer, self.unit, self.year)  # (a form's filer: its implementing unit)
        t.set("report_date", None)
        t.set("title", self.titles[0])
        t.set("document_kind", "project_form")
        t.set("self_score", score)
        t.set("max_score", 100.0 if score is not None else None)
        t.set("grade", None)

    # ------------------------------------------------------------------ one form
    def _form(self, name: str) -> float:
        rng = self.rng
        title = rng.choice(["项目支出绩效自评表", f"{self.year}年度项目支出绩效自评表", "部门预算项目支出绩效自评表"])
        self.blocks.append(Paragraph(title))
        self.titles.append(title)
        if not title.startswith(str(self.year)):
            self.blocks.append(Paragraph(f"（{self.year}年度）"))
        funds_rows, funds_score = self._funds(name)
        indicator_rows, indicator_score = self._indicators(name)
        score = float(Decimal(str(funds_score)) + Decimal(str(indicator_score)))
        self.funds_scores[name] = funds_score
        self.truth.project_rating(name, score=score)
        goals = rng.sample(list(self.kind.work), 2)
        rows = [
            [Cell("项目名称"), Cell(name, colspan=WIDTH - 1)],
            [Cell("主管部门"), Cell(self.unit.name, colspan=3), Cell("实施单位"), Cell(self.implementer, colspan=4)],
            *funds_rows,
            [Cell("年度总体目标", rowspan=2), Cell("预期目标", colspan=4), Cell("实际完成情况", colspan=4)],
            [MERGED, Cell("；".join(goals) + "。", colspan=4), Cell("；".join(goals) + "，均已完成。", colspan=4)],
            *indicator_rows,
            [Cell("总分", colspan=6), Cell("100"), Cell(fmt_score(score)), Cell("")],
        ]
        self.blocks.append(Table(rows, self.style.unit))
        return score

    def _funds(self, name: str) -> tuple[list[list[Cell]], float]:
        """The funds block and the total row's score (执行率 × 分值)."""
        rng = self.rng
        # in hundreds of yuan: exact in every money style (万元 with two decimals and more, 元)
        adjusted = {"fiscal": rng.randint(20, 900) * 100, "carryover": 0, "other": 0}
        if rng.random() < 0.35:
            adjusted["carryover"] = rng.randint(5, 120) * 100
        if rng.random() < 0.2:
            adjusted["other"] = rng.randint(5, 80) * 100
        budget = {"fiscal": adjusted["fiscal"] if rng.random() < 0.5 else adjusted["fiscal"] * rng.choice([8, 9]) // 10,
                  "carryover": 0, "other": adjusted["other"]}
        final = {source: amount * rng.choice([100, 100, 98, 95, 90]) // 100 for source, amount in adjusted.items()}
        labels = {"fiscal": rng.choice(["其中：当年财政拨款", "其中：财政拨款", "财政拨款"]), "carryover": "上年结转资金",
                  "other": "其他资金"}

        def yuan(units: int) -> Decimal:
            return Decimal(units) * 100

        total = {phase: sum(values.values()) for phase, values in (("budget", budget), ("adjusted", adjusted), ("final", final))}
        rate = self._rate(yuan(total["final"]), yuan(total["adjusted"]))
        funds_score = round(FUNDS_WEIGHT * min(Decimal(total["final"]) / Decimal(total["adjusted"]), Decimal(1)), 1)
        header = [Cell(f"项目资金（{self.style.unit}）", rowspan=5), Cell(""), Cell("年初预算数"), Cell("全年预算数"),
                  Cell("全年执行数"), Cell("分值"), Cell("执行率"), Cell("得分", colspan=2)]
        rows = [header, [MERGED, Cell("年度资金总额"),
                         *self._figures(name, "total", {"budget": total["budget"], "adjusted": total["adjusted"], "final": total["final"]}, yuan),
                         Cell(str(FUNDS_WEIGHT)), Cell(rate), Cell(fmt_score(float(funds_score)), colspan=2)]]
        self._stated_rate(name, "total", rate)
        for source in ("fiscal", "carryover", "other"):
            phases = {"budget": budget[source], "adjusted": adjusted[source], "final": final[source]}
            if not any(phases.values()):
                rows.append([MERGED, Cell(labels[source]), Cell(""), Cell(""), Cell(""), Cell(self.blank), Cell(""),
                             Cell(self.blank, colspan=2)])
                continue
            source_rate = self._rate(yuan(final[source]), yuan(adjusted[source]))
            self._stated_rate(name, source, source_rate)
            rows.append([MERGED, Cell(labels[source]), *self._figures(name, source, phases, yuan), Cell(self.blank),
                         Cell(source_rate), Cell(self.blank, colspan=2)])
        return rows, float(funds_score)

    def _figures(self, name: str, source: str, phases: dict[str, int], yuan) -> list[Cell]:
        cells = []
        for phase, units in phases.items():
            if not units and phase == "budget" and source != "total":
                cells.append(Cell(""))  # a carry-over has no 年初预算: the cell is left empty
                continue
            amount = yuan(units)
            self.truth.project(name, phase, self.style.stated(amount), fund_source=source)
            cells.append(Cell(self.style.number(amount)))
        return cells

    def _rate(self, final: Decimal, adjusted: Decimal) -> str:
        return percent(final, adjusted, decimals=self.rate_decimals, strip=False) if adjusted else ""

    def _stated_rate(self, name: str, source: str, rate: str) -> None:
        if rate:
            self.truth.project_rate(name, source, float(rate.rstrip("%")))

    def _indicators(self, name: str) -> tuple[list[list[Cell]], float]:
        rng, kind = self.rng, self.kind
        plan = {
            "产出指标": [("数量指标", rng.sample(kind.quantity, rng.randint(1, 2))),
                         ("质量指标", rng.sample(kind.quality, 1)),
                         ("时效指标", rng.sample(kind.timeliness, 1)),
                         ("成本指标", rng.sample(COST, 1))],
            "效益指标": [("社会效益指标", rng.sample(kind.social, rng.randint(1, 2)))],
            "满意度指标": [("服务对象满意度指标", rng.sample(SATISFACTION, 1))],
        }
        noted = rng.random() < 0.3  # '产出指标（50分）'
        rows: list[list[Cell]] = []
        header = [Cell("绩效指标", rowspan=1 + sum(len(items) for groups in plan.values() for _, items in groups)),
                  Cell("一级指标"), Cell("二级指标"), Cell("三级指标"), Cell("年度指标值"), Cell("实际完成值"),
                  Cell("分值"), Cell("得分"), Cell("偏差原因分析及改进措施")]
        rows.append(header)
        total = Decimal(0)
        for level1, groups in plan.items():
            lines = [(level2, item) for level2, items in groups for item in items]
            weights = split(rng, LEVEL1_WEIGHTS[level1], [1] * len(lines))
            label = f"{level1}（{LEVEL1_WEIGHTS[level1]}分）" if noted else level1
            for n, ((level2, (level3, target, actual)), weight) in enumerate(zip(lines, weights)):
                score = float(weight) if rng.random() < 0.7 else max(0.0, weight - rng.choice([0.5, 1.0, 2.0]))
                reason = "" if score == weight else rng.choice(["部分工作受天气影响推迟", "个别任务跨年度实施", "资金到位较晚"])
                first_of_level2 = n == 0 or lines[n - 1][0] != level2
                rows.append([
                    MERGED,
                    Cell(label, rowspan=len(lines)) if n == 0 else MERGED,
                    Cell(level2, rowspan=sum(1 for l2, _ in lines if l2 == level2)) if first_of_level2 else MERGED,
                    Cell(level3), Cell(target), Cell(actual), Cell(str(weight)), Cell(fmt_score(score)), Cell(reason),
                ])
                self.truth.indicators.append({
                    "project_name": name, "level1": level1, "level2": level2, "level3": level3,
                    "target_text": target, "actual_text": actual, "weight": float(weight), "score": score,
                })
                total += Decimal(str(score))
        return rows, float(total)
