"""The key's module loads keyring without the download helpers keyring's dependencies import
(urllib.request and, with it, http.client, ssl, email: issue 18's start-up); they load, the real
modules, as soon as anything uses them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_keyring_loads_without_urllib_request() -> None:
    assert _run(
        "import sys, app.models.secrets, keyring.backend\n"
        "print(*(m in sys.modules for m in ('keyring', 'jaraco.context', 'urllib.request', "
        "'http.client', 'ssl')))") == ["True", "True", "False", "False", "False"]


def test_urllib_request_is_the_real_module_on_first_use() -> None:
    # Through keyring's own reference (jaraco.context.tarball reads urllib.request.urlopen).
    assert _run(
        "import sys, app.models.secrets, jaraco.context, urllib\n"
        "import urllib.request as real_after\n"
        "print(jaraco.context.urllib.request is sys.modules['urllib.request'])\n") == ["True"]
    assert _run(
        "import sys, app.models.secrets, jaraco.context\n"
        "opener = jaraco.context.urllib.request.urlopen\n"
        "import urllib.request\n"
        "print(opener is urllib.request.urlopen, sys.modules['urllib.request'] is "
        "urllib.request, type(urllib.request).__name__)\n") == ["True", "True", "module"]
    assert _run(
        "import app.models.secrets\n"
        "from urllib.request import Request, urlopen\n"
        "from urllib import request\n"
        "print(Request.__module__, callable(urlopen), request.Request is Request)\n"
    ) == ["urllib.request", "True", "True"]


def test_an_already_loaded_urllib_request_is_left_alone() -> None:
    assert _run(
        "import sys, urllib.request\n"
        "before = sys.modules['urllib.request']\n"
        "import app.models.secrets, jaraco.context\n"
        "print(sys.modules['urllib.request'] is before, jaraco.context.urllib.request is before)"
    ) == ["True", "True"]
