"""The central store's audit log, read for the audit viewer of an ``admin`` account
(``GET /admin/audit``, newest first, filtered by dossier, agent, action and dates)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

import httpx

AUDIT_PATH = "/admin/audit"
PAGE = 500


class AuditUnavailable(Exception):
    """The log could not be read; ``kind``: ``network``, ``forbidden`` (not an admin account,
    or signed out), ``refused`` (the store refused the filters: ``detail`` says why)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


def audit_params(*, dossier: str = "", agent: str = "", action: str = "",
                 since: date | None = None, until: date | None = None,
                 before: int | None = None, limit: int = PAGE) -> dict[str, str]:
    """The query of ``GET /admin/audit`` for these filters (dates whole days, UTC; ``until``
    included)."""
    params = {"order": "desc", "limit": str(limit)}
    dossier = dossier.strip()
    if dossier:
        try:
            params["dossier_id"] = str(uuid.UUID(dossier))
        except ValueError:
            params["number"] = dossier.upper()
    if agent.strip():
        params["agent"] = agent.strip()
    if action.strip():
        params["action"] = action.strip()
    if since is not None:
        params["since"] = datetime.combine(since, time()).isoformat() + "+00:00"
    if until is not None:
        params["until"] = datetime.combine(until + timedelta(days=1), time()).isoformat() \
            + "+00:00"
    if before is not None:
        params["before"] = str(before)
    return params


def fetch_audit(http: httpx.Client, params: Mapping[str, str], *,
                token: str | None) -> list[dict[str, Any]]:
    """The rows the store returns, newest first; AuditUnavailable else."""
    if not token:
        raise AuditUnavailable("forbidden")
    try:
        response = http.get(AUDIT_PATH, params=dict(params),
                            headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as exc:
        raise AuditUnavailable("network", str(exc)) from None
    if response.status_code in (401, 403):
        raise AuditUnavailable("forbidden")
    if response.status_code != 200:
        try:
            detail = response.json().get("detail")
        except ValueError:
            detail = None
        raise AuditUnavailable("refused", str(detail or response.status_code))
    try:
        entries = response.json()["entries"]
    except (ValueError, KeyError, TypeError):
        raise AuditUnavailable("refused", "unexpected answer") from None
    return [dict(e) for e in entries if isinstance(e, Mapping)]
