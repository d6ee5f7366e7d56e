"""The one composition root: settings in, wired services out.

Only this module imports concrete adapters from ``drivers`` (and later ``sync``), always lazily
inside the function that needs them, so start-up never pays for OpenCV, escpos or pyscard
unless that device is configured.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.diagnostics import (
    Check,
    CheckResult,
    Verdict,
    check_cjk_font,
    check_qt_platforms,
)
from kiosk.errors import KioskError

if TYPE_CHECKING:  # ``kiosk run`` imports this module before its first paint: keep it light
    from config.settings import Settings
    from config.shell import ShellValues
    from kiosk.ports.camera import Camera, CodeScanner, DocumentScanner
    from kiosk.ports.card import CardReader
    from kiosk.ports.printer import ReceiptPrinter
    from kiosk.store import Store
    from kiosk.store.retention import RetentionPolicy, RetentionReport


def data_dir(settings: Settings) -> Path:
    return settings.paths.resolved_data_dir()


def utc_now() -> datetime:
    """The production clock; tests inject their own."""
    return datetime.now(UTC)


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    """Open (create, migrate, recover) the offline store in the configured data directory."""
    from kiosk.store import open_database  # sqlite_utils (and numpy): not before the paint

    return open_database(
        data_dir(settings),
        clock=utc_now,
        station_code=settings.terminal.station_code,
        max_attachment_bytes=settings.storage.attachment_max_bytes,
        read_only=read_only,
    )


def check_database(settings: Settings) -> CheckResult:
    name = "database integrity"
    path = data_dir(settings)
    try:
        with open_store(settings) as store:
            ok = store.integrity_check()
            counts = store.outbox.counts()
    except KioskError as err:
        return CheckResult(name, Verdict.FAIL, err.key)
    if not ok:
        return CheckResult(name, Verdict.FAIL, f"integrity_check failed for {path}")
    depth = counts.get("queued", 0) + counts.get("sending", 0)
    stuck = counts.get("quarantined", 0)
    verdict = Verdict.WARN if stuck else Verdict.OK
    return CheckResult(name, verdict, f"ok; outbox {depth} waiting, {stuck} quarantined")


def check_data_dir(path: Path) -> CheckResult:
    """The data directory must exist (or be creatable) and accept a synced write."""
    name = "data directory writable"
    try:
        path.mkdir(parents=True, exist_ok=True)
        import tempfile  # doctor only: kiosk run imports this module before its first paint

        fd, probe = tempfile.mkstemp(dir=path, prefix=".doctor-")
        try:
            os.write(fd, b"ok")
            os.fsync(fd)
        finally:
            os.close(fd)
            Path(probe).unlink()
    except OSError as err:
        return CheckResult(name, Verdict.FAIL, f"{path}: {err.strerror or type(err).__name__}")
    free = _free_mb(path)
    verdict = Verdict.OK if free >= 500 else Verdict.WARN
    return CheckResult(name, verdict, f"{path} ({free} MB free)")


def _free_mb(path: Path) -> int:
    st = os.statvfs(path)
    return int(st.f_bavail * st.f_frsize // (1024 * 1024))


def doctor_checks(settings: Settings) -> list[Check]:
    from kiosk import devices

    d = data_dir(settings)
    checks: list[Callable[[], CheckResult]] = [
        check_qt_platforms,
        check_cjk_font,
        lambda: check_data_dir(d),
        lambda: check_database(settings),
        lambda: devices.check_card_reader(
            build_card_reader(settings), settings.devices.card_reader.kind
        ),
        lambda: devices.check_printer(build_printer(settings), settings.devices.printer.kind),
        lambda: devices.check_camera(build_camera(settings), settings.devices.camera.kind),
    ]
    return checks


# ==== devices: adapters chosen by config (simulators by default) ===========================
# Each builder imports its driver lazily so a kiosk configured for a USB printer never loads
# pyscard, and the UI's start-up never pays for OpenCV unless the camera screen opens.


def build_card_reader(settings: Settings) -> CardReader:
    cfg = settings.devices.card_reader
    if cfg.kind == "sam-serial":
        from drivers.idcard.sam_reader import SamSerialCardReader

        return SamSerialCardReader(
            cfg.port, baudrate=cfg.baud, photo_decoder=cfg.photo_decoder or None
        )
    if cfg.kind == "pcsc":
        from drivers.pcsc.reader import PcscCardReader

        return PcscCardReader(cfg.reader_name)
    from drivers.simulated.card import SimulatedCardReader

    return SimulatedCardReader.from_fixtures(
        Path(cfg.identities_file) if cfg.identities_file else None
    )


def build_printer(settings: Settings) -> ReceiptPrinter:
    from drivers.printer.settings import RenderSettings

    cfg = settings.devices.printer
    render = RenderSettings(
        width_px=cfg.effective_width_px, qr_url_template=cfg.qr_url_template or None
    )
    if cfg.kind == "simulator":
        from drivers.simulated.printer import SimulatedReceiptPrinter

        out = Path(cfg.output_dir) if cfg.output_dir else data_dir(settings) / "printed"
        return SimulatedReceiptPrinter(out, render)
    from drivers.printer.escpos_printer import EscposReceiptPrinter
    from drivers.printer.settings import (
        Connection,
        EscposSettings,
        FileConnection,
        NetworkConnection,
        SerialConnection,
        UsbConnection,
    )

    connection: Connection
    if cfg.kind == "network":
        connection = NetworkConnection(cfg.host, cfg.tcp_port, cfg.timeout_s)
    elif cfg.kind == "usb":
        connection = UsbConnection(
            cfg.usb_vendor_id,
            cfg.usb_product_id,
            cfg.usb_in_ep,
            cfg.usb_out_ep,
            int(cfg.timeout_s * 1000),
        )
    elif cfg.kind == "serial":
        connection = SerialConnection(cfg.serial_port, cfg.serial_baud, cfg.timeout_s)
    else:
        connection = FileConnection(Path(cfg.file_path))
    return EscposReceiptPrinter(
        EscposSettings(connection, profile=cfg.profile, paper_mm=cfg.paper_mm), render
    )


def build_camera(settings: Settings) -> Camera:
    cfg = settings.devices.camera
    if cfg.kind == "simulator":
        from drivers.simulated.camera import SimulatedCamera

        return SimulatedCamera(width=min(cfg.width, 1280), height=min(cfg.height, 720), fps=cfg.fps)
    from drivers.camera.source import OpenCvCamera

    source: int | str = cfg.index if cfg.kind == "index" else cfg.path
    return OpenCvCamera(source, width=cfg.width, height=cfg.height, fps=cfg.fps)


def build_document_scanner() -> DocumentScanner:
    from drivers.camera.document import DocumentCapturer

    return DocumentCapturer()


def build_code_scanner() -> CodeScanner:
    from drivers.camera.qr import QrScanner

    return QrScanner()


# ==== end devices ==========================================================================


# ==== ui: services container and UI launcher (owned by the UI framework) ====================
# ``kiosk`` may not import PySide6 or ``ui`` (import-linter: the core stays Qt-free), yet
# ``kiosk run`` must start the touch UI. The composition root therefore names the UI module as
# data and loads it with importlib at run time: the dependency exists only when the command
# runs, never in the import graph of the core.

import typing  # noqa: E402  (kept inside this block so the other blocks stay untouched)

UI_MODULE = "ui.app"

if typing.TYPE_CHECKING:  # the container module is cheap, but keep it off ``kiosk doctor``'s path
    from kiosk.services.catalog import CatalogService
    from kiosk.services.container import JourneyFactory, KioskServices
    from kiosk.services.journey import CaseLookup, JourneyService, PerThreadStores


def build_services(settings: Settings, *, store: Store | None = None) -> KioskServices:
    """Open the store and the catalogue, build the configured devices, wrap them for the UI."""
    from kiosk.services.container import KioskServices

    own_store = store is None
    store = store or open_store(settings)
    try:
        purge_expired_data(settings, store, utc_now())
        salt = resident_salt(settings)
        former_salts = former_resident_salts(settings, salt)
        printer = build_printer(settings)
        live_cases, close_client = live_case_lookup(settings)
        services = KioskServices(
            settings=settings,
            store=store,
            catalog_loader=_load_catalog,
            card_reader=build_card_reader(settings),
            printer=printer,
            camera_factory=lambda: build_camera(settings),
            scanner_factory=build_document_scanner,
            code_scanner_factory=build_code_scanner,
            resident_salt=salt,
            journey_factory=_journey_factory(settings, printer, salt, live_cases, former_salts),
        )
        if close_client is not None:
            services.closers.append(close_client)
    except BaseException:
        if own_store:
            store.close()
        raise
    return services


def retention_policy(settings: Settings) -> RetentionPolicy:
    """The retention periods of the ``storage`` settings."""
    from kiosk.store.retention import RetentionPolicy

    storage = settings.storage
    return RetentionPolicy(
        acknowledged_days=storage.retention_days,
        saved_drafts_days=storage.saved_draft_retention_days,
        audit_days=storage.audit_retention_days,
        finished_status_days=storage.status_cache_retention_days,
    )


def purge_expired_data(settings: Settings, store: Store, now: datetime) -> RetentionReport:
    """Start-up retention (the sync engine repeats it daily): acknowledged cases' personal data
    and files, saved drafts, cached progress of finished cases and old audit events."""
    from kiosk.store.retention import purge_expired

    return purge_expired(store, retention_policy(settings), now)


def resident_salt(settings: Settings) -> bytes:
    """The resident-key salt: the city-wide one from enrollment, else this kiosk's own file.

    With the platform's salt a resident finds drafts saved for later at any enrolled kiosk;
    before enrollment (or with a malformed salt) the local file keeps the feature working.
    """
    from kiosk.services.container import load_or_create_salt

    salt = platform_resident_salt(settings)
    if salt is not None and len(salt) >= 16:
        return salt
    return load_or_create_salt(data_dir(settings))


def former_resident_salts(settings: Settings, current: bytes) -> tuple[bytes, ...]:
    """Salts residents may still be keyed with, newest first: every salt this kiosk keyed
    residents with before ``current`` (a former city salt after re-enrollment, the platform's
    after the credentials were removed) and its own salt file once the platform's salt
    replaced it. Records ``current`` among them (``resident-key.salts``, 0600). The journey
    service moves such rows to the current key when the resident is identified."""
    from kiosk.services.container import SALT_FILE, load_or_create_salt, remember_salt

    directory = data_dir(settings)
    former = remember_salt(directory, current)
    if (directory / SALT_FILE).is_file():  # never keyed locally: do not create a salt for it
        former = (*former, load_or_create_salt(directory))
    return tuple(salt for salt in dict.fromkeys(former) if salt != current)


def _journey_factory(
    settings: Settings,
    printer: ReceiptPrinter,
    salt: bytes,
    live_cases: CaseLookup | None = None,
    former_salts: tuple[bytes, ...] = (),
) -> JourneyFactory:
    """Builds the journey service once the catalogue is loaded (on the worker thread).

    The import is deferred too: ``kiosk.services.journey`` pulls in the forms engine and the
    catalogue (~400 ms), which must stay off the path to the first paint.
    """

    def build(catalog: CatalogService, store: Store) -> tuple[JourneyService, PerThreadStores]:
        from kiosk.services.journey import JourneyService, PerThreadStores

        stores = PerThreadStores(store)
        journey = JourneyService(
            stores,
            catalog,
            printer,
            settings,
            utc_now,
            salt,
            live_cases=live_cases,
            former_salts=former_salts,
        )
        return journey, stores

    return build


def _load_catalog(store: Store) -> CatalogService:
    from kiosk.services.catalog import CatalogService

    return CatalogService.from_store(store)


def launch_ui(settings: Settings | ShellValues, open_services: Callable[[], KioskServices]) -> int:
    """Run the touch UI until the technician exit; returns the process exit code.

    The home screen is painted from the settings first -- the validated ones, or just the
    :func:`config.shell.shell_values` (no pydantic before the paint) -- and ``open_services()``
    runs after that first paint, from the UI's event loop: with shell values it is where the
    full settings are loaded and validated (``load_settings``; its :class:`SettingsError`,
    like any error there, is raised from here)."""
    import importlib

    module = importlib.import_module(UI_MODULE)
    _UI_LAUNCHED.append(True)
    code: int = module.run(settings, open_services)
    return code


_UI_LAUNCHED: list[bool] = []


def ui_needs_hard_exit() -> bool:
    """True after the real touch UI ran with Qt Virtual Keyboard loaded (see ``kiosk run``)."""
    return bool(_UI_LAUNCHED) and os.environ.get("QT_IM_MODULE") == "qtvirtualkeyboard"


def headless_qt_platform(
    settings: Settings | ShellValues, environ: dict[str, str] | None = None
) -> str | None:
    """The VNC platform string when nothing can show a window, else None (keep Qt's choice)."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    size = "1920x1080" if settings.terminal.orientation == "landscape" else "1080x1920"
    return f"vnc:size={size}:port=5900"


# ==== end ui ================================================================================


# ==== platform sync: client, enrollment, sync service, local platform (owned by sync) =======
# ``kiosk.cli`` may not import ``sync`` (import-linter); these functions are its way in.

from typing import TYPE_CHECKING as _TYPE_CHECKING  # noqa: E402  (block-local import)

if _TYPE_CHECKING:
    from kiosk.ports.platform import PlatformClient
    from sync.files import Credentials
    from sync.service import SyncService, Waiter

APP_VERSION = "0.1.0"


def _platform_url(settings: Settings, url: str | None) -> str:
    from sync.files import load_credentials

    if url:
        return url.rstrip("/")
    if settings.platform.url:
        return settings.platform.url
    credentials = load_credentials(data_dir(settings))
    if credentials is not None and credentials.platform_url:
        return credentials.platform_url
    raise KioskError("error.platform.no_url")


def build_platform_client(settings: Settings, *, url: str | None = None) -> PlatformClient:
    """The HTTP client with timeouts and TLS from the settings and the stored token."""
    from sync.client import HttpPlatformClient, new_session
    from sync.files import load_credentials

    directory = data_dir(settings)
    platform = settings.platform

    def token() -> str | None:
        credentials = load_credentials(directory)
        return None if credentials is None else credentials.token

    return HttpPlatformClient(
        _platform_url(settings, url),
        new_session(user_agent=f"quancheng-kiosk/{APP_VERSION}"),
        token=token,
        connect_timeout_s=platform.connect_timeout_s,
        read_timeout_s=platform.read_timeout_s,
        verify=platform.ca_bundle or platform.verify_tls,
    )


def enroll(settings: Settings, url: str, code: str) -> Credentials:
    """Trade a single-use enrollment code for this terminal's token (stored 0600)."""
    from sync.enrollment import enroll_terminal

    client = build_platform_client(settings, url=url)
    try:
        return enroll_terminal(
            client, data_dir(settings), url, code, settings.terminal.id, APP_VERSION, utc_now()
        )
    finally:
        client.close()


def platform_salt_id(settings: Settings) -> str | None:
    """``salt_id`` of the enrollment salt (None before enrollment): the sender passes a case's
    resident key on only when that salt made it."""
    from kiosk.store import salt_id

    salt = platform_resident_salt(settings)
    return None if salt is None else salt_id(salt)


def platform_resident_salt(settings: Settings) -> bytes | None:
    """The city-wide resident-key salt handed out at enrollment, when enrolled."""
    from sync.files import load_credentials

    credentials = load_credentials(data_dir(settings))
    if credentials is None or not credentials.resident_key_salt:
        return None
    try:
        return bytes.fromhex(credentials.resident_key_salt)
    except ValueError:
        return credentials.resident_key_salt.encode("utf-8")


def live_case_lookup(
    settings: Settings,
) -> tuple[CaseLookup | None, Callable[[], None] | None]:
    """The journey service's live progress lookup: the platform client's ``cases`` (a blocking
    HTTP call, made on the UI worker only) when this terminal is enrolled, else None; and
    what closes that client (with the container)."""
    from sync.files import load_credentials

    credentials = load_credentials(data_dir(settings))
    if credentials is None or not credentials.token:
        return None, None
    try:
        client = build_platform_client(settings)
    except KioskError as err:
        _log.warning("no live progress lookup (%s)", err.key)
        return None, None
    return client.cases, client.close


def build_sync_service(
    settings: Settings,
    store: Store,
    *,
    url: str | None = None,
    devices: Callable[[], dict[str, dict[str, object]]] | None = None,
    clock: Callable[[], datetime] = utc_now,
    waiter: Waiter | None = None,
) -> SyncService:
    """The background sync thread (not started). It opens its own store connection."""
    import time

    from sync.engine import SyncEngine
    from sync.service import SyncService

    base_url = _platform_url(settings, url)

    def engine(thread_store: Store) -> SyncEngine:
        return SyncEngine(
            thread_store,
            build_platform_client(settings, url=base_url),
            data_dir=data_dir(settings),
            terminal_id=settings.terminal.id,
            app_version=APP_VERSION,
            clock=clock,
            monotonic=time.monotonic,
            devices=devices or dict,
            retention_days=settings.storage.retention_days,
            retention=retention_policy(settings),
            resident_key_salt=platform_salt_id(settings),
        )

    return SyncService(store.new_connection, engine, waiter=waiter)


def sync_once(settings: Settings, *, url: str | None = None) -> dict[str, object]:
    """One pass on the calling thread (``kiosk sync once``); returns what happened."""
    import time
    from dataclasses import asdict

    from sync.engine import SyncEngine

    with open_store(settings) as store:
        client = build_platform_client(settings, url=url)
        try:
            engine = SyncEngine(
                store,
                client,
                data_dir=data_dir(settings),
                terminal_id=settings.terminal.id,
                app_version=APP_VERSION,
                clock=utc_now,
                monotonic=time.monotonic,
                retention_days=settings.storage.retention_days,
                retention=retention_policy(settings),
                resident_key_salt=platform_salt_id(settings),
            )
            report = engine.run_pass()
            state = engine.state()
        finally:
            client.close()
    return {"report": asdict(report), "state": asdict(state)}


def resume_sync(settings: Settings) -> None:
    """Operator action: lift the "terminal not authorised" pause (``kiosk sync resume``)."""
    from sync.files import SyncMemo

    directory = data_dir(settings)
    memo = SyncMemo.load(directory)
    memo.paused_token = None
    memo.auth_problem = None
    memo.save(directory)


def check_platform(settings: Settings) -> CheckResult:
    """Enrolled? Authorised? Reachable? Unreachable is a warning: the kiosk works offline."""
    from sync.enrollment import probe_platform

    name = "central platform"
    try:
        url = _platform_url(settings, None)
    except KioskError:
        return CheckResult(name, Verdict.WARN, "not enrolled (kiosk enroll URL CODE)")
    client = build_platform_client(settings, url=url)
    try:
        verdict, detail = probe_platform(client, data_dir(settings))
    finally:
        client.close()
    return CheckResult(name, Verdict(verdict), f"{url}: {detail}")


_doctor_checks_without_platform = doctor_checks


def _doctor_checks_with_platform(settings: Settings) -> list[Check]:
    return [*_doctor_checks_without_platform(settings), lambda: check_platform(settings)]


doctor_checks = _doctor_checks_with_platform


def ensure_local_platform(settings: Settings) -> str:
    """``platform.url`` empty: run ``kiosk-central`` on loopback for this process, enrolled.

    Returns the platform URL. The child process is stopped when this process exits.
    """
    if settings.platform.url:
        return settings.platform.url
    return start_local_platform(settings).url


def start_local_platform(settings: Settings) -> LocalPlatform:
    """Start the local central child on loopback and enroll this terminal (stop it yourself,
    or let ``atexit`` do it)."""
    from sync.local_platform import ensure_enrolled
    from sync.local_platform import start_local_platform as start_child

    platform = start_child(data_dir(settings) / "central", station=settings.terminal.station_name)
    try:
        client = build_platform_client(settings, url=platform.url)
        try:
            ensure_enrolled(
                platform, client, data_dir(settings), settings.terminal.id, APP_VERSION, utc_now()
            )
        finally:
            client.close()
    except BaseException:
        platform.stop()
        raise
    return platform


# ==== end platform sync =====================================================================


# ==== run: the platform link of a running kiosk (owned by the UI framework) =================
# ``kiosk run``: the local central (when no URL is configured), then the sync thread feeding
# the header's indicator and woken after each submission. Offline first: when the platform
# cannot be started or reached the kiosk runs anyway and the outbox keeps everything.

import logging as _logging  # noqa: E402  (block-local import)
from dataclasses import dataclass as _dataclass  # noqa: E402

if _TYPE_CHECKING:
    from kiosk.services.container import SyncSnapshot
    from sync.engine import SyncState
    from sync.local_platform import LocalPlatform

_log = _logging.getLogger(__name__)


@_dataclass
class PlatformLink:
    """What :func:`start_platform` and :func:`attach_sync` started; :meth:`stop` undoes it."""

    url: str | None = None
    local: LocalPlatform | None = None
    sync: SyncService | None = None

    def stop(self, timeout_s: float = 30.0) -> None:
        """Stop the sync thread (between rows), then the local central child. Idempotent."""
        sync, self.sync = self.sync, None
        local, self.local = self.local, None
        try:
            if sync is not None:
                sync.stop(timeout_s)
        finally:
            if local is not None:
                local.stop()


def start_platform(settings: Settings) -> PlatformLink:
    """Before the services: the configured URL, or a local central started and enrolled (so
    the resident-key salt from enrollment is there when the journey service is built)."""
    if settings.platform.url:
        return PlatformLink(url=settings.platform.url)
    try:
        local = start_local_platform(settings)
    except KioskError as err:
        _log.warning("local central platform not started (%s): running offline", err.key)
        return PlatformLink()
    return PlatformLink(url=local.url, local=local)


def attach_sync(
    link: PlatformLink,
    settings: Settings,
    services: KioskServices,
    *,
    waiter: Waiter | None = None,
) -> PlatformLink:
    """Start the sync thread for ``link.url`` and wire it into the container: the header's
    ``services.sync_state`` and the controller's ``services.on_submitted`` (a kick)."""
    if link.url is None:
        return link
    from kiosk.devices import HeartbeatDevices

    sync = build_sync_service(
        settings,
        services.store,
        url=link.url,
        devices=HeartbeatDevices(services.printer, services.card_reader),
        waiter=waiter,
    )
    services.sync_state = lambda: sync_snapshot(sync.state())
    services.on_submitted = sync.kick
    link.sync = sync
    sync.start()
    return link


def sync_snapshot(state: SyncState) -> SyncSnapshot | None:
    """What the header shows; None (indicator hidden) until a pass has told us anything."""
    from kiosk.services.container import SyncSnapshot

    pending = state.queue_depth + state.feedback_depth
    if state.problem is not None or state.paused_unauthorized:
        return SyncSnapshot(online=False, pending=pending, last_success=state.last_success_at)
    if state.last_success_at is None:
        return None
    return SyncSnapshot(online=True, pending=pending, last_success=state.last_success_at)


# ==== end run ===============================================================================
