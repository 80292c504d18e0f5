"""Grades as reports state them (优秀/良好/中/差, or 优/良/合格/不合格), in one vocabulary."""

from __future__ import annotations

import re

GRADE_WORDS = {"优秀": "优秀", "优": "优秀", "良好": "良好", "良": "良好", "中": "中", "合格": "中", "差": "差",
               "不合格": "差"}

# '自评等级“良好”', '评价等级为优秀', '评定为良', '结果为优', '绩效等级为(良)', '评价结果级别为优'
_STATED = re.compile(
    r"(?:等级|评级|评定为|评价结果为|结果为|结果级别|等次)\s*(?:为|是|：|:)?\s*"
    r"(?:[（(](优秀|良好|不合格|合格|优|良|中|差)[）)]|[“\"'「]?(优秀|良好|不合格|合格|优|良|中|差))"
)


# '整体绩效自评为优秀', '项目评价为良': the grade as what the evaluation came to (a one-character
# grade only where no word goes on from it: not '自评为中央资金…'; a page may space a word: '优 秀')
_RATED_AS = re.compile(r"(?:自评|评价)(?:结果)?为\s*[“\"]?(优秀|良好|不合格|合格|优|良|中|差)(?![\u4e00-\u9fff])")


def stated_grade(text: str) -> str | None:
    """The grade a sentence states, in the contract's words; None when it states none."""
    match = _STATED.search(text) or _RATED_AS.search(text)
    return GRADE_WORDS[next(word for word in match.groups() if word)] if match else None


def grade_word(cell: str | None) -> str | None:
    """A form cell holding just a grade ('优秀', '良')."""
    return GRADE_WORDS.get((cell or "").strip())


# '执行率为100%，得分10分': the points of the rate's indicator, not a score of the report or project
_RATE_JUST_BEFORE = re.compile(r"率\s*(?:为|是|达到?)?\s*\d{1,3}(?:\.\d+)?\s*%\s*[,，、]?\s*$")


def scores_a_rate(text: str, start: int) -> bool:
    """Whether the bare 得分 at text[start:] follows a rate: that rate's points (a total's own word,
    '…执行率100%，自评得分98分' or '综合得分95.5分', is the total)."""
    return text.startswith("得分", start) and bool(_RATE_JUST_BEFORE.search(text, max(0, start - 20), start))
