"""The results exchange file: its shape, and reading it back with every check done up front.

A file is one JSON object (optionally gzip-compressed)::

    {"format": "quizapp-results", "version": 1, "machine_id": "...", "exported_at": "...Z",
     "app_version": "...", "sha256": "<hex>", "payload": {"students": [...],
     "attempts": [...], "answers": [...]}}

``sha256`` is taken over the payload in canonical JSON (sorted keys, no spaces, UTF-8), so a
truncated, damaged or edited file is refused before anything is written. Rows refer to each
other by UUID (an attempt names its student, an answer its attempt), never by database id.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from quizapp.core.content.bounded_read import (
    BoundedReadError,
    ReadProblem,
    inflate_gzip,
    read_regular_file,
)
from quizapp.i18n import N_, _
from quizapp.storage.rows.answer import AnswerOut as AnswerOut
from quizapp.storage.rows.attempt import AttemptOut as AttemptOut
from quizapp.storage.rows.fields import FileRow, Moment
from quizapp.storage.rows.student import StudentOut as StudentOut
from quizapp.user_error import UserFacingError, shown_path

FORMAT_TAG = "quizapp-results"
FORMAT_VERSION = 1
_GZIP_MAGIC = b"\x1f\x8b"
#: The largest results file read, compressed or not, and the most its JSON may inflate to.
#: One answer takes about 330 bytes, so this holds some 100,000 answers: a whole school year.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_JSON_BYTES = 32 * 1024 * 1024
#: Rows may be dated at most this long after the file says it was exported (clock drift).
_CLOCK_SLACK = timedelta(days=1)


class Payload(FileRow):
    """The rows of one export."""

    students: list[StudentOut] = Field(default_factory=list)
    attempts: list[AttemptOut] = Field(default_factory=list)
    answers: list[AnswerOut] = Field(default_factory=list)


class ResultsFile(BaseModel):
    """A checked exchange file: where it came from and its rows."""

    machine_id: Annotated[str, StringConstraints(max_length=64)]
    exported_at: Moment
    app_version: Annotated[str, StringConstraints(max_length=64)] = ""
    payload: Payload

    @model_validator(mode="after")
    def _not_after_export(self) -> ResultsFile:
        """No row may be dated after the export (beyond a day of clock drift)."""
        latest = self.exported_at + _CLOCK_SLACK
        rows = self.payload
        for kind, index, moment in (
            *(("students", i, s.created_at) for i, s in enumerate(rows.students)),
            *(("attempts", i, a.started_at) for i, a in enumerate(rows.attempts)),
            *(("attempts", i, a.finished_at) for i, a in enumerate(rows.attempts)),
            *(("answers", i, a.answered_at) for i, a in enumerate(rows.answers)),
        ):
            if moment is not None and moment > latest:
                raise ValueError(f"payload.{kind}.{index}: dated after the export")
        return self


class ExchangeError(UserFacingError):
    """An exchange file could not be written or read; nothing was imported from it."""


_HINT_AGAIN = N_(
    "Export the results again on the computer the file came from and copy the new file."
)


def _error(path: Path, message: str, detail: str = "", hint: str = _HINT_AGAIN) -> ExchangeError:
    text = _(message) % {"path": shown_path(path)}
    if detail:
        text += f" ({detail})"
    return ExchangeError(text, _(hint), path)


def canonical_json(payload: dict[str, Any]) -> bytes:
    """The payload's bytes for the checksum: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def checksum(payload: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical payload."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def envelope(payload: dict[str, Any], machine_id: str, exported_at: str, app_version: str) -> bytes:
    """The whole file's bytes (uncompressed) for ``payload``."""
    body = canonical_json(payload)
    head = {
        "format": FORMAT_TAG,
        "version": FORMAT_VERSION,
        "machine_id": machine_id,
        "exported_at": exported_at,
        "app_version": app_version,
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    # The payload is spliced in as the bytes that were hashed, so it is serialised only once.
    return json.dumps(head, ensure_ascii=False).encode()[:-1] + b', "payload": ' + body + b"}"


@dataclass(frozen=True)
class CheckedFile:
    """A results file that passed every check, kept small: its path and the SHA-256 of its
    bytes (not its rows), so checking many files needs the memory of one."""

    path: Path
    sha256: str


def check_results_file(path: Path) -> CheckedFile:
    """Check ``path`` completely like :func:`read_results_file`, keeping only its digest."""
    _checked, digest = _read(path)
    return CheckedFile(path, digest)


def read_results_file(path: Path, expected: CheckedFile | None = None) -> ResultsFile:
    """Read and check an exchange file completely; raise :class:`ExchangeError` if it is bad.

    Checks: readable, (gzip and) JSON, the format tag, a version this app knows, the checksum,
    every row's fields, no UUID twice, that every attempt's student and every answer's
    attempt is in the file, that no rows contradict each other (see :func:`_contradictions`)
    and that the file was not exported later than this computer's clock says it is now.
    With ``expected`` (the same file as checked before), its bytes must not have changed since.
    """
    checked, digest = _read(path)
    if expected is not None and digest != expected.sha256:
        raise _error(
            path,
            N_("%(path)s was changed after it was checked; it was not imported."),
            hint=N_("Import the file again once nothing writes to it any more."),
        )
    return checked


def _read(path: Path) -> tuple[ResultsFile, str]:
    data, digest = _load_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT_TAG:
        raise _error(
            path,
            N_("%(path)s is not a quizapp results file."),
            hint=N_(
                "Choose a file made with “Export this computer’s results” in the teacher area "
                "(or with “quizapp results export”)."
            ),
        )
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
        raise _error(
            path,
            N_("%(path)s was written by a newer version of quizapp."),
            hint=N_("Install the newer version of quizapp to import it."),
        )
    payload = data.get("payload")
    try:
        if not isinstance(payload, dict) or checksum(payload) != data.get("sha256"):
            raise _error(path, N_("%(path)s is damaged or was changed after it was exported."))
        checked = _validated(data, payload)
    except _Invalid as exc:
        raise _error(path, N_("%(path)s contains invalid data."), str(exc)) from exc
    except RecursionError:
        raise _error(path, N_("%(path)s contains invalid data."), "nested too deeply") from None
    except UnicodeEncodeError:
        # A lone surrogate ("\\ud800") is valid JSON but no text: it has no UTF-8 bytes.
        raise _error(path, N_("%(path)s contains invalid data."), "lone surrogate") from None
    except ValidationError as exc:
        raise _error(path, N_("%(path)s contains invalid data."), _detail(exc)) from exc
    del data, payload  # the rows live on in ``checked`` only
    _check_references(path, checked.payload)
    _check_not_from_the_future(path, checked.exported_at)
    return checked, digest


def _check_not_from_the_future(path: Path, exported_at: datetime) -> None:
    """A file cannot have been exported later than now (this computer's clock, a day of
    drift allowed): its rows' times would all be made up."""
    now = datetime.now(UTC).replace(tzinfo=None)
    if exported_at > now + _CLOCK_SLACK:
        raise ExchangeError(
            _(
                "%(path)s says it was exported on %(date)s, which is later than this "
                "computer’s clock; nothing was imported."
            )
            % {"path": shown_path(path), "date": exported_at.strftime("%Y-%m-%d")},
            _(
                "Check the date and time of this computer and of the computer the file came "
                "from, then export the results there again."
            ),
            path,
        )


class _Invalid(ValueError):
    """A value of the file is refused; the text names where (``payload.answers.3.seconds``)."""


_ROW_MODELS: dict[str, type[FileRow]] = {
    "students": StudentOut,
    "attempts": AttemptOut,
    "answers": AnswerOut,
}


def _detail(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in (*prefix, *first["loc"]))
    return f"{where}: {first['msg']}"


def _validated(data: dict[str, Any], payload: dict[str, Any]) -> ResultsFile:
    """The checked file, validated row by row: each row's JSON is let go as soon as it is a
    model, so a file's rows are in memory once, not twice (as JSON and as models)."""
    unknown = sorted(set(payload) - set(_ROW_MODELS))
    if unknown:
        raise _Invalid(f"payload.{unknown[0]}: Extra inputs are not permitted")
    rows: dict[str, list[Any]] = {}
    for kind, model in _ROW_MODELS.items():
        items = payload.get(kind, [])
        if not isinstance(items, list):
            raise _Invalid(f"payload.{kind}: Input should be a valid list")
        done = []
        for index, item in enumerate(items):
            try:
                done.append(model.model_validate(item, strict=False))
            except ValidationError as exc:
                raise _Invalid(_detail(exc, ("payload", kind, index))) from exc
            items[index] = None
        rows[kind] = done
    head = {key: data[key] for key in ("machine_id", "exported_at", "app_version") if key in data}
    checked = Payload.model_construct(
        students=rows["students"], attempts=rows["attempts"], answers=rows["answers"]
    )
    return ResultsFile.model_validate(head | {"payload": checked}, strict=False)


def _load_json(path: Path) -> tuple[Any, str]:
    """The file's JSON, and the SHA-256 of its bytes as stored (compressed or not)."""
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
        digest = hashlib.sha256(raw).hexdigest()
        if raw.startswith(_GZIP_MAGIC):
            raw = inflate_gzip(raw, MAX_JSON_BYTES)
    except BoundedReadError as exc:
        raise _read_error(path, exc) from exc
    if len(raw) > MAX_JSON_BYTES:
        raise _read_error(path, BoundedReadError(ReadProblem.TOO_LARGE, MAX_JSON_BYTES))
    try:
        return json.loads(raw), digest
    except RecursionError:
        raise _error(path, N_("%(path)s contains invalid data."), "nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as exc:
        # A cut-off copy fails here: the closing brace is missing.
        raise _error(path, N_("%(path)s is incomplete or damaged."), type(exc).__name__) from exc


def _read_error(path: Path, exc: BoundedReadError) -> ExchangeError:
    if exc.problem is ReadProblem.TOO_LARGE:
        return ExchangeError(
            _("%(path)s is too large to be a results file (more than %(size)d MB).")
            % {"path": shown_path(path), "size": exc.limit // (1024 * 1024)},
            _(
                "Results files are a few megabytes at most. Export the results again on the "
                "computer the file came from."
            ),
            path,
        )
    if exc.problem is ReadProblem.NOT_A_FILE:
        return _error(
            path,
            N_("%(path)s is not a file (a folder, pipe or device)."),
            hint=N_("Choose the results file itself."),
        )
    if exc.problem is ReadProblem.DAMAGED:
        return _error(path, N_("%(path)s is incomplete or damaged."), exc.detail)
    return _error(
        path,
        N_("quizapp cannot read %(path)s."),
        exc.detail,
        hint=N_("Check the file name and that the drive is connected."),
    )


def _check_references(path: Path, payload: Payload) -> None:
    problems = []
    for kind, rows in (
        ("students", payload.students),
        ("attempts", payload.attempts),
        ("answers", payload.answers),
    ):
        uuids = [row.uuid for row in rows]
        if len(set(uuids)) != len(uuids):
            problems.append(f"{kind}: duplicate uuid")
    students = {row.uuid for row in payload.students}
    attempts = {row.uuid for row in payload.attempts}
    if any(row.student not in students for row in payload.attempts):
        problems.append("attempts: unknown student")
    if any(row.attempt not in attempts for row in payload.answers):
        problems.append("answers: unknown attempt")
    seen: set[tuple[str, str]] = set()
    for row in payload.answers:
        key = (row.attempt, row.question_id)
        if key in seen:
            problems.append("answers: question answered twice in one attempt")
            break
        seen.add(key)
    problems += _contradictions(payload)
    if problems:
        raise _error(path, N_("%(path)s contains invalid data."), "; ".join(problems))


#: Times of one machine that may disagree by this much (its clock set while a student worked).
_ORDER_SLACK = timedelta(minutes=5)


def _contradictions(payload: Payload) -> list[str]:
    """Rows that contradict each other: the app never writes them, so the file was made up.

    An answer to a question its attempt does not list, a question listed twice in an attempt,
    an answer given before its attempt started, an attempt finished before it started.
    """
    problems: list[str] = []
    attempts = {row.uuid: row for row in payload.attempts}
    for index, attempt in enumerate(payload.attempts):
        if len(set(attempt.question_ids)) != len(attempt.question_ids):
            problems.append(f"attempts.{index}: a question listed twice")
        elif attempt.finished_at is not None and (
            attempt.finished_at + _ORDER_SLACK < attempt.started_at
        ):
            problems.append(f"attempts.{index}: finished before it started")
        if problems:
            return problems  # the first one is enough to name the file as made up
    for index, answer in enumerate(payload.answers):
        attempt = attempts[answer.attempt]  # every answer's attempt is in the file (checked)
        if answer.question_id not in attempt.question_ids:
            return [f"answers.{index}: a question its attempt does not list"]
        if answer.answered_at + _ORDER_SLACK < attempt.started_at:
            return [f"answers.{index}: answered before its attempt started"]
    return problems
