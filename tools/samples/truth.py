"""What a sample report states: every fact the composer writes, recorded as it is written.

The composer never writes a figure without recording it here, and a fact written twice
(prose repeating a table) must state the same value: a second, different value for the
same key is a bug in the composer and raises, so the truth never holds a conflict.

Conventions of the truth (what a careful reader records):
- budget rows: one per (line_name, phase, spending_type); `amount_yuan` is the value the
  text states, in yuan with two decimals, as a string. Stated zeros are facts too.
  `canonical` says whether line_name is a line of budget_lines.csv; otherwise it is the
  cleaned text of the row label. spending_type is set only from a table whose columns
  split economic classes between basic and project spending (财政拨款—基本支出 /
  财政拨款—项目支出); prose that lists economic classes inside 基本支出 gives them
  without spending_type. A 合计 row of such a table states 基本支出 / 项目支出.
- The collapsed 按收入性质分 / 按支出性质分 block of a 自评表 repeats the 年初预算数
  column: its figures are phase 'budget'. 年度资金总额 is 收入合计 (budget_lines.csv's
  alias) and the report then has no carry-over, so it equals spending in every phase.
- projects: one row per (project_name, fund_source, phase) stated (fund_source 'total'
  unless a project form splits the money into 财政拨款 / 上年结转 / 其他资金); a project's
  stated score and grade are repeated on each of its rows, a fund's stated 执行率 (in
  percent) on its 'final' row.
- headcount: one row per (measure, staff_type) stated; 在职 is 'actual'.
- indicators: one row per indicator line of the 自评表 that names a level-3 indicator;
  level names cleaned (line breaks, spaces and score notes removed); weight and score
  None when the cells are blank.
- findings: the items' words without their numbering ('1、', '一是') and without the
  trailing '。' or '；'; '无' gives no item.
- planted_phones: mobile numbers the text holds (contact lines); no other truth field
  contains them.
"""

from __future__ import annotations

from decimal import Decimal


class TruthConflict(AssertionError):
    pass


class Truth:
    def __init__(self) -> None:
        self.meta: dict = {}
        self._budget: dict[tuple, dict] = {}
        self._projects: dict[tuple, Decimal | None] = {}
        self._project_score: dict[str, float] = {}
        self._project_grade: dict[str, str] = {}
        self._project_rate: dict[tuple[str, str], float] = {}
        self._headcount: dict[tuple, int] = {}
        self.indicators: list[dict] = []
        self.findings: dict[str, list[str]] = {"problem": [], "measure": []}
        self.phones: list[str] = []

    # ------------------------------------------------------------------ facts
    def budget(self, line: str, phase: str, yuan: Decimal, spending_type: str | None = None, canonical: bool = True) -> None:
        key = (line, phase, spending_type)
        amount = f"{yuan.quantize(Decimal('0.01'))}"
        row = {
            "line_name": line,
            "phase": phase,
            "spending_type": spending_type,
            "amount_yuan": amount,
            "canonical": canonical,
        }
        old = self._budget.get(key)
        if old is not None and old["amount_yuan"] != amount:
            raise TruthConflict(f"{key}: stated {old['amount_yuan']} and {amount}")
        self._budget.setdefault(key, row)

    def project(self, name: str, phase: str, yuan: Decimal | None, fund_source: str = "total") -> None:
        key = (name, fund_source, phase)
        amount = None if yuan is None else f"{yuan.quantize(Decimal('0.01'))}"
        if key in self._projects and self._projects[key] != amount:
            raise TruthConflict(f"project {key}: stated {self._projects[key]} and {amount}")
        self._projects[key] = amount

    def project_rate(self, name: str, fund_source: str, percent: float) -> None:
        if self._project_rate.setdefault((name, fund_source), percent) != percent:
            raise TruthConflict(f"project {name} {fund_source}: two stated rates")

    def project_rating(self, name: str, score: float | None = None, grade: str | None = None) -> None:
        if score is not None:
            if self._project_score.get(name, score) != score:
                raise TruthConflict(f"project {name}: two scores")
            self._project_score[name] = score
        if grade is not None:
            if self._project_grade.get(name, grade) != grade:
                raise TruthConflict(f"project {name}: two grades")
            self._project_grade[name] = grade

    def headcount(self, measure: str, staff_type: str, n: int) -> None:
        key = (measure, staff_type)
        if self._headcount.get(key, n) != n:
            raise TruthConflict(f"headcount {key}: stated {self._headcount[key]} and {n}")
        self._headcount[key] = n

    def finding(self, kind: str, text: str) -> None:
        self.findings[kind].append(text)

    def phone(self, number: str) -> None:
        if number not in self.phones:
            self.phones.append(number)

    def set(self, key: str, value) -> None:
        old = self.meta.get(key)
        if old is not None and value is not None and old != value:
            raise TruthConflict(f"{key}: stated {old!r} and {value!r}")
        if value is not None or key not in self.meta:
            self.meta[key] = value

    def unit(self, name: str, unit, year: int) -> None:
        """The reporting unit (named as the document states it), its place and the fiscal year."""
        d = unit.division
        for key, value in (("unit_name", name), ("province", d.province), ("city", d.city), ("county", d.county),
                           ("admin_code", d.admin_code), ("admin_level", unit.admin_level), ("fiscal_year", year)):
            self.set(key, value)

    # ------------------------------------------------------------------ output
    def as_dict(self) -> dict:
        projects = [
            {
                "project_name": name,
                "fund_source": source,
                "phase": phase,
                "amount_yuan": amount,
                "execution_rate_stated": self._project_rate.get((name, source)) if phase == "final" else None,
                "score": self._project_score.get(name),
                "grade": self._project_grade.get(name),
            }
            for (name, source, phase), amount in self._projects.items()
        ]
        rated = {name for name, _, _ in self._projects}
        missing = (set(self._project_score) | set(self._project_grade)) - rated
        if missing:
            raise TruthConflict(f"rated projects with no stated amount: {sorted(missing)}")
        out = dict(self.meta)
        out["budget"] = list(self._budget.values())
        out["projects"] = projects
        out["headcount"] = [
            {"measure": m, "staff_type": t, "headcount": n} for (m, t), n in self._headcount.items()
        ]
        out["indicators"] = list(self.indicators)
        out["finding_counts"] = {kind: len(items) for kind, items in self.findings.items()}
        out["findings"] = {kind: list(items) for kind, items in self.findings.items()}
        out["planted_phones"] = list(self.phones)
        return out
