"""The call list's rules (app.forms.calls): the effect of an attempt, an entry's figures, who
may take an entry and in which order, and the checks of what travels over HTTP."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.forms.calls import (
    CLAIM_MINUTES,
    MAX_UNANSWERED,
    RETRY_DELAY,
    TYPE_WEIGHT,
    apply_attempt,
    check_attempt,
    check_link,
    check_signal,
    claim_holder,
    entry_figures,
    identity_field,
    is_available,
    rank_key,
    ranked,
    when,
)
from app.forms.codes import CALL_ENTRY_DONE, CALL_ENTRY_STATUSES, CALL_OUTCOMES, SIGNAL_TYPES
from tests.forms.test_identity import NIR
from tests.profiles import examples

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SIRET = "73282932000074"
ENTRY = {"status": "a_appeler", "unanswered": 0, "next_attempt_at": None, "callback_at": None}


def test_constants_are_the_briefs() -> None:
    assert TYPE_WEIGHT == {"procedure_collective": 5, "incident_paiement": 4, "dette": 3,
                           "baisse_activite": 2, "alerte_partenaire": 2, "autre": 1}
    assert set(TYPE_WEIGHT) == set(SIGNAL_TYPES)
    assert (MAX_UNANSWERED, RETRY_DELAY, CLAIM_MINUTES) == (3, timedelta(days=1), 20)


# --------------------------------------------------------------------------- attempts

@pytest.mark.parametrize("outcome", ["joint", "refus", "deja_accompagne"])
def test_a_final_outcome_is_the_status(outcome: str) -> None:
    after = apply_attempt({**ENTRY, "callback_at": NOW}, {"outcome": outcome, "at": NOW})
    assert after["status"] == outcome and after["status"] in CALL_ENTRY_DONE
    assert after["callback_at"] is None and after["next_attempt_at"] is None


def test_unanswered_calls_plan_the_next_then_a_letter() -> None:
    entry: dict[str, Any] = dict(ENTRY)
    statuses = []
    for n in range(1, MAX_UNANSWERED + 1):
        at = NOW + timedelta(days=n)
        entry = apply_attempt(entry, {"outcome": "injoignable", "at": at})
        assert entry["unanswered"] == n
        assert entry["next_attempt_at"] == at + RETRY_DELAY  # same form as ``at``: a datetime
        statuses.append(entry["status"])
    assert statuses == ["a_appeler", "a_appeler", "courrier"]


def test_next_attempt_keeps_the_iso_form_of_at() -> None:
    after = apply_attempt(ENTRY, {"outcome": "injoignable", "at": "2026-11-23T09:00:00+01:00"})
    assert after["next_attempt_at"] == "2026-11-24T08:00:00+00:00"
    assert ENTRY["unanswered"] == 0  # the entry given is not changed


def test_a_call_back_asked_for() -> None:
    later = NOW + timedelta(hours=3)
    after = apply_attempt(ENTRY, {"outcome": "rappel_demande", "at": NOW, "callback_at": later})
    assert after["status"] == "rappel" and after["callback_at"] == later


def test_an_unknown_outcome_is_refused() -> None:
    with pytest.raises(ValueError, match="^outcome: 'rappel' is not allowed"):
        apply_attempt(ENTRY, {"outcome": "rappel", "at": NOW})


@settings(max_examples=examples(200))
@given(st.lists(st.sampled_from(CALL_OUTCOMES), max_size=8))
def test_any_sequence_of_attempts_leaves_a_known_status(outcomes: list[str]) -> None:
    entry: dict[str, Any] = dict(ENTRY)
    for n, outcome in enumerate(outcomes):
        at = NOW + timedelta(days=n)
        entry = apply_attempt(entry, {"outcome": outcome, "at": at,
                                      "callback_at": at if outcome == "rappel_demande" else None})
        assert entry["status"] in CALL_ENTRY_STATUSES
    assert entry["unanswered"] == outcomes.count("injoignable")


# --------------------------------------------------------------------------- figures

def test_entry_figures() -> None:
    signals = [
        {"type": "dette", "montant_cents": 120_000, "date": "2026-03-01"},
        {"type": "procedure_collective", "montant_cents": None, "date": date(2026, 1, 5)},
        {"type": "autre", "date": datetime(2026, 2, 1, 10, tzinfo=UTC)},
    ]
    assert entry_figures(signals) == (5, 120_000, date(2026, 1, 5))
    assert entry_figures([]) == (0, 0, None)


@settings(max_examples=examples(200))
@given(st.lists(st.tuples(st.sampled_from(SIGNAL_TYPES), st.integers(0, 10**9),
                          st.dates(date(2000, 1, 1), date(2030, 1, 1))), min_size=1))
def test_figures_are_max_sum_min(items: list[tuple[str, int, date]]) -> None:
    signals = [{"type": t, "montant_cents": a, "date": d.isoformat()} for t, a, d in items]
    assert entry_figures(signals) == (max(TYPE_WEIGHT[t] for t, _, _ in items),
                                      sum(a for _, a, _ in items), min(d for _, _, d in items))


# --------------------------------------------------------------------------- taking

def entry(**more: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "status": "a_appeler", "score": 3, "amount_cents": 0,
            "oldest": "2026-01-01", "next_attempt_at": None, "callback_at": None,
            "claimed_by": None, "claim_expires_at": None, **more}


def test_when_reads_text_datetimes_and_naive_as_utc() -> None:
    assert when(None) is None and when("") is None
    assert when("2026-11-23T10:00:00+01:00") == NOW
    assert when(datetime(2026, 11, 23, 9, 0)) == NOW
    assert when("2026-11-23T09:00:00").tzinfo is not None  # type: ignore[union-attr]


def test_claims() -> None:
    held = entry(claimed_by="BRE-01", claim_expires_at=NOW + timedelta(minutes=5))
    assert claim_holder(held, NOW) == "BRE-01"
    assert claim_holder(held, NOW + timedelta(minutes=6)) is None
    assert claim_holder(entry(), NOW) is None
    assert claim_holder(entry(claimed_by="BRE-01"), NOW) == "BRE-01"  # no end: held
    assert not is_available(held, NOW, "BRE-02")
    assert is_available(held, NOW, "BRE-01")
    assert is_available(held, NOW + timedelta(minutes=6), "BRE-02")


def test_availability_waits_for_the_next_attempt_and_the_call_back() -> None:
    later = (NOW + timedelta(hours=1)).isoformat()
    assert not is_available(entry(next_attempt_at=later), NOW, "BRE-02")
    assert not is_available(entry(callback_at=later), NOW, "BRE-02")
    assert is_available(entry(callback_at=later), NOW + timedelta(hours=1), "BRE-02")
    for status in CALL_ENTRY_DONE:
        assert not is_available(entry(status=status), NOW, "BRE-02")
    assert is_available(entry(status="courrier"), NOW, None)


def test_ranking() -> None:
    due_late = entry(score=1, callback_at=NOW - timedelta(minutes=5))
    due_early = entry(score=1, callback_at=NOW - timedelta(hours=5))
    urgent = entry(score=5)
    big = entry(score=3, amount_cents=10_000)
    small_old = entry(score=3, oldest="2025-01-01")
    small_new = entry(score=3, oldest="2026-06-01", id="b")
    small_new_a = entry(score=3, oldest="2026-06-01", id="a")
    no_date = entry(score=3, oldest=None, id="c")
    later_callback = entry(score=5, callback_at=NOW + timedelta(hours=1))
    taken = entry(score=5, claimed_by="BRE-01", claim_expires_at=NOW + timedelta(minutes=1))
    order = ranked([small_new, no_date, big, later_callback, small_old, urgent, due_late,
                    small_new_a, due_early, taken], NOW, "BRE-02")
    assert order == [due_early, due_late, urgent, big, small_old, small_new_a, small_new,
                     no_date]
    assert rank_key(due_early, NOW) < rank_key(urgent, NOW)


# --------------------------------------------------------------------------- HTTP checks

def signal(**more: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "source": "urssaf", "reference": "U-1", "type": "dette",
            "date": "2026-11-02", "siret": "732 829 320 00074", "nir": None, "nom": " Le  Goff",
            "prenom": "Yann", "telephone": "0298000000", "email": "Yann@Example.FR",
            "code_postal": "29200", "commune": "Brest", "montant_cents": 123_456,
            "commentaire": None, "entry_id": str(uuid.uuid4()), "dossier_id": None,
            "imported_at": "2026-11-22T10:00:00+01:00", "agent": "a.le.gall", **more}


def test_check_signal_normalises() -> None:
    checked = check_signal(signal())
    assert checked["siret"] == SIRET and checked["nom"] == "Le Goff"
    assert checked["telephone"] == "02 98 00 00 00" and checked["email"] == "Yann@example.fr"
    assert checked["imported_at"] == "2026-11-22T09:00:00+00:00"
    upper = str(uuid.uuid4())
    assert check_signal(signal(id=upper.upper()))["id"] == upper
    only_nir = check_signal(signal(siret=None, nir=NIR, nom=None, prenom=None, telephone="",
                                   email=None, code_postal=None, commune=None))
    assert only_nir["nir"] == NIR and only_nir["siret"] is None and only_nir["telephone"] is None


@pytest.mark.parametrize(("change", "message"), [
    ({"id": "nope"}, "^id: 'nope' is not allowed; expected a UUID"),
    ({"id": uuid.uuid4().hex}, "^id: .* expected a UUID"),
    ({"id": 12}, "^id: 12 is not allowed"),
    ({"source": "cpam"}, "^source: 'cpam' is not allowed; expected one of urssaf"),
    ({"reference": " "}, "^reference: expected a text of 1 to 100 characters"),
    ({"reference": "x" * 101}, "^reference: expected a text of 1 to 100"),
    ({"type": None}, "^type: null is not allowed"),
    ({"date": "2026-02-30"}, "^date: '2026-02-30' is not allowed; expected an ISO date"),
    ({"date": "2 novembre"}, "^date: "),
    ({"siret": "73282932000075"}, r"^siret: the value given is not allowed \(invalid_checksum\)"),
    ({"siret": 12}, "^siret: expected a 14-digit SIRET"),
    ({"siret": 73282932000074}, "^siret: 73282932000074 is out of range"),
    ({"nir": "1630529019005"}, r"^nir: the value given is not allowed \(invalid_length\)"),
    ({"siret": None, "nir": None}, "^siret: a signal needs a SIRET or a NIR"),
    ({"siret": " ", "nir": ""}, "^siret: a signal needs a SIRET or a NIR"),
    ({"nom": "R2D2"}, r"^nom: the value given is not allowed \(invalid_characters\)"),
    ({"telephone": "12"}, r"^telephone: the value given is not allowed"),
    ({"email": "a@b"}, r"^email: the value given is not allowed"),
    ({"code_postal": "00000"}, r"^code_postal: the value given is not allowed"),
    ({"montant_cents": -1}, "^montant_cents: -1 is not allowed; expected a whole number"),
    ({"montant_cents": True}, "^montant_cents: true is not allowed"),
    ({"montant_cents": 1.5}, "^montant_cents: 1.5 is not allowed"),
    ({"commentaire": "x" * 501}, "^commentaire: expected a text of 0 to 500 characters"),
    ({"entry_id": None}, "^entry_id: null is not allowed; expected a UUID"),
    ({"dossier_id": "x"}, "^dossier_id: 'x' is not allowed"),
    ({"imported_at": "2026-11-22T10:00:00"}, "^imported_at: .* with its UTC offset"),
    ({"imported_at": "0001-01-01T00:00:00+01:00"}, "^imported_at: "),
    ({"imported_at": 3}, "^imported_at: 3 is not allowed"),
    ({"agent": ""}, "^agent: expected a text of 1 to 100 characters"),
    ({"extra": 1}, "^extra: unknown key; expected only id, source"),
    ({"nom": "a\x00b"}, "^nom: contains a NUL character"),
])
def test_check_signal_names_the_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_signal(signal(**change))


def test_check_signal_wants_an_object() -> None:
    with pytest.raises(ValueError, match="^signal: expected a JSON object"):
        check_signal([signal()])


def test_identity_field_never_shows_the_value() -> None:
    value, reason = identity_field("nir", "2 99 99 99 999 999 99")
    assert value is None and reason is not None and "99 99" not in reason
    assert identity_field("commune", "  Saint-Brieuc ") == ("Saint-Brieuc", None)
    assert identity_field("code_postal", "22000") == ("22000", None)
    assert identity_field("nir", NIR) == (NIR, None)


def attempt(**more: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "entry_id": str(uuid.uuid4()), "at": NOW.isoformat(),
            "agent": "a.le.gall", "workstation": "BRE-02", "outcome": "injoignable",
            "callback_at": None, "note": "messagerie", **more}


def test_check_attempt() -> None:
    checked = check_attempt(attempt())
    assert checked["outcome"] == "injoignable" and checked["note"] == "messagerie"
    assert check_attempt(attempt(note=None))["note"] == ""
    call_back = check_attempt(attempt(outcome="rappel_demande",
                                      callback_at="2026-11-24T14:00:00+01:00"))
    assert call_back["callback_at"] == "2026-11-24T13:00:00+00:00"


@pytest.mark.parametrize(("change", "message"), [
    ({"outcome": "absent"}, "^outcome: 'absent' is not allowed; expected one of joint"),
    ({"outcome": "rappel_demande"}, "^callback_at: required when the outcome is rappel_demande"),
    ({"callback_at": NOW.isoformat()}, "^callback_at: only allowed when the outcome is rappel"),
    ({"workstation": "BRE 02"}, "^workstation: 'BRE 02' is not allowed; expected a workstation"),
    ({"workstation": None}, "^workstation: null is not allowed"),
    ({"note": "x" * 501}, "^note: expected a text of 0 to 500"),
    ({"at": None}, "^at: null is not allowed"),
    ({"agent": None}, "^agent: expected a text of 1 to 100"),
    ({"sent_at": None}, "^sent_at: unknown key"),
])
def test_check_attempt_names_the_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_attempt(attempt(**change))


def test_check_link() -> None:
    link = {"entry_id": str(uuid.uuid4()), "dossier_id": str(uuid.uuid4()),
            "at": NOW.isoformat(), "agent": "a.le.gall"}
    assert check_link(link) == link
    with pytest.raises(ValueError, match="^dossier_id: "):
        check_link({**link, "dossier_id": None})


@settings(max_examples=examples(300))
@given(st.dictionaries(st.sampled_from(["id", "source", "reference", "type", "date", "siret",
                                        "nir", "montant_cents", "agent", "extra"]),
                       st.one_of(st.none(), st.text(max_size=20), st.integers(),
                                 st.booleans()), max_size=6))
def test_check_signal_refuses_with_a_field_never_crashes(change: dict[str, Any]) -> None:
    try:
        check_signal(signal(**change))
    except ValueError as exc:
        field, _, reason = str(exc).partition(": ")
        assert field and reason


@settings(max_examples=examples(200))
@given(st.text(max_size=30))
def test_check_attempt_workstation_text(text: str) -> None:
    try:
        assert check_attempt(attempt(workstation=text))["workstation"] == text
    except ValueError as exc:
        assert str(exc).startswith(("workstation: ", "attempt.workstation: "))

