"""What the visual review of the resident screens fixed: dates as residents read them, guidance
where a page was silent, one clear primary action, less to choose in elder mode, and the camera
page without the list underneath."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import QLabel

from kiosk.i18n import LocalText
from ui import demo
from ui.screens.done import DoneScreen, DoneState, PrintState
from ui.screens.materials import MaterialRow, MaterialsScreen, MaterialsState
from ui.screens.progress import CaseView, ProgressScreen, ProgressStage, ProgressState
from ui.widgets.rating_widget import Option, RatingWidget

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _show(qtbot: Any, widget: Any) -> Any:
    qtbot.addWidget(widget)
    widget.resize(1080, 1700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_supplement_deadline_is_a_local_date_not_iso(make_kiosk: Any) -> None:
    k = make_kiosk()
    k.identify_with_card()
    k.c.open_guide(demo.DEMO_MATTER, False)
    k.start()
    demo.complete_form(k.ui, k.wait, add_row_to="family_members")
    k.choose_material("income_statement", "deferred")
    status = k.material_status("income_statement")
    assert "年" in status and "月" in status and "日" in status, status
    assert not ISO_DATE.search(status), status


def test_done_page_dates_and_paper_out_text(make_kiosk: Any, qtbot: Any) -> None:
    make_kiosk()  # the Chinese catalogue installed
    screen = _show(qtbot, DoneScreen())
    screen.render(
        DoneState(
            "LX01-261128-0001-6",
            PrintState.FAILED,
            "error.printer.paper_out",
            time_limit_days=20,
            supplement_deadline="2026-12-11",
        )
    )
    steps = screen.next_steps.plain
    assert "2026年12月11日" in steps and not ISO_DATE.search(steps)
    assert "缺纸。" in screen.print_status.plain
    assert "。 " not in screen.print_status.plain  # no Latin space after a Chinese full stop
    # The number, its caption and the QR code share one row (the page fits landscape).
    assert abs(screen.qr.geometry().center().y() - screen.number.geometry().center().y()) < 120


def test_progress_timeline_and_not_found_guidance(make_kiosk: Any, qtbot: Any) -> None:
    make_kiosk()
    screen = _show(qtbot, ProgressScreen())
    timeline = (("2026-11-28 06:11", "received"),)
    case = CaseView("LX01-261128-0001-6", "最低生活保障", "received", timeline)
    screen.render(ProgressState(stage=ProgressStage.RESULT, cases=(case,)))
    texts = [w.plain for w in screen.findChildren(QLabel) if hasattr(w, "plain")]
    assert any("2026年11月28日 06:11" in t for t in texts), texts
    assert not any(ISO_DATE.search(t) for t in texts if "LX01" not in t)
    screen.render(ProgressState(stage=ProgressStage.RESULT, cases=()))
    assert "回执" in screen.hint.plain and "窗口" in screen.hint.plain  # what to do next
    assert screen.again_button.isVisible() and screen.home_button.isVisible()


INDICATORS = [Option("efficiency", "Efficiency"), Option("attitude", "Attitude")]
REASONS = [Option("long_wait", "Long wait")]


def test_rating_submit_is_primary_scale_explained_and_elder_asks_less(qtbot: Any) -> None:
    normal = _show(qtbot, RatingWidget(indicators=INDICATORS, reasons=REASONS))
    assert normal.submitButton().property("role") == "primary"
    assert normal.indicatorsVisible()
    scale = normal.findChild(QLabel, "indicator_scale")
    assert scale is not None and scale.isVisible() and "5" in scale.text()
    elder = _show(qtbot, RatingWidget(indicators=INDICATORS, reasons=REASONS, elder_mode=True))
    assert not elder.indicatorsVisible()
    elder.levelButton(2).click()
    assert elder.reasonsVisible() and elder.submitButton().isEnabled()


def test_after_the_thanks_finish_is_the_primary_action(make_kiosk: Any) -> None:
    k = make_kiosk()
    k.identify_with_card()
    k.c.open_guide(demo.DEMO_MATTER, False)
    k.start()
    demo.complete_form(k.ui, k.wait, add_row_to="family_members")
    k.sign_and_review()
    k.submit()
    k.rate(5)
    assert k.c.rate.skip_button.property("role") == "primary"


def test_camera_page_names_the_material_and_hides_the_list(make_kiosk: Any, qtbot: Any) -> None:
    make_kiosk()
    screen = _show(qtbot, MaterialsScreen())
    row = MaterialRow(
        "id_card",
        LocalText(zh="居民身份证", en="Resident ID card"),
        "required",
        LocalText(zh="必要", en="Required"),
        ("captured",),
        None,
    )
    screen.render(MaterialsState(rows=(row,), capturing="id_card"))
    assert screen.camera_panel.isVisible()
    assert "居民身份证" in screen.capture_caption.plain
    assert not screen.scroll_area.isVisible() and not screen.next_button.isVisible()
    screen.render(MaterialsState(rows=(row,)))
    assert screen.scroll_area.isVisible() and screen.next_button.isVisible()
    assert not screen.camera_panel.isVisible()
