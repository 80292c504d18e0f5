"""The extraction cache: one entry per file content, so an unchanged file is never read twice.

An entry is keyed by the file's sha256 and its extension (the same bytes named .txt and
.docx are read differently), under a folder named for the extraction code's version: any
edit to the extraction code (pipelines/extract, documents, normalize, data) or a bump of
EXTRACTION_VERSION starts a new folder, so a code change re-extracts everything and the
old folder is dropped.

An entry is two files, both plain data:
- `<key>.frames.arrow`: the extract's frames, each an Arrow IPC file, one after the other;
  any Arrow reader opens one given its offset and length. Uncompressed: a report's frames
  are small (30 KB), and decompressing seven of them cost ten times their parsing, which
  the load pays for every report of a full build (zstd entries of earlier code are read too);
- `<key>.summary.json`: the summary (pipelines/load/summary.py: what a run passes between
  its steps instead of the frames), the frames file's size and sha256, and where each frame
  is in it.

No pickle: unpickling runs whatever code the file names, so anyone who could write
warehouse/.cache would run code as the ingest user. Nothing here reads pickles, not even
the `.pkl` files of the first format: `prune` deletes them unread.

Written durably, frames first: each file goes to a temporary name, is flushed and
fsynced, renamed into place, and its folder fsynced; the summary is removed before the
frames are replaced and written after them, so an entry with a summary is whole, and a
killed run or a power cut never leaves a summary over half its frames.

Verified on read, and healed: an entry counts only when its summary parses and its frames
file is there with the recorded size (`has`, `summary`: no hashing, cheap enough for
10,000 files a night); `get` and `tables` also check the frames' sha256 and that every frame parses.
A damaged entry (truncated, empty, garbage, a wrong checksum, a missing half) is deleted
and reported as absent, so its file is read again; no exception escapes for bad content.

Retried: an extract that failed for a reason of the moment (its report's `failure_kind` in
RETRIED_KINDS: a time or memory limit, a crash, a missing tool) is stored and served by
`summary` and `get` to the run that made it, but `has` says False, so the next run reads
the file again. A failure of the file itself, or of the code, is kept like any extract.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import orjson
import polars as pl
import pyarrow as pa
import pyarrow.ipc

from pipelines import settings
from pipelines.extract.report import RETRIED_KINDS, ReportExtract
from pipelines.load.summary import ExtractSummary, summarize

# bump to re-extract every file when the extraction changes in a way the code digest misses
# (2: JSON and Arrow IPC entries, verified, instead of pickles)
EXTRACTION_VERSION = 2

# the code an extract depends on: any change to these files invalidates the cache
EXTRACTION_CODE = (
    "pipelines/extract", "pipelines/documents", "pipelines/normalize", "pipelines/data", "pipelines/load/summary.py",
    # the canonical lines and the reconciliation rules the extraction reads
    "dbt_project/seeds/budget_lines.csv", "dbt_project/seeds/reconciliation_rules.csv",
    "dbt_project/seeds/check_tolerances.csv", "dbt_project/seeds/check_formulas.csv",
    "dbt_project/seeds/source_ranks.csv",
)

FRAMES_SUFFIX = ".frames.arrow"
SUMMARY_SUFFIX = ".summary.json"
TEMPORARY_SUFFIX = ".tmp"
ENTRY_FORMAT = 2  # the "format" of a summary file
MAX_SUMMARY_BYTES = 64 << 20  # a bigger summary file is garbage, not read

# pins the version instead (tests while the code is edited; an operator who knows an edit
# changes no extract and wants no re-extraction)
CODE_VERSION_ENV = "REPORTS_EXTRACT_CODE_VERSION"


def code_version() -> str:
    """EXTRACTION_VERSION and a digest of the extraction code, its data files and the OCR engine."""
    if os.environ.get(CODE_VERSION_ENV):
        return f"pinned-{os.environ[CODE_VERSION_ENV]}"
    digest = hashlib.sha256(str(EXTRACTION_VERSION).encode())
    for folder in EXTRACTION_CODE:
        root = settings.REPO_ROOT / folder
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file() and path.suffix in (".py", ".csv", ".json", ".txt"):
                digest.update(path.relative_to(settings.REPO_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    # the OCR engine reads scanned pages differently: switching it reads them again
    digest.update(f"ocr:{(os.environ.get(settings.OCR_ENGINE_ENV) or 'rapidocr').strip().lower()}".encode())
    return f"v{EXTRACTION_VERSION}-{digest.hexdigest()[:12]}"


def cache_key(sha256: str, path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".") or "none"
    return f"{sha256}.{suffix}"


def content_key(key: str, extract: ReportExtract) -> str:
    """`key` with the hash of the content the extract was read from. They differ when a file
    changed between the plan's hashing and its reading: kept under the planned key, the new
    content's facts would be served for the old content whenever the file went back to it."""
    sha, suffix = key.split(".", 1)
    read = extract.report["source_sha256"]
    return key if read == sha else f"{read}.{suffix}"


class DamagedEntry(ValueError):
    """An entry's files are not what put() wrote."""


@dataclass(frozen=True)
class Entry:
    """A summary file, read: the summary and what the frames file must be."""

    summary: ExtractSummary
    size: int  # of the frames file, in bytes
    sha256: str  # of the frames file
    tables: dict[str, tuple[int, int]]  # frame name -> (offset, length) in the frames file


# summaries has() decoded in this process, by file, with the identity of the file they were
# read from, until the next look-up of the same entry takes them
_DECODED: dict[str, tuple[tuple[int, int, int], Entry]] = {}


def _file_identity(path: str | Path) -> tuple[int, int, int]:
    status = os.lstat(path)
    return status.st_ino, status.st_size, status.st_mtime_ns


class ExtractCache:
    """Entries under `<root>/<code version>/<key>.frames.arrow` and `<key>.summary.json`."""

    def __init__(self, root: Path, version: str | None = None):
        self.root = Path(root)
        self.version = version or code_version()
        self.folder = self.root / self.version

    def get(self, key: str) -> ReportExtract | None:
        """The extract, its checksum verified; None (and the entry deleted) when damaged."""
        tables = self.tables(key)
        return None if tables is None else ReportExtract({name: pl.from_arrow(t) for name, t in tables.items()})

    def tables(self, key: str) -> dict[str, pa.Table] | None:
        """The extract's frames as the Arrow tables stored, as get() checks them: what the
        load inserts (a polars frame each would cost it more than reading them)."""
        entry = self._entry(key)
        if entry is None:
            return None
        try:
            return read_tables(self._frames_path(key), entry)
        except FileNotFoundError:
            return None  # deleted since its summary was read: nothing left to delete
        except (OSError, DamagedEntry):
            self._discard(key)
            return None

    def has(self, key: str) -> bool:
        """Whether the file need not be read again: the entry is whole (summary valid,
        frames file of the recorded size) and not a failure to retry (RETRIED_KINDS). What
        it decoded is kept for the summary() that follows (_entry)."""
        entry = self._entry(key, keep=True)
        return entry is not None and entry.summary.report.get("failure_kind") not in RETRIED_KINDS

    def holds(self, key: str) -> bool:
        """Whether both files of the entry are there, without reading them (has() checks them
        whole; a night that rebuilds nothing needs only to know they were written)."""
        base = self._base(key)
        return os.path.isfile(base + SUMMARY_SUFFIX) and os.path.isfile(base + FRAMES_SUFFIX)

    def summary(self, key: str) -> ExtractSummary | None:
        """The entry's summary; None when the entry is missing or damaged (then deleted).
        A failure to retry is returned too: the run that made it loads it."""
        entry = self._entry(key)
        return entry.summary if entry else None

    def put(self, key: str, extract: ReportExtract) -> ExtractSummary:
        """Stores the extract (frames first, then its summary: an entry with a summary is
        whole); returns the summary. Stored under the key of the content it was read from
        (content_key), which is `key` unless the file changed after it was hashed."""
        key = content_key(key, extract)
        summary = summarize(extract, key, self.version)
        frames, tables = encode_frames(extract.frames)
        document = {
            "format": ENTRY_FORMAT,
            "frames": {
                "file": self._frames_path(key).name,
                "size": len(frames),
                "sha256": hashlib.sha256(frames).hexdigest(),
                "tables": {name: list(span) for name, span in tables.items()},
            },
            "summary": summary.to_json(),
        }
        encoded = json.dumps(document, ensure_ascii=False, allow_nan=False).encode()
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            fsync_directory(self.folder.parent)
        self._summary_path(key).unlink(missing_ok=True)  # not whole while its frames change
        write_durably(self._frames_path(key), frames)
        write_durably(self._summary_path(key), encoded)
        return summary

    def prune(self, keep: set[str]) -> int:
        """Drop entries not in `keep`, the folders of other code versions, leftover temporary
        files, first-format (.pkl) files and anything else in the folder, all unread;
        returns entries dropped. Run under the warehouse lock, after a successful build."""
        dropped: set[str] = set()
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.name == self.version:
                    continue
                if folder.is_symlink():
                    folder.unlink(missing_ok=True)  # the link only, not what it leads to
                elif folder.is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                key = entry_key(path.name)
                if key is not None and key in keep:
                    continue
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                key = key or old_entry_key(path.name)
                if key is not None:
                    dropped.add(key)
        return len(dropped)

    def _entry(self, key: str, keep: bool = False) -> Entry | None:
        """The entry's summary file, read and checked against the frames file's size; None
        when there is no summary (no entry, or one being written); a damaged entry is
        deleted. What has() decoded is kept (`keep`) for the next look-up of the same entry
        while its file is the same (inode, size, modification time), which takes it: a run
        asks has() of every file when it plans and then summary() when it gathers (or checks
        for a no-op), and decoding 10,000 summaries takes seconds where their stats take
        milliseconds. Nothing stays kept after the gathering (10,000 summaries hold 100 MB)."""
        base = self._base(key)
        path = base + SUMMARY_SUFFIX
        try:
            seen = _file_identity(path)
            known = _DECODED.pop(path, None)
            if known and known[0] == seen:
                entry = known[1]
            else:
                data = read_regular_file(path, MAX_SUMMARY_BYTES)
                entry = decode_entry(data, key, self.version, key + FRAMES_SUFFIX)
            if keep:
                _DECODED[path] = (seen, entry)
        except FileNotFoundError:
            return None
        except (OSError, DamagedEntry):
            self._discard(key)
            return None
        try:
            status = os.lstat(base + FRAMES_SUFFIX)
            if not stat.S_ISREG(status.st_mode) or status.st_size != entry.size:
                raise DamagedEntry("the frames file is not the one the summary describes")
        except (OSError, DamagedEntry):
            self._discard(key)
            return None
        return entry

    def _discard(self, key: str) -> None:
        """Deletes a damaged entry, summary first; it is extracted again."""
        _DECODED.pop(str(self._summary_path(key)), None)
        for path in (self._summary_path(key), self._frames_path(key)):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass  # the next put() replaces it, or fails with the reason

    def _base(self, key: str) -> str:
        """The entry's files' path without their suffix, as a string: pathlib's joins were a
        quarter of looking up 10,000 entries, which every run does."""
        return f"{self.folder}{os.sep}{checked_key(key)}"

    def _frames_path(self, key: str) -> Path:
        return self.folder / f"{checked_key(key)}{FRAMES_SUFFIX}"

    def _summary_path(self, key: str) -> Path:
        return self.folder / f"{checked_key(key)}{SUMMARY_SUFFIX}"


def checked_key(key: str) -> str:
    if not key or "/" in key or "\0" in key or key.startswith("."):
        raise ValueError(f"not a cache key: {key!r}")
    return key


def entry_key(name: str) -> str | None:
    """The key of an entry's file; None for anything else (temporary files among them)."""
    return key_before(name, (FRAMES_SUFFIX, SUMMARY_SUFFIX))


def old_entry_key(name: str) -> str | None:
    """The key of a first-format entry's file (pickles: deleted, never opened)."""
    return key_before(name, (".summary.pkl", ".pkl"))


def key_before(name: str, suffixes: tuple[str, ...]) -> str | None:
    if name.startswith(".") or name.endswith(TEMPORARY_SUFFIX):
        return None
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


# ------------------------------------------------------------------ frames
def encode_frames(frames: dict[str, pl.DataFrame]) -> tuple[bytes, dict[str, tuple[int, int]]]:
    """The frames as Arrow IPC files one after the other, and each one's (offset, length).
    Written by pyarrow: polars' write_ipc took 40% longer for frames this small."""
    parts: list[bytes] = []
    tables: dict[str, tuple[int, int]] = {}
    offset = 0
    for name, frame in frames.items():
        table = frame.to_arrow()
        sink = pa.BufferOutputStream()
        with pyarrow.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        part = sink.getvalue().to_pybytes()
        tables[name] = (offset, len(part))
        parts.append(part)
        offset += len(part)
    return b"".join(parts), tables


def read_tables(path: Path, entry: Entry) -> dict[str, pa.Table]:
    """The frames of a frames file as Arrow tables, after checking its size and sha256;
    DamagedEntry when it is not the file the summary describes or a frame does not parse.
    Read with pyarrow: polars' read_ipc plans a query per frame, 30 times the parsing."""
    data = read_regular_file(path, entry.size)
    if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
        raise DamagedEntry(f"{path.name}: not the frames the summary describes")
    buffer = pa.py_buffer(data)
    tables = {}
    for name, (offset, length) in entry.tables.items():
        try:
            table = pyarrow.ipc.open_file(buffer.slice(offset, length)).read_all()
            table.validate(full=True)  # offsets and lengths inside the buffers: safe to read
            tables[name] = table
        except Exception as error:  # pyarrow's errors for bad bytes are ArrowInvalid, OSError, …
            raise DamagedEntry(f"{path.name}: frame {name} does not parse ({error})") from None
    if tables["reports"].num_rows < 1:
        raise DamagedEntry(f"{path.name}: no report row")
    return tables


# ------------------------------------------------------------------ summary files
SHA256 = re.compile(r"[0-9a-f]{64}")


def decode_entry(data: bytes, key: str, version: str, frames_file: str) -> Entry:
    """A summary file's content as an Entry; DamagedEntry for anything put() did not write
    for this key and version."""
    try:
        document = orjson.loads(data)  # a third of json's time, over 10,000 summaries a run
        if not isinstance(document, dict) or document.get("format") != ENTRY_FORMAT:
            raise DamagedEntry("not a summary of this format")
        frames = document["frames"]
        summary = ExtractSummary.from_json(document["summary"])
        size, sha256, tables = frames["size"], frames["sha256"], frames["tables"]
    except (ValueError, TypeError, KeyError, RecursionError) as error:  # JSON and Unicode errors are ValueErrors
        raise DamagedEntry(f"not a summary: {error}") from None
    if (summary.key, summary.version, frames.get("file")) != (key, version, frames_file):
        raise DamagedEntry("the summary of another entry")
    if summary.report.get("source_sha256") != key.split(".", 1)[0]:  # as earlier code could store (content_key)
        raise DamagedEntry("the extract of other content than the entry's")
    if not (type(size) is int and size > 0 and isinstance(sha256, str) and SHA256.fullmatch(sha256)):
        raise DamagedEntry("no size or sha256 of the frames")
    if not isinstance(tables, dict) or "reports" not in tables:
        raise DamagedEntry("no index of the frames")
    spans: dict[str, tuple[int, int]] = {}
    offset = 0
    for name, span in tables.items():  # the frames fill the file, one after the other
        if not (type(span) is list and len(span) == 2 and type(span[0]) is int and type(span[1]) is int):
            raise DamagedEntry(f"a bad index entry for {name}")
        if span[0] != offset or span[1] <= 0:
            raise DamagedEntry(f"a bad index entry for {name}")
        spans[name] = (span[0], span[1])
        offset += span[1]
    if offset != size:
        raise DamagedEntry("the index does not cover the frames file")
    return Entry(summary, size, sha256, spans)


# ------------------------------------------------------------------ files
def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The content of a regular file (not a symbolic link, a FIFO or a device: a planted
    one must not make the run hang or read elsewhere), at most `limit` bytes (DamagedEntry
    when bigger). Read in reads sized by the file, not by `limit`: a buffer of `limit`
    bytes per summary (64 MB) tripled the cost of reading 10,000 of them."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise DamagedEntry(f"{os.path.basename(path)} is not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # until the end of the file, which may have grown since fstat
            chunk = os.read(descriptor, min(limit + 1 - size, max(status.st_size + 1 - size, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > limit:
        raise DamagedEntry(f"{os.path.basename(path)} is bigger than expected")
    return b"".join(chunks)


def write_durably(final: Path, data: bytes) -> None:
    """`data` in `final`, whole or not at all, and on disk when this returns: a temporary
    file written, flushed and fsynced, renamed onto `final`, the folder fsynced."""
    temporary = final.with_name(f".{final.name}.{secrets.token_hex(8)}{TEMPORARY_SUFFIX}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        with os.fdopen(os.open(temporary, flags, 0o666), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_directory(final.parent)


def fsync_directory(folder: Path) -> None:
    """Makes the names created, renamed or removed in `folder` durable."""
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def cache_root(warehouse: str | Path) -> Path:
    """The cache lives beside the warehouse, so each warehouse has its own."""
    return Path(warehouse).parent / ".cache" / "extracts"
