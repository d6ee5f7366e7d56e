"""``SimulatedCardReader``: the default card reader on a fresh machine, with fault switches.

It speaks the same event language as the real SAM reader (INSERTED → READ or ERROR → REMOVED,
STATUS when the "reader" goes away), from its own worker thread, so the UI and the session
logic are exercised exactly as with hardware. A technician or a test puts a fictional resident's
card "into the field" with :meth:`insert` and takes it out with :meth:`remove`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import queue
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from drivers.cardevents import KEY_READ_TIMEOUT, CardEventDispatcher
from kiosk.errors import (
    CardReadError,
    CardRemovedError,
    ConfigError,
    IdentityError,
    ReaderOfflineError,
)
from kiosk.identity.model import DocumentType, Identity, IdentitySource
from kiosk.identity.validate import identity_from_fields
from kiosk.ports.card import CardEvent, CardEventHandler, CardEventKind
from kiosk.ports.device import DeviceState, DeviceStatus

_log = logging.getLogger(__name__)

READY = DeviceStatus(DeviceState.READY, "device.card_reader.ready")
OFFLINE = DeviceStatus(DeviceState.OFFLINE, "device.card_reader.port_unavailable")
_FIELDS = (
    "name",
    "sex",
    "nation_code",
    "birth",
    "address",
    "issuing_authority",
    "valid_from",
    "valid_until",
    "english_name",
    "nationality",
)


def load_identities(path: Path | None = None) -> dict[str, Identity]:
    """Fixture identities by key, validated like a real read (a bad fixture stops start-up).

    An entry's optional ``appended_address`` is the newest address appended to the chip (what
    the SAM reader's 30 03 returns): it becomes ``address``, the printed one ``card_address``.
    """
    try:
        if path is None:
            text = resources.files("config").joinpath("sample_identities.json").read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        entries: list[dict[str, Any]] = json.loads(text)["identities"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ConfigError(
            "error.config.invalid", detail=str(err), field="card_reader.identities_file"
        ) from err
    out: dict[str, Identity] = {}
    for entry in entries:
        try:
            f = {k: str(entry.get(k, "")) for k in _FIELDS}
            identity = identity_from_fields(
                IdentitySource.SIMULATED,
                str(entry["id_number"]),
                document_type=DocumentType(entry["document_type"]),
                name=f["name"],
                sex=f["sex"],
                nation_code=f["nation_code"],
                birth=f["birth"],
                address=f["address"],
                issuing_authority=f["issuing_authority"],
                valid_from=f["valid_from"],
                valid_until=f["valid_until"],
                english_name=f["english_name"],
                nationality=f["nationality"],
            )
            appended = str(entry.get("appended_address", "")).strip()
            if appended and appended != identity.address:
                identity = dataclasses.replace(
                    identity, address=appended, card_address=identity.address
                )
            out[str(entry["key"])] = identity
        except (IdentityError, KeyError, ValueError) as err:
            raise ConfigError(
                "error.config.invalid",
                detail=f"identity {entry.get('key')!r}: {err}",
                field="card_reader.identities_file",
            ) from err
    return out


@dataclass
class SimulatedFaults:
    """Fault switches, flipped by tests or the technician screen at any time."""

    unreadable: bool = False  # the card answers garbage: ERROR, card stays in the field
    removed_mid_read: bool = False  # the resident pulls the card while it is being read
    read_delay: float = 0.0  # seconds a read takes (slow card); a remove() cuts it short


class SimulatedCardReader:
    def __init__(self, identities: Mapping[str, Identity] | Sequence[Identity]) -> None:
        if isinstance(identities, Mapping):
            self._identities = dict(identities)
        else:
            self._identities = {str(i): identity for i, identity in enumerate(identities)}
        self.faults = SimulatedFaults()
        self._lock = threading.Lock()
        self._present = threading.Condition(self._lock)
        self._card: Identity | None = None
        self._read_done = False  # the present card was already read (or failed)
        self._offline = False
        self._status = READY
        self._removal = threading.Event()  # interrupts a slow read
        self._stopping = threading.Event()
        self._commands: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._events = CardEventDispatcher(_log)

    @classmethod
    def from_fixtures(cls, path: Path | None = None) -> SimulatedCardReader:
        return cls(load_identities(path))

    @property
    def keys(self) -> list[str]:
        return list(self._identities)

    # ------------------------------------------------------------------ CardReader protocol

    def status(self) -> DeviceStatus:
        with self._lock:
            return self._status

    def start(self, on_event: CardEventHandler) -> None:
        if self._thread is not None:
            raise RuntimeError("reader already started")
        self._events.handler = on_event
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="simulated-card", daemon=True)
        self._thread.start()
        self._commands.put(lambda: self._emit(CardEvent(CardEventKind.STATUS, status=self._status)))
        self._commands.put(self._read_if_due)  # a card inserted before start is read now

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        with self._lock:
            self._stopping.set()
            self._present.notify_all()  # cut a slow read short: nobody waits for its result
        self._commands.put(None)
        thread.join(timeout=10.0)
        self._events.handler = None

    def read_identity(self, timeout: float) -> Identity:
        if self._thread is not None:
            return self._events.await_read(timeout, self.status)
        with self._lock:
            if self._offline:
                raise ReaderOfflineError(OFFLINE.message_key)
            if not self._present.wait_for(lambda: self._card is not None, timeout):
                raise CardReadError(KEY_READ_TIMEOUT, detail="no card presented")
            card = self._card
        assert card is not None
        result = self._read(card)
        if isinstance(result, Identity):
            return result
        raise result

    # ------------------------------------------------------------------ test / technician controls

    def insert(self, index_or_key: int | str) -> Identity:
        """Put a fixture card into the field; returns the identity it will read as."""
        if isinstance(index_or_key, int):
            identity = list(self._identities.values())[index_or_key]
        else:
            identity = self._identities[index_or_key]
        with self._lock:
            self._removal.clear()
            self._card = identity
            self._read_done = False
            self._present.notify_all()
        self._commands.put(self._read_if_due)
        return identity

    def remove(self) -> None:
        with self._lock:
            self._removal.set()
            self._present.notify_all()  # wakes a slow read
            had_card = self._card is not None
            self._card = None
        if had_card:
            self._commands.put(self._announce_removal)

    def set_offline(self, offline: bool) -> None:
        """Unplug (True) or reconnect (False) the simulated reader."""
        with self._lock:
            self._offline = offline
            self._status = OFFLINE if offline else READY
        status = self._status
        self._commands.put(lambda: self._emit(CardEvent(CardEventKind.STATUS, status=status)))
        if not offline:
            self._commands.put(self._read_if_due)

    # ------------------------------------------------------------------ worker

    def _run(self) -> None:
        while True:
            command = self._commands.get()
            if command is None:
                return
            try:
                command()
            except Exception:  # a handler bug must not stop the simulator
                _log.exception("simulated card reader command failed")

    def _emit(self, event: CardEvent) -> None:
        self._events.emit(event)

    def _read_if_due(self) -> None:
        with self._lock:
            card = self._card
            if card is None or self._read_done or self._offline:
                return
            self._read_done = True
        self._emit(CardEvent(CardEventKind.INSERTED))
        result = self._read(card)
        if self._stopping.is_set():
            return  # stopped mid-read: no result to report
        if isinstance(result, Identity):
            self._emit(CardEvent(CardEventKind.READ, identity=result))
            return
        self._emit(CardEvent(CardEventKind.ERROR, error=result))
        if isinstance(result, CardRemovedError):
            with self._lock:
                self._card = None
                self._read_done = False  # REMOVED is announced here, not by remove()
                self._removal.set()
            self._emit(CardEvent(CardEventKind.REMOVED))

    def _announce_removal(self) -> None:
        # A removal that interrupted a read was already announced together with its error.
        with self._lock:
            if not self._read_done:
                return
            self._read_done = False
        self._emit(CardEvent(CardEventKind.REMOVED))

    def _read(self, card: Identity) -> Identity | CardReadError:
        faults = self.faults
        with self._lock:
            self._status = DeviceStatus(DeviceState.BUSY, "device.card_reader.reading")
        try:
            if faults.read_delay > 0:
                with self._lock:
                    self._present.wait_for(
                        lambda: self._removal.is_set() or self._stopping.is_set(),
                        faults.read_delay,
                    )
                if self._removal.is_set():
                    return CardRemovedError(detail="card left during a slow read")
            if faults.removed_mid_read:
                return CardRemovedError(detail="simulated removal mid-read")
            if self._removal.is_set():
                return CardRemovedError(detail="card left before the read")
            if faults.unreadable:
                return CardReadError(detail="simulated unreadable card")
            return card
        finally:
            with self._lock:
                self._status = OFFLINE if self._offline else READY
