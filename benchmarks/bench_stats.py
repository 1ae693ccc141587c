"""The statistics of the central store on 100 000 synced demo dossiers in PostgreSQL.

    python -m benchmarks.bench_stats [--dossiers 100000] [--reps 7] [--keep | --database NAME]

The store is filled through the paths its users take, in process (no HTTP, to build it in
minutes): demo dossiers of every site pushed by an agent of their site with the push service
(``sync.push_batch``, one batch per site and day of creation, at the end of that day: the
store stamps the transmission then), the partners' follow-ups posted by each organisme's agent
with ``partner_update`` on the dates the demo gives them (received, contact made, closed), and
signals of the call list pushed by the counters with ``calls.push``, some reached, refused or
unanswered.

Then an ``accueil-ti serve`` process answers a ``pilotage`` account, and each statistics request
the dashboard and the monthly report make — every dimension of ``/stats/breakdown`` alone and in
the combinations the dashboard uses, ``/stats/times`` and ``/stats/calls`` — is timed from
request to last byte. Its baseline, in the same run and interleaved with it (the order swapped
at every repetition), is the very SQL the store runs for that request (captured once from the
service), sent with psycopg straight to PostgreSQL and fetched: the ratio is what the HTTP
route, SQLAlchemy, the secrecy and JSON add to the database's own work. Reported: median and
range (min–max) of each over ``--reps`` repetitions, the median ratio, the load average before
and after. Goal (issue 17): every request under 1 s.

``--keep`` keeps the filled database (its name is printed) and ``--database NAME`` measures an
existing one without filling it again.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import psycopg

from benchmarks.bench_sync import _create_database, _drop_database, serve
from benchmarks.common import isolated_env, machine, plain_url, workdir

PASSWORD = "bench-password"
PILOTAGE = "bench.pilotage"
GOAL_SECONDS = 1.0
# (route, by, what the window or the report asks it for)
QUERIES: tuple[tuple[str, str], ...] = (
    ("breakdown", ""), ("breakdown", "site"), ("breakdown", "channel"),
    ("breakdown", "organisme"), ("breakdown", "aid"), ("breakdown", "question"),
    ("breakdown", "urgent"), ("breakdown", "status"), ("breakdown", "outcome"),
    ("breakdown", "month"), ("breakdown", "organisme,status"),
    ("breakdown", "organisme,outcome"), ("breakdown", "site,channel"),
    ("breakdown", "site,channel,organisme,urgent"), ("breakdown", "question,urgent"),
    ("breakdown", "aid,site"),
    ("times", ""), ("times", "organisme"), ("times", "site"), ("times", "aid"),
    ("times", "question"), ("times", "site,organisme"),
    ("calls", ""), ("calls", "site"),
)


# --------------------------------------------------------------------------- filling


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _records(count: int, seed: int) -> list[dict[str, Any]]:
    from app.demo import demo_records
    from app.forms.questionnaire import load_questionnaire

    as_of = date.today() - timedelta(days=1)
    return list(demo_records(count, load_questionnaire(), seed=seed, as_of=as_of))


def _counter_copy(record: dict[str, Any]) -> dict[str, Any]:
    """The record as its counter pushed it the day it was made: orientations transmitted."""
    from app.demo import counter_only

    copy: dict[str, Any] = json.loads(json.dumps(record))
    counter_only(copy)
    stamp = max([copy["created_at"]] + [c["at"] for c in copy["consents"]])
    for orientation in copy["orientations"]:
        orientation["updated_at"] = stamp
    copy["updated_at"] = stamp
    return copy


def _agents(engine: Any, sites: list[str]) -> None:
    from app.forms.codes import ORGANISMES
    from app.server.admin import create_agent

    for site in sites:
        create_agent(engine, login=f"bench.{site.lower()}", organisme="urssaf", site=site,
                     role="accueil", password=PASSWORD)
    for organisme in ORGANISMES:
        create_agent(engine, login=f"bench.{organisme}", organisme=organisme, site="REN",
                     role="partenaire", password=PASSWORD)
    create_agent(engine, login=PILOTAGE, organisme="urssaf", site="REN", role="pilotage",
                 password=PASSWORD)


def _agent(session: Any, login: str) -> Any:
    from sqlalchemy import select

    from app.server.models import Agent
    from app.server.services.common import AgentInfo

    row = session.execute(select(Agent).where(Agent.login == login)).scalar_one()
    return AgentInfo(row.id, row.login, row.organisme, row.site, row.role)


def _push(engine: Any, records: list[dict[str, Any]]) -> float:
    """Push every record, by site and day of creation, at the end of that day."""
    from sqlalchemy.orm import Session

    from app.server.services.sync import push_batch

    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        groups[(record["site"], record["created_at"][:10])].append(_counter_copy(record))
    started = time.perf_counter()
    with Session(engine) as session:
        agents = {site: _agent(session, f"bench.{site.lower()}") for site, _ in groups}
    for (site, _day), items in sorted(groups.items(), key=lambda kv: kv[0][1]):
        now = max(_moment(r["updated_at"]) for r in items) + timedelta(minutes=30)
        for start in range(0, len(items), 500):
            with Session(engine) as session, session.begin():
                results = push_batch(session, agents[site],
                                     [(None, r) for r in items[start:start + 500]], now)
            refused = [r for r in results if r.status != "accepted"]
            if refused:
                raise RuntimeError(f"push refused: {refused[:2]}")
    return time.perf_counter() - started


def _follow_ups(records: list[dict[str, Any]], rng: random.Random
                ) -> Iterator[tuple[str, str, str, str | None, float, float]]:
    """(dossier id, organisme, status, outcome, hours to first contact, hours to closure) of
    each orientation the demo moved past « transmise »: first contact after about a week,
    closure a few weeks later."""
    for record in records:
        for orientation in record["orientations"]:
            if orientation["status"] not in ("recue", "en_cours", "contact_pris", "cloturee"):
                continue
            contact = 2 + rng.expovariate(1 / (24 * 7))
            closure = contact + 2 + rng.expovariate(1 / (24 * 21))
            yield (record["id"], orientation["organisme"], orientation["status"],
                   orientation["outcome"], contact, closure)


def _partners(url: str, records: list[dict[str, Any]], until: datetime) -> tuple[int, float]:
    """The partners' follow-ups, written in one statement with the store's rules of
    ``set_orientation`` (first contact and closure stamped once, after the transmission, and
    never later than ``until``; a closure after the transmission is timed). Through
    ``partner_update`` (a revision, an audit row and a change number each) they take about
    6 ms apiece, hours for a few hundred thousand; the statistics read only these columns."""
    updates = list(_follow_ups(records, random.Random(5)))
    started = time.perf_counter()
    with psycopg.connect(plain_url(url)) as conn:
        conn.execute("CREATE TEMP TABLE follow_up (dossier_id uuid, organisme text, "
                     "status text, outcome text, contact_h float8, closure_h float8)")
        with conn.cursor().copy("COPY follow_up FROM STDIN") as copy:
            for row in updates:
                copy.write_row(row)
        conn.execute("""
            UPDATE orientations o SET
              status = f.status, outcome = f.outcome,
              first_contact_at = CASE WHEN f.status IN ('contact_pris', 'cloturee') THEN
                LEAST(o.transmitted_at + f.contact_h * interval '1 hour', %(until)s) END,
              closed_at = CASE WHEN f.status = 'cloturee' THEN
                LEAST(o.transmitted_at + f.closure_h * interval '1 hour', %(until)s) END,
              timed = (f.status = 'cloturee'),
              updated_at = LEAST(o.transmitted_at + f.closure_h * interval '1 hour', %(until)s)
            FROM follow_up f
            WHERE o.dossier_id = f.dossier_id AND o.organisme = f.organisme
              AND o.status = 'transmise'""", {"until": until.replace(tzinfo=None)})
    return len(updates), time.perf_counter() - started


def _signals(engine: Any, records: list[dict[str, Any]], count: int, until: datetime) -> float:
    """``count`` signals pushed by the counters of the five sites over the last months, a
    third of them about workers who have a dossier; about half called once."""
    from sqlalchemy.orm import Session

    from app.forms.codes import SIGNAL_TYPES
    from app.server.services.calls import push

    rng = random.Random(11)
    sites = ("REN", "PLE", "BRE", "QUI", "VAN")
    by_site: dict[str, list[tuple[datetime, dict[str, Any], dict[str, Any] | None]]] = {
        s: [] for s in sites}
    pool = [r for r in records if r["site"] in sites]
    for n in range(count):
        record = rng.choice(pool)
        site = record["site"]
        moment = until - timedelta(days=rng.expovariate(1 / 60), minutes=n % 600)
        linked = rng.random() < 0.33
        signal = {
            "id": str(uuid.uuid4()), "source": rng.choice(("urssaf", "caf", "tribunal_commerce")),
            "reference": f"B-{n:07d}", "type": rng.choice(SIGNAL_TYPES),
            "date": (moment.date() - timedelta(days=3)).isoformat(),
            "siret": record["identity"]["siret"], "nir": None,
            "nom": record["identity"]["nom"], "prenom": record["identity"]["prenom"],
            "telephone": None, "email": None, "code_postal": record["identity"]["code_postal"],
            "commune": None, "montant_cents": rng.randrange(0, 2_000_000), "commentaire": None,
            "entry_id": str(uuid.uuid4()),
            "dossier_id": record["id"] if linked else None,
            "imported_at": moment.isoformat(), "agent": "bench",
        }
        attempt = None
        if rng.random() < 0.5:
            attempt = {"id": str(uuid.uuid4()), "entry_id": signal["entry_id"],
                       "at": (moment + timedelta(hours=3)).isoformat(), "agent": "bench",
                       "workstation": f"{site}-01",
                       "outcome": rng.choice(("joint", "joint", "injoignable", "refus",
                                              "deja_accompagne")),
                       "callback_at": None, "note": None}
        by_site[site].append((moment, signal, attempt))
    started = time.perf_counter()
    with Session(engine) as session:
        agents = {s: _agent(session, f"bench.{s.lower()}") for s in sites}
    for site, items in by_site.items():
        items.sort(key=lambda item: item[0])
        for start in range(0, len(items), 500):
            batch = items[start:start + 500]
            now = batch[-1][0] + timedelta(hours=4)
            with Session(engine) as session, session.begin():
                answer = push(session, agents[site], [s for _, s, _ in batch],
                              [a for _, _, a in batch if a is not None], [], now)
            bad = [r for key in ("signals", "attempts") for r in answer[key]
                   if r.get("status") == "rejected"]
            if bad:
                raise RuntimeError(f"signals refused: {bad[:2]}")
    return time.perf_counter() - started


def fill(url: str, count: int, signals: int) -> dict[str, Any]:
    from app.forms.sites import load_sites
    from app.server.admin import open_server_engine

    engine = open_server_engine(url)
    try:
        _agents(engine, sorted(load_sites()))
        records = _records(count, seed=17)
        until = datetime.now(UTC) - timedelta(hours=1)
        push_seconds = _push(engine, records)
        updates, partner_seconds = _partners(url, records, until)
        signal_seconds = _signals(engine, records, signals, until)
    finally:
        engine.dispose()
    with psycopg.connect(plain_url(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return {"dossiers": count, "push_seconds": push_seconds, "partner_updates": updates,
            "partner_seconds": partner_seconds, "signals": signals,
            "signal_seconds": signal_seconds}


# --------------------------------------------------------------------------- measuring


def captured_sql(url: str, route: str, by: str, period: str) -> list[tuple[str, Any]]:
    """The statements (with their parameters) the store runs to answer one request."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from app.forms.stats import CALL_DIMENSIONS, DIMENSIONS, parse_dimensions, parse_period
    from app.server.db import make_server_engine
    from app.server.services import stats

    engine = make_server_engine(url)
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    try:
        with Session(engine) as session:
            event.listen(engine, "before_cursor_execute", record)
            allowed = CALL_DIMENSIONS if route == "calls" else DIMENSIONS
            getattr(stats, route)(session, parse_dimensions(by, allowed), parse_period(period),
                                  secrecy=True)
            event.remove(engine, "before_cursor_execute", record)
    finally:
        engine.dispose()
    return [(s, p) for s, p in seen if s.lstrip().upper().startswith(("SELECT", "WITH", "SET"))]


class _Recorder:
    """The dashboard's source of figures answered in process by the store's services, keeping
    the statements each request runs (the baseline of a whole refresh)."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import event

        from app.server.db import make_server_engine

        self.engine = make_server_engine(url)
        self.statements: list[tuple[str, Any]] = []
        event.listen(self.engine, "before_cursor_execute", self._record)

    def _record(self, _conn: Any, _cursor: Any, statement: str, parameters: Any,
                *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH", "SET")):
            self.statements.append((statement, parameters))

    def _run(self, route: str, by: Any, period: str) -> dict[str, Any]:
        from sqlalchemy.orm import Session

        from app.forms.stats import parse_period
        from app.server.services import stats

        with Session(self.engine) as session:
            answer: dict[str, Any] = getattr(stats, route)(session, tuple(by),
                                                          parse_period(period), secrecy=True)
            return answer

    def breakdown(self, by: Any, period: str, exact: bool = False) -> dict[str, Any]:
        return self._run("breakdown", by, period)

    def times(self, by: Any, period: str, exact: bool = False) -> dict[str, Any]:
        return self._run("times", by, period)

    def calls(self, by: Any, period: str, exact: bool = False) -> dict[str, Any]:
        return self._run("calls", by, period)


def dashboard_sql(url: str, query: Any) -> list[tuple[str, Any]]:
    """The statements the store runs for one refresh of the dashboard with ``query``."""
    from app.ui.dashboard import fetch_dashboard

    recorder = _Recorder(url)
    try:
        fetch_dashboard(recorder, query)
    finally:
        recorder.engine.dispose()
    return recorder.statements


def measure(url: str, reps: int, period: str) -> dict[str, Any]:
    env = isolated_env(workdir())
    server, address = serve(url, env)
    out: dict[str, Any] = {"period": period, "reps": reps, "queries": {}}
    try:
        token = httpx.post(f"{address}/auth/login", json={"login": PILOTAGE,
                                                         "password": PASSWORD},
                           timeout=30).json()["token"]
        from app.sync.stats import StatsClient
        from app.ui.dashboard import DashboardQuery, fetch_dashboard

        sql = {(route, by): captured_sql(url, route, by, period) for route, by in QUERIES}
        year = period or str(date.today().year)
        dashboards = {f"dashboard refresh, {label}": DashboardQuery(period=year, site=site)
                      for label, site in (("all sites", None), ("one site", "BRE"))}
        for name, dashboard in dashboards.items():
            sql[(name, "")] = dashboard_sql(url, dashboard)
        measured = [*QUERIES, *((name, "") for name in dashboards)]
        timings: dict[tuple[str, str], dict[str, list[float]]] = {
            q: {"http": [], "sql": []} for q in measured}
        rows: dict[tuple[str, str], int] = {}
        out["load_average_before"] = os.getloadavg()
        with httpx.Client(base_url=address, timeout=120,
                          headers={"Authorization": f"Bearer {token}"}) as http, \
                psycopg.connect(plain_url(url), autocommit=True) as conn:

            source = StatsClient(http, token)

            def via_http(route: str, by: str) -> None:
                if route in dashboards:
                    rows[(route, by)] = len(fetch_dashboard(source, dashboards[route])
                                            .table.get("rows") or [])
                    return
                answer = http.get(f"/stats/{route}", params={"by": by, "period": period})
                answer.raise_for_status()
                rows[(route, by)] = len(answer.json()["rows"])

            def via_sql(route: str, by: str) -> None:
                with conn.transaction():  # (as the store: SET LOCAL holds for the request)
                    for statement, parameters in sql[(route, by)]:
                        cursor = conn.execute(statement, parameters)
                        if cursor.description is not None:
                            cursor.fetchall()

            for query in measured:  # warm both paths once (caches, plans, connections)
                via_http(*query)
                via_sql(*query)
            for rep in range(reps):
                for query in measured:
                    order = (("http", via_http), ("sql", via_sql))
                    for name, run in order if rep % 2 == 0 else order[::-1]:
                        started = time.perf_counter()
                        run(*query)
                        timings[query][name].append(time.perf_counter() - started)
        out["load_average_after"] = os.getloadavg()
        for query in measured:
            http_s, sql_s = timings[query]["http"], timings[query]["sql"]
            ratios = [h / s for h, s in zip(http_s, sql_s, strict=True)]
            label = query[0] if query[0] in dashboards else f"{query[0]}?by={query[1]}"
            out["queries"][label] = {
                "rows": rows[query], "statements": len(sql[query]),
                "http_median_ms": statistics.median(http_s) * 1000,
                "http_min_ms": min(http_s) * 1000, "http_max_ms": max(http_s) * 1000,
                "sql_median_ms": statistics.median(sql_s) * 1000,
                "sql_min_ms": min(sql_s) * 1000, "sql_max_ms": max(sql_s) * 1000,
                "ratio_median": statistics.median(ratios),
                "ratio_min": min(ratios), "ratio_max": max(ratios)}
    finally:
        server.terminate()
        server.wait(timeout=20)
    return out


def _counts(url: str) -> dict[str, int]:
    with psycopg.connect(plain_url(url)) as conn:
        return {table: int((conn.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,))[0])
                for table in ("dossiers", "orientations", "dossier_answers", "dossier_aids",
                              "call_entries", "call_attempts", "audit_log")}


def markdown(result: dict[str, Any]) -> str:
    lines = [f"Machine: {machine()}; {time.strftime('%Y-%m-%d')}; PostgreSQL on 127.0.0.1."]
    counts = result["counts"]
    lines.append("Store: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()) + ".")
    for measured in result["runs"]:
        before, after = measured["load_average_before"], measured["load_average_after"]
        period = measured["period"] or "every dossier"
        lines += ["", f"Period: {period}; {measured['reps']} repetitions; load average "
                      f"(1, 5, 15 min) before {' '.join(f'{x:.2f}' for x in before)}, after "
                      f"{' '.join(f'{x:.2f}' for x in after)}.", "",
                  "| request | rows | HTTP median (range) | its SQL alone, median (range) | "
                  "ratio median (range) | every run < 1 s |", "|---|---|---|---|---|---|"]
        for name, q in measured["queries"].items():
            ok = "✔" if q["http_max_ms"] < GOAL_SECONDS * 1000 else "✘"
            if name.startswith("dashboard"):  # (eleven requests: no goal of its own)
                ok = ""
            lines.append(
                f"| `{name}` | {q['rows']} | {q['http_median_ms']:.0f} ms "
                f"({q['http_min_ms']:.0f}–{q['http_max_ms']:.0f}) | {q['sql_median_ms']:.0f} ms "
                f"({q['sql_min_ms']:.0f}–{q['sql_max_ms']:.0f}) | ×{q['ratio_median']:.2f} "
                f"({q['ratio_min']:.2f}–{q['ratio_max']:.2f}) | {ok} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_stats")
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--signals", type=int, default=20_000)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--periods", default=",year,month",
                        help="comma-separated periods to measure ('' every dossier; year: "
                             "the current year; month: the last whole month)")
    parser.add_argument("--keep", action="store_true", help="keep the filled database")
    parser.add_argument("--database", help="measure this existing database, not filling one")
    args = parser.parse_args(argv)
    name = args.database or _create_database()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    result: dict[str, Any] = {"database": name, "runs": []}
    try:
        if not args.database:
            result["fill"] = fill(url, args.dossiers, args.signals)
            print(f"filled {name}: {result['fill']}", flush=True)
        result["counts"] = _counts(url)
        for period in args.periods.split(","):
            chosen = {"year": str(date.today().year),
                      "month": (date.today().replace(day=1) - timedelta(days=1)
                                ).strftime("%Y-%m")}.get(period, period)
            result["runs"].append(measure(url, args.reps, chosen))
    finally:
        if not (args.keep or args.database):
            _drop_database(name)
    print(json.dumps(result, indent=2, default=str))
    print()
    print(markdown(result))
    slow = [n for run in result["runs"] for n, q in run["queries"].items()
            if q["http_max_ms"] >= GOAL_SECONDS * 1000 and not n.startswith("dashboard")]
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
