"""Benchmark results kept per N, and BENCHMARKS.md with its plot made from them.

Each run appends its JSON line to docs/benchmarks/results.jsonl; the page shows the latest
run for each (N, formats), so the N = 100, 1,000 and 10,000 points may come from separate
runs. Hand-written analysis goes in docs/benchmarks/analysis.md and is included as is.
"""

from __future__ import annotations

import json
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from pipelines import settings

FOLDER = settings.REPO_ROOT / "docs" / "benchmarks"
RESULTS = FOLDER / "results.jsonl"
PLOT = FOLDER / "time_vs_reports.png"
ANALYSIS = FOLDER / "analysis.md"
PAGE = settings.REPO_ROOT / "BENCHMARKS.md"

# (what, the corpus size it is measured at, the measured value, its limit, how it is shown):
# the nightly run costs what changed (docs: issue "A nightly run costs what changed")
TARGETS = [
    ("one changed file among 10,000: at most 10 s", 10000, lambda r: r["one_changed_s"], 10.0, "s"),
    ("one changed file among 10,000: at most 5% of the cold run", 10000,
     lambda r: r["one_changed_s"] / r["cold_s"], 0.05, "%"),
    ("10 new files into 10,000: at most 15 s", 10000, lambda r: r.get("new_files_s", {}).get("10"), 15.0, "s"),
    ("no-op rerun over 10,000: at most 3 s", 10000, lambda r: r["noop_s"], 3.0, "s"),
    ("fixed cost (no-op rerun over 100): at most 4 s", 100, lambda r: r["noop_s"], 4.0, "s"),
    ("cold ingest of 1,000 mixed reports: at most 6x the floor", 1000, lambda r: r["ratio_cold_floor"], 6.0, "x"),
]
RSS_TARGET_MB = 1024


def machine() -> dict:
    model = ""
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")))
    except (OSError, StopIteration):
        kb = 0
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=settings.REPO_ROOT
    ).stdout.strip()
    return {"cpu": model, "memory_gb": round(kb / 1024 / 1024), "python": platform.python_version(), "commit": commit}


def record(result: dict) -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    stamped = {"at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"), **machine(), **result}
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(stamped, ensure_ascii=False) + "\n")


def latest() -> list[dict]:
    """The latest result per (corpus, formats), by N."""
    if not RESULTS.exists():
        return []
    kept: dict[tuple, dict] = {}
    for line in RESULTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            result = json.loads(line)
            kept[(corpus_size(result), tuple(result["formats"]))] = result
    return sorted(kept.values(), key=lambda r: r["reports"])


def write_page() -> Path:
    results = latest()
    if results:
        plot(results)
    PAGE.write_text(page(results), encoding="utf-8")
    return PAGE


def plot(results: list[dict]) -> None:
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    n = [r["reports"] for r in results]
    figure, axes = plt.subplots(figsize=(9, 4.5), dpi=110)
    for key, label, style in (
        ("cold_s", "cold ingest", "o-"),
        ("one_changed_s", "rerun, one file changed", "s-"),
        ("noop_s", "no-op rerun", "^-"),
        ("floor_s", "floor (text out, one process)", "d--"),
    ):
        axes.plot(n, [r[key] for r in results], style, label=label)
    for k, style in (("1", "v:"), ("10", "<:"), ("100", ">:")):  # the nightly case
        measured = [(r["reports"], r["new_files_s"][k]) for r in results if k in r.get("new_files_s", {})]
        if measured:
            axes.plot(*zip(*measured), style, label=f"rerun, {k} new file{'s' if k != '1' else ''}")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("reports (mixed formats)")
    axes.set_ylabel("seconds")
    axes.set_title(f"Ingest time against corpus size ({results[-1]['cores']} cores)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize="small")  # beside the lines, not over them
    figure.tight_layout()
    figure.savefig(PLOT)
    plt.close(figure)


def page(results: list[dict]) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Made by `python -m pipelines bench --reports N` (tools/bench): generated reports in",
        "mixed formats, the floor (only getting the text out of every file, one process), a cold",
        "ingest into an empty warehouse (extraction, load, dbt build, publish), a no-op rerun, a",
        "rerun after one file changed, and reruns after 1, 10 and 100 new files (held back from the",
        "corpus, so N is the corpus less 111). Peak memory is the ingest's whole process tree at its busiest",
        "(PSS summed: pages the extraction children share with their forkserver counted once), with the",
        "largest single process's RSS beside it.",
        "Raw figures: docs/benchmarks/results.jsonl.",
        "",
    ]
    if not results:
        return "\n".join(lines + ["No results yet.", ""])
    last = results[-1]
    lines += [
        f"Machine: {last['cores']} cores ({last['cpu']}), {last['memory_gb']} GB, Python {last['python']}.",
        "",
        "| reports | formats | floor s | cold s | cold / floor | no-op s | no-op / cold | one changed s | peak memory MB (largest process) | measured |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        formats = ", ".join(f"{fmt} {k}" for fmt, k in r["formats"].items())
        lines.append(
            f"| {r['reports']:,} | {formats} | {r['floor_s']:.1f} | {r['cold_s']:.1f} | {r['ratio_cold_floor']:.1f}x "
            f"| {r['noop_s']:.1f} | {r['ratio_noop_cold']:.1%} | {r['one_changed_s']:.1f} | {r['peak_rss_mb']:,} ({r['largest_process_mb']:,}) "
            f"| {r['at']} ({r['commit']}) |"
        )
    lines += ["", "![time against reports](docs/benchmarks/time_vs_reports.png)", "", "## Targets", ""]
    lines += targets(results)
    lines += ["", "## Where the cold run's time goes (seconds per stage)", ""]
    stages = list(dict.fromkeys(stage for r in results for stage in r["cold_stages_s"]))
    lines += ["| reports | " + " | ".join(stages) + " |", "|---:|" + "---:|" * len(stages)]
    for r in results:
        lines.append(f"| {r['reports']:,} | " + " | ".join(f"{r['cold_stages_s'].get(s, 0):.1f}" for s in stages) + " |")
    nightly = [r for r in results if r.get("new_files_s")]
    if nightly:
        lines += ["", "## The nightly case: k new files into a warehouse of N", "",
                  "| reports (N) | no-op s | 1 new s | 10 new s | 100 new s | cold s |", "|---:|---:|---:|---:|---:|---:|"]
        for r in nightly:
            new = r["new_files_s"]
            lines.append(f"| {r['reports']:,} | {r['noop_s']:.1f} | " + " | ".join(
                f"{new[k]:.1f}" if k in new else "" for k in ("1", "10", "100")) + f" | {r['cold_s']:.1f} |")
    lines += nightly_stages(results)
    lines += ["", "## Documents per second, by format", ""]
    lines += ["| reports | format | files | floor (1 process) | document readers (1 process) "
              "| extraction, per process | extraction, all workers |",
              "|---:|---|---:|---:|---:|---:|---:|"]
    for r in results:
        for fmt, speed in r["docs_per_s"].items():
            lines.append(
                f"| {r['reports']:,} | {fmt} | {speed['files']} | {speed['floor_docs_per_s']} "
                f"| {speed.get('reading_docs_per_s') or ''} "
                f"| {speed['extract_docs_per_s_per_process']} | {speed['extract_docs_per_s']} |"
            )
    compared = [r for r in results if "cold_multiprocess_s" in r]
    if compared:
        lines += ["", "## Parallel extraction: process pool in one step, or one step per core", "",
                  "| reports | one step, sandbox pool of one child per core (default) | multiprocess executor, "
                  "one step per core | peak RSS MB (pool / multiprocess) |", "|---:|---:|---:|---:|"]
        for r in compared:
            lines.append(f"| {r['reports']:,} | {r['cold_s']:.1f} s | {r['cold_multiprocess_s']:.1f} s "
                         f"| {r['peak_rss_mb']:,} / {r['multiprocess_peak_rss_mb']:,} |")
    if ANALYSIS.exists():
        lines += ["", ANALYSIS.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def nightly_stages(results: list[dict]) -> list[str]:
    """Seconds per stage of the runs after one file changed and after k new files: what a
    nightly run's time is spent on (recorded from 2026-12-06 on; earlier rows have none)."""
    runs = []
    for r in results:
        if "one_changed_stages_s" in r:
            runs.append((r, "one changed", r["one_changed_stages_s"]))
        runs += [(r, f"{k} new", stages) for k, stages in r.get("new_files_stages_s", {}).items()]
    if not runs:
        return []
    stages = list(dict.fromkeys(stage for _, _, by_stage in runs for stage in by_stage))
    lines = ["", "## Where a nightly run's time goes (seconds per stage)", "",
             "| reports (N) | run | " + " | ".join(stages) + " | measured |", "|---:|---|" + "---:|" * len(stages) + "---|"]
    for r, name, by_stage in runs:
        cells = " | ".join(f"{by_stage[s]:.1f}" if s in by_stage else "" for s in stages)
        lines.append(f"| {r['reports']:,} | {name} | {cells} | {r['at']} ({r['commit']}) |")
    return lines


def corpus_size(result: dict) -> int:
    """The generated corpus a result was measured on: its reports plus the files held back
    for the "k new files" reruns (results before the corpus was recorded: inferred)."""
    held_back = sum(int(k) for k in result.get("new_files_s", {}))
    return result.get("corpus", result["reports"] + held_back)


def targets(results: list[dict]) -> list[str]:
    rows = ["| target | measured | verdict |", "|---|---|---|"]
    by_corpus = {corpus_size(r): r for r in results}
    for label, corpus, measure, limit, unit in TARGETS:
        r = by_corpus.get(corpus)
        value = measure(r) if r else None
        if value is None:
            rows.append(f"| {label} | not measured yet | |")
            continue
        shown = {"%": f"{value:.1%}", "x": f"{value:.1f}x", "s": f"{value:.1f} s"}[unit]
        verdict = "met" if value <= limit else f"missed by {value / limit:.2f}x"  # (1.05x is no 1.0x)
        rows.append(f"| {label} | {shown} | {verdict} |")
    worst = max(r["peak_rss_mb"] for r in results)
    verdict = "met" if worst < RSS_TARGET_MB else f"missed ({worst} MB)"
    rows.append(f"| peak memory under 1 GB at every N (process tree) | at most {worst:,} MB | {verdict} |")
    return rows + readers_bound_line(by_corpus.get(1000))


def readers_bound_line(r: dict | None) -> list[str]:
    """What the cold target is up against: the document readers alone over the run's workers
    (tools/bench/reading.py), as seconds and as a multiple of the same row's floor."""
    if not r or "readers_bound_s" not in r:
        return []
    return ["", f"Against the cold target: at {r['reports']:,} reports the document readers alone (python-docx, "
            f"pdfplumber and pypdfium2, openpyxl, and the code building the document model from them; no rule), "
            f"shared perfectly over {r['extract_workers']} workers, take {r['readers_bound_s']:.1f} s, "
            f"**{r['readers_bound_s'] / r['floor_s']:.1f}x the floor**; the cold run is {r['ratio_cold_floor']:.1f}x."]
