"""Choose and guide: categories, 一件事 bundles, search (pinyin initials), recent and popular
matters; then the matter guide (办事指南) with its "start" button.

The catalogue is in memory once the start-up job loaded it, so browsing and searching run on
the GUI thread; the resident's recent matters (saved drafts, past cases) come from the journey
service on the worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.errors import KioskError
from kiosk.i18n import LocalText
from kiosk.session import SessionState
from ui.controllers.presenters import guide_state
from ui.screens.choose import ChoiceItem, ChooseScreen, ChooseState, ListKind
from ui.screens.guide import GuideScreen

if TYPE_CHECKING:
    from kiosk.identity import Identity
    from kiosk.services.journey import JourneyService
    from ui.controllers.journey_controller import JourneyController

RECENT_LIMIT = 3
ELDER_LIST_LIMIT = 6  # simpler screens in elder mode


class ChooseController:
    def __init__(self, owner: JourneyController) -> None:
        self.owner = owner
        self.screen = ChooseScreen()
        self.guide = GuideScreen()
        owner.window.add_screen(self.screen)
        owner.window.add_screen(self.guide)
        self._recent: tuple[ChoiceItem, ...] = ()
        c = self.screen
        c.searchChanged.connect(self.search)
        c.categoryChosen.connect(self.show_category)
        c.bundlesRequested.connect(self.show_bundles)
        c.matterChosen.connect(lambda code: self.open_guide(code, False))
        c.bundleChosen.connect(lambda code: self.open_guide(code, True))
        c.homeRequested.connect(owner.end_visit)
        self.guide.backRequested.connect(lambda: owner.show(self.screen))

    def reset(self) -> None:
        self._recent = ()
        self.screen.reset_pages()
        self.screen.render(ChooseState())
        self.guide._state = None

    def rerender(self) -> None:
        state = self.screen.state
        if state is not None:
            self._render(state.list_kind, state.selected_category)

    # ------------------------------------------------------------------ entering

    def after_identified(self, bundles: bool = False) -> None:
        owner = self.owner
        if owner.session.state in (SessionState.IDENTIFIED, SessionState.SUBMITTED):
            owner.session.choose_matter()
        identity = owner.session.identity
        if identity is not None:
            self._load_recent(identity)
        if bundles:
            self.show_bundles()
        else:
            self._render(ListKind.POPULAR, None)
        owner.show(self.screen)

    def another_matter(self) -> None:
        self.owner.session.choose_matter()
        self._render(ListKind.POPULAR, None)
        self.owner.show(self.screen)

    def _load_recent(self, identity: Identity) -> None:
        """Matters this resident saved for later or handled here (by opaque resident key)."""

        def recent(journey: JourneyService) -> list[tuple[str, str, LocalText | None]]:
            found: list[tuple[str, str, LocalText | None]] = []
            for d in journey.saved_drafts_for(identity):
                kind = "bundle" if d.bundle_code else "matter"
                found.append((kind, d.bundle_code or d.matter_code or "", d.title))
            # Only the codes of the newest few: every case of a regular would cost time and
            # (worker heap) memory growing with each visit.
            for kind, code in journey.recent_codes(identity, RECENT_LIMIT):
                found.append((kind, code, None))
            return found

        self.owner.calls.call(recent, self._show_recent, name="recent")

    def _show_recent(self, found: list[tuple[str, str, LocalText | None]]) -> None:
        items: dict[str, ChoiceItem] = {}
        for kind, code, title in found:
            if not code or code in items:
                continue
            try:
                name = title or self._name(kind, code)
            except KioskError:
                continue  # no longer in the catalogue
            items[code] = ChoiceItem(kind, code, name, True)
        self._recent = tuple(items.values())[:RECENT_LIMIT]
        state = self.screen.state
        if state is not None and state.list_kind is ListKind.POPULAR and self._recent:
            self._render(ListKind.POPULAR, None)

    def _name(self, kind: str, code: str) -> LocalText:
        catalog = self.owner.catalog
        return catalog.bundle(code).name if kind == "bundle" else catalog.matter(code).name

    # ------------------------------------------------------------------ the list

    def _render(
        self,
        kind: ListKind,
        category: str | None,
        items: tuple[ChoiceItem, ...] | None = None,
        query: str = "",
    ) -> None:
        service = self.owner.catalog
        cat = service.catalog
        categories = tuple(
            (item.code, item.label)
            for item in cat.enums.get("category", [])
            if not item.has("life_event") and any(m.category == item.code for m in cat.matters)
        )
        if items is None:
            if kind is ListKind.BUNDLES:
                items = tuple(ChoiceItem("bundle", b.code, b.name) for b in cat.bundles)
            elif kind is ListKind.CATEGORY:
                items = tuple(
                    ChoiceItem("matter", m.code, m.name)
                    for m in cat.matters
                    if m.category == category
                )
            else:
                items = tuple(ChoiceItem("matter", m.code, m.name) for m in service.popular())
        elder = self.owner.elder
        if elder and kind is ListKind.POPULAR:
            items = items[:ELDER_LIST_LIMIT]  # the rest is a search or a category away
        self.screen.render(
            ChooseState(
                categories=categories,
                items=items,
                list_kind=kind,
                selected_category=category,
                query=query,
                elder=elder,
                recent=self._recent if kind is ListKind.POPULAR else (),
            )
        )

    def search(self, query: str) -> None:
        query = query.strip()
        if not query:
            self._render(ListKind.POPULAR, None)
            return
        items = [
            ChoiceItem(hit.kind, hit.key, self._name(hit.kind, hit.key))
            for hit in self.owner.catalog.search(query, limit=20)
        ]
        self._render(ListKind.RESULTS, None, tuple(items), query)

    def show_category(self, code: str) -> None:
        self._render(ListKind.CATEGORY, code)

    def show_bundles(self) -> None:
        self._render(ListKind.BUNDLES, None)

    # ------------------------------------------------------------------ guide

    def open_guide(self, code: str, is_bundle: bool) -> None:
        catalog: Any = self.owner.catalog
        if is_bundle:
            merged = catalog.merged_bundle(code)
            matters, title = merged.matters, merged.bundle.name
            materials = tuple(bm.material for bm in merged.materials)
        else:
            matter = catalog.matter(code)
            matters, title, materials = (matter,), matter.name, tuple(matter.materials)
        self.guide.render(guide_state(catalog.catalog, code, title, matters, materials, is_bundle))
        self.owner.show(self.guide)
