"""The OCR engines behind ocr.py: each reads a greyscale 300-dpi page image (table rules
already painted out; where they were given as `cuts`) into words with their boxes in that
image's pixels: {'text', 'left', 'top', 'width', 'height', 'cx', 'cy'}.

REPORTS_OCR_ENGINE (pipelines/settings.py) chooses:

- `rapidocr` (default): RapidOCR (rapidocr-onnxruntime, PP-OCRv4 models inside the wheel,
  onnxruntime on the CPU; nothing downloaded at run time). Loaded once per process, on the
  first scanned page. Text is detected on the page at 100 dpi and each line recognised from
  the 300-dpi image, a line that crosses a table's vertical rule cut there first; one
  onnxruntime thread and one line at a time keep a process at about 0.55 GB resident
  (docs/formats.md). A line is split into words (a Chinese character, a run of Latin
  letters and digits) placed along its box, as Tesseract gives them.
  If the package is not installed, Tesseract takes over.
- `tesseract`: Tesseract chi_sim, `--psm 6`, TSV output, OMP_THREAD_LIMIT=1 (on two cores
  its own threading made a page 5x slower); it drops decimal points in table cells now
  and then (45.77 -> 4577).

With neither engine a scanned PDF fails with an error that says how to get one.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache

from pipelines import settings
from pipelines.documents.office_convert import crash_explanation, crashed, memory_bound_mb, plain_detail

DPI = 300
OCR_TIMEOUT = 120
INSTALL_HINT = (
    "install the project's requirements (rapidocr-onnxruntime, in requirements.lock) or Tesseract with its "
    "simplified Chinese model (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
)


class NeedsOcr(RuntimeError):
    failure_kind = "tool"  # read again on the next run (extract/report.py)


class OcrFailed(RuntimeError):
    failure_kind = "file"


class OcrTimedOut(OcrFailed):
    failure_kind = "limit"


class OcrCrashed(OcrFailed):
    failure_kind = "limit"  # most likely the memory bound: read again on the next run


def engine():
    """The engine REPORTS_OCR_ENGINE chooses, ready to read pages; RapidOCR falls back to
    Tesseract when its package is missing. Raises NeedsOcr when none can be had."""
    try:
        choice = settings.ocr_engine()
    except ValueError as error:
        raise NeedsOcr(str(error)) from error
    if choice == "rapidocr" and rapidocr_installed():
        try:
            rapidocr_model()
            return RapidOcr()
        except (ImportError, OSError):  # installed, but a library it needs is not (OpenCV's libGL)
            if tesseract_path() is None:
                raise
    return Tesseract(check_tesseract())


# ---------------------------------------------------------------- RapidOCR
DET_SCALE = 1 / 3  # text is detected at 100 dpi: a third of the memory and time of 300 dpi, same lines found


def rapidocr_installed() -> bool:
    from importlib.util import find_spec  # noqa: PLC0415

    return find_spec("rapidocr_onnxruntime") is not None


@lru_cache(maxsize=1)
def rapidocr_model():
    """The RapidOCR engine of this process, made on first use (about 0.3 s; models from the wheel)."""
    from rapidocr_onnxruntime import RapidOCR  # noqa: PLC0415 (onnxruntime, opencv: only where pages are scanned)

    return RapidOCR(
        intra_op_num_threads=1, inter_op_num_threads=1,  # one core per extraction child
        use_cls=False,  # pages are upright (the layout rules need them so)
        rec_batch_num=1,  # a batch pads every line to the widest: slower and far more memory
    )


class RapidOcr:
    name = "RapidOCR"

    def read(self, image, cuts=()) -> list[dict]:
        import cv2  # noqa: PLC0415
        import numpy as np  # noqa: PLC0415

        model = rapidocr_model()
        release_freed_memory()  # the page's rendering and table finding: freed, held by malloc
        page = np.asarray(image.convert("RGB"))
        h, w = page.shape[:2]
        small = cv2.resize(page, (round(w * DET_SCALE), round(h * DET_SCALE)), interpolation=cv2.INTER_AREA)
        try:
            boxes, _ = model.text_det(small)
            if boxes is None or len(boxes) == 0:
                return []
            boxes = [piece for box in model.sorted_boxes(boxes) for piece in cut_box(box / DET_SCALE, cuts)]
            found, _ = model.text_rec(model.get_crop_img_list(page, boxes), False)
        except Exception as error:  # onnxruntime's own error types; std::bad_alloc under the memory bound
            raise rapidocr_failure(error) from error
        finally:
            release_freed_memory()  # detection's tensors: 150-200 MB a page
        words: list[dict] = []
        for number, (box, result) in enumerate(zip(boxes, found)):
            text, score = result[0].strip(), result[1]
            if not text or score < model.text_score:
                continue
            xs, ys = box[:, 0], box[:, 1]
            line = split_line(text, float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
            words.extend({**word, "box": number} for word in line)  # (a box is a run of text: a cell of an unruled row)
        return words


def release_freed_memory() -> None:
    """Hand memory freed by the page's steps back to the system (glibc's malloc_trim): malloc
    keeps freed blocks below its mmap threshold for reuse, and the next step's large arrays do
    not always fit them, so the process grows by what it has freed. Measured on the 4-page
    scanned sample: the peak of the process 476 MB without, 436 MB with, in the same time.
    Does nothing where the C library is not glibc."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    import ctypes  # noqa: PLC0415
    import ctypes.util  # noqa: PLC0415

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def cut_box(box, cuts) -> list:
    """A detected line's box, cut where a table's vertical rule crosses it: text of two
    neighbouring cells detected as one line is recognised cell by cell. `cuts` are
    (x, top, bottom) of the rules, in the page's pixels."""
    import numpy as np  # noqa: PLC0415

    x0, y0 = box.min(axis=0)
    x1, y1 = box.max(axis=0)
    middle = (y0 + y1) / 2
    xs = sorted(x for x, top, bottom in cuts if top <= middle <= bottom and x0 + 4 < x < x1 - 4)
    if not xs:
        return [box.astype(np.float32)]
    edges = [x0, *xs, x1]
    return [
        np.array([[a, y0], [b, y0], [b, y1], [a, y1]], dtype=np.float32)
        for a, b in zip(edges, edges[1:]) if b - a >= 8
    ]


def rapidocr_failure(error: Exception) -> OcrFailed:
    message = str(error)
    if isinstance(error, MemoryError) or "bad_alloc" in message:
        return OcrCrashed(f"RapidOCR ran out of memory on a scanned page, {crash_explanation(0, 'std::bad_alloc', memory_bound_mb())}")
    lines = [line for line in message.splitlines() if line.strip()]
    return OcrFailed("RapidOCR failed on a scanned page" + (f": {plain_detail(lines[-1])}" if lines else ""))


_TOKENS = re.compile(r"[A-Za-z0-9.,:%+\-/_@()]+|\S")


def split_line(text: str, x0: float, y0: float, x1: float, y1: float) -> list[dict]:
    """A recognised line as words, as Tesseract gives them: a Chinese character or mark each,
    a run of Latin letters and digits one word; each given its share of the line's width
    (a half-width character counts half)."""
    tokens = [(m.group(0), m.start()) for m in _TOKENS.finditer(text)]
    weights = [sum(0.5 if ch.isascii() else 1.0 for ch in token) for token, _ in tokens]
    unit = (x1 - x0) / (sum(weights) or 1)
    words, left = [], x0
    for (token, _), weight in zip(tokens, weights):
        width = weight * unit
        words.append(_word(token, left, y0, width, y1 - y0))
        left += width
    return words


def _word(text: str, left: float, top: float, width: float, height: float) -> dict:
    return {"text": text, "left": round(left), "top": round(top), "width": max(1, round(width)),
            "height": max(1, round(height)), "cx": left + width / 2, "cy": top + height / 2}


# ---------------------------------------------------------------- Tesseract
def _tesseract_env() -> dict[str, str]:
    """One thread a page (the cores are shared out by page), and its temporary files where this
    process keeps its own (an extraction child's private folder)."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1", "TMPDIR": tempfile.gettempdir()}


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def check_tesseract() -> str:
    tesseract = tesseract_path()
    if tesseract is None:
        raise NeedsOcr(f"the PDF is scanned (no usable text layer) and needs OCR: {INSTALL_HINT}")
    try:
        done = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired as error:
        raise OcrTimedOut("Tesseract did not list its languages within 30 s") from error
    if done.returncode != 0 and crashed(done.returncode, done.stderr):
        raise tesseract_failure(done.returncode, done.stderr)  # not a missing model: the memory bound
    if "chi_sim" not in (done.stdout + done.stderr).split():
        raise NeedsOcr(f"the PDF is scanned and needs OCR, but Tesseract has no chi_sim model: {INSTALL_HINT}")
    return tesseract


class Tesseract:
    name = "Tesseract"

    def __init__(self, path: str):
        self.path = path

    def read(self, image, cuts=()) -> list[dict]:
        """Tesseract's words are single characters or runs of digits: no line to cut."""
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        env = _tesseract_env()
        try:
            done = subprocess.run(
                [self.path, "stdin", "stdout", "-l", "chi_sim", "--psm", "6", "--dpi", str(DPI), "tsv"],
                input=buffer.getvalue(), capture_output=True, timeout=OCR_TIMEOUT, env=env,
            )
        except subprocess.TimeoutExpired as error:
            raise OcrTimedOut(f"OCR of a page took longer than {OCR_TIMEOUT} s") from error
        if done.returncode != 0:
            raise tesseract_failure(done.returncode, done.stderr.decode(errors="replace"))
        words = []
        rows = csv.DictReader(io.StringIO(done.stdout.decode("utf-8", errors="replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in rows:
            text = (row.get("text") or "").strip()
            if row.get("level") != "5" or not text or float(row.get("conf") or -1) < 0:
                continue
            words.append(_word(text, *(int(row[k]) for k in ("left", "top", "width", "height"))))
        return words


# Tesseract's orientation detection: how many degrees clockwise turn a page upright
_OSD_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.M)
_OSD_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.M)
OSD_MIN_CONFIDENCE = 2.0  # below this Tesseract is guessing (a page of few characters)


def orientation_turn(image) -> int | None:
    """The clockwise turn (0, 90, 180, 270) that sets a page image upright, by Tesseract's
    orientation detection (osd, shipped with Debian's tesseract-ocr); None where Tesseract or
    its osd model is missing, or it is not sure. About 1.5 s a page, so only asked of pages
    that look sideways (ocr.looks_sideways)."""
    path = tesseract_path()
    if path is None:
        return None
    buffer = io.BytesIO()
    image.reduce(2).save(buffer, "PNG")
    env = _tesseract_env()
    try:
        done = subprocess.run([path, "stdin", "stdout", "--psm", "0", "--dpi", str(DPI // 2)],
                              input=buffer.getvalue(), capture_output=True, timeout=OCR_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return None
    out = done.stdout.decode(errors="replace")
    turn, confidence = _OSD_ROTATE.search(out), _OSD_CONFIDENCE.search(out)
    if done.returncode != 0 or not turn or not confidence or float(confidence.group(1)) < OSD_MIN_CONFIDENCE:
        return None
    return int(turn.group(1)) % 360


def tesseract_failure(returncode: int, stderr: str) -> OcrFailed:
    """The error for a failed Tesseract run: a crash (a signal, a refused allocation, a library
    it could not map) is most likely the extraction's memory bound; raw output never goes
    in, at most one line of it made plain (no addresses, no paths)."""
    if crashed(returncode, stderr):
        explanation = crash_explanation(returncode, stderr, memory_bound_mb())
        return OcrCrashed(f"Tesseract crashed on a scanned page, {explanation}")
    lines = [line for line in stderr.splitlines() if line.strip()]
    return OcrFailed("Tesseract failed on a scanned page" + (f": {plain_detail(lines[-1])}" if lines else ""))


def ocr_available() -> bool:
    """Whether scanned pages can be read here (without loading an engine)."""
    if rapidocr_installed():
        return True
    try:
        check_tesseract()
    except (NeedsOcr, OcrFailed, OSError, subprocess.SubprocessError):
        return False
    return True
