"""Offline store: everything the kiosk must not lose, in one SQLite file plus attachment files.

Open once at start-up with :func:`open_database`; other threads use ``store.new_connection()``.
Features hang off the :class:`Store`: ``catalog``, ``drafts``, ``attachments``, ``submissions``,
``outbox``, ``receipts``, ``ratings``, ``complaints``, ``status``, ``audit``, ``residents``.
Retention periods are applied by :func:`purge_expired` (:mod:`kiosk.store.retention`).
"""

from kiosk.store.attachments import AttachmentRef
from kiosk.store.db import Store, StoreSettings, open_database
from kiosk.store.drafts import Draft
from kiosk.store.feedback import Complaint, Rating
from kiosk.store.identifiers import (
    is_valid_tracking_number,
    make_tracking_number,
    resident_key,
    salt_id,
)
from kiosk.store.outbox import OutboxItem
from kiosk.store.queue import QueueState
from kiosk.store.receipts import Receipt
from kiosk.store.retention import RetentionPolicy, RetentionReport, purge_expired
from kiosk.store.status import CaseStatus
from kiosk.store.submissions import Submission

__all__ = [
    "AttachmentRef",
    "CaseStatus",
    "Complaint",
    "Draft",
    "OutboxItem",
    "QueueState",
    "Rating",
    "Receipt",
    "RetentionPolicy",
    "RetentionReport",
    "Store",
    "StoreSettings",
    "Submission",
    "is_valid_tracking_number",
    "make_tracking_number",
    "open_database",
    "purge_expired",
    "resident_key",
    "salt_id",
]
