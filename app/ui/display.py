"""The interface's text size and high-contrast palette (Paramètres: « Taille du texte »,
« Contraste élevé »), applied to the whole application by :func:`apply_display`.

The text size scales the platform's default font (100 %, 125 %, 150 %). Titles and large texts
that pages size relative to their own font at construction follow when the size is applied
before they are built (start-up) — and, when the agent changes it in Paramètres, every widget
whose font was set explicitly is rescaled by the same ratio, so a change applies at once.

The high-contrast palette is white text on black with a yellow highlight (contrast ratios of
7:1 or more, WCAG AAA), drawn with the Fusion style whose frames get a white border (Fusion
derives its outlines from the window colour: on black they would vanish). Colours hard-coded in
widget style sheets (« color: #a40000 » — dark red on the normal light palette) would be
unreadable on black: while high contrast is on, every style sheet's colours are adapted (text
and borders lightened, light backgrounds darkened) and restored when it is turned off. Rich text
builds its inline colours with :func:`readable_color`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from app.ui.settings import FONT_SCALES

DEFAULT_FONT_SCALE = 100
# WCAG 2 level AAA for normal text.
HIGH_CONTRAST_RATIO = 7.0

BLACK = QColor("#000000")
WHITE = QColor("#ffffff")
YELLOW = QColor("#ffff00")
DISABLED_GREY = QColor("#a0a0a0")  # 8:1 on black, yet plainly dimmer than white text
PLACEHOLDER_GREY = QColor("#c8c8c8")
LINK_BLUE = QColor("#8cc8ff")
LINK_VISITED = QColor("#e0a8ff")

_ORIGINAL_STYLE = "display_original_style_sheet"
_ADAPTED_STYLE = "display_adapted_style_sheet"


# --------------------------------------------------------------------------- contrast


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of ``color`` (0 for black, 1 for white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    a, b = relative_luminance(first), relative_luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _toward(color: QColor, background: QColor, ratio: float) -> QColor:
    """``color`` with its hue kept, lightened (on a dark background) or darkened (on a light
    one) until it reaches ``ratio`` against ``background``."""
    hue, saturation = color.hslHueF(), color.hslSaturationF()
    lightness, alpha = color.lightnessF(), color.alphaF()
    dark_background = relative_luminance(background) < 0.5
    step = 0.02 if dark_background else -0.02
    candidate = QColor(color)
    while contrast_ratio(candidate, background) < ratio and 0.0 <= lightness <= 1.0:
        lightness = min(1.0, max(0.0, lightness + step))
        candidate = QColor.fromHslF(max(hue, 0.0), saturation, lightness, alpha)
        if lightness in (0.0, 1.0):
            break
    return candidate


def high_contrast_text(color: QColor) -> QColor:
    """A text or border colour readable on the high-contrast black (hue kept)."""
    return _toward(color, BLACK, HIGH_CONTRAST_RATIO)


def high_contrast_background(color: QColor) -> QColor:
    """A background colour on which the high-contrast white text stays readable: a light
    background becomes a dark one of the same hue; a dark one is kept."""
    if contrast_ratio(WHITE, color) >= HIGH_CONTRAST_RATIO:
        return QColor(color)
    hue, saturation = color.hslHueF(), color.hslSaturationF()
    lightness, alpha = color.lightnessF(), color.alphaF()
    dark = QColor.fromHslF(max(hue, 0.0), saturation, min(lightness, 1.0 - lightness), alpha)
    return _toward(dark, WHITE, HIGH_CONTRAST_RATIO)


# --------------------------------------------------------------------------- palette and style


def high_contrast_palette() -> QPalette:
    """White on black, a yellow highlight with black text, light links; disabled text grey."""
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: BLACK, roles.WindowText: WHITE, roles.Base: BLACK,
        roles.AlternateBase: QColor("#1a1a1a"), roles.Text: WHITE, roles.Button: BLACK,
        roles.ButtonText: WHITE, roles.BrightText: YELLOW, roles.Highlight: YELLOW,
        roles.HighlightedText: BLACK, roles.ToolTipBase: BLACK, roles.ToolTipText: WHITE,
        roles.PlaceholderText: PLACEHOLDER_GREY, roles.Link: LINK_BLUE,
        roles.LinkVisited: LINK_VISITED, roles.Light: WHITE, roles.Midlight: QColor("#c0c0c0"),
        roles.Mid: QColor("#808080"), roles.Dark: WHITE, roles.Shadow: WHITE,
    }
    for role, colour in colours.items():
        palette.setColor(role, colour)
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, DISABLED_GREY)
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Highlight, QColor("#808000"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.HighlightedText, BLACK)
    palette.setColor(QPalette.ColorGroup.Inactive, roles.Highlight, YELLOW)
    palette.setColor(QPalette.ColorGroup.Inactive, roles.HighlightedText, BLACK)
    return palette


_FRAMED_PRIMITIVES = (
    QStyle.PrimitiveElement.PE_Frame,  # lists, tables, text browsers, scroll areas
    QStyle.PrimitiveElement.PE_FrameGroupBox,
    QStyle.PrimitiveElement.PE_FrameLineEdit,
    QStyle.PrimitiveElement.PE_PanelButtonCommand,
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
)
_FRAMED_CONTROLS = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)


class HighContrastStyle(QProxyStyle):
    """Fusion with a text-coloured border around fields, lists, group boxes, buttons, check
    boxes and radio buttons (Fusion's own outlines are a darker window colour: invisible on
    black)."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    @staticmethod
    def _outline(option: QStyleOption, painter: QPainter, round_: bool = False) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.WindowText), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRect(option.rect).adjusted(0, 0, -1, -1)
        if round_:
            painter.drawEllipse(rect)
        else:
            painter.drawRect(rect)
        painter.restore()

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _FRAMED_PRIMITIVES:
            self._outline(option, painter)
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            self._outline(option, painter, round_=True)

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,
                    painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_ProgressBarGroove:
            self._outline(option, painter)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex,
                           painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _FRAMED_CONTROLS:
            self._outline(option, painter)


# --------------------------------------------------------------------------- style sheets

_DECLARATION = re.compile(r"(?P<prop>[A-Za-z-]+)(?P<colon>\s*:\s*)(?P<value>[^;{}]+)")
_HEX = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b")


def adapt_style_sheet(sheet: str) -> str:
    """``sheet`` with its hex colours made readable on the high-contrast palette: text and
    border colours lightened, light backgrounds darkened (dark ones, which carry their own
    white text, are kept)."""

    def declaration(match: re.Match[str]) -> str:
        prop = match["prop"].lower()
        if prop.startswith("background"):
            adapt = high_contrast_background
        elif prop == "color" or prop.startswith("border"):
            adapt = high_contrast_text
        else:
            return match[0]
        value = _HEX.sub(lambda hex_: adapt(QColor(hex_[0])).name(), match["value"])
        return f"{match['prop']}{match['colon']}{value}"

    return _DECLARATION.sub(declaration, sheet)


def _adapt_widget(widget: QWidget) -> None:
    current = widget.styleSheet()
    if not current or current == widget.property(_ADAPTED_STYLE):
        return
    adapted = adapt_style_sheet(current)
    widget.setProperty(_ORIGINAL_STYLE, current)
    widget.setProperty(_ADAPTED_STYLE, adapted)
    if adapted != current:
        widget.setStyleSheet(adapted)


def _restore_widget(widget: QWidget) -> None:
    original = widget.property(_ORIGINAL_STYLE)
    if isinstance(original, str) and widget.styleSheet() == widget.property(_ADAPTED_STYLE):
        widget.setStyleSheet(original)
    widget.setProperty(_ORIGINAL_STYLE, None)
    widget.setProperty(_ADAPTED_STYLE, None)


class _StyleSheetAdapter(QObject):
    """Adapts each widget's style sheet as it is polished or changed, while installed."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange)
                and isinstance(watched, QWidget) and _state.high_contrast):
            _adapt_widget(watched)
        return False


# --------------------------------------------------------------------------- applying


@dataclass
class _State:
    base_font: QFont | None = None
    font_scale: int = DEFAULT_FONT_SCALE
    high_contrast: bool = False
    original_style: str = ""
    original_palette: QPalette | None = None
    style: HighContrastStyle | None = None
    adapter: _StyleSheetAdapter | None = None


_state = _State()


def is_high_contrast() -> bool:
    """Whether the high-contrast palette is applied."""
    return _state.high_contrast


def readable_color(color: str) -> str:
    """``color`` (``#rrggbb``) for text on the current palette: as given normally, lightened
    under high contrast. For inline colours of rich text, which style sheets do not cover."""
    return high_contrast_text(QColor(color)).name() if _state.high_contrast else color


def base_point_size(app: QApplication) -> float:
    """The platform's default font size (before any scaling), in points."""
    if _state.base_font is None:
        _state.base_font = QFont(app.font())
    return _state.base_font.pointSizeF()


def _rescale_explicit_fonts(app: QApplication, ratio: float) -> None:
    for widget in app.allWidgets():
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            font = QFont(widget.font())
            if font.pointSizeF() > 0:
                font.setPointSizeF(font.pointSizeF() * ratio)
                widget.setFont(font)


def apply_display(app: QApplication, *, font_scale: int, high_contrast: bool) -> None:
    """Apply the text size (percent of the platform's default font) and the palette.

    Called at start-up before any window is built, and again when Paramètres are saved: fonts
    set explicitly on existing widgets are rescaled, style sheets adapted or restored."""
    if font_scale not in FONT_SCALES:
        font_scale = DEFAULT_FONT_SCALE
    base_size = base_point_size(app)
    assert _state.base_font is not None
    font = QFont(_state.base_font)
    if base_size > 0:
        font.setPointSizeF(base_size * font_scale / 100)
    if app.font() != font:
        app.setFont(font)
    if font_scale != _state.font_scale:
        _rescale_explicit_fonts(app, font_scale / _state.font_scale)
        _state.font_scale = font_scale

    if high_contrast and not _state.high_contrast:
        _state.original_style = app.style().name()
        _state.original_palette = QPalette(app.palette())
        _state.style = HighContrastStyle()
        app.setStyle(_state.style)
        app.setPalette(high_contrast_palette())
        _state.high_contrast = True
        if _state.adapter is None:
            _state.adapter = _StyleSheetAdapter(app)
        app.installEventFilter(_state.adapter)
        for widget in app.allWidgets():
            _adapt_widget(widget)
    elif not high_contrast and _state.high_contrast:
        _state.high_contrast = False
        if _state.adapter is not None:
            app.removeEventFilter(_state.adapter)
        for widget in app.allWidgets():
            _restore_widget(widget)
        restored = QStyleFactory.create(_state.original_style or "Fusion")
        if restored is not None:
            app.setStyle(restored)
        app.setPalette(_state.original_palette or app.style().standardPalette())
        _state.style = None


class FirstPaint(QObject):
    """Calls ``then`` from the event loop once ``widget`` has been painted for the first time.
    Watches installed on one widget are called last installed first, and so are their
    ``then``."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)
        return False
