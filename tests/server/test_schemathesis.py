"""Property-based requests from the OpenAPI document: no input makes the store answer 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.profiles import examples
from tests.server.conftest import AGENTS, Server, make_record, make_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A SQLite store with agents and a few dossiers (PostgreSQL-only failure modes such as NUL
    bytes are covered by the targeted tests, which run on both engines)."""
    server = make_server(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'store.db'}", AGENTS)
    with server.client:
        server.push(server.login("bre"), make_record(1, oriented=("caf",)), make_record(2))
        yield server
    server.app.state.engine.dispose()


@pytest.mark.parametrize("who", ["bre", "p_caf"])
def test_no_server_error(fuzz_server: Server, who: str) -> None:
    """Every operation of /openapi.json, bounded examples, with the agent's bearer token."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_server.app)
    # The other agent's run failed many sign-ins (/auth/login, /auth/change-password) from
    # this client: past the rate window they no longer count.
    fuzz_server.clock.advance(minutes=16)
    headers = fuzz_server.login(who)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=examples(15), deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        run()
