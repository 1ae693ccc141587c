"""The reception sites (accueils communs TI) shipped in ``resources/sites/sites.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.paths import RESOURCES

SITES_FILE = RESOURCES / "sites" / "sites.toml"
SITE_KINDS = ("accueil", "telephone")
_CODE_RE = re.compile(r"^[A-Z]{3}$")
_POSTAL_RE = re.compile(r"^\d{5}$")
_DEPARTEMENT_RE = re.compile(r"^(\d{2}|2A|2B|\d{3})$")


class SitesFileError(ValueError):
    """The sites resource file is malformed; the message names the entry and the field."""


@dataclass(frozen=True, slots=True)
class Site:
    """One reception site or the phone platform."""

    code: str
    name: str
    kind: str
    address: tuple[str, ...]
    postal_code: str
    commune: str
    departement: str


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SitesFileError(f"{where}: '{key}' must be a non-empty string")
    return value


def _parse_site(entry: dict[str, Any], where: str) -> Site:
    code = _text(entry, "code", where)
    if not _CODE_RE.match(code):
        raise SitesFileError(f"{where}: code {code!r} must be 3 uppercase letters")
    kind = _text(entry, "kind", where)
    if kind not in SITE_KINDS:
        raise SitesFileError(f"{where}: kind {kind!r} must be one of {', '.join(SITE_KINDS)}")
    address = entry.get("address")
    if (
        not isinstance(address, list)
        or not address
        or not all(isinstance(line, str) and line.strip() for line in address)
    ):
        raise SitesFileError(f"{where}: 'address' must be a non-empty list of strings")
    postal_code = _text(entry, "postal_code", where)
    if not _POSTAL_RE.match(postal_code):
        raise SitesFileError(f"{where}: postal_code {postal_code!r} must be 5 digits")
    departement = _text(entry, "departement", where)
    if not _DEPARTEMENT_RE.match(departement):
        raise SitesFileError(f"{where}: departement {departement!r} is not a département code")
    return Site(
        code=code,
        name=_text(entry, "name", where),
        kind=kind,
        address=tuple(address),
        postal_code=postal_code,
        commune=_text(entry, "commune", where),
        departement=departement,
    )


def parse_sites(text: str) -> dict[str, Site]:
    """Parse and validate the TOML text of a sites file; keys are site codes, in file order."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SitesFileError(f"sites file is not valid TOML: {exc}") from exc
    entries = data.get("site")
    if not isinstance(entries, list) or not entries:
        raise SitesFileError("sites file must contain at least one [[site]] table")
    sites: dict[str, Site] = {}
    for index, entry in enumerate(entries, start=1):
        where = f"site #{index}"
        if not isinstance(entry, dict):
            raise SitesFileError(f"{where}: must be a table")
        site = _parse_site(entry, where)
        if site.code in sites:
            raise SitesFileError(f"{where}: duplicate code {site.code!r}")
        sites[site.code] = site
    return sites


def load_sites(path: Path | None = None) -> dict[str, Site]:
    """Load the shipped sites (or the file at ``path``), validated, keyed by code."""
    return parse_sites((path or SITES_FILE).read_text(encoding="utf-8"))
