"""Render a sample document as the text of the web page a government site publishes it on
(docs/layouts.md): the site around it (a breadcrumb, the page's metadata as label and value
on lines of their own, 字号/打印, 浏览量, a footer), paragraphs as lines, and table rows as
cells separated by `|` and padded with empty cells, as copies of pages carry them. A cell
merged downwards is written in its first row and as an empty cell below; a cell's line
breaks are lost. (Pages that leave such cells out altogether are in the fixtures of
tests/test_published_layouts.py.)

The facts are the document's, so the truth of the text rendering holds for this one.
"""

from __future__ import annotations

from tools.samples.model import Document, Heading, Paragraph, Table

_PADDING = " ||||"


def render_web(document: Document) -> bytes:
    lines = [
        "首页 > 信息公开 > 财政资金 > 预算绩效",
        "索引号",
        "000000000/2026-00001",
        "发布机构",
        "财政局",  # the publisher is often the finance bureau, not the unit
        "字号:[大 中 小] 打印 关闭",
        "浏览量:0",
        "",
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append(block.display)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_row(row) for row in block.rows)
            lines.append("")
    lines += ["", "网站标识码:0000000000 ICP备00000000号"]
    return "\n".join(lines).encode("utf-8")


def _row(row) -> str:
    cells = ["" if cell.merged else cell.text.replace("\n", "") for cell in row]
    return " | ".join(cells) + " |" + _PADDING
