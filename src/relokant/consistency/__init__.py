"""Consistency of claims: arithmetic, dates, outliers, self-contradiction.

Analysis of claims, not storage: pure functions over records that point a
reviewer at what to look at, used by the CLI's ``check``, the web's claim pages
and the report.
"""

from relokant.consistency.checks import check_claims

__all__ = ["check_claims"]
