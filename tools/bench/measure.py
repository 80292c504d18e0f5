"""One benchmark run over N generated reports: the floor, a cold ingest, a no-op rerun, a
rerun after one file changed and reruns after 1, 10 and 100 new files arrived (the nightly
case), each ingest a `python -m pipelines ingest` process of its own whose tree's memory is
sampled.

Stage times come from when the ingest's progress lines arrive (discover, extract, load,
dbt build, publish); per-format extraction speed from the seconds each file spent in its
sandboxed child, which the extract lines carry.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from pipelines import settings
from tools.bench.floor import READERS, file_format, measure_floor
from tools.bench.memory import PeakMemory
from tools.bench.reading import measure_reading, readers_bound

MB = 1024 * 1024
STAGES = ("discover", "extract", "load", "dbt build", "publish", "summary")
STAGE_LINE = re.compile(r"^(discover|extract|load|dbt build|publish|summary):")
FILE_LINE = re.compile(r"^extract(?: chunk_\d+)? \[\d+/\d+\] (.+): \w+ in ([\d.]+) s")


def corpus(workdir: Path, n: int, formats: list[str], seed: int, progress) -> Path:
    """The generated corpus for (n, formats, seed), made once and reused by later runs."""
    from tools.samples import write_samples  # noqa: PLC0415

    folder = workdir / f"corpus-{n}-{'-'.join(formats)}-{seed}"
    done = folder.with_name(folder.name + ".done")
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        progress(f"bench: generating {n} reports ({', '.join(formats)}) into {folder}")
        started = time.monotonic()
        write_samples(folder, n=n, seed=seed, formats=formats)
        done.write_text(json.dumps({"seconds": time.monotonic() - started}))
    return folder


def corpus_files(folder: Path) -> list[Path]:
    files = sorted(path for path in folder.rglob("*") if path.is_file() and not path.name.startswith("."))
    unknown = sorted({file_format(path) for path in files} - set(READERS))
    if unknown:
        raise ValueError(f"the floor knows txt, docx, xlsx and pdf files; {folder} also holds {unknown}")
    return files


def ingest_command(raw: Path, warehouse: Path) -> list[str]:
    return [sys.executable, "-m", "pipelines", "ingest", "--raw-dir", str(raw), "--warehouse", str(warehouse)]


def run_ingest(raw: Path, warehouse: Path, log: Path, command: list[str] | None = None, env: dict | None = None) -> dict:
    """A `python -m pipelines ingest` process (or `command`): wall time, peak memory of its
    process tree, seconds per stage, and seconds per extracted file."""
    command = command or ingest_command(raw, warehouse)
    started = time.monotonic()
    arrivals: dict[str, float] = {}
    file_seconds: dict[str, float] = {}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=settings.REPO_ROOT,
            env={**os.environ, **(env or {})},
        )
        with PeakMemory(process.pid) as peak:
            for line in process.stdout:
                out.write(line)
                now = time.monotonic() - started
                if match := STAGE_LINE.match(line):
                    arrivals[match.group(1)] = now
                elif match := FILE_LINE.match(line):
                    file_seconds[match.group(1)] = float(match.group(2))
            code = process.wait()
    seconds = time.monotonic() - started
    if code != 0:
        raise RuntimeError(f"ingest exited with {code}; see {log}")
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak.total / MB),  # PSS summed over the tree (bench/memory.py)
        "largest_process_mb": round(peak.largest / MB),
        "stages": stage_seconds(arrivals, seconds),
        "file_seconds": file_seconds,
    }


def stage_seconds(arrivals: dict[str, float], total: float) -> dict[str, float]:
    """Each stage's time: from the line before it to its own line (start-up: to the first)."""
    stages, previous = {}, 0.0
    for stage in STAGES:
        if stage in arrivals:
            name = "start-up" if stage == "discover" else stage
            stages[name] = round(arrivals[stage] - previous, 2)
            previous = arrivals[stage]
    stages["end"] = round(total - previous, 2)
    return stages


def change_one_file(files: list[Path]) -> tuple[Path, bytes]:
    """Appends a line break to a text report (any report when there is none): new content,
    same facts. Returns the file and its old bytes, to put back."""
    path = next((p for p in files if p.suffix == ".txt"), files[0])
    original = path.read_bytes()
    path.write_bytes(original + b"\n")
    return path, original


NEW_FILES = (1, 10, 100)  # files arriving into a warehouse of N, one night after another


def held_back(files: list[Path]) -> int:
    """How many of the corpus's files arrive later ('k new files into N'): enough for every k
    of NEW_FILES when the corpus is at least twice that, else none (the scenario is skipped)."""
    needed = sum(NEW_FILES)
    return needed if len(files) >= 2 * needed else 0


def link_into(raw: Path, run_raw: Path, files: list[Path]) -> None:
    """The files, at their paths under `raw`, into the run's raw folder: hard links (no copy,
    and not symbolic links, which the ingest refuses when they lead out of its folder)."""
    for path in files:
        target = run_raw / path.relative_to(raw)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:  # another file system
            shutil.copy2(path, target)


def per_format(floor: dict, reading: dict, file_seconds: dict[str, float], workers: int) -> dict:
    """Documents per second per format: the floor's, the document readers' (reading.py, one
    process), and the ingest's extraction (per worker process, and for `workers` processes
    side by side)."""
    extract_seconds: dict[str, float] = defaultdict(float)
    extract_files: dict[str, int] = defaultdict(int)
    for name, seconds in file_seconds.items():
        extract_seconds[file_format(Path(name))] += seconds
        extract_files[file_format(Path(name))] += 1
    table = {}
    for fmt, measured in floor["by_format"].items():
        per_process = extract_files[fmt] / extract_seconds[fmt] if extract_seconds[fmt] else None
        table[fmt] = {
            "files": measured["files"],
            "floor_docs_per_s": round(measured["files"] / measured["seconds"], 1),
            "reading_docs_per_s": round(1 / reading[fmt]["seconds_per_file"], 1) if fmt in reading else None,
            "extract_docs_per_s_per_process": round(per_process, 1) if per_process else None,
            "extract_docs_per_s": round(per_process * workers, 1) if per_process else None,
        }
    return table


def run_multiprocess(raw: Path, run_dir: Path) -> dict:
    """A cold ingest through Dagster's multiprocess executor instead: the files to read split
    into one extraction step per core, each step a process reading its files one at a time
    (against the default: one step whose sandbox reads as many files at once as cores)."""
    cores = os.cpu_count() or 1
    home = run_dir / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    command = [str(Path(sys.executable).parent / "dagster"), "job", "execute",
               "-m", "pipelines.definitions", "-a", "defs", "-j", "ingest_job"]
    env = {
        "DAGSTER_HOME": str(home),
        settings.RAW_DIR_ENV: str(raw),
        settings.WAREHOUSE_ENV: str(run_dir / "warehouse-multiprocess" / "reports.duckdb"),
        "REPORTS_EXECUTOR": "multiprocess",
        settings.EXTRACT_CHUNKS_ENV: str(cores),
        settings.EXTRACT_WORKERS_ENV: "1",
    }
    return run_ingest(raw, Path(env[settings.WAREHOUSE_ENV]), run_dir / "cold-multiprocess.log", command, env)


def bench(n: int, formats: list[str], seed: int, workdir: Path, progress=print, compare_executors: bool = False) -> dict:
    """The whole measurement for one N; returns the figures (the JSON line)."""
    raw = corpus(workdir, n, formats, seed, progress)
    files = corpus_files(raw)
    run_dir = workdir / f"run-{n}-{'-'.join(formats)}"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    warehouse = run_dir / "warehouse" / "reports.duckdb"
    # the runs read a raw folder of their own: the corpus less the files that arrive later
    later = held_back(files)
    present, arriving = files[: len(files) - later], files[len(files) - later :]
    run_raw = run_dir / "raw"
    link_into(raw, run_raw, present)

    progress(f"bench: floor over {len(files)} files")
    floor_seconds = []
    for _ in range(2):  # the second pass reads from the page cache, as the ingest will
        floor = measure_floor(files)
        floor_seconds.append(floor["seconds"])
    progress(f"bench: floor {floor['seconds']:.1f} s; the readers on a sample of each format")
    reading = measure_reading(files)
    progress(f"bench: cold ingest (log {run_dir / 'cold.log'})")
    cold = run_ingest(run_raw, warehouse, run_dir / "cold.log")
    progress(f"bench: cold {cold['seconds']:.1f} s over {len(present)} files; no-op rerun")
    noop = run_ingest(run_raw, warehouse, run_dir / "noop.log")
    changed_path, original = change_one_file(sorted(p for p in run_raw.rglob("*") if p.is_file()))
    try:
        progress(f"bench: no-op {noop['seconds']:.1f} s; rerun after changing {changed_path.name}")
        one = run_ingest(run_raw, warehouse, run_dir / "one-changed.log")
    finally:
        changed_path.write_bytes(original)
    new_files = {}
    for k in NEW_FILES if arriving else ():
        link_into(raw, run_raw, arriving[:k])
        arriving = arriving[k:]
        progress(f"bench: rerun after {k} new file(s)")
        new_files[str(k)] = run_ingest(run_raw, warehouse, run_dir / f"new-{k}.log")
    multiprocess = None
    if compare_executors:
        progress("bench: cold ingest through the multiprocess executor")
        multiprocess = run_multiprocess(raw, run_dir)
    workers = settings.extract_limits().workers
    counts = defaultdict(int)
    for path in present:
        counts[file_format(path)] += 1
    runs = {"cold": cold, "noop": noop, "one_changed": one, **{f"new_{k}": run for k, run in new_files.items()}}
    return {
        "corpus": len(files),
        "reports": len(present),
        "formats": dict(sorted(counts.items())),
        "seed": seed,
        "cores": os.cpu_count(),
        "extract_workers": workers,
        "floor_s": round(min(floor_seconds), 6),
        "cold_s": cold["seconds"],
        "noop_s": noop["seconds"],
        "one_changed_s": one["seconds"],
        "ratio_cold_floor": round(cold["seconds"] / min(floor_seconds), 2),
        "ratio_noop_cold": round(noop["seconds"] / cold["seconds"], 4),
        # the document readers alone over the cold run's files and workers: what no change to the
        # rules or the warehouse can go under (reading.py)
        "readers_bound_s": round(readers_bound(reading, counts, workers), 3),
        "new_files_s": {k: run["seconds"] for k, run in new_files.items()},  # k new files into `reports`
        "peak_rss_mb": max(run["peak_rss_mb"] for run in runs.values()),
        "peak_rss_mb_by_run": {name: run["peak_rss_mb"] for name, run in runs.items()},  # which run is the busiest
        "largest_process_mb": max(run["largest_process_mb"] for run in runs.values()),
        "cold_stages_s": cold["stages"],
        "noop_stages_s": noop["stages"],
        "one_changed_stages_s": one["stages"],
        "new_files_stages_s": {k: run["stages"] for k, run in new_files.items()},
        "docs_per_s": per_format(floor, reading, cold["file_seconds"], workers),
        "floor_characters": floor["characters"],
        "corpus_generation_s": json.loads(raw.with_name(raw.name + ".done").read_text()).get("seconds"),
        **(
            {"cold_multiprocess_s": multiprocess["seconds"], "multiprocess_peak_rss_mb": multiprocess["peak_rss_mb"]}
            if multiprocess else {}
        ),
    }
