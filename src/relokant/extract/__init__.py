"""Stage 2: find quantitative claims about emigration and return in documents."""

from relokant.extract.extractor import ClaimExtractor, Extraction, to_gold

__all__ = ["ClaimExtractor", "Extraction", "to_gold"]
