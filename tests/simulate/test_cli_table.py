"""`relokant simulate`'s table: rounded to the intervals, words for figures, the end named."""

from __future__ import annotations

import pathlib
import re

FAST = ("--draws", "200", "--warmup", "200", "--chains", "2", "--seed", "3")


def test_simulate_table_is_rounded_and_dated(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    posterior = tmp_path / "posterior.nc"
    fitted = cli("estimate", "--json", "--save", str(posterior), *FAST)
    assert fitted.code in (0, 1), fitted.err
    result = cli("simulate", "--posterior", str(posterior), "--scenario", "baseline",
                 "--scenario", "incentives", "--agents", "2000", "--draws", "3",
                 "--months", "6")
    assert result.code == 0, result.err
    out = " ".join(result.out.split())  # the table may wrap its title
    assert re.search(r"on \d{1,2} [A-Z][a-z]+ \d{4}, when the projection ends", out), out
    assert "tax revenue (roubles)" in out and "tax_revenue_rub" not in out
    assert "— (the baseline)" in out
    # no figure printed to the rouble or the person: at most three significant digits
    for number in re.findall(r"\d[\d,]{5,}", out):
        assert number.replace(",", "").rstrip("0") == "" or \
            len(number.replace(",", "").rstrip("0")) <= 3, number
