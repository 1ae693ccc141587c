"""The whole dossier from the keyboard, consent decisions and their revocation, documents, and
where an existing dossier reopens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.dossier_service import DossierService
from app.forms.consent import load_consent_text
from app.ui.dossier_flow import DossierFlow
from app.ui.print_preview import PrintPreviewDialog
from tests.ui.dossier_helpers import (
    AGENT,
    ANSWERS,
    IDENTITY_TYPED,
    KEYS,
    ORGANISMES,
    create_dossier,
    focused,
    press,
    type_identity,
    unnamed_controls,
)

pytestmark = pytest.mark.gui
pytest_plugins = ["tests.ui.dossier_fixtures"]

CONSENT = load_consent_text("consentement-v2")  # new consents (issue 13)


def test_keyboard_only_full_dossier(qtbot: QtBot, service: DossierService,
                                    documents: DocumentService, tmp_path: Path,
                                    make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow()
    changed: list[str] = []
    flow.dossier_changed.connect(changed.append)
    flow.start_new("accueil")
    type_identity(qtbot, flow, IDENTITY_TYPED)  # typing is not counted
    flow.identity_page.principale_combo.setCurrentIndex(1)
    flow.identity_page.statut_combo.setCurrentIndex(
        flow.identity_page.statut_combo.findData("artisan"))
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert flow.stack.currentWidget() is flow.questionnaire_page
    ref = flow.dossier_id

    answer_presses = 0
    for key in KEYS:
        press(qtbot, key)
        answer_presses += 1
    assert flow.stack.currentWidget() is flow.result_page
    assert answer_presses == 12

    confirm_presses = 0
    press(qtbot, Qt.Key.Key_Return)  # result → consent
    confirm_presses += 1
    assert flow.stack.currentWidget() is flow.consent_page
    # Nothing is pre-ticked: validating before the worker answered is refused.
    assert all(r.decision() is None for r in flow.consent_page.rows())
    with qtbot.assertNotEmitted(flow.consent_page.recorded):
        press(qtbot, Qt.Key.Key_Return)
    assert "pour chaque organisme" in flow.consent_page.error_label.text()
    consent_presses = 1  # the refused validation above
    press(qtbot, "a")  # the worker's answer: yes, for every organisme read out
    consent_presses += 1
    press(qtbot, Qt.Key.Key_Return)  # validate the consent
    confirm_presses += 1
    assert flow.stack.currentWidget() is flow.documents_page
    assert confirm_presses <= 2

    print_presses = 0
    press(qtbot, "p", Qt.KeyboardModifier.ControlModifier)  # the summary's preview
    print_presses += 1
    dialog = flow.documents_page.dialog
    assert isinstance(dialog, PrintPreviewDialog)
    assert dialog.document.kind.value == "summary"
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    with qtbot.waitSignal(dialog.printed):
        press(qtbot, "p", Qt.KeyboardModifier.ControlModifier)  # print (to a PDF file)
        print_presses += 1
    assert len(PdfReader(tmp_path / "printed.pdf").pages) >= 1
    press(qtbot, Qt.Key.Key_Escape)  # close the preview
    qtbot.waitUntil(lambda: flow.documents_page.dialog is None and flow.isActiveWindow())
    print(f"key presses: {answer_presses} answers, {confirm_presses} to confirm, "
          f"{consent_presses} for the worker's consent, {print_presses} to print")

    record = service.record(ref)
    assert record["answers"] == ANSWERS
    assert record["status"] == "oriente"
    assert sorted(c["organisme"] for c in record["consents"]) == sorted(ORGANISMES)
    for consent in record["consents"]:
        assert consent["given"] is True and consent["mode"] == "signe_accueil"
        assert consent["text_version"] == CONSENT.version
        assert consent["text_hash"] == CONSENT.sha256
    assert sorted(o["organisme"] for o in record["orientations"]) == sorted(ORGANISMES)
    assert [(p["kind"], p["agent"]) for p in record["printed"]] == [("summary", AGENT)]
    assert "imprimé le" in flow.documents_page.list.item(0).text()
    assert changed and set(changed) == {ref}
    with qtbot.waitSignal(flow.finished) as finished:
        press(qtbot, Qt.Key.Key_Escape)
    assert finished.args == [ref]


def test_refused_consent_means_no_orientation_and_no_letter(
        qtbot: QtBot, service: DossierService, documents: DocumentService,
        make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    flow.open_dossier(ref)
    assert flow.stack.currentWidget() is flow.result_page
    press(qtbot, Qt.Key.Key_Return)
    page = flow.consent_page
    assert [r.organisme for r in page.rows()] == ORGANISMES
    assert all(r.decision() is None for r in page.rows())
    assert "Aucune case n’est cochée d’avance" in page.banner.text()
    assert page.row("caf").state.text() == "À demander"
    press(qtbot, "3")
    assert page.row("caf").state.text() == "Réponse notée : accepte"
    press(qtbot, "3")  # caf: accepts on the first press, refuses on the second
    assert page.row("caf").refuse.isChecked()
    assert page.row("caf").state.text() == "Réponse notée : refuse"
    press(qtbot, "1")
    press(qtbot, "1")
    press(qtbot, "1")  # urssaf: accepts, refuses, accepts again
    assert page.row("urssaf").accept.isChecked()
    with qtbot.assertNotEmitted(page.recorded):
        press(qtbot, Qt.Key.Key_Return)  # two organismes still without an answer
    assert "Assurance Maladie" in page.error_label.text()
    press(qtbot, "a")  # the others: yes
    assert page.row("caf").refuse.isChecked()  # « A » never overrides an answer given
    press(qtbot, Qt.Key.Key_Return)
    assert flow.stack.currentWidget() is flow.documents_page
    record = service.record(ref)
    decisions = {c["organisme"]: c["given"] for c in record["consents"]}
    assert decisions == {"urssaf": True, "assurance_maladie": True, "caf": False,
                         "assurance_retraite": True}
    assert "caf" not in {o["organisme"] for o in record["orientations"]}
    letters = [c.organisme for c in flow.documents_page.choices() if c.kind.value == "letter"]
    assert letters == ["urssaf", "assurance_maladie", "assurance_retraite"]
    assert [c.organisme for c in documents.choices(ref) if c.kind.value == "letter"] == letters


def test_oral_consent_needs_the_attestation(qtbot: QtBot, service: DossierService,
                                            make_flow: Callable[..., DossierFlow]) -> None:
    ref = service.create(identity={"nom": "Kerbrat", "prenom": "Yann"}, profile={},
                         channel="telephone")
    for question, code in ANSWERS.items():
        service.answer(ref, question, code)
    flow = make_flow()
    flow.open_consents(ref)
    page = flow.consent_page
    assert page.oral_radio.isChecked() and page.attest_check.isVisible()
    press(qtbot, "a")  # the worker agreed, orally, for every organisme read out
    with qtbot.assertNotEmitted(page.recorded):
        press(qtbot, Qt.Key.Key_Return)
    assert page.error_label.isVisible() and "attestation" in page.error_label.text()
    assert focused() is page.attest_check
    press(qtbot, Qt.Key.Key_Space)
    with qtbot.waitSignal(page.recorded):
        press(qtbot, Qt.Key.Key_Return)
    assert {c["mode"] for c in service.record(ref)["consents"]} == {"oral_telephone"}


def test_revocation_through_open_consents(qtbot: QtBot, service: DossierService,
                                          documents: DocumentService,
                                          make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    service.record_consents(ref, dict.fromkeys(ORGANISMES, True), mode="signe_accueil")
    asked: list[str] = []
    answer = [False]

    def confirm(parent: QWidget, title: str, text: str) -> bool:
        asked.append(text)
        return answer[0]

    flow = make_flow(confirm=confirm)
    flow.open_consents(ref)
    page = flow.consent_page
    row = page.row("urssaf")
    assert row.state.text().startswith("Accepté le ")
    assert row.revoke is not None
    qtbot.mouseClick(row.revoke, Qt.MouseButton.LeftButton)  # the agent says no
    assert asked and "Urssaf" in asked[0]
    assert service.record(ref)["consents"][3]["revoked_at"] is None
    answer[0] = True
    row.revoke.setFocus()
    with qtbot.waitSignal(flow.dossier_changed):
        press(qtbot, Qt.Key.Key_Space)
    row = page.row("urssaf")
    assert row.state.text().startswith("Révoqué le ")
    assert row.revoke is None and row.decision() is None
    consent = next(c for c in service.record(ref)["consents"] if c["organisme"] == "urssaf")
    assert consent["revoked_at"] is not None
    assert "urssaf" not in [c.organisme for c in documents.choices(ref)]
    # A new decision can be recorded: the worker agrees again.
    press(qtbot, "1")
    assert page.row("urssaf").accept.isChecked()
    press(qtbot, Qt.Key.Key_Return)
    assert flow.stack.currentWidget() is flow.documents_page
    assert "urssaf" in [c.organisme for c in flow.documents_page.choices()]


def test_open_dossier_resumes_at_the_right_page(service: DossierService,
                                                make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow()
    ref = create_dossier(service, {"Q01": "non", "Q02": "non", "Q04": "oui"})
    flow.open_dossier(ref)
    assert flow.stack.currentWidget() is flow.questionnaire_page
    assert flow.questionnaire_page.progress_label.text() == "3 / 12"  # first unanswered
    for question, code in ANSWERS.items():
        service.answer(ref, question, code)
    flow.open_dossier(ref)
    assert flow.stack.currentWidget() is flow.result_page
    assert flow.header.urgent_label.isVisible()
    service.record_consents(ref, {"urssaf": True}, mode="signe_accueil")
    flow.open_dossier(ref)
    assert flow.stack.currentWidget() is flow.documents_page


def test_result_page_words_the_reasons(service: DossierService,
                                       make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    flow.open_dossier(ref)
    text = flow.result_page.text()
    assert "URGENT" in text and "Trésorerie : Non, je ne peux plus y faire face" in text
    assert "Urssaf (action sociale du CPSTI)" in text and "3698" in text
    assert ("Cotisations : Oui, j’ai des cotisations impayées ou un échéancier que je ne peux "
            "pas tenir") in text
    assert "Ancienneté : " in text and " ans et " in text
    assert "Activité indépendante principale" in text
    assert "Statut : Artisan" in text
    assert "Q01=" not in text and "anciennete_mois" not in text


def test_escape_leaves_without_a_dossier(qtbot: QtBot,
                                         make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow(confirm=lambda parent, title, text: True)
    flow.start_new()
    with qtbot.waitSignal(flow.finished) as finished:
        press(qtbot, Qt.Key.Key_Escape)
    assert finished.args == [""]
    refused: list[str] = []
    flow = make_flow(confirm=lambda parent, title, text: bool(refused.append(text)))
    flow.start_new()
    qtbot.keyClicks(flow.identity_page.edit("nom"), "Le Goff")
    with qtbot.assertNotEmitted(flow.finished):
        press(qtbot, Qt.Key.Key_Escape)
    assert refused  # typed but not saved: the agent is asked first


def test_every_control_of_every_page_is_named(qtbot: QtBot, service: DossierService,
                                              make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    service.record_consents(ref, {"urssaf": True, "caf": False}, mode="signe_accueil")
    flow = make_flow()
    flow.open_dossier(ref)
    flow.open_consents(ref)
    flow.open_documents(ref)
    flow.questionnaire_page.load(ref, service.questionnaire_of(service.record(ref)), ANSWERS)
    flow.result_page.show_orientation(service.questionnaire_of(service.record(ref)),
                                      service.orientation(ref))
    assert unnamed_controls(flow) == []
    for widget in (flow.header, flow.stack, flow.identity_page, flow.questionnaire_page,
                   flow.result_page, flow.consent_page, flow.documents_page):
        assert widget.accessibleName()


def test_the_summary_prints_from_the_result_page(qtbot: QtBot, service: DossierService,
                                                 tmp_path: Path,
                                                 make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    flow.open_dossier(ref)
    assert flow.stack.currentWidget() is flow.result_page
    assert flow.result_page.print_button.accessibleName() == "Imprimer la synthèse"
    press(qtbot, "p", Qt.KeyboardModifier.ControlModifier)
    dialog = flow.documents_page.dialog
    assert isinstance(dialog, PrintPreviewDialog)
    assert dialog.document.kind.value == "summary"
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    with qtbot.waitSignal(dialog.printed):
        press(qtbot, "p", Qt.KeyboardModifier.ControlModifier)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) >= 1
    assert [p["kind"] for p in service.record(ref)["printed"]] == ["summary"]
    # No consent was asked for yet: the summary is the worker's, it needs none.
    assert service.record(ref)["consents"] == []
