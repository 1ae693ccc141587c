"""Three-way merge of two versions of one dossier: this workstation's (« local ») and the central
store's (« server »), against the store's version the local change started from (« base »).

What merges by itself:

- identity and profile fields, answers, the dossier's status and channel, field by field: a
  field changed on one side only takes that side's value; changed to the same value on both
  sides, that value. Only a field changed *differently* on both sides is a conflict, for a
  person to decide (:class:`FieldDifference` shows base, local and server);
- consents, per organisme, by rule (never a person's choice, never one side wholesale): a
  consent record is identified by its grant time ``at``; the newest record wins, and **a
  revocation wins over every grant made before it**, whatever the order in which workstations
  sync (the rule is symmetric and associative, so three workstations merging in any order end
  with the same result). A grant made after a revocation is a new record (a new ``at``); the
  revoked record is never revived;
- orientations, per organisme: a partner's follow-up (the store holds it, only the partner's
  agents write it) is taken from the store; the counter's own steps (``a_transmettre`` then
  ``transmise``) merge three-way, the furthest step winning when both moved;
- printed documents: the union (each print is a fact, identified by kind, organisme, time and
  content hash);
- the counter's note on an orientation (``counter_note``, issue 16), per organisme, three-way:
  changed on one side only takes that side's text; changed on both, this workstation's (the
  merge is the later write, and goes out next);
- call-backs and appointments (``rendez_vous``): the union by id; an item changed on both sides
  takes the later ``updated_at`` (the store's on a tie), and a partner's appointment (kind
  ``rendez_vous``, written only on the store) is always the store's;
- urgency is derived from the merged answers (the questionnaire's rules), not merged.

Without a base (a dossier synced before this workstation kept bases), every field that differs
is a conflict: nothing is decided on a guess.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from app.forms.codes import COUNTER_STATUSES
from app.forms.codes import DOSSIER_STATUSES as STATUSES
from app.forms.evaluation import Situation, SituationError, evaluate, parse_answers, parse_profile
from app.forms.questionnaire import QuestionnaireError, load_questionnaire

Choice = Literal["local", "server"]


class _Missing:
    """A field absent from one version (distinct from a null value)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()
_FIELD_SECTIONS = ("identity", "profile", "answers")
_SCALARS = ("status", "channel")


@dataclass(frozen=True)
class FieldDifference:
    """One field changed differently on both sides, for a person to choose.

    ``key`` is what :func:`resolve` expects: ``identity.<field>``, ``profile.<field>``,
    ``answers.<question>``, ``status`` or ``channel``. A value absent from a version is None
    (``base`` is None too when the base version is unknown).
    """

    key: str
    local: Any
    server: Any
    base: Any = None


@dataclass
class MergeResult:
    """The merged record (the server's value stands in for each conflict until a person
    chooses), the conflicts left to a person, and the entries the rules decided between two
    different versions (``consents.<organisme>``, ``orientations.<organisme>``)."""

    merged: dict[str, Any]
    conflicts: list[FieldDifference] = field(default_factory=list)
    by_rule: list[str] = field(default_factory=list)


def _fields(record: Mapping[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if record is None:
        return out
    for name in _FIELD_SECTIONS:
        section = record.get(name) or {}
        if isinstance(section, Mapping):
            for key, value in section.items():
                out[f"{name}.{key}"] = value
    for name in _SCALARS:
        if name in record:
            out[name] = record[name]
    return out


def _shown(value: Any) -> Any:
    return None if value is MISSING else value


def _set_field(record: dict[str, Any], key: str, value: Any) -> None:
    if "." in key:
        section, name = key.split(".", 1)
        part = dict(record.get(section) or {})
        if value is MISSING:
            part.pop(name, None)
        else:
            part[name] = value
        record[section] = part
    elif value is not MISSING:
        record[key] = value


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _later(a: Any, b: Any) -> bool:
    """True when ISO time ``a`` is strictly after ``b`` (unparsable times compare as text)."""
    ta, tb = _when(a), _when(b)
    if ta is not None and tb is not None:
        return ta > tb
    return str(a) > str(b)


def merge_consents(*sides: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The consents of several versions merged per organisme (see the module's rule)."""
    by_organisme: dict[str, list[dict[str, Any]]] = {}
    for side in sides:
        for consent in side or []:
            if isinstance(consent, dict) and isinstance(consent.get("organisme"), str):
                by_organisme.setdefault(consent["organisme"], []).append(consent)
    out = []
    for organisme in sorted(by_organisme):
        records = by_organisme[organisme]
        newest = records[0]
        for record in records[1:]:
            if _later(record.get("at"), newest.get("at")):
                newest = record
        result = copy.deepcopy(newest)
        if result.get("given"):
            # Every revocation at or after the newest grant withdraws it. The latest one is
            # kept: merging keeps one time per record, and only the latest keeps the result
            # the same whatever the order (a grant between two revocations of an older record
            # is still withdrawn by the second).
            revocations = [r for r in records if r.get("revoked_at") is not None
                           and not _later(newest.get("at"), r.get("revoked_at"))]
            if revocations:
                last = revocations[0]
                for r in revocations[1:]:
                    if _later(r.get("revoked_at"), last.get("revoked_at")):
                        last = r
                result["revoked_at"] = last.get("revoked_at")
                result["revoked_by"] = last.get("revoked_by")
        out.append(result)
    return out


_STEP = {status: index for index, status in enumerate(COUNTER_STATUSES)}


def _merge_orientation(base: dict[str, Any] | None, local: dict[str, Any] | None,
                       server: dict[str, Any] | None) -> dict[str, Any] | None:
    if server is None or local is None:
        return copy.deepcopy(server if local is None else local)
    if server.get("status") not in _STEP:
        return copy.deepcopy(server)  # the partner's follow-up: the store's
    if local.get("status") not in _STEP:
        return copy.deepcopy(server)  # never written at the counter: the store's is newer
    if local == server or local == base:
        return copy.deepcopy(server)
    if server == base:
        return copy.deepcopy(local)
    return copy.deepcopy(local if _STEP[local["status"]] > _STEP[server["status"]] else server)


def merge_orientations(base: list[dict[str, Any]] | None, local: list[dict[str, Any]] | None,
                       server: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The orientations merged per organisme (see the module's rule)."""
    def by_organisme(items: list[dict[str, Any]] | None) -> dict[str, dict[str, Any]]:
        return {str(o.get("organisme")): o for o in items or [] if isinstance(o, dict)}

    b, mine, theirs = by_organisme(base), by_organisme(local), by_organisme(server)
    out = []
    for organisme in sorted(set(mine) | set(theirs)):
        merged = _merge_orientation(b.get(organisme), mine.get(organisme),
                                    theirs.get(organisme))
        if merged is not None:
            out.append(merged)
    return out


def _print_key(item: Mapping[str, Any]) -> tuple[str, str, str, str]:
    return (str(item.get("printed_at")), str(item.get("kind")), str(item.get("organisme") or ""),
            str(item.get("content_hash") or ""))


def merge_printed(*sides: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Every print of every version, once each, in time order."""
    seen: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for side in sides:
        for item in side or []:
            if isinstance(item, dict):
                seen.setdefault(_print_key(item), copy.deepcopy(item))
    return [seen[key] for key in sorted(seen)]


def derived_urgent(record: Mapping[str, Any]) -> bool | None:
    """The urgency the questionnaire's rules give the record's answers (None when they cannot
    be evaluated: an unknown questionnaire or an invalid answer)."""
    try:
        questionnaire = load_questionnaire(str(record.get("questionnaire")))
        created = _when(record.get("created_at"))
        situation = Situation(
            answers=parse_answers(questionnaire, record.get("answers") or {}, require_all=False),
            profile=parse_profile(questionnaire, record.get("profile")),
            reference_date=created.date() if created is not None else date.today())
        return evaluate(questionnaire, situation).urgent
    except (SituationError, QuestionnaireError, TypeError, ValueError):
        return None


def merge3(base: Mapping[str, Any] | None, local: Mapping[str, Any],
           server: Mapping[str, Any]) -> MergeResult:
    """Merge ``local`` and ``server`` against their common ``base`` (None: unknown)."""
    merged: dict[str, Any] = copy.deepcopy(dict(server))
    b, mine, theirs = _fields(base), _fields(local), _fields(server)
    result = MergeResult(merged)
    for key in sorted(set(mine) | set(theirs) | set(b)):
        o, t = mine.get(key, MISSING), theirs.get(key, MISSING)
        if o == t:
            continue
        ancestor = b.get(key, MISSING) if base is not None else _Unknown
        if ancestor == t:
            _set_field(merged, key, o)  # changed here only
        elif ancestor == o:
            continue  # changed on the store only: already the server's
        elif key == "status" and o in STATUSES and t in STATUSES:
            # derived from the acts on each side: the furthest step stands
            if STATUSES.index(o) > STATUSES.index(t):
                merged[key] = o
        else:
            result.conflicts.append(FieldDifference(
                key, _shown(o), _shown(t), None if base is None else _shown(ancestor)))
    merged["consents"] = merge_consents(local.get("consents"), server.get("consents"))
    merged["orientations"] = merge_orientations(
        None if base is None else base.get("orientations"), local.get("orientations"),
        server.get("orientations"))
    for section in ("consents", "orientations"):
        mine_s = {c.get("organisme"): c for c in local.get(section) or [] if isinstance(c, dict)}
        theirs_s = {c.get("organisme"): c for c in server.get(section) or []
                    if isinstance(c, dict)}
        result.by_rule += [f"{section}.{organisme}" for organisme in sorted(
            set(mine_s) & set(theirs_s), key=str) if mine_s[organisme] != theirs_s[organisme]]
    merged["printed"] = merge_printed(server.get("printed"), local.get("printed"))
    merge_counter_notes(merged["orientations"], base, local, server)
    appointments = merge_appointments(None if base is None else base.get("rendez_vous"),
                                      local.get("rendez_vous"), server.get("rendez_vous"))
    if appointments:
        merged["rendez_vous"] = appointments
    else:
        merged.pop("rendez_vous", None)
    if _appointment_ids(local.get("rendez_vous")) != _appointment_ids(server.get("rendez_vous")):
        result.by_rule.append("rendez_vous")
    _derive(merged, local, server)
    return result


def _counter_notes(record: Mapping[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for o in (record or {}).get("orientations") or []:
        if isinstance(o, dict) and o.get("counter_note"):
            out[str(o.get("organisme"))] = str(o["counter_note"])
    return out


def merge_counter_notes(merged: list[dict[str, Any]], base: Mapping[str, Any] | None,
                        local: Mapping[str, Any], server: Mapping[str, Any]) -> None:
    """Set each merged orientation's ``counter_note`` (see the module's rule), in place."""
    b, mine, theirs = _counter_notes(base), _counter_notes(local), _counter_notes(server)
    for orientation in merged:
        organisme = str(orientation.get("organisme"))
        o, t = mine.get(organisme), theirs.get(organisme)
        if base is None:
            chosen = o or t  # nothing to tell who changed it: a note is never dropped
        elif o == b.get(organisme):
            chosen = t  # unchanged here: the store's
        else:
            chosen = o  # changed here: this workstation's
        if chosen:
            orientation["counter_note"] = chosen
        else:
            orientation.pop("counter_note", None)


def _appointment_ids(items: Any) -> dict[str, Any]:
    return {str(item.get("id")): item for item in items or [] if isinstance(item, dict)}


def merge_appointments(base: list[dict[str, Any]] | None, local: list[dict[str, Any]] | None,
                       server: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The call-backs and appointments of both versions (see the module's rule), in time
    order."""
    b, mine, theirs = _appointment_ids(base), _appointment_ids(local), _appointment_ids(server)
    out: list[dict[str, Any]] = []
    for item_id in set(mine) | set(theirs):
        o, t = mine.get(item_id), theirs.get(item_id)
        if o is None or t is None:
            chosen = t if o is None else o
        elif o == t or t.get("kind") == "rendez_vous" or o == b.get(item_id):
            chosen = t
        elif t == b.get(item_id):
            chosen = o
        else:
            chosen = o if _later(o.get("updated_at"), t.get("updated_at")) else t
        assert chosen is not None
        out.append(copy.deepcopy(chosen))
    return sorted(out, key=lambda item: (_when(item.get("at")) or datetime.min.replace(
        tzinfo=UTC), str(item.get("id"))))


class _UnknownType:
    """The base of a field when the base version is unknown: equal to nothing."""

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return 0


_Unknown = _UnknownType()


def _derive(merged: dict[str, Any], local: Mapping[str, Any], server: Mapping[str, Any]) -> None:
    """Urgency from the merged answers; the local agent made the merge."""
    urgent = derived_urgent(merged)
    if urgent is not None:
        merged["urgent"] = urgent
    elif local.get("urgent") or server.get("urgent"):
        merged["urgent"] = True  # cannot be evaluated: an urgency is never dropped
    if local.get("agent"):
        merged["agent"] = local["agent"]


def resolve(base: Mapping[str, Any] | None, local: Mapping[str, Any], server: Mapping[str, Any],
            choices: Mapping[str, Choice]) -> dict[str, Any]:
    """The merged record with a person's ``choices`` for each conflict of :func:`merge3`.

    Every conflict needs a choice, and only conflicts take one; ValueError names the missing,
    unknown or malformed ones.
    """
    result = merge3(base, local, server)
    keys = {c.key for c in result.conflicts}
    unknown = sorted(k for k in choices if k not in keys)
    missing = sorted(keys - set(choices))
    bad = sorted(k for k, v in choices.items() if v not in ("local", "server"))
    if unknown or missing or bad:
        parts = []
        if missing:
            parts.append("choose local or server for " + ", ".join(missing))
        if unknown:
            parts.append("no conflict to choose for " + ", ".join(unknown))
        if bad:
            parts.append("expected 'local' or 'server' for " + ", ".join(bad))
        raise ValueError("; ".join(parts))
    merged = result.merged
    mine = _fields(local)
    for key, choice in choices.items():
        if choice == "local":
            _set_field(merged, key, mine.get(key, MISSING))
    _derive(merged, local, server)
    return merged
