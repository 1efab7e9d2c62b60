"""The back-test and calibration charts render offline; the sensitivity table reads right."""

from __future__ import annotations

from relokant.report.charts import to_svg
from relokant.report.validation_charts import (
    backtest_chart,
    backtest_frame,
    rank_histogram_chart,
    sensitivity_table,
)


def _claim(n: int, pit: float | None) -> dict[str, object]:
    return {"id": f"c{n}", "measure": "return_share" if n % 2 else "departures",
            "source_type": "media_estimate", "published": f"2023-0{n + 1}-15",
            "reported": 30.0, "pred_median": 28.0, "pit": pit}


def test_backtest_chart_renders_one_point_per_scored_claim() -> None:
    docs = [{"cutoff": "2023-01-31", "claims": [_claim(n, 0.1 * n + 0.2) for n in range(4)]},
            {"cutoff": "2023-03-31", "claims": [_claim(3, 0.5), _claim(4, None)]}]
    frame = backtest_frame(docs)
    assert len(frame) == 6 and set(frame["cutoff"]) == {"2023-01-31", "2023-03-31"}
    assert "<svg" in to_svg(backtest_chart(frame))


def test_rank_histograms_and_sensitivity_table() -> None:
    doc = {"coverage": {"departures": {"n": 20, "rank_histogram": [2] * 10},
                        "return_share": {"n": 20, "rank_histogram": [1, 3] * 5}}}
    assert "<svg" in to_svg(rank_histogram_chart(doc))
    table = sensitivity_table({"return_share": {
        "prior": {"all_priors": 0.12, "bias_priors": 0.06},
        "likelihood": {"all_claims": 0.03, "panel_survey": 0.0, "commercial_data": 0.014},
        "prior_driven": True, "verdict": "prior-driven: ..."}})
    row = table.iloc[0]
    assert row["prior-driven"] and row["most informative source type"] == "commercial_data"


def test_report_shows_projection_sensitivity_and_backtest(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from relokant.report import render_html, render_markdown
    from tests.report_stub import stub_report

    backtest = [{"cutoff": "2023-06-30", "n_fitted": 3, "n_scored": 2, "prior_only": ["abroad"],
                 "summary": {"overall": [{"n": 2, "in_50": 0.5, "in_90": 1.0,
                                          "log_score": -0.5}]},
                 "claims": [_claim(1, 0.4), _claim(2, 0.7)]}]
    data = stub_report(backtest=backtest)
    data.estimate.update(
        horizon={"until": "2024-12-31", "evidence_until": "2023-12-31",
                 "projected_from": "2024-01-31", "projected_months": 12},
        bias_priors="neutral",
        sensitivity={"return_share": {"prior": {"all_priors": 0.07, "bias_priors": 0.045},
                                      "likelihood": {"all_claims": 0.03}, "prior_driven": True,
                                      "verdict": "prior-driven: sensitive to the priors"}})
    html = render_html(data)
    assert "from 2024-01-31 to 2024-12-31 the figures are the model's projection" in html
    assert "<strong>prior-driven: sensitive to the priors</strong>" in html
    assert "Cutoff 2023-06-30: 3 claims fitted, 2 later claims scored: 50% inside" in html
    markdown = render_markdown(data, tmp_path)
    assert "| return_share | 0.070 | 0.045 | 0.030 |" in markdown
    assert "report-backtest.png" in markdown and (tmp_path / "report-backtest.png").exists()


def test_projected_months_are_shaded_and_captioned() -> None:
    import json

    from relokant.report.document import build_charts, chart_captions
    from tests.report_stub import stub_report

    def rect_spans(chart: object) -> list[object]:
        spec = json.dumps(chart.to_dict())  # type: ignore[attr-defined]
        return [spec.count('"rect"'), spec.count("projection (no claims)")]

    import dataclasses

    import pandas as pd

    months = pd.date_range("2022-02-28", "2024-12-31", freq="ME")
    band = pd.DataFrame([{"quantity": q, "date": d.date().isoformat(), "median": 10.0 + k,
                          "q05": 5.0, "q25": 8.0, "q75": 12.0, "q95": 20.0 + k}
                         for q in ("departures", "return_share", "abroad")
                         for k, d in enumerate(months)])
    data = dataclasses.replace(stub_report(), quantities=band)
    plain = build_charts(data)
    assert rect_spans(plain["departures"]) == [0, 0]
    data.estimate.update(horizon={"until": "2024-12-31", "evidence_until": "2023-12-31",
                                  "projected_from": "2024-01-31", "projected_months": 12})
    shaded = build_charts(data)
    for name in ("departures", "return_share", "abroad"):
        rects, labels = rect_spans(shaded[name])
        assert rects >= 1 and labels == 1, name
    captions = chart_captions(data)
    assert "projection from 31 January 2024" in captions["departures"]
    assert "Grey span" not in chart_captions(stub_report())["departures"]
