"""``OpenCvCamera`` through a real ``cv2.VideoCapture`` on generated video files and image
sequences, paced by an injected clock; device failures through a fake capture (the OS seam)."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.camera.pacing import FramePacer
from drivers.camera.source import OpenCvCamera, SourceKind, SourceSpec
from kiosk.errors import CameraStreamEndedError, CameraUnavailableError
from kiosk.ports.device import DeviceState

LEVELS = [20, 70, 120, 170, 220]  # one grey level per frame, survives MJPG compression


class FakeTime:
    """A monotonic clock that moves only when waited on (or when the test advances it)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def wait(self, seconds: float) -> bool:
        self.waits.append(round(seconds, 6))
        self.now += seconds
        return False


def frame_level(frame: np.ndarray) -> int:
    """The generated level nearest to the frame's mean (MJPG shifts values slightly)."""
    return min(LEVELS, key=lambda level: abs(level - float(frame.mean())))


@pytest.fixture
def video_path(tmp_path: Path) -> Path:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10.0, (320, 240))
    assert writer.isOpened(), "the headless wheel should write MJPG/AVI"
    try:
        for level in LEVELS:
            writer.write(np.full((240, 320, 3), level, np.uint8))
    finally:
        writer.release()
    return path


@pytest.fixture
def sequence_pattern(tmp_path: Path) -> str:
    folder = tmp_path / "frames"
    folder.mkdir()
    for i, level in enumerate(LEVELS):
        assert cv2.imwrite(str(folder / f"{i:03d}.png"), np.full((120, 160, 3), level, np.uint8))
    return str(folder / "%03d.png")


def test_source_spec_parsing() -> None:
    assert SourceSpec.parse(2) == SourceSpec(SourceKind.DEVICE, index=2)
    assert SourceSpec.parse("/dev/video3") == SourceSpec(SourceKind.DEVICE, index=3)
    assert SourceSpec.parse("1").kind is SourceKind.DEVICE
    assert SourceSpec.parse("frames/%03d.png").kind is SourceKind.IMAGES
    assert SourceSpec.parse("still.JPG").kind is SourceKind.IMAGES
    assert SourceSpec.parse("clip.avi").kind is SourceKind.VIDEO
    with pytest.raises(ValueError):
        SourceSpec.parse("")
    with pytest.raises(ValueError):
        SourceSpec.parse(-1)


def test_video_file_plays_paced_and_loops(video_path: Path) -> None:
    t = FakeTime()
    with OpenCvCamera(video_path, fps=10.0, clock=t.clock, wait=t.wait) as camera:
        assert camera.status().state is DeviceState.READY
        assert camera.status().message_key == "device.camera.ready"
        assert camera.resolution == (320, 240)
        frames = [camera.read() for _ in range(7)]
    assert [frame_level(f) for f in frames] == [*LEVELS, LEVELS[0], LEVELS[1]]
    assert all(f.shape == (240, 320, 3) and f.dtype == np.uint8 for f in frames)
    assert t.waits == [0.1] * 6  # the first frame is due at once
    assert camera.status().state is DeviceState.UNKNOWN


def test_video_file_ends_cleanly_without_loop(video_path: Path) -> None:
    t = FakeTime()
    camera = OpenCvCamera(str(video_path), fps=25.0, loop=False, clock=t.clock, wait=t.wait)
    camera.open()
    try:
        assert [frame_level(camera.read()) for _ in LEVELS] == LEVELS
        with pytest.raises(CameraStreamEndedError):
            camera.read()
        assert camera.status().state is DeviceState.NO_MEDIA
        assert camera.status().message_key == "device.camera.ended"
        with pytest.raises(CameraStreamEndedError):
            camera.read()
    finally:
        camera.close()


def test_image_sequence_plays_and_loops(sequence_pattern: str) -> None:
    t = FakeTime()
    with OpenCvCamera(sequence_pattern, fps=5.0, clock=t.clock, wait=t.wait) as camera:
        assert camera.resolution == (160, 120)
        levels = [int(camera.read()[0, 0, 0]) for _ in range(len(LEVELS) + 2)]
    assert levels == [*LEVELS, *LEVELS[:2]]
    assert t.waits == [0.2] * (len(LEVELS) + 1)


def test_single_image_repeats(tmp_path: Path) -> None:
    still = tmp_path / "still.png"
    cv2.imwrite(str(still), np.full((90, 120, 3), 77, np.uint8))
    t = FakeTime()
    with OpenCvCamera(still, fps=15.0, clock=t.clock, wait=t.wait) as camera:
        assert [int(camera.read()[5, 5, 1]) for _ in range(3)] == [77, 77, 77]


def test_slow_consumer_is_not_paid_back_with_a_burst() -> None:
    t = FakeTime()
    pacer = FramePacer(10.0, t.clock, t.wait)
    pacer.wait_for_next()
    pacer.wait_for_next()
    t.now += 0.55  # the consumer was busy for five frame periods
    pacer.wait_for_next()
    pacer.wait_for_next()
    assert t.waits == [0.1, 0.1]


def test_close_wakes_a_paced_reader(video_path: Path) -> None:
    camera = OpenCvCamera(video_path, fps=0.01)  # a frame every 100 s: the wait is real
    camera.open()
    camera.read()  # due at once
    outcome: list[BaseException] = []
    started = threading.Event()

    def reader() -> None:
        started.set()
        try:
            camera.read()
        except CameraUnavailableError as err:
            outcome.append(err)

    thread = threading.Thread(target=reader)
    thread.start()
    assert started.wait(5.0)
    camera.close()
    thread.join(10.0)
    assert not thread.is_alive()
    assert len(outcome) == 1


@pytest.mark.parametrize(
    "source", [63, "/dev/video63", "missing.avi", "missing/%03d.png", "gone.png"]
)
def test_missing_source_is_unavailable_not_a_crash(tmp_path: Path, source: int | str) -> None:
    if isinstance(source, str) and not source.startswith("/dev"):
        source = str(tmp_path / source)
    camera = OpenCvCamera(source)
    with pytest.raises(CameraUnavailableError) as info:
        camera.open()
    assert info.value.key == "error.camera.unavailable"
    status = camera.status()
    assert (status.state, status.message_key) == (DeviceState.OFFLINE, "device.camera.unavailable")
    with pytest.raises(CameraUnavailableError):
        camera.read()
    camera.close()


def test_unreadable_file_is_unavailable(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.avi"
    bogus.write_bytes(b"this is not a video" * 100)
    camera = OpenCvCamera(bogus)
    with pytest.raises(CameraUnavailableError):
        camera.open()
    assert camera.status().state is DeviceState.OFFLINE


class FakeCapture:
    """Stands in for ``cv2.VideoCapture`` on a device: the only seam that is faked."""

    def __init__(self, frames: int, *, opened: bool = True, explode: bool = False) -> None:
        self.frames_left = frames
        self.opened = opened
        self.explode = explode
        self.props: dict[int, float] = {}
        self.released = False

    def isOpened(self) -> bool:
        return self.opened

    def read(self) -> tuple[bool, object]:
        if self.frames_left <= 0:
            if self.explode:
                raise cv2.error("VIDIOC_DQBUF: No such device")
            return False, None
        self.frames_left -= 1
        return True, np.zeros((48, 64, 3), np.uint8)

    def set(self, prop_id: int, value: float) -> bool:
        self.props[prop_id] = value
        return True

    def get(self, prop_id: int) -> float:
        return self.props.get(prop_id, 0.0)

    def release(self) -> None:
        self.released = True


def test_device_gets_the_configured_mode_and_is_not_paced() -> None:
    fake = FakeCapture(frames=3)
    calls: list[tuple[int | str, int]] = []

    def factory(source: int | str, api: int) -> FakeCapture:
        calls.append((source, api))
        return fake

    t = FakeTime()
    camera = OpenCvCamera(
        "/dev/video2",
        width=1280,
        height=720,
        fps=30.0,
        clock=t.clock,
        wait=t.wait,
        capture_factory=factory,
    )
    with camera:
        assert camera.resolution == (64, 48)  # what the device really delivers
        camera.read()
        camera.read()
    assert calls == [(2, cv2.CAP_V4L2)]
    assert fake.props[cv2.CAP_PROP_FRAME_WIDTH] == 1280.0
    assert fake.props[cv2.CAP_PROP_FRAME_HEIGHT] == 720.0
    assert fake.props[cv2.CAP_PROP_FPS] == 30.0
    assert t.waits == []
    assert fake.released


def test_busy_device_opens_but_never_streams() -> None:
    fake = FakeCapture(frames=0)
    camera = OpenCvCamera(0, capture_factory=lambda s, a: fake)
    with pytest.raises(CameraUnavailableError) as info:
        camera.open()
    assert info.value.params["reason"] == "busy"
    assert camera.status().params["reason"] == "busy"
    assert camera.status().state is DeviceState.OFFLINE
    assert fake.released


@pytest.mark.parametrize("explode", [False, True])
def test_device_unplugged_mid_stream(explode: bool) -> None:
    fake = FakeCapture(frames=2, explode=explode)
    camera = OpenCvCamera(0, capture_factory=lambda s, a: fake)
    camera.open()
    camera.read()  # the frame read during open
    camera.read()
    with pytest.raises(CameraUnavailableError) as info:
        camera.read()
    assert info.value.params["reason"] == ("error" if explode else "lost")
    assert camera.status().state is DeviceState.OFFLINE
    assert fake.released
    camera.close()


def test_unopened_device_capture_is_unavailable() -> None:
    camera = OpenCvCamera(0, capture_factory=lambda s, a: FakeCapture(3, opened=False))
    with pytest.raises(CameraUnavailableError):
        camera.open()
    assert camera.status().message_key == "device.camera.unavailable"
