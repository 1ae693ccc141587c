"""Reading the call-backs and appointments of the local store (issue 16): the day's agenda and
the orientations « sans nouvelle ». Core selects of the needed columns; plain rows out.

Writing them is a change of the dossier like any other: app.models.repository's
``add_appointment``, ``set_appointment_status`` and ``set_counter_note``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, or_, select
from sqlalchemy.orm import Session

from app.forms.codes import PARTNER_STATUSES
from app.forms.export import iso
from app.forms.workdays import is_stale, last_partner_action, stale_working_days
from app.models.entities import Appointment, Dossier, Orientation

__all__ = ["AgendaRow", "StaleOrientation", "agenda_rows", "stale_orientations"]

DOSSIERS = cast(Table, Dossier.__table__)
ORIENTATIONS = cast(Table, Orientation.__table__)
APPOINTMENTS = cast(Table, Appointment.__table__)


@dataclass(frozen=True)
class AgendaRow:
    """One call-back or appointment with the dossier it belongs to."""

    id: str
    at: datetime
    duration: int
    kind: str
    mode: str
    organisme: str | None
    status: str
    place: str
    by: str
    dossier_id: str
    dossier_number: str
    nom: str
    prenom: str
    telephone: str
    site_code: str


def agenda_rows(session: Session, start: datetime, end: datetime, *,
                site: str | None = None) -> list[AgendaRow]:
    """The call-backs and appointments from ``start`` (included) to ``end`` (excluded), of
    ``site``'s dossiers when given, in time order."""
    a, d = APPOINTMENTS.c, DOSSIERS.c
    stmt = (select(a.id, a.at, a.duration, a.kind, a.mode, a.organisme, a.status, a.place,
                   a.by_name, d.id.label("dossier_id"), d.number, d.nom, d.prenom, d.telephone,
                   d.site_code)
            .join(DOSSIERS, d.pk == a.dossier_pk)
            .where(a.at >= start, a.at < end)
            .order_by(a.at, d.number, a.id))
    if site is not None:
        stmt = stmt.where(d.site_code == site)
    return [AgendaRow(r.id, r.at, r.duration, r.kind, r.mode, r.organisme, r.status,
                      r.place or "", r.by_name or "", r.dossier_id, r.number, r.nom, r.prenom,
                      r.telephone or "", r.site_code)
            for r in session.execute(stmt)]


@dataclass(frozen=True)
class StaleOrientation:
    """An orientation « sans nouvelle »: its dossier, its organisme, the partner's last action
    (or its transmission)."""

    dossier_id: str
    dossier_number: str
    organisme: str
    since: datetime


def stale_orientations(session: Session, now: datetime, *, days: int | None = None,
                       dossier_ids: Sequence[str] | None = None) -> list[StaleOrientation]:
    """The orientations of open dossiers « sans nouvelle » at ``now``
    (app.forms.workdays.is_stale), oldest first; ``days`` is the deployment's setting
    (app.forms.workdays.stale_working_days) when None."""
    if days is None:
        days = stale_working_days()
    o, d, a = ORIENTATIONS.c, DOSSIERS.c, APPOINTMENTS.c
    open_partner = [s for s in PARTNER_STATUSES if s != "cloturee"]
    stmt = (select(d.pk, d.id, d.number, o.organisme, o.status, o.note, o.updated_at,
                   o.transmitted_at)
            .join(DOSSIERS, d.pk == o.dossier_pk)
            .where(d.status != "clos",
                   or_(o.status.in_(["transmise", *open_partner]),
                       and_(o.status == "a_transmettre", o.transmitted_at.is_not(None)))))
    if dossier_ids is not None:
        stmt = stmt.where(d.id.in_(list(dossier_ids)))
    rows = session.execute(stmt).all()
    pks = sorted({int(r.pk) for r in rows})
    items: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(pks), 500):
        for item in session.execute(
                select(a.dossier_pk, a.organisme, a.kind, a.updated_at)
                .where(a.dossier_pk.in_(pks[start:start + 500]), a.kind == "rendez_vous")):
            items[(int(item.dossier_pk), str(item.organisme))].append(
                {"kind": item.kind, "organisme": item.organisme,
                 "updated_at": iso(item.updated_at)})
    out: list[StaleOrientation] = []
    for r in rows:
        orientation = {"organisme": r.organisme, "status": r.status, "note": r.note,
                       "updated_at": iso(r.updated_at), "transmitted_at": iso(r.transmitted_at),
                       "appointments": items.get((int(r.pk), r.organisme), [])}
        if is_stale(orientation, now, days):
            since = last_partner_action(orientation)
            assert since is not None  # is_stale read it
            out.append(StaleOrientation(r.id, r.number, r.organisme, since))
    return sorted(out, key=lambda s: (s.since, s.dossier_number, s.organisme))
