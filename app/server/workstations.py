"""The central store's registry of workstations: who may hand out which dossier numbers.

A workstation registers at login (an ``accueil`` agent; the site is the agent's) with a random
id kept in its data folder, the code it wants (``01``) and an identity nonce. The store refuses
a second *live* workstation with the same (site, code): 409 with the next free code. Its answer
gives, for that (site, code), the highest dossier sequence number per year the store has seen,
so the workstation numbers past them.

At every sync round the workstation proves it is the registered one with a rotating nonce: it
sends (current, next); the store accepts when it holds ``current`` (and switches to ``next``) or
already holds ``next`` (the previous round's answer was lost: a client killed mid-round is not
a copy). Any other nonce means a restored or copied data folder: 409, and the workstation
registers again with a new id and a free code. Only the SHA-256 of the nonce is kept.

Administrators list the workstations and retire one (its code becomes free again). The HTTP
routes are app.server.routes.workstations.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, collate, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.forms.records import NUMBER_RE
from app.server.models import Dossier, Workstation
from app.server.services.common import AgentInfo, audit

CODES = tuple(f"{n:02d}" for n in range(1, 100))
# Sorts after every character of a dossier number (ASCII letters, digits and « - »).
NUMBER_END = "~"


def nonce_digest(nonce: str) -> str:
    """SHA-256 (hex) of a nonce: what the store keeps."""
    return hashlib.sha256(nonce.encode("utf-8")).hexdigest()


def _number_column(session: Session) -> ColumnElement[str] | InstrumentedAttribute[str]:
    """The dossier number compared byte by byte, as the index (site, number) orders it: on
    PostgreSQL its ``COLLATE "C"`` expression (migration 0014: a database's own collation may
    order « TI-BRE-01-… » apart), on SQLite the column itself (BINARY)."""
    if session.get_bind().dialect.name == "postgresql":
        return collate(Dossier.number, "C")
    return Dossier.number


def _numbers_from(session: Session, site: str, low: str, high: str, *,
                  last: bool) -> str | None:
    """The lowest (or, ``last``, the highest) number of ``site`` in [low, high): one probe
    of the index (site, number)."""
    number = _number_column(session)
    pick = func.max(number) if last else func.min(number)
    found = session.scalar(select(pick).where(Dossier.site == site, number >= low,
                                              number < high))
    return str(found) if found is not None else None


def seen_sequences(session: Session, site: str, code: str) -> dict[str, int]:
    """The highest sequence number per year of the dossier numbers ``TI-SITE-CODE-YEAR-SEQ``
    the store holds (the store only accepts six-digit sequences, so the highest number of a
    year is its highest sequence).

    A skip scan, newest year first: one index probe per year held, whatever the number of
    dossiers (a grouped query read every dossier of the site: 0.5 s at 1 000 000)."""
    prefix = f"TI-{site}-{code}-"
    high = prefix + NUMBER_END
    highest: dict[str, int] = {}
    while (number := _numbers_from(session, site, prefix, high, last=True)) is not None:
        match = NUMBER_RE.match(number)
        if match is not None and match.group("ws") == code:
            highest[match.group("year")] = int(match.group("seq"))
        high = number[:len(prefix) + 4]  # every number of an earlier year sorts before it
    return highest


def free_code(session: Session, site: str) -> str | None:
    """The lowest code of ``site`` no live workstation holds, preferring one no dossier number
    of the store carries yet; None when all 99 are live."""
    live = set(session.scalars(select(Workstation.code).where(
        Workstation.site == site, Workstation.retired.is_(False))))
    used = used_codes(session, site)
    for code in CODES:
        if code not in live and code not in used:
            return code
    return next((code for code in CODES if code not in live), None)


def used_codes(session: Session, site: str) -> set[str]:
    """The workstation codes (``TI-XXX-CC-…``: characters 8 and 9) of the numbers of the
    dossiers of ``site``: a skip scan, one index probe per (site in the number, code) held."""
    used: set[str] = set()
    low = ""
    while (number := _numbers_from(session, site, low, NUMBER_END, last=False)) is not None:
        used.add(number[7:9])
        low = number[:9] + NUMBER_END  # past every number of that prefix
    return used


def _described(row: Workstation) -> dict[str, Any]:
    return {"id": str(row.id), "site": row.site, "code": row.code,
            "registered_at": row.registered_at.isoformat(), "registered_by": row.registered_by,
            "last_seen_at": row.last_seen_at.isoformat(), "retired": row.retired}


class WorkstationRefused(Exception):
    """A registration or a round the store refuses: ``status`` and the JSON ``content`` to
    answer (``reason``: ``identity``, ``code_taken`` or ``unknown``)."""

    def __init__(self, status: int, content: dict[str, Any]) -> None:
        super().__init__(content.get("detail", ""))
        self.status = status
        self.content = content


def _identity_refused(detail: str) -> WorkstationRefused:
    return WorkstationRefused(409, {"detail": detail, "reason": "identity"})


def register(session: Session, agent: AgentInfo, workstation_id: uuid.UUID, code: str,
             nonce: str, now: datetime) -> dict[str, Any]:
    """Register ``workstation_id`` under ``code`` on the agent's site with the identity
    ``nonce`` (idempotent for the same id and nonce), committed; the answer to send.
    WorkstationRefused (409) when the code is taken or the id registered with another
    identity."""
    for attempt in range(2):
        row = session.get(Workstation, workstation_id, with_for_update=True,
                          populate_existing=True)
        if row is not None:
            if row.retired or row.site != agent.site \
                    or row.nonce_hash != nonce_digest(nonce):
                audit(session, agent.login, "workstation_refused", None, now,
                      f"{row.site}-{row.code} {row.id}: registered again with another "
                      "nonce (restored or copied data folder), or retired")
                session.commit()
                raise _identity_refused(
                    f"workstation {row.site}-{row.code} is registered with another identity "
                    "(a restored or copied data folder?); register with a new id")
            row.last_seen_at = now  # the same registration again (its answer was lost)
            answer = {**_described(row),
                      "sequences": seen_sequences(session, row.site, row.code)}
            session.commit()
            return answer
        holder = session.scalar(select(Workstation.id).where(
            Workstation.site == agent.site, Workstation.code == code,
            Workstation.retired.is_(False)))
        if holder is not None:
            offered = free_code(session, agent.site)
            session.rollback()
            raise WorkstationRefused(409, {
                "detail": f"code: workstation {agent.site}-{code} is already in use; "
                          + (f"expected a free code such as {offered}" if offered
                             else "every code of the site is in use"),
                "reason": "code_taken", "field": "code", "code": code,
                "free_code": offered})
        row = Workstation(id=workstation_id, site=agent.site, code=code, registered_at=now,
                          registered_by=agent.login, last_seen_at=now, retired=False,
                          nonce_hash=nonce_digest(nonce))
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            if attempt:
                raise
            continue  # registered at the same moment by another request: decide again
        audit(session, agent.login, "workstation_register", None, now,
              f"{row.site}-{row.code} {row.id}")
        answer = {**_described(row), "sequences": seen_sequences(session, row.site, row.code)}
        session.commit()
        return answer
    raise AssertionError("unreachable")


def prove(session: Session, agent: AgentInfo, workstation_id: uuid.UUID, current: str,
          next_nonce: str, now: datetime) -> dict[str, Any]:
    """Check the identity nonce ``current`` of one sync round and rotate it to ``next_nonce``,
    committed; the answer to send. WorkstationRefused: 404 unknown, 403 another site's, 409
    retired or an outdated identity."""
    row = session.get(Workstation, workstation_id, with_for_update=True,
                      populate_existing=True)
    if row is None:
        raise WorkstationRefused(404, {"detail": "no such workstation; register it",
                                       "reason": "unknown"})
    if row.site != agent.site:
        raise WorkstationRefused(403, {"detail": f"site: workstation {row.site}-{row.code} is "
                                                 f"not of the agent's site {agent.site}"})
    if row.retired:
        raise _identity_refused(f"workstation {row.site}-{row.code} is retired; register "
                                "with a new id")
    if row.nonce_hash == nonce_digest(current):
        row.nonce_hash = nonce_digest(next_nonce)
    elif row.nonce_hash != nonce_digest(next_nonce):  # else: the last answer was lost
        audit(session, agent.login, "workstation_refused", None, now,
              f"{row.site}-{row.code} {row.id}: outdated identity nonce (restored or "
              "copied data folder)")
        session.commit()
        raise _identity_refused(
            f"workstation {row.site}-{row.code}: outdated identity (this data folder was "
            "restored or copied); register with a new id")
    row.last_seen_at = now
    answer = _described(row)
    session.commit()
    return answer


def listed(session: Session) -> list[dict[str, Any]]:
    """Every registered workstation, by site and code."""
    rows = session.scalars(select(Workstation).order_by(
        Workstation.site, Workstation.code, Workstation.registered_at))
    return [_described(row) for row in rows]


def retire(session: Session, agent: AgentInfo, workstation_id: uuid.UUID,
           now: datetime) -> dict[str, Any] | None:
    """Retire a workstation (its code becomes free, its id is refused), audited, not
    committed; the workstation as described, None when unknown."""
    row = session.get(Workstation, workstation_id, with_for_update=True)
    if row is None:
        return None
    if not row.retired:
        row.retired, row.retired_at = True, now
        audit(session, agent.login, "workstation_retire", None, now,
              f"{row.site}-{row.code} {row.id}")
    return _described(row)
