"""One ingest at a time per warehouse: an advisory lock file beside it (fcntl.flock).

The kernel drops the lock when the holding process dies, even by kill -9, so a killed run
never leaves the warehouse locked. The lock is re-entrant within a process: the CLI takes
it before the run, and the run's resource takes it again in the same process.

A run whose steps run in other processes (multiprocess or celery executor,
pipelines/executors.py) holds the lock once, in the process that orchestrates the run,
taken with its run id (`run_lock(..., run_id=...)`); a step of that run, in another process
or on another machine, finds the lock held by its own run (`held_by_run`) and joins that
hold instead of waiting for it. Steps of any other run still wait or are refused.
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another process is building this warehouse."""


# a sensor's is_locked() holds the lock for an instant, and a new holder writes its name
# just after taking it: a short wait tells these apart from a run that is really building
PROBE_SECONDS = 2.0


def _lock_within(handle, seconds: float) -> bool:
    """Takes the lock, trying for up to `seconds`; False when it stayed held."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)


_held: dict[str, list] = {}  # lock path -> [open file, depth]
_guard = threading.Lock()


def lock_path(warehouse: str | Path) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".lock")


def holder(warehouse: str | Path) -> str:
    """Who holds the lock, as the holder wrote it ('pid 123 since …'), or ''."""
    try:
        return lock_path(warehouse).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def is_locked(warehouse: str | Path) -> bool:
    """True when another process is building the warehouse now."""
    path = lock_path(warehouse)
    if str(path) in _held or not path.exists():
        return str(path) in _held
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def held_by_run(warehouse: str | Path, run_id: str | None) -> bool:
    """True when the lock is held now by the process orchestrating run `run_id` (this one or
    another): the holder wrote the run id, and the lock is taken."""
    if not run_id or f" run {run_id} " not in f" {holder(warehouse)} ":
        return False
    return is_locked(warehouse)


@contextmanager
def run_lock(warehouse: str | Path, wait: bool = True, on_wait=None, run_id: str | None = None):
    """Hold the warehouse's run lock for the block.

    wait=False raises WarehouseBusy at once when another process holds it; wait=True blocks
    until it is free (calling `on_wait(message)` once first, for a progress line).

    With `run_id`, the holder is recorded as that run's, and when the lock is already held
    for that run by another process (the run's orchestrator, and this is one of its steps)
    the block runs under that hold: nothing is taken, nothing released.
    """
    path = lock_path(warehouse)
    key = str(path)
    with _guard:
        if key in _held:
            _held[key][1] += 1
            reentered = True
        else:
            reentered = False
    if not reentered and held_by_run(warehouse, run_id):
        yield
        return
    if not reentered:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+")
        if not _lock_within(handle, PROBE_SECONDS):
            message = f"another ingest is building {warehouse} ({holder(warehouse) or 'it has only just started'})"
            if not wait:
                handle.close()
                raise WarehouseBusy(message) from None
            if on_wait:
                on_wait(message + "; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        run = f" run {run_id}" if run_id else ""
        handle.write(f"pid {os.getpid()} on {socket.gethostname()}{run} since {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC\n")
        handle.flush()
        with _guard:
            _held[key] = [handle, 1]
    try:
        yield
    finally:
        with _guard:
            entry = _held[key]
            entry[1] -= 1
            if entry[1] == 0:
                del _held[key]
                entry[0].truncate(0)
                fcntl.flock(entry[0], fcntl.LOCK_UN)
                entry[0].close()
