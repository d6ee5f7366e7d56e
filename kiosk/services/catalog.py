"""The terminal's view of the matter catalogue: cached offline, replaced only when valid.

At first start the store holds no catalogue, so the shipped sample is installed through the same
validating path a platform update takes. A broken update is refused before anything is written
and the previous catalogue keeps serving residents.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property

from kiosk.catalog import Catalog, Matter, MergedBundle, merge_bundle, validate_catalog
from kiosk.catalog.loader import sample_catalog_path
from kiosk.catalog.models import Bundle
from kiosk.errors import CatalogError, NotFoundError
from kiosk.forms.schema import FormDefinition
from kiosk.search import SearchHit, SearchIndex, documents_from_catalog
from kiosk.store import Store

log = logging.getLogger(__name__)


def _validated_version(content: bytes) -> Catalog:
    return validate_catalog(content)


@dataclass(frozen=True)
class InstallResult:
    version: str
    matters: int
    bundles: int


def install_catalog(store: Store, content: bytes) -> InstallResult:
    """Validate ``content`` completely, then swap it in atomically. Raises ``CatalogError``."""
    catalog = _validated_version(content)
    store.catalog.install(catalog.catalog_version, content, _validated_version)
    log.info("catalogue %s installed", catalog.catalog_version)
    return InstallResult(catalog.catalog_version, len(catalog.matters), len(catalog.bundles))


def sample_catalog_bytes() -> bytes:
    return sample_catalog_path().read_bytes()


class CatalogService:
    """Read-mostly access to the active catalogue plus its search index (built lazily)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._matters = {m.code: m for m in catalog.matters}
        self._bundles = {b.code: b for b in catalog.bundles}
        self._forms = {(f.id, f.version): f for f in catalog.forms}
        self._merged: dict[str, MergedBundle] = {}

    @classmethod
    def from_store(cls, store: Store, *, install_sample: bool = True) -> CatalogService:
        """The active catalogue; installs the shipped sample when the store has none yet.

        A stored catalogue that no longer validates (e.g. written by an older release with
        other rules) is reported and replaced by the sample rather than crashing start-up.
        """
        active = store.catalog.active()
        if active is not None:
            try:
                return cls(validate_catalog(active[1]))
            except CatalogError as err:
                log.error("stored catalogue %s is invalid (%s)", active[0], err.key)
                if not install_sample:
                    raise
        elif not install_sample:
            raise NotFoundError("error.catalog.none")
        content = sample_catalog_bytes()
        install_catalog(store, content)
        return cls(validate_catalog(content))

    @property
    def version(self) -> str:
        return self.catalog.catalog_version

    @cached_property
    def index(self) -> SearchIndex:
        return SearchIndex.build(documents_from_catalog(self.catalog))

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.index.search(query, limit=limit)

    def matter(self, code: str) -> Matter:
        try:
            return self._matters[code]
        except KeyError:
            raise NotFoundError("error.catalog.matter_not_found") from None

    def bundle(self, code: str) -> Bundle:
        try:
            return self._bundles[code]
        except KeyError:
            raise NotFoundError("error.catalog.bundle_not_found") from None

    def form_for_matter(self, code: str) -> FormDefinition:
        m = self.matter(code)
        return self._forms[(m.form_id, m.form_version)]

    def merged_bundle(self, code: str) -> MergedBundle:
        if code not in self._merged:
            self._merged[code] = merge_bundle(self.catalog, self.bundle(code))
        return self._merged[code]

    def popular(self, limit: int = 8) -> list[Matter]:
        return [m for m in self.catalog.matters if m.popular][:limit]
