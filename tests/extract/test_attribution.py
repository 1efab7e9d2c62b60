"""Who made a figure, in both languages: after the figure, before it, by pronoun or role,
through cue phrases with inflected names, and never a relay or an adjective.

Every sentence here is invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from relokant.extract import ClaimExtractor, Extraction
from relokant.records import TextDocument

PUB = dt.date(2024, 5, 20)


def _extract(text: str, language: str = "en", title: str = "Migration notes") -> list[Extraction]:
    doc = TextDocument(source="t", text=text, language=language, published=PUB, outlet="T",
                       title=title)
    return ClaimExtractor(()).extract(doc)


def _actors(text: str, language: str = "en") -> list[str | None]:
    return [x.claim.attributed_to for x in _extract(text, language)]


@pytest.mark.parametrize(("text", "actor"), [
    ("Roughly 90,000 Russians have settled in Armenia, the analyst Oksana Reva told us.",
     "Oksana Reva"),
    ("Boris Lagin has counted emigrants for years. In his view, 540,000 people left in 2023.",
     "Boris Lagin"),
    ("Oksana Reva, who leads a small research group and who lived in Yerevan until last "
     "spring, said that 12% of the emigrants had returned.", "Oksana Reva"),
    ("Deputy Minister Boris Lagin opened the forum. The minister said 300,000 people had left "
     "since the war began.", "Boris Lagin"),
    ("Oksana Reva spoke after him. She estimated that 14% of those who fled had come back.",
     "Oksana Reva"),
    ("Russian émigrés, mostly young, number about 800,000, the economist Boris Lagin wrote.",
     "Boris Lagin"),
    # the quote's own comma sits inside its closing mark, straight or curly
    ('"We reckon some 650,000 people left last year," said Oksana Reva, a demographer.',
     "Oksana Reva"),
    ("“About 8% of them have come back,” said Boris Lagin.", "Boris Lagin"),
    # a country that is the whole subject of a reporting verb speaks for its government
    ("Armenia registered 41,000 Russian arrivals in the first half of 2023.", "Armenia"),
    ("Some 60,000 Russians still live in the country, Kyrgyzstan said on Monday.",
     "Kyrgyzstan"),
])
def test_english_speakers(text: str, actor: str) -> None:
    assert _actors(text) == [actor]


def test_english_relay_is_not_the_author() -> None:
    found = _extract("Some 70,000 Russians remain in Georgia, Harbour Post reported, citing the "
                     "Georgian interior ministry.")
    assert [x.claim.attributed_to for x in found] == ["Georgian interior ministry"]
    assert found[0].reported_via == "Harbour Post"


def test_english_source_named_in_the_next_sentence() -> None:
    actors = _actors("Around 950,000 Russians now live abroad. That is the conclusion of a new "
                     "estimate by the demographer Boris Lagin.")
    assert actors == ["Boris Lagin"]


@pytest.mark.parametrize(("text", "actor"), [
    ("По словам Оксаны Ревы, за прошлый год из России уехали 240 тыс. человек.", "Оксана Рева"),
    ("Как отмечает Борис Лагин, вернулись примерно 16% уехавших.", "Борис Лагин"),
    ("Борис Лагин, который руководит небольшой группой и который долго жил в Ереване, оценил "
     "число живущих в Армении россиян в 90 тысяч.", "Борис Лагин"),
    ("Социолог Оксана Рева третий год изучает эмигрантов. По её словам, вернулись 13% из них.",
     "Оксана Рева"),
    ("Демограф Борис Лагин выступил на конференции. Эксперт сказал, что страну покинули "
     "600 тыс. человек.", "Борис Лагин"),
])
def test_russian_speakers(text: str, actor: str) -> None:
    assert _actors(text, "ru") == [actor]


def test_russian_relay_is_not_the_author() -> None:
    found = _extract("Около 70 тыс. россиян остаются в Грузии, пишет «Портовый листок», "
                     "ссылаясь на МВД Грузии.", "ru")
    assert len(found) == 1
    assert found[0].claim.attributed_to == "МВД Грузии"
    assert found[0].reported_via == "Портовый листок"


def test_a_country_as_a_place_is_not_an_actor() -> None:
    assert _actors("In Armenia, officials say 41,000 Russians still live there.") != ["Armenia"]
    assert _actors("People who moved to Armenia said 14% had returned.") == [None]


def test_abbreviated_millions_are_read() -> None:
    found = _extract("An estimated 1.3mn Russians left after the invasion, Boris Lagin said.")
    assert [(x.claim.value, x.claim.attributed_to) for x in found] == [(1_300_000,
                                                                        "Boris Lagin")]


def test_a_russian_quotation_is_not_a_name() -> None:
    found = _extract("«Мы думаем, что вернулись примерно 14% уехавших», — сказал Борис Лагин.",
                     "ru")
    assert [x.claim.attributed_to for x in found] == ["Борис Лагин"]


def test_stock_without_a_verb_and_a_plural_source() -> None:
    found = _extract("There are now about 900,000 Russian emigrants abroad, Boris Lagin estimates.")
    assert [(x.claim.measure.value, x.claim.attributed_to) for x in found] == [
        ("stock_abroad", "Boris Lagin")]
    found = _extract("Around 620,000 Russians remain abroad, the researchers estimate.")
    assert [x.claim.attributed_to for x in found] == ["researchers"]


def test_dated_phrases_and_counted_emigrants() -> None:
    found = _extract("Last year, Rosstat counted 110,000 emigrants.")
    assert [(x.claim.measure.value, x.claim.attributed_to, str(x.claim.as_of))
            for x in found] == [("departures", "Rosstat", "2023-12-31")]
    found = _extract("During the mobilisation, some 350,000 men fled Russia, Oksana Reva said.")
    assert [str(x.claim.period_start) for x in found] == ["2022-09-21"]
    found = _extract("As of July 1, 2023, about 140,000 Russians were registered in Kyrgyzstan.")
    assert [(x.claim.measure.value, x.claim.destination) for x in found] == [
        ("stock_abroad", "KG")]


def test_russian_dates_after_the_verb_and_parts_of_a_figure() -> None:
    found = _extract("Почти треть уехавших уже вернулась, заявил в ноябре министр.", "ru")
    assert [x.claim.attributed_to for x in found] == ["министр"]
    found = _extract("В Армению за 2022 год въехали 900 тыс. россиян, из них остались около "
                     "40 тыс., сообщила миграционная служба.", "ru")
    assert [(x.claim.value, x.claim.destination) for x in found] == [(900_000, "AM"),
                                                                       (40_000, "AM")]


def test_central_bank_aliases_and_a_share_of_the_employed() -> None:
    doc = TextDocument(source="t", text="По оценке ЦБ, страну покинули около 2% занятых.",
                       language="ru", published=PUB, outlet="T", title="Отток")
    found = ClaimExtractor().extract(doc)  # the bundled actors: ЦБ is the Bank of Russia
    assert [(x.claim.measure.value, x.claim.attributed_to) for x in found] == [
        ("workforce_loss", "Bank of Russia")]
