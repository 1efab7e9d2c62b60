"""Find every quantitative claim about emigration and return in a document.

Pure: a :class:`~relokant.records.TextDocument` in, :class:`Extraction` records
out; no database and no printing. Names resolve against the actors given (the ledger's).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pydantic

from relokant.bundle import bundled_actors
from relokant.extract.actors import ActorIndex, guess_source_type
from relokant.extract.classify import Reading, classify
from relokant.extract.confidence import field_confidence
from relokant.extract.context import borrow_attribution, drop_repeated_headlines, resolve_citing
from relokant.extract.figures import Figure, build_figures
from relokant.extract.languages import Analysis, pack_for
from relokant.extract.lists import list_items
from relokant.extract.memory import ActorMemory
from relokant.extract.numbers import find_numbers
from relokant.extract.pending import Pending
from relokant.extract.periods import TimeFacts, era_of, read_time
from relokant.extract.resolver import display_name
from relokant.extract.text import (
    Sentence,
    footnote_after,
    footnote_dates,
    mask,
    own_clause,
    sentences,
)
from relokant.extract.where import figure_destination
from relokant.kinds import KINDS
from relokant.records import (
    EVENT_START,
    Actor,
    Bound,
    Citation,
    Claim,
    Measure,
    SourceType,
    Status,
    TextDocument,
    Unit,
)

log = logging.getLogger(__name__)

_EVENT_DEFAULT = {m for m, k in KINDS.items() if k.dated_from_event}
_FAMILY = {m: k.family for m, k in KINDS.items() if k.family}
_RESEARCH = re.compile(r"research|survey|study|poll|researchers|исследован|опрос|учен", re.I)
_METHOD = re.compile(
    r"((?:long-term |online |panel |representative )*(?:survey|poll|study) of [^,.;]{3,80}|"
    r"analysis of [^,.;]{3,80}|based on [^,.;]{3,80}|(?:опрос\w*|исследовани\w*|анализ\w*) "
    r"[^,.;]{3,80})", re.I
)
MAX_QUOTE = 400
#: Sentences before a figure read for the names a later pronoun or role refers to.
CONTEXT = 4


@dataclass(frozen=True)
class Extraction:
    """A claim found in a document, with the exact quote and where it is."""

    claim: Claim
    quote: str
    span_start: int
    span_end: int
    sentence_index: int
    reported_via: str | None = None
    notes: tuple[str, ...] = field(default=())


#: A figure that counts part of the previous one ("of them", «из них»): the same place.
_OF_THEM = re.compile(r"\b(?:of (?:them|whom|those)|из (?:них|которых|этого числа))\b", re.I)


class ClaimExtractor:
    """Rule-based claim extractor for English and Russian news text.

    Parameters
    ----------
    actors
        Known actors (the ledger's; default: the bundled ones) for canonical names.
    language
        'auto' (use the document's detected language), 'en' or 'ru'.
    """

    def __init__(self, actors: Sequence[Actor] | None = None, *, language: str = "auto") -> None:
        self.index = ActorIndex(bundled_actors() if actors is None else actors)
        self.language = language

    def extract(self, document: TextDocument) -> list[Extraction]:
        """Every claim in ``document``, in reading order."""
        language = document.language if self.language == "auto" else self.language
        text = document.text
        masked = mask(text)
        published = document.published
        sents = sentences(text, masked, title=document.title)
        notes = footnote_dates(text, published)
        pack = pack_for(language)
        # Pass 1: figures and what they count, sentence by sentence (cheap).
        readings_by_sentence: list[list[tuple[Figure, Reading]]] = []
        for sent in sents:
            local = masked[sent.start:sent.end]
            numbers = find_numbers(masked, sent.start, sent.end, language)
            readings: list[tuple[Figure, Reading]] = []
            if numbers:
                unread: list[Figure] = []
                for fig in build_figures(masked, numbers, floor=sent.start):
                    # distances to verbs count from the number, not from "about" before it
                    n0 = (fig.tokens[0].start if fig.tokens else fig.start) - sent.start
                    reading = classify(local, fig, n0, fig.end - sent.start)
                    if reading is not None:
                        readings.append((fig, reading))
                    elif not fig.excluded:
                        unread.append(fig)
                readings = list_items(local, sent.start, readings, unread)
            if any(r.measure is not Measure.survey_sample for _, r in readings):
                readings = [(f, r) for f, r in readings if r.measure is not Measure.survey_sample]
            readings_by_sentence.append(readings)
        drop_repeated_headlines(sents, readings_by_sentence)
        # Pass 2: the language's analysis of the sentences with a claim and their
        # neighbours (they name the speakers), in one batch.
        wanted = sorted({j for k, r in enumerate(readings_by_sentence) if r
                         for j in range(max(0, k - CONTEXT), min(len(sents), k + 3))})
        batch = pack.analyse([masked[sents[k].start:sents[k].end] for k in wanted])
        analyses: dict[int, Analysis] = dict(zip(wanted, batch, strict=True))
        # Pass 3: attribution and periods, in reading order (they look back).
        pending: list[Pending] = []
        last: Pending | None = None
        memory = ActorMemory()
        for k, sent in enumerate(sents):
            local = masked[sent.start:sent.end]
            readings = readings_by_sentence[k]
            analysis = analyses.get(k)
            if analysis is None:
                continue
            pack.observe(local, analysis, memory)
            previous_where: str | None = None
            for fig, reading in readings:
                f0, f1 = fig.start - sent.start, fig.end - sent.start
                time = read_time(own_clause(local, f0, f1), published)
                attribution = pack.attribute(local, f0, f1, analysis, memory)
                start, as_of = self._period(reading, fig, local, sent, time, last, published,
                                            text, notes)
                method = _METHOD.search(local)
                where = figure_destination(local, f0, f1, only_figure=len(readings) == 1)
                if where is None and _OF_THEM.search(local[max(0, f0 - 30):f0]):
                    where = previous_where  # «въехали 1,4 млн, из них остались 60 тыс.»
                previous_where = where
                item = Pending(fig, reading, sent, attribution, start, as_of,
                                method.group(1).strip() if method else None, time.explicit,
                                where)
                pending.append(item)
                last = item
        resolve_citing(pending, sents, masked, pack, analyses)
        borrow_attribution(pending, sents, masked, pack, analyses, readings_by_sentence)
        return [x for x in (self._finish(p, document) for p in pending) if x is not None]

    # -- periods -----------------------------------------------------------
    def _period(
        self,
        reading: Reading,
        fig: Figure,
        local: str,
        sent: Sentence,
        time: TimeFacts,
        last: Pending | None,
        published: dt.date | None,
        text: str,
        notes: dict[int, dt.date],
    ) -> tuple[dt.date | None, dt.date | None]:
        if reading.measure is Measure.historical:
            era = era_of(local, fig.start - sent.start)
            return era if era else (None, None)
        start, as_of = time.period_start, time.as_of
        family = _FAMILY.get(reading.measure)
        near = last is not None and sent.index - last.sentence.index <= 2
        if time.inherit_start and last is not None and sent.index - last.sentence.index <= 3:
            start = last.period_start
        if not time.explicit and near and last is not None and family and \
                _FAMILY.get(last.reading.measure) == family:
            return last.period_start, last.as_of
        if as_of is None and time.cohort_year and family != "back":
            as_of = dt.date(time.cohort_year, 12, 31)  # "left in 2022": the flow of 2022
        if start is None and (reading.measure in _EVENT_DEFAULT or (
                reading.measure is Measure.workforce_loss and reading.unit is Unit.percent)):
            start = EVENT_START  # a share of a company's staff lost since the war began
        if as_of is None:
            marker = footnote_after(text, sent.start)
            as_of = notes[marker] if marker is not None and marker in notes else published
        if start and as_of and start > as_of:
            start = None
        return start, as_of

    # -- output ----------------------------------------------------------------
    def _finish(self, item: Pending, document: TextDocument) -> Extraction | None:
        fig, reading, sent = item.figure, item.reading, item.sentence
        text = document.text
        q0, q1 = sent.start, sent.end
        while q0 < q1 and text[q0].isspace():
            q0 += 1
        while q1 > q0 and text[q1 - 1].isspace():
            q1 -= 1
        if q1 - q0 > MAX_QUOTE:
            q0 = max(q0, fig.start - MAX_QUOTE // 2)
            q1 = min(q1, fig.end + MAX_QUOTE // 2)
        actor_surface = item.attribution.actor
        actor_name, known, source_type = None, None, SourceType.media_estimate
        if actor_surface:
            resolved = self.index.resolver.resolve(actor_surface)
            actor_name, known = resolved.name, resolved.actor
            context = text[max(sent.start, q0 - 80):q1]
            source_type = ((known.source_type if known else None)
                           or guess_source_type(actor_surface) or SourceType.other)
            if source_type is SourceType.other:
                source_type = guess_source_type(context)
        via = item.attribution.reported_via
        via = self.index.resolver.resolve(via).name if via else None
        figures = ({"low": fig.low, "high": fig.high, "value": None} if fig.bound is Bound.range
                   else {"value": fig.value, "low": None, "high": None})
        citations: tuple[Citation, ...] = ()
        if document.published is not None:
            citations = (Citation(document=document.as_document(), quote=text[q0:q1],
                                  span_start=q0, span_end=q1,
                                  reported_via=(via,) if via else ()),)
        where = item.destination
        try:
            claim = Claim(
                confidence=field_confidence(
                    actor=actor_name, actor_known=known is not None,
                    time_explicit=item.time_explicit, destination=where,
                    actor_carried=bool(actor_surface) and not _named_in(actor_surface or "",
                                                                         text[q0:q1])),
                measure=reading.measure, unit=reading.unit, bound=fig.bound,
                stated_shares=fig.stated_shares, population=reading.population, destination=where,
                period_start=item.period_start, as_of=item.as_of, attributed_to=actor_name,
                attributed_surface=actor_surface if actor_name else None,
                source_type=source_type, method=item.method, indicator=reading.indicator,
                status=Status.pending, citations=citations, **figures,
            )
        except pydantic.ValidationError as exc:
            log.info("%s: dropped a figure at %d: %s", document.source, fig.start,
                     exc.errors()[0]["msg"])
            return None
        return Extraction(claim=claim, quote=text[q0:q1], span_start=q0, span_end=q1,
                          sentence_index=sent.index, reported_via=via)


def _named_in(actor: str, quote: str) -> bool:
    """Whether a word of the actor's name (its stem) appears in the quoted sentence."""
    low = quote.lower()
    return any(w[:4] in low for w in re.findall(r"[\w-]{3,}", actor.lower()))


def to_gold(extractions: Sequence[Extraction]) -> list[dict[str, object]]:
    """Extractions in the gold schema of the development corpus."""
    out: list[dict[str, object]] = []
    for x in extractions:
        c = x.claim
        record: dict[str, object] = {
            "quote": x.quote, "measure": c.measure.value, "unit": c.unit.value,
            "bound": c.bound.value, "population": c.population,
            "period_start": c.period_start.isoformat() if c.period_start else None,
            "as_of": c.as_of.isoformat() if c.as_of else None,
            "attributed_to": display_name(c.attributed_to, c.attributed_surface),
            "reported_via": x.reported_via, "method": c.method,
        }
        if c.destination:
            record["destination"] = c.destination
        if c.bound is Bound.range:
            record.update(low=c.low, high=c.high)
        else:
            record["value"] = c.value
        out.append(record)
    return out
