"""Bytes to text: BOMs, UTF-8, then charset-normalizer for legacy Cyrillic encodings."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from relokant.errors import IngestError

#: Legacy encodings in the order they are met on Russian and English web pages.
_PREFERENCE = {name: rank for rank, name in enumerate(
    ["cp1251", "koi8_r", "cp1252", "iso8859_5", "cp866", "mac_cyrillic", "latin_1"])}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control characters in the head mean it is not text."""
    head = raw[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def decode(raw: bytes, *, source: str) -> tuple[str, str]:
    """Return (text, encoding name); raise :class:`IngestError` for non-text."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise IngestError(f"{source}: starts with a {name} mark but does not decode: "
                                  f"{exc.reason}") from None
    if looks_binary(raw):
        raise IngestError(f"{source}: binary content, not text",
                          hint="give .txt, .md or .html files")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    results = list(from_bytes(raw, cp_isolation=list(_PREFERENCE))) or list(from_bytes(raw))
    if not results:
        raise IngestError(f"{source}: cannot detect the text encoding",
                          hint="convert the file to UTF-8")
    # Equally clean candidates: prefer the encodings Russian and English sites use.
    lowest = min(r.chaos for r in results)
    clean = [r for r in results if r.chaos <= lowest + 0.01]
    best = min(clean, key=lambda r: _PREFERENCE.get(r.encoding, len(_PREFERENCE)))
    return str(best), best.encoding
