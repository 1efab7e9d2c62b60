"""Substring patterns for LIKE filters: user text is matched literally.

``%`` and ``_`` in a search or actor filter are characters to find, not
wildcards, so they are escaped; a NUL byte cannot be stored in PostgreSQL text
and would otherwise surface as a driver error, so it is refused up front.
"""

from __future__ import annotations

from relokant.errors import ValidationError

ESCAPE = "\\"


def contains_pattern(text: str, *, field: str) -> str:
    """Return a lower-case LIKE pattern matching ``text`` anywhere, literally."""
    if "\x00" in text:
        raise ValidationError(
            f"received {text!r}, which holds a NUL character; expected printable text",
            field=field,
            hint="remove the NUL character from the filter",
        )
    escaped = (text.lower().replace(ESCAPE, ESCAPE * 2)
               .replace("%", ESCAPE + "%").replace("_", ESCAPE + "_"))
    return f"%{escaped}%"
