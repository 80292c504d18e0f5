"""Every entry of the raw folder, and why an entry that is not a readable file is not read.

No entry may stop the run: a symbolic link that loops, a name that is not valid UTF-8 (GBK
names from Windows zip archives are common), a folder that cannot be listed, a FIFO or a
device. Each is returned like a file, and `refusal` gives the plain reason it is not read;
the run records it as a failed report, so it shows in `dim_report` and the summary instead
of vanishing. A FIFO or a device is never opened (reading one would block or never end).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Files a person or an editor left behind rather than reports: hidden files, Office lock
# files (~$x.docx).
IGNORED_PREFIXES = (".", "~$")


class RawFolderMissing(FileNotFoundError):
    """The raw folder itself is absent or not a folder: the whole run cannot go on."""


def list_raw_folder(raw_dir: Path) -> list[Path]:
    """Every entry under `raw_dir`, recursively, sorted: files of any type, links, and
    folders that could not be listed; hidden entries skipped. Symbolic links to
    folders are not entered (what they lead to inside the folder is walked anyway; a link to
    a parent would loop); one leading outside the folder is listed, to be refused."""
    return [raw_dir / name for name in raw_folder_names(raw_dir)]


def raw_folder_names(raw_dir: Path) -> list[str]:
    """list_raw_folder's entries as paths relative to `raw_dir` ('/' between folders), in its order."""
    if not raw_dir.is_dir():
        raise RawFolderMissing(f"the raw folder {raw_dir} does not exist or is not a folder (not mounted?)")
    top = os.fspath(raw_dir)
    entries: list[str] = []
    unlistable: list[str] = []  # folders that could not be listed: entries, to be reported
    _walk(top, raw_dir, entries, unlistable)
    if top in unlistable:
        raise RawFolderMissing(f"the raw folder {raw_dir} cannot be read (permission denied?)")
    inside = len(os.path.join(top, ""))  # (every path listed is the folder's path, a separator, the rest)
    names = {path[inside:].replace(os.sep, "/") for path in entries + unlistable}
    return sorted(names, key=lambda name: name.split("/"))  # (as paths sort: folder by folder)


def _walk(top: str, root: Path, entries: list[str], unlistable: list[str]) -> None:
    """os.walk without following links, each entry's kind taken from the listing itself: a
    stat per entry (pathlib's) was most of listing 10,000 files, which every run does. A list of
    folders still to list rather than recursion: a deep tree cannot exhaust Python's stack."""
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                children = list(listing)
        except OSError:
            unlistable.append(folder)
            continue
        for child in children:
            if ignored(child.name):
                continue
            if _is_folder(child):
                folders.append(child.path)
            elif not (child.is_symlink() and _link_inside_to_folder(Path(child.path), root)):
                entries.append(child.path)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:  # not examinable: listed, then reported
        return False


def ignored(name: str) -> bool:
    return name.startswith(IGNORED_PREFIXES)


def _link_inside_to_folder(link: Path, root: Path) -> bool:
    """Whether a symbolic link leads to a folder inside the raw folder: its files are listed
    where they are."""
    try:
        return link.is_dir() and _resolves_inside(link, root) is True
    except OSError:  # a path past the system's length limit: listed, then reported
        return False


def _resolves_inside(path: Path, root: Path) -> bool | None:
    """Whether the link's target lies inside `root`; None when the link loops."""
    try:
        return path.resolve(strict=False).is_relative_to(root.resolve())
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop
        return None


def refusal(path: Path, root: Path) -> str | None:
    """Why the entry is not read, in plain words; None for a regular file that may be read
    (inside the folder, or linked from inside to a file inside)."""
    try:
        info = path.lstat()
    except OSError as error:
        return f"the entry could not be examined ({(error.strerror or str(error)).lower()})"
    if stat.S_ISLNK(info.st_mode):
        inside = _resolves_inside(path, root)
        if inside is None:
            return "a symbolic link that loops back on itself: not followed"
        if not inside:
            return "a symbolic link to a place outside the raw folder: not followed"
        if not path.exists():
            return "a symbolic link whose target does not exist"
        info = path.stat()
    if stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISDIR(info.st_mode):  # listed only when it could not be listed
        return f"the folder could not be read ({_listing_error(path)}): the reports in it are missing from this run"
    return f"not a regular file ({_kind(info.st_mode)}): not read"


def _listing_error(folder: Path) -> str:
    try:
        os.listdir(folder)
    except OSError as error:
        return (error.strerror or str(error)).lower()
    return "it could not be listed during the run"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "an unknown kind of entry"
