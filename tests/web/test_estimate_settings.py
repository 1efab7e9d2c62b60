"""The API's re-fit takes the CLI's horizon and prior settings, refused at once when bad."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from relokant.errors import ValidationError
from relokant.ledger import Ledger
from relokant.web import create_app
from relokant.web.schemas import EstimateRequest

TOKEN = "t" * 32
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_settings_parse_as_the_cli_parses_them() -> None:
    settings = EstimateRequest(until="2024-02", prior_scale="neutral").settings()
    assert settings["until"] == dt.date(2024, 2, 29)
    assert settings["prior_scale"] is not None and settings["prior_scale"].neutral
    assert EstimateRequest().settings()["until"] is None
    with pytest.raises(ValidationError, match="not a month"):
        EstimateRequest(until="2024-13").settings()
    # the destination model by default; the national one as `--by national` fits it
    assert EstimateRequest(by="destination").settings()["by_destination"] is True
    assert EstimateRequest().settings()["by_destination"] is True
    assert EstimateRequest(by="national").settings()["by_destination"] is False


@pytest.mark.parametrize("body,field", [({"until": "2024-13"}, "until"),
                                        ({"until": "June"}, "until"),
                                        ({"prior_scale": "loud"}, "prior_scale"),
                                        ({"by": "cohort"}, "by")])
def test_bad_settings_are_refused_before_any_job(body: dict[str, str], field: str) -> None:
    client = TestClient(create_app(ledger=Ledger.open("sqlite://"), token=TOKEN))
    answer = client.post("/api/estimate", json=body, headers=AUTH)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field
