"""Word .docx reports, read with python-docx into the one document model.

- Body paragraphs and tables in body order (content controls `w:sdt` looked into).
- A paragraph's text is its runs, hyperlinks and tracked insertions; deleted text, text
  boxes (`w:txbxContent`) and the fallback copy of drawings are left out.
- Automatic numbering (`w:numPr`, as heading and list styles give it) is written out as
  the label Word shows ('一、', '（一）', '1.'), since the facts read section titles.
- Tables: one row of strings per `w:tr`; a cell spanning columns (`gridSpan`) is given
  once, a cell continuing a vertical merge (`vMerge`) is blank, which is what Word's
  'save as text' writes, so the rows match the text reader's. A nested table's cells
  become lines of the cell that holds it.
- Headers and footers are ignored unless they carry the report's title or unit and the
  body does not (a title printed only in the page header).

A .docx is a zip: before python-docx parses it the members' sizes are checked, declared
and actual (with a bounded read), so a file that would inflate to gigabytes is refused.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pipelines.documents.builder import DocumentBuilder
from pipelines.documents.model import Document

# patterns of the functions below, compiled once at import
_LEVEL_PLACEHOLDER = re.compile(r"%(\d)")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one XML part of a real report is well under 10 MB
MAX_TOTAL_BYTES = 256 * 1024 * 1024


class UnreadableDocx(ValueError):
    pass


# ---------------------------------------------------------------- zip safety
def check_zip(path: Path, what: str = "Word document") -> None:
    """Refuse a zip that is not one, or whose members would inflate beyond sane sizes."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise UnreadableDocx(f"not a valid {what} (the .docx/.xlsx zip container is damaged or truncated)") from error
    with archive:
        infos = archive.infolist()
        declared = sum(info.file_size for info in infos)
        if declared > MAX_TOTAL_BYTES or any(info.file_size > MAX_MEMBER_BYTES for info in infos):
            raise UnreadableDocx(
                f"refused: the {what}'s parts would inflate to {declared // (1 << 20)} MB "
                "(a zip bomb or a corrupt file), more than a report can hold"
            )
        total = 0
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            size = 0
            try:
                with archive.open(info) as member:
                    while chunk := member.read(1 << 20):
                        size += len(chunk)
                        if size > MAX_MEMBER_BYTES or size > info.file_size + 1024:
                            raise UnreadableDocx(
                                f"refused: part {info.filename} of the {what} inflates beyond its declared "
                                f"size or beyond {MAX_MEMBER_BYTES >> 20} MB (a zip bomb or a corrupt file)"
                            )
            except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as error:
                raise UnreadableDocx(f"the {what} is damaged: part {info.filename} cannot be read ({error})") from error
            total += size
            if total > MAX_TOTAL_BYTES:
                raise UnreadableDocx(f"refused: the {what} inflates to more than {MAX_TOTAL_BYTES >> 20} MB")


# ---------------------------------------------------------------- numbering
_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional", "taiwaneseCounting"):
        return chinese_number(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


_NUMPR = f"{W}pPr/{W}numPr"
_NUMID = f"{W}numId"
_ILVL = f"{W}ilvl"
_PSTYLE = f"{W}pPr/{W}pStyle"


class Numbering:
    """Counters of Word's automatic numbering, to print the labels Word shows."""

    def __init__(self, docx) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = docx.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{W}lvl"):
                fmt = _val(lvl.find(f"{W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{W}lvlText")) or ""
                start = int(_val(lvl.find(f"{W}start")) or 1)
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (fmt, text, start)
            abstract[node.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            ref = _val(num.find(f"{W}abstractNumId"))
            self.levels[num.get(f"{W}numId")] = abstract.get(ref, {})
        for style in docx.styles.element.findall(f"{W}style"):
            numpr = style.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                num_id = _val(numpr.find(f"{W}numId"))
                ilvl = int(_val(numpr.find(f"{W}ilvl")) or 0)
                if num_id:
                    self.style_num[style.get(f"{W}styleId")] = (num_id, ilvl)

    def label(self, p) -> str:
        if not self.levels:
            return ""  # no numbering in the document: nothing to count
        numpr = p.find(_NUMPR)
        num_id, ilvl = None, 0
        if numpr is not None:
            num_id = _val(numpr.find(_NUMID))
            ilvl = int(_val(numpr.find(_ILVL)) or 0)
        else:
            style = _val(p.find(_PSTYLE))
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        counters = self.counters.setdefault(num_id, [0] * 9)
        if ilvl >= 9:
            return ""
        if counters[ilvl] == 0:
            counters[ilvl] = levels.get(ilvl, ("decimal", "", 1))[2] - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels.get(ilvl, ("decimal", "", 1))
        if fmt in ("bullet", "none"):
            return ""

        def level_number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            kfmt = levels.get(k, ("decimal", "", 1))[0]
            return _format_number(max(counters[k], 1), kfmt)

        return _LEVEL_PLACEHOLDER.sub(level_number, text)


def _val(node) -> str | None:
    return None if node is None else node.get(f"{W}val")


# ---------------------------------------------------------------- text
_SKIP = {f"{W}txbxContent", f"{W}del", f"{W}moveFrom", f"{MC}Fallback", f"{W}instrText", f"{W}delText",
         f"{W}footnoteReference", f"{W}endnoteReference", f"{W}commentReference"}


_TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}sym")
_RUN = f"{W}r"
_T = f"{W}t"
_TAB = f"{W}tab"
_BR_TYPE = f"{W}type"


def paragraph_text(p) -> str:
    if next(p.iter(*_SKIP), None) is None:
        return _plain_paragraph_text(p)
    return _walked_paragraph_text(p)


def _plain_paragraph_text(p) -> str:
    """paragraph_text of a paragraph with nothing to leave out: its text elements in
    document order (what the walk below gives when it skips no subtree)."""
    out: list[str] = []
    for child in p.iter(*_TEXT_TAGS):
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t" if child.getparent().tag == _RUN else "")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}sym":
            out.append("")
        elif child.get(_BR_TYPE) in (None, "textWrapping"):  # w:br, w:cr
            out.append("\n")
    return "".join(out)


def _walked_paragraph_text(p) -> str:
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t" if node.tag == f"{W}r" else "")
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") in (None, "textWrapping"):
                    out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag == f"{W}sym":
                out.append("")
            else:
                walk(child)

    walk(p)
    return "".join(out)


# ---------------------------------------------------------------- reading
def read_docx(path: Path) -> Document:
    check_zip(path)
    import docx  # noqa: PLC0415 (heavy import, only for .docx files)

    try:
        word = docx.Document(str(path))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors …
        raise UnreadableDocx(unreadable_message(error)) from error
    return docx_to_document(word)


def unreadable_message(error: Exception) -> str:
    """Why python-docx could not open the file, in plain words first, lxml's text after."""
    from lxml import etree  # noqa: PLC0415

    detail = str(error).strip() or error.__class__.__name__
    if isinstance(error, etree.XMLSyntaxError) and "entit" in detail.lower():
        # 'Maximum entity amplification factor exceeded', 'Detected an entity reference loop'
        return ("refused: the Word document's XML is malformed or tries to expand entities far beyond its size "
                f"(a 'billion laughs' style entity bomb), so it was not read; the parser said: {detail}")
    if isinstance(error, etree.XMLSyntaxError):
        return f"not a readable Word document: its XML is malformed; the parser said: {detail}"
    return f"not a readable Word document: {detail}"


def docx_to_document(word, source_format: str = "docx") -> Document:
    builder = DocumentBuilder(source_format)
    numbering = Numbering(word)
    for kind, value in _body_blocks(word.element.body, numbering):
        if kind == "p":
            for line in value.split("\n"):
                builder.paragraph(line.replace("\t", " "))
        else:
            builder.table(value)
    document = builder.build()
    _add_title_from_headers(word, document)
    return document


def _body_blocks(container, numbering: Numbering):
    for child in container:
        if child.tag == f"{W}p":
            yield "p", numbering.label(child) + paragraph_text(child)
        elif child.tag == f"{W}tbl":
            yield "t", table_rows(child, numbering)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_blocks(content, numbering)
        elif child.tag in (f"{W}customXml", f"{W}ins", f"{W}moveTo"):
            yield from _body_blocks(child, numbering)


def table_rows(tbl, numbering: Numbering) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in _children(tbl, f"{W}tr"):
        row: list[str] = []
        for tc in _children(tr, f"{W}tc"):
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            if vmerge is not None and vmerge.get(f"{W}val") in (None, "continue"):
                row.append("")  # covered by the cell above, as Word's text export writes it
                continue
            row.append(cell_text(tc, numbering))
        if row:
            rows.append(row)
    return rows


def _children(node, tag: str):
    """Direct children of a tag, looking through content controls and custom XML."""
    for child in node:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if inner is not None:
                yield from _children(inner, tag)


def cell_text(tc, numbering: Numbering) -> str:
    lines: list[str] = []
    for kind, value in _body_blocks(tc, numbering):
        if kind == "p":
            lines.append(value)
        else:  # a nested table: its cells, one per line
            lines.extend(cell for row in value for cell in row if cell.strip())
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(line.replace("\t", " ") for line in lines)


_TITLEISH = re.compile(r"报告|自评|绩效|(?:局|委|办|办公室|院|中心|政府|站|所|队|馆|会)$")


def _add_title_from_headers(word, document: Document) -> None:
    """A title or unit printed only in the page header: put it first, as a paragraph."""
    body = document.full_text()
    seen: list[str] = []
    for section in word.sections:
        for part in (section.header, section.first_page_header):
            try:
                if part.is_linked_to_previous and part is not word.sections[0].header:
                    continue
                paragraphs = part._element.findall(f".//{W}p")
            except Exception:  # noqa: BLE001 - a broken header is no reason to fail the report
                continue
            for p in paragraphs:
                text = paragraph_text(p).strip()
                if len(text) >= 4 and _TITLEISH.search(text) and text not in body and text not in seen:
                    seen.append(text)
    if not seen:
        return
    builder = DocumentBuilder(document.source_format)
    for text in seen:
        builder.paragraph(text)
    for block in document.blocks:
        if hasattr(block, "rows"):
            builder.table(block.rows, block.page)
        else:
            builder.paragraph(block.text, block.page)
    document.blocks = builder.build().blocks


def read_doc(path: Path) -> Document:
    """An old Word .doc or WPS .wps document, converted to .docx by LibreOffice first."""
    import tempfile  # noqa: PLC0415

    from pipelines.documents.office_convert import convert  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="doc-") as tmp:
        converted = convert(path, "docx", Path(tmp), "MS Word 2007 XML")
        check_zip(converted)
        import docx  # noqa: PLC0415

        return docx_to_document(docx.Document(str(converted)), path.suffix.lower().lstrip("."))
