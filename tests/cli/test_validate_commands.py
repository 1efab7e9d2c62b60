"""estimate --until/--prior-scale, predict, backtest and calibrate on a small synthetic ledger."""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest

from relokant.estimate.synthetic import simulate_world, synthetic_claims
from relokant.ledger.serialise import write_claims

FAST = ["--draws", "100", "--chains", "1"]


@pytest.fixture
def synthetic(cli, tmp_path: pathlib.Path):  # type: ignore[no-untyped-def]
    """The CLI on a ledger holding one synthetic world's claims."""
    rng = np.random.default_rng(8)
    claims, _ = synthetic_claims(simulate_world(rng=rng), rng=rng, n_counts=6, n_shares=4)
    path = tmp_path / "claims.json"
    path.write_text(write_claims(claims, "json"), encoding="utf-8")
    assert cli("init", "--empty").code == 0
    assert cli("claims", "import", str(path)).code == 0
    return cli


def test_estimate_until_and_prior_scale(synthetic) -> None:  # type: ignore[no-untyped-def]
    result = synthetic("estimate", "--json", "--until", "2024-06", "--prior-scale", "neutral:2",
                       "--warmup", "100", *FAST)
    assert result.code in (0, 1), result.err
    doc = json.loads(result.out)
    assert doc["horizon"]["until"] == "2024-06-30" and doc["horizon"]["projected_months"] > 0
    assert doc["quantities"]["departures"][-1]["date"] == "2024-06-30"
    assert doc["bias_priors"] == "neutral, spread x2"
    sens = doc["sensitivity"]["return_share"]
    assert {"all_priors", "bias_priors"} <= set(sens["prior"]) and sens["verdict"]
    bad = synthetic("estimate", "--until", "2024-13", *FAST)
    assert bad.code == 2 and "not a month" in bad.err


def test_predict_every_measure_and_a_destination(synthetic) -> None:  # type: ignore[no-untyped-def]
    result = synthetic("predict", "--measure", "return_share", "--as-of", "2024-03-31",
                       "--source-type", "government_statement", "--json", *FAST)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    r = doc["reported"]
    assert 0 < r["q05"] < r["q25"] < r["median"] < r["q75"] < r["q95"] < 100
    assert doc["projected"] is True
    # a destination the model does not list, or a share for one destination: refused
    # before any fitting, with the reason
    unknown = synthetic("predict", "--measure", "stock_abroad", "--as-of", "2023-06-30",
                        "--destination", "zz", *FAST)
    assert unknown.code == 2 and "ZZ is not modelled by this estimate" in unknown.err
    share = synthetic("predict", "--measure", "return_share", "--as-of", "2023-06-30",
                      "--destination", "GE", *FAST)
    assert share.code == 2 and "not modelled for one destination" in share.err


def test_backtest_scores_later_claims(synthetic) -> None:  # type: ignore[no-untyped-def]
    result = synthetic("backtest", "--cutoff", "2023-03-31", "--json", *FAST)
    assert result.code == 0, result.err
    doc = json.loads(result.out)["cutoffs"][0]
    assert doc["cutoff"] == "2023-03-31" and doc["n_scored"] > 0
    assert doc["summary"]["overall"][0]["n"] == doc["n_scored"]
    early = synthetic("backtest", "--cutoff", "2021-01-01", *FAST)
    assert early.code == 2 and "no accepted claim was published" in early.err


def test_calibrate_reports_coverage(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "worlds.jsonl"
    result = cli("calibrate", "--worlds", "1", "--json", "--results", str(store), *FAST)
    doc = json.loads(result.out)
    assert result.code == (0 if doc["meets_targets"] else 1)
    assert doc["worlds"] == 1 and "return_share" in doc["coverage"]
    for name, c in doc["coverage"].items():
        assert sum(c["rank_histogram"]) == c["n"], name
        assert 0 <= c["50"] <= c["90"] <= 1
    assert doc["coverage"]["bias_count"]["n"] >= 4  # several source types a world
    assert len(store.read_text().splitlines()) == 1
    again = cli("calibrate", "--worlds", "1", "--json", "--results", str(store), *FAST)
    assert json.loads(again.out)["coverage"] == doc["coverage"]  # resumed, not refitted
    assert "world 1/1" not in again.err
