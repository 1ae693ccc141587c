"""Erasure at the person's request and retention on the central store (issue 13), on SQLite
and PostgreSQL: who may erase, what is left (a tombstone, the anonymous facts, the audit row),
what partners, pulls, pushes and exports see afterwards, retention's dry run against its run."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.forms.retention import load_rules
from app.server.admin import export_dossiers
from app.server.erasure import run_retention
from app.server.models import AnonymousFact, AuditEntry, Tombstone
from tests.forms.test_identity import NIR
from tests.server.conftest import Server, make_record

PERSONAL = ("Le Goff", "Yann", NIR, "73282932000074", "02 98 00 00 00", "yann@example.org",
            "rue de Siam")


def holds_identity(text: str) -> list[str]:
    return [p for p in PERSONAL if p in text]


def erase(server: Server, headers: dict[str, str], record: dict[str, Any],
          confirm: str | None = None, reason: str = "demande_personne") -> Any:
    return server.client.post(f"/dossiers/{record['id']}/erase", headers=headers,
                              json={"reason": reason,
                                    "confirm": record["number"] if confirm is None else confirm})


def test_an_erased_dossier_leaves_only_its_tombstone_facts_and_audit(server: Server) -> None:
    bre, admin, partner = server.login("bre"), server.login("admin"), server.login("p_urssaf")
    record = make_record(1, oriented=("urssaf",))
    record["orientations"][0]["note"] = "Rappeler M. Le Goff"
    assert server.push(bre, record)[0]["status"] == "accepted"
    assert server.client.get(f"/partner/dossiers/{record['id']}",
                             headers=partner).status_code == 200
    cursor = server.client.get("/sync/pull", headers=bre).json()["cursor"]

    answer = erase(server, bre, record)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"id": record["id"], "status": "erased"}

    # no partner view, no site read, no export holds it
    assert server.client.get("/partner/dossiers", headers=partner).json()["items"] == []
    assert server.client.get(f"/partner/dossiers/{record['id']}",
                             headers=partner).status_code == 404
    assert server.client.get(f"/dossiers/{record['id']}", headers=bre).status_code == 404
    assert list(export_dossiers(server.app.state.engine)) == []
    # the pull hands out the tombstone, with no personal data
    pulled = server.client.get("/sync/pull", headers=bre, params={"since": cursor}).json()
    assert pulled["changes"] == [{"id": record["id"], "erased": True,
                                  "reason": "demande_personne"}]
    # the audit shows the erasure, without personal data
    entries = server.client.get("/admin/audit", headers=admin,
                                params={"dossier_id": record["id"]}).json()["entries"]
    erased = [e for e in entries if e["action"] == "erase"]
    assert [(e["agent"], e["detail"]) for e in erased] == [("bre", "demande_personne")]
    assert holds_identity(json.dumps(entries, ensure_ascii=False)) == []
    with Session(server.app.state.engine) as session:
        facts = session.scalars(select(AnonymousFact)).all()
        assert [(f.site, f.month, f.channel, f.source) for f in facts] == [
            ("BRE", "2026-11", "accueil", "erasure")]
        assert json.loads(facts[0].answers) == record["answers"]
        assert json.loads(facts[0].outcomes) == {"urssaf": {"status": "transmise",
                                                            "outcome": None}}
        row = facts[0]
        assert holds_identity(json.dumps([row.answers, row.aids, row.outcomes, row.month])) == []
        assert session.get(Tombstone, uuid.UUID(record["id"])) is not None


def test_the_tombstone_wins_over_a_later_push(server: Server) -> None:
    bre = server.login("bre")
    record = make_record(2)
    server.push(bre, record)
    assert erase(server, bre, record).status_code == 200
    newer = {**record, "revision": 2, "updated_at": "2026-11-20T10:00:00+00:00"}
    result = server.push(bre, newer, base=1)[0]
    assert result["status"] == "erased"
    assert "erased" in result["reason"]
    put = server.client.put(f"/dossiers/{record['id']}", headers=bre,
                            json={"base_revision": 1, "dossier": newer})
    assert put.status_code == 410
    assert list(export_dossiers(server.app.state.engine)) == []
    # erasing again is harmless
    assert erase(server, bre, record).json()["status"] == "already_erased"


def test_who_may_erase(server: Server) -> None:
    bre, qui = server.login("bre"), server.login("qui")
    admin, partner = server.login("admin"), server.login("p_urssaf")
    record = make_record(3, oriented=("urssaf",))
    server.push(bre, record)
    assert erase(server, partner, record).status_code == 403
    assert erase(server, qui, record).status_code == 403  # another site's counter
    wrong = erase(server, bre, record, confirm="TI-BRE-01-2026-000999")
    assert wrong.status_code == 422 and "confirm" in wrong.json()["detail"]
    assert erase(server, bre, record, reason="parce que").status_code == 422
    assert len(list(export_dossiers(server.app.state.engine))) == 1
    assert erase(server, admin, record).status_code == 200
    assert list(export_dossiers(server.app.state.engine)) == []


def test_a_dossier_the_store_never_received_is_refused_later(server: Server) -> None:
    bre = server.login("bre")
    record = make_record(4)
    assert erase(server, bre, record).json() == {"id": record["id"], "status": "erased"}
    assert server.push(bre, record)[0]["status"] == "erased"
    unknown = make_record(5)
    assert erase(server, server.login("admin"), unknown).status_code == 404
    assert server.push(bre, unknown)[0]["status"] == "accepted"


def test_retention_dry_run_lists_exactly_what_the_run_does(server: Server) -> None:
    bre = server.login("bre")
    start = server.clock.now
    old_closed = make_record(10, status="clos")
    old_draft = make_record(11, status="brouillon")
    server.push(bre, old_closed, old_draft)
    server.clock.advance(days=700)
    bre = server.login("bre")
    young_closed = make_record(12, status="clos")
    young_draft = make_record(13, status="brouillon")
    server.push(bre, young_closed, young_draft)
    server.push(bre, make_record(14, status="oriente"))
    now = start + timedelta(days=800)  # 26 months after the first, 100 days after the others
    rules = load_rules()
    engine = server.app.state.engine

    planned = run_retention(engine, rules, now, dry_run=True)
    assert [(d.action, d.kind, d.id) for d in planned] == [
        ("anonymise", "closed_dossier", old_closed["id"]),
        ("delete", "draft", old_draft["id"]), ("delete", "draft", young_draft["id"])]
    assert len(list(export_dossiers(engine))) == 5  # a dry run changes nothing
    done = run_retention(engine, rules, now, dry_run=False)
    assert done == planned
    left = sorted(r["id"] for r in export_dossiers(engine))
    assert left == sorted([young_closed["id"], make_record(14)["id"]])
    assert run_retention(engine, rules, now, dry_run=True) == []
    with Session(engine) as session:
        facts = session.scalars(select(AnonymousFact)).all()
        assert [(f.status, f.source) for f in facts] == [("clos", "retention")]
        actions = [a for a in session.scalars(select(AuditEntry.action))
                   if a.startswith("retention")]
        assert sorted(actions) == ["retention", "retention_anonymise",
                                   "retention_delete", "retention_delete"]


def test_retention_stones_reach_the_workstations_pull(server: Server) -> None:
    bre = server.login("bre")
    record = make_record(20, status="brouillon")
    server.push(bre, record)
    cursor = server.client.get("/sync/pull", headers=bre).json()["cursor"]
    run_retention(server.app.state.engine, load_rules(),
                  datetime(2027, 6, 1, tzinfo=UTC), dry_run=False)
    pulled = server.client.get("/sync/pull", headers=bre, params={"since": cursor}).json()
    assert pulled["changes"] == [{"id": record["id"], "erased": True,
                                  "reason": "retention_delete"}]
