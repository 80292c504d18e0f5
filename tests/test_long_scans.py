"""Long scanned PDFs (pipelines/documents/ocr_schedule.py): read across two processes with
the same result as one, progress page by page through the sandbox, and past the OCR budget
the pages read are kept and the report says which are missing.

The scans are the repo's own scanned samples (raw/formats/*.scan.pdf, 4 and 5 image-only
pages), joined into one file where a test needs a long one. Skipped without an OCR engine.
The 60-page timing is measured by tools/bench, not here (docs/formats.md).
"""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipelines.documents import ocr, ocr_schedule
from pipelines.documents.pdf_reader import open_pdf, page_ranges
from pipelines.extract.report import extract_file
from pipelines.run.sandbox import Limits, extract_isolated

SCANS = sorted((Path(__file__).resolve().parents[1] / "raw" / "formats").glob("*.scan.pdf"))
pytestmark = [
    pytest.mark.skipif(not ocr.ocr_available(), reason="no OCR engine (RapidOCR or Tesseract with chi_sim) is installed"),
    pytest.mark.skipif(len(SCANS) < 2, reason="the scanned samples raw/formats/*.scan.pdf are missing"),
]
CAOXIAN = next((p for p in SCANS if "曹县" in p.name), None)  # 4 pages, its unit named on page 1


@pytest.fixture(scope="module")
def long_scan(tmp_path_factory) -> Path:
    """The two scanned samples as one 9-page scan."""
    joined = pdfium.PdfDocument.new()
    for scan in SCANS[:2]:
        source = pdfium.PdfDocument(scan)
        joined.import_pages(source)
        source.close()
    path = tmp_path_factory.mktemp("long") / "2022_某省_两份扫描件.scan.pdf"
    joined.save(path)
    return path


@pytest.fixture
def hooks():
    yield ocr_schedule.configure
    ocr_schedule.configure(None)


def _texts(pages) -> list:
    return [(page.number, [getattr(item, "text", None) or getattr(item, "rows", None) for item in page.items])
            for page in pages]


def test_a_long_scan_read_with_a_helper_process_gives_what_one_process_gives(long_scan, hooks):
    document = open_pdf(long_scan)
    indexes = list(range(len(document)))
    alone = ocr_schedule.read_scanned_pages(long_scan, document, indexes)
    calls: list[tuple[int, int]] = []
    hooks(lambda done, total: calls.append((done, total)), cores=2, scanning=multiprocessing.Value("i", 0))
    helped = ocr_schedule.read_scanned_pages(long_scan, document, indexes)
    document.close()
    assert helped.by_helper > 0 and alone.by_helper == 0
    assert _texts(helped.pages) == _texts(alone.pages)
    assert [page.number for page in helped.pages] == list(range(1, 10))
    assert calls == [(n, 9) for n in range(1, 10)]


def test_no_helper_while_every_core_is_reading_a_scan(long_scan, hooks):
    scanning = multiprocessing.Value("i", 1)  # another child is reading a scan: with it, both cores are taken
    hooks(None, cores=2, scanning=scanning)
    document = open_pdf(long_scan)
    read = ocr_schedule.read_scanned_pages(long_scan, document, [0, 1, 2, 3, 4, 5])
    document.close()
    assert read.by_helper == 0 and len(read.pages) == 6
    assert scanning.value == 1  # this document's count given back


def test_past_its_ocr_budget_a_scan_keeps_the_pages_it_read_and_says_which_it_lacks(monkeypatch):
    monkeypatch.setenv("REPORTS_OCR_BUDGET_S", "0")  # the first page is always read
    extract = extract_file(CAOXIAN, CAOXIAN.parent)
    report = extract.report
    assert report["status"] == "partial"
    assert "3 of 4 pages not read (pages 2-4)" in report["error"]
    assert report["failure_kind"] == "limit"  # read again on the next run
    assert report["unit_name"] == "曹县司法局"  # page 1 names it


def test_the_sandbox_reports_each_scanned_page_as_it_is_read():
    pages: list[tuple[str, int, int]] = []
    results = list(extract_isolated(
        [CAOXIAN], CAOXIAN.parent, Limits(seconds=60, workers=1),
        on_page=lambda path, done, total: pages.append((path.name, done, total)),
    ))
    ((_, extract),) = results
    assert extract.report["status"] == "loaded", extract.report["error"]
    assert pages == [(CAOXIAN.name, n, 4) for n in range(1, 5)]


def test_a_child_that_read_scanned_pages_ends_after_that_file(monkeypatch, tmp_path):
    """The OCR engine stays in the child that loaded it (about 0.4 GB): the next file goes to
    a fresh child, while files without scanned pages share one."""
    from pipelines.run import sandbox  # noqa: PLC0415

    started = []
    real_start = sandbox._start_child
    monkeypatch.setattr(sandbox, "_start_child", lambda *args: started.append(1) or real_start(*args))
    texts = []
    for n in (1, 2):
        texts.append(tmp_path / f"2022_某省_某县某局{n}_整体支出绩效自评报告.txt")
        texts[-1].write_text("某县某局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n", encoding="utf-8")
    one_page = tmp_path / "2022_某省_一页扫描件.scan.pdf"
    scan, single = pdfium.PdfDocument(CAOXIAN), pdfium.PdfDocument.new()
    single.import_pages(scan, [0])
    single.save(one_page)
    scan.close()

    list(extract_isolated(texts, tmp_path, Limits(seconds=60, workers=1)))
    assert len(started) == 1  # two text files, one child
    started.clear()
    done = list(extract_isolated([one_page, *texts], tmp_path, Limits(seconds=60, workers=1)))
    assert [extract.report["status"] for _, extract in done] == ["loaded"] * 3
    assert len(started) == 2  # the scan's child, then a fresh one for both text files


@pytest.mark.parametrize(
    ("indexes", "text"),
    [([0, 1, 2, 6], "pages 1-3, 7"), ([4], "page 5"), ([1, 3], "pages 2, 4")],
)
def test_page_ranges(indexes, text):
    assert page_ranges(indexes) == text


def _with_a_slow_page(folder: Path, order: list) -> Path:
    """The 曹县 scan's pages in `order`, where 'sheet' is its first page nine times over, three by
    three at half the size of its print, on a page half as wide and tall again as the report's.
    OCR takes it about five times as long as a page of the report, in many short engine calls
    (one per line of text) after one detection pass of about 1.2 s: a sheet four pages large at full
    size took four times as long, but its detection pass took 2.6 s, in which the child cannot
    give the page up (measured: given up 1.6 s late), on a slow machine past the parent's limit."""
    from PIL import Image

    source = pdfium.PdfDocument(CAOXIAN)
    first = source[0].render(scale=150 / 72, grayscale=True).to_pil()
    w, h = first.size
    sheet = Image.new("L", (3 * w, 3 * h), 255)
    for k in range(9):
        sheet.paste(first, ((k % 3) * w, (k // 3) * h))
    tiled = folder / "tiled.pdf"
    sheet.save(tiled, "PDF", resolution=300)  # 3 x 150 dpi over 300 dpi: 1.5 times the page's size
    extra = pdfium.PdfDocument(tiled)
    joined = pdfium.PdfDocument.new()
    for page in order:
        joined.import_pages(extra if page == "sheet" else source, [0 if page == "sheet" else page])
    path = folder / f"2019_曹县_带超大页_{len(order)}.scan.pdf"
    joined.save(path)
    source.close()
    extra.close()
    return path


@pytest.fixture(scope="module")
def scan_with_a_slow_page(tmp_path_factory) -> Path:
    return _with_a_slow_page(tmp_path_factory.mktemp("slow"), [0, "sheet", 1, 2, 3])


# MB of address space for the tests about time: RapidOCR needed about 1.9 GB of it for a sheet
# four pages large (measured: it ran out under 1.8 GB, and once in CI under the 2 GB default),
# about 1.4 GB for a page of the report
ROOM_MB = 3072
# The sandbox's limit a page in the tests about time; the child gives a page up at 80% (9.6 s).
# On an idle machine a page of the report takes 2-3 s, the sheet about 15 s, its detection pass
# ends by 2.5 s: a machine two and a half times slower still reads the report's pages and gives
# the sheet up in time. At 8 s (6.4 s in the child) CI lost a page of the report once, and once
# the whole file, the parent stopping the child while it was in the detection pass of a sheet
PAGE_LIMIT_S = 12


@pytest.mark.slow
def test_a_page_past_the_time_limit_costs_that_page_not_the_file(scan_with_a_slow_page):
    """The child gives a page up at 80% of the sandbox's limit a page (PAGE_LIMIT_S), before the
    parent would stop the child and lose the pages read; the report is 'partial', says which page it
    lacks, and is read again on the next run."""
    ((_, extract),) = list(extract_isolated([scan_with_a_slow_page], scan_with_a_slow_page.parent,
                                            Limits(seconds=PAGE_LIMIT_S, workers=1, memory_mb=ROOM_MB)))
    report = extract.report
    assert report["status"] == "partial", report["error"]
    assert "1 of 5 pages not read (page 2): the OCR of each passed the time limit of a page" in report["error"]
    assert report["failure_kind"] == "limit"
    assert report["unit_name"] == "曹县司法局"
    assert report["self_score"] == 97  # on the last page, read after the slow one


@pytest.mark.slow
def test_a_page_the_helper_takes_too_long_on_stops_the_helper_and_the_rest_is_read(tmp_path):
    """Six pages on two cores: the helper reads from the end, so it is given both sheets; the
    child, reading the report's four pages meanwhile, stops it when the first sheet passes the
    page's limit, then reads the sheet that was queued for the helper, and gives that one up too
    — or, on a machine idle enough to read a sheet within the limit, reads it (CI saw that once):
    either way the sheets are the only pages lost, and the report's own pages are read."""
    path = _with_a_slow_page(tmp_path, [0, 1, 2, 3, "sheet", "sheet"])
    limits = Limits(seconds=PAGE_LIMIT_S, workers=2, memory_mb=ROOM_MB)
    ((_, extract),) = list(extract_isolated([path], path.parent, limits))
    report = extract.report
    assert report["status"] == "partial", report["error"]
    assert re.search(r"(2 of 6 pages not read \(pages 5-6\)|1 of 6 pages not read \(page [56]\)): "
                     r"the OCR of each passed the time limit of a page", report["error"]), report["error"]
    assert report["unit_name"] == "曹县司法局" and report["self_score"] == 97
