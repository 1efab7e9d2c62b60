"""Charts and tables that prove the estimate: back-test PITs, rank histograms, sensitivity.

Altair like :mod:`relokant.report.charts`, rendered offline by the same ``to_svg`` /
``to_png``. The back-test chart puts every claim published after a cutoff at its PIT
(where the published figure fell in the predictive distribution made before it): a
calibrated estimate scatters them evenly, with about half inside the inner band and
nine in ten inside the outer one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from relokant.report.charts import PALETTE


def backtest_frame(cutoffs: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Scored claims of ``backtest`` JSON documents (one per cutoff) as one table."""
    rows = [{**claim, "cutoff": doc["cutoff"]} for doc in cutoffs for claim in doc["claims"]]
    return pd.DataFrame(rows)


def backtest_chart(scores: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """Each later claim's PIT against its publication date, with the 50% and 90% bands."""
    data = scores.dropna(subset=["pit"]).copy()
    data["published"] = pd.to_datetime(data["published"])
    bands = pd.DataFrame([{"lo": 0.05, "hi": 0.95, "band": "90%"},
                          {"lo": 0.25, "hi": 0.75, "band": "50%"}])
    area = alt.Chart(bands).mark_rect(opacity=0.15, color="#3b6ea8").encode(
        y=alt.Y("lo:Q", scale=alt.Scale(domain=[0, 1])), y2="hi:Q")
    types = sorted(PALETTE)
    points = alt.Chart(data).mark_point(filled=True, size=70).encode(
        x=alt.X("published:T", title="published"),
        y=alt.Y("pit:Q", title="PIT (where the figure fell in the prediction)",
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("source_type:N", scale=alt.Scale(domain=types,
                                                         range=[PALETTE[t] for t in types]),
                        title="source type"),
        shape=alt.Shape("measure:N"),
        tooltip=["id:N", "measure:N", "source_type:N", "reported:Q", "pred_median:Q",
                 "pit:Q"])
    layer = alt.layer(area, points).properties(width=520, height=220)
    if "cutoff" in data and data["cutoff"].nunique() > 1:
        return layer.facet(row=alt.Row("cutoff:N", title="cutoff"), data=data)
    return layer


def rank_histogram_chart(calibration: Mapping[str, Any]) -> alt.FacetChart:
    """Rank histograms per quantity from a ``calibrate`` JSON document (flat is good)."""
    rows = []
    for name, c in calibration["coverage"].items():
        counts = c["rank_histogram"]
        for k, count in enumerate(counts):
            rows.append({"quantity": name, "bin": k + 1, "count": count,
                         "expected": c["n"] / len(counts)})
    data = pd.DataFrame(rows)
    bars = alt.Chart().mark_bar(color="#3b6ea8").encode(
        x=alt.X("bin:O", title="rank of the truth among posterior draws (decile)"),
        y=alt.Y("count:Q", title="worlds"))
    rule = alt.Chart().mark_rule(color="#444", strokeDash=[4, 3]).encode(y="mean(expected):Q")
    return alt.layer(bars, rule, data=data).properties(width=160, height=110).facet(
        facet=alt.Facet("quantity:N", title=None), columns=4)


def sensitivity_table(sensitivity: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """The estimate JSON's ``sensitivity`` section as a report table, one row a headline."""
    rows = []
    for name, s in sensitivity.items():
        types = {k: v for k, v in s["likelihood"].items() if k != "all_claims"}
        top = max(types, key=lambda k: types[k]) if types else None
        rows.append({"headline": name, "prior": s["prior"]["all_priors"],
                     "bias priors": s["prior"]["bias_priors"],
                     "claims": s["likelihood"]["all_claims"],
                     "most informative source type": top,
                     "prior-driven": bool(s["prior_driven"]), "in words": s["verdict"]})
    return pd.DataFrame(rows)
