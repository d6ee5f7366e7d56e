"""Schema of the offline store, as named migrations applied at start-up.

Each migration runs in its own transaction with its bookkeeping row (``sqlite_utils.Migrations``),
so a crash mid-upgrade leaves the previous schema intact and the step is retried next start.
Never edit a released migration: append a new one.

Conventions: timestamps are UTC text from :func:`kiosk.store.base.to_text`; JSON columns carry a
``json_valid`` check; personal data lives only in the JSON payload/value columns and in the
opt-in ``contact`` columns, never in columns used for lookup (those hold ``resident_key``).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("kiosk.store")

# States shared by every queue that sends something to the platform (submissions' outbox,
# ratings, complaints). A row is born ``queued`` in the same transaction that creates it.
_SEND_STATE_COLUMNS = """
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'acknowledged', 'quarantined')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_try_at TEXT NOT NULL,
    last_error TEXT,
    quarantine_reason TEXT,
    remote_id TEXT,
    sending_since TEXT,
    acknowledged_at TEXT,
    updated_at TEXT NOT NULL,
    CHECK ((state = 'quarantined') = (quarantine_reason IS NOT NULL)),
    CHECK ((state = 'sending') = (sending_since IS NOT NULL)),
    CHECK ((state = 'acknowledged') = (acknowledged_at IS NOT NULL))
"""


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.executescript(
        f"""
        CREATE TABLE catalog_versions (
            version TEXT PRIMARY KEY,
            content BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            installed_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
        );
        CREATE UNIQUE INDEX catalog_one_active ON catalog_versions (active) WHERE active = 1;

        CREATE TABLE drafts (
            id TEXT PRIMARY KEY,
            matter_code TEXT,
            bundle_code TEXT,
            form_id TEXT NOT NULL,
            form_version INTEGER NOT NULL CHECK (form_version >= 1),
            field_values TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(field_values)),
            page INTEGER NOT NULL DEFAULT 0 CHECK (page >= 0),
            saved_for_later INTEGER NOT NULL DEFAULT 0 CHECK (saved_for_later IN (0, 1)),
            resident_key TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ((matter_code IS NULL) != (bundle_code IS NULL)),
            CHECK (saved_for_later = 0 OR resident_key IS NOT NULL)
        );
        CREATE INDEX drafts_saved_by_resident ON drafts (resident_key, updated_at)
            WHERE saved_for_later = 1;

        CREATE TABLE submissions (
            id TEXT PRIMARY KEY,  -- the idempotency key (uuid4), sent on every attempt
            tracking_number TEXT NOT NULL UNIQUE,
            matter_code TEXT,
            bundle_code TEXT,
            form_id TEXT NOT NULL,
            form_version INTEGER NOT NULL,
            resident_key TEXT,
            payload TEXT CHECK (payload IS NULL OR json_valid(payload)),
            finalized_at TEXT NOT NULL,
            purged_at TEXT,
            CHECK ((matter_code IS NULL) != (bundle_code IS NULL)),
            CHECK ((purged_at IS NULL) = (payload IS NOT NULL))
        );
        CREATE INDEX submissions_by_resident ON submissions (resident_key)
            WHERE resident_key IS NOT NULL;

        CREATE TABLE tracking_sequences (
            day TEXT PRIMARY KEY,
            last_sequence INTEGER NOT NULL
        );

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            submission_id TEXT NOT NULL UNIQUE REFERENCES submissions (id),
            created_at TEXT NOT NULL,
            {_SEND_STATE_COLUMNS}
        );
        CREATE INDEX outbox_due ON outbox (state, next_try_at);

        CREATE TABLE attachments (
            sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
            size INTEGER NOT NULL CHECK (size >= 0),
            media_type TEXT NOT NULL,
            stored_at TEXT NOT NULL
        );

        CREATE TABLE complaints (
            id INTEGER PRIMARY KEY,
            body TEXT NOT NULL CHECK (length(body) > 0),
            tracking_number TEXT,
            matter_code TEXT,
            anonymous INTEGER NOT NULL DEFAULT 1 CHECK (anonymous IN (0, 1)),
            contact TEXT,
            created_at TEXT NOT NULL,
            {_SEND_STATE_COLUMNS},
            CHECK (contact IS NULL OR anonymous = 0)
        );
        CREATE INDEX complaints_due ON complaints (state, next_try_at);

        CREATE TABLE attachment_refs (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL REFERENCES attachments (sha256),
            draft_id TEXT REFERENCES drafts (id) ON DELETE CASCADE,
            submission_id TEXT REFERENCES submissions (id) ON DELETE CASCADE,
            complaint_id INTEGER REFERENCES complaints (id) ON DELETE CASCADE,
            slot TEXT NOT NULL,  -- form field name or material code the file belongs to
            created_at TEXT NOT NULL,
            CHECK ((draft_id IS NOT NULL) + (submission_id IS NOT NULL)
                   + (complaint_id IS NOT NULL) = 1)
        );
        CREATE INDEX attachment_refs_sha ON attachment_refs (sha256);
        CREATE INDEX attachment_refs_draft ON attachment_refs (draft_id)
            WHERE draft_id IS NOT NULL;
        CREATE INDEX attachment_refs_submission ON attachment_refs (submission_id)
            WHERE submission_id IS NOT NULL;
        CREATE INDEX attachment_refs_complaint ON attachment_refs (complaint_id)
            WHERE complaint_id IS NOT NULL;

        CREATE TABLE receipts (
            tracking_number TEXT PRIMARY KEY,
            content TEXT CHECK (content IS NULL OR json_valid(content)),
            created_at TEXT NOT NULL,
            printed_at TEXT,
            print_attempts INTEGER NOT NULL DEFAULT 0 CHECK (print_attempts >= 0)
        );

        CREATE TABLE ratings (
            id INTEGER PRIMARY KEY,
            tracking_number TEXT NOT NULL,
            matter_code TEXT NOT NULL,
            channel TEXT NOT NULL,
            level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
            indicators TEXT NOT NULL CHECK (json_valid(indicators)),
            reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
            comment TEXT,
            anonymous INTEGER NOT NULL DEFAULT 1 CHECK (anonymous IN (0, 1)),
            contact TEXT,
            created_at TEXT NOT NULL,
            {_SEND_STATE_COLUMNS},
            UNIQUE (tracking_number, channel),
            CHECK (contact IS NULL OR anonymous = 0)
        );
        CREATE INDEX ratings_due ON ratings (state, next_try_at);

        CREATE TABLE status_cache (
            tracking_number TEXT PRIMARY KEY,
            resident_key TEXT,
            matter_code TEXT,
            status TEXT NOT NULL,
            timeline TEXT NOT NULL CHECK (json_valid(timeline)),
            updated_at TEXT NOT NULL
        );
        CREATE INDEX status_by_resident ON status_cache (resident_key)
            WHERE resident_key IS NOT NULL;

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            object_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(object_ids))
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """
    )


@migrations(name="0002_submission_draft_id")
def submission_draft_id(db: Database) -> None:
    """Remember which draft became which case, so a repeated submit of the same draft (a
    double tap, or a retry after the kiosk restarted mid-submit) finds the first case instead
    of failing. Plain ``execute`` keeps the step inside the migration's transaction."""
    db.execute("ALTER TABLE submissions ADD COLUMN draft_id TEXT")
    db.execute(
        "CREATE UNIQUE INDEX submissions_by_draft ON submissions (draft_id) "
        "WHERE draft_id IS NOT NULL"
    )


@migrations(name="0003_audit_retention")
def audit_retention(db: Database) -> None:
    """Retention for the audit log without giving up append-only for every other writer.

    The no-delete trigger now lets a DELETE through only for a row older than the cutoff in
    ``audit_retention_gate``, and that one-row table is filled and emptied inside the purge's
    own transaction (:meth:`kiosk.store.audit.AuditLog.purge_before`): outside it every DELETE
    still aborts, and no row younger than the cutoff can ever go. UPDATE stays refused.
    """
    db.execute(
        "CREATE TABLE audit_retention_gate ("
        "id INTEGER PRIMARY KEY CHECK (id = 1), cutoff TEXT NOT NULL)"
    )
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "WHEN NOT EXISTS (SELECT 1 FROM audit_retention_gate AS g WHERE old.at < g.cutoff) "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    db.execute("CREATE INDEX audit_log_at ON audit_log (at)")


@migrations(name="0004_resident_key_salt")
def resident_key_salt(db: Database) -> None:
    """Which salt made each case's ``resident_key`` (:func:`kiosk.store.identifiers.salt_id`):
    a case queued before the kiosk enrolled (or before the city changed its salt) must not
    reach the platform with a key no other kiosk can compute. NULL for older rows: unknown,
    so never sent."""
    db.execute("ALTER TABLE submissions ADD COLUMN resident_key_salt TEXT")
