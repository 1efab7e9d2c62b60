"""Field confidence follows how a field was found; review order puts the least certain first."""

from __future__ import annotations

import datetime as dt

from relokant.extract import ClaimExtractor
from relokant.extract.confidence import least_certain_first
from relokant.records import Actor, TextDocument

PUB = dt.date(2024, 3, 1)
ACTORS = (Actor(name="Rosstat", aliases=("Росстат",)),)


def _claims(text: str, language: str = "en") -> list:  # type: ignore[type-arg]
    doc = TextDocument(source="t", text=text, language=language, published=PUB, outlet="T")
    return [x.claim for x in ClaimExtractor(ACTORS).extract(doc)]


def test_explicit_cues_are_surer_than_defaults() -> None:
    sure = _claims("According to Rosstat, 700,000 people left Russia in 2022.")[0]
    unsure = _claims("About 100,000 people left.")[0]
    assert sure.field_confidence("attributed_to") > unsure.field_confidence("attributed_to")
    assert sure.field_confidence("as_of") > unsure.field_confidence("as_of")
    assert all(0 < c <= 1 for _, c in sure.confidence + unsure.confidence)


def test_known_actor_surer_than_unknown_name() -> None:
    known = _claims("По данным Росстата, в 2022 году из России выбыли 668 тыс. человек.", "ru")[0]
    unknown = _claims("According to Ivan Petrov, 700,000 people left Russia in 2022.")[0]
    assert unknown.attributed_to
    assert known.field_confidence("attributed_to") > unknown.field_confidence("attributed_to")


def test_least_certain_first_orders_for_review() -> None:
    sure = _claims("According to Rosstat, 700,000 people left Russia in 2022.")[0]
    unsure = _claims("About 100,000 people left.")[0]
    assert least_certain_first([sure, unsure]) == [unsure, sure]
    assert least_certain_first([unsure, sure]) == [unsure, sure]


def test_an_actor_named_earlier_is_less_certain_than_one_named_in_the_sentence() -> None:
    named = _claims("Boris Lagin said 540,000 people left Russia in 2023.")[0]
    carried = _claims("Boris Lagin has counted emigrants for years. In his view, 540,000 "
                      "people left Russia in 2023.")[-1]
    assert carried.attributed_to == "Boris Lagin"
    assert carried.field_confidence("attributed_to") < named.field_confidence("attributed_to")
