"""Where things live: shipped resources (also when frozen by PyInstaller) and the user's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "quizapp"
DATA_DIR_ENV = "QUIZAPP_DATA_DIR"
DATABASE_URL_ENV = "QUIZAPP_DATABASE_URL"
#: The teacher's list of retired sets (shipped ones too), in their content folder.
RETIRED_SETS_FILE = "retired-sets.yaml"


def resource_root() -> Path:
    """Folder holding ``content/`` and ``locales/``: the bundle when frozen, else the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    """The shipped question sets and sources."""
    return resource_root() / "content"


def teacher_content_dir(data_folder: Path) -> Path:
    """The teacher's own question sets, beside the results: ``<data folder>/content``.

    The shipped content sits inside the installed app (read-only, replaced on every update),
    so sets a teacher writes live here and are loaded after the shipped ones.
    """
    return data_folder / "content"


def teacher_content_paths(data_folder: Path) -> list[Path]:
    """The teacher's ``sources/`` and ``sets/`` that exist (these two only, so the copies in
    ``examples/`` are not loaded twice), and the list of retired sets if there is one."""
    teacher = teacher_content_dir(data_folder)
    found = [folder for folder in (teacher / "sources", teacher / "sets") if folder.is_dir()]
    retired = teacher / RETIRED_SETS_FILE
    return [*found, retired] if retired.is_file() else found


def content_paths(data_folder: Path) -> list[Path]:
    """What the app loads: the shipped content, then the teacher's own folders."""
    return [content_dir(), *teacher_content_paths(data_folder)]


def locales_dir() -> Path:
    """The gettext catalogs (``<lang>/LC_MESSAGES/quizapp.mo``)."""
    return resource_root() / "locales"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The per-user data folder: ``--data-dir``, else ``$QUIZAPP_DATA_DIR``, else the OS default.

    Not created here; storage creates it and reports a clear error when it cannot.
    """
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # deferred: only needed when no override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_url(override: str | None = None) -> str | None:
    """The class database server: ``--database``, else ``$QUIZAPP_DATABASE_URL``, else ``None``.

    ``None`` (the default) means results stay in the SQLite file in the data folder only.
    """
    return override or os.environ.get(DATABASE_URL_ENV) or None
