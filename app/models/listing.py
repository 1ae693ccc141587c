"""The dossier list of the main window: light rows, filters, the same order as the search.

Rows are plain frozen dataclasses built from a Core ``select`` of the needed columns, plus one
grouped query for the page's orientations and answer counts, so a page of 200 rows costs a few
index lookups and no ORM object (no identity map, no lazy children).

Order: urgent open dossiers first, then most recently updated; that is ``search_rowid``
descending (see ``normalize.search_rowid``), which has a unique index, so a page is read straight
off the index. Only open, recent urgent dossiers carry the key's urgent bit
(``normalize.sorts_urgent``): closing a dossier rewrites its key, and :func:`expire_urgent` takes
the bit from urgent dossiers not updated for 90 days (at every start).
With a text, the full-text index drives the query in its own rowid order (the same key) and the
filters are checked on the joined dossier rows; the scan stops once the page is full.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Table,
    and_,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.orm import Session

from app.forms.codes import PARTNER_STATUSES
from app.forms.workdays import local_day, local_midnight, stale_cutoff, stale_working_days
from app.models.entities import Answer, Appointment, Dossier, Orientation
from app.models.normalize import (
    URGENT_BIT,
    URGENT_MAX_AGE,
    search_rowid,
    urgent_floor,
)
from app.models.orientation_state import orientation_states
from app.models.rows import DossierRow, ListFilters
from app.models.search import match_expression

__all__ = [
    "DossierRow",
    "ListFilters",
    "STALE_FOLLOW_UP",
    "count_dossiers",
    "expire_urgent",
    "list_dossiers",
]

DOSSIERS = cast(Table, Dossier.__table__)
ANSWERS = cast(Table, Answer.__table__)
ORIENTATIONS = cast(Table, Orientation.__table__)
APPOINTMENTS = cast(Table, Appointment.__table__)
SEARCH = table("dossier_search", column("rowid", Integer))

# The smallest sort key an urgent dossier can have (the urgent flag is the key's top bit; dates
# before the key's epoch clamp to its start), so "urgent only" is a range on the sort key's index.
URGENT_ROWID = search_rowid(1, True, datetime(2000, 1, 1, tzinfo=UTC))
_FULL_NUMBER = re.compile(r"^TI-[A-Z]{3}-\d{2}-\d{4}-\d{6,}$")
# « Suivi partenaire sans nouvelle depuis 10 jours »
STALE_FOLLOW_UP = timedelta(days=10)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: the store needs timezone-aware values")
    return moment


def _conditions(
    *,
    status: str | None,
    urgent_only: bool,
    organisme: str | None,
    site: str | None,
    since: datetime | None,
    agent: str | None = None,
    silent_since: datetime | None = None,
    stale_at: datetime | None = None,
) -> list[ColumnElement[bool]]:
    d = DOSSIERS.c
    conditions: list[ColumnElement[bool]] = []
    if status is not None:
        conditions.append(d.status == status)
    if urgent_only:
        # A range on the indexed sort key instead of a test on every row.
        conditions.append(d.search_rowid >= URGENT_ROWID)
    if organisme is not None:
        o = ORIENTATIONS.c
        conditions.append(
            exists().where(and_(o.dossier_pk == d.pk, o.organisme == organisme))
        )
    if site is not None:
        conditions.append(d.site_code == site)
    if since is not None:
        conditions.append(d.created_at >= _aware(since))
    if agent is not None:
        conditions.append(d.agent == agent)
    if silent_since is not None:
        cutoff = _aware(silent_since)
        o = ORIENTATIONS.c
        # One pass over the orientations (not one lookup per dossier), then the dossiers' pk.
        silent = select(o.dossier_pk).where(
            o.status != "cloturee",
            or_(o.status != "a_transmettre", o.transmitted_at.is_not(None)),
            o.updated_at < cutoff,
            or_(o.transmitted_at.is_(None), o.transmitted_at < cutoff),
        )
        conditions.append(d.status != "clos")
        conditions.append(d.pk.in_(silent))
    if stale_at is not None:
        conditions.append(d.status != "clos")
        conditions.append(d.pk.in_(_stale_dossiers(_aware(stale_at))))
    return conditions


def _stale_dossiers(now: datetime) -> Select[Any]:
    """The pks of dossiers with an orientation « sans nouvelle » at ``now``: the rule of
    app.forms.workdays.is_stale in SQL (its last partner action before the local midnight that
    ends the last day still « sans nouvelle »)."""
    o, a = ORIENTATIONS.c, APPOINTMENTS.c
    cutoff = local_midnight(stale_cutoff(local_day(now), stale_working_days())
                            + timedelta(days=1))
    own = and_(a.dossier_pk == o.dossier_pk, a.kind == "rendez_vous",
               a.organisme == o.organisme)
    open_partner = [s for s in PARTNER_STATUSES if s != "cloturee"]
    transmitted = or_(o.status.in_(["transmise", *open_partner]),
                      and_(o.status == "a_transmettre", o.transmitted_at.is_not(None)))
    partner = or_(o.status.in_(list(PARTNER_STATUSES)),
                  and_(o.note.is_not(None), o.note != ""), exists().where(own))
    return select(o.dossier_pk).where(transmitted, or_(
        and_(partner, o.updated_at < cutoff,
             ~exists().where(own, a.updated_at >= cutoff)),
        and_(~partner, func.coalesce(o.transmitted_at, o.updated_at) < cutoff)))


def _filtered(
    columns: list[Any],
    *,
    text: str,
    status: str | None,
    urgent_only: bool,
    organisme: str | None,
    site: str | None,
    since: datetime | None,
    agent: str | None = None,
    silent_since: datetime | None = None,
    stale_at: datetime | None = None,
) -> tuple[Select[Any], ColumnElement[Any]]:
    """The select of ``columns`` over the matching dossiers, and the key to order it by."""
    d = DOSSIERS.c
    conditions = _conditions(
        status=status, urgent_only=urgent_only, organisme=organisme, site=site, since=since,
        agent=agent, silent_since=silent_since, stale_at=stale_at,
    )
    number = text.strip().upper()
    if _FULL_NUMBER.match(number):
        # A whole dossier number is an exact key: its unique index beats the prefix search.
        stmt = select(*columns).select_from(DOSSIERS).where(d.number == number, *conditions)
        return stmt, d.search_rowid
    query = match_expression(text)
    if query is None:
        return select(*columns).select_from(DOSSIERS).where(*conditions), d.search_rowid
    match = literal_column("dossier_search").op("MATCH")(query)
    stmt = (
        select(*columns)
        .select_from(SEARCH.join(DOSSIERS, d.search_rowid == SEARCH.c.rowid))
        .where(match, *conditions)
    )
    return stmt, SEARCH.c.rowid


def list_dossiers(
    session: Session,
    *,
    text: str = "",
    status: str | None = None,
    urgent_only: bool = False,
    organisme: str | None = None,
    site: str | None = None,
    since: datetime | None = None,
    agent: str | None = None,
    silent_since: datetime | None = None,
    stale_at: datetime | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[DossierRow]:
    """One page of matching dossiers, urgent open ones first, then most recently updated.

    ``text`` is matched like the search box (names, number, SIRET, NIR; accents and case
    ignored); ``since`` keeps the dossiers created at or after that moment (timezone-aware);
    ``organisme`` keeps the dossiers oriented to it; ``agent`` the dossiers of that agent;
    ``silent_since`` the open dossiers with a transmitted orientation whose partner gave no
    news since that moment; ``stale_at`` the open dossiers with an orientation « sans
    nouvelle » at that moment (app.forms.workdays).
    """
    if limit <= 0:
        return []
    d = DOSSIERS.c
    columns = [
        d.pk, d.id, d.number, d.nom, d.prenom, d.channel, d.status, d.urgent, d.site_code,
        d.updated_at, d.created_at,
    ]
    stmt, key = _filtered(
        columns, text=text, status=status, urgent_only=urgent_only, organisme=organisme,
        site=site, since=since, agent=agent, silent_since=silent_since, stale_at=stale_at,
    )
    rows = session.execute(stmt.order_by(key.desc()).limit(limit).offset(max(offset, 0))).all()
    if not rows:
        return []
    pks = [int(r.pk) for r in rows]
    answered = _answer_counts(session, pks)
    states = orientation_states(session, pks)
    out: list[DossierRow] = []
    for r in rows:
        oriented = states.get(int(r.pk), ())
        out.append(
            DossierRow(
                id=r.id,
                number=r.number,
                nom=r.nom,
                prenom=r.prenom,
                channel=r.channel,
                status=r.status,
                urgent=bool(r.urgent),
                organismes=tuple(sorted(o.organisme for o in oriented)),
                site_code=r.site_code,
                updated_at=r.updated_at,
                created_at=r.created_at,
                answered=answered.get(int(r.pk), 0),
                orientations=oriented,
            )
        )
    return out


def _answer_counts(session: Session, pks: list[int]) -> dict[int, int]:
    """The answer count of each dossier of a page, in one query."""
    a = ANSWERS.c
    stmt = select(a.dossier_pk, func.count()).where(a.dossier_pk.in_(pks)).group_by(a.dossier_pk)
    return {int(pk): int(count) for pk, count in session.execute(stmt)}


def count_dossiers(
    session: Session,
    *,
    text: str = "",
    status: str | None = None,
    urgent_only: bool = False,
    organisme: str | None = None,
    site: str | None = None,
    since: datetime | None = None,
    agent: str | None = None,
    silent_since: datetime | None = None,
    stale_at: datetime | None = None,
) -> int:
    """How many dossiers :func:`list_dossiers` would list with the same filters."""
    stmt, _ = _filtered(
        [func.count()], text=text, status=status, urgent_only=urgent_only, organisme=organisme,
        site=site, since=since, agent=agent, silent_since=silent_since, stale_at=stale_at,
    )
    return int(session.execute(stmt).scalar_one())


def expire_urgent(session: Session, now: datetime) -> int:
    """Take the urgent block's bit from the sort key of urgent dossiers not updated within
    ``URGENT_MAX_AGE`` of ``now`` (they keep their urgent flag); how many. A range on the key's
    unique index: only the dossiers that leave the block are read."""
    floor = urgent_floor(_aware(now) - URGENT_MAX_AGE)
    d = DOSSIERS.c
    result = session.execute(
        update(DOSSIERS)
        .where(d.search_rowid >= URGENT_BIT, d.search_rowid < floor)
        .values(search_rowid=d.search_rowid - URGENT_BIT)
    )
    return int(getattr(result, "rowcount", 0) or 0)
