"""Background work: re-fits and scenario runs, each through the pipeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pydantic

from relokant.errors import SimulateError
from relokant.pipeline import build_report, fit, run_scenarios
from relokant.report import estimate_document
from relokant.simulate import Scenario, load_scenario
from relokant.web.context import WebContext
from relokant.web.schemas import EstimateRequest, SimulateRequest
from relokant.web.state import Fitted

Work = Callable[[Callable[[str, float], None]], dict[str, Any]]


def estimate_work(web: WebContext, settings: EstimateRequest) -> Work:
    """A re-fit of the ledger whose result becomes the estimate every page shows."""
    def work(progress: Callable[[str, float], None]) -> dict[str, Any]:
        # a re-fit after new claims starts where the shown fit's chains ended
        shown = web.estimates.fitted
        est = fit(web.store, progress=progress,
                  previous=shown.estimate if shown else None, **settings.settings())
        document = estimate_document(est)
        web.estimates.publish(Fitted(est, document, build_report(web.store, fitted=est)))
        return document
    return work


def check_scenario(name: str, levers: dict[str, float]) -> None:
    """Validate levers as a TOML scenario would be, with the same messages."""
    try:
        Scenario(name=name, levers=levers)
    except pydantic.ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise SimulateError(message, hint="see GET /scenarios for the levers") from None


def scenario_of(body: SimulateRequest) -> Scenario:
    """The scenario a request names or spells out (validated before any work starts)."""
    if body.levers is not None:
        check_scenario(body.scenario or "custom", body.levers)
        return Scenario(name=body.scenario or "custom", levers=body.levers)
    return load_scenario(body.scenario)


def simulate_work(web: WebContext, body: SimulateRequest) -> Work:
    """A scenario run on the latest estimate (fitting one first if there is none)."""
    scenario = scenario_of(body)

    def work(progress: Callable[[str, float], None]) -> dict[str, Any]:
        if web.estimates.fitted is None:
            progress("estimating first", 0.05)
            estimate_work(web, EstimateRequest())(progress)
        fitted = web.estimates.fitted
        assert fitted is not None
        progress("calibrating and simulating", 0.6)
        (run,) = run_scenarios(fitted.estimate, [scenario], agents=body.agents,
                               months=body.months, draws=body.draws, seed=body.seed)
        result = run.to_dict()
        web.estimates.add_scenario(scenario.name, result)
        return result
    return work
