"""Three-way merge: disjoint changes merge by themselves, only a field changed differently on
both sides goes to a person, consent is merged per organisme and a revocation always wins;
then the same through real workstations and a real store, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from keyring.backend import KeyringBackend

from app.dossier_service import DossierService
from app.models.database import Store, open_store
from app.models.repository import find_dossier, iter_export, record_print
from app.server.admin import export_dossiers
from app.sync.client import SyncClient
from app.sync.merge import merge3, merge_consents, resolve
from tests.profiles import examples
from tests.server.conftest import Server, consent, make_record
from tests.sync.conftest import BAKER, Sleeps, bearer, new_dossier

T0, T1, T2, T3 = ("2026-11-20T09:00:00+00:00", "2026-11-20T10:00:00+00:00",
                  "2026-11-20T11:00:00+00:00", "2026-11-20T12:00:00+00:00")


def grant(organisme: str, at: str, revoked_at: str | None = None,
          given: bool = True) -> dict[str, Any]:
    record = consent(organisme, given=given, revoked_at=revoked_at)
    record["at"] = at
    if revoked_at is not None:
        record["revoked_by"] = "B. Agent"
    return record


# --------------------------------------------------------------------------- the rules


def test_a_field_changed_on_one_side_takes_that_side() -> None:
    base = make_record(answers={"Q01": "dette", "Q02": "forte"})
    local = copy.deepcopy(base)
    local["answers"]["Q01"] = "ponctuelles"
    local["identity"]["telephone"] = "06 12 34 56 78"
    server = copy.deepcopy(base)
    server["answers"]["Q02"] = "faible"
    server["profile"]["foyer"] = 3
    result = merge3(base, local, server)
    assert result.conflicts == []
    merged = result.merged
    assert merged["answers"] == {"Q01": "ponctuelles", "Q02": "faible"}
    assert merged["identity"]["telephone"] == "06 12 34 56 78"
    assert merged["profile"]["foyer"] == 3


def test_only_a_field_changed_differently_on_both_sides_is_a_conflict() -> None:
    base = make_record()
    local, server = copy.deepcopy(base), copy.deepcopy(base)
    local["answers"]["Q02"] = "faible"
    server["answers"]["Q02"] = "nulle"
    local["answers"]["Q03"] = server["answers"]["Q03"] = "non"  # same change: no conflict
    result = merge3(base, local, server)
    assert [(c.key, c.base, c.local, c.server) for c in result.conflicts] == [
        ("answers.Q02", "forte", "faible", "nulle")]
    assert resolve(base, local, server, {"answers.Q02": "local"})["answers"]["Q02"] == "faible"
    assert resolve(base, local, server, {"answers.Q02": "server"})["answers"]["Q02"] == "nulle"
    with pytest.raises(ValueError, match="choose local or server for answers.Q02"):
        resolve(base, local, server, {})
    with pytest.raises(ValueError, match="expected 'local' or 'server'"):
        resolve(base, local, server, {"answers.Q02": "both"})  # type: ignore[dict-item]


def test_a_field_removed_on_one_side_and_kept_on_the_other_is_removed() -> None:
    base = make_record()
    local, server = copy.deepcopy(base), copy.deepcopy(base)
    del local["identity"]["email"]
    server["answers"]["Q03"] = "non"
    merged = merge3(base, local, server).merged
    assert "email" not in merged["identity"] and merged["answers"]["Q03"] == "non"


def test_without_a_base_every_differing_field_goes_to_a_person() -> None:
    local, server = make_record(), make_record()
    local["answers"]["Q02"] = "faible"
    server["identity"]["telephone"] = "06 00 00 00 00"
    assert [c.key for c in merge3(None, local, server).conflicts] == [
        "answers.Q02", "identity.telephone"]


def test_urgency_follows_the_merged_answers() -> None:
    base = make_record(answers={"Q01": "dette"})
    local, server = copy.deepcopy(base), copy.deepcopy(base)
    local["answers"]["Q04"] = "non"  # cannot face expenses: urgent by the spec's rules
    server["answers"]["Q02"] = "forte"
    merged = merge3(base, local, server).merged
    assert merged["urgent"] is True and merged["answers"]["Q04"] == "non"


def test_the_status_keeps_the_furthest_step() -> None:
    base = make_record(status="brouillon")
    local, server = copy.deepcopy(base), copy.deepcopy(base)
    local["status"], server["status"] = "complet", "oriente"
    result = merge3(base, local, server)
    assert result.conflicts == [] and result.merged["status"] == "oriente"


def test_prints_are_the_union_of_both_sides() -> None:
    base = make_record()
    local, server = copy.deepcopy(base), copy.deepcopy(base)
    summary = {"kind": "summary", "organisme": None, "printed_at": T1, "agent": "A",
               "content_hash": "b" * 64}
    letter = {"kind": "letter", "organisme": "urssaf", "printed_at": T2, "agent": "B",
              "content_hash": "c" * 64}
    local["printed"], server["printed"] = [summary], [letter, summary]
    assert merge3(base, local, server).merged["printed"] == [summary, letter]


def test_the_partner_follow_up_is_the_stores_and_counter_steps_go_forward() -> None:
    base = make_record(oriented=("caf", "urssaf"))
    base["orientations"][0]["status"] = "a_transmettre"  # caf
    local, server = copy.deepcopy(base), copy.deepcopy(base)
    local["orientations"][1]["note"] = "overwritten at the counter"  # urssaf
    server["orientations"][1].update(status="cloturee", outcome="aide_accordee", note="versée")
    local["orientations"][0]["status"] = "transmise"
    merged = {o["organisme"]: o for o in merge3(base, local, server).merged["orientations"]}
    assert (merged["urssaf"]["status"], merged["urssaf"]["note"]) == ("cloturee", "versée")
    assert merged["caf"]["status"] == "transmise"


def test_a_revocation_wins_over_the_grant_it_revokes_on_either_side() -> None:
    given, revoked = grant("caf", T0), grant("caf", T0, revoked_at=T2)
    for local, server in ((given, revoked), (revoked, given)):
        [merged] = merge_consents([local], [server])
        assert merged["revoked_at"] == T2 and merged["revoked_by"] == "B. Agent"


def test_a_revocation_wins_over_an_earlier_grant_made_elsewhere() -> None:
    # granted again at T1 on one workstation, not knowing of the revocation at T2 elsewhere
    [merged] = merge_consents([grant("caf", T0, revoked_at=T2)], [grant("caf", T1)])
    assert merged["at"] == T1 and merged["revoked_at"] == T2


def test_a_grant_after_the_revocation_is_a_new_record_never_the_old_one_revived() -> None:
    old = grant("caf", T0, revoked_at=T1)
    new = grant("caf", T2)
    new["mode"] = "oral_telephone"
    for sides in (([old], [new]), ([new], [old])):
        [merged] = merge_consents(*sides)
        assert (merged["at"], merged["mode"], merged["revoked_at"]) == (T2, "oral_telephone",
                                                                        None)
    # and the old one is still revoked when the new grant is not known
    [alone] = merge_consents([old], [old])
    assert alone["revoked_at"] == T1


def test_a_newer_refusal_stands() -> None:
    [merged] = merge_consents([grant("caf", T0)], [grant("caf", T1, given=False)])
    assert merged["given"] is False and merged["at"] == T1


_times = st.sampled_from([T0, T1, T2, T3])
# a revocation comes after its grant
_consent = st.builds(lambda at, revoked, org: grant(org, at, revoked_at=revoked
                                                    if revoked is None or revoked >= at
                                                    else None),
                     _times, st.one_of(st.none(), _times), st.sampled_from(["caf", "urssaf"]))
_side = st.lists(_consent, max_size=2, unique_by=lambda c: c["organisme"])


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_side, min_size=2, max_size=4))
def test_consent_merge_is_the_same_whatever_the_order(sides: list[list[dict[str, Any]]]) -> None:
    """Workstations syncing in any order (any grouping, any side first) end with the same
    consents, and a revocation at or after the newest grant is never lost."""
    results = []
    for order in itertools.permutations(sides):
        merged = list(order[0])
        for side in order[1:]:
            merged = merge_consents(merged, side)
        results.append(merged)
        every = [c for side in sides for c in side]
        for c in merged:
            newest = max(x["at"] for x in every if x["organisme"] == c["organisme"])
            revoked = any(x["revoked_at"] is not None and x["revoked_at"] >= newest
                          for x in every if x["organisme"] == c["organisme"])
            assert c["at"] == newest and (c["revoked_at"] is not None) == revoked
    assert all(r == results[0] for r in results)


# --------------------------------------------------------------------------- workstations


@pytest.fixture
def ws3(keyring_backend: KeyringBackend, tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "ws3", site_code="BRE", workstation_code="03") as opened:
        yield opened


def stored(server: Server, dossier_id: str) -> dict[str, Any]:
    return next(r for r in export_dossiers(server.app.state.engine) if r["id"] == dossier_id)


def local(store: Store, dossier_id: str) -> dict[str, Any]:
    with store.session() as session:
        return next(r for r in iter_export(session) if r["id"] == dossier_id)


@pytest.mark.parametrize("first", ["ws2", "ws3"])
def test_revocations_on_two_workstations_in_any_order_are_both_kept(
        store: Store, ws3: Store, any_central: Server, first: str) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True, "assurance_retraite": True})
    token = bearer(any_central)
    clients = {"ws2": SyncClient(store, any_central.client, token=token, sleep=Sleeps()),
               "ws3": SyncClient(ws3, any_central.client, token=token, sleep=Sleeps())}
    assert clients["ws2"].run_round().pushed == 1
    assert clients["ws3"].run_round().applied == 1
    DossierService(store, agent="Agent Brest").revoke(dossier_id, "caf")
    DossierService(ws3, agent="Agent Quimper").revoke(dossier_id, "urssaf")
    second = "ws3" if first == "ws2" else "ws2"
    for name in (first, second, first):
        summary = clients[name].run_round()
        assert summary.conflicts == 0 and summary.in_sync, summary.line()
    for record in (stored(any_central, dossier_id), local(store, dossier_id),
                   local(ws3, dossier_id)):
        by = {c["organisme"]: c for c in record["consents"]}
        assert by["caf"]["revoked_at"] is not None and by["urssaf"]["revoked_at"] is not None
        assert by["assurance_retraite"]["revoked_at"] is None
    # the partner no longer sees it
    partner = any_central.login("p_urssaf")
    assert any_central.client.get(f"/partner/dossiers/{dossier_id}",
                                  headers=partner).status_code == 404


def test_a_print_at_the_counter_and_a_partner_follow_up_merge_without_a_conflict(
        store: Store, any_central: Server) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True, "assurance_retraite": True})
    client = SyncClient(store, any_central.client, token=bearer(any_central), sleep=Sleeps())
    client.run_round()
    response = any_central.client.post(
        f"/partner/dossiers/{dossier_id}/orientation", headers=any_central.login("p_urssaf"),
        json={"status": "cloturee", "outcome": "aide_accordee", "note": "délai accordé"})
    assert response.status_code == 200, response.text
    with store.transaction() as session:
        dossier = find_dossier(session, dossier_id)
        assert dossier is not None
        record_print(session, dossier, "summary", agent="Agent Brest", content_hash="d" * 64)
    summary = client.run_round()
    assert (summary.conflicts, summary.merged) == (0, 1) and summary.in_sync, summary.line()
    for record in (stored(any_central, dossier_id), local(store, dossier_id)):
        assert [p["kind"] for p in record["printed"]] == ["summary"]
        urssaf = next(o for o in record["orientations"] if o["organisme"] == "urssaf")
        assert (urssaf["status"], urssaf["outcome"], urssaf["note"]) == (
            "cloturee", "aide_accordee", "délai accordé")
