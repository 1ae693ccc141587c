"""Session-wide test settings: no real screen, no real keyring, no user data or cache dir; and the
fixtures every suite shares: an isolated keyring, a data dir, an open local store."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyrings.alt.file import PlaintextKeyring

from app.forms.workdays import stale_working_days
from app.models.database import Store, open_store
from tests import profiles  # noqa: F401 (registers and loads the Hypothesis profile)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# keyrings.alt's plaintext backend keeps its file under XDG_DATA_HOME: a throwaway one.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="accueil-ti-tests-")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="accueil-ti-tests-cache-")
os.environ.pop("ACCUEIL_TI_HOME", None)


@pytest.fixture(autouse=True)
def _fresh_stale_working_days() -> Iterator[None]:
    """The « sans nouvelle » setting is read once per process (functools.cache): each test reads
    it afresh, so that one test's ACCUEIL_TI_DEPLOYMENT never leaks into another."""
    stale_working_days.cache_clear()
    yield
    stale_working_days.cache_clear()


@pytest.fixture
def keyring_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyringBackend]:
    """A plaintext keyring in its own temp dir (never the developer's real keyring)."""
    keyring_dir = tmp_path / "keyring"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(keyring_dir))
    backend = PlaintextKeyring()
    backend.file_path = str(keyring_dir / "keyring_pass.cfg")  # type: ignore[misc]
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(keyring_backend: KeyringBackend, data_dir: Path) -> Iterator[Store]:
    with open_store(data_dir, site_code="BRE", workstation_code="02") as opened:
        yield opened


# Tests that take more than a few seconds each, by node id prefix (a module, a class or one
# test): `make check` leaves them out (`-m "not slow"`), `make test` runs them. A module can
# also say `pytestmark = pytest.mark.slow` itself.
SLOW: tuple[str, ...] = (
    "tests/server/test_busy.py",  # 200 concurrent pushes, a store held busy: 8–10 s each
    "tests/sync/test_random_sync.py",  # a random day of several workstations
    "tests/documents/test_hostile.py::test_demo_records_render",  # every demo dossier's PDFs
    "tests/sync/test_figures.py::test_a_round_keeps_the_published_times",
    "tests/server/test_auth.py::test_many_failures_from_one_client_lock_the_client",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)
