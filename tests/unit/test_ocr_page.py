"""What the OCR path does to a scanned page before and after the engine reads it (pure
functions on images and documents; the engine itself is measured in test_formats_rendered)."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageDraw

from pipelines.documents.model import Document, Paragraph, Table
from pipelines.documents.ocr import _strip_stray_quotes, find_tables, harmonise_line_names, without_seal


def _ruled_page() -> Image.Image:
    """A white page (a third of A4 at 300 dpi) with a grid of two rows and three columns, ruled in black."""
    page = Image.new("RGB", (900, 1200), "white")
    draw = ImageDraw.Draw(page)
    for y in (50, 200, 350):
        draw.line((50, y, 850, y), fill="black", width=3)
    for x in (50, 350, 600, 850):
        draw.line((x, 50, x, 350), fill="black", width=3)
    return page


def test_a_seals_red_ink_is_taken_out_and_what_lies_under_it_kept():
    page = _ruled_page()
    seal = Image.new("RGB", page.size, "white")
    # a filled red seal over the rule at x=600 for most of the lower row, as a stamp lies on a page
    ImageDraw.Draw(seal).ellipse((540, 210, 660, 340), fill=(210, 40, 40))
    stamped = ImageChops.multiply(page, seal)  # ink darkens what it covers
    grey = without_seal(stamped)
    assert grey.mode == "L"
    assert grey.getpixel((570, 275)) == 255  # seal alone: paper again
    assert grey.getpixel((600, 275)) < 100  # the rule under the seal: still ink
    bands = find_tables(grey.point(lambda v: 0 if v < 200 else 255))[0]["bands"]
    assert [len(band["cells"]) for band in bands] == [3, 3]  # the rule under the seal still parts two cells


def test_a_grey_scan_is_left_as_its_grey():
    page = Image.new("L", (20, 20), 90)
    assert without_seal(page).getpixel((5, 5)) == 90


def test_a_rule_broken_by_a_short_gap_still_parts_the_cells():
    page = _ruled_page()
    draw = ImageDraw.Draw(page)
    draw.rectangle((595, 250, 605, 262), fill="white")  # the toner thin over 12 px of a rule
    draw.rectangle((400, 195, 409, 205), fill="white")  # and over 10 px of a row's rule
    bands = find_tables(page.convert("L").point(lambda v: 0 if v < 200 else 255))[0]["bands"]
    assert [len(band["cells"]) for band in bands] == [3, 3]
    assert not any(continues for _, _, continues in bands[1]["cells"])  # no cell taken as merged upwards


def test_a_speck_read_as_a_mark_beside_a_figure_is_dropped():
    assert _strip_stray_quotes("232.44.") == "232.44"
    assert _strip_stray_quotes("0.00:") == "0.00"
    assert _strip_stray_quotes("、95%") == "95%"
    # near misses: a point before a figure is its decimal point; words keep their marks
    assert _strip_stray_quotes(".5") == ".5"
    assert _strip_stray_quotes("第1.") == "第1."
    assert _strip_stray_quotes("≥95%") == "≥95%"


def test_a_line_name_read_one_character_off_takes_the_lines_spelling():
    table = Table([["项自支出", "57.97"], ["其中：基本文出", "20.00"], ["年初结转、结余", "1.00"],
                   ["项目名称", "乡村道路"], ["办公经费", "3.00"], ["年X结转和结余", "2.00"]], 1)
    prose = Paragraph("项自支出57.97万元", 0)
    document = Document(blocks=[prose, table], source_format="pdf")
    harmonise_line_names(document)
    assert [row[0] for row in table.rows] == [
        "项目支出", "其中：基本支出",
        "年初结转、结余",  # a spelling of its own is left as it is
        "项目名称", "办公经费",  # no line's spelling, or one already, and not one character off one
        "年X结转和结余",  # not all Chinese: left
    ]
    assert prose.text == "项自支出57.97万元"  # prose is not a row's label


def test_a_label_one_character_off_two_lines_is_left():
    table = Table([["年中结转和结余", "1.00"]], 1)  # 年初 / 年末 / 年终: three lines
    harmonise_line_names(Document(blocks=[table], source_format="pdf"))
    assert table.rows[0][0] == "年中结转和结余"
