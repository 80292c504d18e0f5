"""Who filed the report, for which year, when, and how it scored itself."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from pipelines.documents.model import Document, Table
from pipelines.documents.web_capture import META_WORDS
from pipelines.extract.money import paragraph_project
from pipelines.normalize.numbers import halfwidth, parse_number, parse_score
from pipelines.normalize.regions import Region, is_division_name, resolve_region
from pipelines.normalize.grades import grade_word, scores_a_rate, stated_grade
from pipelines.normalize.text import ORGANISATION_END, YEAR, clean_org_name, squash, unspaced, without_file_suffix

# patterns of the functions below, compiled once at import
_SENTENCE_PUNCTUATION = re.compile(r"[，。：:]")
_ATTACHMENT = re.compile(r"[【\[（(]?(?:附件|附表)")  # ('附件1', '【附件】')
_BULLET = re.compile(r"^\s*[•●▪◆■]\s*")  # a page's list bullet before a line
_TITLE_AFTER_COLON = re.compile(r"[:：]\s*(\S{2,40}?(?:绩效自评报告|绩效评价报告))$")
_BENJI_END = re.compile(r"本级$")
# how a unit's name ends where a greedy match must not stop inside a word that follows it (乡 of
# 乡村振兴, 场 of 场地, 会 of 会议)
_FIRM_END = r"(?:局|厅|委员会|办公室|中心|院|所|站|部|处|队|馆|学校|小学|中学|大学|幼儿园|医院|政府|办事处)"
# where a title's unit ends: its year, or the words of the document ('某局本级预算公开表')
_TITLE_AFTER_UNIT = re.compile(
    rf"(?:{YEAR}\s*年|{YEAR}(?=部门|单位|整体)|部门整体|整体支出|部门支出|本级(?=预算|决算|\s*{YEAR})|(?:预算|决算)公开|财政拨款[“\"]?三公|[“\"]三公|关于|"
    r"(?:部门|单位)(?=(?:预算|决算)\S{0,8}$)|"  # no year: '某某局部门决算', '某某中学单位预算(草案)'
    # '某某小学项目支出绩效自评表': the unit, then its form (an office's or a school's name: not a
    # facility a project builds, '某某垃圾转运站项目支出…', '某某全民健身中心项目支出…')
    r"(?:(?<=局)|(?<=厅)|(?<=委员会)|(?<=办公室)|(?<=学校)|(?<=中学)|(?<=小学)|(?<=幼儿园)|(?<=医院)|(?<=卫生院))"
    r"项目支出(?=(?:绩效)?(?:目标|自评|评价)\S{0,6}表))"
)
# a title naming its unit and then a project or fund, without a year between them
# (an office's ending only: a project's own name holds 站, 中心, 政府… '某某垃圾转运站提升改造项目',
# '居家养老政府购买服务经费')
_UNIT_BEFORE_SUBJECT = re.compile(
    # (a broadcaster ends no name that runs past an office's end: '某局县广播电视台…改造项目'; nor is a
    # 广播电视台站 one)
    r"^(?P<name>[\u4e00-\u9fff]{2,30}(?:局|厅|委员会|办公室|指挥部|办事处)|(?:(?!局|厅|委员会|办公室)[\u4e00-\u9fff]){2,20}电视台(?!站))"
    r"(?=[\u4e00-\u9fff]{0,30}?(?:项目|资金|专项|经费|转移支付)\S*(?:绩效|自评|评价))"
)
# …or a school or hospital and right after it its money ('某市第四中学专项资金绩效自评价报告'; not a
# project named after it: '某某中学改扩建项目', '某医院新院区专项债券项目')
_SCHOOL_BEFORE_FUND = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,30}?(?:中学|小学|学校|幼儿园|医院|卫生院))"
    r"(?=(?:专项|项目)?(?:资金|经费)\S*(?:绩效|自评|评价))"
)
# a second name in brackets after the unit's: '某某区综合行政执法局（某某区城市管理局）'
_ALIAS_AFTER = re.compile(r"\s*[（(][^（()）]{2,30}[）)]$")
# '…的规定，某某联合会（以下简称“省残联”）', '实施单位为某某局（以下简称…）'
# ('…中介机构，承担了某某委员会（以下简称…）2024年度…评价工作': the name after the verb)
# (after a year written apart from its 年: '2021 年某某联合会（以下简称…）')
_NAME_BEFORE_SHORT = re.compile(r"(?:^|[，,。；;：:、\s“”]|\d\s?年度?)(?:\S*?(?:为|是|由|了))?(?!年)([^，,。；;：:、\s“”（(了]{4,40})[（(]以下简称")
# the unit an evaluation is of, in a sentence with no stop before it: '…于2023年7月至9月对某省某某厅
# （以下简称“某厅”）管理的…开展了绩效评价'
_EVALUATED_BEFORE_SHORT = re.compile(rf"对([^，,。；;：:、\s“”（(]{{2,38}}?{ORGANISATION_END})[（(]以下简称")


def _evaluated_before_short(text: str) -> re.Match | None:
    match = _EVALUATED_BEFORE_SHORT.search(text)
    return match if match and _opens_with_a_division(match.group(1)) else None  # (not '某市对外友好协会')


_PARTY_COMMITTEE_START = re.compile(r"^[县市区省]委")
_DISCLOSING_UNIT = re.compile(
    rf"现将(?P<name>[^，,。；;：:\s“”]{{2,30}}?)(?:{YEAR}\s*年)"
    rf"|现将{YEAR}\s*年度?(?P<after>[\u4e00-\u9fff]{{2,20}}{_FIRM_END})(?!门)"  # '现将2022年某某县交通运输局…'
)  # (not a word cut inside 部门: '现将2022年重点项目绩效评价和部门整体…')
# a name's characters, and a bracketed ordinal inside it: '某市城东(第四)幼儿园'
_NAME_WITH_ORDINAL = r"(?:[\u4e00-\u9fff]|[（(][\u4e00-\u9fff\d]{1,4}[）)])"


def _sentence_subject(group: str) -> str:
    """A sentence opening on a unit's name, also right after a heading run into it ('（一）单位基本情况某某局是…')."""
    return rf"(?:^|[。；;]|(?<=情况)|(?<=概况)|(?<=简介))\s*(?P<{group}>[\u4e00-\u9fff]{_NAME_WITH_ORDINAL}{{2,29}}?{ORGANISATION_END})"


# presented as under a department: '…是某局下属的全额拨款行政单位'
_UNDER_A_DEPARTMENT_CLAUSE = r"[^，,。；;]{0,30}?(?:下属|所属|直属)的?[^，,。；;]{0,16}(?:单位|机构|机关)"
# a sentence of the body whose subject is the unit and its year's money or staff:
# '3.人员情况，某某县人大常委会部门2021年末实有人员编制20人', '某某乡人民政府（本级）2023年无…支出'
_UNIT_OPENS_SENTENCE = re.compile(
    rf"(?:(?:^|[。；;，,：:])\s*(?:\d{{1,2}}[.、．])?|[（(][一二三四五六七八九十\d]{{1,2}}[）)])\s*"  # or after its numbering: '…情况（一）'
    rf"(?P<name>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})(?:[（(]本级[）)]|部门|单位)?\s*{YEAR}\s*年"
    r"(?:末|度|初)?(?:实有|编制|在职|收入|支出|年初|预算|决算|部门|单位|无|没有|未|共有|[“\"]?三公|一般公共预算|政府性基金)"
    # or saying what it is ('某某镇小学校是一所公办小学'), or named after 我单位 ('我单位“某某中心”设立…'),
    # also right after a heading run into it ('（一）单位基本情况某某局是…', '职能简介 某某幼儿园是由…')
    "|" + _sentence_subject("subject") +
    r"(?:[（(]挂[^（()）]{2,30}[）)])?"  # its second nameplate: '某某中心（挂某某研究所）内设…'
    # (not '某某中心所属的基本单位': 所属 is 'under it', no 所 of a name; '某某联合会（本级）为…事业单位')
    r"(?:(?:[（(]本级[）)])?(?:[是为系]|(?<!所)属)(?:一所|一个|一家|[^，,。；;]{0,16}(?:单位|机构|部门|机关))|的?(?:主要|基本)(?:职能|职责)|[，,]?位于"
    # or its own level under itself: '某局（本级）是某局下属的全额拨款行政单位' (a body under another is not the unit)
    r"|[（(]本级[）)][是为系]" + _UNDER_A_DEPARTMENT_CLAUSE +
    r"|是由[^，,。；;]{2,20}?(?:主办|举办|创办|开办|设立)"  # ('某某幼儿园是由某某局主办的')
    r"|(?P<founding>是\d{4}\s*年(?:\d{1,2}\s*月)?(?:经|由))"  # or when and how it was founded: '某某学院是2000年7月经…批准'
    # or doing its duties, under a heading of them: '某某市生态环境局贯彻落实…', '某某局负责全县…'
    r"|(?:贯彻(?:落实|执行)|负责(?!人))"
    r"|\s*(?:本级|机关)?(?:下设|内设|下属|隶属|(?:只有|共有|下辖)\s*\d{1,3}\s*个)|本级\s*\d{1,3}\s*个)"  # or how it is
    # organised: '某某中心下设办公室…', '某某局本级内设2个…', '某某室只有1个机构', '某某委员会本级1个单位'
    rf"|(?:我|本)(?:单位|部门)[“\"](?P<quoted>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})[”\"]"
    # or the year's work done: '2022年，某某市民政局较好地完成了年初制定的…'
    rf"|(?:^|[。；;])\s*{YEAR}\s*年度?\s*[，,]\s*(?P<worker>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})"
    r"(?:较好|圆满|全面|基本|认真|积极|超额)?[的地]?完成"
    # or who organised the self-evaluation: '某某厅、某某财政厅组织对2023年某某资金开展了绩效自评'
    rf"|(?:^|[。；;，,])\s*(?P<organiser>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})(?:[、和及与][\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})?"
    r"(?:联合|共同)?组织(?:对|开展)"
    # or a 决算's account of its year: '2017年某某法院本年收入合计2656.43万元'
    rf"|(?:^|[。；;])\s*{YEAR}\s*年度?\s*(?P<accounts>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})(?:本年|年度)?(?:收入|支出)(?:合计|总计)"
    # or its new name, and what it is: '…文件，更名为某某中学，属于全额拨款事业单位'
    rf"|更名为(?P<renamed>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})[，,]?\s*(?:[是为系]|属)[^，,。；;]{{0,16}}(?:单位|机构|机关)"
    # or its founding, the whole sentence: '根据…《关于…的通知》（…）某编字第9号，设立某某委员会。'
    rf"|(?:批准|批复|通知|决定|号)[）)]?\s*[，,]\s*(?:正式)?(?:设立|成立|组建)(?P<founded>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})(?=[。；;])"
    # or after the date it was founded: '2020年10月某某区某某执法支队整合设立，隶属…'
    rf"|(?:^|[。；;，,])\s*{YEAR}\s*年(?:\d{{1,2}}\s*月)?(?:\d{{1,2}}\s*日)?\s*(?P<dated>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})"
    r"(?:整合|正式|挂牌|经批准)?(?:设立|成立|组建)(?=[，,。；;])"  # (not '某县人民政府批准设立某中心', '…成立了某小组')
    # or a disclosure's scope: '纳入某某局本级2022年部门预算编制范围的预算单位包括…', '纳入2025年部门预算编制
    # 范围的单位如下：某某小学', '纳入本部门2022年度决算编制的二级预算单位主要包括某某所' (one unit listed),
    # '某某台2022年度部门决算编制范围为某某台本级'
    rf"|纳入(?:本部门)?{YEAR}\s*年度?(?:部门)?(?:预算|决算)(?:编制)?(?:范围)?的(?:[一二三]级)?(?:预算)?单位(?:主要)?(?:如下|包括|有)\s*[:：]?\s*"
    rf"(?P<listed>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})(?:本级)?(?=$|[。；;])"
    rf"|纳入(?P<scope>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})(?:本级)?\s*{YEAR}\s*年度?部门(?:预算|决算)(?:编制)?范围"
    # or a heading presenting it: '二、某某县某某站概况'
    rf"|^(?:[一二三四五六七八九十]{{1,3}}\s*[、.．]|[（(][一二三四五六七八九十\d]{{1,2}}[）)]|\d{{1,2}}\s*[、.．])?\s*"
    rf"(?P<overview>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})(?:部门|单位)?(?:基本)?(?:概况|简介|基本情况)$"
    rf"|(?:预算|决算)编制范围(?:为|是|仅为|只有)\s*(?P<ranged>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})本级(?=$|[。；;，,])"
)
# the unit that discloses, in its list of budget units: '1. 101 某某委员会办公室（一级预算单位）', or as
# the only one: '本部门仅有某某办公室本级一个二级预算单位'
_FIRST_LEVEL_UNIT = re.compile(
    rf"(?:^|[\s.、．\d])(?P<name>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})\s*[（(](?:一级|主管)预算单位[）)]"
    rf"|(?:本|我)部门(?:仅有|只有|仅包括|仅含)(?P<only>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})(?:本级)?(?:一|1)个\S{{0,4}}预算单位"
)
_GRADE_LABEL = re.compile(r"评定等级|评价等级|自评等级|等级$")

# the year a line opens on, before the unit's name: '2023年度某某街道办事处'
_YEAR_LEAD = re.compile(rf"^\s*{YEAR}\s*年度?\s*")
_BYLINE_DATE = re.compile(r"\s+(?:发布|发文)?(?:时间|日期)\s*[:：]\s*\d{4}\S*(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
# '2025年某某项目推进中心预算公开表': the name ends as a name does, not at the first 项目 inside it
# (and the other name the unit carries, in brackets, left out as the title's is (_ALIAS_AFTER):
# '某市卫生健康委员会（某市中医药管理局）（部门）部门决算')
_UNIT_AFTER_YEAR = re.compile(
    rf"^{YEAR}\s*年度?\s*(?P<name>\S{{1,30}}?(?:{ORGANISATION_END}|公司))(?:[（(][\u4e00-\u9fff]{{2,30}}?{ORGANISATION_END}[）)])?"
    r"(?:[（(](?:本级|机关|汇总|部门|单位)[）)]|本级)?(?:部门(?:[（(]单位[）)])?|单位)?"
    r"(?:[\u4e00-\u9fff]{2,12}?(?:项目|专项)?资金(?=绩效))?"  # or its fund: '某县发改局乡村振兴项目资金绩效评价报告'
    # or its project: '某某局部门公交补贴重点项目支出绩效评价报告'
    r"(?:整体|决算|预算|项目|绩效|财政拨款|[“\"]?三公|(?<=部门)[\u4e00-\u9fff]{2,12}?项目支出绩效)"
)
# a disclosure's parts name the unit: '第一部分 某某站部门概况', '第二部分 某某乡人民政府2021年度部门决算表'
_PART_HEADING = re.compile(
    rf"^第[一二三四五六七八九十]+部分\s*[:：]?\s*(?P<name>\S{{2,40}}?)\s*(?:{YEAR}\s*年度?)?\s*(?:部门|单位)?"
    r"(?:概况|基本情况|(?:决算|预算)(?:公开)?表|(?:决算|预算)(?:情况|数据|公开)说明)"
    r"(?=$|[一二三四五六七八九十]{1,2}[、.．])"  # (or run into its first section: '…概况一、主要职能')
)
# a page that opens on its unit and year: '某某镇2020年“三公”经费决算数共计…'
# (not '我局2020年…', '本部门…', '全县…', '关于…': a pronoun, the whole region, a title)
_EVALUATED_UNIT = re.compile(
    rf"我们对(?P<name>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})[^。；;，,]{{0,30}}?进行了?(?:绩效)?评价"
)
# a disclosure's note under a table it leaves empty, naming the unit that had no such money:
# '说明：某某镇人民政府没有使用国有资本经营预算安排支出，故本表无数据'
_EMPTY_TABLE_NOTE = re.compile(
    rf"(?:说明|注)\s*[:：]\s*(?P<name>[\u4e00-\u9fff]{{3,30}}?{ORGANISATION_END})\s*(?:{YEAR}\s*年度?)?"
    r"(?:没有|无|未)[^。]{0,60}?故本表(?:为空表|无数据|数据为[零0]|为空)"
)
_UNIT_BEFORE_YEAR = re.compile(rf"^(?![我本该各全]|关于)(?P<name>[^\s\d，,。；;:：、“”\"（(）)]{{3,30}}?)\s*{YEAR}\s*年")
# a printed page's number run into the text it heads: '-6-某某福利院2022年部门预算…'
_PAGE_NUMBER = re.compile(r"^[-－—]\s*\d{1,3}\s*[-－—]\s*")
# a mirror's mojibake before the text: '?????某县某镇人民政府'
_MOJIBAKE_LEAD = re.compile(r"^[?？\ufffd]{2,}")
# a site's greeting or account link run into the name after it: '欢迎来到某某医院', '个人中心某某局'
_SITE_GREETING = re.compile(r"^(?:欢迎(?:来到|访问|光临|您)|个人中心|用户中心|无障碍|登录|注册)\s*")
_LONE_META = re.compile(rf"^{META_WORDS}[:：]?$")
# '发布机构 某某局 发文日期 2024-11-04', '- 有效性有效': labels without colons, a value run on
_META_RUN = re.compile(rf"^\s*[-•·*]?\s*{META_WORDS}")
_META_LINE = re.compile(r"^\S(?:[ \u3000]*\S){1,5}\s*[:：]")  # '发布机构：', '名  称：'（spaced to align）
_TITLE_WORDS = re.compile(
    r"(?:(?:绩效|评价|自评).{0,8}(?:报告|表|说明)|报告|(?:部门|单位)(?:决算|预算)(?:公开|情况的?说明|公开情况|公开的?说明|编制说明|说明)?|"
    r"(?:决算|预算)(?:情况说明|编制说明|公开说明|公开表|总表)(?:及(?:公开)?报表)?|"  # ('…收支决算总表（按功能分类）', '…决算公开说明及公开报表')
    rf"(?:{ORGANISATION_END}|本级[)）]?)(?:\s*{YEAR}\s*年度?)?(?:决算|预算)|"  # '2017年某某小学决算', '2022年某某局本级决算公开',
    # '某某医院2017年决算公开'
    r"三公.{0,3}经费.{0,12}(?:说明|情况)(?:统计表|表)?|资金[”\"]?(?:管理)?使用情况|预算草案$|"
    r"(?:资金|项目|专项|经费)绩效(?:目标完成|自评)情况|"  # '某市2023年度某某补助资金绩效目标完成情况'
    r"项目(?:及|和)其?绩效目标(?:情况)?)"  # a budget's account of its projects' targets: '2022年度重点项目及绩效目标情况'
    r"(?:结果)?(?:公开|公示)?(?:文本)?"  # '…绩效评价报告结果公示', '…决算公开文本'
    r"(?:\s*[（(](?:[^（）()]|[（(][^（）()]*[）)]){1,40}(?:[）)]|$))?"  # '…自评报告（某某馆（站）经费）', its end cut off
    r"(?:[（(]\d+[）)])?(?:\.(?:docx?|pdf|xlsx?|wps))?$"  # a shared file's name
)
_YEAR = re.compile(rf"({YEAR})\s*年(?!\s*\d{{1,2}}\s*月)")
_LABELLED_YEAR = re.compile(rf"(?:评价年度|年度|所属年度|预算年度)\s*[:：]\s*({YEAR})")
# '（2022年度）' or '2022年度' on a line of its own, under a form's or report's title
_YEAR_LINE = re.compile(rf"^(?=[（(]?\s*({YEAR}))(?:[（(]\s*{YEAR}\s*(?:预算)?年度?\s*[）)]|{YEAR}\s*年度)$")
# '项目起止时间 | 2019.1.1~2019.12.31': a project that ran one whole calendar year
_YEAR_END = re.compile(rf"截[止至]\s*({YEAR})\s*年\s*12\s*月\s*31\s*日")
_WHOLE_YEAR_PERIOD = re.compile(
    rf"({YEAR})\s*[.\-/年]\s*0?1\s*[.\-/月]\s*0?1\s*日?\s*[~～至\-—－]+\s*\1\s*[.\-/年]\s*12\s*[.\-/月]\s*31"
    rf"|({YEAR})\s*年\s*0?1\s*月起?\s*至\s*\2\s*年\s*12\s*月止?"  # '2016 年 1 月起至 2016 年 12 月止'
)
_DATE = re.compile(rf"({YEAR})\s*(?:年|[.\-/])\s*(\d{{1,2}})\s*(?:月|[.\-/])\s*(\d{{1,2}})\s*日?")
_DATE_LABEL = re.compile(r"(?:填报|报告|评价|编制)?(?:日期|时间)\s*[:：]\s*")
_ORG_SUFFIX = re.compile(ORGANISATION_END + "$")
_SCORE = re.compile(
    r"(?:自评得分|总得分|综合得分|评价得分|得分|自评分数|评价分数|自评|(?<![\u4e00-\u9fff])自评得|评分(?:结果)?|总分(?=\s*[为是]))"
    r"\s*(?:为|是|：|:)?\s*(\d{1,3}(?:\.\d+)?)\s*分"
)
# a results table flattened into the prose, its total row the full points and then the score:
# '评价内容 标准分值 评价得分 投入 16 12 … 总分 100 92', '综合绩效 100分 83分'
_FLAT_TOTAL = re.compile(r"(?:总分|合计|综合绩效|综合得分|合计得分)\s+100\s*分?\s+(\d{1,3}(?:\.\d{1,2})?)\s*分?(?![\d.%])")
# a part's weight before its score: '（一）项目决策情况（分值20分，得分15分）' scores the part, not the whole
_PART_WEIGHT = re.compile(r"(?:分值|权重|满分)\s*(?:为)?\s*(?:[1-9]\d?(?:\.\d+)?)\s*分?\s*[,，、;；]?\s*$")
_MAX_SCORE = re.compile(r"满分\s*(?:为)?\s*(\d{2,3})\s*分")
# a form's score cell with its unit in the label, run together with the cells after it (a shared
# document's form as one line: '…自评总分(分)97.93年初预算数…')
_SCORE_CELL = re.compile(r"(?:自评总分|自评得分|总得分)\s*[（(]分[）)]\s*[:：]?\s*(\d{1,3}(?:\.\d{1,2})?)(?![\d.])"
                         # or the form's last row alone on its line: '自评总分100'
                         # (not the rules' '自评总分100分', full marks with its unit)
                         r"|^\s*(?:自评总分|自评总得分)\s*[:：]?\s*(\d{1,3}(?:\.\d{1,2})?)\s*$", re.MULTILINE)

# short names that mean one kind of party office, expanded with the region the report names
_ABBREVIATIONS = {
    "网信办": "委网络安全和信息化委员会办公室",
    "宣传部": "委宣传部",
    "组织部": "委组织部",
    "统战部": "委统战部",
    "政法委": "委政法委员会",
    "编办": "委机构编制委员会办公室",
}


def _is_titled(text: str) -> bool:
    """Whether a line ends as a title does; a page may break the last word with a space
    ('…绩效自评报 告')."""
    return bool(
        _TITLE_WORDS.search(text)
        or _TITLE_WORDS.search(unspaced(text))
        or _RESULT_TITLE.match(text.strip())
    )


# '2021年度某某奖助学金项目自评结果' names its subject; a numbered heading '二、评价结果' does not
_RESULT_TITLE = re.compile(r"^(?!(?:[一二三四五六七八九十]+|\d+)\s*[、.．]|[（(])[^，,。；;：:]{4,50}(?:自评|评价)结果$")


def find_title(document: Document) -> str | None:
    title = _title(document)
    title = _MOJIBAKE_LEAD.sub("", title) if title else None
    return without_file_suffix(title) if title else None  # a shared file's name: '….docx'


def _title(document: Document) -> str | None:
    labelled = _labelled_title(document)  # a page's metadata names it: '标题 | …'
    if labelled:
        return labelled
    # a web page's metadata list (索引号: …, 发布日期: …) may stand above the title
    paragraphs = [p for p in document.paragraphs[:24] if not (_META_LINE.match(p.text) or _META_RUN.match(p.text))][:10]
    for i, paragraph in enumerate(paragraphs):
        text = _without_site_name(_BOOK_TITLE.sub(r"\1", _BULLET.sub("", paragraph.text).strip(" |")))  # '《某某办公室2023年度部门决算》 | |'
        text = _TABLE_OF_CONTENTS_END.sub(r"\1", _after_breadcrumb(text))  # '某某中心单位决算目录': the title over its contents
        # (the first long line, under a sharing page's short chrome lines: '• 约 9页', '• 举报')
        first_long = i <= 2 or all(len(p.text) <= 60 for p in paragraphs[:i])
        fused = _FUSED_HEAD.match(text) if first_long and len(text) > 60 else None
        if fused and _is_titled(fused["head"]) and not _BARE_GENRE.match(squash(fused["head"])):
            return unspaced(fused["head"])  # a document run onto one line: its title, then '一、…'
        following = paragraphs[i + 1].text.strip() if i + 1 < len(paragraphs) else ""
        if _is_titled(text) and _SUBTITLE.match(following) and not _YEAR_LINE.match(halfwidth(following)):
            text += following  # '…项目支出绩效自评报告' over '（教育专项工作经费）': the project it is about
        elif _is_titled(text) and i + 1 < len(paragraphs) and paragraphs[i + 1].number == paragraph.number + 1 \
                and _continues_title(text, following):
            text += following  # a title wrapped after a title's word: '某队2024年度部门预算' / '执行情况绩效自评整改报告'
        if _is_titled(text) and len(text) <= 60 and not _DATE_LABEL.search(text) and not _BARE_GENRE.match(squash(text)):
            # the line just before, when nothing stood between them (a page's metadata may)
            adjacent = i and paragraphs[i - 1].number == paragraph.number - 1 and not _LONE_META.match(paragraphs[i - 1].text)
            previous = paragraphs[i - 1].text if adjacent else ""
            if (
                previous and len(previous) <= 40 and not _SENTENCE_PUNCTUATION.search(previous) and i <= 2
                and not _ATTACHMENT.match(previous) and not re.search(r"[/>＞|]", previous)  # not a breadcrumb
                and squash(previous) != "目录" and not _DATE.fullmatch(previous.strip())  # a page's date
                and not _BARE_GENRE.match(squash(previous))  # a site's menu item: '2. 部门决算公开'
                and not _SITE_COLUMN.fullmatch(squash(previous))  # the site's column: '公示公告'
                and squash(previous) not in squash(text)  # the unit's name the title repeats: the site's heading
                and not _opens_with_a_division(text)  # a title opening on its place is whole ('免费发信息' above it: the site's)
            ):
                return previous + text  # a title broken over two lines
            return text
        # (a bare genre word after the page's metadata is the site's category: '公开目录' / '绩效自评报告')
        apart = i + 1 < len(paragraphs) and paragraphs[i + 1].number != paragraph.number + 1
        if following and len(following) <= 8 and not (apart and _BARE_GENRE.match(squash(following))) and (
                _TITLE_WORDS.search(text + following) or _RESULT_TITLE.match(text + following)):
            return text + following  # ('…某某类项目' over '自评结果')
    for paragraph in document.paragraphs:  # an attachment list naming the report, or its file: '附件3:某某报告.doc'
        match = _TITLE_AFTER_COLON.search(without_file_suffix(paragraph.text.strip()))
        if match:
            return match.group(1)
    return None


def _continues_title(text: str, following: str) -> bool:
    """The next line finishes a title broken after one of a title's words: short, opening on a
    word that continues one ('执行情况…'), no sentence, heading or date, itself ending as a title,
    and not a title of its own (opening on a place, or saying the first line again)."""
    return (
        0 < len(following) <= 30 and len(text) + len(following) <= 60 and _is_titled(following)
        and bool(_CONTINUATION.match(following))
        and not _SENTENCE_PUNCTUATION.search(following) and not _NUMBERED_HEADING.match(following)
        and not _DATE_LABEL.search(following) and not re.search(r"\d", following)
        and not _opens_with_a_division(following) and squash(text)[:6] not in squash(following)
    )


# what opens the rest of a title, not a title of its own ('收入支出决算总表', '项目支出绩效自评报告'):
# '执行情况绩效自评整改报告' after '…部门预算'
_CONTINUATION = re.compile(r"^(?:执行|完成|使用|管理)")
_NUMBERED_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}\s*[、.．])")


_TABLE_OF_CONTENTS_END = re.compile(r"((?:[决预]算|报告)(?:信息)?(?:公开)?)\s*[（(]?\s*目\s*录\s*[)）]?$")
_BOOK_TITLE = re.compile(r"^《([^《》]{4,60})》$")
# a document a page ran onto one line: its title, then its first part's heading
_FUSED_HEAD = re.compile(r"^(?P<head>\S.{5,59}?)\s*(?:一\s*[、.．]|第一部分)")
# a page's own <title>: the document's, then the site's name after a dash ('某某局2024年度部门决算 - 某某网');
# a mirror may glue a word of its own onto the title's last ('…部门决算某某体育- 某某官方网站- APP下载')
_SITE_PART = re.compile(r"\s*[-_–—]+\s*[^-_–—]{1,24}$")
_GENRE_END = re.compile(r"(?:报告|自评表|评价表|决算|预算)(?:公开)?")
_GLUED = 8  # characters a mirror glues on, at most
# a page's breadcrumb ending on the document's title: '首页 > 分享 > 某某项目绩效评价报告'
_BREADCRUMB = re.compile(r"^(?:[^>＞»›]{1,12}?\s*[>＞»›]+\s*)+")


def _after_breadcrumb(text: str) -> str:
    rest = _BREADCRUMB.sub("", text)
    return rest if rest != text and _is_titled(rest) else text


def _without_site_name(text: str) -> str:
    """A line that is a title once the site's name after it is cut off: that title."""
    if _is_titled(text) or not _SITE_PART.search(text):
        return text
    head = text
    while (cut := _SITE_PART.sub("", head, count=1)) != head:
        head = cut
    if _is_titled(head):
        return head
    ends = [m.end() for m in _GENRE_END.finditer(head) if len(head) - m.end() <= _GLUED]
    return head[: ends[-1]] if ends and _is_titled(head[: ends[-1]]) else text


# a page's notice label before the title it announces: '公告:某某联合会本级2022年度部门决算'
_NOTICE_LABEL = re.compile(r"^\s*(?:公告|公示|通知)\s*[:：]\s*")
# a line in brackets alone under the title: the project or fund the report is about
_SUBTITLE = re.compile(r"^[（(][^（()）]{2,40}[）)]$")
# the name of a site's column, repeated above the page's title ('首页 >> 政务公开 >> 公示公告')
_SITE_COLUMN = re.compile(
    r"(?:通知|公示|政务|政府|政府信息|工作|部门|财政|信息|新闻|预决算|财务|政策)?(?:公告|公示|动态|要闻|新闻|信息|公开|数据)"
    r"|[\u4e00-\u9fff]{1,4}(?:动态|要闻|资讯)"
    r"|(?:网站|栏目|主|站内)?导航|首页|政务|政务服务|专题专栏|互动交流"
)  # ('公示公告', '政府信息公开', '财务数据', '文旅动态'; '政务' or '导航' alone, left of its breadcrumb)
# a genre's word alone names no document: a page's category ('公开目录 | 自评报告')
# or a site's menu item ('1. 部门预算公开', '部门决算公开')
_BARE_GENRE = re.compile(r"^(?:\d{1,2}[.、．])?(?:(?:绩效)?(?:自评|评价)?(?:报告|表)|(?:部门|单位)?(?:决算|预算)(?:公开)?)$")
_TITLE_LABEL = re.compile(r"^(?:标\s*题|文章标题|信息标题|名\s*称)\s*[:：]?\s*(?P<title>.*)$")  # '标      题 …', spaced to align


def is_page_label(text: str) -> bool:
    """A page's metadata line ('索引号: …', '发布机构 某某局') or its title's label ('标题…',
    '名  称：…'): not a heading of the document itself."""
    return bool(_META_LINE.match(text) or _META_RUN.match(text) or _TITLE_LABEL.match(text))


def _is_title_label(cell: str) -> bool:
    """A cell that is a title's label and nothing else ('名称:', '标 题')."""
    match = _TITLE_LABEL.match(cell)
    return bool(match) and not match["title"]


def _labelled_title(document: Document) -> str | None:
    """The title a page's metadata states, in a cell beside its label or after a colon,
    when it reads as a title (its title words)."""
    values = [m["title"] for p in document.paragraphs[:24] if (m := _TITLE_LABEL.match(p.text.strip()))]
    for table in document.tables[:3]:
        for row in table.rows[:12]:
            cells = [c.strip() for c in row]
            values += [value for label, value in zip(cells, cells[1:]) if _is_title_label(label)]
    return next((v.strip() for v in values if v and len(v) <= 60 and _is_titled(v)), None)


def find_fiscal_year(document: Document, title: str | None) -> int | None:
    text = halfwidth(document.full_text())
    match = _LABELLED_YEAR.search(text)
    if match:
        return int(match.group(1))
    for paragraph in document.paragraphs[:12]:  # '（2022年度）' under a form's or report's title
        match = _YEAR_LINE.match(halfwidth(paragraph.text))
        if match:
            return int(match.group(1))
    if title:
        match = _YEAR.search(title) or _BARE_TITLE_YEAR.search(title)
        if match:
            return int(match.group(1))
    for paragraph in document.paragraphs:
        match = _YEAR_LINE.match(halfwidth(paragraph.text))
        if match:
            return int(match.group(1))
    match = _WHOLE_YEAR_PERIOD.search(text)
    if match:
        return int(match.group(1) or match.group(2))
    match = _EVALUATION_NOTICE.search(text)  # '根据《…关于开展2022年度…绩效自评工作的通知》': the year asked about
    if match:
        return int(match.group(1))
    # a year in the title of a document the text cites counts half: money is often given under a
    # notice of the next year ('根据《某厅关于2025年…资金的通知》，2024年下达…')
    # and a year a figure is compared with ('较2021年决算增加…') is the year before, not the report's
    text = _COMPARED_YEAR.sub("", text)
    uncited = Counter(_YEAR.findall(_CITED_TITLE.sub("", text)))
    cited = Counter(_YEAR.findall(text)) - uncited
    years = Counter({int(y): uncited[y] + 0.5 * cited[y] for y in uncited | cited})
    if years:
        return years.most_common(1)[0][0]
    match = _YEAR_END.search(text)  # '截止2023年12月31日，项目实际使用资金…': the year that closed
    return int(match.group(1)) if match else None


_CITED_TITLE = re.compile(r"《[^《》]{0,100}》")
# a title's year without 年 ('某某局2021部门整体绩效自评报告')
_BARE_TITLE_YEAR = re.compile(rf"(?<!\d)({YEAR})(?=部门|单位|整体)")
_COMPARED_YEAR = re.compile(rf"(?:较|比|与|同比)\s*{YEAR}\s*年度?")
_EVALUATION_NOTICE = re.compile(rf"开展\s*({YEAR})\s*年度?[^，,。；;《》]{{0,40}}?绩效自评")  # (not a 重点评价 of the work's year)


def find_report_date(document: Document) -> date | None:
    text_blocks = [p.text for p in document.paragraphs]
    for text in text_blocks:
        label = _DATE_LABEL.search(text)
        if label:
            found = _parse_date(text[label.end() :])
            if found:
                return found
    for text in reversed(text_blocks[-6:]):  # the date under the signature
        if len(squash(text)) <= 14:
            found = _parse_date(text)
            if found:
                return found
    return None


def _parse_date(text: str) -> date | None:
    match = _DATE.match(halfwidth(text).strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


# where a document states its unit, most specific first (the rank is the first of the pair)
_LABELLED_UNIT = re.compile(
    r"(?P<label>(?:部门[（(]单位[）)]|部门|单位)(?:名称|全称)|预算单位名称|评价部门名称|单位名称|部门名称|预算单位|填报单位|申报单位|(?:实施|主管)[（(](?:主管|实施)[）)](?:单位|部门)|实施单位|项目单位|主管部门|"
    r"评价单位|评价对象|发文单位|发文机关|发文机构|被评价单位|资金使用单位|实施主体|执行单位|编制单位|发布机构|公开主体|所属机构|责任部门|信息来源|来源|"
    r"组织单位|委托单位|部门|单位)\s*(?:[（(][盖公]章[）)])?\s*[:：]?\s*"
    r"(?P<name>[^\s:：，,。；;|（()）][^\s:：，,。；;|（(]{1,39}?)"  # not from a bracket's end: '部门(单位)名称…'
    r"(?=\s|$|[，,。；;|（(]|主管部门|实施单位|资金使用单位|填报单位|联系人|填表人|报告日期|日期|年度预算|项目名称|预算编码|"
    r"下属单位|整体支出规模|填报日期|填报时间|填报人|项目资金|项目负责人|项目属性|项目类别|项目主管|项目实施|项目执行|执行单位|"
    r"一级指标|绩效指标|绩效目标|资金来源|资金投入|联系电话|负责人|实施机构|评价机构|评估机构|"
    r"评价时间|上报时间|报告时间|评价方式|评价类型|的(?:责任|职责)|金额单位|是否为专项资金|"  # an evaluation's cover run together: '主管部门:某中心评价时间:…'
    # (or its opening: '项目实施单位某局的责任是…')
    r"文字大小|字号|背景色|浏览次数|浏览量|点击数|打印|分享|【|\[)"  # a page's metadata run together ('[单户表]': a table's note)
)
_PAGE_META_LABELS = {"信息来源", "来源", "发布机构", "公开主体", "发文机构"}  # may follow a time run on ('09:48信息来源:')
_LABEL_RANK = {
    "部门（单位）名称": 0, "部门(单位)名称": 0, "部门（单位）全称": 0, "部门(单位)全称": 0, "单位全称": 0, "部门全称": 0, "预算单位名称": 0, "评价部门名称": 0, "单位名称": 0, "部门名称": 0, "预算单位": 0, "填报单位": 0,
    "申报单位": 0, "编制单位": 0, "被评价单位": 1, "评价单位": 2, "评价对象": 2, "部门": 1, "单位": 1, "实施单位": 1, "项目单位": 1,
    "资金使用单位": 1, "项目实施单位": 1, "承担单位": 1, "项目承担单位": 1, "实施主体": 1,
    "执行单位": 1, "项目执行单位": 1, "实施(主管)单位": 1,
    "主管部门": 2, "项目主管部门": 2, "项目单位名称": 1, "委托单位名称": 3, "发布机构": 3, "公开主体": 3, "所属机构": 3, "责任部门": 3, "发文单位": 3, "发文机关": 3, "发文机构": 3, "信息来源": 4, "来源": 4,
    # an evaluation's cover naming only who asked for it: the body whose money it is, for want of another
    "组织单位": 3, "委托单位": 3,
}
# (the second name opens with its place, which the divisions data checks: '某某管理委员会互市贸易区
# 管理局' is one unit of a zone, 互市 no city)
_TWO_NAMES = re.compile(
    r"(?:厅|局|委员会|办公室)(?=(?P<second>\S{0,6}(?:省|市|县|区|自治州)\S{1,20}(?:厅|局|委员会|办公室))$)"
    r"|(?:局|委员会|办公室|中心)(?=\S{1,6}(?:乡|镇)$)"  # a site's own name before the township's: '某县数据中心某某乡'
)
_BRANCH_END = re.compile(r"分(?:局|院|所|队|中心)$")  # 某市某局某区分局: one name, a branch of the first
_THIRD_PARTY_FIRM = re.compile(r"事务所|公司|会计师|咨询")  # an evaluator, never the unit evaluated
# '实施主体：某某委员会及各旗（区）某某委': the unit, and the others that carry the work out
_AND_OTHERS = re.compile(rf"^(\S+?{ORGANISATION_END})及\S+$")
_LOOSE_LABELS = {"部门", "单位", "来源", "信息来源", "发布机构", "公开主体", "部门名称", "单位名称"}
# (a name opening with a word of a sentence is a fragment, unless that word is its place's first
# character: 于都县, 和平县, 由… — _is_fragment)
_LEADING_WORD = re.compile(r"^(?:[在对为和及与由于的]|纳入)")
_FRAGMENT = re.compile(
    r"[0-9A-Za-z，,。、；;：:“”\"'！？?!《》<>|/\s了\-]|以下简称|的$|^第[一二三四五六七八九十]+部|"
    r"网站$|"  # a site's links in its footer ('国务院部门网站', '区县政府网站'), not a 站 of the unit's kind
    r"^[厅局处科股]|"  # an office of the bureau (the department), named without it: '局民生办', '厅某某处'
    r"^(?:(?:规划|计划)?财务|财会|计财|办公|综合|综合办公|人事|党政|后勤)(?:部|科|室|处|股|办)$|"  # an office inside the unit: '来源：财务部'
    r"^(?:[省县]|市(?!场)|区(?!域))[\u4e00-\u9fff]{1,2}$|"  # a short form without the place: '市人社', '县医保'
    r"^[我本该]\S{1,2}$|"  # a pronoun: '我局', '本单位', '该中心' (not 本溪市…)
    r"^(?:中央|省级|市级|县级)(?:及|和|与|财政|专项|补助)|"  # a level of government and its money: '中央及省级城镇…'
    r"^(?:今天是|健全|加强|完善|推进|推动|提升|落实|开展|实施|支持|维持|保障|确保|做好|完成|实现)"  # a page's date line, a verb and its object
)
# (and a document's own name: '某县某工程项目绩效评价自评报告-民生工程-某县人民政府', a page's title)
_SENTENCE_WORDS = re.compile(r"我们|本单位|本部门|根据|按照|通过|进行|开展|完成|其中|主要|负责|用于|包括|主管部门|实施单位|名称|填报|关于|报告|自评")
# a name, the verb 'is' and the next name: '某幼儿园系某某中心…' is a sentence, not a name
_COPULA_BETWEEN = re.compile(rf"{ORGANISATION_END}[系是为属][\u4e00-\u9fff]")


def _labelled_units(text: str) -> list[tuple[int, str]]:
    found = []
    position = 0
    # a loose label passed over does not hide a label inside what it took for a name
    # ('…单位项目支出…报告部门(单位)名称:某某街道办事处')
    while match := _LABELLED_UNIT.search(text, position):
        position = match.start() + 1
        before = text[match.start() - 1] if match.start() else " "
        after_a_time = before.isdigit() and match["label"] in _PAGE_META_LABELS
        if before not in " \t:：|，,。；;" and match["label"] in _LOOSE_LABELS and not after_a_time:
            continue  # '…单位：' inside a longer word ('第三方评价单位' is the evaluator)
        separator = text[match.end("label") : match.start("name")]
        whole_line = match.start() == 0 and match.end() == len(text.rstrip())
        if match["label"] in _LOOSE_LABELS and not separator and not whole_line:
            continue  # '部门整体…': a common word, a label only with a colon or a space after it
            # (or a whole line: '发布机构某某局', a page's metadata run together)
        name = _AND_OTHERS.sub(r"\1", match["name"])
        label = _BOTH_ROLES.sub("实施(主管)单位", match["label"])  # '主管（实施）部门' as '实施(主管)单位'
        found.append((_LABEL_RANK.get(label, 4), _BENJI_END.sub("", name)))
        position = match.end()
    return found


# a form's one cell for both roles, either way round: '实施(主管)单位', '主管（实施）部门'
_BOTH_ROLES = re.compile(r"^(?:实施|主管)[（(](?:主管|实施)[）)](?:单位|部门)$")
_SEAL_NOTE = re.compile(r"[（(](?:公章|盖章|章)[）)]$")
# the rest of a name after its place, alone on a line: '人民法院', '财政局', '卫生健康委员会'
_ORGANISATION_ONLY = re.compile(rf"[\u4e00-\u9fff]{{0,18}}{ORGANISATION_END}")


# a pointer to the disclosure's tables, naming them by their title: '明细详见：某某小学2025年预算公开表'
_SEE_ALSO = re.compile(r"^\s*\S{0,4}详见\s*[:：]?\s*")


def _unit_candidates(document: Document, title: str | None) -> list[tuple[int, str]]:
    """(rank, name) for every place the document names its unit; rank 0 is a form's own label."""
    candidates: list[tuple[int, str]] = []
    paragraphs = document.paragraphs[:61]
    for paragraph, below in zip(paragraphs[:60], [*paragraphs[1:], None]):
        below_text = below.text.strip() if below else ""
        for rank, name in _labelled_units(paragraph.text):
            # a cover's value the page wrapped after its place: '部门(单位)全称:某某自治县' over '人民法院(公章)'
            rest = _SEAL_NOTE.sub("", below_text)
            wrapped = is_division_name(name) and 2 <= len(rest) <= 20 and _ORGANISATION_ONLY.fullmatch(rest)
            candidates.append((rank, name + rest if wrapped else name))
        label = squash(paragraph.text)  # a cover's label, its value on the line below
        if below_text and label[-1:] in ":：" and label[:-1] in _LABEL_RANK and len(below_text) <= 40:
            candidates.append((_LABEL_RANK[label[:-1]], below_text))
    for table in document.tables[:3]:  # a form's '部门：某某局' cell
        for row in table.rows[:8]:
            for cell in row:
                candidates.extend(_labelled_units(cell))
    # the title, and any line near the top written as one (a page of several documents, or
    # a site's own heading above the document's)
    titles = [title] if title else []
    title_names = False  # whether the title itself names a unit
    titles += [_NOTICE_LABEL.sub("", p.text) for p in document.paragraphs[:30] if len(p.text) <= 60 and _is_titled(p.text)]
    for text in titles:
        # '某某局关于2023年度…报告', '关于某某局2017年度…说明'
        plain = re.sub(r"^\s*关于", "", _SEE_ALSO.sub("", text))
        head = re.sub(r"关于[“\"]?$", "", _TITLE_AFTER_UNIT.split(plain)[0].strip()).strip()
        if _ALIAS_AFTER.search(head) and _ORG_SUFFIX.search(_ALIAS_AFTER.sub("", head)):
            head = _ALIAS_AFTER.sub("", head)  # the unit's name, then the other name it carries
        if head:
            candidates.append((1, head))
            title_names = title_names or (text == title and is_unit_name(clean_org_name(head), own_statement=True))
        before_subject = _UNIT_BEFORE_SUBJECT.match(plain) or _SCHOOL_BEFORE_FUND.match(plain)
        if before_subject:  # '某县人居环境指挥部乡村振兴项目资金绩效评价报告': the unit, then its project
            candidates.append((2, before_subject["name"]))
        after_year = _UNIT_AFTER_YEAR.match(text)  # '2021年度 某某中学部门决算'
        if after_year:
            candidates.append((1, after_year["name"]))
    for paragraph in document.paragraphs[:40]:  # '第一部分 某某站部门概况'
        part = _PART_HEADING.match(squash(paragraph.text)[:60])
        if part:
            candidates.append((1, part["name"]))
    for i, paragraph in enumerate(document.paragraphs[:30]):  # a name alone above the title: '某某镇人民政府'
        above_title = i < 3 or (i + 1 < len(document.paragraphs) and _is_titled(document.paragraphs[i + 1].text))
        if above_title and not _LABELLED_UNIT.match(paragraph.text.strip()):  # (not a label's line: '发布机构 某某办公室', ranked above)
            # (or its year before it: '2023年度某某街道办事处'; or a byline's date after it: '某某厅 时间:2023-06-28')
            candidates.append((2, _BYLINE_DATE.sub("", _YEAR_LEAD.sub("", paragraph.text))))
        opening = _UNIT_BEFORE_YEAR.match(_PAGE_NUMBER.sub("", paragraph.text.strip())) if i < 3 else None
        if opening:  # or opening its first sentence: '某某镇2020年“三公”经费…'
            candidates.append((2, opening["name"]))
    for paragraph in document.paragraphs[:12]:  # '现将某某镇2021年度“三公”经费决算情况公布如下'
        match = _DISCLOSING_UNIT.search(paragraph.text)
        if match:
            candidates.append((2, match["name"] or match["after"]))
        evaluated = _EVALUATED_UNIT.search(paragraph.text)
        if evaluated:  # an evaluator's '我们对某某中心某某专项经费进行了绩效评价': the unit evaluated
            candidates.append((2, evaluated["name"]))
    for paragraph in document.paragraphs[:60]:  # a disclosure's own budget units: '101 某某办公室(一级预算单位)'
        candidates.extend((2, match["name"] or match["only"]) for match in _FIRST_LEVEL_UNIT.finditer(paragraph.text))
        candidates.extend((2, match["name"]) for match in _EMPTY_TABLE_NOTE.finditer(paragraph.text))
    for table in document.tables[:3]:  # a disclosure table's top row: '某某镇财政所 | 预算年度:2025 | 单位:万元'
        top = table.rows[0] if table.rows else []
        if any(_TABLE_NOTE_CELL.match(squash(cell)) for cell in top):
            candidates.extend((2, cell) for cell in top if cell.strip() and not _TABLE_NOTE_CELL.match(squash(cell)))
    for table in document.tables:  # a form's '部门名称 | 某某县住房和城乡建设局' cells
        for row in table.rows:
            for label, value in zip(row, row[1:]):
                label = squash(label).rstrip(":：")
                label = re.sub(r"[（(][盖公]章[）)]$", "", label)
                if label in _LABEL_RANK and value:
                    candidates.append((_LABEL_RANK[label], _BENJI_END.sub("", value.strip())))
    for paragraph in document.paragraphs[:12]:
        # the unit an evaluation is of, before the commissioner or the firm shortened earlier in its sentence
        match = _evaluated_before_short(paragraph.text) or _NAME_BEFORE_SHORT.search(paragraph.text)
        if match:  # '某某委员会（以下简称…）': the unit's own full name, unless the title names
            # another ('某办（以下简称…）设在某某局', under that 局's own title)
            candidates.append((2 if title_names else 1, match.group(1)))
    for paragraph in document.paragraphs[-2:]:  # the signature
        candidates.append((3, paragraph.text))
    # its own 三定 rules cited: '《某省某某厅职能配置、内设机构和人员编制规定》' (the weakest statement, and
    # only on a page that speaks as a body of that kind, '我厅': a unit may cite its parent's rules)
    cited = [match["name"] for paragraph in document.paragraphs[:40] for match in _OWN_DUTIES_RULES.finditer(paragraph.text)]
    if cited:  # (the page's opening put together only then: every document passes here)
        opening = document.full_text()[:3000]
        candidates.extend((5, name) for name in cited if _speaks_as(name, opening))
    under: set[str] = set()
    for text in _body_texts(document):
        for match in _UNIT_OPENS_SENTENCE.finditer(text):
            name = (match["name"] or match["subject"] or match["quoted"] or match["worker"] or match["accounts"]
                    or match["organiser"] or match["renamed"] or match["scope"] or match["founded"] or match["dated"]
                    or match["listed"] or match["ranged"] or match["overview"])
            if match["founding"] and not _speaks_as(name, document.full_text()):
                continue  # a body presented by its founding is the unit only where the page speaks as it ('我院')
            # a name that opens with its place, or that the title names too ('田心乡…报告'
            # above '田心乡人民政府主要职能职责': a township the divisions data does not hold), or the one
            # unit a disclosure says it covers, a whole sentence ('…决算编制范围为中央某某台本级。')
            if _opens_with_a_division(name) or (title and name[:3] in title) or match["listed"] or match["ranged"]:
                # (a name with a second nameplate may be a body under the unit: '下属…某中心（挂某站牌子）内设…')
                candidates.append((4 if _SECOND_NAMEPLATE.search(match.group(0)) else 3, name))
        under.update(m["name"] for m in _UNDER_A_DEPARTMENT.finditer(text) if _opens_with_a_division(m["name"]))
    # a page presenting itself as a body under its department ('某某小学是某市教育局直属的…事业单位'):
    # the weakest statement, and only one body presented so, on a page that does not speak as the
    # department (a department's 决算 presents its schools so: '本部门决算由局机关及所属学校组成')
    if len(under) == 1 and not _SPEAKS_AS_A_DEPARTMENT.search(document.full_text()[:3000]):
        candidates.append((4, under.pop()))
    return [(rank, _first_of_two(clean_org_name(_SITE_GREETING.sub("", _MOJIBAKE_LEAD.sub("", name)))))
            for rank, name in candidates if name and name.strip()]


_SECOND_NAMEPLATE = re.compile(r"[（(]挂")
# (为 may be in the name: 为民服务中心)
_UNDER_A_DEPARTMENT = re.compile(_sentence_subject("name") + "[是系]" + _UNDER_A_DEPARTMENT_CLAUSE)
_SPEAKS_AS_A_DEPARTMENT = re.compile(r"本部门|局机关|部门本级|机关本级|所属(?:学校|单位)")


# the notes a disclosure table's top row holds beside its unit: its year and its money unit
_TABLE_NOTE_CELL = re.compile(rf"^(?:(?:预算|决算)?年度[:：]?{YEAR}年?度?|(?:金额)?单位[:：](?:万元|元|千元|亿元))$")


def _speaks_as(name: str, text: str) -> bool:
    """Whether the page speaks as a body of the name's kind: '我院' for a 学院, '我校' for a 学校, '我厅' for a 厅."""
    kind = next((end for end in ("中心", "院", "校", "园", "所", "站", "馆", "局", "厅", "会") if name.endswith(end)), None)
    return bool(kind) and f"我{kind}" in text


def _body_texts(document: Document) -> list[str]:
    """The report's first sentences (its first 60 paragraphs, as for labelled units: a unit
    speaks of itself early, and a long report need not be scanned whole) and those its first
    forms hold in cells."""
    return [p.text for p in document.paragraphs[:60]] + [cell for t in document.tables[:3] for _, _, cell in t.prose_cells()]


def _opens_with_a_division(name: str) -> bool:
    """'德钦县人民代表大会常务委员会' opens with 德钦县: a unit named with its place, not '县财政局';
    so does a party's or people's organisation's committee of a place after the organisation's
    name ('中共某县委…办公室', '中国民主建国会某市委员会', '共青团某县委员会')."""
    return bool(_leading_place(_NATIONAL_BODY.sub("", name)))


def _leading_place(name: str) -> str:
    """The longest division's name the name opens on ('德钦县' of '德钦县司法局'), or ''."""
    return next((name[:end] for end in range(min(len(name) - 1, 12) - 1, 1, -1) if is_division_name(name[:end])), "")


# the parties and people's organisations whose local committees put their place after the
# organisation's name
_NATIONAL_BODY = re.compile(
    r"^(?:中国共产党|中共|中国国民党革命委员会|民革|中国民主同盟|民盟|中国民主建国会|民建|中国民主促进会|民进|"
    r"中国农工民主党|农工党|中国致公党|致公党|九三学社|台湾民主自治同盟|台盟|中国共产主义青年团|共青团|"
    r"中国人民政治协商会议)"
)


def _first_of_two(name: str) -> str:
    """'市农业农村局-市畜牧兽医服务中心': a unit and its subordinate joined by a dash; the first
    names the unit."""
    first, dash, _ = name.partition("-")
    return first if dash and _ORG_SUFFIX.search(first) else name


def _brackets_closed(name: str) -> bool:
    return sum(name.count(c) for c in "（(") == sum(name.count(c) for c in "）)")


def is_unit_name(name: str, own_statement: bool = False) -> bool:
    """A whole organisation's name, not a sentence fragment that happens to end like one,
    nor two names run together (某省财政厅某省水利厅). A firm is an evaluator, unless the
    document's own title or form label names it (实施单位：某某城投公司); an accounting or
    consulting firm is an evaluator always."""
    firm = _THIRD_PARTY_FIRM.search(name)
    return (
        2 <= len(name) <= 40
        and bool(_ORG_SUFFIX.search(name) or (own_statement and name.endswith("公司")))
        and not _FRAGMENT.search(name)
        and not (_LEADING_WORD.match(name) and not _opens_with_a_division(name))
        and _brackets_closed(name)  # ('某区中央转移支付区域（全民健身中心': cut inside a bracket)
        and not _SENTENCE_WORDS.search(name)
        and not _COPULA_BETWEEN.search(name)  # ('某幼儿园系某某中心': two names and the verb between them)
        and not (_two_names(name) and not _BRANCH_END.search(name))
        and not (firm and (not own_statement or firm.group(0) != "公司"))
    )


def _two_names(name: str) -> bool:
    """Two units run together (某省财政厅某省水利厅), the second named with its place."""
    return any(not match["second"] or _opens_with_a_division(match["second"]) for match in _TWO_NAMES.finditer(name))


# the rules that set a unit's duties, posts and bodies (its 三定 rules), named after it
_OWN_DUTIES_RULES = re.compile(r"《(?P<name>[^《》<>]{4,40}?)(?:主要)?职能配置[、,，]?内设机构和人员编制(?:规定|方案)》")


def find_unit(document: Document, title: str | None) -> tuple[str | None, Region | None]:
    """The unit's full official name and its region: the most specific statement wins."""
    context = document.full_text()
    candidates = [
        (rank, name) for rank, stated in _unit_candidates(document, title)
        if is_unit_name(name := _as_government(stated, context), own_statement=rank <= 1)
    ]
    # a character written twice ('某某区区卫健局' beside 某某区卫健局) is a slip, not a fuller name
    candidates = [(rank, name) for rank, name in candidates if not any(_slip_of(name, other) for _, other in candidates)]
    # a body of a unit the file names more often is not the file's unit: among several forms,
    # one form's 实施单位 '某镇人民政府动拆迁办公室' beside the 某镇人民政府 of every form
    support = Counter(name for _, name in candidates)
    candidates = [(rank, name) for rank, name in candidates
                  if not any(_body_of(name, other) and support[other] > support[name] for other in support)]
    # a form's own label and the title are equally specific: the fuller name of the two wins
    # ('填报单位：某县政府办' beside the title's 某县人民政府办公室)
    best = min(candidates, key=lambda c: (max(c[0], 1), *(-q for q in _name_quality(c[1]))), default=(None, None))[1]
    # a fuller statement of the same name elsewhere wins: 前山镇 → 徐闻县前山镇人民政府, and the
    # name in full over its abbreviation: 六安市文旅局 → 六安市文化和旅游局
    best = max((name for _, name in candidates if best and _states_in_full(best, name)), key=len, default=best)
    # the title, put first: a page's chrome may stand before it in the text, and what opens the
    # title ('广西城乡居民…') opens the document
    region = resolve_region(best or "", f"{title}。{context}" if title else context)
    region = _branch_county(best, region)
    if best and region and not _starts_with_region(best, region):
        best = _expand_short_name(best, region, context)
    if best and region:
        best = _from_its_own_level(_prefecture_in_full(best, region, context), region, squash(context))
    return best, region


def _branch_county(name: str | None, region: Region | None) -> Region | None:
    """A city bureau's branch named after a county of that city is in that county
    ('临沧市生态环境局云县分局': 云县)."""
    branch = _BRANCH_OF_A_COUNTY.search(name or "")
    if not (branch and region and region.city and not region.county):
        return region
    county = resolve_region(region.city + branch["place"])
    return county if county and county.county and county.city == region.city else region


_BRANCH_OF_A_COUNTY = re.compile(r"局(?P<place>[\u4e00-\u9fff]{1,8}?[县区旗])分局$")


def _as_government(name: str, text: str) -> str:
    """A township named alone as a disclosure's subject ('某某县某某乡 2021年度部门决算') is its
    government, where the text names that government so ('某某县某某乡人民政府主要职能')."""
    if not name.endswith(("乡", "镇")):
        return name
    if f"{name}人民政府" in text:
        return f"{name}人民政府"
    # (the government named without its county: '长寿区龙河镇位于…' over '龙河镇人民政府内设…')
    town = _TOWN_AFTER_COUNTY.search(name)
    return f"{name}人民政府" if town and f"{town['town']}人民政府" in text else name


_TOWN_AFTER_COUNTY = re.compile(r"[县区市旗](?P<town>[^县区市旗州省]{1,6}[乡镇])$")


def _slip_of(name: str, other: str) -> bool:
    """Whether `name` is `other` with a character or a run of them written twice in a row
    ('某某区区卫健局', '某县某县教育局')."""
    extra = len(name) - len(other)
    return 1 <= extra <= 8 and any(
        name[i - extra : i] == name[i : i + extra] and name[:i] + name[i + extra :] == other
        for i in range(extra, len(name) - extra + 1))


def _from_its_own_level(name: str, region: Region, text: str) -> str:
    """A unit as readers record it: with its province where the document writes one before it
    (readers of batches 47-53 kept it eleven times to two; the warehouse keys a unit on its name
    without its province, int_reports.sql, so its reports stay one unit); a county's unit
    without its city where the document names it so too ('阿坝州阿坝县公安局' beside '阿坝县公安局',
    but 临沧市云县财政局 stated only so stays); a district's units with their city where the
    document names them so (绵阳市安州区…, 重庆市荣昌区…)."""
    if region.city == region.province:  # a municipality (北京市, 重庆市 …): its own name stays
        return _with_the_city(name, region, text)
    after = _after_place(name, region.city)
    if region.county and not region.county.endswith("区") and after and _after_place(after, region.county):
        name = after if _stated_alone(after, text) else name
    return _with_the_city(name, region, text)


def _with_the_city(name: str, region: Region, text: str) -> str:
    """'曾都区河道堤防管理处' is 随州市曾都区河道堤防管理处 where the document names it so too: a
    district's units are named with their city."""
    if region.county and region.county.endswith("区") and region.city and name.startswith(region.county) \
            and region.city + name in text:
        return region.city + name
    return name


def _stated_alone(name: str, text: str) -> bool:
    """Whether the text names `name` somewhere without a place written right before it."""
    return any(not _ENDS_ON_A_PLACE.search(text[max(0, m.start() - 12) : m.start()])
               for m in re.finditer(re.escape(name), text))


_ENDS_ON_A_PLACE = re.compile(r"(?:省|自治区|市|州|盟|地区)$")


def _prefecture_in_full(name: str, region: Region, text: str) -> str:
    """'红河州生态环境局' as 红河哈尼族彝族自治州生态环境局 where the document names the unit so
    too (the short form in a title, the full name in the body): readers record the full name."""
    rest = _after_place(name, region.city)
    if rest and not name.startswith(region.city) and region.city + rest in text:
        return region.city + rest
    return name


def _after_place(name: str, place: str | None) -> str | None:
    """The rest of the name after the place (in full, or an autonomous prefecture's short
    form: 阿坝州), None when the name does not open with it or nothing follows."""
    if not place:
        return None
    for form in (place, place[:2] + "州" if place.endswith("自治州") else None):
        if form and name.startswith(form) and len(name) > len(form):
            return name[len(form):]
    return None


def _body_of(name: str, unit: str) -> bool:
    """Whether `name` is a body within `unit`: the unit's name (its place before it or not:
    某县某镇人民政府, 某镇人民政府), then a body's ('…办公室')."""
    cores = [unit] + [unit[m.end():] for m in _PLACE_END.finditer(unit[:10]) if len(unit) - m.end() >= 4]
    for core in cores:
        if core in name:
            tail = name[name.index(core) + len(core):]
            return bool(tail) and tail != "人民政府" and bool(_ORG_SUFFIX.search(tail))
    return False


_PLACE_END = re.compile(r"(?:省|自治区|市|州|盟|县|区|旗)")


def _states_in_full(name: str, other: str) -> bool:
    """Whether `other` is `name` or says it more fully: it contains it, or spells out its
    abbreviation (every character of the name in order, the same start and the same ending,
    办 for 办公室: 某市扶贫办 and 某市人民政府扶贫开发办公室). A body named after it is a part
    of it, not it: 某镇人民政府动拆迁办公室 is no fuller 某镇人民政府."""
    if name in other:
        return not _body_of(other, name)
    rest = iter(other)
    same_end = name[-1] == other[-1] or name.endswith("办") and other.endswith("办公室")
    # (the place it opens on kept whole: '某某自治县人民法院' is not said more fully by a page's
    # slip '某某县某某自治县人民法院')
    return (name[:2] == other[:2] and same_end and other.startswith(_leading_place(name))
            and all(ch in rest for ch in name))


def _name_quality(name: str) -> tuple[int, int]:
    return (int(name.startswith("中共")) + int("委员会" in name) + int(len(name) >= 8), len(name))


def _starts_with_region(name: str, region: Region) -> bool:
    """Whether the name already says where it is: in full, without its suffix (衡阳县 → 衡阳),
    or by the short form of an autonomous prefecture (红河哈尼族彝族自治州 → 红河州); after the
    party's or the youth league's name (中共某县委, 共青团某市委)."""
    words = [w for w in (region.county, region.city, region.province) if w]
    body = name.removeprefix("中国共产党").removeprefix("中共").removeprefix("中国共产主义青年团").removeprefix("共青团")
    return any(body.startswith(w) or body.startswith(w[:-1]) or body.startswith(w[:2]) for w in words) or any(
        len(w) >= 3 and w in body for w in words  # '中国人民政治协商会议某某市委员会': the place inside the name
    )


def _expand_short_name(name: str, region: Region, text: str = "") -> str:
    """'网信办' of 衡阳县 → 中共衡阳县委网络安全和信息化委员会办公室; '财政局' → 衡阳县财政局; '市文旅局'
    of a county-level city (东阳市) is its own where the text names it so, else its prefecture's."""
    core = _PARTY_COMMITTEE_START.sub("", name)
    if core.startswith("市") and region.county and region.county.endswith("市") and region.county + core[1:] in text:
        return region.county + core[1:]
    place = region.county or region.city or region.province
    if region.county and region.county.endswith("区") and region.city:
        place = region.city + region.county  # districts are named with their city
    for short, full in _ABBREVIATIONS.items():
        if core.endswith(short):
            return f"中共{place}{full}"
    if core.startswith("自治区") and region.province.endswith("自治区"):  # '自治区文化和旅游厅'
        return region.province + core.removeprefix("自治区")
    # '省商务厅', '市文旅局', '区卫生健康局': the level is named, the place is the region's at that level
    district = region.county if region.county and region.county.endswith("区") else None
    if core.startswith("区") and district and region.city:
        return region.city + district + core[1:]
    level_place = {"省": region.province, "市": region.city, "州": region.city, "县": region.county}.get(core[:1])
    if level_place and not core.startswith("市场") and level_place.endswith(core[:1]):
        return level_place + core[1:]
    return place + core


def find_score_and_grade(document: Document) -> tuple[float | None, float | None, str | None]:
    score = max_score = grade = None
    for table in document.tables:
        found = _score_from_table(table)
        if found[0] is not None:
            score, max_score = found[0], found[1] or max_score
        grade = grade or found[2]
    # a paragraph on one project ('XX经费：…自评得分85分') scores the project, not the report
    text = halfwidth("\n".join(p.text for p in document.paragraphs if not paragraph_project(p.text)))
    if score is None:
        match = next((m for m in _SCORE.finditer(text) if not _PART_WEIGHT.search(text, max(0, m.start() - 16), m.start())
                      and not scores_a_rate(text, m.start())), None) or _SCORE_CELL.search(text) or _FLAT_TOTAL.search(text)
        if match:
            score = float(next(group for group in match.groups() if group))
    if max_score is None:
        match = _MAX_SCORE.search(text)
        max_score = float(match.group(1)) if match else (100.0 if score is not None else None)
    if grade is None:
        grade = stated_grade(text)
    return score, max_score, grade


def _score_from_table(table: Table) -> tuple[float | None, float | None, str | None]:
    score = max_score = grade = None
    for row in table.rows:
        cells = [squash(c) for c in row]
        for i, cell in enumerate(cells):
            if cell[-1:] in ":：" and cell[:-1] in _TOTAL_LABELS and i + 1 < len(cells):
                # a form's label and its value: '自评总分: | 99.68' (the cells after it are other fields)
                value = parse_score(cells[i + 1])
                score = float(value) if value is not None else score
                continue
            is_total = cell in _TOTAL_LABELS or (
                cell in ("评价结果", "评分结果", "自评结果") and _full_points_first(cells[i + 1 :]))
            # a form's closing row '综合评定等级 | 优秀 | 合计 | 100 | 93'
            if is_total or (cell in ("合计", "总计") and any("等级" in c for c in cells)):
                numbers = [n for c in cells[i + 1 :] if (n := parse_score(c)) is not None]  # ('100分')
                if len(numbers) >= 2:
                    max_score, score = float(numbers[0]), float(numbers[-1])
                elif numbers:
                    score = float(numbers[0])
            if _GRADE_LABEL.search(cell) and i + 1 < len(cells):
                grade = grade_word(cells[i + 1]) or grade
    if score is None:  # a results table whose total row lost its label: '100.00 | 94.04 | 优'
        score, max_score, grade = _unlabelled_total(table, grade)
    return score, max_score, grade


_TOTAL_LABELS = ("总分", "合计得分", "总得分", "自评总分", "综合得分")


def _full_points_first(cells: list[str]) -> bool:
    """'评价结果 | 100 | 86.5': the full points, then the score (not '评价结果 | 优')."""
    numbers = [n for c in cells if (n := parse_score(c)) is not None]
    return len(numbers) >= 2 and numbers[0] == 100


def _unlabelled_total(table: Table, grade: str | None) -> tuple[float | None, float | None, str | None]:
    """The last row holding only the full points (100), a score under them and a grade word:
    the whole's result, where the page dropped the row's 合计 label. Rows of single indicators
    carry their own points (never 100) or a label."""
    for row in reversed(table.rows):
        cells = [squash(c) for c in row if squash(c)]
        if len(cells) == 3 and parse_number(cells[0]) == 100 and grade_word(cells[2]):
            score_value = parse_number(cells[1])
            if score_value is not None and 0 <= score_value <= 100:
                return float(score_value), 100.0, grade or grade_word(cells[2])
    return None, None, grade

