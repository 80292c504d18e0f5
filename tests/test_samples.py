"""The sample-report generator: deterministic, in the seeds' text format, truth consistent."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.documents.office_convert import convert_many, soffice_path
from tools.samples import DEFAULT_COUNT, DEFAULT_SEED, RENDERERS, generate, render_text, write_samples
from tools.samples.model import Cell, Document, Heading, Paragraph, Table
from tools.samples.render_text import NotRenderable
from tools.samples.units import DIVISIONS_CSV, load_divisions, usable_divisions

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
RAW_TRUTH = REPO / "tests" / "fixtures" / "raw_samples.truth.jsonl"

# used only while pipelines/data/divisions.csv is missing
FALLBACK_DIVISIONS = [
    {"admin_code": "430102", "level": "county", "province": "湖南省", "city": "长沙市", "county": "芙蓉区"},
    {"admin_code": "430321", "level": "county", "province": "湖南省", "city": "湘潭市", "county": "湘潭县"},
    {"admin_code": "430600", "level": "city", "province": "湖南省", "city": "岳阳市", "county": ""},
    {"admin_code": "440224", "level": "county", "province": "广东省", "city": "韶关市", "county": "仁化县"},
    {"admin_code": "510700", "level": "city", "province": "四川省", "city": "绵阳市", "county": ""},
    {"admin_code": "360722", "level": "county", "province": "江西省", "city": "赣州市", "county": "信丰县"},
]


def divisions():
    if DIVISIONS_CSV.exists():
        return load_divisions()
    return usable_divisions(FALLBACK_DIVISIONS)


@pytest.fixture(scope="module")
def reports():
    return generate(60, seed=7, divisions=divisions())


def budget_lines() -> dict[str, set[str]]:
    for path in (REPO / "dbt_project" / "seeds" / "budget_lines.csv", REPO.parent / "shared" / "budget_lines.csv"):
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            names = {row["line_name"] for row in rows}
            aliases = {alias for row in rows for alias in (row.get("aliases") or "").split("|") if alias}
            return {"names": names, "aliases": aliases}
    pytest.skip("budget_lines.csv not found")


# ---------------------------------------------------------------- determinism
def test_same_seed_same_bytes():
    first = generate(6, seed=11, divisions=divisions())
    second = generate(6, seed=11, divisions=divisions())
    assert [render_text(r.document) for r in first] == [render_text(r.document) for r in second]
    assert [json.dumps(r.truth, ensure_ascii=False) for r in first] == [json.dumps(r.truth, ensure_ascii=False) for r in second]


def test_other_seed_other_reports():
    a = generate(3, seed=1, divisions=divisions())
    b = generate(3, seed=2, divisions=divisions())
    assert [render_text(r.document) for r in a] != [render_text(r.document) for r in b]


def test_write_samples_is_deterministic_and_truth_beside_folder(tmp_path):
    paths = []
    for name in ("one", "two"):
        out = tmp_path / name / "raw"
        written = write_samples(out, n=4, seed=5, divisions=divisions())
        assert len(written) == 4 and all(p.parent == out and p.suffix == ".txt" for p in written)
        truth = tmp_path / name / "raw.truth.jsonl"
        assert truth.exists(), "truth goes beside the folder, as <out_dir>.truth.jsonl"
        assert not list(out.glob("*.jsonl")), "nothing but reports inside the raw folder"
        paths.append((written, truth))
    (w1, t1), (w2, t2) = paths
    assert [p.read_bytes() for p in w1] == [p.read_bytes() for p in w2]
    assert t1.read_bytes() == t2.read_bytes()
    lines = [json.loads(line) for line in t1.read_text(encoding="utf-8").splitlines()]
    assert [line["source_file"] for line in lines] == [p.name for p in w1]


def test_truth_path_inside_raw_folder_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write_samples(tmp_path / "raw", n=1, seed=1, truth_path=tmp_path / "raw" / "t.jsonl", divisions=divisions())


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown sample format"):
        write_samples(tmp_path / "raw", n=1, seed=1, formats=("doc",), divisions=divisions())


# ---------------------------------------------------------------- formats: one a report, or every one
def test_n_reports_give_n_files_their_format_alternating(tmp_path):
    out = tmp_path / "raw"
    written = write_samples(out, n=4, seed=5, formats=("txt", "docx"), divisions=divisions())
    names = [r.name for r in generate(4, seed=5, divisions=divisions())]
    assert [p.name for p in written] == [names[0] + ".txt", names[1] + ".docx", names[2] + ".txt", names[3] + ".docx"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    lines = [json.loads(line) for line in (tmp_path / "raw.truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(t["index"], t["source_format"], t["source_file"]) for t in lines] == [
        (0, "txt", written[0].name), (1, "docx", written[1].name), (2, "txt", written[2].name), (3, "docx", written[3].name)
    ]


def test_every_format_writes_every_report_in_every_format(tmp_path):
    out = tmp_path / "raw"
    reports = generate(3, seed=5, divisions=divisions())
    written = write_samples(out, n=3, seed=5, formats=("txt", "docx"), divisions=divisions(), every_format=True)
    assert [p.name for p in written] == [f"{r.name}{suffix}" for r in reports for suffix in (".txt", ".docx")]
    for report in reports:
        assert (out / f"{report.name}.txt").read_bytes() == RENDERERS["txt"][1](report.document)
        assert (out / f"{report.name}.docx").read_bytes() == RENDERERS["docx"][1](report.document)
    lines = (tmp_path / "raw.truth.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source_file"] for line in lines] == [p.name for p in written]


def test_command_line_mixes_formats_unless_told_every_format(tmp_path, capsys):
    from tools.samples.generate import main  # noqa: PLC0415

    assert main(["--n", "3", "--out", str(tmp_path / "mixed"), "--formats", "txt,xlsx"]) == 0
    assert sorted(p.suffix for p in (tmp_path / "mixed").iterdir()) == [".txt", ".txt", ".xlsx"]
    assert main(["--n", "3", "--out", str(tmp_path / "all"), "--formats", "txt,xlsx", "--every-format"]) == 0
    assert sorted(p.suffix for p in (tmp_path / "all").iterdir()) == [".txt"] * 3 + [".xlsx"] * 3
    assert "samples: 3/3 files" in capsys.readouterr().err, "progress goes to stderr"


def test_worker_processes_write_what_one_process_writes(tmp_path):
    one = write_samples(tmp_path / "one", n=240, seed=3, formats=("txt", "txt-utf16"), workers=1, divisions=divisions())
    two = write_samples(tmp_path / "two", n=240, seed=3, formats=("txt", "txt-utf16"), workers=2, divisions=divisions())
    assert [p.name for p in one] == [p.name for p in two]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two))
    assert (tmp_path / "one.truth.jsonl").read_bytes() == (tmp_path / "two.truth.jsonl").read_bytes()


def test_progress_lines_at_most_every_tenth(tmp_path):
    stream = io.StringIO()
    write_samples(tmp_path / "raw", n=20, seed=5, divisions=divisions(), progress=stream)
    lines = stream.getvalue().splitlines()
    assert 2 <= len(lines) <= 10 and lines[-1].startswith("samples: 20/20 files (100%)")
    done = [int(re.match(r"samples: (\d+)/20 files", line).group(1)) for line in lines]
    assert done == sorted(set(done)), "files written, counted up"
    assert all("elapsed" in line and "to go" in line for line in lines)


needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed: no PDF to compare")


def _pdf_text(path: Path) -> list[str]:
    import pypdfium2 as pdfium  # noqa: PLC0415

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _docx_text(path: Path) -> str:
    import docx  # noqa: PLC0415

    body = docx.Document(str(path)).element.body
    return "".join(t.text or "" for t in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))


@needs_soffice
def test_batch_converted_pdf_has_the_text_of_its_docx_and_of_a_single_conversion(tmp_path):
    from collections import Counter  # noqa: PLC0415

    reports = generate(2, seed=DEFAULT_SEED)
    sources = []
    for k, report in enumerate(reports):
        sources.append(tmp_path / f"r{k}.docx")
        sources[-1].write_bytes(RENDERERS["docx"][1](report.document))
    batch = convert_many(sources, "pdf", tmp_path / "batch", "writer_pdf_Export")
    assert [p.name for p in batch] == ["r0.pdf", "r1.pdf"]
    for source, pdf, report in zip(sources, batch, reports):
        single = tmp_path / f"{source.stem}.single.pdf"
        single.write_bytes(RENDERERS["pdf"][1](report.document))  # one soffice run for one file
        assert _pdf_text(pdf) == _pdf_text(single)
        pdf_chars = Counter(re.sub(r"\s", "", "".join(_pdf_text(pdf))))
        docx_chars = Counter(re.sub(r"\s", "", _docx_text(source)))
        assert not docx_chars - pdf_chars, "every character of the docx is in the PDF"
        assert set(pdf_chars - docx_chars) <= set("-0123456789"), "the PDF adds only the page numbers"


@needs_soffice
def test_mixed_corpus_with_libreoffice_formats(tmp_path):
    written = write_samples(tmp_path / "raw", n=5, seed=DEFAULT_SEED, formats=("pdf", "xlsx", "doc97", "wps", "xls"))
    assert [p.suffix for p in written] == [".pdf", ".xlsx", ".doc", ".wps", ".xls"]
    assert written[0].read_bytes().startswith(b"%PDF")
    assert all(p.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" for p in written[2:]), "OLE2 (Office 97) files"
    assert sorted(p.name for p in (tmp_path / "raw").iterdir()) == sorted(p.name for p in written), "no intermediate files left"


# ---------------------------------------------------------------- text format
def parse_text(text: str, with_gaps: bool = False):
    """Read the seeds' layout back: [('p', line) | ('t', rows of cell texts)].

    with_gaps: also return the number of blank lines between consecutive blocks.
    """
    lines = text.split("\n")
    blocks, gaps = [], []
    blank = 0
    i, n = 0, len(lines)

    def add(block):
        nonlocal blank
        if blocks:
            gaps.append(blank)
        blocks.append(block)
        blank = 0

    while i < n:
        line = lines[i]
        if line.startswith("\t"):
            rows, row = [], []
            while i < n:
                line = lines[i]
                if line.startswith("\t"):
                    row.append(line[1:])
                elif line == "":
                    assert row, "a blank line right after a row separator inside a table"
                    rows.append(row)
                    row = []
                    if i + 1 >= n or not lines[i + 1].startswith("\t"):
                        break  # the end of the table
                else:
                    assert row, f"a text line inside a table that is no cell continuation: {line!r}"
                    row[-1] += "\n" + line
                i += 1
            if row:
                rows.append(row)
            add(("t", rows))
            i += 1
            continue
        if line == "":
            blank += 1
        else:
            add(("p", line))
        i += 1
    return (blocks, gaps) if with_gaps else blocks


def expected_blocks(document: Document):
    out = []
    for block in document.blocks:
        if isinstance(block, Heading):
            out.append(("p", block.display))
        elif isinstance(block, Paragraph):
            out.append(("p", block.text))
        else:
            out.append(("t", [["" if c.merged else c.text for c in row] for row in block.rows]))
    return out


def test_render_follows_the_seed_layout(reports):
    for report in reports:
        text = render_text(report.document)
        assert "\r" not in text
        doc = report.document
        body = text[len(doc.leading) : len(text) - len(doc.trailing)]
        if isinstance(doc.blocks[-1], Table):
            assert body.endswith("\n\n")
            body = body[:-2]
        assert parse_text(body) == expected_blocks(doc), report.name


def test_cells_are_tab_led_and_rows_blank_separated():
    doc = Document(
        blocks=[
            Paragraph("明细如下（单位：万元）："),
            Table([[Cell("项目", rowspan=2), Cell("收入", colspan=2)], [Cell(merged=True), Cell("合计"), Cell("财政\n拨款")], [Cell("决算"), Cell("1.5"), Cell("")]]),
            Paragraph("下一段"),
        ]
    )
    assert render_text(doc) == "明细如下（单位：万元）：\n\n\t项目\n\t收入\n\n\t\n\t合计\n\t财政\n拨款\n\n\t决算\n\t1.5\n\t\n\n\n下一段\n"
    doc.compact = True
    assert render_text(doc).startswith("明细如下（单位：万元）：\n\t项目\n")
    assert "\n\n\n下一段\n" in render_text(doc)


def test_unrenderable_text_is_refused():
    with pytest.raises(NotRenderable):
        render_text(Document([Paragraph("\t像一个单元格")]))
    with pytest.raises(NotRenderable):
        render_text(Document([Table([[Cell("a\n\nb")]])]))


def test_compact_and_spaced_paragraphs(reports):
    for report in reports:
        doc = report.document
        text = render_text(doc)[len(doc.leading) :].removesuffix(doc.trailing)
        blocks, gaps = parse_text(text, with_gaps=True)
        for (kind, _), gap in zip(blocks, gaps):
            if kind == "t":
                # the blank line that ends the last row, then one more
                assert gap == 1, f"a table is followed by two blank lines ({report.name})"
            else:
                assert gap == (0 if doc.compact else 1), report.name


# ---------------------------------------------------------------- truth
def amounts_in(text: str) -> set[Decimal]:
    out = set()
    for token in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
        value = Decimal(token.replace(",", ""))
        out.add(value.quantize(Decimal("0.01")))
        out.add((value * 10000).quantize(Decimal("0.01")))
    return out


def test_every_truth_figure_is_written(reports):
    for report in reports:
        text = render_text(report.document)
        written = amounts_in(text)
        for row in report.truth["budget"] + [p for p in report.truth["projects"] if p["amount_yuan"] is not None]:
            assert Decimal(row["amount_yuan"]) in written, (report.name, row)


def test_every_money_figure_in_prose_is_in_the_truth(reports):
    money = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)(万元|元|万(?=[；;，,。、）)]))")
    for report in reports:
        facts = {Decimal(r["amount_yuan"]) for r in report.truth["budget"]}
        facts |= {Decimal(p["amount_yuan"]) for p in report.truth["projects"] if p["amount_yuan"]}
        for block in report.document.blocks:
            if isinstance(block, Table):
                continue
            text = block.display if isinstance(block, Heading) else block.text
            for match in money.finditer(text):
                if re.search(r"(增加|减少)$", text[: match.start()]):
                    continue  # a year-on-year change, not a fact of its own
                value = Decimal(match.group(1).replace(",", "")) * (1 if match.group(2) == "元" else 10000)
                assert value.quantize(Decimal("0.01")) in facts, (report.name, match.group(0), text[:60])


def test_a_project_forms_funds_add_up_and_its_score_is_its_parts(reports):
    forms = [r for r in reports if r.truth["layout"]["skeleton"] == "project_form"]
    assert forms and any(len(r.truth["layout"]["tables"]) > 1 for r in forms), "one form and several per file"
    for report in forms:
        t = report.truth
        assert t["document_kind"] == "project_form" and t["budget"] == [] and t["headcount"] == []
        funds = {(p["project_name"], p["fund_source"], p["phase"]): Decimal(p["amount_yuan"]) for p in t["projects"]}
        names = {p["project_name"] for p in t["projects"]}
        for name in names:
            for phase in ("budget", "adjusted", "final"):
                parts = [funds.get((name, source, phase), Decimal(0)) for source in ("fiscal", "carryover", "other")]
                assert funds[(name, "total", phase)] == sum(parts), (report.name, name, phase)
            for p in (p for p in t["projects"] if p["project_name"] == name and p["execution_rate_stated"] is not None):
                assert p["phase"] == "final"
                rate = 100 * funds[(name, p["fund_source"], "final")] / funds[(name, p["fund_source"], "adjusted")]
                assert abs(Decimal(str(p["execution_rate_stated"])) - rate) <= Decimal("0.005"), (report.name, p)
            rows = [i for i in t["indicators"] if i["project_name"] == name]
            (score,) = {p["score"] for p in t["projects"] if p["project_name"] == name}
            assert score == t["layout"]["funds_scores"][name] + sum(i["score"] for i in rows) <= 100, (report.name, name)
            assert 10 + sum(i["weight"] for i in rows) == 100
        assert t["self_score"] == (score if len(names) == 1 else None)
        assert t["unit_name"] in render_text(report.document)


def _budget(truth) -> dict:
    return {(r["line_name"], r["phase"], r["spending_type"]): Decimal(r["amount_yuan"]) for r in truth["budget"]}


def test_totals_equal_their_parts(reports):
    income_parts = ("年初结转和结余", "财政拨款收入", "事业收入", "经营收入", "其他收入")
    classes = ("工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出")
    checked = defaultdict(int)
    for report in reports:
        b = _budget(report.truth)
        layout = report.truth["layout"]
        for phase in ("budget", "adjusted", "final", "prior_final"):
            def get(line, st=None):
                return b.get((line, phase, st))

            if None not in (get("支出合计"), get("基本支出"), get("项目支出")):
                assert get("支出合计") == get("基本支出") + get("项目支出"), report.name
                checked["spending"] += 1
            if None not in (get("基本支出"), get("人员经费"), get("公用经费")):
                assert get("基本支出") == get("人员经费") + get("公用经费"), report.name
                checked["basic"] += 1
            stated = [get(p) for p in income_parts if get(p) is not None]
            if get("收入合计") is not None and stated:
                assert get("收入合计") == sum(stated), (report.name, phase)
                checked["income"] += 1
            if None not in (get("收入合计"), get("支出合计"), get("年末结转和结余")):
                assert get("收入合计") - get("支出合计") == get("年末结转和结余"), report.name
                checked["carry"] += 1
            for st, total in (("basic", "基本支出"), ("project", "项目支出")):
                parts = [get(c, st) for c in classes]
                if None not in parts and get(total) is not None:
                    assert sum(parts) == get(total), report.name
                    checked["classes"] += 1
            plain = [get(c) for c in classes]
            if None not in plain:
                assert sum(plain) in (get("基本支出"), get("支出合计")), report.name
            car = get("公务用车购置及运行维护费")
            if None not in (car, get("公务用车运行维护费")):
                assert car == (get("公务用车购置费") or 0) + get("公务用车运行维护费"), report.name
            if car is None and get("公务用车运行维护费") is not None:
                car = (get("公务用车购置费") or 0) + get("公务用车运行维护费")
            parts = (get("因公出国（境）费"), car, get("公务接待费"))
            if get("三公经费合计") is not None and None not in parts:
                assert get("三公经费合计") == sum(parts), report.name
                checked["three_public"] += 1
            names = [p for p in report.truth["projects"] if p["phase"] == phase]
            if names and phase != "prior_final" and get("项目支出") is not None:
                assert sum(Decimal(p["amount_yuan"]) for p in names) == get("项目支出"), (report.name, phase)
                checked["projects"] += 1
        goods = ("public_detail" in layout["tables"]) or ("basic:details" in layout["prose"])
        if goods:
            csv_rows = _csv_rows()
            children = [v for (line, phase, st), v in b.items() if phase == "final" and st is None and csv_rows.get(line) == "商品和服务支出"]
            assert sum(children) == b[("公用经费", "final", None)], report.name
            checked["goods_details"] += 1
        if "basic:details" in layout["prose"]:
            csv_rows = _csv_rows()
            children = [v for (line, phase, st), v in b.items() if phase == "final" and st is None and csv_rows.get(line) in ("工资福利支出", "对个人和家庭的补助")]
            assert sum(children) == b[("人员经费", "final", None)], report.name
        heads = {(h["measure"], h["staff_type"]): h["headcount"] for h in report.truth["headcount"]}
        for measure in ("authorized", "actual"):
            parts = [heads[(measure, t)] for t in ("administrative", "institutional", "logistics") if (measure, t) in heads]
            if (measure, "total") in heads and parts:
                assert heads[(measure, "total")] == sum(parts), report.name
                checked["headcount"] += 1
        if report.truth["indicators"] and layout["skeleton"] not in ("project_form", "target_table"):  # (forms: below)
            funds = layout["eval"]
            scores = [i["score"] or 0 for i in report.truth["indicators"]]
            weights = [i["weight"] or 0 for i in report.truth["indicators"]]
            assert report.truth["self_score"] == funds["funds_score"] + sum(scores), report.name
            assert report.truth["max_score"] == funds["funds_weight"] + sum(weights) == 100, report.name
            for i in report.truth["indicators"]:
                assert i["score"] is None or 0 <= i["score"] <= i["weight"]
            checked["indicators"] += 1
    # the sample of 60 exercises every rule
    for rule in ("spending", "basic", "income", "carry", "classes", "three_public", "projects", "goods_details", "headcount", "indicators"):
        assert checked[rule] > 0, rule


_CSV_PARENTS: dict[str, str] = {}


def _csv_rows() -> dict[str, str]:
    if not _CSV_PARENTS:
        for path in (REPO / "dbt_project" / "seeds" / "budget_lines.csv", REPO.parent / "shared" / "budget_lines.csv"):
            if path.exists():
                with path.open(encoding="utf-8") as handle:
                    _CSV_PARENTS.update({row["line_name"]: row["parent_line"] for row in csv.DictReader(handle)})
                break
        else:
            pytest.skip("budget_lines.csv not found")
    return _CSV_PARENTS


def test_canonical_line_names_exist_in_budget_lines(reports):
    lines = budget_lines()
    for report in reports:
        for row in report.truth["budget"]:
            if row["canonical"]:
                assert row["line_name"] in lines["names"], row
            else:
                assert row["line_name"] not in lines["names"] | lines["aliases"], row
                assert not re.match(r"^(其中|[一二三四五六七八九十\d]+[、.．])", row["line_name"]), row


def test_truth_rows_are_unique_and_well_formed(reports):
    for report in reports:
        t = report.truth
        keys = [(r["line_name"], r["phase"], r["spending_type"]) for r in t["budget"]]
        assert len(keys) == len(set(keys))
        for r in t["budget"]:
            assert r["phase"] in ("budget", "adjusted", "final", "prior_final")
            assert r["spending_type"] in (None, "basic", "project")
            assert re.fullmatch(r"\d+\.\d\d", r["amount_yuan"])
        for p in t["projects"]:
            assert p["phase"] in ("budget", "adjusted", "final", "prior_final")
        for h in t["headcount"]:
            assert h["measure"] in ("authorized", "actual", "retired")
            assert h["staff_type"] in ("total", "administrative", "institutional", "logistics")
        for i in t["indicators"]:
            for level in ("level1", "level2", "level3"):
                assert i[level] and not re.search(r"\s|（\d+分）", i[level]), i
        assert t["finding_counts"] == {k: len(v) for k, v in t["findings"].items()}
        assert t["grade"] in (None, "优秀", "良好", "中", "差")
        assert t["admin_level"] in ("city", "county")
        assert (t["county"] is None) == (t["admin_level"] == "city")
        assert t["title"] and t["title"] in render_text(report.document).replace("\n", "")
        if t["report_date"]:
            y, m, d = (int(x) for x in t["report_date"].split("-"))
            assert y == t["fiscal_year"] + 1


def test_findings_texts_are_in_the_report(reports):
    for report in reports:
        text = render_text(report.document)
        for kind, items in report.truth["findings"].items():
            for item in items:
                assert item in text and not item.endswith(("。", "；")) and not re.match(r"^\d", item)


def test_phones_are_planted_but_never_in_other_truth(reports):
    mobile = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
    planted = 0
    for report in reports:
        text = render_text(report.document)
        truth = dict(report.truth)
        phones = truth.pop("planted_phones")
        assert set(mobile.findall(text)) == set(phones), report.name
        assert not mobile.search(json.dumps(truth, ensure_ascii=False)), report.name
        planted += bool(phones)
    assert planted


def test_units_come_from_divisions(reports):
    known = {d.admin_code: d for d in divisions()}
    for report in reports:
        t = report.truth
        d = known[t["admin_code"]]
        assert (t["province"], t["city"], t["county"], t["admin_level"]) == (d.province, d.city, d.county, d.level)
        assert (t["county"] or t["city"]) in t["unit_name"]
        assert t["unit_name"] in render_text(report.document), "the full name is stated somewhere"


def test_layouts_vary(reports):
    seen = defaultdict(set)
    for report in reports:
        layout = report.truth["layout"]
        seen["skeleton"].add(layout["skeleton"])
        seen["title"].add(layout["title_form"])
        seen["tables"].update(layout["tables"])
        seen["compact"].add(report.document.compact)
        seen["money"].add(layout["money"]["prose"].split("/")[0])
    assert seen["skeleton"] == {"classic", "cover", "budget_kinds", "project_focus", "project_form", "target_table"}
    assert seen["title"] == {"one_line", "two_lines", "short_two_lines", "cover", "form"}
    assert {"budget_2row", "budget_3row", "econ_split", "public_detail", "base_data"} <= seen["tables"]
    assert {"self_eval", "self_eval_collapsed"} & seen["tables"]
    assert seen["compact"] == {True, False}
    assert seen["money"] == {"万元", "元"}


# ---------------------------------------------------------------- raw/ samples
def test_raw_samples_match_their_truth_and_the_generator(tmp_path):
    if not RAW_TRUTH.exists():
        pytest.skip("no raw samples yet")
    truth = [json.loads(line) for line in RAW_TRUTH.read_text(encoding="utf-8").splitlines()]
    names = sorted(p.name for p in RAW.glob("*.txt") if p.name in {t["source_file"] for t in truth})
    assert names == sorted(t["source_file"] for t in truth)
    if not DIVISIONS_CSV.exists():
        pytest.skip("divisions.csv missing: cannot regenerate")
    out = tmp_path / "raw"
    written = write_samples(out, n=DEFAULT_COUNT, seed=DEFAULT_SEED, truth_path=tmp_path / "truth.jsonl")
    for path in written:
        assert (RAW / path.name).read_bytes() == path.read_bytes(), (
            f"raw/{path.name} is stale: run `python -m tools.samples --out raw "
            f"--truth tests/fixtures/raw_samples.truth.jsonl`"
        )
    assert (tmp_path / "truth.jsonl").read_text(encoding="utf-8") == RAW_TRUTH.read_text(encoding="utf-8")
