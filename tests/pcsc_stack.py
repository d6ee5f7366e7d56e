"""A real PC/SC stack for tests and benchmarks: ``pcscd --foreground`` with vsmartcard's vpcd.

Free of pytest so ``bench/`` can use it too. The daemon is a child process *we* own: started
with a private reader.conf.d directory (only the vpcd readers, or none for the "no reader"
case), stopped by its PID. Only one pcscd can run on a machine (fixed socket
/run/pcscd/pcscd.comm, fixed vpcd ports), so a pcscd we did not start is an error, never
something we stop.

Needs: Debian ``pcscd`` and ``vsmartcard-vpcd``; permission to create /run/pcscd (root in CI).
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from smartcard import scard

PCSCD = "pcscd"
PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")
VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
VPCD_READER = "Virtual PCD 00 00"

# What the Debian package installs; used when /etc/reader.conf.d/vpcd is missing.
_VPCD_CONF_TEXT = f"""FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      {VPCD_DRIVER}
CHANNELID    0x8C7B
"""


class PcscStackError(RuntimeError):
    """pcscd could not be started or stopped; the message says what to install or stop."""


def _socket_answers(path: Path) -> bool:
    """True when some pcscd listens on the client socket."""
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def list_readers() -> list[str] | None:
    """Readers as a PC/SC client sees them; None when the service does not answer."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return None
    try:
        hresult, readers = scard.SCardListReaders(context, [])
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if hresult != scard.SCARD_S_SUCCESS:
            return None
        return list(readers)
    finally:
        scard.SCardReleaseContext(context)


def card_present(reader: str = VPCD_READER) -> bool | None:
    """Whether pcscd currently sees a card in ``reader``; None when it cannot tell."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return None
    try:
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
        )
        if hresult != scard.SCARD_S_SUCCESS:
            return None
        return bool(states[0][1] & scard.SCARD_STATE_PRESENT)
    finally:
        scard.SCardReleaseContext(context)


def wait_for(condition: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    """Poll ``condition()`` until true or ``timeout`` seconds pass (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


class PcscStack:
    """Owns one pcscd child process. ``start(with_vpcd=False)`` gives a daemon with no reader."""

    def __init__(self, workdir: Path | None = None) -> None:
        self._own_tmp = workdir is None
        self.workdir = Path(tempfile.mkdtemp(prefix="pcsc-stack-")) if workdir is None else workdir
        self.process: subprocess.Popen[bytes] | None = None
        self.with_vpcd = True

    @property
    def log_path(self) -> Path:
        return self.workdir / "pcscd.log"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def _config_dir(self, with_vpcd: bool) -> Path:
        conf = self.workdir / ("conf-vpcd" if with_vpcd else "conf-empty")
        conf.mkdir(parents=True, exist_ok=True)
        if with_vpcd:
            target = conf / "vpcd"
            if VPCD_CONF.exists():
                shutil.copyfile(VPCD_CONF, target)
            else:
                target.write_text(_VPCD_CONF_TEXT, encoding="utf-8")
        return conf

    def start(self, *, with_vpcd: bool = True, timeout: float = 15.0) -> None:
        """Start pcscd and wait until it answers (and lists the vpcd reader if requested)."""
        if self.running:
            raise PcscStackError("this PcscStack already runs a pcscd")
        if shutil.which(PCSCD) is None:
            raise PcscStackError("pcscd not found: apt-get install pcscd libpcsclite1")
        if with_vpcd and not VPCD_DRIVER.exists():
            raise PcscStackError(f"{VPCD_DRIVER} missing: apt-get install vsmartcard-vpcd")
        if _socket_answers(PCSCD_SOCKET):
            raise PcscStackError(
                f"another pcscd is already running ({PCSCD_SOCKET} answers); stop it first "
                "(e.g. systemctl stop pcscd.socket pcscd) -- the tests need their own daemon"
            )
        self.with_vpcd = with_vpcd
        log = self.log_path.open("ab")
        try:
            self.process = subprocess.Popen(
                [PCSCD, "--foreground", "--info", "--config", str(self._config_dir(with_vpcd))],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        except OSError as err:
            raise PcscStackError(f"cannot run pcscd: {err}") from err
        finally:
            log.close()

        def ready() -> bool:
            if not self.running:
                return True
            readers = list_readers()
            if readers is None:
                return False
            return (VPCD_READER in readers) if with_vpcd else True

        if not wait_for(ready, timeout) or not self.running:
            code = self.process.poll()
            self.stop()
            raise PcscStackError(
                f"pcscd did not become ready (exit code {code}); log tail:\n{self.log_tail()}"
            )

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM our pcscd (only ours, by PID), then SIGKILL if it hangs; wait for it."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout)
        # The client socket goes with the daemon; wait so the next start does not race it.
        wait_for(lambda: not _socket_answers(PCSCD_SOCKET), timeout)

    def restart(self, *, with_vpcd: bool = True) -> None:
        self.stop()
        self.start(with_vpcd=with_vpcd)

    def close(self) -> None:
        self.stop()
        if self._own_tmp:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> PcscStack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
