"""Indicator-score tables (一级指标 / 二级指标 / 三级指标 / 指标值 / 完成值 / 分值 / 得分)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.extract.tables import header_columns
from pipelines.normalize.numbers import parse_score
from pipelines.normalize.text import INDICATOR_LEVEL_NAME, INDICATOR_VALUE_COLUMNS, squash

# patterns of the functions below, compiled once at import
_POINTS_IN_BRACKETS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_EXECUTION_ROW = re.compile(r"年度资金总额|预算执行率")

# the columns of an indicator table, in report tables and project forms alike; a target may be
# written over three columns: 指标性质 (≥, ＝), 指标值, 度量单位
_COLUMNS = {
    "level1": re.compile(r"一级指标"),
    "level2": re.compile(r"二级指标"),
    "level3": re.compile(r"三级指标|指标内容|具体指标|指标名称"),
    "nature": re.compile(r"指标性质|计算符号|指标方向"),  # the target's operator: ≥, ≤, =
    "unit": re.compile(r"度量单位|计量单位"),
    **{role: re.compile(pattern) for role, pattern in INDICATOR_VALUE_COLUMNS},
}
_SCORE_NOTE = re.compile(r"[（(][^（()）]*分[）)]|[（(]\s*\d+(?:\.\d+)?\s*[）)]|[（(]?\d+(?:\.\d+)?分[）)]?$")
_LEVEL1_WORD = re.compile(r"^(?:产出|效益|效果|满意度|成本|决策|过程|管理|履职|影响|投入)(?:指标|目标)?$")
_LEVEL2_WORD = re.compile(INDICATOR_LEVEL_NAME)
_EITHER_LEVEL = re.compile(r"^(?:满意度|成本)(?:指标)?$")  # a level-1 name some forms use at level 2
# a form's numbering of its indicators, not part of the name: '指标1：修缮面积', '指标2.抽验批次',
# and the template's '指标1' with the name typed straight after it ('指标1工程完工率')
_NUMBERING = re.compile(r"^\s*指标\s*\d{1,2}\s*(?:[:：.．、]\s*|(?=[\u4e00-\u9fff]))")
_WRAPPER = re.compile(r"^绩效指标(?:[（(]\d+分[）)])?$")
_OPERATOR = re.compile(r"[<>=≤≥＜＞＝]{1,2}|(?:大于|小于)?等于|大于|小于|不[高低少多]于|[高低]于")
_NATURE_CODE = re.compile(r"^\s*\d{2,4}\s*(?=[<>=≤≥＜＞＝])|\s+")
_BLOCK_LABEL = re.compile(r"^(?:年度)?绩效指标(?:完成情况)?$")
_END_ROW = re.compile(r"总分|合计|综合评定|评定等级|说明|偏差")
# a cell that closes the table wherever it stands ('| | 综合评定等级 | 优 | 100 |' from a scan's grid)
_END_CELL = re.compile(r"总分|合计|总计|说明|偏差|(?:综合)?评定(?:等级)?|(?:自评|评价)等级")


@dataclass
class IndicatorRow:
    level1: str | None
    level2: str | None
    level3: str | None
    target_text: str | None
    actual_text: str | None
    weight: float | None
    score: float | None
    locator: str
    level1_points: float | None = None  # '产出指标（50分）': the points the form gives the level
    deviation_reason: str | None = None  # 偏差原因
    project_name: str | None = None  # the project whose form the row belongs to


def clean_level(text: str | None) -> str | None:
    """'产出\\n指标\\n（50分）' → '产出指标' (CONTRACT.md's rule)."""
    if not text:
        return None
    return squash(_SCORE_NOTE.sub("", text)) or None


_NAMED_POINTS = re.compile(r"[（(]\s*(?P<points>\d+(?:\.\d+)?)\s*分\s*[）)]$")


def _points(text: str) -> float | None:
    match = _POINTS_IN_BRACKETS.search(text)
    return float(match.group(1)) if match else None


def indicator_columns(row: list[str]) -> dict[str, int] | None:
    """The columns of an indicator header row, or None when the row is none. The form's label
    of the whole block left of the levels ('年度绩效指标完成情况 | 一级指标 | …') names no column."""
    cells = [squash(c) for c in row]
    cells = ["" if _BLOCK_LABEL.search(c) else c for c in cells]
    columns = with_level1(header_columns(cells, _COLUMNS.items()))
    if columns and "level3" in columns:
        # a scoring table gives each level its points ('一级指标 | 分值 | 二级指标 | 分值 | 三级指标 |
        # 分值 | 得分'): an indicator's weight is the one after its own name
        after = [i for i, cell in enumerate(cells) if i > columns["level3"] and _COLUMNS["weight"].search(cell)]
        if after and columns.get("weight", after[0]) < columns["level3"]:
            columns["weight"] = after[0]
    return columns


def with_level1(columns: dict[str, int] | None) -> dict[str, int] | None:
    """An indicator header's columns, or None when the row is no indicator header. A header
    broken over two rows ('绩效指标 | 一级指标' above '二级指标 | 三级指标 | …') keeps its level-1
    column just left of level 2. A header that lost its level names ('三级指标 | 年度指标值 |
    全年完成值' over rows '产出指标 | 数量指标 | 某名称 | 5 | 5') has both levels left of its first column."""
    if columns and _levels_lost(columns):
        return {"level1": 0, "level2": 1, **{role: col + 2 for role, col in columns.items()}}
    if not columns or "level2" not in columns or not ({"level1", "level3"} & columns.keys()):
        return None
    if columns["level2"] == 0 and "level1" not in columns:  # its level-1 name wrapped above it ('一级' / '指标')
        return {"level1": 0, **{role: col + 1 for role, col in columns.items()}}
    return {"level1": columns["level2"] - 1, **columns}


def _levels_lost(columns: dict[str, int]) -> bool:
    return columns.get("level3") == 0 and "level2" not in columns and "level1" not in columns and (
        {"target", "actual"} <= columns.keys()
    )


class IndicatorReader:
    """Reads the rows under one indicator header, carrying merged level cells down."""

    def __init__(self, columns: dict[str, int], width: int, project_name: str | None = None):
        # a header's columns may stand past its own cells (with_level1's levels a header lost)
        self.columns, self.width, self.project_name = columns, max(width, max(columns.values()) + 1), project_name
        self.level1 = self.level2 = self.level1_points = None

    def read(self, row: list[str], locator: str) -> IndicatorRow | None:
        columns, shift = _aligned(self.columns, row, self.width)
        values = row_values(columns, row, shift)
        if values.get("level1"):  # merged cells are blank (or missing) below their first row
            self.level1, self.level1_points = clean_level(values["level1"]), _points(values["level1"])
        self.level2 = clean_level(values.get("level2")) or self.level2
        level3 = _NUMBERING.sub("", (values.get("level3") or "").replace("\n", "")).strip() or None
        nature = _NATURE_CODE.sub("", values.get("nature", ""))  # (a code before the operator: '004 >=')
        nature = nature if _OPERATOR.fullmatch(nature) else ""  # ('定性': a kind of target, no operator)
        target = (nature + values["target"] + values.get("unit", "")).removeprefix("=") \
            if values.get("target") else None  # ('=' is what a bare target says)
        actual = values.get("actual") or None
        weight, score = parse_score(values.get("weight")), parse_score(values.get("score"))
        named_points = _NAMED_POINTS.search(level3 or "")
        if named_points and weight is None:  # '绩效目标合理性(4分)': the points the indicator is worth
            weight, level3 = Decimal(named_points["points"]), level3[: named_points.start()].strip()
        if not level3 or len(squash(level3)) < 2 or not (target or actual or weight is not None or score is not None):
            return None  # an empty template row, or a heading without a result
        if _names_columns([level3, target or "", actual or ""]):
            return None  # a second header row ('名称 | 单位(文字描述) | 单项指标得分'), not an indicator
        return IndicatorRow(
            self.level1, self.level2, level3, target, actual,
            float(weight) if weight is not None else None, float(score) if score is not None else None,
            locator, self.level1_points, values.get("reason") or None, self.project_name,
        )


def _names_columns(cells: list[str]) -> bool:
    """Whether two or more of the cells are column names of an indicator table."""
    return sum(1 for cell in cells if any(p.search(squash(cell)) for p in _COLUMNS.values()) or squash(cell) == "名称") >= 2


def table_indicators(table: Table) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    reader: IndicatorReader | None = None
    skip = 0
    for r, row in enumerate(table.rows):
        if skip:
            skip -= 1
            continue
        header = indicator_columns(row)
        if header:
            joined, skip = _header_continued(table.rows, r)
            if skip:
                header, row = indicator_columns(joined) or header, joined
            width = len(row)
            if r:
                header, width = with_columns_above(header, width, table.rows[r - 1])
            reader = IndicatorReader(header, width)
            continue
        if reader is None:
            continue
        if _END_ROW.search(squash(row[0] if row else "")) and not any(row[1:3]):
            reader = None
            continue
        if any(_END_CELL.fullmatch(squash(c)) for c in row[:3] if c):
            reader = None
            continue
        if sum(1 for c in row if c.strip()) > reader.width:
            reader = None  # wider than the indicator header: another table of the same block
            continue
        found = reader.read(row, table.locator(r))
        if found:
            rows.append(found)
    return rows


def _header_continued(rows: list[list[str]], r: int) -> tuple[list[str], int]:
    """A header a web page broke over lines ('一级指标 | 二级指标 | 三级指标 | 年度 指标值 |' /
    '实际 完成值 |' / '分值 | 得分 | 偏差原因分析及改进措施 |'): the header with the rows after it
    that hold nothing but column names, and how many such rows there were."""
    joined, k = _filled(rows[r]), r + 1
    while k < len(rows) and k <= r + 3 and _only_column_names(rows[k]):
        joined, k = _completed(joined, _filled(rows[k])), k + 1
    return joined, k - r - 1


def _completed(header: list[str], more: list[str]) -> list[str]:
    """A header with a line of column names after it. Names whose first words the header's cells
    hold ('绩效 | 实际' over '目标值 | 完成值': each column's name on two lines) complete those cells;
    other names are columns after the header's own."""
    fragments = [i for i, cell in enumerate(header) if _FRAGMENT.fullmatch(squash(cell))
                 and not any(p.search(squash(cell)) for p in _COLUMNS.values())]
    if not fragments or len(fragments) != len(more):
        return header + more
    completed = list(header)
    for i, name in zip(fragments, more):
        completed[i] = squash(header[i]) + squash(name)
    return completed


_FRAGMENT = re.compile(r"[\u4e00-\u9fff]{1,3}")  # 年度, 绩效, 实际


def with_columns_above(columns: dict[str, int], width: int, above: list[str]) -> tuple[dict[str, int], int]:
    """A header under a row of wider column names ('绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分' over
    '一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位': the first names spanning the levels,
    the second the target's three columns): the names above that the header lacks are the
    columns after its own, in their order."""
    named = header_columns([squash(c) for c in above], _COLUMNS.items()) or {}
    if "target" not in named or len(named) < 3 or any(parse_score(c) is not None for c in above):
        return columns, width
    after = [role for role in sorted(named, key=named.get) if role not in columns and named[role] > named["target"]]
    if not after:
        return columns, width
    return {**columns, **{role: width + k for k, role in enumerate(after)}}, width + len(after)


def _only_column_names(row: list[str]) -> bool:
    """Whether every cell is a column name: short, no sentence, a column word in it."""
    cells = [squash(c) for c in _filled(row)]
    return bool(cells) and all(
        len(c) <= 16 and not _SENTENCE_MARK.search(c) and any(p.search(c) for p in _COLUMNS.values()) for c in cells
    )


_SENTENCE_MARK = re.compile(r"[：:，,。；;]")


def _filled(row: list[str]) -> list[str]:
    """The row without the empty cells a line's closing '|' leaves at its end."""
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def row_values(columns: dict[str, int], row: list[str], shift: int) -> dict[str, str]:
    """The row's cell under each column. A short row whose 分值 column would hold words has
    lost its empty 分值/得分 cells, not its target and result: its words after the name go to
    年度指标值 and 实际完成值 ('其中桃树种植面积 | 1.5亩 | 1.5亩' under 三级指标 | 分值 | 指标值 | 完成值)."""
    values = {role: row[col - shift].strip() for role, col in columns.items() if 0 <= col - shift < len(row)}
    weight = values.get("weight")
    if weight and parse_score(weight) is None and "level3" in columns:
        after = [c.strip() for c in row[columns["level3"] - shift + 1 :] if c.strip()]
        values = {role: values[role] for role in ("level1", "level2", "level3") if role in values}
        values.update(zip(("target", "actual"), after))
    return values


def row_shift(columns: dict[str, int], row: list[str], width: int) -> int:
    """How many cells a row lacks on its left. Word writes a merged 一级/二级指标 cell as a
    blank below its first row; a page leaves the cell out, so the row starts further left.
    Its first word tells where it starts: a level-1 word, a level-2 word (…指标), else the
    indicator's name."""
    shifts = _first_word_shifts(columns, row)
    if not shifts or len(row) >= width:
        return 0  # a row as wide as its header lacks nothing
    if (pinned := _shift_by_level_words(columns, row)) is not None:
        return pinned
    word = clean_level(next(c for c in row if squash(c) and not _WRAPPER.match(squash(c)))) or ""
    # without points to tell, the cells the row lacks tell: '满意度 | 某某满意度 | 95% | 90%' under
    # five columns starts at level 2, though 满意度 can name either level
    lacking = width - len(row)
    fallback = lacking if lacking in shifts and _EITHER_LEVEL.match(word) else shifts[0]
    # the shift that puts numbers in most of the 分值/得分 cells ('成本指标 | 某名称 | 目标 | 100% | 5 | 5'
    # shifted as a level-1 row would leave 得分 past its end), the first of equals
    fits = [(_points_fit(columns, row, shift), -k) for k, shift in enumerate(shifts)]
    best = max(fits)
    if best[0] or not _words_in_points(columns, row, fallback):
        return shifts[-best[1]] if best[0] else fallback
    # the shift leaves words where 分值/得分 stand ('预算配置(10) | 在职人员控制率(4分) | 4.00' under
    # four columns, a level-2 word of no kind the rules know): the shift that puts numbers in most
    # of them, the least of equals ('决策过程 | 8 | 决策依据 | 3 | 3' under '一级指标 | 分值 | 二级指标 |
    # 分值 | 三级指标 | 分值 | 得分' fills both from level 2)
    fit, least = max((_points_fit(columns, row, shift), -shift) for shift in range(lacking + 1))
    return -least if fit else fallback


# the level-2 names of the templates: a row opening on one (after a level-1 name, or alone)
# starts at that level whatever its numbers say
_KNOWN_LEVEL2 = re.compile(
    r"^(?:数量|质量|时效|(?:经济|社会|生态环境|环境)?成本|(?:经济|社会|生态|环境|生态环境)效益|可持续影响|(?:服务对象)?满意度)(?:指标)?$"
)


def _shift_by_level_words(columns: dict[str, int], row: list[str]) -> int | None:
    """The shift two level words fix: '产出指标 | 数量指标 | 某名称 | 5000' starts at level 1 and
    '质量指标 | 某名称 | 95' at level 2, though a row of targets alone leaves its 得分 empty (the
    fit of numbers to points would read the target as the score)."""
    filled = [i for i, cell in enumerate(row) if squash(cell) and not _WRAPPER.match(squash(cell))]
    words = [clean_level(row[i]) or "" for i in filled[:2]]
    if len(words) < 2 or "level2" not in columns:
        return None
    if _LEVEL1_WORD.match(words[0]) and _KNOWN_LEVEL2.match(words[1]):
        anchor = columns["level1"]
    elif _KNOWN_LEVEL2.match(words[0]) and not _EITHER_LEVEL.match(words[0]) and not _LEVEL2_WORD.search(words[1]):
        anchor = columns["level2"]
    else:
        return None
    return max(min(0, anchor), anchor - filled[0])


_OPTIONAL = ("nature", "unit")  # a target's 指标性质 and 度量单位: often left empty


def _aligned(columns: dict[str, int], row: list[str], width: int) -> tuple[dict[str, int], int]:
    """The columns a row is read under, and its shift. A page that drops a row's empty cells
    drops its empty 指标性质 / 度量单位 too, not only the merged level cells on its left
    ('产出指标 | 数量指标 | 某名称 | 52 | 10 | 19.23% | 20.00 | 3.85' under eleven columns): of the
    header, and the header without either or both of those, the one that puts numbers in most
    of the 分值/得分 cells with the least shift, the header itself among equals."""
    best = None
    for dropped in ((), *[(role,) for role in _OPTIONAL], _OPTIONAL):
        if any(role not in columns for role in dropped):
            continue
        narrowed = _without_columns(columns, dropped)
        if dropped and len(_filled(row)) > width - len(dropped):
            continue  # a row lacks cells, never has extra ones
        # a narrowed header is a guess of the row's own: its first word must stand where a word
        # of its kind can
        shifts = _first_word_shifts(narrowed, row) if dropped else [row_shift(columns, row, width)]
        for shift in shifts:
            key = (_points_fit(narrowed, row, shift), _units_are_words(narrowed, row, shift), -abs(shift), -len(dropped))
            if best is None or key > best[0]:
                best = (key, narrowed, shift)
    return best[1], best[2]


def _units_are_words(columns: dict[str, int], row: list[str], shift: int) -> bool:
    """Whether the row's 度量单位 cell, if any, holds no bare number: a figure there is the target
    of a row that lost its empty unit cell ('某名称 | 13 | 23 | 33' under 名称 | 权重 | 单位 | 指标值 | 完成值)."""
    col = columns.get("unit", -1) - shift
    return not (0 <= col < len(row) and parse_score(row[col]) is not None)


def _without_columns(columns: dict[str, int], dropped: tuple[str, ...]) -> dict[str, int]:
    """The header with those columns taken out, the columns right of them moved left."""
    gone = sorted(columns[role] for role in dropped)
    return {role: col - sum(1 for g in gone if g < col) for role, col in columns.items() if role not in dropped}


def _first_word_shifts(columns: dict[str, int], row: list[str]) -> list[int]:
    """The shifts that put the row's first word where a word of its kind stands."""
    filled = [i for i, cell in enumerate(row) if squash(cell) and not _WRAPPER.match(squash(cell))]
    if not filled:
        return []
    first = filled[0]
    word = clean_level(row[first]) or ""
    level3 = columns.get("level3", columns["level2"] + 1)
    if _LEVEL1_WORD.match(word):
        anchors = [columns["level1"], columns["level2"], level3]  # 成本指标 is level 1 or 2
    elif _LEVEL2_WORD.search(word):
        anchors = [columns["level2"], level3]
    else:
        anchors = [level3]
    # a row lacks cells, never has extra ones; but a header without a level-1 column
    # (anchor -1) puts a row's level-1 word one column before the header's first
    return [max(min(0, anchor), anchor - first) for anchor in anchors]


def _words_in_points(columns: dict[str, int], row: list[str], shift: int) -> bool:
    return any(cell and parse_score(cell) is None for cell in _points_cells(columns, row, shift))


def _points_cells(columns: dict[str, int], row: list[str], shift: int) -> list[str]:
    roles = [role for role in ("weight", "score") if role in columns]
    return [row[columns[role] - shift] if 0 <= columns[role] - shift < len(row) else "" for role in roles]


def _points_fit(columns: dict[str, int], row: list[str], shift: int) -> int:
    """How many of the row's 分值/得分 cells hold numbers when it is shifted so; 0 when one
    of them holds words."""
    if _words_in_points(columns, row, shift):
        return 0
    return sum(1 for cell in _points_cells(columns, row, shift) if cell)


def document_indicators(document: Document) -> list[IndicatorRow]:
    tables = [row for table in _broken_headers_joined(document.blocks) for row in table_indicators(table)]
    return tables + listed_indicators(document)


# an indicator written as a list item, its columns named in the sentence: '1)某某数量(项),目标值2,
# 完成值2,分值6,得分6。'
_LISTED = re.compile(
    r"^\s*(?:\d{1,2}\s*[)）、.．]|[（(]\d{1,2}[)）])\s*(?P<name>[^，,。；;]{2,60}?)\s*[，,：:]\s*"
    r"(?:年度)?(?:目标值|指标值)\s*[:：为]?\s*(?P<target>[^，,；;]{1,30}?)\s*[，,；;]\s*"
    r"(?:实际)?(?:完成值|完成情况)\s*[:：为]?\s*(?P<actual>[^，,；;]{1,30}?)\s*[，,；;]\s*"
    r"(?:分值|权重)\s*[:：为]?\s*(?P<weight>\d{1,3}(?:\.\d+)?)\s*分?\s*[，,；;]\s*"
    r"得分\s*[:：为]?\s*(?P<score>\d{1,3}(?:\.\d+)?)"
)
# the list's headings: '（一）产出指标' over '1、数量指标' over the items
_LISTED_LEVEL1 = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,2}[）)]\s*(?P<name>\S{2,8}指标)\s*$")
_LISTED_LEVEL2 = re.compile(r"^\s*\d{1,2}\s*[、.．]\s*(?P<name>\S{2,10}指标)\s*$")


def listed_indicators(document: Document) -> list[IndicatorRow]:
    """Indicators a report lists in prose, one a paragraph, under headings naming their levels."""
    rows: list[IndicatorRow] = []
    level1 = level2 = None
    for paragraph in document.paragraphs:
        text = paragraph.text
        if heading := _LISTED_LEVEL1.match(text):
            level1, level2 = heading["name"], None
        elif heading := _LISTED_LEVEL2.match(text):
            level2 = heading["name"]
        elif item := _LISTED.match(text):
            rows.append(IndicatorRow(
                level1, level2, item["name"].strip(), item["target"].strip(), item["actual"].strip(),
                float(item["weight"]), float(item["score"]), paragraph.locator,
            ))
    return rows


def _broken_headers_joined(blocks: list) -> list[Table]:
    """The document's tables; a table ending on an indicator header that a page broke into
    blocks ('…| 年度 指标值 |', then '实际 完成值', then '分值 | 得分 |…' over the rows) is
    joined with the blocks of column names after it and the rows below them; a table without
    a header of its own after an indicator table, with nothing between them but indicators'
    names alone on their lines ('指标4.不合格产品处置率', a row whose values a page left out),
    is the rest of that table."""
    tables: list[Table] = []
    i, last_end = 0, None  # the index after the last table's last block
    while i < len(blocks):
        start, block, i = i, blocks[i], i + 1
        if not isinstance(block, Table):
            continue
        rows = list(block.rows)
        for following in blocks[i : i + 3] if rows and indicator_columns(rows[-1]) else []:
            first = following.rows[0] if isinstance(following, Table) and following.rows else [following.text] \
                if isinstance(following, Paragraph) else []
            if not _only_column_names(first):
                break
            rows.extend(following.rows if isinstance(following, Table) else [first])
            i += 1
            if isinstance(following, Table):
                break
        if tables and last_end is not None and _continues(tables[-1], rows, blocks[last_end:start]):
            tables[-1] = Table(tables[-1].rows + rows, tables[-1].number, tables[-1].page)
        else:
            tables.append(Table(rows, block.number, block.page) if len(rows) > len(block.rows) else block)
        last_end = i
    return tables


# an indicator's name alone on its line, its values left blank
_LONE_INDICATOR = re.compile(r"^\s*指标\s*\d{1,2}\s*[.．:：、]\s*\S{2,40}$")


def _continues(previous: Table, rows: list[list[str]], between: list) -> bool:
    return (
        any(indicator_columns(row) for row in previous.rows) and not any(indicator_columns(row) for row in rows)
        and bool(between) and all(isinstance(b, Paragraph) and _LONE_INDICATOR.match(b.text) for b in between)
    )


def budget_execution_points(document: Document) -> tuple[float | None, float | None] | None:
    """(分值, 得分) of the 年度资金总额 / 预算执行率 row of a self-evaluation form, if scored."""
    for table in document.tables:
        weight_col = score_col = None
        for row in table.rows:
            cells = [squash(c) for c in row]
            if "分值" in cells and "得分" in cells:
                weight_col, score_col = cells.index("分值"), cells.index("得分")
                continue
            if weight_col is not None and any(_EXECUTION_ROW.search(c) for c in cells):
                weight = parse_score(row[weight_col]) if weight_col < len(row) else None
                score = parse_score(row[score_col]) if score_col < len(row) else None
                if weight is not None or score is not None:
                    return (
                        float(weight) if weight is not None else None,
                        float(score) if score is not None else None,
                    )
    return None
