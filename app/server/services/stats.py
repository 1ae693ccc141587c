"""The statistics of the central store (issue 17): counts of dossiers, delays of their
orientations and figures of the call list, by period and dimension, computed in SQL on the
facts denormalised at every write of a dossier (``dossier_facts``, ``dossier_answers``,
``dossier_aids``, written here), its ``orientations`` and the ``call_entries``.

Every answer holds codes and counts only (no name, NIR, SIRET, phone, e-mail, number nor id),
under the statistical secrecy (app.forms.secrecy) unless an administrator asks for exact
figures. A leaf of the services for the writing part: the push path, the partners' work and
erasure call :func:`store_facts`, :func:`write_facts` and :func:`clear_facts`.

Erased or anonymised dossiers (``anonymous_facts``) are not counted: their facts keep only a
month, which a week or a day-exact period cannot place.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import (
    ARRAY,
    Float,
    Table,
    and_,
    case,
    delete,
    distinct,
    func,
    literal,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from app.forms.secrecy import HIDDEN, THRESHOLD, suppress_rows
from app.forms.stats import (
    CALL_DIMENSIONS,
    CONTACTED_STATUSES,
    DIMENSIONS,
    SIGNAL_CHANNEL,
    Period,
    dossier_facts,
    method_sentence,
    paris_bounds,
    row_keys,
)
from app.server.inbox import Evaluator
from app.server.models import CallEntry, DossierAid, DossierAnswer, DossierFact, Orientation
from app.server.services.common import insert_rows
from app.server.services.figures import percentile

FACTS = cast(Table, DossierFact.__table__)
ANSWERS = cast(Table, DossierAnswer.__table__)
AIDS = cast(Table, DossierAid.__table__)
ORIENTATIONS = cast(Table, Orientation.__table__)
_IN_LIST = 500
REPORT_WORK_MEM = "64MB"

__all__ = ["CONTACTED_STATUSES", "breakdown", "calls", "clear_facts", "store_facts", "times",
           "write_facts", "all_fact_rows"]


# --------------------------------------------------------------------------- the facts


def fact_rows(dossier_id: uuid.UUID, payload: Mapping[str, Any],
              evaluator: Evaluator | None = None
              ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of ``dossier_facts``, ``dossier_answers`` and ``dossier_aids`` of a payload.
    ``evaluator`` (for payloads validated by app.forms.records, as a push stores them):
    evaluates the aids once for these rows and the inbox's of the same write."""
    found = dossier_facts(payload, None if evaluator is None else evaluator.created_aids)
    fact = {"dossier_id": dossier_id, "site": found["site"], "created_day": found["created_day"],
            "month": found["month"], "channel": found["channel"], "urgent": found["urgent"]}
    answers = [{"dossier_id": dossier_id, "question": q, "code": c}
               for q, c in sorted(found["answers"].items())]
    aids = [{"dossier_id": dossier_id, "aid": a} for a in found["aids"]]
    return fact, answers, aids


def clear_facts(session: Session, dossier_ids: Iterable[uuid.UUID]) -> None:
    """Remove the facts of these dossiers (before writing their new versions, or erasing)."""
    ids = sorted(set(dossier_ids))
    for start in range(0, len(ids), _IN_LIST):
        chunk = ids[start:start + _IN_LIST]
        for table in (ANSWERS, AIDS, FACTS):
            session.execute(delete(table).where(table.c.dossier_id.in_(chunk)))


def all_fact_rows(items: Iterable[tuple[uuid.UUID, Mapping[str, Any]]],
                  evaluator: Evaluator | None = None
                  ) -> list[tuple[Table, list[dict[str, Any]]]]:
    """The rows of the facts tables (facts, answers, aids, in that order) for each (dossier id,
    payload); a payload without ``created_at`` has none. ``evaluator``: see :func:`fact_rows`."""
    facts: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    aids: list[dict[str, Any]] = []
    for dossier_id, payload in items:
        if not payload.get("created_at"):  # not a validated record (hand-made rows of tests)
            continue
        fact, more_answers, more_aids = fact_rows(dossier_id, payload, evaluator)
        facts.append(fact)
        answers += more_answers
        aids += more_aids
    return [(FACTS, facts), (ANSWERS, answers), (AIDS, aids)]


def write_facts(session: Session, items: Iterable[tuple[uuid.UUID, Mapping[str, Any]]], *,
                evaluator: Evaluator | None = None,
                stored: Iterable[uuid.UUID] | None = None) -> None:
    """Rewrite the facts of each (dossier id, payload) stored (the dossiers' rows exist); a
    payload without ``created_at`` has none. ``evaluator``: see :func:`fact_rows`.
    ``stored``: the only ones among these dossiers that may have facts already (the others
    are new: nothing to remove); all of them when not given."""
    items = list(items)
    clear_facts(session, [dossier_id for dossier_id, _ in items] if stored is None else stored)
    for table, rows in all_fact_rows(items, evaluator):
        insert_rows(session, table, rows)


def store_facts(session: Session, dossier_id: uuid.UUID, payload: Mapping[str, Any]) -> None:
    """Rewrite the facts of one stored dossier from its payload."""
    write_facts(session, [(dossier_id, payload)])


# --------------------------------------------------------------------------- the figures


def _signal_dossiers() -> Any:
    return (select(CallEntry.dossier_id.label("dossier_id"))
            .where(CallEntry.dossier_id.is_not(None), CallEntry.opened_at.is_not(None))
            .distinct().subquery("signal_dossiers"))


def _dimensions(stmt: Select[Any], by: Sequence[str], *, oriented: bool = False,
                orientations: Any = None
                ) -> tuple[Select[Any], list[tuple[str, ColumnElement[Any]]], bool]:
    """``stmt`` (over ``dossier_facts``) joined to what ``by`` needs, the (key, column) of
    each row key, and whether a dossier has at most one joined row per group (each joined
    table's key is a dimension: then a group's rows are distinct dossiers, counted with
    ``count(*)`` rather than a costly ``count(DISTINCT)``). ``orientations``: what stands for
    the orientations table (by default the table itself)."""
    f = FACTS.c
    o = (ORIENTATIONS if orientations is None else orientations).c
    columns: list[tuple[str, ColumnElement[Any]]] = []
    unique = True
    if oriented or {"organisme", "status", "outcome"} & set(by):
        stmt = stmt.join(orientations if orientations is not None else ORIENTATIONS,
                         o.dossier_id == f.dossier_id)
        unique = "organisme" in by  # (an orientation per dossier and organisme)
    if "aid" in by:
        stmt = stmt.join(AIDS, AIDS.c.dossier_id == f.dossier_id)
    if "question" in by:
        stmt = stmt.join(ANSWERS, ANSWERS.c.dossier_id == f.dossier_id)
    if "channel" in by:
        signal = _signal_dossiers()
        stmt = stmt.outerjoin(signal, signal.c.dossier_id == f.dossier_id)
    for name in by:
        if name == "channel":
            columns.append((name, case((signal.c.dossier_id.is_not(None), SIGNAL_CHANNEL),
                                       else_=f.channel)))
        elif name == "question":
            columns += [("question", ANSWERS.c.question), ("answer", ANSWERS.c.code)]
        elif name == "aid":
            columns.append((name, AIDS.c.aid))
        elif name in ("organisme", "status", "outcome"):
            columns.append((name, o[name]))
        else:  # site, urgent, month
            columns.append((name, f[name]))
    return stmt, columns, unique


def _dossiers_total(session: Session, by: Sequence[str], period: Period) -> int:
    """The distinct dossiers of a breakdown's rows: those created in ``period`` that have a
    row in each table the dimensions join (semi-joins, no DISTINCT over the joined rows)."""
    f = FACTS.c
    stmt = select(func.count()).select_from(FACTS).where(_in_period(period))
    if {"organisme", "status", "outcome"} & set(by):
        stmt = stmt.where(select(Orientation.dossier_id)
                          .where(Orientation.dossier_id == f.dossier_id).exists())
    for name, table in (("aid", AIDS), ("question", ANSWERS)):
        if name in by:
            stmt = stmt.where(select(table.c.dossier_id)
                              .where(table.c.dossier_id == f.dossier_id).exists())
    return int(session.scalar(stmt) or 0)


def _in_period(period: Period) -> ColumnElement[bool]:
    return and_(FACTS.c.created_day >= period.first, FACTS.c.created_day <= period.last)


def _sort_key(row: Mapping[str, Any], keys: Sequence[str]) -> tuple[Any, ...]:
    return tuple((row[k] is None, str(row[k])) for k in keys)


def _check(by: Sequence[str], allowed: Sequence[str]) -> None:
    for name in by:
        if name not in allowed:
            raise ValueError(f"by: {name!r} is not a dimension; expected "
                             + ", ".join(allowed))


def _answer(kind: str, by: Sequence[str], period: Period, secrecy: bool,
            rows: list[dict[str, Any]], total: Mapping[str, Any]) -> dict[str, Any]:
    return {"period": period.to_json(), "by": list(by), "rows": rows, "total": dict(total),
            "secrecy": secrecy, "method": method_sentence(kind, by, period, secrecy)}


def breakdown(session: Session, by: Sequence[str], period: Period, *,
              secrecy: bool = True) -> dict[str, Any]:
    """Distinct dossiers created in ``period`` by the dimensions ``by`` (a dossier in two
    groups counts in both, once in the total: the distinct dossiers of the rows)."""
    _check(by, DIMENSIONS)
    _reporting(session)
    stmt, columns, unique = _dimensions(select(FACTS), by)
    stmt = stmt.where(_in_period(period))
    keys = [key for key, _ in columns]
    count = func.count() if unique else func.count(distinct(FACTS.c.dossier_id))
    grouped = stmt.with_only_columns(*(c.label(k) for k, c in columns),
                                     count.label("dossiers"))
    if columns:
        grouped = grouped.group_by(*(c for _, c in columns))
    rows = [dict(r._mapping) for r in session.execute(grouped)]
    rows = [r for r in rows if r["dossiers"]]
    rows.sort(key=lambda r: _sort_key(r, keys))
    total = _dossiers_total(session, by, period)
    shown, shown_total = suppress_rows(rows, ["dossiers"], {"dossiers": total}) if secrecy \
        else (rows, {"dossiers": total})
    assert shown_total is not None
    return _answer("breakdown", by, period, secrecy, shown, shown_total)


def _reporting(session: Session) -> None:
    """On PostgreSQL, room for the statistics' sorts and hashes in memory for this
    transaction (the default 4 MB spills a percentile's sort of a million rows to disk)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'"))


def _days(dialect: str, start: Any, end: Any) -> ColumnElement[Any]:
    if dialect == "postgresql":  # (date_part: a float; extract gives a slower numeric)
        return func.date_part("epoch", end - start) / 86400.0
    return (func.julianday(end) - func.julianday(start)) * 1.0


def _delays(session: Session) -> Any:
    """The orientations that have a delay, with their days from transmission to first contact
    (recorded later than it) and to a closure the store measured (``timed``); the others add
    nothing to any figure."""
    o = ORIENTATIONS.c
    dialect = session.get_bind().dialect.name
    contacted = and_(o.first_contact_at.is_not(None), o.transmitted_at.is_not(None),
                     o.first_contact_at > o.transmitted_at)
    closed = and_(o.timed == true(), o.closed_at.is_not(None), o.transmitted_at.is_not(None))
    return (select(o.dossier_id, o.organisme, o.status, o.outcome,
                   case((contacted, _days(dialect, o.transmitted_at, o.first_contact_at)))
                   .label("first_contact"),
                   case((closed, _days(dialect, o.transmitted_at, o.closed_at)))
                   .label("closure"))
            .where(or_(contacted, closed)).subquery("delays"))


def _summary(values: list[float]) -> dict[str, Any]:
    enough = len(values) >= THRESHOLD
    return {"count": len(values),
            "median_days": round(percentile(values, 0.5), 2) if enough else None,
            "p90_days": round(percentile(values, 0.9), 2) if enough else None}


def _measure(count: int, median: Any, p90: Any) -> dict[str, Any]:
    enough = count >= THRESHOLD
    return {"count": count,
            "median_days": round(float(median), 2) if enough else None,
            "p90_days": round(float(p90), 2) if enough else None}


def _time_groups(session: Session, stmt: Select[Any], delays: Any,
                 columns: list[tuple[str, ColumnElement[Any]]]) -> list[dict[str, Any]]:
    """Per group of ``columns``: the first contact's and the closure's count, median and
    90th percentile (PostgreSQL: in SQL, both percentiles from one sort; SQLite, which has no
    percentile: from the delays)."""
    keys = [k for k, _ in columns]
    labelled = [c.label(k) for k, c in columns]
    if session.get_bind().dialect.name == "postgresql":
        measures = []
        for name in ("first_contact", "closure"):
            delay = delays.c[name]
            measures += [func.count(delay).label(f"{name}_count"),
                         func.percentile_cont(literal([0.5, 0.9], ARRAY(Float)))
                         .within_group(delay).label(f"{name}_pct")]
        query = stmt.with_only_columns(*labelled, *measures)
        if columns:
            query = query.group_by(*(c for _, c in columns))
        out = []
        for row in session.execute(query):
            item = {k: row._mapping[k] for k in keys}
            for name in ("first_contact", "closure"):
                median, p90 = row._mapping[f"{name}_pct"] or (None, None)
                item[name] = _measure(int(row._mapping[f"{name}_count"]), median, p90)
            out.append(item)
        return out
    groups: dict[tuple[Any, ...], tuple[list[float], list[float]]] = {}
    query = stmt.with_only_columns(*labelled, delays.c.first_contact.label("fc"),
                                   delays.c.closure.label("cl"))
    for row in session.execute(query):
        key = tuple(row._mapping[k] for k in keys)
        contact, closed = groups.setdefault(key, ([], []))
        if row.fc is not None:
            contact.append(max(0.0, float(row.fc)))
        if row.cl is not None:
            closed.append(max(0.0, float(row.cl)))
    return [{**dict(zip(keys, key, strict=True)), "first_contact": _summary(contact),
             "closure": _summary(closed)} for key, (contact, closed) in groups.items()]


def _hide_delays(rows: list[dict[str, Any]], total: dict[str, Any],
                 secrecy: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    if not secrecy:
        return rows, total
    for name in ("first_contact", "closure"):
        flat = [{"n": r[name]["count"]} for r in rows]
        shown, shown_total = suppress_rows(flat, ["n"], {"n": total[name]["count"]})
        assert shown_total is not None
        for row, cell in zip(rows, shown, strict=True):
            row[name] = dict(row[name], count=cell["n"])
            if cell["n"] == HIDDEN:
                row[name].update(median_days=None, p90_days=None)
        total[name] = dict(total[name], count=shown_total["n"])
        if shown_total["n"] == HIDDEN:
            total[name].update(median_days=None, p90_days=None)
    return rows, total


def times(session: Session, by: Sequence[str], period: Period, *,
          secrecy: bool = True) -> dict[str, Any]:
    """Per group, the delays of the orientations of the dossiers created in ``period``:
    transmission to first contact, and to closure (count, median, 90th percentile in days).
    The total counts each orientation once, whatever the groups it falls in."""
    _check(by, DIMENSIONS)
    _reporting(session)
    delays = _delays(session)
    stmt, columns, _ = _dimensions(select(FACTS), by, oriented=True, orientations=delays)
    keys = row_keys(by)
    rows = [r for r in _time_groups(session, stmt.where(_in_period(period)), delays, columns)
            if r["first_contact"]["count"] or r["closure"]["count"]]
    rows.sort(key=lambda r: _sort_key(r, keys))
    if by:
        every, _, _ = _dimensions(select(FACTS), (), oriented=True, orientations=delays)
        totals = _time_groups(session, every.where(_in_period(period)), delays, [])
    else:  # the one group is the total
        totals = rows
    total = ({k: totals[0][k] for k in ("first_contact", "closure")} if totals else
             {k: _summary([]) for k in ("first_contact", "closure")})
    rows, total = _hide_delays(rows, total, secrecy)
    return _answer("times", by, period, secrecy, rows, total)


CALL_KEYS = ("entries", "reached", "dossiers_opened", "refusals", "letters")


def calls(session: Session, by: Sequence[str], period: Period, *,
          secrecy: bool = True) -> dict[str, Any]:
    """The call list's entries created in ``period`` (the store's clock, Paris days), by
    site: how many, reached, a dossier opened, refused, a letter proposed."""
    _check(by, CALL_DIMENSIONS)
    start, end = paris_bounds(period)
    e = CallEntry

    def flag(condition: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    measures = [func.count().label("entries"), flag(e.status == "joint").label("reached"),
                flag(e.opened_at.is_not(None)).label("dossiers_opened"),
                flag(e.status == "refus").label("refusals"),
                flag(e.status == "courrier").label("letters")]
    where = and_(e.created_at >= start, e.created_at < end)
    columns = [getattr(e, name).label(name) for name in by]
    query = select(*columns, *measures).where(where)
    if columns:
        query = query.group_by(*(getattr(e, name) for name in by))
    rows = [{**dict(r._mapping), **{k: int(r._mapping[k]) for k in CALL_KEYS}}
            for r in session.execute(query)]
    rows = [r for r in rows if r["entries"]]
    rows.sort(key=lambda r: _sort_key(r, by))
    total_row = session.execute(select(*measures).where(where)).one()._mapping
    total = {k: int(total_row[k]) for k in CALL_KEYS}
    if secrecy:
        rows, shown_total = suppress_rows(rows, CALL_KEYS, total)
        assert shown_total is not None
        return _answer("calls", by, period, secrecy, rows, shown_total)
    return _answer("calls", by, period, secrecy, rows, total)
