"""Russian attribution: natasha's named entities and syntax, cue phrases, and memory.

Cue phrases («по словам», «по данным», «по оценке», «как отмечает», «со
ссылкой на») name the source in the genitive or nominative; natasha's NER
finds the name and normalises it («Тамары Беловой» → «Тамара Белова»). Where
no cue settles it, the syntax parse gives the subject of the speech verb.
Pronouns and role nouns («она», «эксперт», «министр») resolve through the
document's memory of named actors; the outlet that cites someone is a relay.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from relokant.extract.actors import Attribution
from relokant.extract.languages import Analysis, Span
from relokant.extract.languages.en_words import STOP
from relokant.extract.languages.ru_syntax import parse, speech_subjects
from relokant.extract.languages.ru_words import (
    RU_CUE_AFTER,
    RU_GENERIC,
    RU_LATIN,
    RU_QUOTED,
    RU_REF,
    RU_ROLE,
    RU_ROLES,
    RU_VERB,
    RU_WHEN,
    morph,
    natasha,
    normal_name,
    one_thread,
    quoted_name_like,
    ru_nominative,
    ru_np,
)
from relokant.extract.memory import ActorMemory, pronoun_referent

_I = re.IGNORECASE
_POSSESSIVE_CUE = re.compile(r"\bпо\s+(?:его|её|ее|их)\s+(?:словам|данным|оценк\w+|мнению|"
                             r"подсч[её]там|расч[её]там|информации)", _I)
_LEAD = re.compile(r"^\s*([А-ЯЁA-Z][^:;,.]{2,60}):\s")  # «Демограф Тамара Белова: до 1,3 млн»
_BARE_VERB = re.compile(r"^(?!по\b|согласно\b|как\b|со\b|ссылаясь\b|во?\b)\w+\s+$", _I)
_RELAY_CUE = re.compile(r"со ссылкой на|ссылаясь на", _I)
_NP_AFTER = re.compile(r"\s*((?:[а-яёА-ЯЁ-]+\s+){0,3}?[а-яёА-ЯЁ-]+?)(?=\s*(?:[,.;:»—–]|$|"
                       r"\s(?:и|в|во|на|что|о|об|по|с|со|к|из|за|не|трёх|двух|\d)\b))")
#: A sentence that names where a figure came from («Цифру назвал ...», «К такому выводу пришёл»).
_SOURCE_NAMED = re.compile(
    r"\b(?:цифр\w*|данны\w*|оценк\w*|вывод\w*|об этом)\b.{0,50}?(?:назвал\w*|привод\w+|"
    r"приш[её]л\w*|пришли|сообщил\w*|заявил\w*|рассказал\w*|сделал\w*|опубликовал\w*)|"
    r"\b(?:исследовани\w*|доклад\w*|опрос\w*|расч[её]т\w*)\s+(?=[А-ЯЁA-Z«])|"
    r"\b(?:нов\w+)\s+(?:исследовани\w*|доклад\w*|опрос\w*)", _I)
_FEMALE_END = re.compile(r"(?:ова|ева|ёва|ина|ына|ая|ская|цкая)$", _I)
_MALE_END = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ой)$", _I)
_ROLE_NEAR = re.compile(r"(демограф|социолог|экономист|министр|исследовател|аналитик|"
                        r"руководител|советник|основател|глав|эксперт)\w*", _I)


def _female(name: str) -> bool | None:
    words = name.split()
    if len(words) < 2:
        return None
    first, last = words[0].lower(), words[-1].lower()
    if _FEMALE_END.search(last) or (first.endswith(("а", "я")) and
                                    first not in {"никита", "илья", "фома", "кузьма"}):
        return True
    if _MALE_END.search(last) or re.search(r"[бвгджзклмнпрстфхцчшщй]$", first):
        return False
    return None


def _oblique(name: str) -> bool:
    """Whether a name's first word cannot be a nominative («Думе», «Росстату»)."""
    word = name.split()[0]
    if word.isupper() or not re.search(r"[а-яё]", word, _I):
        return False
    return not any("nomn" in p.tag for p in morph().parse(word))


def role_phrase(sentence: str, pos: int) -> str | None:
    """An unnamed speaker by role at ``pos`` («министр цифрового развития»), nominative."""
    m = RU_ROLE.match(sentence, pos)
    if m is None:
        return None
    analyser = morph()
    words = m.group(1).split()
    kept = [words[0]]
    for word in words[1:]:
        tag = analyser.parse(word)[0].tag
        if "gent" not in tag or tag.POS not in {"NOUN", "ADJF", "PRTF"}:
            break
        kept.append(word)
    return " ".join([ru_nominative(kept[0]).lower(), *kept[1:]])


def resolve(m: re.Match[str], memory: ActorMemory) -> str | None:
    """The named actor a pronoun or role noun (a match of RU_REF) refers to."""
    pronoun, referent = pronoun_referent(m, memory)
    if pronoun:
        return referent
    if m.group("org"):
        return memory.org() or memory.person()
    word = m.group("role").lower()
    female = True if word.endswith(("ница", "ницы", "ниц")) else None
    role = next((v for k, v in RU_ROLES.items() if word.startswith(k)), word[:6])
    return memory.by_role(role, female) or memory.person(female)


class RussianPack:
    """Attribution rules for Russian sentences."""

    code = "ru"

    def analyse(self, sentences: Sequence[str]) -> list[Analysis]:
        """Named people and organisations (nominative), Latin and «quoted» names: one batch."""
        if not sentences:
            return []
        _, _, _, ner = natasha()
        separator = "\n\n"
        starts = []
        pos = 0
        for sentence in sentences:
            starts.append(pos)
            pos += len(sentence) + len(separator)
        text = separator.join(sentences)
        found: list[list[Span]] = [[] for _ in sentences]
        # the NER model reads the text itself: natasha's Doc would first sentenize and
        # tokenize it again (razdel), a quarter of Russian extraction's time, for nothing
        spans = []
        if text.strip():
            with one_thread():
                spans = ner(text).spans
        for sp in spans:
            if sp.type not in ("PER", "ORG"):
                continue
            k = bisect.bisect_right(starts, sp.start) - 1
            found[k].append(Span(sp.start - starts[k], sp.stop - starts[k], sp.type,
                                 normal_name(text[sp.start:sp.stop], sp.type)))
        return [Analysis(_add_patterns(sentence, _join_places(sentence, spans)))
                for sentence, spans in zip(sentences, found, strict=True)]

    def observe(self, sentence: str, analysis: Analysis, memory: ActorMemory) -> None:
        """Remember the people (with roles around them) and organisations named."""
        for s in analysis.spans:
            if s.kind == "PER":
                around = sentence[max(0, s.start - 40):s.end + 30]
                roles = frozenset(r.lower()[:6] for r in _ROLE_NEAR.findall(around))
                memory.add(s.name, "person", roles, _female(s.name))
            elif s.kind == "ORG":
                memory.add(s.name, "org")
        if not any(s.kind == "PER" for s in analysis.spans):
            lead = re.match(r"\s*", sentence)
            role = role_phrase(sentence, lead.end() if lead else 0)
            if role and memory.by_role(role[:6]) is None and (
                    memory.person() is None or len(role.split()) > 1):
                memory.add(role, "person", frozenset({role[:6]}))

    def research_name(self, sentence: str, analysis: Analysis) -> str | None:
        """The first named person or organisation in a sentence about research."""
        return next((s.name for s in analysis.spans if s.kind != "GEN"), None)

    def source_named(self, sentence: str, analysis: Analysis) -> str | None:
        """The source a later sentence names: «Цифру назвал X», «Новое исследование X»."""
        if not _SOURCE_NAMED.search(sentence):
            return None
        subject = self._subject(sentence, len(sentence), analysis, ActorMemory())
        return subject or next((s.name for s in analysis.spans if s.kind != "GEN"), None)

    def attribute(self, sentence: str, fig_start: int, fig_end: int, analysis: Analysis,
                  memory: ActorMemory) -> Attribution:
        """Attribute the figure at ``fig_start`` in ``sentence`` (local offsets)."""
        # Attribution stays inside the clause (between semicolons) holding the figure.
        left = sentence.rfind(";", 0, fig_start) + 1
        right = sentence.find(";", fig_end)
        right = len(sentence) if right < 0 else right
        if left > 0 or right < len(sentence):
            sentence = " " * left + sentence[left:right] + " " * (len(sentence) - right)
            analysis = Analysis([s for s in analysis.spans if left <= s.start and s.end <= right])
        spans = analysis.spans
        actor: str | None = None
        via: str | None = None
        candidates: list[tuple[int, str]] = []
        relayed: str | None = None
        for m in _POSSESSIVE_CUE.finditer(sentence):
            ref = RU_REF.search(m.group(0))
            name = resolve(ref, memory) if ref else None
            if name:
                candidates.append((abs(m.start() - fig_start), name))
        for m in RU_CUE_AFTER.finditer(sentence):
            after = [s for s in spans if m.end() <= s.start <= m.end() + 80
                     and (s.start <= m.end() + 50 or "," not in sentence[m.end():s.start])]
            relay = bool(_RELAY_CUE.search(m.group(0)))
            ref = RU_REF.match(sentence, m.end())
            found: str | None = None
            if ref and (not after or after[0].start > ref.end() + 2) and \
                    (name := resolve(ref, memory)):
                found = name
            elif after and not (_BARE_VERB.match(m.group(0)) and
                                _oblique(sentence[after[0].start:after[0].end])):
                found = after[0].name  # «сообщил Думе»: a dative after a verb is no subject
            elif (role := role_phrase(sentence, m.end())) is not None:
                found = role
            elif (relay or m.group(0).rstrip().lower().endswith((" в", " во"))) and \
                    (np := _NP_AFTER.match(sentence, m.end())) and \
                    not RU_WHEN.match(np.group(1)):
                found = ru_np(np.group(1))
            elif (when := RU_WHEN.match(sentence, m.end())) and \
                    (role := role_phrase(sentence, when.end())) is not None:
                found = role  # «заявил в декабре президент»: a date, then the speaker
            if found is None:
                continue
            candidates.append((abs(m.end() - fig_start), found))
            if relay:
                relayed = found
                reporters = [s for s in spans if s.end <= m.start() and s.kind != "GEN"]
                if reporters:
                    via = reporters[-1].name
        if relayed:
            actor = relayed
        elif candidates:
            actor = min(candidates)[1]
        if actor is None:
            for v in RU_VERB.finditer(sentence):
                before = [s for s in spans if s.end <= v.start() and v.start() - s.end < 60
                          and "," not in sentence[s.end:v.start()]]
                if before:
                    actor = before[-1].name
                    break
        if actor is None and (lead := _LEAD.match(sentence)) and lead.end() <= fig_start:
            named = [s for s in spans if s.end <= lead.end() and s.kind != "GEN"]
            actor = named[-1].name if named else ru_np(lead.group(1))
        if actor is None:
            actor = self._subject(sentence, fig_start, analysis, memory)
        if actor and len(actor.split()) == 1:
            actor = memory.surname(actor) or actor
        if via == actor:
            via = None
        return Attribution(actor=actor, reported_via=via)

    @staticmethod
    def _subject(sentence: str, fig_start: int, analysis: Analysis,
                 memory: ActorMemory) -> str | None:
        """The subject of the nearest speech verb, from the syntax parse (made on demand)."""
        if analysis.parse is None:
            analysis.parse = parse(sentence)
        assert isinstance(analysis.parse, list)
        for subject in speech_subjects(analysis.parse, fig_start):
            inside = [s for s in analysis.spans
                      if s.start < subject.end and subject.start < s.end and s.kind != "GEN"]
            if inside:
                return inside[0].name
            generic = [s for s in analysis.spans
                       if s.start < subject.end and subject.start < s.end]
            if generic:
                return generic[0].name
            ref = RU_REF.match(subject.text)
            if ref and (subject.pronoun or not subject.modified) and \
                    ref.end() == len(subject.text.split()[0]):
                name = resolve(ref, memory)
                if name:
                    return name
                if subject.pronoun:
                    continue
            if subject.pronoun or subject.research:
                continue
            return ru_np(subject.text)
        return None


def _join_places(sentence: str, spans: list[Span]) -> list[Span]:
    """«МВД» + «Грузии»: an organisation and the country right after it are one name."""
    out: list[Span] = []
    for s in spans:
        place = re.match(r"\s([А-ЯЁ][а-яё]+(?:и|ы|а))\b", sentence[s.end:])
        if s.kind == "ORG" and place:
            end = s.end + place.end()
            out.append(Span(s.start, end, s.kind, f"{s.name} {place.group(1)}"))
        else:
            out.append(s)
    return out


def _add_patterns(sentence: str, found: list[Span]) -> list[Span]:
    taken = [(s.start, s.end) for s in found]
    for pattern, kind in ((RU_QUOTED, "ORG"), (RU_LATIN, "ORG"), (RU_GENERIC, "GEN")):
        for m in pattern.finditer(sentence):
            g = m.group(1)
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            if kind == "ORG" and g.lower() in STOP:
                continue
            if pattern is RU_QUOTED and not quoted_name_like(g):
                continue  # «Мы считаем, что вернулись 20%»: a quotation, not a name
            name = ru_nominative(g) if kind == "GEN" else g
            found.append(Span(m.start(1), m.end(1), kind, name))
            taken.append((m.start(1), m.end(1)))
    found.sort(key=lambda s: s.start)
    return found
