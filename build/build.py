"""Build the one-folder quizapp bundle: ``uv run python build/build.py [--smoke-test]``.

Compiles the gettext catalogs, runs PyInstaller on ``build/quizapp.spec`` with its work and
dist folders in ``build/work`` and ``build/dist`` (ignored by git), prints the bundle's size
and, with ``--smoke-test``, runs the frozen app's smoke test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent
ROOT = BUILD_DIR.parent
WORK = BUILD_DIR / "work"
DIST = BUILD_DIR / "dist"


def compile_catalogs() -> None:
    """Compile locales/*/LC_MESSAGES/*.po to .mo (the bundle ships the compiled ones)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parts[-3])
        with po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)


def folder_size(path: Path) -> int:
    """Total size in bytes of the files under ``path`` (symlinks counted once, as links)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(spec: Path, dist: Path = DIST, work: Path = WORK) -> Path:
    """Run PyInstaller on ``spec``; return the bundle folder."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(spec),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ],
        check=True,
    )
    bundles = sorted((p for p in dist.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    return bundles[-1]


def main() -> int:
    """Build the bundle and optionally smoke-test it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke-test", action="store_true", help="run the frozen smoke test")
    args = parser.parse_args()
    compile_catalogs()
    started = time.perf_counter()
    bundle = build(BUILD_DIR / "quizapp.spec")
    print(
        f"bundle: {bundle} ({folder_size(bundle) / 1e6:.1f} MB) "
        f"built in {time.perf_counter() - started:.0f} s"
    )
    if args.smoke_test:
        exe = bundle / ("quizapp.exe" if sys.platform == "win32" else "quizapp")
        started = time.perf_counter()
        result = subprocess.run(
            [str(exe), "--smoke-test"],
            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "", "LANG": "C.UTF-8"},
        )
        print(
            f"frozen smoke test: exit {result.returncode} in {time.perf_counter() - started:.1f} s"
        )
        return result.returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
