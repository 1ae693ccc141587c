"""The password policy of the central store's accounts (issue 13).

A password is accepted when it has at least 12 characters, does not contain the login, and is
not a known-common or easily guessed one. The last rule is zxcvbn's estimate (Dropbox's
algorithm, its Python port): it matches the password against its ranked lists — 30 000 common
passwords from leaks, common words, first names and surnames — and against keyboard walks,
repetitions, sequences, dates and l33t substitutions, with the login as an extra word; a score
below 3 (fewer than about 10^8 guesses) is refused. This covers NIST SP 800-63B's check
against « passwords obtained from previous breach corpuses » and « dictionary words », offline.
The password itself never appears in a message.
"""

from __future__ import annotations

import re

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 1024  # what /auth/login accepts
MIN_SCORE = 3  # zxcvbn: 3 « safely unguessable », 4 « very unguessable »
# zxcvbn's matching is quadratic in the length; past this many characters it looks at the
# first ones only (72 is its own default).
ANALYSED_LENGTH = 72

TOO_SHORT = "password_too_short"
CONTAINS_LOGIN = "password_contains_login"
TOO_COMMON = "password_too_common"
REQUIRED = "password_change_required"  # the code of a login answered « change it first »

EXPECTED = (f"expected at least {MIN_LENGTH} characters, not containing the login, that are "
            "not a common password nor easy to guess (for example a few unrelated words)")


class PasswordPolicyError(ValueError):
    """A password the policy refuses; ``code`` names the rule (TOO_SHORT, CONTAINS_LOGIN,
    TOO_COMMON) for a client to say it in its own language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def check_password(password: str, login: str, *, field: str = "password") -> None:
    """Raise :class:`PasswordPolicyError` naming ``field`` when ``password`` is refused."""
    if len(password) < MIN_LENGTH or len(password) > MAX_LENGTH or "\x00" in password:
        raise PasswordPolicyError(TOO_SHORT, f"{field}: {len(password)} characters is not "
                                             f"allowed; {EXPECTED} (at most {MAX_LENGTH})")
    folded, who = password.casefold(), login.casefold().strip()
    if who and (folded == who or (len(who) >= 3 and who in folded)):
        raise PasswordPolicyError(CONTAINS_LOGIN, f"{field}: it contains the login; {EXPECTED}")
    words = [who, *(part for part in re.split(r"[\W_]+", who) if len(part) >= 3)]
    result = zxcvbn(password[:ANALYSED_LENGTH], user_inputs=words, max_length=ANALYSED_LENGTH)
    if int(result["score"]) < MIN_SCORE:
        raise PasswordPolicyError(TOO_COMMON, f"{field}: a common password or too easy to "
                                              f"guess; {EXPECTED}")
