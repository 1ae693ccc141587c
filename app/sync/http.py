"""The HTTP client every exchange with the central store goes through (window and command line).

Callers look it up at call time (``http.make_http_client(server)``) so tests can replace it in
this one place.
"""

from __future__ import annotations

import httpx


def make_http_client(server: str) -> httpx.Client:
    """The HTTP client of a round or an exchange with ``server``."""
    return httpx.Client(base_url=server, timeout=httpx.Timeout(30.0, connect=10.0))


def answer_detail(response: httpx.Response) -> str:
    """The ``detail`` the store gave with a refusal (FastAPI's error body), or the start of a
    body that is not JSON; empty when there is none."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    return str(body.get("detail", "")) if isinstance(body, dict) else ""
