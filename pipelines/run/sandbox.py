"""Extraction in child processes, each with a time limit and a memory bound.

One pathological file (a decompression bomb, a parser stuck in a loop) must not hang or kill
the night: files are read in child processes under resource.setrlimit(RLIMIT_AS), and a
child is killed when a file runs past its time limit; either way the file becomes a
'failed' report with an error a person understands, and the next file goes on.

Children come from a forkserver that has imported the extraction code once, and each child
reads file after file (up to RECYCLE_AFTER, then a fresh one takes over, so what a child
accumulates stays bounded; after a file with scanned pages at once, so the OCR engine's memory
goes with it). A child that ran out of memory, died or was killed is replaced;
the files after it never see its state. Starting a child per file cost 25-35 ms of fork
and set-up a file, more than reading a text report takes. `extract_isolated` keeps up to
`workers` children busy at once.

Each child leads a session of its own (os.setsid) and has a private temp folder the parent
made (TMPDIR): when the parent stops a child it kills the whole session, so what the child
started (LibreOffice converting a .doc, Tesseract) dies with it instead of running on as an
orphan, and it removes the folder, so no LibreOffice profile or copy of an input stays in
the system temp folder, even after a SIGKILL.

As with any multiprocessing code, a script that runs the pipeline must guard its entry
point (`if __name__ == "__main__":`): each child imports the parent's main module. The CLI
(`python -m pipelines`), Dagster's run workers and pytest do.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import resource
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.extract.report import CRASH, LIMIT, ReportExtract, extract_file, failed_extract, file_sha256

HEAVY_MODULES = ["pipelines.extract.facts", "pipelines.documents.readers", "pipelines.run.sandbox",
                 "pipelines.run.preload"]


@dataclass(frozen=True)
class Limits:
    seconds: float = 60.0
    memory_mb: int = 2048  # of address space (settings.extract_limits says why)
    workers: int = 1

    def describe_memory(self) -> str:
        return f"{self.memory_mb // 1024} GB" if self.memory_mb % 1024 == 0 else f"{self.memory_mb} MB"


_context = None


def _forkserver():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(HEAVY_MODULES)
    return _context


def start_forkserver() -> None:
    """Starts the forkserver now instead of at the first file: its preload (the extraction
    code and the readers' libraries, about 0.7 s) then runs on another core while the run
    imports Dagster and plans, instead of before the first file of a nightly patch is read."""
    import multiprocessing.forkserver  # noqa: PLC0415

    _forkserver()
    multiprocessing.forkserver.ensure_running()


RECYCLE_AFTER = 200  # files a child reads before a fresh one takes over


def _serve(conn, raw_dir: str, memory_mb: int, temp_dir: str, cores: int, scanning, seconds: float) -> None:
    """In the child: lead a session of its own (the parent kills it whole), keep temporary
    files in the private folder given, bound the address space, then extract each path
    received and send its frames back, until told to stop (None). Each scanned page read
    is announced (PAGE, done, total): the parent gives the next page a time limit of its
    own, and the child gives up a page before that limit (PAGE_SHARE of it), so a page
    that takes too long costs the file that page, not the pages read. After running out
    of memory the child says so and ends: its state is not trusted
    with another file. Native code that runs out of memory prints a backtrace before
    aborting: the report row says what happened, so the child's stderr goes nowhere."""
    from pipelines.documents import ocr_schedule  # noqa: PLC0415

    os.setsid()
    # before any file is read: LibreOffice's profile and copies of inputs go here, as do
    # the temp files of the tools it starts (office_convert and ocr_engines hand them this
    # folder as their TMPDIR)
    tempfile.tempdir = temp_dir
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    ocr_schedule.configure(lambda done, total: conn.send((PAGE, done, total)), cores, scanning,
                           page_seconds=seconds * PAGE_SHARE)
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
PAGE = "page"  # a progress message: (PAGE, pages done, pages in all)
PAGE_SHARE = 0.8  # of the parent's time limit, after which the child gives up a scanned page


def failed(path: Path, raw_dir: Path, error: str, kind: str) -> ReportExtract:
    """A 'failed' report for a file the child could not finish; the kind (a limit, a crash)
    has it read again on the next run."""
    try:
        sha = file_sha256(path)
    except OSError:
        sha = "0" * 64
    return failed_extract(path, raw_dir, sha, error, kind)


@dataclass
class _Child:
    process: multiprocessing.Process
    conn: multiprocessing.connection.Connection
    temp_dir: str  # private, made by the parent, removed by it once the child has stopped
    files: int = 0
    path: Path | None = None  # the file it is reading now
    started: float = 0.0
    deadline: float = field(default=float("inf"))
    pages: tuple[int, int] | None = None  # scanned pages of the file read so far, and in all


def _start_child(context, raw_dir: Path, limits: Limits, scanning) -> _Child:
    temp_dir = tempfile.mkdtemp(prefix="reports-extract-")
    parent_end, child_end = context.Pipe(duplex=True)
    args = (child_end, str(raw_dir), limits.memory_mb, temp_dir, limits.workers, scanning, limits.seconds)
    # not a daemon: a child may start an OCR helper process for a long scan
    process = context.Process(target=_serve, args=args)
    try:
        process.start()
    except BaseException:
        shutil.rmtree(temp_dir, ignore_errors=True)
        raise
    finally:
        child_end.close()
    return _Child(process, parent_end, temp_dir)


def _stop(child: _Child, kill: bool = False) -> None:
    """Stop the child (asked to, or killed), then whatever it left running, then remove its
    temp folder: whichever way it ended, nothing of it stays behind."""
    if kill:
        _kill_session(child)
    else:
        try:
            child.conn.send(None)
        except OSError:
            pass
    child.process.join(timeout=None if kill else 5)
    if child.process.is_alive():
        _kill_session(child)
        child.process.join()
    _kill_session(child)  # a child that died (memory, a crash) may have left LibreOffice running
    child.conn.close()
    shutil.rmtree(child.temp_dir, ignore_errors=True)


def _kill_session(child: _Child) -> None:
    """SIGKILL the child and every process of its session: since os.setsid the child's pid is
    its session's and its process group's id. LibreOffice runs in a process group of its own
    (office_convert kills it on its own time limit) but stays in the session, so the
    session, not the group, is what holds everything the child started."""
    sid = child.process.pid
    if sid is None or sid in (os.getpgrp(), os.getsid(0)):
        return  # never the parent's own group or session
    child.process.kill()  # the child itself, even before it reached os.setsid
    try:
        os.killpg(sid, signal.SIGKILL)  # where there is no /proc to list the session from
    except (ProcessLookupError, PermissionError):
        pass
    deadline = time.monotonic() + 2.0
    # until none is left: a process may fork between the listing and the kill
    while (members := _session_members(sid)) and time.monotonic() < deadline:
        for pid in members:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.01)


def _session_members(sid: int) -> list[int]:
    """The living processes of session `sid` (Linux /proc; none found elsewhere)."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    members = []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue  # ended meanwhile
        # after the command name in parentheses: state, ppid, pgrp, session, …
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 3 and int(fields[3]) == sid and fields[0] not in (b"Z", b"X"):
            members.append(int(entry))
    return members


def extract_isolated(
    paths: Iterable[Path], raw_dir: Path, limits: Limits, seconds: dict[Path, float] | None = None,
    on_page: Callable[[Path, int, int], None] | None = None,
) -> Iterator[tuple[Path, ReportExtract]]:
    """(path, extract) for each path, in the order the files finish (the input order when
    workers == 1). Never raises for a bad file. `seconds`, when given, receives each file's
    time in its child (the benchmark's documents per second); `on_page(path, done, total)`
    is called as the scanned pages of a file are read. The time limit holds for a file, and
    again for each scanned page after the first."""
    seconds = {} if seconds is None else seconds
    context = _forkserver()
    # how many children are reading scanned pages: a child's OCR helper for a long scan
    # takes pages only while that leaves a core spare (a child killed while counted stays
    # counted, which costs this call a helper, nothing more)
    scanning = context.Value("i", 0)
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
                child = _start_child(context, raw_dir, limits, scanning) if fresh else idle.pop()
                child.path, child.started, child.pages = path, time.monotonic(), None
                child.deadline = child.started + limits.seconds
                busy.append(child)  # before sending: if sending fails, the finally stops it
                child.conn.send(str(child.path))
            soonest = min(c.deadline for c in busy)
            ready = multiprocessing.connection.wait(
                [c.conn for c in busy], timeout=max(0.0, soonest - time.monotonic())
            )
            for child in list(busy):
                message = _message(child) if child.conn in ready else None
                if isinstance(message, tuple) and message[0] == PAGE:
                    child.deadline, child.pages = time.monotonic() + limits.seconds, message[1:]
                    if on_page is not None:
                        on_page(child.path, message[1], message[2])
                    continue
                if child.conn not in ready and time.monotonic() < child.deadline:
                    continue
                busy.remove(child)
                path = child.path
                seconds[path] = time.monotonic() - child.started
                if child.conn in ready:
                    extract, reusable = _receive(child, message, raw_dir, limits)
                    if not reusable and child.files and path not in retried:
                        # memory or a crash in a child that read other files before: what it
                        # had gathered may be to blame, so a fresh child tries the file again
                        retried.add(path)
                        pending.append(path)
                        continue
                else:
                    _stop(child, kill=True)
                    extract = failed(path, raw_dir, _overtime(child, limits), LIMIT)
                    reusable = False
                child.files += 1
                # a child that read scanned pages holds the OCR engine (0.3-0.4 GB) until it
                # ends: two such children at once would take the run past 1 GB (BENCHMARKS.md)
                if reusable and child.files < RECYCLE_AFTER and child.pages is None:
                    idle.append(child)
                elif reusable:
                    _stop(child)
                yield path, extract
    finally:
        for child in idle + busy:
            _stop(child, kill=child in busy)


def _message(child: _Child):
    """What the child sent: its frames, MEMORY, a PAGE progress tuple; None if it died."""
    try:
        return child.conn.recv()
    except (EOFError, OSError):
        return None


def _overtime(child: _Child, limits: Limits) -> str:
    if child.pages:
        return (f"a scanned page took longer than {limits.seconds:g} s after {child.pages[0]} of "
                f"{child.pages[1]} pages were read; stopped")
    return f"extraction took longer than {limits.seconds:g} s; stopped"


def _receive(child: _Child, frames, raw_dir: Path, limits: Limits) -> tuple[ReportExtract, bool]:
    """The extract from the child's answer (None: it died before sending), and whether the
    child may read another file."""
    if isinstance(frames, dict):
        return ReportExtract(frames), True
    _stop(child)  # ended already, or ending: its exit code tells how
    if frames == MEMORY:
        return failed(child.path, raw_dir, f"extraction needed more than {limits.describe_memory()} of memory; stopped", LIMIT), False
    code = child.process.exitcode
    if code is not None and code < 0:
        # an allocation refused under RLIMIT_AS aborts native code (SIGABRT) or crashes it
        # (SIGSEGV, lxml); the kernel's out-of-memory killer sends SIGKILL
        likely = f", most likely needing more than {limits.describe_memory()} of memory" if code in (-6, -9, -11) else ""
        kind = LIMIT if likely else CRASH
        return failed(child.path, raw_dir, f"extraction stopped: the process died (signal {-code}){likely}", kind), False
    return failed(child.path, raw_dir, f"the extraction process stopped with exit code {code} before giving a result", CRASH), False
