"""Findings: the items under 存在的问题 (problems) and 改进措施 (measures).

A section runs from its heading to the next heading of the same or a higher level. Items
are its numbered paragraphs, its sub-headings with their text, or the 一是…二是… parts of
one paragraph; a section that says 无 has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.extract.outline import is_heading, numbering_level, strip_numbering
from pipelines.normalize.text import ORGANISATION_END, YEAR

# patterns of the functions below, compiled once at import
_ANSWERS_A_PROBLEM = re.compile(r"针对|提出")

_PROBLEM = re.compile(r"问题|不足")
_MEASURE = re.compile(r"改进|措施|建议|整改|下一步")
_OTHER_SECTION = re.compile(r"其他|评价工作组|附件|签字|自评结果|评价结论|绩效情况|名单")
_NONE = re.compile(r"^(?:无|暂无|没有|无问题|无。|无$)[。.]?$")
_ENUMERATION = re.compile(r"[一二三四五六七八九十]是")
_ORGANISATION = re.compile(ORGANISATION_END + r"$|[（(]盖章[）)]$")
_FORM_FOOTER = re.compile(r"^(?:填表人|联系人|经办人|单位负责人|审核人|附件)")
_DATE_ONLY = re.compile(rf"^\s*{YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*$")


@dataclass
class Finding:
    kind: str
    text: str
    locator: str


def section_kind(text: str) -> str | None:
    """'problem', 'measure' or None for a heading; a heading naming both is a container."""
    body = strip_numbering(text)
    problem, measure = bool(_PROBLEM.search(body)), bool(_MEASURE.search(body))
    if problem and not measure and ("问题" in body or body.rstrip("：: ").endswith("不足")):
        return "problem"  # 存在的问题, 主要问题及不足, 存在的不足 (not …完成情况及不足分析)
    if measure and not problem:
        return "measure"
    if measure and problem and _ANSWERS_A_PROBLEM.search(body):
        return "measure"  # '针对问题提出具体的改进措施或建议'
    return None


# '5.存在的问题：一是…；二是…' — the heading and its items in one paragraph
_INLINE = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]?\s*)?"
    r"(存在的主要问题|存在的问题|存在问题|主要问题|改进措施|整改措施|改进措施和建议|措施和建议|改进建议)"
    r"(?:及(?:其)?原因(?:分析)?)?"  # '主要问题及原因：一是…'
    r"(?:主要(?:有|是|表现在)|如下)?[：:](.+)$"  # '存在的问题主要有：一是…'
)


def document_findings(document: Document) -> list[Finding]:
    findings: list[Finding] = []
    listed: list[Finding] = []  # lists inside a paragraph: a summary's, kept where no section lists its kind
    blocks = document.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        inline = _INLINE.match(block.text) if isinstance(block, Paragraph) else None
        if inline and len(inline.group(2)) > 4:
            kind = "problem" if "问题" in inline.group(1) else "measure"
            findings.extend(
                Finding(kind, part, block.locator) for part in _enumerated(inline.group(2)) if not _NONE.match(part)
            )
            i += 1
            continue
        kind = section_kind(block.text) if isinstance(block, Paragraph) and is_heading(block.text) else None
        if kind is None:
            listed.extend(_listed_mid_paragraph(block) if isinstance(block, Paragraph) else [])
            i += 1
            continue
        level = numbering_level(block.text)
        body, i = _section_body(blocks, i + 1, level)
        findings.extend(_items(kind, body))
    kinds = {finding.kind for finding in findings}
    return findings + [finding for finding in listed if finding.kind not in kinds]


# '…自评得分90分，存在的问题：一是…二是…。下一步改进措施：一是…二是…' — the headings inside a
# paragraph of the report's summary, each followed by its items counted off
_LISTED_INSIDE = re.compile(
    r"(存在的主要问题|存在的问题|存在问题|主要问题|下一步改进措施|改进措施|整改措施|改进建议)"
    r"(?:及(?:其)?原因(?:分析)?)?(?:主要(?:有|是|表现在)|如下)?[：:]\s*(?=一是)"
)


def _listed_mid_paragraph(paragraph: Paragraph) -> list[Finding]:
    """Problems and measures a paragraph lists after a heading inside it, as 一是…二是…; each list
    runs to the next such heading or the paragraph's end."""
    heads = list(_LISTED_INSIDE.finditer(paragraph.text))
    found = []
    for n, head in enumerate(heads):
        end = heads[n + 1].start() if n + 1 < len(heads) else len(paragraph.text)
        parts = _enumerated(paragraph.text[head.end() : end])
        if len(parts) >= 2:
            kind = "problem" if "问题" in head.group(1) else "measure"
            found.extend(Finding(kind, part, paragraph.locator) for part in parts)
    return found


def _section_body(blocks, start: int, level: int | None) -> tuple[list[Paragraph], int]:
    body: list[Paragraph] = []
    i = start
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Table) or _DATE_ONLY.match(block.text) or _FORM_FOOTER.match(block.text):
            break
        if is_heading(block.text):
            other_level = numbering_level(block.text)
            if section_kind(block.text) or _OTHER_SECTION.search(block.text):
                break
            if other_level is not None and level is not None and other_level <= level:
                break
            if other_level is None and _is_signature(blocks, i):
                break
        body.append(block)
        i += 1
    return body, i


def _is_signature(blocks, i: int) -> bool:
    """A short unnumbered line that names an organisation, or stands right before the
    closing date: the unit signing, not a finding."""
    text = blocks[i].text.strip()
    if _ORGANISATION.search(text):
        return True
    if text.endswith(("。", "；", ";")):
        return False  # a sentence, as the last measure of a report ends: no one signs so
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt is None or (isinstance(nxt, Paragraph) and bool(_DATE_ONLY.match(nxt.text)))


def _items(kind: str, body: list[Paragraph]) -> list[Finding]:
    items: list[Finding] = []
    open_heading: Finding | None = None
    for paragraph in body:
        text = paragraph.text.strip()
        if not text or _NONE.match(text):
            continue
        if numbering_level(text) is not None and is_heading(text):
            open_heading = Finding(kind, strip_numbering(text).rstrip("。："), paragraph.locator)
            items.append(open_heading)
            continue
        if open_heading is not None and numbering_level(text) is None:
            open_heading.text += "：" + text  # the text under a numbered sub-heading
            open_heading = None
            continue
        open_heading = None
        inline = _INLINE.match(text)  # '存在的问题主要有：一是…' under '…原因和改进措施': problems all the same
        own_kind = ("problem" if "问题" in inline.group(1) else "measure") if inline else kind
        parts = _enumerated(inline.group(2) if inline else text)
        items.extend(Finding(own_kind, part, paragraph.locator) for part in parts)
    return items


def _enumerated(text: str) -> list[str]:
    """'…：一是A；二是B；三是C。' → [A, B, C]; otherwise the paragraph itself."""
    marks = list(_ENUMERATION.finditer(text))
    if len(marks) < 2:
        return [strip_numbering(text)]
    parts = []
    for n, mark in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        part = text[mark.end() : end].strip(" ；;，,。")
        if part:
            parts.append(part)
    return parts
