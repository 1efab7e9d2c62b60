"""What a figure counts: measure, unit and population, or why it is not a migration claim."""

from __future__ import annotations

import re
from dataclasses import dataclass

from relokant.extract import lexicon as lx
from relokant.extract.figures import Figure
from relokant.records import Measure, Unit


@dataclass(frozen=True)
class Reading:
    """How a figure in a sentence is read."""

    measure: Measure
    unit: Unit
    population: str | None
    indicator: str | None = None
    destination: str | None = None


#: A clause boundary between a verb and the figure ("Of the 700,000 who left, about 200,000
#: have returned"): the verb belongs to another clause, so it counts as this much farther.
CLAUSE_PENALTY = 25
#: A quoted name (capitalised: «Монитор исхода», “Exodus Watch”), not a quoted word («релоканты»).
_QUOTED = re.compile(r"«[A-ZА-ЯЁ][^«»\d]{0,40}»|“[A-ZА-ЯЁ][^“”\d]{0,40}”")
_CLAUSE_BREAK = re.compile(r"[,;]|\s[—–]\s")


def _nearest(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """Character distance from the figure to the nearest match (None if none)."""
    best: int | None = None
    for m in pattern.finditer(text):
        if m.end() <= start:
            d = start - m.end()
            between = text[m.end():start]
        elif m.start() >= end:
            d = m.start() - end
            between = text[end:m.start()]
        else:
            d, between = 0, ""
        if _CLAUSE_BREAK.search(between):
            d += CLAUSE_PENALTY
        best = d if best is None else min(best, d)
    return best


def _counted(pattern: re.Pattern[str], after: str) -> re.Match[str] | None:
    """``pattern`` as the noun the figure counts: within three words after it, no comma."""
    m = pattern.search(after[:45])
    if m is None or "," in after[:m.start()] or len(after[:m.start()].split()) > 3:
        return None
    return m


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with the matches of ``pattern`` blanked (offsets kept)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _returns_in(text: str) -> bool:
    cleaned = lx.NOT_RETURN.sub(" ", text)
    return lx.RETURN.search(cleaned) is not None


def _population(text: str, start: int, end: int, percent: bool) -> str | None:
    after = text[end:end + 120]
    if percent:
        m = re.match(r"\s*(?:of|из|от)\s+(?:all\s+|those\s+|the\s+|всех\s+)?([^,.;:()—–]{3,80})",
                     after, re.I)
        if m:
            return m.group(1).strip()
        return None
    m = lx.PEOPLE_AFTER.match(after)
    if m:
        tail = re.match(r"[^,.;:()—–]{0,60}", after[m.end():])
        phrase = (after[:m.end()] + (tail.group(0) if tail else "")).strip()
        words = phrase.split()
        return " ".join(words[:6]) if words else None
    return None


def classify(text: str, fig: Figure, start: int, end: int) -> Reading | None:
    """Read a figure in its sentence; ``start``/``end`` are its offsets in ``text``.

    Returns None when the figure is not a claim about migration (money,
    tax rates, intentions, other countries' refugees, unrelated counts).
    """
    if fig.excluded:
        return None
    # «Монитор исхода», "Exodus Watch": a quoted name is not what the figure counts
    text = _QUOTED.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], text)
    before = text[max(0, start - 80):start]
    after = text[end:end + 80]
    near = text[max(0, start - 60):end + 60]
    if lx.INTENT.search(near) and not lx.RETURN.search(text[end:end + 40]):
        window = text[max(0, start - 40):end + 40]
        if lx.INTENT.search(window):
            return None
    if lx.OTHER_NATIONALS.match(after):
        return None
    depart = _nearest(lx.DEPART, text, start, end)
    # "those who fled", «уехавших»: who is counted, not what the clause says they did
    depart_verb = _nearest(lx.DEPART, _blank(lx.LEAVERS, text), start, end)
    ret = _nearest(lx.RETURN, _blank(lx.NOT_RETURN, text), start, end)
    population = _population(text, start, end, fig.percent)
    money_like = lx.NON_MIGRATION.search(text[max(0, start - 30):end + 40])

    if fig.percent:
        if money_like and not lx.PEOPLE_AFTER.match(re.sub(r"^\s*(?:of|из)\s+(?:the\s+)?", "",
                                                           after, flags=re.I)):
            return None
        sector_after = lx.SECTOR.search(after[:60])
        sector_before = lx.SECTOR.search(before[-50:])
        lost = depart_verb is not None and (ret is None or depart_verb < ret)
        if (sector_after or sector_before) and lost:
            sector = sector_after or sector_before
            assert sector is not None
            return Reading(Measure.sector_loss, Unit.percent, population or sector.group(0))
        if ret is not None and _returns_in(text):
            return Reading(Measure.return_share, Unit.percent, population, "return_share")
        if sector_after and depart is not None:
            return Reading(Measure.sector_loss, Unit.percent, population or sector_after.group(0))
        if (lx.WORKFORCE.search(near) or lx.STAFF.match(after)) and depart is not None:
            return Reading(Measure.workforce_loss, Unit.percent, population)
        return None

    value = fig.value if fig.value is not None else (fig.high or 0.0)
    if lx.SURVEY_BEFORE.search(before[-40:]) or lx.SURVEY_AFTER.match(after):
        return Reading(Measure.survey_sample, Unit.persons, population, "survey_sample")
    if money_like and not lx.PEOPLE_AFTER.match(after):
        return None
    if value < 100:
        return None
    unit = Unit.persons
    indicator = None
    if lx.PERMITS.search(after[:50]) or lx.PERMITS.search(before[-40:]):
        unit, indicator = Unit.permits, "residence_permits"
    elif (lx.CROSSINGS.search(after[:40]) and not lx.PEOPLE_AFTER.match(after)) or re.match(
        r"\s?раз\b", after
    ) or (lx.BORDER_STATS.search(text) and lx.CROSSINGS.search(text)):
        unit, indicator = Unit.border_crossings, "border_exits"
    if unit is Unit.persons and lx.ENTERED.search(text[end:end + 80]) and not lx.PER_DAY.search(
            text[end:end + 80]):
        unit, indicator = Unit.border_crossings, "border_entries"  # entries are trips
    if unit is Unit.persons and (lx.PER_DAY.search(text[end:end + 60])
                                 or lx.PER_DAY.search(text[max(0, start - 40):start])):
        unit = Unit.persons_per_day
    if lx.HISTORICAL.search(text) and depart is not None:
        return Reading(Measure.historical, unit, population, "historical_comparison")
    abroad_any = _nearest(lx.ABROAD, _blank(lx.NOT_ABROAD, text), start, end)
    leavers = lx.LEAVERS.match(after, len(after) - len(after.lstrip()))
    if leavers and re.search(r"(?:\bof(?: the)?|\bиз)\s+(?:\w+\s+)?$", before, re.I):
        # "of the 800,000 who fled", «из 800 тыс. бежавших»: the figure counts the leavers
        return Reading(Measure.departures, unit, population, indicator)
    sector = _counted(lx.SECTOR, after)
    if sector is None and lx.STAFF.match(after) and depart is not None:
        sector = lx.SECTOR.search(before[-50:])  # "the tech sector has lost 100,000 workers"
    if sector and (depart is not None or ret is not None or abroad_any is not None):
        if ret is not None and (depart is None or ret < depart):
            return Reading(Measure.returns, unit, population or sector.group(0))
        return Reading(Measure.sector_loss, unit, population or sector.group(0))
    workforce = lx.WORKFORCE.search(near)
    if workforce and not lx.PEOPLE_AFTER.match(near[workforce.end():]):
        # "working-age men left" counts people; "the labour force shrank by" counts a loss
        return Reading(Measure.workforce_loss, unit, population, "workforce_estimate")
    abroad = abroad_any
    if lx.NEVER_BACK.search(text):
        return Reading(Measure.stock_abroad, unit, population, indicator)  # "and not returned"
    if depart is not None and depart_verb is None and ret is None and abroad is None and \
            re.search(r"(?i:\bin|\bв|\bво)\s+[A-ZА-ЯЁ]\w+[^,;]{0,25}$", before):
        # «В Казахстане сейчас 80 тыс. эмигрантов»: emigrants somewhere, no verb of leaving
        return Reading(Measure.stock_abroad, unit, population, indicator)
    if ret is not None or abroad is not None:
        depart = depart_verb
    candidates = [(d, m) for d, m in ((ret, Measure.returns), (depart, Measure.departures),
                                      (abroad, Measure.stock_abroad)) if d is not None]
    if not candidates:
        if unit is Unit.permits:  # first permits abroad indicate departures
            return Reading(Measure.departures, unit, population, "first_residence_permits")
        if unit is Unit.border_crossings:  # exits counted at the border are trips out
            return Reading(Measure.departures, unit, population, indicator)
        return None
    if abroad is not None and depart is not None and abroad <= depart:
        return Reading(Measure.stock_abroad, unit, population, indicator)
    distance, measure = min(candidates, key=lambda dm: dm[0])
    if distance > 160:
        return None
    if measure is Measure.returns and unit is Unit.permits:
        measure = Measure.returns
    return Reading(measure, unit, population, indicator)
