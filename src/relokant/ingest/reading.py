"""Read a document from disk: decode, strip HTML, detect language and date.

Local files only: trafilatura parses saved pages and never fetches.
The publication date comes from ``--date``, else a sibling ``STEM.meta.json``
(``date`` or ``published``), else HTML metadata, else a file name that starts
with ``YYYY-MM-DD``, else a dateline near the top of the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import pathlib
import re
from typing import Any

from relokant.errors import IngestError
from relokant.ingest.dates import find_dateline, html_meta_date
from relokant.ingest.decoding import MIXED_PREFIX, decode
from relokant.records import TextDocument

log = logging.getLogger(__name__)

#: Files larger than this are skipped with a reason rather than read whole.
MIB = 1024 * 1024
MAX_BYTES = 20 * MIB
READABLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")


def _mib(n: int) -> str:
    return f"{n / MIB:g} MiB" if n >= MIB else f"{n:,} bytes"


def detect_language(text: str) -> str:
    """'ru' when Cyrillic letters dominate, 'en' when Latin ones do."""
    sample = text[:20000]
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    if cyr == 0 and lat == 0:
        return "other"
    return "ru" if cyr >= 0.3 * (cyr + lat) else "en"


def _is_html(path: pathlib.PurePath, text: str) -> bool:
    if path.suffix.lower() in (".html", ".htm"):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _html_to_text(html: str, *, source: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    meta: dict[str, Any] = {}
    try:
        extracted = trafilatura.extract(
            html, output_format="txt", include_comments=False, include_tables=True,
            favor_recall=True, with_metadata=False,
        )
        info = trafilatura.extract_metadata(html)
        if info is not None:
            # Not info.date: trafilatura guesses it from the body ("in 2022"); only
            # the page's own metadata may date it.
            meta = {"title": info.title, "date": html_meta_date(html),
                    "outlet": info.sitename, "url": info.url}
    except Exception as exc:  # trafilatura raises many lxml errors on broken markup
        log.info("%s: trafilatura failed (%s); falling back to tag stripping", source, exc)
        extracted = None
    if not extracted:
        stripped = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
        stripped = re.sub(r"(?s)<[^>]*>", " ", stripped)
        import html as html_lib

        extracted = html_lib.unescape(re.sub(r"[ \t]+", " ", stripped))
    return extracted, meta


def _sidecar(path: pathlib.Path) -> dict[str, Any]:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        log.warning("%s: ignoring unreadable metadata file (%s)", meta_path, exc)
        return {}
    return data if isinstance(data, dict) else {}


#: Keys of a sidecar's publication date, most usual first.
META_DATE_KEYS = ("date", "published", "published_at", "publication_date", "pub_date")


def _date_from_name(path: pathlib.PurePath) -> dt.date | None:
    """A file named like ``2023-10-25_outlet_slug.txt`` says when it was published."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?!\d)", path.name)
    return _parse_date(match.group(1)) if match else None


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def read_document(
    path: str | pathlib.Path,
    *,
    date: dt.date | None = None,
    language: str = "auto",
    max_bytes: int = MAX_BYTES,
) -> TextDocument:
    """Read one file into a :class:`TextDocument`.

    Raises
    ------
    IngestError
        The file is missing, empty, binary, too large or undecodable; the
        message says which, so a batch can skip it with a reason.
    """
    path = pathlib.Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"{source}: cannot read ({exc.strerror})") from None
    if size == 0:
        raise IngestError(f"{source}: empty file")
    if size > max_bytes:
        raise IngestError(
            f"{source}: {size / MIB:.1f} MiB is larger than the {_mib(max_bytes)} limit "
            "for one article", hint="split the file or raise the limit"
        )
    return read_bytes(path.read_bytes(), name=source, date=date, language=language,
                      meta=_sidecar(path), max_bytes=max_bytes)


def read_bytes(
    raw: bytes,
    *,
    name: str,
    date: dt.date | None = None,
    language: str = "auto",
    meta: dict[str, Any] | None = None,
    max_bytes: int = MAX_BYTES,
) -> TextDocument:
    """Read a document held in memory (a web upload) exactly as :func:`read_document` reads a file.

    ``name`` stands for the file name: its suffix says HTML or Markdown and a leading
    ``YYYY-MM-DD`` dates it; ``meta`` plays the part of the sidecar ``STEM.meta.json``.
    """
    path = pathlib.PurePath(name)
    source = name
    if not raw:
        raise IngestError(f"{source}: empty file")
    if len(raw) > max_bytes:
        raise IngestError(
            f"{source}: {len(raw) / 1e6:.0f} MB is larger than the {max_bytes / 1e6:.0f} MB "
            "limit for one article", hint="split the file or raise the limit"
        )
    text, encoding = decode(raw, source=source)
    if encoding.startswith(MIXED_PREFIX):
        log.warning("%s: mixed encodings (%s), decoded line by line; check its text",
                    source, encoding.removeprefix(MIXED_PREFIX))
    meta = meta or {}
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    html_meta: dict[str, Any] = {}
    if _is_html(path, text):
        text, html_meta = _html_to_text(text, source=source)
        fmt = "html"
    if not text.strip():
        raise IngestError(f"{source}: no text left after reading ({fmt})")
    lang = language if language != "auto" else (meta.get("language") or detect_language(text))
    if lang not in {"en", "ru"}:
        lang = detect_language(text)
    published = (
        date
        or next(filter(None, (_parse_date(meta.get(k)) for k in META_DATE_KEYS)), None)
        or _parse_date(html_meta.get("date"))
        or _date_from_name(path)
        or find_dateline(text)
    )
    return TextDocument(
        source=source, text=text, format=fmt, encoding=encoding, language=lang,
        published=published, title=meta.get("title") or html_meta.get("title"),
        outlet=meta.get("outlet") or html_meta.get("outlet"),
        url=meta.get("url") or html_meta.get("url"),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def iter_paths(paths: list[pathlib.Path]) -> list[pathlib.Path]:
    """Expand directories into their readable files (sorted, not recursive into dotdirs)."""
    found: list[pathlib.Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                sorted(
                    f for f in p.rglob("*")
                    if f.is_file() and f.suffix.lower() in READABLE_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                )
            )
        else:
            found.append(p)
    return found
