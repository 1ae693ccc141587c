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
from bisect import bisect_right
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from app.forms.conditions import All, Compare, Condition, Eq, In, Ne, Not
from app.forms.conditions import Any as AnyOf
from app.forms.disclosure import NOTHING, appointments_seen, field_policy
from app.forms.evaluation import (
    AidResult,
    Situation,
    SituationError,
    aid_reasons_shown,
    evaluate,
    parse_answers,
    parse_profile,
    whole_months,
    whole_years,
)
from app.forms.questionnaire import Questionnaire, QuestionnaireError, load_questionnaire
from app.forms.stats import paris_day
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


class Evaluator:
    """The aids of the dossiers of one write (a push batch), for the rows written with them:
    the partners' inbox (on the day of the write, with their reasons) and the statistics'
    facts (the aids' codes on the day of creation, app.server.services.stats). A dossier's
    answers and profile are read once, and it is evaluated once for both when the two days
    give the same aids.

    The reference date reaches the rules only through the derived facts (ages, months of
    activity: app.forms.evaluation.situation_facts), and the aids' rules read those only by
    comparing them with whole numbers: two days give the same aids when each derived fact an
    aid's rule reads falls, on both, on the same side of every bound it is compared with
    (:func:`cut_points`). ``today``: the day the inbox's aids are evaluated on (None: the
    facts' aids are always evaluated on their own day). Holds every payload it was given:
    one per write."""

    def __init__(self, today: date | None = None) -> None:
        self.today = today
        # (id of the payload, questionnaire version) -> (the payload, its answers and profile
        # read on the day it was first asked for, or None, {day: aids})
        self._dossiers: dict[tuple[int, str], tuple[
            Mapping[str, Any], Situation | None, dict[date, tuple[AidResult, ...]]]] = {}
        self._cuts: dict[str, dict[str, tuple[int, ...]] | None] = {}

    def _dossier(self, questionnaire: Questionnaire, payload: Mapping[str, Any], day: date
                 ) -> tuple[Situation | None, dict[date, tuple[AidResult, ...]]]:
        key = (id(payload), questionnaire.version)
        found = self._dossiers.get(key)
        if found is None or found[0] is not payload:
            try:
                situation: Situation | None = Situation(
                    answers=parse_answers(questionnaire, payload.get("answers", {}),
                                          require_all=False),
                    profile=parse_profile(questionnaire, payload.get("profile")),
                    reference_date=day)
            except SituationError:
                situation = None
            found = self._dossiers[key] = (payload, situation, {})  # the payload kept: its
        return found[1], found[2]                                  # id stays its own

    def aids(self, questionnaire: Questionnaire, payload: Mapping[str, Any],
             day: date) -> tuple[AidResult, ...] | None:
        """``evaluate(questionnaire, situation on day).aids``; None when the answers or the
        profile cannot be read."""
        situation, by_day = self._dossier(questionnaire, payload, day)
        if situation is None:
            return None
        found = by_day.get(day)
        if found is None:
            if situation.reference_date != day:
                situation = Situation(situation.answers, situation.profile, day)
            found = by_day[day] = evaluate(questionnaire, situation).aids
        return found

    def created_aids(self, payload: Mapping[str, Any]) -> tuple[str, ...]:
        """The codes of the aids on the payload's creation day in Paris, sorted: what
        app.forms.stats.dossier_facts counts (none when they cannot be found)."""
        try:
            questionnaire = load_questionnaire(str(payload.get("questionnaire") or ""))
            day = paris_day(str(payload["created_at"]))
            if self.today is not None and self._same_aids(questionnaire, payload, day,
                                                          self.today):
                day = self.today  # the inbox's evaluation, done once for both
            aids = self.aids(questionnaire, payload, day)
        except (SituationError, QuestionnaireError, ValueError):
            return ()
        return () if aids is None else tuple(sorted({aid.code for aid in aids}))

    def _same_aids(self, questionnaire: Questionnaire, payload: Mapping[str, Any],
                   day: date, other: date) -> bool:
        """Whether the payload's aids are the same on ``day`` and ``other`` (see the class)."""
        situation, _ = self._dossier(questionnaire, payload, day)
        if situation is None:
            return True  # no aid either day
        if day == other:
            return True
        if questionnaire.version not in self._cuts:
            self._cuts[questionnaire.version] = cut_points(questionnaire)
        cuts = self._cuts[questionnaire.version]
        if cuts is None:
            return False
        for derived in questionnaire.derived:  # the facts situation_facts derives
            name, start = derived.name, situation.profile.get(derived.source)
            if not isinstance(start, date):
                continue  # unknown on both days
            whole = whole_months if derived.unit == "months" else whole_years
            value, other_value = whole(start, day), whole(start, other)
            if name not in cuts:
                if value != other_value:
                    return False  # read otherwise than compared with bounds
            elif bisect_right(cuts[name], value) != bisect_right(cuts[name], other_value):
                return False
        return True


def cut_points(questionnaire: Questionnaire) -> dict[str, tuple[int, ...]] | None:
    """For each derived fact the aids' rules read only through comparisons with whole numbers
    (``gt``, ``gte``, ``lt``, ``lte``), the sorted values ``c`` where such a comparison may
    change between ``c - 1`` and ``c``: two values with as many cut points at or below them
    compare alike with every bound. A derived fact no rule reads has none; one read otherwise
    (``eq``, ``in``...) is left out (two values of it are alike only when equal). None when a
    rule holds a node of another kind."""
    derived = {d.name for d in questionnaire.derived}
    cuts: dict[str, set[int]] = {name: set() for name in derived}
    other: set[str] = set()
    nodes: list[Condition] = [aid.rule for aid in questionnaire.aids]
    while nodes:
        node = nodes.pop()
        if type(node) is All or type(node) is AnyOf:  # their own kinds: a subclass may
            nodes.extend(node.parts)                    # read its parts otherwise
        elif type(node) is Not:
            nodes.append(node.inner)
        elif type(node) is Compare and node.op in ("gt", "gte", "lt", "lte"):
            if node.fact in derived:  # gte b, lt b change at b; gt b, lte b at b + 1
                cuts[node.fact].add(node.bound + (node.op in ("gt", "lte")))
        elif type(node) in (Eq, Ne, In):  # a leaf reading its one fact: equal values give
            other.update(set(node.fact_names()) & derived)  # equal outcomes
        else:
            return None
    return {name: tuple(sorted(values)) for name, values in cuts.items() if name not in other}


def organisme_aids(questionnaire: Questionnaire, payload: Mapping[str, Any],
                   today: date, evaluator: Evaluator | None = None
                   ) -> dict[str, list[dict[str, Any]]]:
    """The applicable aids of a dossier by organisme, each ``{"code", "title", "reasons"}``
    with the reasons an organisme may read (aid_reasons_shown); none when the answers cannot be
    read. ``evaluator``: shares the evaluation with the other rows of the same write."""
    found = (evaluator or Evaluator()).aids(questionnaire, payload, today)
    if found is None:
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    for aid in found:
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
               orientations: Mapping[str, Mapping[str, Any]], today: date,
               evaluator: Evaluator | None = None) -> list[dict[str, Any]]:
    """The inbox rows of a dossier: one per organisme it is oriented to (``orientations``: the
    store's orientation rows by organisme, with ``status``, ``outcome``, ``note``,
    ``updated_at``, ``transmitted_at``) that the worker consented to; ``today`` is the
    reference day of the aids' rules. ``evaluator``: shares the evaluation of the aids with
    the other rows of the same write."""
    seen = sorted(set(orientations) & visible_organismes(payload))
    if not seen:
        return []
    try:
        questionnaire: Questionnaire | None = load_questionnaire(payload.get("questionnaire"))
    except QuestionnaireError:
        questionnaire = None  # unknown version: no field, no aid leaves the store
    aids = ({} if questionnaire is None
            else organisme_aids(questionnaire, payload, today, evaluator))
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
