"""Who accessed a dossier on the central store, and when: read for the « Relevé de vos données ».

One request, no retries: the statement is printed at the counter while the person waits, and it
says honestly when the central store could not be reached (``None``) rather than make them wait.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

ACCESSES_PATH = "/dossiers/{dossier_id}/accesses"


def fetch_accesses(http: httpx.Client, dossier_id: str, *, token: str,
                   workstation: str = "") -> list[dict[str, Any]] | None:
    """The rows (``at``, ``agent``, ``action``, ``organisme``…) the central store recorded for
    this dossier, oldest first; ``None`` when it cannot be reached, refuses the token, or does
    not offer the list (an older store)."""
    headers = {"Authorization": f"Bearer {token}"}
    if workstation:
        headers["X-Workstation"] = workstation
    try:
        response = http.get(ACCESSES_PATH.format(dossier_id=quote(dossier_id, safe="")),
                            headers=headers)
    except httpx.HTTPError:
        return None
    if response.status_code != 200:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    rows = body.get("accesses", body.get("rows")) if isinstance(body, Mapping) else body
    if not isinstance(rows, list):
        return None
    return [dict(row) for row in rows if isinstance(row, Mapping)]
