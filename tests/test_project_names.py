"""Which project a project report is about, and which of its figures' fund names name it:
titles and fund names written by hand, in the ways reports word them."""

import pytest

from pipelines.extract.project_rows import names_the_project
from pipelines.extract.projects import report_project


@pytest.mark.parametrize(
    "title, unit, expected",
    [
        # '…预算执行情况绩效自评报告': the budget's carrying out, not part of the project's name
        ("某县卫生健康局关于2022年中央对地方转移支付基本公共卫生服务补助经费预算执行情况绩效自评报告", "某县卫生健康局",
         "中央对地方转移支付基本公共卫生服务补助经费"),
        ("2023年某某河道治理资金使用情况绩效自评报告", None, "某某河道治理资金"),
        # near miss: a unit's overall report names no project
        ("某县卫生健康局2022年度部门整体支出绩效自评报告", "某县卫生健康局", None),
    ],
)
def test_the_project_a_report_title_names(title, unit, expected):
    assert report_project(title, unit) == expected


@pytest.mark.parametrize(
    "name, project, expected",
    [
        # the fund as the body names it, its levels of government left out of its stem
        ("基本公共卫生服务补助资金", "中央对地方转移支付基本公共卫生服务补助经费", True),
        ("2022年基本公共卫生服务资金", "基本公共卫生服务补助经费", True),
        # the programme inside the title's name, its place before it and 转移支付 after it
        ("城乡居民某某保险", "某省城乡居民某某保险补助资金转移支付", True),
        # near misses: a short stem at the end of another name, and another fund altogether
        ("服务资金", "中央对地方转移支付基本公共卫生服务补助经费", False),
        ("家庭医生签约服务资金", "中央对地方转移支付基本公共卫生服务补助经费", False),
    ],
)
def test_a_fund_name_that_names_the_reports_project(name, project, expected):
    assert names_the_project(name, project) is expected
