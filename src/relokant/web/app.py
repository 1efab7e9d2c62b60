"""The web app and JSON API over the ledger: browse, review, ingest, estimate, simulate.

Server-rendered pages (Jinja2, autoescaped, no JavaScript) and a JSON API with
an OpenAPI schema. Reading is open; writing needs the team's token. Every error,
from any route, has one JSON shape: ``{"error", "message", "hint", "field", "status"}``.

This module only assembles the app: routes live in ``api_*`` and ``pages_*``,
errors in :mod:`~relokant.web.handlers`, the latest fit in :mod:`~relokant.web.state`.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.templating import Jinja2Templates

from relokant.ledger import Ledger
from relokant.report.document import add_filters
from relokant.web import (
    api_claims,
    api_estimate,
    handlers,
    pages_estimate,
    pages_ledger,
    pages_session,
)
from relokant.web.cache import ReadCache
from relokant.web.context import WebContext
from relokant.web.docs import mount_docs
from relokant.web.findings import FindingsIndex
from relokant.web.jobs import JobRunner
from relokant.web.security import SESSION_COOKIE, Guard, SecurityHeaders, WriteGate

TEMPLATES = pathlib.Path(__file__).with_name("templates")
#: Threads that run requests per server process; RELOKANT_WEB_THREADS overrides.
THREADS = 4


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Size the request thread pool.

    Requests wait their turn in arrival order for one of a few threads rather
    than all running at once on 40 threads that take turns holding the GIL: on
    the load benchmark that cut the 99th-percentile latency of uncached pages.
    """
    threads = int(os.environ.get("RELOKANT_WEB_THREADS", THREADS))
    anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, threads)
    yield


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.auto_reload = False  # packaged templates: no stat() of each file per page
    add_filters(templates.env)
    return templates


def _cacheable(scope: dict[str, Any]) -> bool:
    """Anonymous reads of the ledger: pages with a session carry its CSRF token."""
    path = scope["path"]
    if not (path == "/" or path.startswith(("/api/claims", "/claims/", "/api/actors"))):
        return False
    cookies = b"; ".join(v for k, v in scope["headers"] if k == b"cookie")
    return SESSION_COOKIE.encode() + b"=" not in cookies


def create_app(db: str | None = None, *, token: str | None = None,
               ledger: Ledger | None = None) -> FastAPI:
    """Build the app for a ledger URL (or an open :class:`Ledger`) and a write token."""
    store = ledger or Ledger.open(db)
    findings = FindingsIndex(store)
    findings.refresh()  # start checking the ledger now, not on the first claim page
    web = WebContext(store=store, guard=Guard(token), jobs=JobRunner(),
                     templates=_templates(), findings=findings)
    app = FastAPI(title="relokant", version="0.1.0", lifespan=_lifespan,
                  description="Published claims about emigration from Russia and return, "
                  "reconciled with uncertainty.", docs_url=None, redoc_url=None)
    mount_docs(app)
    handlers.install(app, web)
    for part in (api_claims, api_estimate, pages_ledger, pages_estimate, pages_session):
        app.include_router(part.router(web))
    app.add_middleware(ReadCache, version=lambda: (store.fingerprint(), web.estimates.version),
                       cacheable=_cacheable)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(WriteGate, guard=web.guard,
                       writes=lambda path: "POST" in handlers.allowed_methods(app, path))
    app.state.ledger = store
    app.state.jobs = web.jobs
    app.state.web = web
    return app
