"""A social security card (社会保障卡) emulator speaking vsmartcard's vpcd protocol.

Two layers, so unit tests and end-to-end tests share one card model ("fakes over mocks"):

* :class:`SscApplet` -- pure card logic: ``process(apdu) -> response``. Unit tests plug it
  straight into :func:`drivers.pcsc.ssc.read_identity` as the transmit function.
* :class:`VpcdCard` -- puts an applet behind vpcd's TCP socket, so pcscd sees a real card in
  reader "Virtual PCD 00 00". Insert = connect, remove = close.

vpcd protocol: every message is a 2-byte big-endian length and a payload. 1-byte payloads are
control (0 power off, 1 power on, 2 reset -- no reply; 4 get ATR -- reply the ATR); longer ones
are command APDUs answered with the response APDU. ``TCP_QUICKACK`` is re-armed after each recv:
without it delayed ACKs cost ~40 ms per APDU round trip.

Fault switches: ``bank_card`` (no 社会保障 application: SELECT answers 6A82) and
``pull_after_ef05`` (the resident pulls the card: the socket closes when EF06 is selected).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from drivers.pcsc.ssc import EF05_TAGS, EF06_TAGS, SSC_AID

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963  # reader "Virtual PCD 00 00"
# T=0 only ATR (no TD1): TB1 = TC1 = 0, 8 historical bytes.
DEFAULT_ATR = bytes.fromhex("3B6800005353432D454D5531")

NAME_FIELD_LENGTH = 30


@dataclass
class Holder:
    """Card contents. ``overrides`` replaces raw record values by tag; None removes a record."""

    id_number: str = "370102199003072310"
    name: str = "张伟"
    sex: str = "1"
    nation: int = 1
    birthplace: str = "370102"
    birth: str = "19900307"
    card_id: str = "370100D156000005"
    category: str = "1"
    generation: str = "3.00"
    initialising_body: str = "370100000001"
    issue: str = "20200115"
    expiry: str = "20300115"
    card_number: str = "A01234567"
    name_encoding: str = "gb18030"
    overrides: dict[int, bytes | None] = field(default_factory=dict)

    def name_fields(self) -> tuple[bytes, bytes | None]:
        """姓名 padded to 30 bytes; longer names continue in tag 4E (split on a character)."""
        main = b""
        rest = self.name
        while rest:
            chunk = rest[0].encode(self.name_encoding)
            if len(main) + len(chunk) > NAME_FIELD_LENGTH:
                break
            main += chunk
            rest = rest[1:]
        extension = rest.encode(self.name_encoding) if rest else None
        return main.ljust(NAME_FIELD_LENGTH, b" "), extension

    def records(self) -> dict[int, bytes]:
        name, extension = self.name_fields()
        values: dict[int, bytes | None] = {
            0x01: self.card_id.encode("ascii"),
            0x02: self.category.encode("ascii"),
            0x03: self.generation.encode("ascii"),
            0x04: self.initialising_body.encode("ascii"),
            0x05: bytes.fromhex(self.issue),
            0x06: bytes.fromhex(self.expiry),
            0x07: self.card_number.encode("ascii"),
            0x08: self.id_number.encode("ascii"),
            0x09: name,
            0x4E: extension,
            0x0A: self.sex.encode("ascii"),
            0x0B: bytes([self.nation]),
            0x0C: bytes.fromhex(self.birthplace),
            0x0D: bytes.fromhex(self.birth),
        }
        values.update(self.overrides)
        return {tag: v for tag, v in values.items() if v is not None}


class CardPulledError(Exception):
    """Raised by the applet in ``pull_after_ef05`` mode; the vpcd layer closes the socket."""


def _sw(sw1: int, sw2: int, data: bytes = b"") -> bytes:
    return data + bytes([sw1, sw2])


class SscApplet:
    """Pure model of the card's social security application (T=0 style answers)."""

    def __init__(
        self,
        holder: Holder | None = None,
        *,
        bank_card: bool = False,
        pull_after_ef05: bool = False,
        t0_get_response: bool = True,
    ) -> None:
        self.holder = holder or Holder()
        self.bank_card = bank_card
        self.pull_after_ef05 = pull_after_ef05
        self.t0_get_response = t0_get_response
        self.apdus: list[bytes] = []  # every command received, for assertions
        self.reset()

    def reset(self) -> None:
        self._app_selected = False
        self._ef: int | None = None
        self._pending = b""

    def _fci(self, payload: bytes) -> bytes:
        """T=0 cards answer a SELECT with 61xx; the FCI then comes with GET RESPONSE."""
        if not self.t0_get_response:
            return _sw(0x90, 0x00)
        self._pending = bytes([0x6F, len(payload)]) + payload
        return _sw(0x61, len(self._pending))

    def process(self, apdu: bytes) -> bytes:
        self.apdus.append(bytes(apdu))
        if len(apdu) < 4:
            return _sw(0x67, 0x00)
        cla, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        if cla != 0x00:
            return _sw(0x6E, 0x00)
        if ins == 0xC0:
            return self._get_response(body)
        self._pending = b""
        if ins == 0xA4:
            return self._select(p1, p2, body)
        if ins == 0xB2:
            return self._read_record(p1, body)
        if ins == 0x20:
            return _sw(0x63, 0xC2)  # wrong PIN, 2 tries left -- what a real card would do
        return _sw(0x6D, 0x00)

    def _get_response(self, body: bytes) -> bytes:
        if not self._pending:
            return _sw(0x69, 0x85)
        le = body[0] if body else 0
        if le != len(self._pending):
            return _sw(0x6C, len(self._pending))
        data, self._pending = self._pending, b""
        return _sw(0x90, 0x00, data)

    def _select(self, p1: int, p2: int, body: bytes) -> bytes:
        if not body or len(body) < 1 + body[0]:
            return _sw(0x67, 0x00)
        name = body[1 : 1 + body[0]]
        if p1 == 0x04:
            if self.bank_card or name != bytes(SSC_AID):
                return _sw(0x6A, 0x82)
            self._app_selected = True
            self._ef = None
            return self._fci(bytes([0x84, len(name)]) + name)
        if p1 == 0x02 and self._app_selected and name in (b"\xef\x05", b"\xef\x06"):
            if name == b"\xef\x06" and self.pull_after_ef05:
                raise CardPulledError
            self._ef = int.from_bytes(name, "big")
            return self._fci(b"\x83\x02" + name)
        return _sw(0x6A, 0x82)

    def _read_record(self, tag: int, body: bytes) -> bytes:
        if self._ef is None:
            return _sw(0x69, 0x86)  # no current EF
        tags = EF05_TAGS if self._ef == 0xEF05 else EF06_TAGS
        value = self.holder.records().get(tag) if tag in tags else None
        if value is None:
            return _sw(0x6A, 0x83)
        record = bytes([tag, len(value)]) + value
        le = body[0] if body else 0
        if le != len(record):
            return _sw(0x6C, len(record))
        return _sw(0x90, 0x00, record)


def applet_transmit(applet: SscApplet) -> Callable[[list[int]], tuple[list[int], int, int]]:
    """The applet as a pyscard-style transmit function (data, sw1, sw2) for unit tests."""

    def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
        response = applet.process(bytes(apdu))
        return list(response[:-2]), response[-2], response[-1]

    return transmit


class VpcdCard:
    """An applet behind vpcd's socket. Not reusable across threads; one insert at a time."""

    def __init__(
        self,
        applet: SscApplet,
        *,
        host: str = VPCD_HOST,
        port: int = VPCD_PORT,
        atr: bytes = DEFAULT_ATR,
    ) -> None:
        self.applet = applet
        self.host = host
        self.port = port
        self.atr = atr
        self.inserted_at: float | None = None  # perf_counter() when the connection was made
        self.disconnected = threading.Event()  # set when the link ended (pulled, pcscd gone)
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def inserted(self) -> bool:
        return self._thread is not None and not self.disconnected.is_set()

    def insert(self, timeout: float = 10.0) -> None:
        """Connect to vpcd (retrying until it listens, e.g. just after pcscd starts)."""
        if self._thread is not None:
            self.remove()
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError as err:
                if time.monotonic() >= deadline:
                    raise TimeoutError(f"vpcd not listening on {self.host}:{self.port}") from err
                threading.Event().wait(0.05)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.inserted_at = time.perf_counter()
        self.disconnected.clear()
        self.applet.reset()
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="vpcd-card")
        self._thread.start()

    def remove(self) -> None:
        """Take the card out: close the link and wait for the serving thread."""
        with self._lock:
            sock = self._sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _recv_exact(self, sock: socket.socket, n: int) -> bytes | None:
        buf = b""
        while len(buf) < n:
            chunk = sock.recv(n - len(buf))
            if hasattr(socket, "TCP_QUICKACK"):
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            if not chunk:
                return None
            buf += chunk
        return buf

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = self._recv_exact(sock, 2)
                if header is None:
                    return
                payload = self._recv_exact(sock, struct.unpack(">H", header)[0])
                if payload is None:
                    return
                if len(payload) == 1:
                    if payload[0] == 4:
                        self._send(sock, self.atr)
                    else:  # power off / on / reset: the card forgets its selection
                        self.applet.reset()
                    continue
                try:
                    response = self.applet.process(payload)
                except CardPulledError:
                    return
                self._send(sock, response)
        except OSError:
            return
        finally:
            with self._lock:
                self._sock = None
                sock.close()
            self.disconnected.set()
