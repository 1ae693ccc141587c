"""What each organisme may see of a dossier: the one data-minimisation policy.

The consent text promises « chaque organisme ne reçoit que les informations utiles à sa mission »
(GDPR art. 5.1.c). This module is that promise, applied alike by the orientation letters
(``app.documents.letter``), the central store's partner views (``app.server.services.partner``)
and, through them, the partner inbox:

- **identity and profile fields**: the ones listed beside each organisme in the questionnaire file
  (``identity_fields``, ``profile_fields`` of ``[[organismes]]`` in
  ``resources/questionnaires/help-v1.toml``, checked at load), read by :func:`field_policy`. They
  live with the questionnaire data because they belong to its organismes and change with them: a
  later questionnaire version with a new organisme declares what that organisme receives, and a
  field name the dossier does not have is a load error. In ``help-v1``: the Urssaf gets name,
  SIRET, phone, e-mail, status and start of activity (contributions are keyed by SIRET and
  status; seniority decides the CPSTI aids); the Assurance Maladie, its Service social and the
  Assurance retraite get name, birth name, NIR, birth date, phone and postal address (they
  identify people by NIR and birth name); the Caf gets name, birth date, phone, postal address
  and household size (benefits depend on the household). Nobody else gets the NIR, the SIRET, the
  e-mail or the household.
- **answers** (:func:`answers_seen`): exactly the question answers that are reasons of that
  organisme's own applicable aids, as the rules ask for them positively
  (:func:`app.forms.evaluation.aid_reasons_shown`: « Q11 is not cumul » opens an aid but does not
  tell the Urssaf about retirement plans). Profile facts among the reasons (seniority, main
  activity, age) are not answers; they stay with the aid they explain.
- **urgency** (:func:`urgent_reasons_seen`): every organisme sees the flag; of its reasons, only
  those among the answers it sees. The Caf learns that a dossier is urgent, never that the worker
  said « Je me sens épuisé ou en détresse » unless that answer opens one of its aids.

:func:`disclosure` puts these together, once, for one organisme and one dossier: the letters and
the partner views both shape what they show with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple, Protocol

from app.forms.evaluation import aid_reasons_shown
from app.forms.questionnaire import Questionnaire


class FieldPolicy(NamedTuple):
    """The identity fields and the profile fields an organisme receives, in print order."""

    identity: tuple[str, ...]
    profile: tuple[str, ...]


class AidWithReasons(Protocol):
    """An applicable aid: an :class:`~app.forms.evaluation.AidResult` or a document's entry."""

    @property
    def code(self) -> str: ...

    @property
    def organisme(self) -> str: ...

    @property
    def reasons(self) -> Sequence[str]: ...


NOTHING = FieldPolicy((), ())


def field_policy(questionnaire: Questionnaire, organisme: str) -> FieldPolicy:
    """The fields ``organisme`` receives; none for an organisme the questionnaire does not know."""
    try:
        declared = questionnaire.organisme(organisme)
    except KeyError:
        return NOTHING
    return FieldPolicy(declared.identity_fields, declared.profile_fields)


def reason_answer(questionnaire: Questionnaire, reason: str) -> tuple[str, str] | None:
    """``("Q01", "dette")`` for the reason ``Q01=dette``; None for a profile fact or a code the
    question does not have."""
    question_id, _, code = reason.partition("=")
    try:
        question = questionnaire.question(question_id)
    except KeyError:
        return None
    return (question_id, code) if code in question.codes else None


def aid_answers(questionnaire: Questionnaire, aid_code: str,
                reasons: Sequence[str]) -> dict[str, str]:
    """The question answers among one aid's reasons that its rule asks for positively."""
    out: dict[str, str] = {}
    for reason in aid_reasons_shown(questionnaire, aid_code, tuple(reasons)):
        answer = reason_answer(questionnaire, reason)
        if answer is not None:
            out[answer[0]] = answer[1]
    return out


def answers_seen(questionnaire: Questionnaire, aids: Iterable[AidWithReasons],
                 organisme: str) -> dict[str, str]:
    """Question id → answer code, in question order: the answers that are reasons of
    ``organisme``'s own applicable ``aids`` (the aids of an evaluation; others are ignored)."""
    found: dict[str, str] = {}
    for aid in aids:
        if aid.organisme == organisme:
            found.update(aid_answers(questionnaire, aid.code, aid.reasons))
    return {q: found[q] for q in questionnaire.question_ids if q in found}


def urgent_reasons_seen(urgent_reasons: Iterable[str],
                        seen: Mapping[str, str]) -> tuple[str, ...]:
    """The urgency reasons (``Q04=non``…) that are among the answers ``seen``."""
    out: list[str] = []
    for reason in urgent_reasons:
        question_id, _, code = reason.partition("=")
        if seen.get(question_id) == code:
            out.append(reason)
    return tuple(out)


def reasons_seen(questionnaire: Questionnaire, aid: AidWithReasons,
                 seen: Mapping[str, str]) -> tuple[str, ...]:
    """An aid's reasons as its organisme may read them: the answers it sees and the profile
    facts of the aid's own rule, never a negated condition."""
    out: list[str] = []
    for reason in aid_reasons_shown(questionnaire, aid.code, tuple(aid.reasons)):
        name, _, value = reason.partition("=")
        if name not in questionnaire.question_ids or seen.get(name) == value:
            out.append(reason)
    return tuple(out)


class Disclosure(NamedTuple):
    """What one organisme sees of one dossier."""

    fields: FieldPolicy  # the identity and profile fields it receives
    answers: dict[str, str]  # question id → answer code: the reasons of its own aids
    urgent_reasons: tuple[str, ...]  # the urgency reasons among those answers
    aid_reasons: tuple[tuple[str, ...], ...]  # for each of its aids, in order: the reasons shown


def disclosure(questionnaire: Questionnaire | None, organisme: str,
               aids: Iterable[AidWithReasons],
               urgent_reasons: Callable[[], Iterable[str]]) -> Disclosure:
    """What ``organisme`` sees of a dossier answered with ``questionnaire`` whose applicable
    aids are ``aids`` (those of other organismes are ignored; ``aid_reasons`` follows the order
    of its own). ``urgent_reasons`` gives every reason of the dossier's urgency (none when it is
    not urgent); it is called only when the organisme sees some answer, since urgency reasons
    are shown only among them. An unknown questionnaire version (None) lets nothing out: no
    field, no answer, no reason."""
    own = [aid for aid in aids if aid.organisme == organisme]
    if questionnaire is None:
        return Disclosure(NOTHING, {}, (), tuple(() for _ in own))
    seen = answers_seen(questionnaire, own, organisme)
    urgent = urgent_reasons_seen(urgent_reasons(), seen) if seen else ()
    return Disclosure(field_policy(questionnaire, organisme), seen, urgent,
                      tuple(reasons_seen(questionnaire, aid, seen) for aid in own))


# Issue 16: the follow-up between the counter and the partners.

APPOINTMENT_SEEN = ("id", "at", "duration", "mode", "place", "bring", "by", "status",
                    "created_at", "updated_at")


def appointments_seen(record: Mapping[str, object], organisme: str) -> list[dict[str, object]]:
    """The appointments of a dossier (its ``rendez_vous`` items) ``organisme`` may see: its own,
    in the record's order, without who recorded them. Never another organisme's, nor the
    counter's call-backs (which may say why the worker is called back)."""
    items = record.get("rendez_vous")
    return [{key: item.get(key) for key in APPOINTMENT_SEEN}
            for item in (items if isinstance(items, list) else [])
            if isinstance(item, Mapping) and item.get("kind") == "rendez_vous"
            and item.get("organisme") == organisme]


def counter_note_seen(record: Mapping[str, object], organisme: str) -> str | None:
    """The counter's note on ``organisme``'s own orientation (None without one): a note to one
    organisme is never shown to another."""
    orientations = record.get("orientations")
    for entry in orientations if isinstance(orientations, list) else []:
        if isinstance(entry, Mapping) and entry.get("organisme") == organisme:
            return str(entry.get("counter_note") or "") or None
    return None
