"""How the scanned pages of one PDF are OCR'd, so that a long scan (a 60-page 决算 or
third-party evaluation) completes:

- page after page in this process, and, while the run has a core no other child is using
  for OCR, a helper process beside it that takes pages too (only for documents of
  PARALLEL_FROM scanned pages or more: its start and model load cost about 2 s). Three OCR
  processes on two cores read two long scans 20% slower than two, so the helper is fed
  only while the cores outnumber the children reading scans;
- after each page a call to `on_page(done, total)`: the extraction sandbox turns it into a
  message to the parent, which then gives the next page a time limit of its own, and prints
  a progress line;
- past the file's OCR budget (settings.ocr_budget_seconds) the pages left are not read: the
  document keeps the pages it has and says which it lacks (the report is then 'partial');
- a page that takes longer than `page_seconds` (set by the sandbox child: a share of the
  parent's per-page limit, which would otherwise kill the child and lose every page) is
  given up, in this process by an alarm, in the helper by stopping the helper; the rest of
  the document is read and the report says which page it lacks.

The sandbox child calls `configure` once; outside the sandbox (a test reading a PDF, the
OCR benchmark) pages are read one after another in the calling process, with no progress
calls and no helper.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipelines import settings

PARALLEL_FROM = 6  # scanned pages from which a helper process pays for its start


@dataclass
class _Hooks:
    on_page: Callable[[int, int], None] | None = None
    cores: int = 1
    scanning: Any = None  # a shared count (multiprocessing.Value) of the children reading scans
    page_seconds: float | None = None  # how long one page may take; None: no limit


_hooks = _Hooks()


def configure(on_page: Callable[[int, int], None] | None, cores: int = 1, scanning: Any = None,
              page_seconds: float | None = None) -> None:
    """Set by the sandbox child before it reads any file."""
    _hooks.on_page, _hooks.cores, _hooks.scanning, _hooks.page_seconds = on_page, cores, scanning, page_seconds


@dataclass
class ScannedPages:
    pages: list  # PageItems, in page order
    unread: list[int]  # 0-based indexes of the pages the budget left unread
    by_helper: int = 0  # how many of the pages the helper process read
    slow: list[int] = field(default_factory=list)  # 0-based indexes of pages given up for their time


class PageTimedOut(BaseException):
    """Not an Exception: the engines' wrappers turn any Exception into an OCR failure."""


@contextmanager
def _page_limit(seconds: float | None):
    """Raise PageTimedOut in this (main) thread after `seconds`: RapidOCR runs a page as many
    short engine calls, and the alarm's handler runs between them; Tesseract's child process is
    killed by subprocess when the exception reaches its wait."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def give_up(signum, frame):
        raise PageTimedOut

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_scanned_pages(path: Path, pdfium_doc, indexes: list[int]) -> ScannedPages:
    """The OCR'd pages `indexes` of the PDF at `path` (opened as `pdfium_doc`)."""
    from pipelines.documents.ocr_engines import engine  # noqa: PLC0415 (loads an engine)

    reader = engine()  # before any helper starts: no engine, no OCR (NeedsOcr says how to get one)
    deadline = time.monotonic() + settings.ocr_budget_seconds()
    page_seconds = _hooks.page_seconds
    todo = list(indexes)
    done: dict[int, Any] = {}
    slow: list[int] = []
    with _Helper(len(todo)) as helper:
        waiting: dict[int, Future] = {}  # in the order given to the helper, which reads them in turn
        while (todo or waiting) and (not done or time.monotonic() <= deadline):  # one page at least
            if todo and len(waiting) < 2 and helper.wanted():  # a page queued keeps it busy
                index = todo.pop()  # the helper reads from the end, this process from the start
                try:
                    waiting[index] = helper.submit(ocr_page_of_file, str(path), index)
                except RuntimeError:  # BrokenProcessPool: it died; this process reads the rest
                    helper.broken = True
                    todo.append(index)
                continue
            if todo:
                index = todo.pop(0)
                try:
                    with _page_limit(page_seconds):
                        done[index] = ocr_page(pdfium_doc, index, reader)
                except PageTimedOut:
                    slow.append(index)
                _progress(len(done) + len(slow), len(indexes))
            else:
                limit = deadline if page_seconds is None else min(deadline, helper.page_started + page_seconds)
                wait(waiting.values(), timeout=max(0.0, limit - time.monotonic()), return_when=FIRST_COMPLETED)
            if page_seconds is not None and helper.overdue(waiting, page_seconds):
                slow.append(next(iter(waiting)))  # the page the helper is on: stop it; its queue is read here
                del waiting[slow[-1]]
                helper.stop()
                _progress(len(done) + len(slow), len(indexes))
            for index in [i for i, future in waiting.items() if future.done()]:
                try:
                    done[index] = helper.result(waiting.pop(index), pdfium_doc, index, reader)
                except PageTimedOut:  # read here after the helper failed on it, and too slow here too
                    slow.append(index)
                _progress(len(done) + len(slow), len(indexes))
    unread = sorted(set(indexes) - set(done) - set(slow))
    return ScannedPages([done[i] for i in sorted(done)], unread, helper.pages_read, sorted(slow))


def ocr_page(pdfium_doc, index: int, reader):
    from pipelines.documents.ocr import SCALE, ocr_image, without_seal  # noqa: PLC0415

    page = pdfium_doc[index]
    try:
        width, height = page.get_size()
        image = without_seal(page.render(scale=SCALE).to_pil())
    finally:
        page.close()
    return ocr_image(image, index + 1, width, height, reader)


def ocr_page_of_file(path: str, index: int):
    """In the helper process: one page of the PDF at `path` (opened once per helper)."""
    from pipelines.documents.ocr_engines import engine  # noqa: PLC0415

    return ocr_page(_opened(path), index, engine())


@lru_cache(maxsize=1)
def _opened(path: str):
    from pipelines.documents.pdf_reader import open_pdf  # noqa: PLC0415

    return open_pdf(Path(path))


def _progress(done: int, total: int) -> None:
    if _hooks.on_page is not None:
        _hooks.on_page(done, total)


class _Helper:
    """A helper process for a long scan, started on the first page it is given. It lives in
    this child's session and under its memory bound (spawned processes inherit both), so
    the sandbox's limits hold for it too. While this document is read it counts among the
    children reading scans."""

    START_S = 3.0  # the helper's start and model load (about 2 s) are not its first page's time

    def __init__(self, pages: int):
        self.pages, self.executor, self.broken, self.pages_read = pages, None, False, 0
        self.page_started = time.monotonic()  # when the helper began the page it is reading

    def __enter__(self) -> _Helper:
        if _hooks.scanning is not None:
            with _hooks.scanning.get_lock():
                _hooks.scanning.value += 1
        return self

    def wanted(self) -> bool:
        """Whether a core is spare for it now: no other child reading a scan holds it."""
        scanning = _hooks.scanning
        return (not self.broken and self.pages >= PARALLEL_FROM and scanning is not None
                and scanning.value < _hooks.cores)

    def submit(self, *call) -> Future:
        if self.executor is None:
            import multiprocessing  # noqa: PLC0415

            # spawn, not fork: this process may hold onnxruntime's threads, which fork does not copy
            self.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self.page_started = time.monotonic() + self.START_S
        future = self.executor.submit(*call)
        # it reads its pages in turn: the next one starts when one is done
        future.add_done_callback(lambda _: setattr(self, "page_started", time.monotonic()))
        return future

    def overdue(self, waiting: dict[int, Future], seconds: float) -> bool:
        """Whether the page the helper is on (the first it was given that is not done) has
        taken longer than `seconds`."""
        return bool(waiting) and not next(iter(waiting.values())).done() \
            and time.monotonic() > self.page_started + seconds

    def stop(self) -> None:
        """Kill the helper in the middle of a page (it took too long): pages queued for it fail
        as a broken pool, and `result` reads them here."""
        self.broken = True
        for process in list((self.executor._processes or {}).values()):  # noqa: SLF001 (no public kill)
            process.kill()

    def result(self, future: Future, pdfium_doc, index: int, reader):
        """The helper's page; a page it failed on (it died, ran out of memory) read here instead."""
        try:
            page = future.result()
        except Exception:  # noqa: BLE001 (BrokenProcessPool, an OCR error): read again here
            self.broken = True
            with _page_limit(_hooks.page_seconds):
                return ocr_page(pdfium_doc, index, reader)
        self.pages_read += 1
        return page

    def __exit__(self, *exc) -> None:
        try:
            if self.executor is not None:
                self.executor.shutdown(wait=True, cancel_futures=True)
        finally:
            if _hooks.scanning is not None:
                with _hooks.scanning.get_lock():
                    _hooks.scanning.value -= 1
