"""Concurrent clients syncing with the central store on PostgreSQL (issue 18: 300 clients,
240 workstations and 60 partners, on 1 000 000 dossiers, the store with 2 processes).

    python -m benchmarks.bench_concurrency [--clients 50] [--partners 10] [--seconds 45]
        [--workers 1] [--preload 2000 | --preload-fill N | --database NAME [--keep]]

An ``accueil-ti serve`` process (uvicorn, ``--workers`` processes, one by default: async routes
on its event loop, the sync routes in its thread pool) on a PostgreSQL database (127.0.0.1:5432,
trust auth). Before the measured window the store holds, by default, ``--preload`` dossiers of
the five sites pushed through ``POST /sync/push`` (a fresh database, dropped after); with
``--preload-fill N``, N whole dossiers written in SQL by ``benchmarks.bench_inbox.fill`` (demo
dossiers of the five sites pushed and followed up through the store's own code, replicated
with every row the store keeps of them, the change counter after them: 1 000 000 in a few
minutes); with ``--database NAME``, a database already filled (``--keep`` keeps the one a run
fills; agents are added when missing, new dossiers take numbers after those of earlier runs).

Every workstation starts in sync, as one that synced before: its pull cursor at the store's
last change (its site's pull from 0 would be a fifth of the store), holding ``--known`` of its
site's stored dossiers that it may update (as the last version stored). Every client has
logged in.

Then ``--clients`` clients run concurrently (asyncio + httpx, one connection each, one agent
account each) for ``--seconds`` seconds:

- workstation clients (``clients - partners``, spread over the five sites REN, PLE, BRE, QUI,
  VAN; each its own workstation number, from 11): a round pushes a batch of 1 to 5 dossiers —
  new ones (demo dossiers) or updates of those it holds (one answer changed, based on the
  revision it last heard of) — then pulls its site's changes since its cursor (page after
  page) and takes the partners' follow-ups it pulled as its new base;
- partner clients (spread over the five organismes): a round reads the first page of the inbox,
  then opens 1 to 3 of its dossiers and posts their follow-up;
- each client waits ``--think`` seconds (± 50 %) between rounds.

Reported: requests/s, latency p50/p95/p99/max per endpoint and overall, errors (HTTP status
other than 200, transport errors, refused dossiers: must be 0), optimistic-concurrency
conflicts (a partner's follow-up landed between a workstation's pull and its push: expected,
not an error), the dossiers and the database's size at the start, the machine's load
average. The load generator runs on the same machine and shares its cores with the store and
PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from benchmarks.bench_sync import _create_database, _drop_database, _free_port
from benchmarks.common import isolated_env, machine, percentile, workdir

SITES = ("REN", "PLE", "BRE", "QUI", "VAN")
ORGANISMES = ("urssaf", "assurance_maladie", "service_social", "caf", "assurance_retraite")
PASSWORD = "bench-password"
PRELOAD_WORKSTATION = "09"
BASELINE_WORKSTATION = "10"
FOLLOW_UP = (("recue", None), ("en_cours", None), ("contact_pris", None),
             ("cloturee", "aide_accordee"), ("cloturee", "aide_refusee"),
             ("cloturee", "sans_suite"))


def demo_pool(count: int, *, seed: int, site: str, workstation: str,
              first: int = 1) -> list[dict[str, Any]]:
    """``count`` demo dossiers made on one workstation of ``site`` (numbers from ``first``)."""
    from app.demo import counter_only, demo_records
    from app.forms.questionnaire import load_questionnaire

    as_of = date.today() - timedelta(days=1)
    out = []
    for index, record in enumerate(demo_records(count, load_questionnaire(), seed=seed,
                                                as_of=as_of), first):
        counter_only(record)  # the partners' follow-ups are written on the store by them
        year = record["created_at"][:4]
        record.update(site=site, workstation=workstation, channel="accueil",
                      number=f"TI-{site}-{workstation}-{year}-{index:06d}")
        for consent in record["consents"]:
            consent["mode"] = "signe_accueil"
        out.append(record)
    return out


@dataclass
class Stats:
    """Latencies by endpoint, errors, and counters of what the clients did."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))


class Client:
    """One agent's HTTP session; every request is timed under its endpoint name."""

    def __init__(self, http: httpx.AsyncClient, stats: Stats, token: str) -> None:
        self.http = http
        self.stats = stats
        self.headers = {"Authorization": f"Bearer {token}"}

    async def call(self, endpoint: str, method: str, path: str, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            response = await self.http.request(method, path, headers=self.headers, **kwargs)
        except httpx.HTTPError as exc:
            self.stats.errors.append(f"{endpoint}: {type(exc).__name__}: {exc}")
            return None
        finally:
            self.stats.latencies[endpoint].append(time.perf_counter() - started)
        if response.status_code != 200:
            self.stats.errors.append(f"{endpoint}: HTTP {response.status_code} "
                                     f"{response.text[:200]}")
            return None
        return response.json()


class Workstation(Client):
    """A counter workstation: pushes a few new or changed dossiers, then pulls."""

    def __init__(self, http: httpx.AsyncClient, stats: Stats, token: str,
                 pool: list[dict[str, Any]], rng: random.Random, *, cursor: int = 0,
                 known: list[dict[str, Any]] | None = None) -> None:
        super().__init__(http, stats, token)
        self.pool = pool  # new dossiers still to create, in number order
        # id -> the record as the store holds it: the dossiers it may update (its site's)
        self.mine: dict[str, dict[str, Any]] = {d["id"]: d for d in known or ()}
        self.cursor = cursor  # the last change it pulled
        self.rng = rng

    async def pull(self) -> None:
        while True:
            page = await self.call("GET /sync/pull", "GET", "/sync/pull",
                                   params={"since": self.cursor, "limit": 200})
            if page is None:
                return
            for change in page["changes"]:
                if change["id"] in self.mine:  # a partner's follow-up: the new base
                    self.mine[change["id"]] = change
            self.stats.counters["pulled"] += len(page["changes"])
            self.cursor = page["cursor"]
            if not page["more"]:
                return

    def _changed(self, record: dict[str, Any]) -> dict[str, Any]:
        from app.forms.questionnaire import load_questionnaire

        changed: dict[str, Any] = json.loads(json.dumps(record))
        question = self.rng.choice(load_questionnaire().questions)
        current = changed["answers"].get(question.id)
        changed["answers"][question.id] = self.rng.choice(
            [c for c in question.codes if c != current])
        changed["revision"] = record["revision"] + 1
        changed["updated_at"] = datetime.now(UTC).isoformat()
        return changed

    async def round(self) -> None:
        items: list[tuple[int | None, dict[str, Any]]] = []
        for _ in range(self.rng.randint(1, 5)):
            if self.pool and (not self.mine or self.rng.random() < 0.6):
                items.append((None, self.pool.pop(0)))
            elif self.mine:
                base = self.mine[self.rng.choice(sorted(self.mine))]
                if all(base["id"] != d["id"] for _, d in items):
                    items.append((base["revision"], self._changed(base)))
        answer = await self.call("POST /sync/push", "POST", "/sync/push", json={
            "dossiers": [{"base_revision": b, "dossier": d} for b, d in items]})
        if answer is not None:
            for (_, dossier), result in zip(items, answer["results"], strict=True):
                status = result["status"]
                self.stats.counters[f"push {status}"] += 1
                if status in ("accepted", "duplicate"):
                    self.mine[dossier["id"]] = dossier
                elif status == "conflict" and result.get("server"):
                    self.mine[dossier["id"]] = result["server"]  # a person would merge
                else:
                    self.stats.errors.append(f"push {status}: {result.get('reason')}")
        await self.pull()


class Partner(Client):
    """A partner agent: lists its inbox, follows some dossiers up."""

    def __init__(self, http: httpx.AsyncClient, stats: Stats, token: str,
                 rng: random.Random) -> None:
        super().__init__(http, stats, token)
        self.rng = rng

    async def round(self) -> None:
        inbox = await self.call("GET /partner/dossiers", "GET", "/partner/dossiers")
        if not inbox or not inbox["items"]:
            return
        rows = inbox["items"]  # the first page of the list; the agent opens what it follows up
        self.stats.counters["inbox rows"] += len(rows)
        for dossier in self.rng.sample(rows, min(len(rows), self.rng.randint(1, 3))):
            opened = await self.call("GET /partner/dossiers/{id}", "GET",
                                     f"/partner/dossiers/{dossier['id']}")
            if opened is None:
                continue
            status, outcome = self.rng.choice(FOLLOW_UP)
            done = await self.call(
                "POST /partner/dossiers/{id}/orientation", "POST",
                f"/partner/dossiers/{dossier['id']}/orientation",
                json={"status": status, "outcome": outcome,
                      "note": "Contact pris avec le cotisant ; échéancier proposé."})
            if done is not None:
                self.stats.counters["follow-ups"] += 1


async def _drive(clients: list[Workstation | Partner], seconds: float,
                 think: float, seed: int) -> float:
    """Run every client's rounds until ``seconds`` have passed; the measured duration."""
    started = time.perf_counter()
    deadline = started + seconds

    async def loop(client: Workstation | Partner, rng: random.Random) -> None:
        await asyncio.sleep(rng.uniform(0, think))  # not all in step
        while time.perf_counter() < deadline:
            await client.round()
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    await asyncio.gather(*(loop(c, random.Random(seed + i)) for i, c in enumerate(clients)))
    return time.perf_counter() - started


async def _scenario(address: str, args: argparse.Namespace,
                    logins: list[tuple[str, str, str]], store: dict[str, Any]) -> dict[str, Any]:
    """The measured window. ``store``: what the workstations start from (``cursor``: the
    store's change counter, every workstation having synced before; ``first``: the first free
    number of each workstation code; ``known``: by site, dossiers already stored that its
    workstations may update)."""
    stats = Stats()
    rng = random.Random(args.seed)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    https = [httpx.AsyncClient(base_url=address, timeout=60, limits=limits) for _ in logins]
    try:
        tokens = []
        for http, (login, _role, _site) in zip(https, logins, strict=True):
            answer = await http.post("/auth/login", json={"login": login, "password": PASSWORD})
            answer.raise_for_status()
            tokens.append(answer.json()["token"])
        clients: list[Workstation | Partner] = []
        per_site: dict[str, int] = defaultdict(int)
        for index, (http, token, (_login, role, site)) in enumerate(
                zip(https, tokens, logins, strict=True)):
            if role == "partenaire":
                clients.append(Partner(http, stats, token, random.Random(rng.random())))
                continue
            per_site[site] += 1
            # workstation numbers from 11: 09 and 10 are the preload's and the baseline's
            code = f"{10 + per_site[site]:02d}"
            first = store["first"].get(f"{site}-{code}", 1)
            pool = demo_pool(args.pool, seed=1000 + index + 7919 * (first - 1), site=site,
                             workstation=code, first=first)
            known = store["known"].get(site, [])[(per_site[site] - 1) * args.known:
                                                 per_site[site] * args.known]
            # In sync before measuring, as a workstation that synced before: its cursor at
            # the store's last change (its site's pull from 0 would be every dossier of it).
            clients.append(Workstation(http, stats, token, pool, random.Random(rng.random()),
                                       cursor=store["cursor"], known=known))
        measured = Stats()
        for c in clients:
            c.stats = measured
        duration = await _drive(clients, args.seconds, args.think, args.seed)
        return {"stats": measured, "duration": duration}
    finally:
        for http in https:
            await http.aclose()


def _preload(address: str, count: int) -> None:
    """``count`` dossiers spread over the sites, pushed by one agent per site."""
    per_site = count // len(SITES)
    for n, site in enumerate(SITES):
        token = httpx.post(f"{address}/auth/login", json={"login": f"preload.{site.lower()}",
                                                          "password": PASSWORD},
                           timeout=60).json()["token"]
        records = demo_pool(per_site, seed=n, site=site, workstation=PRELOAD_WORKSTATION)
        with httpx.Client(base_url=address, timeout=300,
                          headers={"Authorization": f"Bearer {token}"}) as http:
            for start in range(0, len(records), 200):
                batch = records[start:start + 200]
                answer = http.post("/sync/push", json={
                    "dossiers": [{"base_revision": None, "dossier": d} for d in batch]})
                answer.raise_for_status()
                refused = [r for r in answer.json()["results"] if r["status"] != "accepted"]
                if refused:
                    raise RuntimeError(f"preload refused: {refused[:2]}")


def _baseline(address: str, partner_login: str | None, first: int = 1) -> dict[str, float]:
    """Median milliseconds of each kind of request sent alone (one client, median of 5), on
    the preloaded store: what saturation adds to is the difference with the concurrent run."""
    def login(name: str) -> dict[str, str]:
        answer = httpx.post(f"{address}/auth/login", json={"login": name, "password": PASSWORD},
                            timeout=60)
        answer.raise_for_status()
        return {"Authorization": f"Bearer {answer.json()['token']}"}

    def median_ms(send: Any) -> float:
        times = []
        for attempt in range(5):
            started = time.perf_counter()
            send(attempt).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
        return sorted(times)[2]

    out: dict[str, float] = {}
    pool = demo_pool(15, seed=99 + first, site=SITES[0], workstation=BASELINE_WORKSTATION,
                     first=first)
    with httpx.Client(base_url=address, timeout=60) as http:
        counter = login(f"preload.{SITES[0].lower()}")
        out["POST /sync/push (3 new dossiers)"] = median_ms(lambda n: http.post(
            "/sync/push", headers=counter, json={"dossiers": [
                {"base_revision": None, "dossier": d} for d in pool[3 * n:3 * n + 3]]}))
        out["GET /sync/pull (a page of 200 changes)"] = median_ms(lambda n: http.get(
            "/sync/pull", headers=counter, params={"since": 0, "limit": 200}))
        out["GET /sync/pull (nothing new)"] = median_ms(lambda n: http.get(
            "/sync/pull", headers=counter, params={"since": 2**40, "limit": 200}))
        if partner_login is not None:
            partner = login(partner_login)
            rows = len(http.get("/partner/dossiers", headers=partner).json()["items"])
            out[f"GET /partner/dossiers (a page of {rows} rows)"] = median_ms(
                lambda n: http.get("/partner/dossiers", headers=partner))
    return out


def _agents(clients: int, partners: int) -> list[tuple[str, str, str]]:
    """(login, role, site or organisme) of each measured client."""
    out = []
    for i in range(clients - partners):
        site = SITES[i % len(SITES)]
        out.append((f"ws{i + 1:02d}.{site.lower()}", "accueil", site))
    for i in range(partners):
        organisme = ORGANISMES[i % len(ORGANISMES)]
        out.append((f"partner{i + 1:02d}.{organisme}", "partenaire", organisme))
    return out


def _summary(stats: Stats, duration: float) -> dict[str, Any]:
    def figures(values: list[float]) -> dict[str, float]:
        return {"requests": len(values), "per_s": len(values) / duration,
                "p50_ms": percentile(values, 50) * 1000, "p95_ms": percentile(values, 95) * 1000,
                "p99_ms": percentile(values, 99) * 1000, "max_ms": max(values) * 1000}

    every = [v for values in stats.latencies.values() for v in values]
    return {"duration_s": duration,
            "endpoints": {k: figures(v) for k, v in sorted(stats.latencies.items())},
            "all": figures(every), "errors": len(stats.errors),
            "error_samples": stats.errors[:5], "counters": dict(sorted(stats.counters.items()))}


def _store_state(url: str, clients: int, known: int) -> dict[str, Any]:
    """What the clients start from, read from the store before the measured window: its
    change counter, its dossiers and size, the first free number of each workstation code
    (a kept database has those of earlier runs) and, by site, ``known`` dossiers per
    workstation of the site already stored (the preload's or the fill's, chosen at random)."""
    import psycopg

    from benchmarks.common import plain_url

    with psycopg.connect(plain_url(url)) as conn:
        counter = conn.execute("SELECT value FROM sync_counter WHERE id = 1").fetchone()
        dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        first = {f"{site}-{code}": int(last) + 1 for site, code, last in conn.execute(
            "SELECT site, substr(number, 8, 2), max(right(number, 6)::integer) FROM dossiers "
            "WHERE substr(number, 8, 2) >= %s GROUP BY 1, 2", (BASELINE_WORKSTATION,))}
        out: dict[str, list[dict[str, Any]]] = {}
        per_site = -(-clients // len(SITES))
        if known:
            for site in SITES:
                out[site] = [json.loads(text) for (text,) in conn.execute(
                    "SELECT payload FROM dossiers WHERE site = %s AND substr(number, 8, 2) "
                    "= %s ORDER BY md5(id::text) LIMIT %s",
                    (site, PRELOAD_WORKSTATION, per_site * known))]
    return {"cursor": int(counter[0]) if counter else 0,
            "dossiers": int(dossiers[0]) if dossiers else 0,
            "size_bytes": int(size[0]) if size else 0, "first": first, "known": out}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from sqlalchemy import select

    from app.server.admin import create_agent, open_server_engine
    from app.server.models import Agent
    from benchmarks import bench_inbox

    base = workdir()
    env = isolated_env(base)
    name = args.database or _create_database()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    server: subprocess.Popen[bytes] | None = None
    logins = _agents(args.clients, args.partners)
    fill_seconds = None
    try:
        if args.preload_fill and not args.database:
            fill_seconds = bench_inbox.fill(url, args.preload_fill, datetime.now(UTC))
            print(f"filled {args.preload_fill:,} dossiers in {fill_seconds:.0f} s", flush=True)
        engine = open_server_engine(url)
        with engine.connect() as connection:
            existing = set(connection.execute(select(Agent.login)).scalars())
        for login, role, where in logins:
            if login not in existing:
                create_agent(engine, login=login, role=role, password=PASSWORD,
                             organisme=where if role == "partenaire" else "urssaf",
                             site=where if role == "accueil" else "REN")
        for site in SITES:
            if f"preload.{site.lower()}" not in existing:
                create_agent(engine, login=f"preload.{site.lower()}", role="accueil",
                             organisme="urssaf", site=site, password=PASSWORD)
        engine.dispose()
        port = _free_port()
        log = (base / "serve.log").open("wb")
        server = subprocess.Popen([sys.executable, "-m", "app", "serve", "--database", url,
                                   "--port", str(port), "--workers", str(args.workers)],
                                  env=env, stdout=log,
                                  stderr=subprocess.STDOUT)
        log.close()
        address = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                httpx.get(f"{address}/stats/counts", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        filled = bool(args.preload_fill or args.database)
        if not filled:
            _preload(address, args.preload)
        partners = [login for login, role, _ in logins if role == "partenaire"]
        before = _store_state(url, 0, 0)
        baseline = _baseline(address, partners[0] if partners else None,
                             before["first"].get(f"{SITES[0]}-{BASELINE_WORKSTATION}", 1))
        store = _store_state(url, args.clients - args.partners, args.known)
        load_before = os.getloadavg()
        result = asyncio.run(_scenario(address, args, logins, store))
        load_after = os.getloadavg()
        out = _summary(result["stats"], result["duration"])
        out.update(baseline_ms=baseline, clients=args.clients, partners=args.partners,
                   think_s=args.think, dossiers=store["dossiers"],
                   database_mib=store["size_bytes"] / 2**20, known=args.known,
                   preload=(f"filled with {args.preload_fill:,} dossiers "
                            f"(benchmarks.bench_inbox.fill, {fill_seconds:.0f} s)"
                            if fill_seconds is not None
                            else f"the filled database {args.database}" if args.database
                            else f"{args.preload:,} dossiers pushed"),
                   load_before=load_before, load_after=load_after,
                   server=f"{args.workers} uvicorn worker process"
                          f"{'es' if args.workers > 1 else ''} (sync routes in each one's thread "
                          "pool), PostgreSQL 127.0.0.1")
        return out
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if args.keep or args.database:
            print(f"database kept: {name}", file=sys.stderr)
        else:
            _drop_database(name)
        if server is not None and (base / "serve.log").stat().st_size:
            print((base / "serve.log").read_text("utf-8", "replace")[-2000:], file=sys.stderr)


def markdown(result: dict[str, Any], command: str) -> str:
    lines = [f"Machine: {machine()}; {time.strftime('%Y-%m-%d')}; load average "
             f"{' / '.join(f'{x:.2f}' for x in result['load_before'])} before, "
             f"{' / '.join(f'{x:.2f}' for x in result['load_after'])} after; command: "
             f"`{command}`", "",
             f"{result['clients']} clients ({result['clients'] - result['partners']} "
             f"workstations over 5 sites, {result['partners']} partner agents), think time "
             f"{result['think_s']} s ± 50 %, {result['duration_s']:.0f} s measured; store: "
             f"{result['preload']}, {result['dossiers']:,} dossiers and "
             f"{result['database_mib']:,.0f} MiB at the start, each workstation in sync (its "
             f"cursor at the store's last change) and holding {result['known']} of its site's "
             f"stored dossiers it may update; server: {result['server']}.", "",
             "| endpoint | requests | req/s | p50 | p95 | p99 | max |",
             "|---|---|---|---|---|---|---|"]
    rows = list(result["endpoints"].items()) + [("all requests", result["all"])]
    for endpoint, f in rows:
        lines.append(f"| {endpoint} | {f['requests']:,} | {f['per_s']:.1f} | "
                     f"{f['p50_ms']:.0f} ms | {f['p95_ms']:.0f} ms | {f['p99_ms']:.0f} ms | "
                     f"{f['max_ms']:.0f} ms |")
    counters = ", ".join(f"{k}: {v:,}" for k, v in result["counters"].items())
    lines += ["", f"Errors: {result['errors']}. What the clients did: {counters}.", "",
              "Each request alone (one client, median of 5, before the concurrent run): "
              + "; ".join(f"{k} {v:.0f} ms" for k, v in result["baseline_ms"].items()) + "."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_concurrency")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--partners", type=int, default=10,
                        help="how many of the clients are partner agents")
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between a client's rounds, in seconds")
    parser.add_argument("--preload", type=int, default=2000,
                        help="dossiers pushed to the store before the measured window")
    parser.add_argument("--preload-fill", type=int, default=0, metavar="N",
                        help="instead, fill the store with N dossiers in SQL "
                             "(benchmarks.bench_inbox.fill: 1 000 000 in a few minutes)")
    parser.add_argument("--database",
                        help="an already filled database (its agents added when missing; "
                             "not dropped)")
    parser.add_argument("--keep", action="store_true", help="keep the database it made")
    parser.add_argument("--known", type=int, default=5,
                        help="stored dossiers of its site each workstation may update")
    parser.add_argument("--pool", type=int, default=200,
                        help="new dossiers each workstation can create")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1,
                        help="processes of the store (accueil-ti serve --workers)")
    args = parser.parse_args(argv)
    if not 0 <= args.partners < args.clients:
        parser.error("--partners: expected 0 to --clients minus 1")
    result = run(args)
    print(json.dumps(result, indent=2, default=str))
    command = "python -m benchmarks.bench_concurrency " + " ".join(
        sys.argv[1:] if argv is None else argv)
    print()
    print(markdown(result, command.strip()))
    results = Path("benchmarks/out")
    results.mkdir(parents=True, exist_ok=True)
    (results / "concurrency.json").write_text(json.dumps(result, indent=2, default=str),
                                              encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
