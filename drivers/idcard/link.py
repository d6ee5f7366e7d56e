"""The serial link to a GA/T 467 SAM reader: open, one request → one reply, close.

Every pyserial/OS exception is translated here, at the seam: a port that cannot be opened or
fails mid-exchange is :class:`~kiosk.errors.ReaderOfflineError` (``port_unavailable``), a reader
that stays silent is ``no_answer``, and a reply that starts but does not parse is a
:class:`~drivers.idcard.protocol.FrameError`. The caller (``SamSerialCardReader``) decides what
those mean for the card being read.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

import serial

from drivers.idcard import protocol as p
from kiosk.errors import ReaderOfflineError

_log = logging.getLogger(__name__)

KEY_PORT_UNAVAILABLE = "device.card_reader.port_unavailable"
KEY_NO_ANSWER = "device.card_reader.no_answer"


class SerialPort(Protocol):
    """The part of ``serial.Serial`` the driver uses (lets tests inject a failing port)."""

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def write(self, data: bytes) -> int | None: ...

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...


def open_serial(
    port: str, *, baudrate: int, read_timeout: float, write_timeout: float
) -> SerialPort:
    """``port`` at ``baudrate`` 8N1; ``read_timeout`` bounds one read so a stop is prompt."""
    opened: SerialPort = serial.Serial(
        port=port,
        baudrate=baudrate,
        bytesize=serial.EIGHTBITS,
        parity=serial.PARITY_NONE,
        stopbits=serial.STOPBITS_ONE,
        timeout=read_timeout,
        write_timeout=write_timeout,
        exclusive=True,  # a vendor tool holding the port too would corrupt both exchanges
    )
    return opened


class SerialLink:
    """One port, opened on demand by ``factory``. Not thread-safe: the reader serialises use."""

    def __init__(self, factory: Callable[[], SerialPort]) -> None:
        self._factory = factory
        self._port: SerialPort | None = None

    @property
    def is_open(self) -> bool:
        return self._port is not None

    def open(self) -> bool:
        """Open the port unless it is open; True when this call opened it."""
        if self._port is not None:
            return False
        try:
            self._port = self._factory()
        except (serial.SerialException, OSError, ValueError) as err:
            raise ReaderOfflineError(KEY_PORT_UNAVAILABLE, detail=str(err)) from err
        return True

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError) as err:  # already gone: nothing to free
                _log.debug("closing card reader port failed: %s", err)

    def transact(self, command: p.Command, timeout: float) -> p.Response:
        """Send one request and wait for its reply; raises FrameError / ReaderOfflineError."""
        port = self._port
        if port is None:
            raise ReaderOfflineError(KEY_PORT_UNAVAILABLE, detail="port not open")
        parser = p.FrameParser()
        try:
            port.reset_input_buffer()  # late replies of an earlier timed-out command
            port.write(command.frame())
            deadline = time.monotonic() + timeout
            while True:
                chunk = port.read(max(1, port.in_waiting))
                if chunk:
                    parser.feed(chunk)
                    response = parser.next_response()
                    if response is not None:
                        return response
                if time.monotonic() >= deadline:
                    parser.flush()  # raises TruncatedFrameError for a started frame
                    raise ReaderOfflineError(KEY_NO_ANSWER, detail=command.name)
        except (serial.SerialException, OSError) as err:
            raise ReaderOfflineError(KEY_PORT_UNAVAILABLE, detail=str(err)) from err
