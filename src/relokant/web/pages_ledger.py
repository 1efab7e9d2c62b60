"""The ledger's pages: claim listing, one claim, the review queue, documents."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from relokant.errors import ValidationError
from relokant.ledger import ClaimFilter
from relokant.pipeline import review_queue
from relokant.records import Measure, SourceType, Status
from relokant.web.context import WebContext, highlight, pager
from relokant.web.schemas import MAX_OFFSET, PAGE_SIZE, iso_date
from relokant.web.uploads import ingest_upload

PAGES = MAX_OFFSET // PAGE_SIZE


def router(web: WebContext) -> APIRouter:
    """The ledger's page routes."""
    pages = APIRouter(include_in_schema=False)
    store = web.store

    @pages.get("/", response_class=HTMLResponse)
    def page_index(request: Request, measure: str | None = None, actor: str | None = None,
                   status: str | None = None, source_type: str | None = None,
                   q: str | None = None, since: str | None = None,
                   until: str | None = None, page: int = Query(1, ge=1, le=PAGES)) -> Response:
        where = ClaimFilter(measure=measure or None, actor=actor or None,
                            status=status or None, source_type=source_type or None,
                            search=q or None,
                            since=iso_date(since, "since", empty_is_none=True),
                            until=iso_date(until, "until", empty_is_none=True))
        total = web.count(request, where)
        claims = store.list_claims(where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        return web.page(request, "index.html", {
            "claims": claims, **pager(page, total), "filters": where.fields(),
            "measures": [m.value for m in Measure], "statuses": [s.value for s in Status],
            "source_types": [s.value for s in SourceType]})

    @pages.get("/claims/{claim_id}", response_class=HTMLResponse)
    def page_claim(request: Request, claim_id: str) -> Response:
        claim = store.get_claim(claim_id)
        found, current = web.findings.lookup(claim_id, web.revision(request))
        response = web.page(request, "claim.html", {
            "claim": claim, "findings": found, "judged": web.estimates.judgement(claim_id),
            "pieces": [highlight(c.quote, claim) if c.quote else [] for c in claim.citations]})
        if not current:
            response.headers["Cache-Control"] = "no-store"  # partial: findings pending
        return response

    @pages.get("/review", response_class=HTMLResponse)
    def page_review(request: Request, page: int = Query(1, ge=1, le=PAGES)) -> Response:
        items, total = review_queue(store, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        return web.page(request, "review.html", {
            "items": items, **pager(page, total),
            "pieces": {i.claim.id: [highlight(cit.quote, i.claim) for cit in i.claim.citations
                                    if cit.quote] for i in items}})

    @pages.post("/review/{claim_id}")
    def form_review(request: Request, claim_id: str, action: Annotated[str, Form()],
                    csrf: Annotated[str, Form()] = "", field: Annotated[str, Form()] = "",
                    value: Annotated[str, Form()] = "") -> Response:
        web.check_form(request, csrf)
        if action == "edit":
            store.update_claim(claim_id, by="web", **{field: value or None})
        elif action in ("accepted", "rejected"):
            store.review([claim_id], Status(action), by="web")
        else:
            raise ValidationError(f"unknown action {action!r}", field="action")
        return RedirectResponse("/review", status_code=303)

    def documents_page(page: int) -> dict[str, Any]:
        total = store.count_documents()
        return {"documents": store.documents(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE),
                **pager(page, total)}

    @pages.get("/documents", response_class=HTMLResponse)
    def page_documents(request: Request, page: int = Query(1, ge=1, le=PAGES)) -> Response:
        return web.page(request, "documents.html", {**documents_page(page), "result": None})

    @pages.post("/documents", response_class=HTMLResponse)
    async def form_documents(request: Request, file: Annotated[UploadFile, File()],
                             csrf: Annotated[str, Form()] = "",
                             date: Annotated[str, Form()] = "",
                             outlet: Annotated[str, Form()] = "") -> Response:
        web.check_form(request, csrf)
        try:
            day = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise ValidationError(f"date must be YYYY-MM-DD, got {date!r}",
                                  field="date") from None
        result = await ingest_upload(store, file, day, outlet or None)
        return web.page(request, "documents.html", {**documents_page(1), "result": result})

    return pages
