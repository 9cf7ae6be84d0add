"""Eight app instances trying a PIN at the same moment (issue 27.8): one try is checked and
counted, the others are told to wait, because reading the delay, claiming the try and
counting it are one transaction on the real SQLite file."""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier
from pathlib import Path

from quizapp.core.pin import FAILURES_SETTING, LOCKED_UNTIL_SETTING, CheckOutcome, PinGate
from quizapp.storage.repository import Repository

INSTANCES = 8


def _try_once(folder: str, pin: str, barrier: Barrier, results: multiprocessing.Queue[str]) -> None:
    with Repository.open(Path(folder)) as repo:
        gate = PinGate(repo)
        repo.get_setting(FAILURES_SETTING)  # connected before the race starts
        barrier.wait()
        results.put(gate.check(pin).outcome.value)


def test_eight_instances_at_once_get_one_try_checked(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        gate = PinGate(repo)
        gate.set_pin("4711", "4711")
        # Five wrong tries earlier: the next wrong one waits 16 s, longer than the race lasts.
        repo.set_setting(FAILURES_SETTING, "5")
        repo.set_setting(LOCKED_UNTIL_SETTING, "0")
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(INSTANCES)
    results: multiprocessing.Queue[str] = context.Queue()
    workers = [
        context.Process(target=_try_once, args=(str(tmp_path), "0000", barrier, results))
        for _ in range(INSTANCES)
    ]
    for worker in workers:
        worker.start()
    outcomes = sorted(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    print(f"\n{outcomes}")
    assert outcomes.count(CheckOutcome.WRONG.value) == 1
    assert outcomes.count(CheckOutcome.WAIT.value) == INSTANCES - 1
    with Repository.open(tmp_path) as repo:
        assert repo.get_setting(FAILURES_SETTING) == "6"  # one more, not eight


def test_a_right_pin_after_the_claim_still_opens_and_resets(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        gate = PinGate(repo)
        gate.set_pin("4711", "4711")
        assert gate.check("0000").outcome is CheckOutcome.WRONG
        assert gate.wait_seconds() == 0.0  # the first wrong try costs no wait
        assert gate.check("4711").ok
        assert gate.failures() == 0 and gate.wait_seconds() == 0.0
