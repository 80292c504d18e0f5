"""Reconciliation checks: silent on consistent reports, firing on planted contradictions."""

from pathlib import Path

import pytest

from pipelines.documents.text_reader import parse_text
from pipelines.extract.facts import extract_facts
from tools.samples import generate, render_text

BASE = {"report_id": "r1", "source_file": "r.txt", "source_sha256": "0" * 64, "source_format": "txt"}

# plausibility, not consistency: generated reports may staff above their posts
NOT_A_CONTRADICTION = {"actual_above_authorized"}


def checks_of(text: str) -> dict[str, dict]:
    """The failed checks; info rows (a unit or phase assumed) are notes, not findings."""
    frames = extract_facts(parse_text(text), BASE).frames
    return {row["check_name"]: row for row in frames["quality_checks"].iter_rows(named=True) if row["severity"] != "info"}


def notes_of(text: str) -> list[tuple[str, str, str]]:
    frames = extract_facts(parse_text(text), BASE).frames
    checks = frames["quality_checks"].filter(frames["quality_checks"]["severity"] == "info")
    return checks.select("check_name", "observed", "source_locator").rows()


TITLE = "某县某局2021年度部门整体支出绩效自评报告\n\n"


def table(*rows: tuple[str, ...]) -> str:
    """A table as Word saves it as text: one TAB-led cell per line, a blank line after a row."""
    return "\n\n".join("\n".join(f"\t{cell}" for cell in row) for row in rows) + "\n\n\n"


SPENDING = (("支出合计", "100.00"), ("基本支出", "80.00"), ("项目支出", "20.00"))


@pytest.mark.parametrize(
    ("body", "notes"),
    [
        # a table with no unit note anywhere: its figures are read as 万元, and said so
        ("支出决算表\n\n" + table(("项目", "金额"), *SPENDING),
         [("assumed_unit", "万元", "table 1")]),
        # the same table under a unit note: nothing assumed about the unit
        ("支出决算表（单位：万元）\n\n" + table(("项目", "金额"), *SPENDING), []),
        # prose naming its phase: nothing assumed
        ("本年度决算支出合计100万元，其中基本支出80万元、项目支出20万元。\n", []),
        # prose naming none: read as final (决算), and said so once for the paragraph
        ("本年度支出合计100万元，其中基本支出80万元、项目支出20万元。\n", [("assumed_phase", "final", "paragraph 2")]),
    ],
)
def test_a_unit_or_phase_the_document_does_not_state_is_noted(body, notes):
    assert notes_of(TITLE + body) == notes


def test_consistent_generated_reports_raise_no_check():
    for report in generate(40, seed=20261124):
        found = set(checks_of(render_text(report.document))) - NOT_A_CONTRADICTION
        assert not found, f"{report.name}: {found}"


CONSISTENT = """中共某县委办公室2021年度部门整体支出绩效自评报告

一、部门收支情况

本部门2021年度收入合计100万元，其中：财政拨款收入90万元，占90%；其他收入10万元，占10%。

本部门2021年度支出合计100万元，其中：基本支出80万元，占80%；项目支出20万元，占20%。

基本支出80万元，其中人员经费60万元、日常公用经费20万元。

“三公”经费决算支出数3万元。其中：因公出国(境)费0万元、公务接待费1万元、公务用车运行维护费2万元。

机构编制部门核定行政编制10人，年末在职人数行政编制9人。

自评得分92分，自评等级为“优秀”。

填报日期：2022年3月1日
"""


def test_a_consistent_report_is_silent():
    assert checks_of(CONSISTENT) == {}


@pytest.mark.parametrize(
    ("old", "new", "check", "expected", "observed"),
    [
        ("财政拨款收入90万元", "财政拨款收入95万元", "sum_of_parts:收入合计", "1,000,000.00 元", "1,050,000.00 元"),
        ("项目支出20万元，占20%", "项目支出10万元，占10%", "sum_of_parts:支出合计", "1,000,000.00 元", "900,000.00 元"),
        ("日常公用经费20万元", "日常公用经费25万元", "sum_of_parts:基本支出", "800,000.00 元", "850,000.00 元"),
        ("公务接待费1万元", "公务接待费1.5万元", "sum_of_parts:三公经费合计", "30,000.00 元", "35,000.00 元"),
        ("其他收入10万元，占10%", "其他收入10万元，占15%", "stated_share", "10.00%", "15%"),
        ("年末在职人数行政编制9人", "年末在职人数行政编制12人", "actual_above_authorized", "<= 10", "12"),
        ("填报日期：2022年3月1日", "填报日期：2025年3月1日", "year_against_report_date", "2021 or 2022", "2025"),
    ],
    ids=["income", "spending", "basic", "three-public", "share", "staff", "date"],
)
def test_planted_contradictions_are_found(old, new, check, expected, observed):
    assert old in CONSISTENT
    found = checks_of(CONSISTENT.replace(old, new))
    assert check in found, found
    assert (found[check]["expected"], found[check]["observed"]) == (expected, observed)
    assert found[check]["message"]


FORM = """部门整体支出绩效自评表

\t部门资金（万元）
\t
\t年初预算数
\t全年预算数
\t全年执行数
\t执行率
\t分值
\t得分

\t
\t年度资金总额
\t100
\t100
\t95
\t95%
\t10
\t9

\t绩效指标
\t一级指标
\t二级指标
\t三级指标
\t指标值
\t完成值
\t分值
\t得分

\t
\t产出指标（60分）
\t数量指标
\t完成率
\t100%
\t100%
\t60
\t55

\t
\t效益指标（30分）
\t社会效益指标
\t满意度
\t≥90%
\t95%
\t30
\t28

\t综合评定等级
\t优秀
\t总分
\t100
\t92


预算执行与绩效
"""


def test_a_consistent_form_is_silent():
    assert checks_of(FORM) == {}


@pytest.mark.parametrize(
    ("old", "new", "check"),
    [
        ("\t95%\n", "\t90%\n", "stated_rate:执行率"),
        ("\t30\n\t28\n", "\t30\n\t31\n", "score_above_weight"),
        ("\t100\n\t92\n", "\t100\n\t95\n", "indicator_scores_sum"),
        ("效益指标（30分）", "效益指标（20分）", "indicator_level_points"),
    ],
    ids=["execution-rate", "score-above-weight", "score-total", "level-points"],
)
def test_planted_form_contradictions_are_found(old, new, check):
    assert old in FORM
    assert check in checks_of(FORM.replace(old, new))


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed reports not found at {SEEDS}")
def test_the_real_contradictions_of_the_seeds():
    def found(name):
        text = (SEEDS / name).read_text(encoding="utf-8")
        return set(checks_of(text))

    # 2021 form: 执行率 stated 98% where 85.4561 / 85.8361 is 99.56%; 年度资金总额 executed
    # (85.4561) below the 一般公共预算 income (85.8361); 效益指标 marked 30 points, weights 40
    assert {"stated_rate:执行率", "sum_of_parts:收入合计", "indicator_level_points"} <= found("004_1d0f4977827aa49f.txt")
    # 培训费 25.5 + 会议费 8.8 within a 日常公用经费 of 14.13
    assert "sum_of_parts:公用经费" in found("002_04cd469f13ce1b38.txt")
    # 40万 of named projects in the 年初预算 against 项目支出 0 in the table
    assert "projects_within_project_spending" in found("000_88261bcdc6d2d7af.txt")
    assert found("001_816099c49a4b9a4c.txt") == set()


PROJECT_FORM = """项目支出绩效自评表
（2023年度）
项目名称 | 乡村道路养护经费 |
主管部门 | 某县交通运输局 | 实施单位 | 某县公路养护中心 |
项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 50 | 60 | 54 | 10 | 90.00% | 9 |
其中：当年财政拨款 | 50 | 60 | 54 | — | 90.00% | — |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
产出指标 | 数量指标 | 养护里程 | ≥40公里 | 42公里 | 50 | 50 | |
效益指标 | 社会效益指标 | 道路通行状况 | 明显改善 | 明显改善 | 30 | 28 | 部分路段雨季受损 |
满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥90% | 93% | 10 | 10 | |
总分 | 100 | {total} | |
"""


def test_a_project_forms_indicators_and_funds_make_its_total():
    # 90 points of indicators and the funds' 10 make the form's 100; 50 + 28 + 10 + 9 = 97
    assert not {"indicator_scores_sum", "indicator_weights_sum"} & set(checks_of(PROJECT_FORM.format(total=97)))


def test_a_project_forms_total_that_its_parts_do_not_make_is_flagged():
    found = checks_of(PROJECT_FORM.format(total=92))
    assert found["indicator_scores_sum"]["expected"] == "92"
