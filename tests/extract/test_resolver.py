"""The actor resolver: inflected, aliased and prefixed names reach one canonical actor."""

from __future__ import annotations

import pytest

from relokant.extract.resolver import ActorResolver, display_name
from relokant.records import Actor, ActorKind

ACTORS = (
    Actor(name="Rosstat", aliases=("Росстат", "official statistics")),
    Actor(name="Alexei Raksha", kind=ActorKind.person, aliases=("Алексей Ракша",)),
    Actor(name="Federal Security Service", aliases=("FSB", "ФСБ")),
)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(ACTORS)


@pytest.mark.parametrize(("surface", "canonical"), [
    ("Росстата", "Rosstat"),          # genitive, not listed as an alias
    ("Росстатом", "Rosstat"),         # instrumental
    ("the FSB", "Federal Security Service"),
    ("«ФСБ»", "Federal Security Service"),
    ("Алексея Ракши", "Alexei Raksha"),  # both words inflected
    ("demographer Alexei Raksha", "Alexei Raksha"),  # a role before the name
    ("Official Statistics", "Rosstat"),
])
def test_known_actors_resolve_across_forms(resolver: ActorResolver, surface: str,
                                           canonical: str) -> None:
    found = resolver.resolve(surface)
    assert found.name == canonical
    assert found.actor is not None and found.actor.name == canonical
    assert found.surface == surface


def test_unknown_actor_keeps_cleaned_surface(resolver: ActorResolver) -> None:
    found = resolver.resolve(" «Левада-центр», ")
    assert found.actor is None
    assert found.name == "Левада-центр"


def test_short_trailing_word_does_not_match(resolver: ActorResolver) -> None:
    # "service" alone must not pull in the FSB; only whole aliases of 4+ letters match as tails.
    assert resolver.resolve("the border service").actor is None


def test_display_name_keeps_the_two_parts() -> None:
    assert display_name("Rosstat", "official statistics") == "Rosstat (official statistics)"
    assert display_name("Rosstat", "Rosstat") == "Rosstat"
    assert display_name(None, None) is None


def test_extractor_writes_canonical_and_surface_apart() -> None:
    import datetime as dt

    from relokant.extract import ClaimExtractor
    from relokant.records import TextDocument

    doc = TextDocument(source="t", language="ru", published=dt.date(2024, 3, 1), outlet="T",
                       text="По данным Росстата, в 2022 году из России выбыли 668 тыс. человек.")
    claim = ClaimExtractor(ACTORS).extract(doc)[0].claim
    assert claim.attributed_to == "Rosstat"
    assert claim.attributed_surface and "(" not in claim.attributed_surface
    assert claim.attributed_surface.lower().startswith("росстат")


def test_batch_resolves_against_the_actors_it_is_given(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from relokant.extract.batch import BatchSettings, process_file

    path = tmp_path / "a.txt"
    path.write_text("According to Northway, 700,000 people left Russia in 2022.\n")
    ledger_actors = (Actor(name="Northway Relocation", aliases=("Northway",)),)
    settings = BatchSettings(date=dt.date(2024, 1, 1), language="en", actors=ledger_actors)
    found = process_file(str(path), settings).extractions
    assert [x.claim.attributed_to for x in found] == ["Northway Relocation"]
    assert found[0].claim.attributed_surface == "Northway"
