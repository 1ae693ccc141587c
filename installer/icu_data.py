"""A smaller ICU data library for the Linux build (used by accueil-ti.spec; tested in
tests/installer).

PySide6's Linux wheels link QtCore to ICU, whose data library (``libicudata.so.NN``) holds every
locale of the world: 31 MB, a sixth of the build. Qt uses ICU for collation, text codecs and
case mapping; the app's locales are French and English. This keeps, with ICU's own tools
(``icupkg`` to remove items, ``genccode`` to turn the package back into code):

- every item that is not tied to a language (root data, Unicode properties, normalisation,
  break rules and their dictionaries, time zones, supplemental data, ``res_index``);
- the resources of ``root``, ``fr*`` and ``en*`` in each tree (collation, currencies, units…);
- the table-based text converters under 60 KB (Western and Cyrillic code pages); the large East
  Asian and EBCDIC tables, and the transliterators, are removed — and with them whatever
  converter or collation alias depends on a removed item.

The result is linked into a library with the same soname and entry symbol, so QtCore loads it
unchanged. Tools: ``icupkg`` and ``genccode`` (Debian package icu-devtools), ``readelf``, ``gcc``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

KEPT_LANGUAGES = ("en", "fr")
MAX_CONVERTER_BYTES = 60 * 1024
LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")
NOT_LOCALES = {"res_index"}
_DEPENDS = re.compile(r"Item (\S+) depends on missing item (\S+)")


class IcuDataError(Exception):
    """The ICU data could not be trimmed; the message says why."""


def is_removed(item: str, size: int) -> bool:
    """Whether the package item ``item`` (e.g. ``coll/de.res``) of ``size`` bytes is left out."""
    folder, _, base = item.rpartition("/")
    stem, _, extension = base.rpartition(".")
    if folder == "translit":
        return True
    if extension == "res" and LOCALE.match(stem) and stem not in NOT_LOCALES:
        return stem.split("_")[0] not in KEPT_LANGUAGES
    return extension == "cnv" and size >= MAX_CONVERTER_BYTES


def _run(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def _require_tools() -> None:
    missing = [tool for tool in ("icupkg", "genccode", "readelf", "gcc") if not shutil.which(tool)]
    if missing:
        raise IcuDataError(f"{', '.join(missing)} not found (Debian packages icu-devtools, "
                           "binutils and gcc; scripts/bootstrap.sh installs them)")


def extract_package(library: Path, target: Path) -> tuple[str, Path]:
    """Copies the data package out of ``library``: returns (entry symbol, .dat path)."""
    symbols = _run("readelf", "-s", "--wide", str(library)).stdout
    match = re.search(r":\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+"
                      r"(icudt\d+_dat)\b", symbols)
    if match is None:
        raise IcuDataError(f"{library.name}: no icudtNN_dat symbol")
    value, size, section, symbol = (int(match.group(1), 16), int(match.group(2), 0),
                                    int(match.group(3)), match.group(4))
    sections = _run("readelf", "-S", "--wide", str(library)).stdout
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if row is None:
        raise IcuDataError(f"{library.name}: section {section} not found")
    offset = value - int(row.group(1), 16) + int(row.group(2), 16)
    with library.open("rb") as handle:
        handle.seek(offset)
        data = handle.read(size)
    package = symbol.removesuffix("_dat") + "l"  # little-endian package name, e.g. icudt73l
    path = target / f"{package}.dat"
    path.write_bytes(data)
    return symbol.removesuffix("_dat"), path


def removal_list(items: Iterable[tuple[str, int]]) -> set[str]:
    return {item for item, size in items if is_removed(item, size)}


def trim_library(library: Path, work: Path) -> Path:
    """Builds the trimmed copy of ``library`` in ``work``; returns its path."""
    _require_tools()
    if work.exists():
        shutil.rmtree(work)
    (work / "items").mkdir(parents=True)
    entry, package = extract_package(library, work)
    listing = _run("icupkg", "-l", str(package))
    if listing.returncode != 0:
        raise IcuDataError(f"icupkg cannot read the data of {library.name}: {listing.stderr}")
    names = listing.stdout.split()
    (work / "all.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    extracted = _run("icupkg", "-x", str(work / "all.txt"), "-d", str(work / "items"),
                     str(package))
    if extracted.returncode != 0:
        raise IcuDataError(f"icupkg -x: {extracted.stderr.strip()}")
    removed = removal_list((name, (work / "items" / name).stat().st_size) for name in names)
    output = work / "out" / package.name
    output.parent.mkdir()
    for _ in range(10):  # items that depend on a removed item go too, or it stays
        (work / "removed.txt").write_text("\n".join(sorted(removed)) + "\n", encoding="utf-8")
        output.unlink(missing_ok=True)
        done = _run("icupkg", "-r", str(work / "removed.txt"), str(package), str(output))
        missing = _DEPENDS.findall(done.stdout + done.stderr)
        if done.returncode == 0 and not missing:
            break
        if not missing:
            raise IcuDataError(f"icupkg -r: {(done.stdout + done.stderr).strip()[-500:]}")
        for dependent, needed in missing:
            if dependent.endswith(".cnv") or dependent.startswith("coll/"):
                removed.add(dependent)
            else:
                removed.discard(needed)
    else:
        raise IcuDataError("icupkg -r: the dependencies between items did not settle")
    generated = _run("genccode", "-a", "gcc", "-e", entry, "-d", str(output.parent), str(output))
    if generated.returncode != 0:
        raise IcuDataError(f"genccode: {generated.stderr.strip()}")
    assembly = next(output.parent.glob("*.S"))
    trimmed = work / library.name
    linked = _run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o",
                  str(trimmed), str(assembly))
    if linked.returncode != 0:
        raise IcuDataError(f"gcc: {linked.stderr.strip()}")
    return trimmed
