"""Search of dossiers as the agent types: names, dossier number, SIRET, NIR.

The FTS5 table ``dossier_search`` (created by the migrations, fed by triggers) folds accents and
case. Its rowid is each dossier's sort key (urgent first, then most recently updated; see
``normalize.search_rowid``), so ``ORDER BY rowid DESC LIMIT n`` reads the best ``n`` matches
straight from the index instead of sorting every match.
"""

from __future__ import annotations

import re

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models.entities import Dossier
from app.models.normalize import fold

_WORD_SPLIT = re.compile(r"[\W_]+")
# Letters that may appear in a dossier number typed in part: "TI", a site code.
_NUMBER_WORD = re.compile(r"^(ti|[a-z]{3})$")
_FULL_NUMBER = re.compile(r"^TI-[A-Z]{3}-\d{2}-\d{4}-\d{6}$")

_SEARCH_SQL = text(
    "SELECT rowid FROM dossier_search WHERE dossier_search MATCH :query "
    "ORDER BY rowid DESC LIMIT :limit OFFSET :offset"
)


def match_expression(user_text: str) -> str | None:
    """The FTS5 query for what the agent typed, or None when there is nothing to search.

    Words become prefix terms that must all match ("dup jea" finds Jean Dupont). Input holding
    digits and no name (a NIR or SIRET typed with spaces, a dossier number or its end) becomes
    one compact prefix term, matched against identifiers and the compact number.
    """
    words = [w for w in _WORD_SPLIT.split(fold(user_text)) if w]
    if not words:
        return None
    terms = " ".join(f'"{w}"*' for w in words)
    compact = "".join(words)
    looks_like_identifier = any(ch.isdigit() for ch in compact) and all(
        not w.isalpha() or _NUMBER_WORD.match(w) for w in words
    )
    if not looks_like_identifier:
        return terms
    if len(words) == 1:
        return terms
    if all(len(w) >= 2 for w in words):
        # "2026-000123" is not a prefix of the compact number but its parts are tokens.
        return f'"{compact}"* OR ({terms})'
    return f'"{compact}"*'


def search_dossiers(
    session: Session, user_text: str, *, limit: int = 50, offset: int = 0
) -> list[Dossier]:
    """Dossiers matching ``user_text``, urgent first, then most recently updated.

    An empty text lists every dossier in that order.
    """
    number = user_text.strip().upper()
    if _FULL_NUMBER.match(number):
        # A whole dossier number is an exact key: its unique index beats the prefix search.
        exact = session.scalars(select(Dossier).where(Dossier.number == number)).all()
        if exact:
            return list(exact)[offset : offset + limit]
    query = match_expression(user_text)
    if query is None:
        stmt = select(Dossier).order_by(Dossier.search_rowid.desc()).limit(limit).offset(offset)
        return list(session.scalars(stmt))
    rowids = [
        int(r)
        for r in session.scalars(_SEARCH_SQL, {"query": query, "limit": limit, "offset": offset})
    ]
    if not rowids:
        return []
    found = session.scalars(select(Dossier).where(Dossier.search_rowid.in_(rowids))).all()
    return sorted(found, key=lambda d: d.search_rowid, reverse=True)
