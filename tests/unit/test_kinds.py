"""pipelines.extract.kinds.document_kind: which kind of document (CONTRACT.md's document_kind).

Rules covered, one row each with a near miss:
- a title that ends as a notice/rule (通知, 通报, 办法, 要点…) or offers a template (模板, 填报说明) → other,
  unless its only such word is a template's (范本) over a filled-in cover (项目名称 and 项目单位 named);
- a whole government's budget or accounts (政府决算, 全县财政收入, a summary of every unit, 市本级各部门)
  → other; a finance bureau's account of its 预算绩效工作 → other;
- a target form (绩效目标表/目标申报表): a department's (整体) and a project's are budget, a notice
  handing money down with one attached is other;
- 决算 not followed by 绩效/自评 → final_accounts;
- 项目…自评表 / 支出绩效自评表 → project_form; 整体…自评表 → overall_form; a 决算 title over such
  a form's title before any part of the accounts (目录, 部门概况, 决算表) → that form;
- 评价报告 written by a third party (受…委托, 会计(师)事务所, named within the first 800 characters)
  → evaluation_report, as is one a finance body (财政局, 专员办事处) reports 关于 another's money; by
  the unit (or one whose first heading says 自评得分) → overall_report;
- 项目/资金…自评报告 (…自评工作的报告, 项目自评结果) → project_report; …资金（管理）使用情况 → project_report
  unless the document holds project forms; 自评报告/整体支出…报告 → overall_report;
- 部门预算 (without 绩效, unless it is the budget's 编制说明) → budget; 部门整体和项目…报告 → overall_report;
- a county government's report on its accounts (某县人民政府关于2021年决算…), a line opening on a
  county's own name and a year (某县2021年“三公”经费…) → other; a town's is a unit's;
- no title: a county's own revenue (我县一般公共预算…收入) → other; project forms present → project_form; the first headings (项目基本情况 / 转移支付基本情况 /
  部门基本情况), or the project an opening sentence says was evaluated;
  a list of 部门决算表 / 部门预算表 (its 绩效目标表 no sign of an evaluation) → final_accounts / budget; a third party's evaluation results →
  evaluation_report; an indicator table with 完成值 → project_form, overall_form when the head
  speaks of 部门整体/整体支出; a page of explanations that speaks of 决算 twice
  → final_accounts, of 预算 (three times, or with 同比) with an amount, and of no 决算, target
  form nor result → budget;
- a shared file's name ('….docx', '(3).docx') is read without its suffix.
"""

from __future__ import annotations

import pytest

from pipelines.extract.kinds import document_kind

UNIT = "某某县某某局"


@pytest.mark.parametrize(
    ("title", "head", "has_forms", "expected"),
    [
        # pages about the genre
        ("关于开展2022年度部门整体支出绩效自评工作的通知", "", False, "other"),
        ("某某县2022年预算绩效管理工作要点", "", False, "other"),
        ("部门整体支出绩效自评报告模板", "", False, "other"),
        ("项目支出绩效自评表填报说明", "", False, "other"),
        # a sharing site's 范本 that is a unit's filled-in form (its cover names a project and the
        # unit that ran it); near misses: the cover's blanks or placeholders, a notice's title
        ("财政支出项目绩效评价报告范本",
         "财政支出项目绩效评价报告 评价类型:完成结果评价 项目名称: 沿海防护林抚育补植项目 项目单位: 海南省林业科学研究所 主管部门: 海南省林业局",
         False, "project_report"),
        ("财政支出项目绩效评价报告范本",
         "财政支出项目绩效评价报告 评价类型:完成结果评价 项目名称: XXXX项目 项目单位: XX市XX局 主管部门: XX市财政局",
         False, "other"),
        ("财政支出项目绩效评价报告范本",
         "财政支出项目绩效评价报告 项目名称: ________ 项目单位: ________ 主管部门: ________", False, "other"),
        ("财政局关于2023年全区绩效评价结果情况的通报", "", False, "other"),  # a notice of results
        ("2022年财政重点绩效评价结果公开", "", False, "other"),  # a page announcing the reports it attaches
        # a prefecture's own level as a whole (every department of it)
        ("某某州州本级2021年度“三公”经费决算支出情况说明", "某某州州本级2021年度“三公”经费决算支出情况说明\n正文", False, "other"),
        ("某某州财政局2021年度“三公”经费决算支出情况说明", "某某州财政局2021年度“三公”经费决算支出情况说明\n正文", False,
         "final_accounts"),  # near miss: one unit's
        # untitled pages whose body shows them about the genre: a notice to many units, news,
        # an announcement of attached reports
        (None, "各有关单位：\n根据上级要求，现将项目绩效自评材料报送事宜通知如下：\n一、自评范围", False, "other"),
        (None, "近日，某某县财政局印发了《关于开展绩效评价工作的通知》，安排部署全年工作。", False, "other"),
        # a unit's disclosure reposted whole under a line of news is that disclosure
        (None, "近日，某某部公布2024年度部门决算。\n某某部2024年度收入总计900万元，支出总计900万元。", False, "final_accounts"),
        (None, "近日，某某局公布了2023年部门预算。\n某某局2023年收入预算800万元。", False, "budget"),
        # near misses: news of many units' disclosures is news
        (None, "近日，96个中央部门公布了2023年度部门决算。\n今年公开的决算表共9张。", False, "other"),
        (None, "近日，省级各部门集中公开了2024年度部门预算。\n公开的预算表共8张。", False, "other"),
        (None, "记者昨悉，省政府办公厅下发通知，要求县级以上三公经费全部公开。", False, "other"),
        (None, "本网讯（通讯员 某某）日前，某县组织召开财政重点绩效评价项目初评结果验收会。", False, "other"),
        ("某省111个部门公开决算信息", "某省111个部门公开决算信息\n2023-08-26 09:20 来源:某某日报\n8月25日，省级部门公开了决算。", False, "other"),
        # near miss: a rule the report cites names every unit of a county, the report is one unit's
        (f"{UNIT}2024年部门整体支出绩效自评报告", "根据《某某县本级部门预算绩效自评管理暂行办法》，我局开展了自评。", False, "overall_report"),
        (None, "根据某县本级部门预算执行情况，经县财政局汇总……", False, "other"),
        (None, "我局委托第三方机构开展了评价，现将评价报告在网站公开，请予以监督。\n附件：\n附件1：某某补助资金项目绩效评价报告.pdf",
         False, "other"),
        # an attachment's file name opening the page, the report's own text below it: the report
        (None, "附件2:项目资金绩效评价报告.doc\n关于2022年度某某巡查项目资金绩效评价报告 一、项目基本情况 我局…", False,
         "project_report"),
        # near miss: a report addressed to one body, not a notice to many
        (None, "省财政厅：\n现将我中心2020年度专项资金绩效自评情况报告如下：\n一、项目基本情况", False, "project_report"),
        # an evaluator's own words under a title that does not say evaluation; near miss: the
        # unit's self-evaluation that had a third party help
        ("某某县发改委2024年度部门整体支出报告", "我们作为第三方评价机构，承担了某某县发改委2024年度部门整体支出绩效评价工作。",
         False, "evaluation_report"),
        (f"{UNIT}2024年度部门整体支出绩效自评报告", "我局委托第三方机构协助开展了评价工作。", False, "overall_report"),
        ("某某县财政局2022年重点绩效评价报告", "", False, "evaluation_report"),  # near miss: the report itself
        # near miss: the same words in a report's title that is no notice
        (f"{UNIT}2022年度部门整体支出绩效自评报告", "", False, "overall_report"),
        # target forms
        (f"{UNIT}2022年度部门整体支出绩效目标表", "", False, "budget"),
        ("某某项目绩效目标申报表", "", False, "budget"),
        ("关于下达2022年某某补助资金的通知", "附件：某某项目绩效目标申报表", False, "other"),
        # …and a notice whose page is titled by the target form it hands down with the money
        ("某某项目绩效目标表", "各乡镇人民政府：\n根据省财政厅文件，现下达2022年某某专项资金，具体金额详见附件。", False, "other"),
        # a unit's report on the project its title's bracket names; near miss: a bracket of no project
        ("某县林业技术推广站2019年度绩效自评报告(林木良种推广项目)", "", False, "project_report"),
        ("某县林业技术推广站2019年度绩效自评报告(修订稿)", "", False, "overall_report"),
        # news of a disclosure being done; near miss: the disclosure itself
        ("认真开展2022年度决算公开工作", "", False, "other"),
        ("某某博物馆2022年度决算公开", "", False, "final_accounts"),
        # near miss: a 绩效目标自评表 is a self-evaluation, not a target form
        ("某某项目绩效目标自评表", "", False, "project_form"),
        # a works project's report (工程), near miss: a unit named for its works (工程管理局)
        ("某县2020年第一批公路安全生命防护工程绩效自评报告", "", False, "project_report"),
        ("某县水利工程管理局2022年度绩效自评报告", "", False, "overall_report"),
        # untitled: a letter reporting a fund's self-evaluation, a project's conclusion first, an
        # evaluation's conclusion first; near miss: a unit's own 自评 opening
        (None, "某市财政局：\n现将某某市2023年度衔接资金绩效自评情况报告如下：", False, "project_report"),
        (None, "一、自评结论\n（一）自评得分\n2022年度该项目的产出指标均已完成，自评分为98分。", False, "project_report"),
        (None, "本次绩效评价对2023年度某某专项的投入、过程、产出进行了分析，综合评价得分80.10分。", False, "evaluation_report"),
        (None, "本次绩效自评对本部门整体支出进行了分析，自评得分95分。", False, "overall_report"),
        # a letter sending money down, the news of an evaluation held: pages about the genre;
        # near miss: a report on the evaluation
        ("某县财政局关于提前转下达2025年农村危房改造补助资金预算的函", "", False, "other"),
        ("自治区某局对某区2022年度衔接资金开展审查和绩效评价", "", False, "other"),
        ("某市财政局开展2017年度中央对地方专项转移支付绩效目标自评工作", "", False, "other"),  # news of the work
        ("某市财政局2017年度中央对地方专项转移支付绩效目标自评报告", "", False, "project_report"),  # its report
        # a report's numbered heading on its first line is no news title
        (None, "一、开展绩效自评工作\n我局成立自评工作小组，对2022年度部门整体支出进行了自评，自评得分95分。\n"
               "二、部门整体支出绩效情况\n部门整体支出执行率98%。", False, "overall_report"),
        ("某区2022年度衔接资金绩效评价报告", "受某局委托，某会计师事务所开展了评价。", False, "evaluation_report"),
        # a unit's 绩效目标自评表 is its form, a project's its project's
        ("2021年部门整体绩效目标自评表", "", False, "overall_form"),
        # untitled, scored section by section: '项目立项(2分)：…某某项目…自评得2分'
        (None, "一、投入(14分)\n（1）项目立项(2分)：我县学前教育项目按程序编报，程序完整。自评得2分。", False, "project_report"),
        # untitled: a 基础数据表's rows at the top are the unit's form
        (None, "财政供养人员情况(人) | 编制数 | 实际在职人数 |\n15 | 15 |\n经费控制情况(万元) | 2023年决算数 |", False, "overall_form"),
        # final accounts
        (f"{UNIT}2022年度部门决算", "", False, "final_accounts"),
        # a 决算 title over a self-evaluation form and nothing of the accounts: the form; near
        # miss: the accounts' own parts come first (the form is an attachment of the disclosure)
        (f"{UNIT}2024年度决算公开报告", f"{UNIT}2024年度决算公开报告\n|\n项目支出绩效自评表 (2024年度) |\n项目名称 | 某某项目 |",
         False, "project_form"),
        (f"{UNIT}2023年决算编制说明", f"{UNIT}2023年决算编制说明\n附件一\n2023年度部门整体支出绩效评价基础数据表\n编制数 | 46",
         False, "overall_form"),
        (f"{UNIT}2024年度决算公开报告", f"{UNIT}2024年度决算公开报告\n目录\n第一部分 部门概况\n附件：项目支出绩效自评表",
         False, "final_accounts"),
        # near miss: 决算 followed by 自评 is a self-evaluation of the year
        (f"{UNIT}2022年度决算绩效自评报告", "", False, "overall_report"),
        # forms
        (f"{UNIT}2022年度项目支出绩效自评表", "", False, "project_form"),
        (f"{UNIT}2022年度部门整体支出绩效自评表", "", False, "overall_form"),
        # a scoring sheet: 计分表 / 打分表 are forms too; near miss: a sheet not of a project
        ("2020年项目支出绩效自评指标计分表", "", False, "project_form"),
        ("2020年部门整体支出绩效打分表", "", False, "overall_form"),
        # a form titled as a 情况表 of the self-evaluation; near miss: a 情况说明 of it is a report
        (f"{UNIT}部门整体支出绩效自评情况表", "人员编制 | 37 | 实有人数 | 36", False, "overall_form"),
        (f"{UNIT}部门整体支出绩效自评情况报告", "一、部门基本情况\n人员编制37人，实有人数36人。", False, "overall_report"),
        ("2020年运动会计分表", "", False, "other"),
        # evaluation by a third party vs by the unit itself
        (f"{UNIT}2022年度部门整体支出绩效评价报告", "受某某县财政局委托，某某会计师事务所对该局开展评价", False,
         "evaluation_report"),
        (f"{UNIT}2022年度部门整体支出绩效评价报告", "本单位组织开展评价", False, "overall_report"),
        # project report
        (f"{UNIT}2022年度某某补助资金项目绩效自评报告", "", False, "project_report"),
        # budget
        (f"{UNIT}2022年部门预算", "", False, "budget"),
        # near miss: 预算 with 绩效 is no budget disclosure
        (f"{UNIT}2022年部门预算绩效", "", False, "other"),
        # a shared file's name as title
        ("2022年度部门整体支出绩效自评报告.docx", "", False, "overall_report"),
        (f"{UNIT}2022年度部门整体支出绩效自评报告(3).docx", "", False, "overall_report"),
        # no title: forms, then the first headings
        (None, "某某资料\n", True, "project_form"),
        (None, "某某资料\n", False, "other"),
        (None, f"{UNIT}\n一、部门基本情况\n", False, "overall_report"),
        (None, f"{UNIT}\n（一）项目基本情况\n", False, "project_report"),
        # a transfer payment's self-evaluation, by its first heading or by the project it names
        (None, "一、转移支付基本情况\n下达某某补助资金120万元", False, "project_report"),
        (None, "根据有关要求，对2023年某某补助经费项目实施情况开展了自评，现报告如下：\n一、基本情况\n", False, "project_report"),
        # near miss: a unit evaluating its whole spending names no project
        (None, "根据有关要求，对2023年部门整体支出开展了自评，现报告如下：\n一、部门基本情况\n", False, "overall_report"),
        # no title, an explanations page
        (None, "说明\n本年决算数为100万元，上年决算数为90万元", False, "final_accounts"),
        (None, "说明\n本年预算数为100万元，比上年预算同比增加", False, "budget"),
        # a page from inside a budget's explanation (its heading past the opening), set against last year's
        # in other words ('较上年减少'); near miss: the same page set against nothing
        (None, "某某局机关内设5个科室，分别为办公室、法规科、市场科、服务科、财务科。\n2、人员设置情况\n2022年末实有在职20人。\n"
               "三、部门预算收支增减变化说明\n本单位2023年预算共安排资金120万元，较上年减少8万元。", False, "budget"),
        (None, "某某局机关内设5个科室，分别为办公室、法规科、市场科、服务科、财务科。\n2、人员设置情况\n2022年末实有在职20人。\n"
               "三、部门预算收支说明\n本单位2023年预算共安排资金120万元。", False, "other"),
        # the year's spending set against its 年初预算 is an account of the year
        (None, "一、“三公”经费支出情况\n三公经费支出2.5万元，年初预算为3万元，差值为0.5万元", False, "final_accounts"),
        # near miss: one 决算 is not enough
        (None, "说明\n本年决算数为100万元", False, "other"),
        # a page of a budget: 预算 three times, no 决算, no result
        (None, "基本支出预算120万元\n项目支出预算30万元\n其中：工资福利支出预算80万元", False, "budget"),
        # near misses: a project's execution against its 预算, a notice on drawing up the
        # budget (no amount); a budget's target form is the budget's
        (None, "做好预算编制工作\n根据预算法\n编制2025年本级预算", False, "other"),
        (None, "部门预算项目支出绩效目标表\n预算申报数20万元\n预算安排20万元", False, "budget"),
        (None, "年初预算120万元\n调整预算130万元\n预算执行率98%", False, "other"),
        # no title, an indicator table with results: a project's self-evaluation
        (None, "一级指标 | 二级指标 | 指标名称 | 目标值 | 完成值 |\n产出指标 | 数量 | 培训人数 | 500人 | 480人 |", False, "project_form"),
        # near miss: targets alone are a target form, not a result: the budget's (docs/layouts.md)
        (None, "一级指标 | 二级指标 | 指标名称 | 目标值 |\n产出指标 | 数量 | 培训人数 | 500人 |", False, "budget"),
        # no title: an evaluator saying whom it evaluated ('我们对某某中心…进行了绩效评价'), a rule its
        # long first paragraph cites (事前绩效评估) being no title; near miss: a unit's own 自评
        (None, "为支持做好动物防疫工作，2021年度共下达我县某某专项补助经费72.5万元。为切实加强资金管理、提高财政资金使用效益，按照《某县预算项目政策事前绩效评估管理办法》"
         "的要求，我们对某县某某中心某某专项经费进行了绩效评价，现将评价结果报告如下：\n一、项目绩效评价工作情况", False,
         "evaluation_report"),
        (None, "为支持做好动物防疫工作，2021年度共下达我县某某专项补助经费72.5万元。我中心对某某专项经费开展了绩效自评，现将"
         "自评情况报告如下：\n一、项目基本情况", False, "project_report"),
        # a government's own results of its key evaluations of many units' projects; near miss: one
        # unit's evaluation
        (None, "根据有关要求，现将某某州州本级2024年度绩效重点评价结果予以公开，接受社会监督。\n（一）评价项目情况", False, "other"),
        (None, "受某某州财政局委托，我们对某某州某某局2024年度某某项目进行了绩效评价，现将评价结果报告如下：\n一、项目概况", False,
         "evaluation_report"),
        # a spreadsheet's sheet name first, then its target form's own words
        (None, "Overview\n部门整体支出绩效目标表\n| 一级指标 | 二级指标 | 三级指标 | 计算符号 | 目标值 |", False, "budget"),
        # a 自评总报告 of a unit's projects; a department's report on its projects' self-evaluation
        (f"{UNIT}关于2023年度项目绩效自评工作的报告", "", False, "project_report"),
        # a fund's use reported in prose; near miss: a form titled so is a form
        (f"{UNIT}关于“2021年中央财政某某补助资金”管理使用情况", "", False, "project_report"),
        ("2023年某某村特色种植补贴项目资金使用情况", "", True, "project_form"),
        (None, "2022年度项目支出绩效自评总报告为做好评价工作", False, "project_report"),
        # a whole government's budget or accounts are near the genre, not of it
        ("某某区2021年度政府决算公开目录", "", False, "other"),
        (None, "一、财政收支完成情况\n2023年，全县大口径财政收入累计完成9000万元", False, "other"),
        ("2019年度某某县“三公”经费支出决算情况", "经县财政局汇总，各乡（镇）、县本级部门", False, "other"),
        (None, "经某某州财政局汇总，2022年州本级部门“三公”经费支出总额为800万元", False, "other"),
        (None, "根据批准的某某市本级2024年预算，2024年市本级各部门“三公”经费预算安排如下", False, "other"),
        # the template's title over one unit's target form is that unit's budget target, not every unit's
        ("市本级部门2021年项目支出预算绩效目标表", "项目名称\n社区养老服务补助\n实施单位\n某市民政局\n年度资金总额\n12",
         True, "budget"),
        ("某某区预算绩效工作开展情况说明", "", False, "other"),  # a finance bureau's account of its work
        # … untitled, under a budget column's breadcrumbs, saying so in its opening; near miss: a unit's own report
        (None, "首页 > 预算/决算 > 部门预算\n部门预算\n某某区本级预算绩效管理工作开展情况的汇报\n"
               "为落实全面实施预算绩效管理的意见，现将我区2020年预算绩效管理工作开展情况汇报如下。\n一、开展情况", False, "other"),
        (f"{UNIT}2020年度部门整体支出绩效自评报告", "现将我局2020年度部门整体支出绩效自评情况报告如下。\n一、部门概况",
         False, "overall_report"),
        # … nor a unit's, in its own voice, of its performance-management work
        (f"{UNIT}2022年度部门整体支出绩效自评报告", "根据县财政局通知要求，\n现将我局2022年度预算绩效管理工作开展情况报告如下：\n"
         "一、部门基本情况\n二、部门整体支出绩效自评情况\n自评得分93分。", False, "overall_report"),
        # a county government's report on its accounts; a page opening on a county and a year
        ("衡阳县人民政府关于2021年决算情况的报告", "一、全县收支决算情况", False, "other"),
        (None, "网站首页\n衡阳县2021年“三公”经费预算财政拨款情况统计表\n合计 | 400", False, "other"),
        # …its place written from the top ('重庆市永川区2024年决算报告', under the page's metadata); near miss:
        # a unit after the places
        (None, "| 发布机构: | 永川区财政局 |\n重庆市永川区2024年决算报告\n一、全区收支决算情况", False, "other"),
        (None, "| 发布机构: | 永川区财政局 |\n重庆市永川区财政局2024年部门决算\n一、收入支出决算总体情况", False, "final_accounts"),
        # no title, a unit's report citing a rule on projects ('根据《…项目支出绩效评价管理办法》…'): the unit's own;
        # near miss: the same opening over a project's account
        (None, "根据省财政厅《关于印发<某省财政项目支出绩效评价管理办法>的通知》要求，我厅开展了2022年度部门预算绩效自评工作，"
               "自评得97.5分。\n一、部门概况\n（一）部门基本情况", False, "overall_report"),
        (None, "根据县财政局要求，我局开展了项目支出绩效自评。\n一、项目基本情况\n（一）项目概况", False, "project_report"),
        # a government's report to its congress, read out to the deputies
        (None, "各位代表、同志们：\n我受某某镇人民政府委托向大会作2021年度镇财政决算的报告，请予审议。\n一、2021年度镇财政决算情况",
         False, "other"),
        # near miss: a congress's own office or a union describing its work ('向大会作工作报告') is a unit
        ("某某县人大常委会办公室2023年度部门决算", "主要职能：协助常委会向大会作工作报告。\n一、收入支出决算总体情况",
         False, "final_accounts"),
        # …or on a year, then the region at its own level; near miss: a unit after the year is a unit's own
        (None, "发布机构：某区人民政府\n2022年度衡阳县县级“三公”经费决算情况说明\n全县县级“三公”经费决算数为900万元", False, "other"),
        (None, "2022年度衡阳县财政局“三公”经费决算情况说明\n“三公”经费决算数为9万元", False, "final_accounts"),
        (None, "2022年衡阳县县本级一般公共预算“三公”经费决算情况说明\n全县决算数为900万元", False, "other"),
        # near misses: a town's opening is a unit's own; so is a township government's report
        (None, "某某镇2021年“三公”经费决算数共计35.5万元，比上年决算数下降3%", False, "final_accounts"),
        ("某某镇人民政府关于2021年决算情况的报告", "", False, "final_accounts"),
        # near misses: a township government's own accounts, one unit's 三公 final accounts
        ("2023年某某乡人民政府决算编制说明", "", False, "final_accounts"),
        ("2025年某某区某某镇政府预算公开说明", "目录:\n一、单位主要职责\n二、机构设置情况", False, "budget"),
        ("2019年度某某县财政局“三公”经费支出决算情况", "本局2019年“三公”经费支出决算", False, "final_accounts"),
        # no title: a disclosure's list of tables
        (None, "目录\n第一部分 部门概况\n第二部分 2023年度部门决算表\n一、收入支出决算总表", False, "final_accounts"),
        (None, "目录\n第一部分 部门概况\n第二部分 2023年部门预算表\n一、部门收支总表", False, "budget"),
        # no title: a note on evaluations a third party made
        (None, "区财政分局选取13个项目，委托第三方开展再评价，形成评价结果", False, "evaluation_report"),
        (None, "某某厅：\n我厅委托第三方机构开展2018年度省级专项资金绩效评价，现将有关情况报送如下", False, "evaluation_report"),
        # no title: a budget's heading for its 三公 money; near miss: accounts set against it
        (None, "一、“三公”经费安排情况\n2022年本部门财政拨款安排“三公”经费50万元", False, "budget"),
        (None, "一、“三公”经费安排情况\n2022年“三公”经费决算40万元，比预算安排减少10万元，决算数下降", False, "final_accounts"),
        # the unit's whole spending and its projects in one report is the unit's; a budget that
        # explains its performance targets too is a budget (near miss above: 部门预算绩效 alone)
        (f"{UNIT}2024年度部门整体和项目支出绩效自评报告", "", False, "overall_report"),
        ("某某镇人民政府2022年部门预算和预算绩效编制说明", "", False, "budget"),
        # an evaluation by an intermediary: its ticked box
        ("某某县财政支出政策绩效评价报告", "评价机构：中介机构☑ 部门评价组□", False, "evaluation_report"),
        # near miss: the intermediary's box not ticked
        ("某某县财政支出政策绩效评价报告", "评价机构：中介机构□ 部门评价组☑", False, "overall_report"),
        # the evaluator named after a page's breadcrumbs and metadata (past the first 400 characters)
        ("某某项目支出绩效评价报告", "首页 > 政务公开 > 财政 " * 30 + "评价机构：第三方机构☑", False, "evaluation_report"),
        # near miss: a report whose first heading calls its result 自评 (its duties may say 受…委托)
        (f"{UNIT}2020年度机关整体支出绩效评价报告", "一、自评得分情况\n" + "职责" * 100 + "受县人民政府委托", False,
         "overall_report"),
        # a finance bureau's result notice on an evaluation by an accounting firm (会计事务所)
        (None, "某财绩评〔2022〕1号\n某某局：\n我局委托某某会计事务所对某某项目开展绩效评价，形成本绩效评价结果", False,
         "evaluation_report"),
        # a project's 自评结果 under a title broken over two lines
        (f"{UNIT}2020年度公路养护类项目自评结果", "", False, "project_report"),
        # a unit's report on its year's projects, without 自评 or 评价 in the title
        (f"{UNIT}2016年度项目绩效报告", "一、项目概况", False, "project_report"),
        # no title, a form of the unit's whole spending over its results table; near miss: a project's
        (None, "单位名称：某某镇政府\n部门整体支出总额 | 864 |\n一级指标 | 二级指标 | 三级指标 | 实际完成值 |", False,
         "overall_form"),
        (None, "单位名称：某某镇政府\n项目资金 | 864 |\n一级指标 | 二级指标 | 三级指标 | 实际完成值 |", False,
         "project_form"),
        # near miss: a unit's own report whose spending pays for a third party's service
        ("某市财政局2023年度整体支出绩效评价报告", "项目支出主要包括：国有资产清查工作经费217.37万元、预算绩效评价第三方服务经费147.18万元。",
         False, "overall_report"),
        # a page titled as a target form whose body is the self-evaluation form with its results;
        # near miss (above): a target form is the budget's
        ("某某县科学技术局2022年项目支出绩效目标表", "项目支出绩效自评表\n项目名称 某某经费\n年初预算数 全年预算数 全年执行数",
         True, "project_form"),
        # a finance body's report on its evaluation of another's money, in the title or the first
        # lines; near miss: a finance bureau's own 自评
        ("某某县财政局关于某某道路养护项目绩效评价报告", "", False, "evaluation_report"),
        ("某省林业厅2016年某某补助资金绩效评价报告", "财政部驻某省财政监察专员办事处关于某省林业厅2016年某某补助资金绩效评价的报告",
         False, "evaluation_report"),
        ("某某县财政局关于2022年度部门整体支出绩效自评报告", "", False, "overall_report"),
        # a fund's evaluation form is a project's; near miss: the whole unit's
        ("某某县林业局2024年度林业草原改革发展资金绩效评价表", "", False, "project_form"),
        ("某某县林业局2024年度部门整体支出绩效评价表", "", False, "overall_form"),
        # an expense's or a subsidy's evaluation is a project's; a finance department's key
        # evaluation is an evaluation (near miss: a unit's own 绩效评价报告 stays the unit's)
        ("某某镇2021年度村管费支出绩效评价报告", "", False, "project_report"),
        ("2023年高龄补贴事后绩效评价报告", "", False, "project_report"),
        ("某某区2023年高标准农田建设项目重点绩效评价报告摘要", "", False, "evaluation_report"),
        ("某某局2021年度部门绩效评价报告", "", False, "overall_report"),
        # no title: a report opening on the unit's whole performance; a budget's list of 预算报表
        (None, "一、自评结论\n（一）部门整体绩效自评得分\n民政部门部门整体绩效自评得分96分。", False, "overall_report"),
        (None, "目录\n第二部分：2023年单位预算情况说明\n第四部分：2023年单位预算报表\n一、财政拨款收支总表", False, "budget"),
        # a transfer payment's self-evaluation with a long name between 转移支付 and 自评
        ("某县教育局关于2021年中央对地方转移支付城乡义务教育补助经费预算执行情况绩效自评报告", "", False, "project_report"),
        # a county's whole budget report, listing its tables
        (None, "目录\n第一部分 报告\n第二部分 预算表格\n一、2022年全县一般公共预算收支执行情况表", False, "other"),
        # no title: a county's own revenue is its government's accounts; near miss: a unit's
        (None, "一、转移支付执行情况\n2021年度我县一般公共预算上级补助收入11966万元，其中：返还性收入275万元", False, "other"),
        (None, "一、收入情况\n2021年度我局一般公共预算财政拨款收入119万元，上年结转10万元，比上年决算数减少5万元，决算支出109万元", False,
         "final_accounts"),
        # no title: a budget's list of tables, though it lists its 绩效目标表 too; a page inside a
        # budget's explanations that counts the projects with 绩效目标
        (None, "目录\n第二部分 2024年部门预算表\n一、《收支预算总表》\n十、《部门整体支出绩效目标表》\n第一部分 部门概况",
         False, "budget"),
        (None, "九、政府性基金预算支出情况说明\n某镇2023年没有使用政府性基金预算拨款安排的支出。\n"
         "2023年开展绩效目标管理的项目7个，涉及预算489.65万元。", False, "budget"),
        # a unit's table of its projects' self-evaluation results is its own account of the year;
        # near miss: a project's results are its project's
        ("部门绩效自评结果公开汇总表", "序号 项目名称 项目实施单位 预算数 执行数 自评得分", False, "overall_report"),
        ("某某补助资金项目自评结果公开", "", False, "project_report"),
        # news of a notice; a firm's monitoring of a unit's year, on the finance bureau's behalf
        (None, "财政部近日发布通知，启动中央部门项目支出绩效自评工作。", False, "other"),
        ("某县某局2022年部门整体绩效运行监控分析报告", "受托分析中介机构：某某会计师公司\n我们接受委托，对某局…进行分析。",
         False, "evaluation_report"),
        # no title: a sharing site's chrome, then the document named in its run-together text with
        # its result; near miss: a page that names the genre without any result
        (None, "某某馆2020年度_第1页\n全文预览已结束\n文档简介\n1、 某某馆2020年度 项目绩效自评报告自评得分100分绩效目标完成情况",
         False, "project_report"),
        (None, "根据市财政局统一安排，为进一步做好预算绩效管理工作，提高财政资金使用效益，请各单位认真对照年初目标，于6月底前报送项目绩效自评报告，"
         "逾期不报的予以通报。", False, "other"),
        # near miss: a 决算's page on its projects' results names no report of its own
        (None, "—23—\n7.满意度指标：参保人员对医保服务满意度达到99.99%。\n（二）项目支出绩效自评结果。\n"
         "1.项目绩效自评总体情况：我部门及所属二层单位2024年度项目21个，项目支出总额656.93万元。", False, "other"),
        # a district's own 三公 total, its title opening on 关于; near miss: a unit's
        ("关于汉阳区2013年“三公”经费决算支出情况说明", "此次公开的我区2013年“三公”经费为决算支出汇总数", False, "other"),
        ("关于汉阳区民政局2013年“三公”经费决算支出情况说明", "", False, "final_accounts"),
        # a fund's self-evaluation titled as an account of it; near miss: a notice asking for it
        # no title: a region's self-evaluation of a fund, said in its opening sentence; near miss:
        # a finance bureau's review of every unit's projects and their targets
        (None, "根据有关文件要求，某某自治区对2023年度中央某某补助资金预算执行情况进行了绩效自评，现将自评情况报告如下：",
         False, "project_report"),
        (None, "按照预算绩效管理要求，推进预算和绩效管理融合，市财政局加强绩效目标审核，共审核通过市直各单位预算项目1200个，涉及财政资金40亿元。"
         "现对重点项目的绩效目标予以公开，涉及财政资金3000万元：\n1.某某人才补贴 1200万元；\n2.某某配套经费 900万元；\n"
         "3.某某发展专项资金 900万元。", False, "other"),
        # a project's evaluation indicator table is a project's form
        ("2019年度某县某某助学金项目绩效评价指标表", "评价指标 指标名称 目标值 分值", False, "project_form"),
        ("某县2023年度中央某某补助专项资金绩效自评情况", "一、基本情况", False, "project_report"),
        ("关于报送某某专项资金绩效自评情况的通知", "", False, "other"),
        # a notice passing another on to the units under it, addressed to them
        (None, "某农通〔2021〕6号\n各县（市、区）农业局：\n现将市财政局《关于开展2020年度项目绩效自评工作的通知》转发给你们，"
         "请抓紧开展自评，认真撰写自评报告。", False, "other"),
        # the site's column on the first line ('文旅动态') is no title of a news item; near miss:
        # a first line that is one
        ("某市文化和旅游局2023年某某专项资金项目支出绩效自评报告", "文旅动态\n某市文化和旅游局2023年某某专项资金项目支出绩效自评报告\n正文",
         False, "project_report"),
        (None, "某县财政局召开项目绩效自评工作推进会议\n会议要求各单位按时报送自评报告。", False, "other"),
        # no title: a province's template for a project's self-evaluation opens on its projects'
        # targets; near miss: the unit's own opening
        (None, "一、本部门项目绩效目标情况\n保障某乡2022年正常运转。\n二、单位自评工作开展情况", False, "project_report"),
        (None, "一、部门基本情况\n保障某乡2022年正常运转。\n二、部门整体支出绩效情况", False, "overall_report"),
        # no title: a page's heading run into a text on one fund's self-evaluation; near miss: on
        # the unit's whole spending as well
        (None, "部门评价报告根据县财政局要求，我办积极组织人员对2021年度工作经费的绩效情况进行检查，现将我办专项工作经费绩效自评情况报告如下：一、项目基本情况", False, "project_report"),
        (None, "部门评价报告根据县财政局要求，我办积极组织人员对2021年度工作经费的绩效情况进行检查，现将我办部门整体支出及专项工作经费绩效自评情况报告如下：一、部门基本情况",
         False, "overall_report"),
        # a town's report on its whole budget (全镇本级…收入) is a government's; near miss: the town
        # government's own accounts as a unit
        ("某某区某某镇人民政府2022年决算报告", "一、预算收支决算情况\n全镇本级一般公共预算收入实现111.5万元", False, "other"),
        ("某某区某某镇人民政府2022年决算报告", "一、收入支出决算总体情况\n本单位2022年收入合计1867.5万元", False, "final_accounts"),
        # a region's whole spending on a function ('全区地方教育经费执行情况') is a government's
        (None, "为加强教育经费统计，现将2022年全区地方教育经费执行情况公告如下：\n一、全区地方教育经费情况", False, "other"),
        # a special bond's self-evaluation is a project's; a project's 自评结果 titled on two lines
        ("关于抗疫特别国债执行情况绩效自评报告", "一、绩效目标分解下达情况", False, "project_report"),
        ("市公路局2020年度公路养护类项目自评结果", "一、自评结论", False, "project_report"),
        # no title, the template's section on the money first: a project's report; near miss: a
        # unit's report analysing its 资金使用 stays the unit's
        (None, "一、绩效目标完成情况分析\n(一)资金投入情况分析。\n本项目2020年下达资金230万元，均已支付到位。", False,
         "project_report"),
        (None, "一、部门整体支出情况\n(一)资金使用情况分析。\n本部门2020年支出230万元。", False, "overall_report"),
        # no title, a numbered heading first ('一、项目基本情况') over a report with its project's form
        # attached: the report (a heading is no title)
        (None, "一、项目基本情况\n（一）绩效目标情况\n建设8个村级服务站，并确保正常运行。\n（二）资金安排情况\n财政年初预算40万元，"
         "年初下达资金指标40万元。\n二、绩效目标完成情况分析\n附件：某某建设项目绩效目标自评表", True, "project_report"),
        # no title: a budget's explanation by its sections (收入预算, 支出预算), though it names the
        # last year's accounts; near miss: a self-evaluation's own sections
        (None, "某某镇人民政府（本级）\n2025年情况说明\n一、单位基本情况\n（一）职能职责。\n纳入本部门2024年度决算编制的单位为本级。\n二、单位收支总体情况\n"
         "（一）收入预算：2025年收入合计281.5万元。\n（二）支出预算：2025年支出合计281.5万元。", False, "budget"),
        (None, "某某镇人民政府（本级）\n2025年情况说明\n一、单位基本情况\n（一）职能职责。\n二、单位收支总体情况\n（一）收入预算：2025年收入合计281.5万元。\n"
         "三、绩效自评情况\n自评得分95分。", False, "overall_report"),
        # no title: an accounts table of income and spending (收支决算总表) near the top
        (None, "来源:卫计局 日期:2018-01-16 08:23 附表 收支决算总表(按功能分类) 编制单位:某某医院 金额单位:元 项目 "
         "上年结转和结余 本年收入 本年支出 收支结余 用事业基金弥补收支差额 结余分配 年末结转和结余 支出功能分类科目编码", False,
         "final_accounts"),
        # no title: the unit's own self-evaluation says how it went about it
        (None, "2023年以来，某某开发区综合执法中心围绕管委会中心工作，加强城市精细化管理，推动城市品质持续提升。2023年预算安排"
         "100万元，决算支出90万元。\n二、部门自评工作开展情况\n根据财政局通知，成立自评小组。决算数与预算数", False, "overall_report"),
        # no title: a unit says it carried out its own (部门) self-evaluation
        (None, "根据上级要求，某某区城市管理局（以下简称“区城管局”）组织开展了2024年度部门绩效自评工作。现将自评工作情况总结如下：",
         False, "overall_report"),
        # a whole city's revenue and spending (全市财政总收入) is a government's
        (None, "2024年全市财政总收入536.7亿元，其中：一般公共预算收入140.6亿元。全市财政总支出536.7亿元。", False, "other"),
        # no title: a site's category naming both 预算/决算 tells neither; the page's own words do
        (None, "预算/决算>区政府工作机构预决算>区某某局\n体裁分类：财政预算、决算\n表一\n财政拨款收支总表\n收入 预算数 "
         "一般公共预算资金 300.00万元 政府性基金预算资金 52.00万元", False, "budget"),
        # a unit that is a news outlet published its own report: its name as the page's source is
        # no sign of a news item; near miss: a newspaper as the source
        ("某县融媒体中心2019年度某某转移支付绩效自评报告", "发布时间:2020-04-14 信息来源:某县融媒体中心 文字大小\n"
         "一、绩效目标分解下达情况\n2019年下达某某专项资金120万元。", False, "project_report"),
        ("某县融媒体中心2019年度某某转移支付绩效自评报告", "发布时间:2020-04-14 信息来源:某某日报 文字大小\n"
         "一、绩效目标分解下达情况\n2019年下达某某专项资金120万元。", False, "other"),
        # no title, a disclosure's parts ('第一部分：部门概况' is no title): its part on the year's budget
        # or accounts says which; near miss: a self-evaluation's parts
        (None, "第一部分:部门概况\n一、主要职能\n某某区人民代表大会是本区地方国家权力机关。\n二、机构设置\n"
         "第二部分:2017年部门预算及“三公”经费预算说明\n一、2017年部门收支预算总体情况", False, "budget"),
        (None, "第一部分:部门概况\n一、主要职能\n某某区统计局负责本区统计工作。\n第二部分 2021年度部门决算情况说明\n"
         "一、收入支出决算总体情况", False, "final_accounts"),
        (None, "第一部分:部门概况\n一、主要职能\n某某区统计局负责本区统计工作。\n第二部分 部门整体支出绩效自评情况\n"
         "一、自评得分95分", False, "overall_report"),
        # …its part naming the unit before the budget ('第二部分某某局部门预算安排情况说明')
        # (past the first lines, where a self-evaluation's '二、单位基本情况' is the report's)
        (None, "第一部分某某区机关事务管理局概况\n一、主要职能\n" + "负责机关办公区的后勤保障、公务用车和节能管理工作。" * 12
         + "\n二、单位基本情况\n现有人员编制15人。\n第二部分某某区机关事务管理局部门预算安排情况说明\n一、部门收支预算总体情况",
         False, "budget"),
        # near miss: a self-evaluation's part, a budget's subsection below it
        (None, "第一部分 某某中心基本情况\n一、主要职能\n负责全区某某工作。\n第二部分 部门整体支出绩效自评情况\n"
               "（一）2022年度预算安排及执行情况说明\n年初预算100万元，全年支出96万元，自评得分90分。", False, "overall_report"),
        # no title: a finance bureau's account of its performance-management work is about the genre;
        # near miss: a unit's account of its own spending
        (None, "来源:区财政局\n2023年我区认真贯彻落实预算绩效管理部署，现将有关情况报告如下:\n一、2023年预算绩效管理工作开展情况\n"
         "2023年，我区不断提高财政资金使用效益。", False, "other"),
        (None, "来源:区财政局\n现将有关情况报告如下:\n一、部门整体支出情况\n本部门2023年支出230万元。", False, "overall_report"),
        # a form nobody filled in ('( 年度)', its 项目名称 run into the next label) is a template
        ("2016财政支出项目绩效目标申报表.doc", "某县财政支出项目绩效目标申报表 ( 年度) 填报单位(盖章) 项目名称 项目属性 新增项目 □",
         False, "other"),
        ("2016财政支出项目绩效目标申报表.doc", "某县财政支出项目绩效目标申报表 (2016年度) 填报单位(盖章) 项目名称 某某道路养护 "
         "项目属性 新增项目 ☑", False, "budget"),
        # no title: a 部门收支总表 under 预算数 headers is a budget's; near miss: under 决算数, accounts
        (None, "| 表一:2021年部门收支总表 | |\n| 单位:万元 | |\n| 项目 | 预算数 | 项目 | 预算数 |\n| 一、财政拨款收入 | 289.10 |",
         False, "budget"),
        (None, "| 表一:2021年部门收支总表 | |\n| 单位:万元 | |\n| 项目 | 决算数 | 项目 | 决算数 |\n| 一、财政拨款收入 | 289.10 |",
         False, "final_accounts"),
        # a project's evaluation the finance bureau's site published (发布机构), its title naming a
        # place and a project, no unit: the bureau's; near miss: a unit's report it carries
        ("某市某区乡村振兴及全域旅游项目绩效评价报告", "发布机构 | 某区财政局 | 有效性 | |\n（二）绩效评价主要依据", False,
         "evaluation_report"),
        ("某市某区农业农村委员会乡村振兴项目绩效评价报告", "发布机构 | 某区财政局 | 有效性 | |\n（二）绩效评价主要依据", False,
         "project_report"),
        # no title: a fund's use announced ('现将…项目资金情况公告如下') is the fund's report
        (None, "按照省财政厅有关要求，现将2023年度中央专项彩票公益金支持地方公益事业发展项目资金情况公告如下:\n一、资金规模\n"
         "共计300万元。", False, "project_report"),
        # a target form whatever its form's name (审批表), and a budget's account of its projects'
        # targets; a 下达 notice cited as the project's approval is no notice; near miss: a notice
        # handing the money down with its target form attached
        ("2023年某乡加工园配套设施建设项目支出绩效目标审批表", "项目审批 某某委员会《关于下达2023年度某某资金项目计划的通知》",
         False, "budget"),
        ("2023年某乡加工园配套设施建设项目支出绩效目标审批表", "某某委员会关于下达2023年度某某资金项目计划的通知 各乡镇：", False,
         "other"),
        ("2022年度重点项目及绩效目标情况", "1、“水源地保护”项目\n（1）项目概述：保护区总面积142平方千米。", False, "budget"),
        # a whole government's budget and accounts named together (政府预决算) on the first line, no title
        (None, "某区2022年政府预决算相关重要事项说明\n一、某区支出决算说明\n2022年度一般公共预算支出数为242259万元", False,
         "other"),
        # a finance bureau's spot-check of the units' self-evaluations, and a re-evaluation (再评价) whose
        # contents list the unit's own 自评情况, are evaluations; near miss: the unit's self-evaluation
        ("2019某县扶贫项目绩效自评抽查报告", "县扶贫开发工作领导小组:\n县财政局对行业部门绩效进行抽查，现将抽查结果报告如下:",
         False, "evaluation_report"),
        ("某乡人民政府2023年某某产业项目绩效再评价报告", "一、基本情况\n二、绩效自评情况\n三、绩效再评价组织情况", False,
         "evaluation_report"),
        ("某乡人民政府2023年某某产业项目绩效自评报告", "一、基本情况\n二、绩效自评情况", False, "project_report"),
        # no title: a district's own fund evaluated, reported to its units; near miss: a notice to them
        (None, "各相关单位:\n根据有关要求，对我区2021年衔接项目资金的执行情况及效果进行了评价，现将结果报告如下:", False,
         "project_report"),
        (None, "各相关单位:\n为做好我区2021年衔接项目资金评价工作，现将有关事项通知如下:", False, "other"),
        # titled a report, laid out as the unit's form (单位名称 | … | 年度预算金额); near miss: a prose report
        ("某县某局部门整体支出绩效评价报告", "部门概况 |\n单位名称 |\n某县某局 |\n年度预算金额 |\n1200万元 |", False, "overall_form"),
        ("某县某局部门整体支出绩效评价报告", "一、部门概况\n某县某局2023年度预算金额1200万元。", False, "overall_report"),
        # no title, an evaluation's contents: its work, then its conclusion; a unit's own project report's says 自评
        (None, "目 录\n一、基本情况 (一)项目概况 二、绩效评价工作开展情况 三、绩效评价结论 四、存在的问题", False,
         "evaluation_report"),
        (None, "目 录\n一、基本情况 (一)项目概况 二、绩效自评工作开展情况 三、自评结论 四、存在的问题", False,
         "project_report"),
        # no title, a 决算's explanation opening on the unit (部门基本情况) and stating its scope
        (None, "一、部门基本情况\n(一)职能职责\n(三)单位构成\n纳入本部门2021年度决算编制的二级预算单位1个。", False,
         "final_accounts"),
        # no title, a project's target form (its targets, no result): the budget's, as a titled one is;
        # near miss: the same form with its results is the project's self-evaluation
        (None, "项目名称 | 某村养殖场建设项目 |\n一级指标 | 二级指标 | 三级指标 | 年度指标值 |\n产出指标 | 数量指标 | 棚圈 | 300平米 |",
         True, "budget"),
        (None, "项目名称 | 某村养殖场建设项目 |\n一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n产出指标 | 数量指标 | 棚圈 | 300平米 | 300平米 |",
         True, "project_form"),
        # an evaluation that names no evaluator near the top: its team at work ('评价组赴各县核查'), or a
        # title on a province's fund with no unit; near misses: a unit that formed its own group, the same
        # title over a unit's own words, and a fund's evaluation titled with no region (readers: the unit's)
        (None, "一、项目概况\n（一）项目背景。某市设立湿地保护奖补资金。\n（二）资金情况。评价组赴6个县区核查，已拨付资金820万元。",
         False, "evaluation_report"),
        (None, "一、项目概况\n（一）项目背景。某市设立湿地保护奖补资金。\n（二）资金情况。我局成立评价组赴6个乡镇核查。",
         False, "project_report"),
        ("2021年度江西省湿地保护奖补资金绩效评价报告", "一、项目基本情况\n（一）设立背景\n省财政向各市分配奖补资金。", False,
         "evaluation_report"),
        ("2021年度江西省湿地保护奖补资金绩效评价报告", "一、项目基本情况\n我厅按照要求对奖补资金进行了自评。", False,
         "project_report"),
        ("2021年度湿地保护奖补资金绩效评价报告", "一、项目基本情况\n（一）设立背景", False, "project_report"),
        # the province in brackets after the title, as a mirror notes it, and after a title's levels of
        # government ('中央及省级…'); a province's lifelong follow-up of a fund (跟踪问效) is an evaluation too
        ("2019年度中央及省级湿地保护奖补资金绩效评价报告(江西)", "一、项目基本情况\n（一）设立背景", False, "evaluation_report"),
        ("2020年度江西省湿地保护奖补资金全周期跟踪问效报告", "一、项目基本情况\n（一）设立背景", False, "evaluation_report"),
        # a unit's '…绩效自评报告' whose opening says it evaluated its project spending; near miss: its whole spending
        ("某某服务中心2024年绩效自评报告", "根据通知精神，我单位对2024年度项目支出资金使用情况进行了绩效自评。\n一、项目基本情况",
         False, "project_report"),
        ("某某服务中心2024年绩效自评报告", "根据通知精神，我单位对2024年度部门整体支出情况进行了绩效自评。\n一、部门基本情况",
         False, "overall_report"),
        # an evaluation report whose cover names the unit itself as its evaluator; near miss: a firm
        ("宜昌市市级财政项目支出绩效评价报告", "项目名称:某某事业费项目单位:宜昌市某某委员会主管部门:宜昌市某某委员会"
         "评价机构:宜昌市某某委员会2018年6月目录", False, "project_report"),
        ("宜昌市市级财政项目支出绩效评价报告", "项目名称:某某事业费项目单位:宜昌市某某委员会主管部门:宜昌市某某委员会"
         "评价机构:某某会计师事务所有限公司2018年6月目录", False, "evaluation_report"),
        # an office (管理处) reporting its own evaluation, citing the finance bureau's notice on how to write
        # such reports: the unit's; near miss: the bureau reporting its evaluation of the office's money
        ("某市园林管理处专项资金绩效评价报告", "根据某市财政局关于2018年度专项资金绩效评价报告编写和提报工作的通知要求，"
         "我处对2018年专项资金进行了绩效评价", False, "project_report"),
        ("某市财政局关于某市园林管理处专项资金绩效评价报告", "一、项目基本情况", False, "evaluation_report"),
        # a unit's report on its self-evaluation work ('…绩效自评工作报告'); near miss: the same over a project's heading
        ("青石镇中心幼儿园2022年度绩效自评工作报告", "一、基本情况\n青石镇中心园位于河北岸，有教职工8人。", False,
         "overall_report"),
        ("青石镇中心小学校2022年度预算绩效自评工作报告", "一、基本情况\n（一）项目概况\n2022年，我校有公用经费…", False,
         "project_report"),
        # no title (a site's bare '2021年度绩效评价' above it), opening on the project's money
        (None, "您所在的位置: 首页\n>> 绩效评估\n2021年度绩效评价\n发布日期:2022-03-01 来源:市文化馆\n"
               "项目全年预算数为320万元,执行数为318万元,完成预算的99.4%。", False, "project_report"),
        # a unit's own project evaluated by itself (a women's federation), published by the finance bureau
        ("某县妇女联合会2018年某某专项资金项目绩效评价报告", "发布机构 某县财政局\n一、项目基本情况", False, "project_report"),
        # a unit's whole-spending report titled a 总结报告 (a sharing site's file name above it)
        ("青石县水文站2023年整体绩效自评总结报告", "青石县水文站2023年整体绩效自评总结报告.docx\n一、绩效管理工作开展情况", False,
         "overall_report"),
        # no title: what a page kept of a project's form, then the report's own headings on the project
        (None, "绩效\n一级指标 | 二级指标 | 三级指标 | 指标值 | 实施进度\n产出指标 | 数量指标 | 培训次数 | 4次 | 已完成\n"
               "（三）项目自评步骤及方法\n对照绩效目标逐项评价。\n二、项目资金申报及使用情况\n", False, "project_report"),
        # no title, an evaluator's team at work on a county's fund
        (None, "我们接受委托组成评价小组，对青石县学前教育补助资金进行绩效评价。项目实施单位青石县教育局负责提供资料。\n"
               "一、项目基本情况", False, "evaluation_report"),
    ],
)
def test_document_kind(title, head, has_forms, expected):
    assert document_kind(title, head, has_forms) == expected


def test_a_project_s_self_evaluation_work_is_not_the_unit_s():
    """Near miss of '开展了…部门绩效自评工作': the same words of one project's."""
    head = "根据上级要求，某某区城市管理局组织开展了2024年度某某项目绩效自评工作。现将自评工作情况总结如下："
    assert document_kind(None, head, False) != "overall_report"
