"""What each host-country (mirror) statistic counts, as an observation equation of the path.

A destination figure is never "emigrants": a border service counts trips, a population
register counts visitors too, Israel counts one eligible sub-population, Geostat counts
people who stayed 183 days. Each indicator here states its equation in terms of the
latent destination path (:mod:`relokant.estimate.destinations`), the priors of its own
parameters and why; the report's Methods section renders :func:`methods_rows`.

Symbols: ``a_k(W)`` arrivals of emigrants in destination ``k`` within the figure's window
``W``; ``L_k(W)`` people leaving ``k`` in ``W`` (returns to the origin plus onward moves);
``S_k(t)`` emigrants present in ``k`` at ``t``; ``S(t)`` emigrants abroad, all destinations;
``|W|`` the window's length in months (pre-war months included: ordinary traffic goes on).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from relokant.records import Measure, Unit

#: What an indicator's flow term reads from the destination path.
Flow = Literal["arrivals", "leavers", "stayers", "stock", "national_stock"]
#: Which per-destination baseline (ordinary, non-wartime traffic) it adds, if any.
Baseline = Literal["trips", "registrations", "aliyah"] | None
#: Which multiplier scales the flow term.
Scale = Literal["trips", "registered", "eligible", "resident", "grants", "permits", "one"]


@dataclass(frozen=True)
class Indicator:
    """One kind of host-country statistic and its observation model."""

    name: str
    title: str
    measure: Measure
    unit: Unit
    flow: Flow
    scale: Scale
    baseline: Baseline
    #: Noise (sd on the log scale) of the figure around its equation.
    noise: float
    equation: str
    prior: str
    why: str
    #: Read as a one-sided bound whatever its stated bound: the truth is at least the figure.
    lower_bound: bool = False
    #: Months of delay: arrivals in the last ``lag`` months of the window are not counted
    #: (``stayers``), or the stock is read ``lag`` months before the window ends (grants).
    lag: int = 0


_TRIPS = ("people x trips per person, plus the visits of those living there, plus ordinary "
          "(pre-war level) traffic: {count} = (1 + e^tau_k) {flow} + v_k sum_(m in W) S_k(m) "
          "+ beta_k |W|")
_TRIP_PRIOR = ("tau_k ~ N(log 0.5, 0.7) (a moving emigrant crosses 1.5 times, 1.2-2.6 at "
               "90%); v_k ~ LogNormal(log 0.15, 1.0) crossings a month per emigrant living "
               "there; beta_k ~ LogNormal(log 30,000, 1.5) trips a month")
_TRIP_WHY = ("border services count crossings of citizens, not people: tourists, business "
             "travel, repeat crossings and transit all count; the baseline is the traffic "
             "that would have crossed without the war. Tourism is seasonal and the baseline "
             "is a flat monthly level, hence a noise of 0.25 on the log scale")

INDICATORS: dict[str, Indicator] = {i.name: i for i in (
    Indicator("border_entries", "entries across the host's border (trips)",
              Measure.departures, Unit.border_crossings, "arrivals", "trips", "trips", 0.25,
              _TRIPS.format(count="E_k(W)", flow="a_k(W)"), _TRIP_PRIOR, _TRIP_WHY),
    Indicator("border_exits", "exits across the host's border (trips)",
              Measure.returns, Unit.border_crossings, "leavers", "trips", "trips", 0.25,
              _TRIPS.format(count="X_k(W)", flow="L_k(W)"), _TRIP_PRIOR,
              _TRIP_WHY + "; emigrants leaving are those who return or move on"),
    Indicator("origin_border_exits", "exits from the origin towards the host (trips)",
              Measure.departures, Unit.border_crossings, "arrivals", "trips", "trips", 0.3,
              _TRIPS.format(count="F_k(W)", flow="a_k(W)"), _TRIP_PRIOR,
              _TRIP_WHY + "; the origin's border service records the declared destination, "
              "which transit blurs (hence the wider noise)"),
    Indicator("aliyah_arrivals", "immigrants under a law of return (complete count)",
              Measure.departures, Unit.persons, "arrivals", "eligible", "aliyah", 0.15,
              "A_k(W) = e a_k(W) + beta^A_k |W|",
              "e ~ logit-normal(logit 0.7, 0.8) (share of arrivals who are eligible and "
              "register); beta^A_k ~ LogNormal(log 500, 1.5) a month",
              "a complete count of one eligible sub-population: not every arrival is "
              "eligible, and eligible people immigrated before the war too (the pre-war rows "
              "fix that baseline); cumulative counts over nested windows from different "
              "compilers share their errors, so each is given 0.15, not a census's 0.05"),
    Indicator("registered_arrivals", "arrivals registered with the population register",
              Measure.departures, Unit.persons, "arrivals", "registered", "registrations", 0.2,
              "G_k(W) = e^rho a_k(W) + beta^G_k |W|",
              "rho ~ N(0, 0.5) (registrations per emigrant arrival); "
              "beta^G_k ~ LogNormal(log 10,000, 1.5) a month",
              "registration is required of many short-term visitors too: the pre-war rows "
              "give the ordinary level, the excess over it scales with arrivals"),
    Indicator("immigrants_183_days", "immigrants by a residence-duration rule (183 days)",
              Measure.departures, Unit.persons, "stayers", "one", None, 0.15,
              "I_k(W) = sum over arrival months m in W with m <= end(W) - 6 of "
              "a_k(m) P(still in k six months later)",
              "no own parameter: the return and onward hazards of k decide who stays",
              "a change of residence needs 183 days of the last 12 months: late arrivals are "
              "not yet counted and those who left within half a year never are", lag=6),
    Indicator("emigrants_183_days", "emigrants by a residence-duration rule (183 days)",
              Measure.returns, Unit.persons, "leavers", "resident", None, 0.15,
              "O_k(W) = q L_k(W)",
              "q ~ logit-normal(0, 1) (share of leavers who had become residents)",
              "people who leave the host after counting as residents: returns home and "
              "onward moves to third countries together"),
    Indicator("citizenship_grants", "citizenship grants (naturalisations)",
              Measure.other, Unit.persons, "stock", "grants", None, 0.3,
              "C_k(W) = g (|W| / 12) S_k(end(W) - 6)",
              "g ~ logit-normal(logit 0.03, 1.0) a year",
              "a small, lagged subset of settlers; pre-war residents are naturalised too, "
              "so the fraction is loose", lag=6),
    Indicator("residence_permits", "residence permits issued",
              Measure.other, Unit.permits, "stock", "permits", None, 0.3,
              "P_k(W) = p (|W| / 12) S_k(end(W) - 3)",
              "p ~ logit-normal(logit 0.3, 1.0) a year",
              "documents, not people, and only some settlers apply: a lagged fraction of "
              "the stock", lag=3),
    Indicator("settled_estimate", "a compiled estimate of emigrants present (stock)",
              Measure.stock_abroad, Unit.persons, "stock", "one", None, 0.3,
              "N_k(t) = S_k(t) e^b",
              "b ~ N(0, 0.25), one bias shared by every compiled estimate",
              "journalists and researchers add up host-country data by hand, without "
              "uncertainty; their figures share a method, hence one shared bias"),
    Indicator("foreign_citizenship_or_residence_notifications",
              "notifications of foreign citizenship or residence (origin side)",
              Measure.stock_abroad, Unit.persons, "national_stock", "one", None, 0.2,
              "S(end(W)) >= N(W) (censored from below)",
              "no own parameter",
              "the origin's law requires the notification but compliance abroad is partial: "
              "a lower bound on people abroad", lower_bound=True),
)}
#: Row codes: 0 is a national claim (no indicator model), then the table's order.
CODES: dict[str, int] = {name: n + 1 for n, name in enumerate(INDICATORS)}
BY_CODE: dict[int, Indicator] = {CODES[name]: ind for name, ind in INDICATORS.items()}
FLOWS: tuple[Flow, ...] = ("arrivals", "leavers", "stayers", "stock", "national_stock")
SCALES: tuple[Scale, ...] = ("trips", "registered", "eligible", "resident", "grants",
                             "permits", "one")
BASELINES: tuple[str, ...] = ("trips", "registrations", "aliyah")


def indicator_for(name: str | None, measure: Measure, unit: Unit) -> Indicator | None:
    """The indicator a destination claim states, or the one its measure and unit imply."""
    if name in INDICATORS:
        return INDICATORS[name]
    if measure is Measure.stock_abroad and unit is Unit.persons:
        return INDICATORS["settled_estimate"]
    if unit is Unit.border_crossings and measure is Measure.departures:
        return INDICATORS["border_entries"]
    if unit is Unit.permits:
        return INDICATORS["residence_permits"]
    return None


def methods_rows() -> list[dict[str, str]]:
    """Each indicator's equation, prior and reason, for the report's Methods section."""
    return [{"indicator": i.name, "title": i.title, "equation": i.equation, "prior": i.prior,
             "why": i.why, "noise": f"{i.noise:g} (log scale)"} for i in INDICATORS.values()]
