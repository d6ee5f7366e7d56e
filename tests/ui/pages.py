"""Page objects: what a resident does on each screen, in words a test can read."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.errors import CardUnsupportedError, KioskError
from kiosk.ports.card import CardEvent, CardEventKind
from ui import demo

TIMEOUT_MS = 15_000


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person could read in ``root``: labels, buttons, fields, placeholders,
    tooltips, list items (visible widgets only)."""
    from PySide6.QtWidgets import QListWidget

    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if w.toolTip():
            out.append(w.toolTip())
        if isinstance(w, QLabel):
            out.append(getattr(w, "plain", None) or _strip_html(w.text()))
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText()]
        elif isinstance(w, QListWidget):
            out += [w.item(i).text() for i in range(w.count())]
    return [t for t in out if t and t.strip()]


def all_texts(root: QWidget) -> list[str]:
    """Like :func:`visible_texts` but including hidden widgets (for the privacy check)."""
    from PySide6.QtWidgets import QListWidget

    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel):
            out += [getattr(w, "plain", "") or "", w.text()]
        elif isinstance(w, (QAbstractButton, QLineEdit)):
            out.append(w.text())
        elif isinstance(w, QListWidget):
            out += [w.item(i).text() for i in range(w.count())]
        out.append(w.toolTip())
    return [t for t in out if t]


def _strip_html(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


class Kiosk:
    def __init__(self, ui: Any, services: Any, qtbot: Any, clock: Any) -> None:
        self.ui = ui
        self.services = services
        self.qtbot = qtbot
        self.clock = clock
        self.c = ui.controller
        self.window = ui.window

    # -- waiting ------------------------------------------------------------------------
    def wait(self, condition: Any) -> None:
        self.qtbot.waitUntil(condition, timeout=TIMEOUT_MS)

    def wait_idle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.ui.worker.busy, timeout=TIMEOUT_MS)

    @property
    def screen(self) -> str:
        return demo.current(self.ui).screen_id

    def wait_screen(self, screen_id: str) -> None:
        self.wait(lambda: self.screen == screen_id)

    # -- home and identify ----------------------------------------------------------------
    def tap_handle_matter(self) -> None:
        self.c.home.tile_matter.click()
        self.wait_screen("identify")

    def insert_card(self, key: int | str = 0) -> None:
        self.services.card_reader.insert(key)

    def take_card(self) -> None:
        self.services.card_reader.remove()

    def identify_with_card(self, key: int | str = 0) -> None:
        self.tap_handle_matter()
        self.insert_card(key)
        self.wait(lambda: self.c.identify.state.stage.value == "take_card")
        self.take_card()
        self.wait_screen("choose")

    def driver_event(self, event: CardEvent) -> None:
        self.ui.bridge.inject(event)

    def unsupported_card(self) -> None:
        self.driver_event(CardEvent(CardEventKind.ERROR, error=CardUnsupportedError()))

    def identify_error_text(self) -> str:
        return self.c.identify.error.plain

    def enter_id_number(self, number: str) -> None:
        self.c.identify.manual_button.click()
        field = self.c.identify.id_field
        field.clear()
        for ch in number:
            key = self.c.identify.keypad.findChild(QAbstractButton, f"key_{ch}")
            assert key is not None, ch
            key.click()
        self.c.identify.manual_ok.click()

    # -- choose, guide, form ---------------------------------------------------------------
    def search(self, text: str) -> list[str]:
        self.c.choose.search.setText(text)
        self.c.choose.search.textEdited.emit(text)
        lst = self.c.choose.list
        return [lst.item(i).text() for i in range(lst.count())]

    def pick_category(self, code: str) -> None:
        b = self.c.choose.findChild(QAbstractButton, f"category_{code}")
        assert b is not None
        b.click()

    def pick_from_list(self, code: str) -> None:
        lst = self.c.choose.list
        for i in range(lst.count()):
            _kind, item_code = lst.item(i).data(0x0100)
            if item_code == code:
                lst.itemClicked.emit(lst.item(i))
                self.wait_screen("guide")
                return
        raise AssertionError(f"{code} not in the list")

    def start(self) -> None:
        self.c.guide.start_button.click()
        self.wait_screen("form")

    @property
    def form(self) -> Any:
        return self.c.flow.form_screen

    def set_field(self, path: tuple[Any, ...], value: object) -> None:
        self.form.valueChanged.emit(path, value)

    def editor(self, path: str) -> Any:
        return self.form.editors.get(path)

    def next(self) -> None:
        self.form.next_button.click()

    def fill_page(self) -> None:
        """Answer every empty field of the current catalogue page. In elder mode the page
        comes a few fields a screen: answer each and press Next to the following one, ending
        on the page's last screen (the caller's Next leaves the page)."""
        for _ in range(20):
            demo.fill_current_page(self.ui, self.wait)
            demo.fill_current_page(self.ui, self.wait)  # fields revealed by the first answers
            index, count = form_screen_position(self)
            if index + 1 >= count:
                return
            self.next()
            assert form_screen_position(self)[0] == index + 1, "Next did not move on"
        raise AssertionError("the page's screens never ended")

    def finish_form(self) -> None:
        demo.complete_form(self.ui, self.wait)

    # -- materials, signature, review, done --------------------------------------------------
    @property
    def materials(self) -> Any:
        return self.c.flow.materials_screen

    def photograph(self, code: str) -> None:
        self.materials.captureRequested.emit(code)

    def choose_material(self, code: str, choice: str) -> None:
        """Tap one of a material's ways (window, supplement later, promise …)."""
        name = f"choice_{code}_{choice}"
        self.wait(lambda: self.materials.findChild(QAbstractButton, name) is not None)
        self.materials.findChild(QAbstractButton, name).click()
        self.wait(
            lambda: any(r.code == code and r.choice == choice for r in self.materials.state.rows)
        )

    def material_status(self, code: str) -> str:
        label = self.materials.findChild(QLabel, f"material_status_{code}")
        return "" if label is None else str(label.plain)

    def sign_and_review(self) -> None:
        self.c.flow.materials_screen.next_button.click()
        self.wait_screen("signature")
        demo.sign(self.ui, self.wait)

    def submit(self) -> None:
        self.c.flow.review_screen.submit_button.click()
        self.wait_screen("done")
        self.wait(lambda: self.c.done.state.print_state.value != "printing")

    # -- rating, idle ------------------------------------------------------------------------
    def rate(self, level: int, reasons: tuple[str, ...] = ()) -> None:
        self.c.done.rate_button.click()
        self.wait_screen("rate")
        self.wait(lambda: self.rating_widget() is not None)
        self.rate_level(level, reasons)
        self.rating_widget().submitButton().click()
        self.wait(lambda: self.c.rate.thanks.isVisible())

    def rating_widget(self) -> Any:
        """The rating widget once the scheme (from the journey service) is shown."""
        state = self.c.rate.state
        return self.c.rate.widget if state is not None and state.scheme is not None else None

    def rate_level(self, level: int, reasons: tuple[str, ...] = ()) -> None:
        widget = self.rating_widget()
        widget.levelButton(level).click()
        for code in reasons:
            widget.reasonCheck(code).setChecked(True)

    def go_idle(self) -> None:
        """Let the idle timeout pass (warning first, then the wipe)."""
        cfg = self.services.settings.session
        self.clock.advance(cfg.idle_timeout_s + 1)
        self.c.tick()
        assert self.window.idle_overlay.isVisible()
        self.clock.advance(cfg.warning_s + 1)
        self.c.tick()
        self.wait_screen("home")

    def error(self) -> KioskError | None:
        return None


# -- elder mode's pages (choose screen) -----------------------------------------------------
def shown_categories(k: Kiosk) -> list[str]:
    """Codes of the category buttons on the current page of the choose screen."""
    found = k.c.choose.findChildren(QAbstractButton)
    return [
        b.objectName().removeprefix("category_")
        for b in found
        if b.objectName().startswith("category_")
        and not b.objectName().startswith("category_pager")
    ]  # only the current page's buttons exist (a new one shows with the next event pass)


def shown_list_codes(k: Kiosk) -> list[str]:
    lst = k.c.choose.list
    return [lst.item(i).data(0x0100)[1] for i in range(lst.count())]


def pager_text(k: Kiosk, name: str) -> str:
    """The "第 1/3 页" label of ``category_pager`` or ``list_pager`` ("" when hidden)."""
    pager = getattr(k.c.choose, name)
    return pager.label.text() if pager.isVisibleTo(k.c.choose) else ""


def turn_page(k: Kiosk, name: str, forward: bool = True) -> None:
    pager = getattr(k.c.choose, name)
    target = pager.next_button if forward else pager.prev_button
    assert target.isEnabled() and target.isVisibleTo(k.c.choose)
    target.click()


# -- the form's date entry (year / month / day boxes) -----------------------------------------
def date_boxes(k: Kiosk, path: str) -> list[QLineEdit]:
    """The year, month and day boxes of the date field at ``path`` (``applicant_birth_date``)."""
    editor = k.editor(path)
    assert editor is not None, path
    return list(editor.date_entry.boxes)


def date_texts(k: Kiosk, path: str) -> tuple[str, ...]:
    return tuple(b.text() for b in date_boxes(k, path))


def type_digits(k: Kiosk, digits: str) -> None:
    """Keys of the digit keyboard, each to whichever field has the focus at that moment."""
    from PySide6.QtTest import QTest

    for ch in digits:
        target = k.window.focusWidget()
        assert isinstance(target, QLineEdit), ch
        QTest.keyClick(target, ch)


def tap_date_and_type(k: Kiosk, path: str, digits: str) -> None:
    """Tap the year box and type ``digits`` (the entry moves on by itself: year → month →
    day)."""
    from PySide6.QtCore import Qt

    date_boxes(k, path)[0].setFocus(Qt.FocusReason.MouseFocusReason)
    type_digits(k, digits)


def clear_date(k: Kiosk, path: str) -> None:
    """Empty the three boxes as the form's "no value" does (the resident starts afresh)."""
    k.set_field((path,), None)
    k.wait(lambda: date_texts(k, path) == ("", "", ""))


# -- the form in elder mode: a catalogue page a few fields at a time ---------------------------
def form_screen_position(k: Kiosk) -> tuple[int, int]:
    """(index, count) of the shown screen among its catalogue page's screens ((0, 1) outside
    elder mode)."""
    state = k.form._state
    assert state is not None
    return state.screen_index, state.screen_count


def shown_fields(k: Kiosk) -> list[str]:
    """The top-level fields on the form's screen that a resident can see (in page order)."""
    state = k.form._state
    assert state is not None
    page = next(p for p in state.form.pages if p.id == state.page_id)
    out = []
    for f in page.fields:
        widget = k.form.editors.get(f.name) or k.form.group_widgets.get(f.name)
        if widget is not None and widget.isVisibleTo(k.form):
            out.append(f.name)
    return out


def form_progress(k: Kiosk) -> str:
    return str(k.form.progress.plain)


def shown_issues(k: Kiosk) -> list[str]:
    """Paths of the fields whose issue is shown on the form's screen."""
    return [path for path, editor in k.form.editors.items() if editor.issue.isVisibleTo(k.form)]


def walk_to_field(k: Kiosk, path: str) -> None:
    """Elder mode: answer and press Next, screen by screen, until the field at ``path`` is on
    screen (nothing to do when it already is)."""
    for _ in range(20):
        if k.editor(path) is not None:
            return
        demo.fill_current_page(k.ui, k.wait)
        demo.fill_current_page(k.ui, k.wait)
        k.next()
    raise AssertionError(f"{path} never came on screen")
