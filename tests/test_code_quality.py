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
        outside_ui = {"app.py", "launch.py", "reports/pdf_report.py"}
        if rel.startswith(("ui/", "selfcheck/")) or rel in outside_ui:
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
    for name in ("app.py", "launch.py", "selfcheck/smoke.py", "cli.py"):
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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _quizapp_imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """The quizapp modules ``path`` imports anywhere: at the top, inside functions, and under
    ``if TYPE_CHECKING:`` too (a cycle of type-only imports still ties two modules together
    for a reader, so none is excused). ``from pkg import name`` counts ``pkg.name`` when that
    is a module, else ``pkg``; a parent package's ``__init__`` is not counted as imported."""
    import ast

    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    found.add(f"{base}.{alias.name}")
                elif base in modules:
                    found.add(base)
    return found - {name}


def _import_cycles() -> list[list[str]]:
    """Every set of quizapp modules that import each other in a circle (Tarjan's strongly
    connected components of the import graph), each sorted."""
    paths = {_module_name(p): p for p in (ROOT / "quizapp").rglob("*.py")}
    graph = {name: _quizapp_imports(path, name, set(paths)) for name, path in paths.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def test_no_import_cycles() -> None:
    """No quizapp module imports itself through others, function-level imports included."""
    assert _import_cycles() == []


def test_the_cycle_finder_sees_function_level_and_type_only_imports(tmp_path: Path) -> None:
    """The finder is not blind to the imports that hide cycles: inside a function and under
    ``TYPE_CHECKING``."""
    a = tmp_path / "a.py"
    a.write_text("def f():\n    from quizapp.b import x\n", encoding="utf-8")
    b = tmp_path / "b.py"
    b.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import quizapp.a\n",
        encoding="utf-8",
    )
    modules = {"quizapp.a", "quizapp.b"}
    assert _quizapp_imports(a, "quizapp.a", modules) == {"quizapp.b"}
    assert _quizapp_imports(b, "quizapp.b", modules) == {"quizapp.a"}
