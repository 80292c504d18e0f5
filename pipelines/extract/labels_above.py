"""Column names a page wrote above its table, one per line, and the table under them.

A web page that flattens a 决算 table writes its header cells as lines above a grid of phase
words and figures:

    一般公共预算财政拨款“三公”经费 / 合计 / 因公出国 / (境)费 / 公务用车购置及运行维护费 /
    公务接待费 / 小计 / 公务用车 / 购置费 / 公务用车 / 运行维护费
    | 预算数 | 决算数 | 预算数 | 决算数 | … (twelve phase words)
    | 683.51 | 358.18 | 80.00 | 0.00 | …     (twelve figures)

The header had two rows: a spanning cell (公务用车购置及运行维护费) over its 小计 and its parts.
`leaf_lines` turns the lines into the line of each figure column's group, left to right.
"""

from __future__ import annotations

from pipelines.normalize.lines import is_total_word, match_line, parts_of
from pipelines.normalize.text import squash


def leaf_lines(lines: list[str], leaves: int) -> list[str] | None:
    """The canonical line over each of `leaves` column groups, or None when the lines above
    do not name that many (a table they do not describe)."""
    labels = _labels(lines)
    if "小计" in labels:
        labels = _spanning_cell_opened(labels)
    if len(labels) != leaves or any(label in ("合计", "小计") for label in labels):
        return None
    return labels


def _labels(lines: list[str]) -> list[str]:
    """Each line's canonical line. A line that names none is half of a wrapped cell: it joins
    the one before ('因公出国' + '(境)费') or the next ('公务用车' + '购置费') where together they
    name one; else it is text above the header, which starts afresh after it."""
    labels: list[str] = []
    raw: list[str] = []
    texts = [squash(x) for x in lines]
    i = 0
    while i < len(texts):
        text, following = texts[i], texts[i + 1] if i + 1 < len(texts) else ""
        i += 1
        if is_total_word(text):
            # '…“三公”经费' over '合计': the caption's line is the total column's
            labels.append("小计" if text == "小计" else labels.pop() if labels and parts_of(labels[-1]) else "合计")
            raw.append(text)
        elif match_line(text):
            labels.append(match_line(text))
            raw.append(text)
        elif raw and match_line(raw[-1] + text):
            labels[-1], raw[-1] = match_line(raw[-1] + text), raw[-1] + text
        elif following and match_line(text + following):
            labels.append(match_line(text + following))
            raw.append(text + following)
            i += 1
        else:
            labels, raw = [], []
    return labels


def _spanning_cell_opened(labels: list[str]) -> list[str]:
    """'… 公务用车购置及运行维护费 … 小计 购置费 运行维护费': the spanning cell's columns are its
    小计 (the cell's own line) and its parts, in its place."""
    at = labels.index("小计")
    parts = labels[at + 1 :]
    parent = next((i for i, label in enumerate(labels[:at]) if parts and set(parts) <= set(parts_of(label))), None)
    if parent is None:
        return labels
    return labels[: parent + 1] + parts + labels[parent + 1 : at]
