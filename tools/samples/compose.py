"""Compose one realistic sample report: a `Document` and the truth of every fact in it.

Four skeletons, after the layouts real reports show:
- classic: title, 部门概况, 整体支出管理及使用情况, 整体支出绩效情况, problems, measures,
  signature and date; tables of 预决算, economic classes, 公用经费 details;
- cover: a cover block (评价年度 / 评价单位 / 填报日期), then 单位基本情况, 自评工作开展情况,
  绩效自评情况 with the findings inside it;
- budget_kinds: compact text, sections by kind of budget (一般公共预算 / 政府性基金 …
  '无'), economic details in prose, and the attachments 基础数据表 and 自评表;
- project_focus: compact text, a short title over two lines, 收支预决算 with shares,
  project-by-project results, the review team's names.
Within each, sections, tables, wording, numbering and money styles vary at random.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tools.samples import vocab
from tools.samples.figures import (
    CLASS_CAPITAL,
    CLASS_FAMILY,
    CLASS_GOODS,
    CLASS_WAGES,
    CLASSES,
    Finance,
    MoneyStyle,
    make_finance,
    make_headcount,
    percent,
    split,
)
from tools.samples.model import MERGED, Cell, Document, Heading, Paragraph, Table
from tools.samples.truth import Truth
from tools.samples.units import Unit

CN_NUM = "零一二三四五六七八九十"
SKELETONS = ("classic", "cover", "budget_kinds", "project_focus")
GRADES = ((90, "优秀"), (80, "良好"), (60, "中"), (0, "差"))
THREE_PUBLIC = ("三公经费合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
ZERO_LINES = {"附属单位上缴收入", "对附属单位补助支出", "上级补助收入", "政府性基金拨款", "纳入管理的非税收入拨款", "其他资金"}


def cn(n: int) -> str:
    if n <= 10:
        return CN_NUM[n]
    if n < 20:
        return "十" + (CN_NUM[n - 10] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return CN_NUM[tens] + "十" + (CN_NUM[ones] if ones else "")


def count_cn(n: int) -> str:
    """A count in Chinese: 两个, not 二个."""
    return "两" if n == 2 else cn(n)


def grade_for(score: float) -> str:
    for floor, name in GRADES:
        if score >= floor:
            return name
    return "差"


def fmt_score(score: float) -> str:
    return str(int(score)) if float(score).is_integer() else f"{score:g}"


@dataclass
class _H:
    """A heading before numbering: numbers are given once the whole document is known."""

    level: int
    text: str
    numbered: bool = True
    indent: str = ""


class Composer:
    def __init__(self, rng: random.Random, unit: Unit, skeleton: str | None = None, year: int | None = None):
        self.rng = rng
        self.unit = unit
        self.kind = unit.kind
        self.year = year or rng.randint(2019, 2023)
        self.skeleton = skeleton or rng.choices(SKELETONS, weights=(40, 20, 20, 20))[0]
        self.truth = Truth()
        self.blocks: list = []
        self.features: dict = {"skeleton": self.skeleton, "tables": [], "prose": []}
        r = rng.random

        # ---- layout choices
        self.compact = self.skeleton in ("budget_kinds", "project_focus") and r() < 0.85 or r() < 0.05
        self.eval_table = self.skeleton == "budget_kinds" or r() < 0.25
        self.base_table = self.skeleton == "budget_kinds" and r() < 0.9 or r() < 0.08
        # ---- money styles: prose and tables may differ; every figure is exact in both
        self.ps = self._money_style(prose=True)
        self.ts = self._money_style(prose=False) if r() < 0.3 else self.ps
        if self.ts.unit == "元" and self.ts is self.ps:
            self.ts = MoneyStyle("元", 2, thousands=r() < 0.5)
        quantum = max(self.ps.quantum, self.ts.quantum)
        self.features["money"] = {
            "prose": f"{self.ps.unit}/{self.ps.decimals}{'/strip' if self.ps.strip else ''}{'/thousands' if self.ps.thousands else ''}",
            "table": f"{self.ts.unit}/{self.ts.decimals}{'/strip' if self.ts.strip else ''}{'/thousands' if self.ts.thousands else ''}",
        }

        # ---- the unit's people and money
        self.hc = make_headcount(rng, self.kind.scale)
        n_projects = rng.choice([0, 2, 3, 3, 4, 5])
        names = rng.sample(list(self.kind.projects), min(n_projects, len(self.kind.projects)))
        self.fin: Finance = make_finance(
            rng, quantum, self.hc, names, self.kind.scale, balanced=self.eval_table, with_projects=bool(names)
        )
        for project in self.fin.projects:
            project.score = float(rng.choice([100, 98, 96, 95, 93, 92, 90, 88, 86, 85]))
            if rng.random() < 0.3:
                project.score -= 0.5
            project.grade = grade_for(project.score)

        # ---- dates and score
        day = date(self.year + 1, 3, 1) + timedelta(days=rng.randint(0, 200))
        self.report_date = day
        self.date_stated = False
        self._plan_score()

    # ================================================================ entry point
    def compose(self) -> tuple[Document, dict]:
        getattr(self, f"_skeleton_{self.skeleton}")()
        self._finish_meta()
        doc = Document(
            blocks=self._numbered_blocks(),
            compact=self.compact,
            leading=self.rng.choice(["", "", "", "\n", " "]),
            trailing=self.rng.choice(["\n", "\n", "\n\n", " \n"]),
        )
        out = self.truth.as_dict()
        out["layout"] = self.features
        return doc, out

    # ================================================================ helpers
    def _money_style(self, prose: bool) -> MoneyStyle:
        r = self.rng.random
        if r() < (0.2 if prose else 0.12):
            return MoneyStyle("元", 2, thousands=r() < (0.2 if prose else 0.5))
        decimals = self.rng.choices([2, 3, 4], weights=(60, 15, 25))[0]
        return MoneyStyle("万元", decimals, strip=r() < 0.5)

    def value(self, line: str, phase: str, st: str | None = None) -> int:
        fin = self.fin
        if line in CLASSES:
            if phase != "final":
                raise KeyError((line, phase))
            if st:
                return fin.econ[(line, st)]
            return fin.econ[(line, "basic")] + fin.econ[(line, "project")]
        if line in THREE_PUBLIC:
            parts = fin.three_public[phase]
            if line == "三公经费合计":
                return sum(parts.values())
            if line == "公务用车购置及运行维护费":
                return parts["公务用车购置费"] + parts["公务用车运行维护费"]
            return parts[line]
        for details in (fin.wage_details, fin.family_details, fin.goods_details):
            if line in details and phase == "final":
                return details[line]
        if line == "政府采购金额":
            return fin.procurement[phase]
        if line in ZERO_LINES:
            return 0
        return fin.lines[phase][line]

    def P(self, line: str, phase: str, st: str | None = None, *, value: int | None = None, short: bool = False, canonical: bool = True) -> str:
        """A money figure in prose (with its unit), recorded in the truth."""
        units = self.value(line, phase, st) if value is None else value
        yuan = self.fin.yuan(units)
        self.truth.budget(line, phase, self.ps.stated(yuan), st, canonical)
        return self.ps.prose(yuan, short)

    def T(self, line: str, phase: str, st: str | None = None, *, value: int | None = None, canonical: bool = True) -> str:
        """A money figure in a table cell (no unit), recorded in the truth."""
        units = self.value(line, phase, st) if value is None else value
        yuan = self.fin.yuan(units)
        self.truth.budget(line, phase, self.ts.stated(yuan), st, canonical)
        return self.ts.number(yuan)

    def amount_p(self, units: int, short: bool = False) -> str:
        """A money figure in prose that is not a fact of its own (a difference)."""
        return self.ps.prose(self.fin.yuan(units), short)

    def project_p(self, project, phase: str, short: bool = False) -> str:
        units = getattr(project, phase)
        yuan = self.fin.yuan(units)
        self.truth.project(project.name, phase, self.ps.stated(yuan))
        return self.ps.prose(yuan, short)

    def project_t(self, project, phase: str) -> str:
        units = getattr(project, phase)
        if units is None:
            return ""
        yuan = self.fin.yuan(units)
        self.truth.project(project.name, phase, self.ts.stated(yuan))
        return self.ts.number(yuan)

    def pct(self, part: int, whole: int) -> str:
        return percent(Decimal(part), Decimal(whole))

    def H(self, level: int, text: str, numbered: bool = True) -> None:
        indent = ""
        if self.rng.random() < self._indent_rate:
            indent = self.rng.choice(["    ", " ", "  "])
        self.blocks.append(_H(level, text, numbered, indent))

    _indent_rate = 0.0

    def para(self, text: str, indent_ok: bool = True) -> None:
        r = self.rng.random()
        if indent_ok and r < 0.06:
            text = self.rng.choice(["    ", " ", "　　"]) + text
        self.blocks.append(Paragraph(text))

    def table(self, rows: list[list[Cell]], kind: str, unit_note: str | None = None) -> None:
        width = {sum(c.colspan for c in row) for row in rows}
        if len(width) != 1:
            raise AssertionError(f"{kind}: rows of different widths {sorted(width)}")
        self.blocks.append(Table(rows, unit_note))
        self.features["tables"].append(kind)

    def fuzz(self, text: str) -> str:
        """Cell text with the stray spaces Word tables often carry."""
        r = self.rng.random()
        if r < 0.06:
            return "　" + text
        if r < 0.1:
            return text + self.rng.choice([" ", "　"])
        return text

    def person(self) -> str:
        rng = self.rng
        given = rng.choice(vocab.GIVEN) + (rng.choice(vocab.GIVEN) if rng.random() < 0.7 else "")
        return rng.choice(vocab.SURNAMES) + given

    def phone(self) -> str:
        rng = self.rng
        number = rng.choice(["13", "15", "18", "17", "19"]) + str(rng.randint(0, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        self.truth.phone(number)
        return number

    def date_text(self, style: str | None = None) -> str:
        d = self.report_date
        self.date_stated = True
        style = style or self.rng.choice(["cn", "cn", "cn", "cn0"])
        if style == "dot":
            return f"{d.year}.{d.month}.{d.day}"
        if style == "cn0":
            return f"{d.year}年{d.month:02d}月{d.day:02d}日"
        return f"{d.year}年{d.month}月{d.day}日"

    def item_marker(self, style: str, n: int) -> str:
        return style.replace("N", str(n)).replace("C", cn(n))

    # ================================================================ score plan
    def _plan_score(self) -> None:
        rng = self.rng
        self.indicator_rows: list[dict] = []
        if self.eval_table:
            self._plan_indicators()
            return
        score = float(rng.choice([98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 86, 85, 83]))
        if rng.random() < 0.25:
            score -= 0.5
        self.score = score
        self.grade = grade_for(score)

    def _plan_indicators(self) -> None:
        rng = self.rng
        kind = self.kind
        funds_weight = rng.choice([10, 10, 20, 0])
        rest = 100 - funds_weight
        weights = {"产出指标": rest - 40, "效益指标": 30, "满意度指标": 10}
        if funds_weight == 0:
            weights = {"产出指标": 50, "效益指标": 40, "满意度指标": 10}
        cost = (
            ("基本支出控制", "不突破预算", "未突破预算"),
            ("“三公”经费控制", "不超过上年", "较上年下降"),
            ("预算执行率", "≥95%", self.pct(self.fin.lines["final"]["支出合计"], self.fin.lines["adjusted"]["支出合计"])),
        )
        sustain = (
            ("长效管理机制健全性", "健全", "健全"),
            ("工作机制持续运行", "持续有效", "持续有效"),
        )
        satisfaction = (
            ("服务对象满意度", "≥90%", rng.choice(["95%", "96%", "98%", "92%"])),
            ("社会公众满意度", "≥85%", rng.choice(["90%", "93%", "95%"])),
        )
        plan = {
            "产出指标": [
                ("数量指标", rng.sample(kind.quantity, rng.randint(1, 2))),
                ("质量指标", rng.sample(kind.quality, rng.randint(1, 2))),
                ("时效指标", rng.sample(kind.timeliness, 1)),
                ("成本指标", rng.sample(cost, 1)),
            ],
            "效益指标": [
                ("经济效益指标", []),
                ("社会效益指标", rng.sample(kind.social, rng.randint(1, 2))),
                ("生态效益指标", []),
                ("可持续影响指标", rng.sample(sustain, 1)),
            ],
            "满意度指标": [
                (rng.choice(["服务对象满意度指标", "社会公众或服务对象满意度指标"]), rng.sample(satisfaction, 1)),
            ],
        }
        if rng.random() < 0.5:  # many reports leave out the empty benefit lines
            plan["效益指标"] = [p for p in plan["效益指标"] if p[1]]
        rows: list[dict] = []
        for level1, groups in plan.items():
            lines = [(level2, item) for level2, items in groups for item in items]
            total = weights[level1]
            if total % 5 == 0 and total // 5 >= len(lines):  # weights in fives, as tables usually have
                parts = [5 * k for k in split(rng, total // 5, [rng.uniform(0.8, 1.2) for _ in lines])]
            else:
                parts = split(rng, total, [1] * len(lines))
            for (level2, (level3, target, actual)), weight in zip(lines, parts):
                score = float(weight)
                if rng.random() < 0.35:
                    score = max(0.0, weight - rng.choice([0.5, 1, 1, 2]))
                rows.append(dict(level1=level1, level2=level2, level3=level3, target_text=target, actual_text=actual, weight=float(weight), score=score))
            for level2, items in groups:
                if not items:
                    rows.append(dict(level1=level1, level2=level2, level3=None))
        # keep each level-2's rows together, in the plan's order
        order = [(l1, l2) for l1, groups in plan.items() for l2, _ in groups]
        rows.sort(key=lambda row: order.index((row["level1"], row["level2"])))
        self.indicator_rows = rows
        self.funds_weight = funds_weight
        execution = self.fin.lines["final"]["支出合计"] / max(1, self.fin.lines["adjusted"]["支出合计"])
        self.funds_score = float(funds_weight) if execution > 0.98 or funds_weight == 0 else float(funds_weight - 1)
        # an occasional indicator line left without weight and score (as real tables have)
        scored = [row for row in rows if row.get("level3")]
        if rng.random() < 0.15 and len(scored) > 4:
            victim = rng.choice(scored[1:])
            lost = victim["weight"]
            victim["weight"] = None
            victim["score"] = None
            # its points go to another line of the same level 1 so the level's note still adds up
            peers = [row for row in scored if row is not victim and row["level1"] == victim["level1"]]
            if peers:
                peers[0]["weight"] += lost
                peers[0]["score"] += lost
            else:
                victim["weight"], victim["score"] = lost, lost
        self.level1_weights = weights
        self.score = self.funds_score + sum(row["score"] or 0 for row in rows if row.get("level3"))
        self.grade = grade_for(self.score)

    # ================================================================ truth meta
    def _finish_meta(self) -> None:
        t = self.truth
        t.unit(self.unit.name, self.unit, self.year)
        t.set("report_date", self.report_date.isoformat() if self.date_stated else None)
        t.meta.setdefault("title", None)
        t.meta.setdefault("self_score", None)
        t.meta.setdefault("max_score", None)
        t.meta.setdefault("grade", None)
        order = ["unit_name", "province", "city", "county", "admin_code", "admin_level", "fiscal_year", "report_date", "title", "self_score", "max_score", "grade"]
        t.meta = {key: t.meta[key] for key in order}

    def state_score(self, with_max: bool = False) -> str:
        self.truth.set("self_score", self.score)
        if with_max:
            self.truth.set("max_score", 100.0)
        return fmt_score(self.score)

    def state_grade(self) -> str:
        self.truth.set("grade", self.grade)
        return self.grade

    # ================================================================ numbering
    def _numbered_blocks(self) -> list:
        rng = self.rng
        style = {
            1: "C、",
            2: rng.choice(["（C）", "（C）", "（C）", "(C）"]),
            3: rng.choice(["N、", "N.", "N．"]),
            4: rng.choice(["（N）", "（N）", "(N)"]),
        }
        glitch_rate = 0.12 if self.skeleton == "project_focus" else 0.04
        counters = {1: 0, 2: 0, 3: 0, 4: 0}
        out = []
        for block in self.blocks:
            if not isinstance(block, _H):
                out.append(block)
                continue
            counters[block.level] += 1
            for deeper in range(block.level + 1, 5):
                counters[deeper] = 0
            n = counters[block.level]
            numbering = ""
            if block.numbered:
                pattern = style[block.level]
                roll = rng.random()
                if roll < glitch_rate:
                    numbering = ""  # the number was lost
                elif roll < glitch_rate * 2 and block.level in (1, 2):
                    # Word's list number turned into text in another style
                    numbering = f"{n}、 " if block.level == 1 else f"（{n}） "
                else:
                    numbering = self.item_marker(pattern, n)
            out.append(Heading(block.level, numbering, block.text, block.indent))
        return out

    # ================================================================ skeletons
    def _skeleton_classic(self) -> None:
        rng = self.rng
        self._indent_rate = 0.0 if rng.random() < 0.8 else 0.3
        self.title(rng.choice(["one_line", "one_line", "two_lines", "short_two_lines"]))
        if rng.random() < 0.85:
            self.intro()
        self.H(1, rng.choice(["部门概况", "部门（单位）基本情况", "部门基本情况"]))
        self.H(2, rng.choice(["基本情况", "部门基本情况", "机构设置及职能"]))
        self.unit_intro()
        self.H(3, rng.choice(["主要职能", "职能职责"]))
        self.functions()
        self.H(3, rng.choice(["机构情况", "机构设置"]))
        self.org()
        self.H(3, "人员情况")
        self.staff_prose()
        self.H(2, rng.choice([f"{self.year}年重点工作", "年度重点工作", "年度总体工作和重点工作任务"]))
        self.work()
        self.H(2, rng.choice(["整体支出情况", "部门整体支出情况", "部门整体支出规模、使用方向和主要内容"]))
        split_table = rng.random() < 0.5
        self.H(3, rng.choice(["整体收支决算情况", "收支决算情况"]))
        self.income_prose(with_table=rng.random() < 0.6)
        self.H(3, rng.choice(["支出决算", "支出决算情况"]))
        self.expense_prose(with_table=split_table)

        self.H(1, rng.choice(["整体支出管理及使用情况", "部门整体支出管理及使用情况"]))
        self.H(2, "基本支出")
        self.basic_prose(allow_classes=not split_table)
        self.H(2, "项目支出")
        self.project_prose()
        if self.fin.lines["final"]["年末结转和结余"] or rng.random() < 0.3:
            self.H(2, "结转和结余情况")
            self.para(f"{self.year}年末结转和结余{self.P('年末结转和结余', 'final')}。")
        if rng.random() < 0.7:
            self.H(2, rng.choice(["“三公”经费决算说明", "“三公”经费支出情况", "三公经费情况"]))
            self.three_public_prose()
        if rng.random() < 0.45:
            self.H(2, "基本支出的公用经费情况")
            self.public_detail()
        self.H(2, rng.choice(["部门整体支出的管理情况", "资金管理情况"]))
        self.para(self._fill(rng.choice(vocab.MANAGEMENT_PARAS)))
        self.H(3, "资产管理情况", numbered=rng.random() < 0.5)
        self.para(self._fill(rng.choice(vocab.ASSET_PARAS)))

        self.H(1, rng.choice(["整体支出绩效情况", "部门整体支出绩效情况"]))
        self.performance()
        self.problems_section(level=1)
        self.measures_section(level=1)
        if rng.random() < 0.3:
            self.H(1, "其他需要说明的情况")
            self.para(rng.choice(["无", "无。"]))
        self.signature()
        if self.eval_table or self.base_table:
            self.attachments()
        elif rng.random() < 0.25:
            self.contact_line()

    def _skeleton_cover(self) -> None:
        rng = self.rng
        self._indent_rate = 0.0
        self.title("cover")
        self.intro()
        self.H(1, "单位基本情况", numbered=rng.random() < 0.5)
        self.H(2, "单位机构设置、部门职能情况。")
        self.org(with_functions=True)
        self.staff_prose(variant=rng.choice(["parts", "parts", "named"]))
        self.H(2, "年度总体工作和重点工作任务")
        self.work(inline=True)
        self.H(2, "部门整体支出绩效目标")
        self.para(rng.choice(vocab.TARGET_PARAS))
        self.H(2, "部门整体支出情况（包括整体收支预算数及决算数等）。")
        self.income_prose(variant="received", with_table=rng.random() < 0.3)
        self.H(1, "自评工作开展情况")
        self.H(2, "评价小组情况。")
        self.review_group(names=rng.random() < 0.6)
        self.H(2, "自评工作过程。")
        self.para(rng.choice(vocab.PROCESS_PARAS))
        self.H(2, "自评材料报送及公开一致情况。")
        self.para(f"{self.unit.self_ref}所报送的自评报告、数据表、评分表与公开的自评报告、数据表、评分表一致。")
        self.H(1, "绩效自评情况")
        self.H(2, "自评结果")
        self.conclusion(style=rng.choice(["score_only", "score_grade"]))
        self.H(2, "部门整体支出绩效指标分析", numbered=rng.random() < 0.5)
        self.para("对照《部门整体支出绩效自评指标评分表》逐项分析各指标完成情况。")
        self.H(3, "预算编制情况。")
        self.budget_config(brief=True)
        self.H(3, "预算执行情况。")
        self.execution()
        self.H(3, "预算监督情况。")
        self.para(self._fill(rng.choice(vocab.MANAGEMENT_PARAS)))
        self.H(3, "预算使用效益。")
        self.project_results()
        self.problems_section(level=2, title="部门整体支出绩效管理存在问题")
        self.measures_section(level=2, title="改进措施")
        self.H(1, "其他自评情况")
        self.para("无")
        if self.eval_table or self.base_table:
            self.attachments()
        elif rng.random() < 0.35:
            self.contact_line()

    def _skeleton_budget_kinds(self) -> None:
        rng = self.rng
        self._indent_rate = 0.25
        self.title(rng.choice(["one_line", "one_line", "two_lines"]))
        self.H(1, "部门（单位）基本情况")
        self.para(self._fill(f"{{self_ref}}主要负责{'；'.join(rng.sample(list(self.kind.functions), 3))}。"))
        self.org(brief=True)
        self.staff_prose(variant=rng.choice(["active_retired", "named", "parts"]))
        self.H(1, "一般公共预算支出情况")
        self.income_prose(variant="general")
        for name in ("政府性基金预算支出情况", "国有资本经营预算支出情况", "社会保险基金预算支出情况"):
            self.H(1, name)
            self.para("无")
        self.H(1, "部门整体支出绩效情况")
        self.basic_prose(allow_classes=True, details=True)
        if self.fin.projects:
            self.project_prose(variant="final")
        if rng.random() < 0.5:
            self.H(2, "评价结论")
            self.conclusion(style=rng.choice(["score_grade", "grade_only", "score_only"]))
        self.problems_section(level=1, title=rng.choice(["存在的问题及原因分析", "存在的问题"]))
        self.measures_section(level=1, title=rng.choice(["下一步改进措施", "改进措施"]), lead="针对上述问题，")
        self.H(1, "其他需要说明的情况")
        self.para(f"附件1：{self.unit.place}部门整体支出绩效自评报告")
        if self.base_table:
            self.para("附件1-1：部门整体支出绩效评价基础数据表")
        self.para("附件1-2：部门整体支出绩效自评表")
        self.attachments(numbered_names=True)

    def _skeleton_project_focus(self) -> None:
        rng = self.rng
        self._indent_rate = 0.3
        self.title(rng.choice(["short_two_lines", "short_two_lines", "two_lines", "one_line"]))
        self.intro()
        self.H(1, "部门基本情况")
        self.H(2, "部门概况")
        self.H(3, "主要职能。")
        self.functions(marker_style="（C）")
        self.H(3, "机构情况，包括当年变动情况及原因。")
        self.para(f"单位名称：{self.unit.name}，{'党委工作机关' if self.kind.party else '行政单位'}，财政拨款。无变动。")
        self.H(3, "人员情况，包括当年变动情况及原因。")
        self.staff_prose(variant=rng.choice(["parts", "named", "active_retired"]))
        self.H(2, "部门收支预决算情况")
        self.income_prose(variant="shares")
        self.H(2, "部门整体支出绩效目标、指标")
        self.para(rng.choice(vocab.TARGET_PARAS))
        self.H(1, "自评工作开展情况")
        self.H(2, "自评的组织工作")
        self.review_group(names=False)
        self.H(2, "自评的方法和过程")
        self.para(rng.choice(vocab.PROCESS_PARAS))
        self.H(1, "部门整体支出绩效目标实现情况及指标分析")
        self.H(2, "总体绩效目标实现情况")
        self.para(self._fill(rng.choice(vocab.OUTCOME_PARAS)))
        self.H(2, "分项绩效目标实现情况及指标分析")
        self.project_results(per_project_paragraphs=True)
        self.H(1, "评价结论和评价等级")
        self.conclusion(style=rng.choice(["score_grade", "grade_only", "projects_grade"]))
        self.H(1, "存在的问题及改进措施")
        self.problems_section(level=2, title="存在的主要问题")
        self.measures_section(level=2, title="针对问题提出具体的改进措施或建议")
        self.H(1, "评价工作组人员名单及签字（姓名、工作单位、职务、职称）")
        for _ in range(rng.randint(2, 4)):
            self.para(f"{self.person()}  {self.unit.short_name}{rng.choice(vocab.POSTS)}", indent_ok=False)
        if self.eval_table or self.base_table:
            self.attachments()

    # ================================================================ sections
    def _fill(self, text: str) -> str:
        return text.format(self_ref=self.unit.self_ref, year=self.year, place=self.unit.place, scope=self.unit.scope)

    def title(self, form: str) -> None:
        rng = self.rng
        u = self.unit
        year = f"{self.year}年度" if rng.random() < 0.7 else f"{self.year}年"
        kind = rng.choice(["部门整体支出绩效自评报告", "部门整体支出绩效自评报告", "整体支出绩效评价报告", "部门整体支出绩效评价报告"])
        self.features["title_form"] = form
        if form == "cover":
            title = rng.choice(["整体绩效自评报告", "部门整体支出绩效自评报告"])
            self.truth.set("title", title)
            self.para(title, indent_ok=False)
            self.para(f"评价年度：{self.year}年度", indent_ok=False)
            suffix = "本级" if rng.random() < 0.15 else ""
            self.para(f"评价单位：{u.name}{suffix}", indent_ok=False)
            if rng.random() < 0.6:
                level = "市级" if u.is_city else ("区级" if u.place.endswith("区") else "县级")
                self.para(f"{level}预算部门单位（公章）：", indent_ok=False)
            if rng.random() < 0.85:
                self.para(f"填报日期：{self.date_text()}", indent_ok=False)
            self.doc_kind = "整体支出绩效自评报告"
            return
        self.doc_kind = "整体支出绩效评价报告" if "评价报告" in kind else "整体支出绩效自评报告"
        if form == "one_line":
            title = f"{u.name}{year}{kind}"
            self.para(title, indent_ok=False)
        elif form == "two_lines":
            head, tail = kind[:-4], kind[-4:]  # …绩效 / 自评报告
            title = f"{u.name}{year}{head}{tail}"
            self.para(f"{u.name}{year}{head}", indent_ok=False)
            self.para(tail, indent_ok=False)
        else:  # short name over the year and kind; the full name comes in the body
            kind = kind.removeprefix("部门")
            title = f"{u.short_name}{year}{kind}"
            self.para(u.short_name, indent_ok=False)
            self.para(f"{year}{kind}", indent_ok=False)
            self.full_name_due = True
        self.truth.set("title", title)

    full_name_due = False

    def intro(self) -> None:
        rng = self.rng
        u = self.unit
        issuer_place = u.place if rng.random() < 0.7 else (u.division.city if u.division.city else u.place)
        issuer = f"{issuer_place}财政局"
        notice = rng.choice(vocab.NOTICE_TITLES).format(year=self.year)
        left, right = rng.choice([("〔", "〕"), ("[", "]"), ("﹝", "﹞")])
        doc_no = f"{u.place[0]}财绩{left}{self.year + 1}{right}{rng.randint(1, 30)}号"
        self_ref = u.self_ref
        if self.full_name_due:
            self_ref = f"{u.name}（以下简称{u.abbrev}）"
            self.full_name_due = False
        text = rng.choice(vocab.INTRO_TEMPLATES).format(issuer=issuer, notice=notice, doc_no=doc_no, self_ref=self_ref, year=self.year)
        if rng.random() < 0.05:
            text = "[bookmark: _GoBack]" + text
        self.para(text)

    def unit_intro(self) -> None:
        u = self.unit
        rank = u.rank
        nature = "党委工作机关" if self.kind.party else f"{u.boss}工作部门"
        self.para(f"{u.name}（以下简称{u.abbrev}）是{nature}，为{rank}单位，实行独立核算。")
        self.full_name_due = False

    def functions(self, marker_style: str | None = None) -> None:
        rng = self.rng
        items = rng.sample(list(self.kind.functions), rng.randint(3, len(self.kind.functions)))
        if rng.random() < 0.3 and marker_style is None:
            self.para(self._fill("{self_ref}的主要职能是：") + "；".join(items) + "。")
            return
        style = marker_style or rng.choice(["N.", "N、", "（N）"])
        for n, text in enumerate(items, 1):
            self.para(f"{self.item_marker(style, n)}{text}。")

    def org(self, with_functions: bool = False, brief: bool = False) -> None:
        rng = self.rng
        u = self.unit
        sections = rng.sample(list(self.kind.sections), rng.randint(2, min(4, len(self.kind.sections))))
        affiliates = list(self.kind.affiliates[: rng.randint(0, len(self.kind.affiliates))])
        text = f"{u.self_ref}内设{count_cn(len(sections))}个股室（{'、'.join(sections)}）"
        if affiliates:
            text += f"，下设二级机构{count_cn(len(affiliates))}个（{'、'.join(affiliates)}）"
        text += "。"
        if with_functions:
            text += f"主要职能是{'；'.join(rng.sample(list(self.kind.functions), 3))}。"
        if self.full_name_due:
            text = f"{u.name}（以下简称{u.abbrev}）" + text.removeprefix(u.self_ref)
            self.full_name_due = False
        self.para(text)

    def staff_prose(self, variant: str | None = None) -> None:
        rng = self.rng
        hc = self.hc
        t = self.truth
        u = self.unit
        variant = variant or rng.choice(["totals", "parts", "named", "active_retired", "full"])
        self.features["prose"].append(f"staff:{variant}")
        labels = {"administrative": "行政编制", "institutional": "事业编制", "logistics": "工勤编制"}
        actual_labels = {"administrative": "行政编制", "institutional": "事业编制", "logistics": rng.choice(["工勤人员", "后勤雇员人数"])}
        if variant == "totals":
            t.headcount("authorized", "total", hc.authorized_total)
            t.headcount("actual", "total", hc.actual_total)
            t.headcount("retired", "total", hc.retired)
            who = u.name if self.full_name_due else u.self_ref
            self.full_name_due = False
            self.para(
                f"{who}编制人数{hc.authorized_total}人，实际人数{hc.actual_total}人，其中在职人数{hc.actual_total}人，"
                f"离退休{hc.retired}人，遗属补助人数0人。"
            )
        elif variant == "parts":
            auth = [(k, v) for k, v in hc.authorized.items() if v]
            act = [(k, v) for k, v in hc.actual.items() if v]
            for k, v in auth:
                t.headcount("authorized", k, v)
            for k, v in act:
                t.headcount("actual", k, v)
            self.para(
                "机构编制部门核定"
                + "、".join(f"{labels[k]}{v}人" for k, v in auth)
                + "。年末在职人数"
                + "、".join(f"{actual_labels[k]}{v}人" for k, v in act)
                + "。"
            )
        elif variant == "named":
            auth = [(k, v) for k, v in hc.authorized.items() if v]
            for k, v in auth:
                t.headcount("authorized", k, v)
            t.headcount("actual", "total", hc.actual_total)
            self.para("，".join(f"{labels[k]}{v}名" for k, v in auth) + f"，现实有在职人员{hc.actual_total}名。")
        elif variant == "active_retired":
            t.headcount("actual", "total", hc.actual_total)
            t.headcount("retired", "total", hc.retired)
            self.para(f"在职{hc.actual_total}人，退休{hc.retired}人。")
        else:  # full
            auth = [(k, v) for k, v in hc.authorized.items() if v]
            t.headcount("authorized", "total", hc.authorized_total)
            for k, v in auth:
                t.headcount("authorized", k, v)
            t.headcount("actual", "total", hc.actual_total)
            t.headcount("retired", "total", hc.retired)
            self.para(
                f"核定编制{hc.authorized_total}人（其中"
                + "、".join(f"{labels[k]}{v}人" for k, v in auth)
                + f"），年末实有在职人员{hc.actual_total}人，离退休人员{hc.retired}人。"
            )

    def work(self, inline: bool = False) -> None:
        rng = self.rng
        items = rng.sample(list(self.kind.work), rng.randint(3, len(self.kind.work)))
        if inline or rng.random() < 0.4:
            self.para("；".join(items) + "。")
            return
        style = rng.choice(["N.", "N、", "（N）"])
        for n, text in enumerate(items, 1):
            self.para(f"{self.item_marker(style, n)}{text}。")

    # ---------------------------------------------------------------- money prose
    def income_prose(self, variant: str | None = None, with_table: bool = False) -> None:
        rng = self.rng
        f = self.fin.lines["final"]
        y = self.year
        variant = variant or rng.choice(["accounts", "shares", "totals"])
        self.features["prose"].append(f"income:{variant}")
        if variant == "accounts":
            parts = [f"年初结转和结余{self.P('年初结转和结余', 'final')}", f"财政拨款{self.P('财政拨款收入', 'final')}"]
            if f["其他收入"] or rng.random() < 0.5:
                parts.append(f"其他收入{self.P('其他收入', 'final')}")
            text = (
                f"{y}年决算收入{self.P('收入合计', 'final')}，其中" + "，".join(parts)
                + f"；决算支出{self.P('支出合计', 'final')}，年末结转和结余{self.P('年末结转和结余', 'final')}。"
            )
            self.para(text)
        elif variant == "shares":
            total = f["收入合计"]
            parts = []
            if f["年初结转和结余"]:
                parts.append(f"年初结转和结余{self.P('年初结转和结余', 'final')}，占{self.pct(f['年初结转和结余'], total)}")
            parts.append(f"财政拨款收入{self.P('财政拨款收入', 'final')}，占{self.pct(f['财政拨款收入'], total)}")
            parts.append(f"事业收入{self.P('事业收入', 'final')}，占0%")
            parts.append(f"经营收入{self.P('经营收入', 'final')}，占0%")
            if rng.random() < 0.5:
                parts.append(f"附属单位上缴收入{self.P('附属单位上缴收入', 'final', canonical=False)}，占0%")
            parts.append(f"其他收入{self.P('其他收入', 'final')}，占{self.pct(f['其他收入'], total)}")
            self.para(f"本部门{y}年度收入合计{self.P('收入合计', 'final')}，其中：" + "；".join(parts) + "。")
            spend = f["支出合计"]
            parts = [
                f"基本支出{self.P('基本支出', 'final')}，占{self.pct(f['基本支出'], spend)}",
                f"项目支出{self.P('项目支出', 'final')}，占{self.pct(f['项目支出'], spend)}",
                f"经营支出{self.P('经营支出', 'final')}，占0%",
            ]
            if rng.random() < 0.5:
                parts.append(f"对附属单位补助支出{self.P('对附属单位补助支出', 'final', canonical=False)}，占0%")
            self.para(f"本部门{y}年度支出合计{self.P('支出合计', 'final')}，其中：" + "；".join(parts) + "。")
            if f["年末结转和结余"]:
                self.para(f"年末结转和结余{self.P('年末结转和结余', 'final')}。")
        elif variant == "received":
            if f["年初结转和结余"] or f["其他收入"]:
                extra = []
                if f["年初结转和结余"]:
                    extra.append(f"年初结转和结余{self.P('年初结转和结余', 'final')}")
                if f["其他收入"]:
                    extra.append(f"其他收入{self.P('其他收入', 'final')}")
                lead = f"{self.unit.self_ref}{y}年收入合计{self.P('收入合计', 'final')}，其中财政拨款收入{self.P('财政拨款收入', 'final')}，" + "，".join(extra) + "；"
            else:
                lead = f"{self.unit.self_ref}{y}年收到财政拨款收入{self.P('财政拨款收入', 'final')}，"
            self.para(
                lead + f"支出{self.P('支出合计', 'final')}；其中基本支出{self.P('基本支出', 'final')}，项目支出{self.P('项目支出', 'final')}。",
                indent_ok=True,
            )
        elif variant == "general":
            text = f"{y}年一般公共预算拨款收入{self.P('财政拨款收入', 'final')}。"
            if f["年初结转和结余"]:
                text += f"年初结转和结余{self.P('年初结转和结余', 'final')}。"
            if f["其他收入"]:
                text += f"其他收入{self.P('其他收入', 'final')}。"
            text += f"{y}年支出合计{self.P('支出合计', 'final')}，年末结转{self.P('年末结转和结余', 'final')}。"
            self.para(text)
        else:  # totals
            self.para(
                f"{y}年部门支出总计{self.P('支出合计', 'final')}，其中：基本支出{self.P('基本支出', 'final')}，"
                f"主要包括人员经费{self.P('人员经费', 'final')}和日常公用经费{self.P('公用经费', 'final')}；"
                f"项目支出{self.P('项目支出', 'final')}。"
            )
        if with_table:
            self.budget_table()

    def expense_prose(self, with_table: bool) -> None:
        f = self.fin.lines["final"]
        spend = f["支出合计"]
        text = (
            f"{self.year}年度决算支出{self.P('支出合计', 'final')}，其中基本支出{self.P('基本支出', 'final')}，"
            f"占总支出的{self.pct(f['基本支出'], spend)}；项目支出{self.P('项目支出', 'final')}，占总支出的{self.pct(f['项目支出'], spend)}。"
        )
        if with_table:
            note = self.ts.unit
            text += f"部门支出决算明细如下（单位：{note}）："
            self.para(text)
            self.econ_table()
        else:
            self.para(text)

    def basic_prose(self, allow_classes: bool, details: bool = False) -> None:
        rng = self.rng
        fin = self.fin
        f = fin.lines["final"]
        variant = "details" if details else rng.choice(["classes", "classes", "plain"] if allow_classes else ["plain"])
        self.features["prose"].append(f"basic:{variant}")
        if variant == "classes":
            basic = f["基本支出"]
            w, g, fa = (fin.econ[(c, "basic")] for c in (CLASS_WAGES, CLASS_GOODS, CLASS_FAMILY))
            goods_name = rng.choice(["商品和服务支出", "商品服务支出"])
            family_name = rng.choice(["对个人和家庭的补助", "对个人和家庭补助支出", "对个人家庭补助支出"])
            self.para(
                f"{self.year}年，{self.unit.self_ref}基本支出{self.P('基本支出', 'final')}，主要用于保障人员工资福利和机构正常运转。"
                f"按支出经济分类：工资福利支出{self.P(CLASS_WAGES, 'final', value=w)}，占基本支出的{self.pct(w, basic)}；"
                f"{goods_name}{self.P(CLASS_GOODS, 'final', value=g)}，占基本支出的{self.pct(g, basic)}；"
                f"{family_name}{self.P(CLASS_FAMILY, 'final', value=fa)}，占基本支出的{self.pct(fa, basic)}；"
                f"资本性支出{self.P(CLASS_CAPITAL, 'final', value=0)}。"
            )
        elif variant == "details":
            names = {"基本工资": "基本工资", "津贴补贴": rng.choice(["津贴补贴", "津补贴"]), "职工基本医疗保险缴费": rng.choice(["医疗保险缴费", "职工基本医疗保险缴费"]),
                     "机关事业单位基本养老保险缴费": rng.choice(["养老保险缴费", "机关事业单位基本养老保险缴费"]), "其他社会保障缴费": rng.choice(["其他保险", "其他社会保障缴费"]),
                     "办公费": rng.choice(["办公费", "办公经费"])}
            personal = [f"{names.get(k, k)}{self.P(k, 'final')}" for k in fin.wage_details]
            personal += [f"{names.get(k, k)}{self.P(k, 'final')}" for k in fin.family_details]
            goods = [f"{names.get(k, k)}{self.P(k, 'final')}" for k in fin.goods_details]
            self.para(
                f"基本支出包括为保障单位机构正常运转、完成日常工作任务而发生的各项支出。共计{self.P('基本支出', 'final')}，其中："
                f"（1）人员经费{self.P('人员经费', 'final')}，包括" + "，".join(personal) + "。"
                f"（2）公用经费支出{self.P('公用经费', 'final')}，分别为" + "；".join(goods) + "。"
            )
        else:
            self.para(
                f"基本支出是指为保障单位机构正常运转、完成日常工作任务而发生的各项支出。{self.year}年{self.unit.self_ref}基本支出"
                f"{self.P('基本支出', 'final')}，其中人员经费{self.P('人员经费', 'final')}，日常公用经费{self.P('公用经费', 'final')}。"
            )

    def project_prose(self, variant: str | None = None) -> None:
        rng = self.rng
        fin = self.fin
        projects = fin.projects
        if not projects:
            self.para(f"{self.year}年，{self.unit.self_ref}项目支出{self.P('项目支出', 'final')}。")
            return
        # a draw of its own for the counted list, so that the reports that do not list their
        # projects so are composed as before (the bundled samples and their renderings stay the same)
        counting = random.Random(f"counted:{self.unit.name}:{self.year}")
        announcing = random.Random(f"announced:{self.unit.name}:{self.year}")  # (the same, for the announced list)
        if variant is None:  # (a skeleton that asks for one variant gets it)
            variant = rng.choice(["final", "final", "budget"])
            variant = "counted" if variant == "final" and counting.random() < 0.3 else variant
            variant = "announced" if variant == "final" and announcing.random() < 0.3 else variant
        self.features["prose"].append(f"projects:{variant}")
        if variant == "announced":  # a count announced, then each project a numbered paragraph of its own
            self.para(f"{self.year}年，{self.unit.self_ref}纳入绩效自评的项目共{len(projects)}个，"
                      f"项目支出{self.P('项目支出', 'final')}。具体如下：")
            for k, p in enumerate(projects, 1):
                self.para(f"{k}、{p.name}{self.project_p(p, 'final')}，主要用于{announcing.choice(self.kind.work)}；")
        elif variant == "counted":  # as a region lists a fund's projects: '光伏发电项目49个314.76万元'
            counts = [counting.randint(1, 12) for _ in projects]
            items = "，".join(f"{p.name}{k}个{self.project_p(p, 'final')}" for p, k in zip(projects, counts))
            self.para(f"{self.year}年，{self.unit.self_ref}共实施项目{sum(counts)}个，"
                      f"共支出项目资金{self.P('项目支出', 'final')}，其中：{items}。")
        elif variant == "final":
            items = "、".join(f"{p.name}{self.project_p(p, 'final')}" for p in projects)
            self.para(f"{self.year}年，{self.unit.self_ref}项目支出{self.P('项目支出', 'final')}，主要包括：{items}。")
        else:
            short = rng.random() < 0.4
            listed = [p for p in projects if p.budget]
            items = "；".join(f"{p.name}{self.project_p(p, 'budget', short=short)}" for p in listed)
            self.para(
                f"{self.year}年，{self.unit.self_ref}年初预算安排项目资金共计{self.P('项目支出', 'budget', short=short)}（分别为{items}），"
                f"全年实际支出项目资金{self.P('项目支出', 'final')}。"
            )

    def three_public_prose(self) -> None:
        rng = self.rng
        tp = self.fin.three_public
        variant = rng.choice(["parts", "compare"])
        self.features["prose"].append(f"three_public:{variant}")
        y = self.year
        if variant == "parts":
            text = (
                f"{y}年“三公”经费决算支出{self.P('三公经费合计', 'final')}，其中：因公出国（境）费{self.P('因公出国（境）费', 'final')}，"
                f"公务用车购置及运行维护费{self.P('公务用车购置及运行维护费', 'final')}（其中公务用车购置费{self.P('公务用车购置费', 'final')}，"
                f"公务用车运行维护费{self.P('公务用车运行维护费', 'final')}），公务接待费{self.P('公务接待费', 'final')}。"
            )
            if rng.random() < 0.5:
                text += f"“三公”经费年初预算数{self.P('三公经费合计', 'budget')}，未超年初预算。"
            self.para(text)
        else:
            now, before = tp["final"]["公务接待费"], tp["prior_final"]["公务接待费"]
            change = "增加" if now >= before else "减少"
            self.para(
                f"{y}年{self.unit.self_ref}“三公”经费决算支出数{self.P('三公经费合计', 'final')}。其中：因公出国(境)费{self.P('因公出国（境）费', 'final')}、"
                f"公务接待费{self.P('公务接待费', 'final')}（同比{y - 1}年{self.P('公务接待费', 'prior_final')}{change}{self.amount_p(abs(now - before))}）、"
                f"公务用车运行维护费{self.P('公务用车运行维护费', 'final')}。"
            )

    def public_detail(self) -> None:
        fin = self.fin
        public = fin.lines["final"]["公用经费"]
        names = "、".join(fin.goods_details)
        self.para(
            f"{self.year}年{self.unit.self_ref}决算支出日常公用经费{self.P('公用经费', 'final')}。主要包括：{names}等支出。具体明细如下（单位：{self.ts.unit}）："
        )
        rows = [[Cell("项目"), Cell("决算支出"), Cell("占比")]]
        for name, value in fin.goods_details.items():
            rows.append([Cell(self.fuzz(name)), Cell(self.T(name, "final")), Cell(self.pct(value, public))])
        rows.append([Cell("合计"), Cell(self.T("公用经费", "final")), Cell("100%")])
        self.table(rows, "public_detail", self.ts.unit)

    # ---------------------------------------------------------------- tables
    def budget_table(self) -> None:
        """预决算 table with a 2- or 3-row merged header; rows 预算 / 决算 / 差异率."""
        rng = self.rng
        f = self.fin.lines["final"]
        b = self.fin.lines["budget"]
        split_basic = rng.random() < 0.6
        other = f["其他收入"] > 0 or rng.random() < 0.3
        note = self.ts.unit
        self.para(f"{self.year}年预、决算收入、支出及年末结转和结余明细如下（单位：{note}）：")
        income_cols = [("合计", "收入合计"), ("年初结转、结余", "年初结转和结余"), ("财政拨款", "财政拨款收入")]
        if other:
            income_cols.append(("其他收入", "其他收入"))
        spend_cols = [("小计", "支出合计")]
        spend_cols += [("人员经费", "人员经费"), ("公用经费", "公用经费")] if split_basic else [("基本支出", "基本支出")]
        spend_cols.append(("项目支出", "项目支出"))
        width = 1 + len(income_cols) + len(spend_cols) + 1
        head_rows = 3 if split_basic else 2
        row1 = [Cell("项目", rowspan=head_rows), Cell("收入", colspan=len(income_cols)), Cell("支出", colspan=len(spend_cols)), Cell("年末结转结余", rowspan=head_rows)]
        if split_basic:
            row2 = [MERGED] + [Cell(t, rowspan=2) for t, _ in income_cols] + [Cell("小计", rowspan=2), Cell("基本支出", colspan=2), Cell("项目支出", rowspan=2), MERGED]
            row3 = [MERGED] + [MERGED] * len(income_cols) + [MERGED, Cell("人员经费"), Cell("公用经费"), MERGED, MERGED]
            header = [row1, row2, row3]
        else:
            row2 = [MERGED] + [Cell(t) for t, _ in income_cols] + [Cell(t) for t, _ in spend_cols] + [MERGED]
            header = [row1, row2]
        cols = [line for _, line in income_cols] + [line for _, line in spend_cols] + ["年末结转和结余"]
        budget_word, final_word = rng.choice([("预算", "决算"), ("预算数", "决算数"), ("年初预算", "决算")])
        rows = list(header)
        rows.append([Cell(budget_word)] + [Cell(self.T(line, "budget")) for line in cols])
        rows.append([Cell(final_word)] + [Cell(self.T(line, "final")) for line in cols])
        if rng.random() < 0.8:
            rates = []
            for line in cols:
                before, after = b[line], f[line]
                rates.append(Cell(percent(Decimal(after - before), Decimal(before)) if before else "0"))
            rows.append([Cell("差异率")] + rates)
        assert all(sum(c.colspan for c in row) == width for row in rows)
        self.table(rows, f"budget_{head_rows}row", note)

    def econ_table(self) -> None:
        rng = self.rng
        fin = self.fin
        total_col = rng.random() < 0.3
        dash = rng.choice(["—", "—", "-", ""])
        basic_head = f"财政拨款{dash}基本支出" if dash else "基本支出"
        project_head = f"财政拨款{dash}项目支出" if dash else "项目支出"
        rows = [[Cell("项目")] + ([Cell("合计")] if total_col else []) + [Cell(basic_head), Cell(project_head)]]
        for cls in CLASSES:
            row = [Cell(self.fuzz(cls))]
            if total_col:
                row.append(Cell(self.T(cls, "final")))
            row += [Cell(self.T(cls, "final", "basic")), Cell(self.T(cls, "final", "project"))]
            rows.append(row)
        if rng.random() < 0.8:
            row = [Cell("合计")]
            if total_col:
                row.append(Cell(self.T("支出合计", "final")))
            row += [Cell(self.T("基本支出", "final")), Cell(self.T("项目支出", "final"))]
            rows.append(row)
        self.table(rows, "econ_split", self.ts.unit)

    def base_data_table(self) -> None:
        """部门整体支出绩效评价基础数据表: staffing, then money by 当年决算 / 当年预算 / 上年决算."""
        rng = self.rng
        hc = self.hc
        t = self.truth
        t.headcount("authorized", "total", hc.authorized_total)
        t.headcount("actual", "total", hc.actual_total)
        rows = [
            [Cell("财政供养人员情况"), Cell("编制数"), Cell(f"{self.year}年实际在职人数"), Cell("控制率")],
            [Cell(""), Cell(self.fuzz(str(hc.authorized_total))), Cell(self.fuzz(str(hc.actual_total))), Cell(self.pct(hc.actual_total, hc.authorized_total))],
            [Cell("经费控制情况"), Cell("当年决算数"), Cell(rng.choice(["当前年预算数", "当年预算数"])), Cell("上年决算数")],
        ]
        phases = ("final", "budget", "prior_final")

        def money_row(label: str, line: str, canonical: bool = True, skip_prior: bool = False) -> list[Cell]:
            cells = [Cell(label)]
            for phase in phases:
                if phase == "prior_final" and skip_prior:
                    cells.append(Cell("　" if rng.random() < 0.5 else ""))
                else:
                    cells.append(Cell(self.T(line, phase, canonical=canonical)))
            return cells

        blank3 = [Cell(""), Cell(""), Cell("")]
        rows.append(money_row("一、部门基本支出", "基本支出"))
        rows.append([Cell("    其中： 1、压缩一般性支出")] + blank3)
        rows.append(money_row("    2、三公经费", "三公经费合计"))
        rows.append(money_row("   公务用车购置和维护经费", "公务用车购置及运行维护费"))
        rows.append(money_row("       其中：公车购置", "公务用车购置费"))
        rows.append(money_row("             公车运行维护", "公务用车运行维护费"))
        rows.append(money_row("   公务接待", "公务接待费"))
        rows.append(money_row("   出国经费", "因公出国（境）费"))
        rows.append(money_row("二、部门项目支出", "项目支出"))
        rows.append([Cell("1、业务工作专项(一个项目一行)")] + blank3)
        projects = self.fin.projects
        cut = rng.randint(0, len(projects))
        for project in projects[:cut]:
            rows.append([Cell(project.name), Cell(self.project_t(project, "final")), Cell(self.project_t(project, "budget")), Cell(self.project_t(project, "prior_final"))])
        rows.append([Cell("……")] + blank3)
        rows.append([Cell("  2、运行维护专项(一个项目一行)")] + blank3)
        for project in projects[cut:]:
            rows.append([Cell(project.name), Cell(self.project_t(project, "final")), Cell(self.project_t(project, "budget")), Cell(self.project_t(project, "prior_final"))])
        rows.append([Cell("……")] + blank3)
        level = "市级" if self.unit.is_city else ("区级" if self.unit.place.endswith("区") else "县级")
        rows.append([Cell(f"3、{level}专项资金（一个专项一行）")] + blank3)
        rows.append([Cell("政府采购金额")] + [Cell(self.T("政府采购金额", phase, canonical=False)) for phase in phases])
        rows.append([Cell("厉行节约保障措施"), Cell(rng.choice(["严格执行中央八项规定精神，压减一般性支出", "严控“三公”经费，厉行勤俭节约"]), colspan=3)])
        self.table(rows, "base_data", self.ts.unit)

    def eval_table_block(self) -> None:
        """部门整体支出绩效自评表: funds by phase, yearly goals, indicator block, total."""
        rng = self.rng
        fin = self.fin
        f, a, b = fin.lines["final"], fin.lines["adjusted"], fin.lines["budget"]
        unit = self.ts.unit
        funds_rows = 2
        collapsed = rng.random() < 0.4
        body: list[list[Cell]] = []
        rate = self.pct(f["支出合计"], a["支出合计"])
        body.append([
            MERGED, Cell("年度资金总额"), Cell(self.T("收入合计", "budget", value=b["支出合计"])), Cell(self.T("收入合计", "adjusted", value=a["支出合计"])),
            Cell(self.fuzz(self.T("收入合计", "final", value=f["支出合计"]))), Cell(self.fuzz(rate)),
            Cell(str(self.funds_weight) if self.funds_weight else ""), Cell(fmt_score(self.funds_score) if self.funds_weight else ""),
        ])
        if collapsed:
            body.append([MERGED, Cell("按收入性质分", colspan=3), Cell(self.fuzz("按支出性质分"), colspan=4)])
            pairs = [
                ("其中：一般公共预算", "财政拨款收入", True, "基本支出", "基本支出", True),
                ("政府性基金拨款", "政府性基金拨款", False, "其中：人员经费", "人员经费", True),
                ("纳入管理的非税收入拨款", "纳入管理的非税收入拨款", False, "公用经费", "公用经费", True),
                ("其他资金", "其他资金", False, "项目支出", "项目支出", True),
            ]
            for left, left_line, left_canon, right, right_line, right_canon in pairs:
                body.append([
                    MERGED, Cell(left), Cell(self.T(left_line, "budget", canonical=left_canon), colspan=2),
                    Cell(right, colspan=2), Cell(self.T(right_line, "budget", canonical=right_canon), colspan=2),
                ])
        else:
            for label, line in (("其中：基本支出", "基本支出"), ("项目支出", "项目支出")):
                body.append([
                    MERGED, Cell(label), Cell(self.T(line, "budget")), Cell(self.T(line, "adjusted")), Cell(self.T(line, "final")),
                    Cell(self.pct(f[line], a[line]) if a[line] else "—"), Cell(""), Cell(""),
                ])
        funds_rows = 1 + len(body)
        rows = [[
            Cell(f"部门资金（{unit}）", rowspan=funds_rows), Cell(""), Cell("年初预算数"), Cell("全年预算数"), Cell("全年执行数"), Cell("执行率"), Cell("分值"), Cell("得分"),
        ]] + body
        goals = rng.sample(list(self.kind.work), 3)
        done = rng.sample(list(self.kind.work), 2)
        rows.append([Cell("年度总体目标", rowspan=2), Cell("年初预期（设定）目标", colspan=4), Cell("全年实际完成情况", colspan=3)])
        rows.append([
            MERGED,
            Cell("\n".join(f"{n}、{g}" for n, g in enumerate(goals, 1)), colspan=4),
            Cell("\n".join(f"{n}、{g}" for n, g in enumerate(done, 1)), colspan=3),
        ])
        # indicator block
        ind = self.indicator_rows
        rows.append([Cell("绩效指标", rowspan=1 + len(ind)), Cell("一级指标"), Cell("二级指标"), Cell(self.fuzz("三级指标")), Cell("指标值"), Cell("完成值"), Cell("分值"), Cell("得分")])
        level1_style = rng.choice(["stacked", "stacked", "one_line", "bare"])
        i = 0
        while i < len(ind):
            l1 = ind[i]["level1"]
            block = [row for row in ind[i:] if row["level1"] == l1]  # rows come grouped by level 1
            weight = self.level1_weights[l1]
            base = l1[:-2]
            label = {"stacked": f"{base}\n指标\n（{weight}分）", "one_line": f"{l1}\n（{weight}分）", "bare": l1}[level1_style]
            j = 0
            while j < len(block):
                l2 = block[j]["level2"]
                group = [row for row in block[j:] if row["level2"] == l2]
                for k, row in enumerate(group):
                    cells = [MERGED]
                    cells.append(Cell(label, rowspan=len(block)) if j == 0 and k == 0 else MERGED)
                    cells.append(Cell(l2, rowspan=len(group)) if k == 0 else MERGED)
                    if row.get("level3"):
                        cells += [
                            Cell(self.fuzz(row["level3"])), Cell(row["target_text"]), Cell(row["actual_text"]),
                            Cell("" if row["weight"] is None else fmt_score(row["weight"])),
                            Cell("" if row["score"] is None else fmt_score(row["score"])),
                        ]
                        self.truth.indicators.append({
                            "level1": l1, "level2": l2, "level3": row["level3"],
                            "target_text": row["target_text"], "actual_text": row["actual_text"],
                            "weight": row["weight"], "score": row["score"],
                        })
                    else:
                        cells += [Cell(rng.choice(["", "　　"])), Cell(""), Cell(""), Cell(""), Cell("")]
                    rows.append(cells)
                j += len(group)
            i += len(block)
        self.features["eval"] = {"funds_weight": float(self.funds_weight), "funds_score": self.funds_score if self.funds_weight else 0.0}
        total_label = rng.choice(["总  分", "总分", "合计"])
        rows.append([Cell("综合评定等级"), Cell(self.state_grade(), colspan=4), Cell(total_label), Cell("100"), Cell(self.state_score(with_max=True))])
        rows.append([Cell("说明", rowspan=2), Cell("偏差及原因分析", colspan=4), Cell("改进措施", colspan=3)])
        rows.append([MERGED, Cell("", colspan=4), Cell("", colspan=3)])
        self.table(rows, "self_eval" + ("_collapsed" if collapsed else ""), unit)

    # ---------------------------------------------------------------- performance
    def performance(self) -> None:
        rng = self.rng
        self.H(2, "预算配置")
        self.budget_config()
        self.H(2, "预算执行")
        self.execution()
        self.H(2, "预算管理")
        self.para(self._fill(rng.choice(vocab.BUDGET_MGMT_PARAS)))
        if self.fin.projects and rng.random() < 0.5:
            self.H(2, rng.choice(["部门重点项目支出绩效情况", "项目绩效情况"]))
            self.project_results()
        self.H(2, rng.choice(["提升支出绩效", "履职效能"]))
        self.para(self._fill(rng.choice(vocab.OUTCOME_PARAS)))
        self.H(2, "评价结论")
        self.conclusion()

    def budget_config(self, brief: bool = False) -> None:
        hc = self.hc
        t = self.truth
        text = ""
        if not brief:
            t.headcount("authorized", "total", hc.authorized_total)
            t.headcount("actual", "total", hc.actual_total)
            text = (
                f"{self.year}年，{self.unit.self_ref}在职人员编制数为{hc.authorized_total}人，年末实际在职人数为{hc.actual_total}人，"
                f"财政供养人员控制率为{self.pct(hc.actual_total, hc.authorized_total)}。"
            )
        text += f"年初预算收入{self.P('收入合计', 'budget')}，年末决算收入{self.P('收入合计', 'final')}；年末决算支出{self.P('支出合计', 'final')}。"
        self.para(text)

    def execution(self) -> None:
        rng = self.rng
        f, a = self.fin.lines["final"], self.fin.lines["adjusted"]
        if rng.random() < 0.6:
            self.para(
                f"{self.year}年全年预算数{self.P('支出合计', 'adjusted')}，实际支出{self.P('支出合计', 'final')}，"
                f"预算执行率为{self.pct(f['支出合计'], a['支出合计'])}。" + self._fill(rng.choice(vocab.EXECUTION_PARAS))
            )
        else:
            self.para(self._fill(rng.choice(vocab.EXECUTION_PARAS)))

    def project_results(self, per_project_paragraphs: bool = False) -> None:
        rng = self.rng
        projects = self.fin.projects
        if not projects:
            self.para(self._fill(rng.choice(vocab.OUTCOME_PARAS)))
            return
        if per_project_paragraphs:
            for p in projects:
                goal = rng.choice(self.kind.work)
                self.para(f"{p.name}完成情况：全年预算数{self.project_p(p, 'adjusted')}，实际支出{self.project_p(p, 'final')}，{goal}。")
            return
        for p in projects:
            self.truth.project_rating(p.name, p.score, p.grade)
            self.para(
                f"{p.name}：全年预算数{self.project_p(p, 'adjusted')}，执行数{self.project_p(p, 'final')}，"
                f"自评得分{fmt_score(p.score)}分，评价等级为{p.grade}。"
            )

    def conclusion(self, style: str | None = None) -> None:
        rng = self.rng
        style = style or rng.choice(["score_grade", "score_grade", "grade_only", "score_only"])
        self.features["prose"].append(f"conclusion:{style}")
        u = self.unit
        if style == "projects_grade" and self.fin.projects and all(p.grade == "优秀" for p in self.fin.projects):
            names = "、".join(p.name for p in self.fin.projects)
            for p in self.fin.projects:
                self.truth.project_rating(p.name, grade="优秀")
                if (p.name, "final") not in self.truth._projects:
                    self.project_p(p, "final")
            self.para(
                f"根据项目执行情况和绩效情况，评价工作组对{self.year}年度{names}等{count_cn(len(self.fin.projects))}个项目开展绩效评价，"
                f"均得分≥90分，评价等级为优秀。"
            )
            style = "score_grade"
        elif style == "projects_grade":
            style = "score_grade"
        if style == "score_grade":
            full = rng.random() < 0.4
            score = self.state_score(with_max=full)
            self.para(
                f"经综合评价，{u.self_ref}{self.year}年度部门整体支出绩效自评得分为{score}分{'（满分100分）' if full else ''}，"
                f"自评等级为“{self.state_grade()}”。"
            )
        elif style == "grade_only":
            self.para(f"结合{u.self_ref}财政资金的使用情况，认真组织开展整体支出绩效自评，自评等级“{self.state_grade()}”。")
        else:
            self.para(
                f"经{u.self_ref}自评小组讨论分析，对评价表各项分值进行打分，最后形成统一意见，评定本次自评{self.state_score()}分。"
            )

    def review_group(self, names: bool) -> None:
        rng = self.rng
        if not names:
            self.para(self._fill(rng.choice(vocab.GROUP_PARAS)))
            return
        people = [f"{self.person()}（{rng.choice(vocab.POSTS)}）" for _ in range(rng.randint(3, 5))]
        # the day the team was set up, some weeks before the report: not the report's date
        day = self.report_date - timedelta(days=rng.randint(10, 40))
        self.para(f"{day.year}年{day.month}月{day.day}日，{self.unit.self_ref}成立绩效评价小组，成员如下：{'、'.join(people)}。")

    # ---------------------------------------------------------------- findings
    def problems_section(self, level: int, title: str | None = None) -> None:
        rng = self.rng
        title = title or rng.choice(["存在的问题", "存在的主要问题", "存在的问题及原因分析"])
        self.H(level, title)
        self._findings("problem", vocab.PROBLEMS, vocab.PROBLEM_TITLES, lead=rng.choice(["存在不足和问题：", "", "主要存在以下问题："]))

    def measures_section(self, level: int, title: str | None = None, lead: str | None = None) -> None:
        rng = self.rng
        title = title or rng.choice(["改进措施", "措施和建议", "改进措施和有关建议", "下一步改进措施"])
        self.H(level, title)
        self._findings("measure", vocab.MEASURES, vocab.MEASURE_TITLES, lead=lead if lead is not None else rng.choice(["针对上述问题，", "", "下一步，"]))

    def _findings(self, kind: str, texts: tuple[str, ...], titles: tuple[str, ...], lead: str) -> None:
        rng = self.rng
        style = rng.choices(["numbered", "yishi", "none", "single"], weights=(50, 30, 10, 10))[0]
        self.features["prose"].append(f"{kind}:{style}")
        picks = rng.sample(range(len(texts)), rng.randint(2, 4))
        if style == "none":
            self.para(rng.choice(["无", "无。"]))
            return
        if style == "single":
            text = texts[picks[0]]
            self.truth.finding(kind, text)
            self.para(text + rng.choice(["。", ""]))
            return
        if style == "yishi":
            parts = [f"{cn(n)}是{texts[i]}" for n, i in enumerate(picks, 1)]
            for i in picks:
                self.truth.finding(kind, texts[i])
            self.para(lead + "；".join(parts) + "。")
            return
        marker = rng.choice(["N、", "N.", "（N）", "N．"])
        with_titles = rng.random() < 0.4
        for n, i in enumerate(picks, 1):
            text = f"{titles[i]}。{texts[i]}" if with_titles else texts[i]
            self.truth.finding(kind, text)
            self.para(f"{self.item_marker(marker, n)}{text}。")

    # ---------------------------------------------------------------- closing
    def signature(self) -> None:
        rng = self.rng
        if rng.random() < 0.15:
            return
        self.para(rng.choice([self.unit.name, self.unit.short_name]), indent_ok=False)
        if rng.random() < 0.9:
            self.para(self.date_text() + rng.choice(["", "", "        "]), indent_ok=False)

    def contact_line(self) -> None:
        rng = self.rng
        if rng.random() < 0.6:
            self.para(f"填表人：{self.person()}    联系电话：{self.phone()}    单位负责人签字：", indent_ok=False)
        else:
            self.para(f"联系人：{self.person()}，联系电话：{self.phone()}。", indent_ok=False)

    def attachments(self, numbered_names: bool = False) -> None:
        rng = self.rng
        contact = rng.random() < 0.7
        filler = f"填表人：{self.person()}              联系电话：{self.phone()}                 单位负责人签字：" if contact else None
        if self.base_table:
            self.para("附件1-1      " if numbered_names else "附件1", indent_ok=False)
            self.para("部门整体支出绩效评价基础数据表", indent_ok=False)
            tab = "\t" if rng.random() < 0.3 else ""  # Word sometimes leaves a tab at the end
            short = self.unit.short_name if rng.random() < 0.6 else self.unit.name
            self.para(f"填报单位：{short}      填报时间：{self.date_text()}       单位：{self.ts.unit}{tab}", indent_ok=False)
            self.base_data_table()
            self.para("说明：“公用经费”填报基本支出中的一般商品和服务支出；“项目支出”需要填报基本支出以外的所有项目支出情况，包括业务工作项目、运行维护项目和专项资金等。", indent_ok=False)
            if filler:
                self.para(filler, indent_ok=False)
        if self.eval_table:
            self.para("附件1-2 " if numbered_names else "附件2", indent_ok=False)
            self.para("部门整体支出绩效自评表", indent_ok=False)
            self.para(f"（ {self.year}年度）", indent_ok=False)
            self.para(f"填报单位（盖章）：                              填报时间：{self.date_text('dot')}", indent_ok=False)
            self.eval_table_block()
            if filler:
                self.para(filler, indent_ok=False)
