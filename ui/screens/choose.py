"""Screen 3: choose a matter. Categories, life-event bundles, search, recent and popular."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from kiosk.i18n import LocalText
from ui.i18n import current_language
from ui.screens.base import Screen, TextLabel, button, clear_layout, kinetic

ELDER_PAGE_SIZE = 4  # elder mode: fewer choices per page, paged with big buttons


class ListKind(StrEnum):
    POPULAR = "popular"
    RESULTS = "results"
    CATEGORY = "category"
    BUNDLES = "bundles"


@dataclass(frozen=True, slots=True)
class ChoiceItem:
    kind: str  # "matter" | "bundle"
    code: str
    name: LocalText
    recent: bool = False


@dataclass(frozen=True, slots=True)
class ChooseState:
    categories: tuple[tuple[str, LocalText], ...] = ()
    items: tuple[ChoiceItem, ...] = ()
    list_kind: ListKind = ListKind.POPULAR
    selected_category: str | None = None
    query: str = ""
    elder: bool = False
    recent: tuple[ChoiceItem, ...] = field(default_factory=tuple)


class SearchField(QLineEdit):
    """The search box; ``queryChanged`` carries what the resident sees, pinyin included.

    With the on-screen Pinyin keyboard the letters being typed are preedit text (sent in a
    ``QInputMethodEvent``, not part of ``text()``, no ``textEdited``), so a plain line edit
    would search only after a candidate is chosen. Here the preedit joins the query (without
    the keyboard's syllable separators): "ju zhu zheng" or "jzz" already filters by pinyin, and
    a committed candidate searches by characters.
    """

    queryChanged = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._preedit = ""
        self._last = ""
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhNoAutoUppercase | Qt.InputMethodHint.ImhPreferLowercase
        )
        self.textEdited.connect(lambda _text: self._emit_query())

    def query(self) -> str:
        text, preedit = self.text(), "".join(self._preedit.split()).replace("'", "")
        at = self.cursorPosition()
        return text[:at] + preedit + text[at:]

    def set_query(self, query: str) -> None:
        """Show ``query`` from the state; keep what is being typed when it matches (a
        composition in progress, a trailing space before the next word)."""
        if self.query().strip() != query.strip():
            self._preedit = ""
            self.setText(query)
        self._last = self.query()

    def finish_composition(self) -> None:
        """Keep the typed letters as text and drop the keyboard's composition, silently.

        Used before leaving the screen: a focus change would make the keyboard commit its
        first candidate (for "jzz" that is 就在这), which is not what the resident chose.
        """
        if not self._preedit:
            return
        typed = self.query()
        self.blockSignals(True)
        try:
            QGuiApplication.inputMethod().reset()
            self._preedit = ""
            self.setText(typed)
        finally:
            self.blockSignals(False)
        self._last = typed

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._preedit = event.preeditString()
        super().inputMethodEvent(event)
        self._emit_query()

    def _emit_query(self) -> None:
        query = self.query()
        if query != self._last:
            self._last = query
            self.queryChanged.emit(query)


class Pager(QWidget):
    """Big "previous page / page 1/3 / next page" buttons (elder mode's short pages); hidden
    when everything fits one page."""

    pageChanged = Signal(int)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.prev_button = button(name=name + "_prev")
        self.label = QLabel()
        self.label.setObjectName(name + "_label")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = button(name=name + "_next")
        row.addWidget(self.prev_button, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.next_button, 2)
        self.page, self.count = 0, 1
        self.prev_button.clicked.connect(lambda: self.pageChanged.emit(self.page - 1))
        self.next_button.clicked.connect(lambda: self.pageChanged.emit(self.page + 1))
        self.set_pages(0, 1)

    def set_pages(self, page: int, count: int) -> None:
        self.page, self.count = page, count
        self.prev_button.setText("◀ " + self.tr("Previous page"))
        self.next_button.setText(self.tr("Next page") + " ▶")
        self.label.setText(self.tr("Page {n}/{total}").format(n=page + 1, total=count))
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < count - 1)
        self.setVisible(count > 1)


def page_count(total: int) -> int:
    return max(1, -(-total // ELDER_PAGE_SIZE))


class ChooseScreen(Screen):
    screen_id = "choose"
    searchChanged = Signal(str)
    categoryChosen = Signal(str)
    bundlesRequested = Signal()
    matterChosen = Signal(str)
    bundleChosen = Signal(str)
    homeRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.search = SearchField()
        self.search.setObjectName("search_field")
        self.search.setClearButtonEnabled(True)
        self.root.addWidget(self.search)
        self.hint = TextLabel(role="muted")
        self.root.addWidget(self.hint)
        self.categories = QGridLayout()
        self.categories.setSpacing(10)
        self.root.addLayout(self.categories)
        self.category_pager = Pager("category_pager")
        self.root.addWidget(self.category_pager)
        self.heading = TextLabel(role="subtitle")
        self.heading.setObjectName("list_heading")
        self.root.addWidget(self.heading)
        self.list = QListWidget()
        self.list.setObjectName("matter_list")
        self.list.setWordWrap(True)
        kinetic(self.list)
        # A tap on the list must not take the focus from the search field (nor pass it on to
        # the scroll area around the screen): the focus change would commit the keyboard's
        # first candidate and re-run the search under the finger.
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setFocusProxy(self.search)
        self.root.addWidget(self.list, 1)
        self.list_pager = Pager("list_pager")
        self.root.addWidget(self.list_pager)
        self.empty = TextLabel()
        self.empty.setObjectName("list_empty")
        self.root.addWidget(self.empty)
        row = self.action_row()
        self.home_button = button(name="choose_home")
        row.addWidget(self.home_button)
        row.addStretch(1)
        self._buttons: list = []
        # Elder mode's pages: which page of categories and of the list is shown, and which
        # list the list page belongs to (a new list starts on its first page).
        self.category_page = 0
        self.list_page = 0
        self._list_key: tuple[object, ...] = ()
        self._chosen_category: str | None = None
        self.category_pager.pageChanged.connect(self._show_category_page)
        self.list_pager.pageChanged.connect(self._show_list_page)
        self.search.queryChanged.connect(self.searchChanged)
        self.list.itemClicked.connect(self._item_clicked)
        self.home_button.clicked.connect(self.homeRequested)
        self.retranslate()

    def _item_clicked(self, item: QListWidgetItem) -> None:
        kind, code = item.data(Qt.ItemDataRole.UserRole)
        self.search.finish_composition()
        if kind == "bundle":
            self.bundleChosen.emit(code)
        else:
            self.matterChosen.emit(code)

    def reset_pages(self) -> None:
        """Forget elder mode's pages and chosen category: the next resident starts on the
        first page, and a category chosen again keeps its page in view."""
        self.category_page = 0
        self.list_page = 0
        self._list_key = ()
        self._chosen_category = None

    def _show_category_page(self, page: int) -> None:
        self.category_page = page
        if self.state is not None:
            self._render(self.state)

    def _show_list_page(self, page: int) -> None:
        self.list_page = page
        if self.state is not None:
            self._render(self.state)

    def _render(self, state: ChooseState) -> None:
        lang = current_language()
        if not state.categories:
            self.reset_pages()  # a wipe (or a visit before the catalogue): start afresh
        self.search.set_query(state.query)
        clear_layout(self.categories)
        columns = 2 if state.elder else 3
        entries: list[tuple[str, str]] = [(code, name.get(lang)) for code, name in state.categories]
        entries.append(("__bundles__", self.tr("Life events (one-stop)")))
        if state.elder:
            chosen = "__bundles__" if state.list_kind is ListKind.BUNDLES else None
            codes = [code for code, _text in entries]
            chosen = chosen or state.selected_category
            if chosen in codes and chosen != self._chosen_category:
                self.category_page = codes.index(chosen) // ELDER_PAGE_SIZE  # keep it in view
            self._chosen_category = chosen
            pages = page_count(len(entries))
            self.category_page = min(max(0, self.category_page), pages - 1)
            self.category_pager.set_pages(self.category_page, pages)
            start = self.category_page * ELDER_PAGE_SIZE
            entries = entries[start : start + ELDER_PAGE_SIZE]
        else:
            self.category_pager.set_pages(0, 1)
        for i, (code, text) in enumerate(entries):
            b = button(text, name=f"category_{code}")
            b.setCheckable(True)
            b.setChecked(
                code == state.selected_category
                or (code == "__bundles__" and state.list_kind is ListKind.BUNDLES)
            )
            if code == "__bundles__":
                b.clicked.connect(self.bundlesRequested)
            else:
                b.clicked.connect(lambda _=False, c=code: self.categoryChosen.emit(c))
            self.categories.addWidget(b, i // columns, i % columns)
        headings = {
            ListKind.POPULAR: self.tr("Popular services"),
            ListKind.RESULTS: self.tr("Search results"),
            ListKind.CATEGORY: self.tr("Services in this category"),
            ListKind.BUNDLES: self.tr("Life events: several matters in one go"),
        }
        self.heading.set_plain(headings[state.list_kind])
        self.list.clear()
        shown = (*state.recent, *state.items)
        key = (state.list_kind, state.selected_category, state.query, state.elder, shown)
        if key != self._list_key:
            self._list_key, self.list_page = key, 0
        if state.elder:
            pages = page_count(len(shown))
            self.list_page = min(max(0, self.list_page), pages - 1)
            self.list_pager.set_pages(self.list_page, pages)
            start = self.list_page * ELDER_PAGE_SIZE
            shown = shown[start : start + ELDER_PAGE_SIZE]
        else:
            self.list_pager.set_pages(0, 1)
        for entry in shown:
            prefix = ""
            if entry.recent:
                prefix = self.tr("Recent") + " · "
            elif entry.kind == "bundle":
                prefix = self.tr("One-stop") + " · "
            item = QListWidgetItem(prefix + entry.name.get(lang))
            item.setData(Qt.ItemDataRole.UserRole, (entry.kind, entry.code))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.code)
            self.list.addItem(item)
        nothing = not state.items and not state.recent
        self.empty.setVisible(nothing)
        self.empty.set_plain(
            self.tr("Nothing found. Try fewer words, pinyin initials (e.g. jzz), or press Help.")
            if nothing
            else ""
        )

    def retranslate(self) -> None:
        self.title.setText(self.tr("Choose a service"))
        self.search.setPlaceholderText(self.tr("Search: Chinese, pinyin or initials"))
        self.hint.set_plain(self.tr("Or pick a category below."))
        self.home_button.setText(self.tr("Back to home"))
        super().retranslate()
