"""The teacher PIN: hashing, rules, and the growing delay that survives a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.core.pin import (
    FAILURES_SETTING,
    LOCKED_UNTIL_SETTING,
    MAX_DELAY_SECONDS,
    PIN_SETTING,
    CheckOutcome,
    PinError,
    PinGate,
    PinProblem,
    delay_after,
    hash_pin,
    pin_problem,
    verify_pin,
)
from quizapp.storage.repository import Repository


class Clock:
    """A clock the test moves by hand (no real waiting)."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path) as repository:
        yield repository


def test_hash_format_and_verify() -> None:
    stored = hash_pin("4711")
    kind, n, r, p, salt, digest = stored.split("$")
    assert (kind, n, r, p) == ("scrypt", str(2**14), "8", "1")
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert verify_pin("4711", stored)
    assert not verify_pin("4712", stored)
    assert hash_pin("4711") != stored  # a fresh salt every time


@pytest.mark.parametrize(
    "stored",
    ["", "plain", "scrypt$16384$8$1$zz$00", "scrypt$3$8$1$00$00", f"scrypt${2**30}$8$1$00$00"],
)
def test_malformed_hash_never_matches(stored: str) -> None:
    assert not verify_pin("4711", stored)


def test_pin_rules() -> None:
    assert pin_problem("123") is PinProblem.TOO_SHORT
    assert pin_problem(" 1234") is PinProblem.SPACES
    assert pin_problem("x" * 65) is PinProblem.TOO_LONG
    assert pin_problem("1234", "1235") is PinProblem.MISMATCH
    assert pin_problem("1234", "1234") is None
    assert pin_problem("abcd") is None
    assert "4" in PinProblem.TOO_SHORT.message


def test_delays_grow_and_are_capped() -> None:
    assert [delay_after(n) for n in range(1, 7)] == [0, 1, 2, 4, 8, 16]
    assert delay_after(50) == MAX_DELAY_SECONDS


def test_first_use_sets_the_pin(repo: Repository) -> None:
    gate = PinGate(repo, Clock())
    assert not gate.has_pin()
    assert gate.check("1234").outcome is CheckOutcome.NOT_SET
    with pytest.raises(PinError) as caught:
        gate.set_pin("1234", "4321")
    assert caught.value.problem is PinProblem.MISMATCH
    gate.set_pin("1234", "1234")
    assert gate.has_pin()
    stored = repo.get_setting(PIN_SETTING) or ""
    assert "1234" not in stored and stored.startswith("scrypt$")
    assert gate.check("1234").ok


def test_wrong_tries_delay_and_survive_restart(tmp_path: Path) -> None:
    clock = Clock()
    with Repository.open(tmp_path) as repo:
        gate = PinGate(repo, clock)
        gate.set_pin("2468", "2468")
        first = gate.check("0000")
        assert first.outcome is CheckOutcome.WRONG and first.wait_seconds == 0
        second = gate.check("0000")
        assert second.outcome is CheckOutcome.WRONG and second.wait_seconds == 1
        # Even the right PIN is refused unchecked while the delay runs.
        assert gate.check("2468").outcome is CheckOutcome.WAIT
    with Repository.open(tmp_path) as repo:  # "restart the app"
        gate = PinGate(repo, clock)
        assert gate.failures() == 2
        assert gate.wait_seconds() == 1
        clock.now += 1
        third = gate.check("0000")
        assert third.outcome is CheckOutcome.WRONG and third.wait_seconds == 2
        clock.now += 2
        assert gate.check("2468").ok
        assert gate.failures() == 0 and gate.wait_seconds() == 0


def test_tampered_lock_state_cannot_lock_out_forever(repo: Repository) -> None:
    clock = Clock()
    gate = PinGate(repo, clock)
    gate.set_pin("2468", "2468")
    repo.set_setting(LOCKED_UNTIL_SETTING, str(clock.now + 10**9))
    assert gate.wait_seconds() == MAX_DELAY_SECONDS
    repo.set_setting(LOCKED_UNTIL_SETTING, "nan")
    repo.set_setting(FAILURES_SETTING, "garbage")
    assert gate.wait_seconds() == 0 and gate.failures() == 0
    assert gate.check("2468").ok
