"""What a figure counts and when, read from its own clause; lists, headlines, destinations.

Every sentence here is invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from relokant.extract import ClaimExtractor, Extraction
from relokant.records import Measure, TextDocument

PUB = dt.date(2024, 5, 20)


def _extract(text: str, language: str = "en", title: str = "Migration notes") -> list[Extraction]:
    doc = TextDocument(source="t", text=text, language=language, published=PUB, outlet="T",
                       title=title)
    return ClaimExtractor(()).extract(doc)


@pytest.mark.parametrize(("text", "language", "measure"), [
    ("About 600,000 of those who fled still live abroad, Boris Lagin said.", "en",
     Measure.stock_abroad),
    ("Около 600 тыс. уехавших до сих пор остаются за рубежом, считает Борис Лагин.", "ru",
     Measure.stock_abroad),
    ("В Казахстане живут около 70 тыс. россиян, сообщил Борис Лагин.", "ru",
     Measure.stock_abroad),
    ("В Россию вернулись до 90 000 уехавших, сообщил Борис Лагин.", "ru", Measure.returns),
    ("About 9% of the country's doctors have emigrated, the union said, though a few came "
     "back.", "en", Measure.sector_loss),
    ("Of the developers who moved abroad, 20% have since come back, a job site found.", "en",
     Measure.return_share),
])
def test_stock_flow_and_shares(text: str, language: str, measure: Measure) -> None:
    assert [x.claim.measure for x in _extract(text, language)] == [measure]


def test_a_list_gives_one_claim_per_country() -> None:
    found = _extract("The project counted new Russian residents by country: Poland 12,000, "
                     "Latvia 3,500 and Lithuania 5,000.")
    assert [(x.claim.value, x.claim.destination) for x in found] == [
        (12000, "PL"), (3500, "LV"), (5000, "LT")]
    assert {x.claim.measure for x in found} == {Measure.stock_abroad}


def test_a_national_total_beside_a_country_has_no_destination() -> None:
    found = _extract("About 110,000 Russians live in Kazakhstan now, against 950,000 abroad in "
                     "total, Boris Lagin said.")
    assert [(x.claim.value, x.claim.destination) for x in found] == [
        (110000, "KZ"), (950000, None)]


@pytest.mark.parametrize(("text", "language", "as_of"), [
    ("By autumn 2023, about 180,000 Russians had settled in Serbia, officials said.", "en",
     dt.date(2023, 9, 1)),
    ("К осени 2023 года в Сербии обосновались около 180 тыс. россиян, сообщило МВД.", "ru",
     dt.date(2023, 9, 1)),
    ("In a report published in February, the centre said 700,000 people had left since the "
     "invasion.", "en", dt.date(2024, 2, 29)),
    ("The IT sector lost 11% of its staff to emigration, the ministry said, adding that pay "
     "rose by 30% in 2023.", "en", PUB),
])
def test_dates_from_the_figures_clause(text: str, language: str, as_of: dt.date) -> None:
    assert [x.claim.as_of for x in _extract(text, language)] == [as_of]


def test_month_range_sets_start_and_end() -> None:
    claim = _extract("С сентября по декабрь 2022 года в Казахстан въехали и не выехали обратно "
                     "200 тыс. россиян, сообщил Борис Лагин.", "ru")[0].claim
    assert (claim.period_start, claim.as_of) == (dt.date(2022, 9, 21), dt.date(2022, 12, 31))
    assert claim.measure is Measure.departures


def test_headline_figures_count_once() -> None:
    title = "Half a million abroad, study says"
    once = _extract(f"{title}\nAbout 500,000 Russians remain abroad, according to Boris Lagin.",
                    title=title)
    assert [x.claim.value for x in once] == [500000]
    title = "800,000 left after call-up"
    only = _extract(f"{title}\nThe figure was given by a source in the government.", title=title)
    assert [(x.claim.value, x.claim.attributed_to) for x in only] == [
        (800000, "source in the government")]


@pytest.mark.parametrize(("text", "language", "measures"), [
    ("Some 45,000 IT specialists are now working remotely from Armenia, the group said.", "en",
     "sector_loss"),
    ("Kazakhstan hosts about 80,000 Russian emigrants, the foreign ministry said.", "en",
     "stock_abroad"),
    ("Israel received 45,000 Russian immigrants in 2022.", "en", "departures"),
    ("Only about 10% of those who relocated to Armenia have gone home.", "en", "return_share"),
    ("Russia's tech sector has lost around 100,000 workers to emigration.", "en", "sector_loss"),
    ("Half a million Russians now live abroad, the researchers estimate.", "en", "stock_abroad"),
    ("Of the 650,000 emigrants, about 100,000 live in Georgia.", "en",
     "departures,stock_abroad"),
    ("В Казахстане сейчас около 80 тыс. российских эмигрантов, сообщил МИД республики.", "ru",
     "stock_abroad"),
    ("ИТ-отрасль потеряла из-за эмиграции около 100 тыс. специалистов.", "ru", "sector_loss"),
    ("Около 45 тыс. айтишников работают сейчас удалённо из Армении, сообщила ассоциация.", "ru",
     "sector_loss"),
    ("Лишь около 10% переехавших в Армению вернулись домой.", "ru", "return_share"),
    ("До 60% эмигрантов планируют остаться за границей навсегда, показал опрос.", "ru", ""),
])
def test_what_each_figure_counts(text: str, language: str, measures: str) -> None:
    assert ",".join(x.claim.measure.value for x in _extract(text, language)) == measures


def test_a_wrapped_line_is_not_a_headline() -> None:
    found = _extract("About 500,000 Russians have left since the war began, according to\n"
                     "Rosstat, which published the figure on Monday.")
    assert [(x.claim.value, x.claim.attributed_to) for x in found] == [(500000, "Rosstat")]
