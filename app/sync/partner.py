"""The partner side of the central store: a partner agent's inbox of oriented dossiers and the
follow-up it sends back to the counter (``/partner/...`` routes).

The store decides what a partner sees (its organisme's consented orientations, only the fields
that organisme needs); this client only turns the answers into typed values and every failure
into a :class:`PartnerError` whose ``kind`` says what happened and what to do:

- ``expired``: the token was refused (401) — sign in again;
- ``gone``: the dossier is no longer visible (404), e.g. its consent was revoked;
- ``invalid``: the store refused the follow-up (422); ``field`` names the field;
- ``forbidden``: the account is not a partner's (403);
- ``unreachable``: network failure (after retries, for reads);
- ``server``: any other answer.

Reads (GET) are retried on network failures and 502/503/504 with exponential backoff and jitter,
as the SyncClient does; a follow-up (POST) is sent once — the agent decides whether to resend.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, Literal

import httpx

from app.sync.retry import Backoff, Unreachable

# The statuses a partner may send are app.forms.codes.PARTNER_STATUSES, its outcomes
# ORIENTATION_OUTCOMES; the store checks them.
NOTE_MAX = 2000
# Rows a page of the list holds, and the most the store sends in one (app.server.services.inbox).
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

ErrorKind = Literal["expired", "gone", "invalid", "forbidden", "unreachable", "server"]

_MESSAGES: dict[str, str] = {
    "expired": "Votre session a expiré : reconnectez-vous.",
    "gone": "Ce dossier n’est plus visible : le consentement a pu être retiré.",
    "invalid": "Le serveur central a refusé le suivi",
    "forbidden": "Ce compte n’est pas un compte partenaire.",
    "unreachable": "Le serveur central est injoignable. Vérifiez le réseau, puis réessayez.",
    "server": "Le serveur central a répondu par une erreur",
}


class PartnerError(Exception):
    """A partner request failed. ``str(error)`` is a French sentence for the agent; ``kind``
    (see the module docstring) lets a translated interface pick its own; ``field`` and
    ``detail`` carry the store's reason for ``invalid`` and ``server``."""

    def __init__(self, kind: ErrorKind, detail: str = "", *, field: str | None = None,
                 status: int | None = None) -> None:
        self.kind: ErrorKind = kind
        self.detail = detail
        self.field = field
        self.status = status
        message = _MESSAGES[kind]
        if kind in ("invalid", "server") and detail:
            message = f"{message} : {detail}"
        elif kind in ("invalid", "server"):
            message += "."
        super().__init__(message)


@dataclass(frozen=True)
class Aid:
    """An aid of the partner's organisme the dossier is eligible to, with the rule's reasons
    (codes such as ``Q01=dette``; the interface puts them in words)."""

    code: str
    title: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ConsentInfo:
    """The worker's consent to this organisme, as recorded at the counter."""

    mode: str | None
    text_version: str | None
    text_hash: str | None
    at: datetime | None


@dataclass(frozen=True)
class FollowUp:
    """The organisme's follow-up of its orientation (the status the counter sees), and the
    counter's note to the organisme (issue 16)."""

    status: str
    outcome: str | None
    note: str
    updated_at: datetime | None
    counter_note: str | None = None


@dataclass(frozen=True)
class PartnerDossier:
    """A dossier as the partner's organisme may see it (``partner_view`` on the store)."""

    id: str
    number: str
    revision: int
    urgent: bool
    organisme: str
    identity: Mapping[str, Any]
    profile: Mapping[str, Any]
    aids: tuple[Aid, ...]
    consent: ConsentInfo
    follow_up: FollowUp
    # The answers behind this organisme's aids (``{"Q01": "dette"}``), the only ones it sees,
    # and the urgency reasons among them (``Q04=non``); the urgency of other answers is a flag.
    answers: Mapping[str, str] = field(default_factory=dict)
    urgent_reasons: tuple[str, ...] = ()
    # Issue 16: the organisme's own appointments (``rendez_vous`` items: id, at, duration, mode,
    # place, bring, by, status, created_at, updated_at; kind and organisme added), in time
    # order, and whether the orientation is « sans nouvelle » (no action of the organisme for
    # the central store's number of working days, 10 by default).
    appointments: tuple[Mapping[str, Any], ...] = ()
    sans_nouvelle: bool = False

    @property
    def counter_note(self) -> str | None:
        """The counter's note to the organisme on this orientation, if it wrote one."""
        return self.follow_up.counter_note

    @property
    def display_name(self) -> str:
        """« NOM Prénom » as far as the organisme sees it, or '' when it sees no name."""
        nom = str(self.identity.get("nom") or "").strip()
        prenom = str(self.identity.get("prenom") or "").strip()
        return " ".join(part for part in (nom.upper(), prenom) if part)

    @classmethod
    def from_json(cls, data: Any) -> PartnerDossier:
        """Parse one dossier of the store's answer; PartnerError(``server``) when malformed."""
        try:
            if not isinstance(data, Mapping):
                raise TypeError("a dossier is not an object")
            orientation = data["orientation"]
            consent = data.get("consent") or {}
            return cls(
                id=str(uuid.UUID(str(data["id"]))),
                number=_text(data["number"]),
                revision=int(data["revision"]),
                urgent=bool(data.get("urgent")),
                organisme=_text(data["organisme"]),
                identity=dict(_mapping(data.get("identity"))),
                profile=dict(_mapping(data.get("profile"))),
                aids=tuple(Aid(_text(a["code"]), _text(a.get("title") or a["code"]),
                               tuple(str(r) for r in a.get("reasons") or ()))
                           for a in data.get("aids") or ()),
                consent=ConsentInfo(_optional_text(consent.get("mode")),
                                    _optional_text(consent.get("text_version")),
                                    _optional_text(consent.get("text_hash")),
                                    _datetime(consent.get("at"))),
                follow_up=FollowUp(_text(orientation["status"]),
                                   _optional_text(orientation.get("outcome")),
                                   str(orientation.get("note") or ""),
                                   _datetime(orientation.get("updated_at")),
                                   _optional_text(orientation.get("counter_note")) or None),
                answers={str(q): str(c) for q, c in _mapping(data.get("answers")).items()},
                urgent_reasons=tuple(str(r) for r in data.get("urgent_reasons") or ()),
                appointments=tuple(
                    {**_appointment(a), "kind": "rendez_vous",
                     "organisme": _text(data["organisme"])}
                    for a in data.get("appointments") or ()),
                sans_nouvelle=bool(data.get("sans_nouvelle")),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise PartnerError("server", f"réponse inattendue ({exc})") from exc


@dataclass(frozen=True)
class InboxRow:
    """A row of the organisme's list as the store sends it (issue 18): what the list shows;
    the dossier itself is read with :meth:`PartnerClient.dossier` when the agent opens it."""

    id: str
    number: str
    revision: int
    urgent: bool
    name: str
    follow_up: FollowUp
    sans_nouvelle: bool = False

    @property
    def display_name(self) -> str:
        """« NOM Prénom » as far as the organisme sees it, or ''."""
        return self.name

    @classmethod
    def from_json(cls, data: Any) -> InboxRow:
        """Parse one row of ``GET /partner/dossiers``; PartnerError(``server``) when
        malformed."""
        try:
            item = _mapping(data)
            return cls(id=str(uuid.UUID(str(item["id"]))), number=_text(item["number"]),
                       revision=int(item["revision"]), urgent=bool(item.get("urgent")),
                       name=str(item.get("name") or ""),
                       follow_up=FollowUp(_text(item["status"]),
                                          _optional_text(item.get("outcome")),
                                          str(item.get("note") or ""),
                                          _datetime(item.get("updated_at"))),
                       sans_nouvelle=bool(item.get("sans_nouvelle")))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise PartnerError("server", f"réponse inattendue ({exc})") from exc

    @classmethod
    def of(cls, dossier: PartnerDossier) -> InboxRow:
        """The row of a dossier the store just sent whole (after a follow-up)."""
        return cls(dossier.id, dossier.number, dossier.revision, dossier.urgent,
                   dossier.display_name, replace(dossier.follow_up, counter_note=None),
                   dossier.sans_nouvelle)


@dataclass(frozen=True)
class InboxPage:
    """Rows of the list in its order (urgent first, then by number) and the cursor of the rows
    after them (None when there are none)."""

    rows: tuple[InboxRow, ...]
    next: str | None


def _appointment(value: Any) -> dict[str, Any]:
    item = dict(_mapping(value))
    _text(item.get("id"))
    if _datetime(item.get("at")) is None:
        raise ValueError("an appointment has no time")
    return item


@dataclass(frozen=True)
class Reorientation:
    """The store's answer to a re-orientation: ``transmise`` (the worker had consented: the
    organisme sees the dossier now) or ``a_transmettre`` (the counter asks the worker first)."""

    dossier_id: str
    revision: int
    organisme: str
    status: str
    consent_given: bool

    @property
    def transmitted(self) -> bool:
        return self.status == "transmise"


@dataclass(frozen=True)
class AgendaEntry:
    """One appointment of the organisme's agenda, with the dossier and the person as far as
    the organisme sees them."""

    id: str
    at: datetime
    duration: int
    mode: str
    place: str
    bring: str
    by: str
    status: str
    dossier_id: str
    dossier_number: str
    name: str
    telephone: str
    urgent: bool
    organisme: str
    kind: str = "rendez_vous"

    @classmethod
    def from_json(cls, data: Any) -> AgendaEntry:
        """Parse one item of ``GET /partner/agenda``; PartnerError(``server``) when
        malformed."""
        try:
            item = _mapping(data)
            at = _datetime(item.get("at"))
            if at is None:
                raise ValueError("an appointment has no time")
            return cls(id=_text(item["id"]), at=at, duration=int(item.get("duration") or 0),
                       mode=_text(item["mode"]), place=str(item.get("place") or ""),
                       bring=str(item.get("bring") or ""), by=str(item.get("by") or ""),
                       status=_text(item["status"]),
                       dossier_id=str(uuid.UUID(str(item["dossier_id"]))),
                       dossier_number=_text(item["number"]), name=str(item.get("name") or ""),
                       telephone=str(item.get("telephone") or ""),
                       urgent=bool(item.get("urgent")), organisme=_text(item["organisme"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise PartnerError("server", f"réponse inattendue ({exc})") from exc


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{value!r} is not a text")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _mapping(value: Any) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"{value!r} is not an object")
    return value


def _datetime(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _detail(response: httpx.Response) -> tuple[str, str | None]:
    """The store's reason and the field it names (``field: reason`` or ``errors[0].field``)."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300], None
    if not isinstance(body, Mapping):
        return str(body)[:300], None
    detail = str(body.get("detail") or "")
    field = body.get("field")
    errors = body.get("errors")
    if not field and isinstance(errors, list) and errors and isinstance(errors[0], Mapping):
        field = errors[0].get("field")
    if not field and ":" in detail:
        head = detail.split(":", 1)[0].strip()
        if head.isidentifier():
            field = head
    return detail, (str(field) if field else None)


class PartnerClient:
    """A partner agent's requests to the central store behind ``http``.

    ``http`` is an ``httpx.Client`` whose base URL is the store (tests pass FastAPI's
    ``TestClient``); ``token`` the bearer token or a function returning it. Reads are retried
    ``max_retries`` times after the first attempt, sleeping ``backoff * 2**n`` seconds plus up to
    a quarter more of jitter, at most ``max_backoff``.
    """

    def __init__(self, http: httpx.Client, token: str | Callable[[], str], *,
                 sleep: Callable[[float], None] = time.sleep, max_retries: int = 5,
                 backoff: float = 0.5, max_backoff: float = 30.0,
                 jitter: Callable[[], float] = random.random) -> None:
        self.http = http
        self._token = token
        self.retry = Backoff(retries=max_retries, base=backoff, ceiling=max_backoff,
                             sleep=sleep, jitter=jitter)

    @property
    def token(self) -> str:
        return self._token() if callable(self._token) else self._token

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt + 1`` (exponential, with jitter)."""
        return self.retry.delay(attempt)

    # ------------------------------------------------------------------ requests

    def inbox(self, *, after: str | None = None, limit: int = PAGE_SIZE, q: str = "",
              status: str | None = None) -> InboxPage:
        """One page of the dossiers oriented to the agent's organisme with its consent, in the
        store's order (urgent first, then by number), after the cursor ``after`` (the ``next``
        of the previous page); only those whose number or names hold every word of ``q``, and
        of the follow-up ``status`` (``open``, ``sans_nouvelle``, or a status) when given."""
        params: dict[str, Any] = {"limit": limit}
        if after:
            params["after"] = after
        if q.strip():
            params["q"] = q.strip()
        if status:
            params["status"] = status
        body = self._request("GET", "/partner/dossiers", params=params)
        items = body.get("items") if isinstance(body, Mapping) else None
        cursor = body.get("next") if isinstance(body, Mapping) else None
        if not isinstance(items, list) or not (cursor is None or isinstance(cursor, str)):
            raise PartnerError("server", "réponse inattendue (pas de liste de dossiers)")
        return InboxPage(tuple(InboxRow.from_json(item) for item in items), cursor or None)

    def inbox_rows(self, *, q: str = "", status: str | None = None,
                   at_least: int = PAGE_SIZE) -> InboxPage:
        """The list's first rows, page after page until ``at_least`` rows (or the end): a
        refresh of a list whose reader had shown more than one page."""
        rows: list[InboxRow] = []
        after: str | None = None
        while True:
            page = self.inbox(after=after, q=q, status=status,
                              limit=min(MAX_PAGE_SIZE, max(PAGE_SIZE, at_least - len(rows))))
            rows += page.rows
            after = page.next
            if after is None or len(rows) >= at_least:
                return InboxPage(tuple(rows), after)

    def dossier(self, dossier_id: str) -> PartnerDossier:
        """One dossier; PartnerError(``gone``) when it is not (or no longer) visible."""
        return PartnerDossier.from_json(
            self._request("GET", f"/partner/dossiers/{_dossier_path(dossier_id)}"))

    def update(self, dossier_id: str, status: str, outcome: str | None = None,
               note: str = "") -> PartnerDossier:
        """Send the follow-up; returns the dossier as the store now holds it. The store checks
        it (``invalid`` with the field otherwise): status one of ``PARTNER_STATUSES``, outcome
        one of ``ORIENTATION_OUTCOMES`` (app.forms.codes) when and only when the status is
        ``cloturee``, note of at most 2000 characters."""
        body = {"status": status, "outcome": outcome, "note": note}
        return PartnerDossier.from_json(self._request(
            "POST", f"/partner/dossiers/{_dossier_path(dossier_id)}/orientation", json=body))

    def set_appointment(self, dossier_id: str, *, at: datetime | str, mode: str,
                        duration: int = 30, place: str = "", bring: str = "", by: str = "",
                        status: str = "propose", id: str | None = None) -> PartnerDossier:
        """Propose, set, move, cancel or close one of the organisme's appointments (without
        ``id``: a new one); returns the dossier as the store now holds it (its
        ``appointments``). ``at``: an aware date and time (or its ISO text); ``mode`` one of
        ``APPOINTMENT_MODES``, ``status`` one of ``APPOINTMENT_STATUSES`` (app.forms.codes);
        ``invalid`` with the field when the store refuses it."""
        if isinstance(at, datetime):
            if at.tzinfo is None or at.utcoffset() is None:
                raise PartnerError("invalid", "at: expected a date and time with its time "
                                              "zone", field="at")
            at = at.isoformat()
        body: dict[str, Any] = {"at": at, "duration": duration, "mode": mode, "place": place,
                                "bring": bring, "by": by, "status": status}
        if id:
            body["id"] = id
        answer = self._request(
            "POST", f"/partner/dossiers/{_dossier_path(dossier_id)}/appointments", json=body)
        dossier = answer.get("dossier") if isinstance(answer, Mapping) else None
        return PartnerDossier.from_json(dossier)

    def reorient(self, dossier_id: str, organisme: str, note: str = "") -> Reorientation:
        """Re-orient the dossier to another organisme: transmitted at once when the worker
        consented to it, else a request the counter takes to the worker (see
        :class:`Reorientation`)."""
        answer = self._request(
            "POST", f"/partner/dossiers/{_dossier_path(dossier_id)}/reorient",
            json={"organisme": organisme, "note": note})
        try:
            return Reorientation(str(answer["id"]), int(answer["revision"]),
                                 _text(answer["organisme"]), _text(answer["status"]),
                                 bool(answer.get("consent_given")))
        except (KeyError, TypeError, ValueError) as exc:
            raise PartnerError("server", f"réponse inattendue ({exc})") from exc

    def agenda(self, first: date, last: date | None = None) -> list[AgendaEntry]:
        """The organisme's appointments from the day ``first`` to ``last`` (included; default
        ``first``), French local days, in time order."""
        last = first if last is None else last
        body = self._request("GET", "/partner/agenda",
                             params={"from": first.isoformat(), "to": last.isoformat()})
        items = body.get("appointments") if isinstance(body, Mapping) else None
        if not isinstance(items, list):
            raise PartnerError("server", "réponse inattendue (pas de liste de rendez-vous)")
        return [AgendaEntry.from_json(item) for item in items]

    def logout(self) -> None:
        """Revoke the token on the store (an already refused token counts as revoked)."""
        try:
            self._request("POST", "/auth/logout")
        except PartnerError as exc:
            if exc.kind != "expired":
                raise

    # ------------------------------------------------------------------ HTTP

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self.retry.send(self.http, method, path, retry=method == "GET",
                                       headers={"Authorization": f"Bearer {self.token}"},
                                       **kwargs)
        except Unreachable as exc:
            raise PartnerError("unreachable", str(exc)) from None
        return self._answer(response)

    @staticmethod
    def _answer(response: httpx.Response) -> Any:
        status = response.status_code
        if status == 200:
            try:
                return response.json()
            except ValueError as exc:
                raise PartnerError("server", "réponse illisible", status=status) from exc
        detail, field = _detail(response)
        if status == 401:
            raise PartnerError("expired", detail, status=status)
        if status == 403:
            raise PartnerError("forbidden", detail, status=status)
        if status == 404:
            raise PartnerError("gone", detail, status=status)
        if status == 422:
            raise PartnerError("invalid", detail, field=field, status=status)
        raise PartnerError("server", f"{status} {detail}".strip(), status=status)


def _dossier_path(dossier_id: str) -> str:
    """The dossier's UUID for a path; ``gone`` for anything else (no such dossier)."""
    try:
        return str(uuid.UUID(str(dossier_id)))
    except ValueError:
        raise PartnerError("gone", f"{dossier_id!r} is not a dossier id") from None


__all__ = ["NOTE_MAX", "PAGE_SIZE", "Aid", "AgendaEntry", "ConsentInfo", "FollowUp",
           "InboxPage", "InboxRow", "PartnerClient", "PartnerDossier", "PartnerError",
           "Reorientation"]
