"""Bytes to text: BOMs, UTF-8, legacy Cyrillic encodings, and files that mix them.

Russian legacy text is scored letter by letter (cp1251, KOI8-R, cp866, ISO 8859-5,
then Mac Cyrillic only if it alone reads as words), because a generic detector
happily picks mac_cyrillic and turns «Россия» into «–оссия». A file whose lines
are partly UTF-8 and partly legacy is decoded line by line and reported as
repaired through its encoding name (``mixed:utf-8+cp1251``).
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from relokant.errors import IngestError

#: Legacy Cyrillic encodings, most usual on Russian sites first.
CYRILLIC = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic")
#: Western legacy encodings, when no Cyrillic reading makes sense.
WESTERN = ("cp1252", "latin_1")
MIXED_PREFIX = "mixed:"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PUNCT = set(" \t\r\n.,;:!?-–—()«»\"'%/№…")


def looks_binary(raw: bytes) -> bool:
    """A NUL byte anywhere, or many control characters in the head, mean it is not text."""
    if b"\x00" in raw:
        return True
    head = raw[:8192]
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def _score(text: str) -> float:
    """How much a reading looks like Cyrillic prose: letters count, odd symbols cost.

    A non-ASCII letter glued to a Latin one ("Cafй") costs too: Russian words do
    not mix scripts, so Western text read as cp1251 scores below zero.
    """
    score = 0.0
    prev = " "
    for ch in text:
        glued = prev.isascii() and prev.isalpha()
        prev = ch
        if ch.isascii():
            continue
        if glued and ch.isalpha():
            score -= 3.0
        elif "а" <= ch <= "я" or ch == "ё":
            score += 1.5  # Russian prose is mostly lower case
        elif "А" <= ch <= "Я" or ch == "Ё":
            score += 1.0
        elif ch in _PUNCT:
            score += 0.2
        elif unicodedata.category(ch).startswith("L"):
            score -= 0.5
        else:
            score -= 3.0
    return score


def legacy_encoding(raw: bytes) -> str | None:
    """The legacy encoding that reads ``raw`` best, or None when none decodes it."""
    readings: list[tuple[float, int, str]] = []
    for rank, name in enumerate(CYRILLIC):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        readings.append((_score(text), -rank, name))
    best = max(readings, default=None)
    if best is not None and best[0] > 0:
        return best[2]
    results = list(from_bytes(raw, cp_isolation=list(WESTERN)))
    if results:
        return str(results[0].encoding)
    return None


def _mixed(raw: bytes) -> tuple[str, str] | None:
    """Decode line by line when some non-ASCII lines are UTF-8 and others are not."""
    lines = raw.splitlines(keepends=True)
    legacy: list[bytes] = []
    utf8 = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            legacy.append(line)
    if not utf8 or not legacy:
        return None
    name = legacy_encoding(b"".join(legacy))
    if name is None:
        return None
    parts: list[str] = []
    for line in lines:
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(line.decode(name, errors="replace"))
    return "".join(parts), f"{MIXED_PREFIX}utf-8+{name}"


def decode(raw: bytes, *, source: str) -> tuple[str, str]:
    """Return (text, encoding name); raise :class:`IngestError` for non-text.

    An encoding name starting with ``mixed:`` means the file needed repair.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise IngestError(f"{source}: starts with a {name} mark but does not decode: "
                                  f"{exc.reason}", hint="convert the file to UTF-8") from None
    if looks_binary(raw):
        raise IngestError(f"{source}: binary content (NUL or control bytes), not text",
                          hint="give .txt, .md or .html files")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed(raw)
    if mixed is not None:
        return mixed
    legacy = legacy_encoding(raw)
    if legacy is None:
        raise IngestError(f"{source}: cannot detect the text encoding",
                          hint="convert the file to UTF-8")
    return raw.decode(legacy, errors="replace"), legacy
