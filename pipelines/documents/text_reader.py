"""Plain-text reports: Word documents saved as text.

The layout this reader understands (the form Word's 'save as text' gives):
- paragraphs are lines, usually separated by blank lines;
- a table is flattened to one cell per line, each cell line starting with a TAB; more
  lines of the same cell follow without a tab; a blank line ends a table row; a blank or
  merged cell is a lone TAB;
- a table ends at the first line after a blank line that does not start with a TAB.

Text copied from a web page (`|` cells, site chrome) is first brought to that layout by
`web_capture`, and tables that arrive as a stream of cells are regrouped by `cell_stream`.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from pathlib import Path
from unicodedata import east_asian_width

from pipelines.documents.builder import DocumentBuilder
from pipelines.documents.cell_stream import numbered_rows, rebuild_tables, spaced_rows
from pipelines.documents.model import Document
from pipelines.documents.fused_form import unfuse_forms
from pipelines.documents.web_capture import align_rows, capture_lines, is_capture
from pipelines.normalize.text import FORM_PROJECT_NAME, PROJECT_NAME_END, to_simplified


class UnreadableText(ValueError):
    pass


def decode_text(data: bytes) -> str:
    """Detect the encoding rather than assume it: BOMs, then UTF-8, UTF-16 without BOM, GB18030."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16-le", "utf-16-be"):  # UTF-16 without a BOM
        text = _plausible(data, encoding)
        if text is not None:
            return text
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise UnreadableText(
            "the file is not text in any encoding tried (UTF-8, UTF-16, GB18030)"
        ) from error


def _plausible(data: bytes, encoding: str) -> str | None:
    """The text if `data` decodes to mostly Chinese, ASCII and CJK punctuation; else None."""
    if len(data) % 2:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    usual = sum(
        1 for ch in text if "\u4e00" <= ch <= "\u9fff" or " " <= ch <= "~" or ch in "\t\r\n"
        or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )
    return text if text and usual / len(text) > 0.9 else None


def parse_text(text: str) -> Document:
    builder = DocumentBuilder("txt")
    rows: list[list[str]] = []  # the table being read
    row: list[str] = []
    after_blank = True

    def end_row() -> None:
        nonlocal row
        if row:
            rows.append(row)
        row = []

    def end_table() -> None:
        nonlocal rows
        end_row()
        if rows:
            builder.table(align_rows(rows) if capture else rows)
        rows = []

    raw_lines = [closed_up(line) for line in to_simplified(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")]
    text = "\n".join(spaced_rows(numbered_rows(raw_lines)))
    capture = is_capture(text)
    lines = join_wrapped_names(unwrap_lines(capture_lines(text) if capture else text.split("\n")))
    lines = unfuse_forms(rebuild_tables(lines))
    for line in lines:
        if line.startswith("\t"):
            row.append(line[1:])
        elif not line.strip():
            end_row()
        elif row and not after_blank:
            row[-1] += "\n" + line  # the next line of a multi-line cell
        else:
            end_table()
            builder.paragraph(line)
        after_blank = not line.strip()
    end_table()
    return builder.build()


# a character, one space, a character: text a PDF's extraction spaced out glyph by glyph
# ('2017 年 嘉 定 区 文 广 局'), where a Chinese word never holds a space
# (not between two figures: '1 2017 年' is a page's number, then the year; nor after a figure unless
# its unit or a date's word follows: '3 二、项目…' is a page's number, then a heading)
_GLYPH = r"[\u4e00-\u9fff（）()、，。：:；]"
_SPACED_GLYPH = re.compile(rf"(?<={_GLYPH})[ ](?=[\d\u4e00-\u9fff（）()、，。：:；])|(?<=\d)[ ](?=[年月日万亿元个人])")
_HAN_BEFORE_ONE_SPACE = re.compile(r"[\u4e00-\u9fff] (?! )")
# a row of a form whose cells one space apart hold figures ('… 培训人次 100 120 10 10'): its cells, not glyphs
_FIGURE_CELLS = re.compile(r"\d{2,}(?:\.\d+)?%? \d{2,}")
_SPACED_FIGURE = re.compile(r"(?<![\d.])\d(?: [\d.]){2,}(?![\d.])")  # its figures spaced out too: '2 0 1 7 年'
_HAN = re.compile(r"[\u4e00-\u9fff]")
SPACED_OUT_SHARE = 0.6  # of a line's Chinese characters followed by one space, when it is spaced out
SPACED_OUT_LEAST = 12  # Chinese characters: a short line spaced out is a merged cell's label ('项 目')


def closed_up(line: str) -> str:
    """A line spaced out glyph by glyph, its single spaces between characters taken out (two
    spaces, a gap between cells or words, stay); any other line as it is."""
    if " " not in line:  # (every line of every text file comes here)
        return line
    han = len(_HAN.findall(line))
    if han < SPACED_OUT_LEAST or len(_HAN_BEFORE_ONE_SPACE.findall(line)) < SPACED_OUT_SHARE * han \
            or _FIGURE_CELLS.search(line):
        return line
    return _SPACED_GLYPH.sub("", _SPACED_FIGURE.sub(lambda m: m.group(0).replace(" ", ""), line))


def join_wrapped_names(lines: list[str]) -> list[str]:
    """A project's name after its label that the page broke before its end ('项目名称：某镇某村综合
    性活' / '动场所建设项目'): the next line, short, with no label of its own, that ends as a
    project's name does, runs on from it."""
    out: list[str] = []
    for line in lines:
        previous = _NAME_LABEL_LINE.match(out[-1].strip()) if out else None
        tail = line.strip()
        if previous and not PROJECT_NAME_END.search(previous["value"]) and PROJECT_NAME_END.search(tail) \
                and len(tail) <= _MAX_NAME_TAIL and not re.search(r"[:：|，,。；;]", tail) and not line.startswith("\t"):
            out[-1] = out[-1].rstrip() + tail
        else:
            out.append(line)
    return out


_NAME_LABEL_LINE = re.compile(rf"^{FORM_PROJECT_NAME}\s*[:：]\s*(?P<value>[^:：|]{{2,60}})$")
_MAX_NAME_TAIL = 30


# a line that ends a paragraph, and one that starts a new one (numbering, a page number)
_PARAGRAPH_END = re.compile(r"[。；;！!？?：:）)”]$")
_PARAGRAPH_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}(?:、|[.．](?!\d))|—\s*\d+\s*—|[①-⑳])")
_CLAUSE = re.compile(r"[，,、；;]")
_MIN_WRAP = 20  # characters: shorter lines are headings, cells or signatures, never a wrapped line


def unwrap_lines(lines: list[str]) -> list[str]:
    """Text copied from a PDF keeps its line breaks: a paragraph comes as lines of the page's
    width ('…公务用车购' / '置及运行费支出…'). A line as wide as the page's usual full line, that
    does not end a sentence, runs on into the next line unless that one starts a new item.
    Width is measured as the page shows it (a Chinese character twice a digit's), within
    three columns of the usual width: justified lines of figures and words vary that much.
    Text without such a usual width that most of its long lines share (Word's export, one
    paragraph per line) is left alone."""
    widths = Counter(
        round(_shown_width(line) / _WIDTH_STEP)
        for line in lines if len(line) >= _MIN_WRAP and "|" not in line and not line.startswith("\t")
    )
    if not widths:
        return lines
    # the page's width: the width most full lines reach, give or take a step
    candidates = {w + step for w in widths for step in (-1, 0, 1)}
    count, top = max((widths[w - 1] + widths[w] + widths[w + 1], w) for w in candidates)
    if count < 3 or count < 0.6 * sum(widths.values()):
        return lines  # no width most long lines share: paragraphs are lines already
    low, high = (top - 1.5) * _WIDTH_STEP, (top + 1.5) * _WIDTH_STEP
    out: list[str] = []
    previous = ""  # the line before, as the page broke it
    for line in lines:
        if (
            out and low <= _shown_width(previous) <= high and not previous.startswith("\t") and "|" not in previous
            and line.strip() and not line.startswith("\t") and "|" not in line
            and _CLAUSE.search(previous)  # prose, not a run of titles or page names of the same length
            and not _PARAGRAPH_END.search(previous) and not _PARAGRAPH_START.match(line.strip())
        ):
            out[-1] += line.strip()
        else:
            out.append(line)
        previous = line
    return out


_WIDTH_STEP = 2  # half a Chinese character


def _shown_width(line: str) -> int:
    """Columns the line takes on a page: two for a Chinese (wide) character, one for the rest."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line.rstrip())


def read_text_file(path: Path) -> Document:
    text = decode_text(path.read_bytes())
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > len(text[:20000]) / 100:
        raise UnreadableText("the file holds binary data, not text")
    return parse_text(text)
