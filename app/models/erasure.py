"""Erasure and retention on the workstation (issue 13).

Erasing a dossier here (:func:`erase_dossier`) deletes it with its answers, consents,
orientations, printed-document records, outbox rows, sync bases, conflicts and quarantine rows
(the full-text index follows through its triggers), records an :class:`Erasure` (id, time,
reason code, origin) and appends one anonymous history row ``erase`` (« dossier effacé le … »:
the reason code and origin, no personal data). Rows of the history written before stay: the
journal is append-only and chained; they hold ids, codes and field names, never identity — save
the free-text reasons of corrections, which an agent is asked to keep free of personal data.

Offline first: an erasure requested here also queues an outbox row of kind ``erase`` (the id,
the number typed in confirmation, the reason code); the next sync round sends it to the central
store first (``POST /dossiers/{id}/erase``), whose tombstone then reaches every other
workstation of the site at its next pull. The request waits while the store cannot be reached;
the dossier is gone from this workstation at once.

Who may erase: a counter agent of the dossier's site or an administrator — the central store
enforces it when the request arrives; here the window and the command ask the agent to confirm
by typing the dossier's number.

Retention here (:func:`apply_retention`): the rules of app.forms.retention over the local
dossiers' status and last change. A closed dossier due for anonymisation and a draft due for
deletion are both erased from this workstation (the central store keeps the anonymous facts
when its own retention runs); a closed dossier with changes not yet sent waits for the round
that sends them. Each one is audited like an erasure (origin ``retention``).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, and_, delete, insert, or_, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db.batches import IN_LIST, chunks
from app.forms.retention import (
    Candidate,
    Due,
    RetentionError,
    Rule,
    deployment_file,
    load_rules,
    select_due,
    status_limits,
)
from app.models import audit_chain
from app.models.entities import (
    AuditLog,
    Dossier,
    Erasure,
    Outbox,
    SyncBase,
    SyncConflict,
    SyncQuarantine,
)

if TYPE_CHECKING:
    from app.models.database import Store

log = logging.getLogger(__name__)
REASONS = ("demande_personne", "erreur_saisie", "doublon")
ERASE_KIND = "erase"  # the outbox kind of a queued erasure request
RETENTION_REASONS = {"anonymise": "retention_anonymise", "delete": "retention_delete"}
DOSSIERS = cast(Table, Dossier.__table__)
CHUNK = IN_LIST  # ids per IN (…) list (tests make it smaller)


@dataclass
class RetentionReport:
    """What retention did on this workstation: the dossiers erased, by rule."""

    done: list[Due] = field(default_factory=list)

    def line(self) -> str:
        """« retention: 2 closed dossiers and 1 draft removed from this workstation »."""
        closed = sum(1 for d in self.done if d.kind == "closed_dossier")
        drafts = sum(1 for d in self.done if d.kind == "draft")
        return (f"retention: {closed} closed dossiers and {drafts} drafts removed from this "
                "workstation")


def is_erased(session: Session, dossier_id: str) -> bool:
    """True when this workstation erased the dossier (or learnt the store did)."""
    return session.get(Erasure, dossier_id.lower()) is not None


def _forget(session: Session, dossier_id: str, *, keep_request: bool) -> None:
    """Delete the dossier and every sync row of it (a queued erasure request stays when
    ``keep_request``)."""
    # Deleted content is overwritten, not left in free pages of the file (SQLite's
    # secure_delete, for this connection from now on).
    session.execute(text("PRAGMA secure_delete = ON"))
    dossier = session.scalars(select(Dossier).where(Dossier.id == dossier_id)).first()
    if dossier is not None:
        session.delete(dossier)
        session.flush()
    outbox = delete(Outbox).where(Outbox.dossier_id == dossier_id)
    if keep_request:
        outbox = outbox.where(Outbox.kind != ERASE_KIND)
    session.execute(outbox)
    for table in (SyncBase, SyncConflict, SyncQuarantine):
        session.execute(delete(table).where(table.dossier_id == dossier_id))


def purge_search_index(session: Session) -> None:
    """Merge the full-text index: the tokens of deleted dossiers (names, NIR, SIRET) stay in
    its older segments, only marked deleted, until they are merged."""
    session.execute(text("INSERT INTO dossier_search(dossier_search) VALUES ('optimize')"))


def _history(session: Session, dossier_id: str, agent: str, now: datetime, reason: str,
             origin: str) -> None:
    """The anonymous history row of an erasure, and its local tombstone."""
    session.add(Erasure(dossier_id=dossier_id, erased_at=now, reason=reason, origin=origin))
    session.add(AuditLog(at=now, agent=agent, dossier_id=dossier_id, action="erase",
                         detail=json.dumps({"reason": reason, "origin": origin})))
    session.flush()


def erase_dossier(session: Session, dossier: Dossier, *, confirm: str, reason: str, agent: str,
                  now: datetime) -> None:
    """Erase ``dossier`` here at the person's request and queue the request for the store.

    ValueError when ``confirm`` is not the dossier's number (typed in full, any case) or the
    reason is not one of :data:`REASONS`.
    """
    if reason not in REASONS:
        raise ValueError(f"reason: {reason!r} is not allowed; expected one of "
                         f"{', '.join(REASONS)}")
    if confirm.strip().upper() != dossier.number:
        raise ValueError(f"confirm: {confirm.strip()!r} is not the dossier's number; expected "
                         f"{dossier.number} typed in full")
    dossier_id, number, revision = dossier.id, dossier.number, dossier.revision
    _forget(session, dossier_id, keep_request=False)
    session.add(Outbox(dossier_id=dossier_id, revision=revision + 1, kind=ERASE_KIND,
                       payload=json.dumps({"id": dossier_id, "confirm": number,
                                           "reason": reason}),
                       created_at=now))
    _history(session, dossier_id, agent, now, reason, "here")
    purge_search_index(session)


def apply_tombstone(session: Session, dossier_id: str, reason: str, now: datetime) -> bool:
    """The store erased ``dossier_id``: delete it here whatever its unsent changes (the
    tombstone wins). True when this workstation held it (or its unsent changes)."""
    dossier_id = dossier_id.lower()
    held = session.scalar(select(Dossier.id).where(Dossier.id == dossier_id)) is not None
    held = held or session.scalar(select(Outbox.id).where(
        Outbox.dossier_id == dossier_id, Outbox.kind != ERASE_KIND).limit(1)) is not None
    if not held:  # never here (or erased here already): nothing to delete, nothing to say
        session.execute(delete(Outbox).where(Outbox.dossier_id == dossier_id))
        return False
    _forget(session, dossier_id, keep_request=False)  # a queued request of ours is done too
    if not is_erased(session, dossier_id):
        _history(session, dossier_id, "serveur central", now, reason, "store")
    purge_search_index(session)
    return True


def pending_requests(session: Session) -> list[tuple[int, str, dict[str, str]]]:
    """(outbox id, dossier id, body) of the erasure requests not sent yet, oldest first."""
    return [(row.id, row.dossier_id, json.loads(row.payload)) for row in session.scalars(
        select(Outbox).where(Outbox.kind == ERASE_KIND, Outbox.sent_at.is_(None))
        .order_by(Outbox.id))]


# --------------------------------------------------------------------------- retention


def plan_retention(session: Session, rules: Mapping[str, Rule], now: datetime) -> list[Due]:
    """What the rules select among this workstation's dossiers at ``now``; a closed dossier
    whose changes are not all sent waits (the round sends them first)."""
    limits = status_limits(rules, now)
    if not limits:
        return []
    unsent = select(Outbox.dossier_id).where(Outbox.sent_at.is_(None))
    candidates = [Candidate(i, n, s, u) for i, n, s, u in session.execute(
        select(Dossier.id, Dossier.number, Dossier.status, Dossier.updated_at)
        .where(or_(*(and_(Dossier.status == status, Dossier.updated_at <= limit)
                     for status, limit in limits.items())))
        .where(or_(Dossier.status != "clos", Dossier.id.not_in(unsent))))]
    return select_due(rules, candidates, now)


def _forget_many(session: Session, ids: Sequence[str]) -> None:
    """:func:`_forget` for many dossiers at once (a queued erasure request stays): one
    statement per table and chunk. The dossier's children go with it through the schema's
    ``ON DELETE CASCADE`` (foreign keys are on, app.models.database) and its full-text row
    through the delete trigger, as when the ORM deletes them one by one."""
    session.execute(text("PRAGMA secure_delete = ON"))
    for chunk in chunks(ids, CHUNK):
        session.execute(delete(DOSSIERS).where(DOSSIERS.c.id.in_(chunk)))
        session.execute(delete(Outbox).where(Outbox.dossier_id.in_(chunk),
                                             Outbox.kind != ERASE_KIND))
        for table in (SyncBase, SyncConflict, SyncQuarantine):
            session.execute(delete(table).where(table.dossier_id.in_(chunk)))


def _history_many(session: Session, done: Sequence[tuple[str, str]], agent: str, now: datetime,
                  origin: str) -> None:
    """:func:`_history` for many (dossier id, reason) at once: the tombstones, then the
    anonymous history rows chained in that order (app.models.audit_chain.chain_rows)."""
    if not done:
        return
    session.execute(insert(Erasure), [
        {"dossier_id": dossier_id, "erased_at": now, "reason": reason, "origin": origin}
        for dossier_id, reason in done])
    session.execute(insert(AuditLog), audit_chain.chain_rows(session, [
        {"at": now, "agent": agent, "dossier_id": dossier_id, "action": "erase",
         "detail": json.dumps({"reason": reason, "origin": origin})}
        for dossier_id, reason in done]))


def apply_retention(session: Session, rules: Mapping[str, Rule], now: datetime) -> RetentionReport:
    """Apply the rules here (in the caller's transaction), each dossier audited.

    In bulk: a first start on a store of 100 000 dossiers may find thousands due, and the
    window waits for none of them (app.ui.main_window runs this off the GUI thread)."""
    report = RetentionReport(done=plan_retention(session, rules, now))
    if not report.done:
        return report
    session.flush()  # anything the caller added goes first, as it would one dossier at a time
    _forget_many(session, [due.id for due in report.done])
    _history_many(session, [(due.id, RETENTION_REASONS[due.action]) for due in report.done],
                  "conservation", now, "retention")
    purge_search_index(session)
    return report


def workstation_rules(store: Store) -> Mapping[str, Rule] | None:
    """This workstation's retention rules: ``ACCUEIL_TI_RETENTION``, else ``retention.toml`` of
    its data folder, over the shipped ones; None (logged) when the deployment's file is
    unusable — retention then waits for a usable file rather than guess."""
    folder = store.path.parent if store.path is not None else None
    try:
        return load_rules(deployment_file(os.environ, folder))
    except RetentionError as exc:
        log.warning("retention not applied: %s", exc)
        return None


def apply_at_start(store: Store, now: datetime) -> RetentionReport | None:
    """Retention when the app starts (app.ui.app); None when the rules are unusable or the
    database refuses (busy, damaged…): that is logged, never blocking, and retention runs again
    at the next start."""
    rules = workstation_rules(store)
    if rules is None:
        return None
    try:
        with store.transaction() as session:
            report = apply_retention(session, rules, now)
    except DBAPIError:
        log.warning("retention at start failed", exc_info=True)
        return None
    if report.done:
        log.info("%s", report.line())
    return report


def erase_request(store: Store, dossier_id: str, *, confirm: str, reason: str, agent: str,
                  now: datetime) -> str:
    """:func:`erase_dossier` in its own transaction, for the window; the number erased.
    LookupError for an unknown dossier, ValueError as erase_dossier."""
    with store.transaction() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.id == dossier_id)).first()
        if dossier is None:
            raise LookupError(f"no local dossier {dossier_id!r}")
        number = dossier.number
        erase_dossier(session, dossier, confirm=confirm, reason=reason, agent=agent, now=now)
    return number
