"""Full-text search: accents, case, prefixes, numbers, identifiers, ordering."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.models import repository as repo
from app.models.database import Store
from app.models.entities import Dossier
from app.models.search import match_expression, search_dossiers
from tests.models.conftest import T0, identity, new_dossier


def _names(found: list[Dossier]) -> list[str]:
    return [f"{d.prenom} {d.nom}" for d in found]


@pytest.fixture
def people(store: Store, session: Session) -> dict[str, Dossier]:
    specs: dict[str, dict[str, Any]] = {
        "eloise": identity("Dupont", "Éloïse", nir="2 63 05 29 123 456 78"),
        "jean": identity("Dupuis", "Jean", siret="123 456 789 00012"),
        "helene": identity("Le Gall", "Hélène", nom_naissance="Quéré"),
        "yann": identity("Martin", "Yann"),
    }
    made = {}
    for minutes, (key, ident) in enumerate(specs.items()):
        made[key] = new_dossier(
            session, store, identity=ident, profile={}, now=T0 + timedelta(minutes=minutes)
        )
    return made


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dup", ["Jean Dupuis", "Éloïse Dupont"]),
        ("DUPONT", ["Éloïse Dupont"]),
        ("éloïse", ["Éloïse Dupont"]),
        ("ELOISE", ["Éloïse Dupont"]),
        ("eloi dup", ["Éloïse Dupont"]),
        ("quere", ["Hélène Le Gall"]),  # birth name
        ("le gall", ["Hélène Le Gall"]),
        ("helene", ["Hélène Le Gall"]),
        ("xyz", []),
    ],
)
def test_names(
    people: dict[str, Dossier], session: Session, text: str, expected: list[str]
) -> None:
    assert _names(search_dossiers(session, text)) == expected


def test_number(people: dict[str, Dossier], session: Session) -> None:
    helene = people["helene"]
    assert helene.number == "TI-BRE-02-2026-000003"
    for text in (
        "TI-BRE-02-2026-000003",
        "ti-bre-02-2026-000003",
        "000003",
        "TI-BRE-02-2026-00000",
    ):
        found = search_dossiers(session, text)
        assert helene in found, text
    assert search_dossiers(session, "TI-BRE-02-2026-000003") == [helene]
    assert search_dossiers(session, "000003") == [helene]
    assert len(search_dossiers(session, "TI-BRE-02-2026-0000")) == 4
    assert search_dossiers(session, "TI-QUI-02") == []
    assert search_dossiers(session, "TI-BRE-02-2026-999999") == []
    assert search_dossiers(session, " ti-bre-02-2026-000003 ", offset=1) == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("12345678900012", "jean"),
        ("123 456 789 00012", "jean"),
        ("123 456", "jean"),
        ("263052912345678", "eloise"),
        ("2 63 05 29 123 456 78", "eloise"),
        ("2 63 05", "eloise"),
    ],
)
def test_identifiers_with_spaces(
    people: dict[str, Dossier], session: Session, text: str, who: str
) -> None:
    assert search_dossiers(session, text) == [people[who]]


def test_urgent_first_then_recent(
    people: dict[str, Dossier], store: Store, session: Session
) -> None:
    # Created in order eloise, jean, helene, yann: most recent first.
    assert _names(search_dossiers(session, "")) == [
        "Yann Martin",
        "Hélène Le Gall",
        "Jean Dupuis",
        "Éloïse Dupont",
    ]
    later = T0 + timedelta(hours=1)
    repo.set_urgent(session, people["eloise"], True, agent="a", now=later)
    repo.save_answer(session, people["jean"], "Q01", "non", agent="a", now=later)
    session.commit()
    assert _names(search_dossiers(session, "")) == [
        "Éloïse Dupont",
        "Jean Dupuis",
        "Yann Martin",
        "Hélène Le Gall",
    ]
    assert _names(search_dossiers(session, "dup")) == ["Éloïse Dupont", "Jean Dupuis"]
    assert _names(search_dossiers(session, "", limit=2, offset=1)) == [
        "Jean Dupuis",
        "Yann Martin",
    ]
    assert _names(search_dossiers(session, "dup", limit=1, offset=1)) == ["Jean Dupuis"]


def test_index_follows_changes(people: dict[str, Dossier], session: Session) -> None:
    repo.update_identity(
        session,
        people["yann"],
        identity={"nom": "Kerbrat", "siret": "98765432100019"},
        agent="a",
        now=T0 + timedelta(hours=1),
    )
    session.commit()
    assert search_dossiers(session, "martin") == []
    assert search_dossiers(session, "kerb") == [people["yann"]]
    assert search_dossiers(session, "9876 5432") == [people["yann"]]


def test_rolled_back_change_leaves_index_unchanged(
    people: dict[str, Dossier], session: Session
) -> None:
    repo.update_identity(session, people["yann"], identity={"nom": "Kerbrat"}, agent="a")
    session.flush()
    assert search_dossiers(session, "kerb") == [people["yann"]]
    session.rollback()
    assert search_dossiers(session, "kerb") == []
    assert search_dossiers(session, "martin") == [people["yann"]]


@pytest.mark.parametrize(
    "text", ['"', "dup*", "AND", "OR dup", "NEAR(a b)", "a:b", "(", "-", "^x", "'; DROP"]
)
def test_query_syntax_is_not_injected(
    people: dict[str, Dossier], session: Session, text: str
) -> None:
    search_dossiers(session, text)  # must not raise


def test_match_expression() -> None:
    assert match_expression("  ") is None
    assert match_expression("Éloïse Dup") == '"eloise"* "dup"*'
    assert match_expression("1 63 05") == '"16305"*'
    assert match_expression("000123") == '"000123"*'
    assert match_expression("TI-BRE-02-2026-0001").startswith('"tibre0220260001"*')
