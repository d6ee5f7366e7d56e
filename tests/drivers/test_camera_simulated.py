"""``SimulatedCamera`` fault switches and determinism, a contract suite shared with
``OpenCvCamera``, and the hand-off of a captured page to the offline store."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.camera.document import DocumentCapturer, StabilityTracker
from drivers.camera.source import OpenCvCamera
from drivers.simulated.camera import PagePose, SimulatedCamera
from kiosk.errors import CameraUnavailableError
from kiosk.ports.camera import Camera, CaptureGuidance
from kiosk.ports.device import DeviceState
from kiosk.store import Store, open_database


class FakeTime:
    def __init__(self) -> None:
        self.now = 50.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def wait(self, seconds: float) -> bool:
        self.waits.append(round(seconds, 6))
        self.now += seconds
        return False


def simulated(**kwargs: object) -> SimulatedCamera:
    t = FakeTime()
    return SimulatedCamera(width=640, height=360, clock=t.clock, wait=t.wait, **kwargs)  # type: ignore[arg-type]


# -- contract: every Camera adapter behaves the same -------------------------------------


@pytest.fixture(params=["simulated", "opencv_video"])
def camera_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Camera]:
    if request.param == "simulated":
        return lambda: simulated()
    path = tmp_path / "desk.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 15.0, (640, 360))
    with SimulatedCamera(width=640, height=360, jitter_px=0.0) as source:
        for _ in range(3):
            writer.write(source.read())
    writer.release()
    t = FakeTime()
    return lambda: OpenCvCamera(path, width=640, height=360, clock=t.clock, wait=t.wait)


def test_contract_lifecycle(camera_factory: Callable[[], Camera]) -> None:
    camera = camera_factory()
    assert camera.status().state is DeviceState.UNKNOWN
    assert camera.status().message_key == "device.camera.closed"
    with camera as opened:
        assert opened.status().state is DeviceState.READY
        frame = opened.read()
        assert frame.dtype == np.uint8
        assert frame.shape == (opened.resolution[1], opened.resolution[0], 3)
    assert camera.status().state is not DeviceState.READY
    with pytest.raises(CameraUnavailableError):
        camera.read()
    camera.close()  # idempotent


def test_contract_frames_show_a_capturable_page(camera_factory: Callable[[], Camera]) -> None:
    with camera_factory() as camera:
        analysis = DocumentCapturer().analyze(camera.read())
    assert analysis.guidance is CaptureGuidance.READY


# -- the simulator -----------------------------------------------------------------------


def test_same_seed_same_frames_different_seed_different_frames() -> None:
    with simulated(seed=3) as a, simulated(seed=3) as b, simulated(seed=4) as c:
        first = [a.read() for _ in range(3)]
        second = [b.read() for _ in range(3)]
        other = c.read()
    for x, y in zip(first, second, strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(first[0], other)
    assert not np.array_equal(first[0], first[1])  # the page drifts slightly


def test_simulated_page_outline_matches_the_truth() -> None:
    with simulated(pose=PagePose(yaw=20.0, pitch=-15.0, roll=10.0)) as camera:
        frame = camera.read()
        truth = camera.last_corners
    analysis = DocumentCapturer().analyze(frame)
    assert analysis.corners is not None and truth is not None
    error = np.max(np.linalg.norm(np.array(analysis.corners) - truth, axis=1))
    assert error < 0.01 * math.hypot(640, 360)


def test_simulator_is_paced() -> None:
    t = FakeTime()
    with SimulatedCamera(width=320, height=180, fps=20.0, clock=t.clock, wait=t.wait) as cam:
        for _ in range(4):
            cam.read()
    assert t.waits == [0.05, 0.05, 0.05]


@pytest.mark.parametrize(("switch", "reason"), [("unavailable", "missing"), ("busy", "busy")])
def test_unavailable_and_busy_switches(switch: str, reason: str) -> None:
    camera = simulated()
    setattr(camera, switch, True)
    with pytest.raises(CameraUnavailableError) as info:
        camera.open()
    assert info.value.params["reason"] == reason
    status = camera.status()
    assert (status.state, status.message_key) == (DeviceState.OFFLINE, "device.camera.unavailable")
    setattr(camera, switch, False)
    with camera:
        camera.read()
        setattr(camera, switch, True)  # pulled out mid-session
        with pytest.raises(CameraUnavailableError):
            camera.read()
        assert camera.status().state is DeviceState.OFFLINE
        setattr(camera, switch, False)  # plugged back in
        assert camera.read().shape == (360, 640, 3)


@pytest.mark.parametrize(
    ("switch", "value", "guidance"),
    [
        ("blurred", True, CaptureGuidance.HOLD_STILL),
        ("glare", True, CaptureGuidance.AVOID_GLARE),
        ("show_page", False, CaptureGuidance.NO_PAGE),
    ],
)
def test_image_fault_switches_drive_the_guidance(
    switch: str, value: bool, guidance: CaptureGuidance
) -> None:
    capturer = DocumentCapturer()
    with simulated() as camera:
        assert capturer.analyze(camera.read()).guidance is CaptureGuidance.READY
        setattr(camera, switch, value)
        assert capturer.analyze(camera.read()).guidance is guidance


def test_auto_capture_from_the_simulator() -> None:
    capturer = DocumentCapturer(tracker=StabilityTracker(frames_required=5))
    captured = []
    with simulated(seed=9) as camera:
        camera.glare = True
        for _ in range(6):
            assert capturer.feed(camera.read())[1] is None  # glare: never captured
        camera.glare = False
        for _ in range(5):
            captured.append(capturer.feed(camera.read())[1])
    assert [doc is not None for doc in captured] == [False, False, False, False, True]


# -- hand-off to the offline store -------------------------------------------------------


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_database(
        data_dir, clock=lambda: datetime(2025, 3, 14, 8, 0, tzinfo=UTC), station_code="LX03"
    ) as opened:
        yield opened


def test_captured_page_lands_in_the_store_under_its_sha256(store: Store) -> None:
    with simulated(seed=2) as camera:
        doc = DocumentCapturer().capture(camera.read())
    draft = store.drafts.create(form_id="residence_permit", form_version=1, matter_code="M001")
    ref = store.attachments.attach_to_draft(
        draft.id, "id_copy", doc.image.data, media_type=doc.image.media_type
    )
    assert ref.sha256 == doc.image.sha256
    assert ref.size == doc.image.size
    assert store.attachments.read(doc.image.sha256) == doc.image.data
    assert store.attachments.refs_for_draft(draft.id) == [ref]
