"""The benchmark: its floor reads the text of real files, its memory sampler sees a child's
memory, its page judges the targets, and `python -m pipelines bench` runs end to end."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from tools.bench import report
from tools.bench.floor import measure_floor, text_of_txt, text_of_zip_xml
from tools.bench.memory import PeakMemory
from tools.bench.reading import measure_reading, readers_bound, sample

REPO = Path(__file__).resolve().parents[1]


def test_the_floor_reads_the_text_of_txt_docx_and_xlsx(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_bytes("一、部门基本情况\n年初预算数1,234.56万元".encode("gb18030"))
    docx = tmp_path / "b.docx"
    document = Document()
    document.add_paragraph("二、绩效自评情况")
    document.add_table(rows=1, cols=2).rows[0].cells[1].text = "基本支出"
    document.save(docx)
    xlsx = tmp_path / "c.xlsx"
    book = Workbook()
    book.active["B2"] = "三公经费"
    book.save(xlsx)

    assert "年初预算数1,234.56万元" in text_of_txt(txt)
    assert "二、绩效自评情况" in text_of_zip_xml(docx, "word/document") and "基本支出" in text_of_zip_xml(docx, "word/document")
    assert "三公经费" in text_of_zip_xml(xlsx, ("xl/sharedStrings", "xl/worksheets/"))
    floor = measure_floor([txt, docx, xlsx])
    assert {fmt: row["files"] for fmt, row in floor["by_format"].items()} == {"docx": 1, "txt": 1, "xlsx": 1}


def test_the_readers_are_timed_on_an_even_sample_of_each_format(tmp_path):
    # ten text reports and one workbook: five of the ten (every other one) and the workbook
    for i in range(10):
        (tmp_path / f"r{i}.txt").write_text(f"一、部门基本情况\n年初预算数{i},000.00万元", encoding="utf-8")
    book = Workbook()
    book.active["A1"], book.active["B1"] = "项目", "预算数"
    book.save(tmp_path / "s.xlsx")
    paths = list(tmp_path.iterdir())

    assert [p.name for p in sample(paths, 5)] == ["r0.txt", "r2.txt", "r4.txt", "r6.txt", "r8.txt", "s.xlsx"]
    reading = measure_reading(paths, 5)
    assert {fmt: row["files"] for fmt, row in reading.items()} == {"txt": 5, "xlsx": 1}
    assert all(row["seconds_per_file"] > 0 for row in reading.values())


def test_the_readers_bound_shares_their_time_over_the_workers():
    # 200 PDFs at 0.1 s and 100 text files at 0.02 s: 22 s of reading, 11 s over two workers;
    # a format the sample did not hold counts nothing
    reading = {"pdf": {"files": 100, "seconds_per_file": 0.1}, "txt": {"files": 100, "seconds_per_file": 0.02}}
    assert readers_bound(reading, {"pdf": 200, "txt": 100, "xlsx": 5}, workers=2) == pytest.approx(11.0)


def test_peak_memory_counts_a_child_process(tmp_path):
    # a child that holds 200 MB of its own for a second: the tree's peak must show it
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; block = bytearray(200 * 1024 * 1024); block[::4096] = b'x' * len(block[::4096]); time.sleep(1.5)"],
    )
    with PeakMemory(child.pid, interval=0.05) as peak:
        child.wait()
    assert peak.total >= 200 * 1024 * 1024
    assert peak.largest >= 200 * 1024 * 1024


def result(reports: int, cold: float, floor: float, noop: float, memory: int) -> dict:
    return {
        "at": "2026-11-24 10:00", "commit": "abc1234", "cpu": "test", "memory_gb": 24, "python": "3.11",
        "reports": reports, "formats": {"txt": reports}, "cores": 2, "floor_s": floor, "cold_s": cold,
        "noop_s": noop, "one_changed_s": noop * 2, "ratio_cold_floor": cold / floor, "ratio_noop_cold": noop / cold,
        "peak_rss_mb": memory, "largest_process_mb": memory // 2, "cold_stages_s": {"extract": cold / 2},
        "docs_per_s": {"txt": {"files": reports, "floor_docs_per_s": 1.0, "extract_docs_per_s_per_process": 1.0, "extract_docs_per_s": 2.0}},
    }


def test_the_page_judges_the_targets():
    # 1,000 reports at 8x the floor (the target is 6x); 10,000 with a no-op of 2.5 s (at most 3 s),
    # one changed file in 12 s (at most 10 s), 3% of the cold run (at most 5%); nothing at 100
    ten_thousand = {**result(10000, 400.0, 100.0, 2.5, 1200), "corpus": 10000, "one_changed_s": 12.0,
                    "new_files_s": {"1": 11.0, "10": 15.0, "100": 30.0}}
    page = report.page([result(1000, 80.0, 10.0, 5.0, 700), ten_thousand])
    assert "| cold ingest of 1,000 mixed reports: at most 6x the floor | 8.0x | missed by 1.33x |" in page
    assert "| no-op rerun over 10,000: at most 3 s | 2.5 s | met |" in page
    assert "| one changed file among 10,000: at most 10 s | 12.0 s | missed by 1.20x |" in page
    assert "| one changed file among 10,000: at most 5% of the cold run | 3.0% | met |" in page
    assert "| 10 new files into 10,000: at most 15 s | 15.0 s | met |" in page
    assert "| fixed cost (no-op rerun over 100): at most 4 s | not measured yet | |" in page
    assert "at most 1,200 MB | missed (1200 MB) |" in page
    assert "the document readers alone" not in page  # rows from before the readers were timed
    # near miss: 10.46 s is 1.05x the limit, not "1.0x", which reads as met
    assert "| 10.5 s | missed by 1.05x |" in report.page([{**ten_thousand, "one_changed_s": 10.46}])


def test_the_page_sets_the_readers_bound_beside_the_cold_target():
    # at 1,000: the readers alone 30 s over two workers against a floor of 10 s, the cold run 80 s
    row = {**result(1000, 80.0, 10.0, 5.0, 700), "readers_bound_s": 30.0, "extract_workers": 2}
    row["docs_per_s"]["txt"]["reading_docs_per_s"] = 40.0
    page = report.page([row])
    assert "take 30.0 s, **3.0x the floor**; the cold run is 8.0x." in page
    assert "| 1,000 | txt | 1000 | 1.0 | 40.0 | 1.0 | 2.0 |" in page


def test_the_page_shows_where_a_nightly_runs_time_goes():
    # a run after one changed file and one after ten new: their stages side by side; a row
    # recorded before the nightly stages were (no such keys) adds no line
    nightly = {**result(889, 60.0, 10.0, 1.0, 700),
               "one_changed_stages_s": {"start-up": 4.5, "extract": 1.2, "load": 0.7, "dbt build": 2.3, "end": 0.1},
               "new_files_stages_s": {"10": {"start-up": 4.4, "extract": 3.0, "load": 0.8, "dbt build": 2.5, "end": 0.2}}}
    page = report.page([result(9889, 400.0, 30.0, 2.0, 900), nightly])
    assert "| reports (N) | run | start-up | extract | load | dbt build | end | measured |" in page
    assert "| 889 | one changed | 4.5 | 1.2 | 0.7 | 2.3 | 0.1 | 2026-11-24 10:00 (abc1234) |" in page
    assert "| 889 | 10 new | 4.4 | 3.0 | 0.8 | 2.5 | 0.2 | 2026-11-24 10:00 (abc1234) |" in page
    assert "| 9,889 | one changed |" not in page


def test_a_corpus_with_files_held_back_is_judged_at_its_size():
    # 889 reports read of a corpus of 1,000 (111 held back for the new-file reruns)
    held_back = {**result(889, 60.0, 10.0, 5.0, 700), "new_files_s": {"1": 20.0, "10": 21.0, "100": 25.0}}
    assert report.corpus_size(held_back) == 1000
    assert report.corpus_size({**held_back, "corpus": 1200}) == 1200  # recorded from now on
    assert "| cold ingest of 1,000 mixed reports: at most 6x the floor | 6.0x | met |" in report.page([held_back])


@pytest.mark.slow
def test_bench_command_prints_one_json_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "bench", "--reports", "6", "--formats", "txt", "--workdir", str(tmp_path), "--no-page"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [line] = done.stdout.splitlines()
    figures = json.loads(line)
    assert figures["reports"] == 6 and figures["formats"] == {"txt": 6}
    assert 0 < figures["floor_s"] < figures["cold_s"]
    assert figures["noop_s"] < figures["cold_s"]
    assert figures["ratio_cold_floor"] == pytest.approx(figures["cold_s"] / figures["floor_s"], rel=0.01)
    assert figures["peak_rss_mb"] > 100  # Python, Dagster and dbt are in the tree
    assert figures["docs_per_s"]["txt"]["files"] == 6
    assert figures["docs_per_s"]["txt"]["reading_docs_per_s"] > 0
    assert 0 < figures["readers_bound_s"] < figures["cold_s"]
    assert set(figures["cold_stages_s"]) >= {"start-up", "extract", "load", "dbt build"}
    assert set(figures["one_changed_stages_s"]) >= {"start-up", "extract", "load", "dbt build"}
    # the corpus is reused by the next run, and the file changed for its third ingest is put
    # back as it was
    corpus = next(p for p in tmp_path.iterdir() if p.is_dir() and p.name.startswith("corpus-"))
    before = corpus_digest(corpus)
    again = subprocess.run(
        [sys.executable, "-m", "pipelines", "bench", "--reports", "6", "--formats", "txt", "--workdir", str(tmp_path), "--no-page"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert "generating" not in again.stderr
    assert corpus_digest(corpus) == before


def corpus_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def test_the_nightly_case_holds_files_back_and_links_them_in_without_copying(tmp_path):
    from tools.bench.measure import NEW_FILES, held_back, link_into

    corpus = tmp_path / "corpus"
    files = []
    for i in range(2 * sum(NEW_FILES)):
        path = corpus / f"{i % 3}" / f"r{i:03}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"报告{i}")
        files.append(path)
    assert held_back(files) == sum(NEW_FILES)
    assert held_back(files[:-1]) == 0  # near miss: too small a corpus to hold any back
    link_into(corpus, tmp_path / "raw", files[:2])
    linked = tmp_path / "raw" / "1" / "r001.txt"
    assert linked.read_text() == "报告1" and linked.stat().st_ino == files[1].stat().st_ino


def test_the_page_shows_the_nightly_case():
    nightly = {**result(1000, 60.0, 10.0, 5.0, 700), "new_files_s": {"1": 6.5, "10": 7.25, "100": 12.0}}
    assert "| 1,000 | 5.0 | 6.5 | 7.2 | 12.0 | 60.0 |" in report.page([nightly])
