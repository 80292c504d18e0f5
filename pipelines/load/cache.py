"""The extraction cache: one entry per file content, so an unchanged file is never read twice.

An entry is keyed by the file's sha256 and its extension (the same bytes named .txt and
.docx are read differently), under a folder named for the extraction code's version: any
edit to the extraction code (pipelines/extract, documents, normalize, data) or a bump of
EXTRACTION_VERSION starts a new folder, so a code change re-extracts everything and the
old folder is dropped. Entries are written to a temporary name and renamed, so a killed
run never leaves half an entry, and two processes may share the cache.

An entry is the extract's frames, pickled (polars pickles frames as Arrow IPC), and beside
it a small summary (pipelines/load/summary.py): what a run passes between its steps
instead of the frames. Both are read back by this code version only.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path

from pipelines import settings
from pipelines.extract.report import ReportExtract
from pipelines.load.summary import ExtractSummary, summarize

# bump to re-extract every file when the extraction changes in a way the code digest misses
EXTRACTION_VERSION = 1

# the code an extract depends on: any change to these files invalidates the cache
EXTRACTION_CODE = (
    "pipelines/extract", "pipelines/documents", "pipelines/normalize", "pipelines/data", "pipelines/load/summary.py"
)


SUMMARY_SUFFIX = ".summary.pkl"

# pins the version instead (tests while the code is edited; an operator who knows an edit
# changes no extract and wants no re-extraction)
CODE_VERSION_ENV = "REPORTS_EXTRACT_CODE_VERSION"


def code_version() -> str:
    """EXTRACTION_VERSION and a digest of the extraction code and its data files."""
    if os.environ.get(CODE_VERSION_ENV):
        return f"pinned-{os.environ[CODE_VERSION_ENV]}"
    digest = hashlib.sha256(str(EXTRACTION_VERSION).encode())
    for folder in EXTRACTION_CODE:
        root = settings.REPO_ROOT / folder
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file() and path.suffix in (".py", ".csv", ".json", ".txt"):
                digest.update(path.relative_to(settings.REPO_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return f"v{EXTRACTION_VERSION}-{digest.hexdigest()[:12]}"


def cache_key(sha256: str, path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".") or "none"
    return f"{sha256}.{suffix}"


class ExtractCache:
    """Entries under `<root>/<code version>/<key>.pkl`."""

    def __init__(self, root: Path, version: str | None = None):
        self.root = Path(root)
        self.version = version or code_version()
        self.folder = self.root / self.version

    def get(self, key: str) -> ReportExtract | None:
        frames = self._load(self.folder / f"{key}.pkl")
        return ReportExtract(frames) if isinstance(frames, dict) else None

    def has(self, key: str) -> bool:
        """Whether the entry is whole (its summary is written last)."""
        return (self.folder / f"{key}{SUMMARY_SUFFIX}").exists()

    def summary(self, key: str) -> ExtractSummary | None:
        """The entry's summary; made from the frames (and kept) when an older run left none."""
        summary = self._load(self.folder / f"{key}{SUMMARY_SUFFIX}")
        if isinstance(summary, ExtractSummary):
            return summary
        extract = self.get(key)
        if extract is None:
            return None
        summary = summarize(extract, key, self.version)
        self._write(self.folder / f"{key}{SUMMARY_SUFFIX}", summary)
        return summary

    def put(self, key: str, extract: ReportExtract) -> ExtractSummary:
        """Stores the extract (frames first, then its summary: an entry with a summary is
        whole); returns the summary."""
        self.folder.mkdir(parents=True, exist_ok=True)
        summary = summarize(extract, key, self.version)
        self._write(self.folder / f"{key}.pkl", extract.frames)
        self._write(self.folder / f"{key}{SUMMARY_SUFFIX}", summary)
        return summary

    @staticmethod
    def _load(path: Path):
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return None  # a damaged entry is re-extracted

    @staticmethod
    def _write(final: Path, value) -> None:
        temporary = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, final)

    def prune(self, keep: set[str]) -> int:
        """Drop entries not in `keep` and the folders of other code versions; returns
        entries dropped. Run under the warehouse lock, after a successful build."""
        dropped = 0
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.is_dir() and folder.name != self.version:
                    shutil.rmtree(folder, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                key = entry.name.removesuffix(SUMMARY_SUFFIX).removesuffix(".pkl")
                if entry.suffix == ".pkl" and key not in keep:
                    entry.unlink(missing_ok=True)
                    dropped += not entry.name.endswith(SUMMARY_SUFFIX)
                elif entry.name.endswith(".tmp"):
                    entry.unlink(missing_ok=True)
        return dropped


def cache_root(warehouse: str | Path) -> Path:
    """The cache lives beside the warehouse, so each warehouse has its own."""
    return Path(warehouse).parent / ".cache" / "extracts"
