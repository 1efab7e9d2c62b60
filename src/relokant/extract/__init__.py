"""Stage 2: find quantitative claims about emigration and return in documents."""

from relokant.extract.confidence import least_certain_first
from relokant.extract.extractor import ClaimExtractor, Extraction, to_gold
from relokant.extract.resolver import ActorResolver, ResolvedActor, display_name

__all__ = ["ActorResolver", "ClaimExtractor", "Extraction", "ResolvedActor", "display_name",
           "least_certain_first", "to_gold"]
