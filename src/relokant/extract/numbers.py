"""Numbers as written in English and Russian news: numerals, scales, percents, fractions.

``find_numbers`` returns every number token of a sentence with its exact
span; it does not yet decide whether a number is about migration.
Tokens that are clearly not counts (years, days of the month, money, ages,
durations, ordinals, document numbers) are marked ``excluded`` with the reason,
so later stages can still see them (a year can date a claim).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from relokant.ingest.dates import MONTHS_EN, RU_MONTH_RE

SPACES = " \u00a0\u202f\u2009\u2007"
_NUMERAL = re.compile(
    r"(?<![\w.,/])"
    r"(\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,}|(?:[ \u00a0\u202f\u2009\u2007]\d{3})+)(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?![\d])"
)
_SCALE = re.compile(
    r"\s?(?P<scale>million|millions|mln|mn|thousand|thousands|billion|bn|"
    r"млн\.?|миллион\w*|тыс\.?|тысяч\w*|млрд\.?|миллиард\w*)(?![\w])"
    r"|(?P<short>[mkMK])(?![\w])",
    re.IGNORECASE,
)
_SCALES = {
    "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3,
    "thousands": 1e3, "k": 1e3, "billion": 1e9, "bn": 1e9, "млн": 1e6, "млн.": 1e6, "тыс": 1e3,
    "тыс.": 1e3,    "млрд": 1e9, "млрд.": 1e9,
}
_PERCENT = re.compile(
    r"\s?(%|percent\b|per cent\b|pct\b|процент\w*|проц\.)", re.IGNORECASE
)

_EN_SMALL = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_RU_SMALL = {"один": 1, "одна": 1, "одного": 1, "одной": 1, "двое": 2, "два": 2, "две": 2,
             "двух": 2, "трое": 3, "три": 3, "трех": 3, "трёх": 3, "четверо": 4, "четыре": 4,
             "четырех": 4, "четырёх": 4, "пять": 5, "пятеро": 5, "пяти": 5, "шесть": 6,
             "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9,
             "девяти": 9, "десять": 10, "десяти": 10}
_RU_ORDINAL = {"втор": 2, "трет": 3, "четверт": 4, "четвёрт": 4, "пят": 5, "шест": 6,
               "седьм": 7, "восьм": 8, "девят": 9, "десят": 10}
_EN_ORDINAL = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
               "eighth": 8, "ninth": 9, "tenth": 10}

#: Word fractions and scaled words: (pattern, value, is_percent).
_WORD_PATTERNS: list[tuple[re.Pattern[str], float | None, bool]] = [
    (re.compile(r"\bhalf a million\b", re.I), 5e5, False),
    (re.compile(r"\ba quarter of a million\b", re.I), 2.5e5, False),
    (re.compile(r"\b(?:a|one) and a half million\b", re.I), 1.5e6, False),
    (re.compile(r"(?<![\d.,] )\b(?:a|one|two|three|four|five) million\b", re.I), None, False),
    (re.compile(r"\bпол(?:у)?миллион\w*", re.I), 5e5, False),
    (re.compile(r"\bполтора\s+(?:миллиона|млн)", re.I), 1.5e6, False),
    (re.compile(r"\bполутора\s+(?:миллион\w*|млн)", re.I), 1.5e6, False),
    # a bare «миллиона» is one million, unless a figure or a number word counts it
    (re.compile(r"(?<![\d.,] )(?<![\d])(?<!два )(?<!две )(?<!три )(?<!четыре )(?<!полтора )"
                r"(?<!полутора )\b(?:миллион|миллиона)\b(?!\s+\d)", re.I), 1e6, False),
    (re.compile(r"\b(?:два|две|три|четыре)\s+миллиона\b", re.I), None, False),
    (re.compile(
        r"(?<!first )(?<!second )(?<!other )(?<!latter )(?<!by )(?<!in )\bhalf\b"
        r"(?=\s+(?:of\b|the\b|all\b|those\b|them\b|these\b|russians\b|emigr|relocant|people\b|"
        r"have\b|has\b|had\b|are\b|were\b|returned\b|left\b))", re.I), 50.0, True),
    (re.compile(r"\b(?:a|one) third\b(?!\s+(?:of the (?:year|century)|quarter))", re.I),
     100 / 3, True),
    (re.compile(r"\btwo[- ]thirds\b", re.I), 200 / 3, True),
    (re.compile(r"\bthree[- ]quarters\b", re.I), 75.0, True),
    (re.compile(r"\b(?:a|one) quarter\b(?!\s+of (?:a century|the year|\d{4}))", re.I), 25.0,
     True),
    (re.compile(r"\b(?:a|one) fifth\b", re.I), 20.0, True),
    (re.compile(r"\b(?:a|one) tenth\b", re.I), 10.0, True),
    (re.compile(r"(?<!перв\w\w )(?<!втор\w\w )\bполовин[аыуе]\w*\b", re.I), 50.0, True),
    (re.compile(r"\bдве\s+трети\b", re.I), 200 / 3, True),
    (re.compile(r"(?<!перв\w\w )(?<!две )\bтрет[ьи]\b(?!\s+(?:века|столетия))", re.I),
     100 / 3, True),
    (re.compile(r"\bчетверт[ьи]\b(?!\s+(?:века|столетия|часа))", re.I), 25.0, True),
    (re.compile(r"\bпятая\s+часть\b|\bпятую\s+часть\b", re.I), 20.0, True),
    (re.compile(r"\bдесятая\s+часть\b|\bдесятую\s+часть\b", re.I), 10.0, True),
]
_RATIO_EN = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|\d)\s+(?:in|out of)\s+(?:every\s+)?"
    r"(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b", re.I
)
_EVERY_EN = re.compile(r"\b(?:every|each)\s+(second|third|fourth|fifth|sixth|seventh|eighth|"
                       r"ninth|tenth)\b", re.I)
_RATIO_RU = re.compile(
    r"\b(один|одна|двое|два|две|трое|три|четверо|четыре|пятеро|пять|\d)\s+из\s+"
    r"(двух|трех|трёх|четырех|четырёх|пяти|шести|семи|восьми|девяти|десяти|\d{1,2})\b", re.I
)
_EVERY_RU = re.compile(
    r"\bкажд\w{1,3}\s+(втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)\w*\b", re.I
)

_MONTH_WORDS = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
_DAY_BEFORE = re.compile(rf"\b(?:{_MONTH_WORDS})\.?\s*$", re.I)
_DAY_AFTER = re.compile(rf"^(?:\s*(?:{_MONTH_WORDS})\b|\s+{RU_MONTH_RE}\b)", re.I)
_MONEY_BEFORE = re.compile(r"(?:[$€£₽]|\bUSD|\bRUB|\bEUR)\s?$")
_MONEY_AFTER = re.compile(
    r"^\s?(?:(?:million|mln|mn|billion|bn|thousand|млн\.?|млрд\.?|тыс\.?|миллион\w*|миллиард\w*|"
    r"тысяч\w*)\s+)?(?:rubles?|roubles?|dollars?|euros?|USD|RUB|EUR|руб\w*|р\.|долл\w*|евро|"
    r"тенге|лари|драм\w*|tenge|lari|\$|€|₽)", re.I
)
_AGE_AFTER = re.compile(r"^\s?(?:years?[- ]old|year-olds?|лет\b|летн\w*|годам\b)", re.I)
_AGE_BEFORE = re.compile(
    r"(?:\baged?|\bages|\bage of|\bages of|\bвозрасте|\bвозраста|\bвозрастом)"
    r"\s+(?:of\s+|between\s+|from\s+|от\s+|до\s+|старше\s+|младше\s+)?$", re.I
)
_DURATION_AFTER = re.compile(
    r"^\s?(?:days?|weeks?|months?|years?|hours?|minutes?|decades?|дн[ейяь]\w*|день|недел\w*|"
    r"месяц\w*|год\w*|час\w*|минут\w*|сут\w*)\b", re.I
)
_DOCNUM_BEFORE = re.compile(r"(?:\bNo\.?|№|#|\bnr\.?|\bномер)\s?$", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th|-?(?:й|я|е|го|му|м|х|ый|ой|ий))\b", re.I)
_NAME_BEFORE = re.compile(r"[A-Za-zА-Яа-яЁё]-?$")
_PERSON_AFTER = re.compile(
    r"^\s?(?:people|persons|russians|citizens|emigr|migrants|residents|workers|specialists|"
    r"человек|россиян|граждан|эмигрант|мигрант|жител|специалист|релокант)", re.I
)
_TIMES_AFTER = re.compile(r"\s?(?:раз(?:а)?\b|times\b|-?fold\b)", re.I)
_DOTTED_DATE = re.compile(r"\.\d{1,2}\.\d{2,4}")


@dataclass(frozen=True)
class Number:
    """One number token in a text, with document offsets."""

    start: int
    end: int
    value: float
    percent: bool = False
    scaled: bool = False
    word: bool = False
    excluded: str | None = None


def parse_numeral(raw: str, *, language: str = "en", scaled: bool = False) -> float:
    """Turn a numeral with any separators into a float.

    ``scaled`` says a scale word follows ("1,3 млн"), which makes a lone
    comma or dot a decimal mark even before three digits.
    """
    s = "".join(ch for ch in raw if ch not in SPACES)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        s = s.replace(thousands, "").replace(decimal, ".")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        parts = s.split(sep)
        grouped = len(parts[1]) == 3 and not scaled and (sep == "," or language == "ru")
        s = "".join(parts) if len(parts) > 2 or grouped else parts[0] + "." + parts[1]
    return float(s)


def _scale_after(text: str, end: int) -> tuple[float, int] | None:
    m = _SCALE.match(text, end)
    if not m:
        return None
    word = (m.group("scale") or m.group("short") or "").lower()
    if m.group("short") and m.start() != end:
        return None
    key = word if word in _SCALES else next(
        (k for k in ("миллион", "тысяч", "миллиард") if word.startswith(k)), word
    )
    factor = {"миллион": 1e6, "тысяч": 1e3, "миллиард": 1e9}.get(key, _SCALES.get(key, 0.0))
    return (factor, m.end()) if factor else None


def _exclusion(text: str, start: int, end: int, value: float, raw: str,
               percent: bool, scaled: bool) -> str | None:
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    if _NAME_BEFORE.search(before) and not before.endswith((" ", "(", "\u00a0")):
        return "part of a name"
    if _DOCNUM_BEFORE.search(before):
        return "document number"
    if _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after):
        return "money"
    if _TIMES_AFTER.match(text, end) and not scaled:
        return "multiplier"
    if percent or scaled:
        return None
    if _DOTTED_DATE.match(text, end) or re.search(r"\d{1,2}\.$", before):
        return "date"
    if re.match(r"^\s?(?:-|–)?(?:s\b|х\b|е\b|-х\b|'s\b)", after) and value >= 10 and (
        value % 10 == 0
    ):
        return "decade"
    if _ORDINAL_AFTER.match(after):
        return "ordinal"
    plain_integer = re.fullmatch(r"\d+", raw) is not None
    if plain_integer and 1800 <= value <= 2100 and not _PERSON_AFTER.match(after):
        return "year"
    if value <= 31 and plain_integer and (_DAY_BEFORE.search(before) or _DAY_AFTER.match(after)):
        return "day of month"
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return "age"
    if _DURATION_AFTER.match(after):
        return "duration"
    if re.match(r"^:\d{2}", after):
        return "time of day"
    return None


def _numerals(text: str, start: int, end: int, language: str) -> list[Number]:
    found: list[Number] = []
    pos = start
    while True:
        m = _NUMERAL.search(text, pos, end)
        if not m:
            break
        raw = m.group(1)
        # "2022 500" is not one number: space-grouped thousands need a 1-3 digit head.
        n_end = m.end()
        scale = _scale_after(text, n_end)
        scaled = scale is not None
        try:
            value = parse_numeral(raw, language=language, scaled=scaled)
        except ValueError:
            pos = m.end()
            continue
        if scale:
            value *= scale[0]
            n_end = scale[1]
            # "668 тыс. 400 человек": a remainder after the thousands.
            if scale[0] == 1e3:
                rest = re.match(r"\s?(\d{1,3})(?![\d.,])", text[n_end:end])
                unit_after = text[n_end + rest.end():] if rest else ""
                if rest and re.match(r"\s?(?:человек|чел\.|people|persons)", unit_after):
                    value += float(rest.group(1))
                    n_end += rest.end()
        pm = _PERCENT.match(text, n_end)
        percent = pm is not None
        if pm:
            n_end = pm.end()
        excluded = _exclusion(text, m.start(), n_end, value, raw, percent, scaled)
        found.append(Number(m.start(), n_end, value, percent=percent, scaled=scaled,
                            excluded=excluded))
        pos = n_end
    return found


#: Cheap screen (substrings of the lower-cased sentence): every word pattern, "every"/
#: «каждый» ordinal contains one of these; the ratios ("one in five", «один из пяти»)
#: need "in", "out of" or «из» between spaces. A case-blind regex of the same words
#: cost 80-140 µs a sentence, most of this step's time.
_WORD_KEYS = ("half", "third", "quarter", "fifth", "tenth", "million", "every", "each",
              "пол", "трет", "четверт", "пят", "десят", "миллион", "кажд")
_RATIO_HINT = re.compile(r"\s(?:in|out\s+of|из)\s")


def _words(text: str, start: int, end: int) -> list[Number]:
    found: list[Number] = []
    segment = text[start:end]
    low = segment.lower()
    words = any(k in low for k in _WORD_KEYS)
    if not words and not _RATIO_HINT.search(low):
        return found
    for pattern, value, is_percent in _WORD_PATTERNS if words else ():
        for m in pattern.finditer(segment):
            v = value
            if v is None:
                first = m.group(0).split()[0].lower()
                v = float(_EN_SMALL.get(first) or _RU_SMALL.get(first, 1)) * 1e6
            found.append(Number(start + m.start(), start + m.end(), v, percent=is_percent,
                                word=True, scaled=not is_percent))
    for m in _RATIO_EN.finditer(segment):
        a, b = (_EN_SMALL.get(g.lower()) or int(g) for g in (m.group(1), m.group(2)))
        if 0 < a < b:
            found.append(Number(start + m.start(), start + m.end(), 100 * a / b, percent=True,
                                word=True))
    for m in _EVERY_EN.finditer(segment):
        b = _EN_ORDINAL[m.group(1).lower()]
        found.append(Number(start + m.start(), start + m.end(), 100 / b, percent=True, word=True))
    for m in _RATIO_RU.finditer(segment):
        a = _RU_SMALL.get(m.group(1).lower()) or int(m.group(1))
        b = _RU_SMALL.get(m.group(2).lower()) or int(m.group(2))
        if 0 < a < b:
            found.append(Number(start + m.start(), start + m.end(), 100 * a / b, percent=True,
                                word=True))
    for m in _EVERY_RU.finditer(segment):
        stem = m.group(1).lower().replace("ё", "е")
        b = next((v for k, v in _RU_ORDINAL.items() if stem.startswith(k.replace("ё", "е"))), 0)
        if b:
            found.append(Number(start + m.start(), start + m.end(), 100 / b, percent=True,
                                word=True))
    return found


def find_numbers(text: str, start: int = 0, end: int | None = None,
                 language: str = "en") -> list[Number]:
    """Every number token in ``text[start:end]``, in order, overlaps resolved."""
    end = len(text) if end is None else end
    tokens = _numerals(text, start, end, language) + _words(text, start, end)
    tokens.sort(key=lambda n: (n.start, -(n.end - n.start)))
    kept: list[Number] = []
    for tok in tokens:
        if kept and tok.start < kept[-1].end:
            continue
        kept.append(tok)
    return _spread_exclusions(text, kept)


_CONNECTOR = re.compile(r"\s*(?:and|to|or|-|–|—|до|и|или)\s*", re.I)
_SPREADING = {"age", "money", "duration", "multiplier"}


def _spread_exclusions(text: str, numbers: list[Number]) -> list[Number]:
    """'ages of 18 and 65', '35,000-40,000 rubles': both ends share one reading."""
    out = list(numbers)
    for _ in range(2):
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if not _CONNECTOR.fullmatch(text[a.end:b.start]) or a.word or b.word:
                continue
            if a.excluded in _SPREADING and not b.excluded and not b.percent:
                out[i + 1] = replace(b, excluded=a.excluded)
            elif b.excluded in _SPREADING and not a.excluded and not a.percent:
                out[i] = replace(a, excluded=b.excluded)
    return out
