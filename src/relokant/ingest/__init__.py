"""Stage 1: read articles (text, Markdown, saved HTML; any encoding) from disk."""

from relokant.ingest.reading import detect_language, iter_paths, read_bytes, read_document

__all__ = ["detect_language", "iter_paths", "read_bytes", "read_document"]
