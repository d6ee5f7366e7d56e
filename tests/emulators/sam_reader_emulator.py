"""An emulated GA/T 467 SAM ID-card reader behind a pseudo-terminal.

The driver opens the pty's slave path with pyserial exactly as it would open ``/dev/ttyUSB0``;
this emulator's thread reads and writes the master fd. Cards are put into and taken out of the
field with :meth:`insert` / :meth:`remove`; fault switches make the next replies (or all of them)
misbehave the ways a real link does.

Text blocks are written with this module's *own* offset table, not the driver's encoder, so a
wrong offset in the driver cannot be hidden by the same mistake on both sides.
"""

from __future__ import annotations

import contextlib
import enum
import os
import random
import select
import threading
import tty
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from drivers.idcard import protocol as p

# --------------------------------------------------------------------------- cards

# fmt: off
_RESIDENT = {"name": 0, "sex": 30, "nation": 32, "birth": 36, "address": 52, "id_number": 122,
             "issuing_authority": 158, "valid_from": 188, "valid_until": 204,
             "pass_number": 220, "issue_count": 238, "flag": 248}
_FOREIGNER_2017 = {"english_name": 0, "sex": 120, "id_number": 122, "nationality": 152,
                   "name": 158, "valid_from": 188, "valid_until": 204, "birth": 220,
                   "card_version": 236, "issuing_authority": 240, "flag": 248}
_FOREIGNER_2023 = {"name": 0, "sex": 30, "renewal_count": 32, "birth": 36, "english_name": 52,
                   "id_number": 122, "valid_from": 188, "valid_until": 204,
                   "english_name_ext": 220, "nationality": 242, "flag": 248}

# 41 characters: longer than the 35 of the main field, so the extension field is exercised.
LONG_ENGLISH_NAME = "MONTGOMERY-WILLIAMSON ALEXANDRA CATHERINE"

_CARDS: dict[str, tuple[dict[str, int], dict[str, str]]] = {
    "han_resident": (_RESIDENT, dict(
        name="张伟明", sex="1", nation="01", birth="19850312",
        address="山东省济南市历下区泉城路188号3号楼2单元501室", id_number="370102198503121233",
        issuing_authority="济南市公安局历下分局", valid_from="20150601", valid_until="20350601")),
    "elderly_1938": (_RESIDENT, dict(
        name="王秀兰", sex="2", nation="01", birth="19380506",
        address="山东省济南市市中区经七路56号", id_number="37010319380506002X",
        issuing_authority="济南市公安局市中分局", valid_from="20060315", valid_until="长期")),
    "minority_hui": (_RESIDENT, dict(
        name="马建国", sex="1", nation="03", birth="19701120",
        address="山东省济南市槐荫区清真南大寺街9号", id_number="370104197011200312",
        issuing_authority="济南市公安局槐荫分局", valid_from="20120820", valid_until="20320820")),
    "hong_kong_permit": (_RESIDENT, dict(
        name="陈家豪", sex="1", birth="19920415",
        address="山东省济南市历城区华山街道华山北路8号", id_number="810000199204150038",
        issuing_authority="济南市公安局历城分局", valid_from="20190910", valid_until="20240910",
        pass_number="H60123456", issue_count="01", flag="J")),
    "foreigner_2017": (_FOREIGNER_2017, dict(
        english_name="SMITH, JOHN ROBERT", sex="1", id_number="USA370075060123",
        nationality="USA", name="史密斯", valid_from="20180501", valid_until="20280501",
        birth="19750601", card_version="17", issuing_authority="3701", flag="I")),
    "foreigner_2023": (_FOREIGNER_2023, dict(
        name="蒙哥马利", sex="2", renewal_count="00", birth="19800917",
        english_name=LONG_ENGLISH_NAME[:35], id_number="937840198009170029",
        valid_from="20231201", valid_until="20331201", english_name_ext=LONG_ENGLISH_NAME[35:],
        nationality="USA", flag="Y")),
}
# fmt: on


def text_block(offsets: dict[str, int], **values: str) -> bytes:
    block = bytearray(" ".encode("utf-16-le") * 128)
    for name, value in values.items():
        raw = value.encode("utf-16-le")
        at = offsets[name]
        block[at : at + len(raw)] = raw
    assert len(block) == 256
    return bytes(block)


def fake_wlt(seed: int) -> bytes:
    """1024 bytes standing in for the vendor-encrypted photo (opaque to the kiosk)."""
    return random.Random(seed).randbytes(1024)


@dataclass
class EmulatedCard:
    key: str
    text: bytes
    photo: bytes = field(default_factory=lambda: fake_wlt(0))
    fingerprint: bytes = field(default_factory=lambda: bytes(1024))
    # The newest address a police station appended to the chip (what 30 03 reads). None: no
    # appended record, answered with SW3 41 (assumed: what real readers answer is unverified);
    # "": a record of padding only.
    appended_address: str | None = None


def make_card(key: str, **overrides: str) -> EmulatedCard:
    offsets, values = _CARDS[key]
    return EmulatedCard(
        key, text_block(offsets, **{**values, **overrides}), photo=fake_wlt(len(key))
    )


def han_resident() -> EmulatedCard:
    return make_card("han_resident")


def elderly_1938() -> EmulatedCard:
    return make_card("elderly_1938")


def minority_hui() -> EmulatedCard:
    return make_card("minority_hui")


def hong_kong_permit() -> EmulatedCard:
    return make_card("hong_kong_permit")


def foreigner_2017() -> EmulatedCard:
    return make_card("foreigner_2017")


def foreigner_2023() -> EmulatedCard:
    return make_card("foreigner_2023")


MOVED_ADDRESS = "山东省济南市历城区山大路47号数码港大厦东区6号楼1单元302室"


def moved_resident() -> EmulatedCard:
    """The Han resident after moving: the police station appended the new address to the chip."""
    card = make_card("han_resident")
    card.appended_address = MOVED_ADDRESS
    return card


def appended_address_reply(address: str) -> bytes:
    """30 03 reply data, written here and not with the driver's decoder (see the module doc):
    (unverified) 70 bytes, UTF-16LE, space padded like the text block's address field."""
    raw = address.encode("utf-16-le")
    assert len(raw) <= 70
    return raw + " ".encode("utf-16-le") * ((70 - len(raw)) // 2)


def wrong_check_digit() -> EmulatedCard:
    """A resident card whose last character does not match GB 11643 (…1233 is right)."""
    return make_card("han_resident", id_number="370102198503121234")


ALL_CARDS = {key: (lambda key=key: make_card(key)) for key in _CARDS}

# --------------------------------------------------------------------------- faults


class Fault(enum.Enum):
    BAD_CHECKSUM = "bad_checksum"
    TRUNCATED = "truncated"  # first half of the frame, then silence
    OVERSIZED = "oversized"  # preamble + an impossible length
    GARBAGE = "garbage"  # noise before and after an otherwise good reply
    UNKNOWN_STATUS = "unknown_status"  # SW3 = 0x91
    NO_ANSWER = "no_answer"
    PULL_AFTER_SELECT = "pull_after_select"  # card leaves the field right after select OK
    PULL_AFTER_READ = "pull_after_read"  # card leaves right after a successful 30 01 / 30 10
    COMMAND_UNSUPPORTED = "command_unsupported"  # SW3 21, as a reader without the command says


ANY_COMMAND = None


@dataclass
class _Injection:
    fault: Fault
    command: tuple[int, int] | None
    remaining: int | None  # None = until cleared


# --------------------------------------------------------------------------- emulator


class SamReaderEmulator:
    """Context manager: ``with SamReaderEmulator(link) as emu: reader = Sam...(emu.port)``."""

    def __init__(self, link: Path | None = None, *, seed: int = 7) -> None:
        self._link = link
        self._rng = random.Random(seed)
        self._lock = threading.Condition()
        self._card: EmulatedCard | None = None
        self._selected = False
        self._injections: list[_Injection] = []
        self.counts: Counter[tuple[int, int]] = Counter()
        self.requests: list[bytes] = []
        self.sam_fault = False
        self._master = -1
        self._slave = -1
        self._wake_r, self._wake_w = os.pipe()
        self._stopping = False
        self._plugged = True
        self._replug_pending = False
        self._unplug_done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sam-emulator", daemon=True)
        self._open_pty()

    # ------------------------------------------------------------------ lifecycle

    def _open_pty(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line discipline: a byte pipe like a UART
        self.slave_path = os.ttyname(self._slave)
        if self._link is not None:
            with contextlib.suppress(FileNotFoundError):
                self._link.unlink()
            self._link.symlink_to(self.slave_path)

    @property
    def port(self) -> str:
        return str(self._link) if self._link is not None else self.slave_path

    def __enter__(self) -> SamReaderEmulator:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._stopping = True
        os.write(self._wake_w, b"x")
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._close_pty()
        os.close(self._wake_r)
        os.close(self._wake_w)

    def _close_pty(self) -> None:
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1

    def unplug(self, timeout: float = 5.0) -> None:
        """Pull the USB cable: the driver's next read/write fails with EIO."""
        done = threading.Event()
        with self._lock:
            self._plugged = False
            self._unplug_done = done
        os.write(self._wake_w, b"u")
        assert done.wait(timeout), "emulator did not unplug"

    def replug(self) -> None:
        """A new pty behind the same symlink (as udev would recreate /dev/idcard)."""
        with self._lock:
            self._replug_pending = True
            self._plugged = True
        os.write(self._wake_w, b"r")

    # ------------------------------------------------------------------ test controls

    def insert(self, card: EmulatedCard) -> None:
        with self._lock:
            self._card = card
            self._selected = False

    def remove(self) -> None:
        with self._lock:
            self._card = None
            self._selected = False

    def inject(
        self, fault: Fault, command: p.Command | None = ANY_COMMAND, times: int | None = 1
    ) -> None:
        key = None if command is None else (command.cmd, command.para)
        with self._lock:
            self._injections.append(_Injection(fault, key, times))

    def clear_faults(self) -> None:
        with self._lock:
            self._injections.clear()

    def count(self, command: p.Command) -> int:
        with self._lock:
            return self.counts[(command.cmd, command.para)]

    def wait_for(self, command: p.Command, count: int, timeout: float = 5.0) -> bool:
        """Wait until the driver has sent ``command`` at least ``count`` times in total."""
        key = (command.cmd, command.para)
        with self._lock:
            return self._lock.wait_for(lambda: self.counts[key] >= count, timeout)

    # ------------------------------------------------------------------ the reader side

    def _take_fault(self, key: tuple[int, int]) -> Fault | None:
        for inj in self._injections:
            if inj.command is None or inj.command == key:
                if inj.remaining is not None:
                    inj.remaining -= 1
                    if inj.remaining <= 0:
                        self._injections.remove(inj)
                return inj.fault
        return None

    def _answer(self, request: p.Request) -> tuple[int, bytes]:
        key = (request.cmd, request.para)
        card = self._card
        if key in ((0x10, 0xFF), (0x11, 0xFF)):
            return (0x60 if self.sam_fault else 0x90), b""
        if key == (0x12, 0xFF):
            return 0x90, bytes(range(16))
        if key == (0x20, 0x01):
            return (0x9F, bytes(4)) if card is not None else (0x80, b"")
        if key == (0x20, 0x02):
            if card is None:
                return 0x81, b""
            self._selected = True
            return 0x90, bytes(8)
        if key in ((0x30, 0x01), (0x30, 0x10), (0x30, 0x03)):
            if card is None or not self._selected:
                return 0x41, b""
            if key == (0x30, 0x03):
                if card.appended_address is None:
                    return 0x41, b""
                return 0x90, appended_address_reply(card.appended_address)
            parts = [card.text, card.photo]
            if key == (0x30, 0x10):
                parts.append(card.fingerprint)
            heads = b"".join(len(x).to_bytes(2, "big") for x in parts)
            return 0x90, heads + b"".join(parts)
        return 0x21, b""

    def _reply(self, request: p.Request) -> bytes:
        key = (request.cmd, request.para)
        with self._lock:
            self.counts[key] += 1
            fault = self._take_fault(key)
            if fault is Fault.NO_ANSWER:
                self._lock.notify_all()
                return b""
            if fault is Fault.UNKNOWN_STATUS:
                frame = p.build_response(0x91)
            elif fault is Fault.COMMAND_UNSUPPORTED:
                frame = p.build_response(0x21)
            else:
                sw3, data = self._answer(request)
                frame = p.build_response(sw3, data)
                if fault is Fault.PULL_AFTER_SELECT and key == (0x20, 0x02):
                    self._card = None
                if fault is Fault.PULL_AFTER_READ and key in ((0x30, 0x01), (0x30, 0x10)):
                    self._card = None
                    self._selected = False
            self._lock.notify_all()
        if fault is Fault.BAD_CHECKSUM:
            return frame[:-1] + bytes([frame[-1] ^ 0x5A])
        if fault is Fault.TRUNCATED:
            return frame[: len(frame) // 2]
        if fault is Fault.OVERSIZED:
            return p.PREAMBLE + b"\xff\xf0" + frame[7:40]
        if fault is Fault.GARBAGE:
            return b"\x00\x13\xaa\x96" + self._rng.randbytes(9) + frame + b"\xaa\xaa\x55"
        return frame

    def _serve(self, parser: p.FrameParser) -> None:
        while True:
            try:
                request = parser.next_request()
            except p.FrameError:
                self._write(p.build_response(0x10))
                continue
            if request is None:
                return
            self.requests.append(p.build_request(request.cmd, request.para, request.data))
            out = self._reply(request)
            if out:
                self._write(out)

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            try:
                n = os.write(self._master, view)
            except OSError:
                return  # unplugged under our feet
            view = view[n:]

    def _run(self) -> None:
        parser = p.FrameParser()
        while True:
            fds = [self._wake_r] + ([self._master] if self._master >= 0 else [])
            readable, _, _ = select.select(fds, [], [])
            if self._wake_r in readable:
                os.read(self._wake_r, 64)
                with self._lock:
                    if self._stopping:
                        return
                    if not self._plugged and self._master >= 0:
                        self._close_pty()
                        parser.reset()
                        self._unplug_done.set()
                    if self._replug_pending:
                        self._replug_pending = False
                        self._open_pty()
                continue
            try:
                data = os.read(self._master, 4096)
            except OSError:
                continue
            parser.feed(data)
            self._serve(parser)
