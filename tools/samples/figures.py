"""The money of one sample report: a consistent budget, and how the report writes amounts.

All amounts are integers of a report-wide quantum (the finest step every money style of
the report can write exactly), so a figure written in 万元 with two decimals and the same
figure written in 元 state the same value, and totals equal the sum of their parts in
every form the report prints them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
WAN = Decimal(10000)


@dataclass(frozen=True)
class MoneyStyle:
    unit: str  # '万元' or '元'
    decimals: int = 2
    strip: bool = False  # write 80.6 / 0 rather than 80.60 / 0.00 (Word's general format)
    thousands: bool = False  # 1,234,567.89 (元 only)

    @property
    def quantum(self) -> Decimal:
        """The smallest step in yuan this style writes exactly."""
        if self.unit == "万元":
            return Decimal(10) ** (4 - self.decimals)
        return CENT

    def number(self, yuan: Decimal) -> str:
        if self.unit == "万元":
            value = (yuan / WAN).quantize(Decimal(10) ** -self.decimals, rounding=ROUND_HALF_UP)
            text = f"{value:.{self.decimals}f}"
            if self.strip and "." in text:
                text = text.rstrip("0").rstrip(".")
            return text
        value = yuan.quantize(CENT, rounding=ROUND_HALF_UP)
        return f"{value:,.2f}" if self.thousands else f"{value:.2f}"

    def stated(self, yuan: Decimal) -> Decimal:
        """The amount in yuan that the written number states."""
        text = self.number(yuan).replace(",", "")
        value = Decimal(text) * (WAN if self.unit == "万元" else 1)
        return value.quantize(CENT)

    def prose(self, yuan: Decimal, short_unit: bool = False) -> str:
        unit = "万" if (short_unit and self.unit == "万元") else self.unit
        return self.number(yuan) + unit


def percent(part: Decimal, whole: Decimal, decimals: int = 2, strip: bool = True) -> str:
    if not whole:
        return "0%"
    value = (part * 100 / whole).quantize(Decimal(10) ** -decimals, rounding=ROUND_HALF_UP)
    text = f"{value:.{decimals}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """Split a non-negative integer into parts proportional to weights (exact sum)."""
    if total < 0:
        raise ValueError("negative total")
    if not weights:
        return []
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(x) for x in raw]
    rest = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in order[:rest]:
        parts[i] += 1
    return parts


# economic-class detail lines (canonical names) and their usual weights
WAGE_LINES = (
    ("基本工资", 30),
    ("津贴补贴", 22),
    ("奖金", 6),
    ("绩效工资", 8),
    ("机关事业单位基本养老保险缴费", 9),
    ("职业年金缴费", 3),
    ("职工基本医疗保险缴费", 5),
    ("其他社会保障缴费", 1),
    ("住房公积金", 7),
    ("其他工资福利支出", 2),
)
FAMILY_LINES = (
    ("退休费", 6),
    ("生活补助", 2),
    ("医疗费补助", 1),
    ("奖励金", 1),
    ("其他对个人和家庭的补助", 1),
)
GOODS_LINES = (
    ("办公费", 14),
    ("印刷费", 4),
    ("邮电费", 2),
    ("水费", 1),
    ("电费", 3),
    ("物业管理费", 5),
    ("差旅费", 5),
    ("维修（护）费", 6),
    ("会议费", 2),
    ("培训费", 3),
    ("公务接待费", 1),
    ("劳务费", 5),
    ("委托业务费", 6),
    ("工会经费", 3),
    ("福利费", 2),
    ("公务用车运行维护费", 3),
    ("其他交通费用", 5),
    ("其他商品和服务支出", 10),
)
# always present when the report lists details: the 三公 parts must be found among them
_GOODS_CORE = ("办公费", "公务接待费", "其他商品和服务支出")

CLASS_WAGES = "工资福利支出"
CLASS_GOODS = "商品和服务支出"
CLASS_FAMILY = "对个人和家庭的补助"
CLASS_CAPITAL = "资本性支出"
CLASSES = (CLASS_WAGES, CLASS_GOODS, CLASS_FAMILY, CLASS_CAPITAL)


@dataclass
class Project:
    name: str
    budget: int
    adjusted: int
    final: int
    prior_final: int | None
    score: float | None = None
    grade: str | None = None


@dataclass
class Headcount:
    authorized: dict[str, int]  # administrative / institutional / logistics
    actual: dict[str, int]
    retired: int

    @property
    def authorized_total(self) -> int:
        return sum(self.authorized.values())

    @property
    def actual_total(self) -> int:
        return sum(self.actual.values())


@dataclass
class Finance:
    """One report's money, in integer multiples of `quantum` yuan."""

    quantum: Decimal
    # summary lines by phase: {'final': {'支出合计': n, ...}, 'budget': {...}, ...}
    lines: dict[str, dict[str, int]] = field(default_factory=dict)
    # economic classes of final spending: {(class, 'basic'|'project'): n}
    econ: dict[tuple[str, str], int] = field(default_factory=dict)
    wage_details: dict[str, int] = field(default_factory=dict)  # basic, final
    family_details: dict[str, int] = field(default_factory=dict)
    goods_details: dict[str, int] = field(default_factory=dict)
    # 三公 by phase: {'final': {'因公出国（境）费': n, '公务用车购置费': n, ...}}
    three_public: dict[str, dict[str, int]] = field(default_factory=dict)
    projects: list[Project] = field(default_factory=list)
    procurement: dict[str, int] = field(default_factory=dict)  # 政府采购金额 by phase

    def yuan(self, units: int) -> Decimal:
        return (self.quantum * units).quantize(CENT)

    def get(self, phase: str, line: str) -> int:
        return self.lines[phase][line]


THREE_PUBLIC_PARTS = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")


def make_headcount(rng: random.Random, scale: float) -> Headcount:
    admin = max(3, round(rng.randint(5, 16) * scale))
    inst = rng.choice([0, 0, rng.randint(2, 12)])
    logistics = rng.choice([0, 0, 1, 2, 3])
    authorized = {"administrative": admin, "institutional": inst, "logistics": logistics}
    actual = {
        "administrative": max(1, admin - rng.choice([0, 0, 1, 2])),
        "institutional": max(0, inst - rng.choice([0, 1, 2])) if inst else 0,
        "logistics": logistics + rng.choice([0, 0, 1]) if logistics else 0,
    }
    retired = rng.choice([0, 0, rng.randint(1, 8), rng.randint(3, 20)])
    return Headcount(authorized, actual, retired)


def make_finance(
    rng: random.Random,
    quantum: Decimal,
    headcount: Headcount,
    project_names: list[str],
    scale: float,
    *,
    balanced: bool = False,
    with_projects: bool = True,
) -> Finance:
    """A consistent budget: parts sum to totals in every phase.

    balanced: no carry-over in or out (income final = spending final), which a report
    needs when a table gives 年度资金总额 (income) with a 全年执行数 (spending).
    """
    q = quantum

    def units(yuan: float) -> int:
        return max(0, int(Decimal(str(round(yuan, 2))) / q))

    fin = Finance(quantum=q)
    staff = headcount.actual_total
    # personnel: wages from staff, family support mostly for the retired
    wages = units(staff * rng.uniform(95000, 165000))
    family = units(headcount.retired * rng.uniform(8000, 30000) + rng.choice([0, staff * rng.uniform(500, 3000)]))
    personnel = wages + family
    goods_basic = units(float(fin.yuan(personnel)) * rng.uniform(0.12, 0.45)) if personnel else units(50000)
    basic = personnel + goods_basic

    project_share = rng.choice([0.0, 0.1, 0.25, 0.4, 0.6]) if with_projects else 0.0
    if project_names and project_share == 0.0 and with_projects:
        project_share = 0.2
    project = units(float(fin.yuan(basic)) * project_share / max(1e-9, 1 - project_share) * scale)
    if not project_names:
        project = 0

    # project spending by class: goods and services and capital only
    capital_p = split(rng, project, [rng.uniform(0, 0.35), 1])[0] if project else 0
    goods_p = project - capital_p
    fin.econ = {
        (CLASS_WAGES, "basic"): wages,
        (CLASS_GOODS, "basic"): goods_basic,
        (CLASS_FAMILY, "basic"): family,
        (CLASS_CAPITAL, "basic"): 0,
        (CLASS_WAGES, "project"): 0,
        (CLASS_GOODS, "project"): goods_p,
        (CLASS_FAMILY, "project"): 0,
        (CLASS_CAPITAL, "project"): capital_p,
    }

    # details of basic spending
    wage_lines = [name for name, _ in WAGE_LINES if name in ("基本工资", "津贴补贴", "住房公积金") or rng.random() < 0.7]
    fin.wage_details = dict(zip(wage_lines, split(rng, wages, [dict(WAGE_LINES)[n] * rng.uniform(0.7, 1.3) for n in wage_lines])))
    if family:
        fam_lines = ["退休费"] if headcount.retired else []
        fam_lines += [n for n, _ in FAMILY_LINES[1:] if rng.random() < 0.5] or ["生活补助"]
        fin.family_details = dict(zip(fam_lines, split(rng, family, [dict(FAMILY_LINES)[n] * rng.uniform(0.7, 1.3) for n in fam_lines])))
    goods_lines = [n for n, _ in GOODS_LINES if n in _GOODS_CORE or rng.random() < 0.55]
    # 三公 need a car line only when there is a car
    has_car = rng.random() < 0.55
    if has_car and "公务用车运行维护费" not in goods_lines:
        goods_lines.append("公务用车运行维护费")
    if not has_car and "公务用车运行维护费" in goods_lines:
        goods_lines.remove("公务用车运行维护费")
    goods_lines.sort(key=[n for n, _ in GOODS_LINES].index)
    weights = []
    for name in goods_lines:
        w = dict(GOODS_LINES)[name] * rng.uniform(0.6, 1.4)
        if name == "公务接待费":
            w = rng.uniform(0.05, 1.2)
        weights.append(w)
    fin.goods_details = dict(zip(goods_lines, split(rng, goods_basic, weights)))

    # summary lines, final
    total = basic + project
    carry_in = 0 if balanced or rng.random() < 0.45 else units(float(fin.yuan(total)) * rng.uniform(0.005, 0.08))
    carry_out = 0 if balanced or rng.random() < 0.5 else units(float(fin.yuan(total)) * rng.uniform(0.003, 0.05))
    other = 0 if rng.random() < 0.75 else units(float(fin.yuan(total)) * rng.uniform(0.002, 0.03))
    income = total + carry_out
    fiscal = income - carry_in - other
    if fiscal <= 0:
        carry_in, other, fiscal = 0, 0, income
    fin.lines["final"] = {
        "收入合计": income,
        "年初结转和结余": carry_in,
        "财政拨款收入": fiscal,
        "事业收入": 0,
        "经营收入": 0,
        "其他收入": other,
        "支出合计": total,
        "基本支出": basic,
        "人员经费": personnel,
        "公用经费": goods_basic,
        "项目支出": project,
        "经营支出": 0,
        "年末结转和结余": carry_out,
    }

    # budget (年初预算): no carry-over, income = fiscal = spending
    personnel_b = units(float(fin.yuan(personnel)) * rng.uniform(0.86, 1.02))
    public_b = units(float(fin.yuan(goods_basic)) * rng.uniform(0.8, 1.1))
    project_b = units(float(fin.yuan(project)) * rng.uniform(0.3, 1.05)) if project else 0
    basic_b = personnel_b + public_b
    total_b = basic_b + project_b
    fin.lines["budget"] = {
        "收入合计": total_b,
        "年初结转和结余": 0,
        "财政拨款收入": total_b,
        "其他收入": 0,
        "支出合计": total_b,
        "基本支出": basic_b,
        "人员经费": personnel_b,
        "公用经费": public_b,
        "项目支出": project_b,
        "年末结转和结余": 0,
    }
    # adjusted (全年预算): a little above what was spent
    basic_a = basic + units(float(fin.yuan(basic)) * rng.choice([0, rng.uniform(0.001, 0.03)]))
    project_a = project + (units(float(fin.yuan(project)) * rng.choice([0, rng.uniform(0.002, 0.06), rng.uniform(0.01, 0.1)])) if project else 0)
    total_a = basic_a + project_a
    fin.lines["adjusted"] = {
        "收入合计": total_a,
        "财政拨款收入": total_a,
        "支出合计": total_a,
        "基本支出": basic_a,
        "项目支出": project_a,
    }
    # prior year's final accounts
    basic_p = units(float(fin.yuan(basic)) * rng.uniform(0.85, 1.1))
    project_p = units(float(fin.yuan(project)) * rng.uniform(0.4, 1.4)) if project else units(float(fin.yuan(basic)) * rng.choice([0, 0.1]))
    fin.lines["prior_final"] = {"支出合计": basic_p + project_p, "基本支出": basic_p, "项目支出": project_p}

    # 三公: the final parts are the goods details of the same name
    reception = fin.goods_details.get("公务接待费", 0)
    car_run = fin.goods_details.get("公务用车运行维护费", 0)
    fin.three_public["final"] = {
        "因公出国（境）费": 0,
        "公务用车购置费": 0,
        "公务用车运行维护费": car_run,
        "公务接待费": reception,
    }
    fin.three_public["budget"] = {
        "因公出国（境）费": 0,
        "公务用车购置费": 0,
        "公务用车运行维护费": units(float(fin.yuan(car_run)) * rng.uniform(1.0, 1.2)) if car_run else 0,
        "公务接待费": units(float(fin.yuan(reception)) * rng.uniform(1.0, 1.5)),
    }
    fin.three_public["prior_final"] = {
        "因公出国（境）费": 0,
        "公务用车购置费": 0,
        "公务用车运行维护费": units(float(fin.yuan(car_run)) * rng.uniform(0.8, 1.3)) if car_run else 0,
        "公务接待费": rng.choice([0, units(float(fin.yuan(reception)) * rng.uniform(0.6, 1.6))]),
    }

    # projects: parts of project spending in each phase
    if project and project_names:
        n = len(project_names)
        finals = split(rng, project, [rng.uniform(0.3, 1.5) for _ in range(n)])
        slack = split(rng, project_a - project, [rng.uniform(0.1, 1) for _ in range(n)])
        # a project added during the year has no budget at the start
        fresh = [i for i in range(n) if rng.random() < 0.25][: max(0, n - 1)]
        budget_w = [0.0 if i in fresh else finals[i] * rng.uniform(0.5, 1.2) + 1 for i in range(n)]
        budgets = split(rng, project_b, budget_w)
        priors = [None if rng.random() < 0.4 else units(float(fin.yuan(f)) * rng.uniform(0.6, 1.3)) for f in finals]
        fin.projects = [
            Project(name, budgets[i], finals[i] + slack[i], finals[i], priors[i])
            for i, name in enumerate(project_names)
        ]
    proc = units(float(fin.yuan(goods_basic + capital_p)) * rng.uniform(0.05, 0.4))
    fin.procurement = {
        "final": proc,
        "budget": units(float(fin.yuan(proc)) * rng.uniform(0.9, 1.3)),
        "prior_final": units(float(fin.yuan(proc)) * rng.uniform(0.6, 1.4)),
    }
    _check(fin)
    return fin


def _check(fin: Finance) -> None:
    f = fin.lines["final"]
    assert f["收入合计"] == f["年初结转和结余"] + f["财政拨款收入"] + f["事业收入"] + f["经营收入"] + f["其他收入"]
    assert f["支出合计"] == f["基本支出"] + f["项目支出"]
    assert f["基本支出"] == f["人员经费"] + f["公用经费"]
    assert f["收入合计"] - f["支出合计"] == f["年末结转和结余"]
    assert f["人员经费"] == fin.econ[(CLASS_WAGES, "basic")] + fin.econ[(CLASS_FAMILY, "basic")]
    assert f["公用经费"] == fin.econ[(CLASS_GOODS, "basic")] + fin.econ[(CLASS_CAPITAL, "basic")]
    assert f["项目支出"] == sum(v for (c, t), v in fin.econ.items() if t == "project")
    assert sum(fin.wage_details.values()) == fin.econ[(CLASS_WAGES, "basic")]
    assert sum(fin.family_details.values()) == fin.econ[(CLASS_FAMILY, "basic")]
    assert sum(fin.goods_details.values()) == fin.econ[(CLASS_GOODS, "basic")]
    for phase in ("budget", "adjusted"):
        p = fin.lines[phase]
        assert p["支出合计"] == p["基本支出"] + p["项目支出"]
    if fin.projects:
        assert sum(p.final for p in fin.projects) == f["项目支出"]
        assert sum(p.budget for p in fin.projects) == fin.lines["budget"]["项目支出"]
        assert sum(p.adjusted for p in fin.projects) == fin.lines["adjusted"]["项目支出"]
