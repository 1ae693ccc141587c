"""The site settings the central store publishes (each site's postal address, phone, e-mail and
opening hours, ``GET /sites``), kept on the workstation so documents print them while offline;
and the administrator's reading and recording of them (``PUT /admin/sites/{code}``) for the
window's « Paramètres des sites… ».

They are not personal data: a small JSON file beside the local store (``site-settings.json``),
replaced whole (written to a temporary file, then moved) after each sync round that could read
them; app.models.sites merges it into the shipped sites.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

from app.forms.sites import SETTINGS_FILE
from app.sync.figures import keep_published

SITES_PATH = "/sites"


def site_settings_path(data_dir: Path) -> Path:
    return Path(data_dir) / SETTINGS_FILE


def save_site_settings(data_dir: Path, published: Mapping[str, Any], fetched_at: str) -> None:
    """Keep the store's answer to ``GET /sites`` with when it was read."""
    keep_published(site_settings_path(data_dir), published, fetched_at)


class SiteSettingsUnavailable(Exception):
    """The store could not be read or refused; ``kind``: ``network``, ``forbidden`` (not an
    admin account, or signed out), ``invalid`` (a field refused: ``field`` names it,
    ``detail`` says what is allowed), ``refused`` (any other answer)."""

    def __init__(self, kind: str, detail: str = "", field: str | None = None) -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail
        self.field = field


def _detail(response: httpx.Response) -> tuple[str, str | None]:
    try:
        body = response.json()
    except ValueError:
        return str(response.status_code), None
    if not isinstance(body, dict):
        return str(response.status_code), None
    field = body.get("field")
    return str(body.get("detail") or response.status_code), \
        field if isinstance(field, str) else None


def _send(http: httpx.Client, method: str, path: str, token: str | None,
          **kwargs: Any) -> Any:
    if not token:
        raise SiteSettingsUnavailable("forbidden")
    try:
        response = http.request(method, path, headers={"Authorization": f"Bearer {token}"},
                                **kwargs)
    except httpx.HTTPError as exc:
        raise SiteSettingsUnavailable("network", str(exc)) from None
    if response.status_code in (401, 403):
        raise SiteSettingsUnavailable("forbidden")
    if response.status_code != 200:
        detail, field = _detail(response)
        kind = "invalid" if response.status_code == 422 and field else "refused"
        raise SiteSettingsUnavailable(kind, detail, field)
    try:
        return response.json()
    except ValueError:
        raise SiteSettingsUnavailable("refused", "unexpected answer") from None


def fetch_sites(http: httpx.Client, *, token: str | None) -> list[dict[str, Any]]:
    """Every site with its current settings, as the store publishes them."""
    answer = _send(http, "GET", SITES_PATH, token)
    sites = answer.get("sites") if isinstance(answer, dict) else None
    if not isinstance(sites, list):
        raise SiteSettingsUnavailable("refused", "unexpected answer")
    return [dict(s) for s in sites if isinstance(s, Mapping)]


def save_site(http: httpx.Client, code: str, settings: Mapping[str, Any], *,
              token: str | None) -> dict[str, Any]:
    """Record ``settings`` as the site's new version (admin); the site as now published."""
    answer = _send(http, "PUT", f"/admin/sites/{code}", token, json=dict(settings))
    if not isinstance(answer, dict):
        raise SiteSettingsUnavailable("refused", "unexpected answer")
    return answer
