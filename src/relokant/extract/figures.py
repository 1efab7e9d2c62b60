"""From number tokens to figures: ranges, bounds and counts with their shares.

"between 550,000 and 800,000" is one range; "more than 820,000" a lower
bound; "174,000 (26%)" a count with its share; "from 550 to 800 thousand"
carries the scale to both ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from relokant.extract.numbers import Number
from relokant.records import Bound

_RANGE_GAP = re.compile(
    r"^\s*(?:\(\s*\d[\d.,]*\s*%?\s*\)\s*)?(?:–|—|-|to|and|до|и|or|или)\s*$", re.I
)
_RANGE_OPEN = re.compile(r"(?:\bbetween|\bfrom|\bот|\bмежду|\bв диапазоне от|\bв пределах)\s*$",
                         re.I)
_SHARE_AFTER = re.compile(r"\s*\(\s*(\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent|процент\w*)\s*\)", re.I)

_AT_LEAST = re.compile(
    r"(?:more than|over|at least|upwards of|in excess of|no fewer than|no less than|"
    r"not less than|a minimum of|above|exceeding|exceeded|exceeds|surpassed|topped|"
    r"(?<!не )более(?: чем)?|(?<!не )больше(?: чем)?|свыше|не менее(?: чем)?|"
    r"не меньше(?: чем)?|"
    r"по меньшей мере|как минимум|минимум|по крайней мере|превысил\w*|превышает)\s*$", re.I
)
_AT_MOST = re.compile(
    r"(?:up to|less than|fewer than|under|at most|no more than|almost|nearly|just under|"
    r"not more than|a maximum of|as many as|below|не более(?: чем)?|не больше(?: чем)?|"
    r"(?<!не )менее(?: чем)?|(?<!не )меньше(?: чем)?|почти|максимум|чуть меньше|чуть менее|"
    r"не свыше|"
    r"не превышает|вплоть до|\bдо)\s*$", re.I
)
_ABOUT = re.compile(
    r"(?:about|around|some|approximately|roughly|circa|an estimated|estimated at|"
    r"estimated to be|put at|placed at|approx\.?|ca\.|~|close to|"
    r"около|порядка|примерно|приблизительно|где-то|ориентировочно|в районе|"
    r"оценивается в|оценивают в|оценили в|оценил в|составил\w* около)\s*$", re.I
)
_POST_AT_LEAST = re.compile(r"^\s*(?:or more|and more|plus\b|\+|или более|и более|с лишним|"
                            r"с небольшим)", re.I)
_POST_ABOUT = re.compile(r"^\s*(?:or so|или около того)", re.I)
_POST_AT_MOST = re.compile(r"^\s*(?:or fewer|or less|или менее|или меньше)", re.I)


@dataclass(frozen=True)
class Figure:
    """A number as a claim states it: a point, a bound or a range, with its span."""

    start: int
    end: int
    bound: Bound
    value: float | None = None
    low: float | None = None
    high: float | None = None
    percent: bool = False
    stated_shares: tuple[float, ...] = ()
    word: bool = False
    excluded: str | None = None
    tokens: tuple[Number, ...] = field(default=(), compare=False)

    @property
    def numbers(self) -> tuple[float, ...]:
        """The figures in scorer order: (low, high) for ranges, else (value,)."""
        if self.bound is Bound.range:
            return (self.low or 0.0, self.high or 0.0)
        return (self.value or 0.0,)


#: "rose to", "fell to": after a verb of change, Russian «до» gives the new level, not a bound.
_CHANGED_TO = re.compile(
    r"(?:вырос\w*|выросл\w*|возрос\w*|увеличил\w*|увеличива\w*|сократил\w*|сокраща\w*|"
    r"снизил\w*|снижа\w*|уменьшил\w*|упал\w*|опустил\w*|поднял\w*|подскочил\w*|"
    r"достиг\w*|дорос\w*)\s+(?:\w+\s+)?до\s*$", re.I)


def _bound_before(text: str, start: int, floor: int) -> tuple[Bound | None, int]:
    left = text[max(floor, start - 40):start]
    for pattern, bound in ((_AT_LEAST, Bound.at_least), (_AT_MOST, Bound.at_most),
                           (_ABOUT, Bound.about)):
        m = pattern.search(left)
        if m:
            if bound is Bound.at_most and _CHANGED_TO.search(left):
                # "выросло примерно до 1,2 млн": the level, perhaps an approximate one
                about = _ABOUT.search(re.sub(r"\bдо\s*$", "", left))
                if about:
                    return Bound.about, start - (len(left) - about.start())
                return None, start
            return bound, start - (len(left) - m.start())
    return None, start


def _bound_after(text: str, end: int) -> Bound | None:
    right = text[end:end + 30]
    if _POST_AT_LEAST.match(right):
        return Bound.at_least
    if _POST_ABOUT.match(right):
        return Bound.about
    if _POST_AT_MOST.match(right):
        return Bound.at_most
    return None


def _share_after(text: str, number: Number, percent_tokens: list[Number]) -> Number | None:
    m = _SHARE_AFTER.match(text, number.end)
    if not m:
        return None
    for tok in percent_tokens:
        if number.end <= tok.start < number.end + m.end() - m.start():
            return tok
    return None


def build_figures(text: str, numbers: list[Number], floor: int = 0) -> list[Figure]:
    """Group a sentence's number tokens into figures (``floor``: sentence start)."""
    figures: list[Figure] = []
    i = 0
    consumed: set[int] = set()
    percents = [n for n in numbers if n.percent]
    while i < len(numbers):
        if i in consumed:
            i += 1
            continue
        first = numbers[i]
        share1 = None if first.percent else _share_after(text, first, percents)
        if share1 is not None:
            consumed.add(numbers.index(share1))
        j = next((k for k in range(i + 1, len(numbers)) if k not in consumed), None)
        second = numbers[j] if j is not None else None
        gap_start = (text.find(")", first.end) + 1) if share1 is not None else first.end
        is_range = (
            second is not None
            and not first.word and not second.word
            and _RANGE_GAP.match(text[gap_start:second.start]) is not None
            and (first.percent == second.percent or (not first.percent and second.percent))
        )
        if is_range and second is not None:
            opener = _RANGE_OPEN.search(text[max(floor, first.start - 25):first.start])
            gap = text[gap_start:second.start].strip().lower()
            if gap in {"and", "и", "or", "или"} and not opener:
                is_range = False
        if is_range and second is not None and j is not None:
            low, high = first.value, second.value
            if second.scaled and not first.scaled and low < 1000 and second.value >= 1000:
                scale = 1e6 if second.value >= 1e6 else 1e3
                low *= scale
            percent = first.percent or second.percent
            share2 = None if second.percent else _share_after(text, second, percents)
            end = second.end
            shares: tuple[float, ...] = ()
            if share1 is not None and share2 is not None:
                shares = (share1.value, share2.value)
                consumed.add(numbers.index(share2))
                end = share2.end + (text.find(")", share2.end) - share2.end + 1)
            excluded = first.excluded or second.excluded
            if low > high:
                low, high = high, low
            opener = _RANGE_OPEN.search(text[max(floor, first.start - 25):first.start])
            start = first.start - (len(text[max(floor, first.start - 25):first.start])
                                   - opener.start()) if opener else first.start
            figures.append(Figure(start, end, Bound.range, low=low, high=high, percent=percent,
                                  stated_shares=shares, excluded=excluded,
                                  tokens=(first, second)))
            consumed.add(j)
            i += 1
            continue
        bound, start = _bound_before(text, first.start, floor)
        bound = _bound_after(text, first.end) or bound or Bound.point
        shares = (share1.value,) if share1 is not None else ()
        end = first.end
        if share1 is not None:
            end = text.find(")", share1.end) + 1
        figures.append(Figure(start, end, bound, value=first.value, percent=first.percent,
                              stated_shares=shares, word=first.word, excluded=first.excluded,
                              tokens=(first,)))
        i += 1
    return figures
