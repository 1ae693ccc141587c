"""The main window's dossier list query: filters alone and combined, text through the full-text
index, urgent open dossiers first, paging and counts — checked against a brute-force reading of
the store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.demo import DEMO_AS_OF, demo_records
from app.forms.identity import fold
from app.forms.questionnaire import load_questionnaire
from app.models.database import Store
from app.models.entities import Dossier
from app.models.listing import DossierRow, ListFilters, count_dossiers, list_dossiers
from app.models.normalize import sorts_urgent
from app.models.repository import import_records

AS_OF = datetime.combine(DEMO_AS_OF, datetime.min.time(), tzinfo=UTC)
COUNT = 400


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return list(demo_records(COUNT, load_questionnaire(), seed=1))


@pytest.fixture
def filled(store: Store, records: list[dict[str, Any]]) -> Iterator[Session]:
    with store.transaction() as s:
        import_records(s, records, write_outbox=False, now=AS_OF)
    with store.session() as session:
        yield session


def in_urgent_block(d: Dossier) -> bool:
    """Urgent, open, and updated within the last 90 days (of the demo's date)."""
    return sorts_urgent(d.urgent, d.status, d.updated_at, AS_OF)


def everything(session: Session) -> list[Dossier]:
    """Every dossier in list order, the slow way."""
    stmt = select(Dossier).options(selectinload(Dossier.orientations),
                                   selectinload(Dossier.answers))
    return sorted(session.scalars(stmt), key=lambda d: d.search_rowid, reverse=True)


def numbers(rows: list[DossierRow]) -> list[str]:
    return [r.number for r in rows]


def expected(session: Session, keep: Callable[[Dossier], bool]) -> list[str]:
    return [d.number for d in everything(session) if keep(d)]


def test_rows_carry_what_the_list_shows(filled: Session) -> None:
    rows = list_dossiers(filled, limit=COUNT)
    assert len(rows) == COUNT
    by_number = {d.number: d for d in everything(filled)}
    for row in rows:
        d = by_number[row.number]
        assert (row.id, row.nom, row.prenom, row.channel, row.status, row.urgent,
                row.site_code) == (d.id, d.nom, d.prenom, d.channel, d.status, d.urgent,
                                   d.site_code)
        assert row.organismes == tuple(sorted(o.organisme for o in d.orientations))
        assert row.answered == len(d.answers)
        assert row.updated_at == d.updated_at and row.created_at == d.created_at
    assert any(r.organismes for r in rows) and any(not r.organismes for r in rows)


def test_urgent_first_then_most_recently_updated(filled: Session) -> None:
    rows = list_dossiers(filled, limit=COUNT)
    block = {d.number for d in everything(filled) if in_urgent_block(d)}
    flags = [r.number in block for r in rows]
    assert True in flags and False in flags
    assert flags == sorted(flags, reverse=True)
    for group in (True, False):
        dates = [r.updated_at for r, flag in zip(rows, flags, strict=True) if flag is group]
        assert dates == sorted(dates, reverse=True)
    assert numbers(rows) == expected(filled, lambda d: True)
    # Closed and old urgent dossiers keep their flag but sort among the others.
    left = [r for r in rows if r.urgent and r.number not in block]
    assert any(r.status == "clos" for r in left)
    assert any(r.status != "clos" for r in left)


def test_paging_walks_the_same_order(filled: Session) -> None:
    whole = numbers(list_dossiers(filled, limit=COUNT))
    pages = [numbers(list_dossiers(filled, limit=150, offset=o)) for o in (0, 150, 300)]
    assert [len(p) for p in pages] == [150, 150, 100]
    assert sum(pages, []) == whole
    assert list_dossiers(filled, limit=50, offset=COUNT) == []
    assert list_dossiers(filled, limit=0) == []


@pytest.mark.parametrize(
    ("kwargs", "keep"),
    [
        ({"status": "oriente"}, lambda d: d.status == "oriente"),
        ({"status": "brouillon"}, lambda d: d.status == "brouillon"),
        ({"urgent_only": True}, in_urgent_block),
        ({"organisme": "caf"}, lambda d: "caf" in {o.organisme for o in d.orientations}),
        ({"site": "BRE"}, lambda d: d.site_code == "BRE"),
        ({"since": AS_OF - timedelta(days=30)},
         lambda d: d.created_at >= AS_OF - timedelta(days=30)),
    ],
    ids=["status-oriente", "status-brouillon", "urgent", "organisme", "site", "since-30d"],
)
def test_each_filter_alone(filled: Session, kwargs: dict[str, Any],
                           keep: Callable[[Dossier], bool]) -> None:
    want = expected(filled, keep)
    assert 0 < len(want) < COUNT
    assert numbers(list_dossiers(filled, limit=COUNT, **kwargs)) == want
    assert count_dossiers(filled, **kwargs) == len(want)


def test_filters_combined(filled: Session) -> None:
    since = AS_OF - timedelta(days=365)
    kwargs: dict[str, Any] = {"status": "oriente", "urgent_only": True, "organisme": "urssaf",
                              "since": since}
    want = expected(filled, lambda d: d.status == "oriente" and in_urgent_block(d)
                    and d.created_at >= since
                    and "urssaf" in {o.organisme for o in d.orientations})
    assert want
    assert numbers(list_dossiers(filled, limit=COUNT, **kwargs)) == want
    assert count_dossiers(filled, **kwargs) == len(want)
    # ListFilters carries the same keywords.
    filters = ListFilters(**kwargs)
    assert count_dossiers(filled, **filters.as_kwargs()) == len(want)


def test_text_matches_names_without_accents_and_keeps_the_order(filled: Session) -> None:
    d = next(d for d in everything(filled) if fold(d.nom) != d.nom.lower())  # an accented name
    prefix = fold(d.nom)[:4]
    want = expected(filled, lambda x: any(w.startswith(prefix) for w in
                                          fold(f"{x.nom} {x.prenom} {x.nom_naissance or ''}")
                                          .replace("’", " ").replace("-", " ").split()))
    got = numbers(list_dossiers(filled, text=prefix.upper(), limit=COUNT))
    assert d.number in got
    assert got == want
    assert count_dossiers(filled, text=prefix) == len(want)


def test_text_by_number_siret_and_nir(filled: Session) -> None:
    d = everything(filled)[17]
    assert numbers(list_dossiers(filled, text=d.number)) == [d.number]
    assert numbers(list_dossiers(filled, text=d.number.lower())) == [d.number]
    assert d.number in numbers(list_dossiers(filled, text=d.number[-6:]))
    assert d.siret and d.nir
    assert d.number in numbers(list_dossiers(filled, text=d.siret))
    spaced = " ".join((d.nir[0], d.nir[1:3], d.nir[3:5], d.nir[5:7], d.nir[7:10], d.nir[10:13],
                       d.nir[13:]))
    assert numbers(list_dossiers(filled, text=spaced)) == [d.number]
    assert count_dossiers(filled, text=d.number) == 1


def test_text_with_filters(filled: Session) -> None:
    everyone = everything(filled)
    site_of = {d.number: d.site_code for d in everyone}
    urgent_of = {d.number: in_urgent_block(d) for d in everyone}
    prefix = "le"
    by_text = numbers(list_dossiers(filled, text=prefix, limit=COUNT))
    assert len(by_text) > 10
    site = site_of[by_text[0]]
    want = [n for n in by_text if site_of[n] == site and urgent_of[n]]
    got = numbers(list_dossiers(filled, text=prefix, site=site, urgent_only=True, limit=COUNT))
    assert got == want
    assert count_dossiers(filled, text=prefix, site=site, urgent_only=True) == len(want)
    # A whole number with a filter it does not pass gives nothing.
    other = next(d for d in everyone if d.site_code != site)
    assert list_dossiers(filled, text=other.number, site=site) == []


def test_nothing_typed_or_nothing_found(filled: Session) -> None:
    assert count_dossiers(filled) == COUNT
    assert count_dossiers(filled, text="  -- ") == COUNT
    assert list_dossiers(filled, text="zzzzqx") == []
    assert count_dossiers(filled, text="zzzzqx") == 0


def test_naive_since_is_refused(filled: Session) -> None:
    with pytest.raises(ValueError, match="naive"):
        list_dossiers(filled, since=datetime(2026, 1, 1))
