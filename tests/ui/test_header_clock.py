"""The header clock shows China Standard Time (like receipts and deadlines), not the OS zone."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from kiosk.clock import CHINA_STANDARD_TIME, china_now
from ui.main_window import HeaderState, KioskWindow


def test_china_now_is_utc_plus_8_whatever_the_os_zone() -> None:
    now = china_now()
    assert now.utcoffset() == timedelta(hours=8)
    assert abs((now - datetime.now(UTC)).total_seconds()) < 60


def test_header_shows_beijing_time_for_a_utc_clock(qtbot) -> None:
    window = KioskWindow("1234", time.monotonic, overlays=False)
    qtbot.addWidget(window)
    late_evening_utc = datetime(2026, 11, 27, 22, 5, tzinfo=UTC)  # 06:05 next day in Jinan
    window.render_header(
        HeaderState(
            station_zh="泉城路街道",
            station_en="Quanchenglu",
            now=late_evening_utc,
            online=None,
            language="zh_CN",
        )
    )
    text = window.clock_label.text()
    assert "06:05" in text and "28" in text, text
    window.render_header(
        HeaderState(
            station_zh="泉城路街道",
            station_en="Quanchenglu",
            now=late_evening_utc.astimezone(CHINA_STANDARD_TIME),
            online=None,
            language="en",
        )
    )
    assert "06:05" in window.clock_label.text()
    assert "November 28" in window.clock_label.text()
