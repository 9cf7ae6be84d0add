"""The teacher PIN: chosen on first use, stored only as a salted scrypt hash, guarded by delays.

Pure Python (no Qt, no database): the settings live behind a tiny :class:`SettingsStore`
protocol that :class:`~quizapp.storage.repository.Repository` satisfies, and the clock is
passed in, so tests need neither a real database nor real waiting.

The stored value is ``scrypt$n$r$p$salt_hex$hash_hex``. After wrong tries the next try is
refused for a growing time (0, 1, 2, 4, 8 … seconds, at most a minute). The count of wrong
tries and the end of the wait are settings too, so restarting the app does not reset them.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from quizapp import settings_keys
from quizapp.i18n import N_, _

PIN_SETTING = settings_keys.TEACHER_PIN
FAILURES_SETTING = settings_keys.TEACHER_PIN_FAILURES
LOCKED_UNTIL_SETTING = settings_keys.TEACHER_PIN_LOCKED_UNTIL

MIN_LENGTH = 4
MAX_LENGTH = 64
MAX_DELAY_SECONDS = 60.0
#: How long a try being checked keeps other tries out (a check takes well under a second; an
#: instance that dies while checking frees the gate after this long, the try counted wrong).
CHECK_WINDOW_SECONDS = 10.0

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
# Only the parameters this app writes are accepted: a tampered setting must neither make the
# app allocate gigabytes (N = 2^20 needs 1 GiB) nor make scrypt raise (r >= 16 with this N).
_ACCEPTED = (SCRYPT_N, SCRYPT_R, SCRYPT_P)


class SettingsStore(Protocol):
    """Where the PIN hash and the failure state are kept (a Repository)."""

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """The stored value of ``key``, or ``default``."""
        ...

    def set_setting(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``."""
        ...

    def update_settings(
        self,
        keys: Sequence[str],
        change: Callable[[Mapping[str, str | None]], Mapping[str, str]],
    ) -> None:
        """Read ``keys`` and store what ``change`` returns, with no other writer between."""
        ...


class PinProblem(StrEnum):
    """Why a new PIN is refused."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    SPACES = "spaces"
    MISMATCH = "mismatch"

    @property
    def message(self) -> str:
        """The reason, in the current language."""
        return _(_PROBLEM_TEXTS[self]) % {"min": MIN_LENGTH, "max": MAX_LENGTH}


_PROBLEM_TEXTS = {
    PinProblem.TOO_SHORT: N_("The PIN must have at least %(min)d digits or characters."),
    PinProblem.TOO_LONG: N_("The PIN may have at most %(max)d characters."),
    PinProblem.SPACES: N_("The PIN must not start or end with a space."),
    PinProblem.MISMATCH: N_("The two PINs are not the same. Please type them again."),
}


class PinError(ValueError):
    """A new PIN was refused; :attr:`problem` says why."""

    def __init__(self, problem: PinProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class CheckOutcome(StrEnum):
    """The result of entering a PIN."""

    OK = "ok"
    WRONG = "wrong"
    WAIT = "wait"  # refused unchecked: the delay after earlier wrong tries is not over
    NOT_SET = "not_set"


@dataclass(frozen=True)
class CheckResult:
    """What :meth:`PinGate.check` found; ``wait_seconds`` before the next try is accepted."""

    outcome: CheckOutcome
    wait_seconds: float = 0.0
    failures: int = 0

    @property
    def ok(self) -> bool:
        """True when the PIN was right."""
        return self.outcome is CheckOutcome.OK


def pin_problem(pin: str, confirmation: str | None = None) -> PinProblem | None:
    """Why ``pin`` cannot be the new PIN (``None``: it can)."""
    if pin != pin.strip():
        return PinProblem.SPACES
    if len(pin) < MIN_LENGTH:
        return PinProblem.TOO_SHORT
    if len(pin) > MAX_LENGTH:
        return PinProblem.TOO_LONG
    if confirmation is not None and _normal(confirmation) != _normal(pin):
        return PinProblem.MISMATCH
    return None


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong tries in a row: 0, 1, 2, 4, 8 … at most 60."""
    if failures <= 1:
        return 0.0
    return min(MAX_DELAY_SECONDS, float(2 ** min(failures - 2, 16)))


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``pin`` as the stored ``scrypt$n$r$p$salt_hex$hash_hex`` text, with a fresh salt."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True if ``pin`` matches the stored hash (constant-time); a malformed value never does."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError:
        return False
    if (n, r, p) != _ACCEPTED or len(salt) != SALT_BYTES or len(expected) != HASH_BYTES:
        return False
    actual = _scrypt(pin, salt, n, r, p, len(expected))
    return hmac.compare_digest(actual, expected)


def _normal(pin: str) -> str:
    # The same PIN typed on another keyboard layout may arrive composed differently.
    return unicodedata.normalize("NFC", pin)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int = HASH_BYTES) -> bytes:
    memory = 128 * r * (n + p + 2) + 1024 * 1024  # what scrypt needs, plus headroom
    return hashlib.scrypt(
        _normal(pin).encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=length
    )


class PinGate:
    """Setting the PIN on first use, and checking it with growing delays after wrong tries."""

    def __init__(self, store: SettingsStore, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock

    def has_pin(self) -> bool:
        """True once a PIN was chosen."""
        return bool(self._store.get_setting(PIN_SETTING))

    def set_pin(self, pin: str, confirmation: str) -> None:
        """Store ``pin`` (raises :class:`PinError`) and clear the wrong-try state."""
        problem = pin_problem(pin, confirmation)
        if problem is not None:
            raise PinError(problem)
        self._store.set_setting(PIN_SETTING, hash_pin(pin))
        self._reset()

    def failures(self) -> int:
        """Wrong tries in a row so far."""
        return _int(self._store.get_setting(FAILURES_SETTING), 0)

    def wait_seconds(self) -> float:
        """Seconds until the next try is accepted (0: now)."""
        return self._wait(self._store.get_setting(LOCKED_UNTIL_SETTING))

    def _wait(self, locked_until: str | None) -> float:
        until = _float(locked_until, 0.0)
        # Capped, so a clock set back (or a far-future value) cannot lock the teacher out.
        return max(0.0, min(MAX_DELAY_SECONDS, until - self._clock()))

    def check(self, pin: str) -> CheckResult:
        """Try ``pin``: right resets the delay; wrong counts and starts a longer delay.

        The try is claimed before the PIN is checked, in one transaction with reading the
        delay: counted as wrong and every other try refused (``WAIT``) until this one is
        decided. So app instances trying at the same moment get one try checked, not one each.
        """
        stored = self._store.get_setting(PIN_SETTING)
        if not stored:
            return CheckResult(CheckOutcome.NOT_SET)
        claim: dict[str, float] = {}

        def claim_try(values: Mapping[str, str | None]) -> Mapping[str, str]:
            failures = _int(values[FAILURES_SETTING], 0)
            wait = self._wait(values[LOCKED_UNTIL_SETTING])
            if wait > 0:
                claim.update(wait=wait, failures=failures)
                return {}
            window = max(delay_after(failures + 1), CHECK_WINDOW_SECONDS)
            claim.update(failures=failures + 1, until=self._clock() + window)
            return {FAILURES_SETTING: str(failures + 1), LOCKED_UNTIL_SETTING: repr(claim["until"])}

        self._store.update_settings([FAILURES_SETTING, LOCKED_UNTIL_SETTING], claim_try)
        failures = int(claim["failures"])
        if "wait" in claim:
            return CheckResult(CheckOutcome.WAIT, claim["wait"], failures)
        if verify_pin(pin, stored):
            self._reset()
            return CheckResult(CheckOutcome.OK)
        delay = delay_after(failures)

        def settle(values: Mapping[str, str | None]) -> Mapping[str, str]:
            # The claim's window becomes the real delay, unless another try claimed since.
            if values[LOCKED_UNTIL_SETTING] != repr(claim["until"]):
                return {}
            return {LOCKED_UNTIL_SETTING: repr(self._clock() + delay)}

        self._store.update_settings([LOCKED_UNTIL_SETTING], settle)
        return CheckResult(CheckOutcome.WRONG, delay, failures)

    def _reset(self) -> None:
        self._store.set_setting(FAILURES_SETTING, "0")
        self._store.set_setting(LOCKED_UNTIL_SETTING, "0")


def _int(text: str | None, default: int) -> int:
    try:
        return max(0, int(text)) if text is not None else default
    except ValueError:
        return default


def _float(text: str | None, default: float) -> float:
    try:
        value = float(text) if text is not None else default
    except ValueError:
        return default
    return value if math.isfinite(value) else default
