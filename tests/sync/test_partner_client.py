"""The partner client against the real central store app: the inbox (consented orientations
only, urgent first, only the organisme's fields), one dossier, the follow-up that the counter's
sync pulls, and every failure as a PartnerError the window can put in words."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

from app.forms.disclosure import field_policy
from app.forms.questionnaire import load_questionnaire
from app.models.database import Store
from app.models.repository import find_dossier, to_export
from app.server.admin import create_agent
from app.sync.partner import Aid, InboxRow, PartnerClient, PartnerDossier, PartnerError
from tests.server.conftest import PASSWORD, Server, consent, make_record, orientation
from tests.sync.conftest import BAKER, Flaky, MakeClient, Sleeps, bearer, new_dossier, wrapped

GONE = "Ce dossier n’est plus visible : le consentement a pu être retiré."


def partner(server: Server, sleeps: Sleeps, http: httpx.Client | None = None,
            login: str = "p_urssaf", **options: object) -> PartnerClient:
    return PartnerClient(http or server.client, bearer(server, login), sleep=sleeps,
                         jitter=lambda: 0.0, **options)  # type: ignore[arg-type]


def push(server: Server, *records: dict[str, object], base: int | None = None) -> None:
    results = server.push(server.login("bre"), *records, base=base)
    assert [r["status"] for r in results] == ["accepted"] * len(records), results


def seed(server: Server) -> dict[str, dict[str, object]]:
    """Five dossiers of BRE: two visible to the Urssaf (one urgent), one oriented to the Caf,
    one with the Urssaf's consent refused (oriented to the Caf), one with it revoked."""
    records = {
        "plain": make_record(1, oriented=("urssaf",)),
        "urgent": make_record(2, oriented=("urssaf", "caf"), urgent=True),
        "caf": make_record(3, oriented=("caf",)),
        "refused": make_record(4, consents=[consent("urssaf", given=False), consent("caf")],
                               orientations=[orientation("caf")]),
        "revoked": make_record(5, consents=[consent("urssaf",
                                                    revoked_at="2026-11-20T10:00:00+00:00")],
                               orientations=[orientation("urssaf")]),
    }
    push(server, *records.values())
    return records


def test_inbox_lists_consented_dossiers_urgent_first_with_the_organisme_fields_only(
        central: Server, sleeps: Sleeps) -> None:
    records = seed(central)
    client = partner(central, sleeps)
    page = client.inbox()
    assert page.next is None
    rows = page.rows
    assert [d.number for d in rows] == [records["urgent"]["number"], records["plain"]["number"]]
    assert all(isinstance(row, InboxRow) for row in rows)
    assert rows[0].display_name == "LE GOFF Yann" and rows[0].revision == 1
    first = client.dossier(rows[0].id)  # the dossier itself is read when it is opened
    assert isinstance(first, PartnerDossier)
    assert first.id == records["urgent"]["id"] and first.urgent and not rows[1].urgent
    assert first.organisme == "urssaf"
    identity_fields, profile_fields = field_policy(load_questionnaire(), "urssaf")
    assert set(first.identity) <= set(identity_fields) and "nir" not in first.identity
    assert first.identity["siret"] == "73282932000074"
    assert set(first.profile) <= set(profile_fields)
    assert first.display_name == "LE GOFF Yann"
    assert Aid("DELAIS_PAIEMENT", "Délais de paiement des cotisations", ("Q01=dette",)) \
        in first.aids
    assert first.consent.mode == "signe_accueil"
    assert first.consent.text_version == "consentement-v1"
    assert first.consent.at == datetime.fromisoformat("2026-11-20T09:20:00+00:00")
    assert first.follow_up.status == "transmise" and first.follow_up.outcome is None
    assert first.follow_up.updated_at is not None and first.follow_up.updated_at.tzinfo
    assert sleeps == []


def test_another_organisme_sees_its_own_dossiers_and_fields(central: Server,
                                                            sleeps: Sleeps) -> None:
    records = seed(central)
    create_agent(central.app.state.engine, login="p_caf", organisme="caf", site="REN",
                 role="partenaire", password=PASSWORD)
    client = partner(central, sleeps, login="p_caf")
    inbox = [client.dossier(row.id) for row in client.inbox().rows]
    assert [d.number for d in inbox] == [records[k]["number"] for k in ("urgent", "caf", "refused")]
    assert {d.organisme for d in inbox} == {"caf"}
    assert "siret" not in inbox[0].identity and "commune" in inbox[0].identity


def test_one_dossier_then_gone_once_its_consent_is_revoked(central: Server,
                                                           sleeps: Sleeps) -> None:
    records = seed(central)
    client = partner(central, sleeps)
    plain = records["plain"]
    seen = client.dossier(str(plain["id"]))
    assert seen.number == plain["number"] and seen.revision == 1
    with pytest.raises(PartnerError) as caf_only:
        client.dossier(str(records["caf"]["id"]))
    assert caf_only.value.kind == "gone" and str(caf_only.value) == GONE

    revoked = dict(plain, revision=2,
                   consents=[consent("urssaf", revoked_at="2026-11-20T11:00:00+00:00")])
    push(central, revoked, base=1)
    for call in (lambda: client.dossier(str(plain["id"])),
                 lambda: client.update(str(plain["id"]), "recue")):
        with pytest.raises(PartnerError) as gone:
            call()
        assert gone.value.kind == "gone" and gone.value.status == 404
        assert str(gone.value) == GONE
    assert [d.number for d in client.inbox().rows] == [records["urgent"]["number"]]


def test_a_follow_up_becomes_a_revision_the_counter_pulls(
        store: Store, central: Server, make_client: MakeClient, sleeps: Sleeps) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True})
    counter = make_client(store)
    assert counter.run_round().in_sync
    client = partner(central, sleeps)
    [seen] = client.inbox().rows
    assert seen.id == dossier_id and seen.follow_up.status in ("a_transmettre", "transmise")

    updated = client.update(dossier_id, "contact_pris", None, "Rendez-vous mardi 10 h.\nApporter "
                                                               "l’avis d’imposition.")
    assert updated.follow_up.status == "contact_pris"
    assert updated.follow_up.note.endswith("l’avis d’imposition.")
    assert updated.revision == seen.revision + 1
    assert client.dossier(dossier_id) == updated

    summary = counter.run_round()
    assert (summary.pulled, summary.applied) == (1, 1) and summary.in_sync, summary.line()
    with store.session() as session:
        found = find_dossier(session, dossier_id)
        assert found is not None
        exported = to_export(found)
    by_organisme = {o["organisme"]: o for o in exported["orientations"]}
    assert by_organisme["urssaf"]["status"] == "contact_pris"
    assert by_organisme["urssaf"]["note"] == updated.follow_up.note
    assert by_organisme["caf"]["status"] != "contact_pris"


def test_closure_needs_an_outcome_and_refusals_name_the_field(central: Server,
                                                              sleeps: Sleeps) -> None:
    records = seed(central)
    client = partner(central, sleeps)
    dossier_id = str(records["plain"]["id"])
    cases = [(("cloturee", None, ""), "outcome"), (("en_cours", "aide_accordee", ""), "outcome"),
             (("ouverte", None, ""), "status"), (("recue", None, "x" * 2001), "note"),
             (("recue", None, "nul\x00"), "note")]
    for (status, outcome, note), field in cases:
        with pytest.raises(PartnerError) as refused:
            client.update(dossier_id, status, outcome, note)
        assert refused.value.kind == "invalid" and refused.value.status == 422
        assert refused.value.field == field, refused.value.detail
        assert str(refused.value).startswith("Le serveur central a refusé le suivi : ")
        assert field in refused.value.detail
    assert client.dossier(dossier_id).follow_up.status == "transmise"  # nothing was stored

    closed = client.update(dossier_id, "cloturee", "aide_accordee", "x" * 2000)
    assert (closed.follow_up.status, closed.follow_up.outcome) == ("cloturee", "aide_accordee")
    assert len(closed.follow_up.note) == 2000


def test_expired_forged_and_counter_tokens(central: Server, sleeps: Sleeps) -> None:
    seed(central)
    client = partner(central, sleeps)
    assert len(client.inbox().rows) == 2
    central.clock.advance(hours=13)
    with pytest.raises(PartnerError) as expired:
        client.inbox()
    assert expired.value.kind == "expired"
    assert str(expired.value) == "Votre session a expiré : reconnectez-vous."
    forged = PartnerClient(central.client, "not-a-token", sleep=sleeps)
    with pytest.raises(PartnerError) as refused:
        forged.inbox()
    assert refused.value.kind == "expired"
    with pytest.raises(PartnerError) as counter:
        partner(central, sleeps, login="bre").inbox()
    assert counter.value.kind == "forbidden" and counter.value.status == 403
    assert str(counter.value) == "Ce compte n’est pas un compte partenaire."
    assert sleeps == []  # refusals are answers, not network failures: never retried


def test_reads_are_retried_with_exponential_backoff(central: Server, sleeps: Sleeps) -> None:
    seed(central)
    flaky = Flaky(central.client._transport, [None, 503, 502])
    with wrapped(central, lambda _inner: flaky) as http:
        inbox = partner(central, sleeps, http).inbox()
    assert len(inbox.rows) == 2
    assert flaky.requests == 4
    assert sleeps == [0.5, 1.0, 2.0]


def test_reads_give_up_as_unreachable_after_the_last_attempt(central: Server,
                                                             sleeps: Sleeps) -> None:
    flaky = Flaky(central.client._transport, [None] * 10)
    with wrapped(central, lambda _inner: flaky) as http:
        client = partner(central, sleeps, http, max_retries=2)
        with pytest.raises(PartnerError) as unreachable:
            client.inbox()
    assert unreachable.value.kind == "unreachable"
    assert str(unreachable.value) == ("Le serveur central est injoignable. Vérifiez le réseau, "
                                      "puis réessayez.")
    assert "ConnectError" in unreachable.value.detail
    assert flaky.requests == 3 and len(sleeps) == 2


def test_a_follow_up_is_sent_once_never_retried(central: Server, sleeps: Sleeps) -> None:
    records = seed(central)
    dossier_id = str(records["plain"]["id"])
    flaky = Flaky(central.client._transport, [None])
    with wrapped(central, lambda _inner: flaky) as http:
        with pytest.raises(PartnerError) as unreachable:
            partner(central, sleeps, http).update(dossier_id, "en_cours")
    assert unreachable.value.kind == "unreachable"
    assert flaky.requests == 1 and sleeps == []
    assert partner(central, sleeps).dossier(dossier_id).follow_up.status == "transmise"


def test_logout_revokes_the_token(central: Server, sleeps: Sleeps) -> None:
    seed(central)
    client = partner(central, sleeps)
    client.logout()
    with pytest.raises(PartnerError) as revoked:
        client.inbox()
    assert revoked.value.kind == "expired"
    client.logout()  # already revoked: nothing to do, no error


def test_unexpected_answers_are_errors_not_crashes(sleeps: Sleeps) -> None:
    answers = iter([
        httpx.Response(200, json={"dossiers": [{"id": "not-a-uuid", "number": "TI-1"}]}),
        httpx.Response(200, json={"nothing": []}),
        httpx.Response(200, text="<html>proxy</html>"),
        httpx.Response(500, json={"detail": "boom"}),
    ])
    http = httpx.Client(transport=httpx.MockTransport(lambda request: next(answers)),
                        base_url="http://testserver")
    client = PartnerClient(http, "t", sleep=sleeps)
    for _ in range(4):
        with pytest.raises(PartnerError) as wrong:
            client.inbox()
        assert wrong.value.kind == "server"
        assert str(wrong.value).startswith("Le serveur central a répondu par une erreur : ")
    with pytest.raises(PartnerError) as not_an_id:
        client.dossier("../admin/audit")
    assert not_an_id.value.kind == "gone"


def test_the_list_comes_a_page_at_a_time_with_the_search_on_the_store(
        central: Server, sleeps: Sleeps) -> None:
    records = [make_record(n, oriented=("urssaf",), urgent=n in (7, 60)) for n in range(1, 121)]
    push(central, *records)
    client = partner(central, sleeps)
    first = client.inbox(limit=50)
    assert len(first.rows) == 50 and first.next is not None
    assert [r.urgent for r in first.rows[:3]] == [True, True, False]
    second = client.inbox(after=first.next, limit=50)
    assert second.rows[0].number > first.rows[-1].number
    rows = client.inbox_rows(at_least=101)  # a refresh of a list read down to its third page
    assert len(rows.rows) == 101 and rows.next is not None
    assert [r.id for r in rows.rows[:100]] == [r.id for r in first.rows + second.rows]
    rest = client.inbox(after=rows.next)
    assert len(rest.rows) == 19 and rest.next is None
    assert len({r.id for r in rows.rows + rest.rows}) == 120
    assert [r.number for r in client.inbox(q="000099").rows] == [records[98]["number"]]
    assert client.inbox(status="cloturee").rows == ()
    with pytest.raises(PartnerError) as refused:
        client.inbox(status="archivee")
    assert refused.value.kind == "invalid" and refused.value.field == "status"
