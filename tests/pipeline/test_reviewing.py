"""The review queue: least certain claims first, uncertain fields marked, in CLI and web."""

from __future__ import annotations

import datetime as dt
import pathlib

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from relokant.cli import app as cli_app
from relokant.ledger import Ledger
from relokant.pipeline import review_queue
from relokant.records import Claim, Document, Status
from relokant.web import create_app

TOKEN = "t" * 32


def _claim(value: float, confidence: tuple[tuple[str, float], ...], who: str) -> Claim:
    doc = Document(outlet="Test Daily", published=dt.date(2023, 7, 1), title="t")
    return Claim.model_validate({
        "measure": "departures", "unit": "persons", "bound": "point", "value": value,
        "attributed_to": who, "period_start": "2022-02-24", "as_of": "2023-06-30",
        "status": "pending", "confidence": confidence,
        "citations": [{"document": doc.model_dump()}]})


def _ledger(url: str = "sqlite://") -> Ledger:
    ledger = Ledger.open(url, seed=False)
    ledger.add_claims([
        _claim(100_000, (("attributed_to", 0.95), ("as_of", 0.95)), "Sure Demographer"),
        _claim(200_000, (("attributed_to", 0.4), ("as_of", 0.6)), "Unsure Speaker"),
        _claim(300_000, (("attributed_to", 0.9), ("as_of", 0.75)), "Middle Analyst"),
    ])
    return ledger


def test_queue_puts_the_least_certain_first_and_names_its_fields() -> None:
    items, total = review_queue(_ledger())
    assert total == 3
    assert [i.claim.value for i in items] == [200_000, 300_000, 100_000]
    assert items[0].uncertain == ("attributed_to", "as_of")
    assert items[-1].uncertain == ()
    page, _ = review_queue(_ledger(), limit=1, offset=1)
    assert [i.claim.value for i in page] == [300_000]


def test_an_edited_field_is_no_longer_doubted() -> None:
    ledger = _ledger()
    unsure = review_queue(ledger)[0][0].claim
    edited = ledger.update_claim(unsure.id or "", attributed_to="Another Speaker")
    assert "attributed_to" not in dict(edited.confidence)
    assert dict(edited.confidence)["as_of"] == 0.6
    assert edited.status is Status.pending


def test_web_review_page_shows_the_same_order_and_marks(tmp_path: pathlib.Path) -> None:
    client = TestClient(create_app(ledger=_ledger(), token=TOKEN))
    html = client.get("/review").text
    assert html.index("Unsure Speaker") < html.index("Middle Analyst") < html.index(
        "Sure Demographer")
    assert html.count("(check)") == 2  # the unsure claim's actor and date


def test_cli_review_shows_the_least_certain_first(tmp_path: pathlib.Path) -> None:
    url = f"sqlite:///{tmp_path}/l.db"
    _ledger(url)
    result = CliRunner().invoke(cli_app, ["--db", url, "review"], input="s\ns\ns\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("200,000") < out.index("300,000") < out.index("100,000")
    assert "check: attributed_to (0.40), as_of (0.60)" in out
