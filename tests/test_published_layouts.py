"""Layouts of reports as government sites publish them (docs/layouts.md), rule by rule.

Every text here is written by the team, faithful to a published layout, with other names
and figures. Each rule has the smallest text that triggers it and a near miss that must not.
"""

from decimal import Decimal

import polars as pl
import pytest

from pipelines.documents.text_reader import parse_text
from pipelines.documents.web_capture import align_rows, bar_cells, capture_lines, rows_of_leading_bars
from pipelines.extract.facts import extract_facts
from pipelines.extract.headcount import document_headcount
from pipelines.extract.kinds import document_kind
from pipelines.extract.meta import find_title, find_unit, is_unit_name
from pipelines.extract.money import document_money, paragraph_project
from pipelines.normalize.lines import match_line
from pipelines.extract.project_forms import project_forms
from pipelines.extract.projects import report_project
from pipelines.extract.rates import STATED_RATE
from pipelines.normalize.fused import split_fused_row, split_money_run
from pipelines.normalize.phases import phase_of_label
from pipelines.normalize.regions import resolve_region
from pipelines.normalize.text import to_simplified

# ------------------------------------------------------------------ page text


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("项目名称 | 白杨乡饮水工程 | ||||||", ["项目名称", "白杨乡饮水工程"]),
        ("| 一级指标 | 二级指标 |", ["一级指标", "二级指标"]),
        ("产出指标 | 数量指标 | 新建水池 | | 3 |", ["产出指标", "数量指标", "新建水池", "", "3"]),
        ("全年预算数为12.5万元", None),  # a sentence is not a row
        ("\t一个单元格", None),  # Word's tab-indented cells are read by the text reader itself
    ],
)
def test_bar_rows_are_split_into_cells_and_padding_dropped(line, cells):
    assert bar_cells(line) == cells


@pytest.mark.parametrize(
    "chrome",
    [
        "首页 > 信息公开 > 财政资金",
        "字号:[大 中 小] 打印 关闭",
        "浏览量:37",
        "蜀ICP备00000000号-1",
        "网站标识码:0000000001",
        "|---|---|---|",
        "当前位置:首页 > 通知公告",
        "无障碍 适老模式",  # the site's reading modes, a line of their own
        "关怀版 English",
        "【字体: 】 打印",
        "加大字体 缩小字体 收藏 打印",
        "发布时间:2021-03-05",
        "责任编辑:办公室",
        "《某某表.docx》由会员分享,可在线阅读,更多相关《某某表.docx(4页)》请在某某文库上搜索。",
        "下载 举报",
    ],
)
def test_site_chrome_is_dropped(chrome):
    text = f"标题行\n{chrome}\n正文第一段。\n第二行 | 单元格 |\n"
    assert chrome not in "\n".join(capture_lines(text))


@pytest.mark.parametrize("line", [
    "新建无障碍坡道12处，完成适老化改造30户。", "决算已在县政府门户网站公开。",
    # a long line of the document that speaks of 举报 (a bureau's duties) is its text, not the site's
    "某某区2022年区级单位预算 预算单位:某某区某某执法局 目 录 一、单位主要职能 1.负责某某工作。" + "某某工作。" * 20
    + " 3.负责建立执法信息共享机制;建立违法行为举报制度,定期组织社会评议。",
])
def test_a_sentence_on_barrier_free_works_or_the_site_is_no_chrome(line):
    assert line in "\n".join(capture_lines(f"标题行\n{line}\n"))


def test_a_comparison_inside_a_table_row_is_not_a_breadcrumb():
    line = "产出指标 | 数量指标 | 受益户数 | > | 120 | 户 | > | 135 |"
    assert any("受益户数" in out for out in capture_lines(f"表\n{line}\n"))


def test_a_label_line_followed_by_its_value_line_becomes_one_field():
    lines = capture_lines("字号:大 中 小\n人员编制\n\n16\n\n实有人数\n\n15\n\n职能职责概述\n")
    assert "人员编制：16" in lines and "实有人数：15" in lines
    # near miss: a heading line followed by a sentence is left alone
    lines = capture_lines("字号:大 中 小\n项目名称\n\n本项目于年初立项，全年推进顺利。\n")
    assert not any(line.startswith("项目名称：") for line in lines)
    # near miss: an empty label of the page's metadata over the document's title
    lines = capture_lines("发布机构 某某区教委\n有效性\n某某中学2023年决算情况说明\n一、单位基本情况\n")
    assert "某某中学2023年决算情况说明" in lines and not any(line.startswith("有效性：") for line in lines)
    # …nor a cell of the table below it, when the metadata is written as bracketed cells
    # ('[ 有效性 ] |') above a table whose rows end in bars, its number on the title's next line
    table = "".join(f"{row} | ||||\n" for row in ("表一", "收支总表", "项目 | 预算数", "本年收入 | 120.50", "本年支出 | 120.50"))
    lines = capture_lines(f"[ 发布机构 ] | 某某区某某局 |\n[ 有效性 ] |\n某某区某某局2023年部门预算情况说明\n{table}")
    assert "某某区某某局2023年部门预算情况说明" in lines and not any(line.startswith("有效性：") for line in lines)


def test_rows_under_a_cell_merged_downwards_are_realigned():
    rows = [
        ["资金", "", "年初预算数", "全年执行数"],
        ["按支出性质分", "其中：基本支出", "30", "29"],
        ["项目支出", "20", "18"],
    ]
    assert align_rows(rows)[2] == ["", "项目支出", "20", "18"]
    # near miss: rows of the same width stay as they are
    same = [["基本支出", "30", "29"], ["项目支出", "20", "18"]]
    assert align_rows(same) == same


def test_rows_under_a_header_whose_first_cell_spans_them_move_under_the_phases():
    rows = [
        ["部门总体资金（万元）", "资金来源", "年初预算数", "全年执行数", "分值", "得分"],
        ["年度资金总额", "1100.5", "1200.25", "10", "9"],
        ["基本支出", "900", "880"],
        ["10", "10"],  # the rest of the row above, wrapped by the page
    ]
    assert align_rows(rows)[1:] == [
        ["", "年度资金总额", "1100.5", "1200.25", "10", "9"],
        ["", "基本支出", "900", "880", "10", "10"],
    ]
    # near miss: a header whose phases start in its second cell keeps its rows where they are
    plain = [["项目", "年初预算数", "全年执行数", "分值"], ["基本支出", "900", "880", "10"]]
    assert align_rows(plain) == plain
    # near miss: a blank first cell spans no rows (counts under 编制数 | 实际在职人数)
    counts = [["", "编制数", "2022年实际在职人数", "控制率"], ["", "52", "50", "96%"]]
    assert align_rows(counts) == counts


def test_a_form_row_of_label_and_value_pairs_is_not_realigned():
    rows = [
        ["联系人", "某某", "联络电话", "0000"],
        ["人员编制", "21", "实有人数", "20"],
        ["年度资金总额", "150.5", "148.25", "按执行率计分"],  # a note at the end is no pair
    ]
    aligned = align_rows(rows)
    assert aligned[1] == ["人员编制", "21", "实有人数", "20"]
    # near miss: a money row is still put under the figures of the row with more labels
    assert align_rows([["资金", "其中：基本支出", "30", "29"], ["项目支出", "20", "18"]])[1] == ["", "项目支出", "20", "18"]


def test_an_indicator_row_whose_figures_the_page_wrapped_is_joined_again():
    header = ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"]
    rows = [
        header,
        ["产出指标", "数量指标", "新建村道 (条)"],  # names alone: not a header of another block
        ["12", "10", "8.0"],
        ["效益指标", "群众增收 (元)", ""],
        ["1500", "1620", "10.5"],
    ]
    assert align_rows(rows)[1:] == [
        ["产出指标", "数量指标", "新建村道 (条)", "12", "10", "8.0"],
        ["效益指标", "群众增收 (元)", "1500", "1620", "10.5"],
    ]
    # near misses: a row with its own figures stays as it is; so does a row too wide to join
    whole = [header, ["产出指标", "数量指标", "新建村道 (条)", "12", "10", "8.0"], ["90", "95", "5"]]
    assert align_rows(whole) == whole
    wide = [header, ["产出指标", "数量指标", "新建村道 (条)", "说明"], ["12", "10", "8.0"]]
    assert align_rows(wide) == wide


def _rows(text: str) -> list[list[str]]:
    return [table.rows for table in parse_text(text).tables][0]


def test_a_table_one_cell_a_line_with_bars_ending_its_rows_is_rebuilt():
    """Cells end with their bar (`人员编制 |`), a lone bar is an empty cell, `||||` ends the row."""
    text = "\n".join([
        "某某县某某局2021年度部门整体支出绩效自评表", "项目名称 |", "青山水库巡护 |", "|", "||||||",
        "人员编制 |", "14 |", "实有人数 |", "12 |", "|||||", "下文", "正文第一段。",
    ])
    assert _rows(text) == [["项目名称", "青山水库巡护"], ["人员编制", "14", "实有人数", "12"]]
    assert parse_text(text).paragraphs[0].text == "某某县某某局2021年度部门整体支出绩效自评表"


def test_cells_closed_by_a_lone_bar_keep_a_value_written_over_several_lines():
    text = "\n".join([
        "某某中心2016年度部门整体支出绩效评价自评报告", "一、基本概况", "|", "|||||||",
        "人员编制", "|", "9", "|", "实有人数", "|", "8", "|", "|||||||",
        "主要工作内容", "|", "任务1：修缮步道。", "任务2：清理河道。", "|", "|||||||",
    ])
    rows = _rows(text)
    assert rows == [["人员编制", "9", "实有人数", "8"], ["主要工作内容", "任务1：修缮步道。 任务2：清理河道。"]]
    # the title above the first row stays a paragraph of its own
    assert parse_text(text).paragraphs[0].text == "某某中心2016年度部门整体支出绩效评价自评报告"


def test_rows_ended_by_a_lone_bar_and_one_the_page_did_not_end():
    cells = ["一级指标 |", "二级指标 |", "指标名称 |", "目标值 |", "|",
             "产出指标 |", "数量指标 |", "培训人次 |", "300 |", "|",
             "产出指标 |", "质量指标 |", "合格率 |", "95% |",  # no bar: the next row runs on
             "效益指标 |", "社会效益指标 |", "知晓率 |", "90% |", "|"] * 1
    assert _rows("\n".join(["说明", *cells]))[1:] == [
        ["产出指标", "数量指标", "培训人次", "300"],
        ["产出指标", "质量指标", "合格率", "95%"],
        ["效益指标", "社会效益指标", "知晓率", "90%"],
    ]


def test_a_final_accounts_table_run_together_on_one_line_is_read_row_by_row():
    """OCR of a 决算 attachment: 'label 行次 figure' after 'label 行次 figure', the income and the
    spending side by side; the numeral before a label goes, the 一 of 一般 stays; near miss: a
    sentence with two such runs is left alone."""
    line = ("部门：某某职业学校 金额单位:万元 项目 行次 金额 一一般公共预算财政拨款收入 1 1,203.40 一一般公共服务支出 32 0.00 "
            "二政府性基金预算财政拨款收入 2 0.00 五教育支出 36 1,150.20 五事业收入 5 61.75 八其他收入 8 12.00")
    document = parse_text("某某职业学校2022年决算公开资料\n" + line + "\n")
    (table,) = document.tables
    assert table.rows[1:4] == [["一般公共预算财政拨款收入", "1", "1,203.40"], ["一般公共服务支出", "32", "0.00"],
                               ["政府性基金预算财政拨款收入", "2", "0.00"]]
    assert ["事业收入", "5", "61.75"] in table.rows
    assert "金额单位:万元" in document.paragraphs[1].text
    short = "收入 1 20.00 与支出 2 18.50 相比基本持平。"
    assert [p.text for p in parse_text(short).paragraphs] == [short] and not parse_text(short).tables


def test_a_rows_end_written_on_its_last_cells_line_ends_the_row():
    text = "\n".join([
        "某某县某某医院2021年度部门决算", "金额单位:万元 | |||||", "项 目 |", "行次 |", "决算数 | |||",
        "一、财政拨款收入 |", "1 |", "310.25 | |||", "二、事业收入 |", "2 |", "45.10 | |||", "三、说明",
    ])
    assert _rows(text) == [["项 目", "行次", "决算数"], ["一、财政拨款收入", "1", "310.25"], ["二、事业收入", "2", "45.10"]]


def test_a_rows_label_on_a_line_of_its_own_over_its_figures_is_one_row():
    """'年度资金总额 |' then '| 32.4 | 31.69 | 97.80% |': the label and its figures are one row;
    near miss: a label over a row of words stays a line of its own."""
    lines = ["| 年初预算数 | 全年预算数 | 执行率 |", "年度资金总额 |", "| 32.4 | 31.69 | 97.80% |", "三、说明"]
    assert "\t年度资金总额\n\t32.4\n\t31.69\n\t97.80%" in "\n".join(capture_lines("\n".join(lines)))
    lines[2] = "| 已完成 | 全部 |"
    assert "\t年度资金总额\n\t已完成" not in "\n".join(capture_lines("\n".join(lines)))


def test_a_row_whose_figures_the_form_left_empty_stays_in_its_table():
    """'其中:公车购置 |' then '||||||' inside a table: a row with empty figures, so the rows
    after it stay under the table's header; near miss: a table's title ends in 表 and is no row."""
    text = "\n".join([
        "经费控制情况 |", "2023年决算数 |", "2024年预算数 |", "2024年决算数 |", "|||",
        "三公经费 |", "1 |", "1 |", "1 |", "|||", "其中:公车购置 |", "||||||",
        "公务接待 |", "1 |", "2 |", "3 |", "|||", "二、支出决算表 |", "||||||", "说明",
    ])
    rows = _rows(text)
    assert rows[2][0] == "其中:公车购置" and rows[3] == ["公务接待", "1", "2", "3"]
    assert not any(row[0] == "二、支出决算表" for row in rows)


def test_lone_bars_in_pairs_are_empty_cells_in_rows_as_wide_as_the_header():
    from pipelines.documents.web_capture import rejoin_cell_lines

    lines = ["单位：万元", "项 目 |", "预 算 数 |", "决 算 数 |", "合 计 |", "3 |", "1.5 |", "出国费 |", "|", "|",
             "接待费 |", "1 |", "0.5 |", "二、说明"]
    assert rejoin_cell_lines(lines) == [
        "单位：万元", "项 目 | 预 算 数 | 决 算 数 |", "合 计 | 3 | 1.5 |", "出国费 |  |  |", "接待费 | 1 | 0.5 |", "二、说明",
    ]
    assert _rows("\n".join(lines))[3] == ["接待费", "1", "0.5"]
    # near miss: cells that do not divide into rows of the header's width are left to the
    # header words (pipelines/documents/cell_stream.py)
    assert rejoin_cell_lines(lines[1:-2]) == lines[1:-2]


# ------------------------------------------------------------------ document kind


@pytest.mark.parametrize(
    ("title", "head", "forms", "kind"),
    [
        ("2022年度项目支出绩效自评表", "", True, "project_form"),
        ("部门预算项目支出绩效自评表（2023年度）", "", True, "project_form"),
        ("2021年度部门整体支出绩效自评表", "", False, "overall_form"),
        ("部门整体支出绩效评价基础数据表", "", False, "overall_form"),
        ("某某县水务局2022年度部门整体支出绩效自评报告", "", False, "overall_report"),
        ("2023年度某某项目支出绩效自评报告", "", False, "project_report"),
        ("2022年中央对地方转移支付区域绩效自评报告", "", False, "project_report"),
        ("某某县2021年教育专项资金绩效评价报告", "受某某县财政局委托，某某会计师事务所对……", False, "evaluation_report"),
        ("某某县林业局2021年度部门决算", "", False, "final_accounts"),
        ("某某县林业局2023年部门预算", "", False, "budget"),
        ("关于开展2023年度绩效自评工作的通知", "", False, "other"),
        ("项目支出绩效自评表填写样例", "", False, "other"),
        # target forms: a department's and a project's alike are part of the budget they were set with
        ("2024年县级部门整体支出绩效目标申报表", "", False, "budget"),
        ("青石县农田建设资金绩效目标申报表（基础设施类）", "", False, "budget"),
        # no title: the first heading says what the report is about
        (None, "一、绩效目标分解下达情况\n（一）…", False, "project_report"),
        (None, "一、基本情况\n（一）项目概况\n…", False, "project_report"),
        (None, "一、部门基本情况\n…", False, "overall_report"),
        # no title, a page from inside a disclosure's explanations
        (None, "本年收入合计512.3万元，较上年度决算数增加12.1万元。\n三、支出决算情况说明\n", False, "final_accounts"),
        (None, "基本支出预算73.5万元，同比减少3.2万元。其中工资福利支出预算60.1万元。\n", False, "budget"),
        # an evaluating unit's own disclosure: its list of tables above its duties, which speak of
        # evaluations it is commissioned to make; near miss: the same duties under no such list
        ("某市财政绩效评价服务中心",
         "某市财政绩效评价服务中心2023年度单位决算\n目录\n表一：收入支出决算总表\n表二：收入决算表\n"
         "一、本单位职责\n（一）受某市财政局委托，开展财政支出重点绩效评价；", False, "final_accounts"),
        ("某市财政绩效评价服务中心",
         "一、本单位职责\n（一）受某市财政局委托，开展财政支出重点绩效评价；", False, "evaluation_report"),
    ],
)
def test_document_kind_from_title_and_first_lines(title, head, forms, kind):
    assert document_kind(title, head, forms) == kind


def test_a_self_evaluation_titled_as_an_evaluation_report_is_the_units_own():
    # near miss of evaluation_report: no third party named
    assert document_kind("某某局2021年度整体支出绩效评价报告", "本单位成立评价小组……", False) == "overall_report"


# ------------------------------------------------------------------ the unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("部门(单位)名称:  岳阳市岳阳楼区民政局\n\n一、基本情况\n", "岳阳市岳阳楼区民政局"),
        ("2022年度项目支出绩效自评表 | 部门:临沧市永德县明朗中学 |\n项目名称 | 校舍维修 |\n", "临沧市永德县明朗中学"),
        # named from its own level down where the document names it so too (its 实施单位 cell)
        ("2022年度项目支出绩效自评表 | 部门:临沧市永德县明朗中学 |\n项目名称 | 校舍维修 |\n实施单位 | 永德县明朗中学 |\n",
         "永德县明朗中学"),
        ("昌宁县第一示范小学2023年度项目支出绩效自评报告\n\n一、项目基本情况\n", "昌宁县第一示范小学"),
        ("项目支出绩效自评表\n主管部门中江县水利局实施单位中江县水利局\n", "中江县水利局"),
        ("- 索引号: x/2025-01\n- 发布机构: 红河州数据发展中心\n红河州数据发展中心2024年度项目支出绩效自评报告\n",
         "红河州数据发展中心"),
        ("发布机构 青石县住房和城乡建设局 责任部门 青石县住房和城乡建设局\n一、项目基本情况\n", "青石县住房和城乡建设局"),
        ("发布机构: | 青石县卫生健康委员会 | 主题分类: | 卫生 |\n索引号: | x-01 | 发布日期: | 2024-01-02 |\n"
         "文号: | 无 | 浏览量: | 12 |\n一、基本情况\n", "青石县卫生健康委员会"),
        (" 2022年度青石县妇女联合会部门(单位)整体支出绩效自评报告\n一、基本情况\n", "青石县妇女联合会"),
        ("青石县交通运输局关于2023年度省级专项资金绩效自评报告\n一、基本情况\n", "青石县交通运输局"),
        ("1、整体支出绩效自评表(2021年度)评价部门名称青石县黄土乡卫生院下属单位个数0整体支出规模\n",
         "青石县黄土乡卫生院"),
        ("一、基本情况\n根据有关规定，青石县残疾人联合会（以下简称“县残联”）成立自评小组。\n", "青石县残疾人联合会"),
        ("项目自评报告\n发布时间:2024-03-27 来源:青石县退役军人事务局 浏览次数:3\n一、基本情况\n",
         "青石县退役军人事务局"),
        ("项目支出绩效自评表\n项目名称 | 临时救助 |\n主管部门 | [155]青石县民政局 |\n资金 | 1 | 2 |\n", "青石县民政局"),
        ("青石县白沙镇人民政府(本级)2022年度部门决算情况说明\n一、部门基本情况\n", "青石县白沙镇人民政府"),
        (">> 政务公开 >> 重点领域 >> 文化体育\n青石市文化馆2018年度整体支出绩效评价报告\n信息来源：青石市政府\n",
         "青石市文化馆"),
        # a disclosure's part heading run into its first section ('…概况一、主要职能'), the township it names
        # being its government where the text names that ('…某乡人民政府主要职能'); a form's 项目主管部门 cell
        ("监督索引号123 景东彝族自治县大朝山东镇 2021年度部门决算 目录 第一部分 景东彝族自治县大朝山东镇概况 "
         "一、主要职能 第二部分 2021年度部门决算表\n第一部分 景东彝族自治县大朝山东镇概况 一、主要职能 (一)主要职能 "
         "景东彝族自治县大朝山东镇人民政府主要职能: 1.落实政策。\n",
         "景东彝族自治县大朝山东镇人民政府"),
        ("2024年度部门整体绩效自评表 |\n项目名称: | 青石县科学技术协会整体监控 | 自评总分: | 98 |\n"
         "项目主管部门: | 705-青石县科学技术协会 | 部门联系人: | 某某 |\n", "青石县科学技术协会"),
        # an evaluation's cover run together ('主管部门:某中心评价时间:…'), and one whose labels stand on
        # lines of their own above their values ('项目单位名称:' / '某某局')
        ("财政支出项目绩效评价报告\n项目名称:某某补助资金项目单位:全省管护单位主管部门:青石县湿地保护管理中心评价时间:"
         "2021年1月1日至2021年12月31日\n", "青石县湿地保护管理中心"),
        ("首页 > 分享 > 某某绿地管养专项资金项目绩效评价报告\n委托单位名称:\n\n昆明市五华区财政局\n评审机构名称:\n\n"
         "某某会计师事务所有限公司\n项目单位名称:\n\n昆明市五华区城市管理局\n", "昆明市五华区城市管理局"),
        # a page's metadata as a list, each label and value an item of its own ('- 发文机构' / '- 某某局')
        ("昌宁县2022年专项转移支付绩效自评报告(湿地补助资金)\n- 索引号\n- x-3/2023-0417\n- 发文机构\n- 昌宁县林业和草原局\n"
         "- 公开目录\n- 绩效自评报告\n一、绩效目标完成情况分析\n", "昌宁县林业和草原局"),
    ],
)
def test_the_unit_wherever_the_document_states_it(text, unit):
    document = parse_text(text)
    assert find_unit(document, find_title(document))[0] == unit


@pytest.mark.parametrize(
    "fragment",
    [
        "炎陵县3、准为国家级资源保种场", "红河哈尼族彝族自治州2024年,红河州数据发展中心", "根据要求本单位", "的办公室",
        "湖南省财政厅湖南省水利厅",  # two names run together
        "青石联合会计师事务所",  # the evaluator, not the unit evaluated
    ],
)
def test_a_sentence_fragment_is_never_a_unit_name(fragment):
    assert not is_unit_name(fragment)


def test_an_evaluator_label_inside_a_longer_word_is_not_the_unit():
    document = parse_text("部门整体支出绩效自评报告\n\n第三方评价单位负责人：***\n\n部门名称：青石县统计局\n")
    assert find_unit(document, find_title(document))[0] == "青石县统计局"


# ------------------------------------------------------------------ project forms

PROJECT_FORM = """首页 > 信息公开 > 财政资金
项目支出绩效自评表
（2022年度）
项目名称 | 白杨乡人饮巩固提升工程 | ||||||
主管部门 | 青石县水务局 | 实施单位 | 青石县农村供水站 | ||||
项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 80 | 95 | 90.25 | 10 | 95.00% | 9.5 |
其中：当年财政拨款 | 80 | 90 | 85.25 | — | 94.72% | — |
上年结转资金 | | 5 | 5 | — | 100.00% | — |
其他资金 | | | | — | | — |
年度总体目标 | 预期目标 | 实际完成情况 | ||||
完成3个村的管网改造。 | 已完成3个村的管网改造。 | |||||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
产出指标 | 数量指标 | 改造管网长度 | ≥12公里 | 12.6公里 | 20 | 20 | |
质量指标 | 工程验收合格率 | 100% | 100% | 15 | 15 | |
效益指标 | 社会效益指标 | 受益人口 | ≥2000人 | 1850人 | 30 | 27 | 部分农户外出务工 |
满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 93% | 15 | 15 | |
总分 | 100 | 96.5 | ||||||
"""


def test_a_project_form_gives_its_project_funds_and_indicator_rows():
    (form,) = project_forms(parse_text(PROJECT_FORM))
    assert form.name == "白杨乡人饮巩固提升工程"
    assert (form.department, form.implementing_unit) == ("青石县水务局", "青石县农村供水站")
    funds = {(f.fund_source, f.phase): f.amount_yuan for f in form.funds}
    assert funds[("total", "budget")] == Decimal("800000.00")
    assert funds[("total", "adjusted")] == Decimal("950000.00")
    assert funds[("total", "final")] == Decimal("902500.00")
    assert funds[("fiscal", "final")] == Decimal("852500.00")
    assert funds[("carryover", "adjusted")] == Decimal("50000.00")
    assert ("other", "final") not in funds  # an empty row gives nothing
    rates = {f.fund_source: f.execution_rate for f in form.funds}
    assert rates["total"] == 95.0 and rates["fiscal"] == 94.72
    assert (form.score, form.max_score) == (96.5, 100.0)
    rows = {(i.level1, i.level2, i.level3): (i.target_text, i.actual_text, i.weight, i.score, i.deviation_reason)
            for i in form.indicators}
    assert rows[("产出指标", "数量指标", "改造管网长度")] == ("≥12公里", "12.6公里", 20.0, 20.0, None)
    # the merged 一级指标 is missing from this row: it carries over from the row above
    assert rows[("产出指标", "质量指标", "工程验收合格率")] == ("100%", "100%", 15.0, 15.0, None)
    assert rows[("效益指标", "社会效益指标", "受益人口")] == ("≥2000人", "1850人", 30.0, 27.0, "部分农户外出务工")
    assert len(rows) == 4


def test_a_file_of_several_project_forms_gives_each_project():
    second = PROJECT_FORM.replace("白杨乡人饮巩固提升工程", "青石县河道清淤项目").replace("96.5", "88")
    forms = project_forms(parse_text(PROJECT_FORM + "\n" + second.split("\n", 1)[1]))
    assert [(f.name, f.score) for f in forms] == [("白杨乡人饮巩固提升工程", 96.5), ("青石县河道清淤项目", 88.0)]


def test_a_project_name_written_with_the_forms_name_after_it_loses_it():
    text = PROJECT_FORM.replace("| 白杨乡人饮巩固提升工程 |", "| 白杨乡人饮巩固提升工程支出绩效自评表 |")
    (form,) = project_forms(parse_text(text))
    assert form.name == "白杨乡人饮巩固提升工程"


def test_a_project_name_column_header_does_not_start_a_form():
    # near miss: a report's table of projects, 项目名称 over a column of names
    text = "\t项目名称\n\t预算数\n\t执行数\n\n\t档案数字化经费\n\t12.5\n\t12\n\n"
    assert project_forms(parse_text(text)) == []


def test_a_project_form_file_yields_projects_and_its_unit_not_budget_lines():
    extract = extract_facts(parse_text(PROJECT_FORM), {"report_id": "r1", "source_file": "f.txt"})
    report = extract.report
    assert report["document_kind"] == "project_form"
    assert report["unit_name"] == "青石县农村供水站"
    assert report["fiscal_year"] == 2022
    assert report["self_score"] == 96.5
    assert extract.frames["budget_facts"].height == 0  # project money is not the unit's budget
    projects = extract.frames["project_facts"]
    assert set(projects["fund_source"]) == {"total", "fiscal", "carryover"}
    indicators = extract.frames["indicator_rows"]
    assert set(indicators["project_name"]) == {"白杨乡人饮巩固提升工程"}


def test_a_notice_about_the_genre_is_not_a_report():
    text = "关于开展2023年度部门整体支出绩效自评工作的通知\n\n各预算单位：\n请于6月底前报送绩效自评表和自评报告。\n"
    extract = extract_facts(parse_text(text), {"report_id": "r2", "source_file": "n.txt"})
    assert extract.report["status"] == "not_a_report"
    assert extract.report["document_kind"] == "other"
    assert "not a performance report" in extract.report["error"]


# ------------------------------------------------------------------ forms of the unit, final accounts


def test_an_overall_form_gives_headcount_beside_labels_and_money_rows():
    text = """部门整体支出绩效自评表
（2021年度）
部门名称 | 青石县民政局 | |||
人员编制 | 84 | 实有人数 | 79 | ||
年度预算申请 | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 500 | 620 | 600 | 10 | 96.77% | 9.7 |
按支出性质分 | 其中：基本支出 | 300 | 310 | 305 |
项目支出 | 200 | 310 | 295 |
"""
    document = parse_text(text)
    counts = {(h.measure, h.staff_type): h.headcount for h in document_headcount(document)}
    assert counts == {("authorized", "total"): 84, ("actual", "total"): 79}
    money = {(m.name, m.phase): m.amount_yuan for m in document_money(document, 2021)}
    assert money[("项目支出", "final")] == Decimal("2950000.00")
    assert money[("基本支出", "adjusted")] == Decimal("3100000.00")
    assert money[("收入合计", "budget")] == Decimal("5000000.00")


FINAL_ACCOUNTS = """青石县林业局2021年度部门决算
一般公共预算财政拨款基本支出决算表
部门:青石县林业局 | 金额单位:万元 | ||||
人员经费 | 公用经费 | |||
科目编码 | 科目名称 | 决算数 | 科目编码 | 科目名称 | 决算数 |
301 | 工资福利支出 | 412.30 | 302 | 商品和服务支出 | 58.20 |
30101 | 基本工资 | 120.50 | 30201 | 办公费 | 6.10 |
人员经费合计 | 448.30 | 公用经费合计 | 58.20 |
财政拨款"三公"经费支出决算表
单位:万元 | |||
预算数 | 决算数 | |||
合计 | 因公出国(境)费 | 公务用车购置及运行费 | 公务接待费 | 合计 | 因公出国(境)费 | 公务用车购置及运行费 | 公务接待费 |
5.00 | 0.00 | 3.00 | 2.00 | 4.10 | 0.00 | 2.90 | 1.20 |
"""


def test_final_accounts_give_economic_lines_with_codes_beside_them_and_three_public():
    money = {(m.name, m.phase): m.amount_yuan for m in document_money(parse_text(FINAL_ACCOUNTS), 2021)}
    assert money[("工资福利支出", "final")] == Decimal("4123000.00")
    assert money[("办公费", "final")] == Decimal("61000.00")
    assert money[("人员经费", "final")] == Decimal("4483000.00")
    assert money[("三公经费合计", "budget")] == Decimal("50000.00")
    assert money[("公务用车购置及运行维护费", "final")] == Decimal("29000.00")
    # near miss: the codes 302 and 30201 are not money
    assert Decimal("3020000.00") not in money.values() and Decimal("302010000.00") not in money.values()


def test_final_accounts_are_recognised_and_loaded():
    extract = extract_facts(parse_text(FINAL_ACCOUNTS), {"report_id": "r3", "source_file": "a.txt"})
    assert extract.report["document_kind"] == "final_accounts"
    assert extract.report["unit_name"] == "青石县林业局"
    assert extract.report["fiscal_year"] == 2021


ONE_CELL_PER_LINE = "\n".join(
    [
        "部门预算项目支出绩效自评表(2023年度) |", "项目名称 |", "51990011A000000054321-北岸村道路养护经费 |",
        "主管部门 |", "北岸县交通局本级 |", "实施单位 (盖章) |", "北岸县公路站 |",
        "预算执行情况(10分) |", "年度预算数(万元) |", "年初预算 |", "调整后预算数 |", "预算执行数 |",
        "预算执行率 |", "权重 |", "得分 |", "原因 |",
        "总额 |", "22.00 |", "20.90 |", "95.00% |", "10 |", "9.5 |",  # 年初预算 left empty: no cell at all
        "其中:财政资金 |", "18.00 |", "22.00 |", "20.90 |", "95.00% |", "/ |", "/ |",
    ]
)


def test_a_form_published_one_cell_per_line_is_read_by_its_labels():
    (form,) = project_forms(parse_text(ONE_CELL_PER_LINE))
    assert form.name == "北岸村道路养护经费"  # the budget code before the name is not part of it
    assert (form.department, form.implementing_unit) == ("北岸县交通局", "北岸县公路站")
    funds = {(f.fund_source, f.phase): f.amount_yuan for f in form.funds}
    # the total row has no 年初预算 cell: its figures are placed from the stated rate backwards
    assert funds == {
        ("total", "adjusted"): Decimal("220000.00"),
        ("total", "final"): Decimal("209000.00"),
        ("fiscal", "budget"): Decimal("180000.00"),
        ("fiscal", "adjusted"): Decimal("220000.00"),
        ("fiscal", "final"): Decimal("209000.00"),
    }
    total = next(f for f in form.funds if f.fund_source == "total")
    assert (total.execution_rate, total.weight, total.score) == (95.0, 10.0, 9.5)


# ------------------------------------------------------------------ figures and characters


@pytest.mark.parametrize(
    ("run", "split"),
    [
        ("40004000100%", (Decimal("4000"), Decimal("4000"), Decimal("100"))),
        ("25002340.593.62%", (Decimal("2500"), Decimal("2340.5"), Decimal("93.62"))),
        ("10200%", (Decimal("102"), Decimal("0"), Decimal("0"))),  # nothing spent yet
        ("202010100.00%", None),  # six columns run together: no cut is certain
        ("12.5%", None),  # a rate alone
    ],
)
def test_fused_figures_are_split_only_where_the_rate_makes_it_certain(run, split):
    reading = split_fused_row(run, ["adjusted", "final", "rate"])
    assert (reading and (reading["adjusted"], reading["final"], reading["rate"])) == split


def test_a_fused_row_that_cannot_be_split_is_left_out_and_said_so():
    text = ONE_CELL_PER_LINE.split("预算执行情况")[0] + "资金情况 (万元) |\n全年预算数(A)全年执行数(B)预算执行率(B/A) |\n年度资金总额:202010100.00% |\n"
    extract = extract_facts(parse_text(text), {"report_id": "r4", "source_file": "f.txt"})
    checks = extract.frames["quality_checks"]
    assert "fused_figures_not_split" in set(checks["check_name"])
    assert extract.frames["project_facts"].filter(pl.col("amount_yuan").is_not_null()).height == 0


def test_an_absurd_figure_is_left_out_and_the_rest_of_the_report_loads():
    text = (
        "青石县财政局2021年度部门整体支出绩效自评报告\n\n一、基本情况\n\n"
        "2021年收入合计100000000000000000000万元，支出合计320.5万元，其中基本支出200万元。\n"
    )
    extract = extract_facts(parse_text(text), {"report_id": "r5", "source_file": "f.txt"})
    budget = {row["line_name"]: row["amount_yuan"] for row in extract.frames["budget_facts"].iter_rows(named=True)}
    assert budget == {"支出合计": Decimal("3205000.00"), "基本支出": Decimal("2000000.00")}
    checks = extract.frames["quality_checks"].filter(pl.col("severity") != "info")  # info: a phase assumed
    assert checks["check_name"].to_list() == ["figure_out_of_range"]


def test_a_page_in_traditional_characters_is_read_in_simplified_ones():
    assert to_simplified("項目支出績效自評表（2023年度）預算數萬元") == "项目支出绩效自评表（2023年度）预算数万元"
    assert to_simplified("索引號(hào) 發(fā)布機(jī)構(gòu) 宣城市農(nóng)業(yè)農(nóng)村局 績(jī)效") .startswith("索引号 发布机构 宣城市农业农村局")
    # near miss: a simplified text, with a bracketed word, stays as it is
    plain = "项目支出绩效自评表(test)云南省"
    assert to_simplified(plain) == plain


def test_a_project_report_gives_its_project_the_money_score_and_stated_rate():
    text = (
        "青石县民政局2022年度春节慰问经费项目支出绩效自评报告\n\n一、基本情况\n\n"
        "本项目全年预算3.8万元，实际支出3.6万元，预算执行率94.74%。自评得分98分，等级为优秀。\n"
    )
    extract = extract_facts(parse_text(text), {"report_id": "r6", "source_file": "f.txt"})
    assert extract.report["document_kind"] == "project_report"
    assert extract.frames["budget_facts"].height == 0  # the project's money, not the unit's
    rows = {row["phase"]: row for row in extract.frames["project_facts"].iter_rows(named=True)}
    assert {phase: row["amount_yuan"] for phase, row in rows.items()} == {
        "adjusted": Decimal("38000.00"), "final": Decimal("36000.00")
    }
    assert {row["project_name"] for row in rows.values()} == {"春节慰问经费项目"}
    final = rows["final"]
    assert (final["execution_rate_stated"], final["score"], final["grade"]) == (94.74, 98.0, "优秀")


@pytest.mark.parametrize(
    ("name", "full"),
    [("省商务厅", "海南省商务厅"), ("市文旅局", "海口市文旅局"), ("财政局", "海口市财政局"),
     ("市场监督管理局", "海口市市场监督管理局")],  # near miss: 市场 is no level
)
def test_a_short_name_is_completed_with_the_place_at_its_level(name, full):
    from pipelines.extract.meta import _expand_short_name
    from pipelines.normalize.regions import Region

    haikou = Region(province="海南省", city="海口市", county=None, admin_level="city", admin_code="460100")
    assert _expand_short_name(name, haikou) == full


@pytest.mark.parametrize(
    ("label", "classified"),
    [
        ("特殊教育公用经费项目全年预算资金", ("project", "特殊教育公用经费项目", False)),  # the phase is not the name
        ("档案数字化项目年初预算数", ("project", "档案数字化项目", False)),
        ("年终考核后及时拨付剩余的清算资金", None),  # a sentence, not a project
        ("农村道路养护经费", ("project", "农村道路养护经费", False)),
        # a disclosure's standing items and lines are no projects, though they end as one does
        ("某某镇人民政府的机关运行经费", ("budget", "机关运行经费", False)),
        ("财政专户管理资金", ("budget", "财政专户管理资金", False)),
        ("四、上级补助收入", ("budget", "上级补助收入", False)),
        ("上级资金收入", None),  # near miss: a level of government's share
    ],
)
def test_a_project_is_named_without_the_phase_of_its_figure(label, classified):
    from pipelines.extract.money import classify_label

    assert classify_label(label) == classified


def test_an_indicator_table_in_a_stream_of_cells_is_regrouped_and_the_text_after_it_kept():
    from pipelines.documents.cell_stream import rebuild_tables

    lines = "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n产出指标\n数量\n指标\n新建水池\n3座\n3座\n10\n9\n说明\n无".split("\n")
    document = parse_text("\n".join(rebuild_tables(lines)))
    (table,) = document.tables
    assert table.rows[1] == ["产出指标", "数量指标", "新建水池", "3座", "3座", "10", "9"]  # 数量 / 指标 joined
    assert [p.text for p in document.paragraphs] == ["说明", "无"]  # not swallowed by the table


def test_an_indicator_streams_reasons_and_empty_template_rows_do_not_end_it():
    """Under a 偏差原因 header a sentence after a row's numbers is that row's reason; the
    template's empty row ('指标2' over '……') is skipped; near miss: a long paragraph after the
    last row ends the table and stays text."""
    from pipelines.documents.cell_stream import rebuild_tables

    cells = ("一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n偏差原因分析及改进措施\n"
             "产出指标\n数量指标\n指标1新建水池\n3座\n2座\n10\n8\n汛期停工，下一年度完成。\n指标2\n……\n"
             "质量指标\n指标1验收合格率\n100%\n100%\n10\n10\n" + "本项目完成情况较好，资金使用规范。" * 8)
    document = parse_text("\n".join(rebuild_tables(cells.split("\n"))))
    (table,) = document.tables
    assert table.rows[1:] == [["产出指标", "数量指标", "指标1新建水池", "3座", "2座", "10", "8", "汛期停工，下一年度完成。"],
                              ["质量指标", "指标1验收合格率", "100%", "100%", "10", "10"]]
    assert document.paragraphs[-1].text.startswith("本项目完成情况较好")


def test_a_level_name_broken_before_its_指标_and_a_block_of_empty_rows_do_not_shift_the_next_row():
    """'可持续影响' / '指标' is one cell; a level name whose rows are all empty template rows
    ('生态效益' / '指标' over '指标1', '……') heads nothing, so the level-1 name after it opens the
    next row afresh."""
    from pipelines.documents.cell_stream import rebuild_tables

    cells = ("一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n"
             "效益指标\n社会效益\n指标\n指标1覆盖人数\n500\n520\n10\n10\n"
             "生态效益\n指标\n指标1\n指标2\n……\n效益指标\n可持续影响\n指标\n指标1设施使用年限\n8\n8\n10\n9")
    (table,) = parse_text("\n".join(rebuild_tables(cells.split("\n")))).tables
    assert table.rows[1:] == [["效益指标", "社会效益指标", "指标1覆盖人数", "500", "520", "10", "10"],
                              ["效益指标", "可持续影响指标", "指标1设施使用年限", "8", "8", "10", "9"]]


def test_a_scoring_stream_with_points_for_every_level_ends_a_row_on_its_分值_and_得分():
    """Under '一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分' a level's points between
    names do not end a row: two numbers in a row do; near miss: under the usual header one
    number, a target, and a score still make a row."""
    from pipelines.documents.cell_stream import rebuild_tables

    cells = ("一级指标\n分值\n二级指标\n分值\n三级指标\n分值\n得分\n"
             "项目管理\n30\n资金到位\n6\n到位率\n4\n4\n到位时效\n2\n1.5")
    (table,) = parse_text("\n".join(rebuild_tables(cells.split("\n")))).tables
    assert table.rows[1:] == [["项目管理", "30", "资金到位", "6", "到位率", "4", "4"], ["到位时效", "2", "1.5"]]
    cells = "一级指标\n二级指标\n三级指标\n指标值\n完成值\n分值\n得分\n产出指标\n数量指标\n培训人次\n300\n已完成\n10\n10"
    (table,) = parse_text("\n".join(rebuild_tables(cells.split("\n")))).tables
    assert table.rows[1] == ["产出指标", "数量指标", "培训人次", "300", "已完成", "10", "10"]


def test_an_indicator_stream_whose_only_number_is_its_score_is_regrouped_a_row_per_score():
    from pipelines.documents.cell_stream import rebuild_tables

    cells = "一级指标\n二级指标\n三级指标\n得分\n投入(20分)\n目标设定(10分)\n目标合理性(4分)\n4.00\n指标明确性(6分)\n3.00"
    (table,) = parse_text("\n".join(rebuild_tables(cells.split("\n")))).tables
    assert table.rows[1:] == [["投入(20分)", "目标设定(10分)", "目标合理性(4分)", "4.00"], ["指标明确性(6分)", "3.00"]]
    # near miss: under 指标值/完成值 columns a row still needs two numbers (a value alone is no row end)
    cells = "一级指标\n二级指标\n三级指标\n指标值\n完成值\n得分\n产出指标\n数量指标\n培训人次\n300\n已完成\n10"
    (table,) = parse_text("\n".join(rebuild_tables(cells.split("\n")))).tables
    assert table.rows[1] == ["产出指标", "数量指标", "培训人次", "300", "已完成", "10"]


def test_an_indicator_stream_headed_by_target_and_result_values_is_regrouped():
    """年初目标值(A) / 实际完成值(B) / 得分, with no 分值 column: the level cells stand on the first
    row only, as a page writes merged cells."""
    from pipelines.documents.cell_stream import is_header_word, rebuild_tables

    cells = ("一级指标\n二级指标\n三级指标\n年初目标值(A)\n实际完成值(B)\n得分\n"
             "产出指标(40分)\n数量指标\n新修机耕路(≥**公里)\n12.5\n12.5\n4\n新建蓄水池(≥*座)\n6\n5\n3")
    (table,) = parse_text("\n".join(rebuild_tables(cells.split("\n")))).tables
    assert table.rows[1:] == [["产出指标(40分)", "数量指标", "新修机耕路(≥**公里)", "12.5", "12.5", "4"],
                              ["新建蓄水池(≥*座)", "6", "5", "3"]]
    assert is_header_word("全年目标值") and is_header_word("实际值")
    assert not is_header_word("目标")  # near miss: a word of a sentence, not a column


def test_a_target_written_over_sign_value_and_unit_columns_is_read_whole():
    text = (
        "项目名称 | 青石县农机补贴项目 | ||||\n主管部门 | 青石县农业局 | 实施单位 | 青石县农机站 | ||\n"
        "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |\n"
        "产出指标 | 数量指标 | 补贴农机台数 | ≥ | 120 | 台 | 126 | 20 | 20 | ||\n"
        "质量指标 | 验收合格率 | ＝ | 100 | % | 100 | 10 | 10 | ||\n"
    )
    (form,) = project_forms(parse_text(text))
    targets = {row.level3: (row.target_text, row.actual_text, row.weight) for row in form.indicators}
    assert targets == {"补贴农机台数": ("≥120台", "126", 20.0), "验收合格率": ("＝100%", "100", 10.0)}


@pytest.mark.parametrize(
    "label",
    ["分别支持某某湖水生态治理项目", "我市获得中央水污染防治专项资金", "第一批资金", "共涉及资金", "共需资金", "所需资金",
     # a sentence's time or scope before its figure, and words that name no line
     "已于本年度支出", "于本年度支出", "已经支出", "至年底我局项目", "含中央资金", "绩效自评“良”的项目11个财政资金",
     "支出资金", "计划资金", "农村居民人均可支配收入"],
)
def test_the_words_of_a_sentence_around_a_project_name_make_no_project(label):
    from pipelines.extract.money import classify_label

    assert classify_label(label) is None


@pytest.mark.parametrize("label", ["于都县农村公路建设项目", "含山县农村饮水工程"])
def test_a_project_named_after_a_county_starting_like_a_particle_is_a_project(label):  # near miss of the above
    from pipelines.extract.money import classify_label

    assert classify_label(label) == ("project", label, False)


@pytest.mark.parametrize("label", ["自治区财政补助资金", "盟市财政补助资金", "旗县级财政资金", "州级配套资金", "各县(市、区)筹集资金",
                                   "建设资金", "发放补助资金",  # nor money named only by its use
                                   "某某河县资金",  # nor a place's share
                                   "政府性基金预算资金", "国有资本经营预算资金",  # nor a kind of fund
                                   "中央转移支付", "一般性转移支付", "省级资金转移支付",  # or of transfer
                                   "二、项目资金情况项目资金",  # nor a heading run into its sentence
                                   "直接补助费", "预拨资金",  # nor a kind of cost within a fund, nor its advance
                                   "20xx年我镇获得财政衔接资金",  # nor a sentence around a fund
                                   "上年度结余的资金"])  # nor what is left of last year's
def test_a_level_of_governments_share_of_the_money_is_no_project(label):
    """'其中：中央补助资金…，自治区财政补助资金…，旗县级财政资金…': where the money came from."""
    from pipelines.extract.money import classify_label

    assert (classify_label(label) or ("none",))[0] != "project"


@pytest.mark.parametrize("label", ["边境防火隔离带补助费", "森林公安转移支付"])
def test_a_fund_named_as_its_subsidy_or_its_transfer_is_a_project(label):  # ('中央转移支付' above is none)
    from pipelines.extract.money import classify_label

    assert classify_label(label) == ("project", label, False)


def test_a_project_named_after_a_place_word_is_still_a_project():  # near miss of the above
    from pipelines.extract.money import classify_label

    assert classify_label("县城污水处理项目") == ("project", "县城污水处理项目", False)
    assert classify_label("村道建设资金") == ("project", "村道建设资金", False)  # a use with its object


def test_a_project_named_with_a_verb_of_its_own_is_still_a_project():  # near miss of the above
    from pipelines.extract.money import classify_label

    assert classify_label("支持农业发展专项资金") == ("project", "支持农业发展专项资金", False)
    assert classify_label("需求调研项目") == ("project", "需求调研项目", False)


# a form a page writes one row a line, its cells separated by spaces; a header cell wrapped
# onto the next line (年度 / 指标值); figures of a row wrapped onto a line of their own
SPACED_FORM = """\
河湾镇小型水利设施维修经费绩效自评表(2023年度)

项目名称 河湾镇小型水利设施维修经费
主管部门 东岭县水利局   实施单位 河湾镇人民政府
项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分
(万元) 年度资金总额 40 42 39.9 10 95% 9.5
其中:当年财政拨款 40 40 38 — — —
      上年结转资金 0 2 1.9 — — —
绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施
指标值 完成值
产出指标 数量指标 指标1:维修塘坝座数 ≥6座 7座
10 10
指标2:清淤渠道长度 ≥3公里 3.2公里 10 10
成本指标 单座维修成本 ≤6万元 5.7万元 10 9
"""


def test_a_form_written_one_row_a_line_with_spaces_is_read_as_a_table():
    (form,) = project_forms(parse_text(SPACED_FORM))
    assert form.name == "河湾镇小型水利设施维修经费"
    assert (form.department, form.implementing_unit) == ("东岭县水利局", "河湾镇人民政府")
    funds = {(f.fund_source, f.phase): f.amount_yuan for f in form.funds}
    assert funds[("total", "budget")] == Decimal("400000.00")
    assert funds[("total", "adjusted")] == Decimal("420000.00")
    assert funds[("total", "final")] == Decimal("399000.00")
    assert funds[("fiscal", "final")] == Decimal("380000.00")
    assert funds[("carryover", "adjusted")] == Decimal("20000.00")
    rows = {i.level3: (i.level1, i.level2, i.target_text, i.actual_text, i.weight, i.score) for i in form.indicators}
    assert rows == {
        "维修塘坝座数": ("产出指标", "数量指标", "≥6座", "7座", 10.0, 10.0),
        "清淤渠道长度": ("产出指标", "数量指标", "≥3公里", "3.2公里", 10.0, 10.0),
        "单座维修成本": ("产出指标", "成本指标", "≤6万元", "5.7万元", 10.0, 9.0),
    }


# a transfer payment's form of one municipality's layout: cells apart by two spaces, figures of
# a row by one, characters of a merged cell spaced out ('产 出 指 标'), the level-2 header lost
SPACED_TRANSFER_FORM = """\
某镇2022年度项目绩效自评表
中央、市级专项转移支付绩效目标自评表
(2022年度)
专项(项目)名称  某镇某村人居环境整治项目 负责人及电话  某某
市级主管部门  某某市农业农村委员会
县级主管部门  某某县农业农村委员会 实施单位  某某县某镇人民政府
项目资金(万元)
全年预算数(A)  全年执行数(B)  执行率(B/A)
年度资金总额:  86.4万元 80万元 92.59%
其中:中央、市级补助  60万元 60万元 100%
绩 效 指 标  一级 指标
三级指标  年度指标值  全年完成值  未完成原因和
改进措施
产 出 指 标  数量指标 指标1:改造户厕 120户 118户
质量指标 指标1:验收合格率 100% 100%
效 益 指 标  社会效益指标 村容村貌 明显改善 明显改善
"""


def test_a_transfer_payments_form_with_cells_apart_by_two_spaces_and_merged_cells_spaced_out():
    (form,) = project_forms(parse_text(SPACED_TRANSFER_FORM))
    assert (form.name, form.department, form.implementing_unit) == (
        "某镇某村人居环境整治项目", "某某县农业农村委员会", "某某县某镇人民政府")
    assert {(f.fund_source, f.phase): f.amount_yuan for f in form.funds} == {
        ("total", "adjusted"): Decimal("864000.00"), ("total", "final"): Decimal("800000.00"),
        ("fiscal", "adjusted"): Decimal("600000.00"), ("fiscal", "final"): Decimal("600000.00"),
    }
    assert [(i.level1, i.level2, i.level3, i.target_text, i.actual_text) for i in form.indicators] == [
        ("产出指标", "数量指标", "改造户厕", "120户", "118户"),
        ("产出指标", "质量指标", "验收合格率", "100%", "100%"),
        ("效益指标", "社会效益指标", "村容村貌", "明显改善", "明显改善"),
    ]


# a project's target form (绩效目标申报表) one cell a line: targets only, no result, no points
TARGET_FORM_CELLS = "\n\n".join([
    "绩效目标申报表(基础设施建设类)", "项目名称", "某县2023年某某灌区改造项目", "主管部门", "某县水利局",
    "绩效指标", "一级指标", "二级指标", "三级指标", "指标值",
    "产出指标", "数量指标", "改造渠道长度", "≥12公里", "新建泵站", "≥2座",
    "效益指标", "生态效益", "指标", "新增灌溉面积", "≥800亩",
    "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%",
    "注:各地请根据实际情况选择适合的指标填报。",
])


def test_a_target_forms_cells_one_a_line_are_read_as_rows_of_a_name_and_its_target():
    (form,) = project_forms(parse_text(TARGET_FORM_CELLS))
    assert [(i.level1, i.level2, i.level3, i.target_text, i.actual_text) for i in form.indicators] == [
        ("产出指标", "数量指标", "改造渠道长度", "≥12公里", None),
        ("产出指标", "数量指标", "新建泵站", "≥2座", None),
        ("效益指标", "生态效益指标", "新增灌溉面积", "≥800亩", None),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", None),
    ]
    assert document_kind("某县绩效目标申报表(某某灌区改造)", TARGET_FORM_CELLS[:400], True) == "budget"


def test_an_evaluations_results_table_one_cell_a_line_gives_its_score():
    from pipelines.extract.meta import find_score_and_grade

    cells = ["本次绩效评价结果", "评价准则", "分值", "实际得分", "绩效评价等级", "投入", "20", "16.5",
             "过程", "40", "31.2", "产出", "25", "22", "效果", "15", "12.8", "评价结果", "100", "82.5", "评价小组"]
    assert find_score_and_grade(parse_text("\n\n".join(cells)))[:2] == (82.5, 100.0)
    # near miss: without its column headers the figures are lines of text, not a table's total
    bare = [c for c in cells if c not in ("分值", "实际得分", "绩效评价等级")]
    assert find_score_and_grade(parse_text("\n\n".join(bare)))[:2] == (None, None)


def test_spaced_lines_without_a_header_line_stay_prose():
    # near miss: a report whose sentences hold spaces, with no run of header words on one line
    text = "一、基本情况\n本单位 2023年 年初预算数为 40万元，全年执行数 39.9万元。\n二、存在问题 无\n"
    document = parse_text(text)
    assert document.tables == []
    assert [p.text for p in document.paragraphs][1] == "本单位 2023年 年初预算数为 40万元，全年执行数 39.9万元。"


# a sharing site's copy of a spreadsheet form, all on one line: the rate's header says its ratio
# in words and wraps ('执行率(全年 执行数/全年 预算数)'), a fund's label wraps ('当年财政 拨款'), and
# the 得分 header stands after the rows
FUSED_SHEET_FORM = (
    "附件1 项目支出绩效自评表 ( 2021 年度) 项目名称 某某业务经费 主管部门 某市某某局 项目资金(万元) 实施单位 某市某某局 "
    "年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数) 年度资金总额: 80.5万元 82万元 81万元 10 98.78% 9.9 "
    "其中:当年财政 拨款 80.5万元 82万元 81万元 10 98.78% 9.9 得分 上年结转资金 其他资金 预期目标 实际完成情况\n"
)


def test_a_spreadsheet_form_fused_on_one_line_keeps_its_funds_and_rates():
    (form,) = project_forms(parse_text(FUSED_SHEET_FORM))
    funds = {(f.fund_source, f.phase): (f.amount_yuan, f.execution_rate) for f in form.funds}
    assert funds[("total", "adjusted")] == (Decimal("820000.00"), 98.78)
    assert funds[("total", "final")] == (Decimal("810000.00"), 98.78)
    assert funds[("fiscal", "budget")] == (Decimal("805000.00"), 98.78)
    assert funds[("fiscal", "final")] == (Decimal("810000.00"), 98.78)
    # near miss: labels without figures after the rows ('上年结转资金 其他资金') are not run together
    assert not any(f.fund_source in ("carryover", "other") and f.amount_yuan for f in form.funds)


# ------------------------------------------------------------------ layouts first seen in batch 44

NUMBERED_BUDGET_TABLE = "\n".join([
    "2026年部门预算信息公开目录",
    "部门预算公开表",
    "部门预算信息公开编制说明",
    "811阜平县城南庄镇财政所 |", "预算年度:2026 |", "单位:万元 | ||",
    "序号 |", "收入 |", "支出 | ||",
    "栏次 |", "1 |", "2 |", "3 |", "4 |",
    "1 |", "一、一般公共预算拨款收入 |", "402.50 |", "一、一般公共服务支出 |", "300.10 |",
    "2 |", "二、政府性基金预算拨款收入 |", "|", "二、外交支出 |", "|",
    "3 |", "|", "|", "三、国防支出 |", "|",
    "4 |", "|", "|", "四、社会保障和就业支出 |", "62.40 |",
    "5 |", "本年收入合计 |", "402.50 |", "本年支出合计 |", "362.50 |",
    "6 |", "收入总计 |", "402.50 |", "支出总计",
    "402.50",
])


def test_a_table_run_into_one_row_is_cut_again_where_its_rows_are_numbered():
    # the page ended only its header rows: a row number after an empty amount was read as that
    # amount ('二、外交支出' = 3)
    tables = [b for b in parse_text("\n".join(capture_lines(NUMBERED_BUDGET_TABLE))).blocks if hasattr(b, "rows")]
    rows = [row for table in tables for row in table.rows]
    assert ["1", "一、一般公共预算拨款收入", "402.50", "一、一般公共服务支出", "300.10"] in rows
    assert ["4", "", "", "四、社会保障和就业支出", "62.40"] in rows
    assert ["栏次", "1", "2", "3", "4"] in rows  # the column numbers before the first row: a row of their own


def test_a_numbered_budget_table_gives_its_lines_not_its_row_numbers_and_its_unit_from_its_top_row():
    extract = extract_facts(parse_text("\n".join(capture_lines(NUMBERED_BUDGET_TABLE))), {"report_id": "r", "source_file": "f.txt"})
    budget = {(r["line_name"], r["phase"]): r["amount_yuan"] for r in extract.frames["budget_facts"].iter_rows(named=True)}
    assert budget[("财政拨款收入", "budget")] == Decimal("4025000.00")
    assert budget[("支出合计", "budget")] == Decimal("3625000.00")
    assert not any("外交" in line or "国防" in line for line, _ in budget)  # empty rows give nothing
    # the unit in the table's top row beside its year and money unit, its budget code ('811') dropped
    assert extract.report["unit_name"] == "阜平县城南庄镇财政所"


@pytest.mark.parametrize(
    ("title", "head", "kind"),
    [
        # an assessment by a firm before the money is given: filed with the evaluations
        ("某县某某产业园建设项目事前绩效评估报告", "组织单位：某县财政局\n实施机构：某某会计师事务所有限公司\n", "evaluation_report"),
        # an evaluation's cover under no title: who asked for it and the firm that evaluated
        (None, "（2021-2023年度）\n项目名称：某某防治资金\n主管部门：某某厅\n委托单位：某某财政厅\n评价机构：某某项目咨询有限公司\n", "evaluation_report"),
        # a 决算's explanation under no title, by its sections
        (None, "一、基本职能\n某某法院是审判机关。\n二、部门概况\n三、收支决算总体情况说明\n2020年本年收入合计120万元。", "final_accounts"),
        # a title naming no one over a project's account
        ("绩效自评报告", "一、项目概况\n（一）项目基本性质\n项目名称：某某医院设备购置项目\n", "project_report"),
        # near miss: the same title over a department's account stays the unit's
        ("绩效自评报告", "一、部门基本情况\n（一）项目概况\n", "overall_report"),
    ],
)
def test_kinds_first_seen_in_batch_44(title, head, kind):
    assert document_kind(title, head, False) == kind


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # a classified-ads site's line above a title that opens on its place is no part of it
        ("欢迎来到某某信息网\n免费发信息\n上海市静安区某某街道办事处2019年度部门决算公开\n目 录\n", "上海市静安区某某街道办事处"),
        # a 决算's account of its year names the unit after the year
        ("一、基本职能\n二、部门概况\n2019年德阳市旌阳区人民法院本年收入合计1200.5万元，其中：财政拨款收入1200.5万元。\n", "德阳市旌阳区人民法院"),
        # the unit that organised the self-evaluation, before the finance department beside it
        ("一、绩效目标分解下达情况\n广西壮族自治区林业局、广西壮族自治区财政厅组织对2023年某某资金开展了绩效自评。\n", "广西壮族自治区林业局"),
        # an evaluation of a unit's fund names the unit after the year in its title
        ("2023年度邵东市某某街道乡村振兴项目资金绩效评价报告\n一、基本情况\n", "邵东市某某街道"),
        # an evaluation's cover naming only who asked for it
        ("某县某某园区项目事前绩效评估报告\n组织单位: 衡南县财政局\n实施机构: 某某会计师事务所\n", "衡南县财政局"),
        # batch 45:
        # the title names its unit; an office housed in it, introduced with its short name, does not replace it
        ("某州司法局2024年度部门整体支出绩效自评报告\n中共某州委全面依法治州委员会办公室（以下简称州委依法治州办）设在某州司法局。\n",
         "某州司法局"),
        # near miss: under a title naming no one, the full name the short name stands for is the unit
        ("部门整体支出绩效自评报告\n某州科学技术协会（以下简称州科协）是科技工作者的群众组织。\n", "某州科学技术协会"),
        # a 决算's title '…（汇总）2017年部门决算公开的说明'
        ("当前位置: 首页 > 预决算公开\n湖北省某某学院（汇总）2017年部门决算公开的说明\n目录\n", "湖北省某某学院"),
    ],
)
def test_units_first_seen_in_batches_44_and_45(text, unit):
    document = parse_text(text)
    name, _ = find_unit(document, find_title(document))
    assert name == unit


def test_a_score_given_as_the_self_evaluations_points():
    from pipelines.extract.meta import find_score_and_grade

    document = parse_text("二、综合评价结论\n\n某某资金执行率为97%，绩效自评分数为91.5分。\n")
    assert find_score_and_grade(document)[0] == 91.5


def test_a_units_monitoring_of_its_targets_is_no_self_evaluation():
    head = "为规范衔接资金管理，某镇人民政府对2022年度实施的项目进行绩效目标运行监控，现将1-12月份的监控情况报告如下：\n"
    assert document_kind("某镇某某路项目绩效运行监控报告", head + "一、绩效目标分解下达情况\n", False) == "other"
    # near miss: a firm's analysis of a unit's monitoring is filed with the evaluations
    assert document_kind("某县某局2022年部门整体绩效运行监控分析报告",
                         "受托分析中介机构：某某会计师公司\n我们接受委托，对某局…进行分析。", False) == "evaluation_report"


def test_a_budget_disclosures_planned_total_and_its_three_public_ceiling():
    extract = extract_facts(parse_text(
        "某县某某局2016年部门预算\n"
        "某县某某局2016年部门预算收入总额3120万元，拟安排支出总额3120万元，其中：人员支出980万元，项目支出60万元。\n"
        "某县某某局2016年“三公”经费财政拨款预算控制数为42万元，其中：公务接待费22万元。\n"
    ), {"report_id": "r", "source_file": "f.txt"})
    budget = {(r["line_name"], r["phase"]): r["amount_yuan"] for r in extract.frames["budget_facts"].iter_rows(named=True)}
    assert budget[("支出合计", "budget")] == Decimal("31200000.00")
    assert budget[("三公经费合计", "budget")] == Decimal("420000.00")
    assert budget[("公务接待费", "budget")] == Decimal("220000.00")


def test_posts_of_an_institution_run_under_the_civil_service_law_are_not_administrative_posts():
    facts = document_headcount(parse_text(
        "我局行政编制25名，行政工勤编制4名；下属单位共有事业编制40名（其中，依照公务员法管理事业编制40名）。\n"
    ))
    counts = {(f.measure, f.staff_type, f.headcount) for f in facts}
    assert ("authorized", "administrative", 25) in counts
    assert ("authorized", "institutional", 40) in counts
    assert ("authorized", "administrative", 40) not in counts


def _counts(text: str) -> set[tuple[str, str, int]]:
    return {(f.measure, f.staff_type, f.headcount) for f in document_headcount(parse_text(text))}

def _extract(page: str):
    """The page's extract, as the pipeline makes it from a text file."""
    return extract_facts(parse_text(page), {"report_id": "r", "source_file": "t.txt"})


def _project_money(page: str) -> list[tuple]:
    """(project, phase, amount) of each project figure the page gives."""
    return _extract(page).frames["project_facts"].select("project_name", "phase", "amount_yuan").rows()



def test_a_paragraph_presenting_an_administrative_unit_and_its_institution_types_their_counts():
    counts = _counts(
        "某市医疗保障局属于行政单位，是一级预算单位。人员编制8名，实有人数8人。其下辖二级单位某市医疗保险中心，"
        "是参照公务员法管理的事业单位。截至2023年末，人员编制30名，实有人数26人，退休9人。\n"
    )
    assert counts == {("authorized", "administrative", 8), ("actual", "administrative", 8),
                      ("authorized", "institutional", 30), ("actual", "institutional", 26), ("retired", "institutional", 9)}
    # near miss: one unit presented as of a kind says nothing of its staff's types
    assert _counts("某局为正科级行政单位。核定编制10名，实有人数9人。\n") == {("authorized", "total", 10), ("actual", "total", 9)}


def test_the_staff_split_by_who_pays_them_keep_their_whole():
    # '财政拨款在职人员' is a part of the 98 in service by who pays it, not the in-service count
    counts = _counts("本年实有人数98人（其中：财政拨款在职人员95人，自收自支人员3人），退休人员20人。\n")
    assert ("actual", "total", 98) in counts
    # near miss: the in-service and the retired together, the 73 are not the actual staff
    counts = _counts("实有人数73人，其中在职人员55人，退休人员18人。\n")
    assert ("actual", "total", 73) not in counts and ("actual", "total", 55) in counts


def test_retirees_counted_without_their_word_before_the_parts_in_brackets():
    counts = _counts("年末在职20人，离退休人员57（其中：离休人员5人，财政供养退休人员20人，社保供养退休人员32人）。\n")
    assert ("retired", "total", 57) in counts


def test_a_unit_named_by_its_level_alone_is_placed_by_the_notice_it_answers():
    document = parse_text(
        "为做好2016年度部门整体支出绩效自我评价工作，根据《怀化市财政局关于开展2016年度市级财政资金绩效自评工作的通知》"
        "文件精神，现将我院整体支出绩效自评结果报告如下：\n一、单位概况\n我院共设有12个内设机构。\n市中级人民法院\n"
    )
    name, region = find_unit(document, find_title(document))
    assert name == "怀化市中级人民法院" and region.city == "怀化市"
    # near misses: 市场 is a word, not the level ('市场监督管理局' of a county under that city);
    assert resolve_region("市场监督管理局", "根据《怀化市财政局关于开展绩效自评工作的通知》") is None
    # and a notice of a province's finance department places no 市 unit
    document = parse_text("根据《湖南省财政厅关于开展绩效自评工作的通知》，现将我院自评结果报告如下：\n一、单位概况\n市中级人民法院\n")
    _, region = find_unit(document, find_title(document))
    assert region is None or region.city is None


def test_a_funds_account_titled_as_its_targets_completion_is_a_project_report():
    document = parse_text("某某市2023年度衔接推进乡村振兴补助资金绩效目标完成情况\n2023年，某某市全力巩固拓展脱贫攻坚成果。现将自评情况报告如下：\n一、总体情况\n")
    title = find_title(document)
    assert title == "某某市2023年度衔接推进乡村振兴补助资金绩效目标完成情况"
    assert document_kind(title, document.full_text(), False) == "project_report"


# a budget's project target table as a page carries it: the merged cells on the left of a
# project's later rows left out, so those rows start at their level-1 word
TARGET_TABLE = """首页 > 信息公开 > 预决算公开
| 部门预算项目绩效目标申报表(2024年度) | ||||||||||||
| 金额单位:元 | ||||||||||||
| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性 | |
| 731-青石镇部门 | 1,236,500.00 | |||||||||||
| 731001-青石县青石镇人民政府 | 村级组织运转经费 | 986,500.00 | 保障村级组织正常运转 | 产出指标 | 数量指标 | 覆盖行政村 | = | 9 | 个 | 30 | 正向指标 | |
| 满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥ | 90 | % | 20 | 正向指标 | |||||
| 河道保洁经费 | 250,000.00 | 保持河道整洁 | 产出指标 | 质量指标 | 保洁达标率 | ≥ | 95 | % | 40 | 正向指标 | ||
| 效益指标 | 生态效益指标 | 水质改善 | 定性 | 好转 | | 20 | 正向指标 | |||||
"""


def test_a_budgets_target_table_gives_each_projects_budget_and_targets():
    extract = extract_facts(parse_text(TARGET_TABLE), {"report_id": "t1", "source_file": "t.txt",
                                                       "source_sha256": "0" * 64, "source_format": "txt"})
    report = extract.report
    assert (report["document_kind"], report["unit_name"], report["fiscal_year"]) == ("budget", "青石县青石镇人民政府", 2024)
    projects = extract.frames["project_facts"]
    assert sorted(zip(projects["project_name"], projects["phase"], projects["amount_yuan"])) == [
        ("村级组织运转经费", "budget", Decimal("986500.00")), ("河道保洁经费", "budget", Decimal("250000.00"))]
    indicators = extract.frames["indicator_rows"]
    assert list(zip(indicators["project_name"], indicators["level3"], indicators["target_text"], indicators["weight"])) == [
        ("村级组织运转经费", "覆盖行政村", "9个", 30.0), ("村级组织运转经费", "村民满意度", "≥90%", 20.0),
        ("河道保洁经费", "保洁达标率", "≥95%", 40.0), ("河道保洁经费", "水质改善", "好转", 20.0)]
    # near miss: the department's subtotal row is no project and no budget line of the unit
    assert extract.frames["budget_facts"].filter(pl.col("amount_yuan") == Decimal("1236500.00")).height == 0


# a district's self-evaluation of a relief fund as its site carries it: published by the finance
# bureau under a bureau's title, its projects listed as the district counts them (batch 51's layout)
RELIEF_FUND_REPORT = """某市青河区民政局2021年度财政衔接推进资金绩效自评报告
发布:
青河区财政局
时间:
2022-04-20
浏览量 0
按照上级文件要求，现就衔接推进资金绩效情况自评报告如下:
一、年度资金项目安排情况
2021年我区衔接推进资金共760万元，其中，省级资金260万元，区级资金500万元。2021年共编制项目31个（产业项目29个，包括大棚种植项目28个410万元，仓储物流项目1个240万元；技能培训项目1个，就业培训投资10万元；帮扶类项目1个，结对帮扶资金100万元）。截至年底，共支出2021年衔接推进资金735.5万元（其中产业发展625.5万元，就业培训10万元，结对帮扶100万元），资金报账率96.78%。
"""


def test_a_relief_funds_report_lists_its_projects_as_the_district_counts_them():
    extract = extract_facts(parse_text(RELIEF_FUND_REPORT), {"report_id": "rf", "source_file": "rf.txt",
                                                             "source_sha256": "0" * 64, "source_format": "txt"})
    assert (extract.report["document_kind"], extract.report["fiscal_year"]) == ("project_report", 2021)
    projects = extract.frames["project_facts"]
    got = set(zip(projects["project_name"], projects["phase"], projects["amount_yuan"]))
    # (the fund the report is about keeps the name its title gives it)
    assert {("财政衔接推进资金", "budget", Decimal("7600000.00")), ("财政衔接推进资金", "final", Decimal("7355000.00")),
            ("大棚种植项目", "budget", Decimal("4100000.00")), ("仓储物流项目", "budget", Decimal("2400000.00")),
            ("产业发展", "final", Decimal("6255000.00")), ("结对帮扶", "final", Decimal("1000000.00"))} <= got
    # near misses: a level's share is no line of the unit's, and drafting 31 projects is no count of posts
    assert extract.frames["budget_facts"].filter(pl.col("amount_yuan") == Decimal("2600000.00")).height == 0
    assert extract.frames["headcounts"].height == 0


def test_a_short_name_in_a_county_level_city_is_its_own_where_the_text_names_it_so():
    from pipelines.extract.meta import _expand_short_name
    from pipelines.normalize.regions import Region

    yiwu = Region(province="浙江省", city="金华市", county="义乌市", admin_level="county", admin_code="330782")
    assert _expand_short_name("市体育局", yiwu, "来源:市体育局 …义乌市体育局组织开展了…") == "义乌市体育局"
    # near miss: the text names no such unit of the county-level city: the prefecture's, as before
    assert _expand_short_name("市体育局", yiwu, "来源:市体育局 …组织开展了…") == "金华市体育局"


def test_a_figure_with_a_mark_the_pages_encoding_could_not_carry_is_that_figure():
    assert bar_cells("年度总金额 | 1,200.00? | 980.50? | 81.7%? | 说明? |") == ["年度总金额", "1,200.00", "980.50", "81.7%", "说明?"]


def test_a_units_whole_spending_named_as_a_project_is_no_project_form_and_its_money_is_the_units():
    page = ("2024年度部门整体绩效自评表 |\n项目名称: | 青石县科学技术协会整体监控 | 自评总分: | 98 |\n资金情况 |\n"
            "| 年初预算数 | 全年(调整)预算数 | 全年执行数 | 执行率 |\n年度总金额 | 1,250,000.00 | 1,480,000.00 | 1,406,000.00 | 95 |\n")
    document = parse_text(page)
    assert project_forms(document) == []
    money = {(f.name, f.phase, f.amount_yuan) for f in document_money(document, 2024) if f.kind == "budget"}
    assert ("年度总金额", "final", Decimal("1406000.00")) in money


def test_a_listed_project_given_then_paid_keeps_both_phases_and_its_stated_rate():
    text = ("青石县就业服务中心2024年绩效自评报告\n我单位对2024年度项目支出资金使用情况进行了绩效自评。\n"
            "（二）项目资金\n2024年项目资金为9.5万元，实际已支付9.2万元，支付率为96.8%。具体如下：\n"
            "1、档案数字化费用6万元，实际已支付6万元，资金支付率100%；\n"
            "2、政策宣传资料费3.5万元，实际已支付3.2万元，资金支付率91.4%。\n（三）项目组织情况\n")
    rows = extract_facts(parse_text(text), {"report_id": "r9", "source_file": "p.txt"}).frames["project_facts"]
    got = {(r["project_name"], r["phase"], r["amount_yuan"], r["execution_rate_stated"]) for r in rows.iter_rows(named=True)}
    assert got == {
        ("档案数字化费用", "budget", Decimal("60000"), 100.0), ("档案数字化费用", "final", Decimal("60000"), 100.0),
        ("政策宣传资料费", "budget", Decimal("35000"), 91.4), ("政策宣传资料费", "final", Decimal("32000"), 91.4),
    }


def test_a_final_accounts_table_whose_empty_rows_keep_only_their_numbers_reads_no_row_number_as_money():
    # a page's 收入支出决算总表: the 行次 header, a 栏次 row, two-sided rows, and rows whose cells are
    # empty but for their number ('| 9 |'), each on a line of its own
    page = ("收入支出决算总表 |\n|\n| 公开01表 |\n部门:青石县档案馆 金额单位:万元 |\n收入 | 支出 |\n"
            "项目 | 行次 | 金额 | 项目 | 行次 | 金额 |\n栏次 |\n| 1 | 栏次 |\n| 2 |\n"
            "一、一般公共预算财政拨款收入 | 1 | 236.40 | 一、一般公共服务支出 | 32 | 201.75 |\n"
            "二、政府性基金预算财政拨款收入 | 2 |\n| 二、外交支出 | 33 |\n|\n"
            "八、其他收入 | 8 |\n| 八、社会保障和就业支出 | 39 | 19.33 |\n| 9 |\n"
            "| 九、卫生健康支出 | 40 | 15.32 |\n| 10 |\n| 十、节能环保支出 | 41 |\n|\n| 11 |\n")
    money = {(f.name, f.amount_yuan) for f in document_money(parse_text(page), 2023) if f.kind == "budget"}
    assert money == {
        ("财政拨款收入", Decimal("2364000.00")), ("一般公共服务支出", Decimal("2017500.00")),
        ("社会保障和就业支出", Decimal("193300.00")), ("卫生健康支出", Decimal("153200.00")),
    }


def test_an_evaluations_cover_form_names_its_project_in_a_label_cell_not_a_column():
    page = ("青石县敬老服务经费项目\n绩效评价报告\n|\n项目名称: |\n敬老服务经费项目 |\n|\n项目承担单位: |\n"
            "青石县民政局 |\n|\n项目总金额: |\n312万元 |\n|\n评价年度: |\n2023年度 |\n目 录\n")
    assert [f.name for f in document_money(parse_text(page), 2023) if f.kind == "project"] == []


def test_a_table_written_a_cell_a_line_with_each_bar_before_its_cell_is_rebuilt_into_rows():
    # the first cell at the margin (its words wrapped below it), the others indented after a bar; a
    # bar with nothing after it ends the row; rows below the first lose the cells merged down into them
    page = ("绩效\n       指标\n        | 一级指标\n        | 二级指标\n        | 三级指标\n        | 指标值\n"
            "        | 实施进度\n        | \n产出指标\n        | 数量指标\n        | 巡查次数\n        | 不少于12次\n"
            "        | 完成14次\n        | |\n质量指标\n        | 巡查覆盖率\n        | 100%\n        | 已完成100%\n"
            "        | ||\n效益指标\n        | 社会效益\n       指标\n        | 群众知晓率\n        | 85%\n"
            "        | 91%\n        | |\n（三）项目自评步骤及方法\n")
    assert [table.rows for table in parse_text(page).tables][0] == [
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实施进度"],
        ["", "产出指标", "数量指标", "巡查次数", "不少于12次", "完成14次"],
        ["", "", "质量指标", "巡查覆盖率", "100%", "已完成100%"],
        ["", "效益指标", "社会效益指标", "群众知晓率", "85%", "91%"],
    ]
    # and a page with a few indented bar lines among its text is left as it was
    few = ["说明", "        | 一", "        | 二", "正文一段。"]
    assert rows_of_leading_bars(few) == few


def test_a_funds_tables_header_that_opens_on_project_name_names_no_project():
    page = ("（二）资金计划、到位及使用情况\n项目名称 | 中央、省级财政资金 | 资金计划 | 资金到位情况 | 资金使用情况 |\n"
            "青石县河道保洁项目 | 省级 | 20 | 20 | 19.6 |\n合计 |  | 20 | 20 | 19.6 |\n")
    assert [form.name for form in project_forms(parse_text(page))] == []


def test_a_fund_that_went_to_the_project_the_title_names_without_the_word_project_is_its_money():
    # the title names the works ('…茶园提质改造绩效自评报告'), the text the fund and the project it went to
    page = ("青石县茶园提质改造绩效自评报告\n来源：青石县农业农村局\n一、绩效目标分解下达情况\n"
            "2021年度衔接推进乡村振兴补助资金86万元，用于茶园提质改造项目。\n二、绩效目标完成情况\n")
    assert _project_money(page) == [
        ("茶园提质改造项目", "budget", Decimal("860000.00"))]


def test_a_kind_of_posts_counted_without_its_measure_word_before_its_parts_in_brackets():
    counts = _counts("某乡人民政府核定总编制数24人，其中：行政编制19(其中:工勤1人)、事业编制5(其中:专技3人)。\n")
    assert {("authorized", "administrative", 19), ("authorized", "institutional", 5)} <= counts
    assert ("authorized", "logistics", 19) not in counts and ("authorized", "institutional", 3) not in counts


def test_a_prose_budget_naming_the_unit_with_a_bracketed_unit_word_gives_its_totals():
    # a province's template: '<unit>(单位)收入预算…', '<unit>(单位)支出预算…'
    page = ("某县某镇政府2025年单位预算公开说明\n"
            "1.预算收入情况：2025年某县某镇政府(单位)收入预算516.4万元，其中：财政拨款收入516.4万元。\n"
            "2.预算支出情况：2025年某县某镇政府(单位)支出预算516.4万元，其中，基本支出470.1万元，项目支出46.3万元。\n")
    money = {(f.name, f.phase): f.amount_yuan for f in document_money(parse_text(page), 2025) if f.kind == "budget"}
    assert money == {
        ("收入合计", "budget"): Decimal("5164000.00"), ("财政拨款收入", "budget"): Decimal("5164000.00"),
        ("支出合计", "budget"): Decimal("5164000.00"), ("基本支出", "budget"): Decimal("4701000.00"),
        ("项目支出", "budget"): Decimal("463000.00"),
    }


def test_a_captured_three_public_table_keeps_rows_whose_figures_are_empty_and_reads_last_years_budget_apart():
    # a row with its label only ('1.因公出国(境)费 | ||||') no longer ends the table: the rows after
    # it keep the header, so '2023年预算数' is last year's budget (left out), '2024年预算数' this
    # year's, and the change columns are not money
    page = ("索引号 | 000-2025-01 | 发布机构 | 某县某乡 |\n"
            "公开目录 | 三公经费 | 发布日期 | 2025-03-02 |\n"
            "2024年某县某乡“三公”经费预算财政拨款情况统计表 | ||||\n"
            "单位:万元 | ||||\n"
            "项目 | 2023年预算数 | 2024年预算数 | 比上年增、减情况 | |\n"
            "增、减金额 | 增、减幅度 | |||\n"
            "合计 | 12.5 | 14 | 1.5 | 12% |\n"
            "1.因公出国(境)费 | ||||\n"
            "2.公务接待费 | 2.5 | 4 | 1.5 | 60% |\n"
            "3.公务用车购置及运行费 | 10 | 10 | ||\n")
    money = {(f.name, f.phase, f.amount_yuan) for f in document_money(parse_text(page), 2024) if f.kind == "budget"}
    assert money == {
        ("三公经费合计", "budget", Decimal("140000.00")),
        ("公务接待费", "budget", Decimal("40000.00")),
        ("公务用车购置及运行维护费", "budget", Decimal("100000.00")),
    }


def test_a_final_accounts_page_with_no_title_under_its_units_profile_names_its_unit_where_it_was_founded():
    # no title: the unit's duties and bodies, then '二、部门决算情况说明 / （一）收入支出决算总体情况说明';
    # the unit is named only in the sentence that dates its founding
    duties = "".join(f"{i}.承担全县道路运输、水路运输、港口和地方航道的综合行政执法工作，组织开展第{i}类执法检查。\n"
                     for i in range(1, 7))
    page = ("一、部门基本情况\n（一）职能职责\n" + duties + "（二）机构设置\n根据某编委〔2019〕12号文件，"
            "2020年3月永仁县交通运输综合行政执法大队整合设立，隶属县交通局管理，无下属单位。\n"
            "二、部门决算情况说明\n（一）收入支出决算总体情况说明\n1.总体情况。2024年度收入总计512.3万元，支出总计512.3万元。\n")
    extract = _extract(page)
    assert extract.frames["reports"].select("document_kind", "unit_name").rows() == [
        ("final_accounts", "永仁县交通运输综合行政执法大队")]


def test_a_byline_under_the_title_names_the_unit_without_its_date():
    document = parse_text("2023年度某省某某专项资金绩效自评报告\n某省应急管理厅 时间:2024-05-10 10:12\n"
                          "为规范专项资金管理，我厅对该资金开展了绩效自评。\n")
    assert find_unit(document, find_title(document))[0] == "某省应急管理厅"


def test_money_allotted_to_the_fund_a_report_is_about_is_its_budget():
    page = ("2022年度某省安全生产专项资金绩效自评报告\n我厅对2022年度该专项资金开展了绩效自评，现将情况报告如下：\n"
            "一、专项资金基本情况\n2022年度安排专项资金12,345万元，支持项目数量为321个。\n二、绩效目标完成情况\n")
    assert _project_money(page) == [
        ("某省安全生产专项资金", "budget", Decimal("123450000.00"))]


def test_a_reports_cover_fields_written_as_sentences_name_the_project_its_money_goes_to():
    # '项目名称:…项目。' with a full stop, the title naming the project with its money ('…项目补助资金'),
    # and the whole given as '项目建设总投资'
    page = ("永仁县某乡2022年核桃提质项目补助资金绩效自评报告\n一、项目基本情况\n（一）项目概况\n"
            "项目名称:永仁县某乡2022年度核桃提质项目。\n项目主管部门:永仁县林业和草原局。\n项目实施单位:某乡人民政府。\n"
            "二、项目绩效实现情况\n（一）项目资金情况\n项目建设总投资58万元。全部为县级财政资金。\n")
    extract = _extract(page)
    projects = extract.frames["project_facts"].filter(pl.col("amount_yuan").is_not_null())
    assert projects.select("project_name", "phase", "amount_yuan").rows() == [
        ("永仁县某乡2022年度核桃提质项目", "budget", Decimal("580000.00"))]
    assert "永仁县林业和草原局" in extract.frames["project_facts"]["department"].to_list()


def test_spending_stated_as_the_years_actual_spending_figure_restates_the_budget_before_it():
    page = ("某市驻外联络处2021年度干部租房补助经费项目支出绩效自评报告\n一、项目基本情况\n"
            "该项目经费用于支付挂职干部住房租金，项目经费预算86万元，全年实际支出数为79.5万元。\n二、绩效目标完成情况\n")
    extract = _extract(page)
    projects = extract.frames["project_facts"]
    assert sorted(projects.select("phase", "amount_yuan").rows()) == [
        ("budget", Decimal("860000.00")), ("final", Decimal("795000.00"))]


def test_a_covers_unit_wrapped_after_its_place_is_read_whole_over_a_slip_above_the_title():
    # the cover's value broken after the county ('…全称:永仁县' / '人民法院(公章)'); the line above the
    # title repeats the name with a slip ('永仁县永仁县人民法院' would be caught as a doubling; here the
    # short name before the full one)
    page = ("评价类型: 项目完成结果评价\n部门(单位)全称:峨山彝族自治县\n人民法院(公章)\n填报日期 2024年3月1日\n"
            "峨山县彝族自治县人民法院\n2023年部门整体支出绩效评价报告\n一、部门基本情况\n（一）部门职能\n")
    document = parse_text(page)
    assert find_unit(document, find_title(document))[0] == "峨山彝族自治县人民法院"


@pytest.mark.parametrize("opening", ["一、部门(单位)基本概况 |\n", "1.审计项目:全年完成审计项目42个。\n"])
def test_a_provinces_cover_saying_the_unit_evaluated_itself_is_an_overall_report_under_no_title(opening):
    # the profile's heading '部门(单位)基本概况' says it; so does the cover's 评价方式 where no heading follows
    page = ("部门(单位)名称: 永仁县审计局\n预 算 编 码: 205\n评价方式:部门(单位)绩效自评\n评价机构:部门(单位)评价组\n"
            "报告日期:2021年5月20日\n永仁县财政局(制)\n" + opening + "人员编制 |\n31 |\n实有人数 |\n29 |\n")
    extract = _extract(page)
    assert extract.frames["reports"].select("document_kind", "unit_name").rows() == [("overall_report", "永仁县审计局")]
    counts = {(h["measure"], h["headcount"]) for h in extract.frames["headcounts"].iter_rows(named=True)}
    assert counts == {("authorized", 31), ("actual", 29)}


def test_a_grid_written_column_by_column_pairs_no_label_with_the_figure_after_it():
    # the 三公 table's labels in a run, then its figures: the last label is not the first figure's;
    # the note below states each part
    page = ("某某管委会2024年一般公共预算“三公”经费预算\n单位:万元\n“三公”经费合计\n因公出国(境)费\n公务用车购置及运行费\n"
            "公务接待费\n小计\n公务用车购置费\n公务用车运行费\n96\n0\n36\n20\n16\n60\n"
            "二、说明\n2024年“三公”经费支出预算为96万元。其中：公务用车运行费16万元，公务接待费60万元。\n")
    money = {(f.name, f.amount_yuan) for f in document_money(parse_text(page), 2024) if f.kind == "budget"}
    assert ("公务用车运行维护费", Decimal("960000.00")) not in money
    assert ("公务用车运行维护费", Decimal("160000.00")) in money
    grid_alone = page.split("二、说明")[0]  # the grid gives no pair it cannot be sure of
    assert [f for f in document_money(parse_text(grid_alone), 2024) if f.kind == "budget"] == []


def test_a_table_of_two_figure_columns_written_a_cell_a_line_still_pairs_its_first_row():
    # near miss of the grid above: a row's label, then its two figures; the header's phase words before it
    page = "某局2024年“三公”经费情况\n单位:万元\n项目\n预算数\n决算数\n“三公”经费合计\n96\n90\n公务接待费\n60\n55\n"
    money = {(f.name, f.amount_yuan) for f in document_money(parse_text(page), 2024) if f.kind == "budget"}
    assert ("三公经费合计", Decimal("960000.00")) in money


def test_retired_staff_counted_with_a_note_inside_their_label():
    assert _counts("2.离退休人员:退休(财政供养)实有人数3人。\n") == {("retired", "total", 3)}


def test_a_final_accounts_pages_paragraph_per_project_gives_each_projects_money_and_rate():
    # the national 决算 template's account of its projects' targets, no title on the page
    page = ("本部门按要求对2021年部门整体支出开展绩效自评，项目完成情况良好。\n1. 项目绩效目标完成情况。\n"
            "本部门在2021年度部门决算中反映“乡村道路养护”“防汛物资”等2个项目绩效目标实际完成情况。\n"
            "(1)乡村道路养护项目绩效目标完成情况综述。项目全年预算数8.4万元，执行数为8.1万元，完成预算的96.43%。\n"
            "(2)防汛物资项目绩效目标完成情况综述。项目全年预算数3万元，执行数为3万元，完成预算的100%。\n")
    extract = _extract(page)
    assert extract.frames["reports"]["document_kind"].to_list() == ["final_accounts"]
    rows = sorted(extract.frames["project_facts"].select("project_name", "phase", "amount_yuan", "execution_rate_stated").rows())
    assert rows == [
        ("乡村道路养护项目", "adjusted", Decimal("84000.00"), 96.43),
        ("乡村道路养护项目", "final", Decimal("81000.00"), 96.43),
        ("防汛物资项目", "adjusted", Decimal("30000.00"), 100.0),
        ("防汛物资项目", "final", Decimal("30000.00"), 100.0),
    ]



def test_near_misses_of_this_sessions_rules_read_as_before():
    # a bracket holding a count ends the next count's label: 22 people, not 22 posts
    assert ("actual", "total", 22) in _counts("核定编制24人（其中行政编制19人）实有人数22人。\n")
    assert ("retired", "total", 1) in _counts("本单位编制人数12人(不含遗属)离休人员1人。\n")
    # a unit founding another is not the unit founded
    document = parse_text("永仁县审计局是县人民政府的组成部门。2019年永仁县人民政府批准设立县审计服务中心，负责审计技术工作。\n")
    assert find_unit(document, find_title(document))[0] == "永仁县审计局"
    # money added during the year is no budget; last year's money carried out is last year's final
    assert phase_of_label("年中追加安排资金") != "budget"
    money = {(f.name, f.phase) for f in document_money(parse_text("2023年“三公”经费预算执行数为12万元。\n"), 2024)}
    assert ("三公经费合计", "prior_final") in money
    # a heading padded with empty cells between two tables is no row of the first
    lines = capture_lines("合计 | 12 | 13 |\n2024年“三公”经费预算情况 | ||||\n项目 | 预算数 | 决算数 |\n合计 | 14 | 15 |\n")
    assert "2024年“三公”经费预算情况" in lines
    # a titled overall report citing its 决算 stays the unit's report; a ticked box is no cover statement
    assert document_kind("永仁县财政局2021年度部门整体支出绩效自评报告", "本局在2021年度部门决算中反映的项目支出共5个。",
                         False) == "overall_report"
    assert document_kind(None, "评价方式:部门(单位)绩效自评□ 委托第三方评价☑\n", False) != "overall_report"
    # the template's heading with a colon names its project too; a revenue's 完成预算的 is no execution rate
    assert paragraph_project("(1)乡村道路养护项目绩效目标完成情况综述：项目全年预算数8.4万元。") == "乡村道路养护项目"
    assert STATED_RATE.search("非税收入完成预算的105%。") is None


# batch 62's layouts, in the team's own words and figures


def test_money_spent_said_before_the_word_for_it_names_no_project():
    page = ("一、项目基本情况\n某某县乡道改线工程起于甲村，止于乙村，全长8公里，估算投资9,000.00万元。\n"
            "二、项目绩效自评工作开展情况\n（1）前期准备：按照某某县财政局的通知要求，对2022年项目支出进行核实。\n"
            "三、项目绩效实现情况\n（一）项目资金情况\n1.项目资金到位情况\n"
            "2022年6月10日县财政局下达我局项目前期工作经费150.00万元。\n"
            "2.项目资金执行情况\n实际支出项目资金150.00万元，资金执行率100.00%。\n")
    assert _project_money(page) == [("项目前期工作经费", "budget", Decimal("1500000.00"))]
    for spent in ("2022年实际支出项目资金", "截至年底累计支出项目资金", "项目实际支出资金"):
        varied = page.replace("实际支出项目资金150.00", spent + "150.00")
        assert _project_money(varied) == [("项目前期工作经费", "budget", Decimal("1500000.00"))], spent


def test_a_sentence_with_its_subject_and_date_names_no_fund():
    page = ("某某省2022年度城市管网补助资金转移支付绩效自评报告\n一、基本情况\n"
            "中央财政下达某某省2022年度城市管网补助资金共计2.4亿元，其中，甲市1.2亿元、乙市1.2亿元。\n"
            "某某省财政厅于2022年6月将2022年度中央补助资金2.4亿元和绩效目标分解下达，甲市和乙市各1.2亿元。\n")
    assert _project_money(page) == [("某某省2022年度城市管网补助资金", "budget", Decimal("240000000.00"))]
    for dated in ("2022年6月", "在2022年6月", "于年初", "2022年6月10日"):
        varied = page.replace("于2022年6月将", dated + "将")
        assert _project_money(varied) == [("某某省2022年度城市管网补助资金", "budget", Decimal("240000000.00"))], dated


def test_a_unit_of_its_own_level_presented_as_under_its_department():
    page = ("一、单位基本情况\n（一）职能职责\n1.负责全县农村道路的规划。\n"
            "永仁县交通运输局（本级）是永仁县交通运输局下属的全额拨款行政单位，内设3个科室，有行政编制9名。\n"
            "二、收入支出决算总体情况说明\n2023年度收入合计120.5万元，支出合计118.2万元。\n")
    assert _extract(page).report["unit_name"] == "永仁县交通运输局"
    said_as = page.replace("永仁县交通运输局（本级）是永仁县交通运输局下属的全额拨款行政单位",
                           "永仁县残疾人联合会（本级）为参照公务员法管理事业单位")
    assert _extract(said_as).report["unit_name"] == "永仁县残疾人联合会"
    # a page with no title presenting its unit as a body under its department
    school = ("第一部分 概况\n永仁县第二实验小学是永仁县教育体育局直属的财政全额拨款事业单位，主要职责是实施小学义务教育。\n"
              "二、收入支出决算总体情况说明\n2023年度收入合计120.5万元，支出合计118.2万元。\n")
    assert _extract(school).report["unit_name"] == "永仁县第二实验小学"
    # near misses: a department's page presenting its bodies so names none of them; a name holding 为
    schools = school.replace("永仁县第二实验小学是", "本部门决算由局机关及所属学校组成。永仁县第一中学是永仁县教育体育局直属的"
                             "事业单位。永仁县第二实验小学是")
    assert _extract(schools).report["unit_name"] != "永仁县第二实验小学"
    centre = school.replace("永仁县第二实验小学是永仁县教育体育局直属的", "永仁县永定镇为民服务中心是永仁县永定镇人民政府下属的")
    assert _extract(centre).report["unit_name"] != "永仁县永定镇"
    # near miss: a body presented as under the unit is not the unit
    under = page.replace("永仁县交通运输局（本级）是永仁县交通运输局下属的全额拨款行政单位",
                         "永仁县交通运输局是永仁县人民政府工作部门。永仁县公路养护中心是永仁县交通运输局下属的公益一类全额拨款事业单位")
    assert _extract(under).report["unit_name"] == "永仁县交通运输局"


def test_a_count_of_departments_under_a_retirees_office_is_no_retirees_count():
    counts = _counts("某某局下设办公室、财务处、离退休干部服务处8个管理部门，3个直属事业单位。某某局人员编制96人。\n")
    assert counts == {("authorized", "total", 96)}
    assert _counts("某某局设离退休干部处等8个业务和管理处（室），人员编制96人。\n") == {("authorized", "total", 96)}
    # near misses: retirees counted in people are kept; so are posts before a label of bodies and their count
    assert ("retired", "total", 8) in _counts("某某局人员编制96人，离退休人员8人。\n")
    assert _counts("某某局核定行政编制19个内设机构5个。\n") == {("authorized", "administrative", 19)}


def test_the_posts_of_a_list_of_bodies_in_brackets_are_theirs_not_the_units():
    counts = _counts("某乡内设6个办公室（行政编制数24名，机关工勤编制2名）。设置事业站所3个，分别是：农业服务中心"
                     "（事业编制11名）、文化服务中心（事业编制4名）、退役军人服务站（事业编制2名）。\n")
    assert counts == {("authorized", "administrative", 24), ("authorized", "logistics", 2)}
    assert _counts("某校（教职工56人）、附属幼儿园（教职工12人）共有在职人员68人。\n") == {("actual", "total", 68)}
    # near misses: the unit's own posts in brackets after its name are kept, in no list; so are a
    # count's notes in brackets
    assert ("authorized", "institutional", 11) in _counts("某某服务中心（事业编制11名）是某乡下属事业单位。\n")
    assert ("authorized", "institutional", 20) in _counts("本中心（事业编制20名）下设检测站（事业编制5名）。\n")
    assert ("authorized", "administrative", 30) in _counts("本单位行政编制30名（其中工勤2名）、事业编制10名（其中专技8名）。\n")


def test_a_page_titled_in_its_metadata_as_a_towns_budget_draft_is_outside_the_genre():
    page = ("标题: | 某某镇2022年预算执行和2023年预算草案 | ||\n索引号: | 0000/2023-01 | 文号: | |\n"
            "发布机构: | 某某县某某镇人民政府 | ||\n2022年某某镇一般公共预算收入执行情况表 | ||\n单位:万元 | ||\n"
            "项目 | 2021年决算数 | 2022年执行数 |\n一、税收收入 | 320 | 350 |\n增值税 | 210 | 230 |\n")
    title = find_title(parse_text(page))
    assert title == "某某镇2022年预算执行和2023年预算草案"
    assert document_kind(title, page, False) == "other"


def test_a_title_wrapped_after_a_titles_word_is_joined():
    page = "永仁县消防救援大队2024年度部门预算\n执行情况绩效自评整改报告\n一、基本情况\n根据通知要求，我单位开展了自评。\n"
    assert find_title(parse_text(page)) == "永仁县消防救援大队2024年度部门预算执行情况绩效自评整改报告"
    # near misses: a heading or a sentence below the title is no part of it
    assert find_title(parse_text("永仁县林业局2024年部门预算\n一、部门基本情况\n本局负责全县林业工作。\n")) == "永仁县林业局2024年部门预算"
    assert find_title(parse_text("永仁县林业局2024年部门预算\n现将情况报告如下：\n")) == "永仁县林业局2024年部门预算"
    # …nor a second document's name
    assert find_title(parse_text("永仁县林业局2023年度部门决算\n收入支出决算总表\n")) == "永仁县林业局2023年度部门决算"
    assert find_title(parse_text("永仁县林业局2023年度部门决算\n“三公”经费支出决算情况说明\n")) == "永仁县林业局2023年度部门决算"


def test_a_sites_column_tag_before_the_title_is_no_part_of_the_units_name():
    page = ("政府信息公开\n【预算公开】永仁县某某镇政府2021年部门预算情况说明\n发布机构:\n"
            "一、部门主要职责\n某某镇政府负责全镇经济社会事务。\n二、收支预算总体情况\n"
            "2021年收入预算总计512.30万元，支出预算总计512.30万元。\n")
    report = _extract(page).report
    assert report["unit_name"] == "永仁县某某镇人民政府"
    assert report["document_kind"] == "budget"


def _budget_rows(page: str) -> set[tuple]:
    """(line, phase, amount) of each budget figure the page gives."""
    facts = _extract(page).frames["budget_facts"]
    return {(line, phase, str(amount)) for line, phase, amount in facts.select("line_name", "phase", "amount_yuan").rows()}


def test_a_funding_kind_written_with_its_words_in_another_order_names_no_phase():
    page = ("永仁县某某中心2022年部门整体支出绩效自评报告\n一、基本情况\n"
            "2022年本单位总收入为318.20万元，其中一般公共财政拨款预算收入260.40万元，其他收入57.80万元，"
            "年度总支出为402.10万元。\n")
    rows = _budget_rows(page)
    assert ("财政拨款收入", "final", "2604000.00") in rows
    assert ("支出合计", "final", "4021000.00") in rows
    # near miss: a budget stated as such is still the budget
    assert ("收入合计", "budget", "3000000.00") in _budget_rows(
        "永仁县某某中心2022年部门整体支出绩效自评报告\n一、基本情况\n2022年年初预算收入300万元。\n")
    assert ("财政拨款收入", "budget", "1000000.00") in _budget_rows(  # its 预算数 is the budget
        "永仁县某某中心2022年部门整体支出绩效自评报告\n一、基本情况\n2022年度一般公共财政拨款预算数为100万元，决算数为98万元。\n")


def test_the_three_public_costs_quoted_whole_before_how_they_were_paid_for():
    page = ("永仁县某某中心2022年部门整体支出绩效自评报告\n（四）“三公”经费控制情况。"
            "2022年“三公经费”财政拨款支出决算为0.93万元。其中：公务接待费支出0.93万元。\n")
    rows = _budget_rows(page)
    assert ("三公经费合计", "final", "9300.00") in rows
    assert not any(line == "财政拨款收入" for line, _, _ in rows)
    # …with a space after the quote, as PDF text has it, or with its total word
    assert match_line("“三公经费” 财政拨款支出") == match_line("“三公经费”财政拨款支出合计") == "三公经费合计"


def test_staff_in_typed_posts_after_an_in_service_total_are_people_and_a_years_leaving_no_count():
    counts = _counts("截至2022年12月，某某局总编制30个，其中：行政编制6个、事业编制14个。在职人员总数27人，其中："
                     "行政编制人员6人、事业编制人员16人。2022年调出1人，退休1人。\n")
    assert ("actual", "administrative", 6) in counts
    assert ("actual", "institutional", 16) in counts
    assert ("authorized", "institutional", 16) not in counts
    assert not any(measure == "retired" for measure, _, _ in counts)
    # near misses: typed posts after a count of people are posts; the retired counted in a sentence of their own
    assert ("authorized", "institutional", 0) in _counts("实际在编5人，事业编制0人。\n")
    assert ("retired", "total", 4) in _counts("2022年调出1人。退休4人。\n")
    assert ("retired", "total", 15) in _counts("年末实有在职人员20人，本年调入1人，退休人员15人。\n")  # the retirees it has
    # typed posts after 其中 under a count of people are those people's: 4 of the 50
    counts = _counts("机构设置教职工编制，实有人数50人，其中事业编制4人，聘用人员44人。\n")
    assert ("actual", "institutional", 4) in counts and ("authorized", "institutional", 4) not in counts
    # near miss: after the posts were counted, the typed counts under 其中 are those posts
    counts = _counts("本单位核定编制50人，实有人数48人，其中行政编制15人，事业编制35人。\n")
    assert ("authorized", "institutional", 35) in counts and ("actual", "institutional", 35) not in counts


def _unit(page: str) -> str | None:
    return _extract(page).report["unit_name"]


def _kind(page: str) -> str:
    """The kind the page's title and text give it."""
    return document_kind(find_title(parse_text(page)), page, False)


def test_the_unit_of_a_final_accounts_page_from_its_contents_title_scope_or_overview_heading():
    money = "一、收入支出决算总体情况说明\n2022年度收入总计84.10万元，支出总计84.10万元。\n"
    assert _unit("2022年度\n永仁县某某服务中心单位决算目录\n第一部分 单位概况\n" + money) == "永仁县某某服务中心"
    assert _unit("（二）单位构成\n纳入本部门2022年度决算编制的二级预算单位主要包括某某镇农业综合服务中心。\n"
                 + money) == "某某镇农业综合服务中心"
    assert _unit("某某总台公布了2022年度部门决算。某某总台2022年度部门决算编制范围为某某总台本级。\n" + money) == "某某总台"
    assert _unit("某某站负责全县工程质量监督。\n二、永仁县建设工程质量监督站概况\n本站是全额拨款事业单位。\n"
                 + money) == "永仁县建设工程质量监督站"
    # near misses: a scope of two units names neither; a heading without a place is no name
    assert _unit("纳入本部门2022年度决算编制的单位包括某某镇农业综合服务中心、某某镇文化站。\n" + money) is None
    assert _unit("二、机关后勤服务中心概况\n本中心负责机关后勤。\n" + money) is None
    # the same statements in other common wordings
    assert _unit("永仁县某某中心2023年度部门决算公开目录\n" + money) == "永仁县某某中心"
    assert _unit("2023年度部门决算\n（二）永仁县建设工程质量监督站概况\n" + money) == "永仁县建设工程质量监督站"
    assert _unit("2023年度部门决算\n一、永仁县建设工程质量监督站部门概况\n" + money) == "永仁县建设工程质量监督站"


def test_a_space_separated_project_form_of_targets_alone_under_a_header_whose_level_1_name_wrapped():
    page = ("2021年度项目支出绩效自评表\n项目名称 某某育种场建设项目\n主管部门 永仁县人民政府 实施单位 永仁县农业农村局\n"
            "预算执行情况(万元)\n预算数(A) 执行数(B) 执行率(B/A)\n年度财政资金总额 800 0.00  0.0000 \n"
            "一级\n指标\n二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分\n"
            "产出指标 数量指标 新建圈舍面积(平方米) 3000\n育种数量(头) 200\n质量指标 工程合格率(%) 95\n"
            "效益指标 经济效益指标 年新增产值 (万元) 300\n总分\n")
    rows = _extract(page).frames["indicator_rows"].select("level1", "level2", "level3", "target_text").rows()
    assert rows == [("产出指标", "数量指标", "新建圈舍面积(平方米)", "3000"),
                    ("产出指标", "数量指标", "育种数量(头)", "200"),
                    ("产出指标", "质量指标", "工程合格率(%)", "95"),
                    ("效益指标", "经济效益指标", "年新增产值(万元)", "300")]


def test_numbered_items_headed_by_a_special_funds_name_each_get_the_money_allotted_them():
    page = ("中共永仁县委宣传部2024年项目支出绩效自评报告\n一、项目基本情况\n"
            "2024年参与绩效评价的项目共2个，共计26万元。具体情况如下：\n"
            "1.理论宣讲专项。主要用于开展理论宣讲，做好读物的学习运用。安排经费11万元。\n"
            "2.扫黄打非专项。主要用于市场整治、专项行动等工作。安排经费15万元。\n")
    assert set(_project_money(page)) >= {("理论宣讲专项", "budget", Decimal("110000.00")),
                                         ("扫黄打非专项", "budget", Decimal("150000.00"))}
    # near miss: a numbered sentence that is no fund's name heads nothing
    assert not _project_money("某某县某某局2024年项目支出绩效自评报告\n1.加强学习。安排经费11万元。\n")


def test_who_evaluated_and_what_was_evaluated_from_a_cover_an_opening_or_a_funds_title():
    cover = ("某某自治区某某管理局2021年度部门整体支出绩效评价报告\n主管部门   某某自治区某某厅\n"
             "项目单位   某某自治区某某管理局\n委托机构   某某自治区某某厅\n评价机构   某某会计师事务普通合伙\n"
             "一、评价结论\n综合得分88.5分。\n")
    assert _kind(cover) == "evaluation_report"
    opening = ("关于某某路灯电费项目支出绩效评价报告\n根据某区财政局的通知要求，在某区城市管理局自评的基础上，"
               "评价小组对该局2019年度部门预算支出进行了绩效评价。\n")
    assert _kind(opening) == "evaluation_report"
    named = ("永仁县某某局2023年度某某项目绩效评价报告\n委托机构：永仁县财政局\n评价机构：某某咨询\n一、基本情况\n"
             "项目预算50万元。\n")
    assert _kind(named) == "evaluation_report"
    fund = "2022年区本级体彩公益金绩效使用自评报告\n一、基本情况\n某局2022年使用公益金150万元。\n"
    assert _kind(fund) == "project_report"
    # near miss: a unit evaluating itself, whatever it says of its own work, is the unit's
    own = ("某某县某某局2022年度部门整体支出绩效自评报告\n一、基本情况\n本局根据通知要求开展了自评，"
           "自评得分92分。\n")
    assert _kind(own) == "overall_report"
    own = ("永仁县某某局2023年度某某项目绩效评价报告\n在项目实施股室自评的基础上，我局成立评价小组对某某项目开展了"
           "绩效评价。\n一、基本情况\n项目预算50万元。\n")
    assert _kind(own) == "project_report"


def test_a_units_fiscal_spending_and_its_fiscal_totals_are_not_its_income_nor_its_totals():
    page = ("某某中心2022年度部门决算\n2022年度，某某中心收、支总计2,300.50万元。\n"
            "某某中心2022年度财政拨款收、支总计2,100.20万元。\n"
            "某某中心2022年度财政拨款支出1,950.40万元，占本年支出合计95.1%。\n")
    rows = _budget_rows(page)
    assert ("收入合计", "final", "23005000.00") in rows
    assert ("收入合计", "final", "21002000.00") not in rows
    worded = page.replace("财政拨款收、支总计2,100.20万元", "财政拨款（补助）收、支总计2,100.20万元")
    assert ("收入合计", "final", "21002000.00") not in _budget_rows(worded)
    assert not any(line == "财政拨款收入" for line, _, _ in rows)
    assert ("财政拨款支出", "final", "19504000.00") in rows


def test_the_unit_an_evaluation_is_of_named_in_a_sentence_with_no_stop_before_it():
    page = ("受某省财政厅委托，某某管理咨询有限公司于2023年7月至2023年9月对云南省农业农村厅（以下简称“省农业农村厅”）"
            "管理的2022年某某发展专项资金（以下简称“专项资金”）开展了绩效评价，评价情况如下：\n一、基本情况\n"
            "2022年专项资金年初预算6000万元。\n二、绩效评价工作开展情况\n评价组查阅了资料。\n"
            "三、绩效评价结论\n专项资金绩效评价综合得分85分，等级为良。\n")
    assert _unit(page) == "云南省农业农村厅"
    # …also after the commissioner or the firm was shortened earlier in the sentence
    for opening in ("永仁县财政局（以下简称“县财政局”）委托某某会计师事务所，", "某某会计师事务所（以下简称“我所”）"):
        assert _unit(page.replace("受某省财政厅委托，某某管理咨询有限公司于2023年7月至2023年9月", opening)) == "云南省农业农村厅"
    # near miss: a body whose name holds 对 is not cut at it
    assert _unit("某市对外友好协会（以下简称“友协”）2022年度部门整体支出绩效自评报告\n一、基本情况\n") != "外友好协会"


def test_a_table_written_one_cell_a_line_each_closed_by_its_bar_and_nothing_else():
    page = ("某某局2019年度“三公”经费支出决算情况说明\n一、2019年度“三公”经费支出决算表\n单位:万元\n"
            "项 目 |\n预 算 数 |\n决 算 数 |\n合 计 |\n16 |\n5.30 |\n因公出国(境)费 |\n0 |\n0 |\n"
            "公务接待费 |\n10 |\n5.30 |\n公务用车购置及运行费 |\n6 |\n0 |\n二、情况说明\n本年“三公”经费控制较好。\n")
    rows = _budget_rows(page)
    assert {("三公经费合计", "budget", "160000.00"), ("三公经费合计", "final", "53000.00"),
            ("公务接待费", "budget", "100000.00"), ("公务接待费", "final", "53000.00"),
            ("公务用车购置及运行维护费", "budget", "60000.00"), ("公务用车购置及运行维护费", "final", "0.00")} <= rows
    assert ("公务接待费", "final", "100000.00") not in rows  # (read as prose, the budget stood for the final)
    # an empty cell written as a bar alone, and a last row the page cut after its label
    cut = page.replace("因公出国(境)费 |\n0 |\n0 |", "因公出国(境)费 |\n2 |\n|").replace("6 |\n0 |\n二、", "6 |\n0 |\n公务用车购置费 |\n二、")
    rows = _budget_rows(cut)
    assert {("因公出国（境）费", "budget", "20000.00"), ("公务接待费", "final", "53000.00")} <= rows
    assert ("因公出国（境）费", "final", "20000.00") not in rows


def test_a_unit_with_its_second_nameplate_in_brackets_opens_its_sentence():
    page = ("一、部门基本情况\n（一）职能职责\n永仁县某某促进中心是推动科技与经济紧密结合、促进社会发展的公益一类事业单位，其主要职责是：\n"
            "1.为企业提供咨询服务。\n（二）机构设置\n永仁县某某促进中心（挂永仁县科技信息研究所）内设办公室等三个科室。\n"
            "二、收入支出决算总体情况说明\n2020年度收入总计120.5万元，支出总计118.2万元。\n")
    assert _unit(page) == "永仁县某某促进中心"
    # near miss: a body under the unit, with its second nameplate, is not the unit
    under = ("2022年度部门决算公开说明\n一、部门基本情况\n永仁县农业农村局是县人民政府工作部门，负责全县农业工作。\n"
             "本部门下属事业单位1个。永仁县农业技术推广中心（挂永仁县植保植检站牌子）内设综合股、农技股等3个股室。\n"
             "二、收入支出决算总体情况说明\n2022年度收入总计120.5万元，支出总计118.2万元。\n")
    assert _unit(under) == "永仁县农业农村局"


def test_a_cell_stream_holding_two_tables_is_not_cut_at_the_first_ones_width():
    from pipelines.documents.web_capture import rejoin_cell_lines  # noqa: PLC0415

    stream = ["项 目 |", "预算数 |", "决算数 |", "合 计 |", "16 |", "5.30 |", "公务接待费 |", "10 |", "5.30 |",
              "|", "|", "项目名称 |", "某某赛事经费 |"]
    assert rejoin_cell_lines(stream) == stream  # (empty cells side by side: a second table follows)
    # nor a stream whose rows are not a label and its figures: indicator rows of words, a code column,
    # a second table's label and figure after the first
    cells = lambda words: [w + " |" for w in words.split()]  # noqa: E731
    for words in ("一级指标 二级指标 三级指标 年度指标值 实际完成值 产出指标 数量指标 培训人次 100 120 效益指标 社会效益指标 群众满意度 90 95",
                  "科目编码 科目名称 本年支出合计 基本支出 项目支出 201 一般公共服务支出 100 80 20 2010101 行政运行 80 80 0",
                  "项目 预算数 决算数 合计 16 5.30 公务接待费 10 5.30 公务用车运行费 6 0 机关运行经费 12.5 政府采购支出 30"):
        assert rejoin_cell_lines(cells(words)) == cells(words)


# ---------------------------------------------------------------- batch 66's layouts


def test_a_budget_lines_outcome_with_its_phase_word_last_is_final():
    """'预算收入决算数为…': the 决算 of the budgeted income, not the budget; a plain budget stays one."""
    assert phase_of_label("预算收入决算数为") == "final"
    assert phase_of_label("全年预算支出执行数") == "final"
    assert phase_of_label("年初预算数") == "budget"
    assert phase_of_label("全年预算数") == "adjusted"


def test_an_account_by_class_and_a_short_name_as_subject():
    """'按功能分类其构成为…' opens the list, and '区文联全年预算支出决算数' is the unit's whole
    spending under the short name the page gave it; a fund's name before 全年 stays a fund."""
    page = ("永仁县文学艺术界联合会2021年部门整体支出绩效评价报告\n一、基本情况\n"
            "2021 年永仁县文学艺术界联合会（以下简称“县文联”）预算收入决算数为 84.60 万元，其构成为一般公共预算拨款收入 "
            "70.10 万元，其他收入为 14.50 万元。2021 年县文联全年预算支出决算数为 96.30 万元，按功能分类其构成为一般公共服务支出"
            " 80.20 万元，社会保障和就业支出为 16.10 万元。\n")
    rows = _budget_rows(page)
    assert ("收入合计", "final", "846000.00") in rows
    assert ("支出合计", "final", "963000.00") in rows
    assert ("一般公共服务支出", "final", "802000.00") in rows
    assert _unit(page) == "永仁县文学艺术界联合会"  # (not '年永仁县…': the year is written apart from its 年)
    assert match_line("按经济分类其构成为工资福利支出") == "工资福利支出"


def test_a_templates_heading_is_no_project_and_a_paying_out_alone_is_the_projects_money():
    page = ("永仁县某某镇2024年雨露计划助学补助项目实施绩效评价自评报告\n一、基本情况\n"
            "1.简要概述项目资金情况。该笔资金用于支付助学补助，安排雨露计划助学补助项目计划资金350万元，"
            "分春季和秋季学期实施。\n目前项目已实施完成，全年共拨付342.6万元。\n"
            "二、绩效目标完成情况\n项目绩效目标基本完成，受助学生按时领取补助，满意度较高。\n"
            "三、存在的问题\n个别学生信息更新不及时。\n")
    assert set(_project_money(page)) == {("雨露计划助学补助项目", "budget", Decimal("3500000.00")),
                                         ("雨露计划助学补助项目", "final", Decimal("3426000.00"))}


def test_a_project_report_on_a_citys_template_cover():
    """'评价类型：项目实施过程评价 … 项目名称：…' under a title naming no one is a project's report."""
    page = ("某市财政支出绩效评价自评报告\n评价类型：项目实施过程评价 项目完成结果评价\n项目名称：某某实训楼建设\n"
            "项目单位：永仁职业技术学院\n评价方式：部门（单位）绩效自评\n一、项目基本概况\n项目负责人 | 张某\n"
            "计划安排资金（万元） | 640 | 实际支出（万元） | 600\n")
    assert _kind(page) == "project_report"
    assert _kind(page.replace("评价类型：项目实施过程评价 项目完成结果评价\n", "").replace("一、项目基本概况", "一、单位基本情况")) \
        == "overall_report"


def test_a_college_presented_by_its_founding_and_a_pages_finance_office_is_no_unit():
    assert _unit("为加强管理，我院对2019年度部门整体支出情况进行绩效自评，现报告如下：\n一、基本情况\n"
                 "永仁职业技术学院是2001年9月经云南省人民政府批准，由两所中专合并升格而成。学院现有教职工320人。\n"
                 "二、绩效自评情况\n部门整体支出绩效良好。\n") == "永仁职业技术学院"
    assert not is_unit_name("财务部")
    assert is_unit_name("永仁县人民医院")


def test_a_township_named_as_a_place_is_its_government_named_without_its_county():
    page = ("2019年度部门决算\n一、单位基本情况\n永仁县宜就镇位于县城东北30公里处，全镇总人口2.1万人。\n"
            "（一）机构设置。宜就镇人民政府内设党政办公室、经济发展办公室等8个机构。\n"
            "二、收入支出决算总体情况说明\n2019年度收入总计2,310.50万元，支出总计2,310.50万元。\n")
    assert _unit(page) == "永仁县宜就镇人民政府"


# a project form run together on one line: its head and money header, then (after its money rows) its targets
# and indicator header
_FUSED_HEAD = ("项目名称永仁中职免学费配套资金主管部门永仁县教育局实施单位永仁县职业中学项目资金 (万元)年初 预算数全年 预算数"
               "全年 执行数分值执行率得分")
_FUSED_TAIL = ("年度总体 目标预期目标实际完成情况保障学校运转按期完成绩 效 指 标一级指标二级指标三级指标年度 指标值实际 完成值"
               "分值得分偏差原因分析 及改进措施")


def test_a_fused_forms_sub_row_gives_its_money_where_one_cut_shares_the_decimals():
    line = _FUSED_HEAD + "年度资金总额412.50412.50390.151095%9其中:当年财政拨款412.50412.50390.15上年结转资金其他资金" + _FUSED_TAIL
    (form,) = project_forms(parse_text(line))
    funds = {(f.fund_source, f.phase, f.amount_yuan) for f in form.funds if f.amount_yuan is not None}
    assert ("fiscal", "final", Decimal("3901500")) in funds
    assert ("fiscal", "budget", Decimal("4125000")) in funds
    # figures written without decimals have no certain cut: left out, never guessed
    assert split_money_run("40004000", ["budget", "final", "rate"]) is None


def test_a_fund_received_and_its_sources_under_其中_are_no_projects():
    page = ("永仁县乡村振兴局2021年小额信贷贴息项目绩效自评报告\n一、项目基本情况\n"
            "1.脱贫人口小额信贷贴息项目860.40万元。\n"
            "批准实施贴息项目，其中整合财政涉农资金800.00万元，收回重新分配资金60.40万元，实际使用842.10万元，结余18.30万元。\n"
            "2023年我局收到上级下达巩固衔接工作经费12万元，全年发放11.5万元。\n"
            "二、绩效目标完成情况\n贴息资金及时兑付到户，群众满意度达到95%以上。\n三、存在的问题\n部分农户还款意识不强。\n")
    money = set(_project_money(page))
    assert ("脱贫人口小额信贷贴息项目", "budget", Decimal("8604000.00")) in money
    assert ("脱贫人口小额信贷贴息项目", "final", Decimal("8421000.00")) in money  # (the item's account, a paragraph below it)
    assert ("巩固衔接工作经费", "final", Decimal("115000.00")) in money
    assert not any(name in ("整合财政涉农资金", "收回重新分配资金") for name, _, _ in money)


# ---------------------------------------------------------------- the review of batch 66's rules


def test_paying_out_alone_is_the_projects_money_only_where_the_project_is_said_done():
    overall = ("永仁县民政局2022年部门整体支出绩效自评报告\n一、部门基本情况\n2022年本部门支出合计1238.60万元。\n"
               "二、绩效目标完成情况\n全面落实城乡低保政策，按月足额发放低保金，全年共发放960.20万元，惠及困难群众3200人。\n")
    assert _budget_rows(overall) == {("支出合计", "final", "12386000.00")}
    loans = ("永仁县乡村振兴局2022年脱贫人口小额信贷贴息项目绩效自评报告\n一、项目基本情况\n"
             "2022年脱贫人口小额信贷贴息项目预算安排350.00万元。\n二、绩效目标完成情况\n"
             "脱贫人口小额信贷工作有序推进，全年共发放8650.00万元，惠及脱贫户1730户。\n三、存在的问题\n个别农户还款意识不强。\n")
    assert ("脱贫人口小额信贷贴息项目", "final", Decimal("86500000.00")) not in _project_money(loans)


def test_a_short_subject_is_the_unit_only_before_a_whole_that_names_its_phase():
    page = ("永仁县文学艺术界联合会2021年部门整体支出绩效评价报告\n一、基本情况\n"
            "2021年县文联全年预算支出决算数为96.30万元。机关本级全年预算支出决算数为60.20万元，所属文化馆全年预算支出决算数为36.10万元。"
            "全县财政全年预算支出决算数为186000.00万元。会员人均全年收入达3.2万元。\n二、存在的问题\n预算编制不够精细。\n")
    assert _budget_rows(page) == {("支出合计", "final", "963000.00")}
    assert phase_of_label("2021年本中心全年预算支出执行数达") == "final"


def test_a_fund_handed_down_and_received_is_its_budget_and_paid_out_its_final():
    page = ("永仁县人民医院2022年部门整体支出绩效自评报告\n一、部门基本情况\n2022年本单位收入合计8620.00万元，支出合计8410.00万元。\n"
            "二、绩效目标完成情况\n2022年我院收到县财政拨付的医疗救助资金125.60万元，全年支付120.30万元。\n"
            "2022年我院收到社会捐赠资金25.60万元，全部用于救助困难群众。\n")
    assert set(_project_money(page)) == {("医疗救助资金", "budget", Decimal("1256000.00")),
                                         ("医疗救助资金", "final", Decimal("1203000.00"))}


def test_a_numbered_item_carries_its_project_but_not_a_funds_and_not_into_the_next_item():
    sources = ("永仁县乡村振兴局2022年某某村产业路建设项目绩效自评报告\n一、项目基本情况\n"
               "某某村产业路建设项目总投资980.40万元，资金来源如下：\n1.中央财政衔接推进乡村振兴补助资金860.40万元。\n"
               "2.县级财政配套资金120.00万元。\n项目全年实际支出962.10万元，执行率98.1%。\n二、存在的问题\n进度偏慢。\n")
    assert ("某某村产业路建设项目", "final", Decimal("9621000.00")) in _project_money(sources)
    items = ("永仁县某某局2022年公路养护专项资金项目绩效自评报告\n一、项目基本情况\n1.农村公路养护工程60.00万元。\n"
             "2.桥梁维修：年初预算20.00万元，全年执行18.50万元。\n二、存在的问题\n预算编制不够精细。\n")
    assert not any(name == "农村公路养护工程" and phase == "final" for name, phase, _ in _project_money(items))


def test_a_sub_project_named_with_配套_stays_and_a_source_under_其中_goes():
    page = ("永仁县某某局2022年某某村人居环境整治项目绩效自评报告\n一、项目基本情况\n"
            "安排某某村人居环境整治资金500.00万元，其中配套设施建设项目200.00万元，农户自筹资金30.00万元。\n"
            "二、绩效目标完成情况\n项目按期完工，群众满意度较高。\n三、存在的问题\n个别村保洁不到位。\n")
    names = {name for name, _, _ in _project_money(page)}
    assert "配套设施建设项目" in names and "农户自筹资金" not in names


def test_a_body_presented_by_its_founding_is_the_unit_only_where_the_page_speaks_as_it():
    built = ("2022年永仁县第二幼儿园新建项目绩效自评报告\n一、项目基本情况\n永仁县第二幼儿园是2021年经县发展和改革局批准新建的公办幼儿园，"
             "项目实施单位为永仁县教育体育局，2022年预算安排300.00万元，实际支出296.00万元。\n二、存在的问题\n进度偏慢。\n")
    assert _unit(built) != "永仁县第二幼儿园"
    under = ("为加强财政资金管理，我局对2022年度部门整体支出情况进行了绩效自评，现报告如下：\n一、部门基本情况\n"
             "我局内设股室6个，下属事业单位2个。永仁县人民医院是1952年经县人民政府批准成立的二级综合医院。\n"
             "二、收支情况\n2022年本部门支出合计3520.00万元。\n")
    assert _unit(under) != "永仁县人民医院"


def test_a_cover_or_heading_that_names_project_spending_among_others_is_no_project_report():
    cover = ("某市财政支出绩效评价自评报告\n评价类型：□项目支出绩效评价 ☑单位整体支出绩效评价\n单位名称：永仁县某某中心\n"
             "一、基本情况\n（一）单位职能。永仁县某某中心主要负责全县某某工作。\n（二）收支情况。2022年收入合计120.00万元。\n")
    assert _kind(cover) == "overall_report"
    heading = ("绩效自评报告\n一、基本情况\n（一）部门职能。永仁县某某局主要负责全县某某工作。\n"
               "（二）重点项目基本概况。2022年实施农村公路养护等3个项目，预算安排120.00万元。\n")
    assert _kind(heading) == "overall_report"


def test_a_fused_row_whose_rate_lost_its_percent_is_not_cut_and_a_parts_rate_is_read():
    no_percent = _FUSED_HEAD + "年度资金总额412.50390.1594.58其中:当年财政拨款412.50390.1594.58上年结转资金其他资金" + _FUSED_TAIL
    assert not [f for form in project_forms(parse_text(no_percent)) for f in form.funds if f.amount_yuan is not None]
    with_rate = (_FUSED_HEAD + "年度资金总额412.50412.50390.151094.58%9.46其中:当年财政拨款412.50412.50390.1594.58%上年结转资金其他资金"
                 + _FUSED_TAIL)
    (form,) = project_forms(parse_text(with_rate))
    assert ("fiscal", "final", Decimal("3901500")) in {(f.fund_source, f.phase, f.amount_yuan) for f in form.funds}


def test_offices_inside_a_unit_and_class_headings_are_no_names():
    assert not is_unit_name("规划财务处") and not is_unit_name("综合办公室")
    assert is_unit_name("宣传部")  # (a party committee's department is a budget unit of its own)
    assert match_line("按支出功能分类科目一般公共服务支出") == match_line("一般公共服务支出")
    assert match_line("按功能分类主要为一般公共服务支出") == match_line("一般公共服务支出")


def test_a_township_with_its_province_and_county_before_it_is_its_government():
    page = ("2019年度部门决算\n一、单位基本情况\n云南省永仁县宜就镇位于县城东北30公里处，全镇总人口2.1万人。\n"
            "（一）机构设置。宜就镇人民政府内设党政办公室、经济发展办公室等8个机构。\n"
            "二、收入支出决算总体情况说明\n2019年度收入总计2,310.50万元，支出总计2,310.50万元。\n")
    assert _unit(page).endswith("宜就镇人民政府")


# ---------------------------------------------------------------- batch 67's layouts


def test_an_accessibility_toolbar_and_opening_hours_are_the_site_not_the_report():
    toolbar = "\n".join(["拼音", "辅助浏览", "读屏", "放大", "缩小", "配色", "白底黑字蓝链接", "大鼠标", "减小音量", "全屏", "换肤"])
    page = (toolbar + "\n永仁县司法局专项业务费(项目)2019年度绩效自评报告\n一、基本情况\n"
            "我单位2019年专项业务费预算金额36.20万元，预算执行率98.50%。\n二、绩效自评工作开展情况\n"
            "根据财政局通知要求，我单位组织财务人员开展自评。\n三、存在的问题\n预算编制不够精细。\n")
    report = _extract(page).report
    assert (report["document_kind"], report["unit_name"], report["fiscal_year"]) == ("project_report", "永仁县司法局", 2019)
    hours = "开闭馆\n时间\n开闭馆时间\n9:00 开馆时间\n17:00 闭馆时间\n永仁县博物馆2022年“三公”经费预算\n一、预算情况\n2022年“三公”经费预算3.20万元。\n"
    assert _unit(hours) == "永仁县博物馆"
    # the toolbar's name on a line of its own is no title's first line ('无障碍辅助浏览工具条' over '部门预算')
    page = ("无障碍辅助浏览工具条\n部门预算\n永仁县司法局2022年部门预算\n第一部分 部门概况\n一、主要职能\n负责全县司法行政工作。\n"
            "二、收支预算总体情况\n2022年收入预算36.20万元，支出预算36.20万元。\n")
    assert "工具条" not in (_extract(page).report["title"] or "")
    # near miss: a project of the service, in a form of label | value cells, keeps its title
    page = ("永仁县信息中心无障碍辅助浏览系统运维项目绩效自评报告\n一、项目基本情况\n项目名称 | 门户网站无障碍辅助浏览系统运维 |\n"
            "主管部门 | 永仁县人民政府办公室 | 实施单位 | 永仁县信息中心 |\n项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 |\n"
            "年度资金总额 | 12 | 12 | 11.8 |\n")
    assert _extract(page).report["title"] == "永仁县信息中心无障碍辅助浏览系统运维项目绩效自评报告"


def test_a_hebei_project_form_names_its_unit_in_a_fused_cell_and_its_total_score_on_its_last_line():
    page = ("2021年度预算项目绩效自评表\n一、基本情况项目名称:某某办案经费是否为专项资金:实施(主管)单位永仁县人民法院金额单位:万元\n"
            "二、预算执行情况预算安排情况(调整后)资金到位情况资金执行情况预算执行进度(%)\n预算数40.10到位数40.10执行数40.10100.00\n"
            "四、年度绩效指标完成情况一级指标二级指标三级指标指标分值预期指标值\n自评总分96\n填报人:某某\n")
    report = _extract(page).report
    assert report["unit_name"] == "永仁县人民法院" and report["self_score"] == 96


def test_a_three_public_lines_total_said_again_and_its_split_by_budget_item_are_that_line():
    page = ("永仁县某某局2019年度部门决算\n七、“三公”经费财政拨款支出决算情况说明\n"
            "国内公务接待支出4.80万元，主要用于上级检查等费用。国内公务接待60批次，500人次，共计支出4.80万元，"
            "具体内容包括：市场监督管理专项1.10万元，执法办案2.70万元，药品事务1.00万元。\n")
    assert _budget_rows(page) == {("公务接待费", "final", "48000.00")}
    assert _project_money(page) == []


def test_a_departments_project_named_in_its_title_and_money_added_to_its_budget():
    page = ("2023年度永仁县交通运输局部门公交补贴重点项目支出绩效评价报告\n为加强预算绩效管理，永仁县交通运输局组成评价工作组开展评价。\n"
            "一、项目基本情况\n2023年初我局申请预算资金800万元，年底追加预算资金200万元用于公交补贴项目，截止2023年底，已使用资金960.50万元。\n"
            "二、存在的问题\n补贴测算依据不够细化。\n")
    assert _unit(page) == "永仁县交通运输局"
    assert not any(amount == Decimal("2000000.00") for _, _, amount in _project_money(page))


def test_the_review_of_batch_67s_rules_near_misses():
    """A balanced budget's spending equal to its income is the whole spending, not the income
    again; a project named after 追加 keeps its money; the scoring rules' '自评总分100分' is no
    score; '部门预算…项目' keeps its first word."""
    balanced = ("永仁县某某局2023年度部门整体支出绩效自评报告\n一、基本情况\n"
                "2023年度本单位收入合计500万元，全年共计支出500万元，收支平衡。\n")
    assert ("支出合计", "final", "5000000.00") in _budget_rows(balanced)
    added = ("永仁县某某局2023年度某某专项资金项目绩效自评报告\n一、项目基本情况\n"
             "为改善群众出行条件，我局按照县级预算绩效管理要求，对本年度专项资金的使用情况开展了绩效自评。"
             "年中追加某某村道路维修项目资金50万元，已全部支付。\n二、绩效目标完成情况\n道路维修按期完工，群众满意度达到95%以上。\n"
             "三、存在的问题\n进度偏慢，资金拨付不够及时。\n四、改进措施\n加强调度，提高预算执行效率。\n")
    assert any(amount == Decimal("500000.00") for _, _, amount in _project_money(added))
    rules = ("永仁县某某局2023年度某某项目支出绩效自评报告\n一、评价方法\n自评总分100分\n"
             "其中项目决策20分，过程20分，产出40分，效益20分。\n二、评价结论\n经自评，本项目自评等级为良。\n")
    assert _extract(rules).report["self_score"] is None
    assert report_project("2023年度永仁县某某局部门预算管理一体化建设项目支出绩效评价报告", "永仁县某某局") \
        == "部门预算管理一体化建设项目"


def test_a_budgets_staff_table_with_the_staff_types_across_gives_each_type():
    # a 部门预算's 人员情况 table as a web page captures it: the types across (a second header row
    # under the institutions, shifted left by the capture), the measures down
    counts = _counts(
        "一、机构及人员情况\n单位：人\n"
        "项 目 | 合 计 | 行政单位 | 财政拨款事业单位 | 财政补助 事业单位 | ||||\n"
        "参(依)公管理 | 其他 | |||||||\n"
        "编制数 | 21 | 17 | 4 | ||||||\n在职人数 | 19 | 16 | 3 | ||||||\n退休人数 | 12 | 12 | ||||||\n"
    )
    assert {("authorized", "total", 21), ("authorized", "administrative", 17), ("actual", "total", 19),
            ("actual", "administrative", 16), ("retired", "total", 12), ("retired", "administrative", 12)} <= counts
    # the institutions' staff in two columns (拨款, 补助): a part of the type is not the type
    assert not {kind for _, kind, _ in counts} & {"institutional"}
    # near miss: the same table's money rows are no counts
    assert _counts("项 目 | 合 计 | 行政单位 | 事业单位\n基本支出 | 300 | 200 | 100\n") == set()


def test_a_project_reports_money_said_by_its_verb_before_the_word_money_is_the_projects():
    # '下达资金…，实际支出资金…': the phase in the verb that comes before 资金
    page = ("青石县卫生健康局2019年度妇幼保健专项项目绩效自评报告\n一、项目基本情况\n妇幼保健专项项目，实施单位为青石县卫生健康局。\n"
            "二、项目绩效实现情况\n（一）项目资金情况\n妇幼保健专项，下达资金32万元，2019年实际支出资金30.5万元，执行率为95.31%。\n")
    assert _project_money(page) == [("妇幼保健专项项目", "budget", Decimal("320000.00")),
                                    ("妇幼保健专项项目", "final", Decimal("305000.00"))]
    # near miss: money said to have arrived names no phase
    assert _project_money(page.replace("下达资金", "到位资金")) == [("妇幼保健专项项目", "final", Decimal("305000.00"))]
    # near miss: in a unit's own report a fund's money is no whole of the unit's
    extract = _extract("青石县某某局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n青石县某某局是县政府工作部门。\n二、重点工作\n"
                       "为做好春季防汛工作，下达资金20万元，实际支出资金18万元，用于购置防汛物资。\n")
    assert extract.frames["budget_facts"].filter(pl.col("line_name") == "支出合计").is_empty()


def test_an_untitled_report_names_its_unit_by_the_duties_rules_it_cites():
    # untitled, speaking as '我厅': the unit is the one its 三定 rules are named after
    page = ("根据省财政厅有关通知要求，我局开展了2022年度部门预算绩效自评工作，自评得96分。\n一、部门概况\n（一）部门基本情况\n"
            "据《青海省林业和草原局职能配置、内设机构和人员编制规定》，省林业和草原局主要职责如下：\n")
    assert find_unit(parse_text(page), None)[0] == "青海省林业和草原局"
    # near misses: a rule of another kind cited names no unit; a body citing its parent's rules,
    # speaking as itself ('我馆') and signing, is not the parent
    assert find_unit(parse_text(page.replace("职能配置、内设机构和人员编制规定", "财政项目支出绩效评价管理办法")), None)[0] is None
    page = ("我馆开展了2022年度部门整体支出绩效自评工作。\n一、部门概况\n根据《青石县文化和旅游局职能配置、内设机构和人员编制规定》，"
            "群众文化活动的组织指导由我馆承担。\n二、自评结论\n自评得分92分。\n\n青石县文化馆\n2023年3月1日\n")
    assert find_unit(parse_text(page), None)[0] == "青石县文化馆"
