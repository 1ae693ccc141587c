"""The central store's accesses of a dossier, read by the workstation's client and printed on the
« Relevé de vos données » (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime

from app.documents import DocumentKind, build_snapshot, render
from app.documents.access import AccessLine, AccessStatement
from app.sync.accesses import fetch_accesses
from tests.documents.conftest import flat, pdf_text
from tests.server.conftest import Server, make_record


def test_the_statement_lists_who_accessed_the_dossier_on_the_store(server: Server) -> None:
    record = make_record(1, oriented=("caf",))
    bre = server.login("bre")
    server.push(bre, record)
    partner = server.login("p_caf")
    assert server.client.get(f"/partner/dossiers/{record['id']}",
                             headers=partner).status_code == 200
    token = bre["Authorization"].removeprefix("Bearer ")
    rows = fetch_accesses(server.client, record["id"], token=token)
    assert rows is not None
    assert [(r["agent"], r["action"]) for r in rows][-1] == ("p_caf", "partner_read")
    assert fetch_accesses(server.client, record["id"], token="wrong") is None
    statement = AccessStatement(record=record, history=(),
                                accesses=tuple(AccessLine.from_row(r) for r in rows),
                                issued_at=datetime(2026, 12, 4, 9, 30, tzinfo=UTC))
    text = flat(pdf_text(render(build_snapshot(record), DocumentKind.ACCESS,
                                statement=statement).pdf))
    assert "p_caf" in text and "consultation par l’organisme partenaire" in text
    assert "enregistrement depuis un poste de l’accueil" in text and "Caf" in text
