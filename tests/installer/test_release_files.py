"""The release's own files: the smoke test's output checks, what the build leaves out, the ICU
data trimming, the Linux menu entry and installer, the Windows installer script.

The build itself and its smoke test run in `make test` after pytest (installer/build.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from installer import build, icu_data, trim

ROOT = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------- the smoke checks


def test_smoke_output_must_be_exactly_the_ready_line() -> None:
    assert build.parse_smoke("ready in 912 ms\n", "") == 912
    detail = "accueil-ti: since process start; 281 ms in run_gui; 30 rows shown\n"
    assert build.parse_smoke("ready in 5 ms\n", detail) == 5
    assert build.parse_smoke("ready in 5 ms\n",
                             "This plugin does not support propagateSizeHints()\n") == 5
    for stdout in ("", "ready in ms\n", "ready in 5 ms\nready in 6 ms\n", "Ready in 5 ms\n",
                   "debug\nready in 5 ms\n"):
        with pytest.raises(build.ReleaseError, match="expected exactly"):
            build.parse_smoke(stdout, "")
    with pytest.raises(build.ReleaseError, match="unexpected messages: Traceback"):
        build.parse_smoke("ready in 5 ms\n", detail + "Traceback (most recent call last):\n")
    with pytest.raises(build.ReleaseError, match="QFont"):
        build.parse_smoke("ready in 5 ms\n", "QFont::setPointSize: Point size <= 0\n")


def test_the_release_script_reads_the_one_version_number() -> None:
    assert build.read_version() == __version__


def test_the_windows_version_resource_is_what_pyinstaller_reads() -> None:
    # PyInstaller evaluates this file with its version-info classes (pefile, Windows only): the
    # same evaluation with recording stand-ins checks its structure here.
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    def recorder(name: str) -> object:
        return lambda *args, **kwargs: (name, args, kwargs)

    scope = {name: recorder(name) for name in names}
    text = build.write_windows_version_file("0.6.0").read_text(encoding="utf-8")
    info = eval(text, {"__builtins__": {}}, scope)  # noqa: S307 — our own generated file
    assert info[0] == "VSVersionInfo"
    assert info[2]["ffi"] == ("FixedFileInfo", (), {"filevers": (0, 6, 0, 0),
                                                    "prodvers": (0, 6, 0, 0)})
    strings = info[2]["kids"][0][1][0][0][1][1]
    assert ("StringStruct", ("ProductVersion", "0.6.0"), {}) in strings


# ------------------------------------------------------------------------------- what is left out


@pytest.mark.parametrize("name", [
    "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6PdfWidgets.so.6", "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/imageformats/libqico.so", "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/translations/qtbase_fr.qm", "PySide6/Qt/translations/qt_en.qm",
    "PySide6\\plugins\\platforms\\qwindows.dll", "PySide6\\Qt6Widgets.dll",
])
def test_the_qt_parts_the_app_uses_are_kept(name: str) -> None:
    assert not trim.is_dropped(name)


@pytest.mark.parametrize("name", [
    "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt6QmlModels.so.6", "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so", "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so", "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6\\Qt6Quick.dll", "PySide6\\plugins\\imageformats\\qjpeg.dll",
])
def test_the_qt_parts_the_app_never_loads_are_left_out(name: str) -> None:
    assert trim.is_dropped(name)


@pytest.mark.parametrize(("name", "dropped"), [
    ("stdnum/oui.dat", True), ("stdnum/cn/loc.dat", True), ("stdnum\\imsi.dat", True),
    ("stdnum/fr/siret.py", False), ("stdnum/fr/nir.py", False), ("stdnum/luhn.py", False),
    ("resources/sites/sites.toml", False),
])
def test_stdnum_lookup_tables_are_left_out_its_checks_kept(name: str, dropped: bool) -> None:
    """The app checks SIRET and NIR keys, which read none of python-stdnum's tables."""
    assert trim.is_dropped(name) is dropped


def test_linux_keeps_python_runtime_libraries_and_leaves_the_desktop_to_the_host() -> None:
    assert trim.is_host_library("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6")
    assert trim.is_host_library("libcups.so.2", "/usr/lib/x86_64-linux-gnu/libcups.so.2")
    assert trim.is_host_library("libglib-2.0.so.0", "/lib/x86_64-linux-gnu/libglib-2.0.so.0")
    assert trim.is_host_library("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0")
    for name in ("libssl.so.3", "libcrypto.so.3", "libsqlite3.so.0", "libffi.so.8",
                 "libstdc++.so.6", "libz.so.1"):
        assert not trim.is_host_library(name, f"/usr/lib/x86_64-linux-gnu/{name}")
    # a wheel's own copy (Pillow's libxcb) is not the host's
    assert not trim.is_host_library("pillow.libs/libxcb-9065bb12.so.1.1.0",
                                    "/venv/site-packages/pillow.libs/libxcb-9065bb12.so.1.1.0")


def test_libraries_only_needed_by_what_was_left_out_go_too() -> None:
    toc = [
        ("PySide6/QtCore.abi3.so", "/w/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/w/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/w/libicuuc.so.73", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/w/libqgtk3.so", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libatk-1.0.so.0", "/usr/lib/libatk-1.0.so.0", "BINARY"),
        ("libX11.so.6", "/usr/lib/libX11.so.6", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("libssl.so.3", "/usr/lib/libssl.so.3", "BINARY"),
        ("resources/fonts/DejaVuSans.ttf", "/r/DejaVuSans.ttf", "DATA"),
    ]
    imports = {
        "/w/QtCore.abi3.so": ["libQt6Core.so.6"],
        "/w/libQt6Core.so.6": ["libicuuc.so.73", "libX11.so.6"],
        "/w/libqgtk3.so": ["libgtk-3.so.0"],
        "/usr/lib/libgtk-3.so.0": ["libatk-1.0.so.0"],
        "/py/libpython3.11.so.1.0": [],
    }
    kept = trim.trimmed(toc, lambda source: [(n, None) for n in imports.get(source, [])],
                        platform="linux")
    names = [entry[0] for entry in kept]
    assert names == ["PySide6/QtCore.abi3.so", "PySide6/Qt/lib/libQt6Core.so.6",
                     "PySide6/Qt/lib/libicuuc.so.73", "libpython3.11.so.1.0",
                     "resources/fonts/DejaVuSans.ttf"]
    # elsewhere only the Qt parts go (Windows and macOS libraries are not walked)
    assert len(trim.trimmed(toc, platform="win32")) == len(toc) - 1


# ----------------------------------------------------------------------------------- ICU data


@pytest.mark.parametrize(("item", "size", "removed"), [
    ("coll/de.res", 1000, True), ("coll/fr.res", 1000, False), ("coll/fr_CA.res", 1000, False),
    ("coll/root.res", 300_000, False), ("coll/ucadata.icu", 500_000, False),
    ("curr/en_GB.res", 1000, False), ("curr/zh_Hant_HK.res", 1000, True),
    ("curr/pool.res", 180_000, False), ("res_index.res", 2000, False),
    ("supplementalData.res", 236_000, False), ("af.res", 5000, True), ("en.res", 5000, False),
    ("translit/root.res", 1_000_000, True), ("brkitr/cjdict.dict", 2_000_000, False),
    ("gb18030.cnv", 228_000, True), ("ibm-5348_P100-1997.cnv", 2000, False),
    ("cnvalias.icu", 40_000, False),
])
def test_icu_data_keeps_french_english_and_what_is_not_a_language(item: str, size: int,
                                                                   removed: bool) -> None:
    assert icu_data.is_removed(item, size) is removed


def _pyside_icu_data() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 build has no ICU data library (not Linux)")
    return found[0]


def test_the_trimmed_icu_library_keeps_its_soname_symbol_and_french(tmp_path: Path) -> None:
    original = _pyside_icu_data()
    trimmed = icu_data.trim_library(original, tmp_path / "icu")
    assert trimmed.stat().st_size < original.stat().st_size / 3
    dynamic = subprocess.run(["readelf", "-d", str(trimmed)], capture_output=True, text=True,
                             check=True).stdout
    assert f"Library soname: [{original.name}]" in dynamic
    entry, package = icu_data.extract_package(trimmed, tmp_path)
    assert entry == "icudt" + original.name.rsplit(".", 1)[1]
    items = set(subprocess.run(["icupkg", "-l", str(package)], capture_output=True, text=True,
                               check=True).stdout.split())
    assert {"coll/fr.res", "coll/root.res", "fr_FR.res", "en_GB.res", "res_index.res",
            "ucadata.icu" if "ucadata.icu" in items else "coll/ucadata.icu"} <= items
    assert not {"coll/de.res", "ja.res", "translit/root.res", "gb18030.cnv"} & items


def test_qt_collates_french_with_the_trimmed_icu_data(tmp_path: Path) -> None:
    original = _pyside_icu_data()
    trimmed = icu_data.trim_library(original, tmp_path / "icu")
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(trimmed, lib / original.name)
    script = ("from PySide6.QtCore import QCollator, QLocale, QStringDecoder\n"
              "c = QCollator(QLocale('fr_FR'))\n"
              "print(sorted(['Zoé', 'élodie', 'Émile', 'eric', 'Andrée', 'œuvre', 'Oscar'],"
              " key=c.sortKey))\n"
              "print(QStringDecoder('windows-1252').isValid())\n")
    env = {"LD_LIBRARY_PATH": str(lib), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, check=True)
    # the trimmed library is the one loaded
    assert done.stdout.splitlines() == [
        "['Andrée', 'élodie', 'Émile', 'eric', 'œuvre', 'Oscar', 'Zoé']", "True"]


# ----------------------------------------------------------------------------------- Linux files

DESKTOP = ROOT / "installer" / "linux" / "accueil-ti.desktop"


def test_the_menu_entry_is_valid_and_in_french_with_english() -> None:
    assert shutil.which("desktop-file-validate"), "desktop-file-utils: scripts/bootstrap.sh"
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    text = DESKTOP.read_text(encoding="utf-8")
    assert "\nName=Accueil TI\n" in text and "\nIcon=accueil-ti\n" in text
    assert "\nGenericName=Accueil des travailleurs indépendants\n" in text
    assert "\nGenericName[en]=" in text and "\nComment[en]=" in text
    assert re.search(r"^Exec=accueil-ti gui$", text, re.MULTILINE)
    # the window says which entry it belongs to (Wayland) and Qt's WM class matches
    assert "\nStartupWMClass=accueil-ti\n" in text


def _fake_release(folder: Path, version: str) -> None:
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / "lib.so").write_text(version, encoding="utf-8")
    exe = folder / "accueil-ti"
    exe.write_text(f"#!/bin/sh\necho 'accueil-ti {version}'\n", encoding="utf-8")
    exe.chmod(0o755)
    for name, source in (("install.sh", "installer/linux/install.sh"),
                         ("accueil-ti.desktop", "installer/linux/accueil-ti.desktop"),
                         ("accueil-ti.png", "resources/icons/accueil-ti.png")):
        shutil.copy(ROOT / source, folder / name)


def _install(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(folder / "install.sh"), *args], capture_output=True,
                          text=True, env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
                          check=False)


def test_install_sh_installs_upgrades_and_uninstalls_for_the_user_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share" / "accueil-ti"
    data.mkdir(parents=True)
    (data / "accueil-ti.db").write_text("les dossiers", encoding="utf-8")
    old, new = tmp_path / "accueil-ti-0.5.0", tmp_path / "accueil-ti-0.6.0"
    _fake_release(old, "0.5.0")
    _fake_release(new, "0.6.0")
    (old / "_internal" / "removed-in-0.6.so").write_text("", encoding="utf-8")

    first = _install(old, home)
    assert first.returncode == 0, first.stderr
    assert "accueil-ti 0.5.0 est installé" in first.stdout
    program = home / ".local" / "opt" / "accueil-ti"
    launcher = home / ".local" / "bin" / "accueil-ti"
    entry = home / ".local" / "share" / "applications" / "accueil-ti.desktop"
    icon = home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "accueil-ti.png"
    assert launcher.resolve() == (program / "accueil-ti").resolve() and icon.exists()
    assert f'Exec="{program}/accueil-ti" gui' in entry.read_text(encoding="utf-8")

    upgrade = _install(new, home)
    assert upgrade.returncode == 0, upgrade.stderr
    run = subprocess.run([str(launcher)], capture_output=True, text=True, check=True)
    assert run.stdout == "accueil-ti 0.6.0\n"
    assert not (program / "_internal" / "removed-in-0.6.so").exists()  # swapped in whole
    assert not list(program.parent.glob("accueil-ti.*"))  # no .new / .old left behind
    assert (data / "accueil-ti.db").read_text(encoding="utf-8") == "les dossiers"

    removed = _install(new, home, "--uninstall")
    assert removed.returncode == 0 and "restent" in removed.stdout
    assert not program.exists() and not launcher.exists() and not entry.exists()
    assert (data / "accueil-ti.db").read_text(encoding="utf-8") == "les dossiers"


def test_install_sh_refuses_to_run_outside_a_release_folder(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-release"
    folder.mkdir()
    shutil.copy(ROOT / "installer" / "linux" / "install.sh", folder / "install.sh")
    done = _install(folder, tmp_path / "home")
    assert done.returncode == 1
    assert "dossier décompressé" in done.stderr
    assert not (tmp_path / "home" / ".local" / "opt").exists()


# --------------------------------------------------------------------------------- Windows file

ISS = ROOT / "installer" / "windows" / "accueil-ti.iss"


def _iss_setting(text: str, key: str) -> str:
    match = re.search(rf"^{key}=(.*)$", text, re.MULTILINE)
    assert match, key
    return match.group(1).strip()


def test_the_inno_setup_script_installs_per_user_in_french_and_english() -> None:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Inno Setup reads the accents"
    text = raw.decode("utf-8-sig")
    assert _iss_setting(text, "PrivilegesRequired") == "lowest"
    assert _iss_setting(text, "DefaultDirName") == r"{autopf}\Accueil TI"
    assert _iss_setting(text, "AppVersion") == "{#AppVersion}"
    assert "{#AppVersion}" in _iss_setting(text, "OutputBaseFilename")
    # a fixed AppId: a newer installer upgrades the installed app in place
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", _iss_setting(text, "AppId"))
    assert _iss_setting(text, "UsePreviousAppDir") == "yes"
    assert _iss_setting(text, "CloseApplications") == "yes"
    languages = re.findall(r'^Name: "(\w+)"; MessagesFile: "compiler:(\S+)"$', text, re.MULTILINE)
    assert languages == [("fr", r"Languages\French.isl"), ("en", "Default.isl")]
    for key in ("LaunchApp", "AppComment", "DataKept"):
        assert re.search(rf"^fr\.{key}=\S", text, re.MULTILINE), key
        assert re.search(rf"^en\.{key}=\S", text, re.MULTILINE), key
    assert r'Name: "{group}\Accueil TI"; Filename: "{app}\AccueilTI.exe"' in text
    # the data dir, settings and keyring entries are never in the installer's hands
    assert "[UninstallDelete]" not in text
    assert re.findall(r"^Type: filesandordirs; Name: \"(.*)\"$", text, re.MULTILINE) == [
        r"{app}\_internal"]


def test_the_windows_build_has_a_windowed_executable_for_the_shortcuts() -> None:
    spec = (ROOT / "installer" / "accueil-ti.spec").read_text(encoding="utf-8")
    assert 'name="AccueilTI"' in spec and "console=False" in spec
    entry = (ROOT / "installer" / "entry_gui.py").read_text(encoding="utf-8")
    assert 'main(["gui", *sys.argv[1:]])' in entry
