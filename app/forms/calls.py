"""The call list's rules, written once for the workstation and the central store (issue 16).

A *signal* is an alert about a worker; the signals of one worker (same SIRET or same NIR) make
one *entry* of a site's call list. An *attempt* is one call to that worker and moves the entry
on (:func:`apply_attempt`). Entries are ranked for « prendre le suivant » by :func:`rank_key`
among those :func:`is_available` says may be taken now.

Everything here is pure: dicts in, dicts out, no database, no clock (``now`` is passed in).
:func:`check_signal`, :func:`check_attempt` and :func:`check_link` validate the dicts that
travel over HTTP and raise :class:`ValueError` (``SituationError``) naming the field and what is
allowed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from app.forms.codes import CALL_ENTRY_DONE, CALL_OUTCOMES, SIGNAL_SOURCES, SIGNAL_TYPES
from app.forms.evaluation import SituationError
from app.forms.identity import (
    ALLOWED_EN,
    check_email,
    check_name,
    check_nir,
    check_phone,
    check_postal_code,
    check_siret,
    normalize_name,
    normalize_nir,
    normalize_phone,
    normalize_siret,
)
from app.forms.records import check_plain_data, shown

# How urgent each kind of alert is: an entry's score is the highest of its signals'.
TYPE_WEIGHT: Final[dict[str, int]] = {
    "procedure_collective": 5,
    "incident_paiement": 4,
    "dette": 3,
    "baisse_activite": 2,
    "alerte_partenaire": 2,
    "autre": 1,
}
MAX_UNANSWERED: Final = 3  # unanswered attempts before a letter is proposed
RETRY_DELAY: Final = timedelta(days=1)  # after an unanswered attempt, before the next one
CLAIM_MINUTES: Final = 20  # how long a taken entry stays with its workstation
CLAIM_MINUTES_MAX: Final = 120

REFERENCE_MAX: Final = 100
COMMENT_MAX: Final = 500
NOTE_MAX: Final = 500
AGENT_MAX: Final = 100
AMOUNT_MAX_CENTS: Final = 10**13  # a hundred billion euros: beyond any social debt
WORKSTATION_RE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]{0,15}$")

SIGNAL_KEYS: Final = ("id", "source", "reference", "type", "date", "siret", "nir", "nom",
                      "prenom", "telephone", "email", "code_postal", "commune", "montant_cents",
                      "commentaire", "entry_id", "dossier_id", "imported_at", "agent")
ATTEMPT_KEYS: Final = ("id", "entry_id", "at", "agent", "workstation", "outcome", "callback_at",
                       "note")
LINK_KEYS: Final = ("entry_id", "dossier_id", "at", "agent")
# The identity a signal may carry about its worker (as in a dossier's identity).
SIGNAL_IDENTITY: Final = ("nom", "prenom", "telephone", "email", "code_postal", "commune")


# --- the rules ---------------------------------------------------------------------------

def when(value: object) -> datetime | None:
    """A timezone-aware UTC datetime from an ISO text or a datetime (naive read as UTC)."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def apply_attempt(entry: Mapping[str, Any], attempt: Mapping[str, Any]) -> dict[str, Any]:
    """The entry's state after ``attempt`` (a copy; ``entry`` is not changed).

    joint, refus, deja_accompagne: the entry is done with that status. injoignable: one more
    unanswered call, the next one not before ``at`` + :data:`RETRY_DELAY`, and a letter
    (« courrier ») once :data:`MAX_UNANSWERED` calls went unanswered. rappel_demande: a
    call-back at ``callback_at``. Times are kept in the form they came in (ISO text or
    datetime), except ``next_attempt_at`` which takes the form of ``at``."""
    out = dict(entry)
    outcome = attempt["outcome"]
    if outcome not in CALL_OUTCOMES:
        raise SituationError("outcome", f"{shown(outcome)} is not allowed; expected one of "
                                        + ", ".join(CALL_OUTCOMES))
    out["next_attempt_at"] = None
    out["callback_at"] = None
    if outcome == "injoignable":
        unanswered = int(entry.get("unanswered") or 0) + 1
        out["unanswered"] = unanswered
        at = attempt["at"]
        retry = when(at)
        assert retry is not None
        retry += RETRY_DELAY
        out["next_attempt_at"] = retry if isinstance(at, datetime) else retry.isoformat()
        out["status"] = "courrier" if unanswered >= MAX_UNANSWERED else "a_appeler"
    elif outcome == "rappel_demande":
        out["status"] = "rappel"
        out["callback_at"] = attempt.get("callback_at")
    else:
        out["status"] = outcome
    return out


def entry_figures(signals: Iterable[Mapping[str, Any]]) -> tuple[int, int, date | None]:
    """``(score, amount_cents, oldest)`` of an entry holding ``signals``: the highest weight of
    their types, the sum of their amounts (missing amounts count 0), their earliest date
    (``None`` for no signal)."""
    score = 0
    amount = 0
    oldest: date | None = None
    for signal in signals:
        score = max(score, TYPE_WEIGHT.get(str(signal.get("type")), 0))
        amount += int(signal.get("montant_cents") or 0)
        day = _day(signal["date"])
        oldest = day if oldest is None or day < oldest else oldest
    return score, amount, oldest


def is_done(entry: Mapping[str, Any]) -> bool:
    return entry.get("status") in CALL_ENTRY_DONE


def claim_holder(entry: Mapping[str, Any], now: datetime) -> str | None:
    """The workstation holding an unexpired claim on ``entry`` at ``now``, or ``None``."""
    holder = entry.get("claimed_by")
    if not holder:
        return None
    expires = when(entry.get("claim_expires_at"))
    moment = when(now)
    if expires is not None and moment is not None and expires < moment:
        return None
    return str(holder)


def is_available(entry: Mapping[str, Any], now: datetime, me: str | None) -> bool:
    """May workstation ``me`` take ``entry`` at ``now``: not done, not claimed by another
    workstation (or that claim expired), its next attempt and its call-back due."""
    if is_done(entry):
        return False
    holder = claim_holder(entry, now)
    if holder is not None and holder != me:
        return False
    moment = when(now)
    assert moment is not None
    for key in ("next_attempt_at", "callback_at"):
        due = when(entry.get(key))
        if due is not None and due > moment:
            return False
    return True


def rank_key(entry: Mapping[str, Any], now: datetime) -> tuple[Any, ...]:
    """Sort key of « prendre le suivant »: due call-backs first (earliest first), then the
    highest score, the largest amount, the oldest signal, and the id so the order is total."""
    callback = when(entry.get("callback_at"))
    moment = when(now)
    assert moment is not None
    due = callback is not None and callback <= moment
    oldest = entry.get("oldest")
    oldest_key = _day(oldest).isoformat() if oldest not in (None, "") else "9999-12-31"
    return (
        0 if due else 1,
        callback.isoformat() if due and callback is not None else "",
        -int(entry.get("score") or 0),
        -int(entry.get("amount_cents") or 0),
        oldest_key,
        str(entry.get("id") or ""),
    )


def ranked(entries: Iterable[Mapping[str, Any]], now: datetime,
           me: str | None) -> list[Mapping[str, Any]]:
    """The entries ``me`` may take at ``now``, best first."""
    return sorted((e for e in entries if is_available(e, now, me)),
                  key=lambda e: rank_key(e, now))


# --- validation of what travels over HTTP ------------------------------------------------

def _fail(field_name: str, problem: str) -> SituationError:
    return SituationError(field_name, problem)


def _mapping(raw: object, where: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise _fail(where, "expected a JSON object")
    check_plain_data(raw, where)
    unknown = sorted(str(key) for key in raw if key not in allowed)
    if unknown:
        raise _fail(unknown[0][:40], "unknown key; expected only " + ", ".join(allowed))
    return raw


def _uuid(value: object, field_name: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, str):
        try:
            parsed = uuid.UUID(value)
        except ValueError:
            pass
        else:
            if str(parsed) == value.lower():
                return str(parsed)
    raise _fail(field_name, f"{shown(value)} is not allowed; expected a UUID such as "
                            "0b8e6a5e-3f0c-4f5a-9c41-2d7f1a7e9b10")


def _choice(value: object, field_name: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise _fail(field_name, f"{shown(value)} is not allowed; expected one of "
                                + ", ".join(allowed))
    return value


def _text(value: object, field_name: str, limit: int, *, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
        least = 1 if required else 0
        raise _fail(field_name, f"expected a text of {least} to {limit} characters")
    return value


def _datetime(value: object, field_name: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, str) and len(value) <= 64:
        try:
            parsed = datetime.fromisoformat(value)
            if parsed.utcoffset() is not None:
                return parsed.astimezone(UTC).isoformat()
        except (ValueError, OverflowError):
            pass
    raise _fail(field_name, f"{shown(value)} is not allowed; expected an ISO 8601 date and time "
                            "with its UTC offset, such as 2026-11-22T09:30:00+00:00")


def _date(value: object, field_name: str) -> str:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise _fail(field_name, f"{shown(value)} is not allowed; expected an ISO date YYYY-MM-DD")


def identity_field(key: str, value: object) -> tuple[str | None, str | None]:
    """``(stored value, None)`` for an acceptable value of a signal's identity field
    (``siret``, ``nir`` or one of :data:`SIGNAL_IDENTITY`; empty gives ``None``), or
    ``(None, reason)`` saying what is allowed. Checked as a dossier's identity is."""
    if value is not None and not isinstance(value, str):
        return None, f"expected {ALLOWED_EN[key]}"
    text = (value or "").strip()
    if key == "siret":
        code = check_siret(text)
    elif key == "nir":
        code = check_nir(text)
    elif key in ("nom", "prenom", "commune"):
        code = check_name(text)
    elif key == "telephone":
        code = check_phone(text)
    elif key == "email":
        code = check_email(text)
    else:
        code = check_postal_code(text)
    if code is not None:
        # The value is not shown: an identity field is personal data, and error lines end up
        # on terminals, in logs and in a push's answer (issue 13).
        return None, f"the value given is not allowed ({code.value}); expected {ALLOWED_EN[key]}"
    if not text:
        return None, None
    if key == "siret":
        return normalize_siret(text), None
    if key == "nir":
        return normalize_nir(text), None
    if key in ("nom", "prenom", "commune"):
        return normalize_name(text), None
    if key == "telephone":
        return normalize_phone(text), None
    if key == "email":
        local, _, domain = text.rpartition("@")
        return f"{local}@{domain.lower()}", None
    return text, None


NEEDS_KEY: Final = "a signal needs a SIRET or a NIR (or both)"


def check_signal_identity(data: Mapping[str, Any]) -> dict[str, str | None]:
    """``siret``, ``nir`` and the identity fields of a signal, checked as a dossier's identity
    is and normalised (compact keys, national phone); at least one of SIRET and NIR."""
    out: dict[str, str | None] = {}
    for key in ("siret", "nir", *SIGNAL_IDENTITY):
        value, reason = identity_field(key, data.get(key))
        if reason is not None:
            raise _fail(key, reason)
        out[key] = value
    if out["siret"] is None and out["nir"] is None:
        raise _fail("siret", f"{NEEDS_KEY}; expected {ALLOWED_EN['siret']}, or a nir")
    return out


def check_amount(value: object, field_name: str = "montant_cents") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= AMOUNT_MAX_CENTS:
        raise _fail(field_name, f"{shown(value)} is not allowed; expected a whole number of "
                                f"cents from 0 to {AMOUNT_MAX_CENTS}, or null")
    return value


def check_signal(d: object) -> dict[str, Any]:
    """A signal received over HTTP, checked and normalised; ValueError naming the field."""
    raw = _mapping(d, "signal", SIGNAL_KEYS)
    out: dict[str, Any] = {
        "id": _uuid(raw.get("id"), "id"),
        "source": _choice(raw.get("source"), "source", SIGNAL_SOURCES),
        "reference": _text(raw.get("reference"), "reference", REFERENCE_MAX, required=True),
        "type": _choice(raw.get("type"), "type", SIGNAL_TYPES),
        "date": _date(raw.get("date"), "date"),
    }
    out.update(check_signal_identity(raw))
    out["montant_cents"] = check_amount(raw.get("montant_cents"))
    out["commentaire"] = _text(raw.get("commentaire"), "commentaire", COMMENT_MAX)
    out["entry_id"] = _uuid(raw.get("entry_id"), "entry_id")
    out["dossier_id"] = _uuid(raw.get("dossier_id"), "dossier_id", optional=True)
    out["imported_at"] = _datetime(raw.get("imported_at"), "imported_at")
    out["agent"] = _text(raw.get("agent"), "agent", AGENT_MAX, required=True)
    return {key: out[key] for key in SIGNAL_KEYS}


def check_attempt(d: object) -> dict[str, Any]:
    """An attempt received over HTTP, checked; ``callback_at`` is required for
    ``rappel_demande`` and refused otherwise. ValueError naming the field."""
    raw = _mapping(d, "attempt", ATTEMPT_KEYS)
    outcome = _choice(raw.get("outcome"), "outcome", CALL_OUTCOMES)
    workstation = raw.get("workstation")
    if not isinstance(workstation, str) or not WORKSTATION_RE.fullmatch(workstation):
        raise _fail("workstation", f"{shown(workstation)} is not allowed; expected a "
                                   "workstation code such as REN-02")
    callback = raw.get("callback_at")
    if outcome == "rappel_demande":
        if callback is None:
            raise _fail("callback_at", "required when the outcome is rappel_demande; expected "
                                       "an ISO 8601 date and time with its UTC offset")
    elif callback is not None:
        raise _fail("callback_at", "only allowed when the outcome is rappel_demande; expected "
                                   "null")
    note = raw.get("note")
    return {
        "id": _uuid(raw.get("id"), "id"),
        "entry_id": _uuid(raw.get("entry_id"), "entry_id"),
        "at": _datetime(raw.get("at"), "at"),
        "agent": _text(raw.get("agent"), "agent", AGENT_MAX, required=True),
        "workstation": workstation,
        "outcome": outcome,
        "callback_at": _datetime(callback, "callback_at", optional=True),
        "note": _text(note, "note", NOTE_MAX) or "",
    }


def check_link(d: object) -> dict[str, Any]:
    """A link (the dossier opened from an entry) received over HTTP, checked."""
    raw = _mapping(d, "link", LINK_KEYS)
    return {
        "entry_id": _uuid(raw.get("entry_id"), "entry_id"),
        "dossier_id": _uuid(raw.get("dossier_id"), "dossier_id"),
        "at": _datetime(raw.get("at"), "at"),
        "agent": _text(raw.get("agent"), "agent", AGENT_MAX, required=True),
    }
