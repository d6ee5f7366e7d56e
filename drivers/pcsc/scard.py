"""The PC/SC seam: pyscard's low-level ``smartcard.scard`` API behind kiosk errors.

The low-level API (rather than ``CardMonitor``) is used because it reports what the kiosk must
react to and the high-level monitor hides: ``SCARD_E_NO_SERVICE`` when pcscd is not running or
was restarted, reader removal as ``SCARD_STATE_UNKNOWN``, and a cancellable wait
(``SCardCancel``) for a prompt, clean stop.

Every pyscard call goes through this module; result codes and pyscard exceptions become
:class:`PcscServiceError` (pcscd gone), :class:`~kiosk.errors.ReaderOfflineError` (reader gone),
:class:`~kiosk.errors.CardRemovedError` or :class:`~kiosk.errors.CardReadError`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import Any

from smartcard import scard

from kiosk.errors import CardReadError, CardRemovedError, ReaderOfflineError

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"

# Card/reader state bits re-exported so reader.py never touches pyscard directly.
STATE_UNAWARE: int = scard.SCARD_STATE_UNAWARE
STATE_CHANGED: int = scard.SCARD_STATE_CHANGED
STATE_UNKNOWN: int = scard.SCARD_STATE_UNKNOWN
STATE_UNAVAILABLE: int = scard.SCARD_STATE_UNAVAILABLE
STATE_PRESENT: int = scard.SCARD_STATE_PRESENT
STATE_MUTE: int = scard.SCARD_STATE_MUTE

_OK = scard.SCARD_S_SUCCESS
_TIMEOUT = scard.SCARD_E_TIMEOUT
_CANCELLED = scard.SCARD_E_CANCELLED
_SERVICE_GONE = frozenset(
    {
        scard.SCARD_E_NO_SERVICE,
        scard.SCARD_E_SERVICE_STOPPED,
        scard.SCARD_F_COMM_ERROR,  # client socket to pcscd broke
        scard.SCARD_E_INVALID_HANDLE,  # context died with the daemon that issued it
    }
)
_READER_GONE = frozenset(
    {
        scard.SCARD_E_UNKNOWN_READER,
        scard.SCARD_E_READER_UNAVAILABLE,
        scard.SCARD_E_NO_READERS_AVAILABLE,
    }
)
_CARD_GONE = frozenset(
    {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD}
)

# What the low-level wrapper raises on bad arguments or internal failures.
_PYSCARD_ERRORS: tuple[type[BaseException], ...] = (scard.error, SystemError, TypeError)


class PcscServiceError(ReaderOfflineError):
    """pcscd is not running (or went away): the whole card service is down, retry later."""

    default_key = "error.card.service_down"


class TransmitError(CardReadError):
    """The link to the card failed (not a card answer): maybe pulled, maybe mute."""


def _code(hresult: int) -> int:
    return hresult & 0xFFFFFFFF  # some builds report HRESULTs as negative ints


def _describe(hresult: int) -> str:
    code = _code(hresult)
    try:
        text = str(scard.SCardGetErrorMessage(hresult))
    except _PYSCARD_ERRORS:
        text = "?"
    return f"{code:#010x} {text}"


def check(hresult: int, what: str) -> None:
    """Translate a PC/SC result code into the kiosk error tree (no-op on success)."""
    code = _code(hresult)
    if code == _OK:
        return
    detail = f"{what}: {_describe(hresult)}"
    if code in _SERVICE_GONE:
        raise PcscServiceError(detail=detail)
    if code in _READER_GONE:
        raise ReaderOfflineError(detail=detail)
    if code in _CARD_GONE:
        raise CardRemovedError(detail=detail)
    raise TransmitError(detail=detail)


def _call(what: str, fn: Callable[..., Any], *args: Any) -> Any:
    try:
        return fn(*args)
    except _PYSCARD_ERRORS as err:
        raise CardReadError(detail=f"{what}: pyscard {type(err).__name__}") from err


ReaderState = tuple[str, int, list[int]]  # (reader, event state, ATR)


class PcscContext:
    """One ``SCARDCONTEXT``. ``cancel`` may be called from another thread to end a wait."""

    def __init__(self) -> None:
        hresult, handle = _call("establish", scard.SCardEstablishContext, scard.SCARD_SCOPE_USER)
        check(hresult, "establish context")
        self._handle: int | None = handle
        self._lock = threading.Lock()

    def readers(self) -> list[str]:
        """Reader names; empty when pcscd has none (not an error)."""
        hresult, names = _call("list readers", scard.SCardListReaders, self._live(), [])
        if _code(hresult) == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        check(hresult, "list readers")
        return list(names)

    def wait(self, states: Sequence[tuple[str, int]], timeout_ms: int) -> list[ReaderState] | None:
        """SCardGetStatusChange: new states, or None on timeout/cancel."""
        hresult, new = _call(
            "status change", scard.SCardGetStatusChange, self._live(), timeout_ms, list(states)
        )
        if _code(hresult) in (_TIMEOUT, _CANCELLED):
            return None
        check(hresult, "status change")
        return [(str(r), int(e), list(a)) for r, e, a in new]

    def cancel(self) -> None:
        with self._lock:
            if self._handle is not None:
                # Best effort: the waiter also has a timeout.
                with contextlib.suppress(*_PYSCARD_ERRORS):
                    scard.SCardCancel(self._handle)

    def connect(self, reader: str) -> PcscCard:
        hresult, hcard, protocol = _call(
            "connect",
            scard.SCardConnect,
            self._live(),
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        check(hresult, "connect")
        return PcscCard(hcard, protocol)

    def release(self) -> None:
        with self._lock:
            handle, self._handle = self._handle, None
        if handle is not None:
            # The daemon may already be gone; nothing is left to free on our side then.
            with contextlib.suppress(*_PYSCARD_ERRORS):
                scard.SCardReleaseContext(handle)

    def _live(self) -> int:
        handle = self._handle
        if handle is None:
            raise PcscServiceError(detail="context released")
        return handle

    def __enter__(self) -> PcscContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class PcscCard:
    """A connected card; ``transmit`` has the shape :mod:`drivers.pcsc.ssc` expects."""

    def __init__(self, handle: int, protocol: int) -> None:
        self._handle = handle
        self._protocol = protocol

    def transmit(self, apdu: list[int]) -> tuple[list[int], int, int]:
        hresult, response = _call(
            "transmit", scard.SCardTransmit, self._handle, self._protocol, apdu
        )
        check(hresult, "transmit")
        if len(response) < 2:
            # vpcd (and some readers) answer "success, no bytes" when the card vanished.
            raise TransmitError(detail="short response")
        return list(response[:-2]), response[-2], response[-1]

    def disconnect(self) -> None:
        with contextlib.suppress(*_PYSCARD_ERRORS):  # the card or daemon may be gone
            scard.SCardDisconnect(self._handle, scard.SCARD_LEAVE_CARD)

    def __enter__(self) -> PcscCard:
        return self

    def __exit__(self, *exc: object) -> None:
        self.disconnect()
