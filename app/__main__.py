"""The ``accueil-ti`` program (``python -m app``, the console script, the frozen executables):
the command line, whose ``gui`` command (the default) opens the desktop window.

The one module that joins the two faces over the services: app/cli does not import the window,
the window does not import the command line; this entry point hands the command line the
function that opens the window.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli import main as command_line


def open_window(data_dir: Path, *, smoke: bool = False) -> int:
    """The desktop window on ``data_dir`` (``smoke``: open, report the first rows, close)."""
    from app.ui.app import run_gui

    return run_gui(data_dir, smoke=smoke)


def main(argv: Sequence[str] | None = None) -> int:
    return command_line(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
