"""The graphical application's entry point: ``run_gui(data_dir)``.

Start-up stays lean: the window needs Qt, the settings and the local store; the dossier workflow
(questionnaire pages, documents, reportlab) is imported and built the first time the agent opens
or creates a dossier. ``smoke=True`` opens the window on the data dir, waits for the first rows of
the list, prints ``ready in N ms`` and exits, with no dialog ever shown (for the release script,
the benchmarks and the tests).

A workstation whose last sign-in was a partner agent's (``settings.agent_role == "partenaire"``)
with its token still in the keyring opens the partner inbox instead (``PartnerWindow``): it
needs no local store, only the central one.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

# What the list's first page needs (the keyring, sqlcipher3: app.models.early) loads before
# PySide6: once shiboken is loaded, its import hook runs on every later import (keyring and its
# backends then cost twice as much).
for _module in ("app.models.secrets", "sqlcipher3"):
    importlib.import_module(_module)

from PySide6.QtCore import (  # noqa: E402
    QEventLoop,
    QLibraryInfo,
    QLocale,
    Qt,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QIcon  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__  # noqa: E402
from app.paths import RESOURCES  # noqa: E402

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.models.database import Store
    from app.ui.settings import AppSettings

TRANSLATIONS_DIR = RESOURCES / "translations"
ICON_FILE = RESOURCES / "icons" / "accueil-ti.png"
SMOKE_TIMEOUT_MS = 60_000
RETENTION_WAIT_S = 120.0  # at exit, for a retention pass still running
PAINT_WAIT_S = 1.0  # the start-up's worker threads wait for the list's first paint, at most
ORGANIZATION = "Help! Bretagne"
APPLICATION = "Accueil TI"


def process_age_ms() -> float | None:
    """Milliseconds since this process started (Linux, from /proc), or None elsewhere."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime, in ticks
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return None


# --------------------------------------------------------------------------- the workflow, lazily


class LazyFlow(QWidget):
    """Stands for ``DossierFlow`` in the window and builds it on first use (its imports —
    questionnaire pages, documents, reportlab — are kept out of the start-up).

    Signals:
        finished(str): forwarded from the flow (the agent left the dossier; its id or '').
        dossier_changed(str): forwarded from the flow (a dossier was saved).
    """

    finished = Signal(str)
    dossier_changed = Signal(str)

    def __init__(self, store: Store, service: Any, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lazy_flow")
        self._store = store
        self._service = service
        self._settings = settings
        self._flow: Any = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def _real(self) -> Any:
        if self._flow is None:
            try:
                from app.document_service import DocumentService
                from app.ui.dossier_flow import DossierFlow
            except ImportError:
                self._flow = _MissingFlow(self)
            else:
                self._flow = DossierFlow(self._service, DocumentService(self._store),
                                         self._settings, self)
            self._flow.finished.connect(self.finished)
            self._flow.dossier_changed.connect(self.dossier_changed)
            self._layout.addWidget(self._flow)
        return self._flow

    def start_new(self, channel: str = "accueil",
                  prefill: Mapping[str, object] | None = None) -> None:
        self._real().start_new(channel, prefill)

    def open_dossier(self, dossier_id: str) -> None:
        self._real().open_dossier(dossier_id)

    def open_documents(self, dossier_id: str) -> None:
        self._real().open_documents(dossier_id)

    def open_consents(self, dossier_id: str) -> None:
        self._real().open_consents(dossier_id)


class _MissingFlow(QWidget):
    """Shown when this build has no dossier workflow module (development builds only).

    Signals:
        finished(str): « Retour à la liste » was pressed.
        dossier_changed(str): never emitted.
    """

    finished = Signal(str)
    dossier_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Le parcours du dossier n’est pas disponible dans cette version."),
                       self)
        label.setAccessibleName(label.text())
        back = QPushButton(self.tr("Retour à la liste"), self)
        back.setAccessibleName(back.text())
        back.clicked.connect(lambda: self.finished.emit(""))
        layout.addWidget(label)
        layout.addWidget(back)
        layout.addStretch(1)

    def start_new(self, channel: str = "accueil",
                  prefill: Mapping[str, object] | None = None) -> None:
        pass

    def open_dossier(self, dossier_id: str) -> None:
        pass

    def open_documents(self, dossier_id: str) -> None:
        pass

    def open_consents(self, dossier_id: str) -> None:
        pass


# --------------------------------------------------------------------------- start-up


def _application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)  # 125 % stays 125 %, not 100 or 200
    app = QApplication(argv)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("accueil-ti")
    app.setWindowIcon(window_icon())
    return app


def window_icon() -> QIcon:
    """The app's icon (the window's title bar and task bar; the menu entry has its own copy)."""
    return QIcon(str(ICON_FILE))


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """French is the source language: English loads our .qm (if shipped); French loads Qt's own
    French strings, completed by ours, so standard buttons and Qt's dialogs (file, print) match."""
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS_DIR / "accueil_ti_en.qm")):
            translators.append(ours)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
        qt = QTranslator(app)
        if qt.load("qtbase_fr", qt_dir):
            translators.append(qt)
        extra = QTranslator(app)  # the few strings of Qt's dialogs qtbase_fr leaves in English
        if extra.load(str(TRANSLATIONS_DIR / "qt_extra_fr.qm")):
            translators.append(extra)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def _store_error_message(exc: BaseException, data_dir: Path) -> str | None:
    from app.models.errors import KeyringUnavailableError, NewerDatabaseError, StoreLockedError

    if isinstance(exc, KeyringUnavailableError):
        return QApplication.translate(
            "app",
            "Le trousseau de mots de passe du système n’est pas disponible : la clé qui protège "
            "la base locale ne peut pas y être conservée, Accueil TI ne peut donc pas s’ouvrir.\n\n"
            "Que faire : ouvrez une session utilisateur normale sur ce poste (pas une session "
            "invitée ou à distance sans trousseau), ou demandez à l’assistance informatique "
            "d’activer le trousseau, puis relancez Accueil TI.")
    if isinstance(exc, StoreLockedError):
        return QApplication.translate(
            "app",
            "La base locale ne peut pas être déchiffrée avec la clé enregistrée dans le trousseau "
            "de ce poste.\n\nQue faire : ne supprimez aucun fichier ; contactez l’assistance "
            "informatique en indiquant le dossier de données :\n%s") % data_dir
    if isinstance(exc, NewerDatabaseError):
        return QApplication.translate(
            "app",
            "La base locale a été enregistrée par une version plus récente d’Accueil TI "
            "(la version installée est la %s).\n\nQue faire : installez la dernière version "
            "d’Accueil TI ; la base locale n’a pas été modifiée.") % __version__
    return None


def _report(message: str, *, smoke: bool) -> None:
    print(f"accueil-ti: {message}", file=sys.stderr)
    if not smoke:
        box = QMessageBox(QMessageBox.Icon.Critical, APPLICATION, message)
        box.setAccessibleName(APPLICATION)
        box.exec()


def _open_store(data_dir: Path, settings: AppSettings, *, smoke: bool) -> tuple[Store | None,
                                                                                str]:
    """The store, and a notice for the agent ('' when none); None after reporting an error."""
    from app.models.database import open_store
    from app.models.errors import StoreError

    try:
        return open_store(data_dir, site_code=settings.site_code,
                          workstation_code=settings.workstation_code), ""
    except StoreError as exc:
        _report(_store_error_message(exc, data_dir) or str(exc), smoke=smoke)
        return None, ""
    except ValueError:
        pass
    # The settings name another site or workstation than the one this data dir was created
    # for (or an unknown one): the local store keeps its own, as the settings dialog says.
    try:
        store = open_store(data_dir)
    except StoreError as exc:
        _report(_store_error_message(exc, data_dir) or str(exc), smoke=smoke)
        return None, ""
    notice = QApplication.translate(
        "app", "Les paramètres indiquent le poste %s-%s, mais la base locale est celle du poste "
               "%s-%s : c’est elle qui s’applique.") % (
        settings.site_code, settings.workstation_code, store.site_code, store.workstation_code)
    return store, notice


def workstation_service(store: Store, settings: AppSettings) -> Any:
    """The window's dossier service, acting as the agent the settings name (or as nobody yet:
    never as the operating system's account). Built on first use: its modules (SQLAlchemy)
    load after the list is shown."""
    return _LazyService(store, settings.agent_identity())


class _LazyService:
    """Stands for ``DossierService(store, agent=agent)`` and builds it on first use."""

    def __init__(self, store: Store, agent: str) -> None:
        self._store = store
        self._agent = agent
        self._service: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._service is None:
            from app.dossier_service import DossierService

            self._service = DossierService(self._store, agent=self._agent)
        return getattr(self._service, name)


def run_gui(data_dir: Path, *, smoke: bool = False, argv: list[str] | None = None,
            http_factory: Callable[[str], Any] | None = None) -> int:
    """Run the application on ``data_dir``; returns the process exit code.

    With ``smoke``: open the main window, wait for the list's first rows, print
    ``ready in N ms`` and return 0 without any user interaction (no dialog is ever opened).
    ``http_factory(server)`` gives the partner window its HTTP client (tests: the store's
    TestClient); by default a real one.
    """
    started = time.perf_counter()
    data_dir = Path(data_dir)
    app = _application(list(argv if argv is not None else sys.argv[:1]))

    from app.ui.settings import AppSettings

    settings = AppSettings.load(data_dir)
    install_translators(app, settings.language)
    from app.ui.display import apply_display

    # Before any window is built: pages size their titles relative to the application's font.
    apply_display(app, font_scale=settings.font_scale, high_contrast=settings.high_contrast)

    if settings.agent_role == "partenaire":
        from app.ui.partner import saved_partner_window

        partner = saved_partner_window(settings, data_dir, http_factory=http_factory,
                                       prompt_login=not smoke)
        if partner is not None:
            if smoke:
                return _smoke_partner(app, partner, started)
            partner.show()
            return int(app.exec())

    if settings.agent_role == "pilotage":
        # Tableau de bord: a pilotage account (statistics only, no dossier) gets that window.
        from app.ui.dashboard import saved_dashboard_window

        board = saved_dashboard_window(settings, data_dir, http_factory=http_factory)
        if board is not None:
            if smoke:
                return board.smoke(started, SMOKE_TIMEOUT_MS)
            board.show()
            return int(app.exec())

    if not smoke and not settings.agent_identity():
        from app.models.early import DB_FILENAME
        from app.ui.first_start_dialog import ask_who_is_working

        # Site and workstation are written into the local store when it is created.
        settings = ask_who_is_working(
            settings, data_dir, workstation_editable=not (data_dir / DB_FILENAME).exists())

    first_page = _first_page(data_dir, settings)
    if first_page is not None:
        store, notice = _deferred_store(data_dir, first_page), ""
    else:
        store, notice = _open_store(data_dir, settings, smoke=smoke)
    if store is None:
        return 1
    tasks: list[Any] = []  # the store's opening and retention, once the list is shown
    try:
        from app.ui.main_window import MainWindow

        service = workstation_service(store, settings)
        flow = LazyFlow(store, service, settings)
        window = MainWindow(store=store, service=service, settings=settings,
                            data_dir=data_dir, flow=flow, first_page=first_page, staged=True)
        if notice:
            window.statusBar().showMessage(notice, 30_000)

        painted = _first_paint(window.table.viewport(), started)

        def on_ready() -> None:
            if first_page is not None:
                tasks.append(_open_behind(store, window, data_dir, smoke=smoke, after=painted))
            tasks.append(_start_retention(store, window, after=painted))

        window.ready.connect(on_ready)
        if smoke:
            return _smoke(app, window, started, painted)
        window.show()
        return int(app.exec())
    finally:
        for task in tasks:  # their transactions end before the store closes
            if not task.wait(RETENTION_WAIT_S):
                log.warning("%s still running at exit: rolled back, it runs again at the next "
                            "start", task.name)
        store.close()


def _first_page(data_dir: Path, settings: AppSettings) -> Any:
    """The list's first page read before the store's modules load (app.models.early), or None
    when the store must open first (a new, older or newer store, another workstation's, no key):
    ``ACCUEIL_TI_OPEN_FIRST=1`` always opens it first."""
    if os.environ.get("ACCUEIL_TI_OPEN_FIRST") == "1":
        return None
    from app.models.early import read_first_page

    return read_first_page(data_dir, site_code=settings.site_code,
                           workstation_code=settings.workstation_code)


def _deferred_store(data_dir: Path, first_page: Any) -> Any:
    """The store the window starts on while it opens (app.models.early.DeferredStore): its
    opening is the usual :func:`open_store`, on the workstation the first page was read from."""
    from app.models.early import DB_FILENAME, DeferredStore

    def opener() -> Store:
        from app.models.database import open_store

        return open_store(data_dir, site_code=first_page.site_code,
                          workstation_code=first_page.workstation_code)

    deferred: DeferredStore[Store] = DeferredStore(
        opener, site_code=first_page.site_code, workstation_code=first_page.workstation_code,
        path=Path(data_dir).resolve() / DB_FILENAME)
    return deferred


class Painted(threading.Event):
    """Set just after a widget's first paint; ``age_ms``: the process's age then (None
    before, or where the age is not known), ``in_run_gui_ms``: the time since ``started``."""

    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.age_ms: float | None = None
        self.in_run_gui_ms: float | None = None

    def mark(self) -> None:
        self.in_run_gui_ms = (time.perf_counter() - self.started) * 1000
        self.age_ms = process_age_ms()
        self.set()


def _first_paint(widget: QWidget, started: float) -> Painted:
    """An event set once ``widget`` has been painted for the first time. The start-up's worker
    threads wait for it (at most PAINT_WAIT_S): their imports would otherwise take the
    interpreter from the list's first paint, which asks Python for the text of every cell."""
    from app.ui.display import FirstPaint

    painted = Painted(started)
    # Installed after the window's own watch (MainWindow's second stage), it is called first:
    # the mark comes before the second stage is built.
    FirstPaint(widget, painted.mark)
    return painted


def _open_behind(store: Any, window: Any, data_dir: Path, *, smoke: bool,
                 after: threading.Event | None = None) -> Any:
    """Open the store the window started on, off the GUI thread, once the list is shown (and
    painted: ``after``); the window then reads what waited for it. A store that cannot open
    (its file changed since the first page, a full disk) is reported as at any start, and the
    window closes."""
    from app.ui.tasks import run_task

    def open_store() -> Any:
        if after is not None:
            after.wait(PAINT_WAIT_S)
        return store.open()

    def failed(exc: BaseException) -> None:
        message = _store_error_message(exc, data_dir) or str(exc)
        _report(message, smoke=smoke)
        window.close()
        QApplication.exit(1)

    return run_task(open_store, owner=window, on_done=lambda _: window.store_opened(),
                    on_error=failed, name="store opening")


def _start_retention(store: Store, window: Any, *, after: threading.Event | None = None) -> Any:
    """Apply the retention durations (app.models.erasure) once the list is shown (and painted:
    ``after``), off the GUI thread: on a first start thousands of dossiers may be due, and the
    window waits for none of them. The list is read again and the status bar tells what went; a
    failure is logged, never blocking, and retention runs again at the next start."""
    from app.ui.tasks import run_task

    def apply() -> Any:  # its modules load on the worker thread, not the GUI's
        if after is not None:
            after.wait(PAINT_WAIT_S)
        from app.models.base import utcnow
        from app.models.erasure import apply_at_start

        return apply_at_start(store, utcnow())

    def done(report: Any) -> None:
        if report is not None and report.done:
            window.dossiers_removed(_retention_notice(report.done))

    return run_task(apply, owner=window, on_done=done, name="retention")


def _retention_notice(done: list[Any]) -> str:
    """« Durées de conservation appliquées : 2 dossiers clos anonymisés, 1 brouillon
    supprimé. », naming only what went."""
    closed = sum(1 for d in done if d.kind == "closed_dossier")
    drafts = sum(1 for d in done if d.kind == "draft")
    parts = []
    if closed:
        parts.append(QApplication.translate("app", "%n dossier clos anonymisé", "", closed)
                     if closed < 2 else
                     QApplication.translate("app", "%n dossiers clos anonymisés", "", closed))
    if drafts:
        parts.append(QApplication.translate("app", "%n brouillon supprimé", "", drafts)
                     if drafts < 2 else
                     QApplication.translate("app", "%n brouillons supprimés", "", drafts))
    return QApplication.translate("app", "Durées de conservation appliquées : %s.") % ", ".join(
        parts)


def _smoke_partner(app: QApplication, window: Any, started: float) -> int:
    loop = QEventLoop()
    outcome = {"ready": False, "problem": ""}

    def on_ready() -> None:
        outcome["ready"] = True
        loop.quit()

    def on_failed(message: str) -> None:
        outcome["problem"] = message

    window.failed.connect(on_failed)
    window.ready.connect(on_ready)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, loop.quit)
    window.show()
    if not outcome["ready"]:
        loop.exec()
    if not outcome["ready"]:
        window.close()
        print("accueil-ti: the partner window did not get ready in time", file=sys.stderr)
        return 1
    app.processEvents()
    in_run_gui = (time.perf_counter() - started) * 1000
    age = process_age_ms()
    print(f"ready in {age if age is not None else in_run_gui:.0f} ms", flush=True)
    shown = (f"the central store could not be read: {outcome['problem']}" if outcome["problem"]
             else f"{window.model.rowCount()} partner dossiers shown")
    print(f"accueil-ti: partner window; {'since process start; ' if age is not None else ''}"
          f"{in_run_gui:.0f} ms in run_gui; {shown}", file=sys.stderr, flush=True)
    window.close()
    return 0


def _smoke(app: QApplication, window: Any, started: float, painted: Painted) -> int:
    """Show the window, wait for the list's first rows and print « ready in N ms »: the
    process's age when the rows were painted (``painted``; if the paint did not come in time,
    once the events after the first rows are processed). The window's second stage is then
    built, as it would be, and the window closes."""
    loop = QEventLoop()
    outcome = {"ready": False}

    def on_ready() -> None:
        outcome["ready"] = True
        loop.quit()

    def on_failed(message: str) -> None:
        print(f"accueil-ti: the dossier list could not be read: {message}", file=sys.stderr)
        loop.quit()

    window.ready.connect(on_ready)
    window.model.load_failed.connect(on_failed)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, loop.quit)
    window.show()
    loop.exec()
    if not outcome["ready"]:
        window.close()
        print("accueil-ti: the main window did not get ready in time", file=sys.stderr)
        return 1
    app.processEvents()  # let the first rows paint
    deadline = time.perf_counter() + SMOKE_TIMEOUT_MS / 1000
    while not painted.is_set() and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    if painted.in_run_gui_ms is not None:
        in_run_gui, age = painted.in_run_gui_ms, painted.age_ms
    else:
        in_run_gui, age = (time.perf_counter() - started) * 1000, process_age_ms()
    rows = window.model.rowCount()
    window.complete()  # the second stage, as after any start
    app.processEvents()
    # stdout carries exactly the contract's line (scripts parse it); the details go to stderr.
    print(f"ready in {age if age is not None else in_run_gui:.0f} ms", flush=True)
    print(f"accueil-ti: {'since process start; ' if age is not None else ''}"
          f"{in_run_gui:.0f} ms in run_gui; {rows} rows shown; window complete "
          f"{(time.perf_counter() - started) * 1000 - in_run_gui:.0f} ms later",
          file=sys.stderr, flush=True)
    window.close()
    return 0
