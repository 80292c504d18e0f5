"""A project form a page ran together on one line.

Document-sharing sites, and some government pages, give a whole 项目支出绩效自评表 as one line
with every separator gone (the sharing site also cuts it into its own numbered pages,
'1、…' '2、…'):

    项目名称某某项目主管部门某某局实施单位某某局资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分
    年度资金总额:202010100.00%10其中:本年财政拨款2020其他资金年度总体目标…一级指标二级指标三级指标
    分值年度指标值全年实际值得分…产出指标(70分)数量指标安装某某10≥266米≥266米10质量指标…总分100100

`unfuse_forms` gives such a line back as the lines the form readers read:
- one line per head and money row, before each row's label (项目名称, 主管部门, 实施单位, the
  money header, 年度资金总额, 其中, 其他资金, 年度总体目标): a money row's run of figures is
  then split as any fused row is (normalize/fused.py);
- the indicator block as a table: its header's columns, and a row per indicator under its
  level names, each indicator's name followed by its figures cut by the header's columns
  (分值, 年度指标值, 全年实际值, 得分 in the header's order). A cut is taken only where exactly one
  reading fits (points at most 100, a score at most its points, figures written as figures
  are, a target and a result in words the same words twice); a level's indicators that no
  single cut reads are left out, never guessed;
- the total row (总分) with its points and score cut the same way.
Lines that are not such a form pass through unchanged.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from pipelines.normalize.phases import FORM_COLUMN_PHASES
from pipelines.normalize.text import FORM_DEPARTMENT, FORM_IMPLEMENTER, FORM_PROJECT_NAME, INDICATOR_VALUE_COLUMNS

_MIN_LENGTH = 150  # characters: a shorter line is a row, not a whole form
_MAX_LEVEL_TEXT = 2000  # characters of one level's indicators: more is no form's level
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff（()）])\s+(?=[\u4e00-\u9fff（()）])")  # '数量 指标', a cell's wrap
_PAGE_CHUNK = re.compile(r"^\s*(\d{1,2})、")  # a sharing site's page of the document: '2、…'

# the form's parts: its name label, a money header and an indicator header on the same line
_NAME = re.compile(FORM_PROJECT_NAME)
_INDICATOR_HEADER = re.compile(r"一级指标")

# where a head or money row starts
_ROW_LABEL = re.compile(
    rf"{FORM_PROJECT_NAME}|项目负责人|负责人及电话|{FORM_DEPARTMENT}|{FORM_IMPLEMENTER}|"
    r"(?:项目)?资金情况|项目资金[（(]|年度资金总额|其中[:：]|上年结转(?:资金)?(?=[\d.]|其他资金|$)|其他资金|年度总体目标|年度总体目标完成情况"
)
# where the indicator block ends
_BLOCK_END = re.compile(r"总分|合计|其他需要说明|说明|注[:：]")
_TOTAL = re.compile(r"^(?:总分|合计)")

# the indicator header's value columns, in the table reader's words (a column of reasons holds
# words after the figures), and the header the rebuilt table is given
_HEADER_COLUMNS = tuple((role, re.compile(pattern)) for role, pattern in INDICATOR_VALUE_COLUMNS if role != "reason")
_REASON = re.compile(dict(INDICATOR_VALUE_COLUMNS)["reason"])
_HEADER_WORDS = {"weight": "分值", "target": "年度指标值", "actual": "实际完成值", "score": "得分"}

# level names: those of one level only, and the two some forms use at either level
_LEVEL_NAME = re.compile(
    r"(?P<name>服务对象满意度指标|经济效益指标|社会效益指标|生态效益指标|可持续影响指标|数量指标|质量指标|时效指标|"
    r"产出指标|效益指标|成本指标|满意度指标)(?P<points>[（(]\d+(?:\.\d+)?分[）)])?|绩效指标"
)
_LEVEL1_ONLY = {"产出指标", "效益指标"}
_EITHER_LEVEL = {"成本指标", "满意度指标"}

# the pieces of an indicator's row
# (a name or a value in words never opens on a unit or a closing mark: they end the figure before it)
_OPERATOR = r"[≥≤≧≦<>=＝═]"
_UNIT = r"(?:%|‰|万元|元|人次|人|户|次|个|件|篇|份|场|期|项|家|所|辆|台|套|座|吨|亩|公里|千米|厘米|米|平方米|立方米|天|小时|起|批|册|条|处)"
_UNIT_FIRST = r"(?:万元|元|%|‰|米|厘米|公里|千米|平方米|立方米|吨|亩|篇|份|辆|册|[，,、；;：:)）])"  # (not 项, 人: 项目…, 人均…)
_INDICATOR_NAME = re.compile(rf"(?!{_UNIT_FIRST})[^\d≥≤≧≦<>=＝═%.…]{{2,40}}")
_FIGURE = re.compile(rf"{_OPERATOR}?(?:0|[1-9]\d*)(?:\.\d{{1,2}})?{_UNIT}?")
_POINTS = re.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?")
_WORDS = re.compile(rf"(?!{_UNIT_FIRST})[^\d≥≤≧≦<>=＝═%…]{{1,12}}")
_MAX_POINTS = Decimal(100)
_TRAILING = re.compile(r"[…。.,，\s]+$")


def unfuse_forms(lines: list[str]) -> list[str]:
    """The lines, with each project form run together on one line given back as its rows, and
    each indicator block written a row a line with its cells run together given back as a table."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_fused_rows_header(line):
            rows, i = _fused_indicator_rows(lines, i)
            out.extend(rows)
            continue
        if line.startswith("\t") or len(line) < _MIN_LENGTH or not _is_fused_form(_CJK_GAP.sub("", line)):
            out.append(line)
            i += 1
            continue
        text, i = _with_page_chunks(lines, i)
        out.extend(form_lines(_CJK_GAP.sub("", text)))
    return out


def _is_fused_form(line: str) -> bool:
    """A name label, the money block's phase columns (two of them, in the words of the form
    reader's: normalize/phases.FORM_COLUMN_PHASES) and the indicator header."""
    phases = sum(1 for _, pattern in FORM_COLUMN_PHASES if pattern.search(line))
    return bool(_NAME.search(line) and phases >= 2 and _INDICATOR_HEADER.search(line))


def _with_page_chunks(lines: list[str], i: int) -> tuple[str, int]:
    """The form's line and the sharing site's next pages of it ('2、…', '3、…'), numbered on
    from the line's own ('1、…'), joined without their numbers."""
    first = _PAGE_CHUNK.match(lines[i])
    text, i = (lines[i][first.end():] if first else lines[i]), i + 1
    number = int(first.group(1)) if first else None
    while number is not None and i < len(lines) and (chunk := _PAGE_CHUNK.match(lines[i])) and (
        int(chunk.group(1)) == number + 1
    ):
        text, number, i = text + lines[i][chunk.end():], number + 1, i + 1
    return text, i


def form_lines(text: str) -> list[str]:
    """A fused form as lines: its head and money rows as paragraphs, its indicators as a table
    (tab-indented cells, a blank line after each row: the text reader's form of a table)."""
    header_at = _INDICATOR_HEADER.search(text).start()
    head, block = text[:header_at], text[header_at:]
    lines = [row for row in _ROW_LABEL.sub(lambda m: "\n" + m.group(0), head).split("\n") if row.strip()]
    first_level = _LEVEL_NAME.search(block)
    if not first_level:
        return lines + [block]
    header, body = block[: first_level.start()], block[first_level.start():]
    roles, has_reason = _header_roles(header), bool(_REASON.search(header))
    end = _BLOCK_END.search(body)
    rows_text, after = (body[: end.start()], body[end.start():]) if end else (body, "")
    table = [["一级指标", "二级指标", "三级指标", *(_HEADER_WORDS[role] for role in roles)]]
    table += _indicator_rows(rows_text, roles, has_reason)
    total, rest = _total_row(after, roles)
    table += [total] if total else []
    for row in table:
        lines += [f"\t{cell}" for cell in row] + [""]
    return lines + ([rest] if rest.strip() else [])


# an indicator header with its cells run together on a line of its own (the rows under it each
# on their line): '绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因…'
_FUSED_ROWS_HEADER = re.compile(r"^(?:绩效指标)?一级指标二级指标三级指标(?=.*(?:分值|权重))(?=.*得分)")
_MAX_FUSED_ROWS = 60
_FORM_STARTS = re.compile(rf"^(?:{FORM_PROJECT_NAME})|自评表|评价表")


def _is_fused_rows_header(line: str) -> bool:
    """The header alone on its line (a whole block run together holds its levels' names too)."""
    text = _CJK_GAP.sub("", line)
    return bool(_FUSED_ROWS_HEADER.search(text)) and not line.startswith("\t") and "|" not in line and not any(
        match["name"] for match in _LEVEL_NAME.finditer(text))


def _fused_indicator_rows(lines: list[str], i: int) -> tuple[list[str], int]:
    """The header at `i` and the rows under it, a row a line ('项目计划完成率100%100%1515', the
    levels' names before a level's first row), as a table; up to the total row ('总分:83',
    '总分100100'), the next form, or a line that is no row. A row is taken where exactly one
    cut reads it (as in a form fused on one line), its reason's words after its figures; a row
    no single cut reads is left out of the table and kept as a line after it."""
    header = _CJK_GAP.sub("", lines[i])
    roles, has_reason = _header_roles(header), bool(_REASON.search(header))
    table = [["一级指标", "二级指标", "三级指标", *(_HEADER_WORDS[role] for role in roles)]]
    unread: list[str] = []
    level1 = level2 = ""
    j = i + 1
    while j < len(lines) and j - i <= _MAX_FUSED_ROWS:
        text = _CJK_GAP.sub("", lines[j]).strip()
        if not text:
            j += 1
            continue
        if _TOTAL.match(text):
            table += [_total_row(text, roles)[0] or [_TOTAL.match(text).group(0)]]
            j += 1
            break
        if lines[j].startswith("\t") or "|" in text or _FORM_STARTS.search(text):
            break
        level1, level2, rest = _leading_levels(text, level1, level2)
        row = _row_reading(rest, roles, has_reason)
        if row:
            table.append([level1, level2, *row])
        else:
            unread.append(lines[j])
        j += 1
    out = []
    for row in table:
        out += [f"\t{cell}" for cell in row] + [""]
    return out + unread, j


def _leading_levels(text: str, level1: str, level2: str) -> tuple[str, str, str]:
    """The level names a row opens with (a level's first row carries them), taken as the levels
    of it and the rows after it; and the rest of the row."""
    while match := _LEVEL_NAME.match(text):
        name = match["name"]
        if name is None:
            break
        rest = text[match.end():]
        if name in _LEVEL1_ONLY or (name in _EITHER_LEVEL and _LEVEL_NAME.match(rest)):
            level1, level2 = name + (match["points"] or ""), ""
        else:
            level2 = name
        text = rest
    return level1, level2, text


def _row_reading(text: str, roles: list[str], has_reason: bool) -> list[str] | None:
    """An indicator's name and its values by role, when exactly one cut reads the row; the words
    after the figures are its reason (where the header has a column of reasons)."""
    text = _TRAILING.sub("", text)
    readings = []
    for name_end in _ends(_INDICATOR_NAME, text, 0):
        for values, end in _values(text, name_end, roles, has_reason):
            rest = text[end:]
            if rest and not (has_reason and _REASON_TEXT.match(rest)):
                continue
            readings.append([text[:name_end], *values])
    return readings[0] if len(readings) == 1 else None


# a reason's words after a row's figures: not a figure going on (its digits, its operator, its
# unit, or a unit and more digits: '次1010' is a cut in the wrong place, '人员不足' a reason)
_REASON_TEXT = re.compile(rf"(?![\d.%]|{_OPERATOR}|{_UNIT_FIRST}|{_UNIT}[\d.])")


def _header_roles(header: str) -> list[str]:
    """The value columns of an indicator header, in the order they stand."""
    found = {}
    for role, pattern in _HEADER_COLUMNS:
        match = pattern.search(header)
        if match and not any(match.start() < end and start < match.end() for start, end in found.values()):
            found[role] = match.span()
    return sorted(found, key=lambda role: found[role][0])


def _indicator_rows(text: str, roles: list[str], has_reason: bool) -> list[list[str]]:
    """A row per indicator: its level names and its values by column, for the levels whose
    indicators one cut reads."""
    levels = list(_LEVEL_NAME.finditer(text))
    rows: list[list[str]] = []
    level1 = level2 = ""
    for k, match in enumerate(levels):
        following = text[match.end(): levels[k + 1].start()] if k + 1 < len(levels) else text[match.end():]
        name = match["name"]
        if name is None:  # the block's label repeated at a page break
            continue
        if name in _LEVEL1_ONLY or (name in _EITHER_LEVEL and not following.strip() and k + 1 < len(levels)):
            level1, level2 = name + (match["points"] or ""), ""
        else:
            level2 = name
        content = _TRAILING.sub("", following)
        if not content:
            continue
        found = _only_reading(content, roles, has_reason)
        for indicator in found or []:
            rows.append([level1, level2, *indicator])
    return rows


def _only_reading(text: str, roles: list[str], has_reason: bool = False) -> list[list[str]] | None:
    """The indicators of a level's text as [name, value per role], when exactly one way of
    cutting the text reads it."""

    @functools.lru_cache(maxsize=None)
    def readings_from(at: int) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """Up to two readings of the text from `at` to its end (two: not one only)."""
        if at == len(text):
            return ((),)
        found: list[tuple[tuple[str, ...], ...]] = []
        for name_end in _ends(_INDICATOR_NAME, text, at):
            for values, end in _values(text, name_end, roles, has_reason):
                for rest in readings_from(end):
                    found.append(((text[at:name_end], *values), *rest))
                    if len(found) > 1:
                        return tuple(found)
        return tuple(found)

    readings = readings_from(0) if len(text) <= _MAX_LEVEL_TEXT else ()
    return [list(indicator) for indicator in readings[0]] if len(readings) == 1 else None


def _ends(pattern: re.Pattern, text: str, at: int) -> list[int]:
    """Every end of a match of `pattern` at `at`, longest last."""
    match = pattern.match(text, at)
    if not match:
        return []
    return [end for end in range(at + 1, match.end() + 1) if pattern.fullmatch(text, at, end)]


def _values(text: str, at: int, roles: list[str], has_reason: bool) -> list[tuple[list[str], int]]:
    """Every way the figures after a name fill the roles, with where they end."""
    found: list[tuple[list[str], int]] = []

    def fill(k: int, pos: int, values: list[str]) -> None:
        if k == len(roles):
            if _fits(dict(zip(roles, values)), has_reason):
                found.append((values, pos))
            return
        pattern = _POINTS if roles[k] in ("weight", "score") else None
        ends = _ends(pattern, text, pos) if pattern else _ends(_FIGURE, text, pos) + _ends(_WORDS, text, pos)
        for end in ends:
            fill(k + 1, end, [*values, text[pos:end]])

    fill(0, at, [])
    return found


def _fits(values: dict[str, str], has_reason: bool) -> bool:
    """Points are points (at most 100, a score at most its points), and a target and a result
    in words are the same words (the form's result, written as its target was); a value in
    words is never the same words twice, nor, where a column of reasons follows, the only
    value in words beside a figure."""
    weight, score = (Decimal(values[r]) if values.get(r) else None for r in ("weight", "score"))
    if weight is not None and not Decimal(0) < weight <= _MAX_POINTS:
        return False
    if score is not None and (score > _MAX_POINTS or (weight is not None and score > weight)):
        return False
    target, actual = values.get("target"), values.get("actual")
    in_words = [v for v in (target, actual) if v is not None and not _FIGURE.fullmatch(v)]
    if any(len(v) % 2 == 0 and v[: len(v) // 2] == v[len(v) // 2:] for v in in_words):
        return False  # words written twice are a target and its result, not one value
    if any(re.fullmatch(_UNIT, v) for v in in_words):
        return False  # a unit is the end of the figure before it
    if len(in_words) == 1 and has_reason and target is not None and actual is not None:
        return False  # one value in words beside a figure may run into the reason column's words
    return len(in_words) < 2 or target == actual


def _total_row(text: str, roles: list[str]) -> tuple[list[str] | None, str]:
    """'总分100100': the form's points and its score, cut as an indicator's are; '总分:83': the
    score alone after a colon ('83' is not 8 points and a score of 3); and the text after them."""
    label = _TOTAL.match(text)
    points = [role for role in roles if role in ("weight", "score")]
    if not label or not points:
        return None, text
    colon = re.match(r"[:：]\s*", text[label.end():])
    start = label.end() + (colon.end() if colon else 0)
    figures = re.match(r"[\d.]+", text[start:])
    if not figures:
        return None, text
    run = figures.group(0)
    if colon:
        return [label.group(0), run], text[start + len(run):]
    cuts = [values for values, end in _values(run, 0, points, False) if end == len(run)]
    if len(cuts) != 1:
        return None, text
    return [label.group(0), *cuts[0]], text[start + len(run):]
