"""What the UI and the progress lines show of a run's files: counts by status, the failed
files, and a table of every file (Markdown, for Dagster's metadata)."""

from __future__ import annotations

from pipelines.load.summary import ExtractSummary


def status_counts(extracts: list[ExtractSummary]) -> dict[str, int]:
    counts = {"loaded": 0, "partial": 0, "failed": 0}
    for extract in extracts:
        status = extract.report["status"]
        counts[status] = counts.get(status, 0) + 1
    return counts


def describe_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {status}" for status, n in counts.items())


def failed_files_markdown(extracts: list[ExtractSummary]) -> str:
    failed = [e.report for e in extracts if e.report["status"] == "failed"]
    if not failed:
        return "none"
    return "\n".join(f"- `{r['source_file']}`: {r['error']}" for r in failed)


FILES_SHOWN = 500  # rows of the files table in the UI; the warehouse's dim_report has them all


def files_markdown(extracts: list[ExtractSummary], read_now: set[str]) -> str:
    """One line per file: its content hash, status, and whether this run read it (files read
    now first, then failed ones, up to FILES_SHOWN)."""
    lines = ["| file | sha256 | status | this run |", "|---|---|---|---|"]
    ranked = sorted(extracts, key=lambda e: (e.source_file not in read_now, e.report["status"] != "failed"))
    for extract in ranked[:FILES_SHOWN]:
        r = extract.report
        how = "read" if r["source_file"] in read_now else "unchanged"  # both printable names
        lines.append(f"| `{r['source_file']}` | `{r['source_sha256'][:12]}` | {r['status']} | {how} |")
    if len(extracts) > FILES_SHOWN:
        lines.append(f"\n{len(extracts) - FILES_SHOWN} more files: see marts.dim_report")
    return "\n".join(lines)
