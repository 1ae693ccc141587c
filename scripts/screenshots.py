"""Screenshots of every window, page and dialog, at 1366×768 and 1600×1000, in French and
English, at the normal text size and at 150 %, plus one high-contrast set (1366×768, French):

    .venv/bin/python scripts/screenshots.py OUT_DIR [--quick]

A developer tool: it runs on Qt's offscreen platform with a throwaway data dir, keyring and
central store. A QApplication keeps the screen and the language it started with, so each
combination runs in its own child process (``--child``) whose offscreen platform has one screen
of that size (``QT_QPA_PLATFORM=offscreen:configfile=…``). Each child writes
``OUT_DIR/<W>x<H>-<lang>-<scale>[-contraste]/*.png`` and a ``manifest.json`` (file, kind,
window title, size; the main window's menu titles); the parent writes ``OUT_DIR/index.html``
and prints one line: the number of images and the output folder. ``--quick`` runs a single
combination (1366×768, English, 150 %).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZES = ((1366, 768), (1600, 1000))
LANGUAGES = ("fr", "en")
SCALES = (100, 150)
QUICK = ((1366, 768, "en", 150, False),)
CHILD_TIMEOUT_S = 600
WAIT_MS = 20_000

# A realistic dossier typed in the flow.
IDENTITY = {"nom": "Le Goff", "prenom": "Anne-Marie", "date_naissance": "12/03/1970",
            "nir": "270033523804528", "siret": "73282932000074", "telephone": "06 12 34 56 78",
            "email": "am.legoff@exemple.fr", "adresse": "4 rue de la Monnaie",
            "code_postal": "35000", "commune": "Rennes", "debut_activite": "10/01/2004"}
# The phone dossier is another person's (the same NIR would stop on « dossier existant »).
PHONE_IDENTITY = {**IDENTITY, "nom": "Kerleroux", "prenom": "Yann", "date_naissance": "03/07/1985",
                  "nir": "185072901912347", "siret": "55210055400013",
                  "email": "yann.kerleroux@exemple.fr", "code_postal": "29200",
                  "commune": "Brest"}
# Q01 dette, Q02 forte, Q03 non, Q04 non (urgent), Q05 arret, Q06 oui, Q07 modestes,
# Q08 non, Q09 non, Q10 non, Q11 oui, Q12 non
KEYS = "331331211121"


@dataclass(frozen=True)
class Combination:
    width: int
    height: int
    language: str
    scale: int
    high_contrast: bool = False

    @property
    def name(self) -> str:
        return (f"{self.width}x{self.height}-{self.language}-{self.scale}"
                + ("-contraste" if self.high_contrast else ""))


def combinations(quick: bool) -> list[Combination]:
    if quick:
        return [Combination(*c) for c in QUICK]
    found = [Combination(w, h, lang, scale) for w, h in SIZES for lang in LANGUAGES
             for scale in SCALES]
    found.append(Combination(1366, 768, "fr", 100, high_contrast=True))
    return found


# --------------------------------------------------------------------------- parent


def run_child(out: Path, combo: Combination, work: Path) -> tuple[int, str]:
    config = work / f"{combo.name}-screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "screen", "x": 0, "y": 0, "width": combo.width, "height": combo.height,
        "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}), encoding="utf-8")
    home = work / combo.name
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               XDG_DATA_HOME=str(home / "xdg"), PYTHONPATH=str(ROOT))
    env.pop("ACCUEIL_TI_HOME", None)
    command = [sys.executable, str(Path(__file__).resolve()), str(out / combo.name), "--child",
               "--size", f"{combo.width}x{combo.height}", "--language", combo.language,
               "--scale", str(combo.scale)] + (["--high-contrast"] if combo.high_contrast else [])
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=CHILD_TIMEOUT_S, check=False)
    if result.returncode != 0:
        print(f"screenshots: {combo.name} failed ({result.returncode}):\n"
              f"{result.stdout[-3000:]}{result.stderr[-3000:]}", file=sys.stderr)
    elif "problem:" in result.stderr:
        print(result.stderr, file=sys.stderr, end="")
    return result.returncode, result.stderr


def write_index(out: Path, done: list[Combination]) -> int:
    count = 0
    parts = ["<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
             "<title>Accueil TI — captures d’écran</title><style>"
             "body{font-family:sans-serif} figure{display:inline-block;margin:8px;"
             "vertical-align:top} img{max-width:420px;border:1px solid #888}</style></head><body>"
             "<h1>Accueil TI — captures d’écran</h1>"]
    for combo in done:
        manifest_file = out / combo.name / "manifest.json"
        if not manifest_file.exists():
            continue
        shots = json.loads(manifest_file.read_text(encoding="utf-8"))["shots"]
        count += len(shots)
        parts.append(f"<h2 id='{combo.name}'>{html.escape(combo.name)} ({len(shots)})</h2>")
        for shot in shots:
            src = f"{combo.name}/{shot['file']}"
            parts.append(f"<figure><a href='{html.escape(src)}'><img src='{html.escape(src)}' "
                         f"alt='{html.escape(shot['title'])}'></a><figcaption>"
                         f"{html.escape(shot['file'])} — {html.escape(shot['title'])} "
                         f"({shot['width']}×{shot['height']})</figcaption></figure>")
    parts.append("</body></html>")
    (out / "index.html").write_text("\n".join(parts), encoding="utf-8")
    return count


def parent_main(out: Path, quick: bool) -> int:
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    done: list[Combination] = []
    with tempfile.TemporaryDirectory(prefix="accueil-ti-screenshots-") as work:
        for combo in combinations(quick):
            code, _ = run_child(out, combo, Path(work))
            failed += code != 0
            done.append(combo)
    count = write_index(out, done)
    print(f"screenshots: {count} images in {out} ({len(done)} combinations"
          + (f", {failed} failed" if failed else "") + "); index.html lists them")
    return 1 if failed else 0


# --------------------------------------------------------------------------- child


def child_main(out: Path, size: str, language: str, scale: int, high_contrast: bool) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from app.ui.app import _application, install_translators
    from app.ui.display import apply_display

    app = _application([sys.argv[0]])
    install_translators(app, language)
    apply_display(app, font_scale=scale, high_contrast=high_contrast)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in size.split("x"))
    screen = app.primaryScreen()
    assert screen is not None
    if (screen.size().width(), screen.size().height()) != (width, height):
        print(f"screenshots: problem: the screen is {screen.size()}, not {size}",
              file=sys.stderr)
    shooter = Shooter(app, out, language=language, scale=scale, high_contrast=high_contrast)

    def excepthook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        # An exception in a slot (Qt reports it and goes on): the capture is not what it seems.
        problem = "".join(traceback.format_exception(kind, value, tb))
        shooter.problems.append(problem)
        print(f"screenshots: problem: {problem}", file=sys.stderr)

    sys.excepthook = excepthook
    try:
        shooter.run()
    finally:
        shooter.write_manifest()
    QApplication.processEvents()
    return 1 if shooter.problems and not shooter.shots else 0


class Shooter:
    """Builds each window, page and dialog in turn and saves its picture."""

    def __init__(self, app: Any, out: Path, *, language: str, scale: int,
                 high_contrast: bool) -> None:
        self.app = app
        self.out = out
        self.language = language
        self.scale = scale
        self.high_contrast = high_contrast
        self.shots: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self.work = Path(tempfile.mkdtemp(prefix="accueil-ti-shots-data-"))

    # ------------------------------------------------------------------ helpers

    def settle(self, ms: int = 60) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()

    def wait_until(self, predicate: Callable[[], bool], timeout_ms: int = WAIT_MS) -> bool:
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            if predicate():
                return True
            self.settle(20)
        return predicate()

    def grab(self, widget: Any, name: str, kind: str, **extra: Any) -> None:
        self.settle()
        pixmap = widget.grab()
        file = f"{name}.png"
        pixmap.save(str(self.out / file))
        self.shots.append({"file": file, "kind": kind, "title": widget.windowTitle(),
                           "width": pixmap.width(), "height": pixmap.height(), **extra})

    def fill_screen(self, window: Any) -> None:
        """Shown maximised: the whole available screen."""
        window.showMaximized()
        self.settle()
        area = window.screen().availableGeometry()
        if window.geometry() != area:
            window.setGeometry(area)
        self.settle()

    def attempt(self, name: str, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception:  # noqa: BLE001 - one broken capture must not lose the others
            problem = f"{name}: {traceback.format_exc()}"
            self.problems.append(problem)
            print(f"screenshots: problem: {problem}", file=sys.stderr)

    def write_manifest(self) -> None:
        (self.out / "manifest.json").write_text(json.dumps({
            "language": self.language, "scale": self.scale,
            "high_contrast": self.high_contrast, "shots": self.shots,
            "problems": self.problems}, ensure_ascii=False, indent=1), encoding="utf-8")

    # ------------------------------------------------------------------ the run

    def run(self) -> None:
        from app.document_service import DocumentService
        from app.dossier_service import DossierService
        from app.models.database import open_store
        from app.ui.dossier_flow import DossierFlow
        from app.ui.main_window import MainWindow
        from app.ui.settings import AppSettings

        data = self.work / "data"
        settings = AppSettings(site_code="BRE", workstation_code="02",
                               agent_name="Claire Agent", language=self.language,
                               font_scale=self.scale, high_contrast=self.high_contrast)
        settings.save(data)
        with open_store(data, site_code="BRE", workstation_code="02") as store:
            service = DossierService(store, agent=settings.agent_identity())
            flow = DossierFlow(service, DocumentService(store), settings)
            window = MainWindow(store=store, service=service, settings=settings,
                                data_dir=data, flow=flow)
            self.window = window
            self.fill_screen(window)
            self.wait_until(lambda: not window.model.loading if hasattr(
                window.model, "loading") else True, 3000)
            self.grab(window, "main_window_empty", "window", menus=[
                a.text() for a in window.menuBar().actions()])
            self.attempt("flow", lambda: self.capture_flow(window, flow))
            self.attempt("demo", lambda: self.capture_demo(window, store))
            self.attempt("dialogs", lambda: self.capture_dialogs(window, store, service,
                                                                 settings, data))
            window.close()
        self.attempt("partner_window", self.capture_partner_window)
        self.attempt("dashboard", self.capture_dashboard)  # Tableau de bord

    def capture_flow(self, window: Any, flow: Any) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from app.ui.actions import ActionId

        for channel, action in (("accueil", ActionId.NEW_DOSSIER),
                                ("telephone", ActionId.NEW_PHONE_DOSSIER)):
            suffix = "" if channel == "accueil" else "_phone"
            window.actions_by_id[action].trigger()
            self.settle()
            page = flow.identity_page
            identity = IDENTITY if channel == "accueil" else PHONE_IDENTITY
            for name, value in identity.items():
                page.edit(name).setText(value)
            page.statut_combo.setCurrentIndex(page.statut_combo.findData("artisan"))
            page.foyer_spin.setValue(3)
            page.principale_combo.setCurrentIndex(page.principale_combo.findData(True))
            page.edit("code_postal").setFocus()
            self.settle()
            page.edit("commune").setFocus()  # leaving the postal code fills the département
            self.grab(window, f"flow_1_identity{suffix}", "window")
            if channel == "accueil":
                page.edit("telephone").setText("12 34")
                page.validate_field("telephone")
                self.grab(window, "flow_1_identity_error", "window")
                page.edit("telephone").setText(IDENTITY["telephone"])
            page.validate_all()
            QTest.keyClick(page.edit("nom"), Qt.Key.Key_Return,
                           Qt.KeyboardModifier.ControlModifier)
            self.settle()
            for key in KEYS[:5]:
                QTest.keyClick(flow.questionnaire_page.answer_list, key)
            self.grab(window, f"flow_2_questionnaire{suffix}", "window")
            for key in KEYS[5:]:
                QTest.keyClick(flow.questionnaire_page.answer_list, key)
            self.grab(window, f"flow_3_result{suffix}", "window")
            QTest.keyClick(flow.result_page.next_button, Qt.Key.Key_Return)
            flow.consent_page.toggle_row(1)
            self.grab(window, f"flow_4_consent{suffix}", "window")
            flow.consent_page.accept_all_pending()
            flow.consent_page.attest_check.setChecked(True)
            QTest.keyClick(flow.consent_page.validate_button, Qt.Key.Key_Return)
            self.grab(window, f"flow_5_documents{suffix}", "window")
            if channel == "accueil":
                self.dossier_id = flow.dossier_id
            flow.finished.emit(flow.dossier_id)
            self.settle()

    def capture_demo(self, window: Any, store: Any) -> None:
        from app.demo import demo_records
        from app.forms.questionnaire import CURRENT_VERSION, load_questionnaire
        from app.models.repository import import_records

        questionnaire = load_questionnaire(CURRENT_VERSION)
        records = list(demo_records(24, questionnaire, seed=7, counter_only_sites={"BRE"}))
        with store.transaction() as session:
            import_records(session, records, write_outbox=False, agent="démonstration")
        window.model.reload()
        self.wait_until(lambda: window.model.rowCount() >= 10)
        window.table.selectRow(0)
        self.wait_until(lambda: window.selected_id() != "", 3000)
        self.settle(400)  # the dossier panel follows the selection after a short delay
        self.grab(window, "main_window_dossiers", "window", menus=[
            a.text() for a in window.menuBar().actions()])

    def dialog(self, name: str, build: Callable[[], Any],
               ready: Callable[[Any], bool] | None = None) -> None:
        def capture() -> None:
            dialog = build()
            dialog.show()
            self.settle()
            if ready is not None:
                self.wait_until(lambda: ready(dialog))
            self.grab(dialog, name, "dialog")
            dialog.close()
            dialog.deleteLater()

        self.attempt(name, capture)

    def capture_dialogs(self, window: Any, store: Any, service: Any, settings: Any,
                        data: Path) -> None:
        from datetime import date

        from PySide6.QtPdf import QPdfDocument

        from app.document_service import DocumentService
        from app.dossier_service import DuplicateCandidate
        from app.ui.about_dialog import AboutDialog
        from app.ui.conflict_dialog import ConflictDialog
        from app.ui.correction_dialog import AnswerDialog, CorrectionDialog
        from app.ui.first_start_dialog import FirstStartDialog
        from app.ui.identity_page import DuplicateDialog
        from app.ui.login_dialog import LoginDialog
        from app.ui.partner_updates import PartnerUpdatesDialog
        from app.ui.print_preview import PrintPreviewDialog
        from app.ui.quarantine_dialog import QuarantineDialog
        from app.ui.settings import AppSettings
        from app.ui.settings_dialog import SettingsDialog
        from app.ui.sync_controller import SyncController

        ref = getattr(self, "dossier_id", "") or self.any_dossier(store)
        station = (store.site_code, store.workstation_code)
        self.dialog("settings_dialog", lambda: SettingsDialog(
            settings, data, store_workstation=station, parent=window))
        self.dialog("first_start_dialog", lambda: FirstStartDialog(
            AppSettings(language=self.language), self.work / "first", parent=window))
        self.dialog("about_dialog", lambda: AboutDialog(data, workstation=station,
                                                        parent=window))
        self.dialog("login_dialog", lambda: LoginDialog(
            "http://127.0.0.1:9", settings=AppSettings(), parent=window))
        candidates = [DuplicateCandidate(
            id=f"id-{i}", number=f"TI-BRE-02-2026-00000{i}", nom="Le Goff",
            prenom="Anne-Marie", date_naissance=date(1970, 3, 12), status="oriente",
            reason="nir") for i in range(1, 4)]
        self.dialog("duplicate_dialog", lambda: DuplicateDialog(candidates, parent=window))
        self.dialog("quarantine_dialog", lambda: QuarantineDialog(store, parent=window))
        self.dialog("partner_updates_dialog", lambda: PartnerUpdatesDialog(store, parent=window))
        self.dialog("correction_dialog", lambda: CorrectionDialog(service, ref, parent=window))
        self.dialog("answer_dialog", lambda: AnswerDialog(service, ref, parent=window))
        document = DocumentService(store).render(ref, "summary")
        self.dialog("print_preview_dialog",
                    lambda: PrintPreviewDialog(document, parent=window),
                    ready=lambda d: d.pdf.status() == QPdfDocument.Status.Ready)

        def conflict() -> Any:
            from tests.ui.test_conflict_dialog import make_conflict

            dossier_id = make_conflict(store, with_base=True)
            controller = SyncController(store, AppSettings())
            return ConflictDialog(controller.local_client(), dossier_id, agent="Claire Agent",
                                  parent=window)

        self.dialog("conflict_dialog", conflict)

        from app.ui.audit_dialog import AuditDialog
        from app.ui.erase_dialog import EraseDialog
        from app.ui.logout_dialog import LogoutDialog

        self.dialog("erase_dialog", lambda: EraseDialog(store, service.record(ref),
                                                        "Claire Agent", parent=window))
        self.dialog("logout_dialog", lambda: LogoutDialog(2, parent=window))
        rows = [{"id": n, "seq": n, "at": f"2026-12-0{n}T09:1{n}:00+00:00",
                 "agent": ("bre.accueil", "caf.partenaire")[n % 2],
                 "action": ("read", "partner_read", "push_created")[n % 3],
                 "dossier_id": None, "detail": "", "row_hash": "0" * 64} for n in (3, 2, 1)]
        self.dialog("audit_dialog", lambda: AuditDialog(lambda _params: rows, parent=window))
        from app.ui.site_settings_dialog import SiteSettingsDialog

        sites = [{"code": "REN", "name": "Rennes", "kind": "accueil", "version": 2,
                  "confirmed": True, "updated_at": "2026-12-04T09:00:00+00:00",
                  "address": ["Bâtiment B", "1 rue de l’Exemple"], "postal_code": "35000",
                  "commune": "Rennes", "phone": "02 99 00 00 00",
                  "email": "accueil.ti@exemple.fr", "hours": "du lundi au vendredi"},
                 {"code": "BRE", "name": "Brest", "kind": "accueil", "version": 0,
                  "confirmed": False, "updated_at": None, "address": [],
                  "postal_code": "29200", "commune": "Brest", "phone": "", "email": "",
                  "hours": ""}]
        self.dialog("site_settings_dialog", lambda: SiteSettingsDialog(
            lambda: sites, lambda _code, _settings: sites[0], parent=window))
        self.attempt("agenda", lambda: self.capture_agenda(window, store, service, ref))
        self.attempt("call_list", lambda: self.capture_call_list(window, store))
        self.capture_other_dialogs(window)

    KNOWN_DIALOGS = {"AboutDialog", "ConflictDialog", "DuplicateDialog", "LoginDialog",
                     "PartnerUpdatesDialog", "PrintPreviewDialog", "QuarantineDialog",
                     "SettingsDialog", "FirstStartDialog", "CorrectionDialog", "AnswerDialog",
                     "_CorrectionDialog", "EraseDialog", "LogoutDialog", "AuditDialog",
                     "SiteSettingsDialog"}
    # Agenda et rendez-vous (capture_agenda)
    KNOWN_DIALOGS |= {"AgendaDialog", "_WhenDialog", "CallbackDialog", "AppointmentDialog",
                      "_NoteDialog", "ReorientDialog", "CounterNoteDialog"}
    # Liste d'appels (capture_call_list)
    KNOWN_DIALOGS |= {"RecallDialog", "SignalsDialog"}

    def capture_call_list(self, window: Any, store: Any) -> None:
        """Liste d'appels: signals imported, the list with a call in progress, the call-back
        time, the import dialog with bad lines and with its summary."""
        from app.call_service import CallService
        from app.ui.call_list import RecallDialog
        from app.ui.signals_dialog import SignalsDialog
        from tests.ui.test_call_list import CSV
        from tests.ui.test_signals_dialog import BAD

        calls = CallService(store, "Claire Agent")
        calls.import_file(CSV, None)
        window.open_call_list()
        page = window.call_page
        self.wait_until(lambda: page.loaded_once)
        page.take_next()
        self.wait_until(lambda: page.current is not None and not page.busy)
        self.settle(300)
        self.grab(window, "call_list", "window")
        window._close_call_list()
        self.dialog("recall_dialog", lambda: RecallDialog(parent=window))
        bad = self.work / "signalements.csv"
        bad.write_bytes(BAD)

        def import_dialog(path: Path) -> Any:
            dialog = SignalsDialog(calls, parent=window)
            dialog.set_path(path)
            dialog.start_import()
            return dialog

        self.dialog("signals_dialog_bad_lines", lambda: import_dialog(bad),
                    ready=lambda d: not d.running)
        good = self.work / "signalements-bons.csv"
        good.write_bytes(CSV)
        self.dialog("signals_dialog_imported", lambda: import_dialog(good),
                    ready=lambda d: not d.running)

    def capture_agenda(self, window: Any, store: Any, service: Any, ref: str) -> None:
        """Agenda et rendez-vous: a call-back and a partner's appointment on the dossier, the
        panel showing them, the site's Agenda of that day, and the dialogs."""
        from datetime import datetime, time
        from zoneinfo import ZoneInfo

        from app.forms.workdays import add_working_days, local_day
        from app.models.repository import add_appointment, find_dossier
        from app.ui.agenda import AgendaDialog
        from app.ui.appointment_dialog import AppointmentDialog, CallbackDialog
        from app.ui.reorient_dialog import CounterNoteDialog, ReorientDialog

        paris = ZoneInfo("Europe/Paris")
        day = add_working_days(local_day(datetime.now(paris)), 1)
        service.schedule_callback(ref, datetime.combine(day, time(9, 30), tzinfo=paris),
                                  "Claire Agent", "Souhaite parler de l’échéancier")
        with store.transaction() as session:
            add_appointment(session, find_dossier(session, ref), kind="rendez_vous",
                            organisme="urssaf",
                            at=datetime.combine(day, time(14, 0), tzinfo=paris), duration=45,
                            mode="agence", place="Urssaf Bretagne, 1 rue de l’Exemple, Brest",
                            bring="Dernier avis d’échéance ; relevé d’identité bancaire",
                            by="M. Kerjean", status="fixe", agent="p_urssaf")
        window.model.reload()
        self.wait_until(lambda: window.select_dossier(ref), 5000)
        self.wait_until(lambda: (window.panel.record or {}).get("id") == ref
                        and window.panel.meetings_list.count() == 2, 5000)
        area = window.panel.details_area
        area.verticalScrollBar().setValue(window.panel.orientations_box.y())
        self.grab(window, "main_window_appointments", "window")

        def agenda() -> Any:
            dialog = AgendaDialog(lambda d: service.agenda(d, store.site_code),
                                  title=window.tr("Agenda du site %s") % store.site_code,
                                  today=lambda: day, parent=window)
            dialog.view.table.setFocus()
            return dialog

        self.dialog("agenda_dialog", agenda, ready=lambda d: d.view.model.rowCount() == 2)
        record = service.record(ref)
        self.dialog("callback_dialog", lambda: CallbackDialog(
            person="LE GOFF Anne-Marie", telephone="06 12 34 56 78", by="Claire Agent",
            parent=window))
        self.dialog("appointment_dialog", lambda: AppointmentDialog(
            organisme="urssaf", person="LE GOFF Anne-Marie",
            existing=record.get("rendez_vous", []), by="M. Kerjean", parent=window))
        self.dialog("reorient_dialog", lambda: ReorientDialog(
            organisme="urssaf", person="LE GOFF Anne-Marie",
            oriented=[o["organisme"] for o in record.get("orientations", [])], parent=window))
        self.dialog("counter_note_dialog", lambda: CounterNoteDialog(
            record.get("orientations", []), person="LE GOFF Anne-Marie", parent=window))

    def capture_other_dialogs(self, window: Any) -> None:
        """The help dialog and any dialog of app/ui this script does not know yet, built with
        the window as parent (and the page it documents, if it asks for one)."""
        import importlib
        import inspect
        import pkgutil

        from PySide6.QtWidgets import QDialog

        import app.ui

        for module_info in pkgutil.iter_modules(app.ui.__path__):
            module = importlib.import_module(f"app.ui.{module_info.name}")
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if (cls.__module__ != module.__name__ or not issubclass(cls, QDialog)
                        or name in self.KNOWN_DIALOGS):
                    continue
                file = "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")

                def build(cls: Any = cls) -> Any:
                    try:
                        return cls(window)
                    except TypeError:
                        return cls(parent=window)

                self.dialog(file, build)

    @staticmethod
    def any_dossier(store: Any) -> str:
        from app.dossier_service import DossierService
        from tests.ui.dossier_helpers import ANSWERS, create_dossier

        return create_dossier(DossierService(store, agent="Claire Agent"), ANSWERS)

    def capture_partner_window(self) -> None:
        """The partner inbox against a throwaway central store (SQLite)."""
        from argon2 import PasswordHasher

        from app.server import security
        from app.ui.partner import PartnerSession, PartnerWindow
        from tests.server.conftest import make_record
        from tests.sync.conftest import bearer, start_server

        security._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        server = start_server(f"sqlite:///{self.work / 'central.db'}")
        with server.client:
            server.push(server.login("bre"),
                        make_record(1, oriented=("urssaf",)),
                        make_record(2, oriented=("urssaf", "caf"), urgent=True),
                        make_record(3, oriented=("urssaf",),
                                    identity={"nom": "Kerleroux", "prenom": "Gwenaëlle",
                                              "siret": "73282932000074"}))
            session = PartnerSession("http://testserver", bearer(server, "p_urssaf"),
                                     "p_urssaf", "urssaf", kept=False)
            window = PartnerWindow(session, http_factory=lambda _server: server.client,
                                   backoff=0.0)
            ready: list[bool] = []
            window.ready.connect(lambda: ready.append(True))
            self.fill_screen(window)
            self.wait_until(lambda: bool(ready))
            self.grab(window, "partner_window", "window")
            if window.proxy.rowCount():
                window.table.selectRow(0) if hasattr(window, "table") else None
                self.settle(500)
                self.grab(window, "partner_window_dossier", "window")
            window.close()
            self.settle()
        server.app.state.engine.dispose()


    # Tableau de bord (capture_dashboard): the pilotage window on a throwaway central store
    # filled with demo dossiers of every site, each chart's tab, a site chosen, the report.
    def capture_dashboard(self) -> None:
        from datetime import date

        from argon2 import PasswordHasher

        from app.demo import demo_records
        from app.forms.questionnaire import load_questionnaire
        from app.forms.sites import load_sites
        from app.server import security
        from app.ui.dashboard import DashboardWindow, stats_client_factory
        from tests.server.conftest import make_server

        security._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        sites = sorted(load_sites())
        agents = [(f"acc_{code.lower()}", "urssaf", code, "accueil") for code in sites]
        server = make_server(f"sqlite:///{self.work / 'stats.db'}",
                             [*agents, ("copil", "urssaf", "REN", "pilotage")])
        with server.client:
            records = list(demo_records(600, load_questionnaire(), seed=17))
            for code in sites:
                mine = [r for r in records if r.get("site") == code]
                if mine:
                    server.push(server.login(f"acc_{code.lower()}"), *mine)
            latest = max(str(r.get("created_at", ""))[:7] for r in records)
            year, month = (int(v) for v in latest.split("-"))
            token = server.login("copil")["Authorization"].removeprefix("Bearer ")
            window = DashboardWindow(
                stats_client_factory("http://testserver", token, lambda _s: server.client),
                account="copil", today=lambda: date(year, month, 15))
            self.fill_screen(window)
            board = window.dashboard
            self.wait_until(lambda: board.data is not None and not board.busy)
            self.grab(window, "dashboard", "window")
            for index, name in enumerate(("dashboard_fragilities", "dashboard_orientations",
                                          "dashboard_times"), start=1):
                board.charts.setCurrentIndex(index)
                self.grab(window, name, "window")
            board.charts.setCurrentIndex(0)
            board.site.setCurrentIndex(max(1, board.site.findData("REN")))
            board.group_by.setCurrentIndex(board.group_by.findData("organisme"))
            board.refresh()
            self.wait_until(lambda: board.data is not None and not board.busy
                            and board.data.query.site is not None)
            self.grab(window, "dashboard_site", "window")
            self.dialog("dashboard_monthly_report", board.open_report)
            window.close()
            self.settle()
        server.app.state.engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder the screenshots go to")
    parser.add_argument("--quick", action="store_true",
                        help="one combination only (1366×768, English, 150 %%)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="1366x768", help=argparse.SUPPRESS)
    parser.add_argument("--language", default="fr", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=100, help=argparse.SUPPRESS)
    parser.add_argument("--high-contrast", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args.out, args.size, args.language, args.scale, args.high_contrast)
    return parent_main(args.out.resolve(), args.quick)


if __name__ == "__main__":
    sys.exit(main())
