"""QR scanning: segno codes under rotation, perspective, low contrast and tiny blur; garbage."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from drivers.camera.qr import QrScanner
from drivers.simulated.camera import (
    PagePose,
    SimulatedCamera,
    blur,
    compose,
    project_page,
    qr_image,
)

TRACKING = "SQ20250314LX030001"
APPOINTMENT = "YY-0314-A017"


def place(code: np.ndarray, pose: PagePose, size: tuple[int, int] = (1280, 720), bg: int = 200):
    w, h = size
    corners = project_page((code.shape[1], code.shape[0]), size, pose)
    return compose(np.full((h, w, 3), bg, np.uint8), code, corners)


@pytest.fixture
def scanner() -> QrScanner:
    return QrScanner()


@pytest.mark.parametrize(
    ("name", "image"),
    [
        ("upright", place(qr_image(TRACKING, 300), PagePose(height_fraction=0.5))),
        ("rotated", place(qr_image(TRACKING, 300), PagePose(roll=33.0, height_fraction=0.5))),
        ("upside_down", place(qr_image(TRACKING, 300), PagePose(roll=180.0))),
        (
            "perspective",
            place(qr_image(TRACKING, 300), PagePose(yaw=35.0, pitch=25.0, height_fraction=0.6)),
        ),
        (
            "low_contrast",
            place(qr_image(TRACKING, 300, dark=110, light=150), PagePose(roll=10.0), bg=150),
        ),
        ("small_frame", place(qr_image(TRACKING, 200), PagePose(height_fraction=0.6), (320, 240))),
    ],
)
def test_codes_decode_to_the_payload(scanner: QrScanner, name: str, image: np.ndarray) -> None:
    assert scanner.scan(image) == [TRACKING], name


def tiny_blurred() -> np.ndarray:
    """A code of ~3 px per module, defocused: unreadable at 1x for both OpenCV decoders."""
    code = cv2.resize(qr_image(TRACKING, 460), (115, 115), interpolation=cv2.INTER_AREA)
    frame = np.full((240, 320, 3), 230, np.uint8)
    frame[60:175, 100:215] = code
    return blur(frame, 1.4)


def test_tiny_blurred_code_needs_and_gets_the_upscale_retry(scanner: QrScanner) -> None:
    image = tiny_blurred()
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    for detector in (cv2.QRCodeDetectorAruco(), cv2.QRCodeDetector()):
        ok, texts, _, _ = detector.detectAndDecodeMulti(gray)
        assert not (ok and any(texts))  # the retry is what makes the difference
    assert scanner.scan(image) == [TRACKING]


def test_tiny_code_in_a_full_hd_frame_is_read_through_the_located_region() -> None:
    """Large frames are not upscaled whole (too slow); the region around a code the
    detector located but could not decode is enlarged instead."""
    frame = np.full((1080, 1920, 3), 230, np.uint8)
    frame[500:615, 900:1015] = tiny_blurred()[60:175, 100:215]
    assert QrScanner(upscale_max_side=800).scan(frame) == [TRACKING]


def test_two_codes_in_one_frame(scanner: QrScanner) -> None:
    frame = np.full((720, 1280, 3), 220, np.uint8)
    frame[160:460, 140:440] = qr_image(TRACKING, 300)
    frame[200:500, 800:1100] = qr_image(APPOINTMENT, 300)
    assert sorted(scanner.scan(frame)) == sorted([TRACKING, APPOINTMENT])


def test_code_on_a_simulated_page(scanner: QrScanner) -> None:
    with SimulatedCamera(qr_payload=APPOINTMENT, seed=5) as camera:
        frame = camera.read()
    assert scanner.scan(frame) == [APPOINTMENT]


def test_grayscale_and_bgra_frames_are_accepted(scanner: QrScanner) -> None:
    image = place(qr_image(TRACKING, 300), PagePose(roll=5.0))
    assert scanner.scan(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)) == [TRACKING]
    assert scanner.scan(cv2.cvtColor(image, cv2.COLOR_BGR2BGRA)) == [TRACKING]


@pytest.mark.parametrize(
    "garbage",
    [
        np.random.default_rng(0).integers(0, 256, (720, 1280, 3), dtype=np.uint8),
        np.zeros((480, 640, 3), np.uint8),
        np.full((480, 640, 3), 255, np.uint8),
        np.zeros((0, 0, 3), np.uint8),
        np.zeros((1, 1, 3), np.uint8),
        np.zeros((100, 100, 3), np.float32),
        np.zeros((100, 100, 2), np.uint8),
        np.zeros((4, 100, 100), np.uint8),
        None,
        "not an image",
    ],
    ids=lambda g: type(g).__name__ + str(getattr(g, "shape", "")),
)
def test_garbage_frames_return_nothing(scanner: QrScanner, garbage: object) -> None:
    assert scanner.scan(garbage) == []  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(
    hnp.arrays(
        dtype=st.sampled_from([np.uint8, np.uint16, np.float64, np.int8]),
        shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=64),
    )
)
def test_scan_never_raises(array: np.ndarray) -> None:
    result = QrScanner().scan(array)
    assert isinstance(result, list)
    assert all(isinstance(text, str) for text in result)
