"""The export shape of a dossier (``accueil-ti export``, outbox payloads, sync), and its parsing.

One builder serves ORM objects and Core rows alike (both expose columns as attributes), so a
dossier exported one at a time and in bulk gives exactly the same dict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

IDENTITY_FIELDS = (
    "nom_naissance",
    "nir",
    "siret",
    "telephone",
    "email",
    "adresse",
    "code_postal",
    "commune",
    "date_naissance",
)
PROFILE_FIELDS = (
    "statut",
    "date_naissance",
    "debut_activite",
    "foyer",
    "activite_principale",
    "departement",
)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 text of an aware datetime (``None`` stays ``None``)."""
    return None if value is None else value.isoformat()


def _plain(value: Any) -> Any:
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    return value


def build_export(
    dossier: Any,
    answers: Iterable[Any],
    consents: Iterable[Any],
    orientations: Iterable[Any],
    printed: Iterable[Any],
    appointments: Iterable[Any] = (),
) -> dict[str, Any]:
    """The export dict of one dossier from its row and its children's rows.

    ``appointments``: its call-backs and appointments (rows with ``id``, ``kind``, ``organisme``,
    ``at``, ``duration``, ``mode``, ``place``, ``bring``, ``by_name``, ``status``,
    ``created_at``, ``updated_at``, ``agent``, ``note``), written as ``rendez_vous`` only when
    there is one, as an orientation's ``counter_note`` only when set: a dossier without them
    keeps the export (and the content hash) it always had."""
    identity: dict[str, Any] = {"nom": dossier.nom, "prenom": dossier.prenom}
    for name in IDENTITY_FIELDS:
        value = getattr(dossier, name)
        if value is not None:
            identity[name] = _plain(value)
    profile: dict[str, Any] = {}
    for name in PROFILE_FIELDS:
        value = getattr(dossier, name)
        if value is not None:
            profile[name] = _plain(value)
    record: dict[str, Any] = {
        "id": dossier.id,
        "number": dossier.number,
        "revision": dossier.revision,
        "questionnaire": dossier.questionnaire,
        "site": dossier.site_code,
        "workstation": dossier.workstation_code,
        "channel": dossier.channel,
        "status": dossier.status,
        "urgent": bool(dossier.urgent),
        "agent": dossier.agent,
        "created_at": iso(dossier.created_at),
        "updated_at": iso(dossier.updated_at),
        "identity": identity,
        "profile": profile,
        "answers": {a.question_id: a.code for a in sorted(answers, key=lambda a: a.question_id)},
        "consents": [
            {
                "organisme": c.organisme,
                "given": bool(c.given),
                "mode": c.mode,
                "text_version": c.text_version,
                "text_hash": c.text_hash,
                "at": iso(c.at),
                "agent": c.agent,
                "revoked_at": iso(c.revoked_at),
                "revoked_by": c.revoked_by,
            }
            for c in sorted(consents, key=lambda c: c.organisme)
        ],
        "orientations": [_orientation(o) for o in sorted(orientations,
                                                         key=lambda o: o.organisme)],
        "printed": [
            _printed(p)
            for p in sorted(
                printed, key=lambda p: (p.printed_at, p.kind, p.organisme or "", p.content_hash)
            )
        ],
    }
    items = [_appointment(a) for a in sorted(appointments, key=lambda a: (a.at, a.id))]
    if items:
        record["rendez_vous"] = items
    return record


def _orientation(o: Any) -> dict[str, Any]:
    """One orientation of the export: the counter's note only when it wrote one."""
    entry: dict[str, Any] = {
        "organisme": o.organisme,
        "status": o.status,
        "outcome": o.outcome,
        "note": o.note,
        "updated_at": iso(o.updated_at),
    }
    counter_note = getattr(o, "counter_note", None)
    if counter_note:
        entry["counter_note"] = counter_note
    return entry


def _appointment(a: Any) -> dict[str, Any]:
    """One call-back or appointment of the export (``rendez_vous``)."""
    entry: dict[str, Any] = {
        "id": a.id,
        "kind": a.kind,
        "organisme": a.organisme,
        "at": iso(a.at),
        "duration": a.duration,
        "mode": a.mode,
        "place": a.place or "",
        "bring": a.bring or "",
        "by": a.by_name or "",
        "status": a.status,
        "created_at": iso(a.created_at),
        "updated_at": iso(a.updated_at),
        "agent": a.agent or "",
    }
    if getattr(a, "note", None):
        entry["note"] = a.note
    return entry


def _printed(p: Any) -> dict[str, Any]:
    """One print of the export: its figures (a JSON object) only when it froze some."""
    entry: dict[str, Any] = {
        "kind": p.kind,
        "organisme": p.organisme,
        "printed_at": iso(p.printed_at),
        "agent": p.agent,
        "content_hash": p.content_hash,
    }
    figures = getattr(p, "figures", None)
    if figures is not None:
        entry["figures"] = json.loads(figures)
    return entry


def parse_datetime(value: str) -> datetime:
    """An aware datetime from ISO text; a naive value is refused."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r}: a date-time needs a time zone")
    return parsed


def aware_moment(value: object) -> datetime | None:
    """An aware datetime from a datetime or ISO text; None for anything else, for text that is
    no date-time, and for a date-time without its UTC offset (lenient: for display and counts,
    where a bad value is skipped, never for validation)."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo is not None and moment.utcoffset() is not None else None


def parse_optional_datetime(value: str | None) -> datetime | None:
    """Like :func:`parse_datetime`, ``None`` allowed."""
    return None if value is None else parse_datetime(value)


def parse_date(value: str | None) -> date | None:
    """A date from ISO text, ``None`` allowed."""
    return None if value is None else date.fromisoformat(value)
