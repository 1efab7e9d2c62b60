"""Places: countries in English and inflected Russian, groups, and names for codes."""

from __future__ import annotations

import pytest

from relokant.places import UnknownPlaceError, country_name, find_places


@pytest.mark.parametrize(("text", "codes"), [
    ("Many moved to Georgia and then to Kazakhstan.", ["GE", "KZ"]),
    ("Они уехали в Казахстан, а потом жили в Казахстане.", ["KZ", "KZ"]),
    ("Выбрали Грузию; многие вернулись из Грузии.", ["GE", "GE"]),
    ("Poland 10,000, Latvia 4,000, Finland 3,000", ["PL", "LV", "FI"]),
    ("Most went to Central Asia and the South Caucasus.", ["central_asia", "south_caucasus"]),
    ("в страны Центральной Азии и Евросоюза", ["central_asia", "eu"]),
    ("Relocants in Turkey and the UAE", ["TR", "AE"]),
])
def test_find_places(text: str, codes: list[str]) -> None:
    assert [p.code for p in find_places(text)] == codes


def test_no_places_in_plain_words() -> None:
    # "Chad" or "Jordan" as names aside, ordinary words and the pronoun "US" in caps are not places.
    assert find_places("About 100,000 people left last year, he said.") == []


def test_country_name() -> None:
    assert country_name("GE") == "Georgia"
    assert country_name("KZ", "ru") == "Казахстан"
    assert country_name("central_asia", "ru") == "Центральная Азия"
    with pytest.raises(UnknownPlaceError, match="alpha-2"):
        country_name("XX")


def test_a_figure_for_a_list_of_places_has_no_single_destination() -> None:
    from relokant.extract.where import figure_destination

    text = "Some 300,000 people who left are now living in Kazakhstan, Armenia and Georgia."
    start = text.index("300,000")
    assert figure_destination(text, start, start + 7, only_figure=True) is None
    ru = "Около 300 тыс. уехавших живут в Казахстане, Армении и Грузии."
    assert figure_destination(ru, 6, 13, only_figure=True) is None
    one = "Some 30,000 people who left are now living in Armenia, the ministry said."
    s1 = one.index("30,000")
    assert figure_destination(one, s1, s1 + 6, only_figure=True) == "AM"
