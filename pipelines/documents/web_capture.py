"""Text as a web page carries a report: the page's own lines, not Word's 'save as text'.

Government sites publish most reports as HTML pages (or attachments converted to them), and
a copy of the page's text brings:
- table rows as cells separated by `|` (`项目名称 | 某某项目 | ||||`), padded with empty cells,
  with markdown rules (`|---|---|`) between them;
- forms one cell per line, a label on one line and its value on the next
  (`人员编制` / `21`);
- tables one cell per line with bars marking where cells and rows end (`人员编制 |`, a lone
  `|`, `||||`): `rejoin_cell_lines` joins their rows again;
- the site around the report: breadcrumbs, 字号/打印/分享, 浏览量, ICP and footer lines, and the
  page's metadata as a list (`- 发布机构: 某某局`).

`capture_lines` turns such text into the lines `text_reader.parse_text` understands: a table
row becomes tab-indented cells ending with a blank line, chrome lines go, a metadata item loses
its list dash, a paragraph run together from numbered items ('1、某某项目：…2、…') becomes one
line per item, and a label line followed by a short value line becomes one `label：value` line.
Text without `|` rows or chrome passes through unchanged.
"""

from __future__ import annotations

import re

from pipelines.documents.cell_stream import INDICATOR_HEADER, is_value
from pipelines.normalize.numbers import is_figure
from pipelines.normalize.phases import phase_of_label
from pipelines.normalize.text import YEAR

# a line that is the website, not the report
_CHROME = re.compile(
    r"^(?:[【\[]?\s*(?:(?:加大|缩小)?字[号体]|打印|分享|关闭|关闭窗口|收藏|返回顶部|纠错)\b.*"
    r"|\s*(?:发布时间|责任编辑)\s*[:：].{0,30}"
    r"|.*(?:浏览量|浏览次数|访问量|阅读量|点击数|点击量)\s*[:：]\s*\d*.*"
    r"|.*(?:ICP备|公网安备|网站标识码|版权所有|Copyright|主办单位|承办单位|技术支持).*"
    r"|(?:当前位置|您的位置|您现在的位置)\s*[:：].*"
    r"|\s*[>>»]*\s*[^>>»|]{1,20}(?:\s*[>>»]+\s*[^>>»|]{1,20}){2,}"  # breadcrumbs: 首页 > 政务公开 > 财政
    r"|\s*(?:扫一扫|微信|微博|上一篇|下一篇|相关链接|附件下载)\s*[:：]?.*"
    # the site's own links, on a short line that is no sentence ('在县政府门户网站公开了…。' is one)
    r"|\s*无障碍辅助浏览(?:工具条|工具栏)?\s*"  # the toolbar's name on its own line
    r"|[^。]{0,20}(?:无障碍浏览|政府门户网|注册\s*登录|网站支持IPv6|本站地图|网站地图)[^。]{0,20}"
    # a line of nothing but the site's reading modes: '无障碍 适老模式', '支持IPV6'
    r"|\s*(?:(?:无障碍|适老化?(?:模式|版)?|长者模式|关怀版|支持IPv6|English)\s*)+"
    # an accessibility toolbar, a button a line: '拼音', '辅助浏览', '大鼠标', '白底黑字蓝链接', '减小音量'
    r"|\s*(?:拼音|辅助浏览|轻松阅读|读屏|视图|放大|缩小|配色|页面原始配色|大鼠标|辅助线|显示屏|声音|指读|连读|减速|加速|音量|"
    r"增加音量|减小音量|后退|前进|全屏|刷新|退出|帮助|换肤|[白蓝黄黑]底[白蓝黄黑]字[白蓝黄黑]链接)\s*"
    # a museum's or park's opening hours: '开闭馆时间', '9:00 开馆时间'
    r"|\s*(?:\d{1,2}:\d{2}\s*)?(?:开闭馆|开馆|闭馆|开园|闭园)(?:时间)?\s*"
    # document-sharing sites around an uploaded file
    r"|.*(?:上传人|文档编号|上传时间|下载积分|资源ID)\s*[:：].*"
    r"|.*\.(?:docx?|pdf|xlsx?|wps)_第\d+页\s*"
    r"|\s*第\d+页\s*/\s*共\d+页\s*"
    # (on a line of the site's own length: a report's sentence may speak of 举报 or 在线阅读)
    r"|.{0,300}(?:免费预览|已超出|由会员分享|由会员上传|在线阅读|下载文档|版权申诉|VIP).{0,300}"
    r"|[^。，,；;]{0,30}举报[^。，,；;]{0,30}"
    r"|\s*(?:资源描述|下载\s*相关\s*举报|相关\s*举报)\s*)$",
    re.IGNORECASE,
)
# '35. 3万元': a PDF's line wrap left a space inside the figure
_WRAPPED_DECIMAL = re.compile(r"(?<=\d\.)\s+(?=\d+\s*(?:亿元|万元|元|%))")
# 'N、name：' inside a line, not after a digit ('1、2、3') and naming a subject before its colon
_INLINE_ITEM = re.compile(rf"(?<![\d.、])\d{{1,2}}、(?=(?:{YEAR}年度?)?[^\d，,。；;：:、\s][^，,。；;：:]{{1,39}}[：:])")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ONLY_BARS = re.compile(r"^[\s|]*$")
_LIST_DASH = re.compile(r"^\s*(?:[•·▪◦*]|-(?=\s))\s*")

# the labels of a page's metadata (索引号, 发布机构 …); a lone one is chrome, not a title's first line
META_WORDS = (
    r"(?:索引号|发布机构|公开主体|发文机构|发文机关|发文单位|信息来源|来源|公开目录|主题分类|体裁分类|组配分类|发布日期|成文日期|发文日期|文号|发文字号|"
    r"主题词|关键词|公开方式|公开范围|浏览量|浏览次数|有效性|时效性|效力属性)"
)

# labels of a form cell whose value may stand on the next line
_FORM_LABEL = re.compile(
    r"^(?:部门|单位|部门（单位）|部门\(单位\)|预算单位|填报单位|主管部门|实施单位|项目名称|项目单位)"
    r"(?:名称)?(?:[（(]盖章[）)])?$"
    r"|^(?:人员编制|编制人数|实有人数|在职人数|离退休人数|预算编码|评价年度|所属年度|自评得分|自评等级|评价等级|评分等级|总分)$"
    # a page's metadata, label and value on lines of their own
    rf"|^{META_WORDS}$"
)
_META_LABEL = re.compile(rf"^\s*[-•·*▪◦]?\s*{META_WORDS}\s*$")
_SHARED_FILE = re.compile(r"《(?P<name>[^《》]{4,60}?\.(?:docx?|pdf|xlsx?|wps))》\s*由会员")
_SOURCE_FIELD = re.compile(r"(来源|信息来源|发布机构|发文单位)\s*[:：]\s*([^\s:：|]{2,40})")
# a page's metadata field '[ 发布机构 ] 某某局', its label in words (a code in brackets is a value: '[155]某某局')
_BRACKET_FIELD = re.compile(r"^\s*\[\s*[\u4e00-\u9fff][^\]]{1,7}\s*\]")
_BRACKET_FIELDS = re.compile(r"\[\s*([\u4e00-\u9fff][^\]]{1,7}?)\s*\]([^\[]*)")
_VALUE = re.compile(r"^[^，。；;:：]{1,40}$")
# a document's title after an empty label ('有效性' over '某某中学2023年决算情况说明') is no value of it
_TITLE_END = re.compile(r"(?:报告|说明|决算|预算|公开|自评表|评价表)$")


def is_capture(text: str) -> bool:
    """Whether the text looks like a page capture rather than Word's text export."""
    lines = text.split("\n")
    bar_rows = sum(1 for line in lines if "|" in line and not line.startswith("\t"))
    return bar_rows >= 3 or any(
        _CHROME.match(line) or _META_LABEL.match(line) or _BRACKET_FIELD.match(line) for line in lines[:40]
    )


def bar_cells(line: str) -> list[str] | None:
    """The cells of a `|` row, or None for another line. A bar at the very start is the
    table's left border; the run of bars at the end (`||||`, no spaces) pads the row to the
    table's width and goes with the blank cell just before it, while blank cells between
    spaced bars (`a |  |  | 3`) are the row's own empty cells."""
    if "|" not in line or line.startswith("\t"):
        return None
    raw = line.rstrip()
    raw = raw[1:] if raw.startswith("|") else raw
    cells = raw.split("|")
    padded = False
    while cells and cells[-1] == "":
        cells.pop()
        padded = True
    if cells and not cells[-1].strip() and (padded or len(cells) > 1):
        cells.pop()
    return [_FIGURE_MARK.sub(r"\1", cell.strip()) for cell in cells]


# a figure with a question mark after it ('3,724,055.00?'): a character the page's encoding could not
# carry (a non-breaking space), not a doubt
_FIGURE_MARK = re.compile(r"^(-?\d[\d,]*(?:\.\d+)?%?)[?？]$")


def capture_lines(text: str) -> list[str]:
    """Page text as the tab-indented lines of Word's text export (see the module doc)."""
    out: list[str] = []
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = rows_of_leading_bars(lines)
    lines = [kept for line in lines if not _RULE.match(line) for kept in _without_chrome(line)]
    # (a page's metadata fields first: '• [ 有效性 ] |' is no cell of a table)
    lines = [item for line in lines for item in _bracket_fields(_LIST_DASH.sub("", line))]
    lines = rejoin_cell_lines(lines)
    lines = [item for line in lines for item in _inline_items(_WRAPPED_DECIMAL.sub("", line))]
    i = 0
    while i < len(lines):
        line = lines[i]
        cells = bar_cells(line)
        if _label_over_its_figures(lines, i):  # '年度资金总额 |' over '| 32.4 | 31.69 | 97.80% |': one row
            cells, i = [line.strip()[:-1].strip(), *bar_cells(lines[i + 1])], i + 1
        if cells is not None:
            i += 1
            if len(cells) >= 2 or cells and _in_a_table(out) and _ROW_NUMBER_CELL.match(cells[0]):
                # (a 决算 table's row of empty cells but its number, '| 9 |', is still the table's)
                out.extend(["\t" + cell for cell in cells] + [""])
            elif cells and _row_without_figures(out, cells[0], lines, i):
                out.extend(["\t" + cells[0], ""])  # '1.因公出国(境)费 | ||||' inside a table: its row
            elif cells:
                out.extend(["", cells[0], ""])  # a title padded with empty cells
            continue
        if _ONLY_BARS.match(line) and line.strip():
            i += 1
            continue
        following = _next_text(lines, i)
        if following is not None and _FORM_LABEL.match(line.strip()) and _VALUE.match(lines[following].strip()) \
                and not _FORM_LABEL.match(lines[following].strip()) and not _TITLE_END.search(lines[following].strip()):
            out.extend(["", f"{line.strip()}：{lines[following].strip()}", ""])
            i = following + 1
            continue
        out.append(line)
        i += 1
    return out


_ROW_NUMBER_CELL = re.compile(r"^(?:\d{1,3}|行次|栏次)$")


def _row_without_figures(out: list[str], label: str, lines: list[str], following: int) -> bool:
    """A table's row whose figures are all empty ('1.因公出国(境)费 | ||||'), told from a title
    padded with empty cells by where it stands, between two rows of one table, and by its words:
    numbered as a table's items are ('1.', '(1)', '其中:(1)'), not a heading, title or unit note."""
    after = next((line for line in lines[following : following + 3] if not _ONLY_BARS.match(line)), "")
    return (
        _in_a_table(out)
        and len(bar_cells(after) or []) >= 2
        and len(label) <= 30
        and bool(_NUMBERED_ITEM.match(label))
        and not _NOT_A_ROW_LABEL.search(label)
    )


_NUMBERED_ITEM = re.compile(r"^(?:其中\s*[:：]?\s*)?(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[）)])")
_NOT_A_ROW_LABEL = re.compile(r"表$|表[（(]|单位\s*[:：]|[。；;]|情况$|说明$")


def _in_a_table(out: list[str]) -> bool:
    """Whether the last line written ends a table's row."""
    return len(out) >= 2 and out[-1] == "" and out[-2].startswith("\t")


# a cell written on a line of its own, indented, its bar before it ('        | 宣传次数'); a line of
# that indent with nothing after its bars ends the row ('        | ', '        | ||')
_LEADING_BAR_CELL = re.compile(r"^\s{2,}\|\s?(?P<cell>[^|]*?)\s*(?P<end>\|*)$")
_MIN_LEADING_BAR_CELLS = 6


def rows_of_leading_bars(lines: list[str]) -> list[str]:
    """A table a page wrote a cell a line with each cell's bar before it: a row's first cell at
    the margin (its wrapped words indented below it, with no bar), the others indented after a
    bar, and a bar with nothing after it closing the row. Joined back as `a | b | c |` rows, a
    row short of the header's width right-aligned under it (its first cells were merged down from
    the rows above); any other text is left as it is."""
    if sum(1 for line in lines if _LEADING_BAR_CELL.match(line)) < _MIN_LEADING_BAR_CELLS:
        return lines
    out: list[str] = []
    row: list[str] = []  # the open row's cells
    first: list[str] = []  # the lines of its first cell, at the margin and wrapped below
    width = 0  # the header's cells: a shorter row lost the cells merged down from the rows above

    def close() -> None:  # the open row, if any, written out
        nonlocal width
        cells = ["".join(part.strip() for part in first), *row] if first else row
        if len(cells) >= 2:
            width = width or len(cells)
            out.append(" | ".join([""] * (width - len(cells)) + cells) + " |")
        else:
            out.extend(first)
        row.clear()
        first.clear()

    for line in lines:
        cell = _LEADING_BAR_CELL.match(line)
        if cell and (first or row):
            if cell["cell"]:
                row.append(cell["cell"])
            if not cell["cell"] or cell["end"]:  # nothing after the bar, or the row's end bars
                close()
        elif (first or row) and line.startswith((" ", "\u3000")) and line.strip() and "|" not in line:
            # a cell's words wrapped onto an indented line: the last cell's ('社会效益' over '指标')
            if row:
                row[-1] += line.strip()
            else:
                first.append(line)
        elif not cell and line.strip() and "|" not in line and len(line.strip()) <= 20:
            close()
            first.append(line)  # a short line at the margin may open a row
        else:
            close()
            out.append(line)
    close()
    return out


def _label_over_its_figures(lines: list[str], i: int) -> bool:
    """A row's label written as a cell line of its own ('年度资金总额 |') and its figures on the
    next line as a row of their own ('| 32.4 | 31.69 | 10 | 97.80% | 9 |')."""
    if i + 1 >= len(lines) or not _CELL_LINE.match(lines[i].strip()) or len(lines[i].strip()) > _MAX_FIRST_CELL + 1:
        return False
    figures = bar_cells(lines[i + 1]) if lines[i + 1].lstrip().startswith("|") else None
    return bool(figures) and len(figures) >= 2 and all(is_figure(cell) for cell in figures)


# one cell a line: 'label |' (a cell and its bar), '|' alone, and '||||' (bars only: a row's end)
_CELL_LINE = re.compile(r"^[^|]*[^|\s][^|]*\|$")
_LONE_BAR = re.compile(r"^\s*\|\s*$")
_ROW_END = re.compile(r"^\s*\|{2,}\s*$")
_MIN_CELL_LINES = 6
_BLANK_ROW = 3  # empty cells before a row's first text
_MAX_FIRST_CELL = 20  # characters: '预算执行情况(万元)' / '(20分)' is one cell, a title above it is not


def rejoin_cell_lines(lines: list[str]) -> list[str]:
    """A table a page wrote one cell a line, its rows joined again as `a | b | c` lines.

    Two families, told apart by whether the text has rows of bars alone:
    - rows end with a line of bars (`||||`, the row's padding); a cell is a line ending with
      its bar (`人员编制 |`), or lines closed by a lone `|`; a lone `|` with no cell open is
      an empty cell;
    - no rows of bars: each cell ends with its bar and a lone `|` ends the row (never two
      in a row: then they are empty cells, and the text is left as it is).
    A row of one cell (a title, a heading) and lines never closed by a bar stay as they were.
    A row's last cell may carry the row's end on its own line ('0.00 | |||'): cell, then end."""
    lines = [piece for line in lines for piece in _cell_then_row_end(line)]
    bars_end_rows = sum(bool(_ROW_END.match(line)) for line in lines) >= 2
    cell_lines = sum(bool(_CELL_LINE.match(line.strip())) for line in lines)
    lone_bars = sum(bool(_LONE_BAR.match(line)) for line in lines)
    # bars in a row are empty cells, and with no row ends either the rows are lost: the cell
    # stream is cut into rows as wide as its header where it divides so (_rows_under_header),
    # else left to cell_stream.rebuild_tables, which regroups it under its header words
    bars_end_cells = any(_LONE_BAR.match(a) and _LONE_BAR.match(b) for a, b in zip(lines, lines[1:]))
    lone_bars_end_rows = cell_lines >= _MIN_CELL_LINES and lone_bars >= 2 and not bars_end_cells
    # (every cell closed by its bar, and at most one lone bar: an empty cell, no row's end)
    if (bars_end_cells or lone_bars < 2) and not bars_end_rows:
        return _rows_under_header(lines)
    if cell_lines + lone_bars < _MIN_CELL_LINES or not (bars_end_rows or lone_bars_end_rows):
        return lines
    out: list[str] = []
    cells: list[list[str]] = []  # each cell with the lines it was written on
    open_cell: list[str] = []
    width = 0  # the first row's cells: a row a page forgot to end is cut at this width

    def end_row() -> None:
        nonlocal width
        blank = next((i for i, cell in enumerate(cells) if cell != [""]), len(cells))
        if blank >= _BLANK_ROW:  # a blank row the page did not end runs into the next one
            del cells[:blank]
        if len(cells) >= 2:
            joined = [" ".join(cell) for cell in cells]
            width = width or len(joined)
            step = width if not bars_end_rows and len(joined) > width >= 2 else len(joined)
            numbered = rows_by_their_numbers(joined) if step == len(joined) else None
            if numbered:
                out.extend(" | ".join(row) + " |" for row in numbered)
            else:
                out.extend(" | ".join(joined[i : i + step]) + " |" for i in range(0, len(joined), step))
        elif bars_end_rows and width >= 3 and len(cells) == 1 and _EMPTY_ROW_LABEL.match(" ".join(cells[0])):
            out.append(" ".join(cells[0]) + " |  |  |")  # a row of the table with its figures left empty
        else:
            out.extend(line for cell in cells for line in cell)
        out.extend(open_cell)
        cells.clear()
        open_cell.clear()

    def close_cell(last: str | None = None) -> None:
        written = [*open_cell, last] if last is not None else open_cell[:]
        open_cell.clear()
        if not cells:  # a row's first cell is a short label; the lines above it are text above the table
            keep = 1  # (a title above it among them: '某局2023年部门预算情况说明' over '表一 |')
            while (keep < len(written) and len("".join(written[-keep - 1 :])) <= _MAX_FIRST_CELL
                   and not _TITLE_END.search(written[-keep - 1].strip())):
                keep += 1
            out.extend(written[:-keep])
            written = written[-keep:]
        cells.append(written)

    for line in lines:
        text = line.strip()
        if _ROW_END.match(line) and bars_end_rows:
            end_row()
        elif _LONE_BAR.match(line):
            if open_cell:
                close_cell()
            elif bars_end_rows:
                cells.append([""])
            if not bars_end_rows:
                end_row()
        elif _CELL_LINE.match(text):
            close_cell(text[:-1].strip())
        elif "|" in text or not text:  # a whole row of its own, or a blank line: the cell stream stops
            end_row()
            out.append(line)
        else:
            open_cell.append(line)
    end_row()
    return out


_MIN_NUMBERED = 4  # rows in a run numbered 1, 2, 3 … at a fixed distance


def rows_by_their_numbers(cells: list[str]) -> list[list[str]] | None:
    """A table's rows run into one (the page ended only its header rows) cut again where its
    序号 column counts them: the cells 1, 2, 3 … at one fixed distance (the row's width) start
    the rows; what stands before the first is one row (the column numbers, 栏次 | 1 | 2 …) if it
    is as wide, and what is left after the last row stays a row of its own. None when no run of
    at least _MIN_NUMBERED rows numbered in turn is found (the last row may lack its last cells).
    """
    best: tuple[int, int, int] | None = None  # (rows, start, width)
    for start, cell in enumerate(cells):
        if not cell.isdigit() or int(cell) > 2:
            continue
        for width in range(3, 13):
            n = 1
            while start + n * width < len(cells) and cells[start + n * width] == str(int(cell) + n):
                n += 1
            if n >= _MIN_NUMBERED and (best is None or n > best[0]):
                best = (n, start, width)
    if best is None:
        return None
    n, start, width = best
    end = min(start + n * width, len(cells))  # (the last row may lack its last cells)
    head, rows, tail = cells[:start], [cells[i : i + width] for i in range(start, end, width)], cells[end:]
    out = ([head] if head else []) + rows
    return out + ([tail] if tail else [])


# a row's label whose figures the form left empty ('其中:公车购置' / '||||||'), not a title
_EMPTY_ROW_LABEL = re.compile(r"^(?!.*(?:表|情况|说明|目录)$).{2,20}$")


_CELL_AND_ROW_END = re.compile(r"^(?P<cell>[^|]*[^|\s][^|]*\|)\s*(?P<end>\|{2,})\s*$")


def _cell_then_row_end(line: str) -> list[str]:
    match = _CELL_AND_ROW_END.match(line.strip())
    return [match["cell"], match["end"]] if match else [line]


def _rows_under_header(lines: list[str]) -> list[str]:
    """A table written one cell a line, every cell closed by its bar and an empty cell a bar
    alone, with nothing ending its rows: the rows are as wide as its header, the cells before
    the first row label ('项 目 | 预算数 | 决算数 | 合计 | 3 | 1.71 | …': three). A run of cells
    that does not divide into such rows is left as it was (cell_stream regroups it)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        cells = ["" if _LONE_BAR.match(line) else line.strip()[:-1].strip() for line in run]
        first_value = next((i for i, cell in enumerate(cells) if not cell or is_figure(cell)), 0)
        width = first_value - 1
        # a last row the page cut off after its label stays as it was written (in a run with no
        # empty cells side by side: one with them holds more than one table)
        cut = width >= 2 and len(cells) % width == 1 and not is_value(cells[-1]) \
            and not any(a == b == "" for a, b in zip(cells, cells[1:]))
        whole = len(cells) - (1 if cut else 0)
        if whole >= _MIN_CELL_LINES and width >= 2 and whole % width == 0 and _label_then_figures(cells[width:whole], width):
            out.extend(" | ".join(cells[i : i + width]) + " |" for i in range(0, whole, width))
            out.extend(run[whole:])
        else:
            out.extend(run)
        run.clear()

    for line in lines:
        if _LONE_BAR.match(line) or _CELL_LINE.match(line.strip()):
            run.append(line)
            continue
        flush()
        out.append(line)
    flush()
    return out


def _label_then_figures(cells: list[str], width: int) -> bool:
    """Each row a label and figures (or empty cells) after it: the only rows the cut is sure of
    (not an indicator table's rows of words, nor a table whose first column is a code)."""
    rows = [cells[i : i + width] for i in range(0, len(cells), width)]
    return all(row[0] and not is_value(row[0]) and all(not c or is_value(c) for c in row[1:]) for row in rows)


def _without_chrome(line: str) -> list[str]:
    """A line of the site goes, but the publisher it may name stays ('来源:某某局 浏览次数:12'
    keeps '来源：某某局'): sometimes the only place a page names its unit."""
    if not _CHROME.match(line):
        return [line]
    shared = _SHARED_FILE.search(line)  # '《….docx》由会员分享': the shared file's name is its title
    return ([shared["name"]] if shared else []) + [f"{label}：{value}" for label, value in _SOURCE_FIELD.findall(line)]


def _inline_items(line: str) -> list[str]:
    """A paragraph run together from numbered items that each name their subject
    ('…共有3个项目1、某某维修项目：预算35万元，…。2、某某专项资金：…'): one line per item, so
    that each item's figures belong to its own subject. A line that is a table row stays whole."""
    if "|" in line:
        return [line]
    starts = [m.start() for m in _INLINE_ITEM.finditer(line) if m.start()]
    if not starts:
        return [line]
    bounds = [0, *starts, len(line)]
    return [part for a, b in zip(bounds, bounds[1:]) if (part := line[a:b].strip())]


def _bracket_fields(line: str) -> list[str]:
    """'[ 发布机构 ] 某某街道 [ 有效性 ]': a page's metadata fields, one 'label：value' line each;
    a label alone on its line stays a label line."""
    if not _BRACKET_FIELD.match(line):
        return [line]
    fields = [(label, value.strip(" |")) for label, value in _BRACKET_FIELDS.findall(line)]  # ('[ 有效性 ] |': no value)
    if len(fields) == 1 and not fields[0][1]:
        return [fields[0][0]]  # '[ 发布机构 ]' alone: its value is on the next line, joined to it below
    return [f"{label}：{value}" for label, value in fields if value]


def _next_text(lines: list[str], i: int) -> int | None:
    """Index of the next non-blank line after i, if it is at most one blank line away."""
    for j in (i + 1, i + 2):
        if j < len(lines) and lines[j].strip():
            return j if bar_cells(lines[j]) is None else None
    return None


def _first_value(row: list[str]) -> int | None:
    """Index of the first figure that follows a label, or None for a row of labels."""
    for i, cell in enumerate(row):
        if i and is_figure(cell):
            return i
    return None


def align_rows(rows: list[list[str]]) -> list[list[str]]:
    """Put back the cells a page leaves out under a cell merged downwards.

    A page writes a cell that spans several rows once, in its first row; the rows below
    start one cell to the left (`按支出性质分 | 其中：基本支出 | 300` then `项目支出 | 200`).
    Within a run of figure rows, every row's labels are right-aligned to the widest label
    block, so that its figures stand under their column headers again — and under the
    header's first phase column when the header's own first cell spans every row below it
    (`部门总体资金 | 资金来源 | 年初预算数 | 全年执行数`, then `基本支出 | 985.19 | 914.97`).
    A row of figures alone is the end of the row above it, wrapped by the page."""
    out: list[list[str]] = []
    run: list[list[str]] = []
    indicators = False  # indicator rows hold words where figures stand: they are left alone
    header: list[str] = []

    def flush() -> None:
        starts = [None if _form_pairs(row) else _first_value(row) for row in run]
        widest = max((s for s in starts if s is not None), default=0)
        widest = max(widest, _first_phase_column(header) if run and header else 0)
        for row, start in zip(run, starts):
            out.append([""] * (widest - start) + row if start is not None and start < widest else row)
        run.clear()

    for row in rows:
        if run and _figures_only(row) and len(run[-1]) + len(row) <= len(header) and not _row_number_alone(row, header):
            run[-1] = run[-1] + row  # '基本支出 | 985.19 | 914.97' then '10 | 10'
        elif _first_value(row) is None:
            flush()
            out.append(row)
            # a header row starts another block; under an indicator header, a row of names
            # alone is an indicator's, its figures wrapped onto the next line
            if sum(1 for cell in row if cell) >= 3 and not (indicators and not _heads_columns(row)):
                indicators = any(INDICATOR_HEADER.search(cell) for cell in row)
                header = row
        elif indicators and _wrapped_indicator(out[-1] if out else [], row, header):
            out[-1] = _filled(out[-1]) + _filled(row)  # '经济效益指标 | 某某增收(元)' then '1980 | 2074 | 10.5'
        elif indicators:
            out.append(row)
        else:
            run.append(row)
    flush()
    return out


def _row_number_alone(row: list[str], header: list[str]) -> bool:
    """A row of nothing but its number under a 行次 header: a row of empty cells, not the end
    of the row above."""
    return len(_filled(row)) == 1 and bool(_ROW_NUMBER_CELL.match(row[0])) \
        and any(_NUMBER_COLUMN.search(re.sub(r"\s", "", cell)) for cell in header)


def _wrapped_indicator(above: list[str], row: list[str], header: list[str]) -> bool:
    """An indicator row the page wrapped: its names on one line, its figures alone on the
    next, the two together no wider than the header."""
    names = _filled(above)
    return (above is not header and _figures_only(row) and _first_value(above) is None and len(names) >= 2
            and len(names) + len(_filled(row)) <= len(_filled(header)))


def _heads_columns(row: list[str]) -> bool:
    return any(INDICATOR_HEADER.search(cell) or phase_of_label(cell) for cell in row)


def _filled(row: list[str]) -> list[str]:
    """The row without the empty cells at its end (a page's trailing '| ||')."""
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def _form_pairs(row: list[str]) -> bool:
    """A form's row of label and value pairs (`联系人 | 某某 | 联络电话 | 123`, `人员编制 | 19 |
    实有人数 | 19`), not a line's label and its figures: three labels before the first figure,
    or a label and a figure after it. Its cells stand where the page wrote them."""
    start = _first_value(row)
    if start is None:
        return False
    if sum(1 for cell in row[:start] if cell.strip()) >= 3:
        return True
    later_labels = [i for i, cell in enumerate(row) if i > start and _WORDS.search(cell) and not is_figure(cell)]
    # a label with a figure after it; a note at the row's end ('执行率*分值') is no pair
    return bool(later_labels) and any(is_figure(cell) for cell in row[later_labels[0] + 1 :])


_WORDS = re.compile(r"[\u4e00-\u9fff]{2}")


def _first_phase_column(header: list[str]) -> int:
    """Where a header's figures begin when its first two cells are both labels (the first
    spanning the rows below), else 0: the index of its first phase column (年初预算数)."""
    phases = [i for i, cell in enumerate(header) if i and phase_of_label(cell)]
    # (a blank first cell spans nothing: '' | 编制数 | 实际在职人数 heads columns of counts)
    if not phases or phases[0] < 2 or not header[0].strip() or any(is_figure(c) for c in header[: phases[0]]):
        return 0
    # a row-number column before the figures (项目 | 行次 | 决算数) is filled in every row
    return 0 if _NUMBER_COLUMN.search(re.sub(r"\s", "", header[phases[0] - 1])) else phases[0]


_NUMBER_COLUMN = re.compile(r"行次|栏次|序号|行号|编号|编码|代码")


def _figures_only(row: list[str]) -> bool:
    return bool(row) and is_figure(row[0]) and all(is_figure(cell) or not cell for cell in row)
