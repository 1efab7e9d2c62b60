"""Who made an estimate and who relayed it: attribution in English and Russian.

English uses the shape of reporting sentences ("according to X", "X said",
"X reports that Y placed", "..., X reported, citing Y"). Russian adds natasha's
named-entity spans, normalised to the nominative («Росстата» → «Росстат»).
Known actors and their aliases (from the ledger or the bundled record) turn
surface names into canonical ones.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from relokant.extract.resolver import ActorResolver
from relokant.records import Actor, SourceType, normalise_name

log = logging.getLogger(__name__)
_I = re.IGNORECASE


@dataclass(frozen=True)
class Attribution:
    """The estimate's author, its relay, and how sure the rule was."""

    actor: str | None = None
    reported_via: str | None = None
    source_type: SourceType = SourceType.other
    unresolved_citing: bool = False


class ActorIndex:
    """Known actors by every alias, for canonical names and source types."""

    def __init__(self, actors: Sequence[Actor] = ()) -> None:
        self.resolver = ActorResolver(actors)
        self._by_alias: dict[str, Actor] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                self._by_alias.setdefault(normalise_name(alias), actor)
        names = sorted((a for a in self._by_alias if len(a) >= 4), key=len, reverse=True)
        self._scan = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", _I
        ) if names else None

    def lookup(self, name: str | None) -> Actor | None:
        """The actor a name refers to (see :class:`ActorResolver`)."""
        return self.resolver.lookup(name) if name else None

    def mentions(self, text: str) -> list[tuple[int, int, Actor]]:
        """Known actors mentioned in ``text`` (by alias)."""
        if self._scan is None:
            return []
        out = []
        for m in self._scan.finditer(normalise_text(text)):
            actor = self._by_alias.get(normalise_name(m.group(1)))
            if actor:
                out.append((m.start(), m.end(), actor))
        return out


def normalise_text(text: str) -> str:
    """Lower-case with quotes blanked, keeping offsets."""
    return re.sub(r"[«»\"“”]", " ", text.lower()).replace("ё", "е")


# -- source types from descriptions ---------------------------------------------
_TYPE_HINTS: tuple[tuple[re.Pattern[str], SourceType], ...] = (
    (re.compile(r"official statistic|statistics (?:service|agency|office)|rosstat|border "
                r"(?:service|guard)|interior ministry|росстат|официальн\w+ (?:статистик|данн)|"
                r"погранслужб|пограничн|мвд|фсб|статистик", _I), SourceType.official_statistics),
    (re.compile(r"survey|poll|panel|опрос|панел|outrush|levada|левада|фом|вциом", _I),
     SourceType.panel_survey),
    (re.compile(r"demograph|research|scientist|institute|university|project|economist|analyst "
                r"at|think tank|re:russia|демограф|исследоват|учен|институт|университет|"
                r"проект|экономист|политолог|социолог|эксперт", _I),
     SourceType.independent_research),
    (re.compile(r"company|bank|job site|recruit|firm|service|platform|headhunter|hh\.ru|"
                r"компани|банк|сервис|платформ|агентств\w+ недвиж|рекрутинг", _I),
     SourceType.commercial_data),
    (re.compile(r"president|minister|ministry|kremlin|duma|government|governor|senator|"
                r"official|the state|spokes|putin|президент|министр|министерств|кремл|дум|"
                r"правительств|губернатор|сенатор|чиновник|государств|песков|путин|"
                r"минэкономразвития|минцифры|минтруд", _I),
     SourceType.government_statement),
    (re.compile(r"newspaper|outlet|magazine|times|news|izvestia|media|reporters|газет|"
                r"издани|журнал|известия|коммерсант|ведомост|рбк|медуза|meduza|the bell|"
                r"\bbbc\b", _I), SourceType.media_estimate),
)


def guess_source_type(description: str) -> SourceType:
    """Source type from words around an actor ("demographer", "job site", ...)."""
    for pattern, kind in _TYPE_HINTS:
        if pattern.search(description):
            return kind
    return SourceType.other


# -- English -------------------------------------------------------------------
_STOP = {
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "while", "when", "based",
    "according", "over", "more", "between", "this", "that", "these", "those", "it", "its",
    "many", "some", "most", "other", "others", "meanwhile", "however", "despite", "after",
    "before", "since", "until", "two", "one", "three", "half", "nevertheless", "their", "his",
    "her", "our", "today", "yesterday", "russia", "russians", "russian", "ukraine",
    "ukrainians", "ukrainian", "georgia", "armenia", "kazakhstan", "turkey", "serbia", "israel",
    "europe", "moscow", "kyiv", "almaty", "tbilisi", "yerevan", "istanbul", "belgrade",
    "western", "west", "soviet", "original", "related", "photo", "all", "only", "also", "about",
    "as", "if", "but", "and", "or", "so", "there", "here", "then", "now", "both", "each",
    "such", "what", "who", "which", "where", "under", "almost", "nearly", "around",
    "roughly", "estimates", "data", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "researchers", "analysts", "experts", "officials", "sources", "people", "we", "i",
    "they", "he", "she", "you", "federation", "internet", "telegram", "covid",
}
_TITLES = {
    "president", "prime", "minister", "deputy", "senator", "speaker", "state", "duma",
    "federation", "council", "security", "chairman", "head", "director", "dr", "professor",
    "former", "finance", "foreign", "demographer", "sociologist", "economist", "analyst",
    "analysts", "researcher", "researchers", "expert", "experts", "governor", "mayor",
    "spokesman", "spokeswoman", "secretary", "ombudsman", "commissioner", "chief",
    "executive", "ceo", "founder", "co-founder", "vice", "general", "mr", "ms", "mrs",
    "political", "scientist", "anthropologist", "journalist", "lawmaker", "mp", "ambassador",
    "spokesperson", "adviser", "advisor", "premier", "chancellor",
}
_ORG_WORDS = {
    "ministry", "bank", "institute", "university", "service", "agency", "office", "center",
    "centre", "committee", "council", "project", "foundation", "fund", "group", "company",
    "times", "news", "post", "journal", "survey", "school", "academy", "association",
    "union", "commission", "bureau", "department", "kremlin", "government", "statistics",
}
_CHUNK = re.compile(
    r"(?<![\w-])(?:hh\.ru|[A-Z][\w’'.:&-]*)(?:\s+(?:(?:of|the|for|and|de|du|van|von|la|at)\s+)?"
    r"(?:hh\.ru|[A-Z][\w’'.:&-]*))*"
)
_PRONOUN = re.compile(r"\b(he|she)\b", _I)
_GENERIC_EN = re.compile(
    r"(official (?:statistics|data|figures)|(?:interior|foreign|economy|labou?r) ministry|"
    r"(?:the )?state statistics(?: service| agency)?|"
    r"(?:russia['’]s |the )?(?:federal |national )?statistics (?:agency|service|office)|"
    r"border (?:service|guard) data|border (?:officials|guards?|service|police|authorities)|"
    r"(?:the )?(?:interior|foreign|economy|labou?r|digital "
    r"development) ministry|the state|the authorities|the government|the kremlin|"
    r"the central bank|host[- ]country statistics|government (?:data|statistics))",
    _I,
)
_VERBS_EN = (
    r"said|says|estimated|estimates|reported|reports|found|finds|claimed|claims|calculated|"
    r"calculates|placed|places|put|puts|showed|shows|revealed|reveals|told|wrote|writes|counted|"
    r"counts|believes|noted|notes|announced|stated|states|concluded|suggested|suggests|"
    r"assessed|projected|conducted|recorded|registered|tallied|cited|citing|added|adds|"
    r"published|released|predicted|forecast|concluded|figured|indicated|indicates"
)
_VERB_RE = re.compile(
    rf"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b"
    rf"({_VERBS_EN})\b(?!\s+by\b)", _I
)
_REPORTING = re.compile(r"\b(reported|reports|wrote|writes|said|says|told)\b", _I)
_ACCORDING = re.compile(
    r"\baccording to\s+(?:(?:the\s+)?(?:latest\s+|new\s+|recent\s+|preliminary\s+)?"
    r"(?:estimates?|data|figures|calculations|a survey|survey|research|an analysis|a study|"
    r"a report|analysis|statistics|a poll|poll)\s+(?:by|from|of)\s+)?", _I
)
_AGENT = re.compile(
    r"\b(?:(?:estimated|calculated|counted|compiled|conducted|published|commissioned|carried "
    r"out)\s+by|(?:data|figures|estimates?|survey|poll|research|analysis|study|report|"
    r"calculations|statistics)\s+(?:by|from|of))\s+(?:the\s+)?", _I
)
_POSSESSIVE = re.compile(
    r"([A-Z][\w.:&-]+(?:\s+(?:of\s+|the\s+|for\s+)?[A-Z][\w.:&-]+)*)['’]s\s+(?:own\s+)?(?:\w+\s+)?(?:survey|data|estimates?|"
    r"analysis|research|report|poll|calculations|study|figures)\b"
)
_OWN_CALC = re.compile(r"\bby (?:its|their|his|her) own (?:calculations|estimates|count|data)",
                       _I)
_CITING = re.compile(r"\bciting\s+(?:(?:new|recent|unpublished|its own|a|an|the)\s+)*", _I)
_CALLED = re.compile(r"\b(?:called|named|titled|dubbed|known as)\s+", _I)


def _clean_chunk(chunk: str) -> str | None:
    tokens = chunk.split()
    tokens = [t for t in tokens if not t.lower().endswith("-based")]
    # "Analysts at Beta Bank", "Researchers from X": the descriptor is not the name.
    while len(tokens) > 2 and tokens[0].lower() in _TITLES and tokens[1] in {"at", "of", "from"}:
        tokens = tokens[2:]
    while len(tokens) > 1 and re.search(r"['’]s$", tokens[0]):
        tokens = tokens[1:]
    is_org = bool(tokens) and tokens[-1].lower().strip(".,") in _ORG_WORDS
    if not is_org:
        while len(tokens) > 1 and tokens[0].lower().strip(".,") in _TITLES:
            tokens = tokens[1:]
        # "Digital Development Minister Ivan Sergeyev": the name follows the last title
        titled = [k for k, t in enumerate(tokens[:-1]) if t.lower().strip(".,") in _TITLES]
        if titled and len(tokens) - titled[-1] - 1 >= 2:
            tokens = tokens[titled[-1] + 1:]
    while tokens and tokens[0].lower() in {"the", "of", "and", "at", "for"}:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in {"the", "of", "and", "at", "for"}:
        tokens = tokens[:-1]
    if not tokens:
        return None
    name = re.sub(r"['’]s$", "", " ".join(tokens).strip(".,:;’'"))
    if name.lower() in _STOP or name.lower() in _TITLES or len(name) < 2:
        return None
    if all(t.lower() in _STOP | _TITLES for t in tokens):
        return None
    return name


def _first_chunk(segment: str, *, allow_pronoun: bool = True) -> tuple[str | None, bool]:
    """The first actor-like chunk (or a he/she pronoun) in a segment."""
    pronoun = _PRONOUN.search(segment) if allow_pronoun else None
    generic = _GENERIC_EN.search(segment)
    for m in _CHUNK.finditer(segment):
        if pronoun and pronoun.start() < m.start():
            return None, True
        if generic and generic.start() < m.start():
            return generic.group(1), False
        if re.search(r"['’]s$", m.group(0)) and generic and 0 <= generic.start() - m.end() <= 2:
            owner = re.sub(r"['’]s$", "", m.group(0).split()[-1])
            return f"{owner} {generic.group(1)}", False  # "Kazakhstan's interior ministry"
        name = _clean_chunk(m.group(0))
        if name:
            return name, False
    if generic:
        return generic.group(1), False
    return None, bool(pronoun)


def _np_after(text: str, pos: int) -> str | None:
    """The actor named right after a cue (skipping lower-case descriptors)."""
    tail = text[pos:pos + 160]
    # a colon inside a name ("Re:Russia") does not end it; one before a space does
    tail = re.split(r"[,;()]|:(?=\s|$)|\s[—–]\s|\bthat\b|\bwho\b", tail, maxsplit=1)[0]
    generic = _GENERIC_EN.match(tail.strip())
    if generic:
        return generic.group(1)
    name, _ = _first_chunk(tail, allow_pronoun=False)
    return name


_CLAUSE_END = re.compile(
    r"\s*(?:[,.;:]|$|citing\b|on\b|last\b|this\b|earlier\b|in\b|today\b|yesterday\b|"
    r"reporters\b|journalists\b|the [A-Z]|[A-Z]|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
)
_SEGMENT_SPLIT = re.compile(r"\bthat\b|;|:(?=\s)")


class EnglishAttributor:
    """Attribution rules for English sentences."""

    def __init__(self) -> None:
        self.last_person: str | None = None

    def observe(self, sentence: str) -> None:
        """Remember the last person named (for a later 'he said')."""
        for m in _CHUNK.finditer(sentence):
            tokens = m.group(0).split()
            name = _clean_chunk(m.group(0))
            if name and len(name.split()) >= 2 and tokens[-1].lower() not in _ORG_WORDS:
                self.last_person = name
            elif name and len(tokens) == 1 and self.last_person and \
                    self.last_person.split()[-1] == name:
                self.last_person = self.last_person

    def attribute(self, sentence: str, fig_start: int, fig_end: int) -> Attribution:
        """Attribute the figure at ``fig_start`` in ``sentence`` (local offsets)."""
        from relokant.extract.periods import strip_asides

        # Attribution stays inside the clause (between semicolons) holding the figure.
        left = sentence.rfind(";", 0, fig_start) + 1
        right = sentence.find(";", fig_end)
        right = len(sentence) if right < 0 else right
        s = strip_asides(sentence[left:right])
        fig_start, fig_end = fig_start - left, fig_end - left
        actor: str | None = None
        via: str | None = None
        citing_unnamed = False

        for m in _ACCORDING.finditer(s):
            actor = _np_after(s, m.end()) or actor
        if actor is None:
            for m in _AGENT.finditer(s):
                found = _np_after(s, m.end())
                if found:
                    actor = found
                    break
        if actor is None:
            pm = _POSSESSIVE.search(s)
            if pm:
                actor = _clean_chunk(pm.group(1))
        if actor is None:
            om = _OWN_CALC.search(s)
            if om:
                head = s[:om.start()]
                generic = _GENERIC_EN.search(head)
                actor = generic.group(1) if generic else _first_chunk(head)[0]
        verbs = list(_VERB_RE.finditer(s))
        # An inverted reporting clause after the figure: "..., X reported, citing Y".
        for v in verbs:
            if v.start() <= fig_end or v.group(1).lower() in {"citing", "cited"}:
                continue
            inverted = s[:v.start()].rstrip().endswith(",")
            if not inverted and not _CLAUSE_END.match(s, v.end()):
                continue  # "as X announced a mobilisation": a verb with an object
            comma = s.rfind(",", 0, v.start())
            subject_text = s[comma + 1:v.start()] if comma >= fig_end else ""
            name, pron = _first_chunk(subject_text) if subject_text.strip() else (None, False)
            if comma >= fig_end and not subject_text.strip():
                # '..., said demographer Ivan Petrov.': the verb comes before its subject.
                name, pron = _np_after(s, v.end()), False
            if pron and self.last_person:
                name = self.last_person
            if name:
                citing = _CITING.search(s, v.end())
                if citing and citing.start() - v.end() < 40:
                    cited = _np_after(s, citing.end())
                    if cited:
                        via, actor = name, actor or cited
                    else:
                        via, citing_unnamed = name, actor is None
                elif actor is None:
                    actor = name
                else:
                    via = via or name
                break
        if actor is None and not citing_unnamed:
            before = [v for v in verbs if v.end() <= fig_start + 1 and v.group(1).lower()
                      not in {"citing", "cited"}]
            for v in reversed(before):
                subject: str | None = None
                pronoun = False
                for seg in reversed(_SEGMENT_SPLIT.split(s[:v.start()])):
                    subject, pronoun = _first_chunk(seg)
                    if subject or pronoun:
                        break
                if pronoun and not subject:
                    subject = self.last_person
                if subject:
                    actor = subject
                    outer = [r for r in _REPORTING.finditer(s[:v.start()])]
                    if outer:
                        lead, _ = _first_chunk(s[:outer[-1].start()])
                        if lead and lead != actor:
                            via = lead
                    break
        if actor is None and not citing_unnamed:
            cm = _CITING.search(s)
            if cm:
                citing_unnamed = _np_after(s, cm.end()) is None
                actor = _np_after(s, cm.end())
        if via and actor and normalise_name(via) == normalise_name(actor):
            via = None
        return Attribution(actor=actor, reported_via=via, unresolved_citing=citing_unnamed)

    @staticmethod
    def research_name(sentence: str) -> str | None:
        """A named study or survey ('... called OutRush') or the researchers' names."""
        m = _CALLED.search(sentence)
        if m:
            name = _np_after(sentence, m.end())
            if name:
                return name
        name, _ = _first_chunk(sentence, allow_pronoun=False)
        return name


# -- Russian -------------------------------------------------------------------
_RU_CUE_AFTER = re.compile(
    r"(?:по|согласно)\s+(?:последним\s+|новым\s+|предварительным\s+|официальным\s+)?"
    r"(?:данн\w+|оценк\w+|подсч[её]т\w+|расч[её]т\w+|слов\w+|информаци\w+|сведени\w+|"
    r"мнени\w+|результат\w+|итог\w+|прогноз\w+|материал\w+|статистик\w+|исследовани\w+|"
    r"опрос\w+|анализ\w*|докла\w+)(?:\s+(?:опроса|исследования|доклада|анализа))?\s+|"
    r"как\s+(?:подсчитал\w*|посчитал\w*|оценил\w*|сообщ\w+|пишет|пишут|отмеча\w+|отметил\w*|"
    r"заявил\w*|говорит|говорят|выяснил\w*|рассказал\w*|установил\w*|показал\w*|следует из\s+"
    r"\w+)\s+|со ссылкой на\s+(?:данн\w+\s+|оценк\w+\s+|исследовани\w+\s+|опрос\w*\s+)?|"
    r"(?:подсчитал\w*|посчитал\w*|оценил\w*|оценива\w+|сообщил\w*|сообщает|сообщают|пишет|"
    r"пишут|заявил\w*|утвержда\w+|счита\w+|говорит|говорят|рассказал\w*|отметил\w*|выяснил\w*|"
    r"показал\w*|насчитал\w*|подсчитали|приводит|приводят|следует из|свидетельству\w+|"
    r"говорится в|указано в|отмечается в)\s+(?:в\s+|во\s+)?(?:данн\w+\s+|опрос\w*\s+|"
    r"исследовани\w+\s+|доклад\w*\s+|анализ\w*\s+|материал\w*\s+|компани\w+\s+|сервис\w*\s+|"
    r"проект\w*\s+)?",
    _I,
)
_RU_VERB = re.compile(
    r"\b(?:подсчитал\w*|посчитал\w*|оценил\w*|оценива\w+|сообщил\w*|сообща\w+|заявил\w*|"
    r"утвержда\w+|счита\w+|пишет|пишут|говорит|говорят|выяснил\w*|обнаружил\w*|показал\w*|"
    r"насчитал\w*|зафиксировал\w*|фиксиру\w+|приводит|приводят|подсчитали|рассказал\w*|"
    r"отметил\w*|отмечает|отмечают|констатировал\w*|прогнозиру\w+)\b", _I
)
_RU_GENERIC = re.compile(
    r"(официальн\w+\s+(?:статистик\w+|данн\w+)|погранслужб\w+|пограничн\w+ служб\w+|"
    r"МВД|ФСБ|Росстат\w*|ООН|Евростат\w*|Минэкономразвития|Минцифры|Минтруд\w*|ЦБ|"
    r"Банк\w* России|власт\w+|правительств\w+|Кремл\w+|государств\w+)", _I
)
#: Unnamed speakers by their role («сообщил министр цифрового развития»): the role and
#: up to three words of its complement.
_RU_ROLE = re.compile(
    r"\s*((?:министр\w*|замминистра|глав\w|председател\w*|руководител\w*|директор\w*|"
    r"президент\w*|премьер\w*|вице-премьер\w*|мэр\w*|губернатор\w*|спикер\w*|"
    r"представител\w*|пресс-секретар\w*|эксперт\w*|аналитик\w*|демограф\w*|социолог\w*|"
    r"экономист\w*|исследовател\w*|депутат\w*|чиновник\w*|сенатор\w*)"
    r"(?:\s+(?!(?:и|в|во|на|что|о|об|по|с|со|к|из|за|не)\b)[а-яё-]+){0,3})", _I)
_RU_QUOTED = re.compile(r"«([^«»]{2,60})»")
_RU_LATIN = re.compile(r"\b([A-Z][\w.:&-]*(?:\s+[A-Z][\w.:&-]*)*|hh\.ru)\b")
_RU_PRONOUN = re.compile(r"\b(он|она)\b", _I)


@cache
def _natasha() -> tuple[Any, Any, Any, Any]:
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def ru_nominative(phrase: str) -> str:
    """Put a short Russian noun phrase into the nominative («официальной статистики»)."""
    morph = _morph()
    out = []
    for word in phrase.split():
        if not re.search(r"[а-яё]", word, _I):
            out.append(word)
            continue
        parsed = morph.parse(word)[0]
        inflected = parsed.inflect({"nomn"})
        text = inflected.word if inflected else parsed.normal_form
        out.append(text.capitalize() if word[0].isupper() else text)
    return " ".join(out)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    name: str


class RussianAttributor:
    """Attribution rules for Russian sentences, with natasha named entities."""

    def __init__(self) -> None:
        self.last_person: str | None = None

    def spans(self, sentence: str) -> list[_Span]:
        """Named people and organisations (nominative), plus Latin and «quoted» names."""
        return self.spans_many([sentence])[0]

    def spans_many(self, sentences: list[str]) -> list[list[_Span]]:
        """:meth:`spans` for many sentences with one pass of natasha (it batches)."""
        from natasha import Doc

        if not sentences:
            return []
        segmenter, morph_vocab, tagger, ner = _natasha()
        separator = "\n\n"
        starts = []
        pos = 0
        for sentence in sentences:
            starts.append(pos)
            pos += len(sentence) + len(separator)
        doc = Doc(separator.join(sentences))
        doc.segment(segmenter)
        doc.tag_morph(tagger)
        doc.tag_ner(ner)
        found: list[list[_Span]] = [[] for _ in sentences]
        for sp in doc.spans:
            if sp.type not in ("PER", "ORG"):
                continue
            k = max(i for i, start in enumerate(starts) if start <= sp.start)
            sp.normalize(morph_vocab)
            found[k].append(_Span(sp.start - starts[k], sp.stop - starts[k], sp.type,
                                  sp.normal or sp.text))
        return [self._add_patterns(sentence, spans)
                for sentence, spans in zip(sentences, found, strict=True)]

    def _add_patterns(self, sentence: str, found: list[_Span]) -> list[_Span]:
        taken = [(s.start, s.end) for s in found]
        for pattern, kind in ((_RU_QUOTED, "ORG"), (_RU_LATIN, "ORG"), (_RU_GENERIC, "GEN")):
            for m in pattern.finditer(sentence):
                g = m.group(1)
                if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                    continue
                if kind == "ORG" and g.lower() in _STOP:
                    continue
                name = ru_nominative(g) if kind == "GEN" else g
                found.append(_Span(m.start(1), m.end(1), kind, name))
                taken.append((m.start(1), m.end(1)))
        found.sort(key=lambda s: s.start)
        return found

    def observe(self, spans: list[_Span]) -> None:
        """Remember the last person named."""
        people = [s for s in spans if s.kind == "PER"]
        if people:
            self.last_person = people[-1].name

    def attribute(self, sentence: str, fig_start: int, fig_end: int,
                  spans: list[_Span]) -> Attribution:
        """Attribute the figure at ``fig_start`` in ``sentence`` (local offsets)."""
        actor: str | None = None
        via: str | None = None
        candidates: list[tuple[int, str]] = []
        for m in _RU_CUE_AFTER.finditer(sentence):
            after = [s for s in spans if m.end() <= s.start <= m.end() + 50]
            if after:
                target = after[0]
                if m.group(0).lower().startswith("со ссылкой"):
                    reporters = [s for s in spans if s.end <= m.start() and s.kind != "GEN"]
                    if reporters:
                        via = reporters[-1].name
                candidates.append((abs(target.start - fig_start), target.name))
            elif (role := _RU_ROLE.match(sentence, m.end())) is not None:
                head, *rest = role.group(1).split()
                candidates.append((abs(role.start(1) - fig_start),
                                   " ".join([ru_nominative(head), *rest])))
        if candidates:
            actor = min(candidates)[1]
            if via == actor:
                via = None
        if actor is None:
            for v in _RU_VERB.finditer(sentence):
                before = [s for s in spans if s.end <= v.start() and v.start() - s.end < 60
                          and "," not in sentence[s.end:v.start()]]
                if before:
                    actor = before[-1].name
                    break
                if _RU_PRONOUN.search(sentence[max(0, v.start() - 25):v.start()]) and \
                        self.last_person:
                    actor = self.last_person
                    break
        return Attribution(actor=actor, reported_via=via)
