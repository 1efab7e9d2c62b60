"""Invented sentences (not from any article) covering each claim form, in both languages.

Each case gives the text and the expected reading of its single claim:
measure, unit, bound, figures, an actor word (or None) and period months.
"""

from __future__ import annotations

import datetime as dt

import pytest

from relokant.extract import ClaimExtractor
from relokant.extract.resolver import display_name
from relokant.records import TextDocument

PUB = dt.date(2024, 3, 15)


def _one(text: str, lang: str, pub: dt.date = PUB) -> object:
    doc = TextDocument(source="t", text=text, language=lang, published=pub, outlet="Test")
    found = ClaimExtractor().extract(doc)
    assert len(found) == 1, [(x.claim.measure, x.claim.figures, x.quote) for x in found]
    x = found[0]
    assert text[x.span_start:x.span_end] == x.quote
    return x


EN = [
    ("According to demographer Ivan Petrov, between 600,000 and 900,000 Russians left the "
     "country last year.", "departures", "persons", "range", (600000, 900000), "Petrov",
     "2023-01", "2023-12"),
    ("More than 700,000 people have emigrated since the start of the war, the Levada Center "
     "estimated.", "departures", "persons", "at_least", (700000,), "Levada", "2022-02",
     "2024-03"),
    ("Nearly a third of those who fled after the mobilization have returned home, a survey by "
     "the Exile Research Group found.", "return_share", "percent", "at_most", (100 / 3,),
     "Exile Research Group", "2022-09", "2024-03"),
    ("Some 150,000 IT specialists left Russia in 2022, the Digital Development Ministry said.",
     "sector_loss", "persons", "about", (150000,), "Digital Development Ministry", "2022-01",
     "2022-12"),
    ("Around 250,000 Russians now live in Georgia, according to official statistics.",
     "stock_abroad", "persons", "about", (250000,), "statistics", "2022-02", "2024-03"),
    ("One in four relocants has since come back, Anna Smirnova of the Migration Lab said.",
     "return_share", "percent", "point", (25,), "Smirnova", "2022-02", "2024-03"),
    ("Up to 10,000 people a day crossed into Kazakhstan in late September 2022.", "departures",
     "persons_per_day", "at_most", (10000,), None, "2022-02", "2022-09"),
    ("Kazakhstan issued 120,000 residence permits to Russian citizens in 2023.", "departures",
     "permits", "point", (120000,), None, "2023-01", "2023-12"),
    ("The FSB recorded 9.8 million border crossings out of Russia in the third quarter of 2022.",
     "departures", "border_crossings", "point", (9.8e6,), "FSB", "2022-07", "2022-09"),
    ("About 85,000 of them have returned since then, estimated analyst Oleg Ivanov.",
     "returns", "persons", "about", (85000,), "Ivanov", "2022-02", "2024-03"),
    ("The labour force shrank by 400,000 people in 2023, the Central Bank reported.",
     "workforce_loss", "persons", "point", (400000,), "Central Bank", "2023-01", "2023-12"),
    ("Over 5% of all software engineers have left since February 2022.", "sector_loss",
     "percent", "at_least", (5,), None, "2022-02", "2024-03"),
    ("In 1991, after the collapse of the Soviet Union, roughly 100,000 people emigrated.",
     "historical", "persons", "about", (100000,), None, "1991-01", "1999-12"),
    ("Since the mobilization was announced, more than 100,000 Russians have entered "
     "Kazakhstan, border officials said.", "departures", "border_crossings", "at_least",
     (100000,), "border", "2022-09", "2024-03"),
    ("Russia's statistics agency said 668,000 people left the country in 2022.",
     "departures", "persons", "point", (668000,), "Rosstat", "2022-01", "2022-12"),
    ("Some 110,000 Russian citizens moved to Armenia.", "departures", "persons", "about",
     (110000,), None, "2022-02", "2024-03"),
    ("Border guards said 90,000 Russians had entered the country since Sept. 21.",
     "departures", "border_crossings", "point", (90000,), "Border", "2022-09", "2024-03"),
    ("Roughly 10% of those who left have come back, according to Re:Exile.", "return_share",
     "percent", "about", (10,), "Re:Exile", "2022-02", "2024-03"),
    # no ministry named before: the institution, as written, is the source
    ("About 80,000 of them have since returned, the ministry said.", "returns", "persons",
     "about", (80000,), "ministry", "2022-02", "2024-03"),
]

RU = [
    ("По оценкам демографа Ивана Петрова, в прошлом году из России уехали от 600 до 900 тыс. "
     "человек.", "departures", "persons", "range", (600000, 900000), "Петров", "2023-01",
     "2023-12"),
    ("Более 700 тыс. россиян эмигрировали с начала войны, подсчитали в «Левада-центре».",
     "departures", "persons", "at_least", (700000,), "Левада", "2022-02", "2024-03"),
    ("Около трети уехавших после объявления мобилизации уже вернулись, показало исследование "
     "проекта «Эмиграция».", "return_share", "percent", "about", (100 / 3,), "Эмиграция",
     "2022-09", "2024-03"),
    ("Как сообщило Минцифры, в 2022 году страну покинули около 100 тыс. айтишников.",
     "sector_loss", "persons", "about", (100000,), "Минцифры", "2022-01", "2022-12"),
    ("В Грузии, по данным МВД республики, сейчас проживают порядка 80 тыс. россиян.",
     "stock_abroad", "persons", "about", (80000,), "МВД", "2022-02", "2024-03"),
    ("Каждый четвертый релокант уже вернулся в Россию, заявил социолог Петр Сидоров.",
     "return_share", "percent", "point", (25,), "Сидоров", "2022-02", "2024-03"),
    ("В сентябре 2022 года из страны ежедневно уезжали до 10 тыс. человек.", "departures",
     "persons_per_day", "at_most", (10000,), None, "2022-02", "2022-09"),
    ("В 2023 году россияне получили 150 тыс. видов на жительство в Казахстане.", "departures",
     "permits", "point", (150000,), None, "2023-01", "2023-12"),
    ("По данным ФСБ, в третьем квартале 2022 года граждане России выезжали за рубеж 9,8 млн раз.",
     "departures", "border_crossings", "point", (9.8e6,), "ФСБ", "2022-07", "2022-09"),
    ("По данным Росстата, за прошлый год страну покинули 668 тыс. 400 человек.", "departures",
     "persons", "point", (668400,), "Росстат", "2023-01", "2023-12"),
    ("Половина уехавших с февраля 2022 года вернулась, утверждает Песков.", "return_share",
     "percent", "point", (50,), "Песков", "2022-02", "2024-03"),
    ("Численность рабочей силы в 2023 году сократилась на 400 тыс. человек, сообщил ЦБ.",
     "workforce_loss", "persons", "point", (400000,), "ЦБ", "2023-01", "2023-12"),
    ("С тех пор вернулись 1,3 млн человек, считает экономист Анна Кузнецова.", "returns",
     "persons", "point", (1.3e6,), "Кузнецова", "2022-02", "2024-03"),
    ("Социолог Иван Иванов считает, что вернулись не более 15% уехавших.", "return_share",
     "percent", "at_most", (15,), "Иванов", "2022-02", "2024-03"),
    ("По подсчетам The Bell, к концу 2023 года за рубежом оставались около 800 тыс. россиян.",
     "stock_abroad", "persons", "about", (800000,), "The Bell", "2022-02", "2023-12"),
    ("Аналитики Райффайзенбанка оценили отток в 2022 году в 1,3 млн человек.", "departures",
     "persons", "point", (1.3e6,), "Райффайзен", "2022-01", "2022-12"),
    ("Около 50 тыс. врачей покинули страну с начала войны, сообщил министр здравоохранения.",
     "sector_loss", "persons", "about", (50000,), "министр", "2022-02", "2024-03"),
    ("С момента объявления мобилизации в Казахстан въехали более 200 тыс. россиян, сообщили в "
     "погранслужбе республики.", "departures", "persons", "at_least", (200000,), "погранслужб",
     "2022-09", "2024-03"),
    ("Число выданных россиянам видов на жительство в Турции выросло до 45 тыс.", "departures",
     "permits", "point", (45000,), None, "2022-02", "2024-03"),
    ("Из страны уехали до миллиона человек, по оценке аналитиков.", "departures", "persons",
     "at_most", (1000000,), "аналитик", "2022-02", "2024-03"),
    ("Более полутора миллионов россиян эмигрировали с начала войны, считает демограф.",
     "departures", "persons", "at_least", (1500000,), "демограф", "2022-02", "2024-03"),
    ("По данным Росстата, в 2022 году из России выбыли 668 тыс. человек.", "departures",
     "persons", "point", (668000,), "Росстат", "2022-01", "2022-12"),
    ("Сейчас за рубежом находятся от 600 до 800 тысяч россиян, оценивает демограф Пётр "
     "Иванов.", "stock_abroad", "persons", "range", (600000, 800000), "Иванов", "2022-02",
     "2024-03"),
    ("Из России уехали порядка 70 тысяч специалистов в сфере IT.", "sector_loss", "persons",
     "about", (70000,), None, "2022-02", "2024-03"),
    ("На 1 января 2024 года в Армении проживали около 40 тыс. россиян, переехавших после начала "
     "войны.", "stock_abroad", "persons", "about", (40000,), None, "2022-02", "2024-01"),
    ("За первые полгода 2023 года на родину вернулись 30 процентов уехавших, подсчитали в "
     "компании «Переезд-Сервис».", "return_share", "percent", "point", (30,), "Переезд",
     "2023-01", "2023-06"),
    ("Число россиян, проживающих за рубежом, выросло примерно до 1,2 млн, сообщили в ООН.",
     "stock_abroad", "persons", "about", (1200000,), "ООН", "2022-02", "2024-03"),
]


def _check(x: object, measure: str, unit: str, bound: str, numbers: tuple[float, ...],
           actor: str | None, start: str | None, as_of: str | None) -> None:
    claim = x.claim  # type: ignore[attr-defined]
    assert claim.measure.value == measure
    assert claim.unit.value == unit
    assert claim.bound.value == bound
    assert claim.figures == tuple(pytest.approx(n, rel=1e-3) for n in numbers)
    if actor is None:
        assert claim.attributed_to is None
    else:
        # The canonical name or the text's own words name the expected actor.
        shown = display_name(claim.attributed_to, claim.attributed_surface) or ""
        assert claim.attributed_to and actor.lower()[:5] in shown.lower()
    assert (claim.period_start.isoformat()[:7] if claim.period_start else None) == start
    assert (claim.as_of.isoformat()[:7] if claim.as_of else None) == as_of


@pytest.mark.parametrize("case", EN, ids=[c[0][:40] for c in EN])
def test_english_sentences(case: tuple) -> None:  # type: ignore[type-arg]
    _check(_one(case[0], "en"), *case[1:])


@pytest.mark.parametrize("case", RU, ids=[c[0][:40] for c in RU])
def test_russian_sentences(case: tuple) -> None:  # type: ignore[type-arg]
    _check(_one(case[0], "ru"), *case[1:])


NOT_CLAIMS = [
    ("The average salary of a programmer reached 250,000 rubles a month.", "en"),
    ("About 30% of Russians would like to move abroad, a poll showed.", "en"),
    ("Citizens between the ages of 18 and 65 can be called up.", "en"),
    ("The income tax rate for remote workers is 13-15%.", "en"),
    ("He paid 40,000 for a flat in Almaty and stayed there for three months.", "en"),
    ("The decree No. 1234 was signed on May 12, 2023.", "en"),
    ("Over 4 million Ukrainians have fled their country since the invasion.", "en"),
    ("Средняя зарплата айтишника составляет 300 тыс. рублей.", "ru"),
    ("Около 30% россиян хотели бы уехать из страны.", "ru"),
    ("В 2022 году ВВП сократился на 2,1%.", "ru"),
    ("Призыву подлежат мужчины в возрасте от 18 до 30 лет.", "ru"),
]


@pytest.mark.parametrize(("text", "lang"), NOT_CLAIMS, ids=[c[0][:40] for c in NOT_CLAIMS])
def test_numbers_that_are_not_claims(text: str, lang: str) -> None:
    doc = TextDocument(source="t", text=text, language=lang, published=PUB, outlet="Test")
    assert ClaimExtractor().extract(doc) == []


def test_noise_lines_titles_and_links() -> None:
    text = ("# 40% of Emigres Return\n\nMarch 1, 2024\n\n**Related article:** [Half of IT "
            "workers left](#)\n\nAccording to [Rosstat](https://rosstat.gov.ru/x?id=2024), "
            "[700,000](#) people left the country last year.[3]\n\nOriginal url:\n\n"
            "<https://example.org/2024/03/01/123456>\n")
    doc = TextDocument(source="t", text=text, language="en", published=PUB, outlet="Test",
                       title="40% of Emigres Return")
    found = ClaimExtractor().extract(doc)
    assert [x.claim.figures for x in found] == [(700000.0,)]
    assert found[0].claim.attributed_to.startswith("Rosstat")  # type: ignore[union-attr]


def test_headline_figure_takes_the_actor_named_later() -> None:
    text = ("Two in five emigres have returned, the newspaper Vesti reported, citing data from "
            "a relocation company.\n\nNorthway, a company that helps with residence permits, "
            "said 40% of its clients had returned.")
    doc = TextDocument(source="t", text=text, language="en", published=PUB, outlet="Test")
    found = ClaimExtractor().extract(doc)
    assert [x.claim.attributed_to for x in found] == ["Northway", "Northway"]
    assert found[0].reported_via == "Vesti"


def test_period_carries_over_to_the_next_sentence() -> None:
    text = ("According to estimates by demographer Ivan Petrov, 500,000 people left Russia last "
            "year. Analysts at Beta Bank put the outflow at around 800,000 people.")
    doc = TextDocument(source="t", text=text, language="en", published=PUB, outlet="Test")
    second = ClaimExtractor().extract(doc)[1].claim
    assert second.attributed_to == "Beta Bank"
    assert (second.period_start, second.as_of) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
