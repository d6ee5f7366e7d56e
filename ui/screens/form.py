"""Screen 5: the form, one page at a time, built from the catalogue's form definition.

The screen never evaluates rules: the controller runs the Qt-free forms engine after every
change and hands back a :class:`kiosk.forms.engine.FormState`; the screen shows or hides
fields (skip logic), shows translated issues for fields the resident touched (or all of them
after "next" on a page with problems) and marks values that came from the card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms.engine import FormState
from kiosk.forms.schema import FieldType, FormDefinition, FormField
from kiosk.forms.validation import Issue
from kiosk.services.journey.review import format_number
from ui.i18n import current_language
from ui.messages import message
from ui.screens.base import Screen, TextLabel, button, card, clear_layout, scroll_area
from ui.theme import STATUS_ICONS, set_role
from ui.widgets.date_entry import DateEntry

Path = tuple[str | int, ...]
ADDRESS_PARTS = ("province", "city", "district", "street", "detail")


def issue_path(path: Path) -> str:
    """``("members", 0, "name")`` → ``members[0].name`` (the engine's path format)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


@dataclass(frozen=True, slots=True)
class FormViewState:
    form: FormDefinition
    page_id: str
    page_ids: tuple[str, ...]
    values: dict[str, Any]
    prefilled: frozenset[str]
    engine: FormState
    shown_issues: frozenset[str] = frozenset()
    show_all_issues: bool = False
    title: str = ""
    saved_for_later: bool = False
    structure: tuple[Any, ...] = field(default_factory=tuple)  # row counts: rebuild when changed
    # Elder mode: the page's top-level fields on this screen (None: the whole page) and
    # which of the page's screens it is.
    fields: tuple[str, ...] | None = None
    screen_index: int = 0
    screen_count: int = 1


class FieldEditor(QWidget):
    """Label, hint, input and inline issue for one field."""

    def __init__(
        self,
        f: FormField,
        path: Path,
        form: FormDefinition,
        emit: Callable[[Path, object], None],
        prefilled: bool,
        left: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__()
        self.field = f
        self.path = path
        self.setObjectName("field_" + issue_path(path))
        self._emit = emit
        self._left = left
        self._form = form
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 4)
        lay.setSpacing(6)
        lang = current_language()
        head = QHBoxLayout()
        star = " *" if f.required else ""
        self.label = TextLabel(f.label.get(lang) + star, role="subtitle")
        head.addWidget(self.label, 1)
        self.prefilled_badge = TextLabel(role="prefilled")
        self.prefilled_badge.setObjectName("prefilled_" + issue_path(path))
        if prefilled:
            head.addWidget(self.prefilled_badge)
        lay.addLayout(head)
        if f.hint is not None:
            lay.addWidget(TextLabel(f.hint.get(lang), role="muted"))
        self.inputs: list[QLineEdit] = []
        self.choice_buttons: dict[object, QPushButton] = {}
        self._build_input(lay)
        self.issue = TextLabel(role="error")
        self.issue.setObjectName("issue_" + issue_path(path))
        self.issue.hide()
        lay.addWidget(self.issue)
        self.retranslate()

    # -- inputs -------------------------------------------------------------------------
    def _line(self, hint: Qt.InputMethodHint | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName("input_" + issue_path(self.path))
        if hint is not None:
            edit.setInputMethodHints(hint)
        self.inputs.append(edit)
        return edit

    def _build_input(self, lay: QVBoxLayout) -> None:
        f, t = self.field, self.field.type
        if t is FieldType.DATE:
            # Year / month / day boxes with the digit keyboard (ui/widgets/date_entry.py).
            self.date_entry = DateEntry(
                name="input_" + issue_path(self.path),
                units_after=current_language().startswith("zh"),
            )
            self.inputs.extend(self.date_entry.boxes)
            if f.readonly or f.calculate is not None:
                self.date_entry.setReadOnly(True)
            self.date_entry.edited.connect(lambda value: self._emit(self.path, value))
            if self._left is not None:
                on_left = self._left
                self.date_entry.left.connect(lambda: on_left(self.path))
            lay.addWidget(self.date_entry)
        elif t in (
            FieldType.TEXT,
            FieldType.NUMBER,
            FieldType.ID_NUMBER,
            FieldType.PHONE,
        ):
            hints = {
                FieldType.NUMBER: Qt.InputMethodHint.ImhFormattedNumbersOnly,
                FieldType.ID_NUMBER: Qt.InputMethodHint.ImhPreferNumbers
                | Qt.InputMethodHint.ImhPreferUppercase,
                FieldType.PHONE: Qt.InputMethodHint.ImhDialableCharactersOnly,
            }
            edit = self._line(hints.get(t))
            if f.readonly or f.calculate is not None:
                edit.setReadOnly(True)
            edit.textEdited.connect(lambda text: self._emit(self.path, self._parse(text)))
            lay.addWidget(edit)
        elif t in (FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE, FieldType.YES_NO):
            grid = QGridLayout()
            grid.setSpacing(10)
            lang = current_language()
            if t is FieldType.YES_NO:
                options: list[tuple[object, str]] = [(True, ""), (False, "")]
            else:
                options = [
                    (c.value, c.label.get(lang)) for c in self._form.choice_lists[f.choices or ""]
                ]
            group = QButtonGroup(self)
            group.setExclusive(t is not FieldType.SELECT_MULTIPLE)
            columns = 2 if len(options) > 2 else len(options)
            for i, (value, text) in enumerate(options):
                b = button(text, name=f"choice_{issue_path(self.path)}_{value}")
                b.setCheckable(True)
                group.addButton(b)
                self.choice_buttons[value] = b
                b.clicked.connect(lambda _=False: self._emit(self.path, self._choice_value()))
                grid.addWidget(b, i // columns, i % columns)
            lay.addLayout(grid)
        elif t is FieldType.ADDRESS:
            grid = QGridLayout()
            self._address_labels: list[TextLabel] = []
            for i, part in enumerate(ADDRESS_PARTS):
                label = TextLabel(role="muted")
                self._address_labels.append(label)
                edit = self._line()
                edit.setObjectName(f"input_{issue_path(self.path)}_{part}")
                edit.textEdited.connect(lambda _t: self._emit(self.path, self._address_value()))
                if part == "detail":
                    grid.addWidget(label, 4, 0)
                    grid.addWidget(edit, 4, 1, 1, 3)
                else:
                    grid.addWidget(label, i // 2, (i % 2) * 2)
                    grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
            lay.addLayout(grid)
        else:
            self.note = TextLabel(role="muted")
            lay.addWidget(self.note)

    def _parse(self, text: str) -> object:
        text = text.strip()
        if not text:
            return None
        if self.field.type is FieldType.NUMBER:
            try:
                number = float(text)
            except ValueError:
                return text
            return int(number) if number.is_integer() and "." not in text else number
        if self.field.type is FieldType.ID_NUMBER:
            return text.upper()
        return text

    def _choice_value(self) -> object:
        checked = [v for v, b in self.choice_buttons.items() if b.isChecked()]
        if self.field.type is FieldType.SELECT_MULTIPLE:
            return checked
        return checked[0] if checked else None

    def _address_value(self) -> dict[str, str]:
        return {part: edit.text() for part, edit in zip(ADDRESS_PARTS, self.inputs, strict=True)}

    # -- state --------------------------------------------------------------------------
    def set_value(self, value: object) -> None:
        t = self.field.type
        if t is FieldType.ADDRESS:
            parts = value if isinstance(value, dict) else {}
            for part, edit in zip(ADDRESS_PARTS, self.inputs, strict=True):
                text = str(parts.get(part) or "")
                if edit.text() != text:
                    edit.setText(text)
        elif t is FieldType.DATE:
            self.date_entry.set_value(value)
        elif self.choice_buttons:
            chosen = value if isinstance(value, list) else [value]
            for v, b in self.choice_buttons.items():
                b.setChecked(v in chosen and v is not None)
        elif self.inputs:
            text = "" if value is None else str(value)
            computed = self.field.calculate is not None or self.field.readonly
            if computed and isinstance(value, int | float) and not isinstance(value, bool):
                text = format_number(value)  # 800, not 800.0 (as on the review page)
            if self.inputs[0].text() != text:
                self.inputs[0].setText(text)
        elif t is FieldType.SIGNATURE:
            self.note.set_plain(
                f"{STATUS_ICONS['ok']} " + self.tr("Signed")
                if value
                else self.tr("You will sign with your finger after the materials step.")
            )

    def set_issue(self, issue: Issue | None) -> None:
        if issue is None:
            self.issue.hide()
            self.issue.set_plain("")
            for edit in self.inputs:
                edit.setProperty("invalid", False)
                edit.style().polish(edit)
            return
        params = dict(issue.params)
        text = message(issue.key, params)
        custom = params.get("message")
        if issue.key == "form.constraint" and hasattr(custom, "get"):
            text = custom.get(current_language())  # type: ignore[union-attr]
        self.issue.set_plain(f"{STATUS_ICONS['error']} {text}")
        self.issue.show()
        for edit in self.inputs:
            edit.setProperty("invalid", True)
            edit.style().polish(edit)

    def retranslate(self) -> None:
        self.prefilled_badge.set_plain("✔ " + self.tr("From your card"))
        if self.field.type is FieldType.YES_NO:
            self.choice_buttons[True].setText(self.tr("Yes"))
            self.choice_buttons[False].setText(self.tr("No"))
        if self.field.type is FieldType.ADDRESS:
            names = [
                self.tr("Province"),
                self.tr("City"),
                self.tr("District"),
                self.tr("Street"),
                self.tr("Detailed address"),
            ]
            for label, name in zip(self._address_labels, names, strict=True):
                label.set_plain(name)
        if self.field.type is FieldType.NOTE:
            lang = current_language()
            self.note.set_plain((self.field.hint or self.field.label).get(lang))
            self.label.hide()
        if self.field.type is FieldType.ATTACHMENT:
            self.note.set_plain(self.tr("Photos are taken in the materials step."))


class FormScreen(Screen):
    screen_id = "form"
    valueChanged = Signal(object, object)  # path tuple, value
    fieldLeft = Signal(object)  # path tuple: the resident moved on from a multi-part field
    rowAdded = Signal(str)
    rowRemoved = Signal(str, int)
    nextRequested = Signal()
    backRequested = Signal()
    saveForLaterRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.progress = TextLabel(role="muted")
        self.progress.setObjectName("form_progress")
        self.root.addWidget(self.progress)
        self.page_title = TextLabel(role="subtitle")
        self.root.addWidget(self.page_title)
        content = QWidget()
        self.content = QVBoxLayout(content)
        self.content.setSpacing(12)
        self.scroll_area = scroll_area(content)
        self.root.addWidget(self.scroll_area, 1)
        self.page_issue = TextLabel(role="error")
        self.page_issue.setObjectName("page_issue")
        self.root.addWidget(self.page_issue)
        row = self.action_row()
        self.back_button = button(name="form_back")
        self.save_button = button(name="form_save_later")
        self.next_button = button(role="primary", name="form_next")
        row.addWidget(self.back_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        self.editors: dict[str, FieldEditor] = {}
        self.group_widgets: dict[str, QWidget] = {}
        self._built_key: tuple[Any, ...] | None = None
        self.back_button.clicked.connect(self.backRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self.save_button.clicked.connect(self.saveForLaterRequested)
        self.retranslate()

    def _emit(self, path: Path, value: object) -> None:
        self.valueChanged.emit(path, value)

    def _render(self, state: FormViewState) -> None:
        key = (
            state.form.id,
            state.form.version,
            state.page_id,
            state.structure,
            state.fields,
            current_language(),
        )
        if key != self._built_key:
            self._build(state)
            self._built_key = key
        self.refresh(state)

    def _build(self, state: FormViewState) -> None:
        clear_layout(self.content)
        self.editors = {}
        self.group_widgets = {}
        page = next(p for p in state.form.pages if p.id == state.page_id)
        shown = page.fields
        if state.fields is not None:
            shown = tuple(f for f in page.fields if f.name in state.fields)
        self._add_fields(shown, (), self.content, state)
        self.content.addStretch(1)
        self.scroll_area.verticalScrollBar().setValue(0)

    def _add_fields(
        self, fields: tuple[FormField, ...], prefix: Path, layout: QVBoxLayout, state: FormViewState
    ) -> None:
        lang = current_language()
        for f in fields:
            if f.type is FieldType.GROUP and f.repeat:
                self._add_repeat(f, layout, state)
            elif f.type is FieldType.GROUP:
                box = card()
                inner = QVBoxLayout(box)
                inner.addWidget(TextLabel(f.label.get(lang), role="subtitle"))
                self._add_fields(f.fields, prefix, inner, state)  # plain groups store flat
                self.group_widgets[issue_path((*prefix, f.name))] = box
                layout.addWidget(box)
            else:
                path = (*prefix, f.name)
                editor = FieldEditor(
                    f,
                    path,
                    state.form,
                    self._emit,
                    not prefix and f.name in state.prefilled,
                    self.fieldLeft.emit,
                )
                self.editors[issue_path(path)] = editor
                layout.addWidget(editor)

    def _add_repeat(self, f: FormField, layout: QVBoxLayout, state: FormViewState) -> None:
        lang = current_language()
        box = card()
        box.setObjectName("repeat_" + f.name)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 12, 16, 12)
        inner.addWidget(TextLabel(f.label.get(lang), role="subtitle"))
        rows = state.values.get(f.name) or []
        for i, _row in enumerate(rows if isinstance(rows, list) else []):
            row_box = card()
            row_layout = QVBoxLayout(row_box)
            head = QHBoxLayout()
            head.addWidget(TextLabel(self.tr("Entry {n}").format(n=i + 1), role="subtitle"), 1)
            remove = button(self.tr("Remove"), name=f"remove_{f.name}_{i}")
            remove.clicked.connect(lambda _=False, g=f.name, n=i: self.rowRemoved.emit(g, n))
            head.addWidget(remove)
            row_layout.addLayout(head)
            self._add_fields(f.fields, (f.name, i), row_layout, state)
            inner.addWidget(row_box)
        add = button("＋ " + self.tr("Add an entry"), name=f"add_{f.name}")
        limit = f.max_repeat
        add.setEnabled(limit is None or len(rows) < limit)
        add.clicked.connect(lambda _=False, g=f.name: self.rowAdded.emit(g))
        inner.addWidget(add)
        self.group_widgets[f.name] = box
        self.editors_issue_holder = getattr(self, "editors_issue_holder", {})
        group_issue = TextLabel(role="error")
        group_issue.setObjectName("issue_" + f.name)
        group_issue.hide()
        inner.addWidget(group_issue)
        self.editors_issue_holder[f.name] = group_issue
        layout.addWidget(box)

    def refresh(self, state: FormViewState) -> None:
        """Values, relevance and issues without rebuilding (keeps focus and the keyboard)."""
        self._state = state
        engine = state.engine
        issues = {i.path: i for i in engine.page_issues(state.page_id)}
        for path, editor in self.editors.items():
            editor.setVisible(engine.is_relevant(path))
            editor.set_value(_value_at(state.values, editor.path))
            show = state.show_all_issues or path in state.shown_issues
            editor.set_issue(issues.get(path) if show else None)
        holder = getattr(self, "editors_issue_holder", {})
        for name, widget in self.group_widgets.items():
            widget.setVisible(engine.is_relevant(name))
            label = holder.get(name)
            if label is not None:
                issue = issues.get(name)
                show = state.show_all_issues or name in state.shown_issues
                if issue is not None and show:
                    label.set_plain(f"{STATUS_ICONS['error']} {message(issue.key, issue.params)}")
                    label.show()
                else:
                    label.hide()
        index = state.page_ids.index(state.page_id) if state.page_id in state.page_ids else 0
        lang = current_language()
        page = next(p for p in state.form.pages if p.id == state.page_id)
        self.title.setText(state.title)
        self.page_title.set_plain(page.title.get(lang))
        step = {"n": index + 1, "total": len(state.page_ids)}
        if state.screen_count > 1:
            self.progress.set_plain(
                self.tr("Step {n} of {total} · screen {i} of {m}").format(
                    **step, i=state.screen_index + 1, m=state.screen_count
                )
            )
        else:
            self.progress.set_plain(self.tr("Step {n} of {total}").format(**step))
        visible_issues = [
            i
            for path, i in issues.items()
            if state.show_all_issues
            and (state.fields is None or path in self.editors or path in self.group_widgets)
        ]
        self.page_issue.set_plain(
            self.tr("Please correct the {n} marked answers.").format(n=len(visible_issues))
            if visible_issues
            else ""
        )
        self.page_issue.setVisible(bool(visible_issues))
        set_role(self.save_button, "")
        self.save_button.setEnabled(not state.saved_for_later)
        self.save_button.setText(
            self.tr("Saved for later") if state.saved_for_later else self.tr("Save for later")
        )

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))
        self.save_button.setText(self.tr("Save for later"))
        self._built_key = None
        super().retranslate()


def _value_at(values: dict[str, Any], path: Path) -> object:
    node: Any = values
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
    return node
