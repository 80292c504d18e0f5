"""Peak memory of a process tree, sampled from /proc (Linux).

The ingest is a process with children (the extraction sandbox's forkserver and workers,
dbt): the memory it needs is the sum over the tree at its busiest moment, which no single
process's ru_maxrss shows. Summed, RSS counts twice the pages forked children share with
the forkserver (its preloaded libraries), so the sum is of PSS (each shared page split
between its sharers), what the tree adds to the machine; the largest single RSS is kept
too. A thread samples the tree every `interval` seconds: half a second, because a sample
costs about 40 ms of a core (the kernel walks each process's pages for smaps_rollup), and
at 0.2 s the sampler took a fifth of a core from the two-core run it measured; a peak (a
child holding the OCR engine) lasts seconds.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        for line in (Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return _rss(pid)


def tree_memory(root: int) -> tuple[int, int]:
    """(sum of PSS over `root` and its descendants, largest single RSS) in bytes."""
    tree, total, largest, stack = _children(), 0, 0, [root]
    while stack:
        pid = stack.pop()
        total, largest = total + _pss(pid), max(largest, _rss(pid))
        stack.extend(tree.get(pid, []))
    return total, largest


class PeakMemory:
    """`with PeakMemory(pid) as peak:` … then peak.total / peak.largest, in bytes."""

    def __init__(self, pid: int, interval: float = 0.5):
        self.pid, self.interval = pid, interval
        self.total = self.largest = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            total, largest = tree_memory(self.pid)
            self.total, self.largest = max(self.total, total), max(self.largest, largest)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
