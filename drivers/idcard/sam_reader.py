"""``SamSerialCardReader``: the GA/T 467 SAM ID-card reader on a serial port (pyserial).

One background thread owns the port and polls: find → select → read, every time a card shows up;
after a read (or a failed read with the card still there) it keeps polling *find* until SW3 = 80
(the card left the field) before it reports ``REMOVED`` and allows the next read, which is what
stops one card from being read twice while the UI says "请取走身份证".

Failures never escape the thread: a broken card is an ``ERROR`` event, a reader that stops
answering or a port that disappears is a ``STATUS`` event (offline, with a message key) followed
by reopening with back-off. Every pyserial/OS exception is translated in ``link``, at the seam.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from enum import Enum

from drivers.cardevents import KEY_READ_TIMEOUT, CardEventDispatcher
from drivers.idcard import protocol as p
from drivers.idcard.link import SerialLink, SerialPort, open_serial
from drivers.idcard.photo import PhotoDecoder, decode_photo, load_photo_decoder
from drivers.idcard.textblock import (
    CardDataError,
    decode_appended_address,
    identity_from_read_reply,
)
from kiosk.errors import (
    CardReadError,
    CardRemovedError,
    CardUnsupportedError,
    DeviceError,
    KioskError,
    ReaderOfflineError,
)
from kiosk.identity.model import DocumentType, Identity
from kiosk.ports.card import CardEvent, CardEventHandler, CardEventKind
from kiosk.ports.device import DeviceState, DeviceStatus

_log = logging.getLogger(__name__)

KEY_STARTING = "device.card_reader.starting"
KEY_READY = "device.card_reader.ready"
KEY_READING = "device.card_reader.reading"
KEY_FAULT = "device.card_reader.fault"
KEY_LINK_ERRORS = "device.card_reader.link_errors"
KEY_STOPPED = "device.card_reader.stopped"

# Card types with an address field, the only ones asked for a newer appended address (30 03).
_HAS_ADDRESS = frozenset({DocumentType.RESIDENT_ID, DocumentType.HMT_RESIDENCE_PERMIT})

# Consecutive garbled replies while idle before the reader is reported as faulty (a wrong baud
# rate looks exactly like this).
LINK_ERROR_LIMIT = 3


class _Phase(Enum):
    IDLE = "idle"  # waiting for a card
    AWAIT_REMOVAL = "await_removal"  # read (or failed) with the card still in the field


class SamSerialCardReader:
    """GA/T 467 reader on ``port`` (e.g. ``/dev/ttyUSB0``), 8N1.

    Timeouts are short on purpose: ``read_timeout`` bounds one pyserial read so ``stop()`` is
    prompt; ``command_timeout`` bounds find/select/SAM commands; the card read itself takes about
    a second on real readers, hence the longer ``read_command_timeout``.

    After a successful read the reader asks for the newest address appended to the chip (30 03,
    ``read_appended_address``); a resident who moved gets that one as ``Identity.address`` and
    the printed one as ``Identity.card_address``. The step is optional by nature: any failure
    (no appended record, a reader without the command, the card pulled) keeps the card's own
    address and never fails the read. ``appended_address_timeout`` bounds it.
    """

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = 115200,
        read_timeout: float = 0.02,
        command_timeout: float = 0.5,
        read_command_timeout: float = 3.0,
        poll_interval: float = 0.2,
        backoff: tuple[float, ...] = (0.5, 1.0, 2.0, 5.0, 10.0),
        read_attempts: int = 2,
        with_fingerprint: bool = False,
        read_appended_address: bool = True,
        appended_address_timeout: float = 1.0,
        photo_decoder: str | PhotoDecoder | None = None,
        serial_factory: Callable[[], SerialPort] | None = None,
        stop_timeout: float = 10.0,
    ) -> None:
        self.port_name = port
        self.stop_timeout = stop_timeout
        self.baudrate = baudrate
        self.read_timeout = read_timeout
        self.command_timeout = command_timeout
        self.read_command_timeout = read_command_timeout
        self.poll_interval = poll_interval
        self.backoff = backoff or (1.0,)
        self.read_attempts = max(1, read_attempts)
        self._read_command = (
            p.READ_TEXT_PHOTO_FINGERPRINT if with_fingerprint else p.READ_TEXT_PHOTO
        )
        self._with_fingerprint = with_fingerprint
        self.read_appended_address = read_appended_address
        self.appended_address_timeout = appended_address_timeout
        self._photo_decoder = (
            load_photo_decoder(photo_decoder)
            if photo_decoder is None or isinstance(photo_decoder, str)
            else photo_decoder
        )
        self._link = SerialLink(serial_factory or self._open_serial)
        self._io_lock = threading.RLock()
        self._state_lock = threading.Lock()
        self._status = DeviceStatus(DeviceState.UNKNOWN, KEY_STARTING)
        self._announced: DeviceStatus | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._events = CardEventDispatcher(_log)
        self._phase = _Phase.IDLE
        self._link_errors = 0

    # ------------------------------------------------------------------ CardReader protocol

    def status(self) -> DeviceStatus:
        with self._state_lock:
            return self._status

    def start(self, on_event: CardEventHandler) -> None:
        if self._thread is not None:
            raise RuntimeError("reader already started")
        self._events.handler = on_event
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sam-card-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=self.stop_timeout)
            if thread.is_alive():
                # An event handler that never returns: it runs under the I/O lock, so waiting
                # for that lock here would hang shut-down. The thread closes the port itself
                # once the handler comes back (see ``_run``).
                _log.error("card reader thread did not stop")
                self._set_status(DeviceStatus(DeviceState.UNKNOWN, KEY_STOPPED), announce=False)
                self._events.handler = None
                return
        with self._io_lock:
            self._link.close()
        self._set_status(DeviceStatus(DeviceState.UNKNOWN, KEY_STOPPED), announce=False)
        self._events.handler = None

    def read_identity(self, timeout: float) -> Identity:
        """One-shot read. With the polling thread running, waits for its next READ/ERROR;
        otherwise drives the reader on the calling thread and closes the port afterwards."""
        if self._thread is not None:
            return self._events.await_read(timeout, self.status)
        with self._io_lock:
            opened_here = not self._link.is_open
            try:
                self._ensure_open()
                return self._read_inline(time.monotonic() + timeout)
            finally:
                if opened_here:
                    self._link.close()

    def photo_image(self, identity: Identity) -> bytes | None:
        """Decoded photo when a licensed WLT decoder is configured, else ``None``."""
        return decode_photo(self._photo_decoder, identity.photo_wlt)

    # ------------------------------------------------------------------ port and link

    def _open_serial(self) -> SerialPort:
        return open_serial(
            self.port_name,
            baudrate=self.baudrate,
            read_timeout=self.read_timeout,
            write_timeout=self.command_timeout,
        )

    def _ensure_open(self) -> None:
        if not self._link.open():
            return
        # A SAM that fails its self-test answers every card command with an error: ask once.
        try:
            sam = p.status_of(self._link.transact(p.SAM_STATUS, self.command_timeout).sw3)
        except p.FrameError as err:  # garbled from the first byte: wrong baud rate, noise
            raise DeviceError(KEY_LINK_ERRORS, detail=err.detail) from err
        if sam.kind is p.StatusKind.READER_FAULT:
            raise DeviceError(KEY_FAULT, detail=sam.name, sw3=f"{sam.code:02X}")
        self._link_errors = 0
        self._set_status(DeviceStatus(DeviceState.READY, KEY_READY))

    # ------------------------------------------------------------------ status and events

    def _set_status(self, status: DeviceStatus, *, announce: bool = True) -> None:
        with self._state_lock:
            self._status = status
            changed = announce and status != self._announced
            if changed:
                self._announced = status
        if changed:
            self._emit(CardEvent(CardEventKind.STATUS, status=status))

    def _emit(self, event: CardEvent) -> None:
        self._events.emit(event)

    # ------------------------------------------------------------------ polling thread

    def _run(self) -> None:
        try:
            self._poll_until_stopped()
        finally:
            with self._io_lock:
                self._link.close()

    def _poll_until_stopped(self) -> None:
        failures = 0
        while not self._stop.is_set():
            wait = self.poll_interval
            try:
                with self._io_lock:
                    self._ensure_open()
                    self._poll_once()
                failures = 0
            except ReaderOfflineError as err:
                wait, failures = self._reader_lost(err, DeviceState.OFFLINE, failures)
            except DeviceError as err:  # SAM fault: the reader answers but cannot work
                wait, failures = self._reader_lost(err, DeviceState.ERROR, failures)
            except Exception as err:  # last line of defence: report, back off, never die
                _log.exception("unexpected card reader failure")
                wrapped = DeviceError(KEY_FAULT, detail=type(err).__name__)
                wait, failures = self._reader_lost(wrapped, DeviceState.ERROR, failures)
            self._stop.wait(wait)

    def _reader_lost(self, err: KioskError, state: DeviceState, failures: int) -> tuple[float, int]:
        with self._io_lock:
            self._link.close()
        if self._phase is _Phase.IDLE and self._status.state is DeviceState.BUSY:
            self._emit(CardEvent(CardEventKind.ERROR, error=err))
        self._phase = _Phase.IDLE  # after reconnecting, a card still there is read again
        self._set_status(DeviceStatus(state, err.key, dict(err.params)))
        return self.backoff[min(failures, len(self.backoff) - 1)], failures + 1

    def _poll_once(self) -> None:
        try:
            found = p.status_of(self._link.transact(p.FIND_CARD, self.command_timeout).sw3)
        except p.FrameError:
            self._link_errors += 1
            if self._link_errors >= LINK_ERROR_LIMIT:
                self._set_status(DeviceStatus(DeviceState.ERROR, KEY_LINK_ERRORS))
            return
        self._link_errors = 0
        self._check_reader_fault(found)
        self._set_status(DeviceStatus(DeviceState.READY, KEY_READY))
        if self._phase is _Phase.AWAIT_REMOVAL:
            if found.kind is p.StatusKind.NO_CARD:
                self._phase = _Phase.IDLE
                self._emit(CardEvent(CardEventKind.REMOVED))
            return
        if found.code != 0x9F:
            return  # no card (80), or a status we do not trust as "card present"
        self._emit(CardEvent(CardEventKind.INSERTED))
        self._set_status(DeviceStatus(DeviceState.BUSY, KEY_READING), announce=False)
        result, removed = self._read_present_card()
        self._set_status(DeviceStatus(DeviceState.READY, KEY_READY), announce=False)
        if isinstance(result, Identity):
            self._emit(CardEvent(CardEventKind.READ, identity=result))
        else:
            self._emit(CardEvent(CardEventKind.ERROR, error=result))
        if removed:
            self._emit(CardEvent(CardEventKind.REMOVED))
        else:
            self._phase = _Phase.AWAIT_REMOVAL

    @staticmethod
    def _check_reader_fault(status: p.Status) -> None:
        if status.kind is p.StatusKind.READER_FAULT:
            raise DeviceError(KEY_FAULT, detail=status.name, sw3=f"{status.code:02X}")

    def _read_present_card(self) -> tuple[Identity | CardReadError, bool]:
        """Select and read a card that find just saw, retrying transient failures.

        Returns the identity or the error, and whether the card is known to have left the
        field (then the error is :class:`CardRemovedError`). Reader-level failures raise.
        """
        last: CardReadError = CardReadError(detail="no attempt")
        for attempt in range(self.read_attempts + 1):
            if attempt:  # every retry starts with find: it tells "pulled" from "flaky"
                try:
                    found = p.status_of(self._link.transact(p.FIND_CARD, self.command_timeout).sw3)
                except p.FrameError as err:
                    last = err
                    continue
                self._check_reader_fault(found)
                if found.kind is p.StatusKind.NO_CARD:
                    return CardRemovedError(detail=f"card left after {last.detail}"), True
                if attempt == self.read_attempts:
                    break  # the last round only checks presence
            try:
                return self._select_and_read(), False
            except (CardDataError, CardUnsupportedError) as err:
                return err, False  # the card's data itself is wrong: retrying cannot help
            except CardReadError as err:
                last = err
        return last, False

    def _select_and_read(self) -> Identity:
        selected = p.status_of(self._link.transact(p.SELECT_CARD, self.command_timeout).sw3)
        self._check_reader_fault(selected)
        if selected.kind is not p.StatusKind.OK:
            raise p.error_for_status(selected)
        reply = self._link.transact(self._read_command, self.read_command_timeout)
        read = p.status_of(reply.sw3)
        self._check_reader_fault(read)
        if read.code != 0x90:
            raise p.error_for_status(read)
        identity = identity_from_read_reply(reply.data, with_fingerprint=self._with_fingerprint)
        return self._with_newest_address(identity)

    def _with_newest_address(self, identity: Identity) -> Identity:
        """``identity`` with the chip's newest appended address, when it has a different one."""
        if not self.read_appended_address or identity.document_type not in _HAS_ADDRESS:
            return identity
        newest = self._appended_address()
        if not newest or newest == identity.address:
            return identity
        return dataclasses.replace(identity, address=newest, card_address=identity.address)

    def _appended_address(self) -> str:
        """30 03 on the selected card: the address, or "" for anything but a usable answer.

        Never raises: the identity is already read, so a failure here costs only the newer
        address. A garbled reply is tried again like a garbled read; the link or reader trouble
        behind a silent one is left to the next poll to notice. Logs codes only, no address.
        """
        for _attempt in range(self.read_attempts):
            try:
                reply = self._link.transact(p.READ_APPENDED_ADDRESS, self.appended_address_timeout)
            except p.FrameError as err:
                _log.info("appended address reply unusable (%s)", err.detail)
                continue
            except ReaderOfflineError as err:
                _log.info("no appended address answer (%s)", err.detail)
                return ""
            if reply.sw3 != 0x90:  # no appended record, no 30 03 support, card gone (80/21/41…)
                _log.debug("no appended address: SW3 %02X", reply.sw3)
                return ""
            try:
                return decode_appended_address(reply.data)
            except CardReadError as err:  # a format we do not know: refuse, do not guess
                _log.warning("appended address not understood (%s)", err.detail)
                return ""
        return ""

    # ------------------------------------------------------------------ one-shot reads

    def _read_inline(self, deadline: float) -> Identity:
        pause = threading.Event()  # never set: an interruptible, lint-clean pause
        while True:
            found = p.status_of(self._link.transact(p.FIND_CARD, self.command_timeout).sw3)
            self._check_reader_fault(found)
            if found.code == 0x9F:
                result, _removed = self._read_present_card()
                if isinstance(result, Identity):
                    return result
                raise result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CardReadError(KEY_READ_TIMEOUT, detail="no card presented")
            pause.wait(min(self.poll_interval, remaining))
