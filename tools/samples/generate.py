"""Generate sample reports with their truth, and write them as files.

    generate(n, seed) -> list[GeneratedReport]        compose only (no files)
    write_samples(out_dir, n, seed, formats=("txt",), truth_path=None, every_format=False) -> list[Path]

Composing and rendering are separate: a `GeneratedReport` holds an abstract `Document`;
each output format is a renderer registered in `RENDERERS` (text here; docx, xlsx, pdf,
scan, doc97, wps, xls and the text encodings in `render_formats`). The truth goes to a
JSON-lines file beside the output folder (default `<out_dir>.truth.jsonl`), never inside
it: every file in a raw folder is ingested as a report. One truth line per file written,
with `source_file` relative to the output folder.

n reports give n files, a mixed corpus: report i is written in formats[i % len(formats)].
With `every_format=True` (`--every-format`) every report is written in every format
(n x len(formats) files, the same report in each).

Formats LibreOffice makes (pdf, scan, doc97, wps, xls: registered with a `Converted`) are
not rendered one file at a time: the .docx/.xlsx of a batch of reports are written to a
temporary folder and converted by one soffice process per batch (the same filter as a
single conversion), as many batches at once as there are cores, each soffice with its own
user profile; python rendering runs in as many worker processes.

Everything is deterministic: the same seed (and the same divisions.csv) gives the same
files (the bytes of LibreOffice's files aside: it stamps dates) and the same truth.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import queue
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tools.samples.compose import Composer
from tools.samples.compose_project_form import ProjectFormComposer
from tools.samples.compose_target_table import TargetTableComposer
from tools.samples.model import Document
from tools.samples.render_text import render_text_bytes
from tools.samples.units import Division, load_divisions, pick_unit

DEFAULT_SEED = 1174  # a seed whose first 8 reports cover every skeleton and table kind
DEFAULT_COUNT = 8
# the share of files that are 项目支出绩效自评表 rather than a department's overall report; drawn
# from a stream of its own, so that the overall reports of a seed stay what they were
PROJECT_FORM_SHARE = 0.15
# …and the share that are a budget's project target table (部门预算项目绩效目标申报表), drawn from
# the same stream after the project forms' band
TARGET_TABLE_SHARE = 0.05


@dataclass
class GeneratedReport:
    name: str  # file name without suffix, unique within one generate() call
    document: Document
    truth: dict


@dataclass(frozen=True)
class Converted:
    """How LibreOffice makes a format from another one's file, so that write_samples can
    convert many at once: the `source` format's file is converted to `target` with
    `filter_name`; `finish` (a module-level function, run in a worker process) turns the
    converted bytes into the file's bytes (the scan's rasterising), None to keep them."""

    source: str
    target: str
    filter_name: str
    finish: Callable[[bytes], bytes] | None = None


# format -> (file suffix, renderer)
RENDERERS: dict[str, tuple[str, Callable[[Document], bytes]]] = {
    "txt": (".txt", render_text_bytes),
}
# formats LibreOffice converts, which write_samples renders in batches
CONVERTED: dict[str, Converted] = {}


def register_renderer(fmt: str, suffix: str, render: Callable[[Document], bytes], converted: Converted | None = None) -> None:
    """Add an output format: `render` turns a sample Document into the file's bytes.
    `converted` says how LibreOffice makes the same bytes in batches (see Converted)."""
    RENDERERS[fmt] = (suffix, render)
    if converted is None:
        CONVERTED.pop(fmt, None)
    else:
        CONVERTED[fmt] = converted


def _compose(seed: int, index: int, divisions: list[Division]) -> tuple[Document, dict, str]:
    rng = random.Random(f"samples:{seed}:{index}")
    unit = pick_unit(rng, divisions)
    draw = random.Random(f"kind:{seed}:{index}").random()
    if draw < PROJECT_FORM_SHARE:
        composer = ProjectFormComposer(rng, unit)
    elif draw < PROJECT_FORM_SHARE + TARGET_TABLE_SHARE:
        composer = TargetTableComposer(rng, unit)
    else:
        composer = Composer(rng, unit)
    document, truth = composer.compose()
    return document, truth, composer.doc_kind


def generate(n: int, seed: int, divisions: list[Division] | None = None) -> list[GeneratedReport]:
    """Compose n reports. Units come from pipelines/data/divisions.csv unless given."""
    if n < 0:
        raise ValueError("n must not be negative")
    divisions = divisions if divisions is not None else load_divisions()
    reports: list[GeneratedReport] = []
    used: set[str] = set()
    for i in range(n):
        document, truth, doc_kind = _compose(seed, i, divisions)
        stem = _unique_stem(_file_stem(truth, doc_kind), used)
        truth = {"name": stem, "seed": seed, "index": i, **truth}
        reports.append(GeneratedReport(stem, document, truth))
    return reports


def _unique_stem(name: str, used: set[str]) -> str:
    stem, k = name, 2
    while stem in used:
        stem = f"{name}_{k}"
        k += 1
    used.add(stem)
    return stem


def _file_stem(truth: dict, doc_kind: str) -> str:
    stem = f"{truth['fiscal_year']}_{truth['province']}_{truth['unit_name']}_{doc_kind}"
    return re.sub(r"[\\/:*?\"<>|\s]+", "_", stem)


def default_truth_path(out_dir: Path) -> Path:
    out_dir = Path(out_dir)
    return out_dir.parent / f"{out_dir.name}.truth.jsonl"


def plan_formats(n: int, formats: Sequence[str], every_format: bool = False) -> list[tuple[int, str]]:
    """(report index, format) of every file to write, in order: report i in
    formats[i % len(formats)], or with every_format each report in each format."""
    if not formats:
        raise ValueError("no sample format given")
    if every_format:
        return [(i, fmt) for i in range(n) for fmt in formats]
    return [(i, formats[i % len(formats)]) for i in range(n)]


def write_samples(
    out_dir: Path | str,
    n: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    formats: Sequence[str] = ("txt",),
    truth_path: Path | str | None = None,
    divisions: list[Division] | None = None,
    every_format: bool = False,
    workers: int | None = None,
    progress: TextIO | None = None,
) -> list[Path]:
    """Write n sample reports into out_dir, report i in formats[i % len(formats)] (with
    every_format=True: every report in every format), and their truth as JSON lines, one
    line per file written.

    Returns the report files written (not the truth file), report by report. Existing files
    of the same names are overwritten; other files in out_dir are left alone. `workers`
    (default: the cores) bounds the rendering processes and the concurrent LibreOffice
    batches; `progress`, a stream (sys.stderr, say), gets a line every 10% or 500 files.
    """
    formats = tuple(formats)
    unknown = [fmt for fmt in formats if fmt not in RENDERERS]
    if unknown:
        raise ValueError(f"unknown sample format(s) {unknown}; known: {sorted(RENDERERS)}")
    if n < 0:
        raise ValueError("n must not be negative")
    out_dir = Path(out_dir)
    truth_path = Path(truth_path) if truth_path else default_truth_path(out_dir)
    if truth_path.resolve().parent == out_dir.resolve() or out_dir.resolve() in truth_path.resolve().parents:
        raise ValueError(f"the truth file {truth_path} must not be inside the raw folder {out_dir}")
    plan = plan_formats(n, formats, every_format) if n else []
    if any(fmt in CONVERTED for _, fmt in plan):
        from pipelines.documents.office_convert import NeedsLibreOffice, soffice_path  # noqa: PLC0415

        if soffice_path() is None:
            raise NeedsLibreOffice("the pdf, scan, doc97, wps and xls samples need LibreOffice (soffice) with a CJK font")
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_path.parent.mkdir(parents=True, exist_ok=True)
    divisions = divisions if divisions is not None else load_divisions()

    # names first, in report order (a repeated unit-year-kind gets _2, _3 ...), as generate() names them
    used: set[str] = set()
    truths: list[dict] = []
    for i in range(n):
        _, truth, doc_kind = _compose(seed, i, divisions)
        stem = _unique_stem(_file_stem(truth, doc_kind), used)
        truths.append({"name": stem, "seed": seed, "index": i, **truth})

    files = [out_dir / f"{truths[i]['name']}{RENDERERS[fmt][0]}" for i, fmt in plan]
    _write_files(plan, [truths[i]["name"] for i, _ in plan], files, seed, divisions, workers, progress)

    lines = [
        json.dumps({"source_file": path.name, "source_format": fmt, **truths[i]}, ensure_ascii=False)
        for (i, fmt), path in zip(plan, files)
    ]
    truth_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return files


# ---------------------------------------------------------------- rendering, in parallel
_WORKER_DIVISIONS: list[Division] | None = None


def _init_worker(divisions: list[Division]) -> None:
    global _WORKER_DIVISIONS  # noqa: PLW0603 (one per worker process)
    _WORKER_DIVISIONS = divisions


def _render_chunk(seed: int, items: list[tuple[int, int, str, str]], work_dir: str,
                  divisions: list[Division] | None = None) -> list[int]:
    """Render a chunk of (position, report index, format, final path): direct formats to
    their path, a converted format's source file to work_dir/<position>.<source suffix>.
    Returns the positions written to their final path."""
    divisions = divisions if divisions is not None else _WORKER_DIVISIONS
    documents: dict[int, Document] = {}
    done: list[int] = []
    for position, index, fmt, path in items:
        if index not in documents:
            documents[index] = _compose(seed, index, divisions)[0]
        document = documents[index]
        converted = CONVERTED.get(fmt)
        if converted is None:
            Path(path).write_bytes(RENDERERS[fmt][1](document))
            done.append(position)
        else:
            suffix, render = RENDERERS[converted.source]
            Path(work_dir, f"{position:07d}{suffix}").write_bytes(render(document))
    return done


def _finish_file(finish: Callable[[bytes], bytes], source: str, path: str) -> int:
    Path(path).write_bytes(finish(Path(source).read_bytes()))
    Path(source).unlink()
    return 1


class _Inline:
    """An executor that runs each task at once, in this process (small runs, workers=1)."""

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as error:  # noqa: BLE001 (handed over in the future)
            future.set_exception(error)
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


class _Progress:
    def __init__(self, total: int, stream: TextIO | None):
        self.total, self.stream, self.done = total, stream, 0
        self.step = max(1, min(500, math.ceil(total / 10)))
        self.start = time.monotonic()
        self.next = self.step

    def add(self, count: int) -> None:
        self.done += count
        if self.stream is None or self.done < self.next:
            return
        while self.next <= self.done:
            self.next += self.step
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done)
        print(f"samples: {self.done}/{self.total} files ({100 * self.done // self.total}%), "
              f"{elapsed:.1f} s elapsed, about {left:.0f} s to go", file=self.stream, flush=True)


def _write_files(plan, names, files, seed, divisions, workers, progress_stream) -> None:
    from pipelines.documents.office_convert import convert_many  # noqa: PLC0415

    total = len(plan)
    if not total:
        return
    workers = max(1, workers or _cores())
    progress = _Progress(total, progress_stream)
    converting = sum(1 for _, fmt in plan if fmt in CONVERTED)
    chunk = min(160, max(4, math.ceil(total / (4 * workers))))
    items = [(pos, i, fmt, str(path)) for pos, ((i, fmt), path) in enumerate(zip(plan, files))]
    chunks = [items[k:k + chunk] for k in range(0, total, chunk)]
    use_processes = workers > 1 and len(chunks) > 1 and (converting or total > 200)

    with tempfile.TemporaryDirectory(prefix="samples-") as tmp:
        work = Path(tmp)
        profiles: queue.Queue[Path] = queue.Queue()
        for k in range(workers):
            profiles.put(work / f"profile-{k}")

        def convert_group(source_fmt_items, target: str, filter_name: str, batch_dir: Path):
            """One soffice run: the chunk's sources of one (target, filter)."""
            sources = [batch_dir / f"{pos:07d}{RENDERERS[CONVERTED[fmt].source][0]}" for pos, _, fmt, _ in source_fmt_items]
            profile = profiles.get()
            try:
                results = convert_many(sources, target, batch_dir / f"out-{target}", filter_name, profile=profile)
            finally:
                profiles.put(profile)
            finishing = []
            for (pos, _, fmt, path), source, result in zip(source_fmt_items, sources, results):
                source.unlink(missing_ok=True)
                finish = CONVERTED[fmt].finish
                if finish is None:
                    shutil.move(str(result), path)
                else:
                    finishing.append((finish, str(result), path))
            return len(results) - len(finishing), finishing

        pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(divisions,)) if use_processes else _Inline()
        soffice = ThreadPoolExecutor(workers, thread_name_prefix="soffice")
        pending: dict[Future, tuple] = {}
        try:
            for number, part in enumerate(chunks):
                batch_dir = work / f"batch-{number:05d}"
                batch_dir.mkdir()
                args = (seed, part, str(batch_dir)) if use_processes else (seed, part, str(batch_dir), divisions)
                pending[pool.submit(_render_chunk, *args)] = ("render", part, batch_dir)
            while pending:
                finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for future in finished:
                    kind, part, batch_dir = pending.pop(future)
                    result = future.result()  # raises what the task raised
                    if kind == "render":
                        progress.add(len(result))
                        groups: dict[tuple[str, str], list] = {}
                        for item in part:
                            converted = CONVERTED.get(item[2])
                            if converted is not None:
                                groups.setdefault((converted.target, converted.filter_name), []).append(item)
                        for (target, filter_name), group in groups.items():
                            pending[soffice.submit(convert_group, group, target, filter_name, batch_dir)] = ("convert", group, batch_dir)
                    elif kind == "convert":
                        moved, finishing = result
                        progress.add(moved)
                        for finish, source, path in finishing:
                            pending[pool.submit(_finish_file, finish, source, path)] = ("finish", None, None)
                    else:
                        progress.add(result)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            soffice.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
        soffice.shutdown()


# ---------------------------------------------------------------- command line
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `python -m pipelines samples` (and of `python -m tools.samples`)."""
    parser.add_argument("--n", type=int, default=DEFAULT_COUNT, help="how many reports, one file each (default %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the reports into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--formats", default="txt", help="comma-separated formats; report i gets the (i mod count)-th "
                        "(default txt; known: %s)" % ",".join(sorted(RENDERERS)))
    parser.add_argument("--every-format", action="store_true", help="write every report in every format "
                        "(n x formats files) instead of one format a report")
    parser.add_argument("--truth", type=Path, default=None, help="truth JSON-lines file (default <out>.truth.jsonl beside the folder)")
    parser.add_argument("--workers", type=int, default=None, help="rendering processes and concurrent LibreOffice "
                        "batches (default: the cores)")


def run(args: argparse.Namespace) -> int:
    formats = tuple(f.strip() for f in str(args.formats).split(",") if f.strip())
    truth = args.truth or default_truth_path(args.out)
    start = time.monotonic()
    paths = write_samples(args.out, args.n, args.seed, formats, truth, every_format=getattr(args, "every_format", False),
                          workers=getattr(args, "workers", None), progress=sys.stderr)
    print(f"wrote {len(paths)} sample file(s) to {args.out} in {time.monotonic() - start:.1f} s; truth in {truth}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.samples", description="Write sample performance self-evaluation reports with their truth.")
    add_arguments(parser)
    return run(parser.parse_args(argv))
