"""What the dossier list shows, as plain values: its rows, its filters and where each
orientation stands. No SQL here (no SQLAlchemy): the window imports these before the store's
modules are loaded, and the list's first page at start-up is read without them
(:mod:`app.models.first_page`); :mod:`app.models.listing` fills them from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["DossierRow", "ListFilters", "OrientationState", "group_orientations",
           "shown_status", "shown_sync_states"]


def shown_status(status: str, transmitted_at: datetime | None) -> str:
    """The step shown at the counter: ``transmise`` once the store confirmed the orientation,
    even while the local row (the counter's own step) still says ``a_transmettre``."""
    if status == "a_transmettre" and transmitted_at is not None:
        return "transmise"
    return status


@dataclass(frozen=True)
class OrientationState:
    """One orientation of a dossier, with the moment the central store confirmed it."""

    organisme: str
    status: str
    outcome: str | None
    updated_at: datetime
    transmitted_at: datetime | None

    @property
    def shown(self) -> str:
        return shown_status(self.status, self.transmitted_at)


def group_orientations(states: Iterable[tuple[int, OrientationState]]
                       ) -> dict[int, tuple[OrientationState, ...]]:
    """Orientations read as (dossier pk, state) in (pk, organisme) order, grouped by pk."""
    out: dict[int, list[OrientationState]] = {}
    for pk, state in states:
        out.setdefault(int(pk), []).append(state)
    return {pk: tuple(grouped) for pk, grouped in out.items()}


def shown_sync_states(
    rows: Iterable[tuple[str, str, int | None]],
    refused_revisions: Callable[[Sequence[str]], Mapping[str, int]],
) -> dict[str, str]:
    """The shown sync state of each dossier, from (id, stored state, newest unsent revision or
    None) rows: a ``synced`` dossier changed since is ``local``, and so is a quarantined one
    changed since its refusal (the next round retries it). ``refused_revisions`` gives, for the
    quarantined dossiers with unsent changes, the newest revision still in quarantine; it is
    called only when there are some."""
    read = list(rows)
    newest: dict[str, int] = {i: r for i, _, r in read if r is not None}
    shown = {i: ("local" if s == "synced" and i in newest else s) for i, s, _ in read}
    refused = [i for i, s in shown.items() if s == "quarantined" and i in newest]
    if refused:
        blocked = refused_revisions(refused)
        for i in refused:
            if newest[i] > blocked.get(i, newest[i]):
                shown[i] = "local"
    return shown


@dataclass(frozen=True)
class DossierRow:
    """One line of the dossier list."""

    id: str
    number: str
    nom: str
    prenom: str
    channel: str
    status: str
    urgent: bool
    organismes: tuple[str, ...]  # organismes the dossier is oriented to, in code order
    site_code: str
    updated_at: datetime
    created_at: datetime
    answered: int
    orientations: tuple[OrientationState, ...] = ()  # in organisme order


@dataclass(frozen=True)
class ListFilters:
    """What the agent typed and chose above the list (the keyword arguments of the queries)."""

    text: str = ""
    status: str | None = None
    urgent_only: bool = False
    organisme: str | None = None
    site: str | None = None
    since: datetime | None = None
    agent: str | None = None  # « Mes dossiers »: the dossiers this agent opened
    # « Suivi partenaire sans nouvelle » since this moment: transmitted orientations, not
    # closed, whose partner has not updated them since (the caller's now - STALE_FOLLOW_UP)
    silent_since: datetime | None = None
    # « Sans nouvelle » at this moment (issue 16): open dossiers with an orientation transmitted
    # and no partner action for the deployment's number of working days (10 unless its
    # [follow_up] stale_working_days says otherwise: app.forms.workdays.is_stale)
    stale_at: datetime | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "status": self.status,
            "urgent_only": self.urgent_only,
            "organisme": self.organisme,
            "site": self.site,
            "since": self.since,
            "agent": self.agent,
            "silent_since": self.silent_since,
            "stale_at": self.stale_at,
        }


