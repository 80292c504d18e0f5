"""Sample reports for tests and demos: realistic random reports with the truth of every fact.

    from tools.samples import generate, write_samples
    reports = generate(5, seed=1)              # GeneratedReport(name, document, truth)
    write_samples("raw", n=8, seed=20240601)   # files + raw.truth.jsonl beside the folder

Modules: `model` (the abstract document), `render_text` (Word's plain-text layout),
`render_formats` (docx, pdf, scan, xlsx, doc, wps, xls and text encodings,
registered on import), `compose` (one report), `figures` (consistent money), `units` (units from
divisions.csv), `truth` (what the truth records), `generate` (the API and CLI).
"""

from tools.samples.generate import (
    DEFAULT_COUNT,
    DEFAULT_SEED,
    RENDERERS,
    GeneratedReport,
    default_truth_path,
    generate,
    register_renderer,
    write_samples,
)
from tools.samples.render_text import render_text
from tools.samples import render_formats  # noqa: F401,E402  (registers docx, pdf, scan, xlsx, doc, wps, xls, encodings)

__all__ = [
    "DEFAULT_COUNT",
    "DEFAULT_SEED",
    "RENDERERS",
    "GeneratedReport",
    "default_truth_path",
    "generate",
    "register_renderer",
    "render_text",
    "write_samples",
]
