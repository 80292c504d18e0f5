"""Convert office files with LibreOffice headless (`soffice`): old .doc/.wps/.xls to
.docx/.xlsx for the readers, and .docx to .pdf for the sample renderer.

Each conversion runs in its own throw-away LibreOffice profile, so conversions can run
side by side and never touch a user's profile, with a time limit. The profile and the copy
of the input live in the system temp folder, which in an extraction child is a private
folder the sandbox removes whatever becomes of the child (pipelines/run/sandbox.py).

LibreOffice runs in a process group of its own (`soffice` execs `oosplash`, which starts
`soffice.bin`): past the time limit the whole group is killed, not only the first process.
It inherits the extraction child's memory bound (RLIMIT_AS) too: a conversion that needs
more crashes with a backtrace, and is reported in plain words as a limit failure.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180


class NeedsLibreOffice(RuntimeError):
    failure_kind = "tool"  # read again on the next run (extract/report.py)


class ConversionFailed(RuntimeError):
    failure_kind = "file"


class ConversionTimedOut(ConversionFailed):
    failure_kind = "limit"


class ConversionCrashed(ConversionFailed):
    failure_kind = "limit"  # most likely the memory bound: read again on the next run


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
        # its own temp files (lu*.tmp) go in the profile folder too, so they go with it even if it is killed
        env = {**os.environ, "HOME": profile, "TMPDIR": profile}
        try:
            done = run_soffice(command, env, TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as error:
            raise ConversionTimedOut(f"LibreOffice did not convert the file within {TIMEOUT_SECONDS} s") from error
        result = out_dir / f"input.{target}"
        if done.returncode != 0 or not result.exists() or result.stat().st_size == 0:
            raise conversion_failure(path.suffix, done.returncode, done.stderr or done.stdout or "", memory_bound_mb())
    return result


def run_soffice(command: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """Run LibreOffice in a process group of its own and wait for it. On the timeout (or any
    interruption) the whole group is killed: `subprocess.run(timeout=…)` kills only the direct
    child, and soffice.bin, two processes down, would run on. The group stays in the
    caller's session, so the sandbox's kill of an extraction child reaches it as well."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
                          env=env, process_group=0) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except BaseException:
            kill_group(process.pid)
            process.wait()
            raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def kill_group(pgid: int) -> None:
    """SIGKILL a process group we started (its leader not yet waited for, so the id is still ours)."""
    if pgid == os.getpgrp():
        return  # never our own group
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # already gone


def memory_bound_mb() -> int | None:
    """The address-space bound this process runs under (the sandbox's), in MB; None if unbounded."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return None if soft == resource.RLIM_INFINITY else soft >> 20


# ---------------------------------------------------------------- plain failure messages
# what a tool prints when it dies: LibreOffice's crash handler's banner, then a backtrace;
# C++'s refused allocation; the loader refused the address space for a library
_CRASH_MARKERS = ("std::bad_alloc", "Fatal exception", "Signal ", "Unspecified Application Error",
                  "terminate called", "Stack:", "failed to map segment", "Cannot allocate memory")
_CAUSE_MARKERS = ("std::bad_alloc", "Fatal exception", "failed to map segment", "Cannot allocate memory")
_ADDRESS = re.compile(r"[\[(]?\+?0x[0-9a-fA-F]+[\])]?")
_PATH = re.compile(r"(?<![\w.])/[^\s()\[\]'\"<>:,;]*")
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x1f\x7f-\x9f]")  # terminal colour codes too


def plain_detail(text: str, limit: int = 160) -> str:
    """A tool's output line made fit for a report's error: memory addresses dropped, paths
    cut to their last part (a temp folder or a library's place helps nobody), control
    characters removed, spaces squeezed, at most `limit` characters."""
    text = _CONTROL.sub(" ", _ADDRESS.sub("", text))
    text = _PATH.sub(lambda match: os.path.basename(match.group(0).rstrip("/")), text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _meaningful_lines(output: str) -> list[str]:
    # the javaldx warning comes with every run on a system without Java: it explains nothing
    return [line for line in output.splitlines() if line.strip() and "javaldx" not in line]


def crashed(returncode: int, output: str) -> bool:
    """Whether a tool (LibreOffice, Tesseract) died rather than refused the file: a signal (a
    negative code, or 128 + the signal from LibreOffice's launcher oosplash), or what it
    prints when it dies."""
    return returncode < 0 or returncode > 128 or any(marker in output for marker in _CRASH_MARKERS)


def conversion_failure(suffix: str, returncode: int, output: str, memory_mb: int | None = None) -> ConversionFailed:
    """The error for a failed conversion, from soffice's exit code and output. A crash is most
    likely the memory bound LibreOffice inherits from the extraction child (a limit: read
    again on the next run); anything else is the file refused. Raw output never goes in
    (backtraces, addresses, temp paths): at most one line of it, made plain."""
    lines = _meaningful_lines(output)
    if crashed(returncode, output):
        explanation = crash_explanation(returncode, output, memory_mb)
        return ConversionCrashed(f"LibreOffice crashed while converting the {suffix} file, {explanation}")
    return ConversionFailed(
        f"LibreOffice could not convert the {suffix} file (damaged, encrypted or not that format)"
        + (f": {plain_detail(lines[-1])}" if lines else "")
    )


def crash_explanation(returncode: int, output: str, memory_mb: int | None) -> str:
    """'most likely out of memory …' and the one line of the tool's output that says why, made plain."""
    lines = _meaningful_lines(output)
    cause = next((line for line in lines if any(marker in line for marker in _CAUSE_MARKERS)), None)
    details = ([plain_detail(cause)] if cause else []) + ([f"signal {-returncode}"] if returncode < 0 else [])
    if memory_mb:
        why = f"most likely out of memory under the extraction memory bound ({memory_mb} MB, REPORTS_EXTRACT_MEMORY_MB)"
    else:  # not in an extraction child: no bound to blame
        why = "possibly out of memory"
    return why + (f"; it said: {', '.join(details)}" if details else "")


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
                env = {**os.environ, "HOME": str(home), "TMPDIR": scratch}
                done = run_soffice(command, env, TIMEOUT_SECONDS + 20 * len(sources))
            except subprocess.TimeoutExpired:
                return f"timed out after {TIMEOUT_SECONDS + 20 * len(sources)} s"
            output = done.stderr or done.stdout or ""
            if crashed(done.returncode, output):
                return "LibreOffice crashed (most likely out of memory)"
            lines = _meaningful_lines(output)
            return plain_detail(lines[-1]) if lines else ""

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
