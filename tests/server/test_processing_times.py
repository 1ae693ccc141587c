"""The processing-time figures of the central store (issue 14): only orientations the store saw
transmitted and then closed count; median and 90th percentile over the last 30 days, published
from 20 closures on."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.forms.figures import MIN_SAMPLE, ProcessingFigure, from_published
from app.server.models import Dossier, Orientation
from app.server.services import sync as service
from app.server.services.figures import processing_times
from tests.server.conftest import START, Server, make_record

ORGANISMES = ("urssaf", "caf")


def close_through_partner(server: Server, dossier_id: str) -> None:
    partner = server.login("p_caf")
    response = server.client.post(f"/partner/dossiers/{dossier_id}/orientation", headers=partner,
                                  json={"status": "cloturee", "outcome": "aide_accordee"})
    assert response.status_code == 200, response.text


def figures(server: Server) -> dict[str, Any]:
    response = server.client.get("/stats/processing-times", headers=server.login("bre"))
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_closures_through_the_partner_route_give_median_and_p90(server: Server) -> None:
    records = [make_record(i, oriented=("caf",)) for i in range(1, MIN_SAMPLE + 1)]
    assert {r["status"] for r in server.push(server.login("bre"), *records)} == {"accepted"}
    for record in records:  # closed 1, 2, … 20 days after their transmission
        server.clock.advance(days=1)
        close_through_partner(server, record["id"])
    body = figures(server)
    assert body["window_days"] == 30 and body["min_sample"] == MIN_SAMPLE
    assert body["computed_at"] == server.clock.now.isoformat()
    # days 1..20: median 10.5, p90 (linear between closest ranks) 18.1
    assert body["organismes"]["caf"] == {"p90_days": 18.1, "median_days": 10.5,
                                         "count": MIN_SAMPLE}
    assert body["organismes"]["urssaf"] == {"p90_days": None, "median_days": None, "count": 0}
    assert from_published(body) == {"caf": ProcessingFigure(
        "caf", 19, 11, MIN_SAMPLE, 30, server.clock.now.isoformat())}
    # A later push carrying the partner's closure unchanged keeps it timed.
    pulled = server.client.get("/sync/pull", headers=server.login("bre")).json()["changes"]
    again = [dict(r, revision=r["revision"] + 1) for r in pulled]
    results = server.push(server.login("bre"), *again, base=2)
    assert {r["status"] for r in results} == {"accepted"}
    assert figures(server)["organismes"]["caf"]["count"] == MIN_SAMPLE
    # 15 days later, the closures of days 1..4 are out of the 30-day window: 16 left, below
    # the minimum sample, so no figure.
    server.clock.advance(days=15)
    assert figures(server)["organismes"]["caf"] == {"p90_days": None, "median_days": None,
                                                    "count": 16}


def test_below_the_minimum_sample_no_figure(server: Server) -> None:
    records = [make_record(i, oriented=("caf",)) for i in range(1, MIN_SAMPLE)]
    server.push(server.login("bre"), *records)
    server.clock.advance(days=2)
    for record in records:
        close_through_partner(server, record["id"])
    assert figures(server)["organismes"]["caf"] == {"p90_days": None, "median_days": None,
                                                    "count": MIN_SAMPLE - 1}


def test_a_closure_in_the_same_request_as_the_transmission_is_not_timed() -> None:
    now = START
    assert service._orientation_times("cloturee", None, None, False, now) == (now, now, False)
    earlier = now - timedelta(days=3)
    assert service._orientation_times("cloturee", earlier, None, False, now) == (
        earlier, now, True)
    # already closed: kept as it was; reopened: no closure, not timed
    assert service._orientation_times("cloturee", earlier, earlier, True, now) == (
        earlier, earlier, True)
    assert service._orientation_times("en_cours", earlier, earlier, True, now) == (
        earlier, None, False)
    # the batch path: transmitted by an earlier item of the same batch (same request)
    dossier_id = uuid.uuid4()
    closed = {"organisme": "caf", "status": "cloturee", "outcome": "sans_suite", "note": ""}
    rows = service._next_orientations(dossier_id, {"caf": {"transmitted_at": now}},
                                      {"orientations": [closed]}, now)
    assert rows["caf"]["timed"] is False and rows["caf"]["closed_at"] == now
    rows = service._next_orientations(dossier_id, {"caf": {"transmitted_at": earlier}},
                                      {"orientations": [closed]}, now)
    assert rows["caf"]["timed"] is True


def test_orientations_pushed_already_closed_do_not_count(server: Server) -> None:
    """What the demo's first sync did: orientations arriving closed, transmitted and closed
    in one request (zero days), are not processing times; a later request closing an
    orientation the store saw transmitted is one."""
    engine = server.app.state.engine
    closed = {"organisme": "caf", "status": "cloturee", "outcome": "sans_suite", "note": "",
              "updated_at": START.isoformat()}
    sent = {"organisme": "urssaf", "status": "transmise", "outcome": None, "note": "",
            "updated_at": START.isoformat()}
    with Session(engine) as session, session.begin():
        for i in range(MIN_SAMPLE):
            dossier_id = uuid.uuid4()
            session.add(Dossier(id=dossier_id, number=f"TI-BRE-01-2026-{i:06d}", site="BRE",
                                revision=1, urgent=False, status="oriente", payload="{}",
                                content_hash="0" * 64, updated_at=START, change_seq=i + 1))
            session.flush()
            service._store_denormalised(session, dossier_id,
                                        {"orientations": [closed, sent]}, START)
    later = START + timedelta(days=4)
    with Session(engine) as session, session.begin():
        answer = processing_times(session, ORGANISMES, later)
        assert answer["organismes"]["caf"]["count"] == 0  # pushed already closed
        for dossier_id in session.scalars(select(Dossier.id)):
            service._store_denormalised(session, dossier_id, {"orientations": [
                closed, dict(sent, status="cloturee", outcome="sans_suite")]}, later)
    with Session(engine) as session:
        answer = processing_times(session, ORGANISMES, later)
        assert answer["organismes"]["caf"] == {"p90_days": None, "median_days": None,
                                               "count": 0}
        assert answer["organismes"]["urssaf"] == {"p90_days": 4.0, "median_days": 4.0,
                                                  "count": MIN_SAMPLE}
        timed = dict(session.execute(select(Orientation.organisme, Orientation.timed)
                                     .distinct()).all())
        assert timed == {"caf": False, "urssaf": True}


def test_old_rows_and_the_window(server: Server) -> None:
    """Rows of hand-made data: only timed closures of the last 30 days count."""
    now: datetime = START
    with Session(server.app.state.engine) as session, session.begin():
        for i, (days, ago, timed) in enumerate([(d, 1, True) for d in range(1, 21)]
                                               + [(50, 40, True), (70, 2, False)]):
            dossier_id = uuid.uuid4()
            closed_at = now - timedelta(days=ago)
            session.add(Dossier(id=dossier_id, number=f"TI-BRE-01-2026-{i:06d}", site="BRE",
                                revision=1, urgent=False, status="oriente", payload="{}",
                                content_hash="0" * 64, updated_at=now, change_seq=i + 1))
            session.flush()
            session.add(Orientation(dossier_id=dossier_id, organisme="urssaf",
                                    status="cloturee", outcome="sans_suite", note="",
                                    updated_at=now, closed_at=closed_at, timed=timed,
                                    transmitted_at=closed_at - timedelta(days=days)))
    with Session(server.app.state.engine) as session:
        answer = processing_times(session, ORGANISMES, now)
    assert answer["organismes"]["urssaf"] == {"p90_days": 18.1, "median_days": 10.5,
                                              "count": 20}
