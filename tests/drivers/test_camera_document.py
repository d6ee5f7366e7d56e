"""Document capture: outline, perspective, guidance, stability, deskew, enhancement, JPEG cap.

Every image is generated here: pages projected through a pinhole camera (the simulator's
geometry helpers) and, independently of that code, rectangles drawn with plain OpenCV calls.
"""

from __future__ import annotations

import hashlib
import math

import cv2
import numpy as np
import pytest

from drivers.camera import imaging, outline
from drivers.camera.document import CaptureSettings, DocumentCapturer, StabilityTracker
from drivers.simulated.camera import (
    PagePose,
    add_glare,
    blur,
    compose,
    project_page,
    render_desk,
    render_document,
)
from kiosk.errors import CameraError
from kiosk.ports.camera import CaptureGuidance, Enhancement, FrameAnalysis

W, H = 1280, 720
DIAG = math.hypot(W, H)


def scene(
    pose: PagePose, *, page_size: tuple[int, int] = (840, 1188), seed: int = 7
) -> tuple[np.ndarray, np.ndarray]:
    """(frame, true corners) of a printed page on a desk."""
    page = render_document(page_size, seed=seed)
    corners = project_page(page_size, (W, H), pose)
    return compose(render_desk(W, H, seed), page, corners), corners


def low_contrast(frame: np.ndarray, gain: float = 0.25, offset: float = 110.0) -> np.ndarray:
    return np.clip(frame.astype(np.float32) * gain + offset, 0, 255).astype(np.uint8)


def corner_error(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.max(np.linalg.norm(found - outline.order_corners(truth), axis=1)))


# -- outline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pose", "variant"),
    [
        (PagePose(), "plain"),
        (PagePose(roll=35.0, height_fraction=0.75), "plain"),
        (PagePose(yaw=25.0, pitch=-20.0, roll=8.0), "plain"),
        (PagePose(yaw=-15.0, pitch=15.0, roll=-5.0), "low_contrast"),
        (PagePose(roll=12.0, pitch=-10.0), "blurred"),
        (PagePose(roll=90.0, height_fraction=0.6), "plain"),
    ],
)
def test_outline_found_with_small_corner_error(pose: PagePose, variant: str) -> None:
    frame, truth = scene(pose)
    if variant == "low_contrast":
        frame = low_contrast(frame)
    elif variant == "blurred":
        frame = blur(frame, 4.0)
    small, scale = outline.downscale(frame, 640)
    quad = outline.find_page_quad(outline.to_gray(small))
    assert quad is not None
    assert corner_error(quad / scale, truth) < 0.01 * DIAG


def test_outline_of_a_plainly_drawn_rotated_low_contrast_rectangle() -> None:
    rng = np.random.default_rng(1)
    frame = rng.normal(120, 3, (H, W)).astype(np.float32)
    box = cv2.boxPoints(((640.0, 360.0), (380.0, 540.0), 23.0))
    cv2.fillConvexPoly(frame, np.round(box).astype(np.int32), 142.0)  # 22 grey levels apart
    image = cv2.cvtColor(np.clip(frame, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)
    analysis = DocumentCapturer(CaptureSettings(blur_threshold=0.0)).analyze(image)
    assert analysis.corners is not None
    assert corner_error(np.array(analysis.corners), box) < 6.0


def test_corners_are_ordered_clockwise_from_top_left_even_at_45_degrees() -> None:
    box = cv2.boxPoints(((100.0, 100.0), (80.0, 40.0), 45.0))
    ordered = outline.order_corners(box[::-1])
    signed_area = 0.5 * sum(
        ordered[i, 0] * ordered[(i + 1) % 4, 1] - ordered[(i + 1) % 4, 0] * ordered[i, 1]
        for i in range(4)
    )
    assert signed_area > 0  # clockwise on screen (y grows downwards)
    assert int(np.argmin(ordered.sum(axis=1))) == 0
    shuffled = outline.order_corners(box[[2, 0, 3, 1]])
    np.testing.assert_allclose(shuffled, ordered)


def test_desk_without_a_page_gives_no_outline() -> None:
    for seed in range(4):
        desk = render_desk(W, H, seed)
        small, _ = outline.downscale(desk, 640)
        assert outline.find_page_quad(outline.to_gray(small)) is None


# -- perspective correction --------------------------------------------------------------


def test_strong_tilt_aspect_comes_from_geometry_not_edge_lengths() -> None:
    corners = project_page((840, 1188), (W, H), PagePose(pitch=-35.0, height_fraction=0.9))
    truth = 840 / 1188
    edge_ratio = outline.estimate_aspect(corners, (W, H), known=(), snap_tolerance=0.0)
    naive = (np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3])) / (
        np.linalg.norm(corners[3] - corners[0]) + np.linalg.norm(corners[2] - corners[1])
    )
    assert abs(naive / truth - 1) > 0.1  # the naive answer really is wrong here
    assert abs(edge_ratio / truth - 1) < 0.02


@pytest.mark.parametrize(
    ("page_size", "pose", "expected"),
    [
        ((840, 1188), PagePose(yaw=20.0, pitch=-25.0, roll=6.0), 840 / 1188),
        ((856, 540), PagePose(yaw=-18.0, pitch=20.0, height_fraction=0.55), 85.6 / 53.98),
    ],
)
def test_capture_warps_to_the_page_aspect_ratio(
    page_size: tuple[int, int], pose: PagePose, expected: float
) -> None:
    frame, _ = scene(pose, page_size=page_size)
    captured = DocumentCapturer().capture(frame)
    h, w = captured.page.shape[:2]
    assert abs((w / h) / expected - 1) < 0.02
    assert (captured.image.width, captured.image.height) == (w, h)


def test_capture_without_page_raises_a_camera_error() -> None:
    with pytest.raises(CameraError) as info:
        DocumentCapturer().capture(render_desk(W, H, 3))
    assert info.value.key == "error.camera.no_page"


def test_warped_page_content_is_upright_text() -> None:
    """The corrected page has the title bar at the top, as printed."""
    frame, _ = scene(PagePose(yaw=15.0, pitch=-15.0, roll=20.0))
    page = DocumentCapturer(CaptureSettings(deskew=False)).capture(frame).page
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    rows = gray.mean(axis=1)
    title = slice(int(0.1 * len(rows)), int(0.133 * len(rows)))
    assert rows[title].min() < 140 < rows[: int(0.08 * len(rows))].mean()


# -- guidance ----------------------------------------------------------------------------


def test_guidance_for_each_problem() -> None:
    capturer = DocumentCapturer()
    frame, corners = scene(PagePose(yaw=10.0, pitch=-10.0))
    centre = corners.mean(axis=0)
    far, _ = scene(PagePose(height_fraction=0.3, centre=(0.3, 0.4)))
    cases = [
        (CaptureGuidance.READY, frame),
        (CaptureGuidance.READY, low_contrast(frame, 0.5, 60.0)),
        (CaptureGuidance.HOLD_STILL, blur(frame, 6.0)),
        (CaptureGuidance.AVOID_GLARE, add_glare(frame, (centre[0], centre[1]), H / 8)),
        (CaptureGuidance.NO_PAGE, render_desk(W, H, 2)),
        (CaptureGuidance.MOVE_CLOSER, far),
    ]
    got = [capturer.analyze(image).guidance for _, image in cases]
    assert got == [expected for expected, _ in cases]


@pytest.mark.parametrize("shape", [(0, 0, 3), (0, 0), (0, W, 3), (H, 0, 3)])
def test_empty_frame_is_no_page_not_a_crash(shape: tuple[int, ...]) -> None:
    """A camera that hands over an empty frame (device hiccup) gets guidance, not an error."""
    capturer = DocumentCapturer()
    frame = np.zeros(shape, np.uint8)
    analysis = capturer.analyze(frame)
    assert analysis.guidance is CaptureGuidance.NO_PAGE
    assert analysis.corners is None
    assert analysis.frame_size == (shape[1], shape[0])
    assert capturer.feed(frame) == (analysis, None)
    with pytest.raises(CameraError):
        capturer.capture(frame)


def test_low_contrast_sharp_page_is_not_called_blurred() -> None:
    frame, _ = scene(PagePose(roll=5.0))
    analysis = DocumentCapturer().analyze(low_contrast(frame, 0.3, 100.0))
    assert analysis.guidance is CaptureGuidance.READY
    assert analysis.sharpness > DocumentCapturer().settings.blur_threshold


# -- stability ---------------------------------------------------------------------------


def ready(offset: float = 0.0, guidance: CaptureGuidance = CaptureGuidance.READY) -> FrameAnalysis:
    base = ((300.0, 100.0), (900.0, 110.0), (880.0, 650.0), (320.0, 640.0))
    corners = tuple((x + offset, y - offset) for x, y in base)
    return FrameAnalysis(guidance, corners, (W, H), 0.4, 500.0, 0.0)  # type: ignore[arg-type]


def test_tracker_fires_after_n_stable_frames_and_not_before() -> None:
    tracker = StabilityTracker(frames_required=5, max_movement=0.01)
    jitter = [0.0, 2.0, -3.0, 1.0]  # well under 1 % of the diagonal (~14.7 px)
    assert [tracker.update(ready(j)) for j in jitter] == [False] * 4
    assert tracker.progress == pytest.approx(0.8)
    assert tracker.update(ready(2.5)) is True
    # Held still afterwards: captured once, not again every frame.
    assert [tracker.update(ready(0.5)) for _ in range(10)] == [False] * 10


@pytest.mark.parametrize(
    ("breaker", "expected"),
    [
        # A moved page starts a new run at once (it counts as the run's first frame) ...
        (ready(40.0), [False, True, False]),
        # ... while a frame that is not READY empties the run.
        (ready(0.0, CaptureGuidance.HOLD_STILL), [False, False, True]),
        (ready(0.0, CaptureGuidance.AVOID_GLARE), [False, False, True]),
        (FrameAnalysis(CaptureGuidance.NO_PAGE, None, (W, H)), [False, False, True]),
    ],
)
def test_tracker_restarts_on_movement_blur_glare_or_lost_page(
    breaker: FrameAnalysis, expected: list[bool]
) -> None:
    tracker = StabilityTracker(frames_required=3, max_movement=0.01)
    assert [tracker.update(ready()), tracker.update(ready(1.0))] == [False, False]
    assert tracker.update(breaker) is False
    settled = ready(40.0) if breaker.ready else ready(0.0)
    assert [tracker.update(settled) for _ in range(3)] == expected


def test_tracker_rejects_slow_drift() -> None:
    tracker = StabilityTracker(frames_required=6, max_movement=0.01)
    fired = [tracker.update(ready(4.0 * i)) for i in range(12)]  # 4 px per frame
    assert not any(fired[:6])
    assert fired.count(True) <= 1


def test_feed_captures_on_the_nth_steady_frame() -> None:
    capturer = DocumentCapturer(tracker=StabilityTracker(frames_required=4))
    frames = [scene(PagePose(centre=(0.5 + i * 0.0005, 0.5), roll=3.0))[0] for i in range(5)]
    results = [capturer.feed(f) for f in frames]
    assert [doc is not None for _, doc in results] == [False, False, False, True, False]
    doc = results[3][1]
    assert doc is not None
    assert doc.image.sha256 == hashlib.sha256(doc.image.data).hexdigest()


# -- deskew and enhancement --------------------------------------------------------------


@pytest.mark.parametrize("tilt", [-3.0, 2.0, 4.5])
def test_text_skew_is_measured_and_removed(tilt: float) -> None:
    page = render_document((840, 1188), seed=4)
    crooked = imaging.rotate(page, tilt)
    assert imaging.text_skew_angle(crooked) == pytest.approx(-tilt, abs=0.5)
    assert abs(imaging.text_skew_angle(imaging.deskew(crooked))) <= 0.5


def test_blank_page_is_not_rotated() -> None:
    blank = np.full((600, 420, 3), 235, np.uint8)
    assert imaging.text_skew_angle(blank) == 0.0


def test_enhancement_modes() -> None:
    page = low_contrast(render_document((420, 594), seed=2), 0.4, 90.0)
    binary = imaging.enhance(page, Enhancement.BINARIZE)
    assert binary.ndim == 2
    assert set(np.unique(binary).tolist()) <= {0, 255}
    assert 0.02 < float(np.mean(binary == 0)) < 0.5  # text kept, paper white
    boosted = imaging.enhance(page, Enhancement.CLAHE)
    assert boosted.shape == page.shape
    assert float(boosted.std()) > float(page.std())
    assert imaging.enhance(page, Enhancement.NONE) is page


# -- JPEG --------------------------------------------------------------------------------


def test_jpeg_cap_on_a_big_noisy_image() -> None:
    noisy = np.random.default_rng(0).integers(0, 256, (3000, 4000, 3), dtype=np.uint8)
    encoded = imaging.encode_jpeg(noisy)
    assert encoded.size <= 500_000
    assert max(encoded.width, encoded.height) <= 2000
    assert encoded.sha256 == hashlib.sha256(encoded.data).hexdigest()
    decoded = cv2.imdecode(np.frombuffer(encoded.data, np.uint8), cv2.IMREAD_COLOR)
    assert decoded.shape[:2] == (encoded.height, encoded.width)
    assert encoded.width / encoded.height == pytest.approx(4 / 3, rel=0.01)
    assert encoded.quality == 50  # quality gave way before resolution


def test_jpeg_keeps_quality_when_it_already_fits() -> None:
    page = render_document((840, 1188), seed=1)
    encoded = imaging.encode_jpeg(page)
    assert (encoded.width, encoded.height, encoded.quality) == (840, 1188, 90)
    assert encoded.media_type == "image/jpeg"


def test_jpeg_impossible_limit_is_a_camera_error() -> None:
    noisy = np.random.default_rng(1).integers(0, 256, (800, 800, 3), dtype=np.uint8)
    with pytest.raises(CameraError):
        imaging.encode_jpeg(noisy, max_bytes=500)


def test_capture_respects_configured_caps() -> None:
    frame, _ = scene(PagePose(roll=4.0))
    settings = CaptureSettings(max_long_side=500, max_bytes=40_000)
    doc = DocumentCapturer(settings).capture(frame)
    assert max(doc.image.width, doc.image.height) <= 500
    assert doc.image.size <= 40_000
