"""Pages per second of the PDF text layers and OCR on the sample reports' PDFs.

    python tests/formats_speed.py [--n 8] [--seed 1174] [--ocr-reports 2]

Needs LibreOffice (to print the samples' docx to PDF) and, for the OCR line, Tesseract.
Also compares the characters of pypdfium2's and pdfplumber's text with the text rendering.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv=None) -> int:
    import pdfplumber
    import pypdfium2 as pdfium

    from pipelines.documents.office_convert import convert_many
    from pipelines.documents.pdf_reader import read_pdf
    from tools.samples import RENDERERS, generate
    from tools.samples.render_formats import scan_pdf

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1174)
    parser.add_argument("--ocr-reports", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        reports = generate(args.n, args.seed)
        docx_files = []
        for report in reports:
            path = tmp / f"{report.name}.docx"
            path.write_bytes(RENDERERS["docx"][1](report.document))
            docx_files.append(path)
        pdfs = convert_many(docx_files, "pdf", tmp / "pdf", "writer_pdf_Export")
        pages = sum(len(pdfium.PdfDocument(str(p))) for p in pdfs)
        timings = {}

        start = time.perf_counter()
        pdfium_text = {}
        for p in pdfs:
            doc = pdfium.PdfDocument(str(p))
            pdfium_text[p] = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        timings["pypdfium2 plain text"] = time.perf_counter() - start

        start = time.perf_counter()
        plumber_text = {}
        for p in pdfs:
            with pdfplumber.open(str(p)) as pdf:
                plumber_text[p] = "".join(page.extract_text() or "" for page in pdf.pages)
        timings["pdfplumber extract_text"] = time.perf_counter() - start

        start = time.perf_counter()
        for p in pdfs:
            with pdfplumber.open(str(p)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
        timings["pdfplumber text + tables"] = time.perf_counter() - start

        start = time.perf_counter()
        for p in pdfs:
            read_pdf(p)
        timings["pdf_reader (pdfium check + pdfplumber layout)"] = time.perf_counter() - start

        for name, seconds in timings.items():
            print(f"{name:48} {pages / seconds:8.1f} pages/s  ({1000 * seconds / pages:.1f} ms/page, {pages} pages)")

        # characters: how much of the text rendering each text layer holds, in order-free terms
        from collections import Counter

        def char_recall(reference: str, text: str) -> float:
            ref = Counter(ch for ch in reference if not ch.isspace())
            got = Counter(ch for ch in text if not ch.isspace())
            return sum((ref & got).values()) / max(1, sum(ref.values()))

        for label, texts in (("pypdfium2", pdfium_text), ("pdfplumber", plumber_text)):
            scores = [char_recall(RENDERERS["txt"][1](r.document).decode(), texts[p]) for r, p in zip(reports, pdfs)]
            print(f"{label:10} characters of the text rendering found: {sum(scores) / len(scores):.2%}")

        if args.ocr_reports:
            scans = []
            for p in pdfs[: args.ocr_reports]:
                scan = p.with_suffix(".scan.pdf")
                scan.write_bytes(scan_pdf(p.read_bytes()))
                scans.append(scan)
            scan_pages = sum(len(pdfium.PdfDocument(str(p))) for p in scans)
            start = time.perf_counter()
            for scan in scans:
                read_pdf(scan)
            seconds = time.perf_counter() - start
            print(f"{'OCR (Tesseract chi_sim, 300 dpi, psm 6, 1 thread)':48} {scan_pages / seconds:8.2f} pages/s  ({seconds / scan_pages:.2f} s/page, {scan_pages} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
