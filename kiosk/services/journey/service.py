"""The resident journey as blocking calls: start → fill → materials → sign → review → submit →
receipt → rate, plus progress queries and the idle wipe. Qt-free.

Threading rule: every method may block (SQLite, file fsync, printer). Call them from the UI's
one background worker, never the GUI thread. The service holds no connection: each call takes
"the calling thread's store" from its store source (see :mod:`kiosk.services.journey.stores`).
The exceptions are :meth:`JourneyService.evaluate` with a handle *and* values (pure CPU, no
store) and :meth:`JourneyService.wipe`, which the GUI thread's idle timer may call.

Offline first: :meth:`submit` commits the case in one durable transaction before the receipt is
rendered or printed; nothing after that point can lose or repeat it.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from config.settings import Settings
from kiosk.clock import CHINA_STANDARD_TIME
from kiosk.errors import KioskError, NotFoundError, PrinterError, StoreError
from kiosk.forms.engine import FormEngine, FormState
from kiosk.forms.prefill import initial_values
from kiosk.forms.schema import FormDefinition
from kiosk.identity.model import Identity
from kiosk.ports.printer import ReceiptPrinter
from kiosk.receipts import Delivery, ReceiptContent
from kiosk.services.catalog import CatalogService
from kiosk.services.journey import feedback, materials
from kiosk.services.journey.calendar import WeekendCalendar, WorkingCalendar
from kiosk.services.journey.context import (
    META_KEY,
    JourneyContext,
    form_values,
    load_draft,
    material_infos,
    meta_to_json,
    resolve,
)
from kiosk.services.journey.delivery import set_delivery as choose_delivery
from kiosk.services.journey.feedback import CaseLookup as CaseLookup  # re-exported
from kiosk.services.journey.models import (
    DraftHandle,
    FormInvalidError,
    JourneyMeta,
    MaterialChoice,
    MaterialPage,
    MaterialStatus,
    PrintOutcome,
    Progress,
    RatingResult,
    ReviewModel,
    SavedDraft,
    SubmitResult,
)
from kiosk.services.journey.ratings import RatingScheme, load_rating_scheme
from kiosk.services.journey.receipt_codec import receipt_from_json, receipt_to_json
from kiosk.services.journey.review import build_review
from kiosk.services.journey.stores import StoreDraftDisposer, StoreSource, as_store_getter
from kiosk.services.journey.submit import make_receipt, plan_materials, submission_meta
from kiosk.session import Session
from kiosk.store import Draft, Store, Submission, resident_key, salt_id

log = logging.getLogger(__name__)


Clock = Callable[[], datetime]

_MAX_REMEMBERED_SUBMITS = 64


class JourneyService:
    """See the module docstring for the threading rule; ``docs/journey-service.md`` for use."""

    def __init__(
        self,
        store: StoreSource,
        catalog_service: CatalogService,
        printer: ReceiptPrinter,
        settings: Settings,
        clock: Clock,
        resident_key_salt: bytes,
        *,
        calendar: WorkingCalendar | None = None,
        rating_scheme: RatingScheme | None = None,
        live_cases: CaseLookup | None = None,
        former_salts: Sequence[bytes] = (),
    ) -> None:
        self._source = store
        self._live_cases = live_cases
        self._store = as_store_getter(store)
        self.catalog = catalog_service
        self._printer = printer
        self._settings = settings
        self._clock = clock
        self._salt = resident_key_salt
        # Salts residents were keyed with before (the kiosk's own, before enrollment).
        self._former_salts = tuple(f for f in former_salts if f != resident_key_salt)
        self.calendar: WorkingCalendar = calendar or WeekendCalendar()
        self.rating_scheme = rating_scheme or load_rating_scheme()
        self._lock = threading.Lock()
        self._submit_lock = threading.Lock()
        self._engines: dict[tuple[str, int, date], FormEngine] = {}
        # draft id -> result of its submit, so a double tap answers with the same case.
        self._submitted: dict[str, SubmitResult] = {}
        for salt in (resident_key_salt, *self._former_salts):
            resident_key("0" * 18, salt)  # fail fast on a short salt

    # ------------------------------------------------------------------ helpers

    def today(self) -> date:
        """The station's calendar day (China Standard Time)."""
        return self._clock().astimezone(CHINA_STANDARD_TIME).date()

    def resident_key(self, identity: Identity) -> str:
        """The resident's opaque key. Rows still under a key from a former salt (drafts saved
        for later, cases, cached progress from before enrollment) are moved to it first, in
        one transaction, so the resident finds them again."""
        key = resident_key(identity.id_number, self._salt)
        if self._former_salts:
            former = [resident_key(identity.id_number, salt) for salt in self._former_salts]
            try:
                self._store().residents.rekey(former, key, salt_id(self._salt))
            except StoreError as err:  # e.g. a full disk: identification must still work
                # (the rows stay under the former key and move at the next identification).
                log.warning("resident re-key skipped: %s", err.key)
        return key

    def draft_disposer(self) -> StoreDraftDisposer:
        """The :class:`kiosk.session.DraftDisposer` to give the :class:`Session`."""
        return StoreDraftDisposer(self._source)

    def _engine(self, form: FormDefinition) -> FormEngine:
        today = self.today()
        key = (form.id, form.version, today)
        with self._lock:
            engine = self._engines.get(key)
            if engine is None:
                self._engines = {k: v for k, v in self._engines.items() if k[2] == today}
                engine = FormEngine(form, clock=self.today)
                self._engines[key] = engine
            return engine

    def _load(self, store: Store, draft_id: str) -> tuple[Draft, JourneyContext, JourneyMeta]:
        return load_draft(self.catalog, store, draft_id)

    def _handle(self, draft: Draft, ctx: JourneyContext, meta: JourneyMeta) -> DraftHandle:
        infos = material_infos(self.catalog.catalog, ctx, self.today(), self.calendar)
        deadlines = [m.supplement_deadline for m in infos if m.supplement_deadline]
        texts = tuple(dict.fromkeys(m.commitment_text for m in infos if m.commitment_text))
        return DraftHandle(
            draft_id=draft.id,
            matter_code=draft.matter_code,
            bundle_code=draft.bundle_code,
            title=ctx.title,
            form=ctx.form,
            values=form_values(draft.values),
            prefilled=meta.prefilled,
            materials=infos,
            choices=dict(meta.choices),
            delivery_options=ctx.delivery_options,
            on_the_spot=ctx.on_the_spot(self.catalog.catalog),
            time_limit_days=ctx.time_limit_days,
            supplement_deadline=min(deadlines, default=None),
            commitment_texts=texts,
            language=meta.language,
            page=draft.page,
            saved_for_later=draft.saved_for_later,
        )

    # ------------------------------------------------------------------ start and resume

    def start(self, identity: Identity | None, code: str, language: str) -> DraftHandle:
        """Open a draft for a matter code or a 一件事 bundle code, prefilled from the card."""
        ctx = resolve(self.catalog, code)
        prefill = initial_values(ctx.form, identity)
        infos = material_infos(self.catalog.catalog, ctx, self.today(), self.calendar)
        options = ctx.delivery_options
        meta = JourneyMeta(
            language=language,
            prefilled=prefill.prefilled,
            choices={m.code: m.default_choice for m in infos if m.default_choice is not None},
            delivery=Delivery.PICKUP if Delivery.PICKUP in options else None,
        )
        draft = self._store().drafts.create(
            form_id=ctx.form.id,
            form_version=ctx.form.version,
            matter_code=ctx.matter_code,
            bundle_code=ctx.bundle_code,
            values={**prefill.values, META_KEY: meta_to_json(meta)},
            resident_key=None if identity is None else self.resident_key(identity),
        )
        return self._handle(draft, ctx, meta)

    def open_draft(self, draft_id: str) -> DraftHandle:
        """Re-open a draft (a saved one the resident picked, or after a restart)."""
        draft, ctx, meta = self._load(self._store(), draft_id)
        return self._handle(draft, ctx, meta)

    def resume_saved(self, key: str) -> list[SavedDraft]:
        """Drafts saved for later under a ``resident_key`` (see :meth:`resident_key`)."""
        out: list[SavedDraft] = []
        for d in self._store().drafts.saved_for(key):
            code = d.matter_code or d.bundle_code
            assert code is not None
            try:
                title = resolve(self.catalog, code).title
            except NotFoundError:
                continue  # the matter left the catalogue: nothing to resume into
            out.append(SavedDraft(d.id, d.matter_code, d.bundle_code, title, d.page, d.updated_at))
        return out

    def saved_drafts_for(self, identity: Identity) -> list[SavedDraft]:
        return self.resume_saved(self.resident_key(identity))

    def save_for_later(self, draft_id: str, identity: Identity) -> None:
        """Keep the draft past the idle wipe. Only call after the resident explicitly agreed."""
        self._store().drafts.save_for_later(draft_id, self.resident_key(identity))

    # ------------------------------------------------------------------ the form

    def autosave(self, draft_id: str, field_path: str | Sequence[str | int], value: object) -> None:
        """Save one changed answer (``"members.0.name"`` paths reach into repeat rows)."""
        self._store().drafts.autosave(draft_id, field_path, value)

    def set_page(self, draft_id: str, page: int) -> None:
        self._store().drafts.set_page(draft_id, page)

    def evaluate(
        self, draft: str | DraftHandle, values: Mapping[str, Any] | None = None
    ) -> FormState:
        """Relevance, calculations and issues. With a handle and ``values`` no store is
        touched (safe on the GUI thread); otherwise the stored values are used."""
        if isinstance(draft, DraftHandle) and values is not None:
            return self._engine(draft.form).evaluate(form_values(values))
        draft_id = draft.draft_id if isinstance(draft, DraftHandle) else draft
        stored, ctx, _ = self._load(self._store(), draft_id)
        given = stored.values if values is None else values
        return self._engine(ctx.form).evaluate(form_values(given))

    # ------------------------------------------------------------------ materials

    def add_material_page(self, draft_id: str, material_code: str, jpeg: bytes) -> MaterialPage:
        """Store one photographed page (content-addressed; the same bytes twice is one page)."""
        return materials.add_page(self._store(), self.catalog, draft_id, material_code, jpeg)

    def remove_material_page(self, draft_id: str, material_code: str, sha256: str) -> bool:
        return materials.remove_page(self._store(), draft_id, material_code, sha256)

    def material_pages(self, draft_id: str, material_code: str) -> list[MaterialPage]:
        return materials.pages(self._store(), draft_id, material_code)

    def page_bytes(self, sha256: str) -> bytes:
        """A stored page or signature (thumbnails, retake preview)."""
        return self._store().attachments.read(sha256)

    def set_material_choice(
        self, draft_id: str, material_code: str, choice: MaterialChoice | str
    ) -> None:
        """Record how a material is provided. A way the catalogue does not offer for this
        material raises :class:`MaterialChoiceError` (the screen routes elsewhere); nothing
        here ever rejects the application. Leaving "captured" drops the photographed pages."""
        materials.set_choice(
            self._store(),
            self.catalog,
            self.today(),
            self.calendar,
            draft_id,
            material_code,
            choice,
        )

    def material_status(self, draft_id: str) -> tuple[MaterialStatus, ...]:
        store = self._store()
        draft, ctx, meta = self._load(store, draft_id)
        return self._statuses(store, draft, ctx, meta)

    def _statuses(
        self, store: Store, draft: Draft, ctx: JourneyContext, meta: JourneyMeta
    ) -> tuple[MaterialStatus, ...]:
        return materials.statuses(
            store, self.catalog, self.today(), self.calendar, draft, ctx, meta
        )

    # ------------------------------------------------------------------ signature, delivery

    def set_signature(self, draft_id: str, png: bytes) -> str:
        """Store the signature image and put its sha256 into the form's signature fields."""
        return materials.set_signature(self._store(), self.catalog, draft_id, png)

    def clear_signature(self, draft_id: str) -> None:
        materials.clear_signature(self._store(), self.catalog, draft_id)

    def set_delivery(
        self,
        draft_id: str,
        method: Delivery | str,
        address: Mapping[str, str] | str | None = None,
    ) -> None:
        """Pickup or (free) mail. Mail needs an address, here or in the form's address field."""
        choose_delivery(self._store(), self.catalog, draft_id, method, address)

    # ------------------------------------------------------------------ review and submit

    def review(self, draft_id: str) -> ReviewModel:
        store = self._store()
        draft, ctx, meta = self._load(store, draft_id)
        values = form_values(draft.values)
        state = self._engine(ctx.form).evaluate(values)
        effective = {**values, **{k: state.value(k) for k in state.calculated}}
        statuses = self._statuses(store, draft, ctx, meta)
        plan = plan_materials(statuses, self.today())
        return build_review(
            draft_id=draft_id,
            ctx=ctx,
            state=state,
            effective=effective,
            meta=meta,
            materials=statuses,
            supplement_deadline=plan.supplement_deadline,
        )

    def submit(self, draft_id: str, identity: Identity | None, language: str) -> SubmitResult:
        """Validate, commit the case (one durable transaction), store and print the receipt.

        Raises :class:`FormInvalidError` (with ``issues``) when the form is not complete;
        unresolved *materials* never block: they are routed to the window. A second call for
        the same draft returns the first result with ``repeated=True`` and does nothing else.
        Printer trouble is reported in the result; the receipt stays stored for :meth:`reprint`.
        """
        with self._submit_lock:
            earlier = self._submitted.get(draft_id)
            if earlier is not None:
                return _replace_result(earlier, repeated=True)
            store = self._store()
            first = store.submissions.by_draft(draft_id)
            if first is not None:  # submitted before a restart: never a second case
                return self._earlier_result(store, first)
            draft, ctx, meta = self._load(store, draft_id)
            state = self._engine(ctx.form).evaluate(form_values(draft.values))
            if not state.valid:
                raise FormInvalidError(state.issues)
            today = self.today()
            plan = plan_materials(self._statuses(store, draft, ctx, meta), today)
            delivery = meta.delivery or Delivery.PICKUP
            data = state.final_data()
            extra = submission_meta(meta, plan, self.catalog.version, delivery)
            submission = store.submissions.finalize(
                draft_id,
                values=data,
                meta=extra,
                resident_key=None if identity is None else self.resident_key(identity),
                # resident_key() moved the draft to the current salt's key: name that salt.
                key_salt=None if identity is None else salt_id(self._salt),
            )
            # --- the case exists from here on: nothing below may raise -----------------------
            tracking = submission.tracking_number
            receipt: ReceiptContent | None = None
            outcome = PrintOutcome(False, "error.receipt.not_stored")
            try:
                receipt = make_receipt(
                    ctx=ctx,
                    data=data,
                    identity=identity,
                    plan=plan,
                    delivery=delivery,
                    tracking_number=tracking,
                    station_name=self._station_name(language),
                    hotline=self._settings.terminal.hotline,
                    printed_at=self._clock().astimezone(CHINA_STANDARD_TIME),
                    language=language,
                )
                store.receipts.save(tracking, receipt_to_json(receipt))
                outcome = self._print(store, receipt)
            except KioskError as err:
                log.error("receipt for %s not stored: %s", tracking, err.key)
            result = SubmitResult(
                tracking_number=tracking,
                submission_id=submission.idempotency_key,
                receipt=receipt,
                printed=outcome.printed,
                print_reason_key=outcome.reason_key,
                deferred_materials=tuple((m.info.code, d) for m, d in plan.deferred),
                window_materials=tuple(m.info.code for m in plan.window),
                supplement_deadline=plan.supplement_deadline,
            )
            if len(self._submitted) >= _MAX_REMEMBERED_SUBMITS:
                self._submitted.pop(next(iter(self._submitted)))
            self._submitted[draft_id] = result
            return result

    def _earlier_result(self, store: Store, first: Submission) -> SubmitResult:
        """Rebuild the result of a submit that happened before this process started."""
        tracking = first.tracking_number
        row = store.receipts.get(tracking)
        receipt = receipt_from_json(row.content) if row and row.content else None
        deferred = (first.payload or {}).get("deferred_materials", [])
        return SubmitResult(
            tracking_number=tracking,
            submission_id=first.idempotency_key,
            receipt=receipt,
            printed=bool(row and row.printed_at),
            print_reason_key=None,
            deferred_materials=tuple(
                (d["code"], date.fromisoformat(d["deadline"])) for d in deferred
            ),
            window_materials=tuple((first.payload or {}).get("window_materials", [])),
            supplement_deadline=receipt.supplement_deadline if receipt else None,
            repeated=True,
        )

    def _station_name(self, language: str) -> str:
        terminal = self._settings.terminal
        if language.lower().startswith("en") and terminal.station_name_en:
            return f"{terminal.station_name}\n{terminal.station_name_en}"
        return terminal.station_name

    def _print(self, store: Store, receipt: ReceiptContent) -> PrintOutcome:
        try:
            self._printer.print_receipt(receipt)
        except PrinterError as err:  # paper out, offline, anything else the printer says
            outcome = PrintOutcome(False, err.key)
        else:
            outcome = PrintOutcome(True)
        try:
            store.receipts.record_print(receipt.tracking_number, printed=outcome.printed)
        except KioskError as err:
            log.error("print attempt not recorded: %s", err.key)
        return outcome

    def reprint(self, tracking_number: str) -> PrintOutcome:
        """Print a stored receipt again (paper refilled, resident asks for a copy)."""
        store = self._store()
        row = store.receipts.get(tracking_number.strip().upper())
        if row is None or row.content is None:
            raise NotFoundError("error.receipt.not_found")
        return self._print(store, receipt_from_json(row.content))

    def unprinted_receipts(self) -> list[str]:
        """Tracking numbers whose receipt never printed (for the technician / paper refill)."""
        return [r.tracking_number for r in self._store().receipts.unprinted()]

    # ------------------------------------------------------------------ 好差评, 找茬, progress

    def rate(
        self,
        tracking_number: str,
        matter_code: str | None,
        level: int,
        indicators: Mapping[str, int] | None = None,
        reasons: Sequence[str] = (),
        anonymous: bool = True,
        contact: str | None = None,
        comment: str | None = None,
    ) -> RatingResult:
        """Record one rating for a case; :class:`RatingDuplicateError` on a second one."""
        return feedback.rate(
            self._store(),
            self.rating_scheme,
            self.calendar,
            self.today(),
            tracking_number,
            matter_code,
            level,
            dict(indicators or {}),
            tuple(reasons),
            anonymous=anonymous,
            contact=contact,
            comment=comment,
        )

    def complain(
        self,
        body: str,
        *,
        tracking_number: str | None = None,
        matter_code: str | None = None,
        anonymous: bool = True,
        contact: str | None = None,
        photo_jpeg: bytes | None = None,
    ) -> int:
        """找茬: record a complaint (optionally with one photo); returns its local id."""
        return feedback.complain(
            self._store(),
            body,
            tracking_number=tracking_number,
            matter_code=matter_code,
            anonymous=anonymous,
            contact=contact,
            photo_jpeg=photo_jpeg,
        )

    def progress(self, tracking_number: str) -> Progress | None:
        """Live from the platform when it answers (cached for later), else from the local
        status cache, else from our own submission; None when unknown."""
        store = self._store()
        number = feedback.normalized_tracking(tracking_number)
        self._refresh_live(store, tracking_number=number)
        return feedback.progress(store, number)

    def progress_for(self, identity: Identity) -> list[Progress]:
        store = self._store()
        key = self.resident_key(identity)
        self._refresh_live(store, resident_key=key)
        return feedback.progress_for(store, key)

    def recent_codes(self, identity: Identity, limit: int) -> list[tuple[str, str]]:
        """The resident's ``limit`` most recent distinct matters/bundles as ``(kind, code)``
        (kind ``"matter"`` or ``"bundle"``), newest first: the cases :meth:`progress_for`
        would list, reduced to their codes, at a cost that does not grow with their number."""
        store = self._store()
        key = self.resident_key(identity)
        self._refresh_live(store, resident_key=key)
        return feedback.recent_codes(store, key, limit)

    def _refresh_live(
        self, store: Store, *, tracking_number: str | None = None, resident_key: str | None = None
    ) -> None:
        feedback.refresh_live(
            store, self._live_cases, tracking_number=tracking_number, resident_key=resident_key
        )

    # ------------------------------------------------------------------ idle wipe

    def wipe(self, session: Session | None = None, reason: str = "idle_timeout") -> int:
        """The idle wipe: clear the session (its disposer deletes its unsaved draft), then
        delete every other unsaved draft (crash leftovers) and forget remembered submits.
        Attachment files without references go with them. Returns drafts deleted here.

        May run on the GUI thread (the session lives there): a few short writes.
        """
        if session is not None:
            session.wipe(reason)
        with self._submit_lock:
            self._submitted.clear()
        return self._store().drafts.delete_unsaved()


def _replace_result(result: SubmitResult, **changes: Any) -> SubmitResult:
    return dataclasses.replace(result, **changes)
