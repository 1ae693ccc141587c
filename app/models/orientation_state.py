"""Where a dossier's orientation to one organisme stands, as the counter should see it.

The counter's own step is ``a_transmettre`` until the central store holds a version of the
dossier that the organisme can read (the orientation with a given, unrevoked consent): the sync
client then records that moment on the local orientation (``transmitted_at``, migration 0006),
and the orientation reads « Transmise le … » without a new revision being written. After that,
the partner's own status (pulled follow-ups rewrite the local rows) is what the counter sees.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from app.models.entities import Dossier, Orientation
from app.models.rows import OrientationState, group_orientations, shown_status

__all__ = [
    "OrientationState",
    "mark_transmitted",
    "dossier_orientation_states",
    "orientation_states",
    "shown_status",
    "transmitted_organismes",
]

DOSSIERS = cast(Table, Dossier.__table__)
ORIENTATIONS = cast(Table, Orientation.__table__)


def transmitted_organismes(payload: Mapping[str, Any]) -> list[str]:
    """The organismes a version of a dossier reaches once the store holds it: oriented to,
    with a given and unrevoked consent (the store's own visibility rule for partners)."""
    consented = {
        c.get("organisme")
        for c in payload.get("consents") or []
        if isinstance(c, Mapping) and c.get("given") and not c.get("revoked_at")
    }
    return sorted(
        str(o["organisme"])
        for o in payload.get("orientations") or []
        if isinstance(o, Mapping) and o.get("organisme") in consented
    )


def mark_transmitted(
    session: Session, confirmed: Iterable[tuple[str, Mapping[str, Any] | str]], now: datetime
) -> None:
    """Record ``now`` as the transmission time of the orientations each confirmed version
    (dossier id, its export dict or JSON text) reaches, where none is recorded yet."""
    params: list[dict[str, Any]] = []
    for dossier_id, payload in confirmed:
        record = json.loads(payload) if isinstance(payload, str) else payload
        params.extend(
            {"d": dossier_id, "o": organisme, "t": now}
            for organisme in transmitted_organismes(record)
        )
    if not params:
        return
    pk = select(DOSSIERS.c.pk).where(DOSSIERS.c.id == bindparam("d")).scalar_subquery()
    session.execute(
        update(ORIENTATIONS)
        .where(
            ORIENTATIONS.c.dossier_pk == pk,
            ORIENTATIONS.c.organisme == bindparam("o"),
            ORIENTATIONS.c.transmitted_at.is_(None),
        )
        .values(transmitted_at=bindparam("t")),
        params,
    )


def orientation_states(
    session: Session, dossier_pks: Sequence[int]
) -> dict[int, tuple[OrientationState, ...]]:
    """The orientations of these dossiers (by pk), in organisme order, in one query."""
    if not dossier_pks:
        return {}
    o = ORIENTATIONS.c
    return group_orientations(
        (row.dossier_pk, OrientationState(organisme=row.organisme, status=row.status,
                                          outcome=row.outcome, updated_at=row.updated_at,
                                          transmitted_at=row.transmitted_at))
        for row in session.execute(
            select(o.dossier_pk, o.organisme, o.status, o.outcome, o.updated_at, o.transmitted_at)
            .where(o.dossier_pk.in_(list(dossier_pks)))
            .order_by(o.dossier_pk, o.organisme)))


def dossier_orientation_states(session: Session, dossier_id: str) -> tuple[OrientationState, ...]:
    """The orientations of one dossier (by its id), in organisme order."""
    pk = session.execute(select(DOSSIERS.c.pk).where(DOSSIERS.c.id == dossier_id)).scalar()
    if pk is None:
        return ()
    return orientation_states(session, [int(pk)]).get(int(pk), ())
