"""Elder mode's simpler choose screen: categories, a category's matters and search results
come a few at a time with big 上一页 / 下一页 buttons and "第 1/3 页"; normal mode shows all."""

from __future__ import annotations

from typing import Any

from tests.ui.pages import pager_text, shown_categories, shown_list_codes, turn_page
from ui.screens.choose import ELDER_PAGE_SIZE


def _all_pages(k: Any, pager: str, shown: Any) -> list[list[str]]:
    pages = [shown(k)]
    while getattr(k.c.choose, pager).next_button.isEnabled():
        turn_page(k, pager)
        pages.append(shown(k))
    return pages


def test_elder_mode_pages_the_categories(make_kiosk) -> None:
    normal = make_kiosk()
    normal.identify_with_card()
    everything = shown_categories(normal)
    assert len(everything) > ELDER_PAGE_SIZE and "__bundles__" in everything
    assert pager_text(normal, "category_pager") == ""

    k = make_kiosk(elder=True)
    k.identify_with_card()
    total = -(-len(everything) // ELDER_PAGE_SIZE)
    assert pager_text(k, "category_pager") == f"第 1/{total} 页"
    assert not k.c.choose.category_pager.prev_button.isEnabled()
    assert k.c.choose.category_pager.next_button.text().startswith("下一页")
    pages = _all_pages(k, "category_pager", shown_categories)
    assert all(0 < len(page) <= ELDER_PAGE_SIZE for page in pages), pages
    assert [code for page in pages for code in page] == everything
    assert pager_text(k, "category_pager") == f"第 {total}/{total} 页"
    # Choosing a category on a later page keeps that page in view.
    last = pages[-1][0]
    k.pick_category(last)
    assert shown_categories(k) == pages[-1]
    turn_page(k, "category_pager", forward=False)
    assert shown_categories(k) == pages[-2]


def test_the_next_resident_starts_on_the_first_page(make_kiosk) -> None:
    """The idle wipe forgets elder mode's page and chosen category: the next resident sees
    neither where the previous one was nor what they chose."""
    k = make_kiosk(elder=True)
    k.identify_with_card()
    first = shown_categories(k)
    pages = _all_pages(k, "category_pager", shown_categories)
    total = len(pages)
    assert total > 2 and "__bundles__" in pages[-1]
    k.pick_category("__bundles__")
    turn_page(k, "category_pager", forward=False)
    assert pager_text(k, "category_pager") == f"第 {total - 1}/{total} 页"
    k.go_idle()
    k.wait_idle()

    # Life events from the home screen: the chosen entry is brought into view again (the
    # previous resident's choice of the same entry must not keep it out of view).
    k.c.home.tile_bundles.click()
    k.wait_screen("identify")
    k.insert_card()
    k.wait(lambda: k.c.identify.state.stage.value == "take_card")
    k.take_card()
    k.wait_screen("choose")
    assert pager_text(k, "category_pager") == f"第 {total}/{total} 页"
    assert "__bundles__" in shown_categories(k)
    k.go_idle()
    k.wait_idle()

    k.identify_with_card()
    assert pager_text(k, "category_pager") == f"第 1/{total} 页"
    assert shown_categories(k) == first


def test_elder_mode_pages_a_category_and_search_results(make_kiosk) -> None:
    k = make_kiosk(elder=True)
    k.identify_with_card()
    catalog = k.c.chooser.owner.catalog.catalog
    counts: dict[str, int] = {}
    for m in catalog.matters:
        counts[m.category] = counts.get(m.category, 0) + 1
    big = max(counts, key=lambda code: counts[code])
    assert counts[big] > ELDER_PAGE_SIZE
    while big not in shown_categories(k):
        turn_page(k, "category_pager")
    k.pick_category(big)
    pages = _all_pages(k, "list_pager", shown_list_codes)
    assert all(0 < len(page) <= ELDER_PAGE_SIZE for page in pages)
    expected = [m.code for m in catalog.matters if m.category == big]
    assert [code for page in pages for code in page] == expected  # none left out
    # A search starts its results on the first page, paged the same way.
    hits = [hit.key for hit in k.c.chooser.owner.catalog.search("证", limit=20)]
    assert len(hits) > ELDER_PAGE_SIZE
    k.search("证")
    assert pager_text(k, "list_pager").startswith("第 1/")
    results = _all_pages(k, "list_pager", shown_list_codes)
    assert [code for page in results for code in page] == hits
    k.pick_from_list(results[-1][-1])
    assert k.screen == "guide"


def test_normal_mode_lists_everything_on_one_page(make_kiosk) -> None:
    k = make_kiosk()
    k.identify_with_card()
    codes = k.search("证")
    assert len(codes) > ELDER_PAGE_SIZE
    assert pager_text(k, "list_pager") == ""
