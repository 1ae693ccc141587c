"""A pulled version written over the dossier a workstation holds (issue 18): the import writes
only what differs from the stored rows, and leaves exactly what a fresh import of the same
version writes — the same stored values, the same search index, the same list order."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import event, text

from app.forms.codes import ORGANISMES
from app.models.database import Store, open_store
from app.models.listing import list_dossiers
from app.models.repository import import_records
from app.models.search import search_dossiers
from tests.sync.test_pull_bulk import follow_up, records

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)
CONFIRMED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
CHILDREN = ("answers", "consents", "orientations", "printed_documents", "appointments")


def _appointment(number: int, **changes: Any) -> dict[str, Any]:
    item = {"id": f"0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b{number:02d}", "kind": "rappel",
            "organisme": None, "at": "2026-03-05T14:00:00+00:00", "duration": 15,
            "mode": "telephone", "place": "", "bring": "", "by": "A. Le Gall",
            "status": "propose", "created_at": "2026-02-27T10:00:00+00:00",
            "updated_at": "2026-02-27T10:00:00+00:00", "agent": "A. Le Gall", "note": None}
    item.update(changes)
    return item


def held_records() -> list[dict[str, Any]]:
    """Dossiers as the workstation holds them, two with call-backs."""
    held = records(8)
    held[4]["rendez_vous"] = [_appointment(1), _appointment(2)]
    held[5]["rendez_vous"] = [_appointment(3)]
    return held


def added(record: dict[str, Any]) -> str:
    """An organisme ``record`` is not oriented to (nor was before)."""
    return next(o for o in ORGANISMES if o not in {x["organisme"] for x in record["orientations"]})


def next_versions(held: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The next version of each held dossier, each changed in another part."""
    out = [follow_up(record) for record in held]  # an orientation followed up, a new time
    renamed = out[1]
    renamed["identity"]["nom"] = "Kerhervé-Nouveau"  # searched words change
    answers = renamed["answers"]
    first, second, *_ = sorted(answers)
    answers[first] = "oui" if answers[first] != "oui" else "non"  # a code changes
    del answers[second]  # an answer removed
    answers["Q13"] = "non"  # and one added
    consents = out[2]
    consents["consents"][0].update(revoked_at=T1.isoformat(), revoked_by="A. Le Gall")
    organisme = added(consents)
    consents["orientations"].pop()  # an orientation removed...
    consents["orientations"].append(  # ...and one added
        {"organisme": organisme, "status": "a_transmettre", "outcome": None, "note": "",
         "updated_at": T1.isoformat()})
    printed = out[3]
    printed["printed"].append({"kind": "summary", "organisme": None,
                               "printed_at": T1.isoformat(), "agent": "A. Le Gall"})
    calls = out[4]
    calls["rendez_vous"] = [_appointment(2, status="fait", updated_at=T1.isoformat()),
                            _appointment(4)]  # one changed, one gone, one new
    out[6]["urgent"] = not out[6]["urgent"]  # the sort key's urgent bit
    same_time = copy.deepcopy(held[7])  # only the revision: nothing else to write
    same_time["revision"] += 1
    out[7] = same_time
    return out


def stored(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The dossiers and their children as stored (no type conversion), children without their
    row ids and the moment the store confirmed each orientation (kept by an update)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.session() as session:
        out["dossiers"] = [tuple(r) for r in session.execute(
            text("SELECT * FROM dossiers ORDER BY pk"))]
        for table in CHILDREN:
            result = session.execute(text(f"SELECT * FROM {table}"))
            names = list(result.keys())
            out[table] = sorted((tuple(v for n, v in zip(names, row, strict=True)
                                       if n not in ("pk", "transmitted_at")) for row in result),
                                key=repr)
    return out


def searched(store: Store, words: list[str]) -> dict[str, list[int]]:
    with store.session() as session:
        return {word: sorted(session.execute(
            text("SELECT rowid FROM dossier_search WHERE dossier_search MATCH :q"),
            {"q": " ".join(f'"{w}"' for w in word.lower().replace("-", " ").split())}
        ).scalars()) for word in words}


@pytest.fixture
def stores(keyring_backend: KeyringBackend, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    opened = [open_store(tmp_path / name, site_code="BRE", workstation_code="02")
              for name in ("updated", "fresh")]
    try:
        yield opened[0], opened[1]
    finally:
        for store in opened:
            store.close()


def test_a_version_written_over_a_dossier_leaves_what_a_fresh_import_writes(
        stores: tuple[Store, Store]) -> None:
    updated, fresh = stores
    held = held_records()
    versions = next_versions(held)
    with updated.transaction() as session:
        import_records(session, copy.deepcopy(held), write_outbox=False, now=T0)
        session.execute(text("UPDATE orientations SET transmitted_at = :t"),
                        {"t": CONFIRMED.replace(tzinfo=None)})
    before = {row[0]: row[1] for row in _transmitted(updated)}
    with updated.transaction() as session:
        result = import_records(session, copy.deepcopy(versions), write_outbox=False, now=T1)
    assert (result.created, result.updated, result.skipped) == (0, len(held), 0)
    with fresh.transaction() as session:
        import_records(session, copy.deepcopy(versions), write_outbox=False, now=T1)

    assert stored(updated) == stored(fresh)
    words = [r["identity"]["nom"] for r in held + versions] + [r["number"] for r in held]
    assert searched(updated, words) == searched(fresh, words)
    assert searched(updated, [held[1]["identity"]["nom"]]) == {held[1]["identity"]["nom"]: []}
    assert index_rows(updated) == index_rows(fresh)
    assert listed(updated) == listed(fresh)  # the list's order: the sort key, the index
    with updated.session() as session:
        session.execute(text(
            "INSERT INTO dossier_search(dossier_search) VALUES ('integrity-check')"))
    # an orientation kept its confirmation; the one added has none yet, the one removed went
    after = dict(_transmitted(updated))
    assert after.pop((held[2]["id"], added(held[2]))) is None
    assert after == {key: when for key, when in before.items() if key in after}
    assert len(after) == len(before) - 1


def listed(store: Store) -> list[str]:
    with store.session() as session:
        rows = [r.number for r in list_dossiers(session, limit=50)]
        assert rows == [d.number for d in search_dossiers(session, "", limit=50)]
        return rows


def index_rows(store: Store) -> dict[str, list[int]]:
    """Each dossier's number, and the search index's rows its number finds (its sort key)."""
    with store.session() as session:
        numbers = {n: k for n, k in session.execute(
            text("SELECT number, search_rowid FROM dossiers"))}
    found = searched(store, list(numbers))
    assert all(found[n] == [k] for n, k in numbers.items()), (found, numbers)
    return found


def _transmitted(store: Store) -> list[tuple[tuple[str, str], Any]]:
    with store.session() as session:
        return [((d, o), t) for d, o, t in session.execute(text(
            "SELECT d.id, o.organisme, o.transmitted_at FROM orientations o "
            "JOIN dossiers d ON d.pk = o.dossier_pk"))]


def test_a_follow_up_writes_the_orientation_the_dossier_row_and_the_answers_times_only(
        stores: tuple[Store, Store]) -> None:
    updated, _ = stores
    held = held_records()
    with updated.transaction() as session:
        import_records(session, copy.deepcopy(held), write_outbox=False, now=T0)
    versions = [follow_up(r) for r in held[:6]]
    same_time = copy.deepcopy(held[7])
    same_time["revision"] += 1
    writes: list[str] = []

    def spy(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE", "WITH"):
            writes.append(" ".join(statement.split()))

    event.listen(updated.engine, "before_cursor_execute", spy)
    try:
        with updated.transaction() as session:
            import_records(session, versions + [same_time], write_outbox=False, now=T1)
    finally:
        event.remove(updated.engine, "before_cursor_execute", spy)

    touched = [w for w in writes if any(f" {t} " in f" {w} " for t in CHILDREN)]
    assert not [w for w in touched if w.startswith(("INSERT", "DELETE"))], touched
    assert all(t not in w for w in touched
               for t in ("consents", "printed_documents", "appointments")), touched
    assert any(w.startswith("UPDATE orientations SET status") for w in touched), touched
    assert any(w.startswith("UPDATE answers SET answered_at") for w in touched), touched
    rows = [w for w in writes if "UPDATE dossiers SET" in w]
    # the followed-up dossiers move in the list (a new time); the other keeps its place
    assert len(rows) == 2, rows
    assert any("SET revision = v.v_revision, updated_at = v.v_updated_at, "
               "search_rowid = v.v_search_rowid FROM" in w for w in rows), rows
    assert any("SET revision = v.v_revision FROM" in w for w in rows), rows
    index_rows(updated)  # each moved index row has the dossier's new sort key
    followed = sorted(r["number"] for r in versions)
    with updated.session() as session:
        times = {row.number: row.updated_at for row in list_dossiers(session, limit=50)}
        assert all(times[n] == T1 for n in followed)
        assert times[same_time["number"]] == datetime.fromisoformat(same_time["updated_at"])
        restamped = session.execute(text(
            "SELECT count(*) FROM answers a JOIN dossiers d ON d.pk = a.dossier_pk "
            "WHERE d.number IN (SELECT value FROM json_each(:n)) AND (a.answered_at != "
            "d.updated_at OR a.agent != d.agent)"), {"n": json.dumps(followed)}).scalar()
        assert restamped == 0
    # the same order as a store that imported these versions afresh
    listed(updated)


def test_values_of_every_type_written_in_place_are_stored_as_a_fresh_import_stores_them(
        stores: tuple[Store, Store]) -> None:
    """The rows updated in place are bound to the driver as stored (issue 18): a flag, a
    moment, a whole number, a text and a null each come out as a fresh import writes them."""
    updated, fresh = stores
    held = held_records()
    versions = [follow_up(r) for r in held]
    flags = versions[0]["consents"]
    flags[-1]["given"] = not flags[-1]["given"]  # a Boolean
    flags[0]["at"] = "2026-03-02T11:15:00+01:00"  # a moment, in another offset
    flags[0]["agent"] = "B. Kerjean"  # a text
    versions[1]["orientations"][0].update(status="cloturee", outcome="aide_accordee")
    versions[2]["orientations"][0]["counter_note"] = "Pièces reçues."
    versions[3]["orientations"][0]["note"] = None  # a null where a text was
    versions[4]["rendez_vous"] = [_appointment(1, duration=45, at="2026-03-06T08:30:00Z"),
                                  _appointment(2)]  # a whole number and a moment
    versions[5]["answers"] = {q: ("non" if c == "oui" else "oui")
                              for q, c in versions[5]["answers"].items()}  # codes only
    with updated.transaction() as session:
        import_records(session, copy.deepcopy(held), write_outbox=False, now=T0)
    writes: list[str] = []

    def spy(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        writes.append(" ".join(statement.split()))

    event.listen(updated.engine, "before_cursor_execute", spy)
    try:
        with updated.transaction() as session:
            import_records(session, copy.deepcopy(versions), write_outbox=False, now=T1)
    finally:
        event.remove(updated.engine, "before_cursor_execute", spy)
    with fresh.transaction() as session:
        import_records(session, copy.deepcopy(versions), write_outbox=False, now=T1)

    assert stored(updated) == stored(fresh)
    assert listed(updated) == listed(fresh)
    assert index_rows(updated) == index_rows(fresh)
    # written in place: no child row deleted or inserted
    children = [w for w in writes if any(f" {t} " in f" {w} " for t in CHILDREN)
                and w.startswith(("INSERT", "DELETE"))]
    assert children == []
    assert any(w.startswith("UPDATE consents SET") for w in writes)
    assert any(w.startswith("UPDATE appointments SET") for w in writes)
    assert any(w.startswith("UPDATE answers SET code") for w in writes)
