"""The reception sites of the workstation: the shipped ones (``resources/sites/sites.toml``,
read by :mod:`app.forms.sites`) with the site settings the last sync round brought from the
central store (``site-settings.json`` in the data folder)."""

from __future__ import annotations

import json
from pathlib import Path

from app.forms.sites import (
    SETTINGS_FILE,
    SITE_KINDS,
    SITES_FILE,
    Site,
    SitesFileError,
    merge_published,
    parse_sites,
)
from app.forms.sites import load_sites as load_shipped_sites

__all__ = ["SETTINGS_FILE", "SITE_KINDS", "SITES_FILE", "Site", "SitesFileError", "load_sites",
           "parse_sites", "synced_settings"]


def synced_settings(data_dir: Path) -> object:
    """The central store's ``GET /sites`` answer kept by the last sync round in ``data_dir``;
    None when there is none or it cannot be read."""
    try:
        saved = json.loads((Path(data_dir) / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return saved.get("published") if isinstance(saved, dict) else None


def load_sites(path: Path | None = None, *, data_dir: Path | None = None) -> dict[str, Site]:
    """The shipped sites (or those of the file at ``path``), validated, keyed by code; with
    ``data_dir``, each one with the settings synced there (an unreadable file or an invalid
    entry is ignored: the site prints its name and city)."""
    sites = load_shipped_sites(path)
    if data_dir is None:
        return sites
    return merge_published(sites, synced_settings(data_dir))
