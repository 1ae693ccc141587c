"""The house's one-way layers (docs/architecture.md), checked two ways.

From the source: every ``import`` of every module of ``app`` — at the top or inside a function —
is an arrow of the import graph; the graph has no cycle, and every arrow goes down the layers:

    app/forms (pure rules, vocabulary)          app/db (SQL types, Alembic runner)
        ↑                                          ↑
    app/models (workstation store)      app/server (central store)
        ↑
    app/sync (client, session, ledger)
        ↑
    services: app/documents, app/dossier_service.py, app/document_service.py, app/demo.py
        ↑
    app/cli (command line)              app/ui (window)
        ↑                                   ↑
    app/__main__.py (the program: hands the command line the function that opens the window)

From a clean interpreter: what importing an entry module really loads (``sys.modules``): the
central store loads no encryption driver, keyring, Qt nor workstation module; the rules load no
SQL, Qt nor HTTP; the window's modules load no command-line module.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"

# Each layer and the layers it may import (itself included). ``app`` is the package's root
# (its version), ``paths`` the data folders: anyone may import them.
BASE = {"app", "paths"}
MAY_IMPORT: dict[str, set[str]] = {
    "forms": {"forms"} | BASE,
    "db": {"db", "forms"} | BASE,
    "models": {"models", "db", "forms"} | BASE,
    "server": {"server", "db", "forms"} | BASE,
    "sync": {"sync", "models", "db", "forms"} | BASE,
    "services": {"services", "sync", "models", "db", "forms"} | BASE,
    "cli": {"cli", "services", "server", "sync", "models", "db", "forms"} | BASE,
    "ui": {"ui", "services", "sync", "models", "db", "forms"} | BASE,
    # the program's entry point hands the command line the function that opens the window
    "main": {"main", "cli", "ui"} | BASE,
}
SERVICES = {"documents", "dossier_service", "document_service", "demo", "call_service"}
# Modules that need Qt outside app/ui: the entry point sets up the GUI application.
QT_ALLOWED = {"app/__main__.py"}
FORMS_FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab", "httpx",
                   "fastapi", "uvicorn", "keyring", "app")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def python_files() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(APP.parent).as_posix()


def top(module: str) -> str:
    return module.split(".")[0]


def import_statements(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, absolute module, names) of every import of ``path``, also those inside functions:
    ``import X.y`` gives ``("X.y", [])``, ``from X import a, b`` gives ``("X", ["a", "b"])``."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: list[tuple[int, str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - (node.level - 1)] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.append((node.lineno, module, [alias.name for alias in node.names]))
    return found


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, name) of every import of ``path``; for ``from X import a`` both ``X`` and
    ``X.a`` (a module or not)."""
    return [(line, name) for line, module, names in import_statements(path)
            for name in [module, *(f"{module}.{n}" for n in names)]]


def import_targets(path: Path, modules: set[str]) -> set[str]:
    """The modules of ``app`` that ``path`` imports: ``from X import name`` names the module
    ``X.name`` when there is one, else ``X``; ``import X.y`` names ``X.y``."""
    here = module_name(path)

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    targets: set[str | None] = set()
    for _, module, names in import_statements(path):
        if top(module) != "app":
            continue
        targets |= {f"{module}.{n}" if f"{module}.{n}" in modules else resolve(module)
                    for n in names} if names else {resolve(module)}
    # A submodule's import of its own parent package is Python's doing, not an arrow.
    return {t for t in targets if t and t != here and not here.startswith(t + ".")}


def import_graph() -> dict[str, set[str]]:
    """Module → the modules of ``app`` it imports, at the top or inside functions."""
    files = python_files()
    modules = {module_name(p) for p in files}
    return {module_name(p): import_targets(p, modules) for p in files}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(iter(children), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "app"
    if parts[1] == "__main__":
        return "main"
    if parts[1] in SERVICES:
        return "services"
    return parts[1]


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{source} → {target}" for source, targets in graph.items()
                  for target in targets
                  if layer(target) not in MAY_IMPORT.get(layer(source), set()))


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


def window_violations(files: list[Path]) -> list[str]:
    """The window imports no SQLAlchemy, no ORM entity and no command-line module: it asks the
    store's and the sync's functions, which answer with plain data."""
    return [f"{rel(p)}:{line} imports {mod}" for p in files if rel(p).startswith("app/ui/")
            for line, mod in imported_modules(p)
            if top(mod) in ("sqlalchemy", "alembic")
            or mod.startswith(("app.cli", "app.models.entities"))]


# --------------------------------------------------------------------------- from the source


def test_the_import_graph_of_app_has_no_cycle() -> None:
    assert cycles(import_graph()) == []


def test_every_import_goes_down_the_layers() -> None:
    assert layer_violations(import_graph()) == []


def test_qt_is_imported_only_in_app_ui() -> None:
    assert qt_violations(python_files()) == []


def test_forms_is_pure_python() -> None:
    assert forms_violations(python_files()) == []


def test_the_window_runs_no_sql_and_no_command() -> None:
    assert window_violations(python_files()) == []


def test_the_cli_is_a_package_without_private_imports_across_modules() -> None:
    assert (APP / "cli" / "__init__.py").is_file()
    crossing = [f"{rel(p)}:{line} imports {mod}" for p in python_files()
                for line, mod in imported_modules(p)
                if mod.startswith("app.") and mod.rpartition(".")[2].startswith("_")
                and not mod.rpartition(".")[2].startswith("__")
                and mod.rpartition(".")[0] != module_name(p).rpartition(".")[0]]
    assert crossing == []


@pytest.mark.parametrize(("files", "checker"), [
    ({"app/models/bad.py": "from PySide6.QtCore import QObject\n"}, "qt"),
    ({"app/forms/bad.py": "import sqlalchemy\n"}, "forms"),
    ({"app/forms/bad.py": "from PySide6 import QtWidgets\n"}, "forms"),
    ({"app/forms/bad.py": "from app.models import entities\n"}, "forms"),
    ({"app/ui/bad.py": "def f():\n    from sqlalchemy import select\n"}, "window"),
    ({"app/ui/bad.py": "from app.cli.common import UsageError\n"}, "window"),
    ({"app/cli/__init__.py": "", "app/cli/gui.py": "def f():\n    from app.ui import app\n",
      "app/ui/__init__.py": "", "app/ui/app.py": ""}, "layer"),
    ({"app/forms/__init__.py": "", "app/forms/a.py": "from app.models import b\n",
      "app/models/__init__.py": "", "app/models/b.py": "def f():\n    import app.forms.a\n"},
     "cycle"),
    ({"app/forms/__init__.py": "", "app/forms/a.py": "", "app/server/__init__.py": "",
      "app/server/s.py": "from app.models import database\n",
      "app/models/__init__.py": "", "app/models/database.py": ""}, "layer"),
    ({"app/models/__init__.py": "", "app/models/m.py": "def f():\n    from app.sync import c\n",
      "app/sync/__init__.py": "", "app/sync/c.py": ""}, "layer"),
])
def test_the_checks_catch_a_violation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      files: dict[str, str], checker: str) -> None:
    fake_app = tmp_path / "app"
    for where, source in files.items():
        target = tmp_path / where
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    (fake_app / "__init__.py").touch()
    monkeypatch.setattr(sys.modules[__name__], "APP", fake_app)
    found = python_files()
    if checker == "qt":
        assert qt_violations(found) != []
    elif checker == "forms":
        assert forms_violations(found) != []
    elif checker == "window":
        assert window_violations(found) != []
    elif checker == "cycle":
        assert cycles(import_graph()) != []
    else:
        assert layer_violations(import_graph()) != []


def test_the_real_tree_has_layers_and_arrows() -> None:
    """The graph is really computed: the known arrows are in it."""
    graph = import_graph()
    assert "app.forms.codes" in graph["app.models.entities"]
    assert "app.db.types" in graph["app.server.models"]
    assert len(graph) > 100


# --------------------------------------------------------------------------- in a clean interpreter


def loaded_after(statement: str) -> list[str]:
    """The modules in ``sys.modules`` after running ``statement`` in a new interpreter."""
    script = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def among(loaded: list[str], *prefixes: str) -> list[str]:
    return [m for m in loaded if m in prefixes or m.startswith(tuple(p + "." for p in prefixes))]


@pytest.mark.slow
def test_the_central_store_loads_nothing_of_the_workstation() -> None:
    loaded = loaded_after("import app.server.app")
    assert among(loaded, "sqlcipher3", "keyring", "PySide6", "shiboken6", "app.models",
                 "app.sync", "app.ui", "app.cli") == []
    assert among(loaded, "fastapi", "app.server")  # the check looks at a real import


@pytest.mark.slow
def test_the_rules_load_no_sql_qt_nor_http() -> None:
    modules = sorted(module_name(p) for p in python_files() if rel(p).startswith("app/forms/"))
    loaded = loaded_after("\n".join(f"import {m}" for m in modules))
    assert among(loaded, "sqlalchemy", "PySide6", "httpx", "keyring", "reportlab",
                 "app.models", "app.server", "app.sync", "app.ui", "app.cli") == []


@pytest.mark.slow
def test_the_stores_and_the_sync_load_no_qt() -> None:
    loaded = loaded_after("import app.models, app.sync.client, app.sync.session, "
                          "app.dossier_service, app.document_service")
    assert among(loaded, "PySide6", "shiboken6", "app.ui", "app.cli", "app.server") == []


@pytest.mark.slow
def test_the_window_loads_no_command_line_module() -> None:
    loaded = loaded_after("import app.ui.app, app.ui.main_window, app.ui.partner")
    assert among(loaded, "app.cli", "app.server") == []
    assert among(loaded, "PySide6")


@pytest.mark.slow
def test_the_command_line_parser_loads_no_identity_library() -> None:
    """python-stdnum loads ``pydoc`` and ``ssl`` (about 20 ms): imported at the first NIR or
    SIRET check, not to parse a command line (issue 18)."""
    loaded = loaded_after("import app.cli\napp.cli.build_parser()")
    assert among(loaded, "stdnum", "pydoc", "ssl") == []
    assert among(loaded, "app.forms.identity")  # the check looks at a real import
    checked = loaded_after("from app.forms.identity import check_nir\n"
                           "check_nir('1 63 05 29 019 005 75')")
    assert among(checked, "stdnum")  # the first check loads it
