"""Export then import into an empty ledger is lossless (property test)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relokant.ledger import Ledger
from relokant.ledger.serialise import parse_csv, parse_json, write_claims
from relokant.records import Bound, Claim, Measure, SourceType, Unit

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
               min_size=1, max_size=30)
day = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2025, 12, 31))


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    unit = draw(st.sampled_from(list(Unit)))
    top = 100.0 if unit is Unit.percent else 5e6
    number = st.floats(min_value=0, max_value=top, allow_nan=False).map(lambda x: round(x, 3))
    bound = draw(st.sampled_from(list(Bound)))
    figures: dict[str, object]
    if bound is Bound.range:
        a, b = sorted((draw(number), draw(number)))
        figures = {"low": a, "high": b}
    else:
        figures = {"value": draw(number)}
    start = draw(st.none() | day)
    as_of = draw(st.none() | day)
    if start and as_of and as_of < start:
        start, as_of = as_of, start
    return Claim.model_validate({
        "measure": draw(st.sampled_from(list(Measure))), "unit": unit, "bound": bound,
        **figures, "population": draw(st.none() | text), "period_start": start,
        "as_of": as_of, "attributed_to": draw(st.none() | text),
        "attributed_surface": draw(st.none() | text),
        "std_error": draw(st.none() | st.floats(min_value=0, max_value=1e6).map(
            lambda x: round(x, 3))),
        "confidence": tuple(draw(st.dictionaries(
            st.sampled_from(["measure", "attributed_to", "as_of"]),
            st.floats(min_value=0, max_value=1).map(lambda x: round(x, 3)),
            max_size=3)).items()),
        "source_type": draw(st.sampled_from(list(SourceType))),
        "method": draw(st.none() | text), "note": draw(st.none() | text),
        "citations": [{"document": {"outlet": draw(text.filter(str.strip)), "published": draw(day),
                                    "title": draw(st.none() | text)},
                       "quote": draw(st.none() | text),
                       "reported_via": draw(st.lists(text, max_size=2))}],
    })


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claims(), min_size=1, max_size=4))
def test_export_import_is_lossless(batch: list[Claim]) -> None:
    first = Ledger.open("sqlite://", seed=False)
    first.add_claims(batch)
    exported = first.list_claims()
    for fmt, parse in (("json", parse_json), ("csv", parse_csv)):
        text_out = write_claims(exported, fmt)
        second = Ledger.open("sqlite://", seed=False)
        second.add_claims(parse(text_out, source=f"export.{fmt}"))
        assert write_claims(second.list_claims(), fmt) == text_out
        assert second.list_claims() == exported
