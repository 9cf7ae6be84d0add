"""What the LMS export tests share: the shipped sets and languages, and Moodle's rules."""

from __future__ import annotations

from quizapp.paths import content_dir

#: Every shipped set id: the exports must handle them all, in both languages.
SHIPPED = sorted({path.name.split(".")[0] for path in (content_dir() / "sets").glob("*.yaml")})
LANGUAGES = ("de", "en")
