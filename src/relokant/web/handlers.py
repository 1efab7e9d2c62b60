"""Every error, from any route, page or job, in the one shape of :class:`RelokantError`.

API clients get ``{"error", "message", "hint", "field", "status"}``; a browser asking
for a page gets the same fields rendered as a page.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from relokant.errors import InternalError, RelokantError, RequestError, ValidationError
from relokant.web.context import WebContext
from relokant.web.schemas import NO_NUL

log = logging.getLogger(__name__)


def routes_of(app: FastAPI) -> list[Route]:
    """Every plain route of the app, those of included routers too.

    Recent FastAPI releases wrap an included router in one lazy entry of
    ``app.routes``; its original router still lists the routes it serves. Routes are
    fixed once the app is built, so the walk is done once (the write gate asks on every
    write request).
    """
    cached: list[Route] | None = getattr(app.state, "plain_routes", None)
    if cached is not None:
        return cached
    found: list[Route] = []
    pending = list(app.router.routes)
    while pending:
        route = pending.pop(0)
        if isinstance(route, Route):
            found.append(route)
        inner = getattr(route, "original_router", None)
        if inner is not None:
            pending.extend(inner.routes)
    app.state.plain_routes = found
    return found


def allowed_methods(app: FastAPI, path: str) -> set[str]:
    """Every method some route accepts on ``path`` (Starlette lists only one route's)."""
    scope = {"type": "http", "path": path, "method": "GET", "root_path": ""}
    allowed: set[str] = set()
    for route in routes_of(app):
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches({**scope, "method": next(iter(route.methods))})
            if match is Match.FULL:
                allowed |= set(route.methods)
    return allowed


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", "")


def install(app: FastAPI, web: WebContext) -> None:
    """Register the handlers that turn every failure into the one error shape."""

    @app.exception_handler(RelokantError)
    async def _relokant(request: Request, exc: RelokantError) -> Response:
        body = exc.as_dict()
        if _wants_html(request):
            return web.page(request, "error.html", {"error": body}, status_code=exc.status)
        return JSONResponse(body, status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or endpoint at {request.url.path}"
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(sorted(allowed_methods(app, request.url.path)))
        return JSONResponse(RequestError(message, status=exc.status_code).as_dict(),
                            status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid request')}"
        if (first.get("ctx") or {}).get("pattern") == NO_NUL:
            message = f"{where}: holds a NUL character; expected printable text"
        invalid = ValidationError(message, hint="see /docs for the request schema")
        loc = first.get("loc", ())
        invalid.field = str(loc[-1]) if loc else None
        return JSONResponse(invalid.as_dict(), status_code=422)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse(InternalError(
            "the server failed on this request",
            hint="nothing was stored; report it with the URL").as_dict(), status_code=500)
