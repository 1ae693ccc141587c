"""Validation of dossier records in the export format (``accueil-ti export`` / ``import``).

:func:`validate_record` checks one untrusted record and returns it normalised, or raises
:class:`~app.forms.evaluation.SituationError` naming the first bad field and what is allowed.
It never touches a database: the import runs it on every line before writing anything.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from app.forms.codes import (
    APPOINTMENT_KINDS,
    APPOINTMENT_MODES,
    APPOINTMENT_STATUSES,
    CHANNELS,
    CONSENT_MODES,
    COUNTER_STATUSES,
    DOSSIER_STATUSES,
    ORIENTATION_OUTCOMES,
    ORIENTATION_STATUSES,
    PARTNER_STATUSES,
    PRINT_KINDS,
)
from app.forms.evaluation import SituationError, parse_answers, parse_profile
from app.forms.figures import FigureError, thaw
from app.forms.identity import ALLOWED_EN, normalize_identity, validate_identity
from app.forms.questionnaire import Questionnaire, QuestionnaireError

NUMBER_RE = re.compile(
    r"^TI-(?P<site>[A-Z]{3})-(?P<ws>\d{2})-(?P<year>\d{4})-(?P<seq>\d{6})$")
STATUSES = DOSSIER_STATUSES
OUTCOMES = ORIENTATION_OUTCOMES

# The keys of a record and of its list items: exactly what app.forms.export.build_export
# writes. Anything else (a key the store owns, such as change_seq, or one nobody knows) is
# refused, so a record holds nothing a workstation would silently drop or a store keep verbatim.
RECORD_KEYS = ("id", "number", "revision", "questionnaire", "site", "workstation", "channel",
               "status", "urgent", "agent", "created_at", "updated_at", "identity", "profile",
               "answers", "consents", "orientations", "printed", "rendez_vous")
CONSENT_KEYS = ("organisme", "given", "mode", "text_version", "text_hash", "at", "agent",
                "revoked_at", "revoked_by")
ORIENTATION_KEYS = ("organisme", "status", "outcome", "note", "updated_at", "counter_note")
PRINTED_KEYS = ("kind", "organisme", "printed_at", "agent", "content_hash", "figures")
MAX_REVISION = 2**31 - 1  # a 32-bit signed integer column, on every database
MAX_SMALL_INT = 99  # the profile's whole numbers (persons in the household)
MAX_PRINTED = 1000  # documents printed for one dossier
COUNTER_NOTE_MAX = 2000  # the counter's note to a partner on an orientation
AGENT_MAX = 100
WORKSTATION_RE = re.compile(r"^[A-Za-z0-9]{1,8}$")
_HASH_RE = re.compile(r"[0-9a-f]{64}")
_SHOWN_MAX = 40  # characters of a refused text shown back in a message

QuestionnaireLoader = Callable[[str], Questionnaire]


def _fail(field_name: str, problem: str) -> SituationError:
    return SituationError(field_name, problem)


def shown(value: object) -> str:
    """``value`` as a message may show it: short, ASCII-safe for odd text, never failing (a
    5 000-digit number cannot even be turned into text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        if -10**18 < value < 10**18:
            return str(value)
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        # repr escapes what cannot be printed, lone surrogates included
        return repr(value if len(value) <= _SHOWN_MAX else value[:_SHOWN_MAX] + "…")
    if isinstance(value, dict):
        return "a JSON object"
    if isinstance(value, list):
        return "a JSON array"
    return f"a {type(value).__name__}"


def _key(key: str) -> str:
    return key if len(key) <= _SHOWN_MAX else key[:_SHOWN_MAX] + "…"


def is_valid_text(value: str) -> bool:
    """True when ``value`` can be written as UTF-8 (no lone UTF-16 surrogate such as \\ud800,
    which JSON can carry and no database or file can store)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_text(value: str, where: str) -> None:
    if not is_valid_text(value):
        raise _fail(where, "is not valid Unicode text (it holds a lone surrogate); expected "
                           "valid Unicode text")
    if "\x00" in value:
        raise _fail(where, "contains a NUL character; expected plain text")


def _plain(raw: object) -> bool:
    """Whether ``raw`` passes :func:`check_plain_data`, found quickly: no path is built and its
    texts are checked together (a lone surrogate stays one in the joined text)."""
    texts: list[str] = []
    stack: list[object] = [raw]
    low, high = -MAX_REVISION - 1, MAX_REVISION
    pop, walk, add, add_all = stack.pop, stack.extend, texts.append, texts.extend
    while stack:
        value = pop()
        kind = type(value)  # JSON's own types first, by identity; their subclasses below
        if kind is str:
            add(value)  # type: ignore[arg-type]
        elif kind is dict:
            add_all(value)  # type: ignore[arg-type]  # keys: one not a text fails the join
            walk(value.values())  # type: ignore[attr-defined]
        elif kind is list:
            walk(value)  # type: ignore[arg-type]
        elif kind is int:
            if not low <= value <= high:  # type: ignore[operator]
                return False
        elif kind is bool or kind is float or value is None:
            continue
        elif isinstance(value, str):
            add(value)
        elif isinstance(value, dict):
            add_all(value)
            walk(value.values())
        elif isinstance(value, list):
            walk(value)
        elif isinstance(value, int) and not isinstance(value, bool) \
                and not low <= value <= high:
            return False
    try:
        joined = "".join(texts)
    except TypeError:  # a key that is not a text
        return False
    return "\x00" not in joined and is_valid_text(joined)


def check_plain_data(raw: object, root: str = "record") -> None:
    """Every text of ``raw`` (object keys included) valid Unicode without NUL, every whole
    number within 32 bits; SituationError naming the first offending place, in document order.

    Walks without recursion, so however deep the data goes it cannot overflow the stack. Data
    that passes (nearly always) is walked once without keeping paths; the walk that names the
    place runs only when something is wrong."""
    if _plain(raw):
        return
    stack: list[tuple[object, str]] = [(raw, "")]
    while stack:
        value, path = stack.pop()
        where = path or root
        if isinstance(value, str):
            _check_text(value, where)
        elif isinstance(value, bool) or value is None or isinstance(value, float):
            continue
        elif isinstance(value, int):
            if not -MAX_REVISION - 1 <= value <= MAX_REVISION:
                raise _fail(where, f"{shown(value)} is out of range; expected a whole number "
                                   f"from {-MAX_REVISION - 1} to {MAX_REVISION}")
        elif isinstance(value, dict):
            children: list[tuple[object, str]] = []
            for key, item in value.items():
                if not isinstance(key, str):
                    raise _fail(where, f"the key {shown(key)} is not a text; expected text keys")
                if not is_valid_text(key):
                    raise _fail(where, "a key is not valid Unicode text (it holds a lone "
                                       "surrogate); expected valid Unicode text")
                if "\x00" in key:
                    raise _fail(where, "a key contains a NUL character; expected plain text")
                children.append((item, f"{path}.{_key(key)}" if path else _key(key)))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([(item, f"{path}[{i}]") for i, item in enumerate(value, 1)]))


_ALLOWED_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def _known_keys(item: Mapping[str, Any], allowed: tuple[str, ...]) -> bool:
    """Whether every key of ``item`` is one of ``allowed`` (its keys are texts: checked
    before), found with one set comparison."""
    allowed_set = _ALLOWED_SETS.get(allowed)
    if allowed_set is None:
        allowed_set = _ALLOWED_SETS[allowed] = frozenset(allowed)
    return item.keys() <= allowed_set


def _only(item: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    if _known_keys(item, allowed):
        return
    unknown = sorted(key for key in item if key not in allowed)
    names = ", ".join(_key(key) for key in unknown[:10])
    if len(unknown) > 10:
        names += f" and {len(unknown) - 10} more"
    plural = "s" if len(unknown) > 1 else ""
    raise _fail(where, f"unknown or store-owned key{plural} {names}; expected only "
                       + ", ".join(allowed))


def _datetime(value: object, field_name: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, str) and len(value) <= 64:
        try:
            parsed: datetime | None = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.utcoffset() is not None:
            try:
                parsed.astimezone(UTC)  # stored in UTC: 0001-01-01T00:00+01:00 has no UTC time
            except OverflowError:
                pass
            else:
                return value
    raise _fail(field_name, f"{shown(value)} is not allowed; expected an ISO 8601 date and time "
                            "with its UTC offset, such as 2026-11-22T09:30:00+00:00")


def _choice(value: object, field_name: str, allowed: tuple[str, ...], *,
            optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise _fail(field_name, f"{shown(value)} is not allowed; expected one of "
                                + ", ".join(allowed))
    return value


def _text(value: object, field_name: str, *, optional: bool = False, limit: int = 2000) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str) or (not optional and not value.strip()) or len(value) > limit:
        raise _fail(field_name, f"expected a text of at most {limit} characters")
    return value


def _optional_text(value: object, field_name: str, limit: int) -> str | None:
    """A text of at most ``limit`` characters, or null (kept null)."""
    return None if value is None else _text(value, field_name, optional=True, limit=limit)


def _hash(value: object, field_name: str, *, empty: bool = False) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not (_HASH_RE.fullmatch(value) or (empty and not value)):
        raise _fail(field_name, "expected the 64-character SHA-256 of the text")
    return value


def _list(record: Mapping[str, Any], key: str,
          allowed: tuple[str, ...]) -> list[Mapping[str, Any]]:
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _fail(key, "expected an array of objects")
    for i, item in enumerate(value, 1):
        if not _known_keys(item, allowed):
            _only(item, allowed, f"{key}[{i}]")
    return value


def _identity(raw: object, today: date) -> dict[str, Any]:
    """The record's identity checked, as given (:func:`validate_record` normalises it)."""
    if not isinstance(raw, dict):
        raise _fail("identity", "expected an object with at least nom and prenom")
    for key, value in raw.items():
        if key not in ALLOWED_EN:
            raise _fail(f"identity.{_key(key)}", "unknown field; expected one of "
                                                 + ", ".join(ALLOWED_EN))
        if value is not None and not isinstance(value, str):
            raise _fail(f"identity.{key}", f"expected a text: {ALLOWED_EN[key]}")
    issues = validate_identity(raw, today=today)
    if issues:
        issue = issues[0]
        # The value is not shown: an identity field is personal data, and error lines end up
        # on terminals, in logs and in a push's answer (issue 13).
        raise _fail(f"identity.{issue.field}",
                    f"the value given is not allowed ({issue.code.value}); "
                    f"expected {ALLOWED_EN[issue.field]}")
    return raw


def _number_site(number: str) -> str:
    return number.split("-")[1]


def validate_record(
    raw: object, load: QuestionnaireLoader, *, today: date
) -> dict[str, Any]:
    """Check one export record; return it with identity and profile normalised.

    The one validation of a dossier record, wherever one comes in (the local import, a push
    to the central store, a pull from it): a record it accepts can be applied by every
    workstation and stored by the central store on any database. It refuses keys that
    :func:`app.forms.export.build_export` does not write, text that is not valid Unicode or
    holds NUL, whole numbers beyond 32 bits, and anything app.models.repository needs and
    cannot find (``updated_at`` included)."""
    checked = _check(raw, load, today)
    result: dict[str, Any] = dict(checked.raw)
    result.update({
        "id": checked.id,
        "identity": normalize_identity(checked.identity),
        "profile": {k: v.isoformat() if isinstance(v, date) else v
                    for k, v in checked.profile.items()},
        "answers": checked.answers,
        "consents": checked.consents,
        "orientations": checked.orientations,
        "printed": checked.printed,
        "channel": checked.channel,
        "status": checked.status,
    })
    result.pop("rendez_vous", None)
    if checked.appointments:  # only when there is one (the export's shape)
        result["rendez_vous"] = checked.appointments
    return result


def check_record(raw: object, load: QuestionnaireLoader, *, today: date) -> None:
    """Refuse exactly what :func:`validate_record` refuses, with the same SituationError, and
    build nothing: for a caller that only needs to know the record is valid (a pull keeps
    the store's version as it came, issue 18)."""
    _check(raw, load, today)


class _Checked(NamedTuple):
    """A record's parts as :func:`_check` accepted them, before normalisation."""

    raw: dict[str, Any]
    id: str
    identity: dict[str, Any]
    profile: dict[str, Any]
    answers: dict[str, str]
    consents: list[dict[str, Any]]
    orientations: list[dict[str, Any]]
    printed: list[dict[str, Any]]
    appointments: list[dict[str, Any]]
    channel: str | None
    status: str | None


def _check(raw: object, load: QuestionnaireLoader, today: date) -> _Checked:
    """Every check of :func:`validate_record`, in its order."""
    if not isinstance(raw, dict):
        raise _fail("record", "expected a JSON object (one dossier)")
    check_plain_data(raw)
    _only(raw, RECORD_KEYS, "record")
    record_id = raw.get("id")
    try:
        canonical_id = str(uuid.UUID(record_id)) if isinstance(record_id, str) else None
    except ValueError:
        canonical_id = None
    if canonical_id is None or canonical_id != record_id.lower():  # type: ignore[union-attr]
        raise _fail("id", f"{shown(record_id)} is not allowed; expected a UUID such as "
                          "0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b1a")
    number = raw.get("number")
    if not isinstance(number, str) or not NUMBER_RE.match(number):
        raise _fail("number", f"{shown(number)} is not allowed; expected a dossier number such "
                              "as TI-BRE-02-2026-000123")
    revision = raw.get("revision")
    if (not isinstance(revision, int) or isinstance(revision, bool)
            or not 1 <= revision <= MAX_REVISION):
        raise _fail("revision", f"{shown(revision)} is not allowed; expected a whole number of "
                                f"at least 1 and at most {MAX_REVISION}")
    version = raw.get("questionnaire")
    if not isinstance(version, str):
        raise _fail("questionnaire", f"{shown(version)} is not allowed; expected a "
                                     "questionnaire version such as help-v1")
    try:
        questionnaire = load(version)
    except QuestionnaireError as exc:
        raise _fail("questionnaire", str(exc)) from exc
    organismes = tuple(o.code for o in questionnaire.organismes)
    site = _number_site(number)
    if raw.get("site") not in (None, site):
        raise _fail("site", f"{shown(raw.get('site'))} is not allowed; expected {site!r}, the "
                            "site of the dossier number")
    workstation = raw.get("workstation")
    if workstation is not None and (not isinstance(workstation, str)
                                    or not WORKSTATION_RE.match(workstation)):
        raise _fail("workstation", f"{shown(workstation)} is not allowed; expected a "
                                   "workstation code such as 02")
    if not isinstance(raw.get("urgent", False), bool):
        raise _fail("urgent", f"{shown(raw.get('urgent'))} is not allowed; expected true or "
                              "false")
    _optional_text(raw.get("agent"), "agent", AGENT_MAX)
    if "updated_at" not in raw:
        raise _fail("updated_at", "missing; expected the date and time of the last change, "
                                  "ISO 8601 with its UTC offset, such as "
                                  "2026-11-22T09:30:00+00:00")
    for key in ("created_at", "updated_at"):
        if key in raw:
            _datetime(raw[key], key)

    identity = _identity(raw.get("identity"), today)
    try:
        profile = parse_profile(questionnaire, raw.get("profile"))
        answers = parse_answers(questionnaire, raw.get("answers", {}), require_all=False)
    except SituationError as exc:
        in_answers = exc.field[:1] == "Q"
        raise _fail(f"answers.{exc.field}" if in_answers else exc.field, exc.problem) from exc
    for name, value in profile.items():
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_SMALL_INT:
            raise _fail(f"profile.{name}", f"{shown(value)} is not allowed; expected a whole "
                                           f"number of at most {MAX_SMALL_INT}")
    birth = profile.get("date_naissance")
    start = profile.get("debut_activite")
    if isinstance(birth, date) and isinstance(start, date) and start < birth:
        raise _fail("profile.debut_activite", f"'{start.isoformat()}' is before the birth date; "
                                              "expected a date on or after "
                                              f"{birth.isoformat()}")

    consents = _consents(raw, organismes)
    orientations = _orientations(raw, organismes, consents)
    printed = _printed(raw, organismes)
    appointments = validate_appointments(raw.get("rendez_vous", []), organismes)
    return _Checked(
        raw, canonical_id, identity, profile, answers, consents, orientations, printed,
        appointments, _choice(raw.get("channel", "accueil"), "channel", CHANNELS),
        _choice(raw.get("status", "brouillon"), "status", STATUSES))


def _consents(raw: Mapping[str, Any], organismes: tuple[str, ...]) -> list[dict[str, Any]]:
    consents: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, c in enumerate(_list(raw, "consents", CONSENT_KEYS), 1):
        where = f"consents[{i}]"
        organisme = _choice(c.get("organisme"), f"{where}.organisme", organismes)
        assert organisme is not None
        if organisme in seen:
            raise _fail(f"{where}.organisme", f"'{organisme}' appears twice; expected one "
                                              "consent per organisme")
        seen.add(organisme)
        given = c.get("given")
        if not isinstance(given, bool):
            raise _fail(f"{where}.given", f"{shown(given)} is not allowed; expected true or "
                                          "false")
        consents.append({
            "organisme": organisme,
            "given": given,
            "mode": _choice(c.get("mode"), f"{where}.mode", CONSENT_MODES),
            "text_version": _text(c.get("text_version"), f"{where}.text_version", limit=64),
            "text_hash": _hash(c.get("text_hash"), f"{where}.text_hash", empty=True),
            "at": _datetime(c.get("at"), f"{where}.at"),
            "agent": _text(c.get("agent"), f"{where}.agent", optional=True, limit=AGENT_MAX),
            "revoked_at": _datetime(c.get("revoked_at"), f"{where}.revoked_at", optional=True),
            "revoked_by": _optional_text(c.get("revoked_by"), f"{where}.revoked_by", AGENT_MAX),
        })
    return consents


def _orientations(raw: Mapping[str, Any], organismes: tuple[str, ...],
                  consents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    orientations: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, o in enumerate(_list(raw, "orientations", ORIENTATION_KEYS), 1):
        where = f"orientations[{i}]"
        organisme = _choice(o.get("organisme"), f"{where}.organisme", organismes)
        assert organisme is not None
        if organisme in seen:
            raise _fail(f"{where}.organisme", f"'{organisme}' appears twice; expected one "
                                              "orientation per organisme")
        seen.add(organisme)
        status = _choice(o.get("status"), f"{where}.status", ORIENTATION_STATUSES)
        outcome = _choice(o.get("outcome"), f"{where}.outcome", OUTCOMES, optional=True)
        if outcome is not None and status != "cloturee":
            raise _fail(f"{where}.outcome", f"{shown(outcome)} is not allowed while the status "
                                            f"is {status}; expected null (an outcome comes "
                                            "with the status cloturee)")
        entry = {
            "organisme": organisme,
            "status": status,
            "outcome": outcome,
            "note": _text(o.get("note"), f"{where}.note", optional=True),
            "updated_at": _datetime(o.get("updated_at"), f"{where}.updated_at"),
        }
        counter_note = _optional_text(o.get("counter_note"), f"{where}.counter_note",
                                      COUNTER_NOTE_MAX)
        if counter_note:
            entry["counter_note"] = counter_note
        orientations.append(entry)
    consented = {c["organisme"] for c in consents if c["given"]}
    for i, o in enumerate(orientations, 1):
        # A re-orientation a partner asked for waits « à transmettre » for the worker's
        # consent (issue 16): the store shows it to no organisme until the consent is given.
        if o["organisme"] not in consented and o["status"] != "a_transmettre":
            raise _fail(f"orientations[{i}].organisme", f"'{o['organisme']}' has no consent "
                                                        "given; an orientation needs the "
                                                        "worker's consent for that organisme "
                                                        "(only a_transmettre may wait for it)")
    return orientations


def _printed(raw: Mapping[str, Any], organismes: tuple[str, ...]) -> list[dict[str, Any]]:
    items = _list(raw, "printed", PRINTED_KEYS)
    if len(items) > MAX_PRINTED:
        raise _fail("printed", f"{len(items)} documents is not allowed; expected at most "
                               f"{MAX_PRINTED}")
    printed: list[dict[str, Any]] = []
    for i, p in enumerate(items, 1):
        where = f"printed[{i}]"
        entry: dict[str, Any] = {
            "kind": _choice(p.get("kind"), f"{where}.kind", PRINT_KINDS),
            "organisme": _choice(p.get("organisme"), f"{where}.organisme", organismes,
                                 optional=True),
            "printed_at": _datetime(p.get("printed_at"), f"{where}.printed_at"),
        }
        _optional_text(p.get("agent"), f"{where}.agent", AGENT_MAX)
        _hash(p.get("content_hash"), f"{where}.content_hash", empty=True)
        if p.get("figures") is not None:
            try:
                thaw(p["figures"], organismes)
            except FigureError as exc:
                raise _fail(f"{where}.figures", str(exc)) from None
        entry.update({key: p[key] for key in ("agent", "content_hash", "figures") if key in p})
        printed.append(entry)
    return printed


def counter_orientation_refusal(pushed: Iterable[Mapping[str, Any]],
                                stored: Iterable[Mapping[str, Any]]) -> tuple[str, str] | None:
    """Why a counter's orientations (``pushed``, validated) cannot replace ``stored`` (the
    central store's; empty for a new dossier), as (field, reason), or None when they can.

    The follow-up of an orientation (a status of PARTNER_STATUSES, its outcome and note) is
    written only by the partner organisme's agents: a counter carries it unchanged; where
    the store holds a counter status, or nothing, a counter writes a counter status and no
    outcome."""
    held = {o.get("organisme"): o for o in stored}
    for i, o in enumerate(pushed, 1):
        organisme = o["organisme"]
        where = f"orientations[{i}]"
        before = held.get(organisme)
        owner = (f"the follow-up of {organisme} is written by {organisme}'s agents; this push "
                 "changes it")
        if before is not None and before.get("status") in PARTNER_STATUSES:
            for key in ("status", "outcome", "note"):
                was, now = before.get(key), o.get(key)
                if key == "note":
                    was, now = was or "", now or ""
                if was != now:
                    return f"{where}.{key}", (f"{where}.{key}: {owner}; expected {shown(was)}, "
                                              "as the store holds it")
            continue
        if o.get("status") not in COUNTER_STATUSES:
            return f"{where}.status", (f"{where}.status: {owner}; expected one of "
                                       + ", ".join(COUNTER_STATUSES))
        if o.get("outcome") is not None:
            return f"{where}.outcome", f"{where}.outcome: {owner}; expected null"
    return None


# --------------------------------------------------------------------------- appointments
# Call-backs of the counter and appointments of a partner (issue 16): the record's optional
# ``rendez_vous`` list, present only when it holds something.

APPOINTMENT_KEYS = ("id", "kind", "organisme", "at", "duration", "mode", "place", "bring", "by",
                    "status", "created_at", "updated_at", "agent", "note")
MAX_APPOINTMENTS = 200  # call-backs and appointments of one dossier
MAX_DURATION = 480  # minutes
PLACE_MAX = 200
BRING_MAX = 500
BY_MAX = 100
APPOINTMENT_NOTE_MAX = 500
_APPOINTMENT_TIMES = ("at", "created_at", "updated_at")


def _uuid_text(value: object, field_name: str) -> str:
    canonical: str | None = None
    if isinstance(value, str) and len(value) <= 64:
        try:
            canonical = str(uuid.UUID(value))
        except ValueError:
            canonical = None
    if canonical is None or not isinstance(value, str) or canonical != value.lower():
        raise _fail(field_name, f"{shown(value)} is not allowed; expected a UUID such as "
                                "0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b1a")
    return canonical


def validate_appointment(item: object, organismes: tuple[str, ...],
                         where: str = "rendez_vous[1]") -> dict[str, Any]:
    """One call-back or appointment checked and returned normalised (id in canonical form,
    times in UTC, optional texts present); SituationError naming ``where.<field>`` else.

    A ``rappel`` is the counter's call-back: no organisme, by telephone. A ``rendez_vous`` is a
    partner's: its organisme is one of ``organismes``."""
    if not isinstance(item, dict):
        raise _fail(where, "expected an object")
    check_plain_data(item, where)
    _only(item, APPOINTMENT_KEYS, where)
    kind = _choice(item.get("kind"), f"{where}.kind", APPOINTMENT_KINDS)
    organisme = item.get("organisme")
    if kind == "rappel" and organisme is not None:
        raise _fail(f"{where}.organisme", f"{shown(organisme)} is not allowed for a rappel; "
                                          "expected null (a call-back of the counter)")
    if kind == "rendez_vous":
        _choice(organisme, f"{where}.organisme", organismes)
    mode = _choice(item.get("mode"), f"{where}.mode", APPOINTMENT_MODES)
    if kind == "rappel" and mode != "telephone":
        raise _fail(f"{where}.mode", f"{shown(mode)} is not allowed for a rappel; expected "
                                     "telephone")
    duration = item.get("duration")
    if (not isinstance(duration, int) or isinstance(duration, bool)
            or not 1 <= duration <= MAX_DURATION):
        raise _fail(f"{where}.duration", f"{shown(duration)} is not allowed; expected a whole "
                                         f"number of minutes from 1 to {MAX_DURATION}")
    out: dict[str, Any] = {
        "id": _uuid_text(item.get("id"), f"{where}.id"),
        "kind": kind,
        "organisme": organisme,
        "duration": duration,
        "mode": mode,
        "place": _text(item.get("place"), f"{where}.place", optional=True, limit=PLACE_MAX),
        "bring": _text(item.get("bring"), f"{where}.bring", optional=True, limit=BRING_MAX),
        "by": _text(item.get("by"), f"{where}.by", optional=True, limit=BY_MAX),
        "status": _choice(item.get("status"), f"{where}.status", APPOINTMENT_STATUSES),
        "agent": _text(item.get("agent"), f"{where}.agent", optional=True, limit=AGENT_MAX),
    }
    for key in _APPOINTMENT_TIMES:
        text = _datetime(item.get(key), f"{where}.{key}")
        assert text is not None
        out[key] = datetime.fromisoformat(text).astimezone(UTC).isoformat()
    note = _optional_text(item.get("note"), f"{where}.note", APPOINTMENT_NOTE_MAX)
    if note:
        out["note"] = note
    return {key: out[key] for key in APPOINTMENT_KEYS if key in out}


def validate_appointments(raw: object, organismes: tuple[str, ...]) -> list[dict[str, Any]]:
    """The record's ``rendez_vous`` list checked (at most :data:`MAX_APPOINTMENTS` items, ids
    unique), each item normalised (:func:`validate_appointment`)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _fail("rendez_vous", "expected an array of objects")
    if len(raw) > MAX_APPOINTMENTS:
        raise _fail("rendez_vous", f"{len(raw)} items is not allowed; expected at most "
                                   f"{MAX_APPOINTMENTS}")
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, 1):
        checked = validate_appointment(item, organismes, f"rendez_vous[{i}]")
        if checked["id"] in seen:
            raise _fail(f"rendez_vous[{i}].id", f"{shown(checked['id'])} appears twice; "
                                                "expected one item per id")
        seen.add(checked["id"])
        items.append(checked)
    return items


def appointment_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    """What an item says, times compared as instants: two texts of one time are one item."""
    def moment(value: object) -> object:
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                return value
            if parsed.utcoffset() is not None:
                return parsed.astimezone(UTC)
        return value
    return tuple(moment(item.get(key)) if key in _APPOINTMENT_TIMES
                 else (item.get(key) or "") if key in ("place", "bring", "by", "agent", "note")
                 else item.get(key) for key in APPOINTMENT_KEYS)


def counter_appointment_refusal(pushed: Iterable[Mapping[str, Any]],
                                stored: Iterable[Mapping[str, Any]]) -> tuple[str, str] | None:
    """Why a counter's ``rendez_vous`` (``pushed``) cannot replace the store's (``stored``), as
    (field, reason), or None when it can.

    A partner's appointment (kind ``rendez_vous``) is written only by that organisme's agents on
    the central store: a counter carries every one the store holds unchanged and adds none.
    The counter's own call-backs (kind ``rappel``) are its own to add and change."""
    pushed_items = [item for item in pushed if isinstance(item, Mapping)]
    by_id = {item.get("id"): (i, item) for i, item in enumerate(pushed_items, 1)}
    held = {item.get("id"): item for item in stored if isinstance(item, Mapping)}
    for item_id, before in held.items():
        if before.get("kind") != "rendez_vous":
            continue
        owner = (f"the appointments of {before.get('organisme')} are written by its agents; "
                 "this push changes one")
        found = by_id.get(item_id)
        if found is None:
            return "rendez_vous", (f"rendez_vous: {owner} (it leaves out {item_id}); expected "
                                   "every appointment the store holds, unchanged")
        i, now = found
        if appointment_key(now) != appointment_key(before):
            return f"rendez_vous[{i}]", (f"rendez_vous[{i}]: {owner}; expected it as the store "
                                         "holds it")
    for i, item in enumerate(pushed_items, 1):
        if item.get("kind") == "rendez_vous" and item.get("id") not in held:
            return f"rendez_vous[{i}].kind", (f"rendez_vous[{i}].kind: an appointment of "
                                              f"{item.get('organisme')} is set by its agents "
                                              "on the central store; expected rappel")
        previous = held.get(item.get("id"))
        if previous is not None and previous.get("kind") != item.get("kind"):
            return f"rendez_vous[{i}].kind", (f"rendez_vous[{i}].kind: expected "
                                              f"{shown(previous.get('kind'))}, as the store "
                                              "holds it")
    return None
