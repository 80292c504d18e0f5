"""The README's example queries, run as an analyst would on the first day: on the warehouse that
`bash scripts/dev.sh ingest` builds from the bundled samples (raw/), read-only. They must run,
and their answers must agree with what the sample reports state (their truth, written when the
samples were generated: tests/fixtures/raw_samples.truth.jsonl), not merely with the code."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from conftest import REPO_ROOT, query, run_ingest

pytestmark = pytest.mark.slow
README = REPO_ROOT / "README.md"
TRUTH = REPO_ROOT / "tests" / "fixtures" / "raw_samples.truth.jsonl"
THREE_PUBLIC_PARTS = {
    "因公出国（境）费": "outbound_travel_yuan",
    "公务用车购置费": "vehicle_purchase_yuan",
    "公务用车运行维护费": "vehicle_operation_yuan",
    "公务接待费": "reception_yuan",
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("readme") / "reports.duckdb"
    done = run_ingest(REPO_ROOT / "raw", path)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return path


@pytest.fixture(scope="module")
def truth() -> dict[str, dict]:
    """What each sample report states, by unit."""
    rows = [json.loads(line) for line in TRUTH.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["unit_name"]: row for row in rows}


def readme_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def stated(report: dict, line: str, phase: str) -> Decimal | None:
    for fact in report["budget"]:
        if fact["line_name"] == line and fact["phase"] == phase and not fact.get("spending_type"):
            return Decimal(fact["amount_yuan"])
    return None


def test_the_readme_has_its_example_queries():
    assert len(readme_queries()) >= 4


@pytest.mark.parametrize("sql", readme_queries(), ids=lambda sql: re.search(r"from (\S+)", sql).group(1))
def test_every_readme_query_answers_on_the_samples(warehouse, sql):
    assert query(warehouse, sql), "no rows"


def test_a_unit_whose_report_states_a_budget_and_its_final_spending_has_an_execution_rate(warehouse, truth):
    rows = query(warehouse, "select unit_name, budget_yuan, adjusted_yuan, final_yuan, execution_rate "
                            "from marts.mart_budget_execution")
    by_unit = {row[0]: row[1:] for row in rows}
    expected = {unit for unit, report in truth.items()
                if stated(report, "支出合计", "final") is not None
                and (stated(report, "支出合计", "budget") is not None or stated(report, "支出合计", "adjusted") is not None)}
    assert expected, "the samples state budgets"
    for unit in expected:
        budget, adjusted, final, rate = by_unit[unit]
        assert rate is not None, unit
        # the rate is final over the adjusted budget where there is one, else over the budget
        assert Decimal(str(rate)).quantize(Decimal("0.0001")) == (final / (adjusted or budget)).quantize(Decimal("0.0001"))


def test_three_public_parts_add_up_to_the_total_the_report_states(warehouse, truth):
    columns = ", ".join(THREE_PUBLIC_PARTS.values())
    rows = query(warehouse, f"select unit_name, total_yuan, {columns} from marts.mart_three_public where phase = 'final'")
    by_unit = {row[0]: row[1:] for row in rows}
    checked = 0
    for unit, report in truth.items():
        total = stated(report, "三公经费合计", "final")
        if total is None:
            continue
        total_yuan, *parts = by_unit[unit]
        assert total_yuan == total, unit
        for (line, _), value in zip(THREE_PUBLIC_PARTS.items(), parts):
            part = stated(report, line, "final")
            if part is not None:
                assert value == part, (unit, line)
        assert sum(value or 0 for value in parts) == total_yuan, unit
        checked += 1
    assert checked >= 3, "the samples state 三公经费 with its parts"
