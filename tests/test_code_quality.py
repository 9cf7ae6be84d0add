"""ruff (lint and format) and mypy run as part of the test suite, so one command checks all."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is not installed in the test environment (dev dependency group)")
    return found


def test_ruff_lint_is_clean() -> None:
    result = _run(_tool("ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run(_tool("ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run(_tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_qt_outside_ui() -> None:
    """Qt lives in ``ui/`` (and the PDF writer of ``reports/``); the core runs without it."""
    offenders = []
    for path in (ROOT / "quizapp").rglob("*.py"):
        rel = path.relative_to(ROOT / "quizapp").as_posix()
        if rel.startswith("ui/") or rel in {"app.py", "reports/pdf_report.py", "smoke.py"}:
            continue
        if "PySide6" in path.read_text(encoding="utf-8"):
            offenders.append(rel)
    assert offenders == [], f"Qt imported outside ui/: {offenders}"


DATABASE_PACKAGES = {"sqlalchemy", "sqlmodel", "sqlite3", "psycopg", "alembic"}


def _imported_packages(path: Path) -> set[str]:
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_database_stays_behind_the_storage_door() -> None:
    """reports/, ui/, commands/ and the app read and write through storage's records and
    readers only."""
    offenders = []
    for folder in ("reports", "ui", "commands"):
        for path in sorted((ROOT / "quizapp" / folder).rglob("*.py")):
            used = _imported_packages(path) & DATABASE_PACKAGES
            if used:
                offenders.append(f"{path.relative_to(ROOT).as_posix()}: {sorted(used)}")
    for name in ("app.py", "smoke.py", "cli.py"):
        used = _imported_packages(ROOT / "quizapp" / name) & DATABASE_PACKAGES
        if used:
            offenders.append(f"quizapp/{name}: {sorted(used)}")
    assert offenders == []


def test_database_failures_are_translated_in_one_place() -> None:
    """SQLite and PostgreSQL failures become StorageError only through
    ``storage/engine.py``'s ``translated()`` (the repository's read and write contexts)."""
    offenders = []
    for path in sorted((ROOT / "quizapp").rglob("*.py")):
        rel = path.relative_to(ROOT / "quizapp").as_posix()
        text = path.read_text(encoding="utf-8")
        if rel != "storage/engine.py" and re.search(r"\bstorage_error\(", text):
            offenders.append(rel)
    assert offenders == []
