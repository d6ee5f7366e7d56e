"""好差评 with the shared rating widget, the progress query by the receipt's QR code, and a
一件事 bundle from the choose screen to one case."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kiosk.store import make_tracking_number
from tests.ui.pages import Kiosk
from ui.controllers.camera_jobs import tracking_from_payload

MATTER = "370102-HJ-003"  # 居住证申领: short form, photo may go to the window
BUNDLE = "birth"  # 出生一件事: four matters, one merged form
FIXED_ANSWERS = {"existing_children": 1, "birth_cert_number": "R370123456"}


def _submitted(k: Kiosk, code: str = MATTER) -> str:
    k.identify_with_card()
    k.c.open_guide(code, False)
    k.start()
    k.finish_form()
    k.sign_and_review()
    k.submit()
    return str(k.c.done.number.text())


# -- rating ------------------------------------------------------------------------------------
def test_rating_uses_the_scheme_levels_indicators_and_reasons(make_kiosk: Any) -> None:
    k = make_kiosk()
    tracking = _submitted(k)
    k.c.done.rate_button.click()
    k.wait_screen("rate")
    widget = k.rating_widget()
    # The widget has its own buttons: no empty action bar below it.
    assert not k.c.rate.action_bar.isVisibleTo(k.c.rate)
    # The five national levels as text + face, in the scheme's words.
    texts = [widget.levelButton(n).text() for n in (5, 4, 3, 2, 1)]
    assert texts == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert all(not widget.levelButton(n).icon().isNull() for n in range(1, 6))
    assert widget.anonymousToggle().isChecked()  # anonymous by default
    # Reasons only for 基本满意 and below.
    k.rate_level(4)
    assert not widget.reasonsVisible()
    k.rate_level(2, reasons=("long_wait", "hard_to_use"))
    assert widget.reasonsVisible()
    assert "等待时间长" in widget.reasonCheck("long_wait").text()
    widget.indicatorButton("efficiency", 2).click()
    widget.indicatorButton("attitude", 4).click()
    widget.submitButton().click()
    k.wait(lambda: k.c.rate.thanks.isVisible())
    assert k.c.rate.action_bar.isVisibleTo(k.c.rate)  # with "Finish"
    rating = k.services.store.ratings.for_case(tracking)
    assert rating is not None and rating.level == 2 and rating.anonymous
    assert set(rating.reasons) == {"long_wait", "hard_to_use"}
    assert rating.indicators == {"efficiency": 2, "attitude": 4}
    k.c.rate.skip_button.click()  # "Finish"
    k.wait_screen("home")


def test_rating_is_skippable_and_one_per_case(make_kiosk: Any) -> None:
    k = make_kiosk(language="en", elder=True)
    tracking = _submitted(k)
    k.c.done.rate_button.click()
    k.wait_screen("rate")
    k.rating_widget().skipButton().click()  # voluntary: skipping ends the visit
    k.wait_screen("home")
    assert k.services.store.ratings.for_case(tracking) is None
    # From home with the number: the first rating counts, a second one is refused.
    for attempt in range(2):
        k.c.home.tile_rate.click()
        k.wait_screen("rate")
        assert k.c.rate.skip_button.isVisibleTo(k.c.rate)  # the bar's "Skip"
        k.c.rate.case_field.setText(tracking)
        k.c.rate.case_ok.click()
        k.wait(lambda: k.rating_widget() is not None and k.c.rate.state.stage.value == "level")
        assert k.rating_widget().levelButton(5).text() == "Very satisfied"
        k.rate_level(5)
        k.rating_widget().submitButton().click()
        if attempt == 0:
            k.wait(lambda: k.c.rate.thanks.isVisible())
            k.c.rate.skip_button.click()
            k.wait_screen("home")
    k.wait(lambda: k.c.rate.state.error_key == "error.rating.duplicate")
    assert k.c.rate.error.isVisibleTo(k.c.rate)
    assert k.services.store.ratings.for_case(tracking).level == 5


# -- progress by QR --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "payload",
    ["{n}", "https://zwfw.jinan.gov.cn/track/{n}?from=receipt"],
    ids=["bare-number", "url-template"],
)
def test_progress_by_the_receipt_qr_shown_to_the_camera(make_kiosk: Any, payload: str) -> None:
    from drivers.simulated.camera import SimulatedCamera

    k = make_kiosk(language="en")
    station = k.services.settings.terminal.station_code
    tracking = make_tracking_number(station, date(2026, 11, 27), 7)
    k.services.store.status.upsert(
        tracking,
        "processing",
        [{"at": "2026-11-27T02:00:00+00:00", "status": "received"}],
        matter_code=MATTER,
    )
    camera = SimulatedCamera(qr_payload=payload.format(n=tracking), seed=5)
    k.services.camera_factory = lambda: camera
    k.c.home.tile_progress.click()
    k.wait_screen("progress")
    screen = k.c.progress
    assert screen.scan_button.isVisibleTo(screen)
    screen.scan_button.click()
    assert screen.state.stage.value == "scanning"
    k.wait(lambda: screen.state.stage.value == "result")
    assert [c.tracking_number for c in screen.state.cases] == [tracking]
    assert screen.state.cases[0].status == "processing"
    assert "Being processed" in " ".join(t.plain for t in screen.findChildren(type(screen.hint)))
    assert screen.state.cases[0].timeline == (("2026-11-27 10:00", "received"),)
    k.wait_idle()
    assert k.c.progress_query.camera is None  # the camera was closed again
    assert camera.frames_read >= 1


def test_scanning_stops_and_a_missing_camera_hides_the_scan(make_kiosk: Any) -> None:
    k = make_kiosk(camera=False)
    k.c.home.tile_progress.click()
    k.wait_screen("progress")
    assert not k.c.progress.scan_button.isVisibleTo(k.c.progress)
    k.c.progress.scanRequested.emit()
    assert k.c.progress.state.error_key == "device.camera.unavailable"


def test_scan_can_be_abandoned_for_the_keypad(make_kiosk: Any) -> None:
    from drivers.simulated.camera import SimulatedCamera

    k = make_kiosk()
    camera = SimulatedCamera(qr_payload="WIFI:S:guest;;", seed=5)  # a code, but no number
    k.services.camera_factory = lambda: camera
    k.c.home.tile_progress.click()
    k.wait_screen("progress")
    k.c.progress.scan_button.click()
    k.wait(lambda: k.c.progress.state.unrecognised_code)
    assert "不是回执上的二维码" in k.c.progress.error.plain
    k.c.progress.stop_scan_button.click()
    assert k.c.progress.state.stage.value == "entry"
    k.wait_idle()
    assert k.c.progress_query.camera is None


def test_tracking_number_from_a_receipt_payload() -> None:
    n = make_tracking_number("LX01", date(2026, 11, 27), 12)
    assert tracking_from_payload(n) == n
    assert tracking_from_payload(n.lower()) == n
    assert tracking_from_payload(f"https://x.gov.cn/track/{n.replace('-', '%2D')}") == n
    assert tracking_from_payload(f"https://x.gov.cn/q?n={n}&lang=zh") == n
    assert tracking_from_payload("https://x.gov.cn/track/LX01-261127-0012-0") in (None, n)
    assert tracking_from_payload("hello") is None


# -- 一件事 bundle ------------------------------------------------------------------------------
def test_bundle_from_choose_to_one_case(make_kiosk: Any) -> None:
    k = make_kiosk()
    k.c.home.tile_bundles.click()
    k.wait_screen("identify")
    k.insert_card("han_resident")
    k.wait(lambda: k.c.identify.state.stage.value == "take_card")
    k.take_card()
    k.wait_screen("choose")
    assert k.c.choose.state.list_kind.value == "bundles"
    k.pick_from_list(BUNDLE)
    guide = k.c.guide.state
    assert guide.is_bundle and len(guide.member_matters) == 4
    k.start()
    handle = k.c.flow.handle
    assert handle.bundle_code == BUNDLE and handle.matter_code is None
    merged = k.services.catalog.merged_bundle(BUNDLE)
    assert handle.form.id == merged.form.id  # one merged form
    _complete_form(k)
    # Materials de-duplicated across the four matters: each code once.
    codes = [row.code for row in k.materials.state.rows]
    assert len(codes) == len(set(codes)) == len(merged.materials)
    member_total = sum(len(m.materials) for m in merged.matters)
    assert len(codes) < member_total
    assert codes.count("id_card") == 1
    k.sign_and_review()
    k.submit()
    tracking = k.c.done.number.text()
    rows = k.services.store.db.execute("SELECT tracking_number FROM submissions").fetchall()
    assert [r[0] for r in rows] == [tracking]  # one case for the whole bundle
    sub = k.services.store.submissions.by_tracking_number(tracking)
    assert sub.bundle_code == BUNDLE and sub.matter_code is None
    assert k.services.store.receipts.get(tracking) is not None


def _complete_form(k: Kiosk) -> None:
    """The demo's answers, with counts the merged form accepts (children born before: 1)."""
    for _ in range(20):
        if k.screen != "form":
            break
        k.fill_page()
        for name, value in FIXED_ANSWERS.items():
            if k.editor(name) is not None:
                k.set_field((name,), value)
        k.next()
    k.wait_screen("materials")
