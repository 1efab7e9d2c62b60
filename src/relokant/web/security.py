"""Who may write: a bearer token for the API, a signed session plus CSRF token for forms.

Reading is open. Every write needs the team's token: ``Authorization: Bearer
<token>`` for the API, or for the pages a session cookie obtained by entering
the token once, with a per-session CSRF token in every form. Tokens are
compared in constant time and never stored in cookies.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pathlib
import secrets
from typing import Any

from relokant.errors import RelokantError, RequestError
from relokant.urls import CONTENT_SECURITY_POLICY

ENV_VAR = "RELOKANT_TOKEN"
SESSION_COOKIE = "relokant_session"


class AuthError(RelokantError):
    """A write without valid credentials."""

    exit_code = 2
    status = 401


def load_token(token_file: str | pathlib.Path | None = None) -> str | None:
    """The write token from a file (first line) or ``RELOKANT_TOKEN``; None: read-only."""
    if token_file is not None:
        path = pathlib.Path(token_file)
        try:
            token = path.read_text(encoding="utf-8").strip().splitlines()[0].strip()
        except (OSError, IndexError):
            raise RelokantError(f"cannot read a token from {path}",
                                hint="put the token on the first line of the file") from None
        if len(token) < 16:
            raise RelokantError(f"the token in {path} is shorter than 16 characters",
                                hint="use e.g. python -c 'import secrets; "
                                "print(secrets.token_urlsafe(32))'")
        return token
    from_env = os.environ.get(ENV_VAR)
    return from_env.strip() if from_env and from_env.strip() else None


class Guard:
    """Checks credentials for one app instance."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        self._key = hashlib.sha256(("relokant-session:" + (token or "")).encode()).digest()

    @property
    def writable(self) -> bool:
        """Whether any write is possible (a token is configured)."""
        return self.token is not None

    def check_bearer(self, header: str | None) -> None:
        """Accept ``Bearer <token>`` or raise :class:`AuthError`."""
        if self.token is None:
            raise AuthError("this server is read-only: no write token is configured",
                            hint="start it with --token-file or RELOKANT_TOKEN")
        scheme, _, given = (header or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                                 self.token.encode()):
            raise AuthError("missing or wrong credentials",
                            hint="send 'Authorization: Bearer <token>'")

    def new_session(self, token: str) -> str:
        """A session value for the cookie, if ``token`` is right."""
        if self.token is None or not hmac.compare_digest(token.strip().encode(),
                                                         self.token.encode()):
            raise AuthError("wrong token", hint="ask the ledger's editor for the write token")
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._sign(nonce)}"

    def session_ok(self, session: str | None) -> bool:
        """Whether a session cookie was issued by this server."""
        if not session or "." not in session or self.token is None:
            return False
        nonce, signature = session.rsplit(".", 1)
        return hmac.compare_digest(signature, self._sign(nonce))

    def csrf_for(self, session: str | None) -> str:
        """The CSRF token that forms of this session must carry."""
        return self._sign("csrf:" + (session or ""))

    def check_form(self, session: str | None, csrf: str | None) -> None:
        """A form write: a valid session and its CSRF token, or :class:`AuthError`."""
        if not self.session_ok(session):
            raise AuthError("sign in with the write token first", hint="open /login")
        if not csrf or not hmac.compare_digest(csrf, self.csrf_for(session)):
            raise AuthError("the form's CSRF token is missing or wrong",
                            hint="reload the page and submit again")

    def _sign(self, value: str) -> str:
        return hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()[:32]


class SecurityHeaders:
    """Pure ASGI middleware: every answer but the API docs forbids script and outside loads.

    The pages and the report use no script at all; ``/docs`` and ``/redoc`` are
    FastAPI's own pages, which need their script, so they keep their defaults.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Pass the request on; add the headers to the answer's start."""
        if scope["type"] != "http" or scope["path"].startswith(("/docs", "/redoc")):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                            (b"x-content-type-options", b"nosniff")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


#: Largest request body any route accepts (uploads are capped lower, per file, by the route).
MAX_BODY_BYTES = 8 * 1024 * 1024
#: The methods that write here (every write route is a POST; other methods get 405 from
#: the router, which reads no body).
_WRITES = {"POST"}


class WriteGate:
    """Pure ASGI middleware: credentials before any body is read, and a cap on every body.

    A write to the API without a valid bearer token, or a page form without a signed-in
    session, is answered 401 before a byte of its body is read; a body that declares or
    turns out to be larger than ``max_body`` is answered 413.
    """

    def __init__(self, app: Any, guard: Guard, *, max_body: int = MAX_BODY_BYTES,
                 writes: Any = None) -> None:
        self.app, self.guard, self.max_body = app, guard, max_body
        #: path -> whether a write route serves it (others get the router's 404/405)
        self.writes = writes or (lambda path: True)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Refuse early, or pass the request on with its body counted."""
        if (scope["type"] != "http" or scope["method"] not in _WRITES
                or not self.writes(scope["path"])):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope["path"], headers)
        if refusal is not None:
            await _answer(send, refusal)
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise RequestError(f"the request body is larger than the "
                                   f"{self.max_body // 1024 // 1024} MiB limit", status=413)
            return message

        await self.app(scope, counted, send)

    def _refusal(self, path: str, headers: dict[str, str]) -> RelokantError | None:
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            return RequestError(f"the request body ({int(declared) // 1024 // 1024} MiB) is "
                                f"larger than the {self.max_body // 1024 // 1024} MiB limit",
                                status=413)
        try:
            if path.startswith("/api/"):
                self.guard.check_bearer(headers.get("authorization"))
            elif path != "/login" and not self.guard.session_ok(_cookie(headers)):
                raise AuthError("sign in with the write token first", hint="open /login")
        except AuthError as exc:
            return exc
        return None


def _cookie(headers: dict[str, str]) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == SESSION_COOKIE:
            return value
    return None


async def _answer(send: Any, error: RelokantError) -> None:
    import json

    body = json.dumps(error.as_dict()).encode()
    await send({"type": "http.response.start", "status": error.status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
