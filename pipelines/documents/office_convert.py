"""Convert office files with LibreOffice headless (`soffice`): old .doc/.wps/.xls to
.docx/.xlsx for the readers, and .docx to .pdf for the sample renderer.

Each conversion runs in its own throw-away LibreOffice profile, so conversions can run
side by side and never touch a user's profile, with a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180


class NeedsLibreOffice(RuntimeError):
    pass


class ConversionFailed(RuntimeError):
    pass


def soffice_path() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.path.exists(candidate):
            return candidate
    return None


def soffice_command(
    soffice: str, home: Path, target: str, filter_name: str | None, out_dir: Path, sources: list[Path]
) -> list[str]:
    """A headless conversion of `sources` into out_dir, with the LibreOffice profile under `home`."""
    return [
        soffice, f"-env:UserInstallation={(home / 'user').resolve().as_uri()}", "--headless", "--norestore",
        "--nologo", "--nodefault", "--nolockcheck", "--convert-to",
        f"{target}:{filter_name}" if filter_name else target, "--outdir", str(out_dir), *map(str, sources),
    ]


def convert(path: Path, target: str, out_dir: Path, filter_name: str | None = None) -> Path:
    """Convert `path` to `target` ('docx', 'xlsx', 'pdf') inside out_dir; return the new file."""
    soffice = soffice_path()
    if soffice is None:
        raise NeedsLibreOffice(
            f"needs LibreOffice to read {path.suffix or 'this'} files: install it "
            "(Debian: apt-get install --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        # a plain ASCII copy: LibreOffice is happier with simple names, and the input stays untouched
        source = Path(profile) / f"input{path.suffix.lower()}"
        shutil.copyfile(path, source)
        command = soffice_command(soffice, Path(profile), target, filter_name, out_dir, [source])
        env = {**os.environ, "HOME": profile}
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, env=env)
        except subprocess.TimeoutExpired as error:
            raise ConversionFailed(f"LibreOffice did not convert the file within {TIMEOUT_SECONDS} s") from error
        result = out_dir / f"input.{target}"
        if done.returncode != 0 or not result.exists() or result.stat().st_size == 0:
            detail = (done.stderr or done.stdout or "").strip().splitlines()
            raise ConversionFailed(
                f"LibreOffice could not convert the {path.suffix} file (damaged, encrypted or not that format)"
                + (f": {detail[-1][:200]}" if detail else "")
            )
    return result


def convert_bytes(data: bytes, suffix: str, target: str, filter_name: str | None = None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="lo-convert-") as tmp:
        source = Path(tmp) / f"in{suffix}"
        source.write_bytes(data)
        return convert(source, target, Path(tmp) / "out", filter_name).read_bytes()


def convert_many(paths: list[Path], target: str, out_dir: Path, filter_name: str | None = None,
                 profile: Path | None = None) -> list[Path]:
    """Convert many files with one LibreOffice process: the same filter as `convert`, one
    start (about 1 s) for the whole batch instead of one a file.

    Results are `out_dir/<source stem>.<target>`, in the order of `paths` (the stems must
    differ; plain ASCII names are safest). `profile` is a LibreOffice user profile folder
    to (re)use: give each concurrent batch its own, since LibreOffice refuses a second
    process on a profile in use; without one, a throw-away profile is made. A file the
    batch did not convert (a crash part-way) is retried on its own once; what still fails
    raises ConversionFailed.
    """
    soffice = soffice_path()
    if soffice is None:
        raise NeedsLibreOffice("needs LibreOffice (soffice) to convert office files")
    paths = [Path(p) for p in paths]
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise ValueError("convert_many: the sources' names (without suffix) must differ")
    out_dir.mkdir(parents=True, exist_ok=True)
    results = [out_dir / f"{stem}.{target}" for stem in stems]
    if not paths:
        return results
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as scratch:
        home = Path(profile) if profile is not None else Path(scratch)
        home.mkdir(parents=True, exist_ok=True)

        def run(sources: list[Path]) -> str:
            command = soffice_command(soffice, home, target, filter_name, out_dir, sources)
            try:
                done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "HOME": str(home)},
                                      timeout=TIMEOUT_SECONDS + 20 * len(sources))
            except subprocess.TimeoutExpired:
                return f"timed out after {TIMEOUT_SECONDS + 20 * len(sources)} s"
            detail = (done.stderr or done.stdout or "").strip().splitlines()
            return detail[-1][:200] if detail else ""

        def converted(result: Path) -> bool:
            return result.exists() and result.stat().st_size > 0

        detail = run(paths)
        missing = [source for source, result in zip(paths, results) if not converted(result)]
        for source in missing:
            detail = run([source]) or detail
        failed = [source.name for source, result in zip(paths, results) if not converted(result)]
    if failed:
        raise ConversionFailed(f"LibreOffice did not convert {', '.join(failed[:10])}" + (f": {detail}" if detail else ""))
    return results
