"""The statistics of the central store, read from a workstation (issue 17): the window's
« Tableau de bord » asks them through :class:`StatsClient` for ``pilotage`` and ``admin``
accounts. Plain dicts come back, as ``GET /stats/breakdown|times|calls`` answer them; any
failure is a :class:`app.sync.errors.SyncError` with a plain message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from app.sync.errors import SyncError
from app.sync.http import answer_detail


class StatsClient:
    """Reads the statistics with ``http`` (a client on the store's address, e.g.
    app.sync.http.make_http_client) and the agent's bearer ``token``."""

    def __init__(self, http: httpx.Client, token: str) -> None:
        self.http = http
        self.token = token

    def _get(self, path: str, by: Sequence[str], period: str, exact: bool) -> dict[str, Any]:
        params: dict[str, str] = {"by": ",".join(by), "period": period}
        if exact:
            params["exact"] = "1"
        try:
            response = self.http.get(path, params=params,
                                     headers={"Authorization": f"Bearer {self.token}"})
        except httpx.HTTPError as exc:
            raise SyncError(f"the central store cannot be reached ({exc})") from None
        if response.status_code == 401:
            raise SyncError("the store refused the token (expired or revoked); sign in again")
        if response.status_code == 403:
            raise SyncError("this account may not read these figures: "
                            + (answer_detail(response) or "forbidden"))
        if response.status_code == 422:
            raise SyncError(answer_detail(response) or "the store refused the request")
        if response.status_code != 200:
            raise SyncError(f"the store answered {response.status_code}: {answer_detail(response)}")
        try:
            body = response.json()
        except ValueError:
            raise SyncError("the store's answer is not JSON") from None
        if not isinstance(body, dict) or "rows" not in body:
            raise SyncError("the store's answer has no rows")
        return body

    def breakdown(self, by: Sequence[str], period: str, exact: bool = False) -> dict[str, Any]:
        """Distinct dossiers by ``by`` over ``period`` (``GET /stats/breakdown``)."""
        return self._get("/stats/breakdown", by, period, exact)

    def times(self, by: Sequence[str], period: str, exact: bool = False) -> dict[str, Any]:
        """Delays to first contact and to closure (``GET /stats/times``)."""
        return self._get("/stats/times", by, period, exact)

    def calls(self, by: Sequence[str], period: str, exact: bool = False) -> dict[str, Any]:
        """Figures of the call list (``GET /stats/calls``)."""
        return self._get("/stats/calls", by, period, exact)

    def logout(self) -> None:
        """Revoke the token on the store (a token it already refuses counts as revoked)."""
        try:
            response = self.http.post("/auth/logout",
                                      headers={"Authorization": f"Bearer {self.token}"})
        except httpx.HTTPError as exc:
            raise SyncError(f"the central store cannot be reached ({exc})") from None
        if response.status_code not in (200, 204, 401):
            raise SyncError(f"the store answered {response.status_code}: {answer_detail(response)}")
