"""What the release leaves out of PyInstaller's collection (used by accueil-ti.spec; tested in
tests/installer). A TOC entry is ``(name in the bundle, source path, type code)``."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

TocEntry = tuple[str, str, str]

# Qt modules and plugins that the PySide6 hooks bring along but the app never loads: Qt Quick and
# QML (pulled by the virtual keyboard input plugin), embedded-device platforms (eglfs, linuxfb,
# vnc, evdev input), the GTK platform theme (it drags in GTK 3 and its libraries; Qt's own
# dialogs are used instead), network information and TLS plugins (the app talks HTTP through
# httpx), image formats other than ICO and SVG (PNG is built into QtGui). Qt's own translations
# are kept for French and English only.
QT_DROPPED = re.compile(
    r"Qt6(Quick|Qml|QmlModels|QmlMeta|QmlWorkerScript|VirtualKeyboard|VirtualKeyboardQml"
    r"|EglFSDeviceIntegration|EglFsKmsSupport)\b"
    r"|plugins/(egldeviceintegrations|generic|networkinformation|tls)/"
    r"|plugins/platforminputcontexts/.*virtualkeyboard"
    r"|plugins/platforms/.*(eglfs|linuxfb|minimalegl|vkkhrdisplay|vnc)"
    r"|plugins/platformthemes/.*gtk3"
    r"|plugins/imageformats/(?!.*(ico|svg))"
    r"|Qt/translations/(?!.*_(fr|en)\.qm$)",
    re.IGNORECASE,
)

# python-stdnum's lookup tables (MAC vendors, IMSI operators, Chinese birth places, ISBN
# ranges…, 2.3 MB): the app checks SIRET and NIR keys only (app/forms/identity.py), which are
# computed and read no table.
STDNUM_TABLES = re.compile(r"^stdnum[/\\].*\.dat$")

# Linux: the desktop's own libraries (X11 and xcb, fontconfig and FreeType, GLib, D-Bus, systemd,
# CUPS and the TLS/Kerberos stack it links, libgcrypt) come from the workstation, as they do for
# a PySide6 installed with pip: a copy from the build machine can clash with the host's versions
# (the AppImage project's exclude list makes the same choice). Python's own libraries (OpenSSL,
# SQLite, libffi, zlib, lzma, bz2, readline, libstdc++) stay in the bundle.
HOST_LIBRARIES = re.compile(
    r"^lib(X11|X11-xcb|Xau|Xdmcp|xcb(-[a-z0-9-]+)?|xkbcommon(-x11)?|fontconfig|freetype|png16"
    r"|brotli(common|dec)|glib-2\.0|gthread-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|pcre2-8"
    r"|dbus-1|systemd|cap|lz4|zstd|gcrypt|gpg-error|cups|avahi-(client|common)|gnutls|p11-kit"
    r"|unistring|idn2|tasn1|nettle|hogweed|gmp|krb5|krb5support|k5crypto|gssapi_krb5|com_err"
    r"|keyutils|bsd|md|EGL|GL|GLX|GLdispatch|OpenGL)\.so(\.\d+)*$")
SYSTEM_DIRS = ("/usr/lib", "/lib", "/usr/lib64", "/lib64")


def is_dropped(name: str) -> bool:
    """True for a Qt part or a data table the app does not use (``name``: the path inside the
    bundle)."""
    return (QT_DROPPED.search(name.replace("\\", "/")) is not None
            or STDNUM_TABLES.match(name) is not None)


def is_host_library(name: str, source: str) -> bool:
    """True for a desktop library that the build machine provided and the workstation will."""
    return (HOST_LIBRARIES.match(Path(name).name) is not None
            and source.startswith(SYSTEM_DIRS))


def _is_shared_library(entry: TocEntry) -> bool:
    name = Path(entry[0]).name
    return (entry[2] == "BINARY" and name.startswith("lib") and ".so" in name
            and "/plugins/" not in entry[0].replace("\\", "/") and not name.startswith("libpython"))


def trimmed(toc: Iterable[TocEntry],
            get_imports: Callable[[str], Iterable[tuple[str, str | None]]] | None = None,
            platform: str = sys.platform) -> list[TocEntry]:
    """``toc`` without Qt's unused parts and, on Linux, without the host's desktop libraries and
    the libraries that only dropped parts needed (what is left is walked, through each file's
    link-time imports, from the extension modules, plugins and executables kept)."""
    kept = [entry for entry in toc if not is_dropped(entry[0])]
    if not platform.startswith("linux"):
        return kept
    kept = [entry for entry in kept if not is_host_library(entry[0], entry[1])]
    if get_imports is None:
        from PyInstaller.depend.bindepend import get_imports as pyinstaller_imports

        def get_imports(source: str) -> Iterable[tuple[str, str | None]]:
            return pyinstaller_imports(source)  # type: ignore[no-any-return]

    libraries = {Path(e[0]).name: e for e in kept if _is_shared_library(e)}
    needed: set[str] = set()
    queue = [e for e in kept if not _is_shared_library(e) and e[2] != "DATA"]
    while queue:
        entry = queue.pop()
        for name, _path in get_imports(entry[1]):
            base = Path(name).name
            if base in libraries and base not in needed:
                needed.add(base)
                queue.append(libraries[base])
    return [e for e in kept if not _is_shared_library(e) or Path(e[0]).name in needed]
