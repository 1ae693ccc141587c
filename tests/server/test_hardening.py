"""What the central store refuses, and how: bodies above the size limit (413 before they are
read), records with keys it does not know or owns, text that is not valid Unicode, numbers out
of range, records a workstation could not apply (422, or ``rejected`` in a batch), a counter
writing a partner's follow-up, a dossier at the highest revision; never a 500.

The record validation is one function (app.forms.records.validate_record) for the store, the
local import and the pull: a hypothesis test checks that every record it accepts imports into a
fresh local store.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.demo import DEMO_AS_OF, counter_only, demo_records
from app.forms.evaluation import SituationError
from app.forms.questionnaire import load_questionnaire
from app.forms.records import (
    MAX_REVISION,
    check_plain_data,
    counter_orientation_refusal,
    shown,
    validate_record,
)
from app.models import repository
from app.models.database import Store
from app.server.app import BodySizeLimit, create_app
from app.sync.retry import Backoff
from tests.profiles import examples
from tests.server.conftest import (
    BASE_RECORD,
    PASSWORD,
    Server,
    consent,
    make_record,
    orientation,
)

TODAY = date(2026, 11, 22)
MiB = 1024 * 1024


def check(record: Any) -> dict[str, Any]:
    return validate_record(record, load_questionnaire, today=TODAY)


def refusal(record: Any) -> SituationError:
    with pytest.raises(SituationError) as info:
        check(record)
    return info.value


def base(**changes: Any) -> dict[str, Any]:
    record = make_record(1, oriented=("caf",))
    record.update(changes)
    return record


# --------------------------------------------------------------------------- validate_record


def test_unknown_and_store_owned_keys_are_all_named() -> None:
    error = refusal(base(role="admin", owner="x", change_seq=5))
    assert error.field == "record"
    assert str(error).startswith("record: unknown or store-owned keys change_seq, owner, role; "
                                 "expected only id, number, revision")
    error = refusal(base(**{"x" * 1_000_000: 1}))  # a 1 MB unknown key is named, shortened
    assert error.field == "record" and len(str(error)) < 1000
    many = refusal(base(**{f"k{n:02d}": n for n in range(12)}))
    assert "k09 and 2 more" in str(many)


@pytest.mark.parametrize(("part", "extra", "field"), [
    ("consents", "signature", "consents[1]"),
    ("orientations", "owner", "orientations[1]"),
    ("printed", "pages", "printed[1]"),
])
def test_unknown_keys_inside_list_items_are_named(part: str, extra: str, field: str) -> None:
    record = base(printed=[{"kind": "summary", "organisme": None,
                            "printed_at": "2026-11-20T09:31:00+00:00", "agent": "A. Martin",
                            "content_hash": "b" * 64}])
    check(record)  # every key build_export writes is allowed
    record[part][0][extra] = True
    error = refusal(record)
    assert error.field == field and f"key {extra};" in str(error)


@pytest.mark.parametrize("where", [
    "identity.nom", "agent", "consents.0.agent", "orientations.0.note", "key:identity",
    "key:record", "printed.0.agent",
])
def test_a_lone_surrogate_anywhere_is_refused_with_its_place(where: str) -> None:
    record = base(printed=[{"kind": "summary", "printed_at": "2026-11-20T09:31:00+00:00"}])
    expected = where
    if where == "key:record":
        record["\ud800"] = "x"
        expected = "record"
    elif where == "key:identity":
        record["identity"]["n\udfffom"] = "x"
        expected = "identity"
    else:
        target: Any = record
        *parents, last = where.split(".")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[last] = "Le \ud800 Goff"
        expected = where.replace(".0.", "[1].")
    error = refusal(record)
    assert error.field == expected
    assert "expected valid Unicode text" in str(error)
    str(error).encode("utf-8")  # the message itself can be sent


def test_nul_characters_are_still_refused() -> None:
    record = base()
    record["identity"]["email"] = "a\x00@example.org"
    assert str(refusal(record)) == ("identity.email: contains a NUL character; expected plain "
                                    "text")
    record = base()
    record["answers"]["Q\x0001"] = "oui"
    assert refusal(record).field == "answers"


@pytest.mark.parametrize(("path", "value", "field"), [
    ("revision", MAX_REVISION + 1, "revision"),
    ("revision", 10**5000, "revision"),
    ("profile.foyer", 100, "profile.foyer"),
    ("profile.foyer", 10**5000, "profile.foyer"),
    ("answers.Q01", -(10**5000), "answers.Q01"),
    ("consents.0.given", 2**40, "consents[1].given"),
], ids=lambda value: value if isinstance(value, str) else "n")
def test_numbers_out_of_range_are_refused_without_crashing(path: str, value: int,
                                                           field: str) -> None:
    record = base()
    target: Any = record
    *parents, last = path.split(".")
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    target[last] = value
    error = refusal(record)
    assert error.field == field
    assert len(str(error)) < 300


def test_the_highest_revision_is_accepted() -> None:
    assert check(base(revision=MAX_REVISION))["revision"] == MAX_REVISION


@pytest.mark.parametrize(("change", "field", "expected"), [
    ({"updated_at": KeyError}, "updated_at", "missing"),
    ({"updated_at": None}, "updated_at", "UTC offset"),
    ({"updated_at": "0001-01-01T00:00:00+01:00"}, "updated_at", "UTC offset"),
    ({"updated_at": "9999-12-31T23:59:59-05:00"}, "updated_at", "UTC offset"),
    ({"created_at": "2026-11-20T09:00:00" + "0" * 100 + "+00:00"}, "created_at", "UTC offset"),
    ({"site": "QUI"}, "site", "the site of the dossier number"),
    ({"site": ["BRE"]}, "site", "the site of the dossier number"),
    ({"workstation": "BRE-01-extra"}, "workstation", "workstation code"),
    ({"workstation": 1}, "workstation", "workstation code"),
    ({"urgent": None}, "urgent", "true or false"),
    ({"agent": 12}, "agent", "a text"),
    ({"agent": "x" * 101}, "agent", "at most 100"),
])
def test_what_a_workstation_needs_to_apply_a_record_is_checked(change: dict[str, Any],
                                                               field: str,
                                                               expected: str) -> None:
    record = base()
    for key, value in change.items():
        if value is KeyError:
            del record[key]
        else:
            record[key] = value
    error = refusal(record)
    assert (error.field, expected in str(error)) == (field, True), str(error)


@pytest.mark.parametrize(("item", "field", "expected"), [
    ({"orientations": [orientation("caf"), orientation("caf")]}, "orientations[2].organisme",
     "appears twice"),
    ({"orientations": [dict(orientation("caf"), outcome="sans_suite")]},
     "orientations[1].outcome", "comes with the status cloturee"),
    ({"orientations": [dict(orientation("caf"), updated_at=None)]},
     "orientations[1].updated_at", "UTC offset"),
    ({"consents": [dict(consent("caf"), revoked_by=3)]}, "consents[1].revoked_by", "a text"),
    ({"printed": [{"kind": "summary", "printed_at": "2026-11-20T09:31:00+00:00",
                   "content_hash": "abc"}]}, "printed[1].content_hash", "SHA-256"),
    ({"printed": [{"kind": "summary", "printed_at": "2026-11-20T09:31:00+00:00",
                   "agent": ["x"]}]}, "printed[1].agent", "a text"),
    ({"printed": [{"kind": "summary", "printed_at": "2026-11-20T09:31:00+00:00"}] * 1001},
     "printed", "at most 1000"),
])
def test_list_items_are_checked_as_the_local_store_needs(item: dict[str, Any], field: str,
                                                         expected: str) -> None:
    error = refusal(base(**item))
    assert error.field == field and expected in str(error), str(error)


def test_printed_agent_and_hash_are_kept() -> None:
    printed = {"kind": "summary", "organisme": None, "printed_at": "2026-11-20T09:31:00+00:00",
               "agent": "A. Martin", "content_hash": ""}
    assert check(base(printed=[printed]))["printed"] == [printed]


def test_deeply_nested_data_is_walked_without_recursion() -> None:
    deep: Any = "\ud800"
    for _ in range(20_000):  # far deeper than Python recurses
        deep = [deep]
    with pytest.raises(SituationError) as info:
        check_plain_data({"answers": {"Q01": deep}})
    assert info.value.field == "answers.Q01" + "[1]" * 20_000
    assert refusal(base(answers={"Q01": deep[0][0]})).field == "answers.Q01" + "[1]" * 19_998


def test_shown_values_are_short_and_safe() -> None:
    assert shown(True) == "true" and shown(None) == "null" and shown(1.5) == "1.5"
    assert shown(10**5000).startswith("a number of about 5001 digits")
    assert shown("x" * 100) == repr("x" * 40 + "…")
    assert shown("\ud800") == "'\\ud800'"
    assert (shown({}), shown([]), shown(b"x")) == ("a JSON object", "a JSON array", "a bytes")
    with pytest.raises(SituationError, match="the key 1 is not a text"):
        check_plain_data({1: "x"})


def test_counter_orientation_rules() -> None:
    stored = [{"organisme": "caf", "status": "cloturee", "outcome": "aide_accordee",
               "note": "Aide versée"}]
    same = [dict(stored[0], updated_at="2026-11-20T09:30:00+00:00")]
    assert counter_orientation_refusal(same, stored) is None
    forged = [dict(same[0], note="forged by counter")]
    field, reason = counter_orientation_refusal(forged, stored) or ("", "")
    assert field == "orientations[1].note"
    assert "the follow-up of caf is written by caf's agents; this push changes it" in reason
    reopened = [dict(same[0], status="transmise", outcome=None)]
    assert (counter_orientation_refusal(reopened, stored) or ("",))[0] == "orientations[1].status"
    new = [{"organisme": "urssaf", "status": "recue", "outcome": None, "note": ""}]
    assert (counter_orientation_refusal(new, []) or ("",))[0] == "orientations[1].status"
    new_closed = [{"organisme": "urssaf", "status": "transmise", "outcome": "sans_suite"}]
    assert (counter_orientation_refusal(new_closed, []) or ("",))[0] == "orientations[1].outcome"
    counter = [{"organisme": "urssaf", "status": "a_transmettre", "note": None}]
    held = [{"organisme": "urssaf", "status": "transmise", "note": ""}]
    assert counter_orientation_refusal(counter, held) is None
    carried = [{"organisme": "urssaf", "status": "recue", "outcome": None, "note": None}]
    assert counter_orientation_refusal(carried, [dict(carried[0], note="")]) is None


# --------------------------------------------------------------------------- import property

_DATETIMES = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00",
                     "0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59",
                     "2026-11-20T09:30:00Z", "2026-11-20 09:30+01:00", "2026-11-20T09:30:00",
                     "20261120T093000+0000", "2026-11-20T09:30:00.123456+05:30:15"]),
)
_ANY = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(), st.text(max_size=30), _DATETIMES, st.sampled_from(
        ["", " ", "a" * 64, "caf", "urssaf", "cloturee", "transmise", "recue", "sans_suite",
         "signe_accueil", "help-v1", "BRE", "01", "TI-BRE-01-2026-000001", "oui", "non",
         "\x00", "\ud800", "é" * 101, "x" * 2001]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.none(),
                                                         max_size=2),
)
_PATHS = st.sampled_from(
    [(k,) for k in BASE_RECORD] + [("identity", k) for k in BASE_RECORD["identity"]]
    + [("identity", "nom_naissance"), ("identity", "email"), ("profile", "foyer")]
    + [("profile", k) for k in BASE_RECORD["profile"]] + [("answers", "Q05"), ("answers", "Q12")]
    + [(part, 0, k) for part, keys in (
        ("consents", ("organisme", "given", "mode", "text_version", "text_hash", "at", "agent",
                      "revoked_at", "revoked_by")),
        ("orientations", ("organisme", "status", "outcome", "note", "updated_at")),
        ("printed", ("kind", "organisme", "printed_at", "agent", "content_hash")))
       for k in keys]
    + [("extra",)])


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """A valid record, then a few of its fields set to anything or removed."""
    oriented = draw(st.sets(st.sampled_from(["urssaf", "caf", "service_social"]), max_size=3))
    record = make_record(draw(st.integers(1, 999_999)), oriented=tuple(sorted(oriented)),
                         revision=draw(st.sampled_from([1, 2, MAX_REVISION])))
    record["printed"] = draw(st.lists(st.fixed_dictionaries(
        {"kind": st.sampled_from(["summary", "letter", "consent"]),
         "printed_at": _DATETIMES},
        optional={"organisme": st.sampled_from([None, "caf"]),
                  "agent": st.one_of(st.none(), st.text(max_size=5)),
                  "content_hash": st.sampled_from([None, "", "c" * 64])}), max_size=3))
    if oriented:
        record["consents"].append(consent("assurance_retraite", given=False))
    for o in record["orientations"]:
        o["status"] = draw(st.sampled_from(["a_transmettre", "transmise", "recue", "cloturee"]))
        o["outcome"] = "sans_suite" if o["status"] == "cloturee" else None
        o["note"] = draw(st.one_of(st.none(), st.text(max_size=20)))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(_PATHS)
        target: Any = record
        for key in path[:-1]:
            if isinstance(target, list):
                if not target:
                    break
                target = target[key]
            else:
                target = target.get(key)
            if not isinstance(target, (dict, list)):
                break
        else:
            last = path[-1]
            if isinstance(target, dict):
                if draw(st.booleans()) and last in target:
                    del target[last]
                else:
                    target[last] = draw(_ANY)
    return record


@settings(max_examples=examples(int(os.environ.get("HARDENING_EXAMPLES", "300"))), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=records())
def test_every_record_validate_record_accepts_imports_into_a_local_store(
        store: Store, raw: dict[str, Any]) -> None:
    try:
        validated = check(copy.deepcopy(raw))
    except SituationError:
        return
    for record in (raw, validated):  # as the store keeps it, and as the import normalises it
        with store.session() as session:
            try:
                repository.import_records(session, [copy.deepcopy(record)], agent="test")
                session.flush()
                dossier = repository.find_dossier(session, raw["id"].lower())
                assert dossier is not None
                check(repository.to_export(dossier))  # and what it exports is valid again
            finally:
                session.rollback()


# --------------------------------------------------------------------------- HTTP: 422, rejected


def put(server: Server, headers: dict[str, str], record: dict[str, Any],
        base_revision: int | None = None) -> httpx.Response:
    return server.client.put(f"/dossiers/{record['id']}", headers=headers,
                             json={"base_revision": base_revision, "dossier": record})


def test_put_refuses_store_owned_keys_and_push_rejects_that_item_only(server: Server) -> None:
    bre = server.login("bre")
    bad = make_record(1, role="admin", owner="bre", change_seq=99, blob="x" * MiB)
    response = put(server, bre, bad)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(
        "record: unknown or store-owned keys blob, change_seq, owner, role; expected only")
    results = server.push(bre, bad, make_record(2))
    assert [r["status"] for r in results] == ["rejected", "accepted"]
    assert results[0]["field"] == "record" and "change_seq" in results[0]["reason"]


def test_surrogates_are_422_or_rejected_never_500(server: Server) -> None:
    bre = server.login("bre")
    record = make_record(1)
    record["identity"]["nom"] = "Le \ud800Goff"
    body = json.dumps({"base_revision": None, "dossier": record})  # ASCII: "\\ud800"
    assert "\\ud800" in body
    response = server.client.put(f"/dossiers/{record['id']}", headers={
        **bre, "Content-Type": "application/json"}, content=body)
    assert response.status_code == 422
    assert response.json()["field"] == "identity.nom"
    assert "expected valid Unicode text" in response.json()["detail"]
    keyed = make_record(2)
    keyed["answers"]["\udc80"] = "oui"
    pushed = server.client.post("/sync/push", headers={**bre, "Content-Type": "application/json"},
                                content=json.dumps({"dossiers": [
                                    {"dossier": record}, {"dossier": keyed},
                                    {"dossier": {"id": "\ud800"}},
                                    {"dossier": make_record(3)}]}))
    assert pushed.status_code == 200
    assert [(r["status"], r["field"] if "field" in r else None, r["id"] is None)
            for r in pushed.json()["results"]] == [
        ("rejected", "identity.nom", False), ("rejected", "answers", False),
        ("rejected", "id", True), ("accepted", None, False)]
    pushed.json()  # and the answer is valid JSON
    login = server.client.post("/auth/login", headers={"Content-Type": "application/json"},
                               content=json.dumps({"login": "b\ud800", "password": "x"}))
    assert login.status_code == 422 and login.json()["errors"][0]["field"] == "login"
    extra_key = server.client.post(
        "/auth/login", headers={"Content-Type": "application/json"},
        content=json.dumps({"login": "bre", "password": PASSWORD, "\ud800": 1}))
    assert extra_key.status_code == 200


def test_a_partner_note_with_a_surrogate_is_422(server: Server) -> None:
    bre, caf = server.login("bre"), server.login("p_caf")
    record = make_record(1, oriented=("caf",))
    server.push(bre, record)
    response = server.client.post(
        f"/partner/dossiers/{record['id']}/orientation",
        headers={**caf, "Content-Type": "application/json"},
        content=json.dumps({"status": "en_cours", "note": "rappel \udfff lundi"}))
    assert response.status_code == 422 and "note" in response.json()["detail"]


def test_a_record_without_updated_at_is_refused(server: Server) -> None:
    bre = server.login("bre")
    record = make_record(1)
    del record["updated_at"]
    response = put(server, bre, record)
    assert response.status_code == 422 and response.json()["field"] == "updated_at"


@pytest.mark.parametrize("body", [
    '{"dossiers": [{"base_revision": 2147483648, "dossier": {}}]}',
    '{"dossiers": [{"base_revision": 0, "dossier": {}}]}',
    '{"dossiers": [{"base_revision": ' + "9" * 5000 + ', "dossier": {}}]}',
    '{"dossiers": [{"base_revision": 1, "dossier": {"revision": ' + "9" * 5000 + '}}]}',
    '{"dossiers": ' + "[" * 100_000 + "]" * 100_000 + "}",
], ids=["above", "zero", "5000-digit", "5000-digit-inside", "deep"])
def test_numbers_out_of_range_and_unreadable_json_are_422(server: Server, body: str) -> None:
    response = server.client.post("/sync/push", content=body, headers={
        **server.login("bre"), "Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


@pytest.mark.parametrize("query", [
    {"since": "-1"}, {"since": str(2**63)}, {"since": "9" * 5000}, {"limit": "0"},
    {"limit": "9" * 5000}], ids=["negative", "2**63", "5000-digit", "zero", "limit-huge"])
def test_query_numbers_out_of_range_are_422(server: Server, query: dict[str, str]) -> None:
    response = server.client.get("/sync/pull", params=query, headers=server.login("bre"))
    assert response.status_code == 422


def test_a_push_whose_revision_would_pass_2_31_is_rejected(server: Server) -> None:
    bre = server.login("bre")
    assert server.push(bre, make_record(1, revision=MAX_REVISION))[0]["status"] == "accepted"
    [result] = server.push(bre, make_record(1, revision=MAX_REVISION + 1), base=MAX_REVISION)
    assert result["status"] == "rejected" and result["field"] == "revision"


def test_a_follow_up_on_a_dossier_at_the_highest_revision_is_409(server: Server) -> None:
    bre, caf = server.login("bre"), server.login("p_caf")
    record = make_record(1, oriented=("caf",), revision=MAX_REVISION)
    assert server.push(bre, record)[0]["status"] == "accepted"
    response = server.client.post(f"/partner/dossiers/{record['id']}/orientation", headers=caf,
                                  json={"status": "recue"})
    assert response.status_code == 409
    assert "revision: the dossier is at revision 2147483647" in response.json()["detail"]


# --------------------------------------------------------------------------- follow-up ownership


def test_a_counter_push_cannot_write_a_partners_follow_up(server: Server) -> None:
    bre = server.login("bre")
    record = make_record(1, oriented=("caf", "urssaf"))
    assert server.push(bre, record)[0]["status"] == "accepted"
    forged = copy.deepcopy(record)
    forged["revision"] = 2
    forged["orientations"][0].update(status="cloturee", outcome="aide_accordee",
                                     note="forged by counter")
    results = server.push(bre, forged, make_record(2), base=1)
    assert results[1]["status"] == "accepted"  # the rest of the batch goes on
    assert results[0]["status"] == "rejected"
    assert results[0]["field"] == "orientations[1].status"
    assert "the follow-up of caf is written by caf's agents; this push changes it" \
        in results[0]["reason"]
    response = put(server, bre, forged, 1)
    assert response.status_code == 422 and response.json()["field"] == "orientations[1].status"
    # a new dossier cannot arrive with a follow-up either
    new = make_record(3, oriented=("caf",))
    new["orientations"][0]["status"] = "recue"
    assert server.push(bre, new)[0]["field"] == "orientations[1].status"
    pulled = server.client.get("/sync/pull", headers=bre).json()["changes"]
    stored = next(c for c in pulled if c["id"] == record["id"])
    assert stored["revision"] == 1 and stored["orientations"][0]["status"] == "transmise"


def test_a_counter_push_carrying_the_follow_up_unchanged_is_accepted(server: Server) -> None:
    bre, caf = server.login("bre"), server.login("p_caf")
    record = make_record(1, oriented=("caf", "urssaf"))
    server.push(bre, record)
    assert server.client.post(f"/partner/dossiers/{record['id']}/orientation", headers=caf,
                              json={"status": "cloturee", "outcome": "aide_accordee",
                                    "note": "Aide versée"}).status_code == 200
    followed = server.client.get(f"/dossiers/{record['id']}", headers=bre).json()
    edited = copy.deepcopy(followed)
    edited["revision"] = 3
    edited["answers"]["Q05"] = "oui_sans_arret"  # the counter's change
    edited["orientations"][1]["status"] = "a_transmettre"  # its own orientation: allowed
    assert server.push(bre, edited, base=2)[0]["status"] == "accepted"
    changed = copy.deepcopy(edited)
    changed["revision"] = 4
    changed["orientations"][0]["note"] = "forged by counter"
    [result] = server.push(bre, changed, base=3)
    assert (result["status"], result["field"]) == ("rejected", "orientations[1].note")
    changed["orientations"][0].update(note="Aide versée", outcome="aide_refusee")
    [result] = server.push(bre, changed, base=3)
    assert (result["status"], result["field"]) == ("rejected", "orientations[1].outcome")


# --------------------------------------------------------------------------- body size limit


@pytest.fixture
def live_store(tmp_path: Path) -> Iterator[str]:
    """The store's application under uvicorn, in this process, with a 1 MiB body limit."""
    app = create_app(f"sqlite:///{tmp_path / 'store.db'}", max_body=MiB)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
        app.state.engine.dispose()


def test_a_100_mb_chunked_push_is_413_before_it_is_read(live_store: str) -> None:
    produced = 0

    def body() -> Iterator[bytes]:
        nonlocal produced
        chunk = b"[" + b"0," * (32 * 1024)
        while produced < 100 * 1000 * 1000:
            produced += len(chunk)
            yield chunk

    with httpx.Client(timeout=30) as http:
        response = http.post(f"{live_store}/sync/push", content=body(),
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "body: more than 1048576 bytes" in response.json()["detail"]
    assert produced < 30 * 1000 * 1000, produced  # the store stopped reading near the limit


def test_a_declared_length_above_the_limit_is_413_without_sending_the_body(
        live_store: str) -> None:
    host, port = live_store.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 104857600\r\n\r\n")
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            data = sock.recv(4096)
            if not data:
                break
            answer += data
    assert answer.startswith(b"HTTP/1.1 413")
    assert b"body: more than 1048576 bytes" in answer


def test_a_body_longer_than_its_content_length_claims_is_cut_at_the_limit() -> None:
    """The middleware counts what arrives, whatever Content-Length said (another server, a
    proxy or a test client may pass more than declared)."""
    sent: list[dict[str, Any]] = []
    reads = 0
    seen: list[bytes] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise RuntimeError("the client went away")  # what Starlette does
            seen.append(message["body"])

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"x" * 65536, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/sync/push",
             "headers": [(b"content-length", b"10")]}
    asyncio.run(BodySizeLimit(app, limit=MiB)(scope, receive, send))
    assert sent[0]["status"] == 413 and len(sent) == 2
    assert reads == MiB // 65536 + 1 and sum(map(len, seen)) <= MiB


def test_a_bad_content_length_is_400_and_a_small_body_passes(tmp_path: Path) -> None:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'store.db'}", max_body=1000)) as client:
        response = client.post("/auth/login", content=b'{"login": "a", "password": "b"}',
                               headers={"Content-Type": "application/json",
                                        "Content-Length": "x"})
        assert response.status_code == 400
        assert response.json()["detail"].startswith("content-length: 'x' is not allowed")
        big = client.post("/auth/login", json={"login": "a", "password": "b" * 2000})
        assert big.status_code == 413
        small = client.post("/auth/login", json={"login": "a", "password": "b"})
        assert small.status_code == 401


# --------------------------------------------------------------------------- the demo's records


def test_the_demo_gives_its_own_sites_records_only_counter_statuses() -> None:
    questionnaire = load_questionnaire()
    plain = list(demo_records(300, questionnaire, seed=3, as_of=DEMO_AS_OF))
    own = list(demo_records(300, questionnaire, seed=3, as_of=DEMO_AS_OF,
                            counter_only_sites={"REN"}))
    assert any(o["status"] == "cloturee" for r in plain if r["site"] == "REN"
               for o in r["orientations"])
    for before, after in zip(plain, own, strict=True):
        if before["site"] != "REN":
            assert before == after
            continue
        assert after["status"] != "clos"
        assert counter_orientation_refusal(after["orientations"], []) is None
        assert all(not o["note"] for o in after["orientations"])
        check(after)
    ren = next(r for r in own if r["site"] == "REN")
    assert counter_only(copy.deepcopy(ren)) == ren  # idempotent


# --------------------------------------------------------------------------- Retry-After


def _answers(*responses: httpx.Response) -> httpx.Client:
    queue = list(responses)
    return httpx.Client(base_url="http://store", transport=httpx.MockTransport(
        lambda request: queue.pop(0)))


def test_the_client_waits_as_long_as_retry_after_says_capped_at_the_ceiling() -> None:
    sleeps: list[float] = []
    backoff = Backoff(retries=4, base=0.5, ceiling=10.0, sleep=sleeps.append,
                      jitter=lambda: 0.0)
    http = _answers(httpx.Response(503, headers={"Retry-After": "3"}),
                    httpx.Response(503, headers={"Retry-After": "120"}),
                    httpx.Response(503),
                    httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
                    httpx.Response(200, json={}))
    assert backoff.send(http, "GET", "/x").status_code == 200
    assert sleeps == [3.0, 10.0, 2.0, 4.0]  # then the backoff's own delays (attempts 3, 4)
