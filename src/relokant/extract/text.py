"""Offset-preserving views of an article: masked markup, sentences, footnotes.

Every quote relokant reports must be an exact substring of the text as read,
so noise (link stubs, emphasis, URLs, footnote markers) is blanked with
spaces of the same length instead of being removed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from razdel import sentenize

from relokant.ingest.dates import MONTHS_EN

_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\(([^()\s]*)\)")
_AUTOLINK = re.compile(r"<https?://[^>\s]+>")
_URL = re.compile(r"https?://\S+|www\.\S+")
_FOOTNOTE = re.compile(r"\[(\d{1,3})\]")
_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]")
_RELATED = re.compile(
    r"^\W*(related article|read more|see also|читайте также|по теме|подробнее)\b", re.I
)


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


_MONTH_DOT = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.(?=\s+\d)")


def mask(text: str) -> str:
    """Blank link targets, brackets, emphasis, URLs and footnote markers; keep offsets."""

    def link(m: re.Match[str]) -> str:
        label = m.group(1)
        return " " + label + " " * (m.end() - m.start() - 1 - len(label))

    masked = _LINK.sub(link, text)
    masked = _AUTOLINK.sub(_blank, masked)
    masked = _URL.sub(_blank, masked)
    masked = _FOOTNOTE.sub(_blank, masked)
    masked = _EMPHASIS.sub(_blank, masked)
    # "Sept. 21": the abbreviation's full stop does not end the sentence
    masked = _MONTH_DOT.sub(lambda m: m.group(1) + " ", masked)
    assert len(masked) == len(text)
    return masked


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span in the text and its masked wording."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    #: A headline (a markdown heading or the title line): its figures count only when the
    #: body does not repeat them.
    heading: bool = False


def _paragraphs(masked: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n", masked):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(masked)))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        chunk = masked[start:end].strip()
        if not chunk:
            continue
        if merged:
            prev = masked[merged[-1][0]:merged[-1][1]].rstrip()
            # A paragraph cut inside a sentence continues in lower case.
            if chunk[0].islower() and prev and prev[-1] not in ".!?:»”\"":
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def is_noise_line(line: str, title: str | None = None) -> bool:
    """Headings, the title repeated, and 'Related article' lines carry no claims."""
    stripped = line.strip()
    if not stripped:
        return True
    if _HEADING.match(line) or _RELATED.match(stripped):
        return True
    return bool(title and stripped.strip("# ").lower() == title.strip().lower())


def _is_heading(line: str, title: str | None) -> bool:
    stripped = line.strip()
    if _HEADING.match(line):
        return True
    return bool(title and stripped.strip("# ").lower() == title.strip().lower())


#: A line ending like this continues on the next one ("according to" / "Rosstat said").
_OPEN_END = re.compile(r"\b(?:to|of|the|a|an|and|or|by|in|at|for|from|with|по|в|во|и|"
                       r"на|с|со|к|от|из|за|для|что|как|а|но)$|[-–—(]$", re.IGNORECASE)


def _lines(block: str) -> list[tuple[int, int]]:
    """Spans of a block split where a line without final punctuation meets a capital.

    A headline over its first paragraph ("Serbia now home to 200,000 Russians" then
    "The number of ...") is two sentences, not one.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", block):
        before = block[start:m.start()].rstrip()
        after = block[m.end():].lstrip()
        line = before[before.rfind("\n") + 1:]
        if before and after and before[-1] not in ".!?:;,»”\"" and (after[0].isupper() or
                                                                     after[0].isdigit()) \
                and len(line) <= 150 and not _OPEN_END.search(line):
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(block)))
    return spans


def sentences(text: str, masked: str | None = None, title: str | None = None) -> list[Sentence]:
    """Split into sentences (razdel), joining paragraphs broken mid-sentence; mark headlines."""
    masked = masked if masked is not None else mask(text)
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(_paragraphs(masked)):
        block = masked[p_start:p_end]
        for l_start, l_end in _lines(block):
            part = block[l_start:l_end]
            if not part.strip() or _RELATED.match(part.strip()):
                continue
            heading = "\n" not in part.strip() and _is_heading(part, title)
            pieces: list[tuple[int, int]] = []
            for piece in sentenize(part.replace("\n", " ")):
                if pieces and part[pieces[-1][0]:pieces[-1][1]].rstrip().endswith(";"):
                    pieces[-1] = (pieces[-1][0], piece.stop)  # a semicolon does not end it
                else:
                    pieces.append((piece.start, piece.stop))
            for p0, p1 in pieces:
                s_text = part[p0:p1]
                start = p_start + l_start + p0
                first_line = s_text.split("\n", 1)[0]
                if _RELATED.match(first_line.strip()) and \
                        len(s_text.strip()) == len(first_line.strip()):
                    continue
                out.append(Sentence(len(out), start, start + len(s_text), s_text, p_index,
                                    heading or (_is_heading(first_line, title) and
                                                len(s_text.strip()) == len(first_line.strip()))))
    return out


_FOOTNOTE_LINE = re.compile(r"^\s*\[(\d{1,3})\][^\n]*$", re.M)
_EN_DATE = re.compile(r"\b([A-Z][a-z]+) (\d{1,2}),? (\d{4})\b")


def footnote_dates(text: str, published: dt.date | None) -> dict[int, dt.date]:
    """Map footnote numbers to the latest date in their reference line.

    A year after the publication date is a typo: it is replaced by the latest
    year that puts the date on or before publication.
    """
    found: dict[int, dt.date] = {}
    for line in _FOOTNOTE_LINE.finditer(text):
        number = int(line.group(1))
        dates = []
        for m in _EN_DATE.finditer(line.group(0)):
            month = MONTHS_EN.get(m.group(1).lower())
            if not month:
                continue
            year = int(m.group(3))
            try:
                day = dt.date(year, month, int(m.group(2)))
            except ValueError:
                continue
            if published and day > published:
                try:
                    day = day.replace(year=published.year)
                    if day > published:
                        day = day.replace(year=published.year - 1)
                except ValueError:
                    continue
            dates.append(day)
        if dates:
            found[number] = max(dates)
    return found


def footnote_after(text: str, position: int, limit: int = 3000) -> int | None:
    """The number of the first footnote marker after ``position`` (within ``limit``)."""
    m = _FOOTNOTE.search(text, position, min(len(text), position + limit))
    if not m:
        return None
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start:m.start()].strip() == "":
        return None  # the reference list itself
    return int(m.group(1))


#: Clauses after the figure's own that carry other facts ("..., adding that salaries rose in 2024").
_TIME_WORD = re.compile(r"\b(?:19|20)\d\d\b|\b(?:since|after|last|this|in|by)\s+(?:year|"
                        r"month|spring|summer|autumn|fall|winter|[A-Z][a-z]+)|\b(?:с|после|в|во|к)\s+"
                        r"(?:начала|прошлом|этом|январ|феврал|март|апрел|ма[яе]|июн|июл|август|"
                        r"сентябр|октябр|ноябр|декабр|весн|лет|осен|зим)", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r",\s+(?:adding|added|while|whereas|but|although|а|но|добавив|хотя)\b|;",
                         re.IGNORECASE)


def own_clause(sentence: str, fig_start: int, fig_end: int) -> str:
    """``sentence`` with the clauses after the figure's own blanked (offsets kept).

    Clauses joined by a semicolon are each their own when they state their own time
    ("500,000 left in 2022; in 2023, another 200,000"): the ones before the figure's
    clause are blanked too, unless the figure's clause says nothing about time.
    """
    cut = next((m.start() for m in _CLAUSE_CUT.finditer(sentence) if m.start() >= fig_end),
               None)
    own = sentence if cut is None else sentence[:cut] + " " * (len(sentence) - cut)
    left = own.rfind(";", 0, fig_start) + 1
    if left and _TIME_WORD.search(own, left):
        own = " " * left + own[left:]
    return own
