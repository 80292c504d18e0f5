"""Register the sample renderers beyond text: docx, xlsx, pdf (text layer), scan (image-only pdf),
the old formats doc97 (.doc), wps and xls (LibreOffice conversions), and the text rendering in other
encodings (txt-gb18030, txt-utf16, txt-utf8bom), and `web`: the text of the web page a site
publishes the report on (`|` rows, site chrome; render_web.py).

pdf, scan, doc, wps and xls need LibreOffice (`soffice`) with a CJK font; their bytes are
not deterministic (LibreOffice stamps dates), the others' are.

Importing this module registers them in `tools.samples.RENDERERS`; the LibreOffice ones
with a `Converted` (source format, target, filter), which write_samples uses to convert
many files per soffice start. A single file's renderer here and a batch give the same
document (the same LibreOffice filter on the same .docx/.xlsx bytes).
"""

from __future__ import annotations

import re

from tools.samples.generate import Converted, register_renderer
from tools.samples.render_text import render_text
from tools.samples.render_web import render_web


def render_docx(document) -> bytes:
    from tools.samples.render_docx import render_docx as render  # noqa: PLC0415 (python-docx only when used)

    return render(document)


def render_xlsx(document) -> bytes:
    from tools.samples.render_xlsx import render_xlsx as render  # noqa: PLC0415

    return render(document)


def render_gb18030(document) -> bytes:
    """The text rendering as Chinese Windows' Notepad long saved it ('ANSI' = GBK/GB18030), CRLF."""
    return render_text(document).replace("\n", "\r\n").encode("gb18030")


def render_utf16(document) -> bytes:
    """The text rendering as Word's 'Unicode' text: UTF-16 little-endian with a BOM."""
    return render_text(document).encode("utf-16")


def render_utf8_bom(document) -> bytes:
    return render_text(document).encode("utf-8-sig")


register_renderer("docx", ".docx", render_docx)
register_renderer("xlsx", ".xlsx", render_xlsx)
register_renderer("txt-gb18030", ".gb18030.txt", render_gb18030)
register_renderer("txt-utf16", ".utf16.txt", render_utf16)
register_renderer("txt-utf8bom", ".utf8bom.txt", render_utf8_bom)
register_renderer("web", ".web.txt", render_web)


def render_pdf(document) -> bytes:
    """The docx rendering printed to PDF by LibreOffice (needs soffice and a CJK font)."""
    from pipelines.documents.office_convert import convert_bytes  # noqa: PLC0415

    return convert_bytes(render_docx(document), ".docx", "pdf", "writer_pdf_Export")


register_renderer("pdf", ".pdf", render_pdf, Converted("docx", "pdf", "writer_pdf_Export"))


SCAN_DPI = 150


def scan_pdf(pdf: bytes, dpi: int = SCAN_DPI, skew: float = 0.0, noise: float = 0.0, sideways: bool = False,
             upside_down: bool = False, jpeg_quality: int | None = None) -> bytes:
    """A text-layer PDF as a scanner gives it back: greyscale page images at `dpi`, no text
    layer, with a red round stamp on the last page (as the unit's seal on a signed report);
    each page turned by `skew` degrees (alternating in sign, as sheets are fed) and sprinkled
    with dark specks over a `noise` share of its pixels; with `sideways`, every other page
    fed a quarter turn round (one way, then the other); with `upside_down`, every other page
    (the second, the fourth, …) fed upside down; with `jpeg_quality`, each page image saved
    as a JPEG of that quality first (a scanner's or a mail program's compression: blocks and
    ringing round the strokes)."""
    import io  # noqa: PLC0415
    import random  # noqa: PLC0415

    import pypdfium2 as pdfium  # noqa: PLC0415
    from PIL import Image, ImageChops, ImageDraw  # noqa: PLC0415

    specks = random.Random(dpi)  # the same specks for the same scan

    source = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(source)):
            page = source[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("RGB")
            page.close()
            if index == len(source) - 1:
                w, h = image.size
                r = int(dpi * 0.8)
                cx, cy = int(w * 0.7), int(h * 0.75)
                # ink, not paint: the seal darkens what it covers (multiplied), so text and rules
                # under it stay dark, as on a stamped page
                seal = Image.new("RGB", image.size, "white")
                draw = ImageDraw.Draw(seal)
                for k in range(4):
                    draw.ellipse((cx - r + k, cy - r + k, cx + r - k, cy + r - k), outline=(210, 40, 40))
                draw.regular_polygon((cx, cy, r // 4), 5, fill=(210, 40, 40))
                image = ImageChops.multiply(image, seal)
            else:
                image = image.convert("L")
            if skew:
                turn = skew if index % 2 == 0 else -skew
                image = image.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor="white" if image.mode == "RGB" else 255)
            if sideways and index % 2 == 0:
                image = image.rotate(90 if index % 4 == 0 else 270, expand=True)
            if upside_down and index % 2 == 1:
                image = image.rotate(180)
            if noise:
                w, h = image.size
                draw = ImageDraw.Draw(image)
                for _ in range(int(w * h * noise)):
                    x, y = specks.randrange(w), specks.randrange(h)
                    draw.point((x, y), fill=(90, 90, 90) if image.mode == "RGB" else 90)
            if jpeg_quality:
                compressed = io.BytesIO()
                image.save(compressed, "JPEG", quality=jpeg_quality)
                image = Image.open(io.BytesIO(compressed.getvalue()))
                image.load()
            images.append(image)
    finally:
        source.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def without_rules(docx: bytes) -> bytes:
    """A .docx whose tables have no borders (no table style, no table or cell borders): printed,
    its tables are text in columns, as many published PDFs have them."""
    import io  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in ("word/document.xml", "word/styles.xml"):
                text = re.sub(r"<w:(tblBorders|tcBorders)>.*?</w:\1>", "", data.decode("utf-8"), flags=re.S)
                data = re.sub(r'<w:tblStyle w:val="[^"]*"/>', "", text).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def in_two_columns(docx: bytes) -> bytes:
    """A .docx whose text is set in two columns, its tables across the page (a continuous
    section break before and after each table), as some reports are printed."""
    import io  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = re.sub(r"<w:cols[^>]*/>", "", data.decode("utf-8"))
                final = re.findall(r"<w:sectPr[ >].*?</w:sectPr>", text, flags=re.S)[-1]
                page = re.sub(r"^<w:sectPr[^>]*>|</w:sectPr>$", "", final)  # its size and margins

                def section(columns: int) -> str:
                    return (f'<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/>{page}'
                            f'<w:cols w:num="{columns}" w:space="425"/></w:sectPr></w:pPr></w:p>')

                text = text.replace("<w:tbl>", section(2) + "<w:tbl>").replace("</w:tbl>", "</w:tbl>" + section(1))
                text = text.replace(final, final.replace(
                    "</w:sectPr>", '<w:type w:val="continuous"/><w:cols w:num="2" w:space="425"/></w:sectPr>'))
                data = text.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def print_sideways(pdf: bytes) -> bytes:
    """A text-layer PDF whose every other page (the first, the third, …) is printed a quarter
    turn round on a landscape sheet, one way then the other, as a wide table is put on a page:
    the text stays a text layer, drawn turned (a form XObject under a rotation)."""

    import pypdfium2 as pdfium  # noqa: PLC0415

    source = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    try:
        for index in range(len(source)):
            width, height = source[index].get_size()
            if index % 2:
                out.import_pages(source, [index])
                continue
            drawing = source.page_as_xobject(index, out).as_pageobject()
            page = out.new_page(height, width)
            clockwise = index % 4 == 0
            turn = pdfium.PdfMatrix().rotate(90 if clockwise else 270)
            drawing.transform(turn.translate(0, width) if clockwise else turn.translate(height, 0))
            page.insert_obj(drawing)
            page.gen_content()
        return _pdf_bytes(out)
    finally:
        out.close()
        source.close()


def with_a_broken_text_layer(pdf: bytes) -> bytes:
    """A scanned PDF given an invisible text layer of Latin gibberish on every page, as a PDF
    whose fonts have no Unicode map gives when its text is copied: what the page shows is only
    in its image, and the text layer must not be believed."""
    import random  # noqa: PLC0415

    import pypdfium2 as pdfium  # noqa: PLC0415
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415

    letters = random.Random(7)
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            for row in range(30):
                gibberish = "".join(letters.choice("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêë") for _ in range(40))
                text = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", 10.0)
                pdfium_c.FPDFText_SetText(text, _wide(gibberish))
                pdfium_c.FPDFTextObj_SetTextRenderMode(text, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
                pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, 40, height - 60 - row * (height - 120) / 30)
                pdfium_c.FPDFPage_InsertObject(page.raw, text)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        return _pdf_bytes(document)
    finally:
        document.close()


def _pdf_bytes(document) -> bytes:
    """A pypdfium2 document saved, as bytes."""
    import io  # noqa: PLC0415

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _wide(text: str):
    """A string as pdfium's FPDF_WIDESTRING (UTF-16LE, zero-ended)."""
    import ctypes  # noqa: PLC0415

    data = (text + "\0").encode("utf-16-le")
    return ctypes.cast(ctypes.create_string_buffer(data, len(data)), ctypes.POINTER(ctypes.c_ushort))


def render_scan(document) -> bytes:
    """The pdf rendering scanned back: image-only pages, read through OCR."""
    return scan_pdf(render_pdf(document))


register_renderer("scan", ".scan.pdf", render_scan, Converted("docx", "pdf", "writer_pdf_Export", finish=scan_pdf))


def render_doc(document) -> bytes:
    """Word 97-2003 .doc, converted from the docx rendering by LibreOffice."""
    from pipelines.documents.office_convert import convert_bytes  # noqa: PLC0415

    return convert_bytes(render_docx(document), ".docx", "doc", "MS Word 97")


def render_xls(document) -> bytes:
    """Excel 97-2003 .xls, converted from the xlsx rendering by LibreOffice."""
    from pipelines.documents.office_convert import convert_bytes  # noqa: PLC0415

    return convert_bytes(render_xlsx(document), ".xlsx", "xls", "MS Excel 97")


# "doc97", not "doc": the samples' tests use "doc" as the example of an unknown format
register_renderer("doc97", ".doc", render_doc, Converted("docx", "doc", "MS Word 97"))
# WPS Office's .wps files are Word 97-format documents under WPS's extension
register_renderer("wps", ".wps", render_doc, Converted("docx", "doc", "MS Word 97"))
register_renderer("xls", ".xls", render_xls, Converted("xlsx", "xls", "MS Excel 97"))
