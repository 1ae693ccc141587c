"""The plan of every SQL statement the central store runs for the requests of real sync rounds,
on a PostgreSQL store of 1 000 000 dossiers (issue 18: « every request's cost independent of the
number of dossiers except through the page it returns »).

    python -m benchmarks.bench_explain [--dossiers N] [--database NAME] [--keep]

The store is filled as ``benchmarks.bench_inbox`` fills it (N whole dossiers of the five sites
with every row the store keeps of them: demo dossiers pushed and followed up, replicated in
SQL), or ``--database`` names one already filled (not dropped). The store runs in this process
(``app.server.app.create_app`` behind Starlette's TestClient); a ``before_cursor_execute``
listener on its engine records every statement, its parameters and the request (method and
path template) that sent it. The requests are those a
workstation of BRE and a partner agent of the Urssaf send, through ``app.sync.client.SyncClient``
on a local store in a throwaway folder (file keyring):

- the counter agent's login and ``GET /health``;
- round (a): the workstation registers and pushes 20 demo dossiers of its site, pulls them back,
  reads the processing times and the site settings;
- the partner: login, its inbox's first page, one of the pushed dossiers opened, its follow-up
  changed (``POST /partner/dossiers/{id}/orientation``);
- round (b): the workstation pulls that follow-up;
- round (c): a round with nothing to do;
- a second workstation asking for the code BRE-01, held by the first: it is offered another.

Each distinct statement of each request (its text normalised: placeholders, IN lists and
repeated VALUES rows folded) is run again, with the parameters of its first call (the first row
of an executemany), under ``EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`` on a separate psycopg
connection, in a transaction rolled back (ANALYZE executes writes). A write that cannot run again
(a key the request inserted already) is explained without ANALYZE. Statements that have no plan
(SET, SAVEPOINT, COPY, advisory locks, catalogue queries…) are listed as skipped.

Flagged: a Seq Scan on a table that grows with the dossiers; any scan of such a table reading
more than ``--read-rows`` rows; a Sort of more than ``--sort-rows`` rows. A Seq Scan on such a
table that is small in this store (one the fill does not write: tombstones, call lists…) is
explained again with ``enable_seqscan = off``: when an index then serves it, the flag says so
(the planner's choice on a small table, not a scan that grows).

Printed as Markdown: per request, each statement shortened, its plan's path, actual rows,
execution time, shared buffers hit/read and its flags; the flagged plans in full; a summary
line; the load average before and after; the command.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
import time
import uuid
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg

from benchmarks import bench_inbox
from benchmarks.common import machine, plain_url, use_isolated_keyring, workdir

COUNTER_LOGIN = "bench.bre"  # the counter agent of benchmarks.bench_idle_round
PASSWORD = "bench-password"
PUSHED = 20

# Tables whose row count grows with the number of dossiers (not with agents, sites or
# workstations).
GROWING = frozenset({
    "dossiers", "dossier_revisions", "consents", "orientations", "partner_inbox",
    "dossier_facts", "dossier_answers", "dossier_aids", "audit_log", "audit_listed",
    "appointments", "tombstones", "anonymous_facts", "call_entries", "call_signals",
    "call_attempts", "call_entry_aliases",
})
SMALL_TABLE = 10_000  # below it, a Seq Scan is checked again with enable_seqscan = off
READ_ROWS = 5_000  # a scan of a growing table reading more is flagged
SORT_ROWS = 1_000  # a sort of more rows is flagged

_SKIP = (
    (re.compile(r"^\s*(SET|RESET|SHOW)\b", re.I), "a setting"),
    (re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION|END)\b", re.I),
     "transaction control"),
    (re.compile(r"^\s*(SAVEPOINT|RELEASE|ROLLBACK\s+TO)\b", re.I), "a savepoint"),
    (re.compile(r"^\s*COPY\b", re.I), "COPY"),
    (re.compile(r"^\s*(LOCK|LISTEN|NOTIFY|VACUUM|ANALYZE|CREATE|ALTER|DROP)\b", re.I),
     "not a query"),
    (re.compile(r"pg_(try_)?advisory", re.I), "an advisory lock"),
    (re.compile(r"\bpg_catalog\.|\binformation_schema\.|\bversion\(\)|current_schema\(\)", re.I),
     "a catalogue query"),
)

_PLACEHOLDER = re.compile(r"%\(\w+\)s")
_CAST = r"(?:::[\w\[\]]+(?:\(\d+\))?)?"
_ITEM = r"(?:\?" + _CAST + r"|-?\d+)"
_TUPLE = r"\((?:\s*" + _ITEM + r"\s*,)*\s*" + _ITEM + r"\s*\)"


def normalized(statement: str) -> str:
    """``statement`` with its whitespace collapsed, its placeholders written ``?`` (their bind
    cast kept), IN lists and repeated VALUES rows folded: one text for every call of the same
    statement whatever the number of its parameters."""
    text = " ".join(statement.split())
    text = _PLACEHOLDER.sub("?", text)
    # VALUES (?, ?), (?, ?) … and insertmanyvalues' rows (with their sentinel numbers)
    text = re.sub(r"(" + _TUPLE + r")(?:\s*,\s*" + _TUPLE + r")+", r"\1, …", text)
    # IN (?, ?, ?) and ARRAY[?, ?]
    text = re.sub(r"\b(IN\s*)\((\?" + _CAST + r")(?:\s*,\s*\?" + _CAST + r")+\)", r"\1(\2, …)",
                  text, flags=re.I)
    text = re.sub(r"ARRAY\[(\?" + _CAST + r")(?:\s*,\s*\?" + _CAST + r")+\]", r"ARRAY[\1, …]",
                  text)
    return text


def _top_level(text: str, word: str, start: int = 0) -> int:
    """Where `` word `` first stands outside parentheses in ``text`` after ``start``, or -1."""
    depth, target, upper = 0, f" {word} ", text.upper()
    for index in range(start, len(text)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and upper.startswith(target, index):
            return index
    return -1


def _fold(text: str, head: str, ends: Sequence[str], minimum: int = 30) -> str:
    """``text`` with what stands between ``head`` (its start) and the first of ``ends`` at the
    top level written ``…`` when longer than ``minimum``."""
    if not text.upper().startswith(head):
        return text
    found = [i for i in (_top_level(text, end, len(head)) for end in ends) if i >= 0]
    if not found or min(found) - len(head) < minimum:
        return text
    return f"{text[:len(head)]} …{text[min(found):]}"


def shortened(text: str, width: int = 90) -> str:
    """A normalised statement cut to about ``width`` characters, its column lists folded."""
    text = _fold(text, "SELECT DISTINCT", ("FROM",)) if text.upper().startswith(
        "SELECT DISTINCT") else _fold(text, "SELECT", ("FROM",))
    text = re.sub(r"^(INSERT INTO \S+)\s*\([^()]*\)\s*(VALUES|SELECT)", r"\1 (…) \2", text,
                  flags=re.I)
    if text.upper().startswith("UPDATE "):
        head = text[:_top_level(text, "SET") + 4] if _top_level(text, "SET") > 0 else ""
        if head:
            text = _fold(text, head.upper(), ("WHERE", "FROM", "RETURNING"))
    returning = _top_level(text, "RETURNING")
    if returning >= 0 and len(text) - returning > 30:
        text = text[:returning] + " RETURNING …"
    return text if len(text) <= width else text[:width - 1] + "…"


def skip_reason(statement: str) -> str | None:
    """Why ``statement`` cannot be explained, or None."""
    for pattern, reason in _SKIP:
        if pattern.search(statement):
            return reason
    return None


# --------------------------------------------------------------------------- plans


def walk(node: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """``node`` and every node under it, depth first."""
    yield node
    for child in node.get("Plans", ()):
        yield from walk(child)


def node_label(node: Mapping[str, Any]) -> str:
    kind = str(node["Node Type"])
    if kind == "ModifyTable":
        kind = str(node.get("Operation", kind))
    if node.get("Index Name"):
        kind += f" using {node['Index Name']}"
    if node.get("Relation Name"):
        kind += f" on {node['Relation Name']}"
    return kind


def plan_path(node: Mapping[str, Any]) -> str:
    """The plan as a path of its nodes: ``Limit → Index Scan using ix_… on dossiers``;
    several children in brackets, separated by ``;``."""
    children = node.get("Plans", ())
    head = node_label(node)
    if not children:
        return head
    if len(children) == 1:
        return f"{head} → {plan_path(children[0])}"
    return f"{head} → [" + " ; ".join(plan_path(c) for c in children) + "]"


def _rows(node: Mapping[str, Any]) -> float:
    """The rows a node returned over all its loops (its estimate when not run)."""
    if "Actual Rows" in node:
        return float(node["Actual Rows"]) * float(node.get("Actual Loops", 1) or 1)
    return float(node.get("Plan Rows", 0))


def _read(node: Mapping[str, Any]) -> float:
    """The rows a scan read: returned plus removed by its filter or its index recheck."""
    loops = float(node.get("Actual Loops", 1) or 1)
    removed = (float(node.get("Rows Removed by Filter", 0))
               + float(node.get("Rows Removed by Index Recheck", 0))) * loops
    return _rows(node) + removed


def plan_flags(plan: Mapping[str, Any], growing: frozenset[str] = GROWING, *,
               read_rows: int = READ_ROWS, sort_rows: int = SORT_ROWS) -> list[str]:
    """What in ``plan`` (the "Plan" node of an EXPLAIN in JSON) grows with the dossiers."""
    flags: list[str] = []
    for node in walk(plan):
        kind, relation = str(node["Node Type"]), node.get("Relation Name")
        if relation in growing and kind == "Seq Scan":
            flags.append(f"Seq Scan on {relation} ({_read(node):,.0f} rows read)")
        elif relation in growing and kind.endswith("Scan") and _read(node) > read_rows:
            flags.append(f"{node_label(node)} reads {_read(node):,.0f} rows")
        if kind in ("Sort", "Incremental Sort"):
            sorted_rows = sum(_rows(c) for c in node.get("Plans", ()))
            if sorted_rows > sort_rows:
                flags.append(f"Sort of {sorted_rows:,.0f} rows")
    return [f.replace(",", " ") for f in flags]


def seq_scanned(plan: Mapping[str, Any], growing: frozenset[str] = GROWING) -> set[str]:
    return {str(n["Relation Name"]) for n in walk(plan)
            if n["Node Type"] == "Seq Scan" and n.get("Relation Name") in growing}


def buffers(plan: Mapping[str, Any]) -> tuple[int, int]:
    """Shared blocks hit and read by the whole plan (its root's counts include its children)."""
    return int(plan.get("Shared Hit Blocks", 0)), int(plan.get("Shared Read Blocks", 0))


# --------------------------------------------------------------------------- recording


@dataclass
class Call:
    request: str  # "GET /partner/dossiers/{dossier_id}"
    phase: str
    statement: str
    parameters: Any
    rows: int  # parameter sets (executemany)


@dataclass
class Recorder:
    """Every statement the store's engine sends during a request, and the request's time."""

    phase: str = ""
    current: str | None = None
    calls: list[Call] = field(default_factory=list)
    outside: int = 0
    seconds: dict[str, list[float]] = field(default_factory=dict)
    phases: dict[str, list[str]] = field(default_factory=dict)

    def listener(self, _conn: Any, _cursor: Any, statement: str, parameters: Any,
                 _context: Any, executemany: bool) -> None:
        if self.current is None:
            self.outside += 1
            return
        rows = 1
        if executemany:
            rows = len(parameters)
            parameters = parameters[0] if parameters else None
        if isinstance(parameters, Mapping):
            parameters = dict(parameters)
        elif isinstance(parameters, list):
            parameters = tuple(parameters)
        self.calls.append(Call(self.current, self.phase, statement, parameters, rows))

    def copy_wrapper(self, copy: Any) -> Any:
        """``psycopg.Cursor.copy`` recording its statement and counting the rows written."""
        recorder = self

        @contextmanager
        def recorded(cursor: Any, statement: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
            with copy(cursor, statement, *args, **kwargs) as inner:
                if recorder.current is None:
                    yield inner
                    return
                text = statement if isinstance(statement, str) else repr(statement)
                call = Call(recorder.current, recorder.phase, text, None, 0)
                recorder.calls.append(call)
                yield _CountingCopy(inner, call)

        return recorded

    def request(self, key: str, seconds: float) -> None:
        self.seconds.setdefault(key, []).append(seconds)
        phases = self.phases.setdefault(key, [])
        if self.phase not in phases:
            phases.append(self.phase)


class _CountingCopy:
    """A psycopg Copy counting the rows written into its :class:`Call`."""

    def __init__(self, inner: Any, call: Call) -> None:
        self._inner, self._call = inner, call

    def write_row(self, row: Any) -> None:
        self._call.rows += 1
        self._inner.write_row(row)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def route_template(app: Any, method: str, path: str) -> str:
    """The path template of the route answering ``method path`` (the path itself if none)."""
    from starlette.routing import Match

    from app.server.app import ROUTERS

    scope = {"type": "http", "path": path, "root_path": "", "method": method.upper()}
    routes = [r for r in app.router.routes if hasattr(r, "path")]  # FastAPI wraps included
    routes += [r for router in ROUTERS for r in router.routes]  # routers: look inside them
    for route in routes:
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return str(route.path)
    return path


def recording_client(app: Any, recorder: Recorder) -> Any:
    """A TestClient on ``app`` telling ``recorder`` which request runs."""
    import httpx

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient

    class RecordingClient(TestClient):
        def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> Any:
            path = httpx.URL(str(url)).path
            key = f"{method.upper()} {route_template(app, method, path)}"
            recorder.current = key
            started = time.perf_counter()
            try:
                return super().request(method, url, *args, **kwargs)
            finally:
                recorder.current = None
                recorder.request(key, time.perf_counter() - started)

    return RecordingClient(app)


def _records(count: int) -> list[dict[str, Any]]:
    """Demo dossiers of the workstation BRE-01 (as benchmarks.bench_sync makes those of REN)."""
    from app.demo import counter_only, demo_records
    from app.forms.questionnaire import load_questionnaire

    records = []
    for index, record in enumerate(demo_records(count, load_questionnaire(), seed=18), 1):
        counter_only(record)
        year = record["created_at"][:4]
        # ids of their own: a database kept from another run already holds the demo's
        record.update(id=str(uuid.uuid4()), site="BRE", workstation="01", channel="accueil",
                      number=f"TI-BRE-01-{year}-{index:06d}")
        for consent in record["consents"]:
            consent["mode"] = "signe_accueil"
        records.append(record)
    return records


def _visible_to(record: Mapping[str, Any]) -> list[str]:
    """The organismes a record is oriented to with their consent (the partners who see it)."""
    given = {c["organisme"] for c in record["consents"]
             if c.get("given") and not c.get("revoked_at")}
    return [o["organisme"] for o in record["orientations"] if o["organisme"] in given]


def run_requests(url: str, pushed: int = PUSHED) -> Recorder:
    """Drive the requests of the module's scenario against the store on ``url``, in this
    process, and return what its engine ran for each."""
    base = workdir()
    use_isolated_keyring(base)
    from sqlalchemy import event, func, insert, select, update

    from app.models.database import open_store
    from app.models.entities import SyncCursor
    from app.models.repository import import_records
    from app.server.admin import create_agent
    from app.server.app import create_app
    from app.server.models import Agent, Dossier, SyncCounter
    from app.sync import workstation
    from app.sync.client import SyncClient

    records = _records(pushed)
    pick = next((r for r in records if "urssaf" in _visible_to(r)),
                next(r for r in records if _visible_to(r)))
    organisme = "urssaf" if "urssaf" in _visible_to(pick) else _visible_to(pick)[0]
    partner_login = bench_inbox.LOGIN if organisme == "urssaf" else f"bench.{organisme}"

    app = create_app(url)
    engine = app.state.engine
    with engine.begin() as connection:
        last = connection.execute(select(func.max(Dossier.change_seq))).scalar() or 0
        # the counter at the last change at least (a database filled by an older fill did not
        # move it: a push would take change 1 again)
        counter = connection.execute(update(SyncCounter).where(SyncCounter.id == 1).values(
            value=func.greatest(SyncCounter.value, last)))
        if counter.rowcount == 0:
            connection.execute(insert(SyncCounter).values(id=1, value=last))
        logins = set(connection.execute(select(Agent.login)).scalars())
    for login, org, site, role in ((COUNTER_LOGIN, "urssaf", "BRE", "accueil"),
                                   (partner_login, organisme, "REN", "partenaire")):
        if login not in logins:
            create_agent(engine, login=login, organisme=org, site=site, role=role,
                         password=PASSWORD)
    recorder = Recorder()
    event.listen(engine, "before_cursor_execute", recorder.listener)
    copy = psycopg.Cursor.copy  # COPY (app.server.services.common.insert_rows) is no execute
    psycopg.Cursor.copy = recorder.copy_wrapper(copy)  # type: ignore[method-assign]
    try:
        with recording_client(app, recorder) as http, \
                open_store(base / "workstation", site_code="BRE", workstation_code="01") as store:
            recorder.phase = "login"
            answer = http.post("/auth/login", json={"login": COUNTER_LOGIN,
                                                    "password": PASSWORD})
            answer.raise_for_status()
            token = answer.json()["token"]
            http.get("/health").raise_for_status()
            with store.transaction() as session:
                import_records(session, records, agent="bench")
            client = SyncClient(store, http, token=token)
            with store.transaction() as session:  # pull only what this run writes
                session.add(SyncCursor(server=client.server_key, cursor=int(last),
                                       updated_at=datetime.now(UTC)))

            recorder.phase = f"round (a): push {pushed}"
            summary = client.run_round()
            if summary.errors or summary.pushed != pushed:
                raise RuntimeError(f"round (a) did not push {pushed}: {summary.line()}")

            recorder.phase = "partner"
            answer = http.post("/auth/login", json={"login": partner_login,
                                                    "password": PASSWORD})
            answer.raise_for_status()
            partner = {"Authorization": f"Bearer {answer.json()['token']}"}
            http.get("/partner/dossiers", headers=partner).raise_for_status()
            http.get(f"/partner/dossiers/{pick['id']}", headers=partner).raise_for_status()
            http.post(f"/partner/dossiers/{pick['id']}/orientation", headers=partner,
                      json={"status": "en_cours", "note": "Dossier pris en charge"}
                      ).raise_for_status()

            recorder.phase = "round (b): pull a follow-up"
            summary = client.run_round()
            if summary.errors or summary.pulled < 1:
                raise RuntimeError(f"round (b) pulled nothing: {summary.line()}")

            recorder.phase = "round (c): idle"
            summary = client.run_round()
            if summary.errors or summary.pulled or summary.pushed or not summary.in_sync:
                raise RuntimeError(f"round (c) was not idle: {summary.line()}")

        recorder.phase = "another workstation asks for BRE-01 (taken)"
        with recording_client(app, recorder) as http, \
                open_store(base / "other", site_code="BRE", workstation_code="01") as other:
            notices = workstation.check(SyncClient(other, http, token=token))
            if not notices:
                raise RuntimeError("the second workstation kept the code BRE-01")
    finally:
        psycopg.Cursor.copy = copy  # type: ignore[method-assign]
        event.remove(engine, "before_cursor_execute", recorder.listener)
        engine.dispose()
    return recorder


# --------------------------------------------------------------------------- explaining


@dataclass
class Explained:
    request: str
    text: str  # normalised
    statement: str
    parameters: Any
    calls: int = 0
    rows: int = 0  # parameter sets over every call
    phases: list[str] = field(default_factory=list)
    skipped: str | None = None
    plan: dict[str, Any] | None = None  # the JSON EXPLAIN's first element
    analyzed: bool = True
    error: str = ""
    flags: list[str] = field(default_factory=list)
    benign: dict[str, str] = field(default_factory=dict)  # table -> plan without seq scans
    text_plan: str = ""


def _explain(conn: psycopg.Connection[Any], statement: str, parameters: Any, *,
             analyze: bool = True, seqscan: bool = True, text: bool = False) -> Any:
    options = ("ANALYZE, BUFFERS, " if analyze else "") + ("FORMAT TEXT" if text
                                                         else "FORMAT JSON")
    with conn.transaction(force_rollback=True):
        if not seqscan:
            conn.execute("SET LOCAL enable_seqscan = off")
        rows = conn.execute(f"EXPLAIN ({options}) {statement}", parameters).fetchall()
    if text:
        return "\n".join(str(r[0]) for r in rows)
    return rows[0][0][0]


def group(calls: Sequence[Call]) -> list[Explained]:
    """One entry per request and normalised statement, in the order first seen."""
    found: dict[tuple[str, str], Explained] = {}
    for call in calls:
        text = normalized(call.statement)
        entry = found.get((call.request, text))
        if entry is None:
            entry = found[(call.request, text)] = Explained(
                call.request, text, call.statement, call.parameters,
                skipped=skip_reason(call.statement))
        entry.calls += 1
        entry.rows += call.rows
        if call.phase not in entry.phases:
            entry.phases.append(call.phase)
    return list(found.values())


def explain_all(url: str, entries: Sequence[Explained], sizes: Mapping[str, int]) -> None:
    with psycopg.connect(plain_url(url), autocommit=True) as conn:
        conn.execute("SET lock_timeout = '5s'")
        conn.execute("SET statement_timeout = '600s'")
        for entry in entries:
            if entry.skipped:
                continue
            try:
                entry.plan = _explain(conn, entry.statement, entry.parameters)
            except psycopg.Error as exc:
                entry.error = _why(exc)
                entry.analyzed = False
                try:
                    entry.plan = _explain(conn, entry.statement, entry.parameters,
                                          analyze=False)
                except psycopg.Error as again:
                    entry.skipped = "cannot be explained: " + " ".join(str(again).split())[:120]
                    continue
            assert entry.plan is not None
            root = entry.plan["Plan"]
            entry.flags = plan_flags(root)
            for table in sorted(seq_scanned(root)):
                if sizes.get(table, 0) >= SMALL_TABLE:
                    continue
                try:
                    other = _explain(conn, entry.statement, entry.parameters,
                                     analyze=entry.analyzed, seqscan=False)
                except psycopg.Error:
                    continue
                if table not in seq_scanned(other["Plan"]):
                    entry.benign[table] = plan_path(other["Plan"])
            if entry.flags:
                try:
                    entry.text_plan = _explain(conn, entry.statement, entry.parameters,
                                               analyze=entry.analyzed, text=True)
                except psycopg.Error as exc:
                    entry.text_plan = f"(not explained again: {exc})"


def _why(exc: psycopg.Error) -> str:
    """One short line for a statement that could not run again."""
    diag = exc.diag
    if diag.sqlstate == "23505":
        return f"not run again: its key is in the table already ({diag.constraint_name})"
    return "not run again: " + " ".join(str(exc).split())[:120]


def table_sizes(url: str) -> dict[str, int]:
    sizes = {}
    with psycopg.connect(plain_url(url), autocommit=True) as conn:
        present = {r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
        for table in sorted(GROWING & present):
            row = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            sizes[table] = int(row[0]) if row else 0
    return sizes


# --------------------------------------------------------------------------- report


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def real_flags(entry: Explained) -> list[str]:
    """The flags that stay once a seq scan served by an index on a bigger table is set apart."""
    return [f for f in entry.flags
            if not any(f.startswith(f"Seq Scan on {t} ") for t in entry.benign)]


def report(entries: Sequence[Explained], recorder: Recorder, sizes: Mapping[str, int],
           dossiers: int) -> list[str]:
    lines = [f"## EXPLAIN of every request of a sync round, {dossiers:,} dossiers"
             .replace(",", " "), ""]
    lines.append("Rows in the tables that grow with the dossiers: " + ", ".join(
        f"{t} {n:,}".replace(",", " ") for t, n in sizes.items()) + ".")
    lines.append(f"Statements sent while no request ran: {recorder.outside} (the store's "
                 f"set-up and the agents are made before the listener is attached).")
    requests: dict[str, list[Explained]] = {}
    for entry in entries:
        requests.setdefault(entry.request, []).append(entry)
    for request, group_entries in requests.items():
        seconds = recorder.seconds.get(request, [])
        lines += ["", f"### {request}", "",
                  f"{len(seconds)} call(s) ({', '.join(recorder.phases.get(request, []))}), "
                  f"{sum(seconds) * 1000 / max(1, len(seconds)):.1f} ms each on average "
                  f"(in process, with the listener)", ""]
        lines.append("| # | statement | calls | plan | rows | ms | hit/read | flag |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for number, entry in enumerate(group_entries, 1):
            calls = f"{entry.calls}" + (f" ({entry.rows} rows)" if entry.rows > entry.calls
                                        else "")
            short = _cell(shortened(entry.text))
            if entry.skipped:
                lines.append(f"| {number} | `{short}` | {calls} | skipped: {entry.skipped} | "
                             f"| | | |")
                continue
            assert entry.plan is not None
            root = entry.plan["Plan"]
            path = plan_path(root)
            path = path if len(path) <= 220 else path[:219] + "…"
            hit, read = buffers(root)
            ms = (f"{entry.plan['Execution Time']:.2f}" if entry.analyzed
                  else "not run")
            rows = f"{_rows(root):,.0f}".replace(",", " ") if entry.analyzed else (
                f"est. {root.get('Plan Rows', 0)}")
            flag = "; ".join(
                f"⚠ {f}" if f in real_flags(entry) else f"({f}: {_benign(entry, f)})"
                for f in entry.flags)
            if not entry.analyzed:
                flag = (flag + "; " if flag else "") + f"EXPLAIN without ANALYZE, {entry.error}"
            lines.append(f"| {number} | `{short}` | {calls} | {_cell(path)} | {rows} | {ms} | "
                         f"{hit}/{read} | {_cell(flag)} |")
    flagged = [e for e in entries if e.flags]
    real = [e for e in flagged if real_flags(e)]
    if flagged:
        lines += ["", "### Flagged plans", ""]
        for entry in flagged:
            mark = "⚠" if real_flags(entry) else "(small table here, an index serves it)"
            lines += [f"**{entry.request}** {mark} — {'; '.join(entry.flags)}", "", "```sql",
                      entry.text, "```", "", "```", entry.text_plan, "```", ""]
            for table, path in entry.benign.items():
                lines += [f"With `enable_seqscan = off` ({table}): {path}", ""]
    explained = [e for e in entries if not e.skipped]
    skipped = [e for e in entries if e.skipped]
    unrun = sum(not e.analyzed for e in explained)
    lines += ["", f"**{len(explained)} statements explained** ({unrun} without ANALYZE), "
              f"{len(skipped)} skipped; **{len(flagged)} flagged**: "
              f"{len(real)} growing with the dossiers, {len(flagged) - len(real)} a Seq Scan "
              f"of a table small in this store that an index serves when seq scans are off."]
    return lines


def _benign(entry: Explained, flag: str) -> str:
    table = flag.split()[3] if flag.startswith("Seq Scan on ") else ""
    return f"{table} small here; an index serves it" if table in entry.benign else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_explain")
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--database", help="an already filled database (not dropped)")
    parser.add_argument("--keep", action="store_true", help="keep the database it fills")
    args = parser.parse_args(argv)
    command = "python -m benchmarks.bench_explain " + shlex.join(
        sys.argv[1:] if argv is None else argv)
    load_before = os.getloadavg()
    print(f"machine: {machine()}; {time.strftime('%Y-%m-%d')}; load average before: "
          f"{' '.join(f'{x:.2f}' for x in load_before)}", flush=True)
    with bench_inbox.filled_database(args.dossiers, args.database, args.keep) as url:
        started = time.perf_counter()
        recorder = run_requests(url)
        driven = time.perf_counter() - started
        sizes = table_sizes(url)
        entries = group(recorder.calls)
        started = time.perf_counter()
        explain_all(url, entries, sizes)
        explained = time.perf_counter() - started
        lines = report(entries, recorder, sizes, sizes.get("dossiers", 0))
    print()
    print("\n".join(lines))
    print(f"\nRequests driven in {driven:.1f} s, statements explained in {explained:.1f} s.")
    print(f"Command: `{command.strip()}`; load average before "
          f"{' '.join(f'{x:.2f}' for x in load_before)}, after "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
