"""Helpers of the sync fault tests: a central store process (``accueil-ti serve``) that can be
killed and restarted, an HTTP transport that kills it at chosen requests, a TCP proxy that cuts
connections, workstation data, and the end-state comparison of the two exports.

The end state is compared on the exports of both sides (``accueil-ti export`` on the workstation,
``accueil-ti admin export`` on the store): each dossier exactly once on each side, the same ids,
and for each id the same canonical JSON (sorted keys, no whitespace) of the whole record. No
field is excluded (``EXCLUDED_FIELDS`` is empty): the workstation's sync bookkeeping
(``sync_state``, ``server_revision``, the outbox) is not part of the export, and the store keeps
the pushed record as it was sent, so any difference is a lost or stale change.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, create_engine, func, inspect, select, text

from app.cli import main
from app.models.database import Store
from app.models.entities import Dossier, Outbox, SyncConflict, SyncQuarantine

SEED_ENV = "ACCUEIL_TI_FAULT_SEED"
EXCLUDED_FIELDS: frozenset[str] = frozenset()
REPO = Path(__file__).resolve().parents[2]


def fault_seed() -> int:
    """The seed of a fault test: ``$ACCUEIL_TI_FAULT_SEED`` when set, else a fresh one."""
    value = os.environ.get(SEED_ENV, "").strip()
    return int(value) if value else random.SystemRandom().randrange(2**32)


def free_port() -> int:
    """A free port below Linux's ephemeral range (32768+), so that while the store is down
    between a kill and its restart no outgoing connection takes its port."""
    picker = random.Random()
    for _ in range(200):
        port = picker.randrange(20000, 32000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 20000 and 32000")


def child_env(xdg: Path) -> dict[str, str]:
    """Environment of child processes: the file keyring under ``xdg``, never the user's."""
    env = dict(os.environ)
    env.update(PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               XDG_DATA_HOME=str(xdg), QT_QPA_PLATFORM="offscreen")
    env.pop("ACCUEIL_TI_HOME", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


# --------------------------------------------------------------------------- store process


class StoreProcess:
    """``accueil-ti serve`` on ``database_url`` and a fixed port, started, killed (SIGKILL) and
    restarted at will; its output goes to ``log``."""

    def __init__(self, database_url: str, env: Mapping[str, str], log: Path) -> None:
        self.database_url = database_url
        self.env = dict(env)
        self.log = log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.kills = 0

    def start(self, timeout: float = 60.0) -> None:
        """Start the store and wait until it answers HTTP."""
        assert self.process is None, "the store is already running"
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "app", "serve", "--database", self.database_url,
                 "--port", str(self.port)], env=self.env, stdout=out, stderr=subprocess.STDOUT)
        self.starts += 1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                self.process = None
                raise RuntimeError(f"accueil-ti serve exited with {code}:\n{self.log_tail()}")
            try:
                httpx.get(f"{self.url}/stats/counts", timeout=1.0)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"accueil-ti serve did not answer within {timeout} s:\n"
                           f"{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL: no graceful stop, in-flight requests and transactions are cut."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None
        self.kills += 1

    def stop(self) -> None:
        """SIGTERM and wait (the graceful stop of ``serve``); SIGKILL after 20 s."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text("utf-8", "replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


class KillingTransport(httpx.BaseTransport):
    """Forwards to ``inner``; at the requests numbered in ``kill_at`` (1-based, counted over the
    transport's life) it SIGKILLs the store after a random delay — so the kill lands before,
    during or after the store's transaction — and restarts it after a random downtime, in a
    background thread while the client retries. Kills never overlap: one planned while the last
    is not over happens at the first request after it."""

    def __init__(self, inner: httpx.BaseTransport, store: StoreProcess, rng: random.Random,
                 kill_at: Iterable[int], *, max_delay: float = 1.5,
                 max_downtime: float = 0.5) -> None:
        self.inner = inner
        self.store = store
        self.rng = rng
        self.kill_at = set(kill_at)
        self.max_delay = max_delay
        self.max_downtime = max_downtime
        self.requests = 0
        self.pending = 0
        self.fired: list[tuple[int, str, float, float]] = []  # (request, path, delay, downtime)
        self.errors: list[BaseException] = []
        self._thread: threading.Thread | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.requests in self.kill_at:
            self.pending += 1
        if self.pending:
            if self._thread is None or not self._thread.is_alive():  # else: at a later request
                self.pending -= 1
                delay = self.rng.uniform(0.0, self.max_delay)
                downtime = self.rng.uniform(0.0, self.max_downtime)
                self.fired.append((self.requests, request.url.path, delay, downtime))
                self._thread = threading.Thread(target=self._kill_restart,
                                                args=(delay, downtime), daemon=True)
                self._thread.start()
        return self.inner.handle_request(request)

    def _kill_restart(self, delay: float, downtime: float) -> None:
        try:
            time.sleep(delay)
            self.store.kill()
            time.sleep(downtime)
            self.store.start()
        except BaseException as exc:  # reported by join()
            self.errors.append(exc)

    def join(self) -> None:
        """Wait for the last kill and restart; re-raise what went wrong in it."""
        if self._thread is not None:
            self._thread.join(timeout=90)
        if self.errors:
            raise self.errors[0]

    def close(self) -> None:
        self.inner.close()


# --------------------------------------------------------------------------- cutting proxy

PASS, DROP, CUT, TRUNCATE = "pass", "drop", "cut", "truncate"


class _Closed(Exception):
    """The peer closed the connection before a whole message."""


def _read_message(sock: socket.socket, buffer: bytearray) -> tuple[bytes, bytes]:
    """One HTTP/1.1 message (head, body) from ``sock``; bytes read past it stay in ``buffer``.

    Bodies are framed by Content-Length (httpx requests, uvicorn's JSON answers); a chunked
    body is read to its last chunk."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed
        buffer += chunk
    end = buffer.index(b"\r\n\r\n") + 4
    head = bytes(buffer[:end])
    del buffer[:end]
    headers = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while b"\r\n0\r\n\r\n" not in b"\r\n" + bytes(buffer):
            chunk = sock.recv(65536)
            if not chunk:
                raise _Closed
            buffer += chunk
        end = (b"\r\n" + bytes(buffer)).index(b"\r\n0\r\n\r\n") + 5
        body = bytes(buffer[:end])
        del buffer[:end]
        return head, body
    length = int(headers.get("content-length", "0"))
    while len(buffer) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed
        buffer += chunk
    body = bytes(buffer[:length])
    del buffer[:length]
    return head, body


class CuttingProxy:
    """A TCP proxy in front of the store that reads each HTTP request and, as ``choose(method,
    path)`` decides, passes it, drops the connection before forwarding it (``drop``), forwards
    it and closes the connection once the store has answered without returning a byte
    (``cut``), or returns half of the answer then closes (``truncate``). In the last two cases
    the store did the work and the client never heard: ``lost_accepted`` counts the pushed
    dossiers the lost answers said were accepted."""

    def __init__(self, upstream_port: int, choose: Callable[[str, str], str]) -> None:
        self.upstream_port = upstream_port
        self.choose = choose
        self.counts: Counter[tuple[str, str]] = Counter()
        self.lost_accepted = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self._stopping = False
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def __enter__(self) -> CuttingProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        self._listener.settimeout(0.05)  # to notice close(): accept() would block on
        while not self._stopping:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(60)
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _decide(self, method: str, path: str) -> str:
        with self._lock:
            return self.choose(method, path)

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        self._sockets.add(client)
        try:
            from_client, from_store = bytearray(), bytearray()
            while True:
                head, body = _read_message(client, from_client)
                method, target = head.split(b" ", 2)[:2]
                path = target.decode("latin-1").split("?", 1)[0]
                fault = self._decide(method.decode("latin-1"), path)
                with self._lock:
                    self.counts[(path, fault)] += 1
                if fault == DROP:
                    return
                if upstream is None:
                    upstream = socket.create_connection(("127.0.0.1", self.upstream_port),
                                                        timeout=60)
                    self._sockets.add(upstream)
                upstream.sendall(head + body)
                answer_head, answer_body = _read_message(upstream, from_store)
                if fault in (CUT, TRUNCATE):
                    if path == "/sync/push" and b" 200 " in answer_head.split(b"\r\n", 1)[0]:
                        results = json.loads(answer_body)["results"]
                        with self._lock:
                            self.lost_accepted += sum(r["status"] == "accepted" for r in results)
                    if fault == TRUNCATE:
                        client.sendall(answer_head + answer_body[: len(answer_body) // 2])
                    return
                client.sendall(answer_head + answer_body)
        except (_Closed, OSError):
            return
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    sock.close()
                    self._sockets.discard(sock)

    def close(self) -> None:
        self._stopping = True
        self._listener.close()
        for sock in list(self._sockets):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._acceptor.join(timeout=10)
        for thread in self._threads:
            thread.join(timeout=10)


# --------------------------------------------------------------------------- workstation data


def workstation_records(count: int, *, seed: int, site: str = "REN",
                        workstation: str = "01") -> list[dict[str, Any]]:
    """``count`` realistic dossiers (``accueil-ti demo``'s generator) made on one workstation:
    the demo spreads them over every site, a workstation only pushes its own site's."""
    from app.demo import counter_only, demo_records
    from app.forms.questionnaire import load_questionnaire

    as_of = date.today() - timedelta(days=1)  # nothing dated after the store's today
    records = []
    for index, record in enumerate(demo_records(count, load_questionnaire(), seed=seed,
                                                as_of=as_of), 1):
        year = record["created_at"][:4]
        record.update(site=site, workstation=workstation, channel="accueil",
                      number=f"TI-{site}-{workstation}-{year}-{index:06d}")
        for consent in record["consents"]:
            consent["mode"] = "signe_accueil"
        # pushed by a counter: no partner follow-up (the store refuses a counter writing one)
        records.append(counter_only(record))
    return records


def fill_workstation(store: Store, records: list[dict[str, Any]]) -> None:
    """Import ``records`` as local changes (one outbox row each), as a workstation holds them
    before its first sync."""
    from app.models.repository import import_records

    with store.transaction() as session:
        import_records(session, records, agent="fault-test")


def edit_dossiers(store: Store, dossier_ids: Iterable[str], rng: random.Random) -> dict[str, int]:
    """Change one answer of each dossier through DossierService (as an agent at the counter);
    returns each dossier's new local revision."""
    from app.dossier_service import DossierService
    from app.forms.questionnaire import load_questionnaire

    questionnaire = load_questionnaire()
    service = DossierService(store, agent="B. Morvan")
    revisions = {}
    for dossier_id in dossier_ids:
        record = service.record(dossier_id)
        question = rng.choice(questionnaire.questions)
        current = record["answers"].get(question.id)
        service.answer(dossier_id, question.id,
                       rng.choice([c for c in question.codes if c != current]))
        revisions[dossier_id] = int(service.record(dossier_id)["revision"])
    return revisions


# --------------------------------------------------------------------------- end state


def canonical(record: Mapping[str, Any]) -> str:
    """The compared form of one exported dossier (see the module docstring)."""
    kept = {k: v for k, v in record.items() if k not in EXCLUDED_FIELDS}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def exports(data_dir: Path, database_url: str, out: Path) -> tuple[list[dict[str, Any]],
                                                                   list[dict[str, Any]]]:
    """(``accueil-ti export`` of the workstation, ``accueil-ti admin export`` of the store),
    both run through the command-line entry point."""
    out.mkdir(parents=True, exist_ok=True)
    local, central = out / "workstation.jsonl", out / "store.jsonl"
    assert main(["export", "--data-dir", str(data_dir), "--out", str(local)]) == 0
    assert main(["admin", "export", "--database", database_url, "--out", str(central)]) == 0
    return read_jsonl(local), read_jsonl(central)


def _first(items: Iterable[Any], n: int = 5) -> list[Any]:
    return sorted(items)[:n]


def assert_same_dossiers(local: list[dict[str, Any]], central: list[dict[str, Any]],
                         expected: int) -> None:
    """Every dossier once on each side, the same set, the same canonical content."""
    for side, records in (("workstation", local), ("store", central)):
        repeated = [i for i, n in Counter(r["id"] for r in records).items() if n > 1]
        assert not repeated, f"{side}: {len(repeated)} dossiers more than once: {repeated[:5]}"
    assert len(local) == expected, f"workstation export: {len(local)} dossiers, not {expected}"
    mine = {r["id"]: r for r in local}
    theirs = {r["id"]: r for r in central}
    assert mine.keys() == theirs.keys(), (
        f"missing from the store: {_first(mine.keys() - theirs.keys())}; only in the store: "
        f"{_first(theirs.keys() - mine.keys())}")
    differing = [i for i in mine if canonical(mine[i]) != canonical(theirs[i])]
    if differing:
        first = differing[0]
        fields = sorted(k for k in set(mine[first]) | set(theirs[first])
                        if mine[first].get(k) != theirs[first].get(k))
        raise AssertionError(
            f"{len(differing)} dossiers differ between the workstation and the store; first "
            f"{mine[first]['number']} in {fields}: workstation "
            f"{ {k: mine[first].get(k) for k in fields} } store "
            f"{ {k: theirs[first].get(k) for k in fields} }")


def server_engine(database_url: str) -> Engine:
    """A plain engine on the store's database (no migration: the store owns its schema)."""
    return create_engine(database_url)


def assert_store_consistent(database_url: str) -> None:
    """``dossier_revisions`` has its unique (dossier_id, revision) constraint, no pair twice,
    and holds every dossier's current revision with the same content hash."""
    engine = server_engine(database_url)
    try:
        inspector = inspect(engine)
        unique = [sorted(c["column_names"]) for c in
                  inspector.get_unique_constraints("dossier_revisions")]
        unique += [sorted(str(c) for c in i["column_names"])
                   for i in inspector.get_indexes("dossier_revisions") if i.get("unique")]
        assert ["dossier_id", "revision"] in unique, f"no unique (dossier_id, revision): {unique}"
        with engine.connect() as connection:
            twice = connection.execute(text(
                "SELECT dossier_id, revision, COUNT(*) FROM dossier_revisions "
                "GROUP BY dossier_id, revision HAVING COUNT(*) > 1")).all()
            assert not twice, f"revisions stored twice: {twice[:5]}"
            unbacked = connection.execute(text(
                "SELECT d.number FROM dossiers d LEFT JOIN dossier_revisions r "
                "ON r.dossier_id = d.id AND r.revision = d.revision "
                "AND r.content_hash = d.content_hash WHERE r.id IS NULL")).scalars().all()
            assert not unbacked, f"current revision not in dossier_revisions: {unbacked[:5]}"
    finally:
        engine.dispose()


def assert_workstation_in_sync(store: Store) -> None:
    """No unsent outbox row, no open conflict or quarantine, every dossier ``synced``."""
    with store.session() as session:
        unsent = session.scalar(select(func.count()).select_from(Outbox)
                                .where(Outbox.sent_at.is_(None)))
        conflicts = session.scalar(select(func.count()).select_from(SyncConflict)
                                   .where(SyncConflict.resolved_at.is_(None)))
        quarantined = session.scalar(select(func.count()).select_from(SyncQuarantine)
                                     .where(SyncQuarantine.cleared_at.is_(None)))
        states = {state: count for state, count in session.execute(
            select(Dossier.sync_state, func.count()).group_by(Dossier.sync_state))}
    assert (unsent, conflicts, quarantined) == (0, 0, 0), (
        f"{unsent} unsent outbox rows, {conflicts} open conflicts, {quarantined} quarantined")
    assert set(states) == {"synced"}, f"sync states: {states}"


def store_count(engine: Engine, table: str) -> int | None:
    """Rows of ``table`` in the store's database (None while it cannot be read)."""
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())
    except Exception:  # the store is being written or restarted: try again later
        return None
