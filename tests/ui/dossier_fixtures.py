"""Fixtures of the dossier-flow GUI tests (loaded with ``pytest_plugins``): the services over
the test store and a shown, active flow whose print previews print to a PDF file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.dossier_service import DossierService
from app.models.database import Store
from app.ui.dossier_flow import DossierFlow
from app.ui.settings import AppSettings
from tests.ui.dossier_helpers import AGENT, pdf_dialog_factory


@pytest.fixture
def service(store: Store) -> DossierService:
    return DossierService(store, agent=AGENT)


@pytest.fixture
def documents(store: Store) -> DocumentService:
    return DocumentService(store)


@pytest.fixture
def settings() -> AppSettings:
    return AppSettings(agent_name=AGENT)



@pytest.fixture
def make_flow(qtbot: QtBot, service: DossierService, documents: DocumentService,
              settings: AppSettings, tmp_path: Path) -> Iterator[Callable[..., DossierFlow]]:
    def make(**kwargs: Any) -> DossierFlow:
        kwargs.setdefault("dialog_factory", pdf_dialog_factory(tmp_path / "printed.pdf"))
        flow = DossierFlow(service, documents, settings, **kwargs)
        qtbot.addWidget(flow)
        flow.resize(1100, 760)
        with qtbot.waitActive(flow):
            flow.show()
            flow.activateWindow()
        return flow

    yield make
