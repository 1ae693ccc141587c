"""The partner inbox as a package (app/ui/partner): its codes come from app.forms.codes and its
words from app.ui.wording, it reaches the store only through app.sync, and a window closed while
a request is under way lets it end (a few seconds at most) but does not act on its answer."""

from __future__ import annotations

import ast
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from app.documents import access
from app.forms import codes
from app.ui import wording
from app.ui.partner import PartnerSession, PartnerWindow

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "app" / "ui" / "partner"

pytestmark = pytest.mark.gui


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_package_holds_the_window_and_the_old_module_is_gone() -> None:
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == [
        "__init__.py", "detail.py", "follow_up.py", "model.py", "window.py"]
    assert not (ROOT / "app" / "ui" / "partner_window.py").exists()


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_the_package_reaches_the_store_only_through_app_sync(path: Path) -> None:
    forbidden = ("sqlalchemy", "app.models", "app.cli", "app.sync_commands",
                 "app.server_commands", "app.server", "keyring")
    bad = sorted(m for m in imported_modules(path)
                 if any(m == f or m.startswith(f + ".") for f in forbidden))
    assert bad == []


def test_every_follow_up_status_and_outcome_has_its_words() -> None:
    for status in codes.ORIENTATION_STATUSES:
        assert wording.follow_up_label(status) not in ("", status)
    for outcome in codes.ORIENTATION_OUTCOMES:
        assert wording.follow_up_label("cloturee", outcome).startswith("Clôturée — ")
    # Not yet acknowledged by the organisme, whatever the counter's step: « Transmise ».
    assert {wording.follow_up_label(s) for s in codes.COUNTER_STATUSES} == {"Transmise"}
    assert list(access.ORIENTATION_STATUS_LABELS) == list(codes.ORIENTATION_STATUSES)
    assert list(access.OUTCOME_LABELS) == list(codes.ORIENTATION_OUTCOMES)


def test_the_window_dates_and_numbers() -> None:
    moment = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    local = moment.astimezone()
    assert wording.local_datetime(moment) == local.strftime("%d/%m/%Y %H:%M")
    assert wording.local_datetime(None) == ""
    assert wording.local_time(moment) == local.strftime("%H:%M")
    assert wording.identity_value("date_naissance", "1963-05-14") == "14/05/1963"
    assert wording.identity_value("siret", "73282932000074") == "732 829 320 00074"
    assert wording.profile_value(None, "debut_activite", "2004-09-01") == "01/09/2004"
    assert wording.profile_value(None, "activite_principale", True) == "oui"
    assert wording.grouped(2000) == "2\u00a0000"


def test_a_window_closed_during_a_request_waits_for_it_then_drops_the_answer(
        qtbot: QtBot) -> None:
    entered, release = threading.Event(), threading.Event()

    def hang(request: httpx.Request) -> httpx.Response:
        entered.set()
        release.wait(10)
        return httpx.Response(200, json={"dossiers": []})

    http = httpx.Client(transport=httpx.MockTransport(hang), base_url="http://testserver")
    session = PartnerSession("http://testserver", "t", "p_urssaf", "urssaf", kept=True)
    window = PartnerWindow(session, http_factory=lambda _server: http, backoff=0.0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(entered.is_set, timeout=10_000)
    assert window.busy_with == "inbox"
    threading.Timer(0.2, release.set).start()
    started = time.monotonic()
    with qtbot.assertNotEmitted(window.inbox_loaded, wait=300):
        window.close()  # the request ends first: the store is not left with it half done
    assert release.is_set() and time.monotonic() - started < 5.0
    assert window.busy_with == "" and not window.busy.isVisible()
    http.close()
