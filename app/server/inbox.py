"""The partner inbox's rows (issue 18): one per dossier and organisme that sees it — an
orientation to that organisme and the worker's consent to it, given and not revoked — holding
what a row of the list shows, what the list's search and filters read, and the organisme's
aids with the reasons it may see, all computed when the dossier is written (pushed, followed up,
re-oriented), never when a list is read.

The list is read in its order, urgent first then by dossier number, page after page from the
last row of the previous one (keyset): ``priority`` is 0 for an urgent dossier and 1 otherwise,
so that one ascending index on (organisme, priority, number) serves every page.

``stale_from``: the French local day of the organisme's last action (app.forms.workdays), when
the orientation is transmitted and not closed; the orientation is « sans nouvelle » on a day
whose cutoff (app.forms.workdays.stale_cutoff) is on or after it. Pure: no database here, so the
migration that backfills the table uses the same code as the store.
"""

from __future__ import annotations

import json
import unicodedata
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from app.forms.disclosure import NOTHING, appointments_seen, field_policy
from app.forms.evaluation import (
    Situation,
    SituationError,
    aid_reasons_shown,
    evaluate,
    parse_answers,
    parse_profile,
)
from app.forms.questionnaire import Questionnaire, QuestionnaireError, load_questionnaire
from app.forms.workdays import is_transmitted, last_partner_action, local_day

# The identity fields a search may match, when the organisme receives them.
SEARCHED_FIELDS = ("nom", "prenom", "nom_naissance")


def folded(text: str) -> str:
    """Lower case without accents, for finding « gwenaelle » in « Gwenaëlle »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def visible_organismes(payload: Mapping[str, Any]) -> set[str]:
    """The organismes the worker consented to (given, not revoked)."""
    return {str(c.get("organisme")) for c in payload.get("consents") or ()
            if isinstance(c, Mapping) and c.get("given") and not c.get("revoked_at")}


def organisme_aids(questionnaire: Questionnaire, payload: Mapping[str, Any],
                   today: date) -> dict[str, list[dict[str, Any]]]:
    """The applicable aids of a dossier by organisme, each ``{"code", "title", "reasons"}``
    with the reasons an organisme may read (aid_reasons_shown); none when the answers cannot be
    read."""
    try:
        situation = Situation(
            answers=parse_answers(questionnaire, payload.get("answers", {}), require_all=False),
            profile=parse_profile(questionnaire, payload.get("profile")), reference_date=today)
    except SituationError:
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    for aid in evaluate(questionnaire, situation).aids:
        out.setdefault(aid.organisme, []).append(
            {"code": aid.code, "title": aid.title,
             "reasons": list(aid_reasons_shown(questionnaire, aid.code, aid.reasons))})
    return out


def _moment(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value


def stale_from(payload: Mapping[str, Any], organisme: str,
               orientation: Mapping[str, Any]) -> date | None:
    """The local day from which the organisme's orientation counts as without news: the day of
    its last action, when it is transmitted and not closed (app.forms.workdays.is_stale); None
    otherwise. On the store an orientation an organisme sees is transmitted: one still
    ``a_transmettre`` was transmitted when the counter oriented it, at the latest."""
    status = orientation["status"]
    updated = _moment(orientation["updated_at"])
    transmitted = _moment(orientation.get("transmitted_at")) or updated
    items = [{**item, "kind": "rendez_vous", "organisme": organisme}
             for item in appointments_seen(payload, organisme)]
    seen = {"organisme": organisme,
            "status": "transmise" if status == "a_transmettre" else status,
            "note": orientation.get("note") or "", "updated_at": updated,
            "transmitted_at": transmitted, "appointments": items}
    if not is_transmitted(seen):
        return None
    since = last_partner_action(seen)
    return None if since is None else local_day(since)


def inbox_rows(dossier_id: uuid.UUID, payload: Mapping[str, Any],
               orientations: Mapping[str, Mapping[str, Any]], today: date
               ) -> list[dict[str, Any]]:
    """The inbox rows of a dossier: one per organisme it is oriented to (``orientations``: the
    store's orientation rows by organisme, with ``status``, ``outcome``, ``note``,
    ``updated_at``, ``transmitted_at``) that the worker consented to; ``today`` is the
    reference day of the aids' rules."""
    seen = sorted(set(orientations) & visible_organismes(payload))
    if not seen:
        return []
    try:
        questionnaire: Questionnaire | None = load_questionnaire(payload.get("questionnaire"))
    except QuestionnaireError:
        questionnaire = None  # unknown version: no field, no aid leaves the store
    aids = {} if questionnaire is None else organisme_aids(questionnaire, payload, today)
    identity = payload.get("identity") or {}
    number = str(payload["number"])
    priority = 0 if payload.get("urgent") else 1
    rows = []
    for organisme in seen:
        policy = NOTHING if questionnaire is None else field_policy(questionnaire, organisme)
        shown = {k: str(identity.get(k) or "").strip() for k in policy.identity}
        name = " ".join(p for p in (shown.get("nom", "").upper(), shown.get("prenom", "")) if p)
        search = folded(" ".join([number] + [shown.get(k, "") for k in SEARCHED_FIELDS]))
        orientation = orientations[organisme]
        rows.append({
            "organisme": organisme, "dossier_id": dossier_id, "priority": priority,
            "number": number, "revision": int(payload["revision"]), "name": name,
            "search": " ".join(search.split()),
            "status": orientation["status"], "outcome": orientation.get("outcome"),
            "note": orientation.get("note") or "", "updated_at": orientation["updated_at"],
            "stale_from": stale_from(payload, organisme, orientation),
            "aids": json.dumps(aids.get(organisme, []), ensure_ascii=False,
                               separators=(",", ":")),
        })
    return rows
