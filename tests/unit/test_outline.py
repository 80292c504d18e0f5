"""pipelines.extract.outline: heading numbering (一、 （一） 1. （1） ①) and what counts as a heading.

Rules covered, one row each with a near miss:
- numbering_level: level 1 一、/十一、, level 2 （一）/(二), level 3 1./1、/12. (not a decimal
  such as 1.5), level 4 （1）, level 5 ①;
- strip_numbering removes whichever numbering opens the line;
- is_heading: at most 32 characters after the numbering; a numbered line is a heading unless it
  carries a comma and is longer than 16 characters; an unnumbered one unless it carries clause
  punctuation before its last character.
"""

from __future__ import annotations

import pytest

from pipelines.extract.outline import is_heading, numbering_level, strip_numbering


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、部门基本情况", 1),
        ("十一、其他", 1),
        ("二.主要职能", 1),
        ("（一）项目概况", 2),
        ("(二)项目概况", 2),
        ("1.资金使用", 3),
        ("1、资金使用", 3),
        ("12.资金使用", 3),
        ("（1）基本工资", 4),
        ("①基本工资", 5),
        # near misses
        ("1.5万元", None),  # a decimal figure, not a numbered item
        ("123.资金", None),  # three digits: a code or figure, not a list number
        ("部门基本情况", None),
        ("一是加强管理", None),  # 一是 enumerates inside a sentence, it is no numbering
    ],
)
def test_numbering_level(text, level):
    assert numbering_level(text) == level


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("一、部门基本情况", "部门基本情况"),
        ("（一） 项目概况", "项目概况"),
        ("1、资金使用", "资金使用"),
        ("（1）基本工资", "基本工资"),
        ("①基本工资", "基本工资"),
        # near misses: nothing to strip
        ("1.5万元", "1.5万元"),
        ("部门基本情况", "部门基本情况"),
    ],
)
def test_strip_numbering(text, stripped):
    assert strip_numbering(text) == stripped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、部门基本情况", True),
        ("三、存在的问题", True),
        ("部门基本情况", True),
        ("存在问题：", True),  # the colon at the very end is no clause break
        ("二、主要做法，成效明显", True),  # numbered, a comma, but short
        # near misses
        ("一、本单位严格执行预算，认真落实各项管理制度，取得了较好的成效", False),  # numbered sentence
        ("本年收入合计100万元，支出90万元。", False),  # unnumbered sentence
        ("一、" + "部门" * 17, False),  # 34 characters after the numbering: too long
        ("一、", False),  # nothing after the numbering
    ],
)
def test_is_heading(text, expected):
    assert is_heading(text) is expected
