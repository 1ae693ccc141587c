"""The dossier list of the main window: light rows, filters, the same order as the search.

Rows are plain frozen dataclasses built from a Core ``select`` of the needed columns, plus one
grouped query for the page's orientations and answer counts, so a page of 200 rows costs a few
index lookups and no ORM object (no identity map, no lazy children).

Order: urgent first, then most recently updated; that is ``search_rowid`` descending (see
``normalize.search_rowid``), which has a unique index, so a page is read straight off the index.
With a text, the full-text index drives the query in its own rowid order (the same key) and the
filters are checked on the joined dossier rows; the scan stops once the page is full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
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
    select,
    table,
)
from sqlalchemy.orm import Session

from app.models.entities import Answer, Dossier, Orientation
from app.models.normalize import search_rowid
from app.models.search import match_expression

__all__ = ["DossierRow", "ListFilters", "count_dossiers", "list_dossiers"]

DOSSIERS = cast(Table, Dossier.__table__)
ANSWERS = cast(Table, Answer.__table__)
ORIENTATIONS = cast(Table, Orientation.__table__)
SEARCH = table("dossier_search", column("rowid", Integer))

# The smallest sort key an urgent dossier can have (the urgent flag is the key's top bit; dates
# before the key's epoch clamp to its start), so "urgent only" is a range on the sort key's index.
URGENT_ROWID = search_rowid(1, True, datetime(2000, 1, 1, tzinfo=UTC))
_FULL_NUMBER = re.compile(r"^TI-[A-Z]{3}-\d{2}-\d{4}-\d{6,}$")
_ORGANISME_SEPARATOR = "\x1f"


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


@dataclass(frozen=True)
class ListFilters:
    """What the agent typed and chose above the list (the keyword arguments of the queries)."""

    text: str = ""
    status: str | None = None
    urgent_only: bool = False
    organisme: str | None = None
    site: str | None = None
    since: datetime | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "status": self.status,
            "urgent_only": self.urgent_only,
            "organisme": self.organisme,
            "site": self.site,
            "since": self.since,
        }


def _conditions(
    *,
    status: str | None,
    urgent_only: bool,
    organisme: str | None,
    site: str | None,
    since: datetime | None,
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
        if since.tzinfo is None or since.utcoffset() is None:
            raise ValueError(f"naive datetime {since!r}: the store needs timezone-aware values")
        conditions.append(d.created_at >= since)
    return conditions


def _filtered(
    columns: list[Any],
    *,
    text: str,
    status: str | None,
    urgent_only: bool,
    organisme: str | None,
    site: str | None,
    since: datetime | None,
) -> tuple[Select[Any], ColumnElement[Any]]:
    """The select of ``columns`` over the matching dossiers, and the key to order it by."""
    d = DOSSIERS.c
    conditions = _conditions(
        status=status, urgent_only=urgent_only, organisme=organisme, site=site, since=since
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
    limit: int = 200,
    offset: int = 0,
) -> list[DossierRow]:
    """One page of matching dossiers, urgent first, then most recently updated.

    ``text`` is matched like the search box (names, number, SIRET, NIR; accents and case
    ignored); ``since`` keeps the dossiers created at or after that moment (timezone-aware);
    ``organisme`` keeps the dossiers oriented to it.
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
        site=site, since=since,
    )
    rows = session.execute(stmt.order_by(key.desc()).limit(limit).offset(max(offset, 0))).all()
    if not rows:
        return []
    extras = _page_extras(session, [int(r.pk) for r in rows])
    out: list[DossierRow] = []
    for r in rows:
        organismes, answered = extras.get(int(r.pk), ((), 0))
        out.append(
            DossierRow(
                id=r.id,
                number=r.number,
                nom=r.nom,
                prenom=r.prenom,
                channel=r.channel,
                status=r.status,
                urgent=bool(r.urgent),
                organismes=organismes,
                site_code=r.site_code,
                updated_at=r.updated_at,
                created_at=r.created_at,
                answered=answered,
            )
        )
    return out


def _page_extras(session: Session, pks: list[int]) -> dict[int, tuple[tuple[str, ...], int]]:
    """Oriented organismes and answer count of each dossier of a page, in one query."""
    d, a, o = DOSSIERS.c, ANSWERS.c, ORIENTATIONS.c
    answered = (
        select(func.count()).where(a.dossier_pk == d.pk).correlate(DOSSIERS).scalar_subquery()
    )
    organismes = (
        select(func.group_concat(o.organisme, _ORGANISME_SEPARATOR))
        .where(o.dossier_pk == d.pk)
        .correlate(DOSSIERS)
        .scalar_subquery()
    )
    stmt = select(d.pk, answered, organismes).where(d.pk.in_(pks))
    out: dict[int, tuple[tuple[str, ...], int]] = {}
    for pk, count, joined in session.execute(stmt):
        codes = tuple(sorted(joined.split(_ORGANISME_SEPARATOR))) if joined else ()
        out[int(pk)] = (codes, int(count or 0))
    return out


def count_dossiers(
    session: Session,
    *,
    text: str = "",
    status: str | None = None,
    urgent_only: bool = False,
    organisme: str | None = None,
    site: str | None = None,
    since: datetime | None = None,
) -> int:
    """How many dossiers :func:`list_dossiers` would list with the same filters."""
    stmt, _ = _filtered(
        [func.count()], text=text, status=status, urgent_only=urgent_only, organisme=organisme,
        site=site, since=since,
    )
    return int(session.execute(stmt).scalar_one())
