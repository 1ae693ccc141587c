"""Paramètres « Taille du texte » and « Contraste élevé »: persisted, applied to the whole
application (font 1.25× / 1.5× the platform default; a palette of 7:1 contrast or more), and
changed live from the settings dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from app.ui.display import (
    adapt_style_sheet,
    apply_display,
    base_point_size,
    contrast_ratio,
    high_contrast_palette,
    is_high_contrast,
    readable_color,
)
from app.ui.settings import AppSettings
from app.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui

ROLE_PAIRS = [
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase),
    (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
]


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The session's application, back to 100 % and the normal palette afterwards."""
    base_point_size(qapp)
    yield qapp
    apply_display(qapp, font_scale=100, high_contrast=False)


def test_wcag_contrast_ratio() -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#123456"), QColor("#123456")) == pytest.approx(1.0)


def test_the_settings_persist(data_dir: Path) -> None:
    assert AppSettings.load(data_dir).font_scale == 100
    assert AppSettings.load(data_dir).high_contrast is False
    AppSettings(font_scale=150, high_contrast=True).save(data_dir)
    loaded = AppSettings.load(data_dir)
    assert (loaded.font_scale, loaded.high_contrast) == (150, True)
    AppSettings(font_scale=130).save(data_dir)  # hand-edited INI: not an offered size
    assert AppSettings.load(data_dir).font_scale == 100


@pytest.mark.parametrize("scale", [125, 150])
def test_the_text_size_scales_the_default_font(app: QApplication, qtbot: QtBot,
                                               scale: int) -> None:
    base = base_point_size(app)
    label = QLabel("Titre")
    qtbot.addWidget(label)
    big = QFont(label.font())
    big.setPointSizeF(big.pointSizeF() * 1.2)  # as pages size their titles
    label.setFont(big)
    apply_display(app, font_scale=scale, high_contrast=False)
    assert app.font().pointSizeF() == pytest.approx(base * scale / 100)
    assert QLabel().font().pointSizeF() == pytest.approx(base * scale / 100)
    # A font set relative to the default follows a live change.
    assert label.font().pointSizeF() == pytest.approx(base * 1.2 * scale / 100, abs=0.05)
    apply_display(app, font_scale=100, high_contrast=False)
    assert app.font().pointSizeF() == pytest.approx(base)
    assert label.font().pointSizeF() == pytest.approx(base * 1.2, abs=0.05)


def test_the_high_contrast_palette_reaches_7_to_1(app: QApplication) -> None:
    palette = high_contrast_palette()
    for text, background in ROLE_PAIRS:
        ratio = contrast_ratio(palette.color(text), palette.color(background))
        assert ratio >= 7.0, f"{text.name}/{background.name}: {ratio:.1f}:1"
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    assert contrast_ratio(disabled, palette.color(QPalette.ColorRole.Window)) >= 4.5
    # still told apart from enabled text
    assert contrast_ratio(disabled, palette.color(QPalette.ColorRole.WindowText)) >= 2.0
    assert contrast_ratio(palette.color(QPalette.ColorRole.PlaceholderText),
                          palette.color(QPalette.ColorRole.Base)) >= 4.5

    apply_display(app, font_scale=100, high_contrast=True)
    assert is_high_contrast()
    applied = app.palette()
    for text, background in ROLE_PAIRS[:4]:
        assert contrast_ratio(applied.color(text), applied.color(background)) >= 7.0


def test_hard_coded_colours_stay_readable(app: QApplication, qtbot: QtBot) -> None:
    black = QColor("black")
    adapted = adapt_style_sheet("QLabel { color: #a40000; background: #fff4ce; "
                                "border: 1px solid #c8a600; }")
    assert "#a40000" not in adapted and "#fff4ce" not in adapted
    # a dark badge with its own white text is kept
    assert adapt_style_sheet("background: #a40000; color: white;") == (
        "background: #a40000; color: white;")

    error = QLabel("Erreur")
    qtbot.addWidget(error)
    error.setStyleSheet("color: #a40000; font-weight: bold;")
    apply_display(app, font_scale=100, high_contrast=True)
    assert "#a40000" not in error.styleSheet()
    later = QLabel("Plus tard")
    qtbot.addWidget(later)
    later.setStyleSheet("color: #b00020;")  # set while high contrast is on
    for label in (error, later):
        label.ensurePolished()
        colour = label.palette().color(QPalette.ColorRole.WindowText)
        assert contrast_ratio(colour, black) >= 7.0, label.styleSheet()
    assert contrast_ratio(QColor(readable_color("#8a4b00")), black) >= 7.0

    apply_display(app, font_scale=100, high_contrast=False)
    assert error.styleSheet() == "color: #a40000; font-weight: bold;"
    assert readable_color("#8a4b00") == "#8a4b00"


def test_the_settings_dialog_changes_and_applies_them(app: QApplication, qtbot: QtBot,
                                                     data_dir: Path) -> None:
    dialog = SettingsDialog(AppSettings(agent_name="Claire Agent"), data_dir)
    qtbot.addWidget(dialog)
    assert dialog.font_scale_combo.currentData() == 100
    assert not dialog.contrast_check.isChecked()
    dialog.font_scale_combo.setCurrentIndex(dialog.font_scale_combo.findData(150))
    qtbot.mouseClick(dialog.contrast_check, Qt.MouseButton.LeftButton)
    assert (dialog.values().font_scale, dialog.values().high_contrast) == (150, True)
    with qtbot.waitSignal(dialog.settings_saved):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    saved = AppSettings.load(data_dir)
    assert (saved.font_scale, saved.high_contrast) == (150, True)
    # applied at once
    assert app.font().pointSizeF() == pytest.approx(base_point_size(app) * 1.5)
    assert is_high_contrast()

    reopened = SettingsDialog(saved, data_dir)
    qtbot.addWidget(reopened)
    assert reopened.font_scale_combo.currentData() == 150
    assert reopened.contrast_check.isChecked()
    assert [reopened.font_scale_combo.itemData(i)
            for i in range(reopened.font_scale_combo.count())] == [100, 125, 150]


def test_the_application_starts_with_them(app: QApplication, keyring_backend: object,
                                          data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from app.ui.app import run_gui

    AppSettings(agent_name="Claire Agent", font_scale=125, high_contrast=True).save(data_dir)
    # The translators would stay installed in this test session's application.
    monkeypatch.setattr("app.ui.app.install_translators", lambda _app, _language: [])
    assert run_gui(data_dir, smoke=True) == 0, capsys.readouterr().err
    assert app.font().pointSizeF() == pytest.approx(base_point_size(app) * 1.25)
    assert is_high_contrast()
    assert contrast_ratio(app.palette().color(QPalette.ColorRole.WindowText),
                          app.palette().color(QPalette.ColorRole.Window)) >= 7.0
