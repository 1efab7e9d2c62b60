"""Fit: the ledger's accepted claims, reconciled, stamped with the ledger's snapshot."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, get_args

from relokant.errors import ValidationError
from relokant.estimate import Reconciler
from relokant.estimate.result import Estimate
from relokant.events import RUSSIA_2022_BY_DESTINATION
from relokant.ledger import Ledger
from relokant.records import Claim, Status

Progress = Callable[[str, float], None]
#: Which model a front end asks for: the destination model (the default) or the national.
By = Literal["destination", "national"]


def by_destination(by: str | None) -> bool:
    """Whether ``by`` (a front end's ``--by`` or ``by`` field) asks for the destination model.

    Raises
    ------
    ValidationError
        When ``by`` is neither of :data:`By`'s choices; the message names them.
    """
    choices = get_args(By)
    if by is not None and by not in choices:
        raise ValidationError(f"received by={by!r}; expected {' or '.join(choices)}",
                              field="by", hint=f"choose one of: {', '.join(choices)}")
    return by != "national"


def with_destinations(settings: dict[str, Any]) -> dict[str, Any]:
    """Fit settings for the destination model: the default event with its destinations.

    An event given in ``settings`` is kept. A ledger without a usable host-country figure
    fits the national model all the same (the fit models only destinations with evidence).
    """
    return {"event": RUSSIA_2022_BY_DESTINATION, **settings}


def fit_claims(claims: Sequence[Claim], *, snapshot: str | None = None,
               progress: Progress | None = None, previous: Estimate | None = None,
               **settings: Any) -> Estimate:
    """Reconcile claims already in hand; ``settings`` are the :class:`Reconciler`'s.

    ``previous`` (an earlier fit of almost the same claims) starts a warm re-fit from
    where its chains ended, when its path and chains fit (else the fit is cold).
    """
    accepted = [c for c in claims if c.status is Status.accepted]
    warm = previous.sampler_state if previous is not None else None
    fitted = Reconciler(**settings).fit(accepted, snapshot=snapshot, progress=progress,
                                        warm_start=warm)
    return fitted.estimate_


def fit(ledger: Ledger, *, progress: Progress | None = None, previous: Estimate | None = None,
        by_destination: bool = True, **settings: Any) -> Estimate:
    """Reconcile the ledger's accepted claims (the estimate every front end shows).

    By default the destination model (:func:`with_destinations`): host-country figures are
    used through their indicators. ``by_destination=False`` fits the national model only
    and sets them aside (a cold fit of the bundled record: about 16 s against 50 s).
    """
    if by_destination:
        settings = with_destinations(settings)
    claims = ledger.list_claims(status=Status.accepted.value)
    return fit_claims(claims, snapshot=ledger.snapshot_hash(), progress=progress,
                      previous=previous, **settings)
