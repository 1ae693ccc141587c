"""No personal data in errors and logs (issue 13).

Writes fail on purpose — the disk full, a unique constraint, the central store's database down
— on statements whose bound values carry a dossier's identity; what the command prints (stdout,
stderr), the data folder's log, the store's answers and what it would log hold no NIR, SIRET,
name, telephone or e-mail of the records involved (the engines hide bound parameters).
"""

from __future__ import annotations

import io
import json
import re
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import DBAPIError

from app.cli import main
from app.cli.common import LOG_FILENAME
from app.dossier_service import DossierService
from app.models import database
from app.models.database import Store, make_engine
from app.server import db as server_db
from app.sync import http as sync_http
from app.sync.session import store_token
from tests.forms.test_identity import NIR
from tests.server.conftest import Server, TestClient
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import BAKER, bearer
from tests.sync.conftest import central as central  # noqa: F401

SERVER = "http://testserver"
EMAIL = "yann.legoff@example.fr"
IDENTITY = {"nom": "Le Goff", "prenom": "Yann", "date_naissance": "1963-05-14", "nir": NIR,
            "siret": "732 829 320 00074", "telephone": "02 98 00 00 00", "email": EMAIL,
            "adresse": "12 rue de Siam", "code_postal": "29200", "commune": "Brest"}
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def needles(identity: dict[str, str]) -> list[str]:
    """Every form in which the identity could show: as typed and compacted."""
    found = set()
    for key in ("nom", "prenom", "nir", "siret", "telephone", "email", "adresse"):
        value = identity.get(key)
        if value:
            found.add(value.casefold())
            found.add(re.sub(r"[\s.]", "", value).casefold())
    return sorted(found)


def assert_clean(text: str, identity: dict[str, str] = IDENTITY) -> None:
    folded = text.casefold()
    leaked = [n for n in needles(identity) if n in folded]
    assert not leaked, f"personal data in the output: {leaked}\n{text}"


class Failing:
    """Makes the first write statements whose bound values hold a needle fail as ``error``."""

    def __init__(self, words: list[str], error: Callable[[Any], Exception]) -> None:
        self.words = words
        self.error = error
        self.fired = 0

    def attach(self, engine: Engine) -> Engine:
        event.listen(engine, "do_execute", self._execute)
        event.listen(engine, "do_executemany", self._execute)
        return engine

    def _execute(self, cursor: Any, statement: str, parameters: Any, context: Any) -> None:
        shown = repr(parameters).casefold()
        if _WRITE.match(statement) and any(w in shown for w in self.words):
            self.fired += 1
            raise self.error(context.dialect.loaded_dbapi)
        # (returning None: the dialect runs the statement itself)


def disk_full(dbapi: Any) -> Exception:
    return dbapi.OperationalError("database or disk is full")


def unique_failed(dbapi: Any) -> Exception:
    return dbapi.IntegrityError("UNIQUE constraint failed: dossiers.number")


FAILURES = [pytest.param(disk_full, id="disk-full"), pytest.param(unique_failed, id="unique")]


@pytest.fixture
def failing_local(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Failing]]:
    """``use(error, words)``: the local stores the command opens fail as asked."""
    made: list[Failing] = []
    original = database.make_engine

    def make(url_or_path: Any, key: str | None) -> Engine:
        engine = original(url_or_path, key)
        for failing in made:
            failing.attach(engine)
        return engine

    monkeypatch.setattr(database, "make_engine", make)
    yield made


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def log_text(data_dir: Path) -> str:
    path = data_dir / LOG_FILENAME
    return path.read_text(encoding="utf-8") if path.exists() else ""


def dossier_with_identity(store: Store) -> str:
    service = DossierService(store, agent="A. Le Gall")
    dossier_id = service.create(identity=dict(IDENTITY), profile=BAKER["profile"],
                                channel="accueil")
    for question in ("Q01", "Q02", "Q11"):
        service.answer(dossier_id, question, BAKER["answers"][question])
    return dossier_id


# --------------------------------------------------------------------------- the check itself


def test_the_check_sees_bound_parameters_when_they_are_not_hidden(tmp_path: Path) -> None:
    """Without hide_parameters, the failed statement's error shows the identity: what the
    engines of the app must not do."""
    from sqlalchemy import create_engine

    for hide in (False, True):
        engine = create_engine(f"sqlite:///{tmp_path / f'x{hide}.db'}", hide_parameters=hide)
        Failing(needles(IDENTITY), disk_full).attach(engine)
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (nir TEXT)"))
        with pytest.raises(DBAPIError) as info, engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (:nir)"), {"nir": NIR})
        shown = "".join(traceback.format_exception(info.value))
        assert (NIR in shown) is not hide
        engine.dispose()


def test_the_app_engines_hide_bound_parameters(tmp_path: Path) -> None:
    local = make_engine(tmp_path / "local.db", None)
    central_engine = server_db.make_server_engine(f"sqlite:///{tmp_path / 'central.db'}")
    try:
        assert local.hide_parameters and central_engine.hide_parameters
    finally:
        local.dispose()
        central_engine.dispose()


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize("error", FAILURES)
def test_import_on_a_failing_disk_prints_and_logs_no_identity(
        store: Store, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        failing_local: list[Failing], error: Callable[[Any], Exception]) -> None:
    dossier_with_identity(store)
    exported = tmp_path / "export.jsonl"
    assert run(capsys, "export", "--data-dir", str(data_dir), "--out", str(exported))[0] == 0
    assert NIR.replace(" ", "") in exported.read_text("utf-8").replace(" ", "")
    failing = Failing(needles(IDENTITY), error)
    failing_local.append(failing)
    other = tmp_path / "other"
    code, output = run(capsys, "import", str(exported), "--data-dir", str(other))
    assert failing.fired and code == 1, output
    assert "nothing imported" in output
    assert_clean(output + log_text(other))


def test_import_of_a_bad_identity_does_not_echo_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], store: Store,
        data_dir: Path) -> None:
    dossier_with_identity(store)
    exported = tmp_path / "export.jsonl"
    assert run(capsys, "export", "--data-dir", str(data_dir), "--out", str(exported))[0] == 0
    record = json.loads(exported.read_text("utf-8"))
    bad_nir = NIR[:-2] + ("00" if not NIR.endswith("00") else "01")  # a wrong key
    record["identity"]["nir"] = bad_nir
    exported.write_text(json.dumps(record) + "\n", "utf-8")
    code, output = run(capsys, "import", str(exported), "--data-dir", str(tmp_path / "o"))
    assert code == 2 and "identity.nir" in output
    assert_clean(output, {"nir": bad_nir})


def test_demo_on_a_full_disk_prints_and_logs_no_identity(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], keyring_backend: Any,
        failing_local: list[Failing]) -> None:
    from app.demo import DEMO_AS_OF, demo_records
    from app.forms.questionnaire import CURRENT_VERSION, load_questionnaire

    records = list(demo_records(3, load_questionnaire(CURRENT_VERSION), seed=7,
                                as_of=DEMO_AS_OF, counter_only_sites={"REN"}))
    identities = [r["identity"] for r in records if r.get("identity", {}).get("nom")]
    assert identities
    words = sorted({n for identity in identities for n in needles(identity)})
    failing = Failing(words, disk_full)
    failing_local.append(failing)
    data_dir = tmp_path / "demo"
    code, output = run(capsys, "demo", "--dossiers", "3", "--seed", "7", "--data-dir",
                       str(data_dir))
    assert failing.fired and code == 1, output
    for identity in identities:
        assert_clean(output + log_text(data_dir), identity)


def test_sync_with_a_failing_local_disk_prints_and_logs_no_identity(
        store: Store, data_dir: Path, central: Server,  # noqa: F811
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        failing_local: list[Failing]) -> None:
    monkeypatch.setattr(sync_http, "make_http_client",
                        lambda server: TestClient(central.app, base_url=server))
    dossier_with_identity(store)
    store_token(data_dir, SERVER, bearer(central))
    failing = Failing(needles(IDENTITY), disk_full)
    failing_local.append(failing)
    code, output = run(capsys, "sync", "--data-dir", str(data_dir), "--server", SERVER)
    assert failing.fired and code == 1, output
    assert_clean(output + log_text(data_dir))


def test_sync_with_the_central_database_down_prints_and_logs_no_identity(
        store: Store, data_dir: Path, central: Server,  # noqa: F811
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_http, "make_http_client", lambda server: TestClient(
        central.app, base_url=server, raise_server_exceptions=False))
    dossier_with_identity(store)
    store_token(data_dir, SERVER, bearer(central))
    failing = Failing(needles(IDENTITY), disk_full)
    failing.attach(central.app.state.engine)
    code, output = run(capsys, "sync", "--data-dir", str(data_dir), "--server", SERVER)
    assert code == 1, output
    assert_clean(output + log_text(data_dir))
    event.remove(central.app.state.engine, "do_execute", failing._execute)
    event.remove(central.app.state.engine, "do_executemany", failing._execute)


def test_admin_create_agent_on_a_failing_database_prints_no_secret(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        ) -> None:
    password = "finistere kouign amann 29"
    failing = Failing(["$argon2"], disk_full)
    original = server_db.make_server_engine
    monkeypatch.setattr(server_db, "make_server_engine",
                        lambda url: failing.attach(original(url)))
    data_dir = tmp_path / "d"
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code, output = run(capsys, "admin", "create-agent", "--database",
                       f"sqlite:///{tmp_path / 'c.db'}", "--login", "y.legoff", "--organisme",
                       "urssaf", "--site", "BRE", "--role", "accueil", "--password-stdin",
                       "--data-dir", str(data_dir))
    assert failing.fired and code == 1, output
    everything = output + log_text(data_dir)
    assert "$argon2" not in everything and password not in everything


# --------------------------------------------------------------------------- the central store


def test_push_with_the_database_failing_answers_and_logs_no_identity(
        store: Store, central: Server) -> None:  # noqa: F811
    from app.models.repository import iter_export

    dossier_with_identity(store)
    with store.session() as session:
        record = next(iter_export(session))
    headers = central.login("bre")
    engine = central.app.state.engine
    for error in (disk_full, lambda dbapi: dbapi.OperationalError("database is locked")):
        failing = Failing(needles(IDENTITY), error)
        failing.attach(engine)
        try:
            quiet = TestClient(central.app, raise_server_exceptions=False)
            answer = quiet.post("/sync/push", headers=headers, json={
                "dossiers": [{"base_revision": None, "dossier": record}]})
            assert failing.fired and answer.status_code in (500, 503)
            assert_clean(answer.text)
            if answer.status_code == 500:
                # what the ASGI server logs: the exception's traceback
                loud = TestClient(central.app)
                with pytest.raises(DBAPIError) as info:
                    loud.post("/sync/push", headers=headers, json={
                        "dossiers": [{"base_revision": None, "dossier": record}]})
                assert_clean("".join(traceback.format_exception(info.value)))
        finally:
            event.remove(engine, "do_execute", failing._execute)
            event.remove(engine, "do_executemany", failing._execute)


def test_a_rejected_push_does_not_echo_the_identity(store: Store,
                                                    central: Server) -> None:  # noqa: F811
    from app.models.repository import iter_export

    dossier_with_identity(store)
    with store.session() as session:
        record = next(iter_export(session))
    bad_nir = NIR[:-2] + ("00" if not NIR.endswith("00") else "01")
    record["identity"]["nir"] = bad_nir
    answer = central.client.post("/sync/push", headers=central.login("bre"), json={
        "dossiers": [{"base_revision": None, "dossier": record}]})
    assert answer.status_code == 200
    assert answer.json()["results"][0]["status"] == "rejected"
    assert_clean(answer.text, {"nir": bad_nir})


def test_the_log_of_an_unexpected_error_holds_no_bound_values(tmp_path: Path) -> None:
    """The safety net's traceback in the data folder's log, for a failed statement."""
    import argparse

    from app.cli.common import log_traceback

    engine = make_engine(tmp_path / "local.db", None)
    Failing(needles(IDENTITY), disk_full).attach(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (nir TEXT, nom TEXT)"))
    with pytest.raises(DBAPIError) as info, engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (:nir, :nom)"),
                           {"nir": NIR, "nom": IDENTITY["nom"]})
    engine.dispose()
    data_dir = tmp_path / "data"
    where = log_traceback(argparse.Namespace(data_dir=str(data_dir)), info.value)
    assert where.startswith("details in")
    logged = log_text(data_dir)
    assert "database or disk is full" in logged and "INSERT INTO t" in logged
    assert_clean(logged)
