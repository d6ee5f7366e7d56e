"""Camera benchmarks: page detection + perspective correction (1920×1080), QR decode (1280×720).

Frames come from the simulator's geometry (a tilted A4 page on a desk, a QR code on a phone-
sized card), so the figures measure the same work a kiosk does per preview frame.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from bench.util import median, result
from drivers.camera import outline
from drivers.camera.document import DocumentCapturer
from drivers.camera.qr import QrScanner
from drivers.simulated.camera import (
    PagePose,
    compose,
    project_page,
    qr_image,
    render_desk,
    render_document,
)

ROUNDS = 30
PAYLOAD = "SQ20250314LX030001"


def _time_ms(fn: Any, rounds: int = ROUNDS) -> list[float]:
    fn()  # warm-up: first calls allocate buffers and load IPP code paths
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
    return samples


def _document_frame() -> np.ndarray:
    page = render_document(seed=1)
    pose = PagePose(yaw=15.0, pitch=-20.0, roll=6.0, height_fraction=0.85)
    corners = project_page((page.shape[1], page.shape[0]), (1920, 1080), pose)
    return compose(render_desk(1920, 1080, 1), page, corners)


def _qr_frame() -> np.ndarray:
    code = qr_image(PAYLOAD, 320)
    corners = project_page(
        (320, 320), (1280, 720), PagePose(yaw=20.0, roll=12.0, height_fraction=0.45)
    )
    return compose(render_desk(1280, 720, 2), code, corners)


def run() -> dict[str, Any]:
    capturer = DocumentCapturer()
    doc_frame = _document_frame()

    def detect_and_warp() -> None:
        analysis = capturer.analyze(doc_frame)
        assert analysis.corners is not None, "benchmark frame must contain a page"
        outline.warp_page(
            doc_frame,
            np.asarray(analysis.corners, np.float64),
            outline.estimate_aspect(np.asarray(analysis.corners, np.float64), (1920, 1080)),
        )

    scanner = QrScanner()
    qr_frame = _qr_frame()
    assert scanner.scan(qr_frame) == [PAYLOAD], "benchmark frame must decode"

    doc_ms = median(_time_ms(detect_and_warp))
    qr_ms = median(_time_ms(lambda: scanner.scan(qr_frame)))
    return {
        "doc_detect_warp_median_ms": result(doc_ms, "ms", 40.0),
        "qr_decode_median_ms": result(qr_ms, "ms", 15.0),
    }
