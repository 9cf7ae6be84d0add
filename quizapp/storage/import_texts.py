"""What an import added, and what it held back, in words: for the command line and the
teacher area alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC

from quizapp.core.nickname import marked
from quizapp.i18n import N_, _, counted, ngettext
from quizapp.storage.exchange import (
    ExportSkipped,
    HeldBack,
    HoldReason,
    ImportSummary,
    Refused,
    RefuseReason,
)
from quizapp.user_error import shown_path

_REASONS = {
    HoldReason.EARLIER_THAN_FIRST: N_(
        "finished before this student’s first attempt here, so it would replace it"
    ),
    HoldReason.OTHER_COMPUTER: N_(
        "would become the first attempt of a student here whom it matches only by nickname "
        "and group (another computer)"
    ),
}


_REFUSALS = {
    RefuseReason.STUDENT_OF_ANOTHER: N_(
        "the file gives this student the id of %(owner)s here, under another name"
    ),
    RefuseReason.ATTEMPT_OF_ANOTHER: N_(
        "the file gives this attempt the id of an attempt by %(owner)s here"
    ),
}


def _who(nickname: str, group: str) -> str:
    # Escaped like paths: a newline or an escape sequence in a name (a row stored before names
    # were normalised) must not fake a line or clear the teacher's terminal.
    # A name mixing scripts (a Cyrillic "А" in "Аnna") is marked as in the reports.
    shown, group = marked(shown_path(nickname), nickname), shown_path(group)
    if not group:
        return shown
    return _("%(student)s (group %(group)s)") % {"student": shown, "group": group}


def _set(set_id: str, titles: Mapping[str, str] | None) -> str:
    return shown_path((titles or {}).get(set_id, set_id))


def student_lines(summary: ImportSummary) -> list[str]:
    """One line per student the import added something for, in name order."""
    lines = []
    for added in sorted(summary.per_student.values(), key=lambda a: (a.group, a.nickname)):
        if not (added.attempts or added.answers or added.new):
            continue
        counts = _("%(attempts)s, %(answers)s") % {
            "attempts": counted("attempt", added.attempts),
            "answers": counted("answer", added.answers),
        }
        if added.new:
            counts = _("new student: %(counts)s") % {"counts": counts}
        lines.append(f"{_who(added.nickname, added.group)}: {counts}")
    return lines


def held_back_text(summary: ImportSummary) -> str:
    """The sentence saying how many attempts were held back, and why ("" if none)."""
    n = len(summary.held_back)
    if not n:
        return ""
    return ngettext(
        "%(n)d attempt was not imported because it would change a student’s first attempt "
        "(results files can be forged):",
        "%(n)d attempts were not imported because they would change students’ first attempts "
        "(results files can be forged):",
        n,
    ) % {"n": n}


def held_back_line(held: HeldBack, titles: Mapping[str, str] | None = None) -> str:
    """One held-back attempt: who, which set (its title if known), when it started (local
    time) and why."""
    started = held.started_at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    return _("%(student)s, set “%(set)s”, started %(when)s: %(reason)s") % {
        "student": _who(held.nickname, held.group),
        "set": _set(held.set_id, titles),
        "when": started,
        "reason": _(_REASONS[held.reason]),
    }


def held_back_lines(summary: ImportSummary, titles: Mapping[str, str] | None = None) -> list[str]:
    """One line per held-back attempt; ``titles`` maps set ids to the titles to show."""
    return [held_back_line(held, titles) for held in summary.held_back]


def refused_text(summary: ImportSummary) -> str:
    """The sentence saying how many attempts were refused, and why ("" if none)."""
    n = len(summary.refused)
    if not n:
        return ""
    return ngettext(
        "%(n)d attempt was refused: it would have changed another student’s results "
        "(the file was edited or forged):",
        "%(n)d attempts were refused: they would have changed other students’ results "
        "(the file was edited or forged):",
        n,
    ) % {"n": n}


def refused_line(refused: Refused, titles: Mapping[str, str] | None = None) -> str:
    """One refused attempt: who the file says, which set, when, and whose rows it names."""
    started = refused.started_at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    owner = _who(refused.owner_nickname, refused.owner_group)
    return _("%(student)s, set “%(set)s”, started %(when)s: %(reason)s") % {
        "student": _who(refused.nickname, refused.group),
        "set": _set(refused.set_id, titles),
        "when": started,
        "reason": _(_REFUSALS[refused.reason]) % {"owner": owner},
    }


def refused_lines(summary: ImportSummary, titles: Mapping[str, str] | None = None) -> list[str]:
    """One line per refused attempt."""
    return [refused_line(refused, titles) for refused in summary.refused]


_SHOWN_SKIPPED = 10  # rows named in the message; the rest are counted


def export_skipped_text(rows: Sequence[ExportSkipped]) -> str:
    """The damaged rows an export left out, by id and reason ("" if none)."""
    if not rows:
        return ""
    kinds = {
        "student": _("student %(id)d"),
        "attempt": _("attempt %(id)d"),
        "answer": _("answer %(id)d"),
    }
    named = "; ".join(
        f"{kinds[row.kind] % {'id': row.id}} ({_(row.reason)})" for row in rows[:_SHOWN_SKIPPED]
    )
    if len(rows) > _SHOWN_SKIPPED:
        named += "; …"
    return ngettext(
        "%(n)d damaged row in the database was left out of the export: %(rows)s.",
        "%(n)d damaged rows in the database were left out of the export: %(rows)s.",
        len(rows),
    ) % {"n": len(rows), "rows": named}
