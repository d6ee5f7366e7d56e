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
    """Each calling thread gets its own connection to the primary store's data directory.

    Connections are kept by thread id, not in a ``threading.local``: the UI's worker is a
    ``QThread``, and for a thread Python did not start, each call into Python from Qt gets a
    fresh thread state -- a ``threading.local`` value is gone after every slot, so every job
    opened (and leaked until the next full garbage collection) a new SQLite connection.
    A thread other than the opening one must call :meth:`close_current` before it ends.
    """

    def __init__(self, primary: Store) -> None:
        self._primary = primary
        self._owner = threading.get_ident()
        self._lock = threading.Lock()
        self._by_thread: dict[int, Store] = {}

    def __call__(self) -> Store:
        ident = threading.get_ident()
        if ident == self._owner:
            return self._primary
        with self._lock:
            store = self._by_thread.get(ident)
            if store is None:
                store = self._primary.new_connection()
                self._by_thread[ident] = store
        return store

    @property
    def open_count(self) -> int:
        """Extra connections currently open (diagnostics and tests)."""
        with self._lock:
            return len(self._by_thread)

    def close_current(self) -> None:
        """Close the calling thread's own connection (never the primary). Idempotent."""
        with self._lock:
            store = self._by_thread.pop(threading.get_ident(), None)
        if store is not None:
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
