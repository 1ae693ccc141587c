"""The sync client: one round pushes the local outbox to the central store, then pulls what
changed there since the saved cursor.

Guarantees (issue 5):

- an outbox row is marked sent only after the store confirmed it (``accepted`` or
  ``duplicate``); a push resent after a crash is answered ``duplicate`` and changes nothing;
- a push based on a stale revision (``conflict``) and a pulled change for a dossier with unsent
  local changes keep both versions in ``sync_conflicts``: nothing is overwritten, a person
  chooses field by field (:meth:`SyncClient.resolve_conflict`);
- a record the store refuses (``rejected``, ``forbidden``) is quarantined with the store's reason
  and the rest of the batch goes on;
- network failures (transport errors, 502/503/504) are retried with exponential backoff and
  jitter; after the last attempt the round stops with the error in its summary;
- erasure (issue 13, app.models.erasure): the erasure requests queued here go first; a pulled
  tombstone, or a push answered ``erased``, deletes the dossier here even with unsent changes
  (the tombstone wins, and the summary says so); at the end of each round the retention rules
  run on this workstation when the client is given them (``retention``: the window and
  ``accueil-ti sync`` pass :func:`retention_rules`).

What a round records about conflicts, quarantine and partner follow-ups, and every reading of
them, goes through the sync ledger (app.sync.ledger); this module holds the HTTP round.

Sync columns of ``dossiers`` are written with Core statements: the ORM maps ``revision`` as the
version counter, and a sync bookkeeping change is not a new revision of the dossier.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any, cast

import httpx
from sqlalchemy import Table, bindparam, exists, select, update
from sqlalchemy.orm import Session

from app.forms.evaluation import SituationError
from app.forms.questionnaire import load_questionnaire
from app.forms.records import validate_record
from app.forms.retention import Rule
from app.models import erasure
from app.models.base import utcnow
from app.models.database import Store
from app.models.entities import Dossier, Outbox, SyncBase, SyncCursor
from app.models.orientation_state import mark_transmitted
from app.models.repository import find_dossier, import_records, to_export
from app.sync import pull_apply, workstation
from app.sync.calls import CallSync
from app.sync.errors import SyncError
from app.sync.figures import fetched_within, figures_path, save_figures
from app.sync.ledger import (
    ConflictVersions,
    Refusal,
    clear_refusals,
    clear_refusals_many,
    close_conflicts,
    differences,
    follow_ups,
    open_refusals,
    partner_updates,
    payload_dict,
    pending_count,
    record_conflict,
    record_refusal,
    refused_revisions,
    set_bases,
    set_state,
    state_of,
    stored_conflict,
)
from app.sync.merge import Choice, FieldDifference, merge3, resolve
from app.sync.retry import Backoff, Unreachable
from app.sync.site_settings import save_site_settings, site_settings_path
from app.sync.summary import RoundSummary

log = logging.getLogger(__name__)
DOSSIERS = cast(Table, Dossier.__table__)
OUTBOX = cast(Table, Outbox.__table__)
BASES = cast(Table, SyncBase.__table__)
MAX_BATCH = 500  # the store refuses larger batches
# push requests sent before the oldest one's answer is read (see SyncClient._push)
IN_FLIGHT = 2
MAX_MERGES = 3  # automatic merges of one dossier in one round (the store kept changing)


def retention_rules(store: Store) -> Mapping[str, Rule] | None:
    """The retention rules this workstation applies after each round (app.models.erasure)."""
    return erasure.workstation_rules(store)


def _already_known(change: Any, known: Mapping[str, int]) -> bool:
    """True when a pulled change is a revision the workstation already holds (typically its
    own push coming back): :meth:`SyncClient._apply_change` would do nothing with it."""
    if not isinstance(change, dict):
        return False
    held = known.get(str(change.get("id")).lower())
    try:
        return held is not None and int(change["revision"]) <= held
    except (KeyError, TypeError, ValueError):
        return False


def _base_text(session: Session, dossier_id: str) -> str | None:
    """The store's version this workstation last held of a dossier (JSON), or None.

    Dossiers synced before bases were kept: the outbox row the store confirmed last holds that
    version too."""
    text: str | None = session.scalar(
        select(BASES.c.payload).where(BASES.c.dossier_id == dossier_id))
    if text is not None:
        return text
    return session.scalar(
        select(OUTBOX.c.payload)
        .join(DOSSIERS, DOSSIERS.c.id == OUTBOX.c.dossier_id)
        .where(OUTBOX.c.dossier_id == dossier_id, OUTBOX.c.sent_at.is_not(None),
               OUTBOX.c.revision == DOSSIERS.c.server_revision)
        .order_by(OUTBOX.c.id.desc()).limit(1))


class SyncClient:
    """Synchronises one local store with the central store behind ``http``.

    ``http`` is an ``httpx.Client`` whose base URL is the store (tests pass FastAPI's
    ``TestClient``); ``token`` is the bearer token or a function returning it (read at each
    request, so a new login is picked up). ``batch`` dossiers go in one push and one pull page;
    ``in_flight`` pushes may wait for their answers at once (1: each waits for the one before).
    Retries: ``max_retries`` after the first attempt, sleeping ``backoff * 2**n`` seconds plus up
    to a quarter more of jitter (``jitter()`` in [0, 1)), at most ``max_backoff``.
    """

    def __init__(self, store: Store, http: httpx.Client, *, token: str | Callable[[], str],
                 batch: int = MAX_BATCH, clock: Callable[[], datetime] = utcnow,
                 sleep: Callable[[float], None] = time.sleep, max_retries: int = 5,
                 backoff: float = 0.5, max_backoff: float = 30.0,
                 jitter: Callable[[], float] = random.random,
                 server_key: str | None = None,
                 retention: Mapping[str, Rule] | None = None,
                 in_flight: int = IN_FLIGHT) -> None:
        if not 1 <= batch <= MAX_BATCH:
            raise ValueError(f"batch: {batch} is not allowed; expected 1 to {MAX_BATCH}")
        if in_flight < 1:
            raise ValueError(f"in_flight: {in_flight} is not allowed; expected 1 or more")
        self.store = store
        self.http = http
        self._token = token
        self.batch = batch
        self.in_flight = in_flight
        self.clock = clock
        self.retry = Backoff(retries=max_retries, base=backoff, ceiling=max_backoff,
                             sleep=sleep, jitter=jitter)
        self.server_key = server_key or str(http.base_url).rstrip("/")
        # the retention rules applied at the end of each round (None: not here)
        self.retention = retention

    # ------------------------------------------------------------------ HTTP

    def _headers(self) -> dict[str, str]:
        token = self._token() if callable(self._token) else self._token
        return {"Authorization": f"Bearer {token}",
                "X-Workstation": f"{self.store.site_code}-{self.store.workstation_code}"}

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt + 1`` (exponential, with jitter)."""
        return self.retry.delay(attempt)

    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """The store's answer, network failures and busy answers retried; SyncError when
        the store stays unreachable or refuses the token. ``headers`` replace the token's
        (a push sent from a worker thread reads the token on the round's own thread)."""
        if "headers" not in kwargs:
            kwargs["headers"] = self._headers()
        try:
            response = self.retry.send(self.http, method, path, **kwargs)
        except Unreachable as exc:
            raise SyncError(f"the central store cannot be reached after "
                            f"{self.retry.retries + 1} attempts ({exc})") from None
        if response.status_code == 401:
            raise SyncError("the store refused the token (expired or revoked); run "
                            "accueil-ti login again")
        return response

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        """The JSON body of a 200 answer; retries network failures, SyncError otherwise."""
        response = self.send(method, path, **kwargs)
        if response.status_code != 200:
            try:
                detail = response.json().get("detail", "")
            except (ValueError, AttributeError):
                detail = response.text[:200]
            raise SyncError(f"{method} {path}: the store answered {response.status_code} "
                            f"{detail}".rstrip())
        return response.json()

    # ------------------------------------------------------------------ round

    def run_round(self) -> RoundSummary:
        """Push every pending local change, then pull every change since the cursor."""
        summary = RoundSummary()
        try:
            summary.notices += workstation.check(self)  # registered, and not a copy
            self._push(summary)
            merged, renumbered = summary.merged, len(summary.renumbered)
            self._pull(summary)
            if summary.merged > merged or len(summary.renumbered) > renumbered:
                self._push(summary)  # what the pull merged or renumbered goes out now
            CallSync(self).run(summary)  # the call list (issue 16): its own push and pull
            self._read_figures()
            self._read_sites()
        except SyncError as exc:
            summary.errors.append(str(exc))
        finally:
            self._clear_sending()
        if self.retention is not None:
            with self.store.transaction() as session:
                summary.retention = erasure.apply_retention(session, self.retention,
                                                            self.clock())
            if summary.retention.done:
                log.info("%s", summary.retention.line())
        summary.pending = self.pending_count()
        return summary

    def _clear_sending(self) -> None:
        """Dossiers marked « sending » by a round go back to « local » (a push the store did
        not confirm is still in the outbox, and is sent again)."""
        with self.store.transaction() as session:
            session.execute(update(DOSSIERS).where(DOSSIERS.c.sync_state == "sending")
                            .values(sync_state="local"))

    def _read_figures(self) -> None:
        """Keep the store's published processing times beside the local store (one attempt: a
        round never fails or waits for them; the last ones read stay until the next), read again
        once older than app.sync.figures.FETCH_INTERVAL."""
        if self.store.path is None or fetched_within(figures_path(self.store.path.parent),
                                                     self.clock()):
            return
        try:
            response = self.retry.send(self.http, "GET", "/stats/processing-times",
                                       retry=False, headers=self._headers())
            if response.status_code == 200:
                save_figures(self.store.path.parent, response.json(),
                             self.clock().isoformat())
        except (Unreachable, ValueError, OSError):
            return

    def _read_sites(self) -> None:
        """Keep the store's site settings (addresses, phones, hours) beside the local store,
        for the documents (one attempt, like the figures: the last ones read stay; read again
        once older than app.sync.figures.FETCH_INTERVAL)."""
        if self.store.path is None or fetched_within(site_settings_path(self.store.path.parent),
                                                     self.clock()):
            return
        try:
            response = self.retry.send(self.http, "GET", "/sites", retry=False,
                                       headers=self._headers())
            if response.status_code == 200:
                save_site_settings(self.store.path.parent, response.json(),
                                   self.clock().isoformat())
        except (Unreachable, ValueError, OSError):
            return

    def pending_count(self) -> int:
        """Dossiers not in sync: unsent changes, open conflicts, quarantined records."""
        return pending_count(self.store)

    # ------------------------------------------------------------------ push

    def _candidates(self, session: Session, seen: set[str]) -> list[tuple[str, int, int, str]]:
        """Up to ``batch`` dossiers to push: (dossier id, outbox id, revision, payload) of the
        latest unsent row; dossiers in conflict wait for a person, quarantined ones for a newer
        local change."""
        # Unsent rows in outbox order, a page at a time, each kept when no newer unsent row of
        # its dossier exists; payloads are read for the chosen rows only. (Grouping every unsent
        # row and reading every payload at each batch made a round of N dossiers O(N²).)
        newer = OUTBOX.alias("newer")
        latest = (
            select(OUTBOX.c.dossier_id, OUTBOX.c.id, OUTBOX.c.revision, DOSSIERS.c.sync_state)
            .join(DOSSIERS, DOSSIERS.c.id == OUTBOX.c.dossier_id, isouter=True)
            .where(OUTBOX.c.sent_at.is_(None), OUTBOX.c.kind != erasure.ERASE_KIND, ~exists().where(
                newer.c.dossier_id == OUTBOX.c.dossier_id, newer.c.id > OUTBOX.c.id,
                newer.c.sent_at.is_(None)))
            .order_by(OUTBOX.c.id).limit(self.batch))
        quarantined = refused_revisions(session)
        chosen: list[tuple[str, int, int]] = []
        after = 0
        while len(chosen) < self.batch:
            rows = session.execute(latest.where(OUTBOX.c.id > after)).all()
            if not rows:
                break
            after = rows[-1].id
            for dossier_id, outbox_id, revision, state in rows:
                if dossier_id in seen or state == "conflict":
                    continue
                if dossier_id in quarantined and revision <= quarantined[dossier_id]:
                    continue
                chosen.append((dossier_id, outbox_id, revision))
                if len(chosen) == self.batch:
                    break
        payloads: dict[int, str] = {row.id: row.payload for row in session.execute(
            select(OUTBOX.c.id, OUTBOX.c.payload)
            .where(OUTBOX.c.id.in_([outbox_id for _, outbox_id, _ in chosen])))}
        return [(d, o, r, payloads[o]) for d, o, r in chosen]

    def _send_erasures(self, summary: RoundSummary) -> None:
        """Send the erasure requests queued here, oldest first; one the store refuses (another
        site, a number that does not match) stays queued, with the reason in the summary."""
        with self.store.session() as session:
            requests = erasure.pending_requests(session)
        for outbox_id, dossier_id, body in requests:
            response = self.send("POST", f"/dossiers/{dossier_id}/erase",
                                 json={"reason": body.get("reason"),
                                       "confirm": body.get("confirm")})
            if response.status_code != 200:
                try:
                    detail = str(response.json().get("detail", ""))
                except (ValueError, AttributeError):
                    detail = response.text[:200]
                summary.errors.append(f"erasure of {body.get('confirm', dossier_id)}: the store "
                                      f"answered {response.status_code} {detail}".rstrip())
                continue
            with self.store.transaction() as session:
                session.execute(update(OUTBOX).where(OUTBOX.c.id == outbox_id)
                                .values(sent_at=self.clock()))
            summary.erase_requests += 1

    def _push(self, summary: RoundSummary) -> None:
        """Push every pending dossier, ``in_flight`` batches sent before the oldest one's
        answer is read: the store checks and evaluates the next batch while it writes this one,
        and this workstation records an answer while the store works on the next.

        Batches in flight never share a dossier, so what one answer changes here (a base
        revision, a renumbered draft) is never in a batch already sent. When a request fails,
        the answers of the batches sent after it are still recorded (what the store took is not
        sent again), then the error ends the round."""
        self._send_erasures(summary)
        seen: set[str] = set()
        merges: dict[str, int] = {}
        flying: deque[tuple[list[tuple[str, int, int, str]], Future[Any]]] = deque()
        with ThreadPoolExecutor(max_workers=self.in_flight,
                                thread_name_prefix="accueil-ti-push") as pool:
            try:
                while True:
                    while len(flying) < self.in_flight:
                        sent = seen.union(i[0] for items, _ in flying for i in items)
                        items, body = self._next_push(sent)
                        if not items:
                            break
                        flying.append((items, pool.submit(
                            self._request, "POST", "/sync/push", content=body,
                            headers=self._headers() | {"Content-Type": "application/json"})))
                    if not flying:
                        return
                    items, answer = flying.popleft()
                    self._record_push(items, answer.result(), seen, merges, summary)
            except SyncError:
                for items, answer in flying:
                    try:
                        self._record_push(items, answer.result(), seen, merges, summary)
                    except SyncError:
                        pass  # the first error ends the round; this batch goes next round
                raise

    def _next_push(self, sent: set[str]) -> tuple[list[tuple[str, int, int, str]], bytes]:
        """The next batch (none of the dossiers in ``sent``), marked « sending », and the push
        request's body. The outbox holds each version as JSON text: it goes into the body as it
        is, not decoded and encoded again."""
        with self.store.transaction() as session:
            items = self._candidates(session, sent)
            if not items:
                return items, b""
            ids = [i[0] for i in items]
            bases: dict[str, int | None] = {
                row.id: row.server_revision for row in session.execute(
                    select(DOSSIERS.c.id, DOSSIERS.c.server_revision)
                    .where(DOSSIERS.c.id.in_(ids)))}
            session.execute(update(DOSSIERS).where(DOSSIERS.c.id.in_(ids))
                            .values(sync_state="sending"))
        body = ",".join(f'{{"base_revision":{json.dumps(bases.get(i[0]))},"dossier":{i[3]}}}'
                        for i in items)
        return items, f'{{"dossiers":[{body}]}}'.encode()

    def _record_push(self, items: list[tuple[str, int, int, str]], answer: Any,
                     seen: set[str], merges: dict[str, int], summary: RoundSummary) -> None:
        """Record the store's answer to one push: confirmed versions marked sent, the others
        handled one by one (:meth:`_apply_result`); a dossier to push again this round is left
        out of ``seen``."""
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list) or len(results) != len(items):
            raise SyncError("the store's answer to a push does not list one result per "
                            "dossier")
        now = self.clock()
        with self.store.transaction() as session:
            confirmed: list[tuple[str, int, int, str]] = []
            for (dossier_id, outbox_id, revision, payload), result in zip(
                    items, results, strict=True):
                status = result.get("status") if isinstance(result, Mapping) else None
                if status in ("accepted", "duplicate"):
                    confirmed.append((dossier_id, outbox_id, revision, payload))
                    if status == "accepted":
                        summary.pushed += 1
                    else:
                        summary.duplicates += 1
                    seen.add(dossier_id)
                elif self._apply_result(session, dossier_id, outbox_id, revision, payload,
                                        result, now, summary):
                    seen.add(dossier_id)
                else:
                    merges[dossier_id] = merges.get(dossier_id, 0) + 1
                    if merges[dossier_id] >= MAX_MERGES:
                        seen.add(dossier_id)  # the store keeps changing: next round
            self._confirm_many(session, confirmed, now)

    def _apply_result(self, session: Session, dossier_id: str, outbox_id: int, revision: int,
                      payload: str, result: Mapping[str, Any], now: datetime,
                      summary: RoundSummary) -> bool:
        """Record one push result; False when the dossier should be pushed again this round
        (its conflict was only our own earlier push, confirmed late)."""
        status = result.get("status")
        if status in ("accepted", "duplicate"):
            self._confirm(session, dossier_id, outbox_id, revision, now, payload)
            if status == "accepted":
                summary.pushed += 1
            else:
                summary.duplicates += 1
            return True
        if status == "conflict":
            server = result.get("server")
            if isinstance(server, dict) and self._own_echo(session, dossier_id, server, now):
                return False
            if isinstance(server, dict):
                return not self._reconcile(session, dossier_id, server, now, summary)
            summary.conflicts += self._open_conflict(session, dossier_id, payload, None, now)
            return True
        if status == "erased":
            number = session.scalar(select(DOSSIERS.c.number).where(DOSSIERS.c.id == dossier_id))
            erasure.apply_tombstone(session, dossier_id, "effacement_central", now)
            summary.erased += 1
            summary.notices.append(f"dossier {number or dossier_id} was erased on the central "
                                   "store; the changes made here were dropped")
            return True
        if status == "rejected" and result.get("field") == "number" \
                and workstation.renumber_draft(self, session, dossier_id, now, summary,
                                               payload):
            return False  # its number is another dossier's: pushed again, renumbered
        reason = str(result.get("reason") or f"refused by the store ({status})")
        record_refusal(session, dossier_id, revision, reason, now)
        set_state(session, dossier_id, "quarantined")
        summary.quarantined += 1
        return True

    def _confirm(self, session: Session, dossier_id: str, outbox_id: int, revision: int,
                 now: datetime, payload: str) -> None:
        """The store holds ``revision`` (its content is ``payload``, the base of the next
        local change): mark the rows up to ``outbox_id`` sent."""
        set_bases(session, [(dossier_id, revision, payload)])
        session.execute(update(OUTBOX).where(
            OUTBOX.c.dossier_id == dossier_id, OUTBOX.c.id <= outbox_id,
            OUTBOX.c.sent_at.is_(None)).values(sent_at=now))
        clear_refusals(session, dossier_id, revision, now)
        newer = session.execute(select(OUTBOX.c.id).where(
            OUTBOX.c.dossier_id == dossier_id, OUTBOX.c.sent_at.is_(None)).limit(1)).first()
        session.execute(update(DOSSIERS).where(DOSSIERS.c.id == dossier_id).values(
            server_revision=revision, sync_state="local" if newer else "synced"))
        mark_transmitted(session, [(dossier_id, payload)], now)

    @staticmethod
    def _confirm_many(session: Session, confirmed: Sequence[tuple[str, int, int, str]],
                      now: datetime) -> None:
        """:meth:`_confirm` for many (dossier id, outbox id, revision, payload) at once: one
        statement each, executed for all of them."""
        if not confirmed:
            return
        session.execute(update(OUTBOX).where(
            OUTBOX.c.dossier_id == bindparam("d"), OUTBOX.c.id <= bindparam("o"),
            OUTBOX.c.sent_at.is_(None)).values(sent_at=bindparam("t")),
            [{"d": d, "o": o, "t": now} for d, o, _, _ in confirmed])
        clear_refusals_many(session, [(d, r) for d, _, r, _ in confirmed], now)
        set_bases(session, [(d, r, p) for d, _, r, p in confirmed])
        # sent_at is filtered here, not in SQL: SQLite would walk the sent_at index (every
        # unsent row) instead of looking these dossiers up
        newer = {d for d, sent_at in session.execute(
            select(OUTBOX.c.dossier_id, OUTBOX.c.sent_at)
            .where(OUTBOX.c.dossier_id.in_([d for d, _, _, _ in confirmed])))
            if sent_at is None}
        session.execute(update(DOSSIERS).where(DOSSIERS.c.id == bindparam("d")).values(
            server_revision=bindparam("r"), sync_state=bindparam("s")),
            [{"d": d, "r": r, "s": "local" if d in newer else "synced"}
             for d, _, r, _ in confirmed])
        mark_transmitted(session, [(d, p) for d, _, _, p in confirmed], now)

    def _own_echo(self, session: Session, dossier_id: str, server: Mapping[str, Any],
                  now: datetime) -> bool:
        """True (and confirmed) when the store's version is one this workstation sent itself,
        e.g. accepted just before a crash kept it from being marked sent."""
        revision = server.get("revision")
        if not isinstance(revision, int):
            return False
        for outbox_id, payload in session.execute(select(OUTBOX.c.id, OUTBOX.c.payload).where(
                OUTBOX.c.dossier_id == dossier_id, OUTBOX.c.revision == revision,
                OUTBOX.c.sent_at.is_(None))):
            if json.loads(payload) == dict(server):
                self._confirm(session, dossier_id, outbox_id, revision, now, payload)
                return True
        return False

    def _open_conflict(self, session: Session, dossier_id: str, local_payload: str,
                       server: Mapping[str, Any] | None, now: datetime) -> bool:
        """Keep both versions and their base in the ledger (one open conflict per dossier,
        the newest of each side); True when the conflict is new."""
        server_text = None if server is None else json.dumps(server, ensure_ascii=False)
        return record_conflict(session, dossier_id, local_payload, server_text,
                               _base_text(session, dossier_id), now)

    # ------------------------------------------------------------------ pull

    def cursor(self) -> int:
        """The saved pull cursor for this store (0 before the first pull)."""
        with self.store.session() as session:
            row = session.get(SyncCursor, self.server_key)
            return row.cursor if row is not None else 0

    def _pull(self, summary: RoundSummary) -> None:
        since = self.cursor()
        while True:
            page = self._request("GET", "/sync/pull",
                                 params={"since": since, "limit": self.batch})
            changes = page.get("changes") if isinstance(page, dict) else None
            if not isinstance(changes, list):
                raise SyncError("the store's answer to a pull has no list of changes")
            cursor = int(page.get("cursor", since))
            now = self.clock()
            with self.store.transaction() as session:
                self._apply_page(session, changes, now, summary)
                row = session.get(SyncCursor, self.server_key)
                if row is None:
                    session.add(SyncCursor(server=self.server_key, cursor=cursor, updated_at=now))
                else:
                    row.cursor, row.updated_at = cursor, now
            if not page.get("more") or cursor <= since:
                return
            since = cursor

    def _apply_page_per_item(self, session: Session, changes: Sequence[Any], now: datetime,
                             summary: RoundSummary) -> None:
        """Apply a pulled page one change at a time, each in its own savepoint."""
        known = self._server_revisions(session, changes)
        for change in changes:
            self._apply_one(session, change, known, now, summary)

    def _apply_page(self, session: Session, changes: Sequence[Any], now: datetime,
                    summary: RoundSummary) -> None:
        """Apply a pulled page: the changes that need no merge in bulk, the others (and
        every change of a bulk write that failed) one at a time (app.sync.pull_apply)."""
        pull_apply.apply_page(session, changes, now, summary, self._apply_one)

    def _apply_one(self, session: Session, change: Any, known: Mapping[str, int],
                   now: datetime, summary: RoundSummary) -> None:
        """Apply one pulled change (a tombstone, a stub of our own, a dossier) by itself."""
        if isinstance(change, dict) and change.get("erased") is True:
            self._apply_tombstone(session, change, now, summary)
        elif not _already_known(change, known):
            if isinstance(change, dict) and change.get("own"):
                # a stub of a version this workstation stored but does not hold
                # (say, its local store was restored): the whole dossier, then
                change = self._request("GET", f"/dossiers/{change.get('id')}")
            workstation.apply_pulled(self, self._apply_change, session, change, now, summary)
        summary.pulled += 1

    @staticmethod
    def _apply_tombstone(session: Session, change: Mapping[str, Any], now: datetime,
                         summary: RoundSummary) -> None:
        """The store erased a dossier: delete it here, unsent changes too (the tombstone
        wins), and say so when there were some."""
        dossier_id = str(change.get("id")).lower()
        number = session.scalar(select(DOSSIERS.c.number).where(DOSSIERS.c.id == dossier_id))
        unsent = session.scalar(select(OUTBOX.c.id).where(
            OUTBOX.c.dossier_id == dossier_id, OUTBOX.c.sent_at.is_(None),
            OUTBOX.c.kind != erasure.ERASE_KIND).limit(1)) is not None
        reason = str(change.get("reason") or "demande_personne")[:30]
        with session.begin_nested():
            if erasure.apply_tombstone(session, dossier_id, reason, now):
                summary.erased += 1
        if unsent:
            summary.notices.append(f"dossier {number or dossier_id} was erased on the central "
                                   "store; the changes made here were dropped")

    @staticmethod
    def _server_revisions(session: Session, changes: Sequence[Any]) -> dict[str, int]:
        """The store revision this workstation already holds of each pulled dossier it has."""
        ids = [str(c.get("id")).lower() for c in changes if isinstance(c, dict)]
        return {row.id: row.server_revision for row in session.execute(
            select(DOSSIERS.c.id, DOSSIERS.c.server_revision).where(
                DOSSIERS.c.id.in_(ids), DOSSIERS.c.server_revision.is_not(None)))}

    def _apply_change(self, session: Session, change: dict[str, Any], now: datetime,
                      summary: RoundSummary) -> None:
        """Apply one pulled dossier unless this workstation has unsent changes to it."""
        dossier_id = str(change["id"]).lower()
        revision = int(change["revision"])
        if erasure.is_erased(session, dossier_id):
            return  # erased here: an older version never brings it back
        local = session.execute(select(DOSSIERS.c.revision, DOSSIERS.c.server_revision)
                                .where(DOSSIERS.c.id == dossier_id)).first()
        if local is not None and local.server_revision is not None \
                and revision <= local.server_revision:
            return  # already known (our own push coming back, or older)
        unsent = session.execute(select(OUTBOX.c.payload).where(
            OUTBOX.c.dossier_id == dossier_id, OUTBOX.c.sent_at.is_(None))
            .order_by(OUTBOX.c.id.desc()).limit(1)).scalar()
        try:  # the store's own check: a version the store accepted applies here too
            validate_record(change, load_questionnaire, today=now.date())
        except SituationError as exc:
            self._refuse_pulled(session, change, revision, str(exc), now, summary)
            return
        if unsent is not None:
            if self._own_echo(session, dossier_id, change, now):
                return
            if self._reconcile(session, dossier_id, change, now, summary):
                summary.applied += 1
            return
        if local is not None and local.revision > revision:
            # Changed here without an outbox row (e.g. demo data): never overwrite it.
            if self._reconcile(session, dossier_id, change, now, summary):
                summary.applied += 1
            return
        if local is None or revision > local.revision:
            before = None if local is None else follow_ups(session, dossier_id)
            try:
                with session.begin_nested():
                    import_records(session, [change], write_outbox=False, now=now)
            except (ValueError, KeyError, TypeError) as exc:
                self._refuse_pulled(session, change, revision, str(exc), now, summary)
                return
            summary.applied += 1
            if before is not None:
                summary.partner_updates += partner_updates(dossier_id, before, change)
        set_bases(session, [(dossier_id, revision, json.dumps(change, ensure_ascii=False))])
        session.execute(update(DOSSIERS).where(DOSSIERS.c.id == dossier_id).values(
            server_revision=revision, sync_state="synced"))
        mark_transmitted(session, [(dossier_id, change)], now)  # the store holds it

    @staticmethod
    def _refuse_pulled(session: Session, change: Mapping[str, Any], revision: int, problem: str,
                       now: datetime, summary: RoundSummary) -> None:
        """A pulled version that cannot be applied here: quarantined with the reason."""
        dossier_id = str(change.get("id")).lower()
        reason = f"the store's version cannot be applied here: {problem}"
        record_refusal(session, dossier_id, revision, reason, now)
        summary.errors.append(f"dossier {change.get('number', dossier_id)}: {reason}")

    # ------------------------------------------------------------------ merging

    def _reconcile(self, session: Session, dossier_id: str, server: dict[str, Any],
                   now: datetime, summary: RoundSummary) -> bool:
        """Merge the store's ``server`` version into the local dossier three-way. True when
        it merged by itself (a new local revision, based on the store's, waits in the
        outbox); False when a field changed differently on both sides: the conflict is kept
        for a person, nothing overwritten."""
        current = find_dossier(session, dossier_id)
        if current is None:
            return False
        local = to_export(current)
        base = payload_dict(_base_text(session, dossier_id))
        result = merge3(base, local, server)
        if result.conflicts:
            summary.conflicts += self._open_conflict(
                session, dossier_id, json.dumps(local, ensure_ascii=False), server, now)
            return False
        self._write_merge(session, dossier_id, local, server, result.merged, now, agent=None)
        summary.merged += 1
        return True

    def _write_merge(self, session: Session, dossier_id: str, local: Mapping[str, Any],
                     server: Mapping[str, Any], merged: dict[str, Any], now: datetime, *,
                     agent: str | None) -> None:
        """Store ``merged`` as a new local revision based on the store's ``server`` version
        (its outbox row goes out next) and close the dossier's open conflict."""
        merged["revision"] = max(int(local["revision"]), int(server["revision"])) + 1
        merged["updated_at"] = now.isoformat()
        with session.begin_nested():
            import_records(session, [merged], write_outbox=True, agent=agent, now=now)
        set_bases(session, [(dossier_id, int(server["revision"]),
                              json.dumps(server, ensure_ascii=False))])
        session.execute(update(DOSSIERS).where(DOSSIERS.c.id == dossier_id).values(
            server_revision=int(server["revision"]), sync_state="local"))
        mark_transmitted(session, [(dossier_id, server)], now)  # what the store holds
        close_conflicts(session, dossier_id, now)

    # ------------------------------------------------------------------ conflicts

    def open_conflict(self, dossier_id: str) -> ConflictVersions | None:
        """The three versions of a dossier's open conflict, or None.

        The local version is the dossier as it is now on this workstation.
        """
        conflict = stored_conflict(self.store, dossier_id)
        if conflict is None:
            return None
        if conflict.server is None:
            raise SyncError(f"dossier {conflict.number}: the store's version of the "
                            "conflict is unknown; sync again")
        return ConflictVersions(conflict.base, conflict.local, conflict.server)

    def conflict_differences(self, dossier_id: str) -> list[FieldDifference]:
        """The fields a person has to choose between (changed differently on both sides),
        for an open conflict."""
        versions = self.open_conflict(dossier_id)
        if versions is None:
            raise LookupError(f"no open conflict for dossier {dossier_id}")
        return differences(versions.local, versions.server, versions.base)

    def resolve_conflict(self, dossier_id: str, choices: Mapping[str, Choice], *,
                         agent: str | None = None) -> dict[str, Any]:
        """Merge the versions three-way with a person's choice for each field changed
        differently on both sides (see :mod:`app.sync.merge`), store the result as a new
        local revision based on the store's (with its outbox row) and close the conflict.

        Returns the merged record. LookupError without an open conflict; ValueError when a
        conflicting field has no choice, or a choice names no conflict.
        """
        versions = self.open_conflict(dossier_id)
        if versions is None:
            raise LookupError(f"no open conflict for dossier {dossier_id}")
        merged = resolve(versions.base, versions.local, versions.server, choices)
        now = self.clock()
        with self.store.transaction() as session:
            self._write_merge(session, dossier_id, versions.local, versions.server, merged, now,
                              agent=agent)
        return merged

    # ------------------------------------------------------------------ reading state

    def state_of(self, dossier_id: str) -> str | None:
        """The dossier's sync state as shown to the agent (a ``synced`` dossier changed since
        is ``local``); None for an unknown dossier."""
        return state_of(self.store, dossier_id)

    def quarantine(self) -> list[Refusal]:
        """Open quarantine entries, oldest first."""
        return open_refusals(self.store)
