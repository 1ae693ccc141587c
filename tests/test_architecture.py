"""The architecture's hard lines (shared/design.md): Qt lives in app/ui (and the entry points);
app/forms is pure Python; nothing imports app/ui."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
# server_commands: `login` records the account in the workstation's settings (a Qt INI file).
QT_ALLOWED = {"app/__main__.py", "app/cli.py", "app/server_commands.py"}
FORMS_FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab", "httpx",
                   "fastapi", "uvicorn", "keyring", "app")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def python_files() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(APP.parent).as_posix()


def top(module: str) -> str:
    return module.split(".")[0]


def qt_violations(files: list[Path]) -> list[str]:
    return [f"{rel(p)}:{line} imports {mod}" for p in files for line, mod in imported_modules(p)
            if top(mod) in ("PySide6", "shiboken6") and not rel(p).startswith("app/ui/")
            and rel(p) not in QT_ALLOWED]


def forms_violations(files: list[Path]) -> list[str]:
    out = []
    for p in files:
        if not rel(p).startswith("app/forms/"):
            continue
        for line, mod in imported_modules(p):
            if top(mod) in FORMS_FORBIDDEN and not mod.startswith("app.forms"):
                out.append(f"{rel(p)}:{line} imports {mod}")
    return out


def test_qt_is_imported_only_in_app_ui() -> None:
    assert qt_violations(python_files()) == []


def test_forms_is_pure_python() -> None:
    assert forms_violations(python_files()) == []


def test_nothing_imports_app_ui() -> None:
    offenders = [f"{rel(p)}:{line}" for p in python_files() for line, mod in imported_modules(p)
                 if mod.startswith("app.ui") and not rel(p).startswith("app/ui/")
                 and rel(p) not in QT_ALLOWED]
    assert offenders == []


@pytest.mark.parametrize(("where", "source", "checker"), [
    ("app/models/bad.py", "from PySide6.QtCore import QObject\n", qt_violations),
    ("app/forms/bad.py", "import sqlalchemy\n", forms_violations),
    ("app/forms/bad.py", "from PySide6 import QtWidgets\n", forms_violations),
    ("app/forms/bad.py", "from app.models import entities\n", forms_violations),
])
def test_the_checks_catch_a_violation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      where: str, source: str, checker) -> None:  # type: ignore[no-untyped-def]
    fake_app = tmp_path / "app"
    target = fake_app.parent / where
    target.parent.mkdir(parents=True)
    target.write_text(source, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["APP"]), "APP", fake_app)
    assert checker([target]) != []
