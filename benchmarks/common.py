"""Shared helpers: timing, percentiles, a throwaway data dir with a test keyring."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def isolated_env(base: Path) -> dict[str, str]:
    """Environment for child processes: a file keyring in ``base``, never the user's."""
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    env["XDG_DATA_HOME"] = str(base / "xdg")
    env.pop("ACCUEIL_TI_HOME", None)
    return env


def use_isolated_keyring(base: Path) -> None:
    os.environ.update({k: v for k, v in isolated_env(base).items()
                       if k in ("PYTHON_KEYRING_BACKEND", "XDG_DATA_HOME")})


def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="accueil-ti-bench-"))


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def run_cli(args: list[str], env: dict[str, str], stdin: bytes | None = None) -> bytes:
    proc = subprocess.run([sys.executable, "-m", "app", *args], input=stdin, env=env,
                          capture_output=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"accueil-ti {' '.join(args)} failed: {proc.stderr.decode()}")
    return proc.stdout


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def plain_url(url: str) -> str:
    """A SQLAlchemy PostgreSQL URL as psycopg takes it."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def migrated_with_agent(url: str, login: str, password: str, *, organisme: str, site: str,
                        role: str) -> None:
    """Create or migrate the central store's schema on ``url`` and add one account."""
    from app.server.admin import create_agent
    from app.server.db import open_engine

    engine = open_engine(url)
    try:
        create_agent(engine, login=login, organisme=organisme, site=site, role=role,
                     password=password)
    finally:
        engine.dispose()
