"""The HTTP client every exchange with the central store goes through (window and command line).

Callers look it up at call time (``http.make_http_client(server)``) so tests can replace it in
this one place.
"""

from __future__ import annotations

import httpx


def make_http_client(server: str) -> httpx.Client:
    """The HTTP client of a round or an exchange with ``server``."""
    return httpx.Client(base_url=server, timeout=httpx.Timeout(30.0, connect=10.0))
