"""The processing times the central store publishes: read by each sync round, kept beside the
local store, shown on the result page and printed on the worker's summary — offline too."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.documents import DocumentKind
from app.forms.questionnaire import load_questionnaire
from app.models.database import Store
from app.sync import SyncClient
from app.sync.figures import figures_path, processing_days
from tests.documents.conftest import flat, pdf_text
from tests.server.conftest import Server
from tests.sync.conftest import BAKER, MakeClient, bearer, new_dossier, wrapped


def close_urssaf_orientation(central: Server, store: Store, make_client: MakeClient,
                             days: float) -> str:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True, "assurance_retraite": True})
    assert make_client(store).run_round().in_sync
    partner = central.login("p_urssaf")
    assert central.client.post(f"/partner/dossiers/{dossier_id}/orientation", headers=partner,
                               json={"status": "recue"}).status_code == 200
    central.clock.advance(days=days)
    partner = central.login("p_urssaf")
    assert central.client.post(f"/partner/dossiers/{dossier_id}/orientation", headers=partner,
                               json={"status": "cloturee", "outcome": "aide_accordee"}
                               ).status_code == 200
    return dossier_id


def test_a_round_keeps_the_published_times_and_documents_print_them(
        store: Store, central: Server, make_client: MakeClient) -> None:
    assert store.path is not None
    data_dir = store.path.parent
    assert processing_days(data_dir) == {}  # never read: the summary prints the published fact
    dossier_id = close_urssaf_orientation(central, store, make_client, days=2.4)
    # days later: a new token (the fixture's has expired)
    assert SyncClient(store, central.client, token=bearer(central)).run_round().in_sync
    assert processing_days(data_dir) == {"urssaf": 3}  # 2.4 days, rounded up
    kept = json.loads(figures_path(data_dir).read_text(encoding="utf-8"))
    assert kept["published"]["organismes"]["caf"] == {"p90_days": None, "count": 0}

    summary = DocumentService(store).render(dossier_id, DocumentKind.SUMMARY)
    text = flat(pdf_text(summary.pdf))
    assert "Délai habituel constaté : 3 jours" in text
    assert "Délai habituel : environ un mois" in text  # caf: no figure yet
    # Offline: the round fails, the kept figures stay.
    offline = SyncClient(store, wrapped(central, lambda inner: Unreachable()),
                         token=bearer(central), max_retries=0)
    assert not offline.run_round().in_sync
    assert processing_days(data_dir) == {"urssaf": 3}


class Unreachable(httpx.BaseTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)


def test_an_unreadable_figures_file_is_ignored(tmp_path: Path) -> None:
    figures_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert processing_days(tmp_path) == {}
    figures_path(tmp_path).write_text(json.dumps({"published": {"organismes": {
        "urssaf": {"p90_days": 0.2}, "caf": {"p90_days": "3"}, "msa": {"p90_days": True}}}}),
        encoding="utf-8")
    assert processing_days(tmp_path) == {"urssaf": 1}
    assert processing_days(None) == {}


def test_the_result_page_shows_the_usual_time_under_its_organisme(qtbot: QtBot) -> None:
    from app.forms.evaluation import Situation, evaluate, parse_answers, parse_profile
    from app.ui.result_page import ResultPage

    questionnaire = load_questionnaire("help-v1")
    situation = Situation(answers=parse_answers(questionnaire, BAKER["answers"], require_all=False),
                          profile=parse_profile(questionnaire, BAKER["profile"]),
                          reference_date=date(2026, 11, 23))
    page = ResultPage()
    qtbot.addWidget(page)
    page.show_orientation(questionnaire, evaluate(questionnaire, situation),
                          processing_days={"urssaf": 12, "caf": 1})
    text = page.browser.toPlainText()
    urssaf = text.index(questionnaire.organisme("urssaf").name)
    assert "Délai habituel constaté : 12 jours" in text[urssaf:]
    page.show_orientation(questionnaire, evaluate(questionnaire, situation))
    assert "Délai habituel" not in page.browser.toPlainText()
