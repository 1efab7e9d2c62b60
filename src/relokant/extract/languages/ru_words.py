"""Russian cue words, role nouns and the models attribution uses (loaded once)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from relokant.ingest.dates import RU_MONTH_RE

_I = re.IGNORECASE
RU_CUE_AFTER = re.compile(
    r"(?:по|согласно)\s+(?:последним\s+|новым\s+|предварительным\s+|официальным\s+)?"
    r"(?:данн\w+|оценк\w+|подсч[её]т\w+|расч[её]т\w+|слов\w+|информаци\w+|сведени\w+|"
    r"мнени\w+|результат\w+|итог\w+|прогноз\w+|материал\w+|статистик\w+|исследовани\w+|"
    r"опрос\w+|анализ\w*|докла\w+)(?:\s+(?:опроса|исследования|доклада|анализа))?,?\s+|"
    r"(?:проведённ|проведенн|подготовленн|составленн|опубликованн|сделанн|выполненн)\w*\s+"
    r"(?:(?:в|во)\s+[а-яё]+\s+)?|"
    r"как\s+(?:подсчитал\w*|посчитал\w*|оценил\w*|сообщ\w+|пишет|пишут|отмеча\w+|отметил\w*|"
    r"заявил\w*|говорит|говорят|выяснил\w*|рассказал\w*|установил\w*|показал\w*|следует из\s+"
    r"\w+)\s+|(?:со ссылкой на|ссылаясь на)\s+(?:данн\w+\s+|оценк\w+\s+|исследовани\w+\s+|"
    r"опрос\w*\s+|доклад\w*\s+)?|"
    r"(?<![\w-])во?\s+(?:[а-яё]+\w*\s+){0,2}?(?:доклад|исследовани|отч[её]т|записк|обзор|"
    r"анализ|материал|опрос)\w*\s+|"
    r"(?:подсчитал\w*|посчитал\w*|оценил\w*|оценива\w+|сообщил\w*|сообщает|сообщают|пишет|"
    r"пишут|заявил\w*|утвержда\w+|счита\w+|говорит|говорят|рассказал\w*|отметил\w*|выяснил\w*|"
    r"показал\w*|насчитал\w*|подсчитали|приводит|приводят|следует из|свидетельству\w+|"
    r"говорится в|указано в|отмечается в)\s+(?:в\s+|во\s+)?(?:данн\w+\s+|опрос\w*\s+|"
    r"исследовани\w+\s+|доклад\w*\s+|анализ\w*\s+|материал\w*\s+|компани\w+\s+|сервис\w*\s+|"
    r"проект\w*\s+)?",
    _I,
)
RU_VERB = re.compile(
    r"\b(?:подсчитал\w*|посчитал\w*|оценил\w*|оценива\w+|сообщил\w*|сообща\w+|заявил\w*|"
    r"утвержда\w+|счита\w+|пишет|пишут|говорит|говорят|выяснил\w*|обнаружил\w*|показал\w*|"
    r"насчитал\w*|зафиксировал\w*|фиксиру\w+|приводит|приводят|подсчитали|рассказал\w*|"
    r"отметил\w*|отмечает|отмечают|констатировал\w*|прогнозиру\w+)\b", _I
)
RU_GENERIC = re.compile(
    r"(официальн\w+\s+(?:статистик\w+|данн\w+)|погранслужб\w+|пограничн\w+ служб\w+|"
    r"МВД|ФСБ|Росстат\w*|ООН|Евростат\w*|Минэкономразвития|Минцифры|Минтруд\w*|ЦБ|"
    r"Банк\w* России|власт\w+|правительств\w+|Кремл\w+|государств\w+)", _I
)
#: Unnamed speakers by their role («сообщил министр цифрового развития»): the role and
#: up to three words of its complement.
RU_ROLE = re.compile(
    r"\s*((?:министр\w*|замминистра|глав\w|председател\w*|руководител\w*|директор\w*|"
    r"президент\w*|премьер\w*|вице-премьер\w*|мэр\w*|губернатор\w*|спикер\w*|"
    r"представител\w*|пресс-секретар\w*|эксперт\w*|аналитик\w*|демограф\w*|социолог\w*|"
    r"экономист\w*|исследовател\w*|депутат\w*|чиновник\w*|сенатор\w*)"
    r"(?:\s+(?!(?:и|в|во|на|что|о|об|по|с|со|к|из|за|не)\b)[а-яё-]+){0,3})", _I)
RU_QUOTED = re.compile(r"«([^«»]{2,60})»")
RU_LATIN = re.compile(r"\b([A-Z][\w.:&-]*(?:\s+[A-Z][\w.:&-]*)*|hh\.ru)\b")
RU_PRONOUN = re.compile(r"\b(он|она)\b", _I)
#: A time after a speech verb («заявил в декабре», «сообщил в прошлом году»), not a place.
RU_WHEN = re.compile(r"\s*(?:(?:прошлом|этом|том|начале|конце|середине)\s+)?(?:" + RU_MONTH_RE +
                    r"|году|годах|понедельник|вторник|среду|четверг|пятницу|субботу|"
                    r"воскресенье|интервью)\b\s*", _I)


def quoted_name_like(quoted: str) -> bool:
    """Whether «…» holds a name (an outlet, a project) rather than a quoted sentence."""
    return (quoted[:1].isupper() and len(quoted.split()) <= 5
            and not re.search(r"\d|[,!?;:]\s|\s[—–-]\s", quoted))


#: Speech and estimate verbs whose subject is the source («заявил», «считает», «пишет»).
SPEECH = re.compile(
    r"^(?:сказал\w*|сообщ\w+|заяв\w+|отмети\w*|отмеча\w+|рассказ\w+|счита\w+|полага\w+|"
    r"оцени\w+|оценива\w+|подсчита\w+|посчита\w+|насчита\w+|утвержда\w+|пиш\w+|написал\w*|"
    r"говор\w+|выясни\w*|установи\w*|показал\w*|показыва\w+|назвал\w*|называ\w+|приш[её]л\w*|"
    r"передают|переда\w+|привод\w+|зафиксировал\w*|фиксиру\w+|констатир\w+|прогнозир\w+|"
    r"предупрежда\w+|уточнил\w*|добавил\w*|подсчитали|обнаружил\w*|опубликовал\w*)$", _I)
#: Words that refer back to an actor named earlier: pronouns and roles («эксперт»).
RU_REF = re.compile(
    r"(?<![\w-])(?:(?P<he>он|его|ему|него|нему)|(?P<she>она|её|ее|ей|неё|нее)|(?P<they>они|их|них)|"
    r"(?P<org>ведомств\w*|компани\w*|центр\w*|проект\w*|служб\w*|министерств\w*|институт\w*|"
    r"команд\w*)|(?P<role>эксперт\w*|демограф\w*|социолог\w*|министр\w*|замминистра|"
    r"исследовател\w*|исследовательниц\w*|аналитик\w*|экономист\w*|учён\w*|учен\w*|"
    r"глав[аеуы]|руководител\w*|советник\w*|основател\w*|специалист\w*))(?![\w-])", _I)
#: Role stems and the generic roles they stand for.
RU_ROLES = {"эксперт": "expert", "исследовател": "researcher", "исследовательниц": "researcher",
            "аналитик": "analyst", "учён": "scientist", "учен": "scientist",
            "специалист": "specialist"}


@cache
def _embedding() -> Any:
    from natasha import NewsEmbedding

    return NewsEmbedding()


@cache
def natasha() -> tuple[Any, Any, Any, Any]:
    """Natasha's segmenter, morphology vocabulary, tagger and NER model (loaded once)."""
    from natasha import MorphVocab, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = _embedding()
    return Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


@cache
def _threads() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_thread() -> Any:
    """A context in which BLAS runs on one thread.

    natasha's models multiply small matrices, sentence batch by batch: extra BLAS
    threads cost more than they give, and on a shared machine they fight for cores
    (single-threaded, the extraction bench runs about twice as fast).
    """
    return _threads().limit(limits=1, user_api="blas")


@cache
def syntax() -> Any:
    """Natasha's syntax parser (loaded on the first sentence that needs it)."""
    from natasha import NewsSyntaxParser

    return NewsSyntaxParser(_embedding())


@cache
def morph() -> Any:
    """pymorphy3's analyser (loaded once)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def ru_nominative(phrase: str) -> str:
    """Put a short Russian noun phrase into the nominative («официальной статистики»)."""
    analyser = morph()
    out = []
    for word in phrase.split():
        if not re.search(r"[а-яё]", word, _I):
            out.append(word)
            continue
        parsed = analyser.parse(word)[0]
        inflected = parsed.inflect({"nomn"})
        text = inflected.word if inflected else parsed.normal_form
        out.append(text.capitalize() if word[0].isupper() else text)
    return " ".join(out)


@lru_cache(maxsize=4096)
def ru_np(phrase: str) -> str:
    """A noun phrase with its head (and the adjectives before it) in the nominative.

    «миграционную службу республики» → «миграционная служба республики»: the
    genitive complement after the head stays as written.
    """
    analyser = morph()
    words = phrase.split()
    out = []
    for k, word in enumerate(words):
        parsed = analyser.parse(word)[0]
        if word.isupper() and k == 0:
            return " ".join(words)  # «МВД Сербии»: an abbreviation heads it, as written
        if not re.search(r"[а-яё]", word, _I) or parsed.tag.POS not in {"NOUN", "ADJF"}:
            out.append(word)
            continue
        number = "plur" if "plur" in parsed.tag else "sing"
        inflected = parsed.inflect({"nomn", number}) or parsed.inflect({"nomn"})
        text = inflected.word if inflected else word
        out.append(text.capitalize() if word[0].isupper() else text)
        if parsed.tag.POS == "NOUN":
            return " ".join(out + words[k + 1:])
    return " ".join(out)


#: Surname endings in an oblique case and their nominative, by gender (unknown surnames).
_SURNAME_F = (("ской", "ская"), ("цкой", "цкая"), ("ой", "а"), ("ы", "а"), ("и", "я"),
              ("ую", "ая"), ("у", "а"), ("ей", "я"))
_SURNAME_M = (("ского", "ский"), ("цкого", "цкий"), ("скому", "ский"), ("ским", "ский"),
              ("ском", "ский"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"),
              ("ына", "ын"), ("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("овым", "ов"),
              ("евым", "ев"), ("иным", "ин"), ("ове", "ов"), ("еве", "ев"), ("ине", "ин"))


def _surname(word: str, gender: str) -> str:
    for ending, nominative in (_SURNAME_F if gender == "femn" else _SURNAME_M):
        if word.lower().endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + nominative
    return word


@lru_cache(maxsize=4096)
def normal_name(text: str, kind: str) -> str:
    """A named entity in the nominative without natasha's morphology pass (it is the slow part).

    People: the first name decides gender and case («Тамары» is a woman's name in the
    genitive), and the words after it follow («Беловой» → «Белова»); organisations:
    the head and its adjectives («Левантийского университета»).
    """
    if kind != "PER":
        return ru_np(text)
    analyser = morph()
    words = text.split()
    first = next((p for p in analyser.parse(words[0]) if "Name" in p.tag), None)
    if first is None or "nomn" in first.tag or len(words) == 1:
        return text
    gender = "femn" if "femn" in first.tag else "masc"
    inflected = first.inflect({"nomn"})
    out = [inflected.word.capitalize() if inflected else words[0]]
    for word in words[1:]:
        surname = next((p for p in analyser.parse(word) if "Surn" in p.tag and gender in p.tag
                        and p.tag.case == first.tag.case), None)
        form = surname.inflect({"nomn"}) if surname else None
        out.append(form.word.capitalize() if form else _surname(word, gender))
    return " ".join(out)
