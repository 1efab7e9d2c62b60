"""Publication dates from a document's own text (a dateline near the top)."""

from __future__ import annotations

import datetime as dt
import re

MONTHS_EN = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS_EN.update({k[:3]: v for k, v in list(MONTHS_EN.items())})
MONTHS_EN["sept"] = 9
#: Russian month stems (genitive and nominative share them).
MONTHS_RU = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
             "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
RU_MONTH_RE = (r"(январ[яье]|феврал[яье]|марта?|марте|апрел[яье]|мая|мае|май|июн[яье]|"
               r"июл[яье]|августа?|августе|сентябр[яье]|октябр[яье]|ноябр[яье]|декабр[яье])")


def ru_month(word: str) -> int | None:
    """Month number of a Russian month word in any case."""
    w = word.lower()
    for stem, n in sorted(MONTHS_RU.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem) and (stem != "ма" or w in {"мая", "мае", "май"}):
            return n
    return None


_EN = re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d{1,2}),? (\d{4})\b")
_EN_DMY = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]{2,8}) (\d{4})\b")
_RU = re.compile(r"\b(\d{1,2}) " + RU_MONTH_RE + r" (\d{4})", re.IGNORECASE)
_ISO = re.compile(r"\b(20\d{2})-(\d{2})-(\d{2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(20\d{2})\b")


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dateline(text: str, *, head: int = 800) -> dt.date | None:
    """The first full date in the first ``head`` characters, in English or Russian."""
    part = text[:head]
    found: list[tuple[int, dt.date]] = []
    for m in _EN.finditer(part):
        month = MONTHS_EN.get(m.group(1).lower())
        day = _safe(int(m.group(3)), month, int(m.group(2))) if month else None
        if day:
            found.append((m.start(), day))
    for m in _EN_DMY.finditer(part):
        month = MONTHS_EN.get(m.group(2).lower())
        day = _safe(int(m.group(3)), month, int(m.group(1))) if month else None
        if day:
            found.append((m.start(), day))
    for m in _RU.finditer(part):
        month = ru_month(m.group(2))
        day = _safe(int(m.group(3)), month, int(m.group(1))) if month else None
        if day:
            found.append((m.start(), day))
    for m in _ISO.finditer(part):
        day = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day:
            found.append((m.start(), day))
    for m in _DOTTED.finditer(part):
        day = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if day:
            found.append((m.start(), day))
    return min(found)[1] if found else None


_META_DATE = re.compile(
    r"""<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*["']?(?:article:published_time|"""
    r"""og:published_time|datePublished|pubdate|publishdate|date|dc\.date|dcterms\.created|"""
    r"""sailthru\.date|parsely-pub-date)["']?[^>]*>""", re.IGNORECASE)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_TIME_TAG = re.compile(r"""<time\b[^>]*\bdatetime\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_JSONLD = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_ISO_START = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def html_meta_date(html: str) -> str | None:
    """The publication date a page's own metadata states (ISO), never one guessed from prose.

    Meta tags, JSON-LD ``datePublished`` and ``<time datetime>`` are what the
    publisher wrote as the date; a year in the body ("in 2022") is not.
    """
    candidates: list[str] = []
    for m in _META_DATE.finditer(html):
        content = _CONTENT.search(m.group(0))
        if content:
            candidates.append(content.group(1))
    candidates += _JSONLD.findall(html)
    candidates += _TIME_TAG.findall(html)
    for value in candidates:
        iso = _ISO_START.match(value.strip())
        if iso and _safe(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))):
            return iso.group(0)
    return None
