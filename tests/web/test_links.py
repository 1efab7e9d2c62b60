"""Only http(s) links are rendered as links; pages and the report forbid script (#11.11)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from relokant.ledger import Ledger
from relokant.records import Claim
from relokant.urls import safe_url
from relokant.web import create_app

HOSTILE = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example",
           "https:///nohost"]


def test_safe_url_keeps_web_links_only() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("http://example.org") == "http://example.org"
    for url in HOSTILE:
        assert safe_url(url) is None, url
    assert safe_url(None) is None


def test_claim_page_does_not_link_a_javascript_url() -> None:
    ledger = Ledger.open("sqlite://")
    claim = Claim.model_validate({
        "measure": "departures", "unit": "persons", "bound": "point", "value": 1000,
        "as_of": "2023-01-31", "status": "accepted",
        "citations": [{"document": {"outlet": "Evil", "published": "2023-02-01",
                                    "url": "javascript:alert(1)"}}]})
    (stored, _), = ledger.add_claims([claim])
    client = TestClient(create_app(ledger=ledger, token="t" * 24))
    page = client.get(f"/claims/{stored.id}")
    assert page.status_code == 200
    assert 'href="javascript:' not in page.text and "not a web link" in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "content-security-policy" in client.get("/api/claims").headers


def test_docs_are_served_offline_from_the_package() -> None:
    client = TestClient(create_app(ledger=Ledger.open("sqlite://"), token="t" * 24))
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "/static/swagger/swagger-ui-bundle.js" in page.text
    script = client.get("/static/swagger/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert client.get("/static/swagger/swagger-ui.css").status_code == 200
