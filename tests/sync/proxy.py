"""A loopback TCP proxy that can reset a connection mid-request (the central's fault switches
act on whole requests; this one cuts an upload after N body bytes, like a dropped 4G link)."""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading


class CuttingProxy:
    """Forwards 127.0.0.1:<port> to the upstream port. ``cut_after(n)`` arms a one-shot reset
    once ``n`` bytes of one connection's client→server stream have been forwarded."""

    def __init__(self, upstream_port: int) -> None:
        self._upstream = ("127.0.0.1", upstream_port)
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._cut_after: int | None = None
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self.cuts = 0
        self._acceptor = threading.Thread(target=self._accept, name="proxy-accept", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> CuttingProxy:
        self._acceptor.start()
        return self

    def cut_after(self, upstream_bytes: int) -> None:
        with self._lock:
            self._cut_after = upstream_bytes

    def stop(self) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):
            # Wake accept() by connecting once; then close the listener.
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        self._acceptor.join(10)
        self._listener.close()
        for t in self._threads:
            t.join(10)

    def __enter__(self) -> CuttingProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._stopping.is_set():
                client.close()
                return
            t = threading.Thread(target=self._pump, args=(client,), daemon=True)
            self._threads.append(t)
            t.start()

    def _pump(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self._upstream, timeout=5)
        except OSError:
            client.close()
            return
        forwarded = 0
        try:
            while not self._stopping.is_set():
                ready, _, _ = select.select([client, upstream], [], [], 0.1)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is client:
                        with self._lock:
                            limit = self._cut_after
                        if limit is not None and forwarded + len(data) >= limit:
                            upstream.sendall(data[: max(0, limit - forwarded)])
                            with self._lock:
                                self._cut_after = None
                                self.cuts += 1
                            _reset(client)
                            _reset(upstream)
                            return
                        forwarded += len(data)
                        upstream.sendall(data)
                    else:
                        client.sendall(data)
        except OSError:
            return
        finally:
            client.close()
            upstream.close()


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN (SO_LINGER 0), as a dropped link looks to the peer."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
