"""An evaluation's score by part: a small table of its parts' points and scores, closed by the
total ('评价内容 | 标准分值 | 评价得分' over '投入 | 16 | 12', …, '总分 | 100 | 92'), as a table or
as a PDF's text runs it into the prose ('评价准则 分值 实际得分 目标完成程度 (80%) 80分 67分 …
综合绩效 100分 83分').

Each part is an indicator row of the unit (level 1 and 3 both the part: it is its own deepest
level). Where its rows end is certain only by the sums: the parts are kept when their points add
up to the total's and their scores to the total's score; otherwise nothing is read.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pipelines.documents.model import Document
from pipelines.extract.indicators import IndicatorRow
from pipelines.normalize.numbers import halfwidth

_NUMBER = r"\d{1,3}(?:\.\d{1,2})?"
_HEADER = re.compile(
    r"(?:评价内容|评价准则|评价维度|评价项目|评价指标|指标名称|一级指标|指标)\s*[|｜]?\s*"
    r"(?:标准分值|指标分值|标准分|分值|满分|权重)\s*[|｜]?\s*(?:评价得分|实际得分|得分|评分)\s*[|｜]?"
)
# a part: its name, the share it weighs ('(80%)'), its points and its score
_PART = re.compile(
    rf"\s*(?P<name>[\u4e00-\u9fff]{{2,12}})\s*(?:[（(]\s*\d{{1,3}}\s*%\s*[）)])?\s*[|｜]?\s*"
    rf"(?P<weight>{_NUMBER})\s*分?\s*[|｜]?\s*(?P<score>{_NUMBER})\s*分?\s*[|｜]?"
)
_TOTAL = re.compile(r"总分|总计|合计|综合绩效|综合得分|综合评分")
_SLACK = Decimal("0.05")  # rounding: parts written to one decimal summed against a total written to one


def part_scores(document: Document) -> list[IndicatorRow]:
    """The parts of the first score table, in a paragraph or a table, whose sums check."""
    for text, locator in _texts(document):
        for header in _HEADER.finditer(text):
            rows = _parts_after(text, header.end(), locator)
            if rows:
                return rows
    return []


def _texts(document: Document):
    for paragraph in document.paragraphs:
        yield halfwidth(paragraph.text), paragraph.locator
    for table in document.tables:  # a table's rows, one after another
        yield halfwidth(" ".join(" | ".join(row) for row in table.rows)), table.locator()


def _parts_after(text: str, start: int, locator: str) -> list[IndicatorRow]:
    parts: list[tuple[str, Decimal, Decimal]] = []
    position = start
    while match := _PART.match(text, position):
        name, weight, score = match["name"], Decimal(match["weight"]), Decimal(match["score"])
        if _TOTAL.fullmatch(name):
            return _checked(parts, weight, score, locator)
        if score > weight:
            return []  # a score above its points: no row of this table
        parts.append((name, weight, score))
        position = match.end()
    return []  # no total: where the rows end is a guess


def _checked(parts, total_weight: Decimal, total_score: Decimal, locator: str) -> list[IndicatorRow]:
    if len(parts) < 2 or abs(sum(w for _, w, _ in parts) - total_weight) > _SLACK \
            or abs(sum(s for _, _, s in parts) - total_score) > _SLACK * len(parts):
        return []
    return [IndicatorRow(name, None, name, None, None, float(weight), float(score), f"{locator} part {i}")
            for i, (name, weight, score) in enumerate(parts, 1)]
