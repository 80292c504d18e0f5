"""Each raw file's content hash, remembered by its file-system record between runs.

Every run hashes every raw file to find what changed; at 10,000 files (500 MB) that took
2-3 s, most of a no-op run and a good part of a nightly patch. As git's index does, a file
whose size, modification time, change time and inode are those recorded when it was last
hashed is taken to hold the same content. A file whose modification or change time is less
than RACY_S seconds before it was hashed is hashed again every run: a second write within the
same clock tick could leave its record unchanged. (The change time counts too: a download or a
copy that keeps the original's modification time writes a file that looks old.)

One memo per raw folder, beside the extraction cache of the warehouse. A memo that cannot
be read is an empty one (every file hashed again); one that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from pipelines.extract.report import file_sha256

RACY_S = 2.0
MEMO_VERSION = 1
_RECORD_FIELDS = 4  # size, modification time, change time, inode (_record)
_now_ns = time.time_ns  # (a test moves the clock on instead of waiting)


class HashMemo:
    """sha256 of files under one raw folder, remembered by (size, mtime, ctime, inode)."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, list] = {}
        self.changed = False
        try:
            memo = json.loads(path.read_text(encoding="utf-8"))
            files = memo["files"] if memo.get("version") == MEMO_VERSION else {}
            self.entries = {relative: entry for relative, entry in files.items() if _well_formed(entry)}
        except (OSError, ValueError, KeyError, AttributeError):
            pass  # no memo yet, or a damaged one: every file is hashed

    @classmethod
    def beside(cls, cache_root: Path, raw_root: Path) -> HashMemo:
        """The memo of `raw_root`'s files, kept beside the extraction cache at `cache_root`."""
        name = hashlib.sha256(os.fsencode(raw_root.absolute())).hexdigest()[:16]
        return cls(Path(cache_root).parent / "hashes" / f"{name}.json")

    def sha256(self, path: Path, relative: str) -> str:
        record = _record(os.stat(path))
        known = self.entries.get(relative)
        if known is not None and known[:-1] == record:
            return known[-1]
        sha = file_sha256(path)
        if _now_ns() - max(record[1], record[2]) > RACY_S * 1e9:
            self.entries[relative] = [*record, sha]
            self.changed = True
        elif relative in self.entries:
            del self.entries[relative]
            self.changed = True
        return sha

    def keep_only(self, relatives: set[str]) -> None:
        """Forgets the files no longer in the folder."""
        gone = self.entries.keys() - relatives
        for relative in gone:
            del self.entries[relative]
        self.changed = self.changed or bool(gone)

    def save(self) -> None:
        if not self.changed:
            return
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"version": MEMO_VERSION, "files": self.entries}, out)
            os.replace(temporary, self.path)  # whole or not at all: two runs never mix their memos
        except OSError:
            if temporary:
                Path(temporary).unlink(missing_ok=True)


def _record(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def _well_formed(entry) -> bool:
    return (isinstance(entry, list) and len(entry) == _RECORD_FIELDS + 1
            and all(type(n) is int for n in entry[:-1]) and isinstance(entry[-1], str))
