"""``quizapp --smoke-test``: prove that an installed or frozen app works end to end.

Loads the shipped content, opens a database in a temporary folder, builds the real main window
offscreen, answers one question through the real views and controllers, checks the answer is
stored, writes one CSV report, and exits 0. Any failure prints what failed and exits 1. Used by
CI on the PyInstaller bundle, where a missing data file or module only shows up at run time.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TIMEOUT_S = 60.0


class SmokeFailure(Exception):
    """A step of the smoke test failed; the message says which and why."""


def _step(name: str) -> None:
    sys.stdout.write(f"smoke: {name}\n")
    sys.stdout.flush()


def _wait_until(app: object, condition: Callable[[], bool], what: str) -> None:
    """Run the Qt event loop until ``condition()`` holds, or fail after a timeout."""
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SmokeFailure(f"timed out waiting for {what}")
        QCoreApplication.processEvents()
        time.sleep(0.005)


def _check_content() -> int:
    from quizapp.core.content.loader import load_content
    from quizapp.paths import content_dir

    library = load_content([content_dir()])
    if library.errors:
        raise SmokeFailure("shipped content has errors:\n" + library.errors[0].format())
    for language in ("de", "en"):
        if not library.sets_for(language):
            raise SmokeFailure(f"no question sets for language {language!r}")
    return len(library.sets)


def _answer_one_question(data_dir: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from quizapp.app import AppShell
    from quizapp.selfcheck.driver import answer_current, begin

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    shell = AppShell(app, data_dir=data_dir, language="de")
    ready: list[bool] = []
    shell.ready.connect(lambda: ready.append(True))
    shell.quit_requested.connect(lambda code: ready.append(False))
    shell.start()
    _wait_until(app, lambda: bool(ready), "the start view to list the sets")
    if not ready[0] or shell.repository is None:
        raise SmokeFailure("the database could not be opened")
    saved: list[object] = []
    shell.ensure_screens().quiz.answer_saved.connect(saved.append)
    begin(shell, "smoke-test")
    answer_current(shell, right=True)
    _wait_until(app, lambda: bool(saved), "the answer to be saved")
    student = shell.repository.get_or_create_student("smoke-test")
    history = shell.repository.history(student.id)
    if not history or not history[0].answers:
        raise SmokeFailure("the submitted answer is not in the database")
    shell.window.close()
    shell.close()


def _write_report(data_dir: Path, out_dir: Path) -> Path:
    from quizapp.core.content.loader import load_content
    from quizapp.paths import content_dir
    from quizapp.reports.dataset import load_dataset
    from quizapp.reports.export import write_report
    from quizapp.storage.repository import Repository

    library = load_content([content_dir()])
    with Repository.open(data_dir) as repository:
        dataset = load_dataset(repository.class_reader, library.sets)
        files = write_report("csv", out_dir / "report.csv", dataset, "de")
    if not files[0].is_file() or files[0].stat().st_size == 0:
        raise SmokeFailure("the CSV report was not written")
    return files[0]


def _prepare_teacher_folder(data_dir: Path) -> None:
    """The guide, schemas and examples must be in the bundle for the teacher's own folder."""
    from quizapp.core.content.teacher_folder import prepare_teacher_folder
    from quizapp.paths import content_dir, teacher_content_dir

    folder = prepare_teacher_folder(teacher_content_dir(data_dir), content_dir())
    needed = [
        "README.md",
        "README.de.md",
        "schema/question-set.schema.json",
        "examples/why.de.yaml",
    ]
    needed.append("sets")
    missing = [name for name in needed if not (folder / name).exists()]
    if missing:
        raise SmokeFailure("the teacher folder lacks " + ", ".join(missing))


def run_smoke_test() -> int:
    """Run every step; return 0 on success, 1 with a message on the first failure."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="quizapp-smoke-") as tmp:
            data_dir = Path(tmp) / "data"
            _step("loading the shipped content")
            n_sets = _check_content()
            _step(f"{n_sets} sets loaded; answering one question through the UI")
            _answer_one_question(data_dir)
            _step("answer saved; writing a CSV report")
            report = _write_report(data_dir, Path(tmp))
            _step(f"report written ({report.stat().st_size} bytes); preparing a teacher folder")
            _prepare_teacher_folder(data_dir)
    except SmokeFailure as failure:
        sys.stderr.write(f"smoke test FAILED: {failure}\n")
        return 1
    except Exception as error:  # the point is to report *any* breakage of the bundle
        sys.stderr.write(f"smoke test FAILED: {type(error).__name__}: {error}\n")
        return 1
    _step(f"passed in {time.perf_counter() - started:.1f} s")
    return 0
