"""Extraction in child processes, each with a time limit and a memory bound.

One pathological file (a decompression bomb, a parser stuck in a loop) must not hang or kill
the night: files are read in child processes under resource.setrlimit(RLIMIT_AS), and a
child is killed when a file runs past its time limit; either way the file becomes a
'failed' report with an error a person understands, and the next file goes on.

Children come from a forkserver that has imported the extraction code once, and each child
reads file after file (up to RECYCLE_AFTER, then a fresh one takes over, so what a child
accumulates stays bounded). A child that ran out of memory, died or was killed is replaced;
the files after it never see its state. Starting a child per file cost 25-35 ms of fork
and set-up a file, more than reading a text report takes. `extract_isolated` keeps up to
`workers` children busy at once.

As with any multiprocessing code, a script that runs the pipeline must guard its entry
point (`if __name__ == "__main__":`): each child imports the parent's main module. The CLI
(`python -m pipelines`), Dagster's run workers and pytest do.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import resource
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.extract.report import ReportExtract, extract_file, failed_extract, file_sha256

HEAVY_MODULES = ["pipelines.extract.facts", "pipelines.documents.readers", "pipelines.run.sandbox"]


@dataclass(frozen=True)
class Limits:
    seconds: float = 60.0
    memory_mb: int = 1024
    workers: int = 1

    def describe_memory(self) -> str:
        return f"{self.memory_mb / 1024:g} GB" if self.memory_mb >= 1024 else f"{self.memory_mb} MB"


_context = None


def _forkserver():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(HEAVY_MODULES)
    return _context


RECYCLE_AFTER = 200  # files a child reads before a fresh one takes over


def _serve(conn, raw_dir: str, memory_mb: int) -> None:
    """In the child: bound the address space, then extract each path received and send its
    frames back, until told to stop (None). After running out of memory the child says so
    and ends: its state is not trusted with another file. Native code that runs out of
    memory prints a backtrace before aborting: the report row says what happened, so the
    child's stderr goes nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        while (path := conn.recv()) is not None:
            try:
                extract = extract_file(Path(path), Path(raw_dir))
            except MemoryError:
                extract = None
            if extract is None or extract.report["error"] in ("MemoryError", "out of memory"):
                conn.send(MEMORY)
                return
            conn.send(extract.frames)
    except (EOFError, OSError):
        pass  # the parent has gone
    finally:
        conn.close()


MEMORY = "memory"


def failed(path: Path, raw_dir: Path, error: str) -> ReportExtract:
    """A 'failed' report for a file the child could not finish."""
    try:
        sha = file_sha256(path)
    except OSError:
        sha = "0" * 64
    return failed_extract(path, raw_dir, sha, error)


@dataclass
class _Child:
    process: multiprocessing.Process
    conn: multiprocessing.connection.Connection
    files: int = 0
    path: Path | None = None  # the file it is reading now
    started: float = 0.0
    deadline: float = field(default=float("inf"))


def _start_child(context, raw_dir: Path, limits: Limits) -> _Child:
    parent_end, child_end = context.Pipe(duplex=True)
    process = context.Process(target=_serve, args=(child_end, str(raw_dir), limits.memory_mb), daemon=True)
    process.start()
    child_end.close()
    return _Child(process, parent_end)


def _stop(child: _Child, kill: bool = False) -> None:
    if kill:
        child.process.kill()
    else:
        try:
            child.conn.send(None)
        except OSError:
            pass
    child.process.join(timeout=None if kill else 5)
    if child.process.is_alive():
        child.process.kill()
        child.process.join()
    child.conn.close()


def extract_isolated(
    paths: Iterable[Path], raw_dir: Path, limits: Limits, seconds: dict[Path, float] | None = None
) -> Iterator[tuple[Path, ReportExtract]]:
    """(path, extract) for each path, in the order the files finish (the input order when
    workers == 1). Never raises for a bad file. `seconds`, when given, receives each file's
    time in its child (the benchmark's documents per second)."""
    seconds = {} if seconds is None else seconds
    context = _forkserver()
    pending = list(paths)
    pending.reverse()
    idle: list[_Child] = []
    busy: list[_Child] = []
    retried: set[Path] = set()  # files a used child failed on, read again by a fresh one
    try:
        while pending or busy:
            while pending and len(busy) < max(1, limits.workers):
                path = pending.pop()
                fresh = path in retried or not idle
                child = _start_child(context, raw_dir, limits) if fresh else idle.pop()
                child.path, child.started = path, time.monotonic()
                child.deadline = child.started + limits.seconds
                child.conn.send(str(child.path))
                busy.append(child)
            soonest = min(c.deadline for c in busy)
            ready = multiprocessing.connection.wait(
                [c.conn for c in busy], timeout=max(0.0, soonest - time.monotonic())
            )
            for child in list(busy):
                if child.conn not in ready and time.monotonic() < child.deadline:
                    continue
                busy.remove(child)
                path = child.path
                seconds[path] = time.monotonic() - child.started
                if child.conn in ready:
                    extract, reusable = _receive(child, raw_dir, limits)
                    if not reusable and child.files and path not in retried:
                        # memory or a crash in a child that read other files before: what it
                        # had gathered may be to blame, so a fresh child tries the file again
                        retried.add(path)
                        pending.append(path)
                        continue
                else:
                    _stop(child, kill=True)
                    extract = failed(path, raw_dir, f"extraction took longer than {limits.seconds:g} s; stopped")
                    reusable = False
                child.files += 1
                if reusable and child.files < RECYCLE_AFTER:
                    idle.append(child)
                elif reusable:
                    _stop(child)
                yield path, extract
    finally:
        for child in idle + busy:
            _stop(child, kill=child in busy)


def _receive(child: _Child, raw_dir: Path, limits: Limits) -> tuple[ReportExtract, bool]:
    """The child's answer, and whether the child may read another file."""
    try:
        frames = child.conn.recv()
    except (EOFError, OSError):
        frames = None  # the child died before sending
    if isinstance(frames, dict):
        return ReportExtract(frames), True
    _stop(child)  # ended already, or ending: its exit code tells how
    if frames == MEMORY:
        return failed(child.path, raw_dir, f"extraction needed more than {limits.describe_memory()} of memory; stopped"), False
    code = child.process.exitcode
    if code is not None and code < 0:
        # an allocation refused under RLIMIT_AS aborts native code (SIGABRT) or crashes it
        # (SIGSEGV, lxml); the kernel's out-of-memory killer sends SIGKILL
        likely = f", most likely needing more than {limits.describe_memory()} of memory" if code in (-6, -9, -11) else ""
        return failed(child.path, raw_dir, f"extraction stopped: the process died (signal {-code}){likely}"), False
    return failed(child.path, raw_dir, f"the extraction process stopped with exit code {code} before giving a result"), False
