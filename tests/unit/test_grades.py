"""pipelines.normalize.grades: grades in one vocabulary (优秀/良好/中/差).

Rules covered, one row each with a near miss:
- stated_grade: a grade after 等级/评级/评定为/评价结果为/结果为/等次, with an optional 为/是/colon
  and quote; 优/良/合格/不合格 map to 优秀/良好/中/差; a grade word in a sentence that names no
  grade (项目执行良好) is none;
- grade_word: a cell holding only a grade word, spaces allowed; anything else is none.
"""

from __future__ import annotations

import pytest

from pipelines.normalize.grades import grade_word, stated_grade


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("自评等级“良好”", "良好"),
        ("评价等级为优秀", "优秀"),
        ("评定为良", "良好"),
        ("评价结果为优", "优秀"),
        ("综合评定等级：合格", "中"),
        ("考核等次为不合格", "差"),
        ("自评等级为差", "差"),
        ("得分90分，等级：中", "中"),
        ("评级是良好", "良好"),
        ("评价得分及绩效等级为(良)", "良好"),  # in brackets
        ("等级为(中央资金)", None),  # near miss: a bracket that opens on a word
        # near misses: a grade word without a grade label
        ("项目执行良好", None),
        ("该项目质量优良", None),
        ("等级", None),
        ("评价结果中期", None),  # 中 right after 评价结果 without 为 is not a stated grade
        # what the evaluation came to, a page's space inside the word; near miss: a word going on from 中
        ("部门整体绩效自评为优 秀；二是项目自评情况", "优秀"),
        ("本项目评价为良。", "良好"),
        ("自评为中央资金的使用", None),
    ],
)
def test_stated_grade(text, grade):
    assert stated_grade(text) == grade


@pytest.mark.parametrize(
    ("cell", "grade"),
    [
        ("优秀", "优秀"),
        ("优", "优秀"),
        ("良", "良好"),
        (" 合格 ", "中"),
        ("不合格", "差"),
        ("差", "差"),
        # near misses
        ("优良", None),
        ("A", None),
        ("", None),
        (None, None),
        ("等级：优秀", None),  # a cell with a label is no bare grade
    ],
)
def test_grade_word(cell, grade):
    assert grade_word(cell) == grade
