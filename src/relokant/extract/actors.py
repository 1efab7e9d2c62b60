"""What attribution yields, whatever the language: the author, the relay, the source type.

The rules that find them live in one pack per language
(:mod:`relokant.extract.languages`). Known actors and their aliases (from the
ledger or the bundled record) turn surface names into canonical ones.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

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
