"""Screen 7: finger signature, clear / confirm."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout

from ui.screens.base import Screen, TextLabel, button, card
from ui.widgets.signature_pad import SignaturePadWidget


class SignatureScreen(Screen):
    screen_id = "signature"
    signed = Signal(bytes)  # PNG of the signature
    backRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.hint = TextLabel()
        self.root.addWidget(self.hint)
        self.commitments = TextLabel(role="muted")
        self.commitments.setObjectName("signature_commitments")
        self.root.addWidget(self.commitments)
        self.pad = SignaturePadWidget()
        self.pad.setObjectName("signature_pad")
        self.pad.setMinimumHeight(320)
        frame = card()  # the pad paints white; the framed surface shows where to sign
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(12, 12, 12, 12)
        inner.addWidget(self.pad)
        self.root.addWidget(frame, 1)
        row = self.action_row()
        self.back_button = button(name="signature_back")
        self.clear_button = button(name="signature_clear")
        self.confirm_button = button(role="primary", name="signature_confirm")
        row.addWidget(self.back_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(self.confirm_button)
        self.clear_button.clicked.connect(self.pad.clear)
        self.confirm_button.clicked.connect(self._confirm)
        self.back_button.clicked.connect(self.backRequested)
        self.pad.changed.connect(self._update_buttons)
        self.retranslate()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.confirm_button.setEnabled(not self.pad.isEmpty())

    def _confirm(self) -> None:
        if not self.pad.isEmpty():
            self.signed.emit(self.pad.toPng())

    def _render(self, state: str) -> None:
        # ``state``: the commitment texts to sign, already in the current language.
        self.commitments.set_plain(state)
        self.commitments.setVisible(bool(state))

    def reset(self) -> None:
        self.pad.clear()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please sign"))
        self.hint.set_plain(
            self.tr("Sign with your finger in the box. Your signature confirms your application.")
        )
        self.back_button.setText(self.tr("Back"))
        self.clear_button.setText(self.tr("Clear"))
        self.confirm_button.setText(self.tr("Confirm signature"))
        super().retranslate()
