"""Issue 12, « Lists and states that tell the truth »: the orientation's transmission time, the
urgent block holding only open recent dossiers, « Mes dossiers » and « sans nouvelle »."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import migrate
from app.models import repository as repo
from app.models.database import Store, make_engine
from app.models.entities import Dossier, Orientation
from app.models.listing import count_dossiers, expire_urgent, list_dossiers
from app.models.normalize import URGENT_BIT
from app.models.orientation_state import (
    dossier_orientation_states,
    mark_transmitted,
    shown_status,
    transmitted_organismes,
)
from tests.models.conftest import T0, identity, new_dossier

HASH = "0" * 64


def oriented(session: Session, store: Store, nom: str, *, consent: bool = True,
             agent: str = "agent.test", organismes: tuple[str, ...] = ("urssaf",)) -> Dossier:
    dossier = new_dossier(session, store, identity=identity(nom), agent=agent)
    for organisme in organismes:
        repo.record_consent(session, dossier, organisme, given=True, mode="signe_accueil",
                            text_version="v1", text_hash=HASH, agent=agent, now=T0)
    repo.set_orientations(session, dossier, list(organismes), agent=agent, now=T0)
    if not consent:  # revoked since: the partner no longer sees it
        for organisme in organismes:
            repo.revoke_consent(session, dossier, organisme, agent=agent, now=T0)
    session.commit()
    return dossier


def test_shown_status_follows_the_store_then_the_partner() -> None:
    assert shown_status("a_transmettre", None) == "a_transmettre"
    assert shown_status("a_transmettre", T0) == "transmise"
    assert shown_status("recue", T0) == "recue"
    assert shown_status("transmise", None) == "transmise"


def test_transmitted_only_with_a_consent(session: Session, store: Store) -> None:
    with_consent = oriented(session, store, "Avec")
    without = oriented(session, store, "Sans", consent=False)
    payloads = {d.id: repo.to_export(d) for d in (with_consent, without)}
    assert transmitted_organismes(payloads[with_consent.id]) == ["urssaf"]
    assert transmitted_organismes(payloads[without.id]) == []
    later = T0 + timedelta(hours=2)
    mark_transmitted(session, payloads.items(), later)
    session.commit()
    (state,) = dossier_orientation_states(session, with_consent.id)
    assert (state.status, state.transmitted_at, state.shown) == ("a_transmettre", later,
                                                                   "transmise")
    (state,) = dossier_orientation_states(session, without.id)
    assert state.transmitted_at is None and state.shown == "a_transmettre"
    # Set once: a later confirmation keeps the first time.
    mark_transmitted(session, [(with_consent.id, payloads[with_consent.id])], later + timedelta(1))
    session.commit()
    assert dossier_orientation_states(session, with_consent.id)[0].transmitted_at == later


def test_transmission_survives_a_pulled_version(session: Session, store: Store) -> None:
    dossier = oriented(session, store, "Tirée")
    record = repo.to_export(dossier)
    mark_transmitted(session, [(dossier.id, record)], T0 + timedelta(hours=1))
    session.commit()
    pulled = dict(record, revision=record["revision"] + 1)
    pulled["orientations"] = [dict(o, status="recue") for o in record["orientations"]]
    repo.import_records(session, [pulled], write_outbox=False, now=T0 + timedelta(days=1))
    session.commit()
    (state,) = dossier_orientation_states(session, dossier.id)
    assert (state.status, state.transmitted_at) == ("recue", T0 + timedelta(hours=1))
    # The list rows carry the same states.
    (row,) = [r for r in list_dossiers(session) if r.id == dossier.id]
    assert row.orientations == (state,)


def test_closing_leaves_the_urgent_block(session: Session, store: Store) -> None:
    closed = new_dossier(session, store, identity=identity("Close"))
    open_ = new_dossier(session, store, identity=identity("Ouvert"))
    plain = new_dossier(session, store, identity=identity("Simple"))
    for d in (closed, open_):
        repo.set_urgent(session, d, True, agent="a", now=T0 + timedelta(minutes=1))
    repo.save_answer(session, plain, "Q01", "non", agent="a", now=T0 + timedelta(minutes=5))
    repo.set_status(session, closed, "clos", agent="a", now=T0 + timedelta(minutes=10))
    session.commit()
    names = [r.nom for r in list_dossiers(session)]
    # The closed dossier was updated last, yet the open urgent one comes first; the closed one
    # keeps its flag and sorts by its update among the others.
    assert names == ["Ouvert", "Close", "Simple"]
    assert [r.urgent for r in list_dossiers(session)] == [True, True, False]
    assert [r.nom for r in list_dossiers(session, urgent_only=True)] == ["Ouvert"]
    # Reopened, it is back in the block.
    repo.set_status(session, closed, "oriente", agent="a", now=T0 + timedelta(minutes=20))
    session.commit()
    assert [r.nom for r in list_dossiers(session, urgent_only=True)] == ["Close", "Ouvert"]


def test_old_urgent_dossiers_leave_the_block(session: Session, store: Store) -> None:
    old = new_dossier(session, store, identity=identity("Ancien"))
    recent = new_dossier(session, store, identity=identity("Recent"))
    repo.set_urgent(session, old, True, agent="a", now=T0)
    repo.set_urgent(session, recent, True, agent="a", now=T0 + timedelta(days=80))
    session.commit()
    assert count_dossiers(session, urgent_only=True) == 2
    assert expire_urgent(session, T0 + timedelta(days=100)) == 1
    session.commit()
    assert [r.nom for r in list_dossiers(session, urgent_only=True)] == ["Recent"]
    assert [r.nom for r in list_dossiers(session, text="ancien")] == ["Ancien"]  # still found
    assert expire_urgent(session, T0 + timedelta(days=100)) == 0


def test_pulled_old_urgent_dossier_sorts_with_the_others(session: Session, store: Store) -> None:
    dossier = new_dossier(session, store, identity=identity("Importe"))
    record = dict(repo.to_export(dossier), revision=5, urgent=True)
    repo.import_records(session, [record], write_outbox=False, now=T0 + timedelta(days=200))
    session.commit()
    session.expire_all()
    row = session.scalars(select(Dossier).where(Dossier.id == dossier.id)).one()
    assert row.urgent and row.search_rowid < URGENT_BIT


def test_mine_filter(session: Session, store: Store) -> None:
    new_dossier(session, store, identity=identity("Moi"), agent="c.martin")
    new_dossier(session, store, identity=identity("Autre"), agent="y.guen")
    assert [r.nom for r in list_dossiers(session, agent="c.martin")] == ["Moi"]
    assert count_dossiers(session, agent="c.martin") == 1
    assert count_dossiers(session, agent="personne") == 0


def test_silent_partner_filter(session: Session, store: Store) -> None:
    now = T0 + timedelta(days=30)
    silent = oriented(session, store, "Silence")
    news = oriented(session, store, "Nouvelle")
    unsent = oriented(session, store, "Pasenvoye", consent=False)
    fresh = oriented(session, store, "Recent")
    closed = oriented(session, store, "Cloture")
    mark_transmitted(session, [(d.id, repo.to_export(d)) for d in (silent, news, closed)], T0)
    mark_transmitted(session, [(fresh.id, repo.to_export(fresh))], now - timedelta(days=3))
    repo.update_orientation(session, news, "urssaf", status="contact_pris", outcome=None,
                            note=None, agent="p", now=now - timedelta(days=2))
    repo.set_status(session, closed, "clos", agent="a", now=T0)
    session.commit()
    cutoff = now - timedelta(days=10)
    assert [r.nom for r in list_dossiers(session, silent_since=cutoff)] == ["Silence"]
    assert count_dossiers(session, silent_since=cutoff) == 1
    # A partner status 12 days old is no news either.
    repo.update_orientation(session, news, "urssaf", status="recue", outcome=None, note=None,
                            agent="p", now=now - timedelta(days=12))
    session.commit()
    assert {r.nom for r in list_dossiers(session, silent_since=cutoff)} == {"Silence",
                                                                           "Nouvelle"}
    assert unsent.id not in {r.id for r in list_dossiers(session, silent_since=cutoff)}


def test_migration_0006_backfills_and_rekeys(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.db", "ab" * 32)
    try:
        migrate.upgrade(engine)
        with Session(engine) as s:
            orientation_columns = [r[1] for r in s.execute(text("PRAGMA table_info(orientations)"))]
            indexes = [r[1] for r in s.execute(text("PRAGMA index_list(dossiers)"))]
        assert "transmitted_at" in orientation_columns
        assert "ix_dossiers_agent_search_rowid" in indexes
        assert Orientation.transmitted_at is not None
    finally:
        engine.dispose()
