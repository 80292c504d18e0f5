"""pipelines.load.fingerprint: the digests a no-op is recognised by.

- plan_digest: equal for the same files and entries whatever their order; another entry, a
  renamed file, another extraction version, or the same text split otherwise between name
  and entry → another digest;
- inputs_fingerprint: another status, error or report id of one report, a report fewer, or
  the reports in another order (the run's, from its sorted listing) → another fingerprint.
"""

from __future__ import annotations

from pipelines.load.fingerprint import inputs_fingerprint, plan_digest
from pipelines.load.summary import ExtractSummary


def test_the_plan_digest_names_each_file_and_its_entry_whatever_the_order():
    entries = {"县/a.txt": "aa.txt", "b.docx": "bb.docx"}
    digest = plan_digest(entries, "v1")

    assert plan_digest(dict(reversed(entries.items())), "v1") == digest
    assert plan_digest({**entries, "b.docx": "cc.docx"}, "v1") != digest
    assert plan_digest({"县/a2.txt": "aa.txt", "b.docx": "bb.docx"}, "v1") != digest
    assert plan_digest(entries, "v2") != digest
    # the same characters, split otherwise between a file's name and its entry
    assert plan_digest({"ab": "c"}, "v1") != plan_digest({"a": "bc"}, "v1")
    assert plan_digest({}, "v1") != digest


def report(source: str, status: str = "loaded", error: str | None = None, report_id: str = "r1") -> ExtractSummary:
    return ExtractSummary(key=f"{source}.key", version="v1", report={
        "source_file": source, "report_id": report_id, "source_sha256": "ab" * 32, "status": status, "error": error})


def test_the_inputs_fingerprint_changes_with_any_reports_outcome():
    reports = [report("a.txt"), report("b.txt", report_id="r2")]
    fingerprint = inputs_fingerprint(reports)

    assert inputs_fingerprint([report("a.txt"), report("b.txt", report_id="r2")]) == fingerprint
    assert inputs_fingerprint(list(reversed(reports))) != fingerprint
    assert inputs_fingerprint([report("a.txt", "failed", "the file is empty"), reports[1]]) != fingerprint
    assert inputs_fingerprint([report("a.txt", report_id="r3"), reports[1]]) != fingerprint
    assert inputs_fingerprint(reports[:1]) != fingerprint
