"""pipelines.extract.projects: projects named without amounts, and the project a report is about.

Rules covered, one row each with a near miss:
- report_project: the bracket at the title's end when it names a project ('…（春节慰问经费项目）')
  or a line of spending ('…（道路保洁费）');
  else the words between the unit/year and '…支出绩效自评报告' when they end as a project does
  (项目/经费/资金/专项/工程/补助/补贴), and so for a form's title ('…绩效自评表'); a whole-unit report, a generic word (项目, 专项) or a
  bracket that is no project ('（第二版）') → None;
- listed_projects: 'A项目、B经费、C工程等3个项目…' with the sentence's grade and score, the lead
  words before the first name removed;
- project_scores: a paragraph about one project ('XX经费：…') with '得分…分' or a stated grade;
- table_project_scores: a '项目… | 自评得分 | 自评等级' header over rows of projects, or a 项目名称 column
  anywhere with 评价得分 / 评价结果.
"""

from __future__ import annotations

import pytest

from pipelines.documents.model import Document, Table
from pipelines.documents.text_reader import parse_text
from pipelines.extract.projects import (
    cover_project,
    evaluated_project,
    heading_project,
    opening_project,
    listed_projects,
    project_scores,
    report_project,
    table_project_scores,
)

UNIT = "某某县某某局"


def para(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("title", "unit", "project"),
    [
        (f"{UNIT}2023年异地造林补助资金项目支出绩效自评报告", UNIT, "异地造林补助资金项目"),
        ("关于上报2023年度护理费项目支出绩效自评的报告", None, "护理费项目"),
        (f"{UNIT}2022年度部门整体支出绩效自评报告（春节慰问经费项目）", None, "春节慰问经费项目"),
        (f"{UNIT}2022年度农村公路养护补助绩效自评报告", UNIT, "农村公路养护补助"),
        ("某省项目支出绩效评价报告（道路保洁费）", None, "道路保洁费"),  # a line of spending in the bracket
        ("2021年度某某奖学金项目自评结果", None, "某某奖学金项目"),  # a results sheet names its project
        ("某区2024年度转移支付某某补助资金绩效评价自评报告", None, "转移支付某某补助资金"),  # 评价 before 自评
        # the year after the payment's name
        ("某县省级彩票公益金转移支付2023年度绩效自评报告", None, "某县省级彩票公益金转移支付"),
        # the Ministry of Finance's form for a transfer payment in a region: the payment is its project
        ("2021年中央对地方专项转移支付区域绩效目标自评表(某某分局)", None, "中央对地方专项转移支付"),
        ("某某局中央转移支付2020年度绩效自评报告", "某某局", None),  # near miss: only where the money came from
        ("某局2022城乡供水工程项目绩效自评报告", "某局", "城乡供水工程项目"),  # a year without 年
        ("某局2022项目绩效自评报告", "某局", None),  # near miss: the year, then no project's name
        # the fund's use as the report's subject
        ("某区2022年度某某农产品保护工程建设专项资金使用情况绩效自评报告", None, "某某农产品保护工程建设专项资金"),
        ("某区2022年度资金使用情况绩效自评报告", None, None),  # near miss: no fund named
        ("某某局2023年部门决算中项目绩效自评结果", "某某局", None),  # the projects of a 决算, none named
        ("文化惠民演出项目绩效自评表", None, "文化惠民演出项目"),  # a form that names it only in its title
        # a note in brackets after the fund's name; near miss: a bracket after words that name no project
        ("某局某某产业发展专项资金(贴息奖补)2023年度绩效自评报告", "某局", "某某产业发展专项资金(贴息奖补)"),
        ("某局综合情况(贴息奖补)2023年度绩效自评报告", "某局", None),
        ("2020年项目支出绩效自评指标计分表", None, None),  # near miss: a form's title of no project
        # '…项目绩效自评价报告' (自评价, not 自评)
        ("某市某区人民医院专项债券项目绩效自评价报告", None, "某市某区人民医院专项债券项目"),
        # near misses
        (f"{UNIT}2022年度部门整体支出绩效自评报告", UNIT, None),
        (f"{UNIT}2022年度项目支出绩效自评报告", UNIT, None),  # 项目 alone names no project
        (f"{UNIT}2022年度绩效自评报告（第二版）", None, None),
        ("某县2021年10个重点项目绩效评价报告", None, None),  # a count of projects names none
        (None, None, None),
        pytest.param(
            f"{UNIT}2022年度专项资金绩效自评报告", UNIT, None,
        ),
    ],
)
def test_report_project(title, unit, project):
    assert report_project(title, unit) == project


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("农业技术推广项目、乡村道路维修经费2个项目得分为90分。",
         [("农业技术推广项目", 90.0, None), ("乡村道路维修经费", 90.0, None)]),
        ("2022年度农业技术推广项目、乡村道路维修经费、农田水利工程等3个项目评价等级为优秀。",
         [("农业技术推广项目", None, "优秀"), ("乡村道路维修经费", None, "优秀"), ("农田水利工程", None, "优秀")]),
        ("我局对2022年度农业技术推广项目、乡村道路维修经费等2个项目开展了自评。",
         [("农业技术推广项目", None, None), ("乡村道路维修经费", None, None)]),
        # near misses: names without a project ending, a single project
        ("我局项目支出主要用于农业技术推广、乡村道路维修。", []),
        ("本年度开展了农业技术推广项目。", []),
        pytest.param(
            "我局对农业技术推广项目、乡村道路维修经费等2个项目开展了自评。",
            [("农业技术推广项目", None, None), ("乡村道路维修经费", None, None)],
        ),
    ],
)
def test_listed_projects(text, expected):
    found = listed_projects(parse_text(para(text)))
    assert [(p.name, p.score, p.grade) for p in found] == expected


def test_project_scores_from_a_paragraph_per_project():
    document = parse_text(para(
        "农业技术推广经费：全年预算数10万元，自评得分85分，评价等级为良好。",
        "一般性说明，自评得分90分。",  # near miss: about no project
        "乡村道路维修经费：全年预算数5万元，执行数5万元。",  # near miss: no score, no grade
        "计生专项经费：补助11万元，执行率为100%，得分10分。",  # near miss: the rate's points
    ))
    assert project_scores(document) == {"农业技术推广经费": (85.0, "良好")}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["项目名称", "预算数", "自评得分", "自评等级"], ["农业技术推广项目", "10", "85", "良好"],
          ["乡村道路维修项目", "5", "", ""], ["合计", "15", "", ""]],
         {"农业技术推广项目": (85.0, "良好")}),
        ([["项目名称", "自评得分"], ["农业技术推广项目", "85分"]], {"农业技术推广项目": (85.0, None)}),
        pytest.param(
            [["项目名称", "评分"], ["农业技术推广项目", "85分"]], {"农业技术推广项目": (85.0, None)},
        ),
        # the project's name in a column of its own, its grade as 评价结果
        ([["序号", "主管部门", "项目单位", "项目名称", "发行金额(亿元)", "评价得分", "评价结果"],
          ["1", "某某县住建局", "某某中心", "某某污水处理工程", "0.4", "87", "良"]],
         {"某某污水处理工程": (87.0, "良好")}),
        # near miss: a table of units, not of projects
        ([["单位名称", "自评得分"], ["某某局", "85"]], {}),
    ],
)
def test_table_project_scores(rows, expected):
    assert table_project_scores(Document([Table(rows, 1)])) == expected


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("我单位对某某镇冷链物流中心建设项目(一期)执行情况开展了自评，并对照年初目标…", "某某镇冷链物流中心建设项目(一期)"),
        ("我局对2023年某某补助经费项目实施情况开展了自评。", "某某补助经费项目"),
        # near misses: no project named, the unit's whole spending
        ("我局对项目开展了自评。", None),
        ("我局对本单位整体支出情况开展了自评。", None),
    ],
)
def test_the_project_a_report_without_a_title_says_it_evaluated(text, project):
    assert evaluated_project(text) == project


@pytest.mark.parametrize(
    ("paragraphs", "project"),
    [
        (["一、绩效目标分解下达情况", "某某园区安全风险防控项目中央拨付财政资金900万元，已全部拨付。"], "某某园区安全风险防控项目"),
        # near misses: a title naming it without a figure; the unit's own sentence; a verb before it
        (["某局某某园区安全风险防控项目资金使用绩效自评报告"], None),
        (["我校建立完善了项目资金管理制度，全年支出12万元。"], None),
        (["争取到市级某某数字化项目资金42万元。"], None),
        # or names in full after 该, however its paragraph goes on
        (["（一）项目资金申报及批复情况。", "该青石县河道保洁专项资金项目于2023年初向财政局申报，批复资金20万元。"],
         "青石县河道保洁专项资金项目"),
        (["该项目于2023年初向财政局申报。"], None),
    ],
)
def test_the_project_a_report_opens_a_paragraph_of_figures_on(paragraphs, project):
    assert opening_project(parse_text("\n\n".join(paragraphs))) == project


@pytest.mark.parametrize(
    ("paragraphs", "project"),
    [
        # a heading under the page's generic title, its last words broken onto a line of their own
        (["名称: 2023年度转移支付绩效自评", "某局转移支付某某产业扶持资金2023年度绩效", "自评报告", "一、绩效目标"],
         "转移支付某某产业扶持资金"),
        (["某局某某道路养护经费绩效自评报告", "一、基本情况"], "某某道路养护经费"),
        # near misses: a heading that names no project; a long paragraph that ends like a title
        (["某局2023年度绩效", "自评报告", "一、绩效目标"], None),
        (["名称:某省某市转移支付绩效自评报告", "一、绩效目标"], None),  # a page's label, not a heading
        (["为贯彻落实上级关于加强预算绩效管理的各项要求，进一步提高财政资金使用效益，我局组织对某某道路养护经费开展了绩效自评报告"], None),
        # a numbered section heading citing a form's name is no project: '三、…(对照《项目绩效…》)'
        (["正文。", "三、绩效指标分析情况(对照附件2《项目绩效自评指标评分表》分析)", "正文。"], None),
    ],
)
def test_the_project_a_heading_near_the_top_names(paragraphs, project):
    assert heading_project(parse_text("\n\n".join(paragraphs)), "某局") == project


@pytest.mark.parametrize(
    ("paragraphs", "project"),
    [
        (["项目支出绩效自评报告", "项目名称:乡村广播维护经费", "填报日期:2025年4月1日", "一、项目基本情况"], "乡村广播维护经费"),
        # near misses: a label with nothing after it, or inside a sentence
        (["项目支出绩效自评报告", "项目名称:", "一、项目基本情况"], None),
        (["按项目名称:乡村广播维护经费的要求，我局开展了自评。"], None),
    ],
)
def test_the_project_a_report_s_cover_names(paragraphs, project):
    assert cover_project(parse_text("\n\n".join(paragraphs))) == project
