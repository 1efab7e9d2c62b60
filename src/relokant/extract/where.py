"""Which destination a figure is about, read from its own part of the sentence.

"Poland 10,000, Latvia 4,000 and Lithuania 6,500" gives three figures, each
about one country; "about 120,000 live there now, against 900,000 abroad in
total" gives one per-country figure and one national total. A figure with a
destination is kept out of national estimates, so a place is only taken when
it stands in the figure's own list item, or is the only place beside the only
figure of the sentence. Russia and Ukraine are the origin and the war, never
destinations.
"""

from __future__ import annotations

import re
from functools import lru_cache

from relokant.places import Place, find_places

_NOT_DESTINATIONS = frozenset({"RU", "UA"})
#: Boundaries between the items of a list ("A 10,000, B 4,000 and C 6,500").
_ITEM = re.compile(r"[,;)]|\s(?:and|while|against|versus|и|а|против)\s", re.I)


def figure_destination(sentence: str, fig_start: int, fig_end: int, *,
                       only_figure: bool) -> str | None:
    """The ISO code (or group id) of the place the figure counts people in, if any."""
    places = _places(sentence)
    if not places:
        return None
    item_start = max((m.end() for m in _ITEM.finditer(sentence, 0, fig_start)), default=0)
    after = _ITEM.search(sentence, fig_end)
    item_end = after.start() if after else len(sentence)
    inside = [p for p in places if item_start <= p.start and p.end <= item_end]
    if inside:
        nearest = min(inside, key=lambda p: abs(p.start - fig_start))
        if _listed_with_others(sentence, nearest, places):
            return None  # "living in Kazakhstan, Armenia and Georgia": several at once
        return nearest.code
    codes = {p.code for p in places}
    if only_figure and len(codes) == 1:
        return codes.pop()
    return None


#: What joins the names of a list of places with no figure between them.
_PLACE_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|и\s+)?|\s(?:and|or|и|или)\s+)", re.I)


def _listed_with_others(sentence: str, place: Place, places: tuple[Place, ...]) -> bool:
    """Whether ``place`` is one name of a list of places ("A, B and C") with no figures."""
    for other in places:
        if other.code == place.code:
            continue
        lo, hi = (place.end, other.start) if other.start >= place.end else (other.end,
                                                                             place.start)
        if _PLACE_JOIN.fullmatch(sentence[lo:hi]):
            return True
    return False


@lru_cache(maxsize=256)
def _places(sentence: str) -> tuple[Place, ...]:
    """The sentence's destinations (cached: every figure of a sentence asks)."""
    return tuple(p for p in find_places(sentence) if p.code not in _NOT_DESTINATIONS)
