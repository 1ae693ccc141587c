"""The call-backs and appointments of the central store (issue 16), denormalised: the rows of
``appointments`` rewritten from a dossier's payload (its ``rendez_vous`` items) at every write of
the dossier, and read back for the partners' agenda. The payload stays the truth.

A leaf of the services (it imports no other service), so the push path
(app.server.services.sync), the partners' work (app.server.services.partner) and erasure can
all call it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete
from sqlalchemy.orm import Session

from app.forms.export import parse_datetime
from app.server.models import Appointment
from app.server.services.common import insert_rows

APPOINTMENTS = cast(Table, Appointment.__table__)
_IN_LIST = 500


def appointment_rows(dossier_id: uuid.UUID, payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``appointments`` rows of one stored payload (validated by app.forms.records)."""
    number = str(payload.get("number") or "")
    site = number.split("-")[1] if number.count("-") >= 2 else str(payload.get("site") or "")
    rows: list[dict[str, Any]] = []
    for item in payload.get("rendez_vous") or []:
        if not isinstance(item, Mapping):
            continue
        rows.append({"dossier_id": dossier_id, "id": uuid.UUID(str(item["id"])), "site": site,
                     "kind": str(item["kind"]), "organisme": item.get("organisme"),
                     "at": parse_datetime(str(item["at"])), "duration": int(item["duration"]),
                     "mode": str(item["mode"]), "status": str(item["status"]),
                     "updated_at": parse_datetime(str(item["updated_at"]))})
    return rows


def clear_appointments(session: Session, dossier_ids: Iterable[uuid.UUID]) -> None:
    """Remove the rows of these dossiers (before writing their new versions, or erasing)."""
    ids = sorted(set(dossier_ids))
    for start in range(0, len(ids), _IN_LIST):
        session.execute(delete(APPOINTMENTS).where(
            APPOINTMENTS.c.dossier_id.in_(ids[start:start + _IN_LIST])))


def store_appointments(session: Session, dossier_id: uuid.UUID,
                       payload: Mapping[str, Any]) -> None:
    """Rewrite the rows of one dossier from its payload."""
    clear_appointments(session, [dossier_id])
    insert_appointments(session, appointment_rows(dossier_id, payload))


def insert_appointments(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert rows made by :func:`appointment_rows`."""
    insert_rows(session, APPOINTMENTS, rows)


def in_range(start: datetime, end: datetime, organisme: str) -> Any:
    """The condition: ``organisme``'s appointments from ``start`` (included) to ``end``."""
    a = APPOINTMENTS.c
    return (a.organisme == organisme) & (a.at >= start) & (a.at < end)
