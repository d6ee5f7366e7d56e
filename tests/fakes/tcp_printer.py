"""A loopback ESC/POS network printer for tests: records bytes, answers DLE EOT status queries.

python-escpos' Dummy and File printers cannot answer status queries, so the real adapter's
status and "paper out → send nothing" logic is tested against this fake over real TCP. Like a
printer, it parses the stream just enough to skip ``GS v 0`` raster data, so image bytes that
happen to look like ``DLE EOT`` are not answered.

``decode_raster`` turns recorded bytes back into the printed picture, so tests can read the QR
code that the printer would have printed.
"""

from __future__ import annotations

import socket
import threading
from types import TracebackType
from typing import Literal

from PIL import Image, ImageOps

PaperState = Literal["ok", "near_end", "out", "silent"]
STATUS_BYTES: dict[str, int] = {"ok": 0x12, "near_end": 0x1E, "out": 0x72}
DLE_EOT = b"\x10\x04"
GS_V_0 = b"\x1dv0"
_POLL_S = 0.05  # how often the server thread checks its stop flag while idle


class FakeTcpPrinter:
    """Threaded TCP server on 127.0.0.1 with an OS-chosen port; use as a context manager.

    ``paper`` may be changed at any time: ``"ok"`` (0x12), ``"near_end"`` (0x1E), ``"out"``
    (0x72), or ``"silent"`` (never answers: the driver must report UNKNOWN).
    """

    def __init__(self, paper: PaperState = "ok") -> None:
        self.paper: PaperState = paper
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(_POLL_S)
        self.host, self.port = self._server.getsockname()[:2]
        self._cond = threading.Condition()
        self._received = bytearray()
        self._queries: list[int] = []
        self._closed_connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-tcp-printer", daemon=True)

    def __enter__(self) -> FakeTcpPrinter:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._server.close()

    # ---- what the test inspects ----------------------------------------------------------

    @property
    def received(self) -> bytes:
        with self._cond:
            return bytes(self._received)

    @property
    def status_queries(self) -> list[int]:
        """The ``n`` of every DLE EOT n received, in order."""
        with self._cond:
            return list(self._queries)

    def wait_for_connections(self, count: int, timeout: float = 5.0) -> None:
        """Block until ``count`` client connections have been closed (job fully received)."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._closed_connections >= count, timeout):
                raise AssertionError(f"only {self._closed_connections} of {count} connections")

    # ---- server thread -------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                self._handle(conn)
            with self._cond:
                self._closed_connections += 1
                self._cond.notify_all()

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(_POLL_S)
        parser = _StreamParser()
        while not self._stop.is_set():
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not chunk:
                return
            queries = parser.feed(chunk)
            with self._cond:
                self._received += chunk
                self._queries += queries
            for n in queries:
                answer = self._answer(n)
                if answer is not None:
                    try:
                        conn.sendall(bytes((answer,)))
                    except OSError:
                        return

    def _answer(self, n: int) -> int | None:
        paper = self.paper
        if paper == "silent":
            return None
        if n == 4:
            return STATUS_BYTES[paper]
        return 0x12  # n = 1, 2, 3: online, no error


class _StreamParser:
    """Finds DLE EOT n in a byte stream, skipping raster payloads, across chunk boundaries."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[int]:
        self._buf += data
        found: list[int] = []
        i = 0
        buf = self._buf
        while i < len(buf):
            if buf[i] == 0x10:
                if len(buf) - i < 3:
                    break
                if buf[i + 1] == 0x04:
                    found.append(buf[i + 2])
                    i += 3
                    continue
            elif buf[i] == 0x1D and GS_V_0.startswith(buf[i : i + 3]):
                if len(buf) - i < 8:
                    break  # possibly a raster header split across chunks: wait for more
                if buf[i : i + 3] == GS_V_0:
                    width_bytes = buf[i + 4] | buf[i + 5] << 8
                    height = buf[i + 6] | buf[i + 7] << 8
                    end = i + 8 + width_bytes * height
                    if len(buf) < end:
                        break
                    i = end
                    continue
            i += 1
        del self._buf[:i]
        return found


def decode_raster(data: bytes) -> list[Image.Image]:
    """Every ``GS v 0`` image in an ESC/POS stream, as ``"L"`` images (black = printed dot)."""
    images = []
    pos = data.find(GS_V_0)
    while pos != -1:
        width_bytes = data[pos + 4] | data[pos + 5] << 8
        height = data[pos + 6] | data[pos + 7] << 8
        start = pos + 8
        end = start + width_bytes * height
        if end > len(data):
            raise ValueError(f"truncated raster at byte {pos}")
        # Raster bit 1 = dot printed; Pillow's "1" mode reads bit 1 as white, hence the invert.
        bits = Image.frombytes("1", (width_bytes * 8, height), data[start:end])
        images.append(ImageOps.invert(bits.convert("L")))
        pos = data.find(GS_V_0, end)
    return images


def decode_page(data: bytes) -> Image.Image:
    """The printed page: all raster chunks (escpos splits at 960 dots) stacked top to bottom."""
    chunks = decode_raster(data)
    if not chunks:
        raise ValueError("no GS v 0 raster image in the data")
    width = max(c.width for c in chunks)
    page = Image.new("L", (width, sum(c.height for c in chunks)), 255)
    y = 0
    for chunk in chunks:
        page.paste(chunk, (0, y))
        y += chunk.height
    return page
