"""What every route needs: the ledger, credentials, jobs, templates, the latest fit.

Routers get one :class:`WebContext` instead of sharing a closure, so each module of
the web app has one job and its dependencies are named.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from relokant.ledger import ClaimFilter, Ledger
from relokant.pipeline import figure_spans
from relokant.records import Claim
from relokant.web.findings import FindingsIndex
from relokant.web.jobs import JobRunner
from relokant.web.schemas import PAGE_SIZE
from relokant.web.security import SESSION_COOKIE, Guard
from relokant.web.state import EstimateStore


@dataclass
class ClaimCounter:
    """How many claims match, per ledger revision: every page of a listing shares it.

    Counting a filter over a large PostgreSQL table costs tens of milliseconds
    (more than reading one page), and the 200 pages of a listing share 1 count.
    """

    store: Ledger
    limit: int = 1024
    _counts: OrderedDict[tuple[str, str], int] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, revision: str, where: ClaimFilter) -> int:
        """The number of claims ``where`` selects at ``revision``."""
        key = (revision, where.key())
        with self._lock:
            if key in self._counts:
                self._counts.move_to_end(key)
                return self._counts[key]
        total = self.store.count_claims(where)
        with self._lock:
            self._counts[key] = total
            while len(self._counts) > self.limit:
                self._counts.popitem(last=False)
        return total


@dataclass
class WebContext:
    """The server's shared parts, handed to every router."""

    store: Ledger
    guard: Guard
    jobs: JobRunner
    templates: Jinja2Templates
    findings: FindingsIndex
    estimates: EstimateStore = field(default_factory=EstimateStore)
    counter: ClaimCounter = field(init=False)

    def __post_init__(self) -> None:
        self.counter = ClaimCounter(self.store)

    def session(self, request: Request) -> dict[str, Any]:
        """What every page shows of the visitor's session."""
        session = request.cookies.get(SESSION_COOKIE)
        signed_in = self.guard.session_ok(session)
        return {"signed_in": signed_in, "writable": self.guard.writable,
                "csrf": self.guard.csrf_for(session) if signed_in else ""}

    def page(self, request: Request, template: str, context: dict[str, Any],
             status_code: int = 200) -> Response:
        """A rendered page with the session's part of the context."""
        return self.templates.TemplateResponse(
            request, template, {**self.session(request), **context}, status_code=status_code)

    def revision(self, request: Request) -> str:
        """The ledger revision this request is served at (read once per request)."""
        version = getattr(request.state, "read_version", None)
        return str(version[0]) if version else self.store.fingerprint()

    def count(self, request: Request, where: ClaimFilter) -> int:
        """How many claims match, at this request's revision."""
        return self.counter.count(self.revision(request), where)

    def check_form(self, request: Request, csrf: str) -> None:
        """A form write needs a signed-in session and its CSRF token."""
        self.guard.check_form(request.cookies.get(SESSION_COOKIE), csrf)


def pager(page: int, total: int) -> dict[str, int]:
    """What a page's pager shows."""
    return {"page": page, "total": total, "pages": max(1, math.ceil(total / PAGE_SIZE))}


def highlight(quote: str, claim: Claim) -> list[tuple[str, bool]]:
    """The quote cut into (text, is-figure) pieces, for escaping-safe highlighting."""
    marks = figure_spans(quote, claim)
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for start, end in marks:
        pieces.append((quote[pos:start], False))
        pieces.append((quote[start:end], True))
        pos = end
    pieces.append((quote[pos:], False))
    return [p for p in pieces if p[0]]
