"""The OCR engines side by side on the same scanned pages: characters right, money figures
read exactly, seconds a page and peak memory.

    python -m tools.bench.ocr_compare [--n 4] [--seed 1174] [--seed-pages 3] [--engines rapidocr,tesseract]

The pages: `--n` generated sample reports (tools/samples) and the first `--seed-pages`
pages of each seed report (../shared/seeds, read by the text reader and written as a .docx
with ruled tables), printed to PDF by LibreOffice, then scanned back as 150-dpi images
(`scan_pdf`, as the formats tests do). A page's truth is what the PDF reader makes of the
same page's text layer; each engine's reading is what the OCR path makes of its scan (the
same lines and table cells, `ocr.ocr_image`). Both are written out alike (lines, then
table cells row by row, one a line) and compared:

- character error rate: edit distance / truth length, whitespace removed, both sides
  NFKC-normalised (a full-width comma and an ASCII one count the same);
- money figures: numbers with two decimals in the truth (232.44, 1,234.50), and how many
  the reading has exactly (as a multiset); `invented`: such numbers it has that the truth
  has not;
- seconds a page, wall and CPU (the CPU time moves less when other work shares the
  machine), the engine's first page in a process (loading) apart;
- peak memory of the process that reads (its children included: Tesseract), resident.

Each engine reads in a fresh process of its own. Needs LibreOffice; Tesseract and
rapidocr-onnxruntime for their columns.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
MONEY = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?:\d*)\.\d{2}(?![\d.])")


# ---------------------------------------------------------------- the pages
def seed_docx(path: Path) -> bytes:
    """A seed report (text) as a plain .docx: its paragraphs, and its tables ruled."""
    import io  # noqa: PLC0415

    from docx import Document as new_docx  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    from pipelines.documents.model import Paragraph  # noqa: PLC0415
    from pipelines.documents.readers import read_document  # noqa: PLC0415

    doc = new_docx()
    normal = doc.styles["Normal"]
    normal.font.name = "仿宋_GB2312"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    for block in read_document(path).blocks:
        if isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
            continue
        width = max((len(row) for row in block.rows), default=0)
        if not width:
            continue
        table = doc.add_table(rows=len(block.rows), cols=width)
        table.style = "Table Grid"
        for cells, row in zip(table.rows, block.rows):
            for cell, text in zip(cells.cells, row):
                cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def make_scans(folder: Path, n: int, seed: int, seed_pages: int) -> list[tuple[str, Path, Path, list[int]]]:
    """(name, text-layer pdf, scanned pdf, page indexes) for the samples and the seeds."""
    from pipelines.documents.office_convert import convert_many  # noqa: PLC0415
    from tools.samples import RENDERERS, generate  # noqa: PLC0415
    from tools.samples.render_formats import scan_pdf  # noqa: PLC0415

    docx_dir = folder / "docx"
    docx_dir.mkdir(parents=True)
    names = []
    for i, report in enumerate(generate(n, seed)):
        (docx_dir / f"sample{i}.docx").write_bytes(RENDERERS["docx"][1](report.document))
        names.append(f"sample{i}")
    for path in sorted(SEEDS.glob("*.txt")) if seed_pages else []:
        (docx_dir / f"seed{path.name[:3]}.docx").write_bytes(seed_docx(path))
        names.append(f"seed{path.name[:3]}")
    pdfs = convert_many([docx_dir / f"{name}.docx" for name in names], "pdf", folder / "pdf", "writer_pdf_Export")
    out = []
    for name, pdf in zip(names, pdfs):
        scan = folder / f"{name}.scan.pdf"
        scan.write_bytes(scan_pdf(pdf.read_bytes()))
        pages = page_count(pdf)
        keep = list(range(pages if name.startswith("sample") else min(pages, seed_pages)))
        out.append((name, pdf, scan, keep))
    return out


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium  # noqa: PLC0415

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def page_text(page) -> str:
    """A page's items written out: each line, then each table cell row by row, one a line."""
    from pipelines.documents.pdf_reader import TableItem  # noqa: PLC0415

    out = []
    for item in page.items:
        if isinstance(item, TableItem):
            out.extend(cell for row in item.rows for cell in row if cell)
        else:
            out.append(item.text)
    return "\n".join(out)


def truth_pages(pdf: Path, indexes: list[int]) -> list[tuple[str, bool]]:
    """(text, whether it has a table) of each page, from the text layer."""
    from pipelines.documents.pdf_reader import TableItem, _pdfplumber_pages  # noqa: PLC0415

    return [(page_text(page), any(isinstance(item, TableItem) for item in page.items)) for page in _pdfplumber_pages(pdf, indexes)]


# ---------------------------------------------------------------- one engine, in its own process
def read_scans(engine: str, scans: list[tuple[str, str, list[int]]], out: str) -> None:
    """In a fresh process: OCR every page with `engine`, write {name: [(text, seconds)…]} as JSON."""
    import pypdfium2 as pdfium  # noqa: PLC0415

    from pipelines.documents import ocr, ocr_engines  # noqa: PLC0415

    start = time.perf_counter()
    if engine == "rapidocr":
        ocr_engines.rapidocr_model()  # its load is timed apart from its reading
        reader = ocr_engines.RapidOcr()
    else:
        reader = ocr_engines.Tesseract(ocr_engines.check_tesseract())
    results: dict = {"load_seconds": time.perf_counter() - start, "pages": {}, "engine_seconds": 0.0}
    read = reader.read

    def timed(*args):
        start = time.perf_counter()
        try:
            return read(*args)
        finally:
            results["engine_seconds"] += time.perf_counter() - start

    reader.read = timed
    for name, scan, indexes in scans:
        document = pdfium.PdfDocument(scan)
        pages = []
        for index in indexes:
            start, cpu = time.perf_counter(), cpu_seconds()
            page = document[index]
            width, height = page.get_size()
            image = page.render(scale=ocr.SCALE, grayscale=True).to_pil().convert("L")
            page.close()
            items = ocr.ocr_image(image, index + 1, width, height, reader)
            pages.append((page_text(items), time.perf_counter() - start, cpu_seconds() - cpu))
        document.close()
        results["pages"][name] = pages
    Path(out).write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract): less moved than
    wall time by other work on the machine."""
    import resource  # noqa: PLC0415

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_engine(engine: str, scans, folder: Path) -> tuple[dict, int]:
    """The engine's readings and the peak resident memory (PSS summed over the process and its children)."""
    from tools.bench.memory import PeakMemory  # noqa: PLC0415

    out = folder / f"{engine}.json"
    context = multiprocessing.get_context("spawn")
    process = context.Process(target=read_scans, args=(engine, [(n, str(s), i) for n, _, s, i in scans], str(out)))
    process.start()
    with PeakMemory(process.pid, interval=0.1) as peak:
        process.join()
    if process.exitcode != 0:
        raise SystemExit(f"{engine}: the reading process failed (exit code {process.exitcode})")
    return json.loads(out.read_text(encoding="utf-8")), peak.total


# ---------------------------------------------------------------- measures
def normal(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def money(text: str) -> Counter:
    return Counter(MONEY.findall(unicodedata.normalize("NFKC", text).replace(" ", "")))


def measure(truths: dict[str, list[tuple[str, bool]]], readings: dict, peak: int, show: bool = False) -> dict:
    errors = chars = found = total = invented = 0
    kinds = {"text": [0, 0], "table": [0, 0]}  # errors, chars on pages without / with a table
    seconds, cpu = [], []
    for name, pages in truths.items():
        for k, ((truth, has_table), (text, spent, used)) in enumerate(zip(pages, readings["pages"][name])):
            t, r = normal(truth), normal(text)
            distance = edit_distance(t, r)
            errors, chars = errors + distance, chars + len(t)
            kind = kinds["table" if has_table else "text"]
            kind[0], kind[1] = kind[0] + distance, kind[1] + len(t)
            if show and distance:
                print(f"  {name} page {k + 1}: {distance} / {len(t)} characters wrong", flush=True)
            want, got = money(truth), money(text)
            if show and want - got:
                print(f"  {name} page {k + 1}: missed {sorted((want - got).elements())}, read {sorted((got - want).elements())}")
            found, total, invented = found + sum((want & got).values()), total + sum(want.values()), invented + sum((got - want).values())
            if not (name == next(iter(truths)) and k == 0):
                seconds.append(spent)  # the first page of the process is apart (engine warm-up)
                cpu.append(used)
    first = readings["pages"][next(iter(truths))][0][1]
    return {
        "pages": sum(len(p) for p in truths.values()), "cer": errors / max(chars, 1),
        "cer_text_pages": kinds["text"][0] / max(kinds["text"][1], 1),
        "cer_table_pages": kinds["table"][0] / max(kinds["table"][1], 1),
        "money_exact": found, "money_total": total, "money_invented": invented,
        "seconds_per_page": sum(seconds) / max(len(seconds), 1), "first_page_seconds": first,
        "cpu_seconds_per_page": sum(cpu) / max(len(cpu), 1),
        "engine_seconds_per_page": readings["engine_seconds"] / max(sum(len(p) for p in truths.values()), 1),
        "load_seconds": readings["load_seconds"], "peak_mb": peak / 2**20,
    }


def table(results: dict[str, dict]) -> str:
    rows = [
        ("pages", lambda r: f"{r['pages']}"),
        ("character error rate, all pages", lambda r: f"{r['cer']:.2%}"),
        ("… pages without a table", lambda r: f"{r['cer_text_pages']:.2%}"),
        ("… pages with a table", lambda r: f"{r['cer_table_pages']:.2%}"),
        ("money figures read exactly", lambda r: f"{r['money_exact']} / {r['money_total']}"),
        ("money figures invented", lambda r: f"{r['money_invented']}"),
        ("seconds a page (1 core), wall", lambda r: f"{r['seconds_per_page']:.2f}"),
        ("… CPU", lambda r: f"{r['cpu_seconds_per_page']:.2f}"),
        ("… of which the engine (first page included)", lambda r: f"{r['engine_seconds_per_page']:.2f}"),
        ("first page of a process; engine load", lambda r: f"{r['first_page_seconds']:.1f} s; {r['load_seconds']:.1f} s"),
        ("peak memory of the reading process", lambda r: f"{r['peak_mb']:.0f} MB"),
    ]
    engines = list(results)
    lines = ["| | " + " | ".join(engines) + " |", "|---|" + "---|" * len(engines)]
    lines += [f"| {label} | " + " | ".join(cell(results[e]) for e in engines) + " |" for label, cell in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=4, help="generated sample reports, every page (default %(default)s)")
    parser.add_argument("--seed", type=int, default=1174, help="their seed (default %(default)s)")
    parser.add_argument("--seed-pages", type=int, default=3, help="first pages of each seed report, 0 for none (default %(default)s)")
    parser.add_argument("--engines", default="rapidocr,tesseract")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--show", action="store_true", help="print each page's errors and missed figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scans = make_scans(folder, args.n, args.seed, args.seed_pages)
        truths = {name: truth_pages(pdf, indexes) for name, pdf, _, indexes in scans}
        results = {}
        for engine in args.engines.split(","):
            readings, peak = run_engine(engine, scans, folder)
            results[engine] = measure(truths, readings, peak, args.show)
            print(engine, json.dumps(results[engine]), flush=True)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
