"""Reconciliation checks on one report's facts: does the report agree with itself?

Each failed check is a row for fct_data_quality saying what was expected, what was
observed, and where. Checks compare only figures the report states; a part it does not
state is never assumed to be zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.extract.headcount import HeadcountFact
from pipelines.extract.indicators import IndicatorRow
from pipelines.extract.money import MoneyFact
from pipelines.normalize.phases import phase_of
from pipelines.extract.tables import iter_blocks
from pipelines.normalize.lines import canonical_lines, match_line, parts_of
from pipelines.normalize.numbers import halfwidth, parse_cell_money, parse_percent
from pipelines.normalize.rules import rules
from pipelines.normalize.text import squash

# patterns of the functions below, compiled once at import
_ROW_AND_AFTER = re.compile(r" row .*")


@dataclass
class Check:
    check_name: str
    severity: str
    message: str
    expected: str | None
    observed: str | None
    source_locator: str | None


def resolve(money: list[MoneyFact]) -> dict[tuple, MoneyFact]:
    """The figure the marts keep for each (line, phase, spending type): by the seed
    source_ranks (a table first), then the first in the document, as the ranking models do."""
    kept: dict[tuple, MoneyFact] = {}
    for fact in sorted(money, key=lambda f: rules().source_rank(f.source_kind)):
        if fact.kind == "budget":
            kept.setdefault((fact.name, fact.phase, fact.spending_type), fact)
    return kept


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f} 元"


def _tolerance(total: Decimal, parts: int) -> Decimal:
    """The seeds' tolerance (pipelines/normalize/rules.py), shared with the dbt tests."""
    return rules().tolerance(total, parts)


def sum_checks(kept: dict[tuple, MoneyFact]) -> list[Check]:
    checks = []
    for (line, phase, spending_type), total in kept.items():
        parts, complete = _stated_parts(line, (phase, spending_type), kept)
        stated = sum(p.amount_yuan for p in parts)
        gap = stated - total.amount_yuan
        if not parts or abs(gap) <= _tolerance(total.amount_yuan, len(parts)):
            continue
        if gap < 0 and not _complete_enough(line, total, parts, complete):
            continue
        names = "+".join(p.name for p in parts)
        # unstated parts make a shortfall a warning; parts above their total are an error
        checks.append(
            Check(
                f"sum_of_parts:{line}",
                "error" if gap > 0 else "warning",
                f"{line} ({phase}{', ' + spending_type if spending_type else ''}) is {_yuan(total.amount_yuan)} "
                f"but its stated parts {names} add up to {_yuan(stated)}",
                _yuan(total.amount_yuan),
                _yuan(stated),
                total.locator,
            )
        )
    return checks + _split_checks(kept)


def _stated_parts(line: str, rest: tuple, kept: dict[tuple, MoneyFact]) -> tuple[list[MoneyFact], bool]:
    """The parts of a line the report states, and whether its required parts are all there.
    A part left unstated may stand in by its own parts when the contract lists them
    (三公经费 = 出国 + 接待 + 公务用车运行维护费 when 购置及运行维护费 is not given)."""
    found: list[MoneyFact] = []
    represented: set[str] = set()
    for part in parts_of(line):
        fact = kept.get((part, *rest))
        if fact is not None:
            found.append(fact)
            represented.add(part)
            continue
        subparts = [kept[(sub, *rest)] for sub in rules().breakdowns.get(part, []) if (sub, *rest) in kept]
        found.extend(subparts)
        if subparts:
            represented.add(part)
    # parts that must all be stated before a shortfall means anything (the others, such as
    # 经营支出, are usually zero and left out)
    return found, set(rules().required.get(line, [])) <= represented


def _complete_enough(line: str, total: MoneyFact, parts: list[MoneyFact], complete: bool) -> bool:
    """Whether a shortfall means something: the contract's breakdowns with every part stated,
    or economic classes read from one detail table with its own total (prose lists a few)."""
    if len(parts) < 2:
        return False
    if line in rules().breakdowns:
        return complete
    tables = {_ROW_AND_AFTER.sub("", p.locator) for p in [*parts, total]}
    return len(tables) == 1 and "table" in next(iter(tables))


def _split_checks(kept: dict[tuple, MoneyFact]) -> list[Check]:
    """A total stated beside a table that splits it into basic and project spending."""
    checks = []
    for (line, phase, spending_type), total in kept.items():
        halves = [kept.get((line, phase, kind)) for kind in ("basic", "project")]
        if spending_type is not None or not all(halves):
            continue
        stated = sum(h.amount_yuan for h in halves)
        if abs(stated - total.amount_yuan) > _tolerance(total.amount_yuan, 2):
            checks.append(
                Check(
                    f"basic_plus_project:{line}",
                    "warning",
                    f"{line} ({phase}) is stated as {_yuan(total.amount_yuan)}, its basic and project "
                    f"parts add up to {_yuan(stated)}",
                    _yuan(total.amount_yuan),
                    _yuan(stated),
                    total.locator,
                )
            )
    return checks


def projects_check(money: list[MoneyFact], kept: dict[tuple, MoneyFact]) -> list[Check]:
    """Named projects of a phase must fit in the 项目支出 of that phase."""
    checks = []
    for phase in ("budget", "adjusted", "final"):
        projects = {f.name: f for f in money if f.kind == "project" and f.phase == phase}
        total = kept.get(("项目支出", phase, None))
        if not projects or total is None:
            continue
        stated = sum(p.amount_yuan for p in projects.values())
        if stated > total.amount_yuan + _tolerance(total.amount_yuan, len(projects)):
            checks.append(
                Check(
                    "projects_within_project_spending",
                    "warning",
                    f"the named projects ({phase}) add up to {_yuan(stated)}, more than 项目支出 "
                    f"{_yuan(total.amount_yuan)}",
                    f"<= {_yuan(total.amount_yuan)}",
                    _yuan(stated),
                    next(iter(projects.values())).locator,
                )
            )
    return checks


# ---------------------------------------------------------------- percentages

_PROSE_SHARE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万元|元|亿元)\s*[,，]?\s*占(?P<of>[^,，。;；%]{0,12}?)的?\s*(?P<pct>\d+(?:\.\d+)?)\s*%"
)


def percent_checks(document: Document, money: list[MoneyFact], kept: dict[tuple, MoneyFact]) -> list[Check]:
    checks: list[Check] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            checks.extend(_prose_shares(block, money, kept))
        else:
            checks.extend(_table_rates(block, money))
    return checks


def _share_check(name: str, stated: Decimal, part: Decimal, whole: Decimal, locator: str, what: str):
    if whole == 0:
        return None
    computed = part / whole * 100
    # a percentage rounded to whole or two decimals: allow half a point (the rules' share_points)
    if abs(computed - stated) <= rules().share_points:
        return None
    return Check(
        name, "warning", f"{what}: stated {stated}%, the stated amounts give {computed:.2f}%",
        f"{computed:.2f}%", f"{stated}%", locator,
    )


def _prose_shares(paragraph: Paragraph, money: list[MoneyFact], kept) -> list[Check]:
    text = halfwidth(paragraph.text)
    matches = list(_PROSE_SHARE.finditer(text))
    if not matches:
        return []
    # the fact read from the very figure the share follows
    by_offset = {f.offset: f for f in money if f.locator == paragraph.locator and f.kind == "budget"}
    checks = []
    for match in matches:
        part = by_offset.get(match.start("num"))
        if part is None:
            continue
        of = match["of"].strip()
        whole_line = match_line(of) if of else _parent_total(part.name)
        whole = kept.get((whole_line, part.phase, None)) if whole_line else None
        if whole is None:
            continue
        check = _share_check(
            "stated_share", Decimal(match["pct"]), part.amount_yuan, whole.amount_yuan, paragraph.locator,
            f"{part.name} as a share of {whole_line}",
        )
        if check:
            checks.append(check)
    return checks


def _parent_total(line: str) -> str | None:
    for parent, parts in rules().breakdowns.items():
        if line in parts:
            return parent
    info = canonical_lines().get(line)
    return info.parent if info else None


def _table_rates(table: Table, money: list[MoneyFact]) -> list[Check]:
    """执行率 columns and 差异率 rows against the amounts beside them."""
    checks = []
    for header, data_rows in iter_blocks(table.rows):
        labels = {c: squash("".join(header.labels(c))) for c in range(len(header.grid[0]))} if header.grid else {}
        for r in data_rows:
            row = table.rows[r]
            amounts = {c: parse_cell_money(cell) for c, cell in enumerate(row)}
            for c, cell in enumerate(row):
                stated = parse_percent(cell)
                if stated is None or stated[0]:
                    continue
                label = labels.get(c, "")
                if "执行率" in label:
                    check = _execution_rate(labels, amounts, c, stated[1], table.locator(r, c))
                    if check:
                        checks.append(check)
        checks.extend(_difference_rows(table, header, data_rows))
    return checks


def _execution_rate(labels, amounts, col, stated, locator):
    by_phase = {phase_of(label): amounts.get(c) for c, label in labels.items() if c < col and amounts.get(c)}
    final = by_phase.get("final")
    budget = by_phase.get("adjusted") or by_phase.get("budget")
    if not final or not budget:
        return None
    return _share_check("stated_rate:执行率", stated, final[0], budget[0], locator, "执行率 (执行数 / 预算数)")


def _difference_rows(table: Table, header, data_rows) -> list[Check]:
    rows = {squash(table.rows[r][0]): r for r in data_rows if table.rows[r]}
    budget_row = next((r for key, r in rows.items() if phase_of(key) == "budget"), None)
    final_row = next((r for key, r in rows.items() if phase_of(key) == "final"), None)
    rate_row = next((r for key, r in rows.items() if "差异率" in key), None)
    if None in (budget_row, final_row, rate_row):
        return []
    checks = []
    for c, cell in enumerate(table.rows[rate_row]):
        stated = parse_percent(cell)
        budget = parse_cell_money(_cell(table, budget_row, c))
        final = parse_cell_money(_cell(table, final_row, c))
        if stated is None or not budget or not final or budget[0] == 0:
            continue
        check = _share_check(
            "stated_rate:差异率", stated[1], final[0] - budget[0], budget[0], table.locator(rate_row, c),
            f"差异率 of {'/'.join(header.labels(c))} ((决算 − 预算) / 预算)",
        )
        if check:
            checks.append(check)
    return checks


def _cell(table: Table, row: int, col: int) -> str:
    cells = table.rows[row]
    return cells[col] if col < len(cells) else ""


# ---------------------------------------------------------------- scores, staff, dates


def indicator_checks(rows: list[IndicatorRow], score, max_score, execution=None) -> list[Check]:
    """`execution` is the (weight, score) of a 预算执行 row outside the indicator block, which
    some forms count in the total and others do not."""
    checks = []
    for row in rows:
        if row.score is not None and row.weight is not None and row.score > row.weight:
            checks.append(Check("score_above_weight", "error",
                                f"indicator '{row.level3}' scores {row.score} of a weight of {row.weight}",
                                f"<= {row.weight}", str(row.score), row.locator))
    scored = [r.score for r in rows if r.score is not None]
    weights = [r.weight for r in rows if r.weight is not None]
    extra_weight, extra_score = execution or (None, None)
    if scored and score is not None and _off(sum(scored), score, extra_score):
        checks.append(Check("indicator_scores_sum", "warning",
                            f"the indicator scores add up to {sum(scored):g}, the stated total is {score:g}",
                            f"{score:g}", f"{sum(scored):g}", rows[0].locator))
    if weights and max_score is not None and _off(sum(weights), max_score, extra_weight):
        checks.append(Check("indicator_weights_sum", "warning",
                            f"the indicator weights add up to {sum(weights):g}, the stated maximum is {max_score:g}",
                            f"{max_score:g}", f"{sum(weights):g}", rows[0].locator))
    # a stated grade against its score band is checked in the marts (fct_data_quality)
    return checks + _level_point_checks(rows)


def _off(total: float, stated: float, extra: float | None) -> bool:
    tolerance = float(rules().score_points)
    return abs(total - stated) > tolerance and (extra is None or abs(total + extra - stated) > tolerance)


def _level_point_checks(rows: list[IndicatorRow]) -> list[Check]:
    """'效益指标（30分）' against the weights listed under it."""
    checks = []
    firsts = {}
    for row in rows:
        if row.level1_points:
            firsts.setdefault(row.level1, (row.level1_points, row.locator))
    for level1, (points, locator) in firsts.items():
        weights = [r.weight for r in rows if r.level1 == level1 and r.weight is not None]
        if weights and abs(sum(weights) - points) > float(rules().score_points):
            checks.append(Check("indicator_level_points", "warning",
                                f"{level1} is marked {points:g} points but its weights add up to {sum(weights):g}",
                                f"{points:g}", f"{sum(weights):g}", locator))
    return checks


def headcount_checks(facts: list[HeadcountFact]) -> list[Check]:
    counts: dict[tuple[str, str], HeadcountFact] = {}
    for fact in facts:
        counts.setdefault((fact.measure, fact.staff_type), fact)
    checks = []
    for (measure, staff_type), actual in counts.items():
        if measure != "actual":
            continue
        authorized = counts.get(("authorized", staff_type))
        if authorized is None and staff_type == "total":
            parts = [f.headcount for (m, s), f in counts.items() if m == "authorized" and s != "total"]
            authorized_count = sum(parts) if parts else None
        else:
            authorized_count = authorized.headcount if authorized else None
        if authorized_count is not None and actual.headcount > authorized_count:
            checks.append(Check("actual_above_authorized", "warning",
                                f"{actual.headcount} {staff_type} staff in post but {authorized_count} posts authorized",
                                f"<= {authorized_count}", str(actual.headcount), actual.locator))
    return checks


def date_checks(fiscal_year: int | None, report_date: date | None) -> list[Check]:
    if fiscal_year is None or report_date is None:
        return []
    if report_date.year in (fiscal_year, fiscal_year + 1):
        return []
    return [Check("year_against_report_date", "warning",
                  f"a report on {fiscal_year} dated {report_date.isoformat()}",
                  f"{fiscal_year} or {fiscal_year + 1}", str(report_date.year), None)]
