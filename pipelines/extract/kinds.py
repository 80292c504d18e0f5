"""Which kind of document this is (CONTRACT.md's `document_kind`), from its title and first lines.

The genre names itself: a title says 自评表 or 自评报告, 决算 or 预算, and a third-party
evaluation says who evaluated (受…委托, 第三方, 会计师事务所). A page that only speaks about
the genre — a notice, a method, a template, a news item — says so in its title (通知, 办法,
模板, 解读 …) and is `other`.
"""

from __future__ import annotations

import re

from pipelines.normalize.numbers import AMOUNT_IN_TEXT
from pipelines.normalize.regions import is_division_name
from pipelines.normalize.text import NUMBERING, YEAR, squash, without_file_suffix

# a page about the genre rather than a document of it: its title ends as a notice or a rule
# does, or it offers a template
_NOT_A_REPORT_TITLE = re.compile(
    r"(?:通知|通报|办法|规定|细则|指引|指南|解读|问答|方案|意见|规划|制度|要点|会议|培训|简报|动态|的函|批复)$|"
    # news of an event: '某局对某区衔接资金开展审查和绩效评价', '某委开展某某专项转移支付绩效目标自评工作'
    # (not a report's own account of it: '我厅开展了…自评工作')
    r"开展(?!了)\S{0,20}?(?:绩效评价|(?:绩效)?(?:目标)?自评|审查|督查|检查)(?:工作)?$|"
    r"开展\S{0,20}?(?:决算|预算|预决算)(?:信息)?公开(?:工作)?$|"  # news of it: '扎实开展2021年度部门决算公开工作'
    r"模板|范本|范例|样例|样表|填写说明|填报说明|编写说明|参考格式|"
    r"预算绩效(?:管理)?工作|"  # a finance bureau's account of its evaluation work
    r"财政重点(?:绩效)?评价结果(?:公开|公示)$|"  # a finance bureau's page announcing the reports it attaches
    r"(?:运行|执行)?监控(?:情况)?(?:的)?报告$|(?:运行|执行)?监控情况$"  # a unit's mid-year monitoring of its targets
)
# a page about the genre that its body shows for one, title or none: a notice to many units
# ('各有关单位：…通知如下'), a news item ('近日，某局印发了…', '记者昨悉'), a page announcing the
# reports it attaches ('现将评价报告予以公开 … 附件1：某某项目绩效评价报告.pdf')
_ABOUT_THE_GENRE = re.compile(
    r"^各(?:有关|相关)?(?:单位|部门|科室|学院|乡镇)\S{0,20}?[:：].{0,400}?(?:通知|要求|事宜|事项)如下|"
    r"(?:转发|印发)给你们|"  # a notice passing another on to the units under it
    r"^\S{0,12}?近日[，,]?\s*(?:发布|印发|下发|出台)|"  # news: '财政部近日发布通知，…'
    r"^近日[，,]|记者(?:昨|近日|日前|从)|原标题[:：]|本网讯|[（(]通讯员|"
    r"来源[:：]\s*(?P<outlet>\S{0,8}?(?:日报|晚报|新闻|电视台|融媒(?:体中心)?))|"
    r"现将\S{0,40}?(?:予以)?公开.{0,200}?附件\d?[:：]|(?P<file>附件\d?[:：][^:：]{2,80}?报告\.(?:pdf|docx?|wps))|"
    # a finance bureau's account of its performance-management work: '一、2023年预算绩效管理工作开展情况'
    rf"(?<![\u4e00-\u9fff])(?:一|[（(]一[）)])[、.．]?\s*(?:{YEAR}\s*年度?)?(?:全[县市区])?预算绩效管理工作(?:开展)?情况|"
    # … or its report of it, in its opening lines, in a region's voice (not a unit's: '现将我局…')
    r"现将(?:我|全)[县区市州省旗]\S{0,30}?预算绩效管理工作(?:开展)?情况(?:汇报|报告)如下"
)
# a target form (绩效目标申报表): no 完成值, no 得分, the targets a budget is set with: a department's
# (整体支出绩效目标表) and a project's alike are its budget's (a notice that hands money down with
# its target form attached is a notice, titled so or not: _HANDS_MONEY_DOWN)
_HANDS_MONEY_DOWN = re.compile(r"现(?:将|予)?(?:提前)?下达|下达(?:给)?你|关于(?:提前)?(?:转?下达|拨付|分配)\S{0,40}?的(?:通知|函)")
# (申报表, 审批表, 批复表; and a budget's account of its projects' targets: '2022年度重点项目及绩效目标情况')
_TARGET_FORM = re.compile(
    r"(?<!自评)(?:绩效)?目标(?:申报|审批|批复|审核)?表?(?:[（(][^（）()]*[）)])?$|目标(?:申报|审批|批复|审核)?表|"
    r"项目(?:及|和)其?绩效目标(?:情况)?$"
)
# a form's year left blank ('( 年度)', '（    年）') or its name's cell run straight into the next
# label ('项目名称 项目属性 新增项目 □'): nobody filled it in
_BLANK_FORM = re.compile(r"[（(]\s*年度?\s*[）)]|项目名称\s*[|｜]?\s*项目属性")
_RESULTS_FORM = re.compile(r"绩效自评表|全年执行数|实际完成值")
_FINAL_ACCOUNTS = re.compile(r"决算(?!.*(?:绩效|自评))")
# a budget's explanation, though it speaks of performance too: '…部门预算和预算绩效编制说明'
_BUDGET_EXPLAINED = re.compile(r"预算.{0,8}编制说明$")
# a budget disclosure's own heading for its 三公 money: 三公经费安排情况 (accounts say 支出)
_THREE_PUBLIC_PLAN = re.compile(r"三公[”\"]?经费(?:预算)?安排")
_BUDGET = re.compile(
    r"(?:部门|单位|本级|收支)?预算(?:公开|情况的?说明|信息|草案|报告|编制说明|安排情况)?$|部门预算|单位预算|预算公开|"
    r"三公[”\"]?经费.{0,8}预算(?!.*决算)"  # '…“三公”经费预算情况表', '…“三公”经费2022年预算情况的说明'
)
# a whole government's budget or accounts (政府决算, 全县财政收入, a finance bureau's summary of
# every unit), not one unit's: a page near the genre, not of it ('某乡人民政府决算' and
# '某镇政府预算公开说明' are a township's own)
_GOVERNMENT_WIDE = re.compile(
    r"(?<!人民)(?<![镇乡])政府(?:预?决算|预算)|(?:决算|预算)草案|全(?:县|市|区|州|省)(?:大口径)?(?:财政|一般公共预算)收入|"
    rf"(?:省|市|县|区|州|旗)人民政府关于{YEAR}年度?\S{{0,6}}?(?:决算|预算)"  # its report to the people's congress
)
# …said anywhere near the top: a finance bureau's summary of every unit, a whole county's revenue
# (not the template's title over one unit's form: '自治区本级部门2019年项目支出预算绩效目标表')
_EVERY_UNIT = re.compile(
    rf"经\S{{0,8}}?财政局汇总|[市县区州省]本级(?:各部门|部门(?!{YEAR}\s*年度?项目支出\S{{0,4}}绩效目标(?:申报)?表)|"
    rf"{YEAR}\s*年度?(?:[“\"]?(?:三公|预算|决算)|绩效重点评价))|各乡[（(]?镇[）)]?、?(?:县|市|区)本级部门|"
    r"全(?:县|市|区|镇|乡)(?:本级)?(?:大口径财政|一般公共预算(?:本级)?)收(?:入|支)|"  # (a town's: 全镇本级…)
    r"全(?:县|市|区|州|省|镇|乡)财政总(?:收入|支出)|"  # '2024年全市财政总收入536.7亿元'
    r"全(?:县|市|区|州|省)(?:地方)?\S{0,4}经费(?:总收入|总支出|执行情况)|"  # ('全区地方教育经费执行情况')
    r"审核\S{0,6}?[市县区州省]直各(?:单位|部门)|"  # a finance bureau's review of every unit's projects
    r"^各位代表|受\S{0,20}?人民政府委托[，,]?向大会(?:作|报告)"  # a government's report read out to its congress
)
# …or a line that opens on a region and a year: '某某县2021年“三公”经费预算…' (a town, a bureau is a unit)
_PLACE = r"(?P<place>[^\s\d，,。；;:：、“”\"]{2,10}?)"
_PLACE_OPENING = re.compile(rf"^{_PLACE}{YEAR}\s*年度?的?\s*[“\"]?(?:三公|(?:财政)?(?:预算|决算))")
# …or on a year, then the region and its own level: '2021年度某某区区级“三公”经费决算情况说明'
# ('…某某县县本级“三公”', '…县直部门“三公”', '…本级一般公共预算“三公”')
_YEAR_THEN_PLACE = re.compile(
    rf"^{YEAR}\s*年度?{_PLACE}(?:[县区市州旗]?本级|[县区市州旗][级直])?(?:各?部门)?"
    r"(?:一般公共预算)?(?:财政拨款)?\s*[“\"]?三公"
)
# a disclosure's list of its tables: 收入支出决算总表 …, 部门预算收支总表 …
_ACCOUNTS_TABLES = re.compile(r"(?:部门|单位)决算表|收入?支出?决算(?:总)?表|财政拨款收入支出决算")
_BUDGET_TABLES = re.compile(
    r"(?:部门|单位)预算(?:收支)?(?:总)?报?表|收支(?:总)?预算(?:总)?表|财政拨款收支预算|"
    r"(?:部门|单位)收支总表.{0,80}?预算数"  # '表一：2021年部门收支总表 … 项目 | 预算数'
)
_PROJECT_FORM = re.compile(
    r"项目.{0,12}(?:自评表|评价表|评价指标表|评分表|计分表|打分表)|(?<!整体)绩效目标自评表|专项资金.{0,12}自评表|(?<!整体)(?<!部门)支出绩效自评表|资金绩效(?:自评|评价)表"
)
_OVERALL_FORM = re.compile(r"整体.{0,8}(?:自评表|自评情况表|评价表|评分表|计分表|打分表|指标表|得分表)|基础数据表|部门.{0,6}绩效自评表")
_CITATION = re.compile(r"《[^《》]{0,80}》")
_PROJECT_REPORT = re.compile(
    r"(?:项目|工程(?!局|处|管理|公司|队|院|中心|站|所)|专项|转移支付|资金|经费|费|补贴|补助|国债|债券|公益金).{0,16}(?:自评|评价)(?:工作)?的?(?:总结|总)?报告|转移支付.{0,24}自评|"
    r"项目.{0,4}自评结果|项目(?:支出)?绩效报告|"  # ('某某局2016年度项目绩效报告')
    r"(?:项目|专项|资金|经费).{0,8}?绩效(?:目标完成|自评)情况$"  # '某县2023年度某某专项资金绩效自评情况', '…绩效目标完成情况'
)
# a report titled by its unit, the project it is about in a bracket after the title
_REPORT_ON_A_PROJECT = re.compile(r"(?:自评|评价)报告[（(][^（）()]{2,40}(?:项目|资金|经费|专项|工程)[）)]$")
# 某局关于“某某补助资金”管理使用情况: a fund's use reported in prose (a form titled so is a form)
# (and announced: '…彩票公益金…资金安排使用情况的通告', '…资金使用情况公告')
_FUND_USE = re.compile(r"资金[”\"]?(?:安排)?(?:管理)?使用(?:和执行)?情况(?:的)?(?:通告|公告)?$")
# (a monitoring of the year's spending written by a firm, 绩效运行监控分析报告, is one too)
# (an assessment by a firm before the money is given, 事前绩效评估报告, is one too: readers file it
# with the evaluations, scores and all)
# (a province's finance department follows a fund through its life: '全周期跟踪问效报告')
_EVALUATION = re.compile(r"评价报告|重点绩效评价|绩效评价结果|运行监控分析报告|事前(?:绩效)?评估报告|跟踪问效报告")
# a finance department's own evaluation of chosen spending: never the unit's self-evaluation
# (and a re-evaluation after the unit's own: 绩效再评价报告)
_KEY_EVALUATION = re.compile(r"重点(?:绩效)?评价|再评价")
# the contents of an evaluation: its work done, then its conclusion ('二、绩效评价工作开展情况 … 三、绩效评价结论')
_EVALUATION_CONTENTS = re.compile(r"绩效评价工作开展情况[\s\S]{0,200}?绩效评价(?:综合)?结论")
# a finance bureau's spot-check of the units' self-evaluations: '某县扶贫项目绩效自评抽查报告'
_SPOT_CHECK = re.compile(r"自评\S{0,8}?抽查")
_EVALUATION_WORDS = re.compile(
    r"评价报告|评价工作|再评价|重点绩效评价|绩效评价结果|评价结果|委托\S{0,12}开展\S{0,30}绩效评价|"
    r"委托\S{0,4}组成评价小?组|"  # '我们接受委托组成评价小组，对某某资金进行绩效评价'
    r"委托单位[:：]\S{2,40}?(?:评价|评估)机构[:：]"  # an evaluation's cover: who asked, who evaluated
)
# (a unit's table of its projects' self-evaluation results, 部门绩效自评结果公开汇总表, is its own
# account of its year too)
_OVERALL_REPORT = re.compile(
    r"整体支出.{0,10}报告|部门.{0,10}(?:自评|评价)报告|绩效自评报告|自评报告|绩效报告|绩效自评结果\S{0,4}汇总表|"
    r"自评(?:总结|情况)报告$|整体绩效\S{0,6}报告$"  # a title: '某中心2022年整体绩效自评总结报告'
)
# who evaluated: a third party (not '…第三方服务经费', a line of spending) or the finance bureau, not the unit itself
# (a finance bureau that organises the evaluations is no sign: it is also a unit evaluating itself)
_THIRD_PARTY = re.compile(
    r"受.{1,30}委托|接受委托|受托\S{0,6}机构|第三方(?!服务)|会计师?事务所|咨询有限公司|评估有限公司|我所|"
    r"(?:评价|评估|实施)机构[:：]?\s*\S*(?:公司|事务所|合伙)|委托(?:机构|单位)[:：]?[\u4e00-\u9fff]{2,30}?(?:厅|局|委|办|政府)|"  # (a cover's '委托机构  某厅')
    # an evaluation built on the unit's own ('在某局自评的基础上，评价小组对…'; not '…基础上，我局成立评价小组')
    r"在[^，,。；;]{0,30}自评的?基础上[，,]?(?![^。；;]{0,12}(?:我|本)(?:局|委|办|单位|部门|中心|院|校|所|站))|"
    r"中介机构\s*[√☑■R]"  # the form's ticked box (Wingdings' ☑ comes through as R)
)
_SELF = re.compile(r"自评|自我评价|单位评价组|部门评价组")
# a finance body reporting its evaluation of another's money: '某县财政局关于某某项目绩效评价报告',
# '财政部驻某省专员办事处关于某省林业厅2016年某某资金绩效评价的报告'
# (not a notice the report cites: '根据某市财政局关于2018年度专项资金绩效评价报告编写和提报工作的通知')
_FINANCE_EVALUATOR = re.compile(
    r"(?:财政部|财政厅|财政局|专员办事处|专员办)\S{0,30}?关于\S{2,60}?评价的?报告(?![\u4e00-\u9fff]{0,12}?(?:通知|工作))"
)
# a page the finance bureau published (its site's 发布机构) under a title naming a place and a project,
# no unit, an evaluation not called a self-evaluation: the bureau's evaluation of the money it gave (a
# unit's own report that the bureau's site carries names its unit: _A_UNIT_NAMED)
_PUBLISHED_BY_FINANCE = re.compile(r"发布机构\s*[|:：]?\s*[^\s|]{0,12}?财政(?:局|厅)")
_A_UNIT_NAMED = re.compile(r"局|厅|委|办|院|所|站|中心|学校|小学|中学|政府|街道|联合会|协会|工会|馆|队|管理处|办事处")
# a county's own revenue, opening a page without a title: its government's accounts
_REGION_MONEY = re.compile(r"我(?:县|市|区|州|旗)(?:一般公共预算|政府性基金|上级补助|财政)\S{0,10}?收入")
# an evaluator at work, as it writes of itself: its team ('评价小组现场调研'), this evaluation ('本次评价共涉及
# 14个县区'); a unit's own report says 自评 or speaks as itself (我局, 本单位成立评价小组)
_EVALUATORS_AT_WORK = re.compile(r"评价(?:工作)?(?:小组|组|团队)|本次(?:绩效)?评价|评价人员")
_OWN_VOICE = re.compile(r"(?:我|本)(?:局|厅|委|办|处|院|校|中心|所|站|镇|乡|街道|单位|部门)")
_SELF_RESULT = re.compile(r"自评(?:得分|结果|结论|情况)")  # not a form's box '部门(单位)绩效自评□'
_SHEET_NAME = re.compile(r"\s*[A-Za-z][A-Za-z0-9 _-]*\s*")



def document_kind(title: str | None, head: str, has_project_forms: bool) -> str:
    """One of CONTRACT.md's kinds; `other` for a page that is not a document of the genre."""
    first_line = next((line for line in head.split("\n") if line.strip()), "")
    # (a first line in Latin letters is a spreadsheet's sheet name: 'Overview'; a site's category
    # naming both 预算/决算 in its breadcrumbs tells neither; a numbered heading is no title: '一、项目基本情况',
    # nor the contents' heading: '目 录')
    titled = len(first_line) <= 60 and not _SHEET_NAME.fullmatch(first_line) and not _HEADING_NUMBER.match(first_line) \
        and squash(first_line) != "目录"
    first_line_name = _BOTH_PHASES.sub("", first_line) if titled else ""
    name = without_file_suffix(squash(title or first_line_name))
    text = squash(head)
    uncited = _CITATION.sub("", text)  # (a rule the text cites, 《…项目支出绩效评价管理办法》, opens no project's account)
    subject = name or _BOTH_PHASES.sub("", text[:80])  # (a page's category '预算/决算' is no subject)
    # (a short first line is the site's column above the title: '文旅动态'; a long one is a paragraph)
    # (a numbered heading is no title nor column: '一、开展绩效自评工作')
    column = "" if _HEADING_NUMBER.match(first_line) or NUMBERING.match(first_line) else first_line[:60]
    if any(_about_the_genre(squash(line), text) for line in (name, column) if len(squash(line)) > 6):
        return "other"
    if not has_project_forms and _told_about(text[:600], name):
        return "other"
    # (a rule the page cites, 《某县本级部门预算绩效自评管理办法》, says nothing of the page)
    # (the first line as written: '某区2022年政府预决算…说明' names both phases, which the subject drops)
    if (_GOVERNMENT_WIDE.search(subject) or _GOVERNMENT_WIDE.search(squash(first_line)[:60])
            or _EVERY_UNIT.search(_CITATION.sub("", text)[:400])
            or _opens_on_a_place(f"{title or ''}\n{head}")):
        return "other"  # a government's budget or accounts as a whole, not one unit's
    if _BLANK_FORM.search(text[:600]):  # a form no one filled in: a template
        return "other"
    # (a page titled as targets whose form is a self-evaluation, with its results, is that form)
    if _TARGET_FORM.search(name) and "自评" not in name and not _RESULTS_FORM.search(text[:800]):
        return _targets_kind(text)
    if _FINAL_ACCOUNTS.search(subject):
        return _form_under_a_disclosure_title(head) or "final_accounts"
    if _PROJECT_FORM.search(subject):
        return "project_form"
    if _OVERALL_FORM.search(subject):
        return "overall_form"
    if _SPOT_CHECK.search(subject):
        return "evaluation_report"
    # the evaluator is named near the top, after a web page's breadcrumbs and metadata; a
    # report that calls its own result 自评 (一、自评得分情况) is the unit's
    # (a key evaluation or a re-evaluation is another's, though it reviews the unit's 自评情况)
    if _EVALUATION.search(subject) and not _SELF.search(subject) and (_KEY_EVALUATION.search(subject) or (
        not _SELF_RESULT.search(text[:300])
        and (_THIRD_PARTY.search(text[:800]) or _FINANCE_EVALUATOR.search(subject) or _FINANCE_EVALUATOR.search(text[:400])
             or _PUBLISHED_BY_FINANCE.search(text[:800]) and not _A_UNIT_NAMED.search(subject))
    )):
        return "evaluation_report"
    if (  # a title that does not say it is an evaluation (or none), over an evaluator's own words
        # (not a disclosure's list of tables above an evaluating unit's duties: '受某某财政局委托…开展重点绩效评价')
        _THIRD_PARTY.search(text[:800]) and _EVALUATION_WORDS.search(text[:800])
        and not _SELF.search(subject) and not _SELF_RESULT.search(text[:300])
        and not _ACCOUNTS_TABLES.search(text[:600]) and not _BUDGET_TABLES.search(text[:600])
    ):
        return "evaluation_report"
    if _by_another_unnamed(subject, text):
        return "evaluation_report"
    if _PROJECT_REPORT.search(subject) and "整体" not in subject:  # '部门整体和项目支出…自评报告' is the unit's
        return "project_report"
    if _REPORT_ON_A_PROJECT.search(subject) and "整体" not in subject:  # '某站2019年度绩效自评报告(某某推广项目)'
        return "project_report"
    if not title and _ACCOUNTS_PROJECTS.search(text[:600]):
        return "final_accounts"  # a 决算's account of its projects' targets, under no title of its own
    if not name and _EVALUATION_CONTENTS.search(text[:600]):
        return "evaluation_report"  # no title, an evaluation's contents (a unit's own says 绩效自评工作…)
    if not name and _PROJECT_OPENING.search(uncited[:400]) and "整体" not in text[:400]:
        return "project_report"  # no title, a page's heading run into a text about one project's money
    if (_OVERALL_REPORT.search(subject) and not _WHOSE.search(subject)
            and _PROJECT_OPENING.search(uncited[:600]) and not _UNIT_OPENING.search(text[:600])):
        return "project_report"  # a title that names no one ('绩效自评报告') over a project's account
    if (_OVERALL_REPORT.search(subject) and not _WHOSE_OWN.search(subject)
            and _PROJECT_SPENDING_EVALUATED.search(text[:600]) and not _UNIT_OPENING.search(text[:600])):
        return "project_report"  # '某中心2024年绩效自评报告' over '我单位对2024年度项目支出资金使用情况进行了绩效自评'
    if _OVERALL_REPORT.search(subject) and _UNIT_FORM_CELLS.search(text[:600]):
        return "overall_form"  # titled a report, laid out as the unit's form: '单位名称 | … | 年度预算金额 | …'
    if _OVERALL_REPORT.search(subject) or _EVALUATION.search(subject):
        return "overall_report"
    # 预算 with 绩效 is no budget disclosure, unless it explains the budget ('…预算和预算绩效编制说明')
    if _BUDGET.search(subject) and ("绩效" not in subject or _BUDGET_EXPLAINED.search(subject)):
        return "budget"
    # no title, a project's self-evaluation headings below what the page kept of its form
    # ('（三）项目自评步骤及方法', '二、项目资金申报及使用情况'): a report, its form one of its parts
    if not title and _PROJECT_SECTIONS.search(text[:1500]) and "整体" not in text[:1500]:
        return "project_report"
    if has_project_forms and _TARGETS_TABLE.search(text[:800]) and not _RESULTS_WORDS.search(text):
        # a title that says nothing, over a target form (项目名称 | …, 一级指标 …) with no result anywhere
        return _targets_kind(text)
    if has_project_forms:  # a title that says nothing, over 项目名称 | … forms
        return "project_form"
    if _FUND_USE.search(subject):
        return "project_report"
    # no title: a government's own money, a disclosure's list of tables, else the report's own
    # first headings
    if _REGION_MONEY.search(text[:400]):
        return "other"
    if part := _DISCLOSURE_PART.search(text):  # a disclosure's own part heading: '第二部分：2017年部门预算…说明'
        return "budget" if part["phase"] == "预算" else "final_accounts"
    if _ACCOUNTS_TABLES.search(text[:600]) or _ACCOUNTS_SECTIONS.search(text):
        return "final_accounts"
    if _BUDGET_TABLES.search(text[:600]) and not _EVALUATED.search(text[:600]):  # (its 绩效目标表 is no sign)
        return "budget"
    if _THREE_PUBLIC_PLAN.search(text[:300]) and "决算" not in text:
        return "budget"
    # no title, a 基础数据表's own rows at the top (财政供养人员情况, 经费控制情况): the unit's form
    if _BASIC_DATA_ROWS.search(text[:300]):
        return "overall_form"
    # no title, an indicator table with results at the top: a form, the unit's whole spending
    # or (the commonest) a project's
    if _RESULTS_TABLE.search(text[:600]):
        return "overall_form" if _UNIT_FORM.search(text[:400]) else "project_form"
    if _EVALUATION_OPENING.search(text[:300]) and not _SELF.search(text[:300]):
        return "evaluation_report"
    if _PROJECT_OPENING.search(uncited[:400]):
        return "project_report"
    # no title, a target form near the top and no result anywhere: the budget's targets
    if _TARGETS_TABLE.search(text[:400]) and not _RESULTS_WORDS.search(text):
        return _targets_kind(text)
    if _BUDGET_SECTIONS.search(text) and not _EVALUATED.search(text):
        return "budget"  # a budget's explanation under no title: '（一）收入预算：…（二）支出预算：…'
    if _ACCOUNTS_SCOPE.search(text):
        return "final_accounts"
    if _UNIT_OPENING.search(text[:400]) or _UNIT_EVALUATED_COVER.search(text[:400]):
        return "overall_report"
    # a page from inside a disclosure: its explanations speak of 决算数, or only of 预算 (a site's
    # category '预算/决算' names both and tells neither)
    text = _BOTH_PHASES.sub("", text)
    if text.count("决算") >= 2 or _AGAINST_BUDGET.search(text):
        return "final_accounts"
    budget_words = text.count("预算")
    if (
        (budget_words >= 3 or budget_words >= 2 and _AGAINST_LAST_YEAR.search(text))
        and "决算" not in text and not _TARGETS_TABLE.search(text)  # a target form is no disclosure
        and AMOUNT_IN_TEXT.search(text) and not _RESULTS_WORDS.search(text)
    ):
        return "budget"
    if _WORK_REPORT.search(subject):  # '某幼儿园2022年度绩效自评工作报告', over no heading of a project's
        return "overall_report"
    return _named_near_the_top(text[:600])


# a budget set against last year's: '同比', '较上年减少183.56万元'
_AGAINST_LAST_YEAR = re.compile(r"同比|[较比]上年")
# a province's cover saying the unit evaluated itself, not a box to tick ('…绩效自评□ 委托第三方评价☑')
_UNIT_EVALUATED_COVER = re.compile(r"评价方式[:：]?部门[（(]单位[）)]绩效自评(?!\s*[□☑■√])")
# a unit's report on its self-evaluation work
_WORK_REPORT = re.compile(r"自评工作(?:的)?报告$")


# a sharing site's "template" that is a unit's filled-in form: under a '…报告范本' title, a cover
# naming a real project and the unit that carried it out ('项目名称: <a project> 项目单位: <a unit>'),
# not blanks or placeholders ('XX项目', '某某局', '____')
_TEMPLATE_WORD = re.compile(r"模板|范本|范例|样例")
_FILLED_COVER = re.compile(
    r"项目名称\s*[:：]\s*(?P<project>[^\s:：]{4,40}?)\s*项目(?:实施)?单位\s*[:：]\s*"
    r"(?P<unit>[^\s:：]{3,30}?(?:局|厅|委员会|委|办公室|院|中心|站|所|馆|学校|大学|学院|队|社|处|场|政府))(?=\s|主管)"
)
_PLACEHOLDER = re.compile(r"[XxＸｘ×*＊_＿□]|某")


def _about_the_genre(title: str, text: str) -> bool:
    """A title that speaks about the genre (a notice, a rule, a template), unless its only such word
    is a template's and the page is a unit's filled-in form."""
    if not _NOT_A_REPORT_TITLE.search(title):
        return False
    if _NOT_A_REPORT_TITLE.search(_TEMPLATE_WORD.sub("", title)):
        return True
    cover = _FILLED_COVER.search(text[:1500])
    return not (cover and not _PLACEHOLDER.search(cover["project"] + cover["unit"]))


def _told_about(text: str, name: str) -> bool:
    """The page's body is a notice or news item about the genre; a news outlet named as the source
    that is the unit whose report the title names ('信息来源: 某县融媒体中心' under '某县融媒体中心…
    绩效自评报告') published its own report."""
    return any(
        not (m["outlet"] and name.startswith(squash(m["outlet"]))) and not _the_page_is_the_file(m, text)
        and not (m.start() == 0 and _reposted_disclosure(text))
        for m in _ABOUT_THE_GENRE.finditer(text)
    )


# a unit's disclosure reposted whole under a line of news: '近日，某某部公布2024年度部门决算。' over its
# figures (not news of many units' disclosures: '近日，102个中央部门公布了…', '近日，省级各部门集中公开…')
_REPOSTED = re.compile(rf"^近日[，,]\s*(?P<who>[^\d，,。]{{2,20}}?)(?:公布|公开|发布)了?\s*{YEAR}\s*年度?(?:部门|单位)(?:决算|预算)")
_MANY_UNITS = re.compile(r"各|个|中央部门|[省市县区]级|我[县市区省]|部门$|集中")


def _reposted_disclosure(text: str) -> bool:
    match = _REPOSTED.match(text)
    return bool(match) and not _MANY_UNITS.search(match["who"])


def _the_page_is_the_file(match: re.Match, text: str) -> bool:
    """An attachment's file name opening the page, and no other attachment named: the page is that
    file's text ('附件3:某某项目资金绩效评价报告.doc' over the report), not a page announcing it."""
    return bool(match["file"]) and match.start() == 0 and len(_ATTACHMENT_LABEL.findall(text)) == 1


_ATTACHMENT_LABEL = re.compile(r"附件\d?[:：]")


_REPORT_NAME = re.compile(r"(?:自评|评价)报告")
_HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十]{1,2}部分)")
_BOTH_PHASES = re.compile(r"预算?\s*[、/和及与]?\s*决算")  # '预决算', '预算、决算', '预算/决算'


def _named_near_the_top(text: str) -> str:
    """A page with no title that names its document in its opening lines, run into the text
    after a sharing site's chrome ('…全文预览已结束 … 1、某某馆2020年度 项目绩效自评报告自评得分100分…'),
    and states its result: that document; else a page about the genre."""
    if not _SELF_RESULT.search(text) or not _REPORT_NAME.search(text):
        return "other"  # (a 决算's page on 项目支出绩效自评结果 names no report of its own)
    if _PROJECT_REPORT.search(text):
        return "project_report"
    if _OVERALL_REPORT.search(text):
        return "overall_report"
    return "other"


# a project's self-evaluation opens with its 项目基本情况; a transfer payment's with the Ministry of
# Finance's heading (一、绩效目标分解下达情况) or the payment (转移支付基本情况 / 概况), or it says
# which project it evaluated ('对2023年某某补助经费项目实施情况开展了自评')
_PROJECT_OPENING = re.compile(
    r"^一[、.．]?本?(?:部门|单位)?项目(?:支出)?绩效目标(?:情况|概况)|"  # a province's template: '一、本部门项目绩效目标情况'
    r"[（(]一[）)]项目(?:基本)?(?:概况|情况)|项目基本情况|项目概况|一[、.．]?项目基本概况|绩效目标分解下达情况|转移支付(?:基本情况|概况)|"
    r"评价类型[:：]\s*(?:项目)?(?:实施过程|完成结果)评价|"  # a project's template cover: '评价类型：项目实施过程评价 …'

    r"资金投入情况分析|"  # the same template's section on the money: only a project's report has it
    r"项目(?:全年|年初)(?:调整)?预算数?为?\s*\d|"  # opening on the project's money: '项目全年预算数为1050万元，执行数为…'
    r"对[^，,。；;]{2,40}项目[^，,。；;]{0,8}开展了?(?:绩效)?自评|"
    r"对[^，,。；;]{2,40}(?:资金|经费|转移支付)[^，,。；;]{0,12}(?:开展|进行)了?(?:绩效)?自评|专项资金(?:绩效|设立|使用|基本)情况|"
    # the region's own fund evaluated, as its government reports it: '对我区2020年扶贫项目资金的执行情况…进行了评价'
    r"对(?:我|本|全)[区县市州旗镇乡][^，,。；;]{2,40}(?:资金|经费)[^，,。；;]{0,20}(?:开展|进行)了?(?:绩效)?评价|"
    r"专项债券项目(?:资金)?绩效(?:评价|自评)|"
    r"现将\S{0,40}?(?:资金|项目|专项)\S{0,16}?绩效自评\S{0,6}?报告如下|"  # a letter reporting a fund's self-evaluation
    # a fund's use announced, as a lottery fund's must be: '现将2023年度某某公益金…项目资金情况公告如下'
    r"现将\S{0,60}?(?:项目资金|专项资金|公益金\S{0,30}?资金)\S{0,12}?情况(?:通告|公告|报告)如下|"
    r"自评(?:结论|得分)\S{0,80}?(?:该|本)项目|"  # '一、自评结论 …该项目的产出指标…'
    r"项目.{0,80}?自评得\d"  # scored section by section: '(1)项目立项(2分)：我县某某项目…自评得2分'
)
# an evaluation opening on its conclusion: '本次绩效评价对…综合评价得分80.10分'
# or on who evaluated whom: '我们对某某中心某某专项经费进行了绩效评价' (a unit's own says 我局/我单位…自评)
_EVALUATION_OPENING = re.compile(r"^本次(?:绩效)?评价|综合评价得分|我们对[^。；;]{2,60}?进行了?(?:绩效)?评价")
# the cells a form of the unit's whole spending opens with (a prose report's cover names no budget)
_UNIT_FORM_CELLS = re.compile(r"单位名称[\s\S]{1,80}?年度预算(?:金额|数)")
# a form of the unit's whole spending: it says so, or scores the unit's own indicators
_UNIT_FORM = re.compile(r"部门整体|整体支出|单位整体|财政供养人员控制率|[“\"]?三公经费[”\"]?(?:变动|控制)率|预算配置")
_EVALUATED = re.compile(r"绩效(?:自评|评价)")
# a target form's own words (a disclosure only counts its projects with 绩效目标)
_TARGETS_TABLE = re.compile(r"绩效目标(?:申报)?表|一级指标")
# the year's spending set against its 年初预算: an account of the year, not a budget
_AGAINST_BUDGET = re.compile(r"与年初预算数?(?:相比|对比)|支出[\d.]+万?元[，,]\s*年初预算数?为")
_BUDGET_SECTIONS = re.compile(r"[（(][一二三][）)]\s*(?:收入|支出)预算\s*[:：]")
_BASIC_DATA_ROWS = re.compile(r"财政供养人员情况|经费控制情况|楼堂馆所控制情况")
_PROJECT_SECTIONS = re.compile(
    r"(?:[一二三四五六七八九十]、|[（(][一二三四五六七八九十][）)])项目(?:自评(?:步骤|方法)|资金(?:申报|使用|到位|执行)\S{0,4}情况)"
)
_RESULTS_TABLE = re.compile(r"一级指标.{0,30}(?:完成值|实际值|完成情况)|一级指标.{0,40}(?:自评得分|评分标准)")
_RESULTS_WORDS = re.compile(r"自评|执行率|完成值|得分|执行数")
_UNIT_OPENING = re.compile(
    r"(?:部门|单位)(?:[（(]单位[）)])?(?:整体)?(?:基本)?(?:概况|情况)|部门整体支出|部门整体绩效|部门(?:整体)?自评工作(?:开展)?情况|"
    r"开展了?\S{0,8}?部门(?:整体支出)?绩效自评工作"  # '某局…组织开展了2024年度部门绩效自评工作'
)


# a disclosure's part that names the year's budget or accounts ('第二部分：2017年部门预算及“三公”经费预算说明',
# '第三部分 2020年度部门决算情况说明'), not its list of tables alone
# (the unit's name may come first: '第二部分某某局部门预算安排情况说明')
_DISCLOSURE_PART = re.compile(
    rf"第[一二三四五六]部分\s*[:：、]?\s*(?:(?:(?!绩效|自评|评价|情况)[\u4e00-\u9fff]){{2,30}}?(?=部门|单位|{YEAR}))?(?:{YEAR}\s*年度?)?\s*(?:部门|单位)?(?:收支)?"
    r"(?P<phase>预算|决算)(?:安排)?(?:及\S{0,12})?(?:情况)?说明"
)
# a 决算's explanation under no title: its sections ('三、收支决算总体情况说明')
_ACCOUNTS_SECTIONS = re.compile(r"收入?支出?决算总体情况|(?:部门|单位)决算情况说明|收入决算情况说明|支出决算情况说明|财政拨款收入支出决算总体情况")
# its scope, where no budget's sections follow (a budget's explanation may state last year's):
# '纳入本部门2021年度决算编制的二级预算单位1个'
_ACCOUNTS_SCOPE = re.compile(r"纳入本部门\S{0,12}?决算编制")
# the template's account of its projects' targets: '本部门在2021年度部门决算中反映…等5个项目绩效目标实际完成情况'
_ACCOUNTS_PROJECTS = re.compile(r"在\S{0,8}?部门决算中反映")
# the unit says it evaluated its project spending, not its whole spending
_PROJECT_SPENDING_EVALUATED = re.compile(r"对\S{0,12}?项目支出\S{0,12}?(?:进行|开展)了?(?:绩效)?自评")
# a title that says whose report it is: the unit's whole spending, a department, a project or a fund
_WHOSE = re.compile(r"整体|部门|单位|项目|资金|专项|经费|[局厅委办院所站]|中心")
_DISCLOSURE_PARTS = re.compile(r"目\s*录|第一部分|部门概况|部门职责|机构设置|决算表|决算总表|决算情况说明")


def _by_another_unnamed(subject: str, text: str) -> bool:
    """An evaluation whose evaluator is not named near the top: its own words of its work, or a
    title calling it an evaluation of a region's fund with no unit named ('2019年度某省某某奖补资金
    绩效评价报告'; readers file '2023年某某补贴绩效评价报告', no region, as the unit's own), and no
    word of the unit's own (自评, 我局…) anywhere in its opening."""
    if _SELF.search(subject) or _SELF.search(text) or _OWN_VOICE.search(text) or _WHOSE_OWN.search(subject) \
            or _evaluated_itself(text):
        return False
    if _EVALUATORS_AT_WORK.search(text):
        return True
    places = [match["place"] for match in (_REGION_FUND.match(subject), _REGION_AFTER.search(subject)) if match]
    return bool(_EVALUATION.search(subject) and not _A_UNIT_NAMED.search(subject)
                and any(is_division_name(place) for place in places))


_WHOSE_OWN = re.compile(r"整体|部门|单位")  # the unit's whole spending, or the unit, is the subject
# a cover naming its evaluator: '项目单位:某某委员会 … 评价机构:某某委员会' (the unit itself) or a firm
_COVER_EVALUATOR = re.compile(r"评价(?:机构|单位)\s*[:：]\s*(?P<name>[^\s:：|，,。]{4,30}?)(?=\s|$|[|，,。]|\d{4}\s*年)")


def _evaluated_itself(text: str) -> bool:
    """The cover names as its evaluator a body it also names as the unit (项目单位, 主管部门)."""
    cover = _COVER_EVALUATOR.search(text)
    return bool(cover) and text.count(cover["name"]) >= 2 and not _THIRD_PARTY.search(cover["name"])


# a title opening on its year and a region above a town (a town's own funds are its government's)
_REGION_FUND = re.compile(rf"^(?:{YEAR}\s*年度?)?(?P<place>[^\s\d，,。；;:：、]{{2,10}}?(?:省|自治区|市|州|盟|县|区|旗))")


# …or the region in brackets after the title, as a mirror notes it: '…资金绩效评价报告(山东)'
_REGION_AFTER = re.compile(r"报告\s*[（(](?P<place>[\u4e00-\u9fff]{2,8})[）)]")


def _targets_kind(text: str) -> str:
    """A target form's kind: the budget's, unless the page hands money down with it (a notice)."""
    return "other" if _HANDS_MONEY_DOWN.search(_CITATION.sub("", text[:600])) else "budget"


def _form_under_a_disclosure_title(head: str) -> str | None:
    """A page titled as a 决算 that holds a self-evaluation form and nothing of the accounts
    before it ('某局决算公开报告' over '项目支出绩效自评表（2024年度）' and its cells): the form."""
    lines = [squash(line.strip(" |")) for line in head[:600].split("\n")[1:]]
    for line in lines:
        if _DISCLOSURE_PARTS.search(line):
            return None
        if len(line) <= 40 and _OVERALL_FORM.search(line):
            return "overall_form"
        if len(line) <= 40 and _PROJECT_FORM.search(line):
            return "project_form"
    return None


def _opens_on_a_place(head: str) -> bool:
    """A page about a whole county's (district's, city's) money: a line near the top opens on
    the region's own name and a year ('某某县2021年“三公”经费预算财政拨款情况统计表'), or on a year and
    the region at its own level ('2021年度某某区区级“三公”经费决算情况说明')."""
    lines = (re.sub(r"^关于", "", line.strip()) for line in head[:800].split("\n"))  # ('关于某某区2013年…说明')
    return any((m := _PLACE_OPENING.match(line) or _YEAR_THEN_PLACE.match(line)) and _names_a_place(m["place"])
               for line in lines)


def _names_a_place(name: str) -> bool:
    """A division's name, or a chain of them from the top ('重庆市永川区', '云南省永仁县')."""
    return is_division_name(name) or any(
        is_division_name(name[:cut]) and _names_a_place(name[cut:]) for cut in range(2, len(name) - 1))
