"""Headings from their numbering (一、 （一） 1. （1）) and the sections they open."""

from __future__ import annotations

import re

from pipelines.normalize.text import NUMBERING

# patterns of the functions below, compiled once at import
_CLAUSE_PUNCTUATION = re.compile(r"[，。；：:,]")

_LEVELS = [
    (1, re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")),
    (2, re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]")),
    (3, re.compile(r"^\d{1,2}\s*[、.．](?!\d)")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
    (5, re.compile(r"^[①-⑳]")),
]


def numbering_level(text: str) -> int | None:
    for level, pattern in _LEVELS:
        if pattern.match(text):
            return level
    return None


def strip_numbering(text: str) -> str:
    return NUMBERING.sub("", text).strip()


def is_heading(text: str) -> bool:
    """A short numbered line, or a short line without sentence punctuation."""
    body = strip_numbering(text)
    if len(body) > 32 or not body:
        return False
    if numbering_level(text) is not None:
        return "，" not in body.rstrip("。") or len(body) <= 16
    return not _CLAUSE_PUNCTUATION.search(body[:-1])
