"""The outermost ASGI layer of the app: API header, early body limits, fault injection.

It runs outside Starlette's middleware stack on purpose: it must see uvicorn's own ``send`` (to
close the transport for the drop-after-commit fault) and it must answer ``413`` from
``Content-Length`` before any body byte is read.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from central.errors import error_body
from central.testing import Fault, FaultInjector

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

API_HEADER = (b"x-kiosk-api", b"1")
MIB = 1024 * 1024
ATTACHMENT_LIMIT = 10 * MIB
JSON_LIMIT = 1 * MIB
OFFICE_LIMIT = 20 * MIB

CAPTIVE_PAGE = (
    b"<!doctype html><html><head><title>Wi-Fi login</title></head>"
    b"<body><h1>Please log in to use the network</h1></body></html>"
)


def body_limit(path: str) -> int:
    if path.startswith("/v1/attachments/"):
        return ATTACHMENT_LIMIT
    if path.startswith("/v1"):
        return JSON_LIMIT
    return OFFICE_LIMIT


def is_api(path: str) -> bool:
    return path == "/v1" or path.startswith("/v1/")


async def send_json(
    send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                API_HEADER,
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload, "more_body": False})


def _drop_connection(send: Send) -> bool:
    """Close the client's TCP connection without a response (uvicorn only).

    uvicorn passes its ``RequestResponseCycle.send`` bound method; the cycle owns the transport.
    Marking the cycle disconnected keeps uvicorn from trying to send its own 500 afterwards.
    """
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        return False
    transport.abort()
    cycle.disconnected = True  # type: ignore[union-attr]
    return True


async def _drain(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


class ApiWire:
    """Wraps the FastAPI app (see :class:`central.app.CentralApp`)."""

    def __init__(self, app: ASGIApp, faults: FaultInjector | None) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        api = is_api(path)
        headers = dict(scope.get("headers", []))
        limit = body_limit(path)
        length_raw = headers.get(b"content-length")
        if length_raw is not None:
            try:
                length = int(length_raw)
            except ValueError:
                await send_json(send, 400, error_body("bad_request", "bad Content-Length"))
                return
            if length > limit:
                await send_json(
                    send, 413, error_body("too_large", f"body over the limit of {limit} bytes")
                )
                return
        elif b"chunked" in headers.get(b"transfer-encoding", b""):
            buffered = await self._buffer(receive, limit)
            if buffered is None:
                await send_json(
                    send, 413, error_body("too_large", f"body over the limit of {limit} bytes")
                )
                return
            receive = _replay(buffered, receive)

        fault = None
        if self.faults is not None and api:
            fault = self.faults.take(scope["method"], path)
        if fault is None:
            await self._run(scope, receive, send, api)
        else:
            await self._inject(fault, scope, receive, send)

    async def _buffer(self, receive: Receive, limit: int) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _run(self, scope: Scope, receive: Receive, send: Send, api: bool) -> None:
        started = False

        async def send_tagged(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if api:
                    message = dict(message)
                    message["headers"] = [*message.get("headers", []), API_HEADER]
            await send(message)

        try:
            await self.app(scope, receive, send_tagged)
        except Exception:
            # Starlette already logged it and, when it could, answered a structured 500.
            if not started:
                await send_json(send, 500, error_body("internal_error", "internal server error"))

    async def _inject(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        if fault.kind == "status":
            await _drain(receive)
            code = {429: "rate_limited", 503: "unavailable"}.get(fault.status, "internal_error")
            extra = []
            if fault.retry_after is not None:
                extra.append((b"retry-after", str(fault.retry_after).encode()))
            await send_json(send, fault.status, error_body(code, "injected fault"), extra)
        elif fault.kind == "captive_portal":
            await _drain(receive)
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"text/html; charset=utf-8"),
                        (b"content-length", str(len(CAPTIVE_PAGE)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": CAPTIVE_PAGE})
        elif fault.kind == "drop_before":
            await _drain(receive)
            if not _drop_connection(send):
                await send_json(send, 500, error_body("internal_error", "injected drop"))
        else:
            held: list[Message] = []

            async def hold(message: Message) -> None:
                held.append(message)

            await self._run(scope, receive, hold, True)
            if fault.kind == "drop_after_commit":
                if not _drop_connection(send):
                    await send_json(send, 500, error_body("internal_error", "injected drop"))
                return
            assert self.faults is not None
            deadline = time.monotonic() + fault.seconds
            while time.monotonic() < deadline and not self.faults.released.is_set():
                await asyncio.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
            for message in held:
                await send(message)


def _replay(body: bytes, original: Receive) -> Receive:
    """Hand the buffered body over once, then defer to the server (disconnect detection)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive
