"""The bulk apply of a pulled page (app.sync.pull_apply, issue 18): it leaves the local store
exactly as the item-by-item apply does, and its statements do not grow with the page."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import event, text

from app.demo import counter_only, demo_records
from app.forms.questionnaire import load_questionnaire
from app.models import audit_chain
from app.models.database import Store, open_store
from app.models.repository import import_records
from app.sync import pull_apply
from app.sync.client import SyncClient
from app.sync.summary import RoundSummary

NOW = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)
SYNCED_AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
# columns that follow the order of the writes (row ids, the audit chain's place): a bulk write
# inserts its new dossiers' rows before its updated ones', the item-by-item path in page order
ORDERED_BY_WRITE = {"audit_log": ("id", "seq", "prev_hash", "row_hash"),
                    "answers": ("pk",), "consents": ("pk",), "orientations": ("pk",),
                    "printed_documents": ("pk",),
                    "audit_chain_head": ("head_hash",),
                    "workstations": ("created_at",)}  # when each store was opened


def _consented(record: dict[str, Any]) -> dict[str, Any] | None:
    given = {c["organisme"] for c in record["consents"] if c["given"] and not c["revoked_at"]}
    return next((o for o in record["orientations"] if o["organisme"] in given), None)


def records(count: int) -> list[dict[str, Any]]:
    """``count`` demo dossiers of BRE-02, each with an orientation a partner can follow up."""
    out: list[dict[str, Any]] = []
    for record in demo_records(count * 5, load_questionnaire(), seed=2):
        if len(out) == count:
            break
        if _consented(record) is None:
            continue
        counter_only(record)
        record.update(site="BRE", workstation="02", channel="accueil",
                      number=f"TI-BRE-02-{record['created_at'][:4]}-{len(out) + 1:06d}")
        for consent in record["consents"]:
            consent["mode"] = "signe_accueil"
        out.append(record)
    assert len(out) == count
    return out


def follow_up(record: dict[str, Any], note: str = "Rappel lundi.") -> dict[str, Any]:
    """The store's next revision of ``record`` after a partner's follow-up."""
    change = copy.deepcopy(record)
    orientation = _consented(change)
    assert orientation is not None
    orientation.update(status="en_cours", outcome=None, note=note, updated_at=NOW.isoformat())
    change.update(revision=record["revision"] + 1, updated_at=NOW.isoformat())
    return change


def synced_store(path: Path, held: list[dict[str, Any]]) -> Store:
    """A workstation store holding ``held``, pushed and confirmed (bases kept)."""
    store = open_store(path, site_code="BRE", workstation_code="02")
    with store.transaction() as session:
        import_records(session, held, agent="A. Le Gall", now=SYNCED_AT)
        session.execute(text("UPDATE outbox SET sent_at = :t"), {"t": SYNCED_AT})
        session.execute(text("UPDATE dossiers SET server_revision = revision, "
                             "sync_state = 'synced'"))
        session.execute(text("INSERT INTO sync_bases (dossier_id, revision, payload) "
                             "SELECT dossier_id, revision, payload FROM outbox"))
    return store


def edit_here(store: Store, record: dict[str, Any], **identity: str) -> None:
    """A local change of ``record``'s identity, not sent yet (its outbox row waits)."""
    changed = copy.deepcopy(record)
    changed["identity"].update(identity)
    changed.update(revision=record["revision"] + 1, updated_at=SYNCED_AT.isoformat())
    with store.transaction() as session:
        import_records(session, [changed], write_outbox=True, agent="A. Le Gall",
                       now=SYNCED_AT)
        session.execute(text("UPDATE dossiers SET sync_state = 'local' WHERE id = :i"),
                        {"i": record["id"]})


def client(store: Store) -> SyncClient:
    """A client that never reaches a store (the page is given to it)."""
    http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(599)),
                        base_url="http://nowhere")
    return SyncClient(store, http, token="t", clock=lambda: NOW, max_retries=0)


def apply(store: Store, page: list[Any], *, per_item: bool) -> RoundSummary:
    summary = RoundSummary()
    sync = client(store)
    with store.transaction() as session:
        if per_item:
            sync._apply_page_per_item(session, copy.deepcopy(page), NOW, summary)
        else:
            sync._apply_page(session, copy.deepcopy(page), NOW, summary)
    return summary


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the local store (the search index through what it finds), rows
    sorted; the columns that only record the order of the writes left out."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.session() as session:
        tables = session.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
            "'dossier_search%' AND name NOT LIKE 'sqlite_%'")).scalars().all()
        for table in tables:
            result = session.execute(text(f'SELECT * FROM "{table}"'))
            names = list(result.keys())
            skip = ORDERED_BY_WRITE.get(table, ())
            out[table] = sorted((tuple(str(v) for n, v in zip(names, row, strict=True)
                                       if n not in skip) for row in result), key=repr)
        names = session.execute(text("SELECT nom, number FROM dossiers")).all()
        for nom, number in names:
            for word in (nom, number.replace("-", " ")):
                out[f"search {word}"] = sorted(session.execute(
                    text("SELECT rowid FROM dossier_search WHERE dossier_search MATCH :q"),
                    {"q": " ".join(f'"{w}"' for w in word.lower().split())}).scalars())
    return out


def summary_of(summary: RoundSummary) -> dict[str, Any]:
    return {"pulled": summary.pulled, "applied": summary.applied, "merged": summary.merged,
            "conflicts": summary.conflicts, "erased": summary.erased,
            "quarantined": summary.quarantined, "errors": summary.errors,
            "notices": summary.notices, "partner_updates": summary.partner_updates}


@pytest.fixture
def twin(keyring_backend: KeyringBackend, tmp_path: Path) -> Iterator[tuple[Store, Store,
                                                                             list[Any]]]:
    """Two identical workstation stores and a mixed page pulled by both."""
    held = records(12)
    new = records(14)[12:]  # two dossiers the workstation does not hold yet
    stores = [synced_store(tmp_path / name, held) for name in ("per_item", "bulk")]
    for store in stores:
        edit_here(store, held[3], telephone="02 98 11 22 33")  # merges with the follow-up
        edit_here(store, held[5], telephone="02 98 44 55 66")  # changed on both sides
    conflicting = follow_up(held[5])
    conflicting["identity"]["telephone"] = "06 12 34 56 78"
    invalid = follow_up(held[7])
    invalid["answers"]["Q01"] = "peut-être"  # not a code of Q01: quarantined
    renamed = follow_up(held[10])  # plain, with more than a follow-up: written in place
    renamed["identity"]["nom"] = "Le Bihan-Moal"
    renamed["answers"].pop(sorted(renamed["answers"])[-1])
    renamed["printed"].append({"kind": "summary", "organisme": None,
                               "printed_at": NOW.isoformat(), "agent": "A. Le Gall"})
    page: list[Any] = [
        follow_up(held[0]), follow_up(held[1]), new[0],
        follow_up(held[3], "Pièces reçues."),
        follow_up(held[2]),
        {"id": held[4]["id"], "erased": True, "reason": "demande_personne"},
        conflicting,
        follow_up(held[6]),
        invalid,
        held[8],  # a revision already held: nothing to do
        follow_up(held[9]), new[1], renamed, follow_up(held[11]),
    ]
    try:
        yield stores[0], stores[1], page
    finally:
        for store in stores:
            store.close()


def test_a_mixed_page_applied_in_bulk_equals_item_by_item(
        twin: tuple[Store, Store, list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    per_item_store, bulk_store, page = twin
    assert dump(per_item_store) == dump(bulk_store)  # the same start
    written: list[int] = []
    write_plain = pull_apply.write_plain

    def spy(session: Any, plain: Any, now: datetime) -> Any:
        written.append(len(plain))
        return write_plain(session, plain, now)

    expected = apply(per_item_store, page, per_item=True)
    monkeypatch.setattr(pull_apply, "write_plain", spy)
    got = apply(bulk_store, page, per_item=False)

    # the plain changes went in bulk, in runs between the others (page order kept)
    assert written == [3, 1, 1, 4], written

    assert summary_of(got) == summary_of(expected)
    # the page did all kinds of things: the comparison below covers each of them
    assert (expected.pulled, expected.applied, expected.merged, expected.conflicts,
            expected.erased, expected.quarantined) == (14, 10, 1, 1, 1, 0), expected.line()
    assert len(expected.partner_updates) == 7 and len(expected.errors) == 1
    after = dump(bulk_store)
    assert after == dump(per_item_store)
    assert len(after["sync_quarantine"]) == 1 and len(after["sync_conflicts"]) == 1
    assert len(after["erasures"]) == 1 and len(after["dossiers"]) == 13
    for store in (per_item_store, bulk_store):
        assert audit_chain.verify_local(store.engine).ok


def test_a_failed_bulk_write_falls_back_item_by_item(
        twin: tuple[Store, Store, list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    per_item_store, bulk_store, page = twin
    failures: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> None:
        failures.append(1)
        raise ValueError("record 1: broken on purpose")

    expected = apply(per_item_store, page, per_item=True)
    monkeypatch.setattr(pull_apply, "import_records", failing)
    got = apply(bulk_store, page, per_item=False)

    assert failures  # the bulk write was tried, rolled back, then each change applied alone
    assert summary_of(got) == summary_of(expected)
    assert dump(bulk_store) == dump(per_item_store)


def _statements(store: Store, page: list[Any]) -> int:
    count = 0

    def counted(*_: Any) -> None:
        nonlocal count
        count += 1

    event.listen(store.engine, "before_cursor_execute", counted)
    try:
        summary = apply(store, page, per_item=False)
    finally:
        event.remove(store.engine, "before_cursor_execute", counted)
    assert summary.applied == len(page) and not summary.errors, summary.line()
    return count


@pytest.mark.parametrize("sizes", [(5, 60)])
def test_statements_of_a_page_of_plain_changes_do_not_grow_with_it(
        keyring_backend: KeyringBackend, tmp_path: Path, sizes: tuple[int, int]) -> None:
    small, large = sizes
    held = records(small + large)
    store = synced_store(tmp_path / "ws", held)
    try:
        first = _statements(store, [follow_up(r) for r in held[:small]])
        second = _statements(store, [follow_up(r) for r in held[small:]])
    finally:
        store.close()
    assert first == second, (first, second)
    assert second < 40  # one statement per table, not one per change
    # the item-by-item path pays per change
    again = synced_store(tmp_path / "again", held[:small])
    try:
        count = 0

        def counted(*_: Any) -> None:
            nonlocal count
            count += 1

        event.listen(again.engine, "before_cursor_execute", counted)
        apply(again, [follow_up(r) for r in held[:small]], per_item=True)
        event.remove(again.engine, "before_cursor_execute", counted)
    finally:
        again.close()
    assert count > 5 * small
