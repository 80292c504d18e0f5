"""One rules source: a tolerance changed in the seeds changes the verdict of the extraction's
check (fct_data_quality) and of the dbt test alike.

The report below states 支出合计 5.00 万元 and its parts 3.00 + 1.99 万元: 100 元 apart,
within the default tolerance (the larger of 50 元 a figure, three figures: 150 元, and 0.1% of
the total: 50 元) and outside it once the one per-figure tolerance is zero (50 元 left).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DBT_PROJECT_DIR, run_ingest
from pipelines.extract.report import extract_file
from pipelines.normalize import rules as rules_module

REPORT = """某某县农业农村局2023年度部门整体支出绩效自评报告

一、部门基本情况
某某县农业农村局是县政府工作部门。

二、部门整体支出情况
2023年度决算支出合计5.00万元，其中：基本支出3.00万元，项目支出1.99万元。

三、绩效自评结论
经自评，综合得分92分，评价等级为优秀。
"""


def _rewrite_seed(path: Path, key: str, was: str, now: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [key, was] in rows  # what the docstring reckons with
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[key, now] if row[0] == key else row for row in rows])


@pytest.fixture(params=["tolerance", "formula"])
def strict_seeds(tmp_path, request) -> Path:
    """A copy of the dbt project with one rule changed: no tolerance a figure (the relative one
    stays), or a formula that leaves the per-figure tolerance out."""
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    seeds = project / "seeds"
    assert ["relative", "0.001"] in list(csv.reader((seeds / "check_tolerances.csv").open(encoding="utf-8")))
    if request.param == "tolerance":
        _rewrite_seed(seeds / "check_tolerances.csv", "per_figure_yuan", "50", "0")
    else:
        _rewrite_seed(seeds / "check_formulas.csv", "sum_tolerance",
                      "greatest(per_figure_yuan * (parts + 1), abs(total) * relative)", "abs(total) * relative")
    return project


def test_the_seeds_rules_are_what_the_python_checks_use():
    rules = rules_module.rules()
    assert rules.breakdowns["基本支出"] == ["人员经费", "公用经费"]
    assert rules.required["支出合计"] == ["基本支出", "项目支出"]
    assert "经营支出" not in rules.required["支出合计"]
    assert rules.tolerance(total=1_000_000, parts=2) == 1000  # 0.1% of the total beats 150 元
    assert rules.tolerance(total=50_000, parts=2) == 150  # 50 元 for each of three figures beats 50 元


def test_a_formula_is_arithmetic_and_nothing_else(tmp_path, monkeypatch):
    """check_formulas.csv is read as SQL's arithmetic: a call or a name it does not know is refused."""
    seeds = tmp_path / "seeds"
    shutil.copytree(rules_module.RULES_DIR, seeds)
    monkeypatch.setattr(rules_module, "RULES_DIR", seeds)
    for expression, tolerance in [("per_figure_yuan * 2 + total / 1000", 350), ("greatest(1, 2, parts)", 3)]:
        (seeds / "check_formulas.csv").write_text(f'formula,expression\nsum_tolerance,"{expression}"\n', encoding="utf-8")
        rules_module._read.cache_clear()
        assert rules_module.rules().tolerance(total=250_000, parts=3) == tolerance
    for expression in ["__import__('os').getcwd()", "total.real", "least(parts, 1)", "unknown * 2"]:
        (seeds / "check_formulas.csv").write_text(f'formula,expression\nsum_tolerance,"{expression}"\n', encoding="utf-8")
        rules_module._read.cache_clear()
        with pytest.raises(ValueError, match="check_formulas.csv"):
            rules_module.rules().tolerance(total=250_000, parts=3)
    rules_module._read.cache_clear()


def test_the_checks_check_the_figure_the_seed_ranks_first(tmp_path, monkeypatch):
    """seed source_ranks decides which of two statements the checks take, as it decides
    which the ranking models keep (their dbt unit tests read the same seed)."""
    from decimal import Decimal

    from pipelines.extract.checks import resolve
    from pipelines.extract.money import MoneyFact

    def stated(amount: str, source_kind: str) -> MoneyFact:
        return MoneyFact("budget", "支出合计", "支出合计", True, "final", None, Decimal(amount), source_kind,
                         "paragraph 2" if source_kind == "prose" else "table 1 row 2 col 2", "")

    money = [stated("100.00", "prose"), stated("101.00", "table")]
    assert resolve(money)[("支出合计", "final", None)].amount_yuan == Decimal("101.00")  # a table first
    seeds = tmp_path / "seeds"
    shutil.copytree(rules_module.RULES_DIR, seeds)
    (seeds / "source_ranks.csv").write_text("ranked_source_kind,source_rank\ntable,1\nprose,0\n", encoding="utf-8")
    monkeypatch.setattr(rules_module, "RULES_DIR", seeds)
    assert resolve(money)[("支出合计", "final", None)].amount_yuan == Decimal("100.00")


def test_the_share_and_points_tolerances_are_the_seeds_too(tmp_path, monkeypatch):
    """A stated 执行率 half a point from the one its amounts give passes under the seed's
    share_points (0.51) and fails once it is tightened; so do points a hundredth off under
    score_points."""
    from pipelines.documents.model import Document, Table
    from pipelines.extract.checks import indicator_checks, percent_checks
    from pipelines.extract.indicators import IndicatorRow

    table = Table([["项目", "预算数", "执行数", "执行率"], ["支出合计", "100.00", "95.40", "95%"]], 1)
    rows = [IndicatorRow("产出指标", "数量指标", "某某数量", "3", "3", 60.0, 60.0, "table 1 row 2"),
            IndicatorRow("效益指标", "社会效益指标", "某某满意度", "90%", "95%", 40.0, 39.995, "table 1 row 3")]

    def names() -> list[str]:
        checks = percent_checks(Document([table]), [], {}) + indicator_checks(rows, 100.0, 100.0)
        return sorted(check.check_name for check in checks)

    assert names() == []
    seeds = tmp_path / "seeds"
    shutil.copytree(rules_module.RULES_DIR, seeds)
    (seeds / "check_tolerances.csv").write_text(
        "tolerance,value\nper_figure_yuan,50\nrelative,0.001\nshare_points,0.1\nscore_points,0.001\n", encoding="utf-8")
    monkeypatch.setattr(rules_module, "RULES_DIR", seeds)
    assert names() == ["indicator_scores_sum", "stated_rate:执行率"]


def sum_checks_of(raw: Path) -> list[str]:
    extract = extract_file(raw / "report.txt", raw)
    return [name for name in extract.frames["quality_checks"]["check_name"].to_list() if name.startswith("sum_of_parts")]


@pytest.mark.slow
def test_a_tolerance_changed_in_the_seeds_changes_both_verdicts(tmp_path, strict_seeds, dbt_manifest, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "report.txt").write_text(REPORT, encoding="utf-8")

    # the extraction's check, under the project's rules and under the strict copy
    assert sum_checks_of(raw) == []
    monkeypatch.setattr(rules_module, "RULES_DIR", strict_seeds / "seeds")
    assert sum_checks_of(raw) == ["sum_of_parts:支出合计"]
    monkeypatch.undo()

    # the dbt test, on the warehouse the pipeline built, under each project
    warehouse = tmp_path / "w" / "reports.duckdb"
    assert run_ingest(raw, warehouse).returncode == 0
    assert dbt_test_failures(DBT_PROJECT_DIR, warehouse, tmp_path / "as-is") == 0
    assert dbt_test_failures(strict_seeds, warehouse, tmp_path / "strict") == 1


def dbt_test_failures(project: Path, warehouse: Path, work: Path) -> int:
    """Rows assert_budget_totals_reconcile returns on a copy of the warehouse, after the
    project's seeds are loaded into it."""
    work.mkdir()
    copy = work / "reports.duckdb"
    shutil.copyfile(warehouse, copy)
    dbt = str(Path(sys.executable).parent / "dbt")
    env = {**os.environ, "REPORTS_WAREHOUSE": str(copy)}
    target = work / "target"
    for command in (["seed"], ["test", "--select", "assert_budget_totals_reconcile"]):
        done = subprocess.run(
            [dbt, *command, "--profiles-dir", str(project), "--project-dir", str(project), "--target-path", str(target)],
            cwd=project, env=env, capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    (result,) = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    return result["failures"]
