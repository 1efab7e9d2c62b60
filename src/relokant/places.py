"""Countries and named groups of them, in English and Russian, in every case relokant meets.

Names come from data, not lists typed by hand: pycountry gives ISO 3166-1
codes and English names, Babel gives Russian territory names, and pymorphy3
inflects each one-word Russian name into the cases texts use («в
Казахстане», «Грузию», «из Грузии»). Groups are lower-case ids
(``central_asia``) as ``Claim.destination`` expects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from relokant.errors import RelokantError

#: Named groups of destinations: id → (English label, Russian label, member codes).
GROUPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "central_asia": ("Central Asia", "Центральная Азия", ("KZ", "KG", "TJ", "TM", "UZ")),
    "south_caucasus": ("South Caucasus", "Южный Кавказ", ("AM", "AZ", "GE")),
    "eu": ("European Union", "Евросоюз", (
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")),
    "rest_of_world": ("rest of the world", "остальной мир", ()),
}
#: Common English forms pycountry's official names miss.
_EN_EXTRA: dict[str, str] = {
    "russia": "RU", "turkey": "TR", "south korea": "KR", "north korea": "KP", "iran": "IR",
    "moldova": "MD", "vietnam": "VN", "syria": "SY", "the uk": "GB", "britain": "GB",
    "uk": "GB", "the us": "US", "the usa": "US", "usa": "US", "america": "US", "uae": "AE",
    "kyrgyzstan": "KG", "laos": "LA", "venezuela": "VE", "bolivia": "BO", "tanzania": "TZ",
}
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@dataclass(frozen=True)
class Place:
    """A country or group found in text, with where it was found."""

    code: str
    start: int
    end: int


class UnknownPlaceError(RelokantError, LookupError):
    """A code that is neither an ISO 3166-1 alpha-2 code nor a known group id."""


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _ru_forms(name: str) -> set[str]:
    """A Russian name in every case; many-word names keep their written form."""
    forms = {name.lower()}
    if " " in name or "-" in name:
        return forms
    for parse in _morph().parse(name)[:2]:
        if "Geox" not in parse.tag and "Sgtm" not in parse.tag:
            continue
        for case in _CASES:
            inflected = parse.inflect({case})
            if inflected:
                forms.add(inflected.word)
    return forms


@cache
def _table() -> tuple[dict[str, str], dict[str, list[str]]]:
    import pycountry
    from babel import Locale

    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(value.lower(), code)
    names.update(_EN_EXTRA)
    for code, ru in Locale("ru").territories.items():
        if len(code) == 2 and code.isalpha():
            for form in _ru_forms(ru):
                names.setdefault(form.replace("ё", "е"), code)
    # names by their first word, longest first: one dictionary look-up per word of a
    # text, instead of a regex alternation of every name and form tried at each position
    # (ten times slower on extraction's sentences)
    index: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        first = _WORD.match(name)
        if first:
            index.setdefault(first.group(0), []).append(name)
    return names, index


#: A word that starts where no word or hyphen precedes it (a name's possible start).
_WORD_START = re.compile(r"(?<![\w-])\w+")
_WORD = re.compile(r"\w+")


_GROUP_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(r"(?<!\w)(?:" + words + r")(?!\w)", re.IGNORECASE), gid) for words, gid in (
        (r"central asia|центральн\w* ази\w*", "central_asia"),
        (r"south caucasus|южн\w* кавказ\w*", "south_caucasus"),
        (r"(?:the )?european union|евросоюз\w*|европейск\w* союз\w*", "eu"),
    ))


def find_places(text: str) -> list[Place]:
    """Countries (ISO alpha-2) and groups named in ``text``, in order of appearance."""
    names, index = _table()
    found: list[Place] = []
    taken: list[tuple[int, int]] = []
    for group, gid in _GROUP_PATTERNS:
        for m in group.finditer(text):
            found.append(Place(gid, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    folded = text.replace("ё", "е")
    after = 0
    for word in _WORD_START.finditer(folded):
        start = word.start()
        if start < after:
            continue
        for name in index.get(word.group(0).lower(), ()):
            end = start + len(name)
            if folded[start:end].lower() != name or (end < len(folded) and (
                    folded[end].isalnum() or folded[end] in "_-")):
                continue
            after = end
            surface = text[start:end]
            if any(a < end and start < b for a, b in taken):
                break
            if surface.isupper() and len(surface) <= 3 and surface.lower() not in _EN_EXTRA:
                break
            found.append(Place(names[name], start, end))
            break
    return sorted(found, key=lambda p: p.start)


def country_name(code: str, lang: str = "en") -> str:
    """A human name for an ISO alpha-2 code or a group id, in English or Russian."""
    if code in GROUPS:
        en, ru, _ = GROUPS[code]
        return ru if lang == "ru" else en
    import pycountry
    from babel import Locale

    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country is None:
        raise UnknownPlaceError(
            f"unknown destination code {code!r}: expected an ISO 3166-1 alpha-2 code such as "
            f"'GE' or a group id ({', '.join(GROUPS)})", hint="check the code's spelling")
    if lang == "ru":
        return str(Locale("ru").territories.get(country.alpha_2, country.name))
    return str(getattr(country, "common_name", None) or country.name)
