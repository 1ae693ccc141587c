"""The statistics of the central store (issue 17), on SQLite and PostgreSQL: every dimension and
period form, the statistical secrecy (also of counts a total would reveal), the delays, the call
list's figures, the facts kept in step with pushes, partner updates, erasure and the migration,
the ``pilotage`` role (statistics only, never personal data) and ``admin stats``."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cli import main
from app.forms.stats import dossier_facts
from app.server import migrate
from app.server.models import DossierAid, DossierAnswer, DossierFact, Orientation
from tests.server.conftest import AGENTS, Server, make_record, make_server
from tests.server.test_calls import attempt, push, signal, siret, ws

NOV = "2026-11-20T09:00:00+00:00"


def _record(seq: int, site: str, created: str, **changes: Any) -> dict[str, Any]:
    return make_record(seq, site, created_at=created, updated_at=created, **changes)


def seed(server: Server) -> dict[str, Any]:
    """20 dossiers, 6 call-list entries and follow-ups with known figures:

    BRE 1..12 created on 20 November (Paris), oriented to urssaf, 1..7 to caf too; 1..2
    urgent; 10..12 by telephone; 1 opened from the call list (« signal »). BRE 13 created on
    31 October 23:30 UTC (1 November in Paris), BRE 14 on 30 November 23:30 UTC (1 December in
    Paris). QUI 1..6 created on 5 November, 1..2 oriented to caf. caf: 1..6 of BRE contacted
    two days after transmission, 1..5 closed five days later (aide accordée)."""
    server.clock.now = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    bre, qui = server.login("bre"), server.login("qui")
    records = []
    for seq in range(1, 13):
        records.append(_record(seq, "BRE", NOV, oriented=("urssaf",) + (("caf",) if seq <= 7
                                                                         else ()),
                               urgent=seq <= 2,
                               channel="telephone" if seq >= 10 else "accueil"))
    records.append(_record(13, "BRE", "2026-10-31T23:30:00+00:00"))
    server.push(bre, *records)
    qui_records = [_record(seq, "QUI", "2026-11-05T10:00:00+00:00",
                           oriented=("caf",) if seq <= 2 else (),
                           answers={"Q01": "dette", "Q02": "non", "Q11": "oui"})
                   for seq in range(1, 7)]
    server.push(qui, *qui_records)
    headers = ws(server, "BRE-01")
    signals = [signal(f"S-{n}", siret_=siret(500 + n)) for n in range(6)]
    push(server, headers, signals)
    first = signals[0]["entry_id"]
    link = {"entry_id": first, "dossier_id": records[0]["id"],
            "at": "2026-11-20T10:05:00+00:00", "agent": "A. Martin"}
    push(server, headers, attempts=[attempt(first, "joint", "2026-11-20T10:01:00+00:00")],
         links=[link])
    server.clock.advance(days=2)
    caf = server.login("p_caf")
    for record in records[:6]:
        answer = server.client.post(f"/partner/dossiers/{record['id']}/orientation",
                                    headers=caf, json={"status": "contact_pris"})
        assert answer.status_code == 200, answer.text
    server.clock.advance(days=5)
    caf = server.login("p_caf")
    for record in records[:5]:
        answer = server.client.post(f"/partner/dossiers/{record['id']}/orientation",
                                    headers=caf, json={"status": "cloturee",
                                                       "outcome": "aide_accordee"})
        assert answer.status_code == 200, answer.text
    server.clock.now = datetime(2026, 12, 10, 10, 0, tzinfo=UTC)
    late = _record(14, "BRE", "2026-11-30T23:30:00+00:00")
    server.push(server.login("bre"), late)
    return {"records": records + [late] + qui_records, "signals": signals}


STATS_AGENTS = [a for a in AGENTS if a[0] in ("bre", "qui", "admin", "p_caf", "p_urssaf")]
STATS_AGENTS.append(("pilote", "urssaf", "REN", "pilotage"))


@pytest.fixture
def stats_server(database_url: str) -> Iterator[tuple[Server, dict[str, Any]]]:
    made = make_server(database_url, STATS_AGENTS)
    with made.client:
        seeded = seed(made)
        yield made, seeded
    made.app.state.engine.dispose()


def get(server: Server, login: str, path: str, **params: Any) -> dict[str, Any]:
    response = server.client.get(path, headers=server.login(login), params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def table(answer: dict[str, Any], value: str = "dossiers") -> dict[tuple[Any, ...], Any]:
    keys = [k for k in answer["rows"][0] if k != value] if answer["rows"] else []
    return {tuple(row[k] for k in keys): row[value] for row in answer["rows"]}


def exact(server: Server, by: str, period: str = "2026-11", path: str = "/stats/breakdown"
          ) -> dict[str, Any]:
    return get(server, "admin", path, by=by, period=period, exact=1)


# --------------------------------------------------------------------------- dimensions


def test_every_dimension_counts_distinct_dossiers(stats_server: tuple[Server, Any]) -> None:
    server, seeded = stats_server
    site = exact(server, "site")
    assert table(site) == {("BRE",): 13, ("QUI",): 6}
    assert site["total"] == {"dossiers": 19} and site["secrecy"] is False
    assert site["period"] == {"label": "2026-11", "first": "2026-11-01", "last": "2026-11-30"}
    assert table(exact(server, "channel")) == {("accueil",): 15, ("signal",): 1,
                                               ("telephone",): 3}
    organisme = exact(server, "organisme")
    assert table(organisme) == {("caf",): 9, ("urssaf",): 12}
    assert organisme["total"] == {"dossiers": 14}  # a dossier in two groups counts once
    assert table(exact(server, "site,organisme")) == {
        ("BRE", "caf"): 7, ("BRE", "urssaf"): 12, ("QUI", "caf"): 2}
    assert table(exact(server, "urgent")) == {(False,): 17, (True,): 2}
    assert table(exact(server, "organisme,status")) == {
        ("caf", "cloturee"): 5, ("caf", "contact_pris"): 1, ("caf", "transmise"): 3,
        ("urssaf", "transmise"): 12}
    assert table(exact(server, "outcome")) == {("aide_accordee",): 5, (None,): 14}
    assert table(exact(server, "month", "2026-Q4")) == {("2026-11",): 19, ("2026-12",): 1}
    question = exact(server, "question")
    assert question["rows"][0].keys() == {"question", "answer", "dossiers"}
    assert table(question)[("Q02", "forte")] == 13 and table(question)[("Q02", "non")] == 6
    assert table(question)[("Q01", "dette")] == 19
    assert question["total"] == {"dossiers": 19}  # every dossier answers twelve questions
    assert exact(server, "organisme,status")["total"] == {"dossiers": 14}
    assert exact(server, "site,channel")["total"] == {"dossiers": 19}
    aids = exact(server, "aid")
    expected: dict[tuple[str], int] = {}
    for record in seeded["records"]:
        if record["number"].endswith("000014"):
            continue
        for aid in dossier_facts(record)["aids"]:
            expected[(aid,)] = expected.get((aid,), 0) + 1
    assert expected and table(aids) == expected
    with_aid = sum(1 for record in seeded["records"] if not record["number"].endswith("000014")
                   and dossier_facts(record)["aids"])
    assert aids["total"] == {"dossiers": with_aid}
    assert "Nombre de dossiers distincts" in aids["method"] and "par aide" in aids["method"]


@pytest.mark.parametrize(("period", "total"), [
    ("2026", 20), ("2026-Q4", 20), ("2026-Q3", 0), ("2026-11", 19), ("2026-W47", 12),
    ("2026-10..2026-11", 19), ("2026-12", 1), ("", 20)])
def test_every_period_form(stats_server: tuple[Server, Any], period: str, total: int) -> None:
    server, _ = stats_server
    assert exact(server, "site", period)["total"] == {"dossiers": total}


def test_bad_dimensions_and_periods_are_named(stats_server: tuple[Server, Any]) -> None:
    server, _ = stats_server
    admin = server.login("admin")
    for params, field in (({"by": "nom"}, "by"), ({"period": "2026-13"}, "period"),
                          ({"by": "site,site"}, "by")):
        answer = server.client.get("/stats/breakdown", headers=admin, params=params)
        assert answer.status_code == 422 and field in answer.json()["detail"]
    answer = server.client.get("/stats/calls", headers=admin, params={"by": "organisme"})
    assert answer.status_code == 422 and "by" in answer.json()["detail"]


# --------------------------------------------------------------------------- secrecy


def test_small_counts_are_hidden_also_when_a_total_reveals_them(
        stats_server: tuple[Server, Any]) -> None:
    server, _ = stats_server
    crossed = get(server, "pilote", "/stats/breakdown", by="site,organisme", period="2026-11")
    # QUI × caf (2) is small; alone hidden, total − the others would give it: BRE × caf (7),
    # the next smallest, is hidden too.
    assert table(crossed) == {("BRE", "caf"): "<5", ("BRE", "urssaf"): 12, ("QUI", "caf"): "<5"}
    assert crossed["total"] == {"dossiers": 14} and crossed["secrecy"] is True
    assert "«\u00a0<\u00a05\u00a0»" in crossed["method"]
    urgent = get(server, "pilote", "/stats/breakdown", by="urgent", period="2026-11")
    assert table(urgent) == {(False,): "<5", (True,): "<5"}
    december = get(server, "pilote", "/stats/breakdown", by="site", period="2026-12")
    assert december["rows"] == [{"site": "BRE", "dossiers": "<5"}]
    assert december["total"] == {"dossiers": "<5"}
    # an admin sees the same hidden unless asking exact figures
    assert table(get(server, "admin", "/stats/breakdown", by="urgent",
                     period="2026-11")) == {(False,): "<5", (True,): "<5"}


def test_delays_to_first_contact_and_closure(stats_server: tuple[Server, Any]) -> None:
    server, _ = stats_server
    delays = exact(server, "organisme", "2026-11", "/stats/times")
    assert delays["rows"] == [{"organisme": "caf",
                               "first_contact": {"count": 6, "median_days": 2.0,
                                                 "p90_days": 2.0},
                               "closure": {"count": 5, "median_days": 7.0, "p90_days": 7.0}}]
    assert delays["total"]["closure"]["count"] == 5
    for by in ("question", "aid", "site,status"):  # each orientation once in the total
        assert exact(server, by, "2026-11", "/stats/times")["total"] == delays["total"]
    by_site = get(server, "pilote", "/stats/times", by="site", period="2026-11")
    assert by_site["rows"][0]["site"] == "BRE"
    assert by_site["rows"][0]["closure"]["median_days"] == 7.0
    hidden = get(server, "pilote", "/stats/times", by="status", period="2026-11")
    contact = {row["status"]: row["first_contact"] for row in hidden["rows"]}
    assert contact["contact_pris"] == {"count": "<5", "median_days": None, "p90_days": None}
    assert contact["cloturee"]["count"] == "<5"  # 5, but the only other cell of the margin


def test_the_call_list_figures(stats_server: tuple[Server, Any]) -> None:
    server, _ = stats_server
    figures = exact(server, "site", "2026-11", "/stats/calls")
    assert figures["rows"] == [{"site": "BRE", "entries": 6, "reached": 1,
                                "dossiers_opened": 1, "refusals": 0, "letters": 0}]
    hidden = get(server, "pilote", "/stats/calls", by="site", period="2026-11")
    assert hidden["rows"] == [{"site": "BRE", "entries": 6, "reached": "<5",
                               "dossiers_opened": "<5", "refusals": 0, "letters": 0}]
    assert get(server, "pilote", "/stats/calls", period="2026-10")["total"]["entries"] == 0


# --------------------------------------------------------------------------- roles


def test_pilotage_reads_only_the_statistics(stats_server: tuple[Server, Any]) -> None:
    server, seeded = stats_server
    pilote = server.login("pilote")
    dossier = seeded["records"][0]["id"]
    refused = [("get", "/sync/pull"), ("post", "/sync/push"), ("get", f"/dossiers/{dossier}"),
               ("get", "/partner/dossiers"), ("get", "/partner/agenda"),
               ("get", "/calls/changes"), ("get", "/calls/figures"), ("post", "/calls/push"),
               ("get", "/admin/audit"), ("get", "/sites"), ("get", "/stats/counts"),
               ("get", "/stats/breakdown?exact=1")]
    for method, path in refused:
        kwargs: dict[str, Any] = {"json": {}} if method == "post" else {}
        answer = getattr(server.client, method)(path, headers=pilote, **kwargs)
        assert answer.status_code == 403, (path, answer.status_code)
    assert server.client.get("/stats/processing-times", headers=pilote).status_code == 200
    for login in ("bre", "p_caf"):
        answer = server.client.get("/stats/breakdown", headers=server.login(login))
        assert answer.status_code == 403


def _personal(seeded: dict[str, Any]) -> set[str]:
    out = set()
    for record in seeded["records"]:
        out |= {record["id"], record["number"], record["number"][-6:]}
        out |= {str(v) for k, v in record["identity"].items() if v and k != "commune"}
    for item in seeded["signals"]:
        out |= {item["id"], item["entry_id"], item["reference"], item["siret"]}
    return out


def test_no_answer_for_pilotage_holds_personal_data(
        stats_server: tuple[Server, Any], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    server, seeded = stats_server
    texts = []
    for path in ("/stats/breakdown", "/stats/times"):
        for by in ("site", "channel", "organisme", "aid", "question", "urgent", "status",
                   "outcome", "month", "site,organisme,status,outcome,urgent,channel"):
            for period in ("2026", "2026-11", "2026-W47"):
                texts.append(server.client.get(path, headers=server.login("pilote"), params={
                    "by": by, "period": period}).text)
    texts.append(server.client.get("/stats/calls", headers=server.login("pilote"),
                                   params={"by": "site"}).text)
    texts.append(server.client.get("/stats/processing-times",
                                   headers=server.login("pilote")).text)
    url = str(server.app.state.engine.url.render_as_string(hide_password=False))
    for fmt in ("json", "csv"):
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        assert main(["admin", "stats", "--database", url, "--by",
                     "site,channel,organisme,status,outcome,month", "--format", fmt]) == 0
        texts.append(capsys.readouterr().out)
    whole = "\n".join(texts)
    assert "BRE" in whole and "<5" in whole  # the answers were read
    leaked = [value for value in _personal(seeded) if value in whole]
    assert leaked == []


# --------------------------------------------------------------------------- the facts


def _count(server: Server, model: type) -> int:
    with Session(server.app.state.engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_facts_follow_erasure_and_the_migration_backfills_them(
        stats_server: tuple[Server, Any]) -> None:
    server, seeded = stats_server
    assert _count(server, DossierFact) == 20 and _count(server, DossierAnswer) == 60
    assert _count(server, DossierAid) > 0
    with Session(server.app.state.engine) as session:
        contacted = session.scalars(select(Orientation.first_contact_at).where(
            Orientation.organisme == "caf", Orientation.first_contact_at.is_not(None))).all()
    assert len(contacted) == 6
    record = seeded["records"][12]  # BRE 13, no orientation
    answer = server.client.post(f"/dossiers/{record['id']}/erase",
                                headers=server.login("admin"),
                                json={"reason": "doublon", "confirm": record["number"]})
    assert answer.status_code == 200, answer.text
    assert _count(server, DossierFact) == 19
    assert exact(server, "site")["total"] == {"dossiers": 18}
    engine = server.app.state.engine
    aids = _count(server, DossierAid)
    with engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0010")
    migrate.upgrade(engine)
    assert _count(server, DossierFact) == 19 and _count(server, DossierAid) == aids
    assert exact(server, "site")["total"] == {"dossiers": 18}


# --------------------------------------------------------------------------- the command line


def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_admin_stats_by_dimension_and_the_export_agree(
        stats_server: tuple[Server, Any], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    server, _ = stats_server
    url = server.app.state.engine.url.render_as_string(hide_password=False)
    code, out, _ = cli(capsys, monkeypatch, "admin", "stats", "--database", url)
    assert code == 0 and json.loads(out)["dossiers"] == 20 and json.loads(out)["agents"] == 6
    code, out, _ = cli(capsys, monkeypatch, "admin", "export", "--database", url)
    exported = len(out.splitlines())
    code, out, _ = cli(capsys, monkeypatch, "admin", "stats", "--database", url, "--by", "site",
                       "--format", "csv", "--exact")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "site,dossiers"
    assert sum(int(line.split(",")[1]) for line in lines[1:]) == exported == 20
    code, out, _ = cli(capsys, monkeypatch, "admin", "stats", "--database", url, "--by",
                       "urgent", "--period", "2026-11", "--format", "csv")
    assert out.splitlines() == ["urgent,dossiers", "false,<5", "true,<5"]
    code, out, _ = cli(capsys, monkeypatch, "admin", "stats", "--database", url, "--by",
                       "site,organisme", "--period", "2026-11")
    figures = json.loads(out)
    assert figures["by"] == ["site", "organisme"] and figures["period"]["label"] == "2026-11"
    assert {"site": "QUI", "organisme": "caf", "dossiers": "<5"} in figures["rows"]
    code, _, err = cli(capsys, monkeypatch, "admin", "stats", "--database", url, "--by", "nom")
    assert code == 2 and "by" in err and "organisme" in err
    code, _, err = cli(capsys, monkeypatch, "admin", "stats", "--database", url, "--period",
                       "2026")
    assert code == 2 and "--by" in err


def test_create_agent_accepts_the_pilotage_role(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-long-kouign-29\n"))
    assert main(["admin", "create-agent", "--database", url, "--login", "comite",
                 "--organisme", "urssaf", "--site", "REN", "--role", "pilotage",
                 "--password-stdin"]) == 0
    assert "comite" in capsys.readouterr().out


# --------------------------------------------------------------------------- the client


def test_the_workstations_client(stats_server: tuple[Server, Any]) -> None:
    from app.sync.errors import SyncError
    from app.sync.stats import StatsClient

    server, _ = stats_server
    token = server.login("pilote")["Authorization"].split()[1]
    client = StatsClient(server.client, token)
    assert client.breakdown(["site"], "2026-11")["total"] == {"dossiers": 19}
    assert client.times(["organisme"], "2026-11")["rows"][0]["organisme"] == "caf"
    assert client.calls([], "2026-11")["total"]["entries"] == 6
    with pytest.raises(SyncError, match="may not read these figures: exact"):
        client.breakdown(["site"], "2026-11", exact=True)
    with pytest.raises(SyncError, match="^period: "):
        client.breakdown(["site"], "2026-13")
    admin = StatsClient(server.client, server.login("admin")["Authorization"].split()[1])
    assert admin.breakdown(["urgent"], "2026-11", exact=True)["rows"][1]["dossiers"] == 2
    with pytest.raises(SyncError, match="refused the token"):
        StatsClient(server.client, "not-a-token").breakdown([], "")
    client.logout()  # the pilotage window's « Se déconnecter et fermer »
    with pytest.raises(SyncError, match="refused the token"):
        client.breakdown(["site"], "2026-11")
    client.logout()  # again: a refused token counts as revoked
