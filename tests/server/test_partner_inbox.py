"""The partner inbox read a page at a time on the store (issue 18): keyset pages in the list's
order, search and filters on the store, one audit row per listing linked to each dossier shown,
aids computed when a dossier is written, rows kept in step with every write."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from app.forms.questionnaire import load_questionnaire
from app.server import migrate
from app.server.inbox import organisme_aids
from app.server.models import AuditEntry, AuditListed, PartnerInboxRow
from app.server.services import inbox as inbox_service
from app.server.services.inbox import decode_cursor, encode_cursor
from tests.server.conftest import AGENTS, Server, make_record, make_server, new_database


@pytest.fixture
def everyone(database_url: str) -> Iterator[Server]:
    """A store with every agent of the tests, partners of every organisme included."""
    made = make_server(database_url, AGENTS)
    with made.client:
        yield made
    made.app.state.engine.dispose()


@pytest.fixture
def pg_server(tmp_path: Path) -> Iterator[Server]:
    with new_database("postgres", tmp_path) as url:
        made = make_server(url, AGENTS)
        with made.client:
            yield made
        made.app.state.engine.dispose()


def page(server: Server, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = server.client.get("/partner/dossiers", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def every_page(server: Server, headers: dict[str, str], **params: Any) -> list[list[str]]:
    """The numbers of each page, following ``next`` to the end."""
    pages: list[list[str]] = []
    after = None
    while True:
        body = page(server, headers, **params, **({"after": after} if after else {}))
        pages.append([row["number"] for row in body["items"]])
        after = body["next"]
        if after is None:
            return pages


def refused(server: Server, headers: dict[str, str], **params: Any) -> str:
    response = server.client.get("/partner/dossiers", headers=headers, params=params)
    assert response.status_code == 422, response.text
    return str(response.json()["detail"])


def count(server: Server, model: Any) -> int:
    with Session(server.app.state.engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_pages_follow_the_list_order_and_each_listing_is_one_audit_row(server: Server) -> None:
    bre, caf = server.login("bre"), server.login("p_caf")
    records = [make_record(n, oriented=("caf",), urgent=n % 7 == 0) for n in range(1, 113)]
    records.append(make_record(200, oriented=("urssaf",)))  # another organisme's
    server.push(bre, *records)
    audit_before = count(server, AuditEntry)
    pages = every_page(server, caf, limit=50)
    assert [len(p) for p in pages] == [50, 50, 12]
    listed = [number for numbers in pages for number in numbers]
    urgent = sorted(r["number"] for r in records if r["urgent"])
    plain = sorted(r["number"] for r in records[:-1] if not r["urgent"])
    assert listed == urgent + plain  # urgent first, then by number, each once
    assert count(server, AuditEntry) == audit_before + 3  # one row per page read
    with Session(server.app.state.engine) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "partner_list")
                               .order_by(AuditEntry.seq)).all()
        assert [r.dossier_id for r in rows] == [None, None, None]
        assert rows[0].detail.startswith("caf: 50: ")
        assert rows[2].detail.split()[2:] == pages[2]  # the numbers shown, under the hash
        assert session.scalar(select(func.count()).select_from(AuditListed)) == 112
    # a dossier's accesses still show the listing it appeared in
    accesses = server.client.get(f"/dossiers/{records[-2]['id']}/accesses",
                                 headers=bre).json()["accesses"]
    assert [a["action"] for a in accesses].count("partner_list") == 1
    item = page(server, caf, limit=1)["items"][0]
    assert set(item) == {"id", "number", "revision", "urgent", "name", "status", "outcome", "note",
                         "updated_at", "sans_nouvelle"}  # only what a row shows
    assert item["name"] == "LE GOFF Yann" and item["urgent"] is True


def test_search_and_filters_run_on_the_store(everyone: Server) -> None:
    server = everyone
    bre = server.login("bre")
    people = [("Le Goff", "Gwenaëlle", "Kerjean"), ("Morvan", "Yann", ""),
              ("Le Goff", "Erwan", ""), ("Tanguy", "Anne-Laure", "Le Bihan")]
    records = []
    for n, (nom, prenom, naissance) in enumerate(people, start=1):
        record = make_record(n, oriented=("caf", "assurance_maladie"))
        record["identity"] = {**record["identity"], "nom": nom, "prenom": prenom}
        if naissance:
            record["identity"]["nom_naissance"] = naissance
        records.append(record)
    server.push(bre, *records)
    caf, cpam = server.login("p_caf"), server.login("p_assurance_maladie")

    def numbers(headers: dict[str, str], **params: Any) -> list[str]:
        return [row["number"][-2:] for row in page(server, headers, **params)["items"]]

    assert numbers(caf, q="gwenaelle") == ["01"]  # accents and case ignored
    assert numbers(caf, q="le goff") == ["01", "03"]  # every word
    assert numbers(caf, q="GOFF  erw") == ["03"]
    assert numbers(caf, q="000004") == ["04"]  # the dossier number
    assert numbers(caf, q="100%") == [] and numbers(caf, q="_") == []  # no wildcard
    # a name the organisme does not receive is not searched: the Caf has no birth name
    assert numbers(caf, q="kerjean") == []
    assert numbers(cpam, q="kerjean") == ["01"]
    closed = server.client.post(f"/partner/dossiers/{records[1]['id']}/orientation",
                                headers=caf, json={"status": "cloturee",
                                                   "outcome": "sans_suite"})
    assert closed.status_code == 200, closed.text
    assert server.client.post(f"/partner/dossiers/{records[2]['id']}/orientation",
                              headers=caf, json={"status": "en_cours"}).status_code == 200
    assert numbers(caf, status="open") == ["01", "03", "04"]
    assert numbers(caf, status="cloturee") == ["02"]
    assert numbers(caf, status="en_cours") == ["03"]
    assert numbers(caf, status="transmise") == ["01", "04"]  # not taken in hand yet
    assert numbers(caf, status="open", q="le goff") == ["01", "03"]
    assert numbers(caf, status="sans_nouvelle") == []
    server.clock.advance(days=30)
    caf, cpam = server.login("p_caf"), server.login("p_assurance_maladie")
    assert numbers(caf, status="sans_nouvelle") == ["01", "03", "04"]
    assert numbers(caf, sans_nouvelle="true") == ["01", "03", "04"]
    flagged = {row["number"][-2:]: row["sans_nouvelle"] for row in page(server, caf)["items"]}
    assert flagged == {"01": True, "02": False, "03": True, "04": True}
    assert numbers(cpam, status="sans_nouvelle") == ["01", "02", "03", "04"]


def test_a_search_past_its_walk_finds_what_a_full_read_finds(server: Server,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """A search reads WALK rows in the list's order, then, short of a page, every matching row
    (the search index): the pages are those of a filter over the whole list, whichever step
    found them, for common and rare words and a number, whole or in part."""
    monkeypatch.setattr(inbox_service, "WALK", 6)
    names = ["Le Goff", "Morvan", "Kerjean", "Le Bihan", "Tanguy"]
    records = []
    for n in range(1, 41):
        record = make_record(n, oriented=("caf",), urgent=n % 9 == 0)
        nom = names[0] if n % 2 else names[1 + n % 4 if n < 25 else 2]
        record["identity"] = {**record["identity"], "nom": nom, "prenom": "Yann"}
        records.append(record)
    server.push(server.login("bre"), *records)
    caf = server.login("p_caf")
    listed = [n for numbers in every_page(server, caf, limit=50) for n in numbers]
    by_number = {r["number"]: r["identity"]["nom"].lower() for r in records}
    for q, wanted in [("goff", lambda n: by_number[n] == "le goff"),  # found while walking
                      ("kerjean", lambda n: by_number[n] == "kerjean"),  # mostly past it
                      ("le yann", lambda n: by_number[n].startswith("le ")),
                      ("TI-BRE-01-2026-000037", lambda n: n.endswith("000037")),
                      ("2026-00003", lambda n: n[-6:-1] == "00003"),
                      ("morvan 000038", lambda n: False)]:
        expected = [n for n in listed if wanted(n)]
        pages = every_page(server, caf, limit=4, q=q)
        assert [n for numbers in pages for n in numbers] == expected, q
        assert all(len(numbers) == 4 for numbers in pages[:-1]), q
    assert len([n for n in listed if by_number[n] == "kerjean"]) > 4  # more than a page
    with statements(server) as walk_past:
        assert page(server, caf, limit=50, q="kerjean")["items"]
    assert [step for step in walk_past if step in {"walked", "matching"}] == [
        "walked", "matching"]  # the walk's six rows are not all: the store reads every match
    monkeypatch.setattr(inbox_service, "WALK", 5_000)
    for q in ("kerjean", "zzz"):  # a walk over every row: its answer is whole, one query
        with statements(server) as whole:
            found = page(server, caf, limit=50, q=q)["items"]
        assert len(found) == sum(by_number[n] == q for n in listed), q
        assert [step for step in whole if step in {"walked", "matching"}] == ["walked"], q


@contextmanager
def statements(server: Server) -> Iterator[list[str]]:
    """The search steps (« walked », « matching ») of the statements run inside the block."""
    steps: list[str] = []

    def keep(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        steps.extend(step for step in ("walked", "matching") if f"{step}." in statement)

    engine = server.app.state.engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield steps
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def test_bad_parameters_are_named(server: Server) -> None:
    server.push(server.login("bre"), make_record(1, oriented=("caf",)))
    caf = server.login("p_caf")
    assert refused(server, caf, status="archivee").startswith("status: 'archivee' is not "
                                                              "allowed; expected one of open")
    assert refused(server, caf, after="nope").startswith("after: ")
    assert refused(server, caf, after=encode_cursor(1, "")).startswith("after: ")
    assert refused(server, caf, limit=0).startswith("limit: 0 is not allowed; expected 1 to")
    assert refused(server, caf, limit=201).startswith("limit: ")
    assert refused(server, caf, q="x" * 121).startswith("q: 121 characters")
    assert refused(server, caf, q=" ".join("abcdefghi")).startswith("q: 9 words")
    assert refused(server, caf, status="cloturee", sans_nouvelle="true").startswith("status:")
    assert decode_cursor(encode_cursor(0, "TI-BRE-01-2026-000001")) == (
        0, "TI-BRE-01-2026-000001")
    assert count(server, AuditListed) == 0  # nothing written for a refused request


def test_rows_follow_consent_reorientation_and_erasure(server: Server) -> None:
    bre, caf, urssaf = server.login("bre"), server.login("p_caf"), server.login("p_urssaf")
    record = make_record(1, oriented=("caf",))
    record["consents"].append({**record["consents"][0], "organisme": "urssaf"})
    server.push(bre, record)
    assert [r["id"] for r in page(server, caf)["items"]] == [record["id"]]
    assert page(server, urssaf)["items"] == []  # consented, not oriented: not listed
    moved = server.client.post(f"/partner/dossiers/{record['id']}/reorient", headers=caf,
                               json={"organisme": "urssaf", "note": "Dette de cotisations"})
    assert moved.status_code == 200, moved.text
    [row] = page(server, urssaf)["items"]
    assert row["id"] == record["id"] and row["status"] == "transmise"
    current = server.client.get(f"/dossiers/{record['id']}", headers=bre).json()
    revision = current["revision"]
    current["consents"][0]["revoked_at"] = "2026-11-20T10:00:00+00:00"
    current["revision"] = revision + 1
    assert server.push(bre, current, base=revision)[0]["status"] == "accepted"
    assert page(server, caf)["items"] == []  # the revoked organisme's row is gone at once
    assert len(page(server, urssaf)["items"]) == 1
    erased = server.client.post(f"/dossiers/{record['id']}/erase",
                                headers=server.login("admin"),
                                json={"reason": "doublon", "confirm": record["number"]})
    assert erased.status_code == 200, erased.text
    assert page(server, urssaf)["items"] == [] and count(server, PartnerInboxRow) == 0


def test_aids_are_computed_when_the_dossier_is_written(server: Server) -> None:
    bre, urssaf = server.login("bre"), server.login("p_urssaf")
    record = make_record(7, oriented=("urssaf",))
    server.push(bre, record)
    questionnaire = load_questionnaire(record["questionnaire"])
    today = server.clock().date()

    def shown() -> list[dict[str, Any]]:
        body = server.client.get(f"/partner/dossiers/{record['id']}", headers=urssaf).json()
        return list(body["aids"])

    expected = organisme_aids(questionnaire, record, today).get("urssaf", [])
    assert expected and shown() == expected
    changed = copy.deepcopy(record)
    changed["answers"] = {k: "nsp" for k in record["answers"]}
    changed["revision"] = 2
    assert server.push(bre, changed, base=1)[0]["status"] == "accepted"
    assert shown() == organisme_aids(questionnaire, changed, today).get("urssaf", [])
    assert shown() != expected
    with Session(server.app.state.engine) as session:
        # the stored aids are what the detail serves: change them, the answer changes
        session.execute(text("UPDATE partner_inbox SET aids = '[]'"))
        session.commit()
    assert shown() == []


def test_the_batch_and_the_single_push_write_the_same_rows(server: Server) -> None:
    bre = server.login("bre")
    batch = [make_record(n, oriented=("caf", "urssaf"), urgent=n == 2) for n in (1, 2, 3)]
    server.push(bre, *batch)  # one request: the batch path
    single = make_record(4, oriented=("caf", "urssaf"))
    server.push(bre, single)
    with Session(server.app.state.engine) as session:
        rows = {(r.organisme, r.number): r for r in session.scalars(select(PartnerInboxRow))}
    assert len(rows) == 8
    one, four = rows[("caf", batch[0]["number"])], rows[("caf", single["number"])]
    assert (one.priority, one.name, one.status, one.aids) == (
        four.priority, four.name, four.status, four.aids)
    assert rows[("urssaf", batch[1]["number"])].priority == 0


def test_the_migration_backfills_the_rows(server: Server) -> None:
    bre = server.login("bre")
    server.push(bre, *[make_record(n, oriented=("caf",), urgent=n == 3) for n in range(1, 6)])
    engine = server.app.state.engine

    def snapshot() -> list[tuple[Any, ...]]:
        with Session(engine) as session:
            return [tuple(r) for r in session.execute(
                select(PartnerInboxRow.organisme, PartnerInboxRow.dossier_id,
                       PartnerInboxRow.priority, PartnerInboxRow.number, PartnerInboxRow.name,
                       PartnerInboxRow.search, PartnerInboxRow.status,
                       PartnerInboxRow.stale_from, PartnerInboxRow.aids)
                .order_by(PartnerInboxRow.number))]

    written = snapshot()
    assert len(written) == 5
    with engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0012")
    migrate.upgrade(engine)
    assert snapshot() == written


@pytest.mark.postgres
def test_a_page_is_read_from_the_index_in_its_order(pg_server: Server) -> None:
    """EXPLAIN of a later page: an index scan of ix_partner_inbox_page from the cursor, no sort
    and no scan of the table (the planner is told to avoid one, as it would on a large
    store)."""
    server = pg_server
    server.push(server.login("bre"), *[make_record(n, oriented=("caf",)) for n in range(1, 30)])
    with Session(server.app.state.engine) as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(session.scalars(text(
            "EXPLAIN SELECT dossier_id FROM partner_inbox WHERE organisme = 'caf' "
            "AND (priority, number) > (1, 'TI-BRE-01-2026-000010') "
            "ORDER BY priority, number LIMIT 51")))
    assert "ix_partner_inbox_page" in plan and "Sort" not in plan, plan
    with Session(server.app.state.engine) as session:  # a rare name's search: its index
        definitions = dict(session.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'partner_inbox'")).all())
    assert "ix_partner_inbox_search_trgm" not in definitions  # every organisme's: replaced
    assert "gin (organisme, search gin_trgm_ops)" in definitions[
        "ix_partner_inbox_organisme_search"]
