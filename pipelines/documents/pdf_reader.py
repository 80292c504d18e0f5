"""PDF reports: text-layer PDFs with pdfplumber, scanned pages through OCR, into the one model.

Which library where (measured on LibreOffice PDFs of the sample reports, see docs/formats.md):
- pypdfium2 opens the file (clear errors for encrypted or damaged PDFs), counts pages and
  pulls each page's plain text in about 1-2 ms, which decides whether the page has a
  usable text layer (no text, `(cid:…)` glyphs or private-use garbage go to OCR);
- pdfplumber (about 25-30 ms a page) gives characters with positions and the ruling
  lines, which paragraphs and tables need: it reads every page with a usable text layer.

Layout rules, the same for text-layer and OCR pages:
- page headers, footers and page numbers are dropped: lines in the top or bottom band
  that look like a page number ('- 3 -', '第3页', '3/12') or repeat on most pages;
- wrapped lines are joined into paragraphs: a new paragraph starts after a line that
  stops short of the right margin, at an indented or centred line, or after a gap;
- spaces that justification or Latin/CJK auto-spacing put between Chinese and digits
  ('编制 10 个') are removed;
- tables come from ruling lines; a cell covered by a merge (pdfplumber gives None) is
  dropped when it continues a cell to its left and blank when it continues one above,
  as Word's text export writes them; a table that runs on at the top of the next page
  is joined to the one it continues, and a row split by the page break is made whole.
Every block carries its page, so locators read 'page 2 table 1 row 4'.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipelines import settings
from pipelines.documents import two_columns, unruled_tables
from pipelines.documents.builder import DocumentBuilder
from pipelines.documents.model import Document
from pipelines.documents.unruled_tables import Segment

# patterns of the functions below, compiled once at import
_DIGITS = re.compile(r"\d+")


class UnreadablePdf(ValueError):
    pass


# ---------------------------------------------------------------- page items
@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # character height
    first_width: float = 0.0  # width of the line's first word (a CJK character, or a run of Latin/digits)
    segments: list = field(default_factory=list)  # its runs of text apart by wide gaps (unruled_tables.Segment)


@dataclass
class TableItem:
    rows: list[list[str]]
    top: float
    bottom: float
    x0: float
    x1: float
    covered: list[set[int]] = field(default_factory=list)  # per row: columns continuing a cell above


@dataclass
class PageItems:
    number: int
    width: float
    height: float
    items: list = field(default_factory=list)  # Line | TableItem, top to bottom
    ocr: bool = False
    margins: tuple[float, float] | None = None  # a page's own text margins (two columns: a column's)


CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(rf"(?<=[{CJK}]) +(?=[^ {CJK}])|(?<=[^ {CJK}]) +(?=[{CJK}])|(?<=[{CJK}]) +(?=[{CJK}])")
_NUMBER_SPACE = re.compile(r"(?<=\d) +(?=[.．%％])|(?<=[.．]) +(?=\d)")


def tidy(text: str) -> str:
    """Remove the spaces layout puts next to Chinese characters; keep spaces between Latin words."""
    return _NUMBER_SPACE.sub("", _CJK_SPACE.sub("", text)).strip()


# ---------------------------------------------------------------- opening
def open_pdf(path: Path):
    import pypdfium2 as pdfium  # noqa: PLC0415

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise UnreadablePdf("the PDF is encrypted (password protected): save an unprotected copy") from error
        raise UnreadablePdf(f"not a readable PDF (damaged or truncated file): {error}") from error


def text_layer_quality(text: str) -> str:
    """'ok', 'empty' or 'garbage' for a page's plain text."""
    stripped = "".join(text.split())
    if len(stripped) < 5:
        return "empty"
    bad = stripped.count("(cid:") * 6 + sum(
        1 for ch in stripped if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ord(ch) < 32
    )
    if bad / len(stripped) > 0.1:
        return "garbage"
    cjk = sum(1 for ch in stripped if "\u4e00" <= ch <= "\u9fff")
    # (Latin-1's letters too: a font without a Unicode map gives GBK's bytes read as Latin-1, '²¿ÃÅ')
    latin_soup = sum(1 for ch in stripped if (ch.isascii() or "\u00a0" <= ch <= "\u00ff")
                     and not ch.isdigit() and ch not in ".,%-()")
    if cjk == 0 and latin_soup / len(stripped) > 0.8 and len(stripped) > 200:
        return "garbage"  # a Chinese report whose text layer maps to Latin letters
    return "ok"


def read_pdf(path: Path) -> Document:
    pdfium_doc = open_pdf(path)
    opened: dict[int, tuple] = {}  # index -> (page, textpage) of text-layer pages, reused below
    try:
        count = len(pdfium_doc)
        if count == 0:
            raise UnreadablePdf("the PDF has no pages")
        quality = []
        for index in range(count):
            page = pdfium_doc[index]
            textpage = page.get_textpage()
            quality.append(text_layer_quality(textpage.get_text_range()))
            if quality[-1] == "ok":
                opened[index] = (page, textpage)
            else:
                textpage.close()
                page.close()
        pages: list[PageItems] = []
        text_pages = [i for i, q in enumerate(quality) if q == "ok"]
        turns = {i: _upright_rotation(opened[i][0]) for i in text_pages}
        turns = {i: r for i, r in turns.items() if r is not None}
        if turns:
            pages.extend(_turned_pages(path, pdfium_doc, text_pages, turns, opened))
        elif text_pages:
            pages.extend(_pdfplumber_pages(path, text_pages, opened))
        for page, textpage in opened.values():
            textpage.close()
            page.close()
        opened = {}
        scan_pages = [i for i, q in enumerate(quality) if q != "ok"]
        unread: list[int] = []
        slow: list[int] = []
        if scan_pages:
            from pipelines.documents.ocr_schedule import read_scanned_pages  # noqa: PLC0415

            scanned = read_scanned_pages(path, pdfium_doc, scan_pages)
            pages.extend(scanned.pages)
            unread, slow = scanned.unread, scanned.slow
    finally:
        for page, textpage in opened.values():
            textpage.close()
            page.close()
        pdfium_doc.close()
    pages.sort(key=lambda p: p.number)
    document = assemble(pages, "pdf")
    if scan_pages:
        from pipelines.documents.ocr import harmonise_line_names, harmonise_place_names  # noqa: PLC0415

        harmonise_place_names(document)
        harmonise_line_names(document)
    reasons = []
    if slow:
        reasons.append(f"{len(slow)} of {count} pages not read ({page_ranges(slow)}): "
                       "the OCR of each passed the time limit of a page")
    if unread:
        reasons.append(f"{len(unread)} of {count} pages not read ({page_ranges(unread)}): "
                       f"the OCR of the file passed its budget of {settings.ocr_budget_seconds():g} s")
    if not document.blocks:
        raise UnreadablePdf("; ".join(reasons) or "the PDF holds no text (blank pages, or images OCR could not read)")
    document.unread = "; ".join(reasons) or document.unread
    return document


# ---------------------------------------------------------------- pages printed sideways
# A landscape table is often put on a page by drawing its text turned a quarter (a portrait
# page's content placed sideways, or a landscape page whose text runs down the sheet). Laid
# out as it stands, every line would be one character. The page is given the rotation that
# shows its text upright, and pdfminer (which honours a page's /Rotate) reads it.


def _upright_rotation(pdfium_page) -> int | None:
    """The /Rotate (degrees clockwise) that shows most of a page's text upright, when that text
    is drawn turned in the page's own space; else None (text upright in the page's own space is
    read upright whatever the page's /Rotate)."""
    import math  # noqa: PLC0415

    import pypdfium2.raw as pdfium_c  # noqa: PLC0415

    angles: Counter = Counter()
    raw_page = pdfium_page.raw
    objects = [(pdfium_c.FPDFPage_GetObject(raw_page, i), 0.0)
               for i in range(pdfium_c.FPDFPage_CountObjects(raw_page))]
    matrix = pdfium_c.FS_MATRIX()
    while objects:  # text objects, also inside form XObjects (whose turn adds to theirs)
        obj, outer = objects.pop()
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        turn = outer + math.degrees(math.atan2(matrix.b, matrix.a))
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            objects.extend((pdfium_c.FPDFFormObj_GetObject(obj, i), turn)
                           for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)))
        else:
            angles[round(turn / 90) % 4 * 90] += 1
    if not angles:
        return None
    angle, count = angles.most_common(1)[0]
    if angle == 0 or count * 2 <= sum(angles.values()):
        return None  # upright in the page's own space (read so today, whatever its /Rotate)
    return angle


def _turned_pages(path: Path, pdfium_doc, text_pages: list[int], turns: dict[int, int],
                  opened: dict) -> list[PageItems]:
    """Text-layer pages through pdfplumber, those printed sideways from a copy of the file
    in which each is given the rotation that shows its text upright."""
    import tempfile  # noqa: PLC0415

    for index, rotation in turns.items():
        page, textpage = opened.pop(index)
        textpage.close()
        page.close()
        turned = pdfium_doc[index]
        turned.set_rotation(rotation)
        turned.close()
    with tempfile.TemporaryDirectory(prefix="turned-") as folder:
        copy = Path(folder) / "turned.pdf"
        pdfium_doc.save(str(copy))
        return _pdfplumber_pages(copy, text_pages, opened, set(turns))


_COORDINATES = ("x0", "x1", "y0", "y1", "top", "bottom", "doctop", "width", "height")


def _rounded(objects: dict) -> dict:
    """A turned page's objects with coordinates to 1/1000 pt: turning leaves a rule's ends
    1e-14 apart, and pdfplumber would take a horizontal rule for a vertical one."""
    return {kind: [{**obj, **{key: round(obj[key], 3) for key in _COORDINATES if key in obj}} for obj in found]
            for kind, found in objects.items()}


def page_ranges(indexes: list[int]) -> str:
    """0-based page indexes as 1-based ranges: [0, 1, 2, 6] -> 'pages 1-3, 7'."""
    ranges: list[list[int]] = []
    for number in sorted(i + 1 for i in indexes):
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    spans = [f"{a}-{b}" if b > a else str(a) for a, b in ranges]
    return ("pages " if len(indexes) > 1 else "page ") + ", ".join(spans)


def _pdfplumber_pages(path: Path, indexes: list[int], opened: dict | None = None,
                      turned: set[int] = frozenset()) -> list[PageItems]:
    """Pages through pdfplumber; with `opened` (index -> pypdfium2 page and text page) the
    characters and ruling lines come from pdfium where that gives pdfminer's objects; the
    objects of `turned` pages have their coordinates rounded (next to `_turned_pages`)."""
    import pdfplumber  # noqa: PLC0415

    out = []
    fonts: dict = {}  # font verdicts, shared by the pages of the document
    if opened:
        fonts["file"] = _file_fonts_without_descent(path)
    try:
        with pdfplumber.open(str(path)) as pdf:
            for index in indexes:
                page = pdf.pages[index]
                if opened and index in opened and fonts.get("file") is not False:
                    objects = pdfium_objects(*opened[index], page, fonts)
                    if objects is not None:  # pdfplumber's own parse (pdfminer) is skipped
                        page = _page_with_objects()(page, objects)
                elif index in turned:
                    page = _page_with_objects()(page, _rounded(page.objects))
                out.append(plumber_page_items(page))
    except UnreadablePdf:
        raise
    except Exception as error:  # pdfminer raises many kinds on odd files
        raise UnreadablePdf(f"the PDF's text layer cannot be read: {error}") from error
    return out


@lru_cache(maxsize=1)
def _page_with_objects() -> type:
    """pdfplumber's page, its objects given instead of parsed: its own way of deriving a page
    (as crop and filter do), made once pdfplumber is imported."""
    from pdfplumber.page import DerivedPage  # noqa: PLC0415

    class PageWithObjects(DerivedPage):
        def __init__(self, parent, objects: dict):
            super().__init__(parent)
            self.bbox = parent.bbox
            self.given_objects = objects

        @property
        def objects(self) -> dict:
            return self.given_objects

    return PageWithObjects


# ---------------------------------------------------------------- pdfium objects for pdfplumber
# pdfplumber's own parse of a page (pdfminer interpreting the content stream in Python) costs
# about 50 ms a page; pypdfium2 gives the same characters and ruling lines in 2-3 ms. The
# objects below are what pdfminer would have made (same boxes to 1/1000 pt), and pdfplumber's
# table finder and text lines then run on them unchanged. A page with anything this does not
# reproduce exactly (form XObjects, shadings, curves, rotated or vertical text, fonts whose
# descent pdfminer takes into the box) keeps pdfplumber's own parse.


def pdfium_objects(pdfium_page, textpage, page, fonts: dict | None = None) -> dict | None:
    """pdfminer's chars, lines and rects of a page as pdfplumber holds them, read with pdfium;
    None when the page holds something this does not reproduce."""
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415

    fonts = {} if fonts is None else fonts
    if fonts.get("file") is False:
        return None
    if fonts.get("file") is None and not _fonts_without_descent(page, fonts):
        return None
    if float(page.mediabox[0]) or float(page.mediabox[1]):
        return None
    height = float(page.height)
    doctop = float(page.initial_doctop)
    number = page.page_number
    lines: list[dict] = []
    rects: list[dict] = []
    matrix = pdfium_c.FS_MATRIX()
    raw_page = pdfium_page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw_page)):
        obj = pdfium_c.FPDFPage_GetObject(raw_page, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
                return None
            if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
                return None  # rotated, mirrored or skewed text
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            return None
        if not _path_objects(pdfium_c, obj, matrix, height, doctop, number, lines, rects):
            return None
    chars = _pdfium_chars(pdfium_c, textpage, height, doctop, number)
    if chars is None:
        return None
    objects: dict[str, list[dict]] = {}
    for kind, found in (("char", chars), ("line", lines), ("rect", rects)):
        if found:
            objects[kind] = found
    return objects


_PDF_NAME = rb"/([^\s/<>\[\]()]+)"
_SIMPLE_ENCODINGS = {b"Identity-H", b"WinAnsiEncoding", b"MacRomanEncoding", b"StandardEncoding", b"PDFDocEncoding"}


def _file_fonts_without_descent(path: Path) -> bool | None:
    """The font test of `_fonts_without_descent` for a whole file at once, on its bytes:
    True when no font dictionary in it can give pdfminer a descent (every /Descent is 0, no
    Type3 font, no standard-14 font, no CMap but Identity-H); False when one can; None when
    the dictionaries are not all readable as bytes (compressed object streams, encryption):
    then each page's fonts are looked up through pdfminer."""
    from pdfminer.fontmetrics import FONT_METRICS  # noqa: PLC0415

    data = path.read_bytes()
    if b"/ObjStm" in data or b"/Encrypt" in data:
        return None
    if any(float(value) != 0 for value in re.findall(rb"/Descent\s*(-?[0-9.]+)", data)):
        return False
    if b"/Type3" in data:
        return False
    if any(name.decode("latin-1") in FONT_METRICS for name in re.findall(rb"/BaseFont\s*" + _PDF_NAME, data)):
        return False
    if any(name not in _SIMPLE_ENCODINGS for name in re.findall(rb"/Encoding\s*" + _PDF_NAME, data)):
        return False
    return True


def _fonts_without_descent(page, verdicts: dict) -> bool:
    """True when pdfminer would put every character's baseline at the bottom of its box: fonts
    whose descriptor gives no descent (LibreOffice writes Descent 0). Fonts with a descent, the
    standard 14 (metrics of their own), Type3 and vertical CMaps keep pdfminer's reading.
    `verdicts` keeps the answer per font object across the pages of a document."""
    from pdfminer.pdftypes import PDFObjRef, resolve1  # noqa: PLC0415

    try:
        resources = resolve1(page.page_obj.resources) or {}
        for ref in (resolve1(resources.get("XObject")) or {}).values():
            if _name(resolve1(ref).attrs.get("Subtype")) != "Image":
                return False  # a form XObject: its contents are not in pdfium's page objects
        for ref in (resolve1(resources.get("Font")) or {}).values():
            key = ref.objid if isinstance(ref, PDFObjRef) else None
            if key is None or key not in verdicts:
                verdict = _font_without_descent(resolve1(ref))
                if key is None:
                    if not verdict:
                        return False
                    continue
                verdicts[key] = verdict
            if not verdicts[key]:
                return False
    except Exception:  # an odd resource dictionary: let pdfminer read the page
        return False
    return True


def _name(value) -> str | None:
    from pdfminer.pdftypes import resolve1  # noqa: PLC0415

    return getattr(resolve1(value), "name", None)


def _font_without_descent(spec) -> bool:
    from pdfminer.fontmetrics import FONT_METRICS  # noqa: PLC0415
    from pdfminer.pdftypes import resolve1  # noqa: PLC0415

    subtype = _name(spec.get("Subtype"))
    if subtype == "Type0":
        if _name(spec.get("Encoding")) != "Identity-H":
            return False
        descendants = resolve1(spec.get("DescendantFonts")) or []
        if len(descendants) != 1:
            return False
        spec = resolve1(descendants[0])
    elif subtype not in ("Type1", "TrueType", "MMType1"):
        return False
    basefont = _name(spec.get("BaseFont"))
    if basefont is None or basefont in FONT_METRICS:
        return False
    descriptor = resolve1(spec.get("FontDescriptor"))
    return bool(descriptor) and resolve1(descriptor.get("Descent", 0)) == 0


_GENERATED = frozenset(" \r\n")  # pdfium's generated characters (CPDF_TextPage: space, CR, LF)


def _pdfium_chars(pdfium_c, textpage, height: float, doctop: float, number: int) -> list[dict] | None:
    import ctypes  # noqa: PLC0415

    count = pdfium_c.FPDFText_CountChars(textpage)
    text = textpage.get_text_range(0, count) if count else ""
    helper, textpage = textpage, textpage.raw  # the raw handle: ctypes converts it for free
    if len(text) != count:  # characters beyond the BMP: one code a character instead
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(helper.raw, i)) for i in range(count))
    x = ctypes.c_double()
    y = ctypes.c_double()
    width = ctypes.c_float()
    is_generated = pdfium_c.FPDFText_IsGenerated
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    origin_of = pdfium_c.FPDFText_GetCharOrigin
    size_of = pdfium_c.FPDFText_GetFontSize
    object_of = pdfium_c.FPDFText_GetTextObject
    font_of = pdfium_c.FPDFTextObj_GetFont
    glyph_width = pdfium_c.FPDFFont_GetGlyphWidth
    address = ctypes.addressof
    objects: dict[int, tuple] = {}  # text object -> (font, its address, font size)
    widths: dict[tuple, float] = {}
    chars = []
    for i in range(count):
        char = text[i]
        # pdfium adds spaces and line breaks of its own (pdfplumber adds its own): only those
        # characters can be generated ones
        if char in _GENERATED and is_generated(textpage, i):
            continue
        if map_error(textpage, i):
            return None  # pdfminer writes these as (cid:N)
        if not origin_of(textpage, i, x, y):
            return None
        obj = object_of(textpage, i)
        if not obj:
            return None
        known = objects.get(address(obj.contents))
        if known is None:
            font = font_of(obj)
            if not font:
                return None
            known = objects[address(obj.contents)] = (font, address(font.contents), size_of(textpage, i))
        font, font_key, size = known
        code = ord(char)
        key = (font_key, code, size)
        advance = widths.get(key)
        if advance is None:
            if not glyph_width(font, code, size, width):
                return None
            advance = widths[key] = width.value
        x0 = round(x.value, 3)  # pdfium works in float32; the PDF's own figures have 3 decimals
        y0 = round(y.value, 3)
        size3 = round(size, 3)
        x1 = round(x.value + advance, 3)
        top = height - y0 - size3
        chars.append({
            "text": char, "x0": x0, "x1": x1, "y0": y0, "y1": y0 + size3,
            "top": top, "bottom": height - y0, "doctop": doctop + top,
            "width": x1 - x0, "height": size3, "size": size3, "upright": True,
            "object_type": "char", "page_number": number,
        })
    return chars


def _path_objects(pdfium_c, obj, matrix, height, doctop, number, lines, rects) -> bool:
    """A path object as pdfminer's LTLine / LTRect dicts; False for anything else (curves)."""
    import ctypes  # noqa: PLC0415

    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        return False
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    px, py = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[str, tuple[float, float]]]] = []
    for s in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, s)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, px, py):
            return False
        point = (round(a * px.value + c * py.value + e, 3), round(b * px.value + d * py.value + f, 3))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            subpaths.append([("m", point)])
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and subpaths:
            subpaths[-1].append(("l", point))
        else:
            return False  # Bézier curves: pdfminer's own reading
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            subpaths[-1].append(("h", subpaths[-1][0][1]))
    for path in subpaths:
        shape = "".join(op for op, _ in path)
        pts = [pt for _, pt in path]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in ("mlh", "ml"):
            lines.append(_box("line", pts[:2], height, doctop, number))
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] != pts[4] or not square:
                return False
            rects.append(_box("rect", [pts[0], pts[2]], height, doctop, number))
        elif shape != "m":
            return False
    return True


def _box(kind: str, pts: list[tuple[float, float]], height: float, doctop: float, number: int) -> dict:
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    top = height - y1
    return {
        "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0,
        "pts": [(p[0], height - p[1]) for p in pts],
        "object_type": kind, "page_number": number,
        "top": top, "bottom": height - y0, "doctop": doctop + top,
    }


# ---------------------------------------------------------------- pdfplumber page
def plumber_page_items(page) -> PageItems:
    items: list = []
    tables = page.find_tables()
    boxes = []
    for table in tables:
        rows, covered = table_rows(table)
        if not rows:
            continue
        x0, top, x1, bottom = table.bbox
        boxes.append(table.bbox)
        items.append(TableItem(rows, top, bottom, x0, x1, covered))

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)

    body = page.filter(outside) if boxes else page
    gutter = two_columns.gutter(body.chars, float(page.width))
    for line in body.extract_text_lines(layout=False, strip=True, return_chars=True):
        if gutter is not None and not any(c["x0"] < gutter < c["x1"] for c in line["chars"]):
            # a line of a two-column page: the left column's part and the right's apart
            sides = ([c for c in line["chars"] if (c["x0"] + c["x1"]) / 2 < gutter],
                     [c for c in line["chars"] if (c["x0"] + c["x1"]) / 2 >= gutter])
            items.extend(_line(text, chars) for chars in sides if (text := _text_of(chars)))
        elif text := tidy(line["text"]):
            items.append(_line(text, line["chars"]))
    items.sort(key=lambda item: item.top)
    margins = None
    if gutter is not None:
        column = [item for item in items if isinstance(item, Line) and item.x1 <= gutter]
        margins = (Counter(round(line.x0) for line in column).most_common(1)[0][0], _high_mode([line.x1 for line in column]))
        items = two_columns.in_reading_order(items, gutter)
    return PageItems(page.page_number, float(page.width), float(page.height), items, margins=margins)


def _line(text: str, chars: list[dict]) -> Line:
    sizes = [c["bottom"] - c["top"] for c in chars if c["text"].strip()]
    size = Counter(round(s, 1) for s in sizes).most_common(1)[0][0] if sizes else 10.0
    printed = [c for c in chars if c["text"].strip()] or chars
    return Line(text, min(c["x0"] for c in printed), max(c["x1"] for c in printed), min(c["top"] for c in printed),
                max(c["bottom"] for c in printed), size, first_word_width(chars), _segments(chars, size))


def _text_of(chars: list[dict]) -> str:
    """The text of some of a line's characters, a space kept between Latin words."""
    out, previous = "", None
    for c in sorted(chars, key=lambda c: c["x0"]):
        if previous is not None and c["x0"] - previous["x1"] > 0.25 * (c["bottom"] - c["top"]):
            out += " "
        out += c["text"]
        previous = c
    return tidy(out)


_CJK_CHAR = re.compile(f"[{CJK}]")


def _segments(chars: list[dict], size: float) -> list[Segment]:
    """A line's runs of characters apart by a gap of a character's width or more: the cells
    of a table row printed without rules."""
    chars = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
    runs: list[list[dict]] = []
    for char in chars:
        if runs and char["x0"] - runs[-1][-1]["x1"] < 0.9 * size:
            runs[-1].append(char)
        else:
            runs.append([char])
    return [Segment(run[0]["x0"], run[-1]["x1"], min(c["top"] for c in run), max(c["bottom"] for c in run),
                    tidy("".join(c["text"] for c in run))) for run in runs]


def first_word_width(chars: list[dict]) -> float:
    chars = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
    if not chars:
        return 0.0
    if _CJK_CHAR.match(chars[0]["text"]):
        return chars[0]["x1"] - chars[0]["x0"]
    end = chars[0]
    for c in chars[1:]:
        if _CJK_CHAR.match(c["text"]) or c["x0"] - end["x1"] > (end["x1"] - end["x0"]):
            break
        end = c
    return end["x1"] - chars[0]["x0"]


def _own_chars(table):
    """The table on a page holding only the characters inside it: pdfplumber matches every
    character of the page against every row and cell, and a character of a row or cell is
    one inside the table's box (the same test, on the box that holds them all)."""
    from pdfplumber.table import Table  # noqa: PLC0415

    x0, top, x1, bottom = table.bbox

    def keep(obj) -> bool:  # Table.extract's own test of a character in a box
        if obj.get("object_type") != "char":
            return True
        v_mid = (obj["top"] + obj["bottom"]) / 2
        h_mid = (obj["x0"] + obj["x1"]) / 2
        return (h_mid >= x0) and (h_mid < x1) and (v_mid >= top) and (v_mid < bottom)

    return Table(table.page.filter(keep), table.cells)


def table_rows(table) -> tuple[list[list[str]], list[set[int]]]:
    """A pdfplumber table as rows of cell strings, merged cells written as Word's text export,
    and for each row the columns whose (blank) cell continues a cell above."""
    texts = _own_chars(table).extract()
    rows = table.rows
    if not texts:
        return [], []
    ncols = max(len(r) for r in texts)
    col_x0 = [min((r.cells[j][0] for r in rows if j < len(r.cells) and r.cells[j]), default=None) for j in range(ncols)]
    # a column ends where the next begins (a cell's own x1 may span several columns)
    col_x1 = [col_x0[j + 1] if j + 1 < ncols and col_x0[j + 1] is not None
              else max((r.cells[j][2] for r in rows if j < len(r.cells) and r.cells[j]), default=None)
              for j in range(ncols)]
    all_cells = [(i, j, cell) for i, r in enumerate(rows) for j, cell in enumerate(r.cells) if cell]
    out: list[list[str]] = []
    covered: list[set[int]] = []
    for i, (row, text_row) in enumerate(zip(rows, texts)):
        cells: list[str] = []
        below: set[int] = set()
        ytop = row.bbox[1]
        ybottom = min(c[3] for c in row.cells if c)  # the row's own height, not its tallest cell's
        for j in range(len(text_row)):
            if row.cells[j] is not None:
                cells.append(_cell_text(text_row[j]))
                continue
            if col_x0[j] is None or col_x1[j] is None:
                cells.append("")
                continue
            cx, cy = (col_x0[j] + col_x1[j]) / 2, (ytop + ybottom) / 2
            origin = next(
                ((oi, oj, c) for oi, oj, c in all_cells if c[0] - 1 <= cx <= c[2] + 1 and c[1] - 1 <= cy <= c[3] + 1),
                None,
            )
            if origin is None:
                cells.append("")
            elif origin[0] == i:
                continue  # the rest of a cell spanning columns: written once
            elif abs(origin[2][0] - col_x0[j]) < 2:
                below.add(len(cells))
                cells.append("")  # continues a cell above (vertical merge): blank
            # else: a further column of a cell spanning rows and columns: written once
        if any(c is not None for c in cells):
            out.append(cells)
            covered.append(below)
    return out, covered


def _cell_text(text: str | None) -> str:
    if not text:
        return ""
    return join_cell_lines([tidy(line) for line in text.split("\n") if tidy(line)])


def join_cell_lines(lines: list[str]) -> str:
    """A line the cell's width wrapped joins the one before; a list item or a note starts a line."""
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += ("\n" if _CELL_LINE_START.match(line) else "") + line
    return out


_CELL_LINE_START = re.compile(r"^(?:\d{1,2}[、.．)）](?!\d)|[（(]|[一二三四五六七八九十]+[、是])")


# ---------------------------------------------------------------- assembling pages
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_·•\s]*\d{1,4}[-—–－_·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?|[-—–－]?\s*[一二三四五六七八九十]+\s*[-—–－]?)$",
    re.IGNORECASE,
)
BAND = 0.09  # top and bottom share of the page where headers and footers sit


def drop_headers_and_footers(pages: list[PageItems]) -> None:
    def band_lines(page):
        return [it for it in page.items if isinstance(it, Line) and
                (it.bottom < page.height * BAND or it.top > page.height * (1 - BAND))]

    repeated = Counter()
    for page in pages:
        repeated.update({_squash_digits(it.text) for it in band_lines(page)})
    many = max(2, (len(pages) + 1) // 2)
    for page in pages:
        drop = {
            id(it) for it in band_lines(page)
            if _PAGE_NUMBER.match(it.text.strip()) or (len(pages) > 1 and repeated[_squash_digits(it.text)] >= many)
        }
        page.items = [it for it in page.items if id(it) not in drop]


def _squash_digits(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))


FEW_LINES = 8  # lines outside tables, under which a document's margins are read off its tables too


def assemble(pages: list[PageItems], source_format: str) -> Document:
    drop_headers_and_footers(pages)
    for page in pages:
        page.items = unruled_tables.rebuild(page.items, Line, TableItem)
    builder = DocumentBuilder(source_format)
    lefts = [it.x0 for p in pages for it in p.items if isinstance(it, Line)]
    rights = [it.x1 for p in pages for it in p.items if isinstance(it, Line)]
    tables = [it for p in pages for it in p.items if isinstance(it, TableItem)]
    if len(lefts) < FEW_LINES and tables:  # a form: its few lines are titles, its tables show the margins
        left, right = min(t.x0 for t in tables), max(t.x1 for t in tables)
    elif lefts:
        left = Counter(round(x) for x in lefts).most_common(1)[0][0]
        right = _high_mode(rights)
    else:
        left = right = 0
    line_gap = _typical_gap(pages)
    pending_table: TableItem | None = None
    pending_page = 0
    paragraph: list[str] = []
    paragraph_page = 0
    previous: Line | None = None

    def flush_paragraph() -> None:
        nonlocal paragraph, previous
        if paragraph:
            builder.paragraph(_join_lines(paragraph), paragraph_page)
        paragraph, previous = [], None

    def flush_table() -> None:
        nonlocal pending_table
        if pending_table is not None:
            builder.table(pending_table.rows, pending_page)
        pending_table = None

    new_page = False
    document_margins = (left, right)
    for page in pages:
        left, right = page.margins or document_margins
        first_on_page = True
        for item in page.items:
            if isinstance(item, TableItem):
                flush_paragraph()
                if pending_table is not None and first_on_page and _continues(pending_table, item):
                    before = len(pending_table.rows)
                    pending_table.rows = join_continued(pending_table.rows, item.rows, pending_table.covered)
                    added = len(pending_table.rows) - before  # the continuation's last rows
                    pending_table.covered = pending_table.covered + item.covered[len(item.covered) - added:] \
                        if item.covered and added >= 0 else []
                else:
                    flush_table()
                    pending_table, pending_page = item, page.number
                first_on_page = False
                continue
            flush_table()
            first_on_page = False
            size = item.size or 10
            if previous is not None and _centred(item, left, right) and abs(item.size - previous.size) <= 1.5 and (
                (previous.x0 - left) + (right - previous.x1) < item.first_width + size
            ):
                paragraph.append(item.text)  # a centred line running on from a full line: a long title
                previous, new_page = item, False
                continue
            starts_new = (
                previous is None
                or (not new_page and item.top - previous.bottom > line_gap + 0.3 * size)  # a gap
                # the previous line stopped short though this line's first word would have fitted
                or previous.x1 + item.first_width + 0.5 * size < right
                or item.x0 > left + 0.8 * size  # indented or centred
                or abs(item.size - previous.size) > 1.5  # another font size
                or (_HEADING_START.match(item.text) and item.x1 < right - 2 * size)  # a one-line numbered heading
            )
            if starts_new:
                flush_paragraph()
                paragraph_page = page.number
            paragraph.append(item.text)
            previous, new_page = item, False
        new_page = True  # a paragraph may run on to the next page: no gap rule there
    flush_paragraph()
    flush_table()
    return builder.build()


_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、.．](?!\d))")


def _centred(line: Line, left: float, right: float) -> bool:
    size = line.size or 10
    return line.x0 - left > 2 * size and abs((line.x0 - left) - (right - line.x1)) < 1.5 * size


def _typical_gap(pages: list[PageItems]) -> float:
    gaps = []
    for page in pages:
        lines = [it for it in page.items if isinstance(it, Line)]
        gaps += [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom - 1]
    gaps.sort()
    return gaps[len(gaps) // 2] if gaps else 0.0


def _high_mode(values: list[float]) -> float:
    """The right margin: the most common right edge among the rightmost lines."""
    if not values:
        return 0
    top = max(values)
    near = [round(v) for v in values if v > top - 40]
    return Counter(near).most_common(1)[0][0]


def _join_lines(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if out and line and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " " + line
        else:
            out += line
    return out


def _continues(previous: TableItem, item: TableItem) -> bool:
    width = lambda rows: max(len(r) for r in rows)  # noqa: E731
    return abs(previous.x0 - item.x0) < 6 and abs(previous.x1 - item.x1) < 6 and (
        width(previous.rows) == width(item.rows)
    )


_NUMERIC = re.compile(r"^[-+]?[\d,，.．]+[%％]?$")


def join_continued(rows: list[list[str]], more: list[list[str]],
                   covered: list[set[int]] | None = None) -> list[list[str]]:
    """Rows of a table continued on the next page; a repeated header row is dropped, the text
    of a merged cell printed past the break goes back to the cell (`covered`: per row of
    `rows`, the columns continuing a cell above), and a row the page break split in two is
    made whole again."""
    if not more:
        return rows
    if more[0] == rows[0] and len(more) > 1:
        more = more[1:]
    rows, more = _merged_text_home(rows, more, covered if covered and len(covered) == len(rows) else None)
    last, first = rows[-1], more[0]
    if len(last) == len(first) and _split_half(last, first):
        merged = [join_cell_lines([a, b]) if a and b else a or b for a, b in zip(last, first)]
        return rows[:-1] + [merged] + more[1:]
    return rows + more


def _merged_text_home(rows: list[list[str]], more: list[list[str]],
                      covered: list[set[int]] | None) -> tuple[list[list[str]], list[list[str]]]:
    """The text of a cell merged down over the last rows of a page that the layout printed,
    whole or in part, in the next page's first row (a vertically centred group label the break
    cut): it goes back to the merged cell, as Word's export writes it. Moved whole only when the
    cell spans two rows or more on the page and is blank there (a blank one-row cell may just be
    blank); joined when the page's part opens a bracket the next page's part closes
    ('产出指标（50' and '分）'). Without `covered` (a table without rules: which cells are merged
    is not known) a blank cell is taken to continue the one above, and only brackets join."""
    first = list(more[0])
    rows = [list(row) for row in rows]
    for j, text in enumerate(first):
        if not text.strip() or j >= len(rows[-1]) or len(rows[-1]) != len(first):
            continue
        start = len(rows) - 1
        while start > 0 and (j in covered[start] if covered else not rows[start][j].strip()):
            start -= 1
        here = rows[start][j].strip()
        if covered and not here and start < len(rows) - 1 and j not in covered[start]:
            rows[start][j], first[j] = text, ""
        elif here and _opens(here) > 0 and _opens(here + text) == 0:
            rows[start][j], first[j] = join_cell_lines([here, text]), ""
    return rows, [first] + more[1:]


def _opens(text: str) -> int:
    """Brackets opened and not closed in a text."""
    return sum(text.count(c) for c in "（(") - sum(text.count(c) for c in "）)")


def _split_half(last: list[str], first: list[str]) -> bool:
    filled = [j for j, cell in enumerate(first) if cell.strip()]
    if not filled or filled == [0]:
        return False
    if any(not last[j].strip() for j in filled):
        return False  # text in a column the row above left empty: a new row
    if any(_NUMERIC.match(first[j].strip()) for j in filled):
        return False  # a new row's figures
    return any(last[j].strip() and not first[j].strip() for j in range(len(first)))
