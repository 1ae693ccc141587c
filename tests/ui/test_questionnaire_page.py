"""The questionnaire page: number keys save and move on, Backspace goes back, 0 is « ne sait
pas », arrows and Enter, phone mode with the spoken text and the editable recap, save errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.dossier_service import DossierService, Progress
from app.forms.questionnaire import load_questionnaire
from app.ui.dossier_flow import DossierFlow
from app.ui.settings import AppSettings
from tests.ui.dossier_helpers import (
    create_dossier,
    press,
    unnamed_controls,
)

pytestmark = pytest.mark.gui
pytest_plugins = ["tests.ui.dossier_fixtures"]

QUESTIONNAIRE = load_questionnaire()


def open_new(service: DossierService, make_flow: Callable[..., DossierFlow],
             answers: dict[str, str] | None = None) -> tuple[DossierFlow, str]:
    ref = create_dossier(service, answers)
    flow = make_flow()
    flow.open_dossier(ref)
    assert flow.stack.currentWidget() is flow.questionnaire_page
    return flow, ref


def test_number_keys_answer_and_backspace_overwrites(
        qtbot: QtBot, service: DossierService, make_flow: Callable[..., DossierFlow]) -> None:
    flow, ref = open_new(service, make_flow)
    page = flow.questionnaire_page
    assert page.progress_label.text() == "1 / 12"
    assert page.theme_label.text() == "Cotisations"
    assert page.answer_list.item(0).text() == "1 — Non"
    assert page.answer_list.item(page.answer_list.count() - 1).text() == (
        "0 — Ne sait pas / ne souhaite pas répondre")
    for key in "213":
        press(qtbot, key)
    assert service.record(ref)["answers"] == {"Q01": "ponctuelles", "Q02": "non",
                                              "Q03": "externe"}
    assert page.progress_label.text() == "4 / 12"
    assert page.progress_bar.value() == 3
    press(qtbot, Qt.Key.Key_Backspace)
    assert page.progress_label.text() == "3 / 12"
    assert page.answer_list.currentRow() == 2  # « externe », the saved answer, highlighted
    press(qtbot, Qt.Key.Key_Backspace)
    assert page.progress_label.text() == "2 / 12"
    assert page.answer_list.currentRow() == 0
    press(qtbot, "3")  # overwrite Q02 with « forte »
    assert service.record(ref)["answers"]["Q02"] == "forte"
    assert page.progress_label.text() == "3 / 12"
    assert page.answer_list.currentRow() == 2
    press(qtbot, "9")  # no 9th answer: nothing happens
    assert page.progress_label.text() == "3 / 12"


def test_zero_is_nsp_and_arrows_with_enter(qtbot: QtBot, service: DossierService,
                                           make_flow: Callable[..., DossierFlow]) -> None:
    flow, ref = open_new(service, make_flow)
    press(qtbot, "0")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    answers = service.record(ref)["answers"]
    assert answers == {"Q01": "nsp", "Q02": "forte"}
    assert flow.questionnaire_page.progress_label.text() == "3 / 12"


def test_urgent_badge_follows_the_answers(qtbot: QtBot, service: DossierService,
                                          make_flow: Callable[..., DossierFlow]) -> None:
    flow, ref = open_new(service, make_flow, {"Q01": "non", "Q02": "non", "Q03": "non"})
    assert not flow.header.urgent_label.isVisible()
    with qtbot.waitSignal(flow.questionnaire_page.answered) as answered:
        press(qtbot, "3")  # Q04: « Non, je ne peux plus y faire face »
    assert isinstance(answered.args[0], Progress) and answered.args[0].urgent
    assert flow.header.urgent_label.isVisible()
    assert flow.header.urgent_label.text() == "URGENT"
    assert "URGENT" in flow.header.accessibleDescription()
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, "1")
    assert not flow.header.urgent_label.isVisible()
    assert service.record(ref)["urgent"] is False


def test_twelfth_answer_opens_the_result(qtbot: QtBot, service: DossierService,
                                         make_flow: Callable[..., DossierFlow]) -> None:
    answers = {q.id: "non" for q in QUESTIONNAIRE.questions[:11]}
    answers["Q04"] = "oui"
    answers["Q06"] = "oui"
    answers["Q07"] = "suffisantes"
    flow, _ref = open_new(service, make_flow, answers)
    assert flow.questionnaire_page.progress_label.text() == "12 / 12"
    press(qtbot, "1")
    assert flow.stack.currentWidget() is flow.result_page
    assert "Aucune fragilité n’a été détectée" in flow.result_page.text()


def test_phone_mode_spoken_text_and_recap_edit(qtbot: QtBot, service: DossierService,
                                               make_flow: Callable[..., DossierFlow],
                                               settings: AppSettings) -> None:
    settings.phone_mode = True
    flow, ref = open_new(service, make_flow)
    page = flow.questionnaire_page
    assert page.phone_mode()
    assert page.spoken_label.isVisible()
    assert page.spoken_label.text() == QUESTIONNAIRE.question("Q01").spoken
    assert page.recap_list.isVisible() and page.recap_list.count() == 0
    for key in "3212":
        press(qtbot, key)
    assert page.spoken_label.text() == QUESTIONNAIRE.question("Q05").spoken
    assert [page.recap_list.item(i).text() for i in range(4)] == [
        "1. Cotisations → Oui, j’ai des cotisations impayées ou un échéancier que je ne peux "
        "pas tenir",
        "2. Chiffre d’affaires → Oui, de moins de 30\u00a0%",
        "3. Événement exceptionnel → Non",
        "4. Trésorerie → Difficilement",
    ]
    # Select the first item of the recap and press Enter: back to Q01, its answer highlighted.
    page.recap_list.setFocus()
    page.recap_list.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Return)
    assert page.progress_label.text() == "1 / 12"
    assert page.answer_list.currentRow() == 2
    press(qtbot, "2")
    assert service.record(ref)["answers"]["Q01"] == "ponctuelles"
    assert page.progress_label.text() == "5 / 12"  # back where the interview stopped
    assert page.recap_list.item(0).text().startswith("1. Cotisations → Oui, une échéance")
    # A click on the recap works too.
    qtbot.mouseClick(page.recap_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.recap_list.visualItemRect(page.recap_list.item(3)).center())
    assert page.progress_label.text() == "4 / 12"
    # Ctrl+T switches back to counter mode.
    press(qtbot, "t", Qt.KeyboardModifier.ControlModifier)
    assert not page.phone_mode()
    assert not page.spoken_label.isVisible() and not page.recap_list.isVisible()
    assert page.question_label.text() == QUESTIONNAIRE.question("Q04").text


def test_phone_channel_defaults_to_phone_mode(service: DossierService,
                                              make_flow: Callable[..., DossierFlow]) -> None:
    ref = service.create(identity={"nom": "Kerbrat", "prenom": "Yann"}, profile={},
                         channel="telephone")
    flow = make_flow()
    flow.open_dossier(ref)
    assert flow.questionnaire_page.phone_mode()


def test_save_error_keeps_the_answer_and_retries(
        qtbot: QtBot, service: DossierService, make_flow: Callable[..., DossierFlow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    flow, ref = open_new(service, make_flow, {"Q01": "non"})
    page = flow.questionnaire_page
    real_answer = service.answer

    def locked(*args: object, **kwargs: object) -> Progress:
        raise OSError("base verrouillée")

    monkeypatch.setattr(service, "answer", locked)
    with qtbot.assertNotEmitted(page.answered):
        press(qtbot, "4")
    assert page.progress_label.text() == "2 / 12"
    assert page.answer_list.currentRow() == 3  # the choice stays on screen
    assert page.error_label.isVisible() and "base verrouillée" in page.error_label.text()
    assert page.has_unsaved_input()
    monkeypatch.setattr(service, "answer", real_answer)
    press(qtbot, Qt.Key.Key_Return)  # retry
    assert service.record(ref)["answers"]["Q02"] == "cessation"
    assert page.progress_label.text() == "3 / 12"
    assert not page.error_label.isVisible()


def test_every_questionnaire_control_is_named(service: DossierService,
                                              make_flow: Callable[..., DossierFlow]) -> None:
    flow, _ref = open_new(service, make_flow)
    flow.questionnaire_page.set_phone_mode(True)
    assert unnamed_controls(flow.questionnaire_page) == []
    for row in range(flow.questionnaire_page.answer_list.count()):
        item = flow.questionnaire_page.answer_list.item(row)
        assert item.data(Qt.ItemDataRole.AccessibleTextRole) == item.text()


def test_changing_an_answer_of_a_completed_questionnaire_asks_the_reason(
        qtbot: QtBot, service: DossierService, make_flow: Callable[..., DossierFlow]) -> None:
    """Once all 12 answers are given, going back and picking another answer is a correction:
    « Modifier une réponse » opens with that answer chosen and the effect on the orientation;
    nothing is saved without a reason; « Annuler » keeps the saved answer; the reason reaches the
    history and the result page shows the new orientation."""
    from app.ui.correction_dialog import AnswerDialog
    from tests.ui.dossier_helpers import ANSWERS

    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    flow.open_dossier(ref)
    assert flow.stack.currentWidget() is flow.result_page
    flow.result_page.back_requested.emit()
    page = flow.questionnaire_page
    assert flow.stack.currentWidget() is page and page.current_question().id == "Q01"
    assert page.answer_list.currentRow() == 2  # « dette »

    press(qtbot, "1")  # « Non »: the debt question answered otherwise
    qtbot.waitUntil(lambda: isinstance(page.revision_dialog, AnswerDialog)
                    and page.revision_dialog.isVisible())
    dialog = page.revision_dialog
    assert isinstance(dialog, AnswerDialog)
    assert dialog.question_id() == "Q01" and dialog.answer_combo.currentData() == "non"
    assert "Disparaît" in dialog.effect_label.text()
    assert service.record(ref)["answers"]["Q01"] == "dette"  # nothing saved yet
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)  # no reason: refused, named
    assert "motif" in dialog.message_label.text()
    assert service.record(ref)["answers"]["Q01"] == "dette"
    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.revision_dialog is None)
    assert service.record(ref)["answers"]["Q01"] == "dette"
    assert flow.stack.currentWidget() is page and page.answer_list.currentRow() == 2

    press(qtbot, "1")
    qtbot.waitUntil(lambda: page.revision_dialog is not None
                    and page.revision_dialog.isVisible())
    dialog = page.revision_dialog
    assert dialog is not None
    assert dialog.focusWidget() is dialog.reason_edit  # the answer is chosen: the reason next
    qtbot.keyClicks(dialog.reason_edit, "plan de paiement respecte")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.revision_dialog is None)
    assert service.record(ref)["answers"]["Q01"] == "non"
    entry = service.history(ref)[0]
    assert entry.action == "answer" and entry.detail.get("reason") == (
        "plan de paiement respecte")
    assert flow.stack.currentWidget() is flow.result_page


def test_changing_an_answer_during_the_first_pass_needs_no_reason(
        qtbot: QtBot, service: DossierService, make_flow: Callable[..., DossierFlow]) -> None:
    flow, ref = open_new(service, make_flow, {"Q01": "dette"})
    page = flow.questionnaire_page
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, "1")
    assert page.revision_dialog is None
    assert service.record(ref)["answers"]["Q01"] == "non"
