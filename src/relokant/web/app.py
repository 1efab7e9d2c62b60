"""The web app and JSON API over the ledger: browse, review, ingest, estimate, simulate.

Server-rendered pages (Jinja2, autoescaped, no JavaScript) and a JSON API with
an OpenAPI schema. Reading is open; writing needs the team's token. Every error,
from any route, has one JSON shape: ``{"error", "message", "hint", "status"}``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import pathlib
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

import anyio
import anyio.to_thread
from fastapi import FastAPI, File, Form, Header, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from relokant.errors import (
    InternalError,
    NotFoundError,
    RelokantError,
    RequestError,
    SimulateError,
    ValidationError,
)
from relokant.ledger import Ledger
from relokant.ledger.serialise import parse_claim
from relokant.pipeline import figure_spans
from relokant.records import Claim, Measure, SourceType, Status
from relokant.report.document import add_filters, build_charts
from relokant.web.cache import ReadCache
from relokant.web.docs import mount_docs
from relokant.web.findings import FindingsIndex
from relokant.web.jobs import JobRunner
from relokant.web.security import SESSION_COOKIE, Guard, SecurityHeaders, WriteGate

log = logging.getLogger(__name__)
TEMPLATES = pathlib.Path(__file__).with_name("templates")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PAGE_SIZE = 50
#: Filters are text: a NUL character is no part of any name or quote.
NO_NUL = r"^[^\x00]*$"
#: Largest offset a listing accepts (databases store offsets as 64-bit integers).
MAX_OFFSET = 1_000_000_000



def _iso_date(value: str | None, name: str, *, empty_is_none: bool = False) -> dt.date | None:
    """A YYYY-MM-DD query parameter (numbers are not dates; forms may send it empty)."""
    if value is None or (empty_is_none and value == ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"{name} must be a real date YYYY-MM-DD, got {value!r}",
                              field=name) from None


def error_body(exc: RelokantError) -> dict[str, Any]:
    """The one JSON error shape of every route, page and job: the error's own."""
    return exc.as_dict()


class ErrorResponse(BaseModel):
    """The one error shape of every route."""

    error: str
    message: str
    hint: str | None = None
    field: str | None = None
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": why}
    for code, why in ((400, "unreadable input"), (401, "missing or wrong credentials"),
                      (404, "no such claim, job or estimate"),
                      (422, "invalid request or record"))
}


class ReviewRequest(BaseModel):
    """Accept, reject or edit a claim."""

    status: Literal["accepted", "rejected", "pending"]
    by: str = Field(default="api", max_length=100)
    changes: dict[str, Any] = Field(default_factory=dict)


class EstimateRequest(BaseModel):
    """Settings of a re-fit."""

    draws: int = Field(default=1000, ge=10, le=5000)
    warmup: int = Field(default=1000, ge=10, le=5000)
    chains: int = Field(default=4, ge=1, le=8)
    seed: int = Field(default=0, ge=0, le=2**31)


class SimulateRequest(BaseModel):
    """A scenario run: a built-in name, or levers."""

    scenario: str = Field(default="baseline", max_length=100)
    levers: dict[str, float] | None = None
    months: int = Field(default=24, ge=1, le=240)
    agents: int = Field(default=20_000, ge=1000, le=2_000_000)
    draws: int = Field(default=10, ge=1, le=200)
    seed: int = Field(default=0, ge=0, le=2**31)


def _claim_json(claim: Claim) -> dict[str, Any]:
    return claim.model_dump(mode="json")


def _json_list(items: list[dict[str, Any]], total: int) -> Response:
    """One page of a listing, the total in ``X-Total-Count``.

    Serialised once here: FastAPI would validate and re-encode every dict again.
    """
    return Response(json.dumps(items, ensure_ascii=False), media_type="application/json",
                    headers={"X-Total-Count": str(total)})


def _pager(page: int, total: int) -> dict[str, int]:
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


def _check_scenario(name: str, levers: dict[str, float]) -> None:
    """Validate levers as a TOML scenario would be, with the same messages."""
    import pydantic

    from relokant.simulate import Scenario

    try:
        Scenario(name=name, levers=levers)
    except pydantic.ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise SimulateError(message, hint="see GET /scenarios for the levers") from None


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


def create_app(db: str | None = None, *, token: str | None = None,
               ledger: Ledger | None = None) -> FastAPI:
    """Build the app for a ledger URL (or an open :class:`Ledger`) and a write token."""
    store = ledger or Ledger.open(db)
    guard = Guard(token)
    jobs = JobRunner()
    # "version" counts re-fits: cached pages that show how claims are judged depend on it
    state: dict[str, Any] = {"estimate": None, "report": None, "scenarios": {}, "version": 0}
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.auto_reload = False  # packaged templates: no stat() of each file per page
    add_filters(templates.env)
    app = FastAPI(title="relokant", version="0.1.0", lifespan=_lifespan,
                  description="Published claims about emigration from Russia and return, "
                  "reconciled with uncertainty.", docs_url=None, redoc_url=None)
    mount_docs(app)

    # -- errors ----------------------------------------------------------------
    @app.exception_handler(RelokantError)
    async def _relokant(request: Request, exc: RelokantError) -> Response:
        status = exc.status
        body = error_body(exc)
        if _wants_html(request):
            return templates.TemplateResponse(request, "error.html", {"error": body,
                                                                       **_ctx(request)},
                                              status_code=status)
        return JSONResponse(body, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or endpoint at {request.url.path}"
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(sorted(_allowed_methods(request.url.path)))
        return JSONResponse(error_body(RequestError(message, status=exc.status_code)),
                            status_code=exc.status_code, headers=headers)

    def _allowed_methods(path: str) -> set[str]:
        """Every method some route accepts on ``path`` (Starlette lists only one route's)."""
        from starlette.routing import Match, Route

        scope = {"type": "http", "path": path, "method": "GET", "root_path": ""}
        allowed: set[str] = set()
        for route in app.routes:
            if isinstance(route, Route) and route.methods:
                match, _ = route.matches({**scope, "method": next(iter(route.methods))})
                if match is Match.FULL:
                    allowed |= set(route.methods)
        return allowed

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
        return JSONResponse(error_body(invalid), status_code=422)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse(error_body(InternalError(
            "the server failed on this request",
            hint="nothing was stored; report it with the URL")), status_code=500)

    def _wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
            "accept", "")

    def _ctx(request: Request) -> dict[str, Any]:
        session = request.cookies.get(SESSION_COOKIE)
        signed_in = guard.session_ok(session)
        return {"signed_in": signed_in, "writable": guard.writable,
                "csrf": guard.csrf_for(session) if signed_in else ""}

    findings = FindingsIndex(store)
    findings.refresh()  # start checking the ledger now, not on the first claim page

    def _cacheable(scope: dict[str, Any]) -> bool:
        """Anonymous reads of the ledger: pages with a session carry its CSRF token."""
        path = scope["path"]
        if not (path == "/" or path.startswith(("/api/claims", "/claims/", "/api/actors"))):
            return False
        cookies = b"; ".join(v for k, v in scope["headers"] if k == b"cookie")
        return SESSION_COOKIE.encode() + b"=" not in cookies

    app.add_middleware(ReadCache, version=lambda: (store.fingerprint(), state["version"]),
                       cacheable=_cacheable)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(WriteGate, guard=guard,
                       writes=lambda path: "POST" in _allowed_methods(path))

    counts: OrderedDict[tuple[str, str], int] = OrderedDict()
    counts_lock = threading.Lock()

    def _count(request: Request, filters: dict[str, Any]) -> int:
        """How many claims match, per ledger revision: every page of a listing shares it.

        Counting a filter over a large PostgreSQL table costs tens of milliseconds
        (more than reading one page), and the 200 pages of a listing share 1 count.
        """
        key = (_revision(request), repr(sorted(filters.items())))
        with counts_lock:
            if key in counts:
                counts.move_to_end(key)
                return counts[key]
        total = store.count_claims(**filters)
        with counts_lock:
            counts[key] = total
            while len(counts) > 1024:
                counts.popitem(last=False)
        return total

    def _revision(request: Request) -> str:
        """The ledger revision this request is served at (read once per request)."""
        version = getattr(request.state, "read_version", None)
        return str(version[0]) if version else store.fingerprint()

    def _write_api(authorization: str | None) -> None:
        guard.check_bearer(authorization)

    # -- API: claims -------------------------------------------------------------
    def _filters(measure: str | None, actor: str | None, status: str | None,
                 source_type: str | None, q: str | None, since: dt.date | None,
                 until: dt.date | None) -> dict[str, Any]:
        return {"measure": measure, "actor": actor, "status": status,
                "source_type": source_type, "search": q, "since": since, "until": until}

    @app.get("/api/claims", responses=ERRORS, tags=["claims"], summary="List claims",
             response_model=list[dict[str, Any]])
    def api_claims(
        request: Request,
        measure: Measure | None = None,
        actor: str | None = Query(None, max_length=200, pattern=NO_NUL),
        status: Status | None = None, source_type: SourceType | None = None,
        q: str | None = Query(None, max_length=200, pattern=NO_NUL),
        since: str | None = Query(None, description="YYYY-MM-DD",
                                  json_schema_extra={"format": "date"}),
        until: str | None = Query(None, description="YYYY-MM-DD",
                                  json_schema_extra={"format": "date"}),
        limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> Response:
        """Claims with citations; filters as query parameters, total in X-Total-Count."""
        f = _filters(measure.value if measure else None, actor,
                     status.value if status else None,
                     source_type.value if source_type else None, q,
                     _iso_date(since, "since"), _iso_date(until, "until"))

        total = _count(request, f)
        claims = store.list_claims(limit=limit, offset=offset, **f)
        return _json_list([_claim_json(c) for c in claims], total)

    @app.get("/api/claims/{claim_id}", responses=ERRORS, tags=["claims"], summary="One claim")
    def api_claim(claim_id: str) -> dict[str, Any]:
        """A claim with all its citations."""
        return _claim_json(store.get_claim(claim_id))

    @app.post("/api/claims", responses=ERRORS, tags=["claims"], status_code=201,
              summary="Add a claim")
    def api_add_claim(record: dict[str, Any],
                      authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Store a claim (the record shape of ``relokant claims import``); 201 with its id.

        A posted claim waits for review (``pending``) unless the body sets ``status``.
        """
        _write_api(authorization)
        claim = parse_claim(record, source="request body", record=1)
        status = None if "status" in record else Status.pending
        stored, _ = store.add_claims([claim], status=status)[0]
        return _claim_json(stored)

    @app.post("/api/claims/{claim_id}/review", responses=ERRORS, tags=["claims"],
              summary="Review a claim")
    def api_review(claim_id: str, body: ReviewRequest,
                   authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Edit fields (optional) and set the review status."""
        _write_api(authorization)
        store.get_claim(claim_id)
        if body.changes:
            store.update_claim(claim_id, by=body.by, **body.changes)
        return _claim_json(store.review([claim_id], Status(body.status), by=body.by)[0])

    @app.get("/api/actors", responses=ERRORS, tags=["ledger"], summary="Actors",
             response_model=list[dict[str, Any]])
    def api_actors(
        limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> Response:
        """Actors with kind, default source type and aliases, by name; total in X-Total-Count."""
        every = store.actors()
        return _json_list([a.model_dump(mode="json") for a in every[offset:offset + limit]],
                          len(every))

    @app.post("/api/documents", responses=ERRORS, tags=["ledger"], status_code=201,
              summary="Upload a document")
    async def api_documents(
        file: Annotated[UploadFile, File()],
        date: Annotated[dt.date | None, Form()] = None,
        outlet: Annotated[str | None, Form(max_length=300)] = None,
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Ingest an article: its claims go into the ledger as pending."""
        _write_api(authorization)
        return await _ingest_upload(file, date, outlet)

    async def _ingest_upload(file: UploadFile, date: dt.date | None,
                             outlet: str | None) -> dict[str, Any]:
        from relokant.pipeline import ingest_bytes

        name = pathlib.Path(file.filename or "upload.txt").name
        data = await file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise ValidationError(f"{name}: larger than the {MAX_UPLOAD_BYTES // 1024 // 1024} "
                                  "MiB limit for an upload", field="file")
        done = await anyio.to_thread.run_sync(
            lambda: ingest_bytes(store, name, data, date=date, outlet=outlet))
        assert done.document is not None
        return {"document": done.document.model_dump(mode="json"),
                "claims": [{"id": cid, "new": new} for cid, new in done.claims]}

    # -- API: estimate, simulate, jobs -------------------------------------------
    def _estimate_work(settings: EstimateRequest) -> Any:
        def work(progress: Any) -> dict[str, Any]:
            from relokant.pipeline import build_report, fit

            fitted = fit(store, progress=progress, draws=settings.draws,
                         warmup=settings.warmup, chains=settings.chains, seed=settings.seed)
            state["fitted"] = fitted
            state["report"] = build_report(store, fitted=fitted)
            state["charts"] = None
            result: dict[str, Any] = fitted.to_dict()
            state["estimate"] = result
            state["version"] += 1
            return result
        return work

    @app.get("/api/estimate", responses=ERRORS, tags=["estimate"], summary="The latest estimate")
    def api_estimate() -> dict[str, Any]:
        """The latest fitted estimate (``relokant estimate --json`` shape)."""
        if state["estimate"] is None:
            raise NotFoundError("no estimate has been fitted on this server yet",
                                hint="POST /api/estimate to start one")
        result: dict[str, Any] = state["estimate"]
        return result

    @app.post("/api/estimate", responses=ERRORS, tags=["estimate"], status_code=202,
              summary="Re-fit")
    def api_refit(body: EstimateRequest | None = None,
                  authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Start a re-fit in the background; poll ``GET /api/jobs/{id}``."""
        _write_api(authorization)
        return jobs.submit("estimate", _estimate_work(body or EstimateRequest())).as_dict()

    def _simulate_work(body: SimulateRequest) -> Any:
        from relokant.pipeline import run_scenarios
        from relokant.simulate import Scenario, load_scenario

        scenario = (Scenario(name=body.scenario or "custom", levers=body.levers)
                    if body.levers is not None else load_scenario(body.scenario))

        def work(progress: Any) -> dict[str, Any]:
            fitted = state.get("fitted")
            if fitted is None:
                progress("estimating first", 0.05)
                _estimate_work(EstimateRequest())(progress)
                fitted = state["fitted"]
            progress("calibrating and simulating", 0.6)
            (run,) = run_scenarios(fitted, [scenario], agents=body.agents, months=body.months,
                                   draws=body.draws, seed=body.seed)
            result = run.to_dict()
            state["scenarios"][scenario.name] = result
            return result
        return work

    @app.post("/api/simulate", responses=ERRORS, tags=["simulate"], status_code=202,
              summary="Run a scenario")
    def api_simulate(body: SimulateRequest,
                     authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Start a scenario run in the background; poll ``GET /api/jobs/{id}``."""
        _write_api(authorization)
        from relokant.simulate import load_scenario

        if body.levers is not None:
            _check_scenario(body.scenario or "custom", body.levers)
        else:
            load_scenario(body.scenario)
        return jobs.submit("simulate", _simulate_work(body)).as_dict()

    @app.get("/api/jobs/{job_id}", responses=ERRORS, tags=["jobs"], summary="A background job")
    def api_job(job_id: str) -> dict[str, Any]:
        """Progress and, when done, the result of a job."""
        job = jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job with id {job_id!r}")
        return job.as_dict()

    # -- pages -------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_index(request: Request, measure: str | None = None, actor: str | None = None,
                   status: str | None = None, source_type: str | None = None,
                   q: str | None = None, since: str | None = None,
                   until: str | None = None,
                   page: int = Query(1, ge=1, le=MAX_OFFSET // PAGE_SIZE)) -> Response:
        f = _filters(measure or None, actor or None, status or None, source_type or None,
                     q or None, _iso_date(since, "since", empty_is_none=True),
                     _iso_date(until, "until", empty_is_none=True))
        total = _count(request, f)
        claims = store.list_claims(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **f)
        return templates.TemplateResponse(request, "index.html", {
            **_ctx(request), "claims": claims, **_pager(page, total), "filters": f,
            "measures": [m.value for m in Measure], "statuses": [s.value for s in Status],
            "source_types": [s.value for s in SourceType]})

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_claim(request: Request, claim_id: str) -> Response:
        claim = store.get_claim(claim_id)
        found, current = findings.lookup(claim_id, _revision(request))
        judged = None
        if state["estimate"]:
            judged = next((c for c in state["estimate"]["claims"] if c["id"] == claim_id), None)
            if judged is None:
                judged = next((e for e in state["estimate"]["excluded"] if e["id"] == claim_id),
                              None)
        response = templates.TemplateResponse(request, "claim.html", {
            **_ctx(request), "claim": claim, "findings": found, "judged": judged,
            "pieces": [highlight(c.quote, claim) if c.quote else [] for c in claim.citations]})
        if not current:
            response.headers["Cache-Control"] = "no-store"  # partial: findings pending
        return response

    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def page_review(request: Request,
                    page: int = Query(1, ge=1, le=MAX_OFFSET // PAGE_SIZE)) -> Response:
        pending = store.list_claims(status="pending", limit=PAGE_SIZE,
                                    offset=(page - 1) * PAGE_SIZE)
        total = store.count_claims(status="pending")
        return templates.TemplateResponse(request, "review.html", {
            **_ctx(request), "claims": pending, **_pager(page, total),
            "pieces": {c.id: [highlight(cit.quote, c) for cit in c.citations if cit.quote]
                       for c in pending}})

    @app.post("/review/{claim_id}", include_in_schema=False)
    def form_review(request: Request, claim_id: str, action: Annotated[str, Form()],
                    csrf: Annotated[str, Form()] = "", field: Annotated[str, Form()] = "",
                    value: Annotated[str, Form()] = "") -> Response:
        guard.check_form(request.cookies.get(SESSION_COOKIE), csrf)
        if action == "edit":
            store.update_claim(claim_id, by="web", **{field: value or None})
        elif action in ("accepted", "rejected"):
            store.review([claim_id], Status(action), by="web")
        else:
            raise ValidationError(f"unknown action {action!r}", field="action")
        return RedirectResponse("/review", status_code=303)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def page_documents(request: Request,
                       page: int = Query(1, ge=1, le=MAX_OFFSET // PAGE_SIZE)) -> Response:
        return templates.TemplateResponse(request, "documents.html", {
            **_ctx(request), **_documents_page(page), "result": None})

    def _documents_page(page: int) -> dict[str, Any]:
        total = store.count_documents()
        return {"documents": store.documents(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE),
                **_pager(page, total)}

    @app.post("/documents", response_class=HTMLResponse, include_in_schema=False)
    async def form_documents(request: Request, file: Annotated[UploadFile, File()],
                             csrf: Annotated[str, Form()] = "",
                             date: Annotated[str, Form()] = "",
                             outlet: Annotated[str, Form()] = "") -> Response:
        guard.check_form(request.cookies.get(SESSION_COOKIE), csrf)
        try:
            day = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise ValidationError(f"date must be YYYY-MM-DD, got {date!r}",
                                  field="date") from None
        result = await _ingest_upload(file, day, outlet or None)
        return templates.TemplateResponse(request, "documents.html", {
            **_ctx(request), **_documents_page(1), "result": result})

    def _charts() -> dict[str, str]:
        if state.get("charts") is None and state["report"] is not None:
            from relokant.report import charts

            state["charts"] = {name: charts.to_svg(c) for name, c in
                               build_charts(state["report"]).items()}
        return state.get("charts") or {}

    @app.get("/estimate", response_class=HTMLResponse, include_in_schema=False)
    def page_estimate(request: Request, job: str | None = None) -> Response:
        running = jobs.get(job) if job else None
        return templates.TemplateResponse(request, "estimate.html", {
            **_ctx(request), "est": state["estimate"], "figures": _charts(),
            "job": running.as_dict() if running else None})

    @app.post("/estimate", include_in_schema=False)
    def form_estimate(request: Request, csrf: Annotated[str, Form()] = "",
                      draws: Annotated[int, Form(ge=10, le=5000)] = 1000) -> Response:
        guard.check_form(request.cookies.get(SESSION_COOKIE), csrf)
        job = jobs.submit("estimate", _estimate_work(EstimateRequest(draws=draws,
                                                                     warmup=draws)))
        return RedirectResponse(f"/estimate?job={job.id}", status_code=303)

    @app.get("/scenarios", response_class=HTMLResponse, include_in_schema=False)
    def page_scenarios(request: Request, job: str | None = None) -> Response:
        from relokant.simulate import BUILTIN, LEVERS

        running = jobs.get(job) if job else None
        return templates.TemplateResponse(request, "scenarios.html", {
            **_ctx(request), "levers": LEVERS, "builtin": BUILTIN,
            "results": state["scenarios"], "job": running.as_dict() if running else None})

    @app.post("/scenarios", include_in_schema=False)
    async def form_scenarios(request: Request) -> Response:
        from relokant.simulate import LEVERS

        form = await request.form()
        guard.check_form(request.cookies.get(SESSION_COOKIE), str(form.get("csrf", "")))
        levers: dict[str, float] = {}
        for name in LEVERS:
            raw = str(form.get(name, "") or "").strip()
            if raw:
                try:
                    levers[name] = float(raw)
                except ValueError:
                    raise ValidationError(f"lever {name} must be a number, got {raw!r}",
                                          field=name) from None
        body = SimulateRequest(scenario=str(form.get("name") or "custom")[:100], levers=levers)
        _check_scenario(body.scenario, levers)
        job = jobs.submit("simulate", _simulate_work(body))
        return RedirectResponse(f"/scenarios?job={job.id}", status_code=303)

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def page_login(request: Request) -> Response:
        return templates.TemplateResponse(request, "login.html", {**_ctx(request)})

    @app.post("/login", include_in_schema=False)
    def form_login(token: Annotated[str, Form(max_length=500)]) -> Response:
        session = guard.new_session(token)
        response = RedirectResponse("/review", status_code=303)
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict",
                            max_age=12 * 3600)
        return response

    @app.post("/logout", include_in_schema=False)
    def form_logout() -> Response:
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    app.state.ledger = store
    app.state.jobs = jobs
    return app
