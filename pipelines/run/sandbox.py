"""Extraction in child processes, each with a time limit and a memory bound.

One pathological file (a decompression bomb, a parser stuck in a loop) must not hang or kill
the night: each file is read in its own child process under resource.setrlimit(RLIMIT_AS)
and killed when it runs past its time limit; either way the file becomes a 'failed' report
with an error a person understands, and the next file goes on.

Children come from a forkserver that has imported the extraction code once, so a child
starts in milliseconds. `extract_isolated` runs up to `workers` children at once: the seam
for parallel extraction (one by default).

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
from dataclasses import dataclass
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


def _child(path: str, raw_dir: str, memory_mb: int, conn) -> None:
    """In the child: bound the address space, extract, send the frames back. Native code
    that runs out of memory prints a backtrace before aborting: the report row says what
    happened, so the child's stderr goes nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        extract = extract_file(Path(path), Path(raw_dir))
        if extract.report["error"] in ("MemoryError", "out of memory"):
            extract = None
        conn.send(extract.frames if extract else MEMORY)
    except MemoryError:
        conn.send(MEMORY)
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
class _Running:
    path: Path
    process: multiprocessing.Process
    conn: multiprocessing.connection.Connection
    started: float
    deadline: float


def extract_isolated(
    paths: Iterable[Path], raw_dir: Path, limits: Limits, seconds: dict[Path, float] | None = None
) -> Iterator[tuple[Path, ReportExtract]]:
    """(path, extract) for each path, in the order the children finish (the input order
    when workers == 1). Never raises for a bad file. `seconds`, when given, receives each
    file's time in its child (the benchmark's documents per second)."""
    seconds = {} if seconds is None else seconds
    context = _forkserver()
    pending = list(paths)
    pending.reverse()
    running: list[_Running] = []
    while pending or running:
        while pending and len(running) < max(1, limits.workers):
            path = pending.pop()
            receive, send = context.Pipe(duplex=False)
            process = context.Process(
                target=_child, args=(str(path), str(raw_dir), limits.memory_mb, send), daemon=True
            )
            process.start()
            send.close()
            now = time.monotonic()
            running.append(_Running(path, process, receive, now, now + limits.seconds))
        soonest = min(r.deadline for r in running)
        ready = multiprocessing.connection.wait(
            [r.conn for r in running], timeout=max(0.0, soonest - time.monotonic())
        )
        for job in list(running):
            seconds[job.path] = time.monotonic() - job.started
            if job.conn in ready:
                yield job.path, _collect(job, raw_dir, limits)
                running.remove(job)
            elif time.monotonic() >= job.deadline:
                job.process.kill()
                job.process.join()
                job.conn.close()
                running.remove(job)
                yield job.path, failed(
                    job.path, raw_dir, f"extraction took longer than {limits.seconds:g} s; stopped"
                )


def _collect(job: _Running, raw_dir: Path, limits: Limits) -> ReportExtract:
    try:
        frames = job.conn.recv()
    except (EOFError, OSError):
        frames = None  # the child died before sending
    finally:
        job.conn.close()
    job.process.join()
    if isinstance(frames, dict):
        return ReportExtract(frames)
    if frames == MEMORY:
        return failed(job.path, raw_dir, f"extraction needed more than {limits.describe_memory()} of memory; stopped")
    code = job.process.exitcode
    if code is not None and code < 0:
        # an allocation refused under RLIMIT_AS aborts native code (SIGABRT) or crashes it
        # (SIGSEGV, lxml); the kernel's out-of-memory killer sends SIGKILL
        likely = f", most likely needing more than {limits.describe_memory()} of memory" if code in (-6, -9, -11) else ""
        return failed(job.path, raw_dir, f"extraction stopped: the process died (signal {-code}){likely}")
    return failed(job.path, raw_dir, f"the extraction process stopped with exit code {code} before giving a result")
