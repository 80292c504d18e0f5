"""The reconciliation rules, in one place for both sides: the dbt seeds that the Python
checks (pipelines/extract/checks.py) and the dbt tests and models read alike.

- `reconciliation_rules.csv`: which lines a line is the sum of (total_line, part_line), and
  which parts must all be stated before a shortfall means anything (required);
- `check_tolerances.csv`: how far a sum may be off: each figure rounded to 0.01 万元 may be
  50 元 off, so a total and its n parts by 50 × (n + 1) 元, or 0.1% of the total if larger; a
  stated percentage from the one its amounts give (half a point); points from their score;
- `check_formulas.csv`: how those tolerances combine for a sum (`sum_tolerance`), one
  expression that the dbt test runs as SQL and `Rules.tolerance` evaluates here;
- `grade_bands.csv`: the grade a score earns, by its share of the maximum (dim_report);
- `source_ranks.csv`: which statement of a figure stated twice is kept (a table before
  prose, then the first in the file): the ranking models keep it, and the checks check it.

Change a rule there and both the extraction's checks (fct_data_quality) and the dbt test
`assert_budget_totals_reconcile` change their verdict; the extraction cache's code version
covers the seeds, so every file is checked again under the new rule.
"""

from __future__ import annotations

import ast
import csv
import operator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


@dataclass(frozen=True)
class Rules:
    breakdowns: dict[str, list[str]]  # total line -> its parts, in the seed's order
    required: dict[str, list[str]]  # total line -> the parts that must be stated
    per_figure_yuan: Decimal
    relative: Decimal
    share_points: Decimal  # a stated percentage against the one its amounts give
    score_points: Decimal  # points against the score or maximum they add up to
    source_ranks: dict[str, int]  # source_kind -> rank, lower kept first
    sum_tolerance: str  # the expression of check_formulas.csv

    def source_rank(self, source_kind: str) -> int:
        return self.source_ranks.get(source_kind, 99)

    def tolerance(self, total: Decimal, parts: int) -> Decimal:
        """How far `parts` figures may add up from their `total` before it is a finding."""
        names = {"per_figure_yuan": self.per_figure_yuan, "relative": self.relative,
                 "parts": Decimal(parts), "total": Decimal(total)}
        return _evaluate(_formula(self.sum_tolerance), names)


def rules(folder: Path | None = None) -> Rules:
    """The rules of the seeds in `folder` (default: the dbt project's)."""
    return _read(folder or RULES_DIR)


@lru_cache(maxsize=4)
def _read(folder: Path) -> Rules:
    breakdowns: dict[str, list[str]] = {}
    required: dict[str, list[str]] = {}
    for row in _rows(folder / "reconciliation_rules.csv"):
        breakdowns.setdefault(row["total_line"], []).append(row["part_line"])
        if row["required"].strip().lower() == "true":
            required.setdefault(row["total_line"], []).append(row["part_line"])
    tolerances = {row["tolerance"]: Decimal(row["value"]) for row in _rows(folder / "check_tolerances.csv")}
    ranks = {row["ranked_source_kind"]: int(row["source_rank"]) for row in _rows(folder / "source_ranks.csv")}
    formulas = {row["formula"]: row["expression"] for row in _rows(folder / "check_formulas.csv")}
    return Rules(breakdowns, required, tolerances["per_figure_yuan"], tolerances["relative"],
                 tolerances["share_points"], tolerances["score_points"], ranks, formulas["sum_tolerance"])


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# A formula of check_formulas.csv is SQL that Python reads as well: names, numbers, + - * /,
# abs() and greatest(). Anything else is refused, so the seed cannot run code here.
_FUNCTIONS = {"abs": abs, "greatest": max}
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


@lru_cache(maxsize=8)
def _formula(expression: str) -> ast.expr:
    return ast.parse(expression, mode="eval").body


def _evaluate(node: ast.expr, names: dict[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left, names), _evaluate(node.right, names))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS and not node.keywords:
        return _FUNCTIONS[node.func.id](*(_evaluate(arg, names) for arg in node.args))
    raise ValueError(f"check_formulas.csv: {ast.unparse(node)!r} is not a name, a number, + - * / or abs/greatest")
