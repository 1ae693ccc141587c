"""The central store's site settings: each reception site's postal address, phone, e-mail and
opening hours, recorded by an administrator, versioned, read by every workstation at each sync
round (``GET /sites``) and printed on its documents.

The valid sites are the shipped ones (``resources/sites/sites.toml``, through app.forms.sites).
A change records a new version: the current one in ``site_settings``, every one whole in the
append-only ``site_settings_history``, and an audit row (``site_settings_set``) naming the
fields that changed. Fields a change leaves out keep their current value (for a site without
settings yet: its shipped postal code and commune, nothing else).

The HTTP routes are ``GET /sites`` (app.server.routes.figures) and ``PUT /admin/sites/{code}``
(app.server.routes.admin).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.forms.sites import (
    SETTINGS_FIELDS,
    Site,
    current_settings,
    load_sites,
    validate_site_settings,
)
from app.server.models import SiteSettings, SiteSettingsVersion
from app.server.services.common import audit

AUDIT_ACTION = "site_settings_set"


class UnknownSiteError(LookupError):
    """No shipped site has that code; the message names the allowed codes."""


@cache
def shipped_sites() -> dict[str, Site]:
    """The shipped sites, keyed by code (read once)."""
    return load_sites()


def _site(code: str) -> Site:
    sites = shipped_sites()
    if code not in sites:
        raise UnknownSiteError(f"site: {code!r} is not a known site; expected one of "
                               + ", ".join(sites))
    return sites[code]


def _address(text: str) -> list[str]:
    try:
        lines = json.loads(text)
    except ValueError:
        return []
    return [str(line) for line in lines] if isinstance(lines, list) else []


def _settings(row: SiteSettings | SiteSettingsVersion) -> dict[str, Any]:
    return {"address": _address(row.address), "postal_code": row.postal_code,
            "commune": row.commune, "phone": row.phone, "email": row.email, "hours": row.hours}


def described(site: Site, row: SiteSettings | SiteSettingsVersion | None, *,
              with_author: bool = False) -> dict[str, Any]:
    """One site as ``GET /sites`` answers it: code, name, kind, version (0: no settings yet,
    documents print its name and city), confirmed, the settings and when they were recorded
    (``updated_by`` too for administrators)."""
    out: dict[str, Any] = {"code": site.code, "name": site.name, "kind": site.kind,
                           "version": row.version if row else 0, "confirmed": row is not None}
    out.update(_settings(row) if row else current_settings(site))
    out["updated_at"] = row.updated_at.isoformat() if row else None
    if with_author:
        out["updated_by"] = row.updated_by if row else None
    return out


def published(session: Session, *, with_author: bool = False) -> list[dict[str, Any]]:
    """Every shipped site with its current settings, in the shipped order."""
    rows = {row.code: row for row in session.scalars(select(SiteSettings))}
    return [described(site, rows.get(code), with_author=with_author)
            for code, site in shipped_sites().items()]


def history(session: Session, code: str) -> list[dict[str, Any]]:
    """Every recorded version of the site ``code``, oldest first; UnknownSiteError."""
    site = _site(code)
    rows = session.scalars(select(SiteSettingsVersion).where(SiteSettingsVersion.code == code)
                           .order_by(SiteSettingsVersion.version))
    return [described(site, row, with_author=True) for row in rows]


def record(session: Session, code: str, changes: Mapping[str, Any], by: str,
           now: datetime) -> tuple[dict[str, Any], bool]:
    """Record the settings of site ``code``: ``changes`` over its current ones, checked, as
    a new version (with its audit row), in the caller's transaction, not committed. Returns
    the site as published and whether a version was written (not when nothing changed).

    UnknownSiteError for an unknown code, ValueError naming the field for a bad value."""
    site = _site(code)
    if not isinstance(changes, Mapping):
        raise ValueError("settings: expected an object with some of "
                         + ", ".join(SETTINGS_FIELDS))
    unknown = sorted(str(key) for key in changes if key not in SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown field; expected only "
                         + ", ".join(SETTINGS_FIELDS))
    for attempt in range(2):
        row = session.get(SiteSettings, code, with_for_update=True, populate_existing=True)
        before = _settings(row) if row else current_settings(site)
        settings = validate_site_settings({**before, **changes})
        if row is not None and settings == before:
            return described(site, row, with_author=True), False
        version = row.version + 1 if row else 1
        stored = {**settings, "address": json.dumps(settings["address"], ensure_ascii=False),
                  "updated_at": now, "updated_by": by}
        try:
            with session.begin_nested():
                session.add(SiteSettingsVersion(code=code, version=version, **stored))
                if row is None:
                    row = SiteSettings(code=code, version=version, **stored)
                    session.add(row)
                else:
                    row.version = version
                    for key, value in stored.items():
                        setattr(row, key, value)
                session.flush()
        except IntegrityError:
            if attempt:
                raise
            continue  # another administrator recorded a version at the same moment
        changed = [f for f in SETTINGS_FIELDS if settings[f] != before[f]] if version > 1 \
            else [f for f in SETTINGS_FIELDS if settings[f]]
        audit(session, by, AUDIT_ACTION, None, now,
              f"{code} version {version}: {', '.join(changed) or 'confirmed'}")
        return described(site, row, with_author=True), True
    raise AssertionError("unreachable")


# ---------------------------------------------------------------------- without HTTP (CLI)


def list_sites(engine: Engine) -> list[dict[str, Any]]:
    """Every site with its current settings (``accueil-ti admin site list``)."""
    with Session(engine) as session:
        return published(session, with_author=True)


def show_site(engine: Engine, code: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The site ``code`` as published and its versions, oldest first; UnknownSiteError."""
    with Session(engine) as session:
        versions = history(session, code)
        current = next(s for s in published(session, with_author=True) if s["code"] == code)
        return current, versions


def set_site(engine: Engine, code: str, changes: Mapping[str, Any], by: str,
             now: datetime | None = None) -> tuple[dict[str, Any], bool]:
    """Record a new version of the settings of ``code`` (see :func:`record`); committed."""
    if not by or len(by) > 120 or by.strip() != by or "\x00" in by:
        raise ValueError("by: expected the login of the administrator recording the change "
                         "(1 to 120 characters without surrounding spaces)")
    with Session(engine) as session, session.begin():
        return record(session, code, changes, by, now or datetime.now(UTC))
