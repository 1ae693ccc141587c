"""The identity page: every validation message next to its field, live; duplicates; creation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.dossier_service import DossierService
from app.forms.identity import IssueCode
from app.ui import wording
from app.ui.dossier_flow import DossierFlow
from app.ui.identity_page import departement_of_postal_code, typed_date_to_iso
from tests.ui.dossier_helpers import (
    IDENTITY_TYPED,
    NIR,
    OTHER_SIRET,
    SIRET,
    create_dossier,
    press,
    type_identity,
    unnamed_controls,
)

pytestmark = pytest.mark.gui
pytest_plugins = ["tests.ui.dossier_fixtures"]

TODAY = date.today()
NEXT_YEAR = f"01/01/{TODAY.year + 1}"
TEN_YEARS_AGO = (TODAY - timedelta(days=3650)).strftime("%d/%m/%Y")

# field, bad value, expected code, a good value; the birth date is 12/03/1970 throughout.
CASES = [
    ("nom", "", IssueCode.REQUIRED, "Le Goff"),
    ("nom", "A" * 81, IssueCode.TOO_LONG, "Le Goff"),
    ("nom", "Dupont3", IssueCode.INVALID_CHARACTERS, "Dupont"),
    ("prenom", "", IssueCode.REQUIRED, "Anne"),
    ("prenom", "B" * 81, IssueCode.TOO_LONG, "Anne"),
    ("prenom", "Anne_Marie", IssueCode.INVALID_CHARACTERS, "Anne-Marie"),
    ("nom_naissance", "C" * 81, IssueCode.TOO_LONG, "Kerherve"),
    ("nom_naissance", "Ker@", IssueCode.INVALID_CHARACTERS, "Kerherve"),
    ("commune", "D" * 81, IssueCode.TOO_LONG, "Rennes"),
    ("commune", "Rennes 2", IssueCode.INVALID_CHARACTERS, "Saint-Brieuc"),
    ("date_naissance", "31/02/1970", IssueCode.INVALID_DATE, "12/03/1970"),
    ("date_naissance", "1970-13-01", IssueCode.INVALID_DATE, "1970-03-12"),
    ("date_naissance", NEXT_YEAR, IssueCode.IN_FUTURE, "12/03/1970"),
    ("date_naissance", "01/01/1890", IssueCode.TOO_OLD, "12/03/1970"),
    ("date_naissance", TEN_YEARS_AGO, IssueCode.TOO_YOUNG, "12031970"),
    ("nir", "1234", IssueCode.INVALID_LENGTH, NIR),
    ("nir", "270033523804599", IssueCode.INVALID_CHECKSUM, NIR),
    ("nir", "370033523804575", IssueCode.INVALID_FORMAT, NIR),
    ("nir", "185072212345681", IssueCode.BIRTH_MISMATCH, "2 70 03 35 238 045 28"),
    ("siret", "1234567890123X", IssueCode.INVALID_FORMAT, SIRET),
    ("siret", "7328293200007", IssueCode.INVALID_LENGTH, SIRET),
    ("siret", "73282932000075", IssueCode.INVALID_CHECKSUM, "732 829 320 00074"),
    ("telephone", "12 34", IssueCode.INVALID_FORMAT, "+33 6 12 34 56 78"),
    ("email", "am.legoff@", IssueCode.INVALID_FORMAT, "am.legoff@exemple.fr"),
    ("adresse", "x" * 201, IssueCode.TOO_LONG, "4 rue de la Monnaie"),
    ("code_postal", "3500", IssueCode.INVALID_FORMAT, "35000"),
    ("debut_activite", "32/01/2004", IssueCode.INVALID_DATE, "10/01/2004"),
    ("debut_activite", NEXT_YEAR, IssueCode.IN_FUTURE, "10/01/2004"),
    ("debut_activite", "01/01/1960", IssueCode.BEFORE_BIRTH, "2004-01-10"),
]


def leave(qtbot: QtBot, flow: DossierFlow, name: str) -> None:
    """Tab out of the field, as the agent does."""
    edit = flow.identity_page.edit(name)
    assert QApplication.focusWidget() is edit
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not edit


def set_field(qtbot: QtBot, flow: DossierFlow, name: str, value: str) -> None:
    edit = flow.identity_page.edit(name)
    edit.setFocus()
    edit.selectAll()
    if value:
        qtbot.keyClicks(edit, value)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)


@pytest.mark.parametrize(("field", "bad", "code", "good"), CASES,
                         ids=[f"{c[0]}-{c[2].value}" for c in CASES])
def test_each_message_shows_next_to_its_field_then_goes(
        qtbot: QtBot, make_flow: Callable[..., DossierFlow], field: str, bad: str,
        code: IssueCode, good: str) -> None:
    flow = make_flow()
    flow.start_new()
    page = flow.identity_page
    set_field(qtbot, flow, "date_naissance", "12/03/1970")
    leave(qtbot, flow, "date_naissance")
    if field == "nom" or field == "prenom":
        set_field(qtbot, flow, field, "X")  # then cleared or replaced below
    set_field(qtbot, flow, field, bad)
    leave(qtbot, flow, field)
    expected = "⚠ " + wording.issue_message(field, code)
    message = page.message(field)
    assert message.isVisible() and message.text() == expected
    assert page.edit(field).accessibleDescription() == wording.issue_message(field, code)
    # The message sits right under its own field.
    field_box = page.edit(field).geometry()
    assert message.parentWidget() is page.edit(field).parentWidget()
    assert message.geometry().top() >= field_box.bottom()
    set_field(qtbot, flow, field, good)
    leave(qtbot, flow, field)
    assert not message.isVisible() and message.text() == ""
    assert page.edit(field).accessibleDescription() == ""


def test_departement_message_and_prefill(qtbot: QtBot,
                                         make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow()
    flow.start_new()
    page = flow.identity_page
    set_field(qtbot, flow, "code_postal", "22190")
    leave(qtbot, flow, "code_postal")
    assert page.edit("departement").text() == "22"
    set_field(qtbot, flow, "departement", "99")
    leave(qtbot, flow, "departement")
    assert page.message("departement").text() == "⚠ " + wording.departement_message()
    set_field(qtbot, flow, "departement", "2a")
    leave(qtbot, flow, "departement")
    assert not page.message("departement").isVisible()
    # A département typed by the agent is not overwritten by a later postal code.
    set_field(qtbot, flow, "code_postal", "29200")
    leave(qtbot, flow, "code_postal")
    assert page.edit("departement").text() == "2a"
    assert page.profile()["departement"] == "2A"


def test_message_appears_when_typing_pauses(qtbot: QtBot,
                                            make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow()
    flow.start_new()
    page = flow.identity_page
    set_field(qtbot, flow, "telephone", "06 12")
    assert QApplication.focusWidget() is page.edit("telephone")
    qtbot.waitUntil(lambda: page.message("telephone").isVisible(), timeout=3000)
    qtbot.keyClicks(page.edit("telephone"), " 34 56 78")
    qtbot.waitUntil(lambda: not page.message("telephone").isVisible(), timeout=3000)


def test_nir_rechecked_when_the_birth_date_changes(qtbot: QtBot,
                                                   make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow()
    flow.start_new()
    page = flow.identity_page
    set_field(qtbot, flow, "nir", NIR)
    leave(qtbot, flow, "nir")
    assert not page.message("nir").isVisible()
    set_field(qtbot, flow, "date_naissance", "12/04/1970")
    leave(qtbot, flow, "date_naissance")
    assert page.message("nir").text() == "⚠ " + wording.issue_message(
        "nir", IssueCode.BIRTH_MISMATCH)


def test_creation_refused_while_issues_remain(qtbot: QtBot, service: DossierService,
                                              make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow()
    flow.start_new()
    page = flow.identity_page
    type_identity(qtbot, flow, {**IDENTITY_TYPED, "nom": "", "email": "faux"})
    with qtbot.assertNotEmitted(page.created):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.edit("nom")  # the first bad field
    assert page.message("nom").isVisible() and page.message("email").isVisible()
    assert "3 champs à corriger" in page.status_label.text()
    assert service.duplicates({"nom": "", "nir": NIR}) == []


def test_enter_in_last_field_creates_with_profile(qtbot: QtBot, service: DossierService,
                                                  make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow()
    flow.start_new("telephone")
    page = flow.identity_page
    assert page.channel() == "telephone"
    type_identity(qtbot, flow, IDENTITY_TYPED)
    page.statut_combo.setCurrentIndex(page.statut_combo.findData("commercant"))
    page.principale_combo.setCurrentIndex(page.principale_combo.findData(True))
    page.foyer_spin.setValue(3)
    page.edit("departement").setFocus()
    with qtbot.waitSignal(flow.dossier_changed) as changed:
        press(qtbot, Qt.Key.Key_Return)
    record = service.record(changed.args[0])
    assert record["channel"] == "telephone"
    assert record["identity"]["date_naissance"] == "1970-03-12"
    assert record["identity"]["nir"] == NIR
    assert record["profile"] == {"statut": "commercant", "date_naissance": "1970-03-12",
                                 "debut_activite": "2004-01-10", "foyer": 3,
                                 "activite_principale": True, "departement": "35"}
    assert flow.stack.currentWidget() is flow.questionnaire_page
    assert flow.header.number_label.text() == record["number"]
    assert flow.header.name_label.text() == "Le Goff Anne-Marie"
    assert "Téléphone" in flow.header.channel_label.text()


@pytest.mark.parametrize(("typed", "reason"), [
    ({"nom": "Durand", "prenom": "Julie", "date_naissance": "12/03/1970", "nir": NIR}, "NIR"),
    ({"nom": "Durand", "prenom": "Julie", "siret": SIRET}, "SIRET"),
    ({"nom": "LE GOFF", "prenom": "anne-marie", "date_naissance": "1970-03-12",
      "siret": OTHER_SIRET}, "nom, prénom et date de naissance"),
])
def test_duplicate_open_existing(qtbot: QtBot, service: DossierService,
                                 make_flow: Callable[..., DossierFlow], typed: dict[str, str],
                                 reason: str) -> None:
    existing = create_dossier(service, {"Q01": "non", "Q02": "non"})
    number = service.record(existing)["number"]
    flow = make_flow()
    flow.start_new()
    type_identity(qtbot, flow, typed)
    flow.identity_page.principale_combo.setCurrentIndex(1)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page = flow.identity_page
    qtbot.waitUntil(lambda: page.duplicate_dialog is not None
                    and page.duplicate_dialog.isVisible())
    dialog = page.duplicate_dialog
    assert dialog is not None
    first = dialog.open_buttons[0]
    assert first.text() == (f"Ouvrir le dossier existant {number} (Le Goff Anne-Marie, "
                            "Brouillon)")
    assert first.isDefault()
    assert reason in first.toolTip()
    assert dialog.create_button.text() == "Créer quand même un nouveau dossier"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    press(qtbot, Qt.Key.Key_Return)  # the default: open the existing dossier
    qtbot.waitUntil(lambda: flow.dossier_id == existing)
    assert flow.stack.currentWidget() is flow.questionnaire_page
    assert flow.questionnaire_page.progress_label.text() == "3 / 12"
    assert len(service.duplicates({"nir": NIR})) == 1  # nothing new was created


def test_duplicate_create_anyway(qtbot: QtBot, service: DossierService,
                                 make_flow: Callable[..., DossierFlow]) -> None:
    existing = create_dossier(service)
    flow = make_flow()
    flow.start_new()
    type_identity(qtbot, flow, {"nom": "Durand", "prenom": "Julie", "siret": SIRET})
    flow.identity_page.principale_combo.setCurrentIndex(1)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page = flow.identity_page
    qtbot.waitUntil(lambda: page.duplicate_dialog is not None)
    assert page.duplicate_dialog is not None
    with qtbot.waitSignal(page.created) as created:
        qtbot.mouseClick(page.duplicate_dialog.create_button, Qt.MouseButton.LeftButton)
    assert created.args[0] != existing
    assert flow.dossier_id == created.args[0]
    assert {d.id for d in service.duplicates({"siret": SIRET})} == {existing, created.args[0]}


def test_typed_dates_and_departements() -> None:
    assert typed_date_to_iso("12/03/1970") == "1970-03-12"
    assert typed_date_to_iso("1.3.1970") == "1970-03-01"
    assert typed_date_to_iso("12031970") == "1970-03-12"
    assert typed_date_to_iso("1970-03-12") == "1970-03-12"
    assert typed_date_to_iso("31/02/1970") == "31/02/1970"
    assert typed_date_to_iso("") == ""
    assert departement_of_postal_code("35000") == "35"
    assert departement_of_postal_code("20000") == "2A"
    assert departement_of_postal_code("20600") == "2B"
    assert departement_of_postal_code("97400") == "974"
    assert departement_of_postal_code("98000") is None
    assert departement_of_postal_code("350") is None


def test_every_identity_control_is_named(make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow()
    flow.start_new()
    assert unnamed_controls(flow.identity_page) == []


def test_main_activity_is_a_required_yes_no_question(qtbot: QtBot, service: DossierService,
                                                     make_flow: Callable[..., DossierFlow]
                                                     ) -> None:
    flow = make_flow()
    flow.start_new()
    page = flow.identity_page
    combo = page.principale_combo
    assert combo.currentData() is None  # no default: the agent must ask
    assert [combo.itemData(i) for i in range(combo.count())] == [None, True, False]
    type_identity(qtbot, flow, IDENTITY_TYPED)
    with qtbot.assertNotEmitted(page.created):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.message("activite_principale").isVisible()
    assert "1 champ à corriger" in page.status_label.text()
    assert QApplication.focusWidget() is combo
    # From the keyboard: « O » answers Oui, the arrows move between Oui and Non.
    qtbot.keyClick(combo, Qt.Key.Key_O)
    assert combo.currentData() is True
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() is False
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert combo.currentData() is True
    assert not page.message("activite_principale").isVisible()
    assert page.profile()["activite_principale"] is True
    with qtbot.waitSignal(page.created) as created:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert service.record(created.args[0])["profile"]["activite_principale"] is True


def test_main_activity_is_in_the_tab_order(qtbot: QtBot,
                                          make_flow: Callable[..., DossierFlow]) -> None:
    flow = make_flow()
    flow.start_new()
    page = flow.identity_page
    flow.show()
    page.foyer_spin.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.principale_combo
    assert page.principale_combo.accessibleName()
