"""Every visible string of the window reaches the translation: a static reading of app/ui.

lupdate only extracts a literal string written directly as the text argument of ``tr``,
``QCoreApplication.translate`` or ``QT_TRANSLATE_NOOP``; a ``self.tr('…')`` inside an f-string,
a literal handed to a helper such as ``_tr("…")``, or French text given straight to a widget
never reaches the .ts file, and the window shows French in English. These tests read the source
(the Python syntax tree) and fail on each such string, naming its file and line.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "app" / "ui"
TS = ROOT / "resources" / "translations" / "accueil_ti_en.ts"

TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "_tr"}
# Calls that put their string argument on the screen.
SHOWING = {"setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setAccessibleName",
           "setAccessibleDescription", "setStatusTip", "setWhatsThis", "addItem", "addItems",
           "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QRadioButton", "QAction",
           "addAction", "addMenu", "addTab", "setTitle", "setHeaderLabels", "showMessage",
           "setLabelText", "setHtml", "setInformativeText", "setDetailedText"}
LOGGERS = {"log", "logger", "_log"}
# Not words of the interface: the product's name and a URL pattern.
NOT_WORDS = ("Accueil TI", "https://")


def sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(UI.rglob("*.py")):  # the sub-packages too (app/ui/partner)
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def is_logging(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id in LOGGERS)


def literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"


def translated_literals() -> Iterator[tuple[Path, ast.Call, str]]:
    """Each literal source string of a translating call."""
    for path, tree in sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or called_name(node) not in TRANSLATING:
                continue
            if is_logging(node):
                continue
            position = 1 if called_name(node) in ("translate", "QT_TRANSLATE_NOOP") else 0
            if len(node.args) > position:
                text = literal(node.args[position])
                if text is not None:
                    yield path, node, text


def ts_sources() -> set[str]:
    root = ET.parse(TS).getroot()
    return {message.findtext("source") or "" for message in root.iter("message")}


def calls_in_f_strings(trees: list[tuple[Path, ast.Module]]) -> list[str]:
    return [f"{where(path, call)} {ast.unparse(call)[:60]}"
            for path, tree in trees for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
            for call in ast.walk(node)
            if isinstance(call, ast.Call) and called_name(call) in TRANSLATING
            and any(literal(arg) is not None for arg in call.args)]  # a literal lupdate misses


def text_given_to_widgets(trees: list[tuple[Path, ast.Module]]) -> list[str]:
    found = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or called_name(node) not in SHOWING:
                continue
            if is_logging(node):
                continue
            for arg in node.args:
                text = literal(arg)
                if isinstance(arg, ast.JoinedStr):
                    text = "".join(literal(v) or "" for v in arg.values)
                if text is None:
                    continue
                text = re.sub(r"<[^>]*>", "", text)  # markup is not words
                for word in NOT_WORDS:
                    text = text.replace(word, "")
                if sum(c.isalpha() for c in text) > 1:
                    found.append(f"{where(path, node)} {ast.unparse(arg)[:60]}")
    return found


def test_no_translation_call_inside_an_f_string() -> None:
    assert calls_in_f_strings(list(sources())) == [], (
        "lupdate does not read inside f-strings; translate first, then format")


def test_tr_is_given_a_literal_string() -> None:
    found = []
    for path, tree in sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and called_name(node) == "tr"
                    and isinstance(node.func, ast.Attribute)):
                continue
            owner = node.func.value
            if not (node.args and literal(node.args[0]) is not None):
                found.append(f"{where(path, node)} {ast.unparse(node)[:60]}: not a literal")
            elif not (isinstance(owner, ast.Name) and owner.id == "self"):
                # lupdate files ``parent.tr("…")`` under a context named « parent », which no
                # object has at run time: the string would never be translated.
                found.append(f"{where(path, node)} {ast.unparse(node)[:60]}: not self.tr")
    assert found == [], "lupdate only extracts literal strings of self.tr()"


def test_every_translated_literal_is_in_the_ts_file() -> None:
    known = ts_sources()
    missing = [f"{where(path, node)} {text!r}" for path, node, text in translated_literals()
               if text not in known]
    assert missing == [], ("strings lupdate did not extract (a helper's argument?) or not yet "
                           f"in the .ts (run scripts/update_translations.sh): {missing[:10]}")


def test_no_french_text_given_straight_to_a_widget() -> None:
    assert text_given_to_widgets(list(sources())) == [], "visible text must go through tr()"


def test_the_checks_see_what_they_look_for() -> None:
    """On a sample: a tr() inside an f-string and French given straight to a widget are found;
    a log message, the product's name and translated text are not."""
    sample = ("def f(self, label):\n"
              "    label.setText(f\"{self.tr('Pourquoi')} : x\")\n"
              "    label.setToolTip('Texte en dur')\n"
              "    label.setWindowTitle(self.tr('Traduit'))\n"
              "    label.setText(f'Accueil TI {version}')\n"
              "    log.warning('the keyring cannot be read')\n"
              "    label.setText(f'<b>{_tr(help.title)}</b>')\n")
    trees = [(UI / "sample.py", ast.parse(sample))]
    assert calls_in_f_strings(trees) == ["app/ui/sample.py:2 self.tr('Pourquoi')"]
    assert text_given_to_widgets(trees) == ["app/ui/sample.py:3 'Texte en dur'"]


def test_french_wording_has_real_plurals_and_apostrophes() -> None:
    """« aide(s) » is not French an agent should read: a count takes Qt's plural forms; and an
    apostrophe in French text is the typographic one (« l’agent », not « l'agent »)."""
    found = [f"{where(path, node)} {text!r}" for path, node, text in translated_literals()
             if "(s)" in text or re.search(r"[^\W\d_]'[^\W\d_]", text)]
    assert found == []
