"""Dossier numbers: format, sequences per (site, workstation, year), uniqueness."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import repository
from app.models.database import Store, open_store
from app.models.entities import NumberSequence
from app.models.repository import Origin, next_number
from tests.models.conftest import T0, new_dossier
from tests.profiles import examples

NUMBER = re.compile(r"^TI-[A-Z]{3}-\d{2}-\d{4}-\d{6}$")


def test_format_and_increment(store: Store, session: Session) -> None:
    first = new_dossier(session, store)
    second = new_dossier(session, store)
    assert first.number == "TI-BRE-02-2026-000001"
    assert second.number == "TI-BRE-02-2026-000002"
    assert NUMBER.match(first.number)


def test_sequence_increments_within_one_transaction(store: Store, session: Session) -> None:
    kwargs = {"identity": {"nom": "A", "prenom": "B"}, "profile": {}, "channel": "accueil"}
    a = repository.create_dossier(session, store, agent="x", now=T0, **kwargs)
    b = repository.create_dossier(session, store, agent="x", now=T0, **kwargs)
    assert (a.number, b.number) == ("TI-BRE-02-2026-000001", "TI-BRE-02-2026-000002")
    stored = session.get(NumberSequence, ("BRE", "02", 2026))
    assert stored is not None and stored.last_value == 2
    session.rollback()
    # Rolled back: nothing used the numbers, they are handed out again.
    c = repository.create_dossier(session, store, agent="x", now=T0, **kwargs)
    assert c.number == "TI-BRE-02-2026-000001"


def test_independent_sequences(session: Session) -> None:
    got = [
        next_number(session, "BRE", "02", 2026),
        next_number(session, "BRE", "03", 2026),
        next_number(session, "QUI", "02", 2026),
        next_number(session, "BRE", "02", 2027),
        next_number(session, "BRE", "02", 2026),
    ]
    assert got == [
        "TI-BRE-02-2026-000001",
        "TI-BRE-03-2026-000001",
        "TI-QUI-02-2026-000001",
        "TI-BRE-02-2027-000001",
        "TI-BRE-02-2026-000002",
    ]


def test_year_comes_from_creation_time(store: Store, session: Session) -> None:
    d = new_dossier(session, store, now=datetime(2027, 1, 1, 0, 0, tzinfo=UTC))
    assert d.number == "TI-BRE-02-2027-000001"


def test_two_workstations_never_collide(keyring_backend: object, tmp_path: Path) -> None:
    numbers = []
    for site, ws in (("BRE", "02"), ("BRE", "03"), ("QUI", "02")):
        with open_store(tmp_path / f"{site}{ws}", site_code=site, workstation_code=ws) as s:
            with s.transaction() as session:
                for _ in range(3):
                    numbers.append(new_dossier(session, s).number)
    assert len(numbers) == len(set(numbers)) == 9


keys = st.tuples(
    st.sampled_from(["REN", "BRE", "TEL"]),
    st.sampled_from(["01", "02"]),
    st.sampled_from([2026, 2027]),
)


# Each example rolls back, so sharing the store between examples is safe.
@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(keys, min_size=1, max_size=30))
def test_numbers_unique_and_consecutive(store: Store, calls: list[tuple[str, str, int]]) -> None:
    with store.session() as session:
        got: dict[tuple[str, str, int], list[int]] = {}
        for site, ws, year in calls:
            number = next_number(session, site, ws, year)
            assert number.startswith(f"TI-{site}-{ws}-{year}-")
            got.setdefault((site, ws, year), []).append(int(number[-6:]))
        for seqs in got.values():
            assert seqs == list(range(1, len(seqs) + 1))
        session.rollback()
        assert session.scalars(select(NumberSequence)).all() == []


def test_origin_dataclass(session: Session) -> None:
    d = repository.create_dossier(
        session,
        Origin("VAN", "04"),
        identity={"nom": "N", "prenom": "P"},
        profile={},
        channel="telephone",
        agent="a",
        now=T0,
    )
    assert d.number == "TI-VAN-04-2026-000001"
