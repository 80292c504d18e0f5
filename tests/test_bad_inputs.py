"""Bad input never stops the run and never loses the good files.

Every kind of bad file the night meets, made for real in a temporary raw folder beside good
reports: each becomes a 'failed' row of dim_report with an error a person understands and a
line in the run summary (a readable text that is no report: 'not_a_report', with its reason),
and every good file beside them loads. Time and memory bounds are
tested on the sandbox itself, on real files too big for the bounds given.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from conftest import query, run_ingest, write_reports
from pipelines.run.sandbox import Limits, extract_isolated

NOT_A_REPORT = "今天天气很好，我们去公园散步。晚上吃了饺子，看了一会儿书。\n明天还要早起上班。\n"


def bad_files(raw: Path, outside: Path) -> dict[str, str]:
    """Writes each bad file; returns {source_file: what it is}."""
    files = {
        "empty.txt": b"",
        "not really.docx": "这不是Word文档，只是改了扩展名的文本。".encode(),
        "not really.xlsx": b"plain text named like a workbook",
        "noise.txt": os.urandom(4096),
        "noise.pdf": os.urandom(4096),
        "truncated.pdf": minimal_pdf("x" * 3000)[:1500],
        "encrypted.pdf": minimal_pdf("secret", encrypt=True),
        "bomb.docx": deflate_bomb_docx(gigabytes=2),
        "不是报告 $(echo hi) & ;.txt": NOT_A_REPORT.encode(),
    }
    for name, data in files.items():
        (raw / name).write_bytes(data)
    outside.mkdir(exist_ok=True)
    (outside / "elsewhere.txt").write_text(NOT_A_REPORT, encoding="utf-8")
    os.symlink(outside / "elsewhere.txt", raw / "link to elsewhere.txt")
    return {name: name for name in files} | {"link to elsewhere.txt": "symlink"}


@pytest.mark.slow
def test_every_bad_file_fails_alone_and_every_good_file_loads(tmp_path, dbt_manifest):
    raw = tmp_path / "raw"
    good = write_reports(raw, n=3)
    # a good report whose name has spaces, Chinese and shell characters
    odd = raw / "sub dir" / "报告 $(rm -rf ~) `x` 'q' & ;.txt"
    odd.parent.mkdir()
    shutil.move(good[2], odd)
    bad = bad_files(raw, tmp_path / "outside")
    warehouse = tmp_path / "w" / "reports.duckdb"

    done = run_ingest(raw, warehouse)

    assert done.returncode == 0, done.stdout + done.stderr
    rows = {f: (s, e) for f, s, e in query(warehouse, "select source_file, status, error from marts.dim_report")}
    not_reports = {"不是报告 $(echo hi) & ;.txt"}  # readable, but not a document of the genre
    for name in bad:
        status, error = rows[name]
        assert status == ("not_a_report" if name in not_reports else "failed"), (name, status, error)
        assert error and len(error) > 10, (name, error)
        assert f"  {'not a report' if name in not_reports else 'failed'} {name}: {error}" in done.stdout
    assert "outside the raw folder" in rows["link to elsewhere.txt"][1]
    loaded = [good[0].name, good[1].name, odd.relative_to(raw).as_posix()]
    assert all(rows[name][0] == "loaded" for name in loaded), {n: rows[n] for n in loaded}
    assert query(warehouse, "select count(distinct report_id) from marts.fct_budget") == [(3,)]
    assert (
        f"summary: {len(bad) + 3} files seen, 3 loaded, 0 partial, {len(bad) - 1} failed, 1 not a report" in done.stdout
    )


def test_a_file_past_its_time_limit_is_stopped_and_reported(tmp_path):
    raw = tmp_path / "raw"
    report = write_reports(raw, n=1)[0]
    slow = raw / "very long.txt"
    slow.write_bytes(report.read_bytes() * 400)  # a real report, hundreds of times over

    [(path, extract)] = list(extract_isolated([slow], raw, Limits(seconds=0.5)))

    assert extract.report["status"] == "failed"
    assert extract.report["error"] == "extraction took longer than 0.5 s; stopped"
    assert extract.report["source_file"] == "very long.txt"


def test_a_file_past_its_memory_bound_is_stopped_and_reported(tmp_path):
    # a real report under a bound it cannot be read within: whatever runs out first (a
    # Python allocation, or native code aborting), the file fails saying so and the next loads
    raw = tmp_path / "raw"
    reports = write_reports(raw, n=1)
    many = raw / "many paragraphs.docx"
    many.write_bytes(docx_of_paragraphs(20_000))

    results = dict(extract_isolated([many], raw, Limits(seconds=60, memory_mb=100)))
    after = dict(extract_isolated(reports, raw, Limits()))

    error = results[many].report["error"]
    assert results[many].report["status"] == "failed"
    assert "more than 100 MB of memory" in error, error
    assert after[reports[0]].report["status"] == "loaded"


def test_the_files_after_a_stopped_one_still_load(tmp_path):
    raw = tmp_path / "raw"
    reports = write_reports(raw, n=2)
    slow = raw / "a slow one.txt"
    slow.write_bytes(reports[0].read_bytes() * 4000)  # a minute or more to read (or past the memory bound): stopped

    results = {p.name: e.report["status"] for p, e in extract_isolated([slow, *reports], raw, Limits(seconds=5, workers=2))}

    assert results == {slow.name: "failed", reports[0].name: "loaded", reports[1].name: "loaded"}


# ------------------------------------------------------------------ real bad files


def minimal_pdf(text: str = "Hello", encrypt: bool = False) -> bytes:
    """A one-page PDF written by hand; with encrypt, the trailer names a standard security
    handler whose user password is not empty, so no reader opens it without a password."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if encrypt:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]" % len(objects)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)



def deflate_bomb_docx(gigabytes: int = 2) -> bytes:
    """A .docx whose word/document.xml inflates to `gigabytes` GB of one repeated text run,
    while the file itself is a few megabytes: identical fully flushed deflate blocks."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>"
    )
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    chunk = b"A" * (1 << 22)
    repeats = gigabytes * (1 << 30) // len(chunk)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(tail) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    document = (first + block * repeats + last, len(head) + repeats * len(chunk) + len(tail), crc)
    entries = [("[Content_Types].xml", _deflated(CONTENT_TYPES)), ("_rels/.rels", _deflated(RELS)), ("word/document.xml", document)]
    return _zip(entries)


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx_of_paragraphs(n: int) -> bytes:
    """A well-formed .docx of n short paragraphs."""
    body = "<w:p><w:r><w:t>项目支出</w:t></w:r></w:p>" * n
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode()
    return _zip([("[Content_Types].xml", _deflated(CONTENT_TYPES)), ("_rels/.rels", _deflated(RELS)), ("word/document.xml", _deflated(document))])


def _deflated(data: bytes):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data)


def _zip(entries) -> bytes:
    out, central = bytearray(), bytearray()
    for name, (data, size, crc) in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0, offset
        )
        central += encoded
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)
