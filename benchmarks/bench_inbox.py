"""The partner inbox read a page at a time (``GET /partner/dossiers``) on a PostgreSQL store of
1 000 000 dossiers (issue 18).

    python -m benchmarks inbox [--dossiers N] [--reps 30] [--keep | --database NAME]

The store is filled by :func:`fill`: 1 000 demo dossiers (app.demo, of the five sites REN, PLE,
BRE, QUI, VAN, on each site's workstation 09) are pushed as their counter pushes them and
followed up as the partners do (the demo's statuses and times; the store's own code writes
every row: payload, revisions, consents, orientations, facts, answers, aids, inbox rows), then
PostgreSQL replicates them (``INSERT … SELECT`` over ``generate_series``) up to N dossiers, each
copy with an id and a number of its own, and moves the store's change counter after the last
one. One template the Urssaf sees is named « Kerjean »: one dossier in 1 000.

An ``accueil-ti serve`` process answers an Urssaf partner agent (about 470 000 rows at 1 000 000
dossiers). Each case is timed from request to last byte, ``--reps`` times, interleaved with its
baseline: the page's own SQL, captured from the service, sent with psycopg on an open connection
(the order turned at every repetition). Cases: the first page; a page deep in the list (its
cursor found beforehand); a search of a common name and of a rare one; the filters « Non
clôturés » and « Sans nouvelle ». Printed: each case's median, p95 and range, its baseline's,
their ratio; the store process's resident memory before and after; the EXPLAIN (ANALYZE,
BUFFERS) of each case's statement; the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import psycopg

from benchmarks.bench_sync import _create_database, _drop_database, serve
from benchmarks.common import (
    isolated_env,
    machine,
    migrated_with_agent,
    percentile,
    plain_url,
    workdir,
)

PASSWORD = "bench-password"
LOGIN = "bench.urssaf"
CASES: dict[str, dict[str, Any]] = {
    "first page": {},
    "deep page (page 2 000)": {"deep": 2000},
    "search « le goff »": {"q": "le goff"},
    "search « kerjean » (rare)": {"q": "kerjean"},
    "search « fournier » (0.6 % of the rows)": {"q": "fournier"},
    "search « lambert » (1 % of the rows)": {"q": "lambert"},
    "search of a whole number": {"q": "TI-BRE-09-2026-000120"},
    "filter « Non clôturés »": {"status": "open"},
    "filter « Sans nouvelle »": {"status": "sans_nouvelle"},
}


SITES = ("REN", "PLE", "BRE", "QUI", "VAN")
FILL_WORKSTATION = "09"  # the workstation code of every filled dossier's number
TEMPLATES = 1000  # real dossiers stored through the store's own code, then replicated
RARE = "Kerjean"  # the name of one template seen by the Urssaf: one dossier in TEMPLATES
# The tables that hold a dossier's rows besides ``dossiers`` (a push or a follow-up writes
# them): replicated with each copy of a template.
CHILD_TABLES = ("dossier_revisions", "consents", "orientations", "appointments",
                "dossier_facts", "dossier_answers", "dossier_aids", "partner_inbox")


def template_records(count: int, as_of: date) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """``count`` demo dossiers (app.demo) spread over the five sites, numbered on the
    workstation FILL_WORKSTATION of each (template ``t`` is of ``SITES[t % 5]``, number ``t // 5
    + 1``): each as its counter pushes it (app.demo.counter_only) and whole, with the partners'
    follow-ups the demo gives it. The first one the Urssaf sees is named RARE."""
    from app.demo import counter_only, demo_records
    from app.forms.questionnaire import load_questionnaire
    from app.server.inbox import visible_organismes

    out = []
    rare = False
    for t, record in enumerate(demo_records(count, load_questionnaire(), seed=18,
                                            as_of=as_of)):
        site = SITES[t % len(SITES)]
        year = record["created_at"][:4]
        record.update(site=site, workstation=FILL_WORKSTATION, channel="accueil",
                      number=f"TI-{site}-{FILL_WORKSTATION}-{year}-{t // len(SITES) + 1:06d}")
        for consent in record["consents"]:
            consent["mode"] = "signe_accueil"
        if not rare and "urssaf" in visible_organismes(record) and any(
                o["organisme"] == "urssaf" for o in record["orientations"]):
            record["identity"]["nom"] = RARE
            rare = True
        out.append((counter_only(json.loads(json.dumps(record))), record))
    return out


def _events(templates: list[tuple[dict[str, Any], dict[str, Any]]], now: datetime
            ) -> list[tuple[datetime, int, str, dict[str, Any]]]:
    """The writes that make the templates, in time order: each pushed by its counter a few
    minutes after its consents, then each partner's follow-up at the time the demo gives it
    (``(at, template, organisme or "", orientation)``; the store's clock is ``at``)."""
    from app.forms.codes import COUNTER_STATUSES
    from app.server.inbox import visible_organismes

    events: list[tuple[datetime, int, str, dict[str, Any]]] = []
    for t, (counter, whole) in enumerate(templates):
        moments = [datetime.fromisoformat(counter["created_at"])] + [
            datetime.fromisoformat(c["at"]) for c in counter["consents"] if c.get("at")]
        pushed = min(max(moments) + timedelta(minutes=5), now)
        events.append((pushed, t, "", {}))
        seen = visible_organismes(whole)
        for o in whole["orientations"]:
            if o["status"] not in COUNTER_STATUSES and o["organisme"] in seen:
                at = max(datetime.fromisoformat(o["updated_at"]), pushed + timedelta(minutes=1))
                events.append((min(at, now), t, o["organisme"], o))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    return events


def _store_templates(url: str, templates: list[tuple[dict[str, Any], dict[str, Any]]],
                     now: datetime) -> None:
    """Write the templates through the store's own code (app.server.services): each pushed
    as a counter of its site pushes it (``POST /sync/push``), then followed up as a partner
    does it (``POST /partner/dossiers/{id}/orientation``), at the times of :func:`_events`."""
    from sqlalchemy.orm import Session

    from app.server.db import make_server_engine
    from app.server.services.common import AgentInfo
    from app.server.services.partner import partner_update
    from app.server.services.sync import push_batch

    engine = make_server_engine(url)
    try:
        with Session(engine) as session, session.begin():
            for at, t, organisme, orientation in _events(templates, now):
                counter, _whole = templates[t]
                if not organisme:
                    site = counter["site"]
                    agent = AgentInfo(0, f"fill.{site.lower()}", "urssaf", site, "accueil",
                                      f"{site}-{FILL_WORKSTATION}")
                    [result] = push_batch(session, agent, [(None, counter)], at)
                    if result.status != "accepted":
                        raise RuntimeError(f"fill: template {t} {result.status}: "
                                           f"{result.reason}")
                else:
                    agent = AgentInfo(0, f"fill.{organisme}", organisme, "REN", "partenaire")
                    seen = partner_update(session, agent, uuid.UUID(counter["id"]),
                                          orientation["status"], orientation.get("outcome"),
                                          orientation.get("note") or "", at)
                    if seen is None:
                        raise RuntimeError(f"fill: template {t} not seen by {organisme}")
    finally:
        engine.dispose()


def _columns(conn: psycopg.Connection[Any], table: str) -> list[str]:
    """The columns of ``table`` a copy writes (not a serial id)."""
    rows = conn.execute(
        "SELECT column_name, column_default FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
        (table,)).fetchall()
    return [name for name, default in rows if not (default or "").startswith("nextval(")]


def _replicate(conn: psycopg.Connection[Any],
               records: list[tuple[dict[str, Any], dict[str, Any]]], dossiers: int) -> None:
    """Copy the stored templates until the store holds ``dossiers``: copy ``n`` (``templates``
    to ``dossiers - 1``) is template ``n % templates`` (so of the same site) with an id of its
    own, the number ``n // 5 + 1`` of its site's FILL_WORKSTATION (same year), a change
    sequence number after every template's, and every row of CHILD_TABLES copied (the
    payload, its hash, the inbox's number and search text following the new id and number).
    Foreign keys are not checked (every copied row's dossier is copied in the same run)."""
    templates = len(records)
    last = conn.execute("SELECT value FROM sync_counter WHERE id = 1").fetchone()
    first_seq = int(last[0]) + 1 if last else 1
    conn.execute("CREATE TEMP TABLE fill_template (k integer PRIMARY KEY, id uuid, "
                 "number text)")
    with conn.cursor().copy("COPY fill_template (k, id, number) FROM STDIN") as copy:
        for k, (record, _whole) in enumerate(records):
            copy.write_row((k, record["id"], record["number"]))
    # each copy: its template, a random-looking UUID (version 4), its number, its change
    conn.execute(
        "CREATE TEMP TABLE fill_map AS SELECT n, t.id AS tid, t.number AS tnumber, "
        "overlay(overlay(md5('accueil-ti fill ' || n) placing '4' from 13) placing '8' "
        "from 17)::uuid AS id, left(t.number, 15) || lpad((n / %(sites)s + 1)::text, 6, '0') "
        "AS number, %(first)s + n - %(t)s AS change_seq "
        "FROM generate_series(%(t)s, %(n)s - 1) AS n JOIN fill_template AS t "
        "ON t.k = n %% %(t)s",
        {"sites": len(SITES), "first": first_seq, "t": templates, "n": dossiers})
    conn.execute("ANALYZE fill_map")
    # The indexes that back no constraint are built again after the copies (in bulk: several
    # times faster than row by row, the trigram index of the inbox's search most of all).
    indexes = conn.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes AS i WHERE i.schemaname = 'public' "
        "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c "
        "WHERE c.conname = i.indexname)", (["dossiers", *CHILD_TABLES],)).fetchall()
    for name, _definition in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    conn.execute("SET session_replication_role = replica")  # no foreign key checks
    payload = ("replace(replace(d.payload, m.tid::text, m.id::text), "
               "'\"number\":\"' || m.tnumber || '\"', '\"number\":\"' || m.number || '\"')")
    conn.execute(
        "INSERT INTO dossiers (id, number, site, revision, urgent, status, payload, "
        "content_hash, updated_at, change_seq, last_writer) "
        "SELECT m.id, m.number, d.site, d.revision, d.urgent, d.status, p.payload, "
        "encode(sha256(convert_to(p.payload, 'UTF8')), 'hex'), d.updated_at, m.change_seq, "
        "d.last_writer FROM fill_map AS m JOIN dossiers AS d ON d.id = m.tid, "
        f"LATERAL (SELECT {payload} AS payload) AS p")
    special = {
        "dossier_id": "m.id",
        # the last revision's hash is the copy's payload's; earlier ones stay the template's
        "content_hash": "CASE WHEN c.revision = d.revision THEN d.content_hash "
                        "ELSE c.content_hash END",
        "number": "m.number",
        "search": "replace(c.search, lower(m.tnumber), lower(m.number))",
    }
    for table in CHILD_TABLES:
        columns = _columns(conn, table)
        values = ", ".join(special.get(c, f"c.{c}") for c in columns)
        join = ("JOIN dossiers AS d ON d.id = m.id " if "content_hash" in columns else "")
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} "
                     f"FROM fill_map AS m JOIN {table} AS c ON c.dossier_id = m.tid {join}")
    conn.execute("SET session_replication_role = DEFAULT")
    for _name, definition in indexes:
        conn.execute(definition)
    conn.execute("UPDATE sync_counter SET value = %s WHERE id = 1",
                 (first_seq + dossiers - templates - 1,))
    conn.execute("DROP TABLE fill_map")
    conn.execute("DROP TABLE fill_template")


def fill(url: str, dossiers: int, now: datetime, templates: int = TEMPLATES) -> float:
    """Migrate, add the Urssaf partner agent LOGIN, then store ``dossiers`` whole dossiers:
    ``min(templates, dossiers)`` demo dossiers written through the store's own code (pushes
    and partners' follow-ups, :func:`_store_templates`), replicated in SQL up to ``dossiers``
    (:func:`_replicate`), the store's change counter at the last one; then VACUUM ANALYZE.
    The seconds it took."""
    started = time.perf_counter()
    migrated_with_agent(url, LOGIN, PASSWORD, organisme="urssaf", site="REN", role="partenaire")
    count = min(templates, dossiers)
    if dossiers > count:
        count -= count % len(SITES)  # a copy stays on its template's site
    records = template_records(count, (now - timedelta(days=1)).date())
    _store_templates(url, records, now)
    with psycopg.connect(plain_url(url), autocommit=True) as conn:
        if dossiers > count:
            conn.execute("SET maintenance_work_mem = '512MB'")
            conn.execute("SET work_mem = '256MB'")
            with conn.transaction():
                _replicate(conn, records, dossiers)
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


@contextmanager
def filled_database(dossiers: int, database: str | None = None,
                    keep: bool = False) -> Iterator[str]:
    """The URL of a database filled with ``dossiers`` (:func:`fill`), dropped afterwards unless
    kept; ``database`` names one already filled (used as it is, never dropped)."""
    name = database or _create_database()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        if not database:
            took = fill(url, dossiers, datetime.now(UTC))
            print(f"filled in {took:.0f} s", flush=True)
        yield url
    finally:
        if keep or database:
            print(f"\ndatabase kept: {name}")
        else:
            _drop_database(name)


def _statements(url: str, cases: dict[str, dict[str, Any]]
                ) -> dict[str, list[tuple[str, Any]]]:
    """Each case's statements and parameters, as the service sends them (a search past its
    walk sends two)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from app.server.db import make_server_engine
    from app.server.services.inbox import inbox_page

    engine = make_server_engine(url)
    out: dict[str, list[tuple[str, Any]]] = {}
    try:
        for name, case in cases.items():
            seen: list[tuple[str, Any]] = []

            def listener(_c: Any, _k: Any, statement: str, parameters: Any, *_: Any,
                         seen: list[tuple[str, Any]] = seen) -> None:
                seen.append((statement, parameters))

            event.listen(engine, "before_cursor_execute", listener)
            with Session(engine) as session:
                inbox_page(session, "urssaf", datetime.now(UTC).date(),
                           after=case.get("after"), q=case.get("q", ""),
                           status=case.get("status"))
            event.remove(engine, "before_cursor_execute", listener)
            out[name] = [s for s in seen if "partner_inbox" in s[0]]
    finally:
        engine.dispose()
    return out


def _rss(pid: int) -> float:
    """The resident memory of a process, MiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(url: str, reps: int) -> dict[str, Any]:
    server, address = serve(url, isolated_env(workdir()))
    try:
        token = httpx.post(f"{address}/auth/login", json={"login": LOGIN, "password": PASSWORD},
                           timeout=30).json()["token"]
        with httpx.Client(base_url=address, timeout=120,
                          headers={"Authorization": f"Bearer {token}"}) as http:
            rss_before = _rss(server.pid)
            cases = {name: dict(case) for name, case in CASES.items()}
            for case in cases.values():  # the deep page's cursor, untimed
                if "deep" in case:
                    after = None
                    for _ in range(case.pop("deep") - 1):
                        answer = http.get("/partner/dossiers",
                                          params={"after": after} if after else {})
                        after = answer.json()["next"]
                    case["after"] = after
            statements = _statements(url, cases)
            timings: dict[str, dict[str, list[float]]] = {
                name: {"http": [], "sql": []} for name in cases}
            with psycopg.connect(plain_url(url), autocommit=True, prepare_threshold=None) as conn:

                def by_http(case: dict[str, Any]) -> int:
                    params = {k: v for k, v in case.items() if v is not None}
                    answer = http.get("/partner/dossiers", params=params)
                    answer.raise_for_status()
                    return len(answer.json()["items"])

                def by_sql(name: str) -> int:
                    found = 0
                    for statement, parameters in statements[name]:
                        found = len(conn.execute(statement, parameters).fetchall())
                    return found

                sizes = {name: (by_http(case), by_sql(name)) for name, case in cases.items()}
                for rep in range(reps):
                    for name, case in cases.items():
                        order = ("http", "sql") if rep % 2 == 0 else ("sql", "http")
                        for how in order:
                            started = time.perf_counter()
                            if how == "http":
                                by_http(case)
                            else:
                                by_sql(name)
                            timings[name][how].append(time.perf_counter() - started)
                plans = {}
                for name, sent in statements.items():
                    plans[name] = [
                        "\n".join(r[0] for r in conn.execute(
                            "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).fetchall())
                        for statement, parameters in sent]
            rss_after = _rss(server.pid)
        return {"timings": timings, "sizes": sizes, "plans": plans, "statements": statements,
                "rss": (rss_before, rss_after)}
    finally:
        server.terminate()
        server.wait(30)


def report(result: dict[str, Any], dossiers: int, rows: int) -> None:
    print(f"\n{dossiers:,} dossiers, {rows:,} rows in the Urssaf's list".replace(",", " "))
    print("\n| request | rows | median | p95 | range | its SQL (median) | ratio median (range) |")
    print("|---|---|---|---|---|---|---|")
    for name, times in result["timings"].items():
        http, sql = times["http"], times["sql"]
        ratios = [h / s for h, s in zip(http, sql, strict=True)]
        print(f"| {name} | {result['sizes'][name][0]} | {statistics.median(http) * 1000:.1f} ms"
              f" | {percentile(http, 95) * 1000:.1f} ms | {min(http) * 1000:.1f}–"
              f"{max(http) * 1000:.1f} ms | {statistics.median(sql) * 1000:.1f} ms | "
              f"×{statistics.median(ratios):.2f} (×{min(ratios):.2f}–×{max(ratios):.2f}) |")
    before, after = result["rss"]
    print(f"\nStore process resident memory: {before:.0f} MiB before, {after:.0f} MiB after.")
    for name, plans in result["plans"].items():
        print(f"\n{name}:")
        for (statement, _parameters), plan in zip(result["statements"][name], plans,
                                                  strict=True):
            print(f"\n```\n{statement}\n\n{plan}\n```")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks inbox")
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--database", help="an already filled database (not dropped)")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}; load average before: {os.getloadavg()}", flush=True)
    with filled_database(args.dossiers, args.database, args.keep) as url:
        with psycopg.connect(plain_url(url)) as conn:
            rows = conn.execute("SELECT count(*) FROM partner_inbox WHERE organisme = "
                                "'urssaf'").fetchone()
            dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()
        result = measure(url, args.reps)
        report(result, int(dossiers[0]) if dossiers else 0, int(rows[0]) if rows else 0)
    print(f"\nload average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
