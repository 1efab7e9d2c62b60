"""English attribution: clause rules over sentences, and a memory of who was named.

The rules read the shape of reporting sentences: "according to X", "X said
(that) ...", "..., X reported, citing Y", "X's survey", "by X". A subject
that is a pronoun or a role ("she", "the minister", "the researchers") is
looked up in the document's memory of named actors; an outlet that reports
while citing someone is a relay, never the author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from relokant.extract.actors import Attribution
from relokant.extract.languages import Analysis
from relokant.extract.languages.en_words import (
    ACCORDING,
    AGENT,
    CALLED,
    CHUNK,
    CITING,
    CLAUSE_END,
    GENERIC_EN,
    ORG_WORDS,
    OWN_CALC,
    POSSESSIVE,
    PRONOUN,
    REPORTING,
    ROLE_WORDS,
    SEGMENT_SPLIT,
    TITLES,
    VERB_RE,
    clean_chunk,
    first_chunk,
    np_after,
)
from relokant.extract.memory import ActorMemory, pronoun_referent
from relokant.extract.periods import strip_asides
from relokant.places import find_places
from relokant.records import normalise_name

_LEAD = re.compile(r"^\s*([A-Z][^:;,.]{2,60}):\s")  # "Demographer Tamara Belova: up to ..."
_QUOTING = re.compile(r"\b(?:quoting|citing)\s+(?:an?\s+|the\s+)?(unnamed [^,.;]{3,60}|"
                      r"anonymous [^,.;]{3,60}|sources? [^,.;]{3,60})", re.I)
_ORG_AFTER = re.compile(r"\s+(?:survey|project|centre|center|team|poll|study|report|group|fund|"
                        r"firm|index|monitor|platform|service|network|initiative)\b", re.I)
#: "Her latest estimate", "In his view", "By their count": a possessive pointing back.
_POSSESSIVE_REF = re.compile(
    r"\b(?:his|her|their|its)\s+(?:\w+\s+){0,2}?(?:estimate|estimates|view|count|calculations?|"
    r"data|figures?|survey|study|research|opinion|words|analysis|answer|reckoning|assessment)\b",
    re.I)
#: A lower-case source before a reporting verb: "Russia's digital ministry said".
_LOWER_SOURCE = re.compile(
    r"^\s*(?:(?:[A-Z]\w+['’]s|the|an?)\s+)?((?:(?!(?:the|an?)\s)[a-z][\w-]*\s+){1,3}(?:" +
    "|".join(sorted(ORG_WORDS)) + r"|source|official|spokes\w+)|(?:[a-z][\w-]*\s+){0,3}"
    r"(?:sources|officials|researchers|experts|analysts|authorities))\s*$")
_SOURCE_AFTER = re.compile(
    r"\b(?:(?:given|provided|calculated|made|compiled|produced|published) by|"
    r"conclusion of [^.]{0,40}?by|(?:study|survey|estimate|report|analysis|poll|research) "
    r"(?:(?:[^,.;]|(?<=\d)[,.](?=\d)){0,50}?\s)?(?:by|from)|came from)\s+(?:the\s+|an?\s+)?",
    re.I)
#: Closing quotation marks: a quote's own comma sits inside them ('"…," said X').
_CLOSE_QUOTES = "\"”’'»"
_LOWER_NP = re.compile(r"([a-z][\w-]*(?:\s+[\w-]+){0,6}?)\s*(?:[,.;]|\swho\b|\swhich\b|$)")


def resolve_reference(segment: str, memory: ActorMemory) -> str | None:
    """The actor a pronoun or role noun in ``segment`` refers to (its first one)."""
    m = PRONOUN.search(segment)
    if m is None:
        return None
    pronoun, referent = pronoun_referent(m, memory)
    if pronoun:
        return referent
    role = m.group("role").lower().rstrip("s")
    if role in _ORG_ROLES:
        # "the ministry said" with no organisation named before: the institution itself
        # is the best description of the source there is (it also sets the source type)
        return memory.org() or memory.person() or m.group("role").lower()
    return memory.by_role(role) or memory.person()


_ORG_ROLES = {"project", "centre", "center", "institute", "ministry", "team", "firm", "company",
              "agency", "committee", "bank", "association", "department"}
#: '…, said the study's author, Boris Lagin': a lower-case description, then the name.
_DESCRIBED_NAME = re.compile(r"\s+(?:the\s+|an?\s+)?[a-z][^,.;:]{0,60},\s+(?=[A-Z])")


def country_subject(segment: str) -> str | None:
    """A country that is a clause's whole subject ("Georgia recorded", ", Kazakhstan said").

    There the country (its government or statistics) speaks; anywhere else a country's
    name is a place, never an actor.
    """
    text = segment.strip().strip(_CLOSE_QUOTES + " ")
    text = re.sub(r"^(?:and|but|while|as|the)\s+", "", text, flags=re.I)
    if not text[:1].isupper():
        return None
    found = find_places(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return text
    return None


def _female(name: str) -> bool | None:
    first = name.split()[0].lower()
    if first in {"nikita", "ilya", "foma", "kuzma"}:
        return False
    return first.endswith(("a", "ya")) if first.isalpha() else None


class EnglishPack:
    """Attribution rules for English sentences."""

    code = "en"

    def analyse(self, sentences: Sequence[str]) -> list[Analysis]:
        """English needs no model: names are read by the clause rules themselves."""
        return [Analysis() for _ in sentences]

    def observe(self, sentence: str, analysis: Analysis, memory: ActorMemory) -> None:
        """Remember people (with the roles around them) and organisations named."""
        for m in CHUNK.finditer(sentence):
            tokens = m.group(0).split()
            name = clean_chunk(m.group(0))
            if not name:
                continue
            last = tokens[-1].lower().strip(".,")
            if last in ORG_WORDS or _ORG_AFTER.match(sentence, m.end()):
                memory.add(name, "org")
                continue
            if len(name.split()) >= 2 and not any(t.lower() in TITLES for t in name.split()):
                around = sentence[max(0, m.start() - 30):m.end() + 40]
                roles = frozenset(r.lower().rstrip("s") for r in ROLE_WORDS.findall(around))
                roles |= {t.lower().strip(".,") for t in tokens if t.lower() in TITLES}
                memory.add(name, "person", roles, _female(name))
            elif len(tokens) == 1 and (full := memory.surname(name)):
                memory.add(full, "person")
        for g in GENERIC_EN.finditer(sentence):
            memory.add(g.group(1), "org")

    def research_name(self, sentence: str, analysis: Analysis) -> str | None:
        """A named study or survey ('... called OutRush') or the researchers' names."""
        m = CALLED.search(sentence)
        if m:
            name = np_after(sentence, m.end())
            if name:
                return name
        m = _SOURCE_AFTER.search(sentence)
        if m:
            name = np_after(sentence, m.end())
            if name:
                return name
        name, _ = first_chunk(sentence, allow_pronoun=False)
        return name

    def source_named(self, sentence: str, analysis: Analysis) -> str | None:
        """The source a later sentence names: "The figure was given by X", "a study by X"."""
        m = _SOURCE_AFTER.search(sentence)
        if m is None:
            return None
        named = np_after(sentence, m.end())
        low = _LOWER_NP.match(sentence, m.end())
        if low is not None and not re.search(r"\b[A-Z]", low.group(1)):
            return low.group(1)  # "given by a source in the government": no name, a description
        return named

    def attribute(self, sentence: str, fig_start: int, fig_end: int, analysis: Analysis,
                  memory: ActorMemory) -> Attribution:
        """Attribute the figure at ``fig_start`` in ``sentence`` (local offsets)."""
        # Attribution stays inside the clause (between semicolons) holding the figure.
        left = sentence.rfind(";", 0, fig_start) + 1
        right = sentence.find(";", fig_end)
        right = len(sentence) if right < 0 else right
        s = strip_asides(sentence[left:right])
        fig_start, fig_end = fig_start - left, fig_end - left
        actor = self._cues(s, memory)
        actor, via, citing_unnamed = self._verbs(s, fig_start, fig_end, memory, actor)
        if actor is None and not citing_unnamed:
            cm = CITING.search(s)
            if cm:
                actor = np_after(s, cm.end())
                citing_unnamed = actor is None
        if actor is None and (lead := _LEAD.match(s)) and lead.end() <= fig_start:
            actor = clean_chunk(lead.group(1))
        if actor is None and (ref := _POSSESSIVE_REF.search(s)) is not None:
            actor = resolve_reference(ref.group(0), memory)
        if actor and len(actor.split()) == 1:
            actor = memory.surname(actor) or actor
        if via and actor and normalise_name(via) == normalise_name(actor):
            via = None
        return Attribution(actor=actor, reported_via=via, unresolved_citing=citing_unnamed)

    @staticmethod
    def _cues(s: str, memory: ActorMemory) -> str | None:
        """Cues that name the source: 'according to X', 'by X', "X's survey", 'quoting X'."""
        actor: str | None = None
        for m in ACCORDING.finditer(s):
            found = np_after(s, m.end())
            if found is None and PRONOUN.match(s, m.end()):
                found = resolve_reference(s[m.end():m.end() + 40], memory)
            actor = found or actor
        if actor is None and (rb := _SOURCE_AFTER.search(s)) is not None:
            actor = np_after(s, rb.end())
        if actor is None:
            for m in AGENT.finditer(s):
                found = np_after(s, m.end())
                if found:
                    actor = found
                    break
        if actor is None and (pm := POSSESSIVE.search(s)):
            actor = clean_chunk(pm.group(1))
        if actor is None and (om := OWN_CALC.search(s)):
            head = s[:om.start()]
            generic = GENERIC_EN.search(head)
            actor = generic.group(1) if generic else first_chunk(head)[0]
        if actor is None and (qm := _QUOTING.search(s)):
            return qm.group(1).strip()
        return actor

    @staticmethod
    def _verbs(s: str, fig_start: int, fig_end: int, memory: ActorMemory,
               actor: str | None) -> tuple[str | None, str | None, bool]:
        """The subject of a reporting verb after the figure, else of one before it.

        With an ``actor`` already found by a cue, a reporting subject is its relay.
        """
        via: str | None = None
        citing_unnamed = False
        verbs = list(VERB_RE.finditer(s))
        # An inverted reporting clause after the figure: "..., X reported, citing Y".
        for v in verbs:
            if v.start() <= fig_end or v.group(1).lower() in {"citing", "cited"}:
                continue
            # '"...left in 2022," said X': the closing quote mark stands between comma and verb
            head = s[:v.start()].rstrip().rstrip(_CLOSE_QUOTES).rstrip()
            inverted = head.endswith(",")
            if not inverted and not CLAUSE_END.match(s, v.end()):
                continue  # "as X announced a mobilisation": a verb with an object
            comma = s.rfind(",", 0, v.start())
            subject_text = s[comma + 1:v.start()] if comma >= fig_end else ""
            if not subject_text.strip(_CLOSE_QUOTES + " "):
                subject_text = ""
            name, pron = first_chunk(subject_text) if subject_text.strip() else (None, False)
            if comma >= fig_end and not subject_text.strip():
                # '..., said demographer Ivan Petrov.': the verb comes before its subject.
                name, pron = np_after(s, v.end()), False
                if name is None and (desc := _DESCRIBED_NAME.match(s, v.end())):
                    name = np_after(s, desc.end())
            if pron and not name:
                name = resolve_reference(subject_text, memory)
            if not name and (low := _LOWER_SOURCE.match(subject_text)):
                name = low.group(1)
            if not name and subject_text:
                name = country_subject(subject_text)
            if name:
                citing = CITING.search(s, v.end())
                if citing and citing.start() - v.end() < 40:
                    cited = np_after(s, citing.end())
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
                comma = s.rfind(",", 0, v.start())
                segments = SEGMENT_SPLIT.split(s[:v.start()])
                if comma >= 0 and s[comma + 1:v.start()].strip() and CLAUSE_END.match(s, v.end()):
                    segments.append(s[comma + 1:v.start()])  # "..., the Kompas centre found, and"
                for seg in reversed(segments):
                    subject, pronoun = first_chunk(seg)
                    if subject or pronoun:
                        if pronoun and not subject:
                            subject = resolve_reference(seg, memory)
                        break
                    if (low := _LOWER_SOURCE.match(seg)) is not None:
                        subject = low.group(1)
                        break
                    if (country := country_subject(seg)) is not None:
                        subject = country
                        break
                if subject:
                    actor = subject
                    outer = list(REPORTING.finditer(s[:v.start()]))
                    if outer:
                        lead, _ = first_chunk(s[:outer[-1].start()])
                        if lead and lead != actor:
                            via = lead
                    break
        return actor, via, citing_unnamed
