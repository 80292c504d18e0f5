"""Compare the facts one rendering of a report yields with those of its text rendering.

    python tests/formats_facts.py [--n 8] [--seed 1174] [--formats docx,pdf,scan,xlsx]

A fact is a row of a staging frame without where it was read (locators, excerpts,
ordinals) and without the file's identity; report-level fields (unit, year, score, …)
count one fact each. `recall(txt, other)` is the share of the text rendering's facts the
other rendering yields with the same values.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.extract.report import extract_file  # noqa: E402

IGNORED = {"report_id", "source_file", "source_sha256", "source_format", "extracted_at", "status", "error",
           "source_locator", "source_excerpt", "ordinal", "row_seq", "source_kind", "line_raw", "message",
           "expected", "observed"}
REPORT_FIELDS = ("title", "unit_name", "province", "city", "county", "admin_level", "admin_code",
                 "fiscal_year", "report_date", "self_score", "max_score", "grade")


def facts(extract) -> set[tuple]:
    out: set[tuple] = set()
    report = extract.report
    for key in REPORT_FIELDS:
        if report.get(key) is not None:
            out.add(("reports", key, str(report[key])))
    for name, frame in extract.frames.items():
        if name in ("reports", "quality_checks"):
            continue
        for row in frame.iter_rows(named=True):
            out.add((name,) + tuple((k, "".join(str(v).split())) for k, v in row.items() if k not in IGNORED))
    return out


def recall(reference: set[tuple], other: set[tuple]) -> float:
    return len(reference & other) / len(reference) if reference else 1.0


def main(argv=None) -> int:
    from tools.samples import RENDERERS, generate  # noqa: PLC0415

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1174)
    parser.add_argument("--formats", default="docx,pdf,scan,xlsx")
    parser.add_argument("--show", action="store_true", help="print the facts each format misses")
    args = parser.parse_args(argv)
    import tools.samples.render_formats  # noqa: F401,PLC0415 (registers the renderers)

    formats = [f for f in args.formats.split(",") if f]
    totals = {f: [0, 0, 0.0, 0] for f in formats}  # found, reference facts, seconds, files
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp)
        for report in generate(args.n, args.seed):
            txt = raw / f"{report.name}.txt"
            txt.write_bytes(RENDERERS["txt"][1](report.document))
            reference = facts(extract_file(txt, raw))
            for fmt in formats:
                suffix, render = RENDERERS[fmt]
                path = raw / f"{report.name}.{fmt}{suffix}"
                path.write_bytes(render(report.document))
                start = time.perf_counter()
                extract = extract_file(path, raw)
                seconds = time.perf_counter() - start
                got = facts(extract)
                found = len(reference & got)
                t = totals[fmt]
                t[0], t[1], t[2], t[3] = t[0] + found, t[1] + len(reference), t[2] + seconds, t[3] + 1
                status = extract.report["status"]
                print(f"{fmt:5} {found:4}/{len(reference):4} {recall(reference, got):6.1%} {seconds:6.2f}s {status} {report.name}"
                      + (f" ERROR {extract.report['error']}" if status == "failed" else ""))
                if args.show:
                    for fact in sorted(reference - got, key=str)[:40]:
                        print("   missing", fact)
                    for fact in sorted(got - reference, key=str)[:20]:
                        print("   extra  ", fact)
    for fmt, (found, total, seconds, files) in totals.items():
        print(f"TOTAL {fmt:5} {found}/{total} = {found / max(total, 1):.1%}  {seconds / max(files, 1):.2f} s/file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
