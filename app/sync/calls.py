"""The call list's sync with the central store (issue 16).

:class:`CallSync` sends what this workstation wrote (signals, call attempts, links: rows with
``sent_at`` NULL) to ``POST /calls/push`` and follows the aliases the store answers (a
provisional entry it grouped into one of its own); it reads ``GET /calls/changes`` from its own
cursor (a ``sync_cursor`` row of its own) and mirrors the site's entries. It also asks the store
for claims (``POST /calls/entries/{id}/claim|release``): only the store grants one when a store
is configured, so two workstations never call the same worker at once.

A sync round (app.sync.client) runs :meth:`CallSync.run` after the dossiers' pull; its errors
go into the round's summary like the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

import httpx

from app.forms.calls import CLAIM_MINUTES, when
from app.models import calls as store_calls
from app.models.database import Store
from app.models.entities import SyncCursor
from app.sync.errors import SyncError
from app.sync.http import answer_detail
from app.sync.retry import Backoff, Unreachable
from app.sync.summary import RoundSummary

BATCH = 500  # the store takes at most 500 items of each kind in one push
CURSOR_SUFFIX = "#calls"


class SyncClient(Protocol):
    """What the call list uses of :class:`app.sync.client.SyncClient` (named here so this
    module, which the client's round imports, does not import it back)."""

    store: Store
    http: httpx.Client
    retry: Backoff
    clock: Callable[[], datetime]
    server_key: str

    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response: ...

    def _headers(self) -> dict[str, str]: ...


class ClaimRefused(Exception):
    """Another workstation holds the entry (``claimed_by``) until ``until``."""

    def __init__(self, message: str, claimed_by: str | None, until: datetime | None) -> None:
        super().__init__(message)
        self.message = message
        self.claimed_by = claimed_by
        self.until = until


class CallSync:
    """The call list of ``client``'s store and workstation, on the central store."""

    def __init__(self, client: SyncClient, *, batch: int = BATCH) -> None:
        self.client = client
        self.store = client.store
        self.batch = batch
        self.me = f"{self.store.site_code}-{self.store.workstation_code}"
        self.cursor_key = client.server_key + CURSOR_SUFFIX

    # ------------------------------------------------------------------ round

    def run(self, summary: RoundSummary) -> None:
        """Push, then pull; a failure is one error line of the round (the dossiers' part of
        the round is not undone)."""
        try:
            self.push(summary)
            self.pull(summary)
        except SyncError as exc:
            summary.errors.append(f"call list: {exc}")

    def _post(self, path: str, body: Mapping[str, Any] | None = None, *,
              retry: bool = True) -> httpx.Response:
        if retry:
            return self.client.send("POST", path, json=body)
        try:
            response = self.client.retry.send(self.client.http, "POST", path, retry=False,
                                              headers=self.client._headers(), json=body)
        except Unreachable as exc:
            raise SyncError(f"the central store cannot be reached ({exc})") from None
        if response.status_code == 401:
            raise SyncError("the store refused the token (expired or revoked); run "
                            "accueil-ti login again")
        return response

    def push(self, summary: RoundSummary | None = None, *, retry: bool = True) -> int:
        """Send every unsent signal, attempt and link; the number of items sent. ``retry``
        false: one attempt per request (an agent is waiting)."""
        sent = 0
        while True:
            with self.store.session() as session:
                signals, attempts, links = store_calls.unsent(session, self.batch)
            if not (signals or attempts or links):
                return sent
            body = {"signals": signals, "attempts": attempts,
                    "links": [link for _, link in links]}
            response = self._post("/calls/push", body, retry=retry)
            if response.status_code != 200:
                raise SyncError(f"POST /calls/push: the store answered {response.status_code} "
                                f"{answer_detail(response)}".rstrip())
            answer = response.json()
            if not isinstance(answer, dict):
                raise SyncError("POST /calls/push: the store's answer is not an object")
            self._apply_push(answer, signals, attempts, links, summary)
            sent += len(signals) + len(attempts) + len(links)

    def _apply_push(self, answer: Mapping[str, Any], signals: list[dict[str, Any]],
                    attempts: list[dict[str, Any]], links: list[tuple[int, dict[str, Any]]],
                    summary: RoundSummary | None) -> None:
        renames: dict[str, str] = {}
        aliases = answer.get("aliases")
        if isinstance(aliases, dict):
            renames.update({str(k): str(v) for k, v in aliases.items()})
        for signal, result in zip(signals, answer.get("signals") or [], strict=False):
            if not isinstance(result, dict):
                continue
            server_entry = result.get("entry_id")
            if result.get("status") in ("accepted", "duplicate") and isinstance(server_entry,
                                                                                   str):
                if server_entry != signal["entry_id"]:
                    renames.setdefault(signal["entry_id"], server_entry)
            elif result.get("status") == "rejected" and summary is not None:
                summary.errors.append(f"call list: a signal of source {signal['source']} was "
                                      f"refused by the store: {result.get('reason', '')}")
        for kind, items, results in (("attempt", attempts, answer.get("attempts") or []),
                                     ("link", [link for _, link in links],
                                      answer.get("links") or [])):
            for _item, result in zip(items, results, strict=False):
                if (isinstance(result, dict) and result.get("status") == "rejected"
                        and summary is not None):
                    summary.errors.append(f"call list: a call {kind} was refused by the "
                                          f"store: {result.get('reason', '')}")
        now = self.client.clock()
        with self.store.transaction() as session:
            store_calls.mark_sent(session, signals=[s["id"] for s in signals],
                                  attempts=[a["id"] for a in attempts],
                                  links=[pk for pk, _ in links], now=now)
            for old, new in renames.items():
                store_calls.rename_entry(session, old, new)

    def pull(self, summary: RoundSummary | None = None) -> int:
        """Mirror the site's entries changed since this workstation's call-list cursor; the
        number of entries applied. A store without a call list (404) or an agent without one
        (403) is not an error: there is nothing to mirror."""
        applied = 0
        since = self.cursor()
        while True:
            response = self.client.send("GET", "/calls/changes",
                                        params={"since": since, "limit": self.batch})
            if response.status_code in (403, 404):
                return applied
            if response.status_code != 200:
                raise SyncError(f"GET /calls/changes: the store answered "
                                f"{response.status_code} {answer_detail(response)}".rstrip())
            page = response.json()
            entries = page.get("entries") if isinstance(page, dict) else None
            if not isinstance(entries, list):
                raise SyncError("the store's answer to /calls/changes has no list of entries")
            cursor = int(page.get("cursor", since))
            now = self.client.clock()
            with self.store.transaction() as session:
                aliases = page.get("aliases")
                for old, new in (aliases.items() if isinstance(aliases, dict) else []):
                    store_calls.rename_entry(session, str(old), str(new))
                problems = store_calls.apply_pulled_page(
                    session, entries, site=self.store.site_code, seq=cursor, now=now)
                applied += len(entries) - len(problems)
                if summary is not None:
                    summary.errors += [f"call list: an entry of the store was not applied "
                                       f"({problem})" for problem in problems]
                self._save_cursor(session, cursor, now)
            if not page.get("more") or cursor <= since:
                return applied
            since = cursor

    def cursor(self) -> int:
        """The saved call-list cursor for this store (0 before the first pull)."""
        with self.store.session() as session:
            row = session.get(SyncCursor, self.cursor_key)
            return row.cursor if row is not None else 0

    def _save_cursor(self, session: Any, cursor: int, now: datetime) -> None:
        row = session.get(SyncCursor, self.cursor_key)
        if row is None:
            session.add(SyncCursor(server=self.cursor_key, cursor=cursor, updated_at=now))
        else:
            row.cursor, row.updated_at = cursor, now

    # ------------------------------------------------------------------ claims

    def _server_id(self, entry_id: str) -> str:
        """The id the store knows the entry by: a provisional entry is pushed first."""
        with self.store.session() as session:
            entry = store_calls.get_entry(session, entry_id)
            provisional = entry.server_seq is None
        if provisional:
            self.push(retry=False)
        with self.store.session() as session:
            return store_calls.resolve(session, entry_id)

    def _answer(self, entry_id: str, response: httpx.Response, action: str) -> dict[str, Any]:
        if response.status_code == 409:
            try:
                body = response.json()
            except ValueError:
                body = {}
            body = body if isinstance(body, dict) else {}
            holder = body.get("claimed_by")
            until = when(body.get("claim_expires_at"))
            with self.store.transaction() as session:
                entry = store_calls.get_entry(session, entry_id)
                store_calls.set_claim(entry, holder if isinstance(holder, str) else None,
                                      None, until)
            raise ClaimRefused(str(body.get("detail") or "the entry is taken"),
                               holder if isinstance(holder, str) else None, until)
        if response.status_code == 404:
            raise store_calls.UnknownEntryError(
                f"entry {entry_id!r} is not on the store's call list")
        if response.status_code != 200:
            raise SyncError(f"{action}: the store answered {response.status_code} "
                            f"{answer_detail(response)}".rstrip())
        entry = response.json()
        if not isinstance(entry, dict):
            raise SyncError(f"{action}: the store's answer is not an entry")
        with self.store.transaction() as session:
            server_id = str(entry.get("id"))
            if server_id != entry_id:
                store_calls.rename_entry(session, entry_id, server_id)
            local = session.get(store_calls.CallEntry, server_id)
            seq = local.server_seq if local is not None and local.server_seq is not None else 0
            store_calls.apply_pulled(session, entry, site=self.store.site_code, seq=seq,
                                     now=self.client.clock())
        return entry

    def claim(self, entry_id: str, minutes: int = CLAIM_MINUTES) -> dict[str, Any]:
        """Ask the store for the entry for ``minutes``: its entry dict (mirrored here), or
        ClaimRefused saying who holds it until when; SyncError when the store cannot be
        reached (one attempt: an agent is waiting)."""
        server_id = self._server_id(entry_id)
        response = self._post(f"/calls/entries/{server_id}/claim", {"minutes": minutes},
                              retry=False)
        return self._answer(server_id, response, "claim")

    def release(self, entry_id: str) -> dict[str, Any]:
        """Give the entry back on the store (only this workstation's claim is cleared)."""
        server_id = self._server_id(entry_id)
        response = self._post(f"/calls/entries/{server_id}/release", retry=False)
        return self._answer(server_id, response, "release")

    def figures(self) -> dict[str, int]:
        """The store's figures of the site's call list."""
        response = self.client.send("GET", "/calls/figures")
        if response.status_code != 200:
            raise SyncError(f"GET /calls/figures: the store answered {response.status_code} "
                            f"{answer_detail(response)}".rstrip())
        body = response.json()
        return {str(k): int(v) for k, v in body.items()} if isinstance(body, dict) else {}
