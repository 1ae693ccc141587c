"""The site settings of an ``admin`` account: every site with its current settings and version
(from the central store, ``GET /sites``); one site's postal address, postal code, commune,
phone, e-mail and opening hours edited and recorded as a new version
(``PUT /admin/sites/{code}``).

A refusal of the store is shown next to the field it names, and what was typed stays: in the
fields, and for each site left with unsaved changes, until it is saved or the dialog closed.
The requests are the short ones of the audit viewer's kind, made when the agent asks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.sync.site_settings import SiteSettingsUnavailable
from app.ui import wording

Fetch = Callable[[], list[dict[str, Any]]]
Save = Callable[[str, Mapping[str, Any]], dict[str, Any]]
FIELDS = ("address", "postal_code", "commune", "phone", "email", "hours")


class SiteSettingsDialog(QDialog):
    """The sites on the left (site, version, state), the selected one's settings on the right,
    « Enregistrer » to record them as a new version."""

    def __init__(self, fetch: Fetch, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._save = save
        self._sites: list[dict[str, Any]] = []
        self._drafts: dict[str, dict[str, Any]] = {}  # unsaved edits, per site code
        self._shown: str | None = None  # the code of the site in the fields
        self._loading = False
        self.setObjectName("site_settings_dialog")
        self.setWindowTitle(self.tr("Paramètres des sites"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "L’adresse, le téléphone, l’adresse électronique et les horaires de chaque site "
            "sont imprimés sur ses documents après la prochaine synchronisation des postes. "
            "Tant qu’un site n’est pas confirmé, ses documents n’impriment que son nom et sa "
            "commune."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        body = QHBoxLayout()
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("site_settings_table")
        self.table.setAccessibleName(self.tr("Sites et version de leurs paramètres"))
        self.table.setHorizontalHeaderLabels([self.tr("Site"), self.tr("Version"),
                                              self.tr("État")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)
        body.addWidget(self.table, 2)

        form_box = QVBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("site_settings_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form_box.addWidget(self.heading)
        form = QFormLayout()
        self.address_edit = QPlainTextEdit(self)
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setAccessibleName(self.tr("Adresse postale, une ligne par ligne "
                                                    "imprimée"))
        self.address_edit.setToolTip(self.tr("De 1 à 4 lignes de 80 caractères au plus, sans "
                                             "le code postal ni la commune"))
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.postal_code_edit = QLineEdit(self)
        self.postal_code_edit.setAccessibleName(self.tr("Code postal"))
        self.postal_code_edit.setMaxLength(5)
        self.commune_edit = QLineEdit(self)
        self.commune_edit.setAccessibleName(self.tr("Commune"))
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setAccessibleName(self.tr("Téléphone"))
        self.phone_edit.setToolTip(self.tr("02 99 00 00 00, un numéro court (3698) ou +33…"))
        self.email_edit = QLineEdit(self)
        self.email_edit.setAccessibleName(self.tr("Adresse électronique"))
        self.hours_edit = QLineEdit(self)
        self.hours_edit.setAccessibleName(self.tr("Horaires d’ouverture"))
        self.hours_edit.setToolTip(self.tr("Sur une ligne, 200 caractères au plus"))
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {
            "address": self.address_edit, "postal_code": self.postal_code_edit,
            "commune": self.commune_edit, "phone": self.phone_edit,
            "email": self.email_edit, "hours": self.hours_edit}
        self.errors: dict[str, QLabel] = {}
        labels = {"address": self.tr("&Adresse :"), "postal_code": self.tr("Code &postal :"),
                  "commune": self.tr("&Commune :"), "phone": self.tr("&Téléphone :"),
                  "email": self.tr("&Courriel :"), "hours": self.tr("&Horaires :")}
        for field in FIELDS:
            edit = self.edits[field]
            edit.setObjectName(f"site_{field}")
            error = QLabel(self)
            error.setObjectName(f"site_{field}_error")
            error.setWordWrap(True)
            error.setStyleSheet("color: #b00020;")
            error.setAccessibleName(self.tr("Erreur"))
            error.setVisible(False)
            self.errors[field] = error
            cell = QVBoxLayout()
            cell.setContentsMargins(0, 0, 0, 0)
            cell.addWidget(edit)
            cell.addWidget(error)
            label = QLabel(labels[field], self)
            label.setBuddy(edit)
            form.addRow(label, cell)
            if isinstance(edit, QPlainTextEdit):
                edit.textChanged.connect(self._on_field_edited)
            else:
                edit.textEdited.connect(self._on_field_edited)
        form_box.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Enregistrer"), self)
        self.save_button.setObjectName("site_settings_save")
        self.save_button.setAccessibleName(self.tr("Enregistrer les paramètres du site"))
        self.save_button.clicked.connect(self.save)
        self.reload_button = QPushButton(self.tr("&Actualiser"), self)
        self.reload_button.setObjectName("site_settings_reload")
        self.reload_button.setAccessibleName(self.tr("Relire les paramètres des sites"))
        self.reload_button.clicked.connect(self.reload)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        form_box.addLayout(buttons)
        form_box.addStretch(1)
        body.addLayout(form_box, 3)
        layout.addLayout(body, 1)

        self.status = QLabel(self)
        self.status.setObjectName("site_settings_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État de l’enregistrement"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Fermer"))
        layout.addWidget(close)
        self._set_form_enabled(False)
        self.resize(self.fontMetrics().averageCharWidth() * 130,
                    self.fontMetrics().height() * 28)

    # ------------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read every site's settings from the store (the unsaved edits stay)."""
        if self._shown is not None and self._dirty():
            self._drafts[self._shown] = self.values()
        try:
            sites = self._fetch()
        except SiteSettingsUnavailable as exc:
            self._say_unavailable(exc)
            return
        keep = self._shown
        self._sites = sites
        self._loading = True
        try:
            self.table.setRowCount(0)
            for site in sites:
                self._append(site)
        finally:
            self._loading = False
        self.status.setText(self.tr("Paramètres lus sur le serveur central."))
        codes = [str(s.get("code")) for s in sites]
        row = codes.index(keep) if keep in codes else 0
        if sites:
            self._shown = None
            self.table.setCurrentCell(row, 0)
            self._show(row)

    def _append(self, site: Mapping[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._fill(row, site)

    def _fill(self, row: int, site: Mapping[str, Any]) -> None:
        confirmed = bool(site.get("confirmed"))
        values = [f"{site.get('code', '')} — {site.get('name', '')}",
                  str(site.get("version", 0)),
                  self.tr("confirmé") if confirmed else self.tr("à confirmer")]
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            self.table.setItem(row, column, item)

    def site(self, code: str) -> dict[str, Any] | None:
        """The site ``code`` as last read (or saved)."""
        return next((s for s in self._sites if s.get("code") == code), None)

    # ------------------------------------------------------------------ the fields

    def values(self) -> dict[str, Any]:
        """The settings typed in the fields, as the store takes them."""
        lines = [line.strip() for line in self.address_edit.toPlainText().splitlines()]
        return {"address": [line for line in lines if line],
                "postal_code": self.postal_code_edit.text().strip(),
                "commune": self.commune_edit.text().strip(),
                "phone": self.phone_edit.text().strip(),
                "email": self.email_edit.text().strip(),
                "hours": self.hours_edit.text().strip()}

    def _stored(self, code: str) -> dict[str, Any]:
        site = self.site(code) or {}
        return {"address": [str(line) for line in site.get("address") or []],
                "postal_code": str(site.get("postal_code") or ""),
                "commune": str(site.get("commune") or ""),
                "phone": str(site.get("phone") or ""), "email": str(site.get("email") or ""),
                "hours": str(site.get("hours") or "")}

    def _dirty(self) -> bool:
        return self._shown is not None and self.values() != self._stored(self._shown)

    def _put(self, values: Mapping[str, Any]) -> None:
        self._loading = True
        try:
            self.address_edit.setPlainText("\n".join(values["address"]))
            for field in FIELDS[1:]:
                edit = self.edits[field]
                assert isinstance(edit, QLineEdit)
                edit.setText(str(values[field]))
        finally:
            self._loading = False

    def _set_form_enabled(self, enabled: bool) -> None:
        for edit in self.edits.values():
            edit.setEnabled(enabled)
        self.save_button.setEnabled(enabled)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._sites):
            return
        site = self._sites[row]
        code = str(site.get("code"))
        if self._shown == code:
            return
        if self._shown is not None and self._dirty():
            self._drafts[self._shown] = self.values()
        self._shown = code
        self._clear_errors()
        self._put(self._drafts.get(code) or self._stored(code))
        self._set_form_enabled(True)
        self._heading(site)

    def _heading(self, site: Mapping[str, Any]) -> None:
        name = f"{site.get('code', '')} — {site.get('name', '')}"
        if site.get("confirmed"):
            at = str(site.get("updated_at") or "")
            at = wording.iso_datetime(at)
            text = self.tr("%1 : version %2, enregistrée le %3").replace("%1", name) \
                .replace("%2", str(site.get("version"))).replace("%3", at)
        else:
            text = self.tr("%1 : à confirmer (les documents n’impriment que le nom du site et "
                           "sa commune)").replace("%1", name)
        if str(site.get("code")) in self._drafts:
            text += " " + self.tr("— modifications non enregistrées")
        self.heading.setText(text)

    def _on_table_current_cell_changed(self, row: int, _column: int, _previous_row: int,
                                       _previous_column: int) -> None:
        if not self._loading:
            self._show(row)

    def _on_field_edited(self, *_args: object) -> None:
        if self._loading or self._shown is None:
            return
        field = next((f for f, e in self.edits.items() if e is self.sender()), None)
        if field is not None:
            self.errors[field].setVisible(False)

    def _clear_errors(self) -> None:
        for error in self.errors.values():
            error.clear()
            error.setVisible(False)

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        """Record what is typed as the shown site's new version; a refusal is shown next to
        the field it names, and nothing typed is lost."""
        code = self._shown
        if code is None:
            return
        values = self.values()
        self._clear_errors()
        try:
            saved = self._save(code, values)
        except SiteSettingsUnavailable as exc:
            self._drafts[code] = values
            if exc.kind == "invalid" and exc.field in self.errors:
                self._say_invalid(str(exc.field), exc.detail)
            else:
                self._say_unavailable(exc)
            return
        self._drafts.pop(code, None)
        for row, site in enumerate(self._sites):
            if site.get("code") == code:
                self._sites[row] = saved
                self._fill(row, saved)
        self._put(self._stored(code))
        self._heading(saved)
        self.status.setText(self.tr("Paramètres de %1 enregistrés (version %2) : les postes "
                                    "les imprimeront après leur prochaine synchronisation.")
                            .replace("%1", str(saved.get("name") or code))
                            .replace("%2", str(saved.get("version"))))

    def _say_invalid(self, field: str, detail: str) -> None:
        messages = {
            "address": self.tr("De 1 à 4 lignes non vides de 80 caractères au plus, sans le "
                               "code postal ni la commune."),
            "postal_code": self.tr("Cinq chiffres, par exemple 35000."),
            "commune": self.tr("Obligatoire, 80 caractères au plus."),
            "phone": self.tr("Dix chiffres (02 99 00 00 00), un numéro court de quatre "
                             "chiffres (3698), +33 suivi de neuf chiffres, ou rien."),
            "email": self.tr("Une adresse comme accueil.ti@exemple.fr, ou rien."),
            "hours": self.tr("Une seule ligne de 200 caractères au plus."),
        }
        error = self.errors[field]
        error.setText(messages[field])
        error.setToolTip(detail)
        error.setVisible(True)
        self.edits[field].setFocus()
        self.status.setText(self.tr("Le serveur central a refusé ces paramètres : corrigez le "
                                    "champ signalé. Vos saisies sont conservées."))

    def _say_unavailable(self, exc: SiteSettingsUnavailable) -> None:
        if exc.kind == "forbidden":
            self.status.setText(self.tr("Les paramètres des sites sont réservés aux comptes "
                                        "administrateurs connectés."))
        elif exc.kind == "network":
            self.status.setText(self.tr("Le serveur central ne répond pas : réessayez plus "
                                        "tard. Vos saisies sont conservées."))
        else:
            self.status.setText(self.tr("Le serveur central a refusé la demande : %1")
                                .replace("%1", exc.detail))
