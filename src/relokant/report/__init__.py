"""Stage 6: the report (self-contained HTML, or Markdown with PNG charts)."""

from relokant.report.document import ReportData, from_estimate, render_html, render_markdown
from relokant.report.estimate_json import estimate_document

__all__ = ["ReportData", "estimate_document", "from_estimate", "render_html", "render_markdown"]
