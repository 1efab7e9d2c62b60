"""Stage 6: the report (self-contained HTML, or Markdown with PNG charts)."""

from relokant.report.document import ReportData, from_reconciler, render_html, render_markdown

__all__ = ["ReportData", "from_reconciler", "render_html", "render_markdown"]
