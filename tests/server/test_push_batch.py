"""The batch path of ``POST /sync/push``: the same results and rows as pushing the items one by
one with push_dossier, change sequence numbers in order, an audit row per stored item, and
the item-by-item fallback when a concurrent push wins the race to a unique constraint."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.server.db import open_engine
from app.server.models import AuditEntry, Dossier, Orientation, SyncCounter
from app.server.services import partner
from app.server.services import sync as service
from app.server.services.common import AgentInfo
from app.server.services.sync import push_batch, push_dossier
from tests.server.conftest import BACKENDS, START, Server, make_record, new_database

BRE = AgentInfo(1, "bre", "urssaf", "BRE", "accueil")
QUI = AgentInfo(2, "qui", "urssaf", "QUI", "accueil")
P_CAF = AgentInfo(3, "p_caf", "caf", "REN", "partenaire")
NOW = START + timedelta(days=2)
TABLES = {  # every table a push writes, with an order that makes dumps comparable
    "dossiers": "id", "dossier_revisions": "id", "consents": "dossier_id, organisme",
    "orientations": "dossier_id, organisme", "audit_log": "id", "sync_counter": "id"}

Item = tuple[int | None, Any]


@pytest.fixture(params=BACKENDS)
def engines(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    """Two empty migrated stores of the same engine: one for the batch, one for the reference
    (push_dossier item by item)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with new_database(request.param, tmp_path / "a") as url_a, \
            new_database(request.param, tmp_path / "b") as url_b:
        engine_a, engine_b = open_engine(url_a), open_engine(url_b)
        try:
            yield engine_a, engine_b
        finally:
            engine_a.dispose()
            engine_b.dispose()


@pytest.fixture
def store(database_url: str) -> Iterator[Engine]:
    """One empty migrated store of each engine."""
    engine = open_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row a push writes, table by table."""
    with engine.connect() as connection:
        return {table: [tuple(row) for row in connection.execute(
            text(f"SELECT * FROM {table} ORDER BY {order}"))] for table, order in TABLES.items()}


def run_batch(engine: Engine, agent: AgentInfo, items: list[Item]) -> list[dict[str, Any]]:
    with Session(engine) as session:
        results = push_batch(session, agent, items, NOW)
        session.commit()
    return [r.to_json() for r in results]


def run_one_by_one(engine: Engine, agent: AgentInfo, items: list[Item]) -> list[dict[str, Any]]:
    with Session(engine) as session:
        results = [push_dossier(session, agent, base, raw, NOW) for base, raw in items]
        session.commit()
    return [r.to_json() for r in results]


def seed(engine: Engine) -> None:
    """The store before the batch, written a day earlier (so transmission times differ)."""
    with Session(engine) as session:
        for agent, record in [
            (BRE, make_record(1)),
            (BRE, make_record(2, oriented=("caf",))),
            (BRE, make_record(3, oriented=("caf", "urssaf"))),
            (BRE, make_record(4)),
            (QUI, make_record(1, site="QUI")),
        ]:
            assert push_dossier(session, agent, None, record,
                                START + timedelta(days=1)).status == "accepted"
        # caf's agents closed their orientation of dossier 2 (revision 2): the follow-up is
        # theirs, a counter's push only carries it (the store refuses a counter writing it)
        assert partner.partner_update(session, P_CAF, uuid.UUID(make_record(2)["id"]),
                                      "cloturee", "sans_suite", "",
                                      START + timedelta(days=1)) is not None
        session.commit()


def oriented(record: dict[str, Any], **statuses: str) -> dict[str, Any]:
    """``record`` with its orientations' statuses set (cloturee gets an outcome)."""
    for o in record["orientations"]:
        if o["organisme"] in statuses:
            o["status"] = statuses[o["organisme"]]
            o["outcome"] = "sans_suite" if o["status"] == "cloturee" else None
    return record


def mixed_batch() -> tuple[list[Item], list[str]]:
    """A batch with every outcome, and the statuses pushing it one by one gives."""
    invalid = make_record(20)
    invalid["answers"]["Q05"] = "maybe"
    other_sites_id = make_record(21)
    other_sites_id["id"] = make_record(1, site="QUI")["id"]
    renumbered = make_record(4, revision=2)
    renumbered["number"] = "TI-BRE-01-2026-000099"
    dropped = make_record(3, revision=2, oriented=("urssaf",))
    dropped["consents"] = make_record(3, oriented=("caf", "urssaf"))["consents"]
    steps: list[tuple[Item, str]] = [
        ((None, make_record(10, oriented=("caf",))), "accepted"),              # new
        ((None, make_record(1)), "duplicate"),                                 # resent
        ((None, make_record(2, revision=2, status="complet")), "conflict"),   # stale base
        ((1, make_record(1, status="clos")), "conflict"),                      # same rev, other
        ((None, invalid), "rejected"),                                         # invalid answer
        ((None, {"id": ["x"]}), "rejected"),                                   # not a dossier
        ((None, make_record(30, site="QUI")), "forbidden"),                    # QUI's number
        ((None, other_sites_id), "forbidden"),                                 # QUI's dossier id
        ((None, make_record(11)), "accepted"),                                 # same id twice:
        ((1, make_record(11, revision=2, status="complet")), "accepted"),     # ...rev 2 on 1
        ((1, make_record(11, revision=2, status="complet")), "duplicate"),    # ...resent
        ((1, make_record(11, revision=3)), "conflict"),                        # ...stale now
        ((None, make_record(12, number="TI-BRE-01-2026-000777")), "accepted"),
        ((None, make_record(13, number="TI-BRE-01-2026-000777")), "rejected"),  # clash in batch
        ((None, make_record(14, number="TI-BRE-01-2026-000001")), "rejected"),  # clash in store
        ((2, oriented(make_record(2, revision=3, status="clos", oriented=("caf",)),
                      caf="cloturee")), "accepted"),                           # update
        ((3, oriented(make_record(2, revision=4, oriented=("caf",)), caf="en_cours")),
         "rejected"),                                      # ...reopening caf's follow-up
        ((1, dropped), "accepted"),                                            # caf dropped
        ((2, make_record(3, revision=3, oriented=("caf", "urssaf"))), "accepted"),  # re-added
        ((1, renumbered), "rejected"),                                         # number changed
        ((None, make_record(10, oriented=("caf",))), "duplicate"),             # new one resent
    ]
    return [item for item, _ in steps], [status for _, status in steps]


def test_a_mixed_batch_gives_the_results_and_rows_of_pushing_one_by_one(
        engines: tuple[Engine, Engine], monkeypatch: pytest.MonkeyPatch) -> None:
    batch_store, reference_store = engines
    seed(batch_store)
    seed(reference_store)
    items, expected = mixed_batch()
    reference = run_one_by_one(reference_store, BRE, items)
    assert [r["status"] for r in reference] == expected
    with monkeypatch.context() as patch:  # the batch path itself, never its fallback
        patch.setattr(service, "_push_prepared", _no_fallback)
        results = run_batch(batch_store, BRE, items)
    assert results == reference
    assert dump(batch_store) == dump(reference_store)
    conflict = results[11]
    assert conflict["server"]["revision"] == 2 and conflict["server"]["status"] == "complet"
    assert results[13]["field"] == "number" and "000777" in results[13]["reason"]
    assert results[7]["reason"] == "site: this dossier belongs to another site"


def _no_fallback(*_args: Any) -> service.PushResult:
    raise AssertionError("the batch fell back to the item-by-item path")


def test_orientation_times_follow_the_history_within_the_batch(store: Engine) -> None:
    seed(store)
    items, _ = mixed_batch()
    run_batch(store, BRE, items)
    day_one = START + timedelta(days=1)
    with Session(store) as session:
        rows = {(o.dossier_id, o.organisme): o for o in session.scalars(select(Orientation))}
    two, three = (uuid.UUID(make_record(n)["id"]) for n in (2, 3))
    closed = rows[(two, "caf")]
    # closed by caf the day before; the batch carried the follow-up, refused to reopen it
    assert (closed.status, closed.transmitted_at, closed.closed_at) == ("cloturee", day_one,
                                                                         day_one)
    # caf was dropped from dossier 3 then oriented again: transmitted anew, in this batch
    assert rows[(three, "caf")].transmitted_at == NOW
    assert rows[(three, "urssaf")].transmitted_at == day_one


def test_change_sequence_numbers_are_unique_and_follow_the_order_sent(server: Server) -> None:
    headers = server.login("bre")
    records = [make_record(n) for n in range(1, 251)]
    server.push(headers, *records[:5])
    results = server.push(headers, *records)  # 5 duplicates, then 245 new dossiers
    assert [r["status"] for r in results] == ["duplicate"] * 5 + ["accepted"] * 245
    updated = [make_record(n, revision=2, status="complet") for n in (200, 3, 100)]
    assert [r["status"] for r in server.push(headers, *updated, base=1)] == ["accepted"] * 3
    with Session(server.app.state.engine) as session:
        seqs = {n: s for n, s in session.execute(select(Dossier.number, Dossier.change_seq))}
        counter = session.get(SyncCounter, 1)
        assert counter is not None and counter.value == 253
    order = [r["number"] for r in records if r["number"] not in
             {u["number"] for u in updated}] + [u["number"] for u in updated]
    in_order = [seqs[number] for number in order]
    assert in_order == sorted(set(in_order)) and in_order[-3:] == [251, 252, 253]
    assert in_order[:-3] == [n for n in range(1, 251) if n not in (3, 100, 200)]
    pulled = server.client.get("/sync/pull", headers=headers,
                               params={"since": 0, "limit": 500}).json()
    assert [d["number"] for d in pulled["changes"]] == order


def test_every_item_the_store_decided_on_is_audited_in_order(store: Engine) -> None:
    seed(store)
    items, expected = mixed_batch()
    results = run_batch(store, BRE, items)
    with Session(store) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.at == NOW)
                               .order_by(AuditEntry.id)).all()
    # invalid items and other sites' numbers are refused before the store is read: no row
    # (a number taken, or a follow-up changed by a counter, is decided on the store's state)
    decided = [(r, items[i][1]) for i, r in enumerate(results)
               if not (r["status"] == "rejected" and r["field"] != "number"
                       and not r["field"].startswith("orientations["))
               and not (r["status"] == "forbidden" and r["reason"].startswith("site: dossiers"))]
    assert len(decided) == len(expected) - 3
    assert [(e.action, e.dossier_id, e.detail, e.agent_login) for e in rows] == [
        (f"push_{r['status']}", uuid.UUID(raw["id"]), f"revision {raw['revision']}", "bre")
        for r, raw in decided]


def test_a_resent_batch_is_all_duplicates_and_writes_nothing_but_audit(store: Engine) -> None:
    items: list[Item] = [(None, make_record(n, oriented=("caf",))) for n in range(1, 40)]
    assert {r["status"] for r in run_batch(store, BRE, items)} == {"accepted"}
    before = dump(store)
    assert {r["status"] for r in run_batch(store, BRE, items)} == {"duplicate"}
    after = dump(store)
    assert len(after["audit_log"]) == len(before["audit_log"]) + 39
    after["audit_log"] = before["audit_log"]
    assert after == before


@pytest.mark.parametrize(("number_seen", "races"), [(False, 1), (True, 1), (False, 2)])
def test_a_lost_race_is_decided_again_against_what_the_winner_stored(
        engines: tuple[Engine, Engine], monkeypatch: pytest.MonkeyPatch,
        number_seen: bool, races: int) -> None:
    """The batch read a state in which a dossier is still new, but it is in the store by the
    time the batch writes (the unique constraint refuses the insert) or by the time the batch
    looked its number up (the number belongs to that very dossier): the savepoint is rolled
    back, nothing of the batch stays, and the batch is read and decided again; lost twice,
    the race sends the batch item by item."""
    batch_store, reference_store = engines
    racer = make_record(5, oriented=("caf",))
    items: list[Item] = [(None, make_record(6)), (None, racer), (None, make_record(7))]
    for engine in engines:
        with Session(engine) as session:
            push_dossier(session, BRE, None, racer, NOW)
            session.commit()
    reference = run_one_by_one(reference_store, BRE, items)
    original_state, original_one = service._batch_state, service._push_prepared
    reads, one_by_one = [], []

    def stale(session: Session, prepared: list[Any]) -> Any:
        current, hashes, numbers = original_state(session, prepared)
        reads.append(len(prepared))
        if len(reads) > races:
            return current, hashes, numbers
        racer_id = uuid.UUID(racer["id"])
        numbers.pop(racer["number"], None)
        if number_seen:
            numbers[racer["number"]] = racer_id
        return ({k: v for k, v in current.items() if k != racer_id},
                {k: v for k, v in hashes.items() if k[0] != racer_id}, numbers)

    def counted(*args: Any) -> service.PushResult:
        one_by_one.append(args)
        return original_one(*args)

    monkeypatch.setattr(service, "_batch_state", stale)
    monkeypatch.setattr(service, "_push_prepared", counted)
    results = run_batch(batch_store, BRE, items)
    assert [r["status"] for r in results] == ["accepted", "duplicate", "accepted"]
    assert results == reference
    assert dump(batch_store) == dump(reference_store)
    assert (len(reads), len(one_by_one)) == ((2, 0) if races == 1 else (2, 3))


def test_an_integrity_error_on_the_second_try_still_raises(
        store: Engine, monkeypatch: pytest.MonkeyPatch) -> None:

    def always(*_args: Any) -> Any:
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    monkeypatch.setattr(service, "_store_batch", always)
    monkeypatch.setattr(service, "_store", always)
    with Session(store) as session, pytest.raises(IntegrityError):
        push_batch(session, BRE, [(None, make_record(1))], NOW)


def test_the_item_by_item_path_reads_again_after_a_stale_read(
        store: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    original, calls = service._store, []

    def stale_once(*args: Any) -> Any:
        calls.append(args)
        if len(calls) == 1:
            raise service._StaleRead("a concurrent push stored it meanwhile")
        return original(*args)

    monkeypatch.setattr(service, "_store", stale_once)
    with Session(store) as session:
        assert push_dossier(session, BRE, None, make_record(1), NOW).status == "accepted"
        session.commit()
    assert len(calls) == 2
    assert len(dump(store)["audit_log"]) == 1  # the first try's savepoint left nothing


def test_a_push_committed_during_the_batch_is_seen_by_the_fallback(
        store: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real race on PostgreSQL: another transaction stores the same dossier and commits
    between the batch's reads and its writes. (SQLite runs one writing transaction at a
    time, so nothing can commit in between there.)"""
    if store.dialect.name == "sqlite":
        pytest.skip("SQLite runs one writing transaction at a time")
    record = make_record(8, oriented=("caf",))
    original, raced = service._batch_state, []

    def then_another_push(session: Session, prepared: list[Any]) -> Any:
        state = original(session, prepared)
        if not raced:  # the first time only: the batch then locks the row the winner wrote
            raced.append(True)
            with Session(store) as other:
                assert push_dossier(other, BRE, None, record, NOW).status == "accepted"
                other.commit()
        return state

    monkeypatch.setattr(service, "_batch_state", then_another_push)
    results = run_batch(store, BRE, [(None, make_record(9)), (None, record)])
    assert [r["status"] for r in results] == ["accepted", "duplicate"]
    rows = dump(store)
    assert len(rows["dossiers"]) == 2 and len(rows["dossier_revisions"]) == 2
    with Session(store) as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["push_accepted", "push_accepted", "push_duplicate"]


def test_a_batch_in_flight_holds_back_later_sequence_numbers(store: Engine) -> None:
    """A pull cursor never skips a change in flight: a second batch gets its change sequence
    numbers only once the first batch committed, so it can never become visible first."""
    if store.dialect.name == "sqlite":
        pytest.skip("SQLite runs one writing transaction at a time")
    first = Session(store)
    done = threading.Event()

    def second_batch() -> None:
        with Session(store) as session:
            # wait as long as it takes (the store's lock_timeout answers « busy » in production;
            # here the wait itself is what is observed, on a machine that may be slow)
            session.execute(text("SET LOCAL lock_timeout = 0"))
            push_batch(session, BRE, [(None, make_record(3))], NOW)
            session.commit()
        done.set()

    thread = threading.Thread(target=second_batch)
    try:
        assert {r.status for r in push_batch(
            first, BRE, [(None, make_record(n)) for n in (1, 2)], NOW)} == {"accepted"}
        thread.start()
        with store.connect() as watcher:
            waiting = 0
            # until the second batch waits for the counter row's lock: by the clock, not by a
            # count of polls, since a loaded machine may take long to start the thread
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and thread.is_alive():
                waiting = watcher.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'")).scalar_one()
                # pg_stat_activity is read once per transaction: end it, or every later poll
                # sees the first one's picture (taken before the second batch waited, on a slow
                # machine) until the deadline
                watcher.rollback()
                if waiting:
                    break
                time.sleep(0.01)
            assert waiting == 1 and not done.is_set()
            assert watcher.execute(text("SELECT count(*) FROM dossiers")).scalar_one() == 0
    finally:
        first.commit()
        first.close()
        if thread.is_alive() or done.is_set():
            thread.join(timeout=30)
    assert done.is_set()
    with Session(store) as session:
        seqs = {n: s for n, s in session.execute(select(Dossier.number, Dossier.change_seq))}
    assert [seqs[make_record(n)["number"]] for n in (1, 2, 3)] == [1, 2, 3]


def test_a_nul_character_is_found_wherever_it_hides(store: Engine) -> None:
    hidden = make_record(1)
    hidden["identity"]["commune"] = "Brest\x00"
    lookalike = make_record(2)
    lookalike["agent"] = "A. Martin \\u0000"  # a backslash and the letters u0000: plain text
    results = run_batch(store, BRE, [(None, hidden), (None, lookalike)])
    assert results[0]["status"] == "rejected" and results[0]["field"] == "identity.commune"
    assert "NUL" in results[0]["reason"]
    assert results[1]["status"] == "accepted"
    with Session(store) as session:
        stored = session.scalar(select(Dossier.payload))
    assert stored is not None and json.loads(stored)["agent"] == "A. Martin \\u0000"
