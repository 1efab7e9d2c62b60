"""Which links may be rendered as links: http(s) only, whatever a citation or sidecar says.

A ``javascript:``, ``data:`` or ``vbscript:`` URL in an imported citation would run in a
reader's browser if a page linked it; every template asks :func:`safe_url` first.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Characters browsers drop from a URL before reading its scheme.
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
#: The policy of the report and the pages: no script, no outside loads, inline styles only.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; form-action 'self'; base-uri 'none'; "
                           "frame-ancestors 'none'")


def safe_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None."""
    if not isinstance(url, str):
        return None
    cleaned = _IGNORED.sub("", url)
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url.strip()
