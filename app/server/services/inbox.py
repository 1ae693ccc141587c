"""The partner inbox on the central store (issue 18): its rows written with each dossier
(app.server.inbox), and the list read a page at a time.

A page is read from the last row of the previous one (keyset), in the list's order (urgent
first, then by dossier number), through the unique index (organisme, priority, number): its cost
is the page's, whatever the number of dossiers. The cursor is opaque to the client: the base64
of the previous page's last (priority, number).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, and_, delete, insert, select, tuple_
from sqlalchemy.orm import Session

from app.forms.codes import COUNTER_STATUSES, ORIENTATION_STATUSES
from app.forms.workdays import stale_cutoff, stale_working_days
from app.server.inbox import folded, inbox_rows
from app.server.models import Orientation, PartnerInboxRow

INBOX = cast(Table, PartnerInboxRow.__table__)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_SEARCH_WORDS = 8
MAX_SEARCH_LENGTH = 120
_IN_LIST = 500
# A search first reads this many rows in the list's order (page index) before it turns to the
# search index (_searched): about 5 ms on PostgreSQL, for words found once in 100 rows or more.
WALK = 5_000
_TRAILING_DIGITS = re.compile(r"[0-9]+$")

# The follow-up filters: every status but « Clôturée », « sans nouvelle », not taken in hand yet
# (« Transmise »: a_transmettre or transmise), or one status.
OPEN, STALE, NEW = "open", "sans_nouvelle", "transmise"
FILTERS = (OPEN, STALE) + ORIENTATION_STATUSES


class InboxQueryError(ValueError):
    """A list request the store refuses: ``field`` names the parameter, the message says what
    is allowed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class InboxPage:
    """One page of an organisme's list: its rows and the cursor of the next page (None after
    the last)."""

    rows: list[dict[str, Any]]
    next: str | None


# --------------------------------------------------------------------------- writing


def clear_inbox(session: Session, dossier_ids: Iterable[uuid.UUID]) -> None:
    """Remove the inbox rows of these dossiers (before writing them again, or erasing)."""
    ids = sorted(set(dossier_ids))
    for start in range(0, len(ids), _IN_LIST):
        session.execute(delete(INBOX).where(INBOX.c.dossier_id.in_(ids[start:start + _IN_LIST])))


def refresh_inbox(session: Session, dossier_id: uuid.UUID, payload: dict[str, Any],
                  today: date) -> None:
    """Rewrite a stored dossier's inbox rows from its payload and its orientation rows (after
    they are flushed)."""
    orientations = {o.organisme: {"status": o.status, "outcome": o.outcome, "note": o.note,
                                  "updated_at": o.updated_at,
                                  "transmitted_at": o.transmitted_at}
                    for o in session.scalars(select(Orientation).where(
                        Orientation.dossier_id == dossier_id))}
    clear_inbox(session, [dossier_id])
    rows = inbox_rows(dossier_id, payload, orientations, today)
    if rows:
        session.execute(insert(INBOX), rows)


# --------------------------------------------------------------------------- reading


def encode_cursor(priority: int, number: str) -> str:
    text = f"{priority}:{number}".encode()
    return base64.urlsafe_b64encode(text).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, str]:
    """The (priority, number) a cursor holds; InboxQueryError(``after``) otherwise."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        priority, number = text.split(":", 1)
        if priority not in ("0", "1") or not number or len(number) > 40:
            raise ValueError(text)
        return int(priority), number
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InboxQueryError("after", "not a cursor of this store; expected the « next » of "
                                       "a previous page") from None


def search_words(text: str) -> list[str]:
    """The folded words of a search; InboxQueryError(``q``) when it is too long."""
    if len(text) > MAX_SEARCH_LENGTH:
        raise InboxQueryError("q", f"{len(text)} characters; expected at most "
                                   f"{MAX_SEARCH_LENGTH}")
    words = list(dict.fromkeys(folded(text).split()))
    if len(words) > MAX_SEARCH_WORDS:
        raise InboxQueryError("q", f"{len(words)} words; expected at most {MAX_SEARCH_WORDS}")
    return words


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _status_condition(wanted: str, today: date) -> Any:
    if wanted == OPEN:
        return INBOX.c.status != "cloturee"
    if wanted == STALE:
        return INBOX.c.stale_from <= stale_cutoff(today, stale_working_days())
    if wanted == NEW:
        return INBOX.c.status.in_(COUNTER_STATUSES)
    if wanted in ORIENTATION_STATUSES:
        return INBOX.c.status == wanted
    raise InboxQueryError("status", f"{wanted!r} is not allowed; expected one of "
                                    f"{', '.join(FILTERS)}")


_SHOWN = (INBOX.c.dossier_id, INBOX.c.priority, INBOX.c.number, INBOX.c.revision, INBOX.c.name,
          INBOX.c.status, INBOX.c.outcome, INBOX.c.note, INBOX.c.updated_at, INBOX.c.stale_from)
_ORDER = (INBOX.c.priority, INBOX.c.number)


def _held(word: str) -> list[Any]:
    """The conditions of one searched word for the search index. A word ending in digits (a
    dossier number, whole or in part) is looked up by those digits, and the whole word checked
    on the rows found: the rest of a number (« ti-bre-09-2026- ») is in every row of a site, and
    its trigrams made the index read most of the organisme's rows (180 ms at 1 000 000)."""
    whole = INBOX.c.search.like(_like(word), escape="\\")
    digits = _TRAILING_DIGITS.search(word)
    if digits is None or len(digits.group()) < 3 or len(digits.group()) == len(word):
        return [whole]
    # concat(""): the same text, but not an expression the index serves
    return [INBOX.c.search.like(_like(digits.group()), escape="\\"),
            INBOX.c.search.concat("").like(_like(word), escape="\\")]


def _searched(session: Session, conditions: list[Any], words: list[str], limit: int
              ) -> Sequence[Any]:
    """The first ``limit + 1`` rows matching ``conditions`` and holding every word, in the
    list's order, read in two steps whose cost does not hang on the planner's guess of how
    often the words occur:

    1. the next WALK rows in the list's order (the page index), filtered: enough for a common
       word (found at least once in WALK / (limit + 1) rows);
    2. otherwise every matching row of the organisme (the trigram index by organisme on
       PostgreSQL, migration 0015), then sorted: a rarer word has few rows.

    Asked in one query, the planner picked one plan or the other from its statistics: a name
    in 0.2 % of the rows, counted ten times too often by ANALYZE's sample, walked 400 000 rows
    of the page index (0.2 to 0.7 s at 1 000 000 dossiers)."""
    held = [condition for word in words for condition in _held(word)]
    window = (select(*_SHOWN, INBOX.c.search).where(and_(*conditions)).order_by(*_ORDER)
              .limit(WALK).subquery("walked"))
    walked = session.execute(
        select(*(window.c[c.name] for c in _SHOWN))
        .where(*(window.c.search.like(_like(word), escape="\\") for word in words))
        .order_by(window.c.priority, window.c.number).limit(limit + 1)).all()
    if len(walked) > limit:
        return walked
    # fewer than WALK rows after the cursor (a small store, a last page): the walk read them
    # all and its answer is whole (the page index alone tells, about 1 ms at 1 000 000)
    beyond = session.execute(select(INBOX.c.number).where(and_(*conditions)).order_by(*_ORDER)
                             .offset(WALK - 1).limit(1)).first()
    if beyond is None:
        return walked
    # MATERIALIZED: every match first (the trigram index), then the sort; without it the
    # planner may walk the page index again.
    matching = (select(*_SHOWN).where(and_(*conditions, *held)).cte("matching")
                .prefix_with("MATERIALIZED"))
    return session.execute(select(*(matching.c[c.name] for c in _SHOWN))
                           .order_by(matching.c.priority, matching.c.number)
                           .limit(limit + 1)).all()


def inbox_page(session: Session, organisme: str, today: date, *, after: str | None = None,
               limit: int = PAGE_SIZE, q: str = "", status: str | None = None) -> InboxPage:
    """One page of ``organisme``'s list, urgent first then by number, after the cursor
    ``after``; only the rows whose number or visible names hold every word of ``q`` (case and
    accents ignored), and the follow-up ``status`` filter (one of FILTERS) when given. Each row:
    ``id``, ``number``, ``revision``, ``urgent``, ``name``, ``status``, ``outcome``, ``note``,
    ``updated_at``, ``sans_nouvelle`` (on ``today``)."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InboxQueryError("limit", f"{limit} is not allowed; expected 1 to {MAX_PAGE_SIZE}")
    conditions: list[Any] = [INBOX.c.organisme == organisme]
    if after:
        priority, number = decode_cursor(after)
        conditions.append(tuple_(INBOX.c.priority, INBOX.c.number) > tuple_(priority, number))
    if status:
        conditions.append(_status_condition(status, today))
    words = search_words(q)
    found = (_searched(session, conditions, words, limit) if words else session.execute(
        select(*_SHOWN).where(and_(*conditions)).order_by(*_ORDER).limit(limit + 1)).all())
    cutoff = stale_cutoff(today, stale_working_days())
    rows = [{"id": str(r.dossier_id), "number": r.number, "revision": r.revision,
             "urgent": r.priority == 0,
             "name": r.name, "status": r.status, "outcome": r.outcome, "note": r.note,
             "updated_at": r.updated_at.isoformat(),
             "sans_nouvelle": r.stale_from is not None and r.stale_from <= cutoff}
            for r in found[:limit]]
    more = len(found) > limit
    last = found[limit - 1] if more else None
    return InboxPage(rows, encode_cursor(last.priority, last.number) if last else None)


def stored_aids(session: Session, organisme: str,
                dossier_id: uuid.UUID) -> list[dict[str, Any]] | None:
    """The organisme's aids of a dossier as computed when it was written (None without a
    row)."""
    text = session.scalar(select(INBOX.c.aids).where(INBOX.c.organisme == organisme,
                                                     INBOX.c.dossier_id == dossier_id))
    return None if text is None else list(json.loads(text))


def listed_numbers(rows: Sequence[dict[str, Any]]) -> str:
    """The audit detail of a listing: how many dossiers and their numbers."""
    return f"{len(rows)}: " + " ".join(str(r["number"]) for r in rows)

