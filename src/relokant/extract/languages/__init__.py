"""Attribution rules per language, behind one interface the extractor calls.

A language pack reads the sentences that carry figures (and the few before
them, for the memory of named actors) and answers, for one figure, who made
the estimate and who only relayed it. The extractor never asks which
language it is reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from relokant.extract.actors import Attribution
from relokant.extract.memory import ActorMemory


@dataclass(frozen=True)
class Span:
    """A named actor in a sentence (local offsets), its name normalised."""

    start: int
    end: int
    kind: str  # PER, ORG, or GEN (a generic source: "official statistics", «МВД»)
    name: str


@dataclass
class Analysis:
    """What a pack found in one sentence: named spans, and its own parse when it made one."""

    spans: list[Span] = field(default_factory=list)
    parse: object | None = None


class LanguagePack(Protocol):
    """The attribution rules of one language."""

    code: str

    def analyse(self, sentences: Sequence[str]) -> list[Analysis]:
        """Named spans for many sentences at once (models batch)."""
        ...

    def attribute(self, sentence: str, fig_start: int, fig_end: int, analysis: Analysis,
                  memory: ActorMemory) -> Attribution:
        """Who made the figure at ``fig_start:fig_end`` (local offsets), and who relayed it."""
        ...

    def observe(self, sentence: str, analysis: Analysis, memory: ActorMemory) -> None:
        """Record the actors a sentence names, for later pronouns and roles."""
        ...

    def research_name(self, sentence: str, analysis: Analysis) -> str | None:
        """The name of a study or its authors in a sentence that describes research."""
        ...

    def source_named(self, sentence: str, analysis: Analysis) -> str | None:
        """The source a sentence after a figure names ("The figure was given by X"), if any."""
        ...


def pack_for(language: str) -> LanguagePack:
    """The pack for an ISO 639-1 code; languages without their own rules read as English."""
    if language == "ru":
        from relokant.extract.languages.ru import RussianPack

        return RussianPack()
    from relokant.extract.languages.en import EnglishPack

    return EnglishPack()
