"""Screen 6: materials. Camera preview with the page outline, auto-capture, retake, pages,
and per material the other ways the catalogue allows (window, supplement later, promise)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import LocalText
from ui.i18n import current_language
from ui.messages import message
from ui.screens.base import (
    Screen,
    TextLabel,
    badge,
    button,
    card,
    clear_layout,
    local_date,
    scroll_area,
)
from ui.screens.guide import NECESSITY_STYLE
from ui.theme import STATUS_ICONS
from ui.widgets.camera_view import CameraPreviewWidget

# How a material is provided (mirrors kiosk.services.journey MaterialChoice values).
CAPTURED, E_CERTIFICATE, WINDOW, DEFERRED, COMMITMENT, OMITTED = (
    "captured",
    "e_certificate",
    "window",
    "deferred",
    "commitment",
    "omitted",
)


@dataclass(frozen=True, slots=True)
class MaterialRow:
    code: str
    name: LocalText
    necessity: str
    necessity_label: LocalText
    allowed: tuple[str, ...]  # choices offered (catalogue data + camera availability)
    choice: str | None
    pages: int = 0
    thumbnails: tuple[QImage, ...] = ()
    deadline: str = ""  # ISO date for deferrable materials
    commitment_text: LocalText | None = None


@dataclass(frozen=True, slots=True)
class MaterialsState:
    rows: tuple[MaterialRow, ...]
    camera_available: bool = True
    capturing: str | None = None  # material code under the camera
    guidance_key: str = "capture.no_page"
    error_key: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


class MaterialsScreen(Screen):
    screen_id = "materials"
    captureRequested = Signal(str)  # material code: open the camera for it
    captureStopped = Signal()
    shutterPressed = Signal()
    retakeRequested = Signal(str)
    choiceMade = Signal(str, str)  # material code, choice
    nextRequested = Signal()
    backRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.camera_panel = QWidget()
        cl = QVBoxLayout(self.camera_panel)
        self.capture_caption = TextLabel(role="subtitle")
        self.capture_caption.setObjectName("capture_caption")
        cl.addWidget(self.capture_caption)
        self.preview = CameraPreviewWidget()
        self.preview.setObjectName("camera_preview")
        cl.addWidget(self.preview, 1)
        self.guidance = TextLabel(role="subtitle")
        self.guidance.setObjectName("capture_guidance")
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignCenter)
        cl.addWidget(self.guidance)
        self.shutter = button(name="capture_shutter")
        self.done_capture = button(role="primary", name="capture_done")
        self.root.addWidget(self.camera_panel, 2)
        self.notice = TextLabel(role="warning")
        self.notice.setObjectName("materials_notice")
        self.root.addWidget(self.notice)
        content = QWidget()
        self.list = QVBoxLayout(content)
        self.list.setSpacing(12)
        self.scroll_area = scroll_area(content)
        self.root.addWidget(self.scroll_area, 3)
        actions = self.action_row()
        self.back_button = button(name="materials_back")
        self.next_button = button(role="primary", name="materials_next")
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.shutter)  # the camera's buttons while it is on
        actions.addWidget(self.done_capture)
        actions.addWidget(self.next_button)
        self.shutter.clicked.connect(self.shutterPressed)
        self.done_capture.clicked.connect(self.captureStopped)
        self.back_button.clicked.connect(self.backRequested)
        self.next_button.clicked.connect(self.nextRequested)
        self.retranslate()

    def show_frame(self, frame: Any, corners: Any, guidance_key: str) -> None:
        """A preview frame (BGR array) with the page outline in frame pixels."""
        self.preview.setFrame(frame)
        self.preview.setOutline(corners)
        self.guidance.set_plain(message(guidance_key))

    def _choice_text(self, choice: str, row: MaterialRow) -> str:
        return {
            CAPTURED: self.tr("Photograph it"),
            E_CERTIFICATE: self.tr("Use my e-certificate"),
            WINDOW: self.tr("Hand in at the window"),
            DEFERRED: self.tr("Supplement later"),
            COMMITMENT: self.tr("I promise (sign)"),
            OMITTED: self.tr("Not needed"),
        }[choice]

    def _status_text(self, row: MaterialRow) -> str:
        if row.choice == CAPTURED and row.pages:
            return f"{STATUS_ICONS['ok']} " + self.tr("{n} page(s) photographed").format(
                n=row.pages
            )
        return {
            None: f"{STATUS_ICONS['info']} " + self.tr("Please choose how to provide it"),
            CAPTURED: f"{STATUS_ICONS['info']} " + self.tr("Not photographed yet"),
            E_CERTIFICATE: f"{STATUS_ICONS['ok']} "
            + self.tr("Fetched from the e-certificate library"),
            WINDOW: f"{STATUS_ICONS['ok']} "
            + self.tr("Bring the paper copy to the service window"),
            DEFERRED: f"{STATUS_ICONS['warning']} "
            + self.tr("Hand it in by {date}").format(
                date=local_date(row.deadline, current_language())
            ),
            COMMITMENT: f"{STATUS_ICONS['ok']} " + self.tr("Replaced by your signed promise"),
            OMITTED: f"{STATUS_ICONS['ok']} " + self.tr("Not provided (optional)"),
        }.get(row.choice, "")

    def _render(self, state: MaterialsState) -> None:
        lang = current_language()
        capturing = state.capturing is not None
        self.camera_panel.setVisible(capturing)
        # Under the camera the resident does one thing: the list and "Next" wait until
        # "Done" (also keeps the page within a landscape display in elder mode).
        self.scroll_area.setVisible(not capturing)
        self.next_button.setVisible(not capturing)
        self.shutter.setVisible(capturing)
        self.done_capture.setVisible(capturing)
        name = next((r.name.get(lang) for r in state.rows if r.code == state.capturing), "")
        self.capture_caption.set_plain(
            self.tr("Photographing: {name}. Lay each page flat under the camera.").format(name=name)
            if capturing
            else ""
        )
        if state.capturing is None:
            self.preview.setFrame(None)
            self.preview.setOutline(None)
        if not state.camera_available:
            self.notice.set_plain(
                f"{STATUS_ICONS['warning']} "
                + self.tr(
                    "The camera is not available. Please bring paper copies to the service "
                    "window; your application is accepted anyway."
                )
            )
        elif state.error_key:
            self.notice.set_plain(f"{STATUS_ICONS['warning']} {message(state.error_key)}")
        else:
            self.notice.set_plain("")
        self.notice.setVisible(bool(self.notice.plain))
        clear_layout(self.list)
        for row in state.rows:
            frame = card()
            frame.setObjectName("material_" + row.code)
            lay = QVBoxLayout(frame)
            lay.setContentsMargins(16, 12, 16, 12)
            head = QHBoxLayout()
            icon, role = NECESSITY_STYLE.get(row.necessity, NECESSITY_STYLE["required"])
            b = badge(f"{icon} {row.necessity_label.get(lang)}", role)
            b.setFixedWidth(b.sizeHint().width())
            head.addWidget(b)
            head.addWidget(TextLabel(row.name.get(lang), role="subtitle"), 1)
            lay.addLayout(head)
            status = TextLabel(self._status_text(row))
            status.setObjectName("material_status_" + row.code)
            lay.addWidget(status)
            if row.choice == COMMITMENT and row.commitment_text is not None:
                lay.addWidget(TextLabel(row.commitment_text.get(lang), role="muted"))
            if row.thumbnails:
                thumbs = QHBoxLayout()
                for image in row.thumbnails:
                    label = QLabel()
                    label.setPixmap(
                        QPixmap.fromImage(image).scaled(
                            120, 120, Qt.AspectRatioMode.KeepAspectRatio
                        )
                    )
                    thumbs.addWidget(label)
                retake = button(self.tr("Retake"), name="retake_" + row.code)
                retake.clicked.connect(lambda _=False, c=row.code: self.retakeRequested.emit(c))
                thumbs.addWidget(retake)
                thumbs.addStretch(1)
                lay.addLayout(thumbs)
            choices = QHBoxLayout()
            for choice in row.allowed:
                cb = button(self._choice_text(choice, row), name=f"choice_{row.code}_{choice}")
                cb.setCheckable(True)
                cb.setChecked(row.choice == choice)
                if choice == CAPTURED:
                    cb.clicked.connect(lambda _=False, c=row.code: self.captureRequested.emit(c))
                else:
                    cb.clicked.connect(
                        lambda _=False, c=row.code, ch=choice: self.choiceMade.emit(c, ch)
                    )
                choices.addWidget(cb)
            choices.addStretch(1)
            lay.addLayout(choices)
            self.list.addWidget(frame)
        self.list.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Materials"))
        self.shutter.setText(self.tr("Take photo now"))
        self.done_capture.setText(self.tr("Done"))
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))
        super().retranslate()
