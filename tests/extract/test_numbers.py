"""Numbers in every written form, and the numbers that are not claims."""

from __future__ import annotations

import pytest

from relokant.extract.figures import build_figures
from relokant.extract.numbers import find_numbers, parse_numeral
from relokant.records import Bound


@pytest.mark.parametrize(("raw", "lang", "scaled", "value"), [
    ("1,000,000", "en", False, 1e6), ("668,400", "en", False, 668400),
    ("1.5", "en", True, 1.5), ("1,3", "ru", True, 1.3), ("668 400", "ru", False, 668400),
    ("668\u00a0400", "ru", False, 668400), ("1\u202f200\u202f000", "ru", False, 1.2e6),
    ("1\u2009500", "ru", False, 1500), ("1.200.000", "ru", False, 1.2e6),
    ("2,5", "ru", False, 2.5), ("12.75", "en", False, 12.75), ("1,234.5", "en", False, 1234.5),
    ("1.234,5", "ru", False, 1234.5),
])
def test_parse_numeral(raw: str, lang: str, scaled: bool, value: float) -> None:
    assert parse_numeral(raw, language=lang, scaled=scaled) == pytest.approx(value)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("some 1.5 million people", "en", [(1.5e6, False)]),
    ("820 thousand people", "en", [(820000, False)]),
    ("1.3m Russians", "en", [(1.3e6, False)]),
    ("half of the Russians who left", "en", [(50, True)]),
    ("two in five emigres", "en", [(40, True)]),
    ("one in three relocants", "en", [(100 / 3, True)]),
    ("a quarter of emigrants", "en", [(25, True)]),
    ("every fifth emigrant", "en", [(20, True)]),
    ("half a million people", "en", [(5e5, False)]),
    ("15 per cent of them", "en", [(15, True)]),
    ("полмиллиона человек", "ru", [(5e5, False)]),
    ("полтора миллиона россиян", "ru", [(1.5e6, False)]),
    ("половина уехавших", "ru", [(50, True)]),
    ("каждый пятый эмигрант", "ru", [(20, True)]),
    ("двое из пяти", "ru", [(40, True)]),
    ("треть уехавших", "ru", [(100 / 3, True)]),
    ("668 тыс. 400 человек", "ru", [(668400, False)]),
    ("1,3 млн человек", "ru", [(1.3e6, False)]),
    ("около 15 процентов", "ru", [(15, True)]),
    ("820 тысяч человек", "ru", [(820000, False)]),
])
def test_numbers_in_words_and_scales(text: str, lang: str,
                                     expected: list[tuple[float, bool]]) -> None:
    found = [(n.value, n.percent) for n in find_numbers(text, language=lang) if not n.excluded]
    assert [(pytest.approx(v), p) for v, p in expected] == found


@pytest.mark.parametrize(("text", "reason"), [
    ("published on May 12, 2023", "year"), ("a salary of 35,000 rubles", "money"),
    ("between the ages of 18 and 65", "age"), ("Special Dispatch No. 10423", "document number"),
    ("after three months and 3 months", "duration"), ("in the 1990s", "decade"),
    ("зарплата 300 тыс. рублей", "money"), ("в возрасте от 18 до 65 лет", "age"),
    ("12 мая 2023 года", "day of month"), ("$1.5 billion", "money"),
    ("в 1,5 раза больше", "multiplier"), ("the 20th century", "ordinal"),
])
def test_non_claim_numbers_are_excluded(text: str, reason: str) -> None:
    numbers = find_numbers(text, language="ru" if any("а" <= c <= "я" for c in text) else "en")
    assert numbers and all(n.excluded for n in numbers if n.value > 3), numbers
    assert any(n.excluded == reason for n in numbers)


@pytest.mark.parametrize(("text", "bound", "numbers", "shares"), [
    ("between 550,000 and 800,000 people", Bound.range, (550000, 800000), ()),
    ("Between 700,000 and 1.5 million", Bound.range, (700000, 1.5e6), ()),
    ("from 550 to 800 thousand people", Bound.range, (550000, 800000), ()),
    ("от 550 до 800 тыс. человек", Bound.range, (550000, 800000), ()),
    ("550–800 тыс. человек", Bound.range, (550000, 800000), ()),
    ("between 174,000 (26%)\n\nand 334,000 (40%)", Bound.range, (174000, 334000), (26, 40)),
    ("174,000 (26%) returned", Bound.point, (174000,), (26,)),
    ("more than 820,000", Bound.at_least, (820000,), ()),
    ("over 15%", Bound.at_least, (15,), ()),
    ("at least 100,000", Bound.at_least, (100000,), ()),
    ("up to 1 million", Bound.at_most, (1e6,), ()),
    ("almost 700,000", Bound.at_most, (700000,), ()),
    ("around 1 million", Bound.about, (1e6,), ()),
    ("some 500,000", Bound.about, (500000,), ()),
    ("an estimated 1.16 million", Bound.about, (1.16e6,), ()),
    ("более 820 тыс.", Bound.at_least, (820000,), ()),
    ("свыше 100 тыс.", Bound.at_least, (100000,), ()),
    ("не менее 500 тыс.", Bound.at_least, (500000,), ()),
    ("до 40%", Bound.at_most, (40,), ()),
    ("почти 100 тыс.", Bound.at_most, (100000,), ()),
    ("около 1,3 млн", Bound.about, (1.3e6,), ()),
    ("порядка 650 тыс.", Bound.about, (650000,), ()),
    ("примерно 15%", Bound.about, (15,), ()),
    ("1 million or more", Bound.at_least, (1e6,), ()),
])
def test_figures_bounds_and_ranges(text: str, bound: Bound, numbers: tuple[float, ...],
                                   shares: tuple[float, ...]) -> None:
    lang = "ru" if any("а" <= c.lower() <= "я" for c in text) else "en"
    figures = [f for f in build_figures(text, find_numbers(text, language=lang)) if not f.excluded]
    assert len(figures) == 1, figures
    fig = figures[0]
    assert fig.bound is bound
    assert fig.numbers == tuple(pytest.approx(n) for n in numbers)
    assert fig.stated_shares == shares


def test_age_range_is_not_a_claim() -> None:
    text = "citizens between the ages of 18 and 65"
    figs = build_figures(text, find_numbers(text))
    assert all(f.excluded for f in figs)
