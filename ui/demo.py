"""Drive the UI into every screen with the simulators (screenshots, benchmarks, tests).

Each step is a small function of a built :class:`~ui.app.KioskUi`; ``wait`` is how the caller
lets queued work finish (pytest-qt's ``waitUntil`` in tests, an event-loop pump elsewhere).
Nothing here sleeps or touches hardware: it uses the container's simulators.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QPointF

from ui.screens.base import Screen
from ui.screens.done import PrintState

Wait = Callable[[Callable[[], bool]], None]

PAPER_OUT = "error.printer.paper_out"
DEMO_MATTER = "370102-MZ-001"  # 最低生活保障: a repeat group (family members) and a skip rule


def current(ui: Any) -> Screen:
    widget = ui.window.current_screen
    assert isinstance(widget, Screen)
    return widget


def on(ui: Any, screen_id: str) -> Callable[[], bool]:
    return lambda: current(ui).screen_id == screen_id


def identify_by_card(ui: Any, wait: Wait, key: int | str = 0) -> None:
    c = ui.controller
    c.home.tile_matter.click()
    wait(on(ui, "identify"))
    ui.controller.services.card_reader.insert(key)
    wait(lambda: c.identify.state.stage.value == "take_card")
    ui.controller.services.card_reader.remove()
    wait(on(ui, "choose"))


def fill_current_page(ui: Any, wait: Wait) -> None:
    """Answer every visible, empty field on the form page with a plausible value."""
    flow = ui.controller.flow
    screen = flow.form_screen
    for editor in list(screen.editors.values()):
        if not editor.isVisible():
            continue
        value = _answer(flow, editor)
        if value is not None:
            screen.valueChanged.emit(editor.path, value)


def _answer(flow: Any, editor: Any) -> object:
    from kiosk.forms.schema import FieldType

    f, t = editor.field, editor.field.type
    current_value = _value_at(flow.values, editor.path)
    if current_value not in (None, "", [], {}) and t is not FieldType.ADDRESS:
        return None
    if t is FieldType.TEXT:
        return "示例单位" if "name" not in f.name else "李四"
    if t is FieldType.NUMBER:
        return max(0, int(f.min_value or 0)) + 800
    if t is FieldType.DATE:
        return "2020-05-01"
    if t is FieldType.ID_NUMBER:
        return "11010519491231002X"
    if t is FieldType.PHONE:
        return "13812343210"
    if t is FieldType.YES_NO:
        return True
    if t is FieldType.SELECT_ONE:
        values = list(editor.choice_buttons)
        return values[0] if values else None
    if t is FieldType.SELECT_MULTIPLE:
        values = list(editor.choice_buttons)
        return values[:1]
    if t is FieldType.ADDRESS:
        if isinstance(current_value, dict) and current_value.get("detail"):
            return None
        return {"province": "", "city": "", "district": "", "street": "", "detail": "泉城路1号"}
    return None


def _value_at(values: dict[str, Any], path: tuple[Any, ...]) -> object:
    node: Any = values
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    return node


def complete_form(ui: Any, wait: Wait, add_row_to: str | None = None) -> None:
    flow = ui.controller.flow
    guard = 0
    while current(ui).screen_id == "form" and guard < 20:
        guard += 1
        if add_row_to and add_row_to in flow.form_screen.group_widgets:
            flow.form_screen.rowAdded.emit(add_row_to)
            add_row_to = None
        fill_current_page(ui, wait)
        fill_current_page(ui, wait)  # fields revealed by the first answers (skip logic)
        flow.form_screen.next_button.click()
    wait(on(ui, "materials"))


def draw_signature(ui: Any) -> None:
    """A finger stroke across the pad (QTest mouse events, as a touch would arrive)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    pad = ui.controller.flow.signature_screen.pad
    left = Qt.MouseButton.LeftButton
    QTest.mousePress(pad, left, Qt.KeyboardModifier.NoModifier, QPoint(20, 40))
    for x, y in ((80, 90), (140, 50), (200, 100), (260, 60)):
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, left, Qt.KeyboardModifier.NoModifier, QPoint(300, 80))


def sign(ui: Any, wait: Wait) -> None:
    draw_signature(ui)
    ui.controller.flow.signature_screen.confirm_button.click()
    wait(on(ui, "review"))


def journey_to_review(ui: Any, wait: Wait, matter: str = DEMO_MATTER) -> None:
    c = ui.controller
    identify_by_card(ui, wait)
    c.open_guide(matter, False)
    c.guide.start_button.click()
    wait(on(ui, "form"))
    complete_form(ui, wait, add_row_to="family_members")
    c.flow.materials_done()
    wait(on(ui, "signature"))
    sign(ui, wait)


def walk(ui: Any, wait: Wait) -> Iterator[str]:
    """Visit every screen once; yields each screen id while it is shown."""
    c = ui.controller
    yield "home"
    c.home.tile_matter.click()
    wait(on(ui, "identify"))
    yield "identify"
    c.identify.manual_button.click()
    yield "identify_manual"
    c.manual_identify("110105194912310021")
    yield "identify_manual_error"
    c.end_visit()
    identify_by_card(ui, wait)
    c.search("jzz")
    yield "choose"
    c.open_guide(DEMO_MATTER, False)
    yield "guide"
    c.guide.start_button.click()
    wait(on(ui, "form"))
    yield "form"
    flow = c.flow
    form = flow.form_screen
    # Nothing answered yet: Next shows what is missing. In elder mode the first screens may be
    # all card-filled (and pass), so press on to the first screen that marks something.
    for _ in range(6):
        form.next_button.click()
        if any(e.issue.isVisibleTo(form) for e in form.editors.values()):
            break
    yield "form_errors"
    for _ in range(8):  # answer on to the screen with the family members (a repeat group)
        if "family_members" in form.group_widgets:
            break
        fill_current_page(ui, wait)
        form.next_button.click()
    form.rowAdded.emit("family_members")
    yield "form_repeat"
    complete_form(ui, wait)
    yield "materials"
    yield from _materials_states(ui, wait)
    flow.materials_done()
    wait(on(ui, "signature"))
    draw_signature(ui)
    yield "signature"
    ui.controller.flow.signature_screen.confirm_button.click()
    wait(on(ui, "review"))
    yield "review"
    flow.review_screen.submit_button.click()
    wait(on(ui, "done"))
    wait(lambda: c.done.state.print_state.value != "printing")
    yield "done"
    tracking = c.done.state.tracking_number
    done_state = c.done.state
    c.done.render(replace(done_state, print_state=PrintState.FAILED, print_error_key=PAPER_OUT))
    yield "done_paper_out"
    c.done.render(done_state)
    c.done.rate_button.click()
    c.rate.levelChosen.emit(3)
    yield "rate"
    c.rate.levelChosen.emit(2)  # 基本满意 and below ask for reasons
    yield "rate_reasons"
    assert c.rate.widget is not None
    c.rate.widget.submitButton().click()
    wait(lambda: c.rate.state.stage.value == "thanks")
    yield "rate_thanks"
    c.finish_rating()
    c.open_progress()
    yield "progress"
    c.query_number(tracking)
    wait(lambda: c.progress.state.stage.value == "result")
    yield "progress_result"
    c.progress.againRequested.emit()
    unknown = tracking[:-1] + ("1" if tracking[-1] != "1" else "2")
    c.query_number(unknown)
    wait(lambda: c.progress.state.stage.value == "result" or bool(c.progress.state.error_key))
    yield "progress_not_found"
    c.end_visit()
    w = ui.window
    w.idle_overlay.set_seconds(15)
    w.idle_overlay.open()
    yield "idle_overlay"
    w.idle_overlay.hide()
    for overlay in (w.paused_overlay, w.help_overlay, w.consent_overlay, w.pin_overlay):
        overlay.open()
        yield overlay.overlay_id
        overlay.hide()
    _ = QPointF


def _materials_states(ui: Any, wait: Wait) -> Iterator[str]:
    """The camera over a material, then the other ways: at the window, supplement later."""
    materials = ui.controller.flow.materials
    rows = materials.screen.state.rows
    camera_row = next((r for r in rows if "captured" in r.allowed), None)
    if camera_row is not None:
        materials.start_capture(camera_row.code)
        wait(lambda: not materials.screen.preview.frameSize().isEmpty())
        yield "materials_camera"
        materials.stop_capture()
    for choice in ("commitment", "deferred", "window"):
        row = next(
            (r for r in materials.screen.state.rows if choice in r.allowed and r.choice is None),
            None,
        )
        if row is not None:
            code, wanted = str(row.code), choice
            materials.choose(code, wanted)
            wait(_chosen(materials, code, wanted))
    yield "materials_choices"


def _chosen(materials: Any, code: str, choice: str) -> Callable[[], bool]:
    return lambda: _choice_of(materials, code) == choice


def _choice_of(materials: Any, code: str) -> str | None:
    for row in materials.screen.state.rows:
        if row.code == code:
            return str(row.choice) if row.choice else None
    return None
