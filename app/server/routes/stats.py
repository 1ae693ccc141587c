"""The statistics of the central store (issue 17), for ``pilotage`` and ``admin`` accounts:
dossiers by dimension, delays of the orientations, figures of the call list, by period. Under
the statistical secrecy unless an administrator asks ``exact=1``. (``/stats/processing-times``
and ``/stats/counts`` are in app.server.routes.figures.)

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from sqlalchemy.orm import Session

from app.forms.stats import CALL_DIMENSIONS, DIMENSIONS, Period, parse_dimensions, parse_period
from app.server.deps import AgentDep, SessionDep
from app.server.schemas import Breakdown, CallStats, Delays
from app.server.services import stats
from app.server.services.common import AgentInfo

router = APIRouter(prefix="/stats", tags=["statistics"])

ROLES = ("pilotage", "admin")
ByQuery = Annotated[str, Query(max_length=200, description="comma-separated dimensions: "
                               + ", ".join(DIMENSIONS))]
PeriodQuery = Annotated[str, Query(max_length=40, description=(
    "2026, 2026-Q4, 2026-11, 2026-W47 or 2026-01..2026-06; empty: every dossier"))]
ExactQuery = Annotated[bool, Query(description="exact counts, without the statistical "
                                               "secrecy (admin only)")]

Compute = Callable[..., dict[str, Any]]


def _run(session: Session, agent: AgentInfo, compute: Compute, by: str, period: str,
         exact: bool, allowed: tuple[str, ...] = DIMENSIONS) -> dict[str, Any]:
    if agent.role not in ROLES:
        raise HTTPException(403, "this route is for pilotage and admin agents")
    if exact and agent.role != "admin":
        raise HTTPException(403, "exact: exact figures are for admin agents only")
    try:
        dims = parse_dimensions(by, allowed)
        chosen: Period = parse_period(period)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    return compute(session, dims, chosen, secrecy=not exact)


@router.get("/breakdown", response_model=Breakdown, response_model_exclude_unset=True)
def breakdown(session: SessionDep, agent: AgentDep, by: ByQuery = "", period: PeriodQuery = "",
              exact: ExactQuery = False) -> Any:
    """Distinct dossiers created in the period (Paris days), by the dimensions asked; a dossier
    in several groups counts in each, once in the total."""
    return _run(session, agent, stats.breakdown, by, period, exact)


@router.get("/times", response_model=Delays, response_model_exclude_unset=True)
def times(session: SessionDep, agent: AgentDep, by: ByQuery = "", period: PeriodQuery = "",
          exact: ExactQuery = False) -> Any:
    """Delays of the orientations of the dossiers created in the period: transmission to
    first contact and to closure (count, median, 90th percentile in days; null below 5)."""
    return _run(session, agent, stats.times, by, period, exact)


@router.get("/calls", response_model=CallStats, response_model_exclude_unset=True)
def calls(session: SessionDep, agent: AgentDep, by: Annotated[str, Query(
              max_length=20, description="empty or site")] = "",
          period: PeriodQuery = "", exact: ExactQuery = False) -> Any:
    """Entries of the call list created in the period: how many, reached, dossiers opened,
    refusals, letters proposed."""
    return _run(session, agent, stats.calls, by, period, exact, CALL_DIMENSIONS)
