"""Which store connection a call uses, and the session's draft disposer.

Threading rule (see ``docs/journey-service.md``): a :class:`~kiosk.store.Store` is one sqlite3
connection and belongs to the thread that opened it. The journey service therefore never keeps
a connection of its own: it asks its *store source* for "the connection of the calling thread"
at the start of every method. :class:`PerThreadStores` is that source for the application: the
thread that opened the primary store gets the primary, every other thread (the UI's background
worker) lazily gets its own connection via :meth:`Store.new_connection`, and must close it with
:meth:`PerThreadStores.close_current` before the thread ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.errors import NotFoundError
from kiosk.store import Store

StoreSource = Store | Callable[[], Store]


def as_store_getter(source: StoreSource) -> Callable[[], Store]:
    if isinstance(source, Store):
        return lambda: source
    return source


class PerThreadStores:
    """Each calling thread gets its own connection to the primary store's data directory."""

    def __init__(self, primary: Store) -> None:
        self._primary = primary
        self._owner = threading.get_ident()
        self._local = threading.local()

    def __call__(self) -> Store:
        if threading.get_ident() == self._owner:
            return self._primary
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._primary.new_connection()
            self._local.store = store
        return store

    def close_current(self) -> None:
        """Close the calling thread's own connection (never the primary). Idempotent."""
        store: Store | None = getattr(self._local, "store", None)
        if store is not None:
            self._local.store = None
            store.close()


class StoreDraftDisposer:
    """:class:`kiosk.session.DraftDisposer` over the store: the session's wipe deletes the
    abandoned draft (and, through attachment garbage collection, its photos and signature).

    A draft the resident saved for later is never deleted here, even if asked: the explicit
    consent stored with the draft outranks a stale session flag.
    """

    def __init__(self, store: StoreSource) -> None:
        self._store = as_store_getter(store)

    def delete_draft(self, draft_id: str) -> None:
        store = self._store()
        try:
            draft = store.drafts.get(draft_id)
        except NotFoundError:
            return  # already submitted or deleted
        if not draft.saved_for_later:
            store.drafts.delete(draft_id)
