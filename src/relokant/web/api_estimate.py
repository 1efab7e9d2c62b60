"""The JSON API of the estimate: the latest fit, re-fits, scenario runs and their jobs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header

from relokant.errors import NotFoundError
from relokant.web.context import WebContext
from relokant.web.schemas import ERRORS, EstimateRequest, SimulateRequest
from relokant.web.work import estimate_work, simulate_work


def router(web: WebContext) -> APIRouter:
    """The estimate's API routes."""
    api = APIRouter()

    @api.get("/api/estimate", responses=ERRORS, tags=["estimate"],
             summary="The latest estimate")
    def api_estimate() -> dict[str, Any]:
        """The latest fitted estimate (``relokant estimate --json`` shape)."""
        document = web.estimates.document
        if document is None:
            raise NotFoundError("no estimate has been fitted on this server yet",
                                hint="POST /api/estimate to start one")
        return document

    @api.post("/api/estimate", responses=ERRORS, tags=["estimate"], status_code=202,
              summary="Re-fit")
    def api_refit(body: EstimateRequest | None = None,
                  authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Start a re-fit in the background; poll ``GET /api/jobs/{id}``."""
        web.guard.check_bearer(authorization)
        body = body or EstimateRequest()
        body.settings()  # a bad month or prior scale is refused now, not in the job
        return web.jobs.submit("estimate", estimate_work(web, body)).as_dict()

    @api.post("/api/simulate", responses=ERRORS, tags=["simulate"], status_code=202,
              summary="Run a scenario")
    def api_simulate(body: SimulateRequest,
                     authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Start a scenario run in the background; poll ``GET /api/jobs/{id}``."""
        web.guard.check_bearer(authorization)
        return web.jobs.submit("simulate", simulate_work(web, body)).as_dict()

    @api.get("/api/jobs/{job_id}", responses=ERRORS, tags=["jobs"],
             summary="A background job")
    def api_job(job_id: str) -> dict[str, Any]:
        """Progress and, when done, the result of a job."""
        job = web.jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job with id {job_id!r}")
        return job.as_dict()

    return api
