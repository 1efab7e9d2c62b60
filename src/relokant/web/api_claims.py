"""The JSON API over the ledger: claims, their review, actors and document uploads."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import Response

from relokant.ledger import ClaimFilter
from relokant.ledger.serialise import parse_claim
from relokant.records import Claim, Measure, SourceType, Status
from relokant.web.context import WebContext
from relokant.web.schemas import ERRORS, MAX_OFFSET, NO_NUL, ReviewRequest, iso_date
from relokant.web.uploads import ingest_upload


def claim_json(claim: Claim) -> dict[str, Any]:
    """A claim as the API serves it."""
    return claim.model_dump(mode="json")


def json_list(items: list[dict[str, Any]], total: int) -> Response:
    """One page of a listing, the total in ``X-Total-Count``.

    Serialised once here: FastAPI would validate and re-encode every dict again.
    """
    return Response(json.dumps(items, ensure_ascii=False), media_type="application/json",
                    headers={"X-Total-Count": str(total)})


def router(web: WebContext) -> APIRouter:
    """The ledger's API routes."""
    api = APIRouter()
    store = web.store

    @api.get("/api/claims", responses=ERRORS, tags=["claims"], summary="List claims",
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
        where = ClaimFilter(measure=measure.value if measure else None, actor=actor,
                            status=status.value if status else None,
                            source_type=source_type.value if source_type else None, search=q,
                            since=iso_date(since, "since"), until=iso_date(until, "until"))
        total = web.count(request, where)
        claims = store.list_claims(where, limit=limit, offset=offset)
        return json_list([claim_json(c) for c in claims], total)

    @api.get("/api/claims/{claim_id}", responses=ERRORS, tags=["claims"], summary="One claim")
    def api_claim(claim_id: str) -> dict[str, Any]:
        """A claim with all its citations."""
        return claim_json(store.get_claim(claim_id))

    @api.post("/api/claims", responses=ERRORS, tags=["claims"], status_code=201,
              summary="Add a claim")
    def api_add_claim(record: dict[str, Any],
                      authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Store a claim (the record shape of ``relokant claims import``); 201 with its id.

        A posted claim waits for review (``pending``) unless the body sets ``status``.
        """
        web.guard.check_bearer(authorization)
        claim = parse_claim(record, source="request body", record=1)
        status = None if "status" in record else Status.pending
        stored, _ = store.add_claims([claim], status=status)[0]
        return claim_json(stored)

    @api.post("/api/claims/{claim_id}/review", responses=ERRORS, tags=["claims"],
              summary="Review a claim")
    def api_review(claim_id: str, body: ReviewRequest,
                   authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Edit fields (optional) and set the review status."""
        web.guard.check_bearer(authorization)
        store.get_claim(claim_id)
        if body.changes:
            store.update_claim(claim_id, by=body.by, **body.changes)
        return claim_json(store.review([claim_id], Status(body.status), by=body.by)[0])

    @api.get("/api/actors", responses=ERRORS, tags=["ledger"], summary="Actors",
             response_model=list[dict[str, Any]])
    def api_actors(
        limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> Response:
        """Actors with kind, default source type and aliases, by name; total in X-Total-Count."""
        every = store.actors()
        return json_list([a.model_dump(mode="json") for a in every[offset:offset + limit]],
                         len(every))

    @api.post("/api/documents", responses=ERRORS, tags=["ledger"], status_code=201,
              summary="Upload a document")
    async def api_documents(
        file: Annotated[UploadFile, File()],
        date: Annotated[dt.date | None, Form()] = None,
        outlet: Annotated[str | None, Form(max_length=300)] = None,
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Ingest an article: its claims go into the ledger as pending."""
        web.guard.check_bearer(authorization)
        return await ingest_upload(store, file, date, outlet)

    return api
