"""Credentials before any body is read, and a cap on every request body (#11.12)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi.testclient import TestClient

from relokant.ledger import Ledger
from relokant.web import create_app
from relokant.web.security import MAX_BODY_BYTES, Guard, WriteGate

TOKEN = "test-token-0123456789abcdef"


def _run(headers: list[tuple[bytes, bytes]], path: str = "/api/claims") -> tuple[int, int]:
    """Drive the gate with a body it must not read: (status, body messages read)."""
    reads = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"x" * 1024, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def app(scope: Any, rcv: Any, snd: Any) -> None:
        await rcv()
        await snd({"type": "http.response.start", "status": 200, "headers": []})
        await snd({"type": "http.response.body", "body": b""})

    scope = {"type": "http", "method": "POST", "path": path, "headers": headers}
    asyncio.run(WriteGate(app, Guard(TOKEN))(scope, receive, send))
    return sent[0]["status"], reads


def test_anonymous_writes_are_refused_before_their_body_is_read() -> None:
    huge = [(b"content-length", str(400 * 1024 * 1024).encode())]
    assert _run(huge) == (413, 0)
    assert _run([]) == (401, 0)
    assert _run([], path="/documents") == (401, 0)
    good = [(b"authorization", f"Bearer {TOKEN}".encode())]
    assert _run(good) == (200, 1)


def test_bodies_over_the_cap_get_413_in_the_one_shape() -> None:
    client = TestClient(create_app(ledger=Ledger.open("sqlite://"), token=TOKEN))
    big = client.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                      files={"file": ("big.txt", b"a" * (MAX_BODY_BYTES + 1), "text/plain")})
    assert big.status_code == 413
    assert big.json()["status"] == 413 and "MiB limit" in big.json()["message"]
    anonymous = client.post("/api/claims", content=b"{" * 1000)
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "AuthError"
