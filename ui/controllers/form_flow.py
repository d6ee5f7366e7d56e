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

from PySide6.QtGui import QImage

from kiosk.errors import KioskError
from kiosk.forms.engine import FormState
from kiosk.forms.schema import FieldType
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
        owner.window.consent_overlay.accepted.connect(self.save_for_later)
        owner.guide.startRequested.connect(self.start)
        self.reset()

    # ------------------------------------------------------------------ lifecycle

    def reset(self) -> None:
        self.handle: DraftHandle | None = None
        self.values: dict[str, Any] = {}
        self.page_id = ""
        self.touched: set[str] = set()
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

    def render_form(self) -> None:
        handle = self.handle
        if handle is None:
            return
        state = self._evaluate()
        pages = state.visible_pages
        if self.page_id not in pages:
            self.page_id = pages[0]
        self.form_screen.render(
            FormViewState(
                form=handle.form,
                page_id=self.page_id,
                page_ids=tuple(pages),
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
        if self._typing_date(path, value):  # a half-typed date: its issue waits (field_left)
            self.touched.discard(issue_path(path))
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
        if self.draft_id is None or issue_path(path) in self.touched:
            return
        self.touched.add(issue_path(path))
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
        self.touched.add(group)
        self.render_form()
        self._autosave(draft_id, (group,), copy.deepcopy(rows))

    def _page_blocking_issues(self) -> list[Any]:
        assert self.handle is not None
        state = self._evaluate()
        # Signature and attachment fields are answered on their own screens.
        later = {
            f.name
            for f in self.handle.form.iter_fields()
            if f.type in (FieldType.SIGNATURE, FieldType.ATTACHMENT)
        }
        return [i for i in state.page_issues(self.page_id) if i.path not in later]

    def _go_to_page(self, page_id: str) -> None:
        self.page_id = page_id
        self.render_form()
        draft_id = self.draft_id
        if draft_id is not None and self.handle is not None:
            index = [p.id for p in self.handle.form.pages].index(page_id)
            self.calls.call(lambda journey: journey.set_page(draft_id, index), name="page")

    def next_page(self) -> None:
        if self.handle is None:
            return
        if self._page_blocking_issues():
            self.show_all = True
            self.render_form()
            return
        self.show_all = False
        pages = self._evaluate().visible_pages
        index = pages.index(self.page_id)
        if index + 1 < len(pages):
            self._go_to_page(pages[index + 1])
            return
        self.materials.open()

    def previous_page(self) -> None:
        if self.handle is None:
            return
        pages = self._evaluate().visible_pages
        index = pages.index(self.page_id) if self.page_id in pages else 0
        if index == 0:
            owner = self.owner
            owner.window.consent_overlay.hide()
            owner.session.choose_matter()  # abandons the unsaved draft (the session's disposer)
            self.reset()
            owner.show(owner.guide)
            return
        self.show_all = False
        self._go_to_page(pages[index - 1])

    def show_page(self, page_id: str | None, show_all: bool = True) -> None:
        """Back to the form from the review's edit link (``None``: the page asking for
        delivery, else the first)."""
        if self.handle is None:
            return
        if page_id is None:
            page_id = next(
                (p.id for p in self.handle.form.pages if _has_field(p.fields, DELIVERY_FIELD)),
                self.handle.form.pages[0].id,
            )
        self.owner.session.back_to_form()
        self.page_id = page_id
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
