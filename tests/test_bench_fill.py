"""The benchmarks' fill of a large store (benchmarks.bench_inbox.fill), on a small size: whole
dossiers of the five sites that partners open and follow up and workstations pull and update,
with every row the store keeps of them and the store's change counter after the last one."""

from __future__ import annotations

import hashlib
import json
import uuid
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from argon2 import PasswordHasher

from app.forms.questionnaire import load_questionnaire
from app.server import security
from benchmarks import bench_inbox
from benchmarks.bench_sync import _create_database, _drop_database

with warnings.catch_warnings():  # as tests/server/conftest.py imports it
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.postgres

TEMPLATES, DOSSIERS = 20, 65
PASSWORD = bench_inbox.PASSWORD


@pytest.fixture(scope="module")
def filled() -> Iterator[str]:
    """A store filled with 65 dossiers from 20 templates (45 copies)."""
    name = _create_database()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        bench_inbox.fill(url, DOSSIERS, datetime.now(UTC), templates=TEMPLATES)
        yield url
    finally:
        _drop_database(name)


def _rows(url: str, query: str, *params: Any) -> list[tuple[Any, ...]]:
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return conn.execute(query, params or None).fetchall()


def test_the_fill_holds_whole_dossiers_and_moves_the_counter(filled: str) -> None:
    rows = _rows(filled, "SELECT id, number, site, revision, payload, content_hash, change_seq "
                         "FROM dossiers ORDER BY change_seq")
    assert len(rows) == DOSSIERS
    assert {site: sum(1 for r in rows if r[2] == site) for site in bench_inbox.SITES} == {
        site: DOSSIERS // 5 for site in bench_inbox.SITES}
    for dossier_id, number, site, revision, payload, digest, _ in rows:
        record = json.loads(payload)  # the record as pushed, its id and number the row's
        assert (record["id"], record["number"], record["site"], record["revision"]) == (
            str(dossier_id), number, site, revision)
        assert number.startswith(f"TI-{site}-{bench_inbox.FILL_WORKSTATION}-")
        assert digest == hashlib.sha256(payload.encode()).hexdigest()
    assert len({r[1] for r in rows}) == DOSSIERS
    # the counter is at the last change: a push takes the next number, not change 1
    [(counter,)] = _rows(filled, "SELECT value FROM sync_counter")
    assert counter == rows[-1][6] and len({r[6] for r in rows}) == DOSSIERS
    # each copy has its template's rows: inbox rows, orientations, consents, answers…
    by_number = {r[1]: r[0] for r in rows}
    templates = sorted(by_number, key=lambda number: _rank(number))[:TEMPLATES]
    for table in ("consents", "orientations", "dossier_answers", "partner_inbox",
                  "dossier_revisions", "dossier_facts"):
        counts = dict(_rows(filled, f"SELECT dossier_id, count(*) FROM {table} "  # noqa: S608
                                    "GROUP BY dossier_id"))
        for number in by_number:
            template = templates[_rank(number) % TEMPLATES]
            assert counts.get(by_number[number], 0) == counts.get(by_number[template], 0), (
                table, number)
    assert _rows(filled, "SELECT count(*) FROM partner_inbox AS i JOIN dossiers AS d "
                         "ON d.id = i.dossier_id WHERE i.number <> d.number "
                         "OR i.search NOT LIKE lower(d.number) || ' %'") == [(0,)]
    # the partners' follow-ups of the demo: statuses past the counter's, closures timed
    statuses = {s for (s,) in _rows(filled, "SELECT DISTINCT status FROM orientations")}
    assert {"cloturee", "a_transmettre"} <= statuses and len(statuses) >= 4


def _rank(number: str) -> int:
    """A filled dossier's place in the fill: ``n`` with ``n % 5`` its site, ``n // 5`` its
    number on its site's FILL_WORKSTATION."""
    site = bench_inbox.SITES.index(number[3:6])
    return (int(number[-6:]) - 1) * len(bench_inbox.SITES) + site


@pytest.fixture
def client(filled: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(security, "_HASHER",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    from app.server.admin import create_agent
    from app.server.app import create_app

    app = create_app(filled)
    if not _rows(filled, "SELECT 1 FROM agents WHERE login = 'fill.bre'"):
        create_agent(app.state.engine, login="fill.bre", organisme="urssaf", site="BRE",
                     role="accueil", password=PASSWORD)
    try:
        with TestClient(app) as http:
            yield http
    finally:
        app.state.engine.dispose()


def _token(http: TestClient, login: str) -> dict[str, str]:
    answer = http.post("/auth/login", json={"login": login, "password": PASSWORD})
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_a_partner_opens_and_follows_up_a_copied_dossier(client: TestClient, filled: str) -> None:
    partner = _token(client, bench_inbox.LOGIN)  # the Urssaf's agent
    listed = client.get("/partner/dossiers", params={"limit": 200}, headers=partner).json()
    copies = [row for row in listed["items"] if _rank(row["number"]) >= TEMPLATES]
    assert copies, listed
    row = copies[0]
    opened = client.get(f"/partner/dossiers/{row['id']}", headers=partner)
    assert opened.status_code == 200, opened.text
    body = opened.json()
    assert (body["id"], body["number"], body["organisme"]) == (row["id"], row["number"],
                                                              "urssaf")
    assert body["identity"]  # what the Urssaf may see of the person
    # the rare name is searchable, once per template set
    rare = client.get("/partner/dossiers", params={"q": bench_inbox.RARE}, headers=partner)
    assert rare.json()["items"]
    [(before,)] = _rows(filled, "SELECT value FROM sync_counter")
    done = client.post(f"/partner/dossiers/{row['id']}/orientation", headers=partner,
                       json={"status": "en_cours", "note": "Pris en charge"})
    assert done.status_code == 200, done.text
    assert _rows(filled, "SELECT change_seq FROM dossiers WHERE id = %s",
                 uuid.UUID(row["id"])) == [(before + 1,)]


def test_a_workstation_pulls_and_updates_a_copied_dossier(client: TestClient,
                                                          filled: str) -> None:
    counter = _token(client, "fill.bre")
    [(number, payload, seq)] = _rows(
        filled, "SELECT number, payload, change_seq FROM dossiers WHERE site = 'BRE' "
                "AND right(number, 6)::integer > %s ORDER BY number LIMIT 1",
        TEMPLATES // 5)
    assert _rank(number) >= TEMPLATES  # a copy
    pulled = client.get("/sync/pull", params={"since": seq - 1, "limit": 1},
                        headers=counter).json()
    assert pulled["changes"][0] == json.loads(payload) and pulled["cursor"] == seq
    record = json.loads(payload)
    question = load_questionnaire().questions[0]
    answers = {**record["answers"], question.id: next(
        c for c in question.codes if c != record["answers"].get(question.id))}
    changed = {**record, "revision": record["revision"] + 1, "answers": answers,
               "updated_at": datetime.now(UTC).isoformat()}
    answer = client.post("/sync/push", headers=counter, json={"dossiers": [
        {"base_revision": record["revision"], "dossier": changed}]})
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert result["status"] == "accepted", result
    [(stored,)] = _rows(filled, "SELECT max(change_seq) FROM dossiers")
    [(counter_value,)] = _rows(filled, "SELECT value FROM sync_counter")
    assert stored == counter_value > seq
