"""Pages set in two columns, read column by column.

Laid out as one column, a line of the left column and the line beside it in the right were
one line, and paragraphs ran across the gutter. Here:

- the gutter is a band near the middle of the page (`MIDDLE`) at least `GUTTER_WIDTH`
  character heights wide that no character of the page's text (outside its ruled tables)
  crosses, but for a few lines that span it (a title over both columns), with at least
  `MIN_LINES` lines on each side, most of them one run of text (the cells of a table
  without rules stand apart on each side of any gap between them);
- the page's items are put in reading order: what spans both columns stays where it is and
  parts the page into bands; in each band the left column's items come first, then the right
  column's, moved left by the width of a column so that both share one set of margins (the
  paragraph rules read a right-column line as a line of the left one, under it).

Pure: page items in, page items out.
"""

from __future__ import annotations

from itertools import accumulate
from statistics import median

MIDDLE = (0.3, 0.7)  # where a gutter may lie, as shares of the page's width
GUTTER_WIDTH = 0.8  # character heights
MIN_LINES = 8  # lines of text each column holds at least
MIN_LINE_CHARS = 6  # characters a column's line holds on average (not a form's labels and values)
ONE_RUN_SHARE = 0.8  # a column's lines that are one run of text (not cells of a table without rules)


def gutter(chars: list[dict], width: float) -> float | None:
    """The x of a page's gutter between two columns of text, or None."""
    chars = [c for c in chars if c["text"].strip()]
    if len(chars) < 2 * MIN_LINES * MIN_LINE_CHARS:
        return None
    size = median(c["bottom"] - c["top"] for c in chars)
    low, high = int(width * MIDDLE[0]), int(width * MIDDLE[1])
    steps = [0] * (high - low + 2)  # characters over each point of the middle band, as steps
    for c in chars:
        first, last = max(low, int(c["x0"]) + 1), min(high, int(c["x1"]))
        if first <= last:
            steps[first - low] += 1
            steps[last - low + 1] -= 1
    crossing = list(accumulate(steps[:-1]))
    lines = len({round(c["top"]) for c in chars})
    allowed = max(2, lines // 30)  # a few lines over both columns: titles
    best, run_start = (0, 0), None
    for i, count in enumerate(crossing + [allowed + 1]):
        if count <= allowed and run_start is None:
            run_start = i
        elif count > allowed and run_start is not None:
            best = max(best, (i - run_start, run_start))
            run_start = None
    length, start = best
    if length < GUTTER_WIDTH * size:
        return None
    x = low + start + length / 2
    left = [c for c in chars if c["x1"] <= x]
    right = [c for c in chars if c["x0"] >= x]
    for side in (left, right):
        rows: dict[int, list[dict]] = {}
        for c in side:
            rows.setdefault(round(c["top"]), []).append(c)
        if len(rows) < MIN_LINES or len(side) / len(rows) < MIN_LINE_CHARS:
            return None
        # a column's line is one run of text; a table without rules has cells apart on each side
        runs = sum(1 for row in rows.values() if _one_run(row, size))
        if runs < ONE_RUN_SHARE * len(rows):
            return None
    return x


def _one_run(chars: list[dict], size: float) -> bool:
    chars = sorted(chars, key=lambda c: c["x0"])
    return all(b["x0"] - a["x1"] < 0.9 * size for a, b in zip(chars, chars[1:]))


def in_reading_order(items: list, x: float) -> list:
    """Items of a two-column page, column by column within each band between items that span
    the gutter; right-column items moved left onto the left column's margins."""
    left = [item for item in items if item.x1 <= x]
    right = [item for item in items if item.x0 >= x]
    shift = min((item.x0 for item in right), default=x) - min((item.x0 for item in left), default=0)
    spanning = sorted((item for item in items if item.x0 < x < item.x1), key=lambda item: item.top)
    out: list = []
    for band_top, band_bottom, span in _bands(spanning):
        out.extend(sorted((i for i in left if band_top <= i.top < band_bottom), key=lambda i: i.top))
        for item in sorted((i for i in right if band_top <= i.top < band_bottom), key=lambda i: i.top):
            item.x0, item.x1 = item.x0 - shift, item.x1 - shift
            out.append(item)
        if span is not None:
            out.append(span)
    return out


def _bands(spanning: list) -> list[tuple[float, float, object]]:
    """(top, bottom, the spanning item that ends the band) down the page; the last band has none."""
    bands, top = [], float("-inf")
    for item in spanning:
        bands.append((top, item.top, item))
        top = item.top
    bands.append((top, float("inf"), None))
    return bands
