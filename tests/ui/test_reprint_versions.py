"""After a correction, the documents page says which letter changed since it was printed and is
to be reprinted as a new version; printing it from its preview carries « Version 2 — remplace la
lettre du … » and the page then lists it among the prints as version 2."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.dossier_service import DossierService
from app.ui.dossier_flow import DossierFlow
from app.ui.print_preview import PrintPreviewDialog
from tests.ui.dossier_helpers import ANSWERS, create_dossier, unnamed_controls
from tests.ui.test_print_all import CountingPrinters, first_day, to_documents

pytestmark = pytest.mark.gui
pytest_plugins = ["tests.ui.dossier_fixtures"]


def test_the_documents_page_says_which_letter_to_reprint_as_a_new_version(
        qtbot: QtBot, service: DossierService, documents: DocumentService, tmp_path: Path,
        make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS, email="am.legoff@exemple.fr")
    flow = make_flow()
    to_documents(qtbot, flow, ref)
    page = flow.documents_page
    assert page.reprint_label.isHidden()
    page.printer_factory = CountingPrinters(tmp_path / "all.pdf")
    with qtbot.waitSignal(page.printed_all):
        page.print_all_button.click()
    assert page.reprint_label.isHidden()
    day = first_day(service.record(ref)["printed"][0]["printed_at"])

    # Only the Urssaf's letter prints the e-mail address.
    service.correct(ref, identity={"email": "anne-marie.legoff@exemple.fr"},
                    reason="courriel mal saisi")
    flow.resize(1366, 768 - 80)  # a 1366×768 screen, less a title bar and a panel
    flow.open_documents(ref)
    qtbot.waitUntil(page.reprint_label.isVisible)
    assert page.reprint_label.text() == (
        f"Lettre à réimprimer : Urssaf — le contenu a changé depuis la lettre du {day} "
        "(version 2)")
    assert page.reprint_label.accessibleName() == "Documents à réimprimer"
    assert not unnamed_controls(page)
    rows = {page.choice_at(i).organisme or page.choice_at(i).kind.value: page.list.item(i).text()
            for i in range(page.list.count())}
    assert rows["urssaf"].endswith(
        f" — à réimprimer, version 2 : le contenu a changé depuis le {day}")
    for other in ("summary", "assurance_maladie", "caf", "assurance_retraite", "consent"):
        assert "imprimé le" in rows[other] and "réimprimer" not in rows[other]
    # Everything still fits: the notice, every document of the list, the prints.
    assert page.reprint_label.height() >= page.reprint_label.heightForWidth(
        page.reprint_label.width())
    rows_height = sum(page.list.visualItemRect(page.list.item(i)).height() + 2 * 4
                      for i in range(page.list.count()))
    assert rows_height <= page.list.viewport().height()
    assert page.history.isVisible() and page.history.height() > 0

    row = [page.choice_at(i).organisme for i in range(page.list.count())].index("urssaf")
    page.list.setCurrentRow(row)
    with qtbot.waitSignal(page.delivered):
        dialog = page.open_choice(page.choice_at(row))
        assert isinstance(dialog, PrintPreviewDialog)
        dialog.print_button.click()
    text = " ".join(PdfReader(io.BytesIO(dialog.document.pdf)).pages[0].extract_text().split())
    dialog.close()  # as the agent does; a preview left open keeps the keyboard focus
    qtbot.waitUntil(lambda: page.dialog is None)
    assert f"Version 2 — remplace la lettre du {day}" in text
    assert "anne-marie.legoff@exemple.fr" in text

    # The page was reloaded: nothing left to reprint, the new print is version 2.
    qtbot.waitUntil(page.reprint_label.isHidden)
    assert "imprimé le" in page.list.item(row).text()
    assert "réimprimer" not in page.list.item(row).text()
    assert page.history.topLevelItem(0).text(0) == \
        "Courrier d’orientation — Urssaf (action sociale du CPSTI) (version 2)"
    labels = [page.history.topLevelItem(i).text(0)
              for i in range(page.history.topLevelItemCount())]
    assert "Courrier d’orientation — Urssaf (action sociale du CPSTI) (version 1)" in labels
    assert not any("Caf" in label and "version" in label for label in labels)
