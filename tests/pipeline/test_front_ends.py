"""The CLI and the web app are two doors to one pipeline: same article, same claims."""

from __future__ import annotations

import json
import os
import pathlib

from fastapi.testclient import TestClient

from relokant.ledger import Ledger
from relokant.web import create_app

TOKEN = "test-token-0123456789abcdef"


def _claims(ledger: Ledger) -> list[dict[str, object]]:
    return sorted((c.model_dump(mode="json", exclude={"citations", "reviewed_at"})
                   for c in ledger.list_claims()), key=lambda c: str(c["id"]))


def test_cli_and_web_store_the_same_claims(cli, corpus: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    article = sorted(corpus.glob("*.txt"))[-1]
    meta = json.loads(article.with_name(article.stem + ".meta.json").read_text())
    assert cli("ingest", str(article)).code == 0
    by_cli = Ledger.open(os.environ["RELOKANT_DB"])

    by_web = Ledger.open("sqlite://")
    client = TestClient(create_app(ledger=by_web, token=TOKEN))
    response = client.post(
        "/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
        files={"file": (article.name, article.read_bytes(), "text/plain")},
        data={"date": meta["date"][:10], "outlet": meta["outlet"]})
    assert response.status_code == 201, response.text
    assert response.json()["claims"]
    assert _claims(by_cli) == _claims(by_web)


def test_both_front_ends_refuse_an_unknown_model_naming_the_choices(  # type: ignore[no-untyped-def]
        cli, tmp_path: pathlib.Path) -> None:
    """``--by`` and the API's ``by`` come from one list (:data:`relokant.pipeline.By`)."""
    from typing import get_args

    from relokant.pipeline import By, by_destination

    assert get_args(By) == ("destination", "national")
    assert by_destination(None) and by_destination("destination")
    assert not by_destination("national")
    for args in (("estimate", "--by", "cohort"),
                 ("report", "--by", "region", "-o", str(tmp_path / "r.html"))):
        result = cli(*args)
        assert result.code != 0
        assert "destination or national" in result.err and "by" in result.err, result.err
    assert not (tmp_path / "r.html").exists()
    client = TestClient(create_app(ledger=Ledger.open("sqlite://"), token=TOKEN))
    answer = client.post("/api/estimate", json={"by": "cohort"},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 422 and answer.json()["field"] == "by", answer.text
