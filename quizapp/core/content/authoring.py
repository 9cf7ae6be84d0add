"""The teacher's authoring steps, shared by the commands and the app's dialogs.

``quizapp source new`` / "New article…" and ``quizapp set new`` / "New set…" call these, so
both make exactly the same files: the teacher's folder is prepared, the ids in use are those of
the loaded library (shipped and own content, as the app loads it), and nothing is replaced.
"""

from __future__ import annotations

from pathlib import Path

from quizapp.core.content.loader import ContentLibrary
from quizapp.core.content.new_set import NewSet, create_set
from quizapp.core.content.new_source import (
    NewContentError,
    NewSource,
    SourceFields,
    create_source,
)
from quizapp.core.content.teacher_folder import prepare_teacher_folder
from quizapp.i18n import _


def new_source(
    library: ContentLibrary, teacher_folder: Path, shipped: Path, text: str, fields: SourceFields
) -> tuple[NewSource, Path]:
    """Write a new source from ``text`` into ``teacher_folder/sources``."""
    folder = prepare_teacher_folder(teacher_folder, shipped) / "sources"
    known = set(library.sources) | set(library.broken_sources)
    known |= {p.stem for p in folder.glob("*.y*ml")}
    return create_source(folder, text, fields, known)


def new_set(
    library: ContentLibrary,
    teacher_folder: Path,
    shipped: Path,
    source_id: str,
    set_id: str,
    title: str | None,
) -> NewSet:
    """Write a new set skeleton (both languages) citing ``source_id`` into
    ``teacher_folder/sets``."""
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
    folder = prepare_teacher_folder(teacher_folder, shipped) / "sets"
    taken = {s.id for s in library.sets} | {p.name.split(".")[0] for p in folder.glob("*.y*ml")}
    return create_set(folder, source, set_id, title, taken)
