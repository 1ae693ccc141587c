"""HTTP requests to the central store with retries: network failures and a restarting or busy
store (502/503/504) are retried with exponential backoff and jitter — or after the
``Retry-After`` the store asked for (seconds, at most the backoff's ceiling); any other answer is
returned to the caller, which reads it. Shared by the counter's sync client and the partner
client."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

RETRY_STATUSES = frozenset({502, 503, 504})  # a proxy's or a restarting store's answers


class Unreachable(Exception):
    """Every attempt failed on the network or with a retryable status; the last problem."""


@dataclass
class Backoff:
    """How requests are retried: ``retries`` times after the first attempt, sleeping
    ``base * 2**n`` seconds plus up to a quarter more of jitter, at most ``ceiling``."""

    retries: int = 5
    base: float = 0.5
    ceiling: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = field(default=random.random)

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt + 1``."""
        wait = self.base * 2 ** attempt
        return float(min(self.ceiling, wait + wait * 0.25 * self.jitter()))

    def retry_after(self, response: httpx.Response) -> float | None:
        """The wait a retryable answer asks for (``Retry-After`` in seconds, at most
        ``ceiling``), or None when it asks for none (an HTTP date is not honoured either)."""
        value = response.headers.get("Retry-After", "").strip()
        if not value.isdigit() or len(value) > 9:
            return None
        return float(min(self.ceiling, int(value)))

    def send(self, http: httpx.Client, method: str, path: str, *, retry: bool = True,
             **kwargs: Any) -> httpx.Response:
        """The first answer that is neither a network failure nor a retryable status; raises
        Unreachable after the last attempt (only one attempt when ``retry`` is false)."""
        problem = ""
        asked: float | None = None
        for attempt in range(self.retries + 1 if retry else 1):
            if attempt:
                self.sleep(asked if asked is not None else self.delay(attempt - 1))
            asked = None
            try:
                response = http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                continue
            if response.status_code in RETRY_STATUSES:
                problem = f"the store answered {response.status_code}"
                asked = self.retry_after(response)
                response.close()
                continue
            return response
        raise Unreachable(problem)
