"""OCR of scanned PDF pages into the PDF reader's page items (lines and tables), so scanned
reports go through the same layout rules.

- Each page is rendered with pypdfium2 at 300 dpi, its seal's red ink taken out
  (`without_seal`) and the rest turned to greyscale, turned upright when it was
  scanned sideways (`upright`), and turned level when the scanner fed it askew (`deskew`); a
  page that reads as a few scraps for its ink is read upside down too (`ocr_image`).
- Tables are rebuilt from the ruling lines found in the image, not from OCR text order
  (plain OCR loses a table's structure): horizontal rules are rows of mostly dark pixels,
  vertical rules are looked for inside each row band, so a cell spanning columns is one
  cell; a cell whose top rule is missing continues the cell above (a vertical merge) and
  is written blank, as Word's text export does. The rules are painted out before OCR.
- One OCR engine run a page (ocr_engines.py: RapidOCR, or Tesseract chi_sim), words
  placed into cells by their centres; the words outside tables form lines.
- Which pages are read when, and by which process: ocr_schedule.py.

Without an OCR engine, a scanned PDF fails with an error that says how to get one.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from statistics import median

from pipelines.documents.ocr_engines import DPI, NeedsOcr, ocr_available, orientation_turn
from pipelines.documents.pdf_reader import Line, PageItems, TableItem, join_cell_lines, tidy
from pipelines.documents.unruled_tables import Segment

SCALE = DPI / 72


# ---------------------------------------------------------------- seals
# A signed report's seal is red ink over its last lines, totals and date: in grey it is as dark
# as the text, and its ring reads as strokes ('9' became '19' in a score cell under it). Ink is
# seal where red outweighs the other two channels by SEAL_RED and is itself bright: text and
# rules under the seal stay dark in the red channel too (black under red ink is dark red) and
# are kept.
SEAL_RED = 60
SEAL_BRIGHT = 140


def without_seal(image):
    """A colour page image in greyscale, with the pixels of red seal ink made white. A page
    scanned in grey (no colour) comes back as its greyscale."""
    import numpy as np  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    if image.mode not in ("RGB", "RGBA"):
        return image.convert("L")
    rgb = image.convert("RGB")
    if not _seal_ink(rgb.reduce(4)).any():  # most pages have none: 20 ms to know, 0.25 s to take it out
        return rgb.convert("L")
    grey = np.asarray(rgb.convert("L")).copy()
    grey[_seal_ink(rgb)] = 255
    return Image.fromarray(grey)


def _seal_ink(rgb):
    import numpy as np  # noqa: PLC0415

    r, g, b = (np.asarray(channel, dtype=np.int16) for channel in rgb.split())
    return ((r - np.maximum(g, b)) > SEAL_RED) & (r > SEAL_BRIGHT)


# ---------------------------------------------------------------- ruling lines
MIN_RULE = 150  # px at 300 dpi (1.3 cm): longer dark runs than any glyph makes
# px at 300 dpi (1 mm): a rule broken by less is one rule. Scanned rules break where the toner
# was thin or a seal's ink crossed them; a rule left out over a merged cell leaves a cell's width
RULE_GAP = 12


def _runs(data: bytes, min_length: int) -> list[tuple[int, int]]:
    """(start, end) of the runs of black (0) bytes at least min_length long."""
    return [(m.start(), m.end()) for m in re.finditer(rb"\x00{%d,}" % min_length, data)]


def horizontal_rules(binary) -> list[dict]:
    """Horizontal ruling lines as {'y', 'segments': [(x0, x1)…]}, a line's thickness merged."""
    w, h = binary.size
    data = binary.tobytes()
    rules: list[dict] = []
    for y in range(h):
        segments = _runs(data[y * w:(y + 1) * w], MIN_RULE)
        if not segments:
            continue
        if rules and y - rules[-1]["last"] <= 2:
            rule = rules[-1]
            rule["last"] = y
            rule["segments"].extend(segments)
            rule["ys"].append(y)
        else:
            rules.append({"last": y, "ys": [y], "segments": segments})
    out = []
    for rule in rules:
        if len(rule["ys"]) > 12:
            continue  # a filled block, not a rule
        merged: list[list[int]] = []
        for a, b in sorted(rule["segments"]):
            if merged and a <= merged[-1][1] + RULE_GAP:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        out.append({"y": sum(rule["ys"]) // len(rule["ys"]), "segments": [tuple(m) for m in merged]})
    return out


def _covers(segments, x0: int, x1: int) -> bool:
    """Whether the rule's segments cover the middle of [x0, x1]."""
    a, b = x0 + (x1 - x0) // 4, x1 - (x1 - x0) // 4
    return any(s0 <= a and b <= s1 for s0, s1 in segments)


def vertical_rules(binary, left: int, top: int, right: int, bottom: int) -> list[int]:
    """x of the vertical rules crossing the whole band [top, bottom] between left and right."""
    import numpy as np  # noqa: PLC0415

    crop = np.asarray(binary.crop((left, top, right, bottom)))
    # dark over 90% of the band's height, not in one run: a rule the scan broke still counts
    dark = (crop == 0).sum(axis=0)
    need = max(8, int(crop.shape[0] * 0.9))
    xs: list[list[int]] = []
    for x in np.flatnonzero(dark >= need).tolist():
        if xs and x - xs[-1][-1] <= 2:
            xs[-1].append(x)
        else:
            xs.append([x])
    return [left + sum(group) // len(group) for group in xs]


def find_tables(binary) -> list[dict]:
    """Tables as {'box', 'bands': [{'top', 'bottom', 'cells': [(x0, x1, continues_above)…]}…]}."""
    w, h = binary.size
    rules = horizontal_rules(binary)
    groups: list[list[dict]] = []
    for rule in rules:
        if groups and rule["y"] - groups[-1][-1]["y"] < h * 0.2:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    out = []
    for group in groups:
        if len(group) < 2:
            continue
        left = min(s[0] for r in group for s in r["segments"])
        right = max(s[1] for r in group for s in r["segments"])
        tables, bands = [], []
        for upper, lower in zip(group, group[1:]):
            top, bottom = upper["y"], lower["y"]
            if bottom - top < 16:
                continue
            xs = vertical_rules(binary, max(0, left - 4), top + 4, min(w, right + 4), bottom - 4)
            if len(xs) < 2:  # no rule crosses it: text between two tables, which are two
                tables, bands = (tables + [bands] if bands else tables), []
                continue
            cells = [(x0, x1, not _covers(upper["segments"], x0, x1)) for x0, x1 in zip(xs, xs[1:])]
            bands.append({"top": top, "bottom": bottom, "cells": cells})
        for bands in tables + [bands]:
            if bands:
                out.append({"box": (left, bands[0]["top"], right, bands[-1]["bottom"]), "bands": bands})
    return out


# ---------------------------------------------------------------- orientation
SIDEWAYS = 0.9  # rows' sharpness over columns' under this: the lines of text run down the page


def _sharpness(profile) -> float:
    import numpy as np  # noqa: PLC0415

    return float(np.sum(np.diff(profile) ** 2))


def ink_at_75_dpi(image):
    """The page at a quarter of its 300 dpi with its ink white (255) on black: what the
    orientation, skew and ink measures below look at."""
    return image.reduce(4).point(lambda v: 255 if v < 160 else 0)


def looks_sideways(image) -> bool:
    """Whether a page's lines run down it (scanned sideways): its columns of ink at 75 dpi are
    more sharply peaked than its rows, where an upright page's rows are (1.2-18 times on the
    scanned samples, 0.06-0.83 turned a quarter)."""
    import numpy as np  # noqa: PLC0415

    ink = np.asarray(ink_at_75_dpi(image), dtype=np.float64)
    columns = _sharpness(ink.sum(axis=0))
    return bool(columns) and _sharpness(ink.sum(axis=1)) / columns < SIDEWAYS


def upright(image):
    """A page scanned sideways turned upright, by the turn Tesseract's orientation detection
    gives (which way round it lies takes reading its characters); any other page, or one that
    Tesseract cannot place, is left as it is (a page upside down is caught by its reading:
    ocr_image)."""
    if not looks_sideways(image):
        return image
    turn = orientation_turn(image)
    return image.rotate(-turn, expand=True) if turn in (90, 270) else image


# ---------------------------------------------------------------- skew
MIN_SKEW = 0.15  # degrees: less tilts a line by under 5 px across a 300-dpi page, which the rules absorb


def skew_angle(image) -> float:
    """The angle (degrees, counter-clockwise) that makes the page's lines level: the one under
    which the rows of ink at 75 dpi are most sharply peaked (text lines and ruling lines
    level make dense rows between empty ones). Searched over ±5°, by 0.5° then by 0.1°."""
    import numpy as np  # noqa: PLC0415 (numpy comes with the OCR engines)
    from PIL import Image  # noqa: PLC0415

    small = ink_at_75_dpi(image)  # ink white: rotation fills black

    def sharpness(angle: float) -> float:
        rows = np.asarray(small.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
        return float(np.sum(np.diff(rows) ** 2))

    best = max((a / 2 for a in range(-10, 11)), key=sharpness)
    return max((best + a / 10 for a in range(-5, 6)), key=sharpness)


def deskew(image):
    """The page turned level when a scanner fed it askew (a signed paper is rarely straight)."""
    from PIL import Image  # noqa: PLC0415

    angle = skew_angle(image)
    if abs(angle) < MIN_SKEW:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


# ---------------------------------------------------------------- OCR
def ocr_image(image, page_number: int, width: float, height: float, reader) -> PageItems:
    turned = upright(image)
    if turned.size != image.size:  # a quarter turn: the page is as wide as it was high
        width, height = height, width
    image = deskew(turned)
    page, words = _read_page(image, page_number, width, height, reader)
    if words < WORDS_PER_INK * ink_percent(image):
        # a page upside down reads as a few scraps (4-55 words where it holds 150-525): read it
        # turned round too, and keep the reading with more words
        flipped, flipped_words = _read_page(image.rotate(180), page_number, width, height, reader)
        if flipped_words > words:
            return flipped
    return page


# an upright page gave 90-130 words per 1% of its area in ink on the scanned samples, one upside
# down 1-13: under this many it is read the other way round as well
WORDS_PER_INK = 30


def ink_percent(image) -> float:
    """The share of the page (in %) that is ink, at 75 dpi."""
    import numpy as np  # noqa: PLC0415

    return float((np.asarray(ink_at_75_dpi(image)) > 0).mean()) * 100


def _read_page(image, page_number: int, width: float, height: float, reader) -> tuple[PageItems, int]:
    """The page's lines and tables, and how many words the engine read on it."""
    binary = image.point(lambda v: 0 if v < 200 else 255)
    tables = find_tables(binary)
    clean = image.copy()
    if tables:
        from PIL import ImageDraw  # noqa: PLC0415

        draw = ImageDraw.Draw(clean)
        for table in tables:
            for band in table["bands"]:
                for y in (band["top"], band["bottom"]):
                    draw.rectangle((table["box"][0] - 8, y - 8, table["box"][2] + 8, y + 8), fill=255)
                for x0, x1, _ in band["cells"]:
                    for x in (x0, x1):
                        draw.rectangle((x - 8, band["top"] - 8, x + 8, band["bottom"] + 8), fill=255)
    cuts = [  # the vertical rules: text either side of one belongs to two cells
        (x, band["top"], band["bottom"])
        for table in tables for band in table["bands"] for x in {x for cell in band["cells"] for x in cell[:2]}
    ]
    words = reader.read(clean, cuts)
    items: list = []
    placed: set[int] = set()
    for table in tables:
        rows: list[list[str]] = []
        covered_cells: list[set[int]] = []  # per row: columns continuing a cell above
        origins: dict[int, tuple[int, int]] = {}  # x0 of a column -> (row, col) of the cell last started there
        for band in table["bands"]:
            row: list[str] = []
            below: set[int] = set()
            for x0, x1, covered in band["cells"]:
                inside = [
                    (k, wd) for k, wd in enumerate(words)
                    if x0 <= wd["cx"] <= x1 and band["top"] <= wd["cy"] <= band["bottom"]
                ]
                placed.update(k for k, _ in inside)
                text = _strip_stray_quotes(_words_text([wd for _, wd in inside]))
                origin = _nearest(origins, x0) if covered else None
                if origin is not None:
                    r, c = origin
                    if text:  # text of a merged cell that runs past a rule: it belongs to the cell above
                        rows[r][c] = join_cell_lines([rows[r][c], text]) if rows[r][c] else text
                    below.add(len(row))
                    row.append("")
                else:
                    origins[x0] = (len(rows), len(row))
                    row.append(text)
            rows.append(row)
            covered_cells.append(below)
        x0, top, x1, bottom = (v / SCALE for v in table["box"])
        items.append(TableItem(rows, top, bottom, x0, x1, covered_cells))
    loose = [wd for k, wd in enumerate(words) if k not in placed]
    heights = [wd["height"] for wd in loose] or [40]
    size = median(heights) / SCALE
    for line_words in _group_lines(loose):
        text = normalise_ocr_text(tidy("".join(wd["text"] for wd in line_words)))
        if not text or _noise(text):
            continue
        first = line_words[0]
        first_width = min(first["width"], first["height"] * 1.1) if not first["text"][:1].isascii() else first["width"]
        items.append(Line(
            text,
            min(wd["left"] for wd in line_words) / SCALE,
            max(wd["left"] + wd["width"] for wd in line_words) / SCALE,
            min(wd["top"] for wd in line_words) / SCALE,
            max(wd["top"] + wd["height"] for wd in line_words) / SCALE,
            size,
            first_width / SCALE,
            _segments(line_words),
        ))
    items.sort(key=lambda item: item.top)
    return PageItems(page_number, width, height, items, ocr=True), len(words)


def _segments(line_words: list[dict]) -> list[Segment]:
    """A line's runs of text as the engine detected them, one a box (RapidOCR detects the cells
    of a row printed without rules apart); none when the engine gives words only (Tesseract)."""
    if not all("box" in wd for wd in line_words):
        return []
    runs: list[list[dict]] = []
    for wd in line_words:
        if runs and runs[-1][-1]["box"] == wd["box"]:
            runs[-1].append(wd)
        else:
            runs.append([wd])
    segments = []
    for run in runs:
        top, bottom = min(wd["top"] for wd in run), max(wd["top"] + wd["height"] for wd in run)
        inner = (bottom - top) * (1 - 1 / BOX_PADDING) / 2  # the characters' height, not the box's
        segments.append(Segment(run[0]["left"] / SCALE, (run[-1]["left"] + run[-1]["width"]) / SCALE,
                                (top + inner) / SCALE, (bottom - inner) / SCALE,
                                normalise_ocr_text(tidy("".join(wd["text"] for wd in run)))))
    return segments


BOX_PADDING = 1.45  # RapidOCR's boxes are this many times their characters' height (measured on 10.5-pt text)


_MEANINGFUL = re.compile(r"[\u4e00-\u9fff0-9]")


def _noise(text: str) -> bool:
    """A line OCR made of specks, a stamp or a rule's end: no Chinese and no digit, or a lone mark."""
    return not _MEANINGFUL.search(text) or (len(text) <= 2 and not re.search(r"[\u4e00-\u9fff]", text) and not text.isdigit())


def _nearest(origins: dict[int, tuple[int, int]], x0: int) -> tuple[int, int] | None:
    near = [x for x in origins if abs(x - x0) <= 8]
    return origins[min(near, key=lambda x: abs(x - x0))] if near else None


# a figure with one mark after or before it: a speck or a rule's end read as punctuation
# ('232.44.', '0.00:', '14.'); no table writes a figure so (a point before one is a decimal: '.5')
_FIGURE_WITH_SPECK = re.compile(r"[:：,，;；'`、]?\s?(-?\d[\d,]*(?:\.\d+)?%?)\s?[.:：,，;；'`、]?")


def _strip_stray_quotes(text: str) -> str:
    """Quote marks and bars OCR makes of rule remnants at a cell's edges, and a speck read as a
    mark beside a figure that is the whole cell."""
    text = text.strip()
    while text[:1] in ("”", "|", "'", '"', "’") or (text[:1] == "“" and "”" not in text[1:]):
        text = text[1:].lstrip()
    while text[-1:] in ("“", "|", "'", '"', "‘") or (text[-1:] == "”" and "“" not in text[:-1]):
        text = text[:-1].rstrip()
    figure = _FIGURE_WITH_SPECK.fullmatch(text)
    return figure[1] if figure else text


_FULLWIDTH = {"(": "（", ")": "）", ":": "：", ";": "；", ",": "，", "〈": "（", "〉": "）", "?": "？", "!": "！"}
_CJK_NEIGHBOUR = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def normalise_ocr_text(text: str) -> str:
    """ASCII punctuation OCR gives for Chinese full-width marks, back to full width next to Chinese."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch in _FULLWIDTH:
            before = chars[i - 1] if i else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if _CJK_NEIGHBOUR.match(before) or _CJK_NEIGHBOUR.match(after) or ch in "〈〉":
                chars[i] = _FULLWIDTH[ch]
    return "".join(chars)


def _group_lines(words: list[dict]) -> list[list[dict]]:
    """Words into lines by vertical overlap."""
    lines: list[list[dict]] = []
    for wd in sorted(words, key=lambda w: (w["cy"], w["left"])):
        for line in lines:
            ref = line[-1]
            if abs(wd["cy"] - ref["cy"]) < max(ref["height"], wd["height"]) * 0.5:
                line.append(wd)
                break
        else:
            lines.append([wd])
    for line in lines:
        line.sort(key=lambda w: w["left"])
    lines.sort(key=lambda line: min(w["top"] for w in line))
    return lines


def _words_text(words: list[dict]) -> str:
    return join_cell_lines([normalise_ocr_text(tidy("".join(w["text"] for w in line))) for line in _group_lines(words)])


__all__ = ["NeedsOcr", "ocr_available", "ocr_image"]


# ---------------------------------------------------------------- place names
_DIVISIONS_CSV = Path(__file__).resolve().parents[1] / "data" / "divisions.csv"


@lru_cache(maxsize=1)
def division_names() -> frozenset[str]:
    """Full names of China's divisions (pipelines/data/divisions.csv), 3 characters or more."""
    if not _DIVISIONS_CSV.exists():
        return frozenset()
    with _DIVISIONS_CSV.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return frozenset(row["name"] for row in rows if len(row.get("name") or "") >= 3)


_LABEL_LEAD = re.compile(r"^(?:其中[:：]?|\d{1,2}[.、．]|[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十\d]{1,2}[）)])?")


@lru_cache(maxsize=1)
def _spellings_by_gap() -> dict[str, frozenset[str]]:
    """Each budget line spelling of four characters or more under each of its characters
    blanked ('项?支出' -> 项目支出)."""
    from pipelines.normalize.lines import line_spellings  # noqa: PLC0415

    index: dict[str, set[str]] = {}
    for name in line_spellings():
        if len(name) >= 4:
            for i in range(len(name)):
                index.setdefault(name[:i] + "?" + name[i + 1:], set()).add(name)
    return {key: frozenset(names) for key, names in index.items()}


def harmonise_line_names(document) -> None:
    """A table cell OCR read one character off a budget line's name ('项自支出' for 项目支出, after
    a lead such as '其中：'): a label that is no line's spelling and differs in one Chinese
    character from exactly one spelling takes it. Only table cells: prose is not a label."""
    from pipelines.documents.model import Paragraph  # noqa: PLC0415
    from pipelines.normalize.lines import line_spellings  # noqa: PLC0415

    known, by_gap = line_spellings(), _spellings_by_gap()

    def fixed(cell: str) -> str:
        lead = _LABEL_LEAD.match(cell)[0]
        label = cell[len(lead):]
        if len(label) < 4 or label in known or not re.fullmatch(r"[\u4e00-\u9fff（）()、]+", label):
            return cell
        near = {name for i in range(len(label)) if "\u4e00" <= label[i] <= "\u9fff"
                for name in by_gap.get(label[:i] + "?" + label[i + 1:], ())}
        lines = {known[name] for name in near}  # ('年初结转、结余' and '年初结转和结余' are one line)
        return lead + min(near) if len(lines) == 1 else cell

    for block in document.blocks:
        if not isinstance(block, Paragraph):
            block.rows = [[fixed(cell) for cell in row] for row in block.rows]


def harmonise_place_names(document) -> None:
    """A division name OCR misread in one place but read right in another ('禹兰县' beside
    '贺兰县'): the misreading, one character off and no division's name, takes the right one."""
    from pipelines.documents.model import Paragraph  # noqa: PLC0415

    text = document.full_text()
    names = division_names()
    present = [name for name in names if name in text]
    fixes: dict[str, str] = {}
    for name in present:
        for i in range(len(name)):
            pattern = re.escape(name[:i]) + "[\u4e00-\u9fff]" + re.escape(name[i + 1:])
            for found in set(re.findall(pattern, text)):
                if found != name and found not in names:
                    fixes[found] = name
    if not fixes:
        return
    fix = re.compile("|".join(map(re.escape, sorted(fixes, key=len, reverse=True))))
    for block in document.blocks:
        if isinstance(block, Paragraph):
            block.text = fix.sub(lambda m: fixes[m.group(0)], block.text)
        else:
            block.rows = [[fix.sub(lambda m: fixes[m.group(0)], cell) for cell in row] for row in block.rows]
