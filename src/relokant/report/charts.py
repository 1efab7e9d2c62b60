"""Charts of the estimate: posterior bands with every claim on top, and the bias forest.

Built with Altair and rendered offline by vl-convert (SVG inline in HTML,
PNG for Markdown); nothing is fetched from the network.
"""

from __future__ import annotations

from typing import Any, cast

import altair as alt
import pandas as pd

from relokant.kinds import measure_of
from relokant.records import Bound, Claim, SourceType

#: One colour per source type, readable without colour through the point shapes.
PALETTE = {
    SourceType.official_statistics.value: "#1b9e77",
    SourceType.independent_research.value: "#d95f02",
    SourceType.panel_survey.value: "#7570b3",
    SourceType.commercial_data.value: "#e7298a",
    SourceType.government_statement.value: "#66a61e",
    SourceType.media_estimate.value: "#e6ab02",
    SourceType.other.value: "#666666",
}
SHAPES = {"point": "circle", "about": "diamond", "range": "square",
          "at_least": "triangle-up", "at_most": "triangle-down"}
TITLES = {"departures": "Cumulative departures since February 2022",
          "return_share": "Share of emigrants who have returned (%)",
          "abroad": "People abroad (departed and not returned)",
          "returns": "Cumulative returns"}
MEASURE_OF = {q: measure_of(q) for q in ("departures", "return_share", "abroad", "returns")}


def _claim_rows(claims: list[Claim], quantity: str) -> pd.DataFrame:
    rows = []
    for c in claims:
        if c.measure is not MEASURE_OF[quantity] or c.as_of is None:
            continue
        lo, hi = (c.low, c.high) if c.bound is Bound.range else (c.value, c.value)
        rows.append({"date": pd.Timestamp(c.as_of), "low": lo, "high": hi,
                     "value": (float(lo or 0) + float(hi or 0)) / 2,
                     "source_type": c.source_type.value, "bound": c.bound.value,
                     "who": c.attributed_to or "unattributed", "id": c.id or ""})
    return pd.DataFrame(rows)


def band_chart(
    quantities: pd.DataFrame, claims: list[Claim], quantity: str
) -> alt.LayerChart | alt.FacetChart:
    """Posterior median with 50% and 90% bands, and the claims of that quantity."""
    data = quantities[quantities["quantity"] == quantity].copy()
    data["date"] = pd.to_datetime(data["date"])
    base = alt.Chart(data).encode(x=alt.X("date:T", title=None))
    fmt = ".0f" if quantity == "return_share" else ",.0f"
    y_title = "%" if quantity == "return_share" else "people"
    outer = base.mark_area(opacity=0.18, color="#3b6ea8").encode(
        y=alt.Y("q05:Q", title=y_title, axis=alt.Axis(format=fmt)), y2="q95:Q")
    inner = base.mark_area(opacity=0.35, color="#3b6ea8").encode(y="q25:Q", y2="q75:Q")
    line = base.mark_line(color="#1f3d66", strokeWidth=2).encode(y="median:Q")
    layers: list[Any] = [outer, inner, line]
    points = _claim_rows(claims, quantity)
    if not points.empty:
        colour = alt.Color("source_type:N", title="source type",
                           scale=alt.Scale(domain=list(PALETTE), range=list(PALETTE.values())))
        shape = alt.Shape("bound:N", title="claim form",
                          scale=alt.Scale(domain=list(SHAPES), range=list(SHAPES.values())))
        ranges = points[points["bound"] == "range"]
        if not ranges.empty:
            layers.append(alt.Chart(ranges).mark_rule(strokeWidth=3).encode(
                x="date:T", y="low:Q", y2="high:Q", color=colour))
        layers.append(alt.Chart(points).mark_point(size=90, filled=True, opacity=0.9).encode(
            x="date:T", y="value:Q", color=colour, shape=shape,
            tooltip=["who:N", "source_type:N", "bound:N", "value:Q"]))
    chart = alt.layer(*layers).properties(width=620, height=260, title=TITLES[quantity])
    return cast(alt.LayerChart, chart.configure_legend(labelLimit=260))


def forest_chart(sources: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """Posterior bias per source type (median and 90% interval); 1 means unbiased."""
    data = sources[sources["n_claims"] > 0].copy()
    data["label"] = data["source_type"] + " (" + data["scale"] + ", n=" + \
        data["n_claims"].astype(str) + ")"
    base = alt.Chart(data).encode(y=alt.Y("label:N", title=None, sort=None,
                                          axis=alt.Axis(labelLimit=320)))
    rule = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("q05:Q", title="bias multiplier (log scale)", scale=alt.Scale(type="log")),
        x2="q95:Q", color=alt.Color("source_type:N", legend=None,
                                    scale=alt.Scale(domain=list(PALETTE),
                                                    range=list(PALETTE.values()))))
    point = base.mark_point(filled=True, size=70, color="black").encode(x="median:Q")
    one = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 3], color="grey").encode(
        x="x:Q")
    return alt.layer(rule, point, one).properties(
        width=520, height=max(120, 26 * len(data)), padding={"left": 40, "right": 10,
                                                             "top": 5, "bottom": 5},
        title="Source-type bias (counts: multiplier; shares: odds multiplier)")


def scenario_chart(frame: pd.DataFrame, figure: str, title: str) -> alt.LayerChart | alt.FacetChart:
    """Scenario medians with 90% bands, one colour per scenario."""
    data = frame[frame["figure"] == figure].copy()
    data["date"] = pd.to_datetime(data["date"])
    base = alt.Chart(data).encode(x=alt.X("date:T", title=None),
                                  color=alt.Color("scenario:N", title="scenario"))
    band = base.mark_area(opacity=0.15).encode(y=alt.Y("q05:Q", title=None), y2="q95:Q")
    line = base.mark_line(strokeWidth=2).encode(y="median:Q", strokeDash="scenario:N")
    chart = alt.layer(band, line).properties(width=620, height=240, title=title)
    return cast(alt.LayerChart, chart.configure_legend(labelLimit=260))


def to_svg(chart: alt.TopLevelMixin) -> str:
    """Render a chart to SVG text, offline."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(chart.to_dict(), allowed_base_urls=[]))


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """Render a chart to PNG bytes, offline."""
    import vl_convert as vlc

    return bytes(vlc.vegalite_to_png(chart.to_dict(), scale=scale, allowed_base_urls=[]))
