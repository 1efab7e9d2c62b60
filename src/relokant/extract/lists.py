"""Figures that share a sentence's reading: list items and parallel clauses.

"Armenia 40,000, Georgia 70,000 and Serbia 100,000" or "Morozov thinks 900,000
left; Kuzmina puts it at 600,000": only one figure (or none) sits next to a
migration word, but each counts the same thing. A figure the classifier could
not read takes the reading of its nearest read sibling when it stands in its
own list item with a country, or after an estimate verb ("puts it at",
«называет цифру»); a list of two or more countries with figures and no other
cue counts people living there.
"""

from __future__ import annotations

import re

from relokant.extract.classify import Reading
from relokant.extract.figures import Figure
from relokant.extract.where import figure_destination
from relokant.records import Measure, Unit

_ESTIMATE_VERB = re.compile(
    r"\b(?:puts? (?:it|the (?:figure|number|total)) at|estimates? (?:it|the number) at|"
    r"places? (?:it|the figure) at|gives? a figure of|называ\w+ (?:цифру|число)|"
    r"оценива\w+ (?:его|их|число) в|счита\w+, что)\s*(?:\S+\s+){0,2}$", re.I)


def list_items(sentence: str, offset: int, readings: list[tuple[Figure, Reading]],
               unread: list[Figure]) -> list[tuple[Figure, Reading]]:
    """``readings`` with the unread figures that belong to the same list added, in order."""
    if not unread:
        return readings
    added: list[tuple[Figure, Reading]] = []
    places = {f.start: figure_destination(sentence, f.start - offset, f.end - offset,
                                          only_figure=False) for f in unread}
    for fig in unread:
        if fig.percent or (fig.value or fig.high or 0) < 100:
            continue
        before = sentence[max(0, fig.start - offset - 60):fig.start - offset]
        if readings:
            sibling = min(readings, key=lambda fr: abs(fr[0].start - fig.start))[1]
            if sibling.unit is not Unit.persons or sibling.measure is Measure.survey_sample:
                continue
            if places[fig.start] or _ESTIMATE_VERB.search(before):
                added.append((fig, sibling))
        elif sum(1 for code in places.values() if code) >= 2 and places[fig.start]:
            added.append((fig, Reading(Measure.stock_abroad, Unit.persons, None)))
    return sorted(readings + added, key=lambda fr: fr[0].start)
