"""Benchmark: load + validate a generated 5,000-question bank vs. ``yaml.load`` (CSafeLoader).

The floor is the least any YAML-based loader must do: parse the same files into Python objects
with PyYAML's C loader. quizapp additionally keeps positions, validates with pydantic, checks
every citation against the article and checks language parity.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from measure import ROOT, Row, time_calls

QUESTIONS = 5_000
SETS = 10  # 500 questions per set and language, in German and English


def _question(n: int, english: bool) -> str:
    translation = '\n        translation: "as The Verge reports"' if english else ""
    return f"""  - id: q-{n:05d}
    type: single
    prompt: "Question {n}: who reports the leak?"
    choices:
      - id: a
        text: "The Verge"
        correct: true
        feedback: "Right: the article names The Verge."
      - id: b
        text: "OpenAI"
        correct: false
        feedback: "OpenAI is not quoted."
      - id: c
        text: "Hugging Face"
        correct: false
        feedback: "The open letter is on Hugging Face; the report is by The Verge."
    explanation: "The article relies on The Verge for the leak."
    citations:
      - paragraph: p2
        quote: "wie The Verge berichtet"{translation}
    skill: sourcing
    difficulty: {n % 3 + 1}
    level: recall
"""


def generate_bank(folder: Path) -> Path:
    """Write the bank (sets in de and en plus the shipped source) into ``folder``."""
    (folder / "sets").mkdir(parents=True)
    (folder / "sources").mkdir()
    shutil.copy(ROOT / "content" / "sources" / "sora-leak.yaml", folder / "sources")
    per_set = QUESTIONS // SETS
    for s in range(SETS):
        for lang in ("de", "en"):
            head = (
                "# yaml-language-server: $schema=../schema/question-set.schema.json\n"
                f'id: bank-{s}\nlanguage: {lang}\ntitle: "Bank {s}"\n'
                'description: "Generated"\nsource: sora-leak\nquestions:\n'
            )
            body = "".join(_question(s * per_set + i, lang == "en") for i in range(per_set))
            (folder / "sets" / f"bank-{s}.{lang}.yaml").write_text(head + body, encoding="utf-8")
    return folder


def run(runs: int = 5) -> Row:
    """Median seconds of the full load+validate beside the median of the bare C parse."""
    from quizapp.core.content.loader import load_content

    with tempfile.TemporaryDirectory() as tmp:
        bank = generate_bank(Path(tmp) / "bank")
        files = sorted(bank.rglob("*.yaml"))

        def floor() -> None:
            for path in files:
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

        def quizapp() -> None:
            library = load_content([bank])
            assert not library.errors, library.errors[:3]
            assert sum(len(s.questions) for s in library.sets) == 2 * QUESTIONS

        quizapp()  # warm imports
        return Row(
            what=f"load + validate {QUESTIONS:,} questions (de + en)",
            value=time_calls(quizapp, runs),
            floor=time_calls(floor, runs),
            unit="s",
            target=1.5,
            floor_what="`yaml.load` with CSafeLoader, same files",
        )


if __name__ == "__main__":
    from measure import print_table

    print_table([run()])
