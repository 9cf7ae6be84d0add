"""The teacher's own content folder: made ready to write question sets in.

Layout, inside the data folder (see :func:`quizapp.paths.teacher_content_dir`)::

    content/
      README.md       the guide to the file format (the shipped content/README.md),
      README.de.md    and the same guide in German
      sets/           your sets, <set-id>.<language>.yaml; loaded by the app
      sources/        your own articles, if a set is not about the shipped one; loaded
      retired-sets.yaml  ids of sets no longer offered (shipped ones too); written by the
                      teacher area's "Retire or offer again", loaded; not made here
      schema/         JSON Schemas, so editors autocomplete and underline mistakes
      examples/       copies of the shipped sets and article to start from; NOT loaded

The guide, schemas and examples are copied again whenever the folder is prepared, so they
follow the installed version; ``sets/`` and ``sources/`` are never touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.content.loader import kind_of
from quizapp.core.content.yaml_source import YamlSourceError, read_yaml_file
from quizapp.i18n import _
from quizapp.user_error import UserFacingError, shown_path

GUIDE_NAMES = ("README.md", "README.de.md")
COPIED_FOLDERS = {"schema": "schema", "sets": "examples", "sources": "examples"}


class TeacherFolderError(UserFacingError):
    """The folder could not be made ready, or a file not copied into it."""


def prepare_teacher_folder(folder: Path, shipped: Path) -> Path:
    """Create ``folder`` with ``sets/`` and ``sources/`` and refresh the guide, schemas, examples.

    ``shipped`` is the app's own content folder. Returns ``folder``. Raises
    :class:`TeacherFolderError` when something cannot be written (nothing of the teacher's is
    changed in that case). Nothing is written through a symbolic link planted in the folder:
    a link where a copied file goes is replaced by the file (its target is not touched), a
    link in place of ``schema/`` or ``examples/`` by a real folder, and a link in place of
    ``sets/`` or ``sources/`` is refused.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("sets", "sources"):
            if (folder / name).is_symlink():
                raise _linked_folder(folder / name)
            (folder / name).mkdir(exist_ok=True)
        for name in ("schema", "examples"):
            if (folder / name).is_symlink():
                (folder / name).unlink()  # the app's own copies: made again below
            (folder / name).mkdir(exist_ok=True)
        for name in GUIDE_NAMES:
            if (shipped / name).is_file():
                _replace_file(shipped / name, folder / name)
        for source_name, target_name in COPIED_FOLDERS.items():
            source_folder = shipped / source_name
            if not source_folder.is_dir():
                continue
            for path in sorted(source_folder.iterdir()):
                if path.is_file():
                    _replace_file(path, folder / target_name / path.name)
        # The examples' schema line points at ../schema/, which exists beside them too.
    except OSError as exc:
        raise TeacherFolderError(
            _("The folder for your own question sets could not be prepared: %(path)s")
            % {"path": shown_path(folder)},
            _("Check that you may write there (%(reason)s), or start quizapp with --data-dir.")
            % {"reason": exc.strerror or exc.__class__.__name__},
            folder,
        ) from exc
    return folder


def _linked_folder(path: Path) -> TeacherFolderError:
    return TeacherFolderError(
        _("%(path)s is a symbolic link; quizapp does not write through links.")
        % {"path": shown_path(path)},
        _("Replace the link by a folder (move your sets into it), then try again."),
        path,
    )


def _replace_file(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` by writing a new file and renaming it over ``target``:
    a symbolic link at ``target`` is replaced, never written through."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:40]}.", suffix=".part")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as data:
            shutil.copyfileobj(data, out)
        os.chmod(temp, _FILE_MODE)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


_FILE_MODE = 0o644


@dataclass(frozen=True)
class AddedFile:
    """One file copied into the teacher's folder; ``backup`` holds the file it replaced."""

    path: Path
    backup: Path | None


def add_content_files(folder: Path, files: list[Path], shipped: Path) -> list[AddedFile]:
    """Copy question set (and source) files into ``folder``'s ``sets/`` (``sources/``).

    How a teacher hands a set to the students' computers: a USB stick or a shared drive, then
    this. A file of the same name is not lost: it is kept beside as ``<name>.bak`` (which the
    app does not load). Whether the files are *valid* is for the reload to show, with
    positions; copying never refuses a file the teacher wants to fix in place.
    """
    prepare_teacher_folder(folder, shipped)
    added = []
    for file in files:
        target = folder / ("sources" if _is_source(file) else "sets") / file.name
        try:
            if target.exists() and target.resolve() == file.resolve():
                added.append(AddedFile(target, None))
                continue
            backup = None
            if target.is_symlink():
                # Kept as it was (the link itself, not a copy of what it points to).
                backup = target.with_name(target.name + ".bak")
                os.replace(target, backup)
            elif target.exists():
                backup = target.with_name(target.name + ".bak")
                _replace_file(target, backup)
            _replace_file(file, target)
        except OSError as exc:
            raise TeacherFolderError(
                _("%(file)s could not be copied into %(folder)s.")
                % {"file": file, "folder": target.parent},
                _("Check that the file can be read and the folder written (%(reason)s).")
                % {"reason": exc.strerror or exc.__class__.__name__},
                file,
            ) from exc
        added.append(AddedFile(target, backup))
    return added


def _is_source(path: Path) -> bool:
    """Sorted by the loader's own rule; a file it cannot read yet goes to ``sets/``."""
    try:
        return kind_of(read_yaml_file(path).data) == "source"
    except YamlSourceError:
        return False
