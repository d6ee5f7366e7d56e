"""Screen 8: review everything on one scrollable page; personal data masked; edit links."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.screens.base import Screen, TextLabel, button, card, clear_layout, scroll_area
from ui.theme import STATUS_ICONS


@dataclass(frozen=True, slots=True)
class ReviewSectionView:
    title: str
    target: str  # "page:<id>" | "materials" | "signature"
    rows: tuple[tuple[str, str], ...]  # (label, display text), already masked and translated


@dataclass(frozen=True, slots=True)
class ReviewState:
    title: str
    sections: tuple[ReviewSectionView, ...]
    issues: int
    signed: bool
    open_materials: int = 0


class ReviewScreen(Screen):
    screen_id = "review"
    editRequested = Signal(str)
    submitRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        content = QWidget()
        self.content = QVBoxLayout(content)
        self.content.setSpacing(14)
        self.scroll_area = scroll_area(content)
        self.root.addWidget(self.scroll_area, 1)
        self.summary = TextLabel()
        self.summary.setObjectName("review_summary")
        self.root.addWidget(self.summary)
        row = self.action_row()
        row.addStretch(1)
        self.submit_button = button(role="primary", name="review_submit")
        row.addWidget(self.submit_button)
        self.submit_button.clicked.connect(self.submitRequested)
        self.retranslate()

    def _render(self, state: ReviewState) -> None:
        self.title.setText(state.title)
        clear_layout(self.content)
        for section in state.sections:
            frame = card()
            lay = QVBoxLayout(frame)
            lay.setContentsMargins(16, 12, 16, 12)
            head = QHBoxLayout()
            head.addWidget(TextLabel(section.title, role="subtitle"), 1)
            edit = button(self.tr("Edit"), role="link", name="edit_" + section.target)
            edit.clicked.connect(lambda _=False, t=section.target: self.editRequested.emit(t))
            head.addWidget(edit)
            lay.addLayout(head)
            for label, value in section.rows:
                # Chinese takes a full-width colon (姓名：张*明), English "Name: …".
                row = self.tr("{label}: {value}").format(label=label, value=value)
                lay.addWidget(TextLabel(row))
            self.content.addWidget(frame)
        self.content.addStretch(1)
        if state.issues:
            self.summary.set_plain(
                f"{STATUS_ICONS['error']} "
                + self.tr("{n} answers need attention. Tap Edit to correct them.").format(
                    n=state.issues
                )
            )
        elif not state.signed:
            self.summary.set_plain(f"{STATUS_ICONS['warning']} " + self.tr("Please sign first."))
        elif state.open_materials:
            self.summary.set_plain(
                f"{STATUS_ICONS['info']} "
                + self.tr(
                    "{n} materials are still open: they will be handed in at the window."
                ).format(n=state.open_materials)
            )
        else:
            self.summary.set_plain(f"{STATUS_ICONS['ok']} " + self.tr("Everything is ready."))
        self.submit_button.setEnabled(state.issues == 0 and state.signed)

    def retranslate(self) -> None:
        self.submit_button.setText(self.tr("Submit application"))
        super().retranslate()
