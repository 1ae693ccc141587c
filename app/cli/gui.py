"""``accueil-ti gui`` (and ``accueil-ti`` alone): the desktop app.

The command line does not import the window: the program's entry point (app/__main__.py) hands
``main`` the function that opens it, which this command calls.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import OperationFailed, resolve_data_dir


def cmd_gui(args: argparse.Namespace) -> int:
    open_window = getattr(args, "open_window", None)
    if open_window is None:
        raise OperationFailed("this entry point has no window: run accueil-ti (python -m app)")
    result: int = open_window(resolve_data_dir(args), smoke=bool(getattr(args, "smoke", False)))
    return result


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="the desktop app (the default)")
    p.add_argument("--smoke", action="store_true",
                   help="open the main window, print 'ready in N ms' when the list shows, exit")
    p.set_defaults(func=cmd_gui, smoke=False)
