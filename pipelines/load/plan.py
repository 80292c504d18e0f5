"""Which files a run must read: each entry hashed and looked up in the extraction cache.

Plain functions under the Dagster ops of pipelines/assets/ingest.py: an entry that is not
read (pipelines/load/discover.py says why) is stored at once as a failed report; a file
whose content this code read before is taken from the cache; the rest is read, each new
content once. A cache entry found damaged later is healed by reading its file again.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from pipelines import settings
from pipelines.extract.report import CRASH, ReportExtract, failed_extract
from pipelines.load.cache import ExtractCache, cache_key
from pipelines.load.discover import refusal
from pipelines.load.hashes import HashMemo
from pipelines.load.staging import Rows, rows_of
from pipelines.load.summary import ExtractSummary
from pipelines.normalize.text import printable_name
from pipelines.run.sandbox import extract_isolated

LOST = "the extract of this file could not be kept in the cache (disk full?); the next run reads it again"


@dataclass(frozen=True)
class ExtractionPlan:
    """Which cache entry each file's extract is (every file, in order), and which files
    this run must read because their content was never read by this code."""

    keys: dict[str, str]  # path relative to the raw folder -> cache key
    to_read: list[tuple[str, str]]  # (path, key), one per new content
    unchanged: int  # files whose content this code read in an earlier run
    started: float  # time.time() when planning began: the extraction's duration in the log
    version: str  # the extraction cache's code version, fixed for the whole run


def plan_extraction(files: list[str], root: Path, cache: ExtractCache) -> ExtractionPlan:
    """The plan for `files` (paths relative to `root`); refused entries go to the cache."""
    started = time.time()
    keys: dict[str, str] = {}
    to_read: list[tuple[str, str]] = []
    unchanged = 0
    reading: set[str] = set()
    for relative, (key, refused) in file_keys(files, root, cache).items():
        if refused is not None:
            cache.put(key, refused)
        elif cache.has(key):
            unchanged += 1
        elif key not in reading:  # a second copy of the same content waits for the first
            to_read.append((relative, key))
            reading.add(key)
        keys[relative] = key
    return ExtractionPlan(keys, to_read, unchanged, started, cache.version)


def file_keys(files: list[str], root: Path, cache: ExtractCache) -> dict[str, tuple[str, ReportExtract | None]]:
    """Each file's cache key and, for an entry that is not read, its failed report (file_key);
    the hashes come from the folder's memo where a file's record is unchanged (load/hashes.py).
    Keys the no-op check just found for the same files are taken as they are (FolderLook)."""
    global _LOOK
    look, _LOOK = _LOOK, None  # taken once, whoever asks
    if look is not None and look.root == root and look.files == files and look.fresh():
        return look.keys
    hashes = HashMemo.beside(cache.root, root)
    keys = {relative: file_key(relative, root, hashes) for relative in files}
    hashes.keep_only(set(files))
    hashes.save()
    return keys


@dataclass(frozen=True)
class FolderLook:
    """What the CLI's no-op check saw of the raw folder (its entries and their cache keys),
    handed to the run it then starts in the same process, whose graph would list and hash
    the folder again seconds later (0.6 s at 10,000 files). Taken once, and only within
    LOOK_FRESH_S: the run then works on the folder as it was at the check, as it would on a
    listing made then; a file written meanwhile is the next run's, as one written during a
    run is (what its reading finds is stored under its own hash: cache.content_key)."""

    root: Path  # the raw folder
    files: list[str]  # paths relative to it, as listed
    keys: dict[str, tuple[str, ReportExtract | None]]  # file_keys() of them
    taken: float = field(default_factory=time.monotonic)

    def fresh(self) -> bool:
        return time.monotonic() - self.taken < LOOK_FRESH_S


LOOK_FRESH_S = 60.0
_LOOK: FolderLook | None = None  # the one look the last check left


def hand_on(root: Path, files: list[str], keys: dict[str, tuple[str, ReportExtract | None]]) -> None:
    """Keeps the no-op check's look at `root` for the run that follows (FolderLook)."""
    global _LOOK
    _LOOK = FolderLook(root, list(files), keys)


def listed_files(root: Path) -> list[str] | None:
    """The entries the no-op check listed under `root`, when a fresh look is kept."""
    look = _LOOK
    return list(look.files) if look is not None and look.root == root and look.fresh() else None


def file_key(relative: str, root: Path, hashes: HashMemo) -> tuple[str, ReportExtract | None]:
    """A file's cache key (its content's hash and its suffix), and the failed report of an
    entry that is not read, keyed by its name's hash (refused_entry)."""
    path = root / relative
    try:
        refused = refused_entry(path, root)
        if refused:
            return cache_key(refused.report["source_sha256"], path), refused
        return cache_key(hashes.sha256(path, relative), path), None
    except OSError as error:
        refused = refused_entry(path, root, f"the file could not be opened ({(error.strerror or str(error)).lower()})")
        return cache_key(refused.report["source_sha256"], path), refused


def refused_entry(path: Path, root: Path, reason: str | None = None) -> ReportExtract | None:
    """A failed report for an entry that is not read (pipelines/load/discover.py says why);
    None for a file to read. Its hash is that of its name: it has no content to hash."""
    reason = reason or refusal(path, root)
    if reason is None:
        return None
    sha = hashlib.sha256(b"refused:" + os.fsencode(path.relative_to(root).as_posix())).hexdigest()
    return failed_extract(path, root, sha, reason)


def split(items: list, n: int) -> list[list]:
    """`items` in n contiguous chunks of nearly equal size; always at least one (maybe
    empty) chunk, so the steps after the fan-out run even when nothing is to be read."""
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    bounds = [i * size + min(i, extra) for i in range(n + 1)]
    return [items[bounds[i] : bounds[i + 1]] for i in range(n)]


def gather(plan: ExtractionPlan, root: Path, cache: ExtractCache, say: Callable[[str], None]) -> list[ExtractSummary]:
    """Every file's summary, in the order of the files; entries damaged or deleted since
    they were written are read again first."""
    found = {key: cache.summary(key) for key in set(plan.keys.values())}  # each entry read once
    missing = [(relative, key) for relative, key in plan.keys.items() if found[key] is None]
    if missing:
        say(f"extract: {len(missing)} cache entries damaged or missing; reading those files again")
        stored = reread(missing, root, cache)
        for relative, key in missing:
            # a file changed since it was hashed is taken as it is now (stored under its own key)
            found[key] = cache.summary(key) or stored.get(key) or cache.put(
                key, failed_extract(root / relative, root, key.split(".")[0], LOST, CRASH))
    return [found[key].with_report(source_file=printable_name(relative)) for relative, key in plan.keys.items()]


def reread(files: list[tuple[str, str]], root: Path, cache: ExtractCache) -> dict[str, ExtractSummary]:
    """Extracts the files (path relative to `root`, cache key) again, into the cache; the
    summary stored for each key (under another key when the file's content changed)."""
    keys = {root / relative: key for relative, key in files}
    stored = {}
    with closing(extract_isolated(list(keys), root, settings.extract_limits())) as extracts:
        for path, extract in extracts:
            stored[keys[path]] = cache.put(keys[path], extract)
    return stored


def cached_tables(summary: ExtractSummary, cache: ExtractCache, root: Path, entries: Callable[[], list[Path]]):
    """The summary's frames from the cache as Arrow tables, as they are loaded, with the
    summary to load them under. An entry found damaged now (its checksum no longer matches)
    is read from its file again (found by its printable name among `entries()`); when the
    file is gone or changed too, a failed report that the next run reads again."""
    tables = cache.tables(summary.key) or _heal(summary, cache, root, entries)
    if tables is None:
        extract = failed_extract(root / "lost", root, summary.report["source_sha256"], LOST, CRASH)
        summary = summary.with_report(**{**extract.report, "source_file": summary.source_file})
        tables = rows_of(extract)
    return summary, tables


def _heal(summary: ExtractSummary, cache: ExtractCache, root: Path, entries) -> Rows | None:
    paths = {printable_name(p.relative_to(root).as_posix()): p for p in entries()}
    path = paths.get(summary.source_file)
    if path is not None:
        reread([(path.relative_to(root).as_posix(), summary.key)], root, cache)
    tables = cache.tables(summary.key)
    same = tables is not None and tables["reports"]["source_sha256"][0].as_py() == summary.report["source_sha256"]
    return tables if same else None
