"""``clear_layout`` deletes what ``takeAt`` hands over: screens rebuilt on every render (form,
review, guide, materials, progress) leaked each widget's layout item, every stretch and every
sub-layout, natively, once per journey (``rss_growth_1000_journeys_mb``)."""

from __future__ import annotations

from typing import Any

import shiboken6


def test_every_taken_item_is_deleted(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

    from ui.screens.base import clear_layout

    host = QWidget()
    outer = QVBoxLayout(host)
    outer.addWidget(QLabel("a"))
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addWidget(QLabel("b"))
    row.addSpacing(10)
    outer.addLayout(row)
    items = [outer.itemAt(i) for i in range(outer.count())]
    items += [row.itemAt(i) for i in range(row.count())]
    widgets = [i.widget() for i in items if i.widget() is not None]
    assert len(items) == 5 and len(widgets) == 2

    clear_layout(outer)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    assert outer.count() == 0
    assert [shiboken6.isValid(i) for i in items] == [False] * 5  # items, stretch, sub-layout
    assert [shiboken6.isValid(w) for w in widgets] == [False, False]
    host.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
