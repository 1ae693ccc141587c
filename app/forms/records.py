"""Validation of dossier records in the export format (``accueil-ti export`` / ``import``).

:func:`validate_record` checks one untrusted record and returns it normalised, or raises
:class:`~app.forms.evaluation.SituationError` naming the first bad field and what is allowed.
It never touches a database: the import runs it on every line before writing anything.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from app.forms.evaluation import SituationError, parse_answers, parse_profile
from app.forms.identity import ALLOWED_EN, normalize_identity, validate_identity
from app.forms.questionnaire import Questionnaire, QuestionnaireError

NUMBER_RE = re.compile(r"^TI-[A-Z]{3}-\d{2}-\d{4}-\d{6}$")
CHANNELS = ("accueil", "telephone", "traitement_dossier")
STATUSES = ("brouillon", "complet", "oriente", "clos")
CONSENT_MODES = ("signe_accueil", "oral_telephone")
ORIENTATION_STATUSES = ("a_transmettre", "transmise", "recue", "en_cours", "contact_pris",
                        "cloturee")
OUTCOMES = ("aide_accordee", "aide_refusee", "sans_suite")
PRINT_KINDS = ("summary", "letter", "consent")

QuestionnaireLoader = Callable[[str], Questionnaire]


def _fail(field_name: str, problem: str) -> SituationError:
    return SituationError(field_name, problem)


def _datetime(value: object, field_name: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return value
    raise _fail(field_name, f"{value!r} is not allowed; expected an ISO 8601 date and time with "
                            "its UTC offset, such as 2026-11-22T09:30:00+00:00")


def _choice(value: object, field_name: str, allowed: tuple[str, ...], *,
            optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise _fail(field_name, f"{value!r} is not allowed; expected one of " + ", ".join(allowed))
    return value


def _text(value: object, field_name: str, *, optional: bool = False, limit: int = 2000) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str) or (not optional and not value.strip()) or len(value) > limit:
        raise _fail(field_name, f"expected a text of at most {limit} characters")
    return value


def _list(record: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _fail(key, "expected an array of objects")
    return value


def _identity(raw: object, today: date) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise _fail("identity", "expected an object with at least nom and prenom")
    for key, value in raw.items():
        if key not in ALLOWED_EN:
            raise _fail(f"identity.{key}", "unknown field; expected one of "
                                           + ", ".join(ALLOWED_EN))
        if value is not None and not isinstance(value, str):
            raise _fail(f"identity.{key}", f"expected a text: {ALLOWED_EN[key]}")
    issues = validate_identity(raw, today=today)
    if issues:
        issue = issues[0]
        raise _fail(f"identity.{issue.field}",
                    f"{raw.get(issue.field)!r} is not allowed ({issue.code.value}); expected "
                    f"{ALLOWED_EN[issue.field]}")
    return normalize_identity(raw)


def validate_record(
    raw: object, load: QuestionnaireLoader, *, today: date
) -> dict[str, Any]:
    """Check one export record; return it with identity and profile normalised."""
    if not isinstance(raw, dict):
        raise _fail("record", "expected a JSON object (one dossier)")
    record_id = raw.get("id")
    try:
        canonical_id = str(uuid.UUID(str(record_id))) if isinstance(record_id, str) else None
    except ValueError:
        canonical_id = None
    if canonical_id is None or canonical_id != record_id.lower():  # type: ignore[union-attr]
        raise _fail("id", f"{record_id!r} is not allowed; expected a UUID such as "
                          "0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b1a")
    number = raw.get("number")
    if not isinstance(number, str) or not NUMBER_RE.match(number):
        raise _fail("number", f"{number!r} is not allowed; expected a dossier number such as "
                              "TI-BRE-02-2026-000123")
    revision = raw.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        raise _fail("revision", f"{revision!r} is not allowed; expected a whole number of at "
                                "least 1")
    version = raw.get("questionnaire")
    if not isinstance(version, str):
        raise _fail("questionnaire", f"{version!r} is not allowed; expected a questionnaire "
                                     "version such as help-v1")
    try:
        questionnaire = load(version)
    except QuestionnaireError as exc:
        raise _fail("questionnaire", str(exc)) from exc
    organismes = tuple(o.code for o in questionnaire.organismes)

    identity = _identity(raw.get("identity"), today)
    try:
        profile = parse_profile(questionnaire, raw.get("profile"))
        answers = parse_answers(questionnaire, raw.get("answers", {}), require_all=False)
    except SituationError as exc:
        in_answers = exc.field[:1] == "Q"
        raise _fail(f"answers.{exc.field}" if in_answers else exc.field, exc.problem) from exc
    birth = profile.get("date_naissance")
    start = profile.get("debut_activite")
    if isinstance(birth, date) and isinstance(start, date) and start < birth:
        raise _fail("profile.debut_activite", f"'{start.isoformat()}' is before the birth date; "
                                              "expected a date on or after "
                                              f"{birth.isoformat()}")

    consents: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, c in enumerate(_list(raw, "consents"), 1):
        where = f"consents[{i}]"
        organisme = _choice(c.get("organisme"), f"{where}.organisme", organismes)
        assert organisme is not None
        if organisme in seen:
            raise _fail(f"{where}.organisme", f"'{organisme}' appears twice; expected one "
                                              "consent per organisme")
        seen.add(organisme)
        given = c.get("given")
        if not isinstance(given, bool):
            raise _fail(f"{where}.given", f"{given!r} is not allowed; expected true or false")
        text_hash = c.get("text_hash")
        if text_hash is not None and (not isinstance(text_hash, str)
                                      or not re.fullmatch(r"[0-9a-f]{64}", text_hash)):
            raise _fail(f"{where}.text_hash", "expected the 64-character SHA-256 of the text")
        consents.append({
            "organisme": organisme,
            "given": given,
            "mode": _choice(c.get("mode"), f"{where}.mode", CONSENT_MODES),
            "text_version": _text(c.get("text_version"), f"{where}.text_version", limit=64),
            "text_hash": text_hash,
            "at": _datetime(c.get("at"), f"{where}.at"),
            "agent": _text(c.get("agent"), f"{where}.agent", optional=True, limit=120),
            "revoked_at": _datetime(c.get("revoked_at"), f"{where}.revoked_at", optional=True),
        })

    orientations: list[dict[str, Any]] = []
    for i, o in enumerate(_list(raw, "orientations"), 1):
        where = f"orientations[{i}]"
        orientations.append({
            "organisme": _choice(o.get("organisme"), f"{where}.organisme", organismes),
            "status": _choice(o.get("status"), f"{where}.status", ORIENTATION_STATUSES),
            "outcome": _choice(o.get("outcome"), f"{where}.outcome", OUTCOMES, optional=True),
            "note": _text(o.get("note"), f"{where}.note", optional=True),
            "updated_at": _datetime(o.get("updated_at"), f"{where}.updated_at"),
        })
    consented = {c["organisme"] for c in consents if c["given"]}
    for i, o in enumerate(orientations, 1):
        if o["organisme"] not in consented:
            raise _fail(f"orientations[{i}].organisme", f"'{o['organisme']}' has no consent "
                                                        "given; an orientation needs the "
                                                        "worker's consent for that organisme")

    printed: list[dict[str, Any]] = []
    for i, p in enumerate(_list(raw, "printed"), 1):
        where = f"printed[{i}]"
        printed.append({
            "kind": _choice(p.get("kind"), f"{where}.kind", PRINT_KINDS),
            "organisme": _choice(p.get("organisme"), f"{where}.organisme", organismes,
                                 optional=True),
            "printed_at": _datetime(p.get("printed_at"), f"{where}.printed_at"),
        })

    result: dict[str, Any] = dict(raw)
    result.update({
        "id": canonical_id,
        "identity": identity,
        "profile": {k: v.isoformat() if isinstance(v, date) else v for k, v in profile.items()},
        "answers": answers,
        "consents": consents,
        "orientations": orientations,
        "printed": printed,
        "channel": _choice(raw.get("channel", "accueil"), "channel", CHANNELS),
        "status": _choice(raw.get("status", "brouillon"), "status", STATUSES),
    })
    for key in ("created_at", "updated_at"):
        if key in raw:
            _datetime(raw[key], key)
    return result
