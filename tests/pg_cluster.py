"""A throw-away PostgreSQL cluster on loopback, for tests and benchmarks (no pytest needed).

    cluster = start_pg_cluster()
    try:
        url = cluster.create_database("t1")   # postgresql+psycopg://postgres@127.0.0.1:<port>/t1
        ...
    finally:
        cluster.stop()

``initdb`` + ``pg_ctl start`` in a fresh temp dir, listening only on 127.0.0.1 and a free port,
Unix socket inside the temp dir. PostgreSQL refuses to run as root, so under root the dir is
handed to the ``postgres`` system user and the binaries run through ``runuser``. ``stop()`` shuts
the server down (fast mode) and removes the dir. Failures raise :class:`PgClusterError` with the
server log, so a missing or broken PostgreSQL fails loudly instead of skipping.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PG_BIN_CANDIDATES = (
    "/usr/lib/postgresql/17/bin",
    "/usr/lib/postgresql/16/bin",
    "/usr/lib/postgresql/15/bin",
)
SERVICE_USER = "postgres"


class PgClusterError(RuntimeError):
    pass


def find_pg_bin() -> Path:
    for candidate in PG_BIN_CANDIDATES:
        if (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    raise PgClusterError(
        "PostgreSQL server binaries not found (apt-get install postgresql); looked in "
        + ", ".join(PG_BIN_CANDIDATES)
        + " and PATH"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class PgCluster:
    root: Path
    port: int
    bin_dir: Path
    as_user: str | None

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database ``name`` and return its SQLAlchemy URL."""
        import psycopg

        if not name.isidentifier():
            raise ValueError(f"unsafe database name {name!r}")
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            _run(
                self._cmd("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop"),
                self.root,
                check=False,
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _cmd(self, tool: str, *args: str) -> list[str]:
        cmd = [str(self.bin_dir / tool), *args]
        return ["runuser", "-u", self.as_user, "--", *cmd] if self.as_user else cmd


def _run(cmd: list[str], root: Path, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=root)
    if check and result.returncode != 0:
        log = root / "server.log"
        tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        raise PgClusterError(
            f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n"
            f"server log:\n{tail}"
        )
    return result


def start_pg_cluster(*, fast: bool = True) -> PgCluster:
    """Start a new cluster. ``fast`` turns off fsync (tests); benchmarks pass ``fast=False``."""
    bin_dir = find_pg_bin()
    as_user = SERVICE_USER if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="pg-cluster-"))
    if as_user is not None:
        try:
            entry = pwd.getpwnam(as_user)
        except KeyError as err:
            shutil.rmtree(root, ignore_errors=True)
            raise PgClusterError(f"running as root needs the {as_user!r} system user") from err
        os.chown(root, entry.pw_uid, entry.pw_gid)
    cluster = PgCluster(root, 0, bin_dir, as_user)
    try:
        _run(
            cluster._cmd(
                "initdb",
                "-D",
                str(cluster.data_dir),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ),
            root,
        )
        options = [
            f"-c unix_socket_directories={root}",
            "-c listen_addresses=127.0.0.1",
            "-c max_connections=200",
            "-c shared_buffers=64MB",
        ]
        if fast:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        last_error: PgClusterError | None = None
        for _attempt in range(3):  # the free port may be taken between probe and bind
            cluster.port = _free_port()
            try:
                _run(
                    cluster._cmd(
                        "pg_ctl",
                        "-D",
                        str(cluster.data_dir),
                        "-l",
                        str(root / "server.log"),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        " ".join([*options, f"-p {cluster.port}"]),
                        "start",
                    ),
                    root,
                )
                return cluster
            except PgClusterError as err:
                last_error = err
        assert last_error is not None
        raise last_error
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
