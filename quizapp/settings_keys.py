"""Every key of the ``setting`` table, in one place (the table is a small key/value store).

A key is stored in each machine's database, so a key's text never changes once released.
"""

from __future__ import annotations

LAST_NICKNAME = "last_nickname"
"""The nickname typed last on this machine (offered again on the start page)."""
UI_LANGUAGE = "ui_language"
"""The language chosen last on the start page, before any student is known."""
STUDENT_LANGUAGE_PREFIX = "student_language:"
"""Followed by a student's UUID: that student's language (the nickname may be reused)."""
TEACHER_PIN = "teacher_pin"
"""The teacher PIN's salted hash."""
TEACHER_PIN_FAILURES = "teacher_pin_failures"
"""Wrong PINs in a row, for the growing delay."""
TEACHER_PIN_LOCKED_UNTIL = "teacher_pin_locked_until"
"""Clock time until which no PIN is checked."""
SYNC_OUTBOX_STARTED = "sync_outbox_started"
"""When this machine began to queue rows for the class database."""
MACHINE_ID = "machine_id"
"""This machine's id in results files."""


def student_language(student_uuid: str) -> str:
    """The key of one student's language."""
    return STUDENT_LANGUAGE_PREFIX + student_uuid
