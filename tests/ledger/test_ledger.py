"""The ledger: bundled record, one claim many citations, atomic writes, both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from relokant.consistency import check_claims
from relokant.errors import NotFoundError, ValidationError
from relokant.extract.numbers import find_numbers
from relokant.ledger import Ledger, load_bundle
from relokant.records import Citation, Claim, Document, Status


def _doc(outlet: str = "Test Outlet", day: str = "2024-01-10") -> Document:
    return Document(outlet=outlet, published=dt.date.fromisoformat(day), title="t")


def _claim(**over: object) -> Claim:
    data: dict[str, object] = {
        "measure": "departures", "unit": "persons", "bound": "point", "value": 700000,
        "attributed_to": "Test Demographer", "period_start": "2022-02-24",
        "as_of": "2023-06-30", "citations": [{"document": _doc().model_dump()}],
    }
    data.update(over)
    return Claim.model_validate(data)


def test_bundle_is_seeded_with_provenance(ledger: Ledger) -> None:
    claims = ledger.list_claims()
    assert len(claims) >= 20
    for claim in claims:
        assert claim.citations, claim.id
        for cit in claim.citations:
            assert cit.document.outlet and cit.document.published
    assert all(c.status is Status.accepted for c in claims)


def test_claim_relayed_by_three_articles_is_one_claim(ledger: Ledger) -> None:
    half = [c for c in ledger.list_claims(measure="return_share")
            if c.attributed_to == "Vladimir Putin" and c.value == 50]
    assert len(half) == 1
    assert len(half[0].citations) == 3
    assert len({c.document.published for c in half[0].citations}) == 3


def test_bundle_citations_point_into_corpus_documents(corpus, ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    import json

    metas = {json.loads(p.read_text())["title"]: p for p in corpus.glob("*.meta.json")}
    for claim in ledger.list_claims():
        for cit in claim.citations:
            if claim.destination or claim.indicator == "foreign_citizenship_or_residence_" \
                    "notifications":  # a host-country figure: cited to its web page
                assert (cit.document.url or "").startswith("https://") and cit.span_start is None
                continue
            assert cit.document.title in metas
            text = metas[cit.document.title].with_name(
                metas[cit.document.title].name.replace(".meta.json", ".txt")).read_text()
            assert cit.span_start is not None and cit.span_end is not None
            quote = text[cit.span_start:cit.span_end]
            if "hundreds of thousands" in quote:  # a vague bound, recorded with a note
                assert claim.note and "Hundreds" in claim.note
                continue
            read = [n.value for n in find_numbers(quote)]
            for figure in claim.figures:
                assert any(abs(v - figure) <= 0.005 * figure for v in read), (claim.id, quote)


def test_check_flags_the_izvestia_arithmetic(ledger: Ledger) -> None:
    findings = check_claims(ledger.list_claims())
    arithmetic = [f for f in findings if f.kind == "arithmetic"]
    assert len(arithmetic) == 1
    assert "334,000" in arithmetic[0].message and "50%" in arithmetic[0].message
    izvestia = next(c for c in ledger.list_claims(measure="returns"))
    assert izvestia.id in arithmetic[0].claims


def test_duplicate_claim_becomes_a_citation(ledger: Ledger) -> None:
    before = ledger.count_claims()
    putin = _claim(measure="return_share", unit="percent", value=50,
                   attributed_to="Путин", as_of="2023-06-15",
                   citations=[{"document": _doc("Новая газета").model_dump()}])
    stored, new = ledger.add_claims([putin])[0]
    assert not new
    assert ledger.count_claims() == before
    assert stored.attributed_to == "Vladimir Putin"
    assert len(stored.citations) == 4


def test_add_claims_is_all_or_nothing(ledger: Ledger) -> None:
    before = ledger.snapshot_hash(), ledger.count_claims()
    good = _claim()
    clash = _claim(id=ledger.list_claims()[0].id, value=123456)
    with pytest.raises(ValidationError, match="already exists"):
        ledger.add_claims([good, clash])
    assert (ledger.snapshot_hash(), ledger.count_claims()) == before


def test_review_and_edit(ledger: Ledger) -> None:
    stored, _ = ledger.add_claims([_claim()], status=Status.pending)[0]
    assert stored.status is Status.pending
    assert stored.id is not None
    edited = ledger.update_claim(stored.id, value=710000.0, by="editor")
    assert edited.value == 710000 and edited.reviewed_by == "editor"
    with pytest.raises(ValidationError, match="cannot exceed 100"):
        ledger.update_claim(stored.id, unit="percent", value=150.0)
    assert ledger.get_claim(stored.id).value == 710000
    accepted = ledger.review([stored.id], Status.accepted, by="editor")[0]
    assert accepted.status is Status.accepted and accepted.reviewed_at is not None
    with pytest.raises(NotFoundError):
        ledger.review([stored.id, "clm_missing"], Status.rejected)
    assert ledger.get_claim(stored.id).status is Status.accepted


def test_filters(ledger: Ledger) -> None:
    rosstat = ledger.list_claims(actor="Росстат")
    assert [c.value for c in rosstat] == [668400]
    assert all(c.measure.value == "return_share"
               for c in ledger.list_claims(measure="return_share"))
    assert ledger.count_claims(source_type="panel_survey") >= 1
    assert ledger.list_claims(search="job seekers")[0].attributed_to == "HeadHunter"
    with pytest.raises(ValidationError):
        ledger.list_claims(measure="emigrants")


def test_empty_init_has_actors_but_no_claims(empty_ledger: Ledger) -> None:
    assert empty_ledger.count_claims() == 0
    assert empty_ledger.resolve_actor("Росстат") is not None
    assert empty_ledger.resolve_actor("hh.ru").name == "HeadHunter"  # type: ignore[union-attr]


def test_reopen_does_not_reseed(db_url: str) -> None:
    first = Ledger.open(db_url)
    n = first.count_claims()
    again = Ledger.open(db_url)
    assert again.count_claims() == n
    again.initialise()
    assert again.count_claims() == n


def test_bundle_loads_and_validates() -> None:
    actors, claims, version = load_bundle()
    assert version and len(actors) >= 10 and len(claims) >= 20
    assert all(c.citations and c.citations[0].quote is None for c in claims)


def test_citation_requires_outlet_and_date() -> None:
    with pytest.raises(Exception, match="outlet"):
        Citation.model_validate({"document": {"published": "2024-01-01"}})
    with pytest.raises(Exception, match="published"):
        Citation.model_validate({"document": {"outlet": "X"}})


def test_one_claim_reads_as_it_lists_and_revision_follows_writes(ledger: Ledger) -> None:
    """Listing and single reads are separate queries; they must build the same records."""
    listed = ledger.list_claims()
    assert listed and all(ledger.get_claim(c.id) == c for c in listed if c.id)
    assert ledger.count_claims(measure="return_share") == len(
        ledger.list_claims(measure="return_share"))
    before = ledger.fingerprint()
    claim = listed[0]
    ledger.review([claim.id or ""], Status.rejected, by="test")
    assert ledger.fingerprint() != before


def test_dead_pooled_connections_are_replaced(ledger: Ledger, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """After a server restart (here: its backends killed), an idle pool heals itself.

    Connections used in the last second are trusted without a ping (one round
    trip less per read); older ones are checked on checkout and replaced if dead.
    """
    from sqlalchemy import event

    from relokant.ledger import database

    if ledger.engine.dialect.name == "sqlite":  # in-process: nothing to check or ping
        assert not event.contains(ledger.engine, "checkout", database._check_if_idle)
        return
    import psycopg
    from sqlalchemy.exc import OperationalError

    assert event.contains(ledger.engine, "checkout", database._check_if_idle)

    url = ledger.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)

    def kill_backends() -> None:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()")

    monkeypatch.setattr(database, "PING_AFTER_IDLE_S", 3600.0)  # every connection "recent"
    first = ledger.list_claims(limit=1)[0]
    kill_backends()
    with pytest.raises(OperationalError):  # trusted as recently used: the read fails
        ledger.get_claim(first.id or "")
    ledger.list_claims(limit=1)
    kill_backends()
    monkeypatch.setattr(database, "PING_AFTER_IDLE_S", 0.0)  # as if idle for long
    assert ledger.get_claim(first.id or "") == first


def test_filters_match_percent_underscore_and_nul_literally(ledger: Ledger) -> None:
    def holds(claim: Claim, text: str) -> bool:
        fields = [claim.attributed_to, claim.population, claim.method, claim.note]
        fields += [c.quote for c in claim.citations]
        return any(text in (f or "").lower() for f in fields)

    total = ledger.count_claims()
    # '%' and '_' are characters to find, not wildcards that match every claim.
    for text in ("%", "_"):
        found = ledger.list_claims(search=text, limit=10_000)
        assert len(found) < total and all(holds(c, text) for c in found)
    assert ledger.list_claims(actor="%") == []
    stored = ledger.add_claims([_claim(note="growth of 5%_plus")])[0][0]
    assert [c.id for c in ledger.list_claims(search="5%_p")] == [stored.id]
    assert ledger.list_claims(search="5%%p") == []
    with pytest.raises(ValidationError, match="NUL") as raised:
        ledger.list_claims(actor="\x00")
    assert raised.value.field == "actor"
    with pytest.raises(ValidationError, match="NUL"):
        ledger.list_claims(search="a\x00")
    assert ledger.count_claims() == total + 1


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_json_import_refuses_non_finite_numbers(number: str) -> None:
    from relokant.ledger.serialise import parse_json

    text = ('[{"measure": "departures", "unit": "persons", "bound": "point", '
            f'"value": {number}, "attributed_to": "X", "as_of": "2023-06-30"}}]')
    with pytest.raises(ValidationError, match="finite number") as raised:
        parse_json(text, source="claims.json")
    assert "claims.json" in str(raised.value)


def test_json_import_refuses_deep_nesting_cleanly() -> None:
    from relokant.ledger.serialise import parse_json

    with pytest.raises(ValidationError, match="nested too deeply"):
        parse_json("[" * 100_000 + "]" * 100_000, source="deep.json")
