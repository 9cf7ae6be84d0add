"""The teacher's authoring steps, shared by the commands and the app's dialogs.

``quizapp source new`` / "New article…" and ``quizapp set new`` / "New set…" call these, so
both make exactly the same files: the teacher's folder is prepared, the ids in use are read
from what the app loads (shipped and own content), and nothing is ever replaced.
"""

from __future__ import annotations

from pathlib import Path

from quizapp.core.content.loader import ContentLibrary, load_content
from quizapp.core.content.new_set import NewSet, create_set
from quizapp.core.content.new_source import (
    NewContentError,
    NewSource,
    SourceFields,
    create_source,
)
from quizapp.core.content.teacher_folder import prepare_teacher_folder
from quizapp.i18n import _


def _library(data_folder: Path) -> ContentLibrary:
    from quizapp.paths import content_paths

    return load_content(content_paths(data_folder))


def _teacher(data_folder: Path) -> Path:
    from quizapp.paths import content_dir, teacher_content_dir

    return prepare_teacher_folder(teacher_content_dir(data_folder), content_dir())


def new_source(data_folder: Path, text: str, fields: SourceFields) -> tuple[NewSource, Path]:
    """Write a new source from ``text`` into the teacher's ``sources/``."""
    library = _library(data_folder)
    folder = _teacher(data_folder) / "sources"
    known = set(library.sources) | set(library.broken_sources)
    known |= {p.stem for p in folder.glob("*.y*ml")}
    return create_source(folder, text, fields, known)


def new_set(data_folder: Path, source_id: str, set_id: str, title: str | None) -> NewSet:
    """Write a new set skeleton (both languages) citing ``source_id`` into the teacher's
    ``sets/``."""
    library = _library(data_folder)
    source = library.sources.get(source_id)
    if source is None:
        broken = library.broken_sources.get(source_id)
        known = ", ".join(sorted(library.sources)) or _("none yet")
        raise NewContentError(
            _("There is no usable source with the id “%(id)s”.") % {"id": source_id},
            _("Fix its errors first (quizapp validate %(path)s).") % {"path": broken.path}
            if broken is not None
            else _("Use one of: %(ids)s (or make one with “quizapp source new”).") % {"ids": known},
        )
    folder = _teacher(data_folder) / "sets"
    taken = {s.id for s in library.sets} | {p.name.split(".")[0] for p in folder.glob("*.y*ml")}
    return create_set(folder, source, set_id, title, taken)
