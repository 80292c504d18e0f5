"""Register the sample renderers beyond text: docx, pdf (text layer), scan (image-only pdf), xlsx.

Importing this module registers them in `pipelines.samples.RENDERERS`.
"""

from __future__ import annotations

from pipelines.samples.generate import register_renderer
from pipelines.samples.render_docx import render_docx

register_renderer("docx", ".docx", render_docx)


def render_pdf(document) -> bytes:
    """The docx rendering printed to PDF by LibreOffice (needs soffice and a CJK font)."""
    from pipelines.documents.office_convert import convert_bytes  # noqa: PLC0415

    return convert_bytes(render_docx(document), ".docx", "pdf", "writer_pdf_Export")


register_renderer("pdf", ".pdf", render_pdf)
