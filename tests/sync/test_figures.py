"""The processing times the central store publishes: read by each sync round, kept beside the
local store, shown on the result page and printed on the worker's summary — offline too."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from pytestqt.qtbot import QtBot

from app.demo import demo_records
from app.document_service import DocumentService
from app.documents import DocumentKind
from app.forms.figures import MIN_SAMPLE, ProcessingFigure
from app.forms.questionnaire import load_questionnaire
from app.models.database import Store
from app.models.repository import import_records
from app.sync.client import SyncClient
from app.sync.figures import (
    FETCH_INTERVAL,
    fetched_within,
    figures_path,
    published_figures,
    save_figures,
)
from app.sync.site_settings import site_settings_path
from tests.documents.conftest import flat, pdf_text
from tests.server.conftest import Clock, Server
from tests.sync.conftest import BAKER, MakeClient, bearer, new_dossier, wrapped


def close_urssaf_orientations(central: Server, store: Store, make_client: MakeClient,
                              days: float, count: int = 1) -> list[str]:
    """``count`` dossiers sent, then their urssaf orientation closed by the partner ``days``
    later: processing times the store measured."""
    ids = [new_dossier(store, answers=tuple(BAKER["answers"]),
                       consents={"urssaf": True, "caf": True, "assurance_retraite": True})
           for _ in range(count)]
    assert make_client(store).run_round().in_sync
    partner = central.login("p_urssaf")
    for dossier_id in ids:  # received: transmitted from now on
        assert central.client.post(f"/partner/dossiers/{dossier_id}/orientation",
                                   headers=partner, json={"status": "recue"}).status_code == 200
    central.clock.advance(days=days)
    partner = central.login("p_urssaf")
    for dossier_id in ids:
        assert central.client.post(f"/partner/dossiers/{dossier_id}/orientation",
                                   headers=partner,
                                   json={"status": "cloturee", "outcome": "aide_accordee"}
                                   ).status_code == 200
    return ids


def test_a_round_keeps_the_published_times_and_documents_print_them(
        store: Store, central: Server, make_client: MakeClient) -> None:
    assert store.path is not None
    data_dir = store.path.parent
    assert published_figures(data_dir) == {}  # never read: the summary prints the general fact
    [dossier_id, *_] = close_urssaf_orientations(central, store, make_client, days=2.4,
                                                 count=MIN_SAMPLE)
    # days later (the figures read then are read again): a new token (the fixture's has expired)
    assert SyncClient(store, central.client, token=bearer(central),
                      clock=central.clock).run_round().in_sync
    [urssaf] = published_figures(data_dir).values()
    assert (urssaf.organisme, urssaf.median_days, urssaf.p90_days, urssaf.count) == (
        "urssaf", 3, 3, MIN_SAMPLE)  # 2.4 days, rounded up
    kept = json.loads(figures_path(data_dir).read_text(encoding="utf-8"))
    assert kept["published"]["organismes"]["caf"] == {"p90_days": None, "median_days": None,
                                                      "count": 0}

    summary = DocumentService(store).render(dossier_id, DocumentKind.SUMMARY)
    text = flat(pdf_text(summary.pdf))
    assert "Délai habituel constaté : 3 jours (médiane), 3 jours pour 9 demandes sur 10" in text
    assert "Délai habituel : environ un mois" in text  # caf: no figure yet
    # Offline: the round fails, the kept figures stay.
    offline = SyncClient(store, wrapped(central, lambda inner: Unreachable()),
                         token=bearer(central), max_retries=0)
    assert not offline.run_round().in_sync
    assert published_figures(data_dir) == {"urssaf": urssaf}


def test_below_the_minimum_sample_no_document_prints_a_time(
        store: Store, central: Server, make_client: MakeClient) -> None:
    assert store.path is not None
    [dossier_id] = close_urssaf_orientations(central, store, make_client, days=2.4)
    assert SyncClient(store, central.client, token=bearer(central),
                      clock=central.clock).run_round().in_sync
    kept = json.loads(figures_path(store.path.parent).read_text(encoding="utf-8"))
    assert kept["published"]["organismes"]["urssaf"]["count"] == 1
    assert published_figures(store.path.parent) == {}
    text = flat(pdf_text(DocumentService(store).render(dossier_id, DocumentKind.SUMMARY).pdf))
    assert "Délai habituel constaté" not in text


def test_after_the_demo_sync_no_document_prints_a_time(
        store: Store, central: Server, make_client: MakeClient) -> None:
    """What `make run` does: demonstration dossiers (those of the workstation's site to the
    outbox), a sync round; its figures come from no measured closure: none is printed."""
    assert store.path is not None
    questionnaire = load_questionnaire("help-v1")
    own = [r for r in demo_records(60, questionnaire, seed=1, counter_only_sites={"BRE"})
           if r["number"].startswith("TI-BRE-")]
    assert own
    with store.transaction() as session:
        import_records(session, own, write_outbox=True, agent="démonstration")
    assert make_client(store).run_round().in_sync
    assert figures_path(store.path.parent).exists()
    assert published_figures(store.path.parent) == {}
    service = DocumentService(store)
    printed = 0
    for record in own:
        if record["orientations"]:
            text = flat(pdf_text(service.render(record["id"], DocumentKind.SUMMARY).pdf))
            assert "Délai habituel constaté" not in text
            printed += 1
    assert printed


def test_printed_figures_travel_with_the_dossier(
        store: Store, second_store: Store, central: Server, make_client: MakeClient) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True})
    figure = ProcessingFigure("urssaf", 12, 5, 25, 30, "2026-12-04T10:00:00+00:00")
    service = DocumentService(store, processing_figures={"urssaf": figure})
    summary = service.render(dossier_id, DocumentKind.SUMMARY)
    consent = service.render(dossier_id, DocumentKind.CONSENT)
    assert summary.figures == (figure,) and consent.figures is None
    service.record_prints(dossier_id, [summary, consent], agent="A. Le Gall")
    assert make_client(store).run_round().in_sync
    assert make_client(second_store).run_round().in_sync
    printed = DocumentService(second_store).record(dossier_id)["printed"]
    by_kind = {p["kind"]: p for p in printed}
    assert by_kind["summary"]["figures"] == {"urssaf": figure.to_json()}
    assert "figures" not in by_kind["consent"]
    # The second workstation reprints the summary as it was printed, whatever it has read.
    again = DocumentService(second_store).render(dossier_id, DocumentKind.SUMMARY)
    assert again.pdf == summary.pdf


class Paths(httpx.BaseTransport):
    """Forwards every request to ``inner``, keeping the path of each GET."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.gets: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            self.gets.append(request.url.path)
        return self.inner.handle_request(request)


def test_published_figures_and_sites_are_read_at_most_every_few_minutes(
        store: Store, central: Server) -> None:
    """A round reads the processing times and the site settings when none were read yet or
    the last ones were read FETCH_INTERVAL ago or more (issue 18), by the client's clock."""
    assert store.path is not None
    paths = Paths(central.client._transport)
    clock = Clock(datetime.now(UTC))
    client = SyncClient(store, httpx.Client(transport=paths, base_url="http://testserver"),
                        token=bearer(central), clock=clock)
    published = {"/stats/processing-times", "/sites"}

    def round_reads() -> set[str]:
        paths.gets.clear()
        assert client.run_round().in_sync
        return set(paths.gets) & published

    assert round_reads() == published  # first round: nothing kept yet
    first = json.loads(figures_path(store.path.parent).read_text(encoding="utf-8"))
    assert first["fetched_at"] == clock.now.isoformat()
    clock.advance(seconds=FETCH_INTERVAL.total_seconds() - 1)
    assert round_reads() == set()  # kept less than FETCH_INTERVAL ago
    assert "/sync/pull" in paths.gets  # (the round itself ran)
    clock.advance(seconds=1)
    assert round_reads() == published
    kept = json.loads(figures_path(store.path.parent).read_text(encoding="utf-8"))
    assert kept["fetched_at"] == clock.now.isoformat()
    # the clock went back before the last reading: read again
    clock.now -= timedelta(hours=1)
    assert round_reads() == published
    # a settings file gone: that one is read again, the figures are not
    site_settings_path(store.path.parent).unlink()
    assert round_reads() == {"/sites"}


def test_fetched_within(tmp_path: Path) -> None:
    target = tmp_path / "kept.json"
    now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert not fetched_within(target, now)  # missing
    for broken in ("{not json", "[]", '{"fetched_at": 3}', '{"fetched_at": "2026-12-04T10:00"}'):
        target.write_text(broken, encoding="utf-8")
        assert not fetched_within(target, now)  # unreadable, or a naive time
    save_figures(tmp_path, {}, (now - timedelta(minutes=4)).isoformat())
    assert fetched_within(figures_path(tmp_path), now)
    assert not fetched_within(figures_path(tmp_path), now, interval=timedelta(minutes=4))


class Unreachable(httpx.BaseTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)


def test_an_unreadable_figures_file_is_ignored(tmp_path: Path) -> None:
    figures_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert published_figures(tmp_path) == {}
    figures_path(tmp_path).write_text("[]", encoding="utf-8")
    assert published_figures(tmp_path) == {}
    save_figures(tmp_path, {"window_days": 30, "computed_at": "2026-12-04T10:00:00+00:00",
                            "organismes": {"urssaf": {"p90_days": 0.2, "median_days": 0.1,
                                                      "count": MIN_SAMPLE},
                                           "caf": {"p90_days": "3", "count": 40}}},
                 "2026-12-04T10:00:01+00:00")
    assert published_figures(tmp_path) == {"urssaf": ProcessingFigure(
        "urssaf", 1, 1, MIN_SAMPLE, 30, "2026-12-04T10:00:00+00:00")}
    assert published_figures(None) == {}


def test_the_result_page_shows_the_usual_time_under_its_organisme(qtbot: QtBot) -> None:
    from app.forms.evaluation import Situation, evaluate, parse_answers, parse_profile
    from app.ui.result_page import ResultPage

    questionnaire = load_questionnaire("help-v1")
    situation = Situation(answers=parse_answers(questionnaire, BAKER["answers"], require_all=False),
                          profile=parse_profile(questionnaire, BAKER["profile"]),
                          reference_date=date(2026, 11, 23))
    page = ResultPage()
    qtbot.addWidget(page)
    at = "2026-12-04T10:00:00+00:00"
    page.show_orientation(questionnaire, evaluate(questionnaire, situation),
                          processing_figures={"urssaf": ProcessingFigure("urssaf", 12, 5, 25,
                                                                         30, at),
                                              "caf": ProcessingFigure("caf", 1, 1, 30, 30, at)})
    text = page.browser.toPlainText()
    urssaf = text.index(questionnaire.organisme("urssaf").name)
    assert ("Délai habituel constaté : 5 jours (médiane), 12 jours pour 9 demandes sur 10 "
            "(demandes clôturées ces 30 derniers jours)") in text[urssaf:]
    assert "Délai habituel constaté : 1 jour (médiane), 1 jour pour 9" in text
    assert "Délai habituel : environ un mois." in text  # assurance_retraite
    page.show_orientation(questionnaire, evaluate(questionnaire, situation))
    assert "Délai habituel" not in page.browser.toPlainText()
