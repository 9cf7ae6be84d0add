"""One rotating log file in the data folder for what the app did on its own: recovering a
damaged database, backups and migrations, imports, sending answers to the class database.

Standard :mod:`logging`: modules log to ``logging.getLogger(__name__)`` and this sends the
``quizapp`` loggers to ``<data folder>/quizapp.log`` (1 MB, three older files kept). Privacy:
records name files, counts, revisions and servers, never nicknames or what a student answered.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "quizapp.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_to_data_folder(folder: Path, *, max_bytes: int = MAX_BYTES) -> Path | None:
    """Log to ``folder / "quizapp.log"`` (replacing an earlier file of this process).

    Returns the log file, or ``None`` when the folder cannot be written (the app still runs;
    storage reports the folder problem itself).
    """
    stop_logging()
    logger = logging.getLogger("quizapp")
    path = Path(folder) / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _QuizappFile(path, maxBytes=max_bytes, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def current_log_file() -> Path | None:
    """The file :func:`log_to_data_folder` set up, if logging goes to one now."""
    for handler in logging.getLogger("quizapp").handlers:
        if isinstance(handler, _QuizappFile):
            return Path(handler.baseFilename)
    return None


def stop_logging() -> None:
    """Close the log file (the app ends, or a test is done with its folder)."""
    logger = logging.getLogger("quizapp")
    for handler in list(logger.handlers):
        if isinstance(handler, _QuizappFile):
            logger.removeHandler(handler)
            handler.close()


class _QuizappFile(RotatingFileHandler):
    """The app's own file handler (recognised when logging is set up again)."""
