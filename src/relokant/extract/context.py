"""Attribution across sentences: what one sentence leaves open, its neighbours settle.

An unnamed "citing new research" finds the research named next; an
unattributed figure borrows its sentence's source or the next sentence's ("The
figure was given by X"); an unnamed role ("the demographer said") takes the
person named with that role next; a headline's figure counts only when the
body does not state it again.
"""

from __future__ import annotations

import re

from relokant.extract.actors import Attribution
from relokant.extract.classify import Reading
from relokant.extract.figures import Figure
from relokant.extract.languages import Analysis, LanguagePack
from relokant.extract.memory import ActorMemory
from relokant.extract.pending import Pending
from relokant.extract.text import Sentence

_RESEARCH = re.compile(r"research|survey|study|poll|researchers|исследован|опрос|учен", re.I)


def resolve_citing(pending: list[Pending], sents: list[Sentence], masked: str,
                   pack: LanguagePack, analyses: dict[int, Analysis]) -> None:
    """"..., citing new research": the research is named in a twin claim or the next sentences."""
    for item in pending:
        if item.attribution.actor or not item.attribution.unresolved_citing:
            continue
        twin = next(
            (o for o in pending if o is not item and o.attribution.actor
             and o.reading.measure is item.reading.measure
             and same_numbers(o.figure, item.figure)),
            None,
        )
        name = twin.attribution.actor if twin else None
        if name is None:
            for later in sents[item.sentence.index + 1:item.sentence.index + 3]:
                local = masked[later.start:later.end]
                analysis = analyses.get(later.index)
                if not _RESEARCH.search(local) or analysis is None:
                    continue
                name = pack.research_name(local, analysis)
                if name:
                    break
        if name:
            item.attribution = Attribution(actor=name,
                                           reported_via=item.attribution.reported_via)


def borrow_attribution(pending: list[Pending], sents: list[Sentence], masked: str,
                        pack: LanguagePack, analyses: dict[int, Analysis],
                        readings: list[list[tuple[Figure, Reading]]]) -> None:
    """Unattributed figures take the source named next: in their sentence, or the next one.

    "Kazakhstan says 400,000 entered; 100,000 remain" (the same sentence's source), and
    "... 900,000 are living abroad. That is the conclusion of an estimate by X."
    """
    previous: Pending | None = None
    for item in pending:
        actor = item.attribution.actor
        if actor and actor == actor.lower() and (k := item.sentence.index + 1) < len(sents) and \
                (analysis := analyses.get(k)) is not None:
            # "..., the demographer said. The demographer, X, works at ...": named next
            later = ActorMemory()
            pack.observe(masked[sents[k].start:sents[k].end], analysis, later)
            words = {w[:5] for w in actor.split() if len(w) >= 5}
            named = next((m.name for m in reversed(later.mentions) if m.kind == "person"
                          and {r[:5] for r in m.roles} & words), None)
            if named:
                item.attribution = Attribution(actor=named,
                                               reported_via=item.attribution.reported_via)
        if item.attribution.actor is None:
            if previous is not None and previous.sentence.index == item.sentence.index and \
                    previous.attribution.actor:
                item.attribution = previous.attribution
            else:
                k = item.sentence.index + 1
                nxt = sents[k] if k < len(sents) else None
                analysis = analyses.get(k)
                if nxt is not None and analysis is not None and not readings[k] and (
                        nxt.paragraph == item.sentence.paragraph or item.sentence.heading):
                    name = pack.source_named(masked[nxt.start:nxt.end], analysis)
                    if name:
                        item.attribution = Attribution(actor=name)
        previous = item


def drop_repeated_headlines(sents: list[Sentence],
                             readings: list[list[tuple[Figure, Reading]]]) -> None:
    """A headline's figure is a claim only when the body does not state it again."""
    body = [f for k, rs in enumerate(readings) if not sents[k].heading for f, _ in rs]
    for k, rs in enumerate(readings):
        if sents[k].heading:
            readings[k] = [(f, r) for f, r in rs if not any(same_numbers(f, b) for b in body)]


def same_numbers(a: Figure, b: Figure) -> bool:
    """Whether two figures state the same numbers (within 0.5%)."""
    na, nb = a.numbers, b.numbers
    return len(na) == len(nb) and all(abs(x - y) <= 0.005 * max(abs(y), 1) for x, y in
                                      zip(na, nb, strict=True))
