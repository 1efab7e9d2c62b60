"""The estimate's pages: the latest fit with its charts, and scenario runs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from relokant.errors import ValidationError
from relokant.report import ReportData
from relokant.report.document import build_charts
from relokant.simulate import BUILTIN, LEVERS
from relokant.web.context import WebContext
from relokant.web.schemas import EstimateRequest, SimulateRequest
from relokant.web.work import check_scenario, estimate_work, simulate_work


def _svg(report: ReportData) -> dict[str, str]:
    from relokant.report import charts

    return {name: charts.to_svg(c) for name, c in build_charts(report).items()}


def router(web: WebContext) -> APIRouter:
    """The estimate's page routes."""
    pages = APIRouter(include_in_schema=False)

    @pages.get("/estimate", response_class=HTMLResponse)
    def page_estimate(request: Request, job: str | None = None) -> Response:
        running = web.jobs.get(job) if job else None
        return web.page(request, "estimate.html", {
            "est": web.estimates.document, "figures": web.estimates.charts(_svg),
            "job": running.as_dict() if running else None})

    @pages.post("/estimate")
    def form_estimate(request: Request, csrf: Annotated[str, Form()] = "",
                      draws: Annotated[int, Form(ge=10, le=5000)] = 1000) -> Response:
        web.check_form(request, csrf)
        job = web.jobs.submit("estimate", estimate_work(
            web, EstimateRequest(draws=draws, warmup=draws)))
        return RedirectResponse(f"/estimate?job={job.id}", status_code=303)

    @pages.get("/scenarios", response_class=HTMLResponse)
    def page_scenarios(request: Request, job: str | None = None) -> Response:
        running = web.jobs.get(job) if job else None
        return web.page(request, "scenarios.html", {
            "levers": LEVERS, "builtin": BUILTIN, "results": web.estimates.scenarios,
            "job": running.as_dict() if running else None})

    @pages.post("/scenarios")
    async def form_scenarios(request: Request) -> Response:
        form = await request.form()
        web.check_form(request, str(form.get("csrf", "")))
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
        check_scenario(body.scenario, levers)
        job = web.jobs.submit("simulate", simulate_work(web, body))
        return RedirectResponse(f"/scenarios?job={job.id}", status_code=303)

    return pages
