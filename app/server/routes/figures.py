"""What the store publishes to every signed-in agent: the processing times, the sites'
settings; and to administrators, how many dossiers and agents it holds.

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

from typing import Any

from fastapi import APIRouter

from app.forms.codes import ORGANISMES
from app.server import sites
from app.server.deps import AgentDep, ContextDep, SessionDep, require
from app.server.schemas import Counts, ProcessingTimes, SiteList
from app.server.services import figures

router = APIRouter()


@router.get("/stats/processing-times", response_model=ProcessingTimes, tags=["figures"])
def processing_times(session: SessionDep, agent: AgentDep, context: ContextDep) -> Any:
    """Per organisme: the median and the 90th percentile of days from transmission to
    closure of the orientations the store saw transmitted, then closed, in the last 30
    days; null below the minimum sample (``min_sample`` closures). Computed at most every
    few minutes (``computed_at`` says when), the same for every process of the store."""
    return figures.published_processing_times(session, ORGANISMES, context.now())


@router.get("/stats/counts", response_model=Counts, tags=["figures"])
def counts(session: SessionDep, agent: AgentDep) -> Any:
    """How many dossiers and agents the store holds (admin)."""
    require(agent, "admin")
    return figures.counts(session)


@router.get("/sites", response_model=SiteList, response_model_exclude_unset=True,
            tags=["sites"])
def get_sites(session: SessionDep, agent: AgentDep) -> Any:
    """Every site's current settings (version 0: none recorded yet, documents print the
    site's name and city only), with when they were recorded."""
    return {"sites": sites.published(session, with_author=agent.role == "admin")}
