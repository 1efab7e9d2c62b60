"""Charts of the estimate: posterior bands with every claim on top, and the bias forest.

Built with Altair and rendered offline by vl-convert (SVG inline in HTML, PNG for
Markdown); nothing is fetched from the network. Every label is words (no identifiers),
legends sit below the plot with no label limit (nothing is cut), time axes name the
year, and claims that fall on the same days are spread apart so no mark hides another.
"""

from __future__ import annotations

from typing import Any, cast

import altair as alt
import pandas as pd

from relokant.kinds import measure_of
from relokant.records import Bound, Claim, Measure, SourceType
from relokant.report.labels import BOUNDS, SCALES, SOURCE_TYPES, human

#: One colour per source type, readable without colour through the point shapes.
PALETTE = {
    SourceType.official_statistics.value: "#1b9e77",
    SourceType.independent_research.value: "#d95f02",
    SourceType.panel_survey.value: "#7570b3",
    SourceType.commercial_data.value: "#e7298a",
    SourceType.government_statement.value: "#66a61e",
    SourceType.media_estimate.value: "#b8860b",
    SourceType.other.value: "#666666",
}
SHAPES = {"point": "circle", "about": "diamond", "range": "square",
          "at_least": "triangle-up", "at_most": "triangle-down"}
TITLES = {"departures": "Cumulative departures since February 2022",
          "return_share": "Share of emigrants who have returned (%)",
          "abroad": "People abroad (departed and not returned)",
          "returns": "Cumulative returns"}
MEASURE_OF = {q: measure_of(q) for q in ("departures", "return_share", "abroad", "returns")}
#: Claims closer in time than this many days are spread apart by it.
DODGE_DAYS = 14
WIDTH = 540
#: Text is measured (by vl-convert) and drawn (by the browser) in the same wide font, so a
#: label never outgrows the box measured for it; Verdana, as wide, where DejaVu is absent.
FONT = "DejaVu Sans, Verdana, sans-serif"
#: Legends below the plot, one under the other (side by side they outgrow the plot).
CONFIG = {"font": FONT,
          "legend": {"layout": {"bottom": {"direction": "vertical", "anchor": "start"}}}}


def _colour(legend: bool = True) -> alt.Color:
    names = [SOURCE_TYPES[k] for k in PALETTE]
    return alt.Color("source:N", title="source type",
                     scale=alt.Scale(domain=names, range=list(PALETTE.values())),
                     legend=alt.Legend(orient="bottom", columns=4, labelLimit=0,
                                       titleLimit=0, symbolLimit=0) if legend else None)


def _time_axis() -> alt.X:
    """Month ticks every quarter, each naming its year ("Jun 2022")."""
    return alt.X("date:T", title=None,
                 axis=alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": 3},
                               labelAngle=0, labelOverlap="greedy", labelLimit=0))


def _count_axis() -> alt.Axis:
    """Counts as "800k", "1.2M"; zero as "0" (not "0M")."""
    return alt.Axis(labelExpr="datum.value == 0 ? '0' : format(datum.value, '~s')")


def dodge(dates: pd.Series, days: int = DODGE_DAYS) -> pd.Series:
    """Plotting dates: claims within ``days`` of each other are spread ``days`` apart."""
    order = dates.sort_values()
    shifted = pd.Series(order.to_numpy(), index=order.index)
    cluster: list[Any] = []

    def spread(members: list[Any]) -> None:
        centre = (len(members) - 1) / 2
        for i, idx in enumerate(members):
            shifted[idx] = order[idx] + pd.Timedelta(days=(i - centre) * days)

    previous = None
    for idx, day in order.items():
        if previous is not None and (day - previous).days >= days:
            spread(cluster)
            cluster = []
        cluster.append(idx)
        previous = day
    if cluster:
        spread(cluster)
    return shifted.reindex(dates.index)


def _claim_rows(claims: list[Claim], quantity: str) -> pd.DataFrame:
    rows = []
    for c in claims:
        if c.measure is not MEASURE_OF[quantity] or c.as_of is None:
            continue
        lo, hi = (c.low, c.high) if c.bound is Bound.range else (c.value, c.value)
        rows.append({"as_of": pd.Timestamp(c.as_of), "low": lo, "high": hi,
                     "value": (float(lo or 0) + float(hi or 0)) / 2,
                     "source": SOURCE_TYPES[c.source_type.value],
                     "form": BOUNDS[c.bound.value], "bound": c.bound.value,
                     "who": c.attributed_to or "unattributed", "id": c.id or ""})
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["date"] = dodge(frame["as_of"])
    return frame


def projection_layer(start: str | None, end: Any) -> alt.LayerChart | None:
    """A grey span over the months past the last evidence, labelled "projection".

    The span says, on the chart itself, from which month on the band is the model's
    projection rather than a reconciliation of claims.
    """
    if not start:
        return None
    span = pd.DataFrame({"start": [pd.Timestamp(start)], "end": [pd.Timestamp(end)],
                         "label": ["projection (no claims)"]})
    rect = alt.Chart(span).mark_rect(color="#999999", opacity=0.15).encode(
        x="start:T", x2="end:T")
    text = alt.Chart(span).mark_text(align="left", baseline="top", dx=4, dy=4, fontSize=10,
                                     color="#555555").encode(x="start:T", y=alt.value(0),
                                                             text="label:N")
    return cast(alt.LayerChart, alt.layer(rect, text))


def band_chart(quantities: pd.DataFrame, claims: list[Claim], quantity: str,
               projected_from: str | None = None) -> alt.LayerChart:
    """Posterior median with 50% and 90% bands, and the claims of that quantity above them.

    ``projected_from`` (the first month without evidence) shades the projected months.
    """
    data = quantities[quantities["quantity"] == quantity].copy()
    data["date"] = pd.to_datetime(data["date"])
    base = alt.Chart(data).encode(x=_time_axis())
    share = quantity == "return_share"
    y_title = "% of emigrants returned" if share else "people"
    outer = base.mark_area(opacity=0.18, color="#3b6ea8").encode(
        y=alt.Y("q05:Q", title=y_title, axis=alt.Axis(format=".0f") if share else _count_axis()),
        y2="q95:Q")
    inner = base.mark_area(opacity=0.35, color="#3b6ea8").encode(y="q25:Q", y2="q75:Q")
    line = base.mark_line(color="#1f3d66", strokeWidth=2).encode(y="median:Q")
    layers: list[Any] = [outer, inner, line]
    shade = projection_layer(projected_from, data["date"].max()) if not data.empty else None
    if shade is not None:
        layers.insert(0, shade)
    points = _claim_rows(claims, quantity)
    if not points.empty:
        shape = alt.Shape("form:N", title="claim form",
                          scale=alt.Scale(domain=[BOUNDS[b] for b in SHAPES],
                                          range=list(SHAPES.values())),
                          legend=alt.Legend(orient="bottom", labelLimit=0, titleLimit=0))
        ranges = points[points["bound"] == "range"]
        if not ranges.empty:
            layers.append(alt.Chart(ranges).mark_rule(strokeWidth=3, opacity=0.7).encode(
                x="date:T", y="low:Q", y2="high:Q", color=_colour()))
        # points last: drawn above every band and range bar, outlined so they stand apart
        layers.append(alt.Chart(points).mark_point(
            size=90, filled=True, opacity=1, stroke="white", strokeWidth=1.2).encode(
            x="date:T", y="value:Q", color=_colour(), shape=shape,
            tooltip=[alt.Tooltip("who:N", title="claim by"),
                     alt.Tooltip("source:N", title="source type"),
                     alt.Tooltip("form:N", title="form"),
                     alt.Tooltip("value:Q", title="figure", format=",.0f"),
                     alt.Tooltip("as_of:T", title="as of", format="%d %B %Y")]))
    chart = alt.layer(*layers).properties(width=WIDTH, height=260, title=TITLES[quantity])
    return cast(alt.LayerChart, chart)


def _multiplier(value: float) -> str:
    return f"×{value:.2f}" if value < 10 else f"×{value:.1f}"


def forest_chart(sources: pd.DataFrame) -> alt.HConcatChart:
    """Posterior bias per source type: median and 90% interval, drawn and written out."""
    data = sources[sources["n_claims"] > 0].copy()
    data["source"] = data["source_type"].map(lambda s: SOURCE_TYPES.get(s, human(s)))
    data["label"] = [f"{src}, {SCALES.get(scale, scale)} (n={n})" for src, scale, n in
                     zip(data["source"], data["scale"], data["n_claims"], strict=True)]
    data["text"] = [f"{_multiplier(m)} ({lo:.2f}–{hi:.2f})" for m, lo, hi in
                    zip(data["median"], data["q05"], data["q95"], strict=True)]
    height = max(120, 26 * len(data))
    y = alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=0))
    base = alt.Chart(data).encode(y=y)
    rule = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("q05:Q", scale=alt.Scale(type="log"),
                title="multiplier: median and 90% interval (log scale; 1 = unbiased)"),
        x2="q95:Q", color=_colour(legend=False))
    point = base.mark_point(filled=True, size=70, color="black").encode(x="median:Q")
    one = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(
        strokeDash=[4, 3], color="grey").encode(x="x:Q")
    plot = alt.layer(rule, point, one).properties(width=300, height=height)
    numbers = alt.Chart(data).mark_text(align="left").encode(
        x=alt.value(4), y=alt.Y("label:N", sort=None, axis=None), text="text:N").properties(
        width=170, height=height, view=alt.ViewConfig(stroke=None),
        title=alt.TitleParams("median (90% interval)", fontSize=11, anchor="start"))
    chart = alt.hconcat(plot, numbers, spacing=4).resolve_scale(y="shared").properties(
        title="Source-type bias (counts: multiplier of the figure; shares: of the odds)")
    return cast(alt.HConcatChart, chart)


def scenario_chart(frame: pd.DataFrame, figure: str, title: str) -> alt.LayerChart:
    """Scenario medians with 90% bands, one colour (and dash) per scenario."""
    data = frame[frame["figure"] == figure].copy()
    data["date"] = pd.to_datetime(data["date"])
    data["scenario_name"] = data["scenario"].map(human)
    # the bands' own field: legends of one field are merged, and the bands want none
    data["band_of"] = data["scenario_name"]
    legend = alt.Legend(orient="bottom", labelLimit=0, titleLimit=0, columns=3,
                        symbolStrokeWidth=2)
    base = alt.Chart(data).encode(x=_time_axis())
    band = base.mark_area(opacity=0.15).encode(
        y=alt.Y("q05:Q", title="people", axis=_count_axis()), y2="q95:Q",
        fill=alt.Fill("band_of:N", legend=None))
    # one legend: colour and dash share the field and title, so Vega-Lite merges them
    line = base.mark_line(strokeWidth=2).encode(
        y="median:Q", color=alt.Color("scenario_name:N", title="scenario", legend=legend),
        strokeDash=alt.StrokeDash("scenario_name:N", title="scenario", legend=legend))
    chart = alt.layer(band, line).properties(width=WIDTH, height=240, title=title)
    return cast(alt.LayerChart, chart)


def destination_chart(destinations: list[dict[str, Any]], claims: list[Claim],
                      projected_from: str | None = None) -> alt.FacetChart:
    """Small multiples: people present in each destination (bands), its stock figures on top.

    Stock figures (compiled estimates) are drawn at face value; flows and trips are
    not stocks, so they are listed in the table, not drawn. ``projected_from`` shades
    the months past the last evidence in every panel.
    """
    rows, marks = [], []
    for d in destinations:
        for r in d["stock"]:
            rows.append({"destination": d["name"], "date": pd.Timestamp(r["date"]),
                         "median": r["median"], "q05": r["q05"], "q95": r["q95"],
                         "kind": "posterior"})
    names = {d["code"]: d["name"] for d in destinations}
    for c in claims:
        if c.destination in names and c.measure is Measure.stock_abroad and c.as_of:
            marks.append({"destination": names[c.destination], "date": pd.Timestamp(c.as_of),
                          "value": c.midpoint, "bound": c.bound.value,
                          "who": c.attributed_to or "unattributed", "kind": "figure"})
    spans = []
    if projected_from and rows:
        end = max(r["date"] for r in rows)
        spans = [{"destination": d["name"], "start": pd.Timestamp(projected_from), "end": end,
                  "kind": "projection"} for d in destinations]
    # one frame for every layer: a faceted chart splits the data its layers share
    data = pd.DataFrame(rows + marks + spans)
    band = alt.Chart().transform_filter(alt.datum.kind == "posterior").mark_area(
        opacity=0.25, color="#3b6ea8").encode(
        x=alt.X("date:T", title=None), y=alt.Y("q05:Q", title="people", axis=alt.Axis(
            format="~s")), y2="q95:Q")
    line = alt.Chart().transform_filter(alt.datum.kind == "posterior").mark_line(
        color="#1f3d66").encode(x="date:T", y="median:Q")
    layers: list[Any] = [band, line]
    if spans:
        layers.insert(0, alt.Chart().transform_filter(alt.datum.kind == "projection").mark_rect(
            color="#999999", opacity=0.15).encode(x="start:T", x2="end:T"))
    if marks:
        shape = alt.Shape("bound:N", title="figure form",
                          scale=alt.Scale(domain=list(SHAPES), range=list(SHAPES.values())))
        layers.append(alt.Chart().transform_filter(alt.datum.kind == "figure").mark_point(
            filled=True, size=60, color="#d95f02").encode(
            x="date:T", y="value:Q", shape=shape, tooltip=["who:N", "bound:N", "value:Q"]))
    chart = alt.layer(*layers).properties(width=200, height=120).facet(
        facet=alt.Facet("destination:N", title=None, sort=[d["name"] for d in destinations]),
        columns=4, data=data).resolve_scale(y="independent")
    return cast(alt.FacetChart,
                chart.properties(title="People present by destination (median, 90% interval)"))


def to_svg(chart: alt.TopLevelMixin) -> str:
    """Render a chart to SVG text, offline."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(chart.to_dict(), config=CONFIG, allowed_base_urls=[]))


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """Render a chart to PNG bytes, offline."""
    import vl_convert as vlc

    return bytes(vlc.vegalite_to_png(chart.to_dict(), scale=scale, config=CONFIG,
                                     allowed_base_urls=[]))
