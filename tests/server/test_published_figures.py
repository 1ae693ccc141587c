"""The processing times as the store publishes them (issue 18): computed by one grouped query on
PostgreSQL with the same values as the Python computation, kept in ``published_figures`` for
CACHE_TTL by the store's clock, the same answer for every process of the store."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.forms.codes import ORGANISMES
from app.forms.figures import MIN_SAMPLE
from app.server.app import create_app
from app.server.models import Dossier, Orientation, PublishedFigures
from app.server.services.figures import (
    CACHE_TTL,
    PROCESSING_TIMES,
    processing_times,
    processing_times_python,
)
from tests.server.conftest import START, Server

_seq = iter(range(1, 1_000_000))


def seed(server: Server, closures: list[tuple[str, datetime | None, datetime, bool]]) -> None:
    """Orientations (organisme, transmitted_at, closed_at, timed), one dossier each."""
    with Session(server.app.state.engine) as session, session.begin():
        for organisme, transmitted_at, closed_at, timed in closures:
            seq = next(_seq)
            dossier_id = uuid.uuid4()
            session.add(Dossier(id=dossier_id, number=f"TI-BRE-01-2026-{seq:06d}", site="BRE",
                                revision=1, urgent=False, status="oriente", payload="{}",
                                content_hash="0" * 64, updated_at=closed_at, change_seq=seq))
            session.flush()
            session.add(Orientation(dossier_id=dossier_id, organisme=organisme,
                                    status="cloturee", outcome="sans_suite", note="",
                                    updated_at=closed_at, transmitted_at=transmitted_at,
                                    closed_at=closed_at, timed=timed))


def timed(organisme: str, days: float, ago: float = 1.0) -> tuple[str, datetime, datetime, bool]:
    closed_at = START - timedelta(days=ago)
    return organisme, closed_at - timedelta(days=days), closed_at, True


def get(server: Server, client: TestClient | None = None) -> dict[str, Any]:
    response = (client or server.client).get("/stats/processing-times",
                                             headers=server.login("bre"))
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_the_grouped_query_gives_the_python_figures(server: Server) -> None:
    rng = random.Random(18)
    rows: list[tuple[str, datetime | None, datetime, bool]] = []
    for organisme, count in zip(ORGANISMES, (MIN_SAMPLE, 57, MIN_SAMPLE - 1, 1, 0),
                                strict=True):
        # fractional days to the microsecond, and some closed « before » their transmission
        rows += [timed(organisme, rng.uniform(-1, 60), ago=rng.uniform(0, 29.9))
                 for _ in range(count)]
    closed = START - timedelta(days=2)
    rows += [timed("urssaf", 500, ago=45),  # out of the window
             ("urssaf", closed - timedelta(days=3), closed, False),  # not timed
             ("urssaf", None, closed, True),  # no transmission
             timed("urssaf", 2, ago=-1)]  # closed after now
    seed(server, rows)
    with Session(server.app.state.engine) as session:
        by_sql = processing_times(session, ORGANISMES, START)
        by_python = processing_times_python(session, ORGANISMES, START)
    assert by_sql == by_python
    figures = by_sql["organismes"]
    assert [figures[o]["count"] for o in ORGANISMES] == [MIN_SAMPLE, 57, MIN_SAMPLE - 1, 1, 0]
    assert figures["urssaf"]["median_days"] is not None
    assert figures["service_social"]["median_days"] is None
    assert by_sql["computed_at"] == START.isoformat()


def test_quantiles_interpolate_and_round_as_before(server: Server) -> None:
    # days 1..20 (median 10.5, p90 18.1), one of them negative (counted as zero days), and a
    # duration of 1/3 day (rounded to 2 decimals)
    seed(server, [timed("caf", d) for d in range(2, 21)] + [timed("caf", -0.5)]
         + [timed("urssaf", 1 / 3) for _ in range(MIN_SAMPLE)])
    with Session(server.app.state.engine) as session:
        answer = processing_times(session, ("urssaf", "caf"), START)
    assert answer["organismes"] == {
        "caf": {"p90_days": 18.1, "median_days": 10.5, "count": MIN_SAMPLE},
        "urssaf": {"p90_days": 0.33, "median_days": 0.33, "count": MIN_SAMPLE}}


def test_the_answer_is_kept_for_its_lifetime_by_the_stores_clock(server: Server) -> None:
    seed(server, [timed("caf", 3) for _ in range(MIN_SAMPLE)])
    first = get(server)
    assert first["computed_at"] == START.isoformat()
    assert first["organismes"]["caf"]["count"] == MIN_SAMPLE
    seed(server, [timed("caf", 9)])
    server.clock.advance(seconds=CACHE_TTL.total_seconds() - 1)
    assert get(server) == first  # young: the kept answer, without the new closure
    server.clock.advance(seconds=1)
    second = get(server)
    assert second["computed_at"] == server.clock.now.isoformat()
    assert second["organismes"]["caf"]["count"] == MIN_SAMPLE + 1
    with Session(server.app.state.engine) as session:
        kept = session.get(PublishedFigures, PROCESSING_TIMES)
        assert kept is not None and kept.computed_at == server.clock.now
    # the clock went back before the kept answer: computed again
    server.clock.now = START - timedelta(minutes=1)
    assert get(server)["computed_at"] == server.clock.now.isoformat()


def test_two_processes_on_one_database_serve_the_same_answer(server: Server) -> None:
    seed(server, [timed("caf", 3) for _ in range(MIN_SAMPLE)])
    url = server.app.state.engine.url.render_as_string(hide_password=False)
    other = create_app(url, clock=server.clock)
    try:
        with TestClient(other) as other_client:
            first = get(server)
            seed(server, [timed("caf", 9)])
            server.clock.advance(minutes=1)
            assert get(server, other_client) == first  # what the first process kept
            server.clock.advance(seconds=CACHE_TTL.total_seconds())
            again = get(server, other_client)  # the second computes it again…
            assert again["organismes"]["caf"]["count"] == MIN_SAMPLE + 1
            seed(server, [timed("caf", 9)])
            assert get(server) == again  # …and the first serves what the second kept
    finally:
        other.state.engine.dispose()


def test_the_index_alone_serves_the_grouped_query(server: Server) -> None:
    """PostgreSQL: the partial index of timed closures holds every column the grouped query
    reads (an index-only scan), whatever the planner would choose on a table this small."""
    engine = server.app.state.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (SQLite computes the figures in Python)")
    seed(server, [timed("caf", 3) for _ in range(MIN_SAMPLE)])
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE orientations")
    statements: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    with Session(engine) as session:
        connection = session.connection()
        event.listen(connection, "before_cursor_execute", keep)
        processing_times(session, ORGANISMES, START)
        event.remove(connection, "before_cursor_execute", keep)
        [(statement, parameters)] = statements
        assert "percentile_cont" in statement
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        connection.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        plan = "\n".join(row[0] for row in connection.exec_driver_sql(
            "EXPLAIN " + statement, parameters))
    assert "Index Only Scan using ix_orientations_timed_organisme_closed_at" in plan
