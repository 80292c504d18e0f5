"""Register the sample renderers beyond text: docx, pdf (text layer), scan (image-only pdf), xlsx.

Importing this module registers them in `pipelines.samples.RENDERERS`.
"""

from __future__ import annotations

from pipelines.samples.generate import register_renderer
from pipelines.samples.render_docx import render_docx

register_renderer("docx", ".docx", render_docx)
