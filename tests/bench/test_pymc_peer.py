"""The estimate benchmark's PyMC peer carries relokant's model, or its ESS/s ratio means nothing."""

from __future__ import annotations

import pathlib
import sys

import pytest

from relokant.estimate.observations import build_observations
from relokant.events import RUSSIA_2022, RUSSIA_2022_BY_DESTINATION, Event
from relokant.ledger import Ledger

pytest.importorskip("pymc", reason="the benchmark peers are installed with the 'bench' extra")
sys.path.insert(0, str(pathlib.Path(__file__).parents[2] / "bench"))


@pytest.mark.parametrize("event", [RUSSIA_2022, RUSSIA_2022_BY_DESTINATION],
                         ids=["national", "by destination"])
@pytest.mark.parametrize("seed", [0, 3])
def test_peer_has_the_same_log_density(event: Event, seed: int) -> None:
    from pymc_model import log_density_gap

    obs = build_observations(Ledger.open("sqlite://").list_claims(), event)
    assert log_density_gap(obs, seed=seed) < 1e-6
