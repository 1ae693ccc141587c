"""The dossier workflow, as the window drives it: open a dossier, answer, see the orientation,
record consent, revoke it. Pure Python over the local store and the rules (no Qt), so the window,
the command line and the tests share one behaviour.

Every call is one transaction: an answer is on disk (with its audit and outbox rows) when
:meth:`DossierService.answer` returns, which is what lets a dossier resume after a crash.
Every writing call is one agent action, so one change of the dossier: one revision and one outbox
row, with one audit row per elementary act (an answer, the urgency and the status it implies).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.forms.consent import ConsentText, filled_text, load_consent_text
from app.forms.deployment import load_deployment
from app.forms.evaluation import AidResult, Orientation, Situation, evaluate
from app.forms.identity import Issue, normalize_identity, parse_date, validate_identity
from app.forms.questionnaire import CURRENT_VERSION, Questionnaire, load_questionnaire
from app.forms.workdays import local_midnight
from app.models.appointments import agenda_rows, stale_orientations
from app.models.database import Store
from app.models.entities import AuditLog, Dossier
from app.models.repository import (
    IDENTITY_KEYS,
    PROFILE_KEYS,
    add_appointment,
    change,
    create_dossier,
    find_dossier,
    find_duplicates,
    record_consent,
    revoke_consent,
    save_answer,
    set_counter_note,
    set_orientations,
    set_status,
    set_urgent,
    to_export,
    update_identity,
)
from app.models.repository import set_appointment_status as _set_appointment_status

PROFILE_DATES = ("date_naissance", "debut_activite")
CALLBACK_MINUTES = 15  # how long a call-back is planned for


@dataclass(frozen=True)
class AgendaItem:
    """One call-back or appointment of the agenda, with the person to call or receive."""

    at: datetime  # aware, UTC
    kind: str  # rappel | rendez_vous
    mode: str  # telephone | agence | visio
    organisme: str | None  # None for the counter's call-back
    dossier_id: str
    dossier_number: str
    name: str  # « NOM Prénom »
    telephone: str
    place: str
    by: str  # who calls back, or who receives
    status: str  # propose | fixe | fait | annule
    id: str = ""
    duration: int = 0


@dataclass(frozen=True)
class ConsentRequest:
    """An orientation a partner asked for (re-orientation) that waits for the worker's
    consent: the counter asks the worker, then records the consent."""

    organisme: str
    note: str
    asked_at: datetime | None


class IdentityInvalid(ValueError):
    """The identity form has issues; ``issues`` lists them (codes, for the window to word)."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        super().__init__(", ".join(f"{i.field}: {i.code.value}" for i in issues))
        self.issues = tuple(issues)


class UnknownDossier(LookupError):
    """No local dossier has this id or number."""


class ReasonRequired(ValueError):
    """A correction of a dossier needs the agent's reason (kept in its history)."""


@dataclass(frozen=True)
class OrientationChange:
    """What a correction would do to the orientation: aids that appear or disappear."""

    before: Orientation
    after: Orientation
    appeared: tuple[AidResult, ...]
    disappeared: tuple[AidResult, ...]

    @property
    def changed(self) -> bool:
        return bool(self.appeared or self.disappeared) or self.before.urgent != self.after.urgent


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a dossier's history: an audit row of this workstation's store."""

    at: datetime
    agent: str
    action: str  # "create", "identity", "answer", "consent", "print"…
    detail: Mapping[str, Any]
    workstation: str  # "REN-01": the site and workstation of the store that wrote it


@dataclass(frozen=True)
class Progress:
    """Where a dossier's questionnaire stands after an answer."""

    answered: int
    total: int
    next_question: str | None  # the first unanswered question, None when complete
    urgent: bool


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    number: str
    nom: str
    prenom: str
    date_naissance: date | None
    status: str
    reason: str  # "nir", "siret" or "nom_date_naissance"


def reference_date(record: Mapping[str, Any]) -> date:
    """The day a dossier's situation is evaluated at: the day it was opened.

    Fixed for the dossier's life, so the orientation shown, stored and printed never drifts when
    the dossier is reopened or printed later.
    """
    created = record.get("created_at")
    if isinstance(created, str):
        return datetime.fromisoformat(created).date()
    return datetime.now(UTC).date()


def situation_of(record: Mapping[str, Any]) -> Situation:
    profile: dict[str, Any] = {}
    for key, value in record.get("profile", {}).items():
        profile[key] = parse_date(value) if key in PROFILE_DATES else value
    return Situation(answers=dict(record.get("answers", {})), profile=profile,
                     reference_date=reference_date(record))


def _changed_record(record: Mapping[str, Any], *, identity: Mapping[str, Any] | None = None,
                    profile: Mapping[str, Any] | None = None,
                    answers: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The record as it would be with these fields replaced (None clears a field)."""
    out = dict(record)
    for key, values in (("identity", identity), ("profile", profile), ("answers", answers)):
        if values:
            merged = dict(record.get(key, {}))
            for name, value in values.items():
                if value is None or value == "":
                    merged.pop(name, None)
                else:
                    merged[name] = value
            out[key] = merged
    if identity and "date_naissance" in identity and not (profile and "date_naissance" in profile):
        # one birth date: the identity's is the profile's
        merged = dict(out.get("profile", {}))
        if identity["date_naissance"]:
            merged["date_naissance"] = identity["date_naissance"]
        else:
            merged.pop("date_naissance", None)
        out["profile"] = merged
    return out


def orientation_change(before: Orientation, after: Orientation) -> OrientationChange:
    old = {a.code for a in before.aids}
    new = {a.code for a in after.aids}
    return OrientationChange(
        before, after,
        appeared=tuple(a for a in after.aids if a.code not in old),
        disappeared=tuple(a for a in before.aids if a.code not in new))


class DossierService:
    """One workstation's dossiers: every method is a complete, committed step."""

    def __init__(self, store: Store, *, agent: str) -> None:
        self._store = store
        self.agent = agent

    # ------------------------------------------------------------------ reading

    def _get(self, session: Any, ref: str) -> Dossier:
        dossier = find_dossier(session, ref)
        if dossier is None:
            raise UnknownDossier(f"no local dossier {ref!r}")
        return dossier

    def record(self, ref: str) -> dict[str, Any]:
        """The dossier as its export dict (identity, profile, answers, consents, orientations)."""
        with self._store.session() as session:
            return to_export(self._get(session, ref))

    def questionnaire_of(self, record: Mapping[str, Any]) -> Questionnaire:
        return load_questionnaire(str(record.get("questionnaire", CURRENT_VERSION)))

    def orientation(self, ref: str) -> Orientation:
        record = self.record(ref)
        return evaluate(self.questionnaire_of(record), situation_of(record))

    def consent_text(self, record: Mapping[str, Any]) -> ConsentText:
        return load_consent_text(self.questionnaire_of(record).consent_text)

    def consent_notice(self, record: Mapping[str, Any]) -> str:
        """The consent text in force as the person reads it (Markdown): a notice's places
        (controller, DPO, recipients, retention, CNIL) filled from the deployment's facts."""
        data_dir = self._store.path.parent if self._store.path else None
        return filled_text(self.consent_text(record), load_deployment(data_dir),
                           self.questionnaire_of(record))

    def preview(self, ref: str, *, identity: Mapping[str, Any] | None = None,
                profile: Mapping[str, Any] | None = None,
                answers: Mapping[str, str] | None = None) -> OrientationChange:
        """The orientation now and as it would be after this correction (nothing is saved)."""
        record = self.record(ref)
        questionnaire = self.questionnaire_of(record)
        before = evaluate(questionnaire, situation_of(record))
        changed = _changed_record(record, identity=identity, profile=profile, answers=answers)
        return orientation_change(before, evaluate(questionnaire, situation_of(changed)))

    def history(self, ref: str) -> list[HistoryEntry]:
        """The dossier's history on this workstation, most recent first."""
        from sqlalchemy import select

        workstation = f"{self._store.site_code}-{self._store.workstation_code}"
        with self._store.session() as session:
            dossier = self._get(session, ref)
            rows = session.scalars(select(AuditLog).where(AuditLog.dossier_id == dossier.id)
                                  .order_by(AuditLog.at.desc(), AuditLog.id.desc())).all()
            out = []
            for row in rows:
                try:
                    detail = json.loads(row.detail) if row.detail else {}
                except ValueError:
                    detail = {}
                out.append(HistoryEntry(row.at, row.agent, row.action,
                                        detail if isinstance(detail, dict) else {}, workstation))
            return out

    def duplicates(self, identity: Mapping[str, Any],
                   exclude_id: str | None = None) -> list[DuplicateCandidate]:
        """Dossiers of the same person: same NIR, same SIRET, or same name and birth date."""
        clean = normalize_identity(identity)
        with self._store.session() as session:
            found = find_duplicates(
                session, nir=clean.get("nir"), siret=clean.get("siret"), nom=clean.get("nom"),
                prenom=clean.get("prenom"), date_naissance=clean.get("date_naissance"),
                exclude_id=exclude_id)
            out = []
            for d in found:
                if clean.get("nir") and d.nir == clean["nir"]:
                    reason = "nir"
                elif clean.get("siret") and d.siret == clean["siret"]:
                    reason = "siret"
                else:
                    reason = "nom_date_naissance"
                out.append(DuplicateCandidate(d.id, d.number, d.nom, d.prenom, d.date_naissance,
                                              d.status, reason))
            return out

    # ------------------------------------------------------------------ writing

    def create(self, *, identity: Mapping[str, Any], profile: Mapping[str, Any],
               channel: str, today: date | None = None) -> str:
        """Open a draft dossier; returns its id. Raises IdentityInvalid with every issue."""
        today = today or datetime.now(UTC).date()
        form = dict(identity)
        for key in PROFILE_DATES:
            if profile.get(key) is not None:
                form.setdefault(key, profile[key])
        issues = validate_identity(form, today=today)
        if issues:
            raise IdentityInvalid(issues)
        clean = normalize_identity(identity)
        with self._store.transaction() as session:
            dossier = create_dossier(session, self._store, identity=clean,
                                     profile={k: v for k, v in profile.items() if v is not None},
                                     channel=channel, agent=self.agent)
            return dossier.id

    def correct(self, ref: str, *, identity: Mapping[str, Any] | None = None,
                profile: Mapping[str, Any] | None = None, reason: str,
                today: date | None = None) -> list[str]:
        """Correct identity and/or profile fields after creation, as ONE revision whose audit
        row keeps the agent's ``reason``. Fields absent from the dicts stay as they are; None or
        "" clears one (not ``nom``/``prenom``). Returns the changed fields (empty: nothing
        changed, nothing written). Raises ReasonRequired, IdentityInvalid with every issue."""
        reason = (reason or "").strip()
        if not reason:
            raise ReasonRequired("a correction needs its reason")
        identity = dict(identity or {})
        profile = dict(profile or {})
        unknown = (set(identity) - set(IDENTITY_KEYS)) | (set(profile) - set(PROFILE_KEYS))
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
        today = today or datetime.now(UTC).date()
        record = self.record(ref)
        changed = _changed_record(record, identity=identity, profile=profile)
        form: dict[str, Any] = dict(changed["identity"])
        for key in PROFILE_DATES:
            if changed["profile"].get(key) is not None:
                form[key] = changed["profile"][key]
        issues = validate_identity(form, today=today)
        if issues:
            raise IdentityInvalid(issues)
        clean = normalize_identity(form)
        identity_update = {k: clean.get(k) for k in identity}
        if "date_naissance" in identity and "date_naissance" not in profile:
            profile["date_naissance"] = clean.get("date_naissance")
        profile_update = {k: (None if v == "" else v) for k, v in profile.items()}
        with self._store.transaction() as session:
            dossier = self._get(session, ref)
            before = to_export(dossier)
            with change(session, dossier):
                update_identity(session, dossier, identity=identity_update,
                                profile=profile_update, agent=self.agent, reason=reason)
                self._refresh_urgency(session, dossier)
            after = to_export(dossier)
        return sorted(
            {k for part in ("identity", "profile")
             for k in set(before[part]) | set(after[part])
             if before[part].get(k) != after[part].get(k)})

    def revise_answer(self, ref: str, question_id: str, code: str, *, reason: str) -> Progress:
        """Change an answer already given, with the agent's reason kept in the history."""
        reason = (reason or "").strip()
        if not reason:
            raise ReasonRequired("revising an answer needs its reason")
        return self.answer(ref, question_id, code, reason=reason)

    def _refresh_urgency(self, session: Any, dossier: Dossier) -> None:
        record = to_export(dossier)
        result = evaluate(self.questionnaire_of(record), situation_of(record))
        if bool(dossier.urgent) != result.urgent:
            set_urgent(session, dossier, result.urgent, agent=self.agent)

    def answer(self, ref: str, question_id: str, code: str, *,
               reason: str | None = None) -> Progress:
        """Save one answer now; keep urgency and the draft/complete status up to date."""
        with self._store.transaction() as session:
            dossier = self._get(session, ref)
            with change(session, dossier):
                save_answer(session, dossier, question_id, code, agent=self.agent,
                            reason=reason)
                record = to_export(dossier)
                questionnaire = self.questionnaire_of(record)
                result = evaluate(questionnaire, situation_of(record))
                if bool(dossier.urgent) != result.urgent:
                    set_urgent(session, dossier, result.urgent, agent=self.agent)
                answered = [q.id for q in questionnaire.questions if q.id in record["answers"]]
                complete = len(answered) == len(questionnaire.questions)
                if complete and dossier.status == "brouillon":
                    set_status(session, dossier, "complet", agent=self.agent)
            remaining = [q.id for q in questionnaire.questions if q.id not in record["answers"]]
            return Progress(len(answered), len(questionnaire.questions),
                            remaining[0] if remaining else None, result.urgent)

    def record_consents(self, ref: str, decisions: Mapping[str, bool], *, mode: str) -> list[str]:
        """Record the worker's decision for each organisme, then orient to those who have it.

        Returns the organismes the dossier is oriented to. Refused consent is recorded too
        (a refusal is a decision, not an absence).
        """
        with self._store.transaction() as session:
            dossier = self._get(session, ref)
            record = to_export(dossier)
            text = self.consent_text(record)
            with change(session, dossier):
                for organisme, given in decisions.items():
                    record_consent(session, dossier, organisme, given=given, mode=mode,
                                   text_version=text.version, text_hash=text.sha256,
                                   agent=self.agent)
                record = to_export(dossier)
                result = evaluate(self.questionnaire_of(record), situation_of(record))
                allowed = {c["organisme"] for c in record["consents"]
                           if c["given"] and c["revoked_at"] is None}
                oriented = [o for o in result.organismes if o in allowed]
                if oriented:
                    set_orientations(session, dossier, oriented, agent=self.agent)
                    if dossier.status in ("brouillon", "complet"):
                        set_status(session, dossier, "oriente", agent=self.agent)
            return oriented

    def revoke(self, ref: str, organisme: str) -> None:
        """Withdraw the worker's consent for one organisme (the record stays, dated)."""
        with self._store.transaction() as session:
            revoke_consent(session, self._get(session, ref), organisme, agent=self.agent)

    # ------------------------------------------------------------------ follow-up (issue 16)

    def schedule_callback(self, ref: str, at: datetime, by: str, note: str = "", *,
                          duration: int = CALLBACK_MINUTES) -> dict[str, Any]:
        """Plan a call-back of the worker by the counter at ``at`` (aware), by ``by`` (who
        calls); returns the new ``rendez_vous`` item. ValueError names the bad field."""
        if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("at: expected a date and time with its time zone (the window "
                             "gives French local time)")
        by = (by or "").strip()
        if not by:
            raise ValueError("by: expected who calls back (an agent's name), at most 100 "
                             "characters")
        with self._store.transaction() as session:
            dossier = self._get(session, ref)
            item = add_appointment(session, dossier, kind="rappel", at=at, duration=duration,
                                   mode="telephone", by=by, note=note, status="fixe",
                                   agent=self.agent)
            item_id = item.id
            record = to_export(dossier)
        return next(i for i in record["rendez_vous"] if i["id"] == item_id)

    def set_appointment_status(self, ref: str, appointment_id: str, status: str
                               ) -> dict[str, Any]:
        """Mark the counter's call-back ``fait``, ``annule``… (a partner's appointment is
        written by its organisme on the central store: ValueError); returns the item."""
        with self._store.transaction() as session:
            dossier = self._get(session, ref)
            found = next((a for a in dossier.appointments
                          if a.id == str(appointment_id).strip().lower()), None)
            if found is not None and found.kind != "rappel":
                raise ValueError(f"appointment: the appointments of {found.organisme} are "
                                 "changed by its agents on the central store; expected a "
                                 "call-back of the counter")
            item = _set_appointment_status(session, dossier, str(appointment_id), status,
                                           agent=self.agent)
            item_id = item.id
            record = to_export(dossier)
        return next(i for i in record["rendez_vous"] if i["id"] == item_id)

    def appointments(self, ref: str) -> list[dict[str, Any]]:
        """The dossier's call-backs and appointments (``rendez_vous`` items), in time order."""
        return list(self.record(ref).get("rendez_vous", []))

    def set_counter_note(self, ref: str, organisme: str, text: str) -> None:
        """Write the counter's note for ``organisme`` on its orientation (an empty text clears
        it); it reaches the partner with the next sync round."""
        with self._store.transaction() as session:
            set_counter_note(session, self._get(session, ref), organisme, text,
                             agent=self.agent)

    def consent_requests(self, ref: str) -> list[ConsentRequest]:
        """The orientations a partner asked for that wait for the worker's consent (record it
        with :meth:`record_consents` once the worker agrees)."""
        record = self.record(ref)
        active = {c["organisme"] for c in record.get("consents", [])
                  if c.get("given") and not c.get("revoked_at")}
        return [ConsentRequest(o["organisme"], o.get("note") or "",
                               datetime.fromisoformat(o["updated_at"])
                               if o.get("updated_at") else None)
                for o in record.get("orientations", [])
                if o["organisme"] not in active and o.get("status") == "a_transmettre"]

    def agenda(self, day: date, site: str | None = None) -> list[AgendaItem]:
        """The call-backs and appointments of ``day`` (French local day), of ``site``'s dossiers
        when given, in time order."""
        start = local_midnight(day)
        end = local_midnight(day + timedelta(days=1))
        with self._store.session() as session:
            rows = agenda_rows(session, start, end, site=site)
        return [AgendaItem(r.at, r.kind, r.mode, r.organisme, r.dossier_id, r.dossier_number,
                           " ".join(p for p in (r.nom.upper(), r.prenom) if p), r.telephone,
                           r.place, r.by, r.status, r.id, r.duration) for r in rows]

    def stale_orientations(self, now: datetime) -> list[tuple[str, str, datetime]]:
        """The orientations « sans nouvelle » at ``now`` (no partner action for the deployment's
        number of working days, app.forms.workdays.stale_working_days): (dossier number,
        organisme, since), oldest first."""
        with self._store.session() as session:
            return [(s.dossier_number, s.organisme, s.since)
                    for s in stale_orientations(session, now)]
