"""Sizing windows and dialogs so they fit the screen they open on, buttons included.

A counter laptop is often 1366×768 with a task bar: a dialog sized for a large screen would put
its buttons below the bottom edge. The window manager also adds a title bar and borders around
the size we ask for, which Qt only knows once the window is mapped; ``FRAME_ALLOWANCE`` keeps
room for them so the whole frame stays on the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Title bar and borders a window manager adds around a window (generous for Windows 10/11,
# GNOME and KDE at 100 %).
FRAME_ALLOWANCE = QSize(16, 40)


def available_size(widget: QWidget) -> QSize | None:
    """The room a window may take on the screen ``widget`` opens on, frame excluded."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    area = screen.availableGeometry()
    return QSize(max(1, area.width() - FRAME_ALLOWANCE.width()),
                 max(1, area.height() - FRAME_ALLOWANCE.height()))


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width``×``height``, shrunk to what its screen can show."""
    room = available_size(widget)
    if room is not None:
        width, height = min(width, room.width()), min(height, room.height())
    widget.resize(width, height)
