"""Read answers kept in memory, exact until the next write.

A pure ASGI middleware in front of the app: a GET whose answer is cached is
served without routing, validation or a database read other than the ledger's
revision (one row). The key holds that revision and the app's own state version
(a re-fit changes how claims are judged), so an answer is never stale: every
committed write, from this server or the CLI, bumps the revision.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

#: Answers kept per server process, and their total size.
CACHE_SIZE = 4096
CACHE_BYTES = 64 * 1024 * 1024


class ReadCache:
    """Serve repeated GETs from memory while the ledger is unchanged."""

    def __init__(self, app: ASGIApp, *, version: Callable[[], Hashable],
                 cacheable: Callable[[Scope], bool], size: int = CACHE_SIZE,
                 max_bytes: int = CACHE_BYTES) -> None:
        self.app = app
        self.version = version
        self.cacheable = cacheable
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self._answers: OrderedDict[tuple[str, bytes, Hashable], tuple[int, list[Any], bytes]] = (
            OrderedDict())
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer from memory, or pass on and keep a storable 200 answer."""
        if scope["type"] != "http" or scope["method"] != "GET" or not self.cacheable(scope):
            await self.app(scope, receive, send)
            return
        version = self.version()
        # handed to the app (request.state.read_version): it need not read it again
        scope.setdefault("state", {})["read_version"] = version
        key = (scope["path"], scope.get("query_string", b""), version)
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
        if answer is not None:
            status, headers, body = answer
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self._fill(key, scope, receive, send)

    async def _fill(self, key: tuple[str, bytes, Hashable], scope: Scope, receive: Receive,
                    send: Send) -> None:
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if start.get("status") != 200 or not _storable(start.get("headers", [])):
            return
        body = b"".join(chunks)
        if len(body) > self.max_bytes // 4:  # one huge answer must not flush the rest
            return
        with self._lock:
            old = self._answers.pop(key, None)
            self.bytes -= len(old[2]) if old else 0
            self._answers[key] = (200, list(start["headers"]), body)
            self.bytes += len(body)
            while len(self._answers) > self.size or self.bytes > self.max_bytes:
                self.bytes -= len(self._answers.popitem(last=False)[1][2])


def _storable(headers: list[Any]) -> bool:
    """Answers that set cookies or forbid storing are personal or partial."""
    for name, value in headers:
        name = bytes(name).lower()
        if name == b"set-cookie" or (name == b"cache-control" and b"no-store" in bytes(value)):
            return False
    return True
