"""The policy lab: conservation, lever directions, calibration, scenarios, scale-out."""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relokant.errors import SimulateError
from relokant.simulate import BUILTIN, PolicyLab, PosteriorPaths, Scenario, load_scenario
from relokant.simulate.engine import Behaviour, run
from relokant.simulate.levers import LEVERS, draw_effects
from relokant.simulate.population import build_population


def _paths(draws: int = 12, months: int = 23, seed: int = 0) -> PosteriorPaths:
    """A stand-in posterior: cumulative departures and return shares per draw."""
    rng = np.random.default_rng(seed)
    monthly = np.full(months, 25_000.0)
    monthly[1], monthly[8], monthly[9] = 150_000, 180_000, 60_000
    D = np.cumsum(monthly)[None, :] * rng.uniform(0.8, 1.2, (draws, 1))
    share = np.linspace(0, 1, months)[None, :] * rng.uniform(0.2, 0.4, (draws, 1))
    return PosteriorPaths(D=D, share=share)


@pytest.fixture(scope="module")
def lab() -> PolicyLab:
    return PolicyLab(agents=20_000, months=12, draws=6, seed=4).fit(_paths())


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), levers=st.dictionaries(
    st.sampled_from(list(LEVERS)), st.floats(0, 1), max_size=3))
def test_people_are_conserved_every_month(seed: int, levers: dict[str, float]) -> None:
    monthly = np.full(20, 10_000.0)
    pop = build_population(monthly, 3000, rng=np.random.default_rng(seed))
    t = run(pop, Behaviour(shift=1.0), months=30, projection_start=20,
            levers={k: min(v, LEVERS[k].maximum) for k, v in levers.items()},
            effects=draw_effects(np.random.default_rng(seed)), seed=seed, autumn_wave=50_000)
    c = t.counts
    assert np.array_equal(c["abroad"] + c["returned"] + c["moved_on"], c["departed"])
    assert np.all(np.diff(c["departed"]) >= 0) and np.all(np.diff(c["returned"]) >= 0)
    assert np.allclose(t.abroad + t.returned, t.departed)


def test_calibration_reproduces_the_estimated_share(lab: PolicyLab) -> None:
    for draw, run_ in zip(lab.draws_, lab.baseline_, strict=True):
        last = lab.history_ - 1
        simulated = run_.returned[last] / run_.departed[last]
        assert abs(simulated - draw.target_share) < 0.03


def test_no_levers_equals_baseline(lab: PolicyLab) -> None:
    result = lab.simulate(Scenario(name="nothing"))
    assert (result.frame[["diff_q05", "diff_median", "diff_q95"]].abs().to_numpy() == 0).all()


@pytest.mark.parametrize(("scenario", "figure", "sign"), [
    ("incentives", "returns", +1),
    ("entry_restrictions", "returns", -1),
    ("mobilization", "returns", -1),
    ("mobilization", "departed", +1),
    ("remote_work_tax", "remote_workers_paying_russian_tax", -1),
])
def test_levers_move_results_in_their_documented_direction(lab: PolicyLab, scenario: str,
                                                           figure: str, sign: int) -> None:
    final = lab.simulate(BUILTIN[scenario]).final(figure)
    assert sign * final["diff_median"] > 0
    assert sign * final["diff_q95" if sign < 0 else "diff_q05"] >= 0


@pytest.mark.parametrize(("lever", "figure", "sign"), [
    ("property_confiscation", "returns", -1), ("residence_rules", "returns", +1),
    ("it_salary_growth", "returns", +1),
])
def test_other_levers(lab: PolicyLab, lever: str, figure: str, sign: int) -> None:
    final = lab.simulate(Scenario(name=lever, levers={lever: 0.8})).final(figure)
    assert sign * final["diff_median"] > 0


def test_json_shape(lab: PolicyLab) -> None:
    doc = lab.simulate(BUILTIN["incentives"]).to_dict()
    assert doc["scenario"] == "incentives"
    month = doc["months"][-1]
    for figure in ("returns", "abroad", "remote_workers_paying_russian_tax", "tax_revenue_rub"):
        assert set(month[figure]) == {"median", "q05", "q95"}
        assert set(month["difference_to_baseline"][figure]) == {"median", "q05", "q95"}
    assert len(doc["months"]) == 13


def test_toml_scenarios(tmp_path: pathlib.Path) -> None:
    good = tmp_path / "mix.toml"
    good.write_text('description = "mixed"\n[levers]\nreturn_incentives = 0.5\n'
                    'remote_work_tax = 0.1\n')
    scenario = load_scenario(str(good))
    assert scenario.name == "mix" and scenario.levers["remote_work_tax"] == 0.1
    bad = tmp_path / "typo.toml"
    bad.write_text("[levers]\nreturn_incentive = 1.0\n")
    with pytest.raises(SimulateError, match="unknown lever 'return_incentive'"):
        load_scenario(str(bad))
    too_big = tmp_path / "big.toml"
    too_big.write_text("[levers]\nmobilization = 3\n")
    with pytest.raises(SimulateError, match="between 0 and 1"):
        load_scenario(str(too_big))
    with pytest.raises(SimulateError, match="unknown scenario"):
        load_scenario("utopia")
    broken = tmp_path / "broken.toml"
    broken.write_text("[levers\n")
    with pytest.raises(SimulateError, match="not valid TOML"):
        load_scenario(str(broken))


def test_memory_is_compact() -> None:
    pop = build_population(np.full(20, 1000.0), 100_000, rng=np.random.default_rng(0))
    assert pop.nbytes() / pop.n <= 32


def test_bad_settings() -> None:
    with pytest.raises(SimulateError, match="agents"):
        PolicyLab(agents=10)
    with pytest.raises(SimulateError, match="fit"):
        PolicyLab().simulate(BUILTIN["baseline"])


@pytest.mark.slow
def test_dask_sweep_matches_in_process(lab: PolicyLab) -> None:
    from distributed import LocalCluster

    from relokant.simulate.sweep import sweep

    local = sweep(lab, [BUILTIN["incentives"]])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        remote = sweep(lab, [BUILTIN["incentives"]], dask_address=cluster.scheduler_address)
    assert local[0].frame.equals(remote[0].frame)


def test_cli_simulate_with_saved_posterior(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    import arviz as az
    import xarray as xr

    paths = _paths(draws=8)
    months = [f"m{i}" for i in range(paths.months)]
    idata = az.InferenceData(posterior=xr.Dataset({
        "D": (("chain", "draw", "month"), paths.D[None]),
        "share": (("chain", "draw", "month"), paths.share[None])},
        coords={"month": months}))
    posterior = tmp_path / "post.nc"
    idata.to_netcdf(str(posterior), engine="h5netcdf")
    result = cli("simulate", "--posterior", str(posterior), "--scenario", "incentives",
                 "--agents", "5000", "--draws", "4", "--months", "6", "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["scenario"] == "incentives" and doc["months"][-1]["returns"]["median"] > 0
    typo = tmp_path / "typo.toml"
    typo.write_text("[levers]\nincentives = 1\n")
    bad = cli("simulate", "--posterior", str(posterior), "--scenario", str(typo))
    assert bad.code == 2 and "unknown lever 'incentives'" in bad.err


def test_report_scenario_section() -> None:
    """`report --scenarios` path: scenario trajectories and summaries reach the HTML."""

    from relokant.pipeline import scenario_frames
    from relokant.report import render_html
    from tests.report_stub import stub_report

    frame, summary = scenario_frames(_paths(draws=4), ["incentives"], agents=3000, months=6,
                                     draws=3)
    assert set(frame["scenario"]) == {"baseline", "incentives"}
    rows = {(s["scenario"], s["figure"]): s for s in summary}
    assert rows[("incentives", "returns")]["diff_median"] > 0
    assert rows[("baseline", "returns")]["diff_median"] == 0
    html = render_html(stub_report(scenarios=frame, scenario_summary=summary))
    assert "Policy scenarios" in html and "Cumulative returns by scenario" in html
