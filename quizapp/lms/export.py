"""The one way sets leave for the school's learning platform: ``quizapp export`` and the teacher
area's "Export for the LMS…" both call :func:`build_export` and :func:`write_export`.

The file is written all at once or not at all (:mod:`quizapp.atomic_file`), under the same
output-path rules as reports: never through a link, never into the data folder.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizapp.atomic_file import atomic_path
from quizapp.core.content.loader import ContentLibrary
from quizapp.core.content.models import QuestionSet, SourceDocument
from quizapp.i18n import _
from quizapp.lms.losses import LmsFormat, Loss, LossList
from quizapp.user_error import UserFacingError

#: The file name ending of each format.
SUFFIXES = {LmsFormat.MOODLE_XML: ".xml", LmsFormat.QTI3: ".zip"}


class ExportError(UserFacingError):
    """A set cannot be exported (unknown, a draft, not in that language); translated."""


@dataclass(frozen=True)
class Export:
    """An export made in memory: the file's bytes and what it does not carry."""

    format: LmsFormat
    data: bytes
    losses: list[Loss]
    set_ids: tuple[str, ...]
    language: str


def chosen_sets(
    library: ContentLibrary, set_ids: Sequence[str], language: str
) -> list[tuple[QuestionSet, SourceDocument | None]]:
    """The sets ``set_ids`` in ``language`` with their articles; :class:`ExportError` naming
    what is wrong and what to do when one is unknown or a draft."""
    if not set_ids:
        raise ExportError(_("No question set was chosen."), _("Name at least one set."))
    chosen: list[tuple[QuestionSet, SourceDocument | None]] = []
    for set_id in dict.fromkeys(set_ids):
        question_set = library.get_set(set_id, language)
        if question_set is None:
            known = sorted({s.id for s in library.sets if s.language == language})
            raise ExportError(
                _("There is no question set “%(set)s” in the language “%(language)s”.")
                % {"set": set_id, "language": language},
                _("Known sets: %(sets)s.") % {"sets": ", ".join(known) or "–"},
            )
        if question_set.draft:
            raise ExportError(
                _("The question set “%(set)s” is still a draft.") % {"set": set_id},
                _("Finish it and remove “draft: true” first (check with: quizapp validate)."),
            )
        chosen.append((question_set, library.source_for(question_set)))
    return chosen


def build_export(
    library: ContentLibrary, set_ids: Sequence[str], language: str, fmt: LmsFormat
) -> Export:
    """The export of ``set_ids`` in ``language`` as ``fmt``, in memory.

    The file's own words (labels, the note) are in the sets' language; the returned losses
    are translated when shown, in whatever language is current then.
    """
    from quizapp.reports.formatting import report_language

    sets = chosen_sets(library, set_ids, language)
    losses = LossList()
    with report_language(language):
        if fmt is LmsFormat.MOODLE_XML:
            from quizapp.lms.moodle_xml import moodle_xml

            data = moodle_xml(sets, losses).encode("utf-8")
        else:
            from quizapp.lms.qti3 import qti3_files, zip_bytes

            data = zip_bytes(qti3_files(sets, losses))
    return Export(fmt, data, losses.losses(), tuple(s.id for s, _source in sets), language)


def write_export(export: Export, path: Path, protected: Sequence[Path] = ()) -> Path:
    """Write ``export`` to ``path`` (atomically; :class:`OutputPathError` when it may not)."""
    verify = _is_zip if export.format is LmsFormat.QTI3 else None
    with atomic_path(path, protected=protected, verify=verify) as temp:
        temp.write_bytes(export.data)
    return path


def default_file_name(set_ids: Sequence[str], language: str, fmt: LmsFormat) -> str:
    """A file name that says what is inside: ``what-happened.de.moodle.xml``."""
    stem = "+".join(dict.fromkeys(set_ids)) or "quizapp"
    kind = "moodle" if fmt is LmsFormat.MOODLE_XML else "qti3"
    return f"{stem}.{language}.{kind}{SUFFIXES[fmt]}"


def _is_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            return archive.testzip() is None and "imsmanifest.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
