"""Screen 4: the matter guide (办事指南): conditions, materials, limits, fees, delivery."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import LocalText
from ui.i18n import current_language
from ui.screens.base import Screen, TextLabel, badge, button, card, clear_layout, scroll_area

# Necessity kinds (derived from catalogue flags, never from Chinese codes) → icon + style role.
NECESSITY_STYLE = {
    "required": ("●", "badge-required"),
    "deferrable": ("◔", "badge-deferrable"),
    "commitment": ("✍", "badge-commitment"),
    "optional": ("○", "badge-optional"),
}


@dataclass(frozen=True, slots=True)
class GuideMaterial:
    name: LocalText
    necessity: str  # required | deferrable | commitment | optional
    necessity_label: LocalText
    copies: int = 1


@dataclass(frozen=True, slots=True)
class GuideState:
    code: str
    is_bundle: bool
    title: LocalText
    department: LocalText | None
    conditions: tuple[LocalText, ...]
    materials: tuple[GuideMaterial, ...]
    on_the_spot: bool
    time_limit_days: int
    free: bool
    fee_yuan: str = ""
    delivery: tuple[LocalText, ...] = ()
    visits: int = 0
    member_matters: tuple[LocalText, ...] = ()
    supplement_days: int | None = None


class GuideScreen(Screen):
    screen_id = "guide"
    startRequested = Signal()
    backRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.badges = QHBoxLayout()
        self.root.addLayout(self.badges)
        content = QWidget()
        self.content = QVBoxLayout(content)
        self.content.setSpacing(14)
        self.scroll_area = scroll_area(content)
        self.root.addWidget(self.scroll_area, 1)
        row = self.action_row()
        self.back_button = button(name="guide_back")
        self.start_button = button(role="primary", name="guide_start")
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.start_button)
        self.back_button.clicked.connect(self.backRequested)
        self.start_button.clicked.connect(self.startRequested)
        self.retranslate()

    def _section(self, heading: str) -> QVBoxLayout:
        frame = card()
        lay = QVBoxLayout(frame)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addWidget(TextLabel(heading, role="subtitle"))
        self.content.addWidget(frame)
        return lay

    def _render(self, state: GuideState) -> None:
        lang = current_language()
        self.title.setText(state.title.get(lang))
        clear_layout(self.badges)
        clear_layout(self.content)
        if state.on_the_spot:
            self.badges.addWidget(badge("⚡ " + self.tr("Done on the spot"), "badge-commitment"))
        self.badges.addWidget(
            badge(
                self.tr("Free")
                if state.free
                else self.tr("Fee: {amount} yuan").format(amount=state.fee_yuan),
                "badge-optional",
            )
        )
        self.badges.addStretch(1)

        facts = self._section(self.tr("At a glance"))
        if state.department is not None:
            facts.addWidget(
                TextLabel(self.tr("Department: {name}").format(name=state.department.get(lang)))
            )
        if state.on_the_spot:
            facts.addWidget(TextLabel(self.tr("Time limit: finished on the spot")))
        else:
            facts.addWidget(
                TextLabel(self.tr("Time limit: {n} working days").format(n=state.time_limit_days))
            )
        facts.addWidget(
            TextLabel(
                self.tr("Fee: free of charge")
                if state.free
                else self.tr("Fee: {amount} yuan").format(amount=state.fee_yuan)
            )
        )
        facts.addWidget(
            TextLabel(self.tr("Visits to a service window: {n}").format(n=state.visits))
        )
        if state.delivery:
            facts.addWidget(
                TextLabel(
                    self.tr("Result delivery: {options}").format(
                        options=" / ".join(d.get(lang) for d in state.delivery)
                    )
                )
            )
        if state.member_matters:
            members = self._section(self.tr("This one-stop service includes"))
            for i, name in enumerate(state.member_matters, start=1):
                members.addWidget(TextLabel(f"{i}. {name.get(lang)}"))
        if state.conditions:
            cond = self._section(self.tr("Who can apply"))
            for c in state.conditions:
                cond.addWidget(TextLabel("• " + c.get(lang)))
        mats = self._section(self.tr("Materials"))
        for m in state.materials:
            row = QHBoxLayout()
            icon, role = NECESSITY_STYLE.get(m.necessity, NECESSITY_STYLE["required"])
            b = badge(f"{icon} {m.necessity_label.get(lang)}", role)
            b.setObjectName(f"necessity_{m.necessity}")
            b.setFixedWidth(b.sizeHint().width())
            row.addWidget(b)
            row.addWidget(TextLabel(m.name.get(lang)), 1)
            mats.addLayout(row)
        if any(m.necessity == "deferrable" for m in state.materials) and state.supplement_days:
            mats.addWidget(
                TextLabel(
                    self.tr(
                        "Materials marked 'supplement later' may be handed in within {n} days."
                    ).format(n=state.supplement_days),
                    role="muted",
                )
            )
        self.content.addStretch(1)
        _ = QLabel  # keep the import for type checkers of subclasses

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.start_button.setText(self.tr("Start"))
        super().retranslate()
