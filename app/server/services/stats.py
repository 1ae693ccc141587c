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

from sqlalchemy import Table, and_, case, delete, distinct, func, insert, select, true
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
from app.server.models import CallEntry, DossierAid, DossierAnswer, DossierFact, Orientation
from app.server.services.figures import percentile

FACTS = cast(Table, DossierFact.__table__)
ANSWERS = cast(Table, DossierAnswer.__table__)
AIDS = cast(Table, DossierAid.__table__)
_IN_LIST = 500

__all__ = ["CONTACTED_STATUSES", "breakdown", "calls", "clear_facts", "store_facts", "times",
           "write_facts"]


# --------------------------------------------------------------------------- the facts


def fact_rows(dossier_id: uuid.UUID, payload: Mapping[str, Any]
              ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of ``dossier_facts``, ``dossier_answers`` and ``dossier_aids`` of a payload."""
    found = dossier_facts(payload)
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


def write_facts(session: Session, items: Iterable[tuple[uuid.UUID, Mapping[str, Any]]]) -> None:
    """Rewrite the facts of each (dossier id, payload) stored (the dossiers' rows exist); a
    payload without ``created_at`` has none."""
    items = list(items)
    clear_facts(session, [dossier_id for dossier_id, _ in items])
    facts: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    aids: list[dict[str, Any]] = []
    for dossier_id, payload in items:
        if not payload.get("created_at"):  # not a validated record (hand-made rows of tests)
            continue
        fact, more_answers, more_aids = fact_rows(dossier_id, payload)
        facts.append(fact)
        answers += more_answers
        aids += more_aids
    for table, rows in ((FACTS, facts), (ANSWERS, answers), (AIDS, aids)):
        if rows:
            session.execute(insert(table), rows)


def store_facts(session: Session, dossier_id: uuid.UUID, payload: Mapping[str, Any]) -> None:
    """Rewrite the facts of one stored dossier from its payload."""
    write_facts(session, [(dossier_id, payload)])


# --------------------------------------------------------------------------- the figures


def _signal_dossiers() -> Any:
    return (select(CallEntry.dossier_id.label("dossier_id"))
            .where(CallEntry.dossier_id.is_not(None), CallEntry.opened_at.is_not(None))
            .distinct().subquery("signal_dossiers"))


def _dimensions(stmt: Select[Any], by: Sequence[str], *, oriented: bool = False
                ) -> tuple[Select[Any], list[tuple[str, ColumnElement[Any]]]]:
    """``stmt`` (over ``dossier_facts``) joined to what ``by`` needs, and the (key, column)
    of each row key."""
    f = FACTS.c
    columns: list[tuple[str, ColumnElement[Any]]] = []
    if oriented or {"organisme", "status", "outcome"} & set(by):
        stmt = stmt.join(Orientation, Orientation.dossier_id == f.dossier_id)
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
            columns.append((name, getattr(Orientation, name)))
        else:  # site, urgent, month
            columns.append((name, f[name]))
    return stmt, columns


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
    count = func.count(distinct(FACTS.c.dossier_id))
    stmt, columns = _dimensions(select(FACTS), by)
    stmt = stmt.where(_in_period(period))
    keys = [key for key, _ in columns]
    grouped = stmt.with_only_columns(*(c.label(k) for k, c in columns),
                                     count.label("dossiers"))
    if columns:
        grouped = grouped.group_by(*(c for _, c in columns))
    rows = [dict(r._mapping) for r in session.execute(grouped)]
    rows = [r for r in rows if r["dossiers"]]
    rows.sort(key=lambda r: _sort_key(r, keys))
    total = int(session.scalar(stmt.with_only_columns(count)) or 0)
    shown, shown_total = suppress_rows(rows, ["dossiers"], {"dossiers": total}) if secrecy \
        else (rows, {"dossiers": total})
    assert shown_total is not None
    return _answer("breakdown", by, period, secrecy, shown, shown_total)


def _days(dialect: str, start: Any, end: Any) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return func.extract("epoch", end - start) / 86400.0
    return (func.julianday(end) - func.julianday(start)) * 1.0


def _delays(session: Session) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """Days from transmission to first contact (recorded later than it), and to a closure the
    store measured (``timed``)."""
    o = Orientation
    dialect = session.get_bind().dialect.name
    first_contact = case((and_(o.first_contact_at.is_not(None), o.transmitted_at.is_not(None),
                               o.first_contact_at > o.transmitted_at),
                          _days(dialect, o.transmitted_at, o.first_contact_at)))
    closure = case((and_(o.timed == true(), o.closed_at.is_not(None),
                         o.transmitted_at.is_not(None)),
                    _days(dialect, o.transmitted_at, o.closed_at)))
    return first_contact, closure


def _summary(values: list[float]) -> dict[str, Any]:
    enough = len(values) >= THRESHOLD
    return {"count": len(values),
            "median_days": round(percentile(values, 0.5), 2) if enough else None,
            "p90_days": round(percentile(values, 0.9), 2) if enough else None}


def _time_groups(session: Session, stmt: Select[Any],
                 columns: list[tuple[str, ColumnElement[Any]]]) -> list[dict[str, Any]]:
    """Per group of ``columns``: the first contact's and the closure's count, median and
    90th percentile (PostgreSQL: in SQL; SQLite, which has no percentile: from the delays)."""
    first_contact, closure = _delays(session)
    keys = [k for k, _ in columns]
    labelled = [c.label(k) for k, c in columns]
    if session.get_bind().dialect.name == "postgresql":
        measures = []
        for name, delay in (("first_contact", first_contact), ("closure", closure)):
            measures += [func.count(delay).label(f"{name}_count"),
                         func.percentile_cont(0.5).within_group(delay).label(f"{name}_median"),
                         func.percentile_cont(0.9).within_group(delay).label(f"{name}_p90")]
        query = stmt.with_only_columns(*labelled, *measures)
        if columns:
            query = query.group_by(*(c for _, c in columns))
        out = []
        for row in session.execute(query):
            item = {k: row._mapping[k] for k in keys}
            for name in ("first_contact", "closure"):
                n = int(row._mapping[f"{name}_count"])
                enough = n >= THRESHOLD
                item[name] = {
                    "count": n,
                    "median_days": (round(float(row._mapping[f"{name}_median"]), 2)
                                    if enough else None),
                    "p90_days": (round(float(row._mapping[f"{name}_p90"]), 2)
                                 if enough else None)}
            out.append(item)
        return out
    groups: dict[tuple[Any, ...], tuple[list[float], list[float]]] = {}
    query = stmt.with_only_columns(*labelled, first_contact.label("fc"), closure.label("cl"))
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
    transmission to first contact, and to closure (count, median, 90th percentile in days)."""
    _check(by, DIMENSIONS)
    stmt, columns = _dimensions(select(FACTS), by, oriented=True)
    stmt = stmt.where(_in_period(period))
    keys = row_keys(by)
    rows = [r for r in _time_groups(session, stmt, columns)
            if r["first_contact"]["count"] or r["closure"]["count"]]
    rows.sort(key=lambda r: _sort_key(r, keys))
    totals = _time_groups(session, stmt, [])
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
