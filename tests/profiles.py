"""Hypothesis profiles: ``ci`` (the default, ``make test``) runs each property test with its own
thorough number of examples; ``dev`` (``make check``, the inner loop) runs few of each.

Choose with ``HYPOTHESIS_PROFILE=dev|ci``. A test that sets its own number writes
``max_examples=examples(N)``, so the profile applies to it too.
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILES = ("ci", "dev")
DEV_EXAMPLES = 10

settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=DEV_EXAMPLES, deadline=None)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in PROFILES:
    raise SystemExit(f"HYPOTHESIS_PROFILE={PROFILE!r}: expected one of {', '.join(PROFILES)}")
settings.load_profile(PROFILE)


def examples(thorough: int) -> int:
    """How many examples a property test runs: ``thorough`` in CI, at most a few on the inner
    loop."""
    return thorough if PROFILE == "ci" else min(thorough, DEV_EXAMPLES)
