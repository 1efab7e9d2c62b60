"""One actor resolution for every stage: a name as written -> the known actor.

The extractor resolves the speakers it finds and the ledger resolves the names of
claims it stores through this same class, so a claim's actor never depends on which
door it came in by; the canonical name and the surface form travel as two fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from relokant.records import Actor, normalise_name

_I = re.IGNORECASE


@dataclass(frozen=True)
class ResolvedActor:
    """A resolved name: the canonical name, the words of the text, and the actor if known."""

    name: str
    surface: str
    actor: Actor | None


class ActorResolver:
    """Known actors by every alias: the one place a name in a text becomes an actor."""

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self._by_alias: dict[str, Actor] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                self._by_alias.setdefault(normalise_name(alias), actor)
        names = sorted((a for a in self._by_alias if len(a) >= 4), key=len, reverse=True)
        self._scan = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", _I
        ) if names else None

    def lookup(self, name: str | None) -> Actor | None:
        """The actor a name refers to, trying the name and its trailing words."""
        if not name:
            return None
        norm = normalise_name(name)
        if norm in self._by_alias:
            return self._by_alias[norm]
        words = norm.split()
        for k in range(1, len(words)):
            tail = " ".join(words[k:])
            if len(tail) >= 4 and tail in self._by_alias:
                return self._by_alias[tail]
        # Inflected names ("Алексей Ракши"): every alias word matches a word's stem.
        for alias, actor in self._by_alias.items():
            parts = alias.split()
            if len(parts) >= 2 and len(parts) == len(words) and all(
                _same_stem(a, w) for a, w in zip(parts, words, strict=True)
            ):
                return actor
        return None

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

    def resolve(self, surface: str) -> ResolvedActor:
        """The canonical name of ``surface`` and the known actor, kept apart from the surface."""
        actor = self.lookup(surface)
        cleaned = re.sub(r"\s+", " ", surface).strip()
        return ResolvedActor(name=actor.name if actor else cleaned, surface=cleaned,
                             actor=actor)


def _same_stem(a: str, b: str) -> bool:
    """Two word forms of one name: equal, or sharing all but their last two letters."""
    if a == b:
        return True
    k = max(len(a), len(b)) - 2
    return k >= 3 and a[:k] == b[:k] and abs(len(a) - len(b)) <= 2


def normalise_text(text: str) -> str:
    """Lower-case with quotes blanked, keeping offsets."""
    return re.sub(r"[«»\"“”]", " ", text.lower()).replace("ё", "е")
