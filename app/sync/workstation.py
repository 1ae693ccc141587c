"""This workstation's identity on the central store, and what follows when a dossier number
turns out to be taken.

Identity (see app.server.workstations): at login (app.sync.session.register_at_login), and at
the start of every sync round when it is not registered on that store yet, the workstation
registers a random id (kept in its local store, so in its data folder) with its site and code.
When the code is already held by another live workstation, it adopts the free code the store
offers (« workstation REN-01 is already in use; this workstation is now REN-02 »): the local
workstation row changes, new dossiers get the new code, and its sequences continue past every
number the store has seen for that code.

Every round then proves the workstation is the registered one with a rotating nonce: the next
nonce is written here *before* it is sent, so a round killed after the store switched to it
sends the same pair again and is accepted. A nonce the store does not hold means this data
folder was restored or copied: the workstation registers again with a new id and a free code.

Numbers: a dossier whose number belongs to another dossier (a push ``rejected`` on ``number``,
or a pulled dossier carrying the number of a different local one) is renumbered when its
number is a draft (app.models.renumber) and pushed again in the same round; otherwise it is
quarantined with the reason. A round never stops on it.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models.base import utcnow
from app.models.entities import Dossier, SyncQuarantine, Workstation
from app.models.errors import NumberConflictError
from app.models.renumber import continue_numbering, is_draft_numbered, renumber_dossier
from app.sync.errors import SyncError
from app.sync.summary import RoundSummary

if TYPE_CHECKING:
    from datetime import datetime

    import httpx

    from app.models.database import Store


class SyncClient(Protocol):
    """What this module needs of the round's client (app.sync.client.SyncClient): its store,
    the store's address and its requests."""

    store: Store
    server_key: str

    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response: ...


# Applies one pulled change in the round's session (SyncClient's own, passed in by the round).
ApplyChange = Callable[["Session", dict[str, Any], "datetime", RoundSummary], None]

MAX_REGISTRATIONS = 5  # attempts of one registration (codes taken meanwhile, ids refused)
MAX_RENUMBERS = 5  # renumberings of one dossier in one round


def notice_text(site: str, old: str, new: str) -> str:
    """The one line telling that this workstation took another code."""
    return f"workstation {site}-{old} is already in use; this workstation is now {site}-{new}"


def new_nonce() -> str:
    """A fresh identity nonce (256 random bits, URL-safe text)."""
    return secrets.token_urlsafe(32)


def _local(session: Session) -> Workstation:
    return session.scalars(select(Workstation).where(Workstation.is_local)).one()


# --------------------------------------------------------------------------- HTTP


def _sync_error(text: str) -> Exception:
    return SyncError(text)


def _post(client: SyncClient, path: str, body: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
    """(status, JSON body) of a POST to the store, retried as the round's requests are."""
    response = client.send("POST", path, json=dict(body))
    try:
        data = response.json()
    except ValueError:
        data = None
    return response.status_code, data if isinstance(data, dict) else {}


def _route_missing(status: int, data: Mapping[str, Any]) -> bool:
    """The store predates the registry (its router's own 404/405, not the registry's)."""
    return status == 405 or (status == 404 and "reason" not in data)


def _failed(path: str, status: int, data: Mapping[str, Any]) -> Exception:
    detail = str(data.get("detail") or "")
    return _sync_error(f"POST {path}: the store answered {status} {detail}".rstrip())


# --------------------------------------------------------------------------- identity


def check(client: SyncClient) -> list[str]:
    """Make sure this workstation is registered on ``client``'s store and prove it is the
    registered one (rotating the nonce); register anew when it is a restored or copied data
    folder. Returns the notices to show (a code change). SyncError when the store cannot say.
    """
    store = client.store
    with store.session() as session:
        row = _local(session)
        ident, server, nonce = row.identity, row.identity_server, row.nonce
        registered, pending = row.registered_at is not None, row.next_nonce
    if ident is None or server != client.server_key:
        return _register(client, fresh=True, first=True)
    if not registered or nonce is None:  # the last registration's answer was lost
        return _register(client, fresh=False, first=not registered)
    if pending is None:
        pending = _pending(store, new_nonce())  # kept before it is sent: see the module doc
    path = f"/workstations/{ident}/round"
    status, data = _post(client, path, {"current": nonce, "next": pending})
    if status == 200:
        with store.transaction() as session:  # unless another round of this folder went on
            session.execute(update(Workstation).where(
                Workstation.is_local, Workstation.nonce == nonce).values(
                nonce=pending, next_nonce=None))
        return []
    if status == 404 and data.get("reason") == "unknown":
        return _register(client, fresh=False, first=True)  # a store that never knew it
    if status == 409:
        with store.session() as session:
            row = _local(session)
            if (row.identity, row.nonce) != (ident, nonce):
                return []  # a round of this same folder (another process) proved it meanwhile
        return _register(client, fresh=True, first=False)  # restored or copied: a new id
    if _route_missing(status, data):
        return []
    raise _failed(path, status, data)


def _pending(store: Store, candidate: str) -> str:
    """The next nonce to send: ``candidate``, unless a round of this folder running at the
    same time (another process) chose one already — then that one, so both send the same."""
    with store.transaction() as session:
        session.execute(update(Workstation).where(
            Workstation.is_local, Workstation.next_nonce.is_(None)).values(
            next_nonce=candidate))
        chosen = _local(session).next_nonce
    return chosen or candidate


def _save(store: Store, **values: Any) -> None:
    with store.transaction() as session:
        row = _local(session)
        for name, value in values.items():
            setattr(row, name, value)


def _register(client: SyncClient, *, fresh: bool, first: bool) -> list[str]:
    """Register (``fresh``: with a new id and nonce) until the store confirms a code.

    ``first``: this data folder was never registered on that store, so none of its dossiers
    went there with this version; when the code changes, its drafts of the old code take the
    new one at once (a restored or copied folder's drafts may be on the store already, under
    their id: they are only renumbered when the store refuses their number).
    """
    store = client.store
    with store.session() as session:
        row = _local(session)
        ident, nonce, site, old = row.identity, row.nonce, row.site_code, row.code
    if fresh or ident is None or nonce is None:
        # Written before it is sent: an answer lost is the same registration sent again.
        ident = str(uuid.uuid4()) if fresh or ident is None else ident
        nonce = new_nonce()
        _save(store, identity=ident, identity_server=client.server_key, nonce=nonce,
              next_nonce=None, registered_at=None)
    code = old
    for _ in range(MAX_REGISTRATIONS):
        status, data = _post(client, "/workstations",
                             {"id": ident, "code": code, "site": site, "nonce": nonce})
        if status == 200:
            taken = str(data.get("code") or code)
            seen = data.get("sequences")
            sequences = seen if isinstance(seen, dict) else {}
            _adopt(store, taken, {int(y): s for y, s in sequences.items()
                                  if str(y).isdigit() and isinstance(s, int)})
            if taken == old:
                return []
            notices = [notice_text(site, old, taken)]
            moved = _renumber_old_drafts(store, old) if first else 0
            if moved:
                notices.append(f"{moved} dossier{'s' if moved > 1 else ''} not sent yet "
                               f"renumbered {site}-{taken}")
            return notices
        if status == 409 and data.get("reason") == "code_taken":
            offered = data.get("free_code")
            if not isinstance(offered, str) or not offered:
                raise _sync_error(f"every workstation code of site {site} is in use on the "
                                  "central store; ask an administrator to retire one")
            code = offered
            continue
        if status == 409 and data.get("reason") == "identity":
            ident, nonce = str(uuid.uuid4()), new_nonce()  # this id is someone else's
            _save(store, identity=ident, identity_server=client.server_key, nonce=nonce,
                  next_nonce=None, registered_at=None)
            continue
        if _route_missing(status, data):
            return []
        raise _failed("/workstations", status, data)
    raise _sync_error("the central store kept refusing this workstation's registration; "
                      "try again")


def _adopt(store: Store, code: str, sequences: Mapping[int, int]) -> None:
    """The registration is confirmed under ``code``: the local workstation row takes it, and
    its sequences continue past ``sequences`` (what the store has seen)."""
    with store.transaction() as session:
        row = _local(session)
        if row.code != code:
            others = session.scalars(select(Workstation).where(
                Workstation.site_code == row.site_code, Workstation.code == code,
                Workstation.is_local.is_(False)))
            for other in others:
                session.delete(other)
            session.flush()
            row.code = code
        row.registered_at = utcnow()
        continue_numbering(session, row.site_code, code, sequences)
    store.workstation_code = code


def _renumber_old_drafts(store: Store, old: str) -> int:
    """Give this workstation's new code to its draft-numbered dossiers of code ``old``; how
    many were renumbered (each with its audit row and outbox row)."""
    with store.transaction() as session:
        drafts = list(session.scalars(select(Dossier.id).where(
            Dossier.site_code == store.site_code, Dossier.workstation_code == old,
            Dossier.server_revision.is_(None)).order_by(Dossier.number)))
        for dossier_id in drafts:
            renumber_dossier(session, dossier_id, store)
    return len(drafts)


# --------------------------------------------------------------------------- numbers


def _renumbered_before(summary: RoundSummary, dossier_id: str) -> int:
    return sum(1 for d, _, _ in summary.renumbered if d == dossier_id)


def renumber_draft(client: SyncClient, session: Session, dossier_id: str, now: datetime,
                   summary: RoundSummary, payload: str | None = None) -> bool:
    """Renumber a local dossier whose number belongs to another one on the store, when its
    number is a draft (and it was not renumbered too often this round). True when done: it
    has a new outbox row, to push in this round.

    ``payload``: the refused push (JSON), whose number must be the dossier's number here (a
    push refused for a malformed or missing number is not a taken number).
    """
    if _renumbered_before(summary, dossier_id) >= MAX_RENUMBERS:
        return False
    if payload is not None:
        try:
            sent = json.loads(payload).get("number")
        except (ValueError, AttributeError):
            return False
        held = session.scalar(select(Dossier.number).where(Dossier.id == dossier_id))
        if not isinstance(sent, str) or sent != held:
            return False
    if not is_draft_numbered(session, dossier_id, client.store):
        return False
    try:
        with session.begin_nested():
            old, new = renumber_dossier(session, dossier_id, client.store, now=now)
    except (LookupError, ValueError):
        return False
    summary.renumbered.append((dossier_id, old, new))
    return True


def apply_pulled(client: SyncClient, apply: ApplyChange, session: Session,
                 change: dict[str, Any], now: datetime, summary: RoundSummary) -> None:
    """``apply`` (the round's own) for one pulled dossier; when its number is held here by a
    different dossier, that one is renumbered if its number is a draft and the change
    applied, else the pulled version is quarantined with the reason. Never raises for it."""
    problem = ""
    for _ in range(MAX_RENUMBERS + 1):
        try:
            with session.begin_nested():
                apply(session, change, now, summary)
            return
        except NumberConflictError as exc:
            problem = str(exc)
        holder = session.scalar(select(Dossier.id).where(
            Dossier.number == str(change.get("number", "")).upper(),
            Dossier.id != str(change.get("id", "")).lower()))
        if holder is None or not renumber_draft(client, session, holder, now, summary):
            break
    dossier_id = str(change.get("id", "")).lower()
    revision = change.get("revision")
    reason = (f"number: {change.get('number')!r} is held here by another dossier whose number "
              f"the store confirmed; {problem}")
    session.add(SyncQuarantine(dossier_id=dossier_id,
                               revision=revision if isinstance(revision, int) else 0,
                               reason=reason, at=now))
    session.execute(update(Dossier).where(Dossier.id == dossier_id)
                    .values(sync_state="quarantined"))
    summary.quarantined += 1
    summary.errors.append(f"dossier {change.get('number', dossier_id)}: {reason}")
