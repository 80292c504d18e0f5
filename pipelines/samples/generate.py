"""Generate sample reports with their truth, and write them as files.

    generate(n, seed) -> list[GeneratedReport]        compose only (no files)
    write_samples(out_dir, n, seed, formats=("txt",), truth_path=None) -> list[Path]

Composing and rendering are separate: a `GeneratedReport` holds an abstract `Document`;
each output format is a renderer registered in `RENDERERS` (text now; docx/pdf can be
added with `register_renderer`). The truth goes to a JSON-lines file beside the output
folder (default `<out_dir>.truth.jsonl`), never inside it: every file in a raw folder is
ingested as a report. One truth line per file written, with `source_file` relative to
the output folder.

Everything is deterministic: the same seed (and the same divisions.csv) gives the same
bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.samples.compose import Composer
from pipelines.samples.model import Document
from pipelines.samples.render_text import render_text_bytes
from pipelines.samples.units import Division, load_divisions, pick_unit

DEFAULT_SEED = 1174  # a seed whose first 8 reports cover every skeleton and table kind
DEFAULT_COUNT = 8


@dataclass
class GeneratedReport:
    name: str  # file name without suffix, unique within one generate() call
    document: Document
    truth: dict


# format -> (file suffix, renderer)
RENDERERS: dict[str, tuple[str, Callable[[Document], bytes]]] = {
    "txt": (".txt", render_text_bytes),
}


def register_renderer(fmt: str, suffix: str, render: Callable[[Document], bytes]) -> None:
    """Add an output format: `render` turns a sample Document into the file's bytes."""
    RENDERERS[fmt] = (suffix, render)


def generate(n: int, seed: int, divisions: list[Division] | None = None) -> list[GeneratedReport]:
    """Compose n reports. Units come from pipelines/data/divisions.csv unless given."""
    if n < 0:
        raise ValueError("n must not be negative")
    divisions = divisions if divisions is not None else load_divisions()
    reports: list[GeneratedReport] = []
    used: set[str] = set()
    for i in range(n):
        rng = random.Random(f"samples:{seed}:{i}")
        unit = pick_unit(rng, divisions)
        composer = Composer(rng, unit)
        document, truth = composer.compose()
        name = _file_stem(truth, composer.doc_kind)
        stem, k = name, 2
        while stem in used:
            stem = f"{name}_{k}"
            k += 1
        used.add(stem)
        truth = {"name": stem, "seed": seed, "index": i, **truth}
        reports.append(GeneratedReport(stem, document, truth))
    return reports


def _file_stem(truth: dict, doc_kind: str) -> str:
    stem = f"{truth['fiscal_year']}_{truth['province']}_{truth['unit_name']}_{doc_kind}"
    return re.sub(r"[\\/:*?\"<>|\s]+", "_", stem)


def default_truth_path(out_dir: Path) -> Path:
    out_dir = Path(out_dir)
    return out_dir.parent / f"{out_dir.name}.truth.jsonl"


def write_samples(
    out_dir: Path | str,
    n: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    formats: Sequence[str] = ("txt",),
    truth_path: Path | str | None = None,
    divisions: list[Division] | None = None,
) -> list[Path]:
    """Write n sample reports into out_dir in each format, and their truth as JSON lines.

    Returns the report files written (not the truth file). Existing files of the same
    names are overwritten; other files in out_dir are left alone.
    """
    unknown = [fmt for fmt in formats if fmt not in RENDERERS]
    if unknown:
        raise ValueError(f"unknown sample format(s) {unknown}; known: {sorted(RENDERERS)}")
    out_dir = Path(out_dir)
    truth_path = Path(truth_path) if truth_path else default_truth_path(out_dir)
    if truth_path.resolve().parent == out_dir.resolve() or out_dir.resolve() in truth_path.resolve().parents:
        raise ValueError(f"the truth file {truth_path} must not be inside the raw folder {out_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_path.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    lines: list[str] = []
    for report in generate(n, seed, divisions):
        for fmt in formats:
            suffix, render = RENDERERS[fmt]
            path = out_dir / f"{report.name}{suffix}"
            path.write_bytes(render(report.document))
            written.append(path)
            record = {"source_file": path.name, "source_format": fmt, **report.truth}
            lines.append(json.dumps(record, ensure_ascii=False))
    truth_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return written


# ---------------------------------------------------------------- command line
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `python -m pipelines samples` (and of `python -m pipelines.samples`)."""
    parser.add_argument("--n", type=int, default=DEFAULT_COUNT, help="how many reports (default %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the reports into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--formats", default="txt", help="comma-separated formats (default txt; known: %s)" % ",".join(sorted(RENDERERS)))
    parser.add_argument("--truth", type=Path, default=None, help="truth JSON-lines file (default <out>.truth.jsonl beside the folder)")


def run(args: argparse.Namespace) -> int:
    formats = tuple(f.strip() for f in str(args.formats).split(",") if f.strip())
    truth = args.truth or default_truth_path(args.out)
    paths = write_samples(args.out, args.n, args.seed, formats, truth)
    print(f"wrote {len(paths)} sample file(s) to {args.out}; truth in {truth}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.samples", description="Write sample performance self-evaluation reports with their truth.")
    add_arguments(parser)
    return run(parser.parse_args(argv))
