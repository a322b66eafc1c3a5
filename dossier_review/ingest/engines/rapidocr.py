"""RapidOCR (PP-OCR models on onnxruntime) as an OCR engine: the models shipped in its wheel only.

Every model path is set explicitly, and the font path too (used only to draw results, which we
never do), so RapidOCR never reaches for its download code: ``model_paths`` names files inside
the installed package and ``available`` is False when one is missing, never "download it".
onnxruntime runs one intra-op and one inter-op thread: the OCR pool already fills every core,
and a second layer of threads per worker only makes them fight (as Tesseract's OpenMP does).
"""
from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path

import cv2
import numpy as np

from ..words import bands

# the models in rapidocr 3.x's wheel: PP-OCRv6 small detector and recogniser (Apache-2.0); the
# direction classifier is not used (pages are straightened before they are read)
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
# any local font; RapidOCR would fetch its own to draw results when none is given
FONT_CANDIDATES = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                   "/usr/share/fonts/truetype/arphic/ukai.ttc",
                   "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# a line crop is padded by this share of its height on every side: the recogniser reads a line
# whose strokes touch the crop's edge badly
LINE_PAD = 0.15
# the recogniser's input: lines scaled to this height, at least this wide (PP-OCR's 3x48x320)
REC_HEIGHT = 48
REC_MIN_WIDTH = 320


def package_dir() -> Path | None:
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent


def model_paths() -> dict[str, Path]:
    """The model files inside the installed rapidocr package (which may be missing)."""
    root = package_dir()
    models = (root / "models") if root else Path("rapidocr-not-installed")
    return {"det": models / DET_MODEL, "rec": models / REC_MODEL, "cls": models / CLS_MODEL}


def font_path() -> str | None:
    return next((f for f in FONT_CANDIDATES if os.path.exists(f)), None)


def _params() -> dict:
    paths = model_paths()
    params = {
        "Global.log_level": "warning",
        "Global.use_cls": False,
        "Det.model_path": str(paths["det"]),
        "Rec.model_path": str(paths["rec"]),
        "Cls.model_path": str(paths["cls"]),
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    if font_path():
        params["Global.font_path"] = font_path()
    return params


@functools.lru_cache(maxsize=1)
def _reader():
    from ...errors import MissingDependencyError

    if not ENGINE.available():
        raise MissingDependencyError(
            "RapidOCR is not installed with its models; install the project's dependencies "
            "(pip install rapidocr onnxruntime)")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from rapidocr import RapidOCR

    return RapidOCR(params=_params())


@functools.lru_cache(maxsize=1)
def _recogniser():
    """The wheel's recognition model on onnxruntime, with its character list (in the model's
    metadata), loaded without RapidOCR's pipeline: importing that costs ~0.9 CPU-s (its model
    tables are parsed with OmegaConf at import), four times the session itself, and the second
    opinion reads only a few lines a dossier."""
    from ...errors import MissingDependencyError

    if not ENGINE.available():
        raise MissingDependencyError(
            "RapidOCR is not installed with its models; install the project's dependencies "
            "(pip install rapidocr onnxruntime)")
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    session = ort.InferenceSession(str(model_paths()["rec"]), sess_options=opts,
                                   providers=["CPUExecutionProvider"])
    chars = session.get_modelmeta().custom_metadata_map["character"].splitlines()
    # as RapidOCR's CTCLabelDecode: the CTC blank first, a space last
    return session, ["", *chars, " "]


def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """(text, mean character confidence) of each line image: RapidOCR's recogniser as its
    ``TextRecognizer`` runs it (height 48, values in -1..1, greedy CTC decoding)."""
    session, chars = _recogniser()
    name = session.get_inputs()[0].name
    out = []
    for crop in crops:
        img = _bgr(crop)
        h, w = img.shape[:2]
        width = max(int(np.ceil(REC_HEIGHT * w / float(max(h, 1)))), 1)
        x = cv2.resize(img, (width, REC_HEIGHT)).astype(np.float32).transpose(2, 0, 1) / 255.0
        x = (x - 0.5) / 0.5
        padded = np.zeros((1, 3, REC_HEIGHT, max(width, REC_MIN_WIDTH)), np.float32)
        padded[0, :, :, :width] = x
        preds = session.run(None, {name: padded})[0][0]
        idx, prob = preds.argmax(axis=1), preds.max(axis=1)
        keep = np.ones(len(idx), bool)
        keep[1:] = idx[1:] != idx[:-1]
        keep &= idx != 0
        text = "".join(chars[i] for i in idx[keep])
        out.append((text, float(prob[keep].mean()) if keep.any() else 0.0))
    return out


def _bgr(gray: np.ndarray) -> np.ndarray:
    if gray.ndim == 3:
        return np.ascontiguousarray(gray[..., :3])
    return np.ascontiguousarray(np.repeat(gray[..., None], 3, axis=2))


def _line_rows(boxes, texts, scores, chars) -> list[dict]:
    """Detected text boxes as word rows; boxes whose vertical centres share a band form a line
    (the cells of one table row), numbered top to bottom."""
    items = []
    for quad, text, score, cs in zip(boxes, texts, scores, chars, strict=True):
        if not (text or "").strip():
            continue
        q = np.asarray(quad, dtype=float)
        x0, y0 = (int(v) for v in q.min(axis=0))
        x1, y1 = (int(round(v)) for v in q.max(axis=0))
        items.append({"left": x0, "top": y0, "width": max(x1 - x0, 1), "height": max(y1 - y0, 1),
                      "text": text, "score": float(score), "chars": cs})
    rows = []
    for n, line in enumerate(bands(items), start=1):
        for w in line:
            chars = []
            for ch, conf, quad in w["chars"] or ():
                q = np.asarray(quad, dtype=float)
                chars.append((round(float(conf), 4),
                              [int(q[:, 0].min()), int(q[:, 1].min()), int(q[:, 0].max()), int(q[:, 1].max())],
                              ch))
            if "".join(c[2] for c in chars) != w["text"]:
                chars = [(round(w["score"], 4), None, ch) for ch in w["text"]]
            rows.append({"level": "5", "block_num": "1", "par_num": "1", "line_num": str(n),
                         "left": str(w["left"]), "top": str(w["top"]), "width": str(w["width"]),
                         "height": str(w["height"]), "conf": str(round(100.0 * w["score"], 2)),
                         "text": w["text"], "chars": chars})
    return rows


class RapidOcrEngine:
    """The ``Engine`` interface over RapidOCR (``ingest.engines``)."""

    name = "rapidocr"

    def available(self) -> bool:
        if importlib.util.find_spec("onnxruntime") is None or package_dir() is None:
            return False
        return all(p.is_file() for p in model_paths().values())

    def version(self) -> str:
        from importlib.metadata import version

        return f"rapidocr {version('rapidocr')} {DET_MODEL} {REC_MODEL}"

    def read_page(self, gray: np.ndarray, dpi: int) -> list[dict]:
        # every switch named on every call: RapidOCR keeps the last call's switches as its own
        res = _reader()(_bgr(gray), use_det=True, use_cls=False, use_rec=True, return_word_box=True,
                        return_single_char_box=True)
        if res.boxes is None or not len(res.boxes):
            return []
        chars = res.word_results or [()] * len(res.txts)
        return _line_rows(res.boxes, res.txts, res.scores, chars)

    def read_lines(self, gray: np.ndarray, boxes: list[list[int]]) -> list[tuple[str, float]]:
        """The recogniser alone on each line crop (no detection: tens of milliseconds a line)."""
        h, w = gray.shape[:2]
        crops, where = [], []
        for k, (x0, y0, x1, y1) in enumerate(boxes):
            pad = int(LINE_PAD * max(y1 - y0, 1))
            crop = gray[max(int(y0) - pad, 0):min(int(y1) + pad, h), max(int(x0) - pad, 0):min(int(x1) + pad, w)]
            if crop.size and min(crop.shape[:2]) >= 4:
                crops.append(crop)
                where.append(k)
        out = [("", 0.0)] * len(boxes)
        for k, reading in zip(where, recognise(crops), strict=True):
            out[k] = reading
        return out


ENGINE = RapidOcrEngine()
