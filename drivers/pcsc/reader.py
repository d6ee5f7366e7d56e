"""``PcscCardReader``: the social security card over PC/SC, as a :class:`CardReader`.

One background thread owns a PC/SC context and waits in ``SCardGetStatusChange`` for the
configured reader (and pcscd's PnP pseudo-reader, so an unplugged reader is noticed). A card
arriving is read at once on that thread (INSERTED, then READ or ERROR), a card leaving gives
REMOVED. pcscd not running or restarting gives a STATUS "service down" and the thread retries
with exponential backoff; it never dies from a PC/SC failure.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable

from drivers.cardevents import CardEventDispatcher
from drivers.pcsc import ssc
from drivers.pcsc.scard import (
    PNP_NOTIFICATION,
    STATE_CHANGED,
    STATE_PRESENT,
    STATE_UNAVAILABLE,
    STATE_UNAWARE,
    STATE_UNKNOWN,
    PcscContext,
    PcscServiceError,
    TransmitError,
)
from kiosk.errors import CardReadError, CardRemovedError, DeviceError, ReaderOfflineError
from kiosk.identity.model import Identity
from kiosk.ports.card import CardEvent, CardEventHandler, CardEventKind
from kiosk.ports.device import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

STATUS_STARTING = DeviceStatus(DeviceState.UNKNOWN, "device.card.starting")
STATUS_READY = DeviceStatus(DeviceState.READY, "device.card.ready")
STATUS_NO_READER = DeviceStatus(DeviceState.OFFLINE, "device.card.reader_offline")
STATUS_SERVICE_DOWN = DeviceStatus(DeviceState.OFFLINE, "device.card.service_down")
STATUS_STOPPED = DeviceStatus(DeviceState.UNKNOWN, "device.card.stopped")


class PcscCardReader:
    """Social security cards through pcscd.

    ``reader_name`` is a substring of the PC/SC reader name from config ("" = first reader).
    ``removal_grace`` is how long a failed transmit waits for pcscd to report the card gone
    before calling it unreadable rather than removed (pcscd notices a pulled card by polling).
    ``context_factory`` is the OS seam (tests simulate reader unplug, which vpcd cannot do).
    """

    def __init__(
        self,
        reader_name: str = "",
        *,
        poll_ms: int = 1000,
        backoff_initial: float = 0.5,
        backoff_max: float = 5.0,
        removal_grace: float = 1.5,
        today: Callable[[], dt.date] | None = None,
        context_factory: Callable[[], PcscContext] = PcscContext,
    ) -> None:
        self.reader_name = reader_name
        self._new_context = context_factory
        self._poll_ms = poll_ms
        self._backoff_initial = backoff_initial
        self._backoff_max = backoff_max
        self._removal_grace = removal_grace
        self._today = today
        self._status = STATUS_STARTING
        self._status_lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._events = CardEventDispatcher(log)
        self._context: PcscContext | None = None
        self._card_present = False  # only touched by the monitor thread

    # ------------------------------------------------------------------ CardReader protocol

    def status(self) -> DeviceStatus:
        with self._status_lock:
            return self._status

    def start(self, on_event: CardEventHandler) -> None:
        if self._thread is not None:
            raise RuntimeError("PcscCardReader already started")
        self._events.handler = on_event
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="pcsc-card-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop promptly: cancel the pending PC/SC wait and join the thread."""
        self._stopping.set()
        thread, self._thread = self._thread, None
        deadline = time.monotonic() + 10
        # Cancel repeatedly: the thread may be between creating a context and waiting on it.
        while thread is not None and thread.is_alive() and time.monotonic() < deadline:
            context = self._context
            if context is not None:
                context.cancel()
            thread.join(0.05)
        self._set_status(STATUS_STOPPED, notify=False)

    def read_identity(self, timeout: float) -> Identity:
        deadline = time.monotonic() + timeout
        with self._new_context() as context:
            reader = self._pick(context.readers())
            if reader is None:
                raise ReaderOfflineError(detail="no matching reader")
            state = STATE_UNAWARE
            while True:
                remaining_ms = int((deadline - time.monotonic()) * 1000)
                if remaining_ms <= 0:
                    raise CardReadError("error.card.timeout", detail="no card presented")
                got = context.wait([(reader, state)], remaining_ms)
                if not got:
                    continue
                state = got[0][1] & ~STATE_CHANGED
                if state & (STATE_UNKNOWN | STATE_UNAVAILABLE):
                    raise ReaderOfflineError(detail="reader went away")
                if state & STATE_PRESENT:
                    return self._read_card(context, reader)

    # ------------------------------------------------------------------ monitoring thread

    def _run(self) -> None:
        backoff = self._backoff_initial
        while not self._stopping.is_set():
            try:
                self._context = self._new_context()
            except PcscServiceError:
                self._set_status(STATUS_SERVICE_DOWN)
                self._stopping.wait(backoff)
                backoff = min(backoff * 2, self._backoff_max)
                continue
            except DeviceError as err:
                log.warning("pcsc: cannot establish context: %s", err.detail)
                self._stopping.wait(backoff)
                backoff = min(backoff * 2, self._backoff_max)
                continue
            backoff = self._backoff_initial
            try:
                self._watch(self._context)
            except PcscServiceError as err:
                log.info("pcsc: service lost: %s", err.detail)
                self._set_status(STATUS_SERVICE_DOWN)
            except Exception:  # the thread must survive anything; log it and start over
                log.exception("pcsc: unexpected failure in the monitor loop")
                self._stopping.wait(backoff)
            finally:
                context, self._context = self._context, None
                context.release()
                # Keep INSERTED/REMOVED paired: a card seen before the service went away is
                # reported gone; if it is still there when the service returns, it is read again.
                self._card_gone()

    def _watch(self, context: PcscContext) -> None:
        reader: str | None = None
        reader_state = STATE_UNAWARE
        pnp_state = STATE_UNAWARE
        while not self._stopping.is_set():
            if reader is None:
                reader = self._pick(context.readers())
                reader_state = STATE_UNAWARE
                self._set_status(STATUS_NO_READER if reader is None else STATUS_READY)
            states = [(PNP_NOTIFICATION, pnp_state)]
            if reader is not None:
                states.append((reader, reader_state))
            try:
                got = context.wait(states, self._poll_ms)
            except ReaderOfflineError:
                got = None
                reader = None  # the reader vanished between listing and waiting
            if not got:
                continue
            for name, event, _atr in got:
                if name == PNP_NOTIFICATION:
                    # The reader list changed: is ours still there?
                    changed = bool(event & STATE_CHANGED) and reader is not None
                    if changed and reader not in context.readers():
                        reader = None
                    pnp_state = event & ~STATE_CHANGED
                    continue
                if name != reader or not event & STATE_CHANGED:
                    continue
                reader_state = event & ~STATE_CHANGED
                if event & (STATE_UNKNOWN | STATE_UNAVAILABLE):
                    reader = None
                    present = False
                else:
                    present = bool(event & STATE_PRESENT)
                if not present:
                    self._card_gone()
                elif not self._card_present:
                    self._card_present = True
                    assert reader is not None
                    self._emit(CardEvent(CardEventKind.INSERTED))
                    self._read_and_emit(context, reader)
            if reader is None:
                self._card_gone()
                self._set_status(STATUS_NO_READER)

    def _card_gone(self) -> None:
        if self._card_present:
            self._card_present = False
            self._emit(CardEvent(CardEventKind.REMOVED))

    def _read_and_emit(self, context: PcscContext, reader: str) -> None:
        try:
            identity = self._read_card(context, reader)
        except PcscServiceError:
            raise
        except CardReadError as err:
            self._emit(CardEvent(CardEventKind.ERROR, error=err))
        except ReaderOfflineError as err:
            self._emit(CardEvent(CardEventKind.ERROR, error=CardRemovedError(detail=err.detail)))
        else:
            self._emit(CardEvent(CardEventKind.READ, identity=identity))

    def _read_card(self, context: PcscContext, reader: str) -> Identity:
        try:
            card = context.connect(reader)
        except TransmitError as err:
            if self._card_left(context, reader):
                raise CardRemovedError(detail=err.detail) from err
            raise
        with card:
            try:
                today = self._today() if self._today else None
                return ssc.read_identity(card.transmit, today=today)
            except TransmitError as err:
                # A torn transmit looks like any other link failure; if the card left within
                # the grace period the resident pulled it, which the UI explains differently.
                if self._card_left(context, reader):
                    raise CardRemovedError(detail=err.detail) from err
                raise

    def _card_left(self, context: PcscContext, reader: str) -> bool:
        deadline = time.monotonic() + self._removal_grace
        state = STATE_UNAWARE
        while True:
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                return False
            try:
                got = context.wait([(reader, state)], remaining_ms)
            except PcscServiceError:
                raise
            except ReaderOfflineError:
                return True  # reader unplugged with the card: gone all the same
            if got:
                # A mute card is still *present*: that is "unreadable", not "removed".
                state = got[0][1] & ~STATE_CHANGED
                if not state & STATE_PRESENT:
                    return True

    # ------------------------------------------------------------------ helpers

    def _pick(self, readers: list[str]) -> str | None:
        for name in readers:
            if self.reader_name in name:
                return name
        return None

    def _set_status(self, status: DeviceStatus, *, notify: bool = True) -> None:
        with self._status_lock:
            if status == self._status:
                return
            self._status = status
        if notify:
            self._emit(CardEvent(CardEventKind.STATUS, status=status))

    def _emit(self, event: CardEvent) -> None:
        self._events.emit(event)
