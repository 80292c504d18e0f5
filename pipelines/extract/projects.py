"""Named projects listed without amounts: 'XX项目、YY项目等6个项目…评价等级为优秀'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.documents.model import Document
from pipelines.extract.meta import is_page_label
from pipelines.extract.money import paragraph_project
from pipelines.extract.project_forms import name_in_row
from pipelines.extract.tables import build_header, row_kind, table_width
from pipelines.normalize.grades import grade_word, scores_a_rate, stated_grade
from pipelines.normalize.numbers import AMOUNT_IN_TEXT, halfwidth, parse_score
from pipelines.normalize.text import PROJECT_NAME_END, YEAR, squash

# patterns of the functions below, compiled once at import
_SCORE_OR_GRADE = re.compile(r"得分|评分|等级|评价结果")
_SCORE_HEADER = re.compile(r"得分|评分")
_GRADE_HEADER = re.compile(r"等级|评价结果|评定结果")

# 'A项目、B经费、C项目等6个项目' (names end as projects do; the count may be in words)
_NAME_END = r"(?:项目|经费|专项|工程)"
_LIST = re.compile(
    rf"((?:[^、，,。；;：:]{{2,40}}?{_NAME_END}、)+[^、，,。；;：:]{{2,40}}?{_NAME_END})"
    r"等?\s*[\d一二三四五六七八九十两]*\s*个?项目"
)
# the words before the first name: up to its year ('我局对2022年度…'), or the subject and its
# preposition ('我局对…', '本单位将…')
_LEAD = re.compile(rf"^.*?(?:对|将|的)?\s*{YEAR}\s*年度?|^(?:我们|我|本)[^、，,]{{0,4}}?(?:对|将)")
_SCORE = re.compile(r"得分\s*(?:为|是)?\s*(\d{1,3}(?:\.\d+)?)\s*分")


# '…2023年异地造林补助资金项目支出绩效自评报告', '关于上报…护理费项目支出绩效自评的报告', '…资金绩效评价自评报告',
# '2021年度某某奖助学金项目自评结果', '某某专项资金使用情况绩效自评报告', and a form's title: '某某项目绩效自评表'
_REPORT_SUBJECT = re.compile(
    r"^(?:关于)?(?:上报|报送|印发)?(?P<name>.+?)(?:(?:管理|预算)?(?:使用|执行|实施)(?:情况)?)?(?:支出)?(?:区域)?(?:绩效)?(?:目标)?(?:评价)?(?:单位)?(?:自评价?|评价)(?:的|工作)?(?:总结)?"
    r"(?:报告|结果|(?:指标)?(?:计分|评分|打分)?表)"
)
_BRACKET_SUBJECT = re.compile(r"[（(](?P<name>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]$")
_YEAR_WORDS = re.compile(rf"^.*?{YEAR}(?:\s*年度?)?")  # ('2022项目': a year written without 年)
_YEAR_AFTER = re.compile(rf"(?<=\D)\s*{YEAR}\s*年度?$")


def report_project(title: str | None, unit_name: str | None) -> str | None:
    """The project a project report (or a form without a 项目名称 cell) is about, as its title
    names it: the bracket at its end ('…自评报告（春节慰问经费项目）') or the words between the unit
    and year and '…绩效自评报告' / '…绩效自评表'."""
    if not title:
        return None
    bracket = _BRACKET_SUBJECT.search(title)
    # a bracket may also name a line of spending: '…项目支出绩效评价报告（防尘洗护费）'
    if bracket and (PROJECT_NAME_END.search(bracket["name"]) or bracket["name"].endswith("费")):
        return bracket["name"]
    subject = _REPORT_SUBJECT.match(title)
    if not subject:
        return None
    name = subject["name"]
    if unit_name and name.startswith(unit_name):
        name = name[len(unit_name):]
    # the year before the project's name, or after it ('某县省级彩票公益金转移支付2023年度…')
    name = _YEAR_AFTER.sub("", name) if _YEAR_AFTER.search(name) else _YEAR_WORDS.sub("", name).strip()
    if unit_name and name.startswith(unit_name):  # (the unit after the year: '2023年度某某局部门某某项目…')
        name = name[len(unit_name):]
    name = _UNITS_OWN.sub("", name)  # '部门某某重点项目': the unit's, said so
    if said_a_project := _SAID_A_PROJECT.search(name):  # '某某事业费(项目)': named a project by its bracket
        return name[: said_a_project.start()] or None
    if (not PROJECT_NAME_END.search(_BRACKET_END.sub("", name)) or _GENERIC.match(name) or _COUNTED.match(name)
            or _SECTION_HEADING.match(name)):
        return None
    return name


_UNITS_OWN = re.compile(r"^部门(?!预算|决算|整体)(?=\S{4})")  # (not '部门预算管理一体化建设项目')
_SAID_A_PROJECT = re.compile(r"[（(]项目[）)]$")
# a report's numbered section heading, cut inside a cited form's name: '三、绩效指标分析情况(对照《项目'
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")


# a note in brackets after a project's name: '某某专项资金(融资担保降费奖补)'
_BRACKET_END = re.compile(r"[（(][^（）()]{1,20}[）)]$")


def heading_project(document: Document, unit_name: str | None) -> str | None:
    """The project a heading near the top names, where the title found names none (a page's
    label '名称: 2023年度转移支付绩效自评' above the report's own heading, which may break its
    last words onto a line of their own: '某局某某专项资金2023年度绩效' over '自评报告')."""
    paragraphs = document.paragraphs[:30]
    for i, paragraph in enumerate(paragraphs):
        text = paragraph.text.strip()
        if is_page_label(text):
            continue  # '名称: 某市转移支付…', '标题某某…'
        following = paragraphs[i + 1].text.strip() if i + 1 < len(paragraphs) else ""
        for candidate in (text, text + following) if len(following) <= 8 else (text,):
            name = report_project(candidate, unit_name) if len(candidate) <= 80 else None
            if name:
                return name
    return None


def cover_project(document: Document) -> str | None:
    """The project a report's cover names on a line of its own, as a form's cell does:
    '项目名称：某某维护经费'."""
    for paragraph in document.paragraphs[:15]:
        name = name_in_row([squash(paragraph.text)])
        if name and not _GENERIC.match(name):
            return name
    return None


# the project a report without a title says it evaluated: '我单位对某某项目(一期)执行情况开展了自评'
_EVALUATED = re.compile(
    rf"对\s*(?:{YEAR}\s*年度?)?(?P<name>[^，,。；;：:“”]{{4,40}}?(?:项目|工程)(?:[（(][^（）()]{{1,8}}[）)])?)"
    r"(?:的)?(?:执行|实施|完成|资金使用)?情况?(?:进行|开展)了?(?:绩效)?自评"
)


def evaluated_project(text: str) -> str | None:
    match = _EVALUATED.search(text)
    return match["name"] if match and not _GENERIC.match(match["name"]) else None


# a transfer payment's report opening a section on its project: '某某项目中央拨付财政资金500万元，…'
# (not the template's own heading: '2.简要概述项目资金情况。')
_OPENING_PROJECT = re.compile(r"^(?![我本该各全]|争取|获得|申请|完成|实施|开展|根据|按照|(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)]?\s*[、.．]?)?(?:简要|概述|简述|简介|说明))(?P<name>[^，,。；;：:“”\s了]{4,40}?项目)(?=中央|省级|市级|县级|资金|总投资|共计|计划)")


# (not the money spent, said before its word: '2022年实际支出项目资金200万元', '截至年底累计支出项目资金…')
_SPENT = re.compile(r"实际|累计")


# …or a paragraph on its project, named in full after 该: '该某某专项资金项目于2020年初向财政局申报…'
_THIS_PROJECT_NAMED = re.compile(r"^该(?P<name>[^，,。；;：:“”\s了]{4,40}?项目)(?=于|自|从)")


def opening_project(document: Document) -> str | None:
    """The project a report without a named one opens a paragraph of figures on, near its top,
    or names in full after 该 (not a title naming it, nor a sentence of the unit's: '我校完善了项目…')."""
    for paragraph in document.paragraphs[:40]:
        text = paragraph.text.strip()
        match = (_OPENING_PROJECT.match(text) if AMOUNT_IN_TEXT.search(text) else None) or _THIS_PROJECT_NAMED.match(text)
        if match and not _GENERIC.match(_YEAR_WORDS.sub("", match["name"])) and not _SPENT.search(match["name"]):
            return match["name"]
    return None


# a count of projects ('…10个重点项目绩效评价报告'): many projects, none named
_COUNTED = re.compile(r"^[\d一二三四五六七八九十两]+个")


# words that name money in general, not a project: '项目', '专项资金', '本级项目经费', '部门决算中项目'
# ('中央转移支付': only where the money comes from, no project)
# ('安徽省某市转移支付': a region's transfer payments, no project)
_GENERIC = re.compile(
    r"^(?:部门|单位|本级)?(?:(?:决算|预算)中?)?(?:项目|专项|资金|经费)+$|^(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|州|盟|县|区|旗))*"
    r"(?:中央|省级?|市级?|县级?|区级?)?转移支付$"
)


@dataclass
class ListedProject:
    name: str
    score: float | None
    grade: str | None
    locator: str
    excerpt: str


def listed_projects(document: Document) -> list[ListedProject]:
    found: list[ListedProject] = []
    for paragraph in document.paragraphs:
        for sentence in paragraph.text.split("。"):
            match = _LIST.search(sentence)
            if not match:
                continue
            grade = stated_grade(sentence)
            score = _SCORE.search(sentence)
            names = [_LEAD.sub("", name).strip() for name in match.group(1).split("、")]
            for name in names:
                found.append(
                    ListedProject(
                        name,
                        float(score.group(1)) if score else None,
                        grade,
                        paragraph.locator,
                        sentence[:80],
                    )
                )
    return found


def project_scores(document: Document) -> dict[str, tuple[float | None, str | None]]:
    """Score and grade of each project a paragraph reports on ('…自评得分85分，评价等级为良好')."""
    scores: dict[str, tuple[float | None, str | None]] = {}
    for paragraph in document.paragraphs:
        name = paragraph_project(paragraph.text)
        if not name:
            continue
        text = halfwidth(paragraph.text)
        score = next((m for m in _SCORE.finditer(text) if not scores_a_rate(text, m.start())), None)
        grade = stated_grade(text)
        if score or grade:
            scores[name] = (
                float(score.group(1)) if score else None,
                grade,
            )
    return scores


def table_project_scores(document: Document) -> dict[str, tuple[float | None, str | None]]:
    """Score and grade columns of a project table ('项目名称 | … | 自评得分 | 自评等级', or
    '序号 | 主管部门 | 项目单位 | 项目名称 | … | 评价得分 | 评价结果')."""
    scores: dict[str, tuple[float | None, str | None]] = {}
    for table in document.tables:
        name_col = score_col = grade_col = None
        for r, row in enumerate(table.rows):
            cells = [squash(c) for c in row]
            names = [i for i, c in enumerate(cells) if c == "项目名称"] or [i for i, c in enumerate(cells[:1]) if "项目" in c]
            if names and any(_SCORE_OR_GRADE.search(c) for c in cells):
                cells = _spread_over_the_header_rows_below(table.rows, r, cells)
                name_col = names[0]
                score_col = next((i for i, c in enumerate(cells) if _SCORE_HEADER.search(c)), None)
                grade_col = next((i for i, c in enumerate(cells) if _GRADE_HEADER.search(c)), None)
                continue
            if name_col is None or name_col >= len(row):
                continue
            name = row[name_col].strip()
            score = parse_score(row[score_col]) if score_col is not None and score_col < len(row) else None
            grade = cells[grade_col] if grade_col is not None and grade_col < len(cells) else None
            if name and (score is not None or grade_word(grade)):
                scores[name] = (float(score) if score is not None else None, grade_word(grade))
    return scores



def _spread_over_the_header_rows_below(rows: list[list[str]], r: int, cells: list[str]) -> list[str]:
    """The header row's labels column by column, when a header row below breaks one of them
    down ('预算数 | 执行数 | 自评得分' over '中央 | 省级 | 市级 | 区级': 自评得分 stands three
    columns further right in the data rows)."""
    below = r + 1
    while below < len(rows) and row_kind(rows[below]) == "header":
        below += 1
    if below == r + 1:
        return cells
    header = build_header(rows, list(range(r, below)), table_width(rows))
    return [squash(" ".join(header.labels(c))) for c in range(len(header.grid[0]))]
