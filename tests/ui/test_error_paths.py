"""Device and input problems: every one has guidance, none is a dead end."""

from __future__ import annotations

from kiosk.errors import ReaderOfflineError
from kiosk.ports.card import CardEvent, CardEventKind
from kiosk.ports.device import DeviceState, DeviceStatus
from ui.messages import message

READY = DeviceStatus(DeviceState.READY, "device.card_reader.ready")
MATTER = "370102-HJ-003"  # 居住证申领 (photo may be handed in at the window)


def test_unreadable_card_shows_guidance_and_retry(make_kiosk) -> None:
    k = make_kiosk(language="en")
    k.services.card_reader.faults.unreadable = True
    k.tap_handle_matter()
    k.insert_card()
    k.wait(lambda: k.c.identify.state.stage.value == "error")
    assert message("error.card.unreadable") in k.identify_error_text()
    assert "wipe it" in k.identify_error_text()
    assert k.c.identify.retry_button.isVisibleTo(k.c.identify)
    # Fixed: take it out and put it back.
    k.services.card_reader.faults.unreadable = False
    k.take_card()
    k.c.identify.retry_button.click()
    k.insert_card()
    k.wait(lambda: k.c.identify.state.stage.value == "take_card")


def test_unsupported_card(make_kiosk) -> None:
    k = make_kiosk()
    k.tap_handle_matter()
    k.unsupported_card()
    k.wait(lambda: k.c.identify.state.stage.value == "error")
    assert "不支持此卡" in k.identify_error_text()
    assert k.c.identify.manual_button.isVisibleTo(k.c.identify)


def test_a_ready_reader_report_keeps_the_card_error(make_kiosk) -> None:
    k = make_kiosk(language="en")
    k.tap_handle_matter()
    k.unsupported_card()
    k.wait(lambda: k.c.identify.state.stage.value == "error")
    error = k.identify_error_text()
    assert error
    with k.qtbot.waitSignal(k.ui.bridge.statusChanged):
        k.driver_event(CardEvent(CardEventKind.STATUS, status=READY))
    assert k.identify_error_text() == error  # "Try again" keeps its reason
    assert k.c.identify.error.isVisibleTo(k.c.identify)
    assert k.c.identify.retry_button.isVisibleTo(k.c.identify)


def test_reader_offline_offers_manual_entry(make_kiosk) -> None:
    k = make_kiosk(language="en")
    k.tap_handle_matter()
    k.services.card_reader.set_offline(True)
    k.wait(lambda: k.c.identify.state.reader_offline)
    assert "Enter your ID number" in k.identify_error_text()
    k.driver_event(CardEvent(CardEventKind.ERROR, error=ReaderOfflineError()))
    k.enter_id_number("11010519491231002X")
    k.wait_screen("choose")
    assert k.c.session.identity.source.value == "manual"


def test_invalid_manual_id_number(make_kiosk) -> None:
    k = make_kiosk()
    k.tap_handle_matter()
    k.enter_id_number("110105194912310021")  # wrong check digit
    state = k.c.identify.state
    assert state.stage.value == "manual"
    assert state.manual_error_key == "identity.id_number.checksum"
    assert "逐位核对" in k.c.identify.manual_error.plain
    k.enter_id_number("1101051949")
    assert k.c.identify.state.manual_error_key == "identity.id_number.format"
    assert k.screen == "identify"


def _to_review(k, *, camera: bool) -> None:
    k.identify_with_card()
    k.c.open_guide(MATTER, False)
    k.start()
    k.finish_form()
    if camera:
        k.photograph("photo")
        k.wait(lambda: len(k.c.flow.pages.get("photo", [])) == 1)
    k.sign_and_review()


def test_paper_out_still_succeeds_and_reprints_later(make_kiosk) -> None:
    k = make_kiosk(language="en")
    k.services.printer.paper_out = True
    _to_review(k, camera=True)
    k.submit()
    done = k.c.done
    tracking = done.number.text()
    assert done.state.print_state.value == "failed"
    assert "out of paper" in done.print_status.plain
    assert "saved all the same" in done.print_status.plain
    assert done.number.isVisibleTo(done) and tracking
    assert done.reprint_button.isVisibleTo(done)
    assert k.services.store.submissions.by_tracking_number(tracking) is not None
    receipt = k.services.store.receipts.get(tracking)
    assert receipt is not None and receipt.printed_at is None
    assert [r.tracking_number for r in k.services.store.receipts.unprinted()] == [tracking]
    # Paper refilled: re-print from the done screen.
    k.services.printer.paper_out = False
    done.reprint_button.click()
    k.wait(lambda: done.state.print_state.value == "printed")
    assert list(k.services.printer.out_dir.glob("*.png"))
    assert k.services.store.receipts.get(tracking).printed_at is not None


def test_camera_missing_routes_materials_to_the_window(make_kiosk) -> None:
    k = make_kiosk(camera=False)
    _go_to_materials(k)
    screen = k.materials
    assert "摄像头暂时不可用" in screen.notice.plain
    state = screen.state
    for row in state.rows:
        assert "captured" not in row.allowed
        assert "window" in row.allowed
    k.sign_and_review()
    k.submit()
    assert k.c.done.state.print_state.value == "printed"


def test_camera_that_fails_to_open_falls_back_to_the_window(make_kiosk) -> None:
    k = make_kiosk(language="en")
    _go_to_materials(k)
    camera = k.services.camera_factory()

    def broken():
        camera.unavailable = True
        return camera

    k.services.camera_factory = broken
    k.photograph("photo")
    k.wait(lambda: not k.c.flow.camera_available)
    assert "camera is not available" in k.materials.notice.plain
    assert all("captured" not in row.allowed for row in k.materials.state.rows)


def _go_to_materials(k) -> None:
    k.identify_with_card()
    k.c.open_guide(MATTER, False)
    k.start()
    k.finish_form()
    k.wait_screen("materials")


def test_card_removed_mid_session_pauses_and_asks(make_kiosk) -> None:
    k = make_kiosk(language="en")
    k.tap_handle_matter()
    k.insert_card()
    k.wait(lambda: k.c.identify.state.stage.value == "take_card")
    k.c.identify.take_continue.click()  # card left in the reader (social security style)
    k.wait_screen("choose")
    k.take_card()
    k.wait(lambda: k.window.paused_overlay.isVisible())
    assert k.c.session.state.value == "paused"
    k.window.paused_overlay.continue_button.click()
    assert k.c.session.state.value == "choosing"
    assert not k.window.paused_overlay.isVisible()


def test_idle_during_pause_wipes(make_kiosk) -> None:
    k = make_kiosk()
    k.tap_handle_matter()
    k.insert_card()
    k.wait(lambda: k.c.identify.state.stage.value == "take_card")
    k.c.identify.take_continue.click()
    k.take_card()
    k.wait(lambda: k.window.paused_overlay.isVisible())
    k.window.paused_overlay.end_button.click()
    k.wait_screen("home")
    assert k.c.session.identity is None
