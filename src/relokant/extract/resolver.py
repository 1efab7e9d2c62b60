"""One actor resolver for the extractor and the ledger: surface words → a known actor.

Texts name actors in many forms: inflected («Росстата», «по словам Алексея
Ракши»), with or without an article ("the Levada Center"), by alias ("FSB",
«ФСБ»). Both the extractor and the ledger resolve names here, so the same
words always give the same canonical actor. Matching tries, in order: the
folded name, its trailing words ("demographer Alexei Raksha" → "Alexei
Raksha"), pymorphy3 lemmas of every word, and a last-letters stem match for
names the dictionary does not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from relokant.records import Actor, normalise_name

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@dataclass(frozen=True)
class ResolvedActor:
    """An actor as resolved: canonical name, the text's words, and the known actor."""

    name: str
    surface: str
    actor: Actor | None


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _lemma(word: str) -> str:
    """The dictionary form of a Russian word; other scripts pass through."""
    if not _CYRILLIC.search(word):
        return word
    return str(_morph().parse(word)[0].normal_form).replace("ё", "е")


def lemma_key(name: str) -> str:
    """A name folded and lemmatised word by word («Росстата» → «росстат»)."""
    return " ".join(_lemma(w) for w in normalise_name(name).split())


def _same_stem(a: str, b: str) -> bool:
    """Two word forms of one name: equal, or sharing all but their last two letters."""
    if a == b:
        return True
    k = max(len(a), len(b)) - 2
    return k >= 3 and a[:k] == b[:k] and abs(len(a) - len(b)) <= 2


def clean_surface(surface: str) -> str:
    """The surface with quotes, brackets and outer punctuation and spaces removed."""
    text = re.sub(r"[«»\"“”]", "", surface)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()[]-—–")
    return text


class ActorResolver:
    """Known actors by every alias, in folded and lemmatised forms."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._by_key: dict[str, Actor] = {}
        self._by_lemma: dict[str, Actor] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                key = normalise_name(alias)
                if key:
                    self._by_key.setdefault(key, actor)
                    self._by_lemma.setdefault(lemma_key(alias), actor)

    def lookup(self, surface: str) -> Actor | None:
        """The known actor ``surface`` names, or None."""
        norm = normalise_name(surface)
        if not norm:
            return None
        words = norm.split()
        lemmas = [_lemma(w) for w in words]
        for k in range(len(words)):
            if k and len(" ".join(words[k:])) < 4:
                break
            for table, key in ((self._by_key, " ".join(words[k:])),
                               (self._by_lemma, " ".join(lemmas[k:]))):
                if key in table:
                    return table[key]
        for alias, actor in self._by_key.items():
            parts = alias.split()
            if len(parts) >= 2 and len(parts) == len(words) and all(
                _same_stem(a, w) for a, w in zip(parts, words, strict=True)
            ):
                return actor
        return None

    def resolve(self, surface: str) -> ResolvedActor:
        """Resolve the words a text uses: the known actor's name, else the cleaned words."""
        cleaned = clean_surface(surface)
        actor = self.lookup(cleaned)
        return ResolvedActor(name=actor.name if actor else cleaned, surface=surface,
                             actor=actor)


def display_name(name: str | None, surface: str | None) -> str | None:
    """Canonical name for people, with the text's words when they say something else.

    The gold schema and review screens show "Rosstat (official statistics)";
    records keep the two parts in separate fields.
    """
    if name and surface and normalise_name(clean_surface(surface)) != normalise_name(name):
        return f"{name} ({clean_surface(surface)})"
    return name
