"""The draft part of the journey: start a draft, then the form page by page.

Owns the form screen and, for the steps after it, the materials controller and the submission
controller (signature → review → submit → done). The journey service opens the draft (prefilled
from the card) and stores every change; relevance and issues follow each keystroke through
``journey.evaluate(handle, values)``, the one service call that may run on the GUI thread (pure
CPU, well under a millisecond for the catalogue's forms).
"""

from __future__ import annotations

import copy
import logging
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.errors import KioskError
from kiosk.forms.engine import FormState
from kiosk.forms.schema import FieldType, FormField
from kiosk.services.journey import DraftHandle
from kiosk.session import SessionState
from ui.controllers.materials_controller import MaterialsController
from ui.controllers.submit_controller import SubmitController
from ui.i18n import current_language
from ui.screens.base import clear_layout
from ui.screens.form import FormScreen, FormViewState, issue_path

if TYPE_CHECKING:
    from ui.controllers.journey_controller import JourneyController

log = logging.getLogger(__name__)
# Year, month and day all typed (the date itself may still be invalid: 2023-02-30).
_COMPLETE_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")

Path = tuple[str | int, ...]
DELIVERY_FIELD = "delivery_method"  # the service keeps its delivery choice in step with it
# Elder mode's simpler screens: a catalogue page comes a few answers at a time.
ELDER_FIELDS_PER_SCREEN = 3
HEAVY_WEIGHT = 2  # an address (5 boxes) or a repeat group: one question, but a big card
_LEADING = -1  # a note: it introduces the answers after it and shares their screen


class FormFlow:
    def __init__(self, owner: JourneyController) -> None:
        self.owner = owner
        self.calls = owner.calls
        self.form_screen = FormScreen()
        owner.window.add_screen(self.form_screen)
        self.materials = MaterialsController(self)
        self.submission = SubmitController(self)
        self.materials_screen = self.materials.screen
        self.signature_screen = self.submission.signature_screen
        self.review_screen = self.submission.review_screen
        f = self.form_screen
        f.valueChanged.connect(self.value_changed)
        f.fieldLeft.connect(self.field_left)
        f.rowAdded.connect(self.add_row)
        f.rowRemoved.connect(self.remove_row)
        f.nextRequested.connect(self.next_page)
        f.backRequested.connect(self.previous_page)
        f.saveForLaterRequested.connect(owner.window.consent_overlay.open)
        owner.window.elderToggled.connect(self.elder_toggled)
        owner.window.consent_overlay.accepted.connect(self.save_for_later)
        owner.guide.startRequested.connect(self.start)
        self.reset()

    # ------------------------------------------------------------------ lifecycle

    def reset(self) -> None:
        self.handle: DraftHandle | None = None
        self.values: dict[str, Any] = {}
        self.page_id = ""
        # Elder mode: the screen of the page holding this top-level field (None: the first).
        self.anchor: str | None = None
        self._view_elder: bool | None = None  # the mode the form was last shown in
        self.touched: set[str] = set()
        self.half_typed: set[str] = set()  # date fields left half typed show their issue on leaving
        self.show_all = False
        self.saved = False
        self.form_screen._state = None
        self.form_screen._built_key = None
        clear_layout(self.form_screen.content)
        self.form_screen.editors = {}
        self.form_screen.group_widgets = {}
        self.materials.reset()
        self.submission.reset()

    @property
    def draft_id(self) -> str | None:
        return None if self.handle is None else self.handle.draft_id

    # Materials, as the page objects read them.
    @property
    def pages(self) -> dict[str, list[tuple[str, QImage]]]:
        return self.materials.pages

    @property
    def choices(self) -> dict[str, str]:
        return self.materials.choices

    @property
    def camera_available(self) -> bool:
        return self.materials.camera_available

    def materials_done(self) -> None:
        self.materials.done()

    def error(self, err: KioskError) -> None:
        log.warning("journey step failed: %s", err.key)
        self.materials.show_error(err.key)

    # ------------------------------------------------------------------ start

    def start(self) -> None:
        owner = self.owner
        state = owner.guide.state
        identity = owner.session.identity
        if state is None or identity is None:
            return
        self.reset()
        code, lang = state.code, current_language()

        def created(handle: DraftHandle) -> None:
            self.handle = handle
            self.values = copy.deepcopy(handle.values)
            if owner.session.state is SessionState.IDENTIFIED:
                owner.session.choose_matter()
            owner.session.open_matter(code, handle.draft_id)
            owner.session.set_form_values(_top_level(self.values))
            self.materials.begin(handle)
            self.page_id = self._evaluate().visible_pages[0]
            self.render_form()
            owner.show(self.form_screen)

        self.calls.call(
            lambda journey: journey.start(identity, code, lang),
            created,
            self.error,
            name="start-draft",
        )

    # ------------------------------------------------------------------ form

    def _evaluate(self) -> FormState:
        assert self.handle is not None
        return self.calls.journey.evaluate(self.handle, self.values)

    def _structure(self) -> tuple[Any, ...]:
        return tuple(
            (k, len(v))
            for k, v in sorted(self.values.items())
            if isinstance(v, list) and v and isinstance(v[0], dict)
        )

    def _elder(self) -> bool:
        return bool(self.owner.elder)

    def _screens(self, state: FormState, page_id: str, elder: bool) -> list[tuple[str, ...]]:
        """The page's top-level fields, screen by screen (one screen outside elder mode)."""
        assert self.handle is not None
        page = next(p for p in self.handle.form.pages if p.id == page_id)
        if not elder:
            return [tuple(f.name for f in page.fields)]
        return split_screens(page.fields, state, ELDER_FIELDS_PER_SCREEN)

    def _screen_index(self, screens: list[tuple[str, ...]]) -> int:
        if self.anchor is None:
            return 0
        return next((i for i, names in enumerate(screens) if self.anchor in names), 0)

    def _unit(self, name: str) -> str:
        """The top-level field of the current page a stored name or issue path belongs to
        (plain groups store their fields flat)."""
        assert self.handle is not None
        top = re.split(r"[.\[]", name, maxsplit=1)[0]
        page = next(p for p in self.handle.form.pages if p.id == self.page_id)
        for f in page.fields:
            if f.name == top or (not f.repeat and _has_field(f.fields, top)):
                return f.name
        return top

    def _keep_in_view(self, name: str) -> None:
        assert self.handle is not None
        unit = self._unit(name)
        page = next(p for p in self.handle.form.pages if p.id == self.page_id)
        if any(f.name == unit for f in page.fields):
            self.anchor = unit

    def _view_anchor(self) -> str | None:
        """The field the resident is at in the view on screen: the focused one, else the
        first one scrolled into view."""
        screen = self.form_screen
        focus = screen.window().focusWidget() or QApplication.focusWidget()
        for editor in screen.editors.values():
            if focus is not None and (focus is editor or editor.isAncestorOf(focus)):
                return self._unit(str(editor.path[0]))
        content = screen.scroll_area.widget()
        if content is None:
            return None
        top = screen.scroll_area.verticalScrollBar().value()
        best: tuple[int, str] | None = None
        named: list[tuple[str, QWidget]] = [
            *((str(e.path[0]), e) for e in screen.editors.values()),
            *screen.group_widgets.items(),
        ]
        for name, widget in named:
            if not widget.isVisibleTo(content):
                continue
            y = widget.mapTo(content, QPoint(0, 0)).y()
            if y + widget.height() > top and (best is None or y < best[0]):
                best = (y, name)
        return None if best is None else self._unit(best[1])

    def elder_toggled(self, on: bool) -> None:
        """Elder mode switched mid-form: stay with the field the resident was at."""
        if self.handle is not None and self.form_screen._state is not None:
            self.render_form(elder=on)

    def render_form(self, elder: bool | None = None) -> None:
        handle = self.handle
        if handle is None:
            return
        elder = self._elder() if elder is None else elder
        state = self._evaluate()
        pages = state.visible_pages
        if self.page_id not in pages:
            self.page_id, self.anchor = pages[0], None
        if self._view_elder is not None and elder != self._view_elder:
            self.anchor = self._view_anchor() or self.anchor
        self._view_elder = elder
        screens = self._screens(state, self.page_id, elder)
        index = self._screen_index(screens)
        self.form_screen.render(
            FormViewState(
                form=handle.form,
                page_id=self.page_id,
                page_ids=tuple(pages),
                fields=screens[index] if elder else None,
                screen_index=index,
                screen_count=len(screens),
                values=self.values,
                prefilled=handle.prefilled,
                engine=state,
                shown_issues=frozenset(self.touched),
                show_all_issues=self.show_all,
                title=handle.title.get(current_language()),
                saved_for_later=self.saved,
                structure=self._structure(),
            )
        )

    def value_changed(self, path: Path, value: object) -> None:
        draft_id = self.draft_id
        if draft_id is None:
            return
        _set_at(self.values, path, value)
        if path:
            self._keep_in_view(str(path[0]))  # the answer in hand stays on screen
        if self._typing_date(path, value):  # a half-typed date: its issue waits (field_left)
            self.touched.discard(issue_path(path))
            self.half_typed.add(issue_path(path))
        else:
            self.touched.add(issue_path(path))
        session = self.owner.session
        if len(path) == 1 and session.state is SessionState.FILLING:
            session.set_form_values({str(path[0]): _scalar(value)})
        self.render_form()
        stored = copy.deepcopy(value)
        if path == (DELIVERY_FIELD,) and stored in self._delivery_options():
            self.calls.call(
                lambda journey: journey.set_delivery(draft_id, str(stored)),
                None,
                self.error,
                name="delivery",
            )
            return
        self._autosave(draft_id, path, stored)

    def field_left(self, path: Path) -> None:
        """The resident moved on from a multi-part field (a date): show its issue now."""
        key = issue_path(path)
        if self.draft_id is None or key not in self.half_typed:
            return  # only looked at (tapped in and out), or already complete: nothing to show
        self.half_typed.discard(key)
        self.touched.add(key)
        self.render_form()

    def _typing_date(self, path: Path, value: object) -> bool:
        """A date field whose parts are not all filled in yet (``1985-03-``)."""
        if self.handle is None or not isinstance(value, str) or not path:
            return False
        if path[-1] not in {
            f.name for f in self.handle.form.iter_fields() if f.type is FieldType.DATE
        }:
            return False
        return not _COMPLETE_DATE.fullmatch(value)

    def _delivery_options(self) -> tuple[str, ...]:
        return tuple(d.value for d in self.handle.delivery_options) if self.handle else ()

    def _autosave(self, draft_id: str, path: Path, value: object) -> None:
        self.calls.call(
            lambda journey: journey.autosave(draft_id, path, value),
            None,
            self.error,
            name="autosave",
        )

    def add_row(self, group: str) -> None:
        rows = list(self.values.get(group) or [])
        rows.append({})
        self._set_rows(group, rows)

    def remove_row(self, group: str, index: int) -> None:
        rows = list(self.values.get(group) or [])
        if 0 <= index < len(rows):
            rows.pop(index)
        self._set_rows(group, rows)

    def _set_rows(self, group: str, rows: list[Any]) -> None:
        draft_id = self.draft_id
        if draft_id is None:
            return
        self.values[group] = rows
        self._keep_in_view(group)
        self.touched.add(group)
        self.render_form()
        self._autosave(draft_id, (group,), copy.deepcopy(rows))

    def _page_blocking_issues(self, names: tuple[str, ...] | None = None) -> list[Any]:
        """The page's issues that keep the resident on it (only those of the top-level
        fields ``names`` when given: one elder-mode screen)."""
        assert self.handle is not None
        state = self._evaluate()
        # Signature and attachment fields are answered on their own screens.
        later = {
            f.name
            for f in self.handle.form.iter_fields()
            if f.type in (FieldType.SIGNATURE, FieldType.ATTACHMENT)
        }
        return [
            i
            for i in state.page_issues(self.page_id)
            if i.path not in later and (names is None or self._unit(i.path) in names)
        ]

    def _go_to_page(self, page_id: str, anchor: str | None = None) -> None:
        self.page_id = page_id
        self.anchor = anchor
        self.render_form()
        draft_id = self.draft_id
        if draft_id is not None and self.handle is not None:
            index = [p.id for p in self.handle.form.pages].index(page_id)
            self.calls.call(lambda journey: journey.set_page(draft_id, index), name="page")

    def next_page(self) -> None:
        if self.handle is None:
            return
        state = self._evaluate()
        screens = self._screens(state, self.page_id, self._elder())
        index = self._screen_index(screens)
        if self._page_blocking_issues(screens[index]):
            self.show_all = True
            self.render_form()
            return
        if index + 1 < len(screens):  # elder mode: the page's next screen
            self.show_all = False
            self.anchor = screens[index + 1][0]
            self.render_form()
            return
        if self._page_blocking_issues():  # an earlier screen of the page (elder mode)
            wrong = {self._unit(i.path) for i in self._page_blocking_issues()}
            self.anchor = next((s[0] for s in screens if wrong & set(s)), None)
            self.show_all = True
            self.render_form()
            return
        self.show_all = False
        pages = state.visible_pages
        index = pages.index(self.page_id)
        if index + 1 < len(pages):
            self._go_to_page(pages[index + 1])
            return
        self.materials.open()

    def previous_page(self) -> None:
        if self.handle is None:
            return
        state = self._evaluate()
        pages = state.visible_pages
        index = pages.index(self.page_id) if self.page_id in pages else 0
        screens = self._screens(state, self.page_id, self._elder())
        screen = self._screen_index(screens) if self.page_id in pages else 0
        if screen > 0:  # elder mode: the page's previous screen
            self.show_all = False
            self.anchor = screens[screen - 1][0]
            self.render_form()
            return
        if index == 0:
            owner = self.owner
            owner.window.consent_overlay.hide()
            owner.session.choose_matter()  # abandons the unsaved draft (the session's disposer)
            self.reset()
            owner.show(owner.guide)
            return
        self.show_all = False
        before = pages[index - 1]
        last = self._screens(state, before, self._elder())[-1]
        self._go_to_page(before, last[0] if last else None)

    def show_page(self, page_id: str | None, show_all: bool = True) -> None:
        """Back to the form from the review's edit link (``None``: the page asking for
        delivery, else the first)."""
        if self.handle is None:
            return
        anchor = None  # the page's first screen
        if page_id is None:
            anchor = DELIVERY_FIELD
            page_id = next(
                (p.id for p in self.handle.form.pages if _has_field(p.fields, DELIVERY_FIELD)),
                self.handle.form.pages[0].id,
            )
        self.owner.session.back_to_form()
        self.page_id = page_id
        self.anchor = anchor
        if anchor is None and show_all and self._elder():
            # Elder mode: open the first screen with something to fix, not the page's first.
            blocking = self._page_blocking_issues()
            if blocking:
                wrong = {self._unit(i.path) for i in blocking}
                screens = self._screens(self._evaluate(), page_id, True)
                self.anchor = next((sc[0] for sc in screens if wrong & set(sc)), None)
        self.show_all = show_all
        self.render_form()
        self.owner.show(self.form_screen)

    def save_for_later(self) -> None:
        draft_id, identity = self.draft_id, self.owner.session.identity
        if draft_id is None or identity is None:
            return

        def saved(_: object) -> None:
            self.owner.session.save_for_later()
            self.saved = True
            self.render_form()

        self.calls.call(
            lambda journey: journey.save_for_later(draft_id, identity),
            saved,
            self.error,
            name="save-for-later",
        )


def split_screens(
    fields: tuple[FormField, ...], state: FormState, limit: int
) -> list[tuple[str, ...]]:
    """Elder mode's screens of one catalogue page: its top-level fields in order, at most
    ``limit`` counted answers a screen, never an empty screen.

    Counted: each relevant answer box (an ordinary field, a calculated or read-only value)
    counts one; an address or a repeat group counts :data:`HEAVY_WEIGHT` (it shares a screen
    with one ordinary field at most); a plain group counts its relevant fields and is never
    split. Not counted: fields hidden by skip rules (they ride along with the field before
    them and the page is split again when one appears), notes (they go with the answers they
    introduce) and the signature / attachment placeholders (answered on their own screens).
    """
    screens: list[list[str]] = []
    weights: list[int] = []
    waiting: list[str] = []  # notes (and what follows them uncounted) before the next answer
    for f in fields:
        weight = _weight(f, state, limit)
        if weight == _LEADING or (weight == 0 and (waiting or not screens)):
            waiting.append(f.name)
        elif weight == 0:
            screens[-1].append(f.name)
        else:
            if not screens or weights[-1] + weight > limit:
                screens.append([])
                weights.append(0)
            screens[-1] += [*waiting, f.name]
            weights[-1] += weight
            waiting = []
    if waiting:
        if screens:
            screens[-1] += waiting
        else:
            screens.append(waiting)
    return [tuple(s) for s in screens] or [()]


def _weight(f: FormField, state: FormState, limit: int) -> int:
    if not state.is_relevant(f.name):
        return 0
    if f.type is FieldType.NOTE:
        return _LEADING
    if f.type in (FieldType.SIGNATURE, FieldType.ATTACHMENT):
        return 0
    if f.type is FieldType.GROUP and not f.repeat:
        inner = sum(max(0, _weight(g, state, limit)) for g in f.fields)
        return min(limit, inner)
    if f.type is FieldType.ADDRESS or f.repeat:
        return min(limit, HEAVY_WEIGHT)
    return 1


def _has_field(fields: Any, name: str) -> bool:
    return any(f.name == name or _has_field(f.fields, name) for f in fields)


def _scalar(value: object) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else None


def _top_level(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _scalar(v) for k, v in values.items()}


def _set_at(values: dict[str, Any], path: Path, value: object) -> None:
    node: Any = values
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            if last:
                node[part] = value
            else:
                node = node[part]
        else:
            if last:
                node[part] = value
            else:
                nxt = path[i + 1]
                node = node.setdefault(part, [] if isinstance(nxt, int) else {})
