"""pipelines.extract.meta: title, fiscal year, report date, unit (and its region), score and grade.

Rules covered, one row each with a near miss:
- find_title: the first short line with title words (…自评报告, …决算); a title broken over two
  lines joined; a page's metadata lines (索引号：…) skipped; a shared file's suffix dropped;
  an attachment line '附件：…自评报告'; a title's last word broken by a space ('…报 告'), a
  breadcrumb ('首页/信息公开') or 目录 above it never joined to it; a page's metadata cell
  '标题 | …' that reads as a title; …决算情况说明 / 预算编制说明; a file name a sharing page quotes ('《….docx》由会员分享',
  kept by documents/web_capture.py);
  …评价结果的说明 and 三公经费…说明 are titles too, as is …预算公开表; a page's date or a mirror's
  mojibake above or before a title is no part of it; body text only → None;
- find_fiscal_year: a labelled year (评价年度：2021) first, then '（2022年度）' under the title,
  then the title's year, then a project period of one whole year (2019.1.1~2019.12.31), then
  the most frequent 'N年'; a date (2023年3月1日) is no fiscal year;
- find_report_date: a labelled date (填报日期/报告日期/编制时间, with 年月日, dots or dashes), else a
  short date line near the end; an impossible date or a date inside a sentence → None;
- is_unit_name: an organisation's ending, no sentence words or fragments, no firm (unless the
  document's own label or title names it; an accounting or consulting firm never), not two names
  (某市某局某区分局, a branch, is one);
- find_unit: the most specific statement wins (a form's 单位名称/单位全称/填报单位 label, a 部门名称 cell,
  the title's head or any title-like line near the top, a name alone on a first line,
  '…（以下简称…）', a disclosure's part headings '第一部分 某某站部门概况', a first sentence opening
  on the unit and its year '某某镇2021年…'); a name ends at the form's next label (项目资金, 一级指标, …); a third-party
  evaluator is never the unit; a short name is
  completed with its region ('财政局' of 衡阳县 → 衡阳县财政局, 网信办 → 中共…县委网络安全和…办公室,
  '市财政局' → 衡阳市财政局);
- find_score_and_grade: a table's 总分/合计 row (max, score), its 等级 cell; the prose
  '自评得分…分', '满分…分' (else 100), a stated grade; a paragraph about one project scores the
  project, not the report.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.documents.text_reader import parse_text
from pipelines.extract.meta import (
    find_fiscal_year,
    find_report_date,
    find_score_and_grade,
    find_title,
    find_unit,
    is_unit_name,
)

TITLE = "某某县某某局2022年度部门整体支出绩效自评报告"


def para(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (para(TITLE, "一、基本情况"), TITLE),
        (para("某某县某某局", "2022年度部门整体支出绩效自评报告", "一、基本情况"), TITLE),  # unit on its own line
        (para("某某县某某局2022年度部门整体支出", "绩效自评报告"), TITLE),  # broken title
        (para("索引号：001", "发布日期：2023-03-01", TITLE, "一、基本情况"), TITLE),  # page metadata above
        (para("名  称：" + TITLE, TITLE, "一、基本情况"), TITLE),  # a metadata label spaced to align
        # a page's metadata table names the title; near miss: a 标题 cell without title words
        ("\t标题\n\t某某小学2024年单位预算情况说明\n\n正文\n", "某某小学2024年单位预算情况说明"),
        ("\t标题\n\t工作动态\n\n正文\n", None),
        # 决算情况说明 under the unit's name; a table of contents' 目录 is not the title's first half
        (para("某某县某某镇人民政府", "2023年度决算情况说明", "一、部门基本情况"), "某某县某某镇人民政府2023年度决算情况说明"),
        (para("目 录", "第一部分 2024年部门预算编制说明", "一、基本职能"), "第一部分 2024年部门预算编制说明"),
        (para("附件1", TITLE), TITLE),  # 附件1 is not part of the title
        (para(TITLE + ".docx"), TITLE),
        (para("附件：" + TITLE), TITLE),
        # a document-sharing page quotes the file's name (the page's line is kept as that name)
        (para("《" + TITLE + ".docx》由会员分享，可在线阅读。", "正文"), TITLE),
        (para("某某县某某镇关于2022年度项目绩效评价结果的说明", "正文"), "某某县某某镇关于2022年度项目绩效评价结果的说明"),
        (para("某某镇2021年“三公”经费支出说明", "一、因公出国（境）经费"), "某某镇2021年“三公”经费支出说明"),
        (para("某某县文化馆2017年部门决算说明", "一、部门概况"), "某某县文化馆2017年部门决算说明"),
        # a project's results under its name; near miss: a numbered heading of the same words
        (para("2021年度某某奖学金项目自评结果", "一、自评结论"), "2021年度某某奖学金项目自评结果"),
        (para("二、绩效评价结果", "本项目得分95分。"), None),
        (para("某某县某某乡人民政府部门整体支出绩效评价报告结果公示", "正文"), "某某县某某乡人民政府部门整体支出绩效评价报告结果公示"),
        # a title whose last word the page broke with a space; a breadcrumb above is not its first half
        (para("首页/信息公开/财政资金", "某某县某某局2022年度部门整体支出绩效自评报 告", "一、基本情况"),
         "某某县某某局2022年度部门整体支出绩效自评报 告"),
        # a page's metadata written without colons ('发布机构 某某局') stands above the title
        (para(*["索引号 115001/2024-00139 发布机构 某某区教委", "成文日期 2024-11-04 发布日期 2024-11-04",
                "体裁分类 财政预算、决算 发文字号 有效性", "索引号 115001/2024-00139", "发布机构 某某区教委",
                "主题分类 财政", "成文日期 2024-11-04", "发布日期 2024-11-04", "体裁分类 财政预算、决算", "发文字号",
                "有效性", "某某中学2023年决算情况说明", "一、单位基本情况"]),
         "某某中学2023年决算情况说明"),
        # a metadata label run into its value is no first half of the title below it
        (para("- 有效性有效", "某某县自然资源局2022年度项目支出绩效单位自评报告", "一、基本情况"),
         "某某县自然资源局2022年度项目支出绩效单位自评报告"),
        # a genre's word alone, a page's category under its metadata, is no title
        (para("公开目录", "自评报告", "发布日期", "某某县图书馆2022年度项目支出绩效自评报告", "一、自评结论"),
         "某某县图书馆2022年度项目支出绩效自评报告"),
        # a title whose closing bracket the page cut off
        (para("发布日期", "某某县图书馆2022年度项目支出绩效自评报告（2022年中央支持地方公共文化服务体系建设补助资金", "一、自评结论"),
         "某某县图书馆2022年度项目支出绩效自评报告（2022年中央支持地方公共文化服务体系建设补助资金"),
        # the site's column name repeated above the title is not its first half either; near
        # miss: a title's first line that ends on no column word
        (para("公示公告", "某某县某某局2022年项目绩效监控总结报告", "正文"), "某某县某某局2022年项目绩效监控总结报告"),
        (para("某某县某某局2022年度", "项目支出绩效自评报告", "正文"), "某某县某某局2022年度项目支出绩效自评报告"),
        # near miss: a quoted file name without title words
        (para("《会议纪要.docx》由会员分享，可在线阅读。", "正文"), None),
        # a page's date above the title is not its first half; a mirror's mojibake before it is dropped
        (para("2023-04-03", "某某县某某镇人民政府2022年决算公开说明", "一、单位基本情况"),
         "某某县某某镇人民政府2022年决算公开说明"),
        (para("?????某某县某某镇人民政府", "2022年部门预算编制说明", "正文"), "某某县某某镇人民政府2022年部门预算编制说明"),
        # a budget's or accounts' tables published as one: …预算公开表
        (para("2025年某某县重大项目推进服务中心预算公开表", "金额单位：万元"), "2025年某某县重大项目推进服务中心预算公开表"),
        # a bracketed line under the title names the report's project; near miss: its year
        (para("某某县某某小学2023年度项目支出绩效自评报告", "（校园安全经费）", "一、自评结论"),
         "某某县某某小学2023年度项目支出绩效自评报告（校园安全经费）"),
        (para("某某县某某小学项目支出绩效自评报告", "（2023年度）", "一、自评结论"), "某某县某某小学项目支出绩效自评报告"),
        # more of a site's column names above the title (not its first half)
        (para("财务数据", "某某市中级人民法院2021年“三公”经费支出决算情况说明", "正文"), "某某市中级人民法院2021年“三公”经费支出决算情况说明"),
        (para("政府信息公开", "某某市财政局2023年度部门决算公开报告", "正文"), "某某市财政局2023年度部门决算公开报告"),
        # a page's title label spaced to align with the labels below it
        (para("标      题 某某县某某局2022年度部门整体支出绩效自评报告", "发布机构 某某县某某局", "正文"),
         "某某县某某局2022年度部门整体支出绩效自评报告"),
        # a page's metadata table names the title beside 名称:, above a numbered heading; near
        # miss: a 名称 cell beside words that are no title
        ("\t索引号:\n\t1150/2022-01109\n\n\t发布机构:\n\t某区财政局\n\n\t名称:\n\t某区交通局2021年度部门决算情况说明\n\n"
         "二、部门决算情况说明\n", "某区交通局2021年度部门决算情况说明"),
        ("\t名称:\n\t某区交通局\n\n某区交通局2021年度部门决算情况说明\n", "某区交通局2021年度部门决算情况说明"),
        # a page's metadata a label a line ('[ 发布机构 ]') and its value the next, above the title
        (para(*[x for k in ("索引号", "发文字号", "主题分类", "体裁分类", "成文日期", "发布日期", "发布机构")
                for x in (f"[ {k} ]", "其他")], "某某镇人民政府本级2025年单位预算情况说明", "一、单位职责"),
         "某某镇人民政府本级2025年单位预算情况说明"),
        # the site's column above the title ('文旅动态') is no part of it
        (para("文旅动态", "某市文化和旅游局2023年某某专项资金项目支出绩效自评报告", "来源: 某市文化和旅游局"),
         "某市文化和旅游局2023年某某专项资金项目支出绩效自评报告"),
        # the site's column alone on the line above ('政务', left of its breadcrumb)
        (para("政务", "某市扶贫办2018年部门整体支出绩效自评报告", "一、部门基本情况"), "某市扶贫办2018年部门整体支出绩效自评报告"),
        # the site's navigation menu's word alone above a title that does not open on its place
        (para("导航", "中共某某区委统战部 2025年部门预算情况说明", "一、单位基本情况"), "中共某某区委统战部 2025年部门预算情况说明"),
        # a project's 自评结果, its last words on the line below
        (para("某市公路局2020年度公路养护类项目", "自评结果", "一、自评结论"), "某市公路局2020年度公路养护类项目自评结果"),
        # an accounts table's own title under the site's heading
        (para("某某医院信息公开", "来源:卫计局", "2017年医疗卫生机构收支决算总表(按功能分类)", "编制单位:某某医院"),
         "2017年医疗卫生机构收支决算总表(按功能分类)"),
        # a disclosure's file name, '…决算公开文本.pdf'
        (para("2020年度某某市农业农村局决算公开文本.pdf", "目录"), "2020年度某某市农业农村局决算公开文本"),
        # the unit's short name above a title that names it in full is the site's heading, not
        # the title's first half
        (para("某某街道办事处", "某市某区人民政府某某街道办事处2021年度部门决算", "正文"),
         "某市某区人民政府某某街道办事处2021年度部门决算"),
        # a page's metadata label '标题' before the title (…决算公开说明及公开报表); a budget's account
        # of its projects' targets (…重点项目及绩效目标情况)
        (para("发布机构 某某镇政府 有效性", "标题 某某县某某镇人民政府(本级)决算公开说明及公开报表", "成文日期 2025-10-21"),
         "某某县某某镇人民政府(本级)决算公开说明及公开报表"),
        (para("来源:某某乡", "2022年度重点项目及绩效目标情况", "1、“某某保护”项目"), "2022年度重点项目及绩效目标情况"),
        # a title in book-title brackets, the page's empty cells after it; a site's menu item
        # ('1. 部门预算公开') above the title names no document
        (para("发布单位: | 区政府办公室 |", "《某市某区人民政府办公室2023年度部门决算》 | |", "目录"),
         "某市某区人民政府办公室2023年度部门决算"),
        (para("1. 部门预算公开", "2. 部门决算公开", "2024年度某市文化旅游局部门决算公开", "第一部分 部门概况"),
         "2024年度某市文化旅游局部门决算公开"),
        # a page's <title>: the document's, then the site's name after a dash, or a mirror's word glued
        # onto its last and the mirror's names after; near miss: a year's span written with a dash
        (para("某市农业农村局2023年度部门决算 - 某市人民政府网", "一、部门职责"), "某市农业农村局2023年度部门决算"),
        (para("某市农业农村局2023年度部门决算乐享棋牌- 乐享棋牌官网- 客户端下载", "一、部门职责"),
         "某市农业农村局2023年度部门决算"),
        (para("2021-2023年度某某防治资金绩效评价报告", "一、项目概况"), "2021-2023年度某某防治资金绩效评价报告"),
        # a page's metadata list between a title-like line and a bare genre word: the site's category
        # ('公开目录' / '绩效自评报告'), no second half of the title (the form's own title is the title)
        (para("某区2021年某某示范项目补助资金绩效自评", "- 索引号", "- x-9/2023", "- 公开目录", "- 绩效自评报告",
              "2022年度项目支出绩效自评表", "项目名称 | 某某示范项目补助资金"), "2022年度项目支出绩效自评表"),
        # a document a page ran onto one line, its title's words spaced apart: the words before its
        # first part; an attachment's file name alone, where nothing else names the report
        (para("附件2:项目资金绩效评价报告.doc", "关于 2022 年度某某巡查项目资金绩效评价 报告 一、项目基本情况 (一)项目概况: "
              "2022 年，我局组织巡查员开展巡查工作，全年共巡查 300 点次，发放宣传资料 800 余份。"),
         "关于 2022 年度某某巡查项目资金绩效评价报告"),
        (para("附件2:项目资金绩效评价报告.doc", "一、项目基本情况", "正文。"), "项目资金绩效评价报告"),
        # …under a sharing page's short chrome lines, it the first long line; near miss: after a long
        # line of body text, a line run on is no title
        (para("绩效评价报告.PDFVIP", "  • 9", "  • 约3千字", "  • 约 6页", "  • 举报",
              "某某地质灾害防治经费 2017年度 转移支付绩效评价报告 一、项目概述 (一)项目概况 1.项目实施主体:某某厅 "
              "2.主要内容:发布招标公告，将5个防治工程划分成10个标段进行招标并组织实施。"),
         "某某地质灾害防治经费 2017年度转移支付绩效评价报告"),
        (para("本页收录了各地报送的材料，供读者下载阅读，阅读前请先登录本站并同意本站的用户协议和隐私政策，下载的材料仅供学习研究之用，谢谢合作。",
              "资料一", "资料二", "资料三",
              "某某地质灾害防治经费 2017年度 转移支付绩效评价报告 一、项目概述 (一)项目概况 1.项目实施主体:某某厅 "
              "2.主要内容:发布招标公告，将5个防治工程划分成10个标段进行招标并组织实施。"), None),
        # a page's list bullet before the title, an attachment's label in brackets above it
        (para("2018-05-09", "【附件】", "  •    某某师范学校2018年度部门预算", "第一部分 概况"), "某某师范学校2018年度部门预算"),
        # '<unit><year>决算公开' under a site's breadcrumb, its date and publisher as bullets below
        (para("永仁县中医医院│楚雄医学院附属医院 祝您健康!", "设为首页 |", "当前: 首页 > 公告 > 财务 > 正文",
              "永仁县中医医院2019年决算公开", "  • 2020-10-12", "  • 永仁县中医医院", "  • 字体", "一、 单位概况", "正文。"),
         "永仁县中医医院2019年决算公开"),
        # '<unit>(本级)决算公开' after its year, said twice at the top of the page; near miss: 本级 in words
        (para("2022年度永仁县商务局(本级)决算公开", "2022年度永仁县商务局(本级)决算公开", "批复时间:2023年09月 08日", "目 录"),
         "2022年度永仁县商务局(本级)决算公开"),
        (para("本级(部分)决算", "目 录"), None),
        # a 三公 statistics table's title
        (para("索引号 | 1153/2025-00001 | 发布机构 | 永仁县宜就镇 |", "2024年永仁县宜就镇“三公”经费预算财政拨款情况统计表 | ||||",
              "单位:万元 | ||||"), "2024年永仁县宜就镇“三公”经费预算财政拨款情况统计表"),
        # near misses: body text and a date line carry no title
        (para("一、基本情况", "本局主要职责是……，全年收入100万元。"), None),
        (para("填报日期：2023年3月1日"), None),
    ],
)
def test_find_title(text, title):
    assert find_title(parse_text(text)) == title


@pytest.mark.parametrize(
    ("text", "title", "year"),
    [
        (para("评价年度：2021", "2022年3月填报"), None, 2021),
        (para("所属年度：２０２１"), None, 2021),  # full-width digits
        (para("某某项目支出绩效自评表", "（2022年度）", "2023年收到资金"), None, 2022),
        (para("正文"), TITLE, 2022),
        (para("2021年收入100万元，2021年支出90万元，2020年支出80万元。"), None, 2021),
        # a year in a cited document's title counts half; near miss: the same years uncited
        (para("根据《某厅关于2025年某某资金的通知》和《某厅关于2025年某某资金的补充通知》，2024年下达资金440万元。",
              "某区2024年某某资金440万元已分配。"), None, 2024),
        (para("根据某厅2025年的通知和2025年的补充通知，2024年下达资金440万元。"), None, 2025),
        # a year a figure is compared with is the year before; near miss: the same year not compared
        (para("本年收入347.35万元，较2021年决算增加31.35万元。", "2022年度支出347.35万元，比2021年增加，与2021年持平。",
              "同比2021年度增长9.92%。"), None, 2022),
        (para("本年收入347.35万元，2021年决算增加31.35万元。", "2022年度支出347.35万元，2021年增加，2021年持平。"), None, 2021),
        # …but the notice that asked for the self-evaluation names the year evaluated
        (para("根据《某局转发关于开展2022年度转移支付绩效自评工作的通知》要求，现报告如下：",
              "根据某厅关于2021年资金筹措事项的通知开展活动。"), None, 2022),
        # near miss: a notice of a finance bureau's 重点评价 names the year of its work, not the spending's
        (para("根据《某县财政局关于开展2023年度财政重点绩效评价工作的通知》，对2022年项目开展评价。",
              "2022年下达资金。"), None, 2022),
        # a project period of one whole calendar year, where nothing else names the year
        (para("项目起止时间 | 2019.1.1~2019.12.31", "公开日期：2020-12-31"), None, 2019),
        (para("项目起止时间 | 2019.1.1~2020.6.30"), None, None),  # near miss: two years
        (para("项目起止时间 | 2019 年 1 月起至 2019 年 12 月止", "报告日期：2020年 7月 15日"), None, 2019),  # in words
        (para("项目起止时间 | 2019 年 1 月起至 2020 年 12 月止"), None, None),  # near miss: two years
        # the year that closed, where nothing else names one; near miss: another day of it
        (para("截至2021年12月31日，项目使用资金50万元。"), None, 2021),
        (para("截至2021年6月30日，项目使用资金50万元。"), None, None),
        # near misses: a date is not a fiscal year
        (para("2023年3月1日"), None, None),
        (para("正文"), "某某县某某局2023年3月自评报告", None),
        # a form's year on a line of its own under its title, before the page's title (a page of
        # the next year's results); near miss: a year line that goes on in words
        (para("财政项目支出绩效自评表", "2021年度", "项目名称某某项目"), "某某镇2022年预算绩效评价结果公开", 2021),
        (para("财政项目支出绩效自评表", "2021年度工作安排", "项目名称某某项目"), "某某镇2022年预算绩效评价结果公开", 2022),
        # a form's '（2020预算年度）' under its title; near miss: a year line that goes on in words
        (para("项目事前绩效评审专家组综合评价报告表", "( 2020 预算年度)", "申报金额:93万元"), None, 2020),
        (para("项目事前绩效评审专家组综合评价报告表", "( 2020 预算年度申报)", "2021年评审"), None, 2021),
        # a title's year without 年, right before 部门整体; near miss: a figure in a title is no year
        (para("正文"), "永仁县交通运输局2021部门整体绩效自评报告", 2021),
        (para("正文"), "永仁县交通运输局2021个村部门整体绩效自评报告", None),
    ],
)
def test_find_fiscal_year(text, title, year):
    assert find_fiscal_year(parse_text(text), title) == year


@pytest.mark.parametrize(
    ("text", "when"),
    [
        (para("填报日期：2023年3月1日"), date(2023, 3, 1)),
        (para("报告日期：2023.03.01"), date(2023, 3, 1)),
        (para("编制时间：2023-3-1"), date(2023, 3, 1)),
        (para("正文很长的一段文字。", "某某县某某局", "2023年3月1日"), date(2023, 3, 1)),  # under the signature
        # near misses
        (para("正文", "2023年2月30日"), None),  # no such day
        (para("某某县某某局2023年3月1日召开会议，研究部署全年工作任务安排。"), None),  # inside a sentence
        (para("2022年度绩效评价"), None),
    ],
)
def test_find_report_date(text, when):
    assert find_report_date(parse_text(text)) == when


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("某某县财政局", True),
        ("某某县人民政府办公室", True),
        ("某某县某某中心", True),
        ("某某市市场监督管理局开发区分局", True),  # a branch of a bureau, one name
        ("某某市公安局某某区分局", True),
        # near misses
        ("局", False),
        ("根据某某局", False),  # a sentence fragment
        ("我们对某某局", False),
        ("某某县某某局的", False),
        ("某某会计师事务所", False),  # the evaluator
        ("某某有限公司", False),  # a firm, unless the document's own label or title names it
        ("湖南省财政厅湖南省水利厅", False),  # two names run together, the second with its place
        ("某某片区管理委员会互市贸易区管理局", True),  # near miss: a zone's bureau (互市 is no city)
        ("于都县某某乡党政办", True),  # a place whose first character opens sentences too
        ("于某某局", False),  # near miss: 于 opening a fragment ('…用于某某局')
        ("第三部某某县某某卫生院", False),  # a part's numbering ('第三部分') run into the name
        ("某某县水利局、某某局", False),
        ("某省财政监察专员办事处关于某省林业厅", False),  # the evaluator, then 关于 the unit
        ("今天是市财政局", False),  # a page's date line run into the name
        ("维持某某乡", False),  # a verb and its object ('维持某某乡2022年正常运转')
        ("健全现代医院", False),  # a verb and its object ('健全现代医院管理制度')
        ("我局", False),  # a pronoun; near miss: a city's name that starts like one
        ("本溪市财政局", True),
        ("某某县数据服务中心某某乡", False),  # a site's own name run into the township's
        ("某县某工程项目绩效评价自评报告-民生工程-某县人民政府", False),  # a page's title, the site's name last
        ("某县预算绩效评价中心", True),  # near miss: 绩效 alone is in some units' names
        ("某市某区中央转移支付区域（全民健身中心", False),  # cut inside a bracket
        ("局民生办", False),  # an office of the bureau, named without the bureau
        ("厅财务处", False),  # …or of the department
        ("市人社", False),  # a short form without the place (a page's '来源:市人社')
        ("市场监督管理局", True),  # near miss: 市场 is no place's level
        ("中央及省级城镇", False),  # a title's levels of government and their money ('中央及省级城镇保障性…资金')
        ("中央财政某某", False),
        ("省级机关事务管理局", True),  # near miss: a unit named for its level
        ("某市某区（开发区）体育发展中心", True),  # near miss: the bracket closed
    ],
)
def test_is_unit_name(name, expected):
    assert is_unit_name(name) is expected


def test_a_company_is_a_unit_only_where_the_document_names_it_its_own():
    assert is_unit_name("某某市城市建设投资有限公司", own_statement=True)
    assert not is_unit_name("某某会计师事务所有限公司", own_statement=True)  # an evaluator always


@pytest.mark.parametrize(
    ("text", "title", "unit", "county"),
    [
        (para(TITLE, "一、基本情况"), TITLE, "某某县某某局", None),
        # a site's greeting or account link run into the name
        (para("欢迎来到永仁县中医医院", "2023年度部门决算", "正文"), None, "永仁县中医医院", "永仁县"),
        (para("个人中心永仁县财政局", "2023年度部门决算", "正文"), None, "永仁县财政局", "永仁县"),
        # a unit as readers record it: with its province where the document writes it (readers
        # of batches 47-53, eleven to two); a county's unit without its city where the document
        # names it so too (near miss: stated only in full); a district's units with their city;
        # a municipality's units as they are
        (para("单位名称：广西壮族自治区南宁市财政局", "南宁市财政局负责全市财政工作。"), None, "广西壮族自治区南宁市财政局", None),
        (para("单位名称：四川省绵阳市安州区公务服务中心", "2022年绵阳市安州区公务服务中心收入"), None,
         "四川省绵阳市安州区公务服务中心", "安州区"),
        (para("单位名称：阿坝州阿坝县公安局", "1.机构组成：阿坝县公安局内设10个股室。"), None, "阿坝县公安局", "阿坝县"),
        (para("单位名称：广西壮族自治区南宁市财政局", "正文"), None, "广西壮族自治区南宁市财政局", None),
        (para("单位名称：安州区公务服务中心", "一、绵阳市安州区公务服务中心主要职能"), None, "绵阳市安州区公务服务中心", "安州区"),
        (para("单位名称：州中医医院", "黔南布依族苗族自治州的有关情况"), None, "黔南布依族苗族自治州中医医院", None),
        (para("2018年某某市质量技术监督局“三公”经费预算情况说明", "正文"), "2018年某某市质量技术监督局“三公”经费预算情况说明",
         "某某市质量技术监督局", None),
        (para("单位名称：临沧市云县财政局", "临沧市云县财政局负责全县财政工作。"), None, "临沧市云县财政局", "云县"),
        (para("单位名称：重庆市荣昌区直升镇人民政府", "荣昌区直升镇人民政府内设5个办公室。"), None,
         "重庆市荣昌区直升镇人民政府", "荣昌区"),
        (para("单位名称：四川省财政厅", "正文"), None, "四川省财政厅", None),
        (para("单位名称：游仙区政府办", "正文"), None, "游仙区人民政府办公室", "游仙区"),
        (para("部门整体支出绩效自评报告", "填报单位：某某县财政局", "正文"), "部门整体支出绩效自评报告", "某某县财政局", None),
        ("\t部门名称\n\t南宁市青秀区财政局\n\n正文段落\n", None, "南宁市青秀区财政局", "青秀区"),
        (para("正文", "南宁市财政局（以下简称“市财政局”）负责……"), None, "南宁市财政局", None),
        # a short name completed with its region
        (para("财政局2022年度部门整体支出绩效自评报告", "衡阳县的有关情况"),
         "财政局2022年度部门整体支出绩效自评报告", "衡阳县财政局", "衡阳县"),
        (para("市财政局2022年度部门整体支出绩效自评报告", "衡阳市的有关情况"),
         "市财政局2022年度部门整体支出绩效自评报告", "衡阳市财政局", None),
        (para("网信办2022年度部门整体支出绩效自评报告", "衡阳县的有关情况"),
         "网信办2022年度部门整体支出绩效自评报告", "中共衡阳县委网络安全和信息化委员会办公室", "衡阳县"),
        # near miss: 市场… is no 市-level name
        (para("市场监督管理局2022年度部门整体支出绩效自评报告", "衡阳县的有关情况"),
         "市场监督管理局2022年度部门整体支出绩效自评报告", "衡阳县市场监督管理局", "衡阳县"),
        # a name run on into the form's next label, with or without a space
        (para("项目名称某某道路清扫经费实施单位:某某县环境卫生服务中心项目资金(万元) 年初预算数"), None,
         "某某县环境卫生服务中心", None),
        (para("2017年度部门整体支出绩效评价指标评分表填报单位(盖章):某某县图书馆一级指标二级指标"), None,
         "某某县图书馆", None),
        (para("项目名称 办公网络维护费 项目实施单位 某某市城投公司 项目主管单位 某某市纪委"), None, "某某市城投公司", None),
        # a title standing below a site's own heading; a name alone above the title
        (para("部门整体支出绩效自评报告(精选20篇)", "某某县就业局部门整体支出绩效自评报告", "一、部门概况"),
         "部门整体支出绩效自评报告(精选20篇)", "某某县就业局", None),
        (para("某某区某某镇人民政府", "2021年“三公”经费决算汇总情况", "现将情况公布如下"), None, "某某区某某镇人民政府", None),
        # a disclosure's opening names who discloses
        (para("按照有关要求，现将某某区某某镇2021年度“三公”经费决算情况公布如下：", "正文"), None, "某某区某某镇", None),
        # near miss: what is disclosed names no unit
        (para("按照有关要求，现将2021年度“三公”经费决算情况公布如下：", "正文"), None, None, None),
        # the unit before 关于 and a quoted subject
        (para("某某市某某区民政局关于“2021年某某补助资金”管理使用情况", "正文"),
         "某某市某某区民政局关于“2021年某某补助资金”管理使用情况", "某某市某某区民政局", None),
        # a name that says its place after 中国共产党 is not prefixed again
        (para("中国共产党衡阳县委员会机构编制办公室2016年度部门整体支出绩效自评报告", "衡阳县的有关情况"),
         "中国共产党衡阳县委员会机构编制办公室2016年度部门整体支出绩效自评报告", "中国共产党衡阳县委员会机构编制办公室", "衡阳县"),
        (para("共青团衡阳县委2016年度部门整体支出绩效自评报告", "衡阳县的有关情况"),  # the youth league's too
         "共青团衡阳县委2016年度部门整体支出绩效自评报告", "共青团衡阳县委", "衡阳县"),
        (para("关于某某市某某区司法局2017年度“三公”经费支出决算情况说明", "正文"),  # 关于 before the unit
         "关于某某市某某区司法局2017年度“三公”经费支出决算情况说明", "某某市某某区司法局", None),
        # a cover's 全称 label; a title broken by a space below a breadcrumb
        (para("部门整体支出绩效评价自评报告", "部门(单位)全称:某某市人民检察院 (公章)", "正文"),
         "部门整体支出绩效评价自评报告", "某某市人民检察院", None),
        (para("首页/信息公开/财政资金", "某某县某某局2022年度部门整体支出绩效自评报 告", "一、基本情况"),
         "某某县某某局2022年度部门整体支出绩效自评报 告", "某某县某某局", None),
        # a disclosure's parts name the unit; near miss: 第一部分 单位概况 names none
        (para("目 录", "第一部分 某某县某某镇农业服务中心部门概况", "第二部分 某某县某某镇农业服务中心2022年度部门决算表",
              "一、收入支出决算总表"), None, "某某县某某镇农业服务中心", None),
        (para("目录", "第一部分 单位概况", "一、主要职能"), None, None, None),
        (para("目录", "第一部分:某某县某某中学概况", "一、主要职能"), None, "某某县某某中学", None),  # a colon after 第一部分
        # a short name whose title says 本级 in brackets, completed with its region
        (para("2020年度林业局(本级)部门整体支出绩效自评报告", "衡阳县的有关情况"),
         "2020年度林业局(本级)部门整体支出绩效自评报告", "衡阳县林业局", "衡阳县"),
        # a page's metadata run together, the source after the time; near miss: 单位 inside a word
        (para("发布时间:2025-03-12 09:48信息来源:某某区农业农村局文字大小:[ ] 背景色:", "正文"), None, "某某区农业农村局", None),
        # the name in full over its abbreviation, where the page states both; near miss below
        (para("项目支出绩效自评表", "单位名称：某某市文旅局", "某某市文化和旅游局", "正文"), "项目支出绩效自评表", "某某市文化和旅游局", None),
        (para("项目支出绩效自评表", "单位名称：某某市文旅局", "某某市文化馆", "正文"), "项目支出绩效自评表", "某某市文旅局", None),
        # a name ends at the form's next label, 资金使用单位 too, which is a label of its own
        (para("主管部门 某某市交通运输局资金使用单位某某市交通运输局", "正文"), None, "某某市交通运输局", None),
        (para("地方主管部门某某省农业农村厅资金使用单位某某市农业农村局资金投入情况(万元)"), None, "某某市农业农村局", None),
        # a unit and its subordinate joined by a dash: the first
        (para("资金使用单位：某某市农业农村局-某某市畜牧兽医服务中心", "正文"), None, "某某市农业农村局", None),
        # '自治区…厅' is the autonomous region's, not prefixed twice
        (para("自治区文化和旅游厅关于2021年度转移支付资金绩效自评的报告", "广西壮族自治区的有关情况"),
         "自治区文化和旅游厅关于2021年度转移支付资金绩效自评的报告", "广西壮族自治区文化和旅游厅", None),
        # a page that opens on its unit and year; near miss: on 我局
        (para("某某镇2021年“三公”经费决算数共计20.5万元，其中公务接待费8.5万元。"), None, "某某镇", None),
        (para("我局2021年“三公”经费决算数共计20.5万元，其中公务接待费8.5万元。"), None, None, None),
        # mojibake before the name; the name ends as a name does, not at the 项目 inside it;
        # a 本级 table's file name
        (para("?????某某县某某镇人民政府", "2022年部门预算编制说明", "正文"),
         "某某县某某镇人民政府2022年部门预算编制说明", "某某县某某镇人民政府", None),
        (para("2025年某某县重大项目推进服务中心预算公开表", "金额单位：万元"),
         "2025年某某县重大项目推进服务中心预算公开表", "某某县重大项目推进服务中心", None),
        (para("某某市某某区民政局本级预算公开表.xls", "金额单位：万元"),
         "某某市某某区民政局本级预算公开表", "某某市某某区民政局", None),
        # near miss: the third party evaluating is not the unit
        (para("正文", "第三方评价单位：某某会计师事务所"), None, None, None),
        # a sentence of the body whose subject is the unit, named with its place, and its
        # year's staff or money; near misses: a unit without its place, a year's allocation
        (para("部门整体支出绩效自评报告", "一、基本情况", "3.人员情况，永仁县人民代表大会常务委员会部门2022年末实有人员编制18人。"),
         None, "永仁县人民代表大会常务委员会", "永仁县"),
        (para("部门预算情况说明", "一、基本情况", "正文。永仁县宜就镇人民政府（本级）2023年无政府性基金预算支出。"),
         None, "永仁县宜就镇人民政府", "永仁县"),
        (para("部门整体支出绩效自评报告", "一、基本情况", "正文。", "正文。", "县教育局2022年末实有人员编制18人。"),
         None, None, None),
        (para("项目支出绩效自评报告", "一、基本情况", "正文。", "正文。", "永仁县教育局2022年下达我校资金30万元。"),
         None, None, "永仁县"),
        # a cover run together: the label after a bracket's end ('部门(单位)整体…报告部门(单位)名称…')
        (para("部门(单位)整体支出绩效评价自评报告部门(单位)名称永仁县发展和改革局预算编码302001报告日期:2023年3月"),
         None, "永仁县发展和改革局", "永仁县"),
        # after a heading's numbering run into the sentence: '…情况（一）某某管理处2022年度共有5个项目'
        (para("2022年度项目支出绩效自评总报告", "正文。", "一、本部门项目绩效目标情况（一）永仁县烈士陵园管理处2022年度共有5个项目。"),
         None, "永仁县烈士陵园管理处", "永仁县"),
        # a body sentence saying what the unit is, or naming it after 我单位; near miss: a
        # unit without its place
        (para("2024年度单位决算情况说明", "一、基本情况", "永仁县宜就镇小学校是一所公办小学校。"), None, "永仁县宜就镇小学校", "永仁县"),
        (para("2023年度部门决算", "一、基本情况", "我单位“永仁县城镇绿化服务中心”设立了预算机构1个。"), None,
         "永仁县城镇绿化服务中心", "永仁县"),
        (para("2023年度部门决算", "一、基本情况", "正文。", "正文。", "县教育局是县政府工作部门。"), None, None, None),
        # a title '<year><unit>决算'; a title naming the unit before 关于, or before its project
        # without a year (near miss: not cut at the 乡 of 乡村振兴)
        (para("2017年永仁县第五小学决算", "一、单位基本情况"), "2017年永仁县第五小学决算", "永仁县第五小学", "永仁县"),
        (para("永仁县文化和旅游局关于中央补助资金支出绩效自评报告", "正文"), "永仁县文化和旅游局关于中央补助资金支出绩效自评报告",
         "永仁县文化和旅游局", "永仁县"),
        (para("永仁县人居环境指挥部乡村振兴项目资金绩效评价报告", "正文"), "永仁县人居环境指挥部乡村振兴项目资金绩效评价报告",
         "永仁县人居环境指挥部", "永仁县"),
        # near miss: a project's own name holding a facility ('…垃圾转运站提升改造项目') names no unit
        (para("某某县某某乡垃圾转运站提升改造项目绩效自评报告", "正文"), "某某县某某乡垃圾转运站提升改造项目绩效自评报告",
         None, None),
        # '现将2022年某某局…' names the unit after the year; a body sentence on its duties or its site
        (para("项目绩效自评总结", "正文。", "根据有关规定，现将2022年永仁县交通运输局财政衔接推进乡村振兴资金项目绩效自评总结如下。"),
         "项目绩效自评总结", "永仁县交通运输局", "永仁县"),
        (para("单位预算", "正文。", "永仁县第十中学主要职能为高中教育。"), None, "永仁县第十中学", "永仁县"),
        (para("单位预算", "正文。", "永仁县育才中学，位于永仁县永定镇。"), None, "永仁县育才中学", "永仁县"),
        # a title naming the unit before its 财政拨款“三公”经费 and year
        (para("永仁县审计局财政拨款“三公”经费2022年预算情况的说明", "正文"), "永仁县审计局财政拨款“三公”经费2022年预算情况的说明",
         "永仁县审计局", "永仁县"),
        # a name stating its place inside it is not prefixed again; a district's '区…局' is
        # named with its city and district; a township's 政府 is its 人民政府
        (para("“三公”经费补充说明", "正文", "中国人民政治协商会议山东省青岛市委员会办公厅"),
         None, "中国人民政治协商会议山东省青岛市委员会办公厅", None),
        (para("专项债券项目绩效评价情况", "信息来源：区卫生健康局", "我单位在柯桥区新增项目3个。"), None, "绍兴市柯桥区卫生健康局", "柯桥区"),
        (para("第一部分 宜就镇政府概况", "永仁县宜就镇2022年部门预算"), None, "永仁县宜就镇人民政府", "永仁县"),
        # the unit an evaluator names after its verb ('承担了…（以下简称…）')
        (para("2024年度部门整体支出报告", "我们作为第三方机构，承担了永仁县发展和改革局（以下简称“县发改局”）2024年度绩效评价工作。"),
         None, "永仁县发展和改革局", "永仁县"),
        # a body sentence saying how the unit is organised; near miss: without its place
        (para("2023年度单位决算", "二、机构设置", "永仁县农机推广站下设综合股、技术股。"), None, "永仁县农机推广站", "永仁县"),
        (para("单位预算", "正文。", "永仁县宜就镇人民政府内设 5 个办公室。"), None, "永仁县宜就镇人民政府", "永仁县"),
        (para("三、部门预算收支增减变化说明", "永仁县商务局机关内设9个职能股室，分别为办公室、外贸股。"), None,
         "永仁县商务局", "永仁县"),
        (para("目录", "第一部分 概况", "一、主要职责", "永仁县农业农村局本级内设3个股室;下辖0个预算单位。"), None,
         "永仁县农业农村局", "永仁县"),
        (para("目录", "一、单位基本情况", "正文。", "永仁县档案馆只有1个机构,无下属单位。"), None, "永仁县档案馆", "永仁县"),
        (para("目录", "一、部门基本情况", "永仁县归侨联合会本级1个单位,无下属单位。"), None, "永仁县归侨联合会", "永仁县"),
        # a party's or people's organisation's committee of a place, its place after the organisation's
        # name, in its founding sentence; near miss: founded without its place
        (para("目录", "一、部门基本情况", "根据某编委《关于机构设置的通知》(1990)编字第7号,设立九三学社永仁县委员会。内设两室。"),
         None, "九三学社永仁县委员会", "永仁县"),
        (para("目录", "一、部门基本情况", "根据某编委《关于机构设置的通知》(1990)编字第7号,设立九三学社委员会。内设两室。"),
         None, None, None),
        (para("目录", "一、部门基本情况", "中国民主促进会永仁县委员会本级1个单位。"), None, "中国民主促进会永仁县委员会", "永仁县"),
        # a budget's scope (纳入…部门预算编制范围); near miss: a unit without its place
        (para("目录", "第一部分 概况", "纳入永仁县司法局本级2023年部门预算编制范围的预算单位包括:本级。"), None,
         "永仁县司法局", "永仁县"),
        (para("目录", "第一部分 概况", "正文。", "正文。", "纳入县司法局本级2023年部门预算编制范围的预算单位包括:本级。"), None,
         None, None),
        # a disclosure's list of its budget units names the unit that discloses (一级预算单位) over the
        # body's sentence about the institution it serves; near miss: a 二级 unit is not the discloser
        (para("第一部分:部门概况", "永仁县人民代表大会是本县地方国家权力机关。", "(二)部门预算单位构成",
              "1.101 永仁县人大常委会办公室(一级预算单位)"), None, "永仁县人大常委会办公室", "永仁县"),
        (para("第一部分:部门概况", "永仁县人民代表大会是本县地方国家权力机关。", "(二)部门预算单位构成",
              "1.101001 永仁县人大常委会办公室(二级预算单位)"), None, "永仁县人民代表大会", "永仁县"),
        (para("第一部分:部门概况", "永仁县人民代表大会是本县地方国家权力机关。",
              "本部门仅有永仁县人大常委会办公室本级一个二级预算单位。"), None, "永仁县人大常委会办公室", "永仁县"),
        # the subject of '…属财政全额拨款事业单位' (after its renaming); near miss: a site's footer links
        # ('国务院部门网站', '区县政府网站') are no unit, nor a word cut inside 部门 ('现将2022年…和部门整体…')
        (para("目录", "第一部分 部门概况", "经批复，将永仁县水土保持局更名为永仁县水土保持中心。永仁县水土保持中心属财政全额拨款事业单位。"),
         None, "永仁县水土保持中心", "永仁县"),
        (para("经汇总，2024年“三公”经费预算为14.01万元。", "国务院部门网站", "地方政府网站", "区县政府网站"), None, None, None),
        # '某幼儿园系某中心下属二级单位': the subject, never the two names and the verb between them
        (para("2023年度部门决算", "一、部门职责", "永仁县第一幼儿园系永仁县机关事务服务中心下属二级单位，是一所日托幼儿园。"), None,
         "永仁县第一幼儿园", "永仁县"),
        # the subject right after a heading run into its sentence, a bracketed ordinal inside its
        # name ('…(第二)幼儿园是由…主办'); its new name ('更名为…，属于…事业单位'); near misses: a
        # heading's own numbering is no part of a name, a new name without its place no unit
        (para("2023年度单位决算情况说明", "一、职能简介 永仁县城南(第二)幼儿园是由永仁县教育局主办的公办幼儿园。"), None,
         "永仁县城南(第二)幼儿园", "永仁县"),
        (para("项目支出绩效评价报告", "一、项目概况(一)项目单位基本情况永仁县林业局是县政府工作部门，主管全县林业。"), None,
         "永仁县林业局", "永仁县"),
        (para("单位预算情况说明", "(二)单位构成", "根据编委复函，更名为永仁县永定中学，属于全额拨款事业单位。"), None,
         "永仁县永定中学", "永仁县"),
        (para("单位预算情况说明", "(二)单位构成", "根据编委复函，更名为县永定中学，属于全额拨款事业单位。"), None, None, None),
        # a headless 决算 naming its unit only as the subject of its duties
        (para("目 录", "第一部分 部门概况", "一、主要职能、职责", "三、2023年度部门主要工作完成情况", "第二部分 部门决算情况说明",
              "第一部分 部门概况", "一、主要职能、职责", "大理市林业和草原局贯彻执行国家林业法律法规。主要职责是：", "（一）负责全市森林防火。"),
         None, "大理市林业和草原局", "大理市"),
        (para("目录", "一、主要职能", "县财政局负责人说明如下。"), None, None, None),  # 负责人: a person, not a duty
        (para("年度重点项目和部门整体支出绩效评价情况报告", "现将2022年重点项目绩效评价和部门整体支出绩效评价总体情况汇报如下。"),
         "年度重点项目和部门整体支出绩效评价情况报告", None, None),
        # a government site's metadata table: 所属机构 / 责任部门 above a title-less 决算
        ("索引号 | /2023-00123 | 文号 | 生成日期 | 2023-09-01 | |\n---|---|---|---|---|---|\n公开方式 | 主动公开 | 所属机构 | 永仁县自然资源局 | 责任部门 | 永仁县自然资源局 |\n目录\n第一部分 单位概况\n一、部门职责",
         None, "永仁县自然资源局", "永仁县"),
        (para("2023年度单位决算", "二、机构设置", "正文。", "正文。", "县农机推广站下设综合股。"), None, None, None),
        # the subject of the year's work done; near miss: a unit without its place
        (para("一、自评结论", "民政部门整体绩效自评得分96分。", "2022年，永仁县民政局较好地完成了年初制定的工作目标。"),
         None, "永仁县民政局", "永仁县"),
        (para("一、自评结论", "民政部门整体绩效自评得分96分。", "2022年，县民政局较好地完成了年初制定的工作目标。"),
         None, None, None),
        # a page's metadata run on one line names the issuing organ (发文机关) of a title without a unit;
        # near miss: the organ's label without its colon inside a longer word is no label
        (para("索引号:8261993/2025-00027 分  类:财政 发文机关:永仁县永定镇 成文日期:2025年04月10日",
              "2024年度某某资金项目支出绩效评价报告", "对本单位2024年度某某资金项目开展绩效自评。"),
         "2024年度某某资金项目支出绩效评价报告", "永仁县永定镇", "永仁县"),
        (para("按上级发文机关要求，现将2024年度某某资金项目支出绩效评价报告如下。"), None, None, None),
        # a title naming the unit, then another name it carries in brackets
        (para("永仁县综合行政执法局 (永仁县城市管理局) 2022年度部门决算", "正文"),
         "永仁县综合行政执法局 (永仁县城市管理局) 2022年度部门决算", "永仁县综合行政执法局", "永仁县"),
        # a township the title names and a body sentence names in full, placed by the text's
        # '…永仁县宜就镇…' (the divisions data holds no townships)
        (para("宜就镇部门整体支出绩效自评报告", "一、基本情况", "宜就镇人民政府主要职能职责：管理本镇事务。",
              "纳入楚雄州永仁县宜就镇2022年度部门决算编报的单位共3个。"),
         "宜就镇部门整体支出绩效自评报告", "永仁县宜就镇人民政府", "永仁县"),
        # the unit before its 转移支付 and year, over the page's publisher
        (para("发布机构 永仁县人民政府办公室", "正文"), "永仁县文物局中央转移支付2021年度绩效自评报告",
         "永仁县文物局", "永仁县"),
        # the unit's name alone above the report's own title, below the page's title that
        # abbreviates it; near miss: a name alone above a body sentence is no statement of it
        (para("永仁县文旅局2019年度项目绩效评价报告", "来源:文旅局", "作者:办公室", "永仁县文化和旅游局",
              "2019年度某某专项资金项目自评报告",
              "正文。"), "永仁县文旅局2019年度项目绩效评价报告", "永仁县文化和旅游局", "永仁县"),
        (para("永仁县文旅局2019年度项目绩效评价报告", "来源:文旅局", "一、基本情况", "正文。", "永仁县文化和旅游局",
              "主要职责是管理本县文化事务。", "二、绩效目标", "正文。"), "永仁县文旅局2019年度项目绩效评价报告", "永仁县文旅局", "永仁县"),
        # a form's label run in after a title's loose word ('…单位项目支出…报告部门(单位)名称:')
        (para("1、某街道2021年度单位项目支出绩效评价自评报告部门(单位)名称:永仁县永定街道办事处项目名称:某某专项支出"),
         None, "永仁县永定街道办事处", "永仁县"),
        # an evaluator's opening names the unit it evaluated
        (para("为做好动物防疫工作，下达我县某某专项补助经费72.5万元。我们对永仁县动物疫病预防控制中心动物防疫专项经费进行了绩效评价，"
              "现将评价结果报告如下：", "一、评价工作情况"), None, "永仁县动物疫病预防控制中心", "永仁县"),
        # the party committee's office saying what it is; near miss: without its place
        (para("目录", "第一部分部门概况", "中共永仁县委机构编制委员会办公室是县委工作机关，为正科级。"), None,
         "中共永仁县委机构编制委员会办公室", "永仁县"),
        (para("目录", "第一部分部门概况", "县委机构编制委员会办公室是县委工作机关，为正科级。"), None, None, None),
        # a heading that writes a character twice is a slip, not a fuller name than the title's
        (para("目 录", "第一部分:永仁县县文物局概况", "一、部门主要职责"), "永仁县文物局2022年部门决算公开",
         "永仁县文物局", "永仁县"),
        # …and so is a place written twice; near miss: a longer name that adds a word, not a repeat
        (para("一、部门基本情况", "永仁县永仁县教育体育局2020年度部门预决算编报的单位共21个。"), "永仁县教育体育局2020年部门整体支出绩效自评报告",
         "永仁县教育体育局", "永仁县"),
        (para("一、部门基本情况", "永仁县县级教育体育局2020年度部门预决算编报的单位共21个。"), "永仁县教育体育局2020年部门整体支出绩效自评报告",
         "永仁县县级教育体育局", "永仁县"),
        # the year before the unit's name, the line alone above a disclosure's contents; near miss:
        # a year before words that are no name
        (para("2023年度永仁县永定街道办事处", "目 录", "第一部分 部门概况"), None, "永仁县永定街道办事处", "永仁县"),
        (para("2023年度工作总结", "目 录", "第一部分 部门概况"), None, None, None),
        # a unit saying what it is, in a longer phrase ('…是全县主管某某工作的行政机关')
        (para("为加强预算管理，现将自评情况报告如下：", "永仁县交通运输局是全县主管交通运输工作的行政机关。主要职责是：管理公路。"),
         None, "永仁县交通运输局", "永仁县"),
        # a form's implementer under its longer labels, over the department above it
        ("\t项目名称\n\t某某经费\n\t主管部门\n\t永仁县文化和旅游局\n\n\t项目实施单位\n\t永仁县文化馆\n\t项目负责人\n\t某某\n\n",
         "项目支出绩效自评表", "永仁县文化馆", "永仁县"),
        (para("（2）项目立项依据：省财政厅、卫健委《某某办法》。", "（3）实施主体：永仁县卫生健康局。"), "项目支出绩效目标申报表",
         "永仁县卫生健康局", "永仁县"),
        # a printed page's number before the unit that opens the text
        (para("文档简介", "-6-永仁县社会福利院2022年部门预算及“三公”经费预算编制说明目录第一部分部门概况"), None,
         "永仁县社会福利院", "永仁县"),
        # the table's maker (编制单位), its note in square brackets after the name
        (para("某某医院信息公开", "2017年医疗卫生机构收支决算总表", "编制单位:永仁县中医医院[单户表]", "金额单位:元"),
         "2017年医疗卫生机构收支决算总表", "永仁县中医医院", "永仁县"),
        # a title with the year first, the unit's other name in brackets after it
        (para("正文"), "2023年度永仁县卫生健康局(永仁县中医药管理局)(部门)部门决算公开", "永仁县卫生健康局", "永仁县"),
        # 本级 between the unit and its disclosure, with the year first or after it; a notice's
        # label before the title
        (para("正文"), "2022年永仁县卫生健康局本级决算公开", "永仁县卫生健康局", "永仁县"),
        (para("公告:永仁县残疾人联合会本级2022年度部门决算", "第一部分 部门概况"), None, "永仁县残疾人联合会", "永仁县"),
        # a form's labels run together: the 执行单位 over the 主管部门 above it
        (para("项目名称某某补助资金", "项目主管部门永仁县教育局项目执行单位永仁县第一中学"), "绩效目标表", "永仁县第一中学", "永仁县"),
        # the implementer and the others with it: the first named
        (para("项目实施主体:永仁县卫生健康局及各乡(镇)卫生院"), None, "永仁县卫生健康局", "永仁县"),
        # the title's short name (…扶贫办) spelled out by the page's publisher (…扶贫开发办公室)
        (para("发布机构: 永仁县人民政府扶贫开发办公室", "一、部门基本情况"), "永仁县扶贫办2018年部门整体支出绩效自评报告",
         "永仁县人民政府扶贫开发办公室", "永仁县"),
        # a pointer to the tables by their title names the unit over the site's own name above the
        # contents; so does the disclosure's scope listing one unit
        (para("某区人民政府", "热门搜索:", "第一部分 部门概况", "一、部门主要职责", "正文。",
              "明细详见:永仁县第三小学2025年预算公开表"), None, "永仁县第三小学", "永仁县"),
        (para("目录", "第一部分 部门概况", "纳入2025年部门预算编制范围的单位如下:永仁县第三小学"), None, "永仁县第三小学", "永仁县"),
        # a site's '公开主体' label a line, its value the next, as 发布机构 is
        (para("索引号:", "主题分类:", "-", "公开主体:", "永仁县宜就镇人民政府", "发文字号:", "发布日期:", "2023-02-24",
              "各位代表:", "现将本镇预算执行情况报告如下。"), None, "永仁县宜就镇人民政府", "永仁县"),
        # a school district's office (学区) named by its title, not the finance bureau that published it
        (para("发布机构:永仁县财政局", "第一部分 部门概况"), "2022年度永仁县永定镇学区部门决算", "永仁县永定镇学区", "永仁县"),
        # a unit saying what it is, beside the body it comes under ('…中心所属的基本单位': no 所 of a name)
        (para("一、单位基本情况", "永仁县永定镇小学校是县教委直属事业单位。", "永仁县永定镇教育管理中心所属的基本单位有3个。"), None,
         "永仁县永定镇小学校", "永仁县"),
        # a unit saying what its basic functions are
        (para("一、基本职能", "永仁县永定街道办事处基本职能:贯彻执行上级决定。"), None, "永仁县永定街道办事处", "永仁县"),
        # a title with no year, the unit then its disclosure ('…局部门决算'), over the site's
        # metadata naming the office responsible for the page by an older name
        (para("| 责任部门: | 文化新闻出版局 | 时 效 性: | 长期公开 |", "目 录", "第一部分 单位概况"),
         "永仁县文化旅游局部门决算", "永仁县文化旅游局", "永仁县"),
        # a school's title running straight on into its money ('…中学专项资金…自评价报告')
        (para("一、基本情况", "我校本年度项目一个。"), "永仁县第二中学专项资金绩效自评价报告", "永仁县第二中学", "永仁县"),
        # a broadcaster's title running on into its project; near miss: a platform named in a project
        (para("一、项目基本情况"), "永仁县广播电视台专题节目制作经费项目绩效自评报告", "永仁县广播电视台", "永仁县"),
        (para("一、项目基本情况"), "永仁县数据平台建设项目绩效自评报告", None, "永仁县"),
        # …nor a broadcaster in the project after an office's name, nor a 广播电视台站 (a facility)
        (para("一、项目基本情况"), "永仁县文化和旅游局县广播电视台高清化改造项目绩效自评报告", "永仁县文化和旅游局", "永仁县"),
        (para("一、项目基本情况"), "永仁县无线广播电视台站运行维护经费绩效自评报告", None, "永仁县"),
        # a school's title, its project form after it ('…小学项目支出绩效自评表'); near miss: a project's
        # name before 项目支出 names no unit
        (para("项目名称 | 某某"), "永仁县第一小学项目支出绩效自评表", "永仁县第一小学", "永仁县"),
        (para("项目名称 | 某某"), "永仁县道路建设项目支出绩效自评表", None, "永仁县"),
        (para("项目名称 | 某某"), "永仁县城区垃圾转运站项目支出绩效自评表", None, "永仁县"),  # a facility built
        # a form's one cell for both roles, either way round ('主管（实施）部门', '实施（主管）部门' run together
        # with the cells after it)
        (para("项目名称:某某护林经费", "主管（实施）部门:永仁县林业和草原局", "金额单位:万元"), "2021年度预算项目绩效自评表",
         "永仁县林业和草原局", "永仁县"),
        (para("项目名称:某某办案经费实施（主管）部门永仁县人民法院金额单位:万元"), "2021年度预算项目绩效自评表",
         "永仁县人民法院", "永仁县"),
        # a city bureau's branch named after a county of the city is in that county; near miss: the
        # city bureau itself
        (para("目录"), "临沧市生态环境局云县分局2024年度部门决算", "临沧市生态环境局云县分局", "云县"),
        (para("目录"), "临沧市生态环境局2024年度部门决算", "临沧市生态环境局", None),
        # a title's year without 年 after its unit
        (para("一、部门基本情况"), "永仁县交通运输局2021部门整体绩效自评报告", "永仁县交通运输局", "永仁县"),
        # an autonomous prefecture's short form in the title, its full name in the body: the full
        # name; near miss: the body never names the unit in full
        (para("受楚雄州财政局委托，某某事务所对楚雄彝族自治州文化和旅游局2021年某某专项资金进行绩效评价。"),
         "楚雄州文化和旅游局2021年某某专项资金绩效评价报告", "楚雄彝族自治州文化和旅游局", None),
        (para("受楚雄州财政局委托，某某事务所对该局2021年某某专项资金进行绩效评价。"),
         "楚雄州文化和旅游局2021年某某专项资金绩效评价报告", "楚雄州文化和旅游局", None),
        # an evaluator's opening naming the unit that carried the project out, its duty right after
        (para("我们接受委托，对永仁县学位补助资金进行绩效评价。项目实施单位永仁县教育体育局的责任是提供真实完整的资料。"),
         None, "永仁县教育体育局", "永仁县"),
        # two forms of one town's government: the 主管部门 of both and 实施单位 of the first over the
        # office that carries out the second; near miss: an office named as often as its government
        (para("项目名称道路保洁", "主管部门永仁县宜就镇人民政府实施单位永仁县宜就镇人民政府", "总分:90",
              "项目名称土地征收", "主管部门永仁县宜就镇人民政府实施单位宜就镇人民政府征收办公室"),
         None, "永仁县宜就镇人民政府", "永仁县"),
        (para("项目名称土地征收", "实施单位宜就镇人民政府征收办公室", "主管部门永仁县宜就镇人民政府"),
         None, "永仁县宜就镇人民政府征收办公室", "永仁县"),
        # a 决算's note under a table it leaves empty names the unit that had no such money; near miss:
        # the same note on the unit itself ('本单位')
        (para("目录", "第一部分 概况", "一、本部门职责", "九、国有资本经营预算财政拨款支出决算表",
              "说明：永仁县宜就镇人民政府没有使用国有资本经营预算安排支出，故本表无数据。"), None, "永仁县宜就镇人民政府", "永仁县"),
        (para("目录", "第一部分 概况", "九、国有资本经营预算财政拨款支出决算表",
              "说明：本单位没有使用国有资本经营预算安排支出，故本表无数据。"), None, None, None),
    ],
)
def test_find_unit(text, title, unit, county):
    name, region = find_unit(parse_text(text), title)
    assert name == unit
    assert (region.county if region else None) == county


def test_a_title_opening_on_its_region_places_a_report_with_no_unit_after_the_pages_chrome():
    # the site's chrome stands before the title in the text; the title's 广西 still opens it
    title = "广西某某居民补助资金转移支付2022年度绩效自评报告"
    text = para("无障碍浏览 注册 登录 更换背景", title, "一、资金下达情况", "中央分两批下达某某资金500万元。")
    name, region = find_unit(parse_text(text), title)
    assert name is None
    assert (region.province, region.city) == ("广西壮族自治区", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (para("经自评，本单位自评得分为92.5分，评价等级为优秀。"), (92.5, 100.0, "优秀")),
        # a form run together on one line, its score cell's label carrying the unit; near miss: a
        # score cell left empty before the next label's figure is no score
        (para("某某局2023年度部门整体绩效自评表主管部门某某局联系电话自评总分(分)88.4年初预算数全年预算数执行率"),
         (88.4, 100.0, None)),
        (para("某某局2023年度部门整体绩效自评表主管部门某某局自评总分(分)年初预算数120.5全年预算数"), (None, None, None)),
        (para("自评得分92分。", "满分为120分。"), (92.0, 120.0, None)),
        (para("本部门整体支出绩效自评等级为良好。"), (None, None, "良好")),
        # an evaluator's '最终评分结果为90分'
        (para("评价小组对某某补贴项目进行了客观评价，最终评分结果为90分，绩效评价等级为优秀。"), (90.0, 100.0, "优秀")),
        # near misses: a project's paragraph, a rate, money
        (para("农业技术推广经费：全年预算数10万元，自评得分85分，评价等级为良好。"), (None, None, None)),
        (para("培训200人，完成率100%。"), (None, None, None)),
        # an evaluator's total in a PDF's spaced text, and its grade as a 级别
        (para("某某局 2019 年度部门整体支出绩效评价总分为 87 分，评价结果级别为良。"), (87.0, 100.0, "良好")),
        # a results table flattened into the prose: the total row's full points, then the score;
        # near miss: a total row whose first figure is not the full 100 points
        (para("评价内容 标准分值 评价得分 决策 20 17 过程 30 26 产出 30 28 效益 20 18 综合绩效 100分 89分 评价小组"),
         (89.0, 100.0, None)),
        (para("评价内容 标准分值 评价得分 决策 20 17 合计 90 81 评价小组"), (None, None, None)),
        # '自评得97.5分'; near miss: a part's weight before it
        (para("我厅开展了部门预算绩效自评工作，逐项量化评价，自评得97.5分。"), (97.5, 100.0, None)),
        (para("产出指标分值30分，自评得28分。"), (None, None, None)),
        # the points of a rate's indicator ('执行率为100%，得分10分'); near miss: a score after a sentence
        # that closed on a rate
        (para("项目资金11万元，实际使用11万元，执行率为100%，得分10分。"), (None, None, None)),
        (para("执行率为100%。经自评，本项目得分95分。"), (95.0, 100.0, None)),
        # …and a total's own word after a rate is the total
        (para("经自评，该项目资金到位率100%，预算执行率为100%，自评得分98分，评价等级为优。"), (98.0, 100.0, "优秀")),
        (para("综上，2022年度我局预算执行率98.6%，综合得分95.5分。"), (95.5, 100.0, None)),
        # …and a part's '决策指标自评得20分' is not the total after it
        (para("（一）决策指标自评得20分。", "（二）过程指标自评得18分。", "经自评，本项目综合得分93分，评价等级为优。"),
         (93.0, 100.0, "优秀")),
        # near miss: a sum of points is no score ('总分100分' carries no 为)
        (para("指标体系总分100分，其中产出指标50分。"), (None, None, None)),
    ],
)
def test_find_score_and_grade_in_prose(text, expected):
    assert find_score_and_grade(parse_text(text)) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["总分", "100", "93"]], (93.0, 100.0, None)),
        ([["自评总分", "88"]], (88.0, 100.0, None)),
        ([["总分", "96分"]], (96.0, 100.0, None)),  # the score written with its 分
        ([["综合评定等级", "优秀", "合计", "100", "93"]], (93.0, 100.0, "优秀")),
        ([["评定等级", "良"]], (None, None, "良好")),
        # near misses: 合计 without a grade in its row is a money total; an empty 总分 row
        ([["合计", "100", "93"]], (None, None, None)),
        ([["总分", "", ""]], (None, None, None)),
        # an evaluation's 评价结果 row of the full points and the score; near miss: a grade under it
        ([["投入", "20", "15"], ["评价结果", "100", "80.5"]], (80.5, 100.0, None)),
        ([["评价结果", "优"]], (None, None, None)),
        # a results table whose total row lost its label: full points, the score, the grade
        ([["产出", "20.00", "20.00", "优"], ["10.00", "10.00", "优"], ["100.00", "94.04", "优"]], (94.04, 100.0, "优秀")),
        # near miss: an indicator's row of its points, score and grade is no total
        ([["10.00", "9.50", "优"]], (None, None, None)),
        # a form's label and value among other fields: '自评总分: | 97.5', the cells after it not the score
        ([["项目名称:", "某某协会整体监控", "自评总分:", "97.5", "联系人:", "12"]], (97.5, 100.0, None)),
    ],
)
def test_find_score_and_grade_in_tables(rows, expected):
    assert find_score_and_grade(Document([Table(rows, 1)])) == expected


def test_a_pages_breadcrumb_ending_on_the_title_is_no_part_of_it():
    document = Document([Paragraph("首页 > 分享 > 某某绿地管养专项资金项目绩效评价报告", 1), Paragraph("委托单位名称:", 2)])
    assert find_title(document) == "某某绿地管养专项资金项目绩效评价报告"


def test_a_parts_score_under_its_weight_is_not_the_reports_score():
    document = parse_text("某某项目绩效评价报告\n目 录\n（一）项目决策情况（分值20分，得分16分）\n"
                          "（二）项目过程情况（分值20分，得分18分）\n三、综合评价结论\n该项目综合得分88分，评价等级为良。\n")
    assert find_score_and_grade(document)[:1] == (88.0,)
    parts_only = parse_text("某某项目绩效评价报告\n（一）项目决策情况（分值20分，得分16分）\n")
    assert find_score_and_grade(parts_only)[0] is None
