"""Tables that reach us as a stream of cells: one cell per line, or a whole form on one line
with cells separated by spaces.

Pages (and text copied from Word or PDF) often lose a table's rows: what is left is its
cells in reading order. The column headers survive as a run of header words
(`年初预算数` / `全年预算数` / `全年执行数` / `分值` / `执行率` / `得分`, sometimes broken over two
lines: `年初` / `预算数`), and each row is a label followed by its figures. `rebuild_tables`
finds such runs and regroups the cells after them into rows again, so that the table rules
read them like any other table:
- under money-like headers, a row is a label and the figures after it (at most one per
  column; a cell `其中：一般公共预算：18.5万元` is a label and its figure);
- under indicator headers (一级指标 / 二级指标 / 三级指标 …), a row ends with its run of
  numbers (分值, 得分; one number where 得分 is the header's only number), the words before it
  being its level, name, target and result.
Lines that are not part of such a run pass through unchanged.
"""

from __future__ import annotations

import re

from pipelines.normalize.numbers import is_figure, parse_cell_money
from pipelines.normalize.text import FORM_DEPARTMENT, FORM_IMPLEMENTER, FORM_PROJECT_NAME, INDICATOR_LEVEL_NAME, YEAR

_HEADER_WORD = re.compile(
    rf"^(?:{YEAR}\s*年度?)?[（(]?(?:"
    r"年初预算数?|全年预算数?|调整后预算数?|调整预算数?|预算数|预算执行数|预算执行率|全年执行数|执行数|决算数|"
    r"执行率|分值|(?:实际)?得分|(?:绩效)?评价等级|结余数|权重|原因|编制数|实际在职人数|实有人数|控制率|"
    r"一级指标|二级指标|三级指标|年度指标值|指标值|(?:年初|年度|全年|预期)?目标值|(?:全年)?(?:实际)?完成(?:指标)?值|实际值|指标性质|度量单位|计量单位|"
    r"偏差原因分析及改进措施|未完成原因和改进措施|偏差原因|未完成原因分析|评价标准|指标说明"
    # a ratio after the word, in letters or in words: 执行率(B/A), 执行率(全年执行数/全年预算数)
    r")[）)]?(?:\s*[（(](?:[A-Za-z/×%\d.]+|[^（()）/]{2,12}/[^（()）/]{2,12})[）)])?(?:[（(](?:万元|元|%|分|人)[）)])?"
    r"(?:[（(](?:调整后|调整|至\d{4}年底|截至\d{4}年底|年末)[）)])?$"  # '预算数(调整后)', '执行数(至2023年底)'
)
INDICATOR_HEADER = re.compile(r"一级指标|二级指标|三级指标")
_POINTS = re.compile(r"^[（(]?\s*\d+(?:\.\d+)?\s*分?[）)]$")
_FILLER = re.compile(r"^[…．.·]+$")
_LEVEL_TAIL = re.compile(r"^(?:益)?指标$")
_LEVEL1 = re.compile(r"^(?:项目)?(?:决策|过程|管理|产出|效益|满意度)指标$")
_INLINE_VALUE = re.compile(r"^(.{2,30}?)[:：]\s*([-\d.,]+\s*(?:亿元|万元|元|%)?)$")
_SENTENCE = re.compile(r"[。；;]")
_MAX_LABEL = 40
_MAX_TARGET = 120
_MIN_HEADERS = 3
_TRAILING_LABELS = 3


def _squash(text: str) -> str:
    return "".join(text.split())


def is_header_word(text: str) -> bool:
    return bool(_HEADER_WORD.match(_squash(text)))


def is_value(text: str) -> bool:
    cell = _squash(text)
    return is_figure(cell) or cell in ("-", "—", "--", "/", "／")


def _join_header_fragments(cells: list[str]) -> list[str]:
    """'年初' / '预算数' → '年初预算数'; '偏差原因' / '分析及' / '改进措施' → one header."""
    out: list[str] = []
    i = 0
    while i < len(cells):
        for width in (3, 2):
            joined = "".join(_squash(c) for c in cells[i : i + width])
            if len(cells[i : i + width]) == width and is_header_word(joined):
                out.append(joined)
                i += width
                break
        else:
            out.append(cells[i])
            i += 1
    return out


def _split_spaced(line: str) -> list[str] | None:
    """A line holding a run of space-separated header words is a table written on one line."""
    words = line.split()
    run = best = 0
    for word in words:
        run = run + 1 if is_header_word(word) else 0
        best = max(best, run)
    return words if best >= _MIN_HEADERS else None


_FORM_LABEL_CELL = re.compile(
    rf"^(?:{FORM_PROJECT_NAME}|{FORM_DEPARTMENT}|{FORM_IMPLEMENTER}|单位名称|部门名称|预算单位|填报单位)[:：]?$"
)


# a 决算 table's row run together on one line by OCR: its label, its 行次 and its figure
# ('一一般公共预算财政拨款收入 1 4,627.57 一一般公共服务支出 32 0.00 …'), figures to the fen
_NUMBERED_ROW = re.compile(
    r"(?:(?<=\s)|^)(?P<label>[\u4e00-\u9fff][\u4e00-\u9fff、：:（）()“”\"]{1,30}?)\s+(?P<row>\d{1,3})\s+"
    r"(?P<amount>-?\d{1,3}(?:,\d{3})+\.\d{2}|-?\d+\.\d{2})(?=\s|$)"
)
_MIN_NUMBERED_ROWS = 4
_ROW_NUMERAL = re.compile(r"^[一二三四五六七八九十]+")


def numbered_rows(lines: list[str]) -> list[str]:
    """A 决算 table run together on one line (an OCR'd attachment on a tender site): each
    'label 行次 figure' becomes a `|` row under a 项目 | 行次 | 金额 header, the text before the first
    (its 金额单位 note) a line of its own. A line with fewer such rows is left alone."""
    out: list[str] = []
    for line in lines:
        rows = list(_NUMBERED_ROW.finditer(line))
        if len(rows) < _MIN_NUMBERED_ROWS:
            out.append(line)
            continue
        out += [line[: rows[0].start()].rstrip(), "", "项目 | 行次 | 金额 |"]
        out += [f"{_without_numeral(m['label'])} | {m['row']} | {m['amount']} |" for m in rows]
        out.append("")
    return out


def _without_numeral(label: str) -> str:
    """'一一般公共预算…收入' is 一般公共预算…收入 under its numeral 一 (the numeral of '二政府性…' goes,
    the 一 of 一般 stays)."""
    numeral = _ROW_NUMERAL.match(label)
    if not numeral:
        return label
    cut = numeral.end() - (1 if label[numeral.end():].startswith("般") else 0)
    return label[cut:] if cut < len(label) else label


def spaced_rows(lines: list[str]) -> list[str]:
    """Forms a page writes one row a line, its cells separated by spaces: from a line holding
    a run of header words (`项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分`) to the
    first sentence-long line on its own, each line of two or more cells becomes a `|` row
    (`年度资金总额 29 29 27.8 9 0.958 8`); a line of figures alone ends the row before it (its
    last cells wrapped onto the next line). A form's label lines (`主管部门 某某局 实施单位
    某某局`) become rows wherever they stand. Text with no such header line is left alone."""
    if not any(_row_line(line) and _split_spaced(line) for line in lines):
        return lines
    out: list[str] = []
    in_table = False
    header: list[str] | None = None  # the header row just written, while its next line may finish it
    for line in lines:
        fields = line.split()
        if not fields:  # a blank line: the table goes on
            out.append(line)
            header = None
            continue
        if not _row_line(line):  # a `|` row, a tab cell, a whole form run together (cell_stream's)
            out.append(line)
            header, in_table = None, False
            continue
        if header and (joined := _finish_header(header, fields)):
            out[-1] = "|" + "|".join(joined)
            header = None
            continue
        header = _split_spaced(line)
        in_table = (in_table and not (len(fields) == 1 and _ends_run(fields[0]))) or bool(header)
        if in_table:
            fields = _cells(line)
        if fields[0] and _UNIT_NOTE.match(fields[0]) and len(fields) > 2 and in_table:
            fields[0] = ""  # '(万元)' left of a row's label: the rest of a label merged down ('项目资金(万元)')
        if len(fields) < 2 or not (in_table or _FORM_LABEL_CELL.match(fields[0])):
            out.append(line)
        elif in_table and out and out[-1].startswith("|") and all(is_value(f) for f in fields) \
                and not is_value(out[-1].rsplit("|", 1)[-1]):
            out[-1] += "|" + "|".join(fields)
        else:
            out.append("|" + "|".join(fields))
    return out


_SPACE_RUN = re.compile(r"( {2,})")


def _cells(line: str) -> list[str]:
    """A row's cells, its empty ones kept where a page wrote each as a space between the
    single spaces that separate cells: k empty cells are 2k+1 spaces ('0.00   0' is 0.00, an
    empty cell, 0; two spaces hold none)."""
    cells: list[str] = []
    for piece in _SPACE_RUN.split(line.strip()):
        for cell in [""] * ((len(piece) - 1) // 2) if piece.startswith("  ") else _spaced_out(piece.split()):
            if cells and cells[-1] and not is_value(cells[-1]) and _MEASURE_NOTE.fullmatch(cell):
                cells[-1] += cell  # '年新增产值 (万元)': a name's unit, a space before it
            else:
                cells.append(cell)
    return cells


# a unit of measure in brackets, no figure in it: '(万元)', '（平方米）', '(%)'
_MEASURE_NOTE = re.compile(r"[（(][^\d（()）\s]{1,6}[）)]")


_ONE_CHARACTER = re.compile(r"^[\u4e00-\u9fff]$")


def _spaced_out(words: list[str]) -> list[str]:
    """Two or more single characters in a row are one cell spaced out to a merged cell's
    height ('绩 效 指 标', '产 出 指 标'), not a cell per character."""
    out: list[str] = []
    run: list[str] = []  # the single characters just read
    for word in [*words, ""]:
        if _ONE_CHARACTER.match(word):
            run.append(word)
            continue
        out.extend(["".join(run)] if len(run) >= 2 else run)
        run = []
        if word:
            out.append(word)
    return out


_UNIT_NOTE = re.compile(r"^[（(](?:单位[:：])?(?:万元|元)[）)]$")
_MAX_ROW_CELLS = 14  # more space-separated pieces on a line are a whole form run together, not a row


def _row_line(line: str) -> bool:
    return "|" not in line and not line.startswith("\t") and len(line.split()) <= _MAX_ROW_CELLS


def _finish_header(header: list[str], fields: list[str]) -> list[str] | None:
    """A header row whose cells wrapped onto the next line (`… 年度 实际 分值 …` over
    `指标值 完成值`): each piece of that line finishes the first cell it makes a header word
    of; None unless every piece does."""
    cells, start = list(header), 0
    for piece in fields:
        for k in range(start, len(cells)):
            if not is_header_word(cells[k]) and is_header_word(cells[k] + piece):
                cells[k] += piece
                start = k + 1
                break
        else:
            return None
    return cells


def rebuild_tables(lines: list[str]) -> list[str]:
    """Lines of Word's text export, with streams of cells regrouped into tab-indented rows.
    Word's own tables (tab-indented cells and the lines that continue them) are kept as
    they are; only the lines between them are looked at."""
    out: list[str] = []
    free: list[str] = []
    in_table = False
    for line in lines:
        in_table = line.startswith("\t") or (in_table and bool(line.strip()))
        if in_table:
            out.extend(_rebuild_free(free))
            free = []
            out.append(line)
        else:
            free.append(line)
    out.extend(_rebuild_free(free))
    return out


def _rebuild_free(lines: list[str]) -> list[str]:
    cells: list[str] = []
    for line in lines:
        spaced = _split_spaced(line) if line.strip() else None
        cells.extend(spaced if spaced else [line])
    squashed = _squash_blank(cells)
    if not any(len(_header_run(squashed, i)) >= _MIN_HEADERS for i in range(len(squashed))):
        return lines  # no table here: the text stays exactly as it was
    return [""] + _regroup(_join_header_fragments(squashed)) + [""]


def _squash_blank(cells: list[str]) -> list[str]:
    """Blank lines between single cells separate nothing: a page puts one between every two."""
    return [cell.strip() for cell in cells if cell.strip()]


def _regroup(cells: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(cells):
        headers = _header_run(cells, i)
        if len(headers) < _MIN_HEADERS:
            out.append(cells[i])
            i += 1
            continue
        i += len(headers)
        if any(INDICATOR_HEADER.search(h) for h in headers) and _targets_only(headers):
            rows, i, rest = _target_rows(cells, i)
            out += _table_lines([headers, *rows]) + rest
        elif any(INDICATOR_HEADER.search(h) for h in headers):
            reasons = any(_REASON_HEADER.search(h) for h in headers)
            # a scoring table that gives each level its points ('一级指标 | 分值 | 二级指标 | 分值 |
            # 三级指标 | 分值 | 得分'): a row ends on its own 分值 and 得分 together, not on any two numbers
            level_points = sum(1 for h in headers if "分值" in h) > 1
            rows, i, rest = _indicator_rows(cells, i, len(headers), _numbers_per_row(headers), reasons, level_points)
            out += _table_lines([headers, *rows]) + rest
        else:
            rows, i = _value_rows(cells, i, len(headers))
            out += _table_lines([["", *headers], *rows])
    return out


def _header_run(cells: list[str], start: int) -> list[str]:
    run = []
    for cell in cells[start:]:
        if cell.startswith("\t") or not cell.strip() or not is_header_word(cell):
            break
        run.append(_squash(cell))
    return run


def _value_rows(cells: list[str], i: int, width: int) -> tuple[list[list[str]], int]:
    """Rows of a label and up to `width` figures, until a cell that is neither."""
    rows: list[list[str]] = []
    while i < len(cells):
        cell = cells[i].strip()
        if not cell or cells[i].startswith("\t") or _ends_run(cell) or (rows and is_value(cell)):
            break
        if len(_header_run(cells, i)) >= _MIN_HEADERS:
            break  # the next table's headers
        inline = _INLINE_VALUE.match(cell)
        if is_value(cell):  # figures right under the headers: their label stands before them
            row = [""]
        else:
            row = [inline.group(1), inline.group(2)] if inline else [cell]
            i += 1
            if not inline and _label_broken_at(cells, i):  # '其中:当年财政' / '拨款': a label the page wrapped
                row[0] += cells[i].strip()
                i += 1
        while i < len(cells) and len(row) <= width and is_value(cells[i]) and not inline:
            row.append(cells[i].strip())
            i += 1
        if len(row) > width and _one_more_value(cells, i, width, rows):  # a header set after the rows ('得分')
            row.append(cells[i].strip())
            i += 1
        rows.append(row)
    # rows of a label alone at the end are the text after the table, not its empty rows
    while len(rows) > 1 and all(len(row) == 1 for row in rows[-_TRAILING_LABELS:]):
        rows.pop()
        i -= 1
    return rows, i


def _label_broken_at(cells: list[str], i: int) -> bool:
    """Whether the cell at i is the end of the label before it: a word of three characters at
    most, figures right after it."""
    rest = cells[i].strip() if i < len(cells) else ""
    return 0 < len(rest) <= 3 and not is_value(rest) and not is_header_word(rest) \
        and i + 1 < len(cells) and is_value(cells[i + 1])


def _one_more_value(cells: list[str], i: int, width: int, rows: list[list[str]]) -> bool:
    """A lone figure after a full row, before the next label, where the rows around it have one
    too: the row's, under a header the page set after the rows ('得分')."""
    if i >= len(cells) or not is_value(cells[i]) or (i + 1 < len(cells) and is_value(cells[i + 1])):
        return False
    start = i + 2 + _label_broken_at(cells, i + 2)  # the next row's figures, after its label (and the label's end)
    after = cells[start : start + width + 1]
    next_row_has_one = len(after) == width + 1 and all(is_value(c) for c in after)
    return next_row_has_one or bool(rows and len(rows[-1]) > width + 1)


def _numbers_per_row(headers: list[str]) -> int:
    """How many numbers at least end an indicator row: two (分值 and 得分, or a value and a
    score), but one under a header whose only number is its score (一级 | 二级 | 三级 | 得分)."""
    values = sum(1 for h in headers if _VALUE_HEADER.search(h))
    scores = sum(1 for h in headers if _SCORE_HEADER.search(h))
    return 1 if scores == 1 and not values else 2


_VALUE_HEADER = re.compile(r"指标值|目标值|完成值|实际值|完成情况")
_REASON_HEADER = re.compile(r"原因")
_MAX_REASON = 120  # characters: a row's reason, not the paragraphs after the table
_EMPTY_SLOT = re.compile(r"^指标\d{1,2}[:：]?$")
_SCORE_HEADER = re.compile(r"分值|得分|权重")


def _indicator_rows(
    cells: list[str], i: int, width: int, numbers: int = 2, reasons: bool = False, level_points: bool = False
) -> tuple[list[list[str]], int, list[str]]:
    """Rows ending in their run of numbers (分值, 得分): the words before are the row's levels,
    name, target and result; under a 偏差原因 header, a sentence right after a row's numbers is
    its reason. Words after the last such row are given back as lines."""
    rows: list[list[str]] = []
    row: list[str] = []
    while i < len(cells):
        cell = cells[i].strip()
        if rows and not row and reasons and _ends_run(cell) and len(cell) <= _MAX_REASON and len(rows[-1]) < width:
            rows[-1].append(cell)  # the row's 偏差原因, a sentence after its numbers
            i += 1
            continue
        if cells[i].startswith("\t") or _ends_run(cell) or len(row) > width:
            break
        if not row and len(_header_run(cells, i)) >= _MIN_HEADERS:
            break
        i += 1
        if not cell or _FILLER.match(cell) or _EMPTY_SLOT.match(cell):
            continue  # the template's empty rows: '指标2' over '……'

        if row and (_POINTS.match(cell) or _LEVEL_TAIL.match(cell) and len(row[-1]) <= 7):
            row[-1] += cell  # '产出指标' / '(50)', '可持续影响' / '指标': one cell broken over lines
            continue
        if _LEVEL1.match(cell) and row and all(c.endswith("指标") for c in row):
            row = []  # a level-1 name after level names alone: those headed an empty block ('生态效益指标' over '……')
        row.append(cell)
        numbers_end = _is_number(cell) and (i >= len(cells) or not _is_number(cells[i].strip()))
        counted = _trailing_numbers(row) if level_points else sum(1 for c in row if _is_number(c))
        if numbers_end and counted >= numbers:
            rows.append(row)
            row = []
    return rows, i, row


def _targets_only(headers: list[str]) -> bool:
    """A target form's header (一级指标 | 二级指标 | 三级指标 | 指标值): targets, no result, no points."""
    return any(_TARGET_HEADER.search(h) for h in headers) and not any(
        _RESULT_HEADER.search(h) or _SCORE_HEADER.search(h) for h in headers)


_TARGET_HEADER = re.compile(r"指标值|目标值")
_RESULT_HEADER = re.compile(r"完成|实际")  # (实际完成指标值, 全年完成值, 完成情况)
# a level's name: '产出指标', '数量指标', '经济效益' (its 指标 broken onto the next line), '可持续影响'
_LEVEL_NAME = re.compile(INDICATOR_LEVEL_NAME)


def _target_rows(cells: list[str], i: int) -> tuple[list[list[str]], int, list[str]]:
    """Rows of a target form: a row ends on the cell after its indicator's name, the level names
    before that name being the row's levels (a merged level is written on its first row only)."""
    rows: list[list[str]] = []
    row: list[str] = []
    while i < len(cells):
        cell = cells[i].strip()
        # (a target after its indicator's name may be a sentence: '按照资金测算控制各项成本。')
        named = sum(1 for c in row if not _LEVEL_NAME.search(_squash(c))) == 1
        if cells[i].startswith("\t") or (_ends_run(cell) and not (named and len(cell) <= _MAX_TARGET)) \
                or (not row and len(_header_run(cells, i)) >= _MIN_HEADERS):
            break
        i += 1
        if not cell or _FILLER.match(cell) or _EMPTY_SLOT.match(cell):
            continue
        if row and _LEVEL_TAIL.match(cell) and len(row[-1]) <= 7:
            row[-1] += cell  # '经济效益' / '指标': one cell broken over lines
            continue
        row.append(cell)
        if sum(1 for c in row if not _LEVEL_NAME.search(_squash(c))) == 2:  # the name and its target
            rows.append(row)
            row = []
    return rows, i, row


def _trailing_numbers(row: list[str]) -> int:
    """How many numbers end the row, one after another."""
    count = 0
    for cell in reversed(row):
        if not _is_number(cell):
            break
        count += 1
    return count


def _is_number(cell: str) -> bool:
    return parse_cell_money(_squash(cell)) is not None


def _ends_run(cell: str) -> bool:
    return len(cell) > _MAX_LABEL or bool(_SENTENCE.search(cell))


def _table_lines(rows: list[list[str]]) -> list[str]:
    lines: list[str] = [""]
    for row in rows:
        lines.extend("\t" + cell for cell in row)
        lines.append("")
    return lines
