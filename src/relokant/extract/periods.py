"""When a figure applies: period start and 'as of' date, resolved against publication.

"last year" in an article of 2023 is 2022-01-01 to 2022-12-31; "since the
invasion" starts on 24 February 2022; "in September" is the last September
before publication; "since then" borrows the start of the previous claim.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from relokant.extract.lexicon import ERAS
from relokant.ingest.dates import MONTHS_EN, RU_MONTH_RE, ru_month
from relokant.records import EVENT_START, MOBILISATION_START

_I = re.IGNORECASE
_EN_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|" \
            r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_YEAR = r"(20[0-4]\d)"
_WAR = (r"(?:war|invasion|conflict|offensive|full-scale|special military operation|hostilities|"
        r"военн\w* операц\w*|войн\w*|вторжени\w*|СВО|спецоперац\w*|боев\w* действ\w*|"
        r"конфликт\w*)")
_RU_MONTH_ANY = (r"(январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяею]\b|июн\w*|июл\w*|август\w*|"
                 r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)")
_SEASON_MONTH = {"summer": 6, "spring": 3, "autumn": 9, "fall": 9, "winter": 12,
                 "лет": 6, "весн": 3, "осен": 9, "зим": 12}


@dataclass(frozen=True)
class TimeFacts:
    """What a sentence says about time, before defaults and carry-over."""

    period_start: dt.date | None = None
    as_of: dt.date | None = None
    inherit_start: bool = False
    explicit: bool = False
    cohort_year: int | None = None


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in {"маю", "май", "мая", "мае"}:
        return 5
    return MONTHS_EN.get(w) or ru_month(w)


def _recent_month(month: int, published: dt.date, *, last: bool = False) -> dt.date:
    """End of the latest ``month`` on or before publication (``last``: the one before)."""
    year = published.year if month <= published.month else published.year - 1
    if last and month == published.month:
        year -= 1
    end = month_end(year, month)
    return min(end, published) if year == published.year and month == published.month else end


def strip_asides(text: str) -> str:
    """Blank dash- and bracket-enclosed asides, which often carry other dates."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    text = re.sub(r"[—–]\s[^—–]{3,200}?\s[—–]", blank, text)
    return re.sub(r"\([^()]{3,200}\)", blank, text)


def _start_of(month: int, year: int) -> dt.date:
    if (year, month) == (EVENT_START.year, EVENT_START.month):
        return EVENT_START
    if (year, month) == (MOBILISATION_START.year, MOBILISATION_START.month):
        return MOBILISATION_START
    return dt.date(year, month, 1)


def read_time(sentence: str, published: dt.date | None) -> TimeFacts:
    """Time facts stated in one sentence (asides removed)."""
    s = strip_asides(sentence)
    start: dt.date | None = None
    as_of: dt.date | None = None
    inherit = False
    explicit = False
    pub = published

    def found() -> None:
        nonlocal explicit
        explicit = True

    # Starts tied to the event.
    if re.search(rf"(?:since|after|following|from)\s+(?:the\s+)?(?:start|beginning|outbreak|"
                 rf"launch)?\s*(?:of\s+)?(?:the\s+)?(?:[\w’'-]+\s+){{0,4}}{_WAR}", s, _I) or \
       re.search(rf"(?:с начала|после начала|после|с момента начала|с)\s+(?:\w+\s+){{0,2}}{_WAR}",
                 s, _I) or \
       re.search(r"\bwartime\b|военного времени|военн\w+ эмигр|since the war (?:began|started)",
                 s, _I) or \
       re.search(r"(?:since|after|following|с|после)\s+(?:the\s+)?(?:February\s+24|24\s+"
                 r"февраля)", s, _I):
        start = EVENT_START
        found()
    elif re.search(r"(?:since|after|following|during|amid)\s+(?:the\s+)?"
                   r"(?:[\w’'\"“”-]+\s+){0,4}"
                   r"mobili[sz]ation|(?:во время|в ходе|на фоне)\s+(?:\w+\s+){0,2}мобилизаци\w*|"
                   r"(?:с начала|с момента|со дня|после(?: объявления)?)\s+"
                   r"(?:\w+\s+){0,2}мобилизаци\w*|"
                   # the day it was announced, with the year or none
                   r"(?:since|after|following)\s+(?:Sept\.?|September)\s+21\b(?!,?\s*20(?!22)\d\d)|"
                   r"(?:с|после)\s+21\s+сентября\b(?!\s+20(?!22)\d\d)|"
                   r"(?:after|since|following)\s+(?:the\s+)?call-?up|после\s+призыва", s, _I):
        start = MOBILISATION_START
        found()
    m = re.search(rf"(?:since|after|following|from)\s+{_EN_MONTH}\s+(?:\d{{1,2}},?\s+)?{_YEAR}",
                  s, _I) or re.search(rf"(?:с|после)\s+(?:\d{{1,2}}\s+)?{RU_MONTH_RE}\s+{_YEAR}",
                                      s, _I)
    if m and start is None:
        month = _month_number(m.group(1))
        if month:
            start = _start_of(month, int(m.group(2)))
            found()
    m = re.search(rf"(?:since|с)\s+{_YEAR}(?:\s+год\w*)?\b", s, _I)
    if m and start is None:
        start = dt.date(int(m.group(1)), 1, 1)
        found()
    if re.search(r"\bsince then\b|\bс тех пор\b|\bс того времени\b", s, _I):
        inherit = True
        found()

    # A year right after "who left" names the departure cohort, not the date of the figure.
    cohort = re.search(r"(?:left|fled|emigrated|departed|moved abroad|уехавш\w*|уехал\w*|"
                       r"покинувш\w*|эмигрировавш\w*|выехавш\w*|релоцировавш\w*)\s+"
                       r"(?:(?!came\b|come\b|returned\b|back\b|верну)[\w-]+\s+){0,3}?(?:in|в|во)\s+"
                       + _YEAR + r"(?:\s+год\w*)?", s, _I)
    cohort_year = int(cohort.group(1)) if cohort else None
    if cohort:
        start = start or dt.date(int(cohort.group(1)), 1, 1)
        s = s[:cohort.start()] + " " * (cohort.end() - cohort.start()) + s[cohort.end():]
        found()

    m = re.search(rf"(?:between|from)\s+{_EN_MONTH}\s+(?:and|to|through|until)\s+{_EN_MONTH}\s+"
                  rf"{_YEAR}", s, _I) or re.search(
        rf"\bс\s+{_RU_MONTH_ANY}\s+по\s+{_RU_MONTH_ANY}\s+{_YEAR}", s, _I)
    if m:
        first, last = _month_number(m.group(1)), _month_number(m.group(2))
        if first and last:
            y = int(m.group(3))
            start = _start_of(first, y) if start is None or start.year != y else start
            as_of = month_end(y, last)
            found()
    m = re.search(rf"\b(?:by|before)\s+(?:the\s+)?(spring|summer|autumn|fall|winter)(?:\s+of)?\s+"
                  rf"{_YEAR}", s, _I) or re.search(rf"\bк\s+(весн|лет|осен|зим)\w*\s+{_YEAR}",
                                                   s, _I)
    if m and as_of is None:
        as_of = dt.date(int(m.group(2)), _SEASON_MONTH[m.group(1).lower()], 1)
        found()
    m = re.search(rf"\b(?:к|датированн\w+|от)\s+{_RU_MONTH_ANY}(?:\s+{_YEAR})?", s, _I)
    if m and as_of is None and (month := _month_number(m.group(1))):
        if m.group(2):
            as_of = month_end(int(m.group(2)), month)
        elif pub is not None:
            as_of = _recent_month(month, pub)
        found()

    # Whole periods.
    if pub is not None:
        if re.search(r"(?:by|at) the end of last year|(?:к|на) кон\w+ (?:прошлого|минувшего) года",
                     s, _I):
            as_of = dt.date(pub.year - 1, 12, 31)
            found()
        elif re.search(r"\blast year\b|\bthe previous year\b|в прошлом году|в минувшем году|"
                       r"за прошлый год|в прошедшем году", s, _I):
            y = pub.year - 1
            start = start or dt.date(y, 1, 1)
            as_of = dt.date(y, 12, 31)
            found()
        elif re.search(r"\bthis year\b|so far this year|в этом году|в текущем году|"
                       r"с начала (?:этого |текущего )?года", s, _I):
            start = start or dt.date(pub.year, 1, 1)
            as_of = pub
            found()
        m = re.search(r"over the (?:past|last) (?:year|twelve months|12 months)|"
                      r"за (?:последний|прошедший) год", s, _I)
        if m:
            start = start or pub - dt.timedelta(days=365)
            as_of = pub
            found()
    m = re.search(rf"(?:first|second)\s+half\s+of\s+{_YEAR}|"
                  rf"(?:перв|втор)\w+\s+(?:полугоди\w+|полгода)\s+{_YEAR}", s, _I)
    if m:
        y = int(m.group(1) or m.group(2))
        first = m.group(0).lower().startswith(("first", "перв"))
        start = start or dt.date(y, 1 if first else 7, 1)
        as_of = dt.date(y, 6, 30) if first else dt.date(y, 12, 31)
        found()
    m = re.search(rf"(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+{_YEAR}|"
                  rf"(перв|втор|трет|четв[её]рт)\w*\s+квартал\w*\s+{_YEAR}|"
                  rf"\b(Q[1-4]|[1-4]Q)\s*{_YEAR}", s, _I)
    if m:
        word = (m.group(1) or m.group(3) or m.group(5) or "").lower()
        q = next(n for n, keys in enumerate(
            (("first", "1st", "перв", "q1", "1q"), ("second", "2nd", "втор", "q2", "2q"),
             ("third", "3rd", "трет", "q3", "3q"), ("fourth", "4th", "четв", "q4", "4q")), 1)
            if word.startswith(keys))
        y = int(m.group(2) or m.group(4) or m.group(6))
        start = start or dt.date(y, 3 * q - 2, 1)
        as_of = month_end(y, 3 * q)
        found()
    m = re.search(rf"\b(spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}|"
                  rf"\b(весн|лет|осен|зим)(?:ой|ом|ою)\s+{_YEAR}", s, _I)
    if m and as_of is None:
        season = (m.group(1) or m.group(3)).lower()
        y = int(m.group(2) or m.group(4))
        first_month = _SEASON_MONTH[season]
        if first_month == 12:
            start = start or dt.date(y, 12, 1)
            as_of = month_end(y + 1, 2)
        else:
            start = start or _start_of(first_month, y)
            as_of = month_end(y, first_month + 2)
        found()
    m = re.search(rf"\b{_YEAR}\s*(?:–|-|—|and|to|и|по)\s*{_YEAR}", s, _I)
    if m and as_of is None:
        start = start or dt.date(int(m.group(1)), 1, 1)
        as_of = dt.date(int(m.group(2)), 12, 31)
        found()

    # Dates the figure refers to.
    if as_of is None:
        m = re.search(rf"(?:by|as of|as at|at the end of|by the end of|end of)\s+"
                      rf"(?:{_EN_MONTH}\s+)?{_YEAR}", s, _I) or re.search(
            rf"(?:к|на|по состоянию на|к концу|на конец|на начало)\s+(?:\d{{1,2}}\s+)?"
            rf"(?:{RU_MONTH_RE}\s+)?{_YEAR}", s, _I)
        if m:
            month = _month_number(m.group(1)) if m.group(1) else None
            year = int(m.group(2))
            phrase = m.group(0).lower()
            if month:
                as_of = month_end(year, month)
            elif "начал" in phrase:
                as_of = dt.date(year, 1, 1)
            else:
                as_of = dt.date(year, 12, 31)
            found()
    if as_of is None:
        m = re.search(rf"\b{_EN_MONTH}\s+(?:\d{{1,2}},?\s+)?{_YEAR}", s) or re.search(
            rf"\b(?:в|во)\s+{RU_MONTH_RE}\s+{_YEAR}", s, _I)
        if m and not re.search(r"(?:since|after|following|from|с|после)\s+(?:the\s+)?$",
                               s[max(0, m.start() - 20):m.start()], _I):
            month = _month_number(m.group(1))
            if month:
                as_of = month_end(int(m.group(2)), month)
                found()
    if as_of is None and pub is not None:
        m = re.search(rf"\b(?i:in|this|last|by|during)\s+{_EN_MONTH}\b(?!\s+\d)", s) or \
            re.search(rf"\b(?:в|во|прошлом|этом)\s+{RU_MONTH_RE}\b(?!\s+\d)", s, _I)
        if m:
            month = _month_number(m.group(1))
            if month:
                as_of = _recent_month(month, pub, last=m.group(0).lower().startswith(
                    ("last", "прошл")))
                found()
    if as_of is None and pub is not None:
        m = re.search(r"\b(this|last|in the|earlier this|over the)\s+(summer|spring|autumn|fall|"
                      r"winter)\b", s, _I) or re.search(
            r"\b(этим|прошлым|минувшим)?\s*(лет|весн|осен|зим)(?:ом|ой|ою)\b", s, _I)
        if m:
            season = m.group(2).lower()
            month = _SEASON_MONTH[season]
            last = (m.group(1) or "").lower() in {"last", "прошлым", "минувшим"}
            as_of = _recent_month(month, pub, last=last)
            found()
    m = re.search(rf"\b(?:in|during|for|over|throughout|в|за|по итогам)\s+{_YEAR}(?:\s+год\w*)?"
                  rf"(?!\s*(?:–|-|and|to|и))", s, _I)
    if m and as_of is None:
        y = int(m.group(1))
        start = start or dt.date(y, 1, 1)
        as_of = dt.date(y, 12, 31)
        found()
    return TimeFacts(start, as_of, inherit, explicit, cohort_year)


def era_of(sentence: str, figure_start: int) -> tuple[dt.date, dt.date] | None:
    """The historical era nearest before a comparison figure."""
    best: tuple[int, int, int] | None = None
    for pattern, first, last in ERAS:
        for m in pattern.finditer(sentence):
            distance = abs(figure_start - m.end())
            if best is None or distance < best[0]:
                best = (distance, first, last)
    if best is None:
        years = [int(y) for y in re.findall(r"\b(1[89]\d\d)\b", sentence)]
        if years:
            return dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
        return None
    return dt.date(best[1], 1, 1), dt.date(best[2], 12, 31)
