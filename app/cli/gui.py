"""``accueil-ti gui`` (and ``accueil-ti`` alone): the desktop app.

The one place the command line reaches the window, inside the command: building the parser
loads no Qt.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import resolve_data_dir


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.app import run_gui

    return run_gui(resolve_data_dir(args), smoke=bool(getattr(args, "smoke", False)))


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="the desktop app (the default)")
    p.add_argument("--smoke", action="store_true",
                   help="open the main window, print 'ready in N ms' when the list shows, exit")
    p.set_defaults(func=cmd_gui, smoke=False)
