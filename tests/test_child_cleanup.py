"""Nothing of an extraction child outlives it: not LibreOffice, not its temp files.

A child stopped on its time limit while LibreOffice converts a .doc for it takes LibreOffice
with it, and its private temp folder (LibreOffice's profile, the copy of the input) is
removed; a normal run leaves no temp folder either. The extraction runs in a separate
Python process whose TMPDIR is a folder of the test, so what it leaves in "the system temp
folder", and every process that inherited that TMPDIR, can be seen exactly, with no
interference from other runs on the machine. Real processes throughout: LibreOffice, the
forkserver, the children.

Also: the plain words of a LibreOffice crash (most likely the memory bound) and of an XML
entity bomb inside a .docx.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from conftest import REPO_ROOT, write_reports
from pipelines.documents.docx_reader import read_docx
from pipelines.documents import office_convert
from pipelines.documents.office_convert import (
    ConversionCrashed,
    ConversionFailed,
    ConversionTimedOut,
    conversion_failure,
)
from pipelines.run.sandbox import Limits, extract_isolated

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="needs LibreOffice (soffice) on PATH to start a real grandchild"
)

# extract_isolated in a process of its own; one JSON line per file
EXTRACT_SCRIPT = """
import json, sys
from pathlib import Path
from pipelines.run.sandbox import Limits, extract_isolated

if __name__ == "__main__":
    raw, seconds = Path(sys.argv[1]), float(sys.argv[2])
    paths = [Path(p) for p in sys.argv[3:]]
    for path, extract in extract_isolated(paths, raw, Limits(seconds=seconds)):
        report = extract.report
        print(json.dumps({k: report[k] for k in ("source_file", "status", "failure_kind", "error")}), flush=True)
"""


def slow_doc(rows: int = 1500) -> bytes:
    """A .doc LibreOffice takes seconds to convert (9 s here for 1,500 rows): an RTF document
    with one long table. LibreOffice (like Word) goes by the content, not the name, so it
    reads it as RTF; the readers send every .doc to LibreOffice."""
    cells = "".join(f"\\cellx{1500 * (j + 1)}" for j in range(6))
    body = "".join(
        "\\trowd" + cells + "".join(f"\\pard\\intbl item {i}-{j}\\cell " for j in range(6)) + "\\row " for i in range(rows)
    )
    return ("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 Report\\par " + body + "}").encode("ascii")


def processes_under(folder: Path) -> dict[int, str]:
    """{pid: name} of the living processes whose command line or environment names `folder`:
    every process of an extraction run with TMPDIR=folder has it (or a folder inside it) in
    its environment, LibreOffice in its command line too (its profile)."""
    marker = str(folder).encode()
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                if handle.read().rsplit(b")", 1)[-1].split()[0] in (b"Z", b"X"):
                    continue  # dead, awaiting its parent's wait
            texts = [Path(f"/proc/{entry}/{part}").read_bytes() for part in ("cmdline", "environ")]
            name = Path(f"/proc/{entry}/comm").read_text().strip()
        except OSError:
            continue  # ended meanwhile, or not ours to read
        if any(marker in text for text in texts):
            found[int(entry)] = name
    return found


def run_extraction(raw: Path, temp: Path, seconds: float, paths: list[Path]) -> tuple[list[dict], set[str]]:
    """Results of extract_isolated run in a process with TMPDIR=temp, and the names of the
    processes seen under `temp` while it ran."""
    script = temp.parent / "extract.py"
    script.write_text(EXTRACT_SCRIPT, encoding="utf-8")
    command = [sys.executable, str(script), str(raw), str(seconds), *map(str, paths)]
    env = {**os.environ, "TMPDIR": str(temp)}
    seen: set[str] = set()
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    with subprocess.Popen(command, cwd=REPO_ROOT, env=env, **pipes) as process:
        while process.poll() is None:
            seen.update(processes_under(temp).values())
            time.sleep(0.05)
        stdout, stderr = process.communicate()
    assert process.returncode == 0, stderr
    return [json.loads(line) for line in stdout.splitlines()], seen


def survivors(temp: Path, grace: float = 3.0) -> dict[int, str]:
    """The processes still under `temp` once `grace` seconds have passed (SIGKILLed ones need a moment)."""
    deadline = time.monotonic() + grace
    while (left := processes_under(temp)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def leftovers(temp: Path) -> list[str]:
    return sorted(str(p.relative_to(temp)) for p in temp.rglob("*"))


@needs_soffice
def test_a_child_killed_on_its_time_limit_takes_libreoffice_and_its_temp_files_with_it(tmp_path):
    raw, temp = tmp_path / "raw", tmp_path / "t"
    raw.mkdir()
    temp.mkdir()
    slow = raw / "slow.doc"
    slow.write_bytes(slow_doc())

    [result], seen = run_extraction(raw, temp, 2.0, [slow])

    assert (result["status"], result["failure_kind"]) == ("failed", "limit"), result
    assert result["error"] == "extraction took longer than 2 s; stopped"
    assert {"soffice.bin", "oosplash"} & seen, f"LibreOffice never ran under the child: {seen}"
    assert survivors(temp) == {}, "processes of the killed child still running"
    assert leftovers(temp) == [], "the killed child's temp files are still there"


@needs_soffice
def test_a_normal_run_leaves_no_temp_folder_behind(tmp_path):
    raw, temp = tmp_path / "raw", tmp_path / "t"
    raw.mkdir()
    temp.mkdir()
    doc = raw / "report.doc"
    shutil.copyfile(next((REPO_ROOT / "raw" / "formats").glob("*.doc")), doc)
    [text] = write_reports(raw, n=1)

    results, seen = run_extraction(raw, temp, 60.0, [doc, text])

    assert {r["source_file"]: r["status"] for r in results} == {"report.doc": "loaded", text.name: "loaded"}, results
    assert "soffice.bin" in seen  # the .doc went through LibreOffice
    assert survivors(temp) == {}
    assert leftovers(temp) == []


@needs_soffice
def test_libreoffice_past_its_own_time_limit_is_killed_whole(tmp_path, monkeypatch):
    # soffice execs oosplash, which starts soffice.bin: all three must go, not only the first
    temp = tmp_path / "t"
    temp.mkdir()
    slow = tmp_path / "slow.doc"
    slow.write_bytes(slow_doc())
    monkeypatch.setenv("TMPDIR", str(temp))  # LibreOffice inherits it: its processes can be found
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(office_convert, "TIMEOUT_SECONDS", 2)

    with pytest.raises(ConversionTimedOut):
        office_convert.convert(slow, "docx", tmp_path / "out", "MS Word 2007 XML")

    assert survivors(temp) == {}
    assert leftovers(temp) == []


# ------------------------------------------------------------------ plain messages
# the end of what soffice printed when it died under a 300 MB bound, addresses and all
CRASH_STDERR = """Warning: failed to launch javaldx - java may not function correctly
terminate called after throwing an instance of 'std::bad_alloc'
  what():  std::bad_alloc


Fatal exception: Signal 6
Stack:
/usr/lib/libreoffice/program/libuno_sal.so.3(+0x37722)[0x7f3a1b287722]
/lib/x86_64-linux-gnu/libc.so.6(gsignal+0x12)[0x7f3a1ce59fb2]
/usr/lib/libreoffice/program/libmergedlo.so(_ZN19GraphicsRenderTests3runEb+0x60)[0x7f3a18b4f900]
/usr/lib/libreoffice/program/soffice.bin(+0x10b1)[0x55db01a0c0b1]\x1b[0m\x07
"""


@pytest.mark.parametrize("returncode", [134, -6])  # through oosplash (128 + SIGABRT), or the signal itself
def test_a_libreoffice_crash_reads_as_memory_in_plain_words(returncode):
    error = conversion_failure(".doc", returncode, CRASH_STDERR, memory_mb=1024)

    message = str(error)
    assert isinstance(error, ConversionCrashed) and error.failure_kind == "limit"
    assert "crashed" in message and "memory" in message and "REPORTS_EXTRACT_MEMORY_MB" in message, message
    assert "0x" not in message and "/usr/" not in message and "/lib/" not in message, message
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in message), repr(message)
    assert len(message) < 300


def test_a_refused_file_keeps_one_plain_line():
    error = conversion_failure(
        ".doc", 1, "Error: source file could not be loaded /tmp/reports-extract-x1/lo-profile-y2/input.doc\x1b[0m\n"
    )

    assert type(error) is ConversionFailed and error.failure_kind == "file"
    assert str(error) == (
        "LibreOffice could not convert the .doc file (damaged, encrypted or not that format): "
        "Error: source file could not be loaded input.doc"
    )


def entity_bomb_docx() -> bytes:
    """A small .docx whose document.xml declares nested entities ('billion laughs'): ten
    levels of ten, 10^9 copies of 'lol' if a parser expanded them."""
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<!DOCTYPE w:document [{entities}]>"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def test_an_xml_entity_bomb_is_refused_in_plain_words_and_fails_alone(tmp_path):
    raw = tmp_path / "raw"
    [report] = write_reports(raw, n=1)
    bomb = raw / "bomb.docx"
    bomb.write_bytes(entity_bomb_docx())
    assert bomb.stat().st_size < 5000

    with pytest.raises(ValueError) as refused:
        read_docx(bomb)
    results = dict(extract_isolated([bomb, report], raw, Limits(seconds=60)))

    message = str(refused.value)
    assert message.startswith("refused: the Word document's XML is malformed or tries to expand entities"), message
    assert "billion laughs" in message
    assert results[bomb].report["error"] == message
    assert (results[bomb].report["status"], results[bomb].report["failure_kind"]) == ("failed", "file")
    assert results[report].report["status"] == "loaded"
