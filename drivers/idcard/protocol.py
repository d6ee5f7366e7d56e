"""GA/T 467 SAM reader link protocol: frames, the incremental parser and the SW3 status table.

Pure functions and one stateful parser, no I/O, so the whole protocol is unit- and property-tested
without a serial port. Frame layout (both directions)::

    AA AA AA 96 69 | LEN_HI LEN_LO | CMD PARA DATA... CHK          (request)
    AA AA AA 96 69 | LEN_HI LEN_LO | SW1 SW2 SW3 DATA... CHK       (response)

``LEN`` counts every byte after itself including ``CHK``; ``CHK`` is the XOR of every byte from
the length bytes to the last data byte.

The parser is written for a noisy UART: it skips garbage, resynchronises on the preamble and,
after a bad frame, restarts the search one byte after the rejected preamble, so a truncated frame
followed by a good one costs one error and not both frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kiosk.errors import CardReadError, CardUnsupportedError

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
_HEADER_SIZE = len(PREAMBLE) + 2

# The largest legal reply is the 30 10 read (text + photo + fingerprint): 2321 bytes in total, a
# length field of 2314. Anything well above that is line noise that happens to follow a preamble;
# accepting it would make the parser swallow the next few seconds of traffic waiting for bytes.
MAX_LENGTH = 4096
# CMD PARA CHK is the shortest request, SW1 SW2 SW3 CHK the shortest response.
MIN_LENGTH = 3


class FrameError(CardReadError):
    """A frame on the reader link could not be used. Transient: the caller may retry."""

    default_key = "error.card.unreadable"


class ChecksumError(FrameError):
    """XOR checksum mismatch (line noise, wrong baud rate)."""


class FrameLengthError(FrameError):
    """The length field is impossible (too short or oversized) or does not fit the command."""


class TruncatedFrameError(FrameError):
    """A frame started but its bytes stopped coming before the caller's deadline."""


def xor_checksum(data: bytes | bytearray | memoryview) -> int:
    """XOR of all bytes.

    Folds the buffer as one big integer instead of looping per byte: a 1290-byte read reply is
    checked in a few microseconds, which keeps the parser off the profile of a read.
    """
    width = len(data)
    if width == 0:
        return 0
    value = int.from_bytes(data, "little")
    while width > 1:
        half = (width + 1) // 2
        shift = 8 * half
        value = (value >> shift) ^ (value & ((1 << shift) - 1))
        width = half
    return value


def _frame(body: bytes) -> bytes:
    length = len(body) + 1
    if length > 0xFFFF:
        raise ValueError("frame body too long")
    head = length.to_bytes(2, "big")
    return PREAMBLE + head + body + bytes([xor_checksum(head + body)])


def build_request(cmd: int, para: int, data: bytes = b"") -> bytes:
    """Build a request frame; ``build_request(0x20, 0x01)`` is the find-card example
    ``AA AA AA 96 69 00 03 20 01 22``."""
    return _frame(bytes([cmd, para]) + data)


def build_response(sw3: int, data: bytes = b"", sw1: int = 0x00, sw2: int = 0x00) -> bytes:
    """Build a reader reply (used by the emulator and the tests, kept here so both sides of the
    link share one definition)."""
    return _frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True, slots=True)
class Command:
    cmd: int
    para: int
    name: str

    def frame(self, data: bytes = b"") -> bytes:
        return build_request(self.cmd, self.para, data)


RESET_SAM = Command(0x10, 0xFF, "reset_sam")
SAM_STATUS = Command(0x11, 0xFF, "sam_status")
SAM_ID = Command(0x12, 0xFF, "sam_id")
FIND_CARD = Command(0x20, 0x01, "find_card")
SELECT_CARD = Command(0x20, 0x02, "select_card")
READ_TEXT_PHOTO = Command(0x30, 0x01, "read_text_photo")
READ_APPENDED_ADDRESS = Command(0x30, 0x03, "read_appended_address")
READ_TEXT_PHOTO_FINGERPRINT = Command(0x30, 0x10, "read_text_photo_fingerprint")

COMMANDS: dict[tuple[int, int], Command] = {
    (c.cmd, c.para): c
    for c in (
        RESET_SAM,
        SAM_STATUS,
        SAM_ID,
        FIND_CARD,
        SELECT_CARD,
        READ_TEXT_PHOTO,
        READ_APPENDED_ADDRESS,
        READ_TEXT_PHOTO_FINGERPRINT,
    )
}


@dataclass(frozen=True, slots=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class Request:
    cmd: int
    para: int
    data: bytes = b""


class FrameParser:
    """Incremental frame parser: ``feed`` bytes as they arrive, then drain with ``next_*``.

    ``next_payload`` returns the bytes between the length field and the checksum, ``None`` when
    no complete frame is buffered yet, and raises a :class:`FrameError` subclass for a bad frame
    (after dropping it, so calling again continues with whatever follows). A frame whose bytes
    stop coming is only known to be truncated when the caller's deadline passes: the caller then
    calls :meth:`flush`.
    """

    def __init__(self, max_length: int = MAX_LENGTH) -> None:
        self._buf = bytearray()
        self._max_length = max_length
        self.discarded = 0  # garbage bytes skipped (diagnostics only)

    def feed(self, data: bytes | bytearray) -> None:
        self._buf += data

    @property
    def pending(self) -> bool:
        """True while a started frame (preamble seen) waits for more bytes."""
        return PREAMBLE in self._buf

    def reset(self) -> None:
        self._buf.clear()

    def flush(self) -> None:
        """Declare the input finished: a started frame is reported as truncated, and everything
        buffered is dropped so the next exchange starts clean."""
        started = self._buf.find(PREAMBLE) >= 0
        self._buf.clear()
        if started:
            raise TruncatedFrameError(detail="frame truncated", reason="truncated")

    def _drop_garbage(self) -> bool:
        """Advance to the next preamble. Keeps a tail that may be the start of one."""
        at = self._buf.find(PREAMBLE)
        if at < 0:
            # Keep up to len(PREAMBLE)-1 trailing bytes: a preamble may be split across feeds.
            keep = len(PREAMBLE) - 1
            drop = max(0, len(self._buf) - keep)
            # Never keep a tail that cannot begin a preamble (cheap, avoids unbounded noise).
            while drop < len(self._buf) and not PREAMBLE.startswith(self._buf[drop:]):
                drop += 1
            self.discarded += drop
            del self._buf[:drop]
            return False
        if at:
            self.discarded += at
            del self._buf[:at]
        return True

    def _reject(self) -> None:
        # Skip one byte of the rejected preamble and search again: the "frame" may have been a
        # truncated one whose length swallowed the start of a good frame.
        del self._buf[:1]

    def next_payload(self) -> bytes | None:
        if not self._drop_garbage() or len(self._buf) < _HEADER_SIZE:
            return None
        length = int.from_bytes(self._buf[len(PREAMBLE) : _HEADER_SIZE], "big")
        if length < MIN_LENGTH or length > self._max_length:
            self._reject()
            raise FrameLengthError(detail=f"impossible length {length}", reason="length")
        end = _HEADER_SIZE + length
        if len(self._buf) < end:
            return None
        checked = memoryview(self._buf)[len(PREAMBLE) : end - 1]
        ok = xor_checksum(checked) == self._buf[end - 1]
        checked.release()
        if not ok:
            self._reject()
            raise ChecksumError(detail="checksum mismatch", reason="checksum")
        payload = bytes(self._buf[_HEADER_SIZE : end - 1])
        del self._buf[:end]
        return payload

    def next_response(self) -> Response | None:
        payload = self.next_payload()
        if payload is None:
            return None
        if len(payload) < 3:
            raise FrameLengthError(detail="response shorter than SW1 SW2 SW3", reason="length")
        return Response(payload[0], payload[1], payload[2], payload[3:])

    def next_request(self) -> Request | None:
        payload = self.next_payload()
        if payload is None:
            return None
        return Request(payload[0], payload[1], payload[2:])


class StatusKind(Enum):
    """What the driver should do with a reply, independent of the exact SW3 code."""

    OK = "ok"
    NO_CARD = "no_card"  # nothing in the field (find failed): keep polling quietly
    CARD_FAILED = "card_failed"  # this card/attempt failed; retry once, then report
    CARD_UNSUPPORTED = "card_unsupported"  # not an ID card the SAM can read
    LINK = "link"  # the reader did not understand us (checksum/length/command)
    READER_FAULT = "reader_fault"  # SAM or reader broken/unauthorised: technician needed
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Status:
    code: int
    name: str
    kind: StatusKind
    message_key: str


def _status(code: int, name: str, kind: StatusKind, key: str) -> tuple[int, Status]:
    return code, Status(code, name, kind, key)


_UNREADABLE = "error.card.unreadable"
_UNSUPPORTED = "error.card.unsupported"
_FAULT = "device.card_reader.fault"
STATUS_TABLE: dict[int, Status] = dict(
    (
        _status(0x90, "ok", StatusKind.OK, "device.card_reader.ready"),
        _status(0x9F, "find_ok", StatusKind.OK, "device.card_reader.ready"),
        _status(0x80, "no_card", StatusKind.NO_CARD, "device.card_reader.ready"),
        _status(0x81, "select_failed", StatusKind.CARD_FAILED, _UNREADABLE),
        _status(0x10, "checksum_error", StatusKind.LINK, _UNREADABLE),
        _status(0x11, "length_error", StatusKind.LINK, _UNREADABLE),
        _status(0x21, "command_error", StatusKind.LINK, _UNREADABLE),
        _status(0x24, "unknown_error", StatusKind.CARD_FAILED, _UNREADABLE),
        _status(0x31, "card_rejected_reader", StatusKind.CARD_FAILED, _UNREADABLE),
        _status(0x32, "reader_rejected_card", StatusKind.CARD_UNSUPPORTED, _UNSUPPORTED),
        _status(0x33, "verification_error", StatusKind.CARD_FAILED, _UNREADABLE),
        _status(0x40, "wrong_card", StatusKind.CARD_UNSUPPORTED, _UNSUPPORTED),
        _status(0x41, "read_failed", StatusKind.CARD_FAILED, _UNREADABLE),
        _status(0x47, "random_failed", StatusKind.CARD_FAILED, _UNREADABLE),
        _status(0x60, "sam_self_test_failed", StatusKind.READER_FAULT, _FAULT),
        _status(0x66, "reader_not_authorised", StatusKind.READER_FAULT, _FAULT),
    )
)


def status_of(sw3: int) -> Status:
    """Look up SW3. 0x91 (meaning unverified) and any unlisted code map to a safe UNKNOWN entry
    that the driver treats like a failed read, never like success."""
    found = STATUS_TABLE.get(sw3)
    if found is not None:
        return found
    return Status(sw3, "unknown_status", StatusKind.UNKNOWN, _UNREADABLE)


def error_for_status(status: Status) -> CardReadError:
    """The error a failed card operation surfaces as; parameters are codes only (safe)."""
    if status.kind is StatusKind.CARD_UNSUPPORTED:
        return CardUnsupportedError(
            status.message_key, detail=status.name, sw3=f"{status.code:02X}"
        )
    return CardReadError(status.message_key, detail=status.name, sw3=f"{status.code:02X}")
