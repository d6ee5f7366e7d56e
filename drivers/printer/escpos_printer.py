"""ESC/POS receipt printer over python-escpos 3.1 (network, USB, serial or device file).

Hazards this adapter exists to contain (see STACK.md):

* python-escpos is ~13 MB of imports and writes a capabilities pickle to a *new temp dir on every
  import* unless ``ESCPOS_CAPABILITIES_PICKLE_DIR`` is set: it is imported lazily, with the
  variable pointed at a stable cache directory first.
* ``paper_status()`` reports "paper OK" when the printer answers nothing; here the raw
  ``DLE EOT 4`` answer is interpreted, and silence or garbage is ``UNKNOWN``.
* Library timeouts default to 60 s (network) or none (USB writes): every transport gets a
  short one from :mod:`drivers.printer.settings`.
* Every library exception (escpos, socket, pyusb, pyserial) is translated here into the kiosk's
  printer errors; nothing third-party escapes to the caller.

Each job opens the connection, asks for the paper state, refuses to send when the paper is out
(so the resident is told at once and the receipt stays queued for re-printing), sends the raster
image and cuts (or feeds when the model has no cutter), and closes the connection again: a
network printer that was power-cycled between two residents then just works.
"""

from __future__ import annotations

import errno
import functools
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from PIL import Image

from drivers.printer.render import ReceiptRenderer
from drivers.printer.settings import (
    EscposSettings,
    FileConnection,
    NetworkConnection,
    RenderSettings,
    SerialConnection,
    UsbConnection,
    paper_width_px,
)
from kiosk.errors import KioskError, PaperOutError, PrinterError, PrinterOfflineError
from kiosk.ports.device import DeviceState, DeviceStatus
from kiosk.ports.printer import printer_status
from kiosk.receipts import QueueTicket, ReceiptContent

PICKLE_DIR_ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"
DLE_EOT_PAPER = b"\x10\x04\x04"  # real-time status, n=4: roll paper sensor
FEED_LINES_WITHOUT_CUTTER = 6  # enough to tear the receipt off past the tear bar
CONFIG_ERROR_KEY = "error.printer.config"
RASTER_BAND = 960  # python-escpos' default fragment height for one GS v 0 command


def paper_state(answer: bytes) -> DeviceState:
    """Interpret a ``DLE EOT 4`` answer byte.

    Bits 1 and 4 are always 1 and bits 0 and 7 always 0 in a real status byte; anything else
    (including no byte at all) is not an answer, so the state is ``UNKNOWN`` — never "ok".
    Bits 5-6 set: paper end. Bits 2-3 set: paper near end.
    """
    if not answer:
        return DeviceState.UNKNOWN
    byte = answer[0]
    if byte & 0b1001_0011 != 0b0001_0010:
        return DeviceState.UNKNOWN
    if byte & 0x60:
        return DeviceState.NO_MEDIA
    if byte & 0x0C:
        return DeviceState.MEDIA_LOW
    return DeviceState.READY


@functools.cache
def import_escpos() -> ModuleType:
    """Import ``escpos.printer`` once, after pointing its capabilities cache somewhere stable.

    python-escpos crashes on import when the directory does not exist, so it is created too.
    """
    pickle_dir = os.environ.get(PICKLE_DIR_ENV)
    if not pickle_dir:
        cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        pickle_dir = str(Path(cache_home) / "quancheng-kiosk" / "escpos")
        os.environ[PICKLE_DIR_ENV] = pickle_dir
    Path(pickle_dir).mkdir(parents=True, exist_ok=True)
    import escpos.printer

    module: ModuleType = escpos.printer
    return module


def encode_job(image: Image.Image, profile: str = "TM-T88V", cutter: bool | None = None) -> bytes:
    """The complete ESC/POS byte stream for one image, built without a device (Dummy)."""
    dummy = import_escpos().Dummy(profile=profile)
    _send_image(dummy, image, cutter)
    return bytes(dummy.output)


def _send_image(printer: Any, image: Image.Image, cutter: bool | None) -> None:
    """Initialise, print the raster image, then cut or feed: the whole job."""
    profile = printer.profile
    if cutter is None:
        cutter = bool(profile.supports("paperFullCut") or profile.supports("paperPartCut"))
    printer.hw("INIT")
    # GS v 0 raster in bands of at most 960 dots, the split python-escpos would make itself;
    # splitting first spares it a full conversion pass over the whole receipt (half the time).
    for top in range(0, image.height, RASTER_BAND):
        band = image.crop((0, top, image.width, min(top + RASTER_BAND, image.height)))
        printer.image(band, impl="bitImageRaster", fragment_height=RASTER_BAND)
    if cutter:
        printer.cut()
    else:
        printer.print_and_feed(FEED_LINES_WITHOUT_CUTTER)


class EscposReceiptPrinter:
    """:class:`~kiosk.ports.printer.ReceiptPrinter` for a real ESC/POS thermal printer."""

    def __init__(
        self,
        settings: EscposSettings,
        render: RenderSettings | None = None,
        *,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._settings = settings
        self._render_settings = render
        self._renderer: ReceiptRenderer | None = None
        self._clock = clock
        self._lock = threading.Lock()  # one job or status query on the wire at a time

    # ---- port -----------------------------------------------------------------------------

    def status(self) -> DeviceStatus:
        with self._lock:
            try:
                with self._session() as printer:
                    return printer_status(self._query_paper(printer))
            except PrinterOfflineError as err:
                return printer_status(DeviceState.OFFLINE, reason=err.key)
            except PrinterError as err:
                broken = err.key == CONFIG_ERROR_KEY  # will not fix itself: a technician must
                state = DeviceState.ERROR if broken else DeviceState.UNKNOWN
                return printer_status(state, reason=err.key)

    def print_receipt(self, content: ReceiptContent) -> None:
        self._print(self.renderer.render_receipt(content))

    def print_ticket(self, ticket: QueueTicket) -> None:
        self._print(self.renderer.render_ticket(ticket))

    def print_test_page(self) -> None:
        renderer = self.renderer
        conn = self._settings.connection
        details = [
            f"profile {self._settings.profile}, {self._settings.paper_mm} mm, "
            f"{renderer.settings.width_px} dots",
            f"connection {type(conn).__name__.removesuffix('Connection').lower()}",
            f"font {renderer.font_source.path.name}",
        ]
        self._print(renderer.render_test_page("泉城社区自助终端", details, self._clock()))

    # ---- internals ------------------------------------------------------------------------

    @property
    def renderer(self) -> ReceiptRenderer:
        """Built on first use: the default width comes from the escpos profile."""
        if self._renderer is None:
            settings = self._render_settings
            if settings is None:
                width = paper_width_px(self._settings.paper_mm, self._profile_width())
                settings = RenderSettings(width_px=width)
            self._renderer = ReceiptRenderer(settings)
        return self._renderer

    def _profile_width(self) -> int | None:
        escpos = import_escpos()
        try:
            profile = escpos.Dummy(profile=self._settings.profile).profile
        except KeyError as err:
            raise PrinterError(
                CONFIG_ERROR_KEY, detail=f"unknown escpos profile {self._settings.profile!r}"
            ) from err
        pixels = profile.profile_data.get("media", {}).get("width", {}).get("pixels")
        return pixels if isinstance(pixels, int) else None

    def _print(self, image: Image.Image) -> None:
        profile_width = self._profile_width()
        if profile_width is not None and image.width > profile_width:
            # Checked before anything is sent: a wrong paper setting must not print half a job.
            raise PrinterError(
                CONFIG_ERROR_KEY, detail=f"image {image.width} > profile {profile_width}"
            )
        with self._lock, self._session() as printer:
            state = self._query_paper(printer)
            if state is DeviceState.NO_MEDIA:
                raise PaperOutError()
            # READY, MEDIA_LOW, and UNKNOWN (write-only device files, printers that do not
            # answer real-time status) all print: refusing would make those printers useless.
            with self._translated():
                _send_image(printer, image, self._settings.cutter)

    def _query_paper(self, printer: Any) -> DeviceState:
        try:
            # query_status() returns the raw answer; paper_status() would guess "ok" on silence.
            answer = printer.query_status(DLE_EOT_PAPER)
        except (NotImplementedError, TimeoutError):
            return DeviceState.UNKNOWN  # write-only device file, or a printer that stays silent
        except Exception as err:
            if _is_timeout(err):
                return DeviceState.UNKNOWN
            raise self._translate(err) from err
        return paper_state(bytes(answer))

    @contextmanager
    def _session(self) -> Iterator[Any]:
        """An open connection for one job, closed afterwards whatever happens."""
        conn = self._settings.connection
        with self._translated():
            printer = self._make_printer(import_escpos())
            if isinstance(conn, NetworkConnection):
                # Network.open() leaks its socket when connect() fails; connect here instead.
                printer.device = socket.create_connection(
                    (conn.host, conn.port), timeout=conn.timeout_s
                )
            else:
                printer.open()
            if isinstance(conn, SerialConnection):
                # python-escpos opens pyserial without a write timeout: a printer holding
                # DTR/DSR (off, lid open, buffer full) would block the job forever.
                printer.device.write_timeout = conn.timeout_s
        failed = True
        try:
            yield printer
            failed = False
        finally:
            with self._translated():
                if failed and isinstance(conn, SerialConnection):
                    # close() flushes (tcdrain), which waits for the very bytes the printer
                    # refused: drop them first so closing cannot hang too.
                    printer.device.reset_output_buffer()
                printer.close()

    def _make_printer(self, escpos: ModuleType) -> Any:
        self._profile_width()  # an unknown profile name is a config error, not a KeyError
        conn, profile = self._settings.connection, self._settings.profile
        if isinstance(conn, NetworkConnection):
            return escpos.Network(
                conn.host, port=conn.port, timeout=conn.timeout_s, profile=profile
            )
        if isinstance(conn, UsbConnection):
            return escpos.Usb(
                conn.vendor_id,
                conn.product_id,
                timeout=conn.timeout_ms,
                in_ep=conn.in_ep,
                out_ep=conn.out_ep,
                profile=profile,
            )
        if isinstance(conn, SerialConnection):
            return escpos.Serial(
                conn.port, baudrate=conn.baudrate, timeout=conn.timeout_s, profile=profile
            )
        if isinstance(conn, FileConnection):
            return escpos.File(str(conn.path), profile=profile)
        raise PrinterError(CONFIG_ERROR_KEY, detail=f"unknown connection {conn!r}")

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except KioskError:
            raise
        except Exception as err:
            if not _is_library_error(err):
                raise
            raise self._translate(err) from err

    def _translate(self, err: BaseException) -> KioskError:
        kind = type(err).__name__
        if _permission_denied(err):
            # Errno 13: the udev rule is missing (docs/technician/printer-usb-permissions.md).
            return PrinterOfflineError("error.printer.permission_denied", detail=str(err))
        if _is_timeout(err):
            return PrinterError("error.printer.timeout", detail=f"{kind}: {err}")
        if kind in ("DeviceNotFoundError", "USBNotFoundError", "NoBackendError") or isinstance(
            err, OSError
        ):
            return PrinterOfflineError(detail=f"{kind}: {err}")
        return PrinterError("error.printer", detail=f"{kind}: {err}")


def _is_library_error(err: BaseException) -> bool:
    """Exceptions python-escpos and its transports raise (and only those: bugs propagate)."""
    if isinstance(err, OSError):  # socket, pyserial SerialException, pyusb USBError
        return True
    module = type(err).__module__.split(".")[0]
    # termios.error (not an OSError) comes out of pyserial's flush/close on a dead line.
    return module in ("escpos", "usb", "serial", "termios")


def _is_timeout(err: BaseException) -> bool:
    return isinstance(err, TimeoutError) or type(err).__name__ in (
        "USBTimeoutError",
        "SerialTimeoutException",
    )


def _permission_denied(err: BaseException) -> bool:
    """Errno 13 anywhere in the cause chain; python-escpos wraps it into a message string."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.EACCES:
            return True
        if "Errno 13" in str(seen) or "Access denied" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
