"""How sure the extractor is of each field, from how the field was found.

A field read from an explicit cue in the figure's own sentence is surer than
one carried over from earlier text or filled in by a default; review screens
show the least certain claims first so people check those before the rest.
"""

from __future__ import annotations

from collections.abc import Iterable

from relokant.records import Claim

#: Confidence by how a field was found.
EXPLICIT, RESOLVED, NAMED, CARRIED, DEFAULT = 0.95, 0.9, 0.75, 0.6, 0.4


def field_confidence(*, actor: str | None, actor_known: bool, time_explicit: bool,
                     destination: str | None,
                     actor_carried: bool = False) -> tuple[tuple[str, float], ...]:
    """(field, confidence) pairs for a claim the extractor built.

    actor
        The canonical actor (None when the text names none).
    actor_known
        Whether the actor resolved to a known one (its name is then certain).
    time_explicit
        Whether the figure's sentence states its date itself.
    destination
        The destination read from the sentence, if any.
    actor_carried
        Whether the actor is named outside the figure's sentence (a pronoun or role
        resolved to an earlier name, or a source named in the next sentence).
    """
    pairs: list[tuple[str, float]] = [
        ("attributed_to", CARRIED if actor and actor_carried else RESOLVED if actor_known
         else NAMED if actor else DEFAULT),
        ("period_start", EXPLICIT if time_explicit else CARRIED),
        ("as_of", EXPLICIT if time_explicit else CARRIED),
    ]
    if destination is not None:
        pairs.append(("destination", NAMED))
    return tuple(pairs)


def least_certain(claim: Claim) -> float:
    """The claim's lowest field confidence (1.0 when it states none)."""
    return min((c for _, c in claim.confidence), default=1.0)


def least_certain_first(claims: Iterable[Claim]) -> list[Claim]:
    """Claims ordered for review: least certain field first, reading order kept on ties."""
    return sorted(claims, key=least_certain)
