"""The reception sites (accueils communs TI) and their settings: the shared vocabulary of the
workstation and the central store.

The shipped file ``resources/sites/sites.toml`` holds what never changes without a new release:
each site's code (a contract: it is in every dossier number), name, kind, postal code, commune
and département. What a site prints for its readers — its postal address, phone, e-mail and
opening hours — is a *site setting*: recorded on the central store by an administrator
(``accueil-ti admin site set`` or the window's « Paramètres des sites… »), versioned, synced to
the workstations (``site-settings.json`` beside the local store). Until a site's settings are
recorded (version ≥ 1, « confirmed »), documents print its name and city only: no address
entered from memory.

Pure Python (no SQLAlchemy, no Qt): the central store reads the valid site codes here.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SITES_FILE = Path(__file__).resolve().parent.parent.parent / "resources" / "sites" / "sites.toml"
# The settings the last sync round read from the central store, beside the local store.
SETTINGS_FILE = "site-settings.json"
SITE_KINDS = ("accueil", "telephone")
SETTINGS_FIELDS = ("address", "postal_code", "commune", "phone", "email", "hours")
MAX_ADDRESS_LINES = 4
MAX_LINE = 80
MAX_EMAIL = 254
MAX_HOURS = 200

_CODE_RE = re.compile(r"^[A-Z]{3}$")
_POSTAL_RE = re.compile(r"^\d{5}$")
_DEPARTEMENT_RE = re.compile(r"^(\d{2}|2A|2B|\d{3})$")
_PHONE_SEPARATORS = re.compile(r"[ .\-\u00a0\u202f]")
_PHONE_NATIONAL = re.compile(r"^0[1-9]\d{8}$")
_PHONE_INTERNATIONAL = re.compile(r"^\+33[1-9]\d{8}$")
_PHONE_SHORT = re.compile(r"^[1-9]\d{3}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")

PHONE_EXPECTED = ("a French number of 10 digits, spaces allowed (02 99 00 00 00), a 4-digit "
                  "short number (3698), +33 followed by 9 digits, or empty")


class SitesFileError(ValueError):
    """The sites resource file is malformed; the message names the entry and the field."""


@dataclass(frozen=True, slots=True)
class Site:
    """One reception site or the phone platform, with its settings once recorded.

    ``address``, ``phone``, ``email`` and ``hours`` come from the central store's site settings
    (``version`` ≥ 1, recorded at ``confirmed_at``); the address is printed only when
    :attr:`confirmed`.
    """

    code: str
    name: str
    kind: str
    address: tuple[str, ...] = ()
    postal_code: str = ""
    commune: str = ""
    departement: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""
    version: int = 0
    confirmed_at: str | None = None

    @property
    def confirmed(self) -> bool:
        """Whether an administrator recorded this site's settings on the central store."""
        return self.version > 0


# ---------------------------------------------------------------------- the shipped file


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SitesFileError(f"{where}: '{key}' must be a non-empty string")
    return value


def _parse_site(entry: Mapping[str, Any], where: str) -> Site:
    code = _text(entry, "code", where)
    if not _CODE_RE.match(code):
        raise SitesFileError(f"{where}: code {code!r} must be 3 uppercase letters")
    kind = _text(entry, "kind", where)
    if kind not in SITE_KINDS:
        raise SitesFileError(f"{where}: kind {kind!r} must be one of {', '.join(SITE_KINDS)}")
    address = entry.get("address", [])
    if not isinstance(address, list) or not all(
            isinstance(line, str) and line.strip() for line in address):
        raise SitesFileError(f"{where}: 'address' must be a list of non-empty strings")
    postal_code = _text(entry, "postal_code", where)
    if not _POSTAL_RE.match(postal_code):
        raise SitesFileError(f"{where}: postal_code {postal_code!r} must be 5 digits")
    departement = _text(entry, "departement", where)
    if not _DEPARTEMENT_RE.match(departement):
        raise SitesFileError(f"{where}: departement {departement!r} is not a département code")
    return Site(code=code, name=_text(entry, "name", where), kind=kind, address=tuple(address),
                postal_code=postal_code, commune=_text(entry, "commune", where),
                departement=departement)


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
    """The shipped sites (or those of the file at ``path``), validated, keyed by code."""
    return parse_sites((path or SITES_FILE).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------- settings


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _line(raw: Mapping[str, Any], field: str, limit: int, *, required: bool) -> str:
    value = raw.get(field, "")
    if value is None:
        value = ""
    expected = (f"{'1' if required else '0'} to {limit} characters on one line")
    if not isinstance(value, str):
        raise ValueError(f"{field}: {_shown(value)} is not allowed; expected text of {expected}")
    value = " ".join(value.split()) if not any(c in value for c in "\n\r") else value.strip()
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
        raise ValueError(f"{field}: a line break or control character is not allowed; "
                         f"expected {expected}")
    if required and not value:
        raise ValueError(f"{field}: required; expected {expected}")
    if len(value) > limit:
        raise ValueError(f"{field}: {len(value)} characters is too long; expected {expected}")
    return value


def _address(raw: Mapping[str, Any]) -> list[str]:
    value = raw.get("address")
    expected = (f"expected 1 to {MAX_ADDRESS_LINES} non-empty lines of at most {MAX_LINE} "
                "characters (without the postal code and commune)")
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"address: {_shown(value)} is not allowed; {expected}")
    lines = [" ".join(line.split()) for line in value]
    lines = [line for line in lines if line]
    if not 1 <= len(lines) <= MAX_ADDRESS_LINES:
        raise ValueError(f"address: {len(lines)} lines is not allowed; {expected}")
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise ValueError(f"address: line {number} has {len(line)} characters; {expected}")
        if any(unicodedata.category(c) in ("Cc", "Cs") for c in line):
            raise ValueError(f"address: line {number} holds a control character; {expected}")
    return lines


def normalise_phone(value: str) -> str:
    """``0299000000`` → ``02 99 00 00 00``, ``+33299000000`` → ``+33 2 99 00 00 00``, a short
    number as is, ``""`` for none; ValueError naming the field otherwise."""
    digits = _PHONE_SEPARATORS.sub("", value)
    if not digits:
        return ""
    if _PHONE_NATIONAL.match(digits):
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    if _PHONE_INTERNATIONAL.match(digits):
        rest = digits[3:]
        return "+33 " + rest[0] + " " + " ".join(rest[i:i + 2] for i in range(1, 9, 2))
    if _PHONE_SHORT.match(digits):
        return digits
    raise ValueError(f"phone: {_shown(value)} is not allowed; expected {PHONE_EXPECTED}")


def validate_site_settings(raw: Any) -> dict[str, Any]:
    """The settings of one site, checked and tidied (spaces collapsed, the phone number
    written in pairs): ``address`` (list of 1 to 4 lines), ``postal_code`` (5 digits),
    ``commune``, ``phone``, ``email`` and ``hours`` (each may be empty).

    ValueError naming the field and what is allowed, for an unknown field too."""
    if not isinstance(raw, Mapping):
        raise ValueError(f"settings: {_shown(raw)} is not allowed; expected an object with "
                         + ", ".join(SETTINGS_FIELDS))
    unknown = sorted(str(key) for key in raw if key not in SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown field; expected only "
                         + ", ".join(SETTINGS_FIELDS))
    address = _address(raw)
    postal_code = _line(raw, "postal_code", 5, required=True)
    if not _POSTAL_RE.match(postal_code):
        raise ValueError(f"postal_code: {_shown(postal_code)} is not allowed; expected 5 digits")
    commune = _line(raw, "commune", MAX_LINE, required=True)
    phone = normalise_phone(_line(raw, "phone", 30, required=False))
    email = _line(raw, "email", MAX_EMAIL, required=False)
    if email and not _EMAIL_RE.match(email):
        raise ValueError(f"email: {_shown(email)} is not allowed; expected an address such as "
                         "accueil.ti@example.fr, or empty")
    hours = _line(raw, "hours", MAX_HOURS, required=False)
    return {"address": address, "postal_code": postal_code, "commune": commune,
            "phone": phone, "email": email, "hours": hours}


def current_settings(site: Site) -> dict[str, Any]:
    """What ``site`` holds now, in the shape :func:`validate_site_settings` takes: the base a
    change of some fields is applied to."""
    return {"address": list(site.address), "postal_code": site.postal_code,
            "commune": site.commune, "phone": site.phone, "email": site.email,
            "hours": site.hours}


def apply_settings(site: Site, settings: Mapping[str, Any]) -> Site:
    """``site`` with the published ``settings`` of the central store: the fields of
    :data:`SETTINGS_FIELDS` (checked), ``version`` (≥ 1) and ``updated_at``. ValueError when
    they are not valid."""
    version = settings.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"version: {_shown(version)} is not allowed; expected an integer ≥ 1")
    updated_at = settings.get("updated_at")
    if updated_at is not None and not isinstance(updated_at, str):
        raise ValueError(f"updated_at: {_shown(updated_at)} is not allowed; expected a date")
    checked = validate_site_settings({k: settings.get(k) for k in SETTINGS_FIELDS})
    return dataclasses.replace(site, address=tuple(checked["address"]),
                               postal_code=checked["postal_code"], commune=checked["commune"],
                               phone=checked["phone"], email=checked["email"],
                               hours=checked["hours"], version=version,
                               confirmed_at=updated_at)


def merge_published(sites: Mapping[str, Site], published: Any) -> dict[str, Site]:
    """The ``sites`` with the settings the central store published (``GET /sites``: an object
    with a ``sites`` list). Entries that are not valid, of an unknown site or not confirmed
    are left out: the site keeps what it had. Never raises."""
    merged = dict(sites)
    entries: Iterable[Any] = ()
    if isinstance(published, Mapping) and isinstance(published.get("sites"), list):
        entries = published["sites"]
    for entry in entries:
        code = entry.get("code") if isinstance(entry, Mapping) else None
        if not isinstance(code, str) or code not in merged:
            continue
        if not entry.get("version"):
            continue  # not recorded yet: nothing to print from it
        try:
            merged[code] = apply_settings(merged[code], entry)
        except ValueError:
            continue
    return merged
