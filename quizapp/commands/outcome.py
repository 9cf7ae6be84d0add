"""How a sub-command ends: its exit code, and a failure's message on standard error."""

from __future__ import annotations

import sys
from collections.abc import Callable

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def fail(message: str) -> int:
    """Write ``message`` to stderr (after ``quizapp: ``); return :data:`EXIT_FAILED`."""
    # "quizapp: " says who speaks, unless the message already starts with the name.
    prefix = "" if message.startswith("quizapp") else "quizapp: "
    sys.stderr.write(f"{prefix}{message}\n")
    return EXIT_FAILED


def carried_out(work: Callable[[], int], *shown: type[Exception]) -> int:
    """``work()``'s exit code; a storage failure or one of the ``shown`` errors ends it with
    its message on stderr and :data:`EXIT_FAILED` instead of a traceback."""
    from quizapp.storage.errors import StorageError

    try:
        return work()
    except shown as exc:
        return fail(str(exc))
    except StorageError as exc:
        return fail(f"{exc.message} {exc.hint}")
