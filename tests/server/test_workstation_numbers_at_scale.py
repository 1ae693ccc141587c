"""A workstation's registration reads a site's dossier numbers by skip scans of the index
(site, number) (issue 18: at 1 000 000 dossiers the grouped queries read every dossier of the
site, 0.3-1 s): the highest sequence per year of a (site, code), and the codes a site's numbers
carry, exactly as the grouped queries gave them — on SQLite and PostgreSQL, where the plan is
checked to be the index's."""

from __future__ import annotations

import random
import re
import uuid
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from app.server.app import create_app
from app.server.models import Dossier
from app.server.workstations import CODES, seen_sequences, used_codes

SITES = ("BRE", "QUI", "REN", "TEL")


def numbers(rng: random.Random) -> list[tuple[str, str]]:
    """(site, number) of a store with several sites, codes and years; some dossiers of a site
    carry another site's number (the telephone platform's, a moved dossier)."""
    out: set[tuple[str, str]] = set()
    for _ in range(3_000):
        site = rng.choice(SITES)
        in_number = site if rng.random() < 0.9 else rng.choice(SITES)
        code = rng.choice(CODES[:12] + CODES[-2:])
        year = rng.choice((2019, 2024, 2025, 2026, 2027))
        out.add((site, f"TI-{in_number}-{code}-{year}-{rng.randrange(1, 999_999):06d}"))
    return sorted(out)


def expected_sequences(rows: list[tuple[str, str]], site: str, code: str) -> dict[str, int]:
    highest: dict[str, int] = defaultdict(int)
    for row_site, number in rows:
        if row_site == site and number.startswith(f"TI-{site}-{code}-"):
            highest[number[10:14]] = max(highest[number[10:14]], int(number[15:]))
    return dict(highest)


def test_skip_scans_give_what_the_grouped_queries_gave(database_url: str) -> None:
    app = create_app(database_url)
    engine = app.state.engine
    rows = numbers(random.Random(18))
    now = datetime(2026, 12, 5, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(insert(Dossier), [
            {"id": uuid.uuid4(), "number": number, "site": site, "revision": 1,
             "urgent": False, "status": "oriente", "payload": "{}", "content_hash": "0" * 64,
             "updated_at": now, "change_seq": seq}
            for seq, (site, number) in enumerate(rows, start=1)])
    try:
        with Session(engine) as session:
            for site in SITES:
                assert used_codes(session, site) == {n[7:9] for s, n in rows if s == site}
                for code in ("01", "05", "12", "98", "99", "50"):
                    assert seen_sequences(session, site, code) == \
                        expected_sequences(rows, site, code), (site, code)
            if engine.dialect.name == "postgresql":
                session.execute(text("ANALYZE dossiers"))
                session.execute(text("SET enable_seqscan = off"))  # a small table here
                plan = "\n".join(session.scalars(text(
                    "EXPLAIN SELECT max(number COLLATE \"C\") FROM dossiers WHERE site = 'BRE' "
                    "AND number COLLATE \"C\" >= 'TI-BRE-01-' "
                    "AND number COLLATE \"C\" < 'TI-BRE-01-2026'")))
                assert re.search(r"Index Only Scan.*ix_dossiers_site_number", plan), plan
                session.execute(text("RESET enable_seqscan"))
    finally:
        engine.dispose()


def test_an_empty_store_has_no_sequence_and_no_code(database_url: str) -> None:
    app = create_app(database_url)
    try:
        with Session(app.state.engine) as session:
            assert seen_sequences(session, "BRE", "01") == {}
            assert used_codes(session, "BRE") == set()
    finally:
        app.state.engine.dispose()
