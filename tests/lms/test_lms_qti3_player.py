"""QTI 3.0 packages opened by a real QTI 3 player and converted by an independent converter.

Every item of every shipped set, in both languages, is rendered by Citolab's qti-components in
headless Chromium (:mod:`qti_player`): its interaction must render, and a right and a wrong
answer must be scored by the player's own response processing exactly as quizapp's scoring
module scores the same answer (the short text is scored by a person there, as promised). The
same packages are converted to QTI 2.1 by PyPI's ``citolab-qti-convert``.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from lms_support import LANGUAGES, SHIPPED
from qti_convert import downgrade_package
from qti_player import Case, play, screenshot

from quizapp.core.content.loader import ContentLibrary
from quizapp.core.content.models import (
    CategorizeTask,
    EvidenceTask,
    OrderTask,
    Question,
    QuestionSet,
    QuestionType,
    ShortTextTask,
    SourceDocument,
    Task,
)
from quizapp.core.responses import CategorizeResponse, EvidenceResponse, Mark, OrderResponse
from quizapp.core.scoring import credit, score_categorize, score_evidence, score_order
from quizapp.lms.export import build_export
from quizapp.lms.losses import LmsFormat
from quizapp.lms.qti3_hottext import Piece, article_pieces

QTI = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
INTERACTIONS = {
    QuestionType.SINGLE: "qti-choice-interaction",
    QuestionType.MULTIPLE: "qti-choice-interaction",
    QuestionType.TRUE_FALSE: "qti-choice-interaction",
    QuestionType.ORDER: "qti-order-interaction",
    QuestionType.CATEGORIZE: "qti-match-interaction",
    QuestionType.EVIDENCE: "qti-hottext-interaction",
    QuestionType.SHORT_TEXT: "qti-extended-text-interaction",
}


@dataclass
class Expected:
    """A case and the credit quizapp gives the same answer (``None``: scored by a person)."""

    case: Case
    credit: float | None


def package(library: ContentLibrary, language: str, folder: Path) -> Path:
    """Every shipped set in one QTI package (one section each), unpacked into ``folder``."""
    data = build_export(library, SHIPPED, language, LmsFormat.QTI3).data
    archive = folder / f"quizapp.{language}.zip"
    archive.write_bytes(data)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder / language)
    return archive


def _choice_cases(task: Question, path: Path) -> list[Expected]:
    name, kind = task.id, INTERACTIONS[task.type]
    right = sorted(task.correct_ids)
    wrong = [c.id for c in task.choices if not c.correct]
    answers = [right, [wrong[0]]]
    if task.type is QuestionType.MULTIPLE:
        answers.append([*right[:-1], wrong[0]])  # partly right: quizapp's rule gives (k-2)/k
    return [
        Expected(Case(f"{name}/{i}", path, kind, clicks=picked), credit(task, picked).value)
        for i, picked in enumerate(answers)
    ]


def _order_cases(task: OrderTask, path: Path) -> list[Expected]:
    key = [item.id for item in task.items]
    orders = [key, key[1:] + key[:1], key[::-1]]
    return [
        Expected(
            Case(f"{task.id}/{i}", path, INTERACTIONS[task.type], response=order),
            score_order(task, OrderResponse(order=tuple(order))).credit,
        )
        for i, order in enumerate(orders)
    ]


def _categorize_cases(task: CategorizeTask, path: Path) -> list[Expected]:
    right = {s.id: s.category for s in task.statements}
    other = next(c.id for c in task.categories if c.id != task.statements[0].category)
    wrong = right | {task.statements[0].id: other}
    return [
        Expected(
            Case(
                f"{task.id}/{i}",
                path,
                INTERACTIONS[task.type],
                # Set, not clicked: qti-components 7.27's grid keeps only the last rows' radio
                # buttons when each statement may have one category (match-max 1).
                response=[f"{s} {c}" for s, c in assignment.items()],
            ),
            score_categorize(task, CategorizeResponse(assignments=assignment)).credit,
        )
        for i, assignment in enumerate([right, wrong])
    ]


def _evidence_cases(
    task: EvidenceTask, path: Path, source: SourceDocument, language: str
) -> list[Expected]:
    pieces = [
        piece
        for shown in article_pieces(task, source, language)
        for _start, _end, piece in shown.parts
        if piece is not None
    ]
    texts = {
        piece.identifier: shown.text[piece.start : piece.end]
        for shown in article_pieces(task, source, language)
        for _s, _e, piece in shown.parts
        if piece is not None
    }
    cited = next(p for p in pieces if p.cited)
    long_wrong = max((p for p in pieces if not p.cited), key=lambda p: p.words)
    picks = [[cited], [long_wrong], [cited, long_wrong]]

    def quizapp(picked: list[Piece]) -> float:
        marks = tuple(
            Mark(
                paragraph=p.paragraph,
                layer=p.layer,
                start=p.start,
                end=p.end,
                text=texts[p.identifier],
            )
            for p in picked
        )
        return score_evidence(task, EvidenceResponse(marks=marks), source, language).credit

    return [
        Expected(
            Case(
                f"{task.id}/{i}",
                path,
                INTERACTIONS[task.type],
                clicks=[p.identifier for p in picked],
            ),
            quizapp(picked),
        )
        for i, picked in enumerate(picks)
    ]


def _short_text_cases(task: ShortTextTask, path: Path) -> list[Expected]:
    typed = " ".join(task.model_answer.split()[: min(8, task.max_words)])  # in the set's language
    case = Case(f"{task.id}/0", path, INTERACTIONS[task.type], typed=typed)
    return [Expected(case, None)]


def expected_cases(
    question_set: QuestionSet, source: SourceDocument, folder: Path
) -> list[Expected]:
    """Right and wrong answers to every task of ``question_set`` with quizapp's credit."""
    builders: dict[type, Callable[[Task, Path], list[Expected]]] = {
        Question: _choice_cases,  # type: ignore[dict-item]
        OrderTask: _order_cases,  # type: ignore[dict-item]
        CategorizeTask: _categorize_cases,  # type: ignore[dict-item]
        ShortTextTask: _short_text_cases,  # type: ignore[dict-item]
    }
    found: list[Expected] = []
    for task in question_set.questions:
        path = folder / "items" / question_set.id / f"{task.id}.xml"
        if isinstance(task, EvidenceTask):
            found.extend(_evidence_cases(task, path, source, question_set.language))
        else:
            found.extend(builders[type(task)](task, path))
    for expected in found:
        expected.case.name = f"{question_set.id}:{expected.case.name}"
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_item_renders_and_scores_in_a_real_qti3_player(
    library: ContentLibrary, language: str, tmp_path: Path
) -> None:
    package(library, language, tmp_path)
    folder = tmp_path / language
    source = library.sources["sora-leak"]
    expected: list[Expected] = []
    for set_id in SHIPPED:
        question_set = library.get_set(set_id, language)
        assert question_set is not None
        expected.extend(expected_cases(question_set, source, folder))
    results = play([e.case for e in expected], tmp_path)
    kinds_seen: set[str] = set()
    for entry in expected:
        found = results[entry.case.name]
        assert "error" not in found, found
        assert found["rendered"], f"{entry.case.name}: {entry.case.interaction} did not render"
        assert found["stimulus"] or entry.case.interaction == "qti-hottext-interaction"
        assert found["feedbackBefore"] == 0 and found["feedbackAfter"] == 1, found
        score = float(found["score"])
        if entry.credit is None:  # scored by a person: the player leaves it at 0
            assert score == 0.0 and found["response"] == entry.case.typed
        else:
            assert score == pytest.approx(entry.credit, abs=0.001), (entry.case, found)
        kinds_seen.add(entry.case.interaction)
    assert kinds_seen == set(INTERACTIONS.values())


def test_picked_choices_show_their_own_feedback(library: ContentLibrary, tmp_path: Path) -> None:
    """The player shows the feedback of exactly the picked choices (one, or several)."""
    package(library, "en", tmp_path)
    cases: list[tuple[Case, int]] = []
    for set_id in ("what-happened", "beyond-the-article"):
        question_set = library.get_set(set_id, "en")
        assert question_set is not None
        for task in question_set.questions:
            if not isinstance(task, Question):
                continue
            picked = [c.id for c in task.choices if c.correct] + [
                next(c.id for c in task.choices if not c.correct)
            ]
            picked = picked if task.type is QuestionType.MULTIPLE else picked[-1:]
            with_feedback = sum(1 for c in task.choices if c.id in picked and c.feedback)
            path = tmp_path / "en" / "items" / set_id / f"{task.id}.xml"
            cases.append(
                (Case(task.id, path, "qti-choice-interaction", clicks=picked), with_feedback)
            )
    found = play([case for case, _n in cases], tmp_path)
    assert any(n > 1 for _case, n in cases)  # multiple-answer questions are among them
    for case, with_feedback in cases:
        assert found[case.name]["inlineFeedback"] == with_feedback, case.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_packages_convert_to_qti_21(
    library: ContentLibrary, language: str, tmp_path: Path
) -> None:
    """citolab-qti-convert (PyPI) downgrades every package to QTI 2.1: every item and the test
    convert, the shared article is put into each item that refers to it."""
    archive = package(library, language, tmp_path)
    result = downgrade_package(str(archive), str(tmp_path / "qti21.zip"))
    items = [name for name in result.files if name.startswith("items/")]
    assert len(items) == sum(
        len(s.questions) for s in library.sets if s.language == language and s.id in SHIPPED
    )
    for name in items:
        root = ET.fromstring(result.files[name])
        assert root.tag == "{http://www.imsglobal.org/xsd/imsqti_v2p1}assessmentItem", name
    # What the converter reports is only what QTI 2.1 lacks: the article inlined, the scorer
    # view of rubric blocks and human scoring, the player hint of where the article goes.
    codes = {warning.code for warning in result.warnings}
    assert codes <= {
        "stimulus-inlined",
        "removed-attribute",
        "data-attributes-removed",
        "shared-vocabulary-stylesheet",
    }, codes
    test = ET.fromstring(result.files["assessment-test.xml"])
    assert test.tag.endswith("assessmentTest")


def test_one_item_of_each_type_as_the_player_shows_it(
    library: ContentLibrary, tmp_path: Path
) -> None:
    """Screenshots: one answered item per type. Into ``$QUIZAPP_LMS_SCREENSHOTS`` when set
    (``build/screenshots/lms`` for the docs), else a temporary folder."""
    package(library, "en", tmp_path)
    folder = tmp_path / "en"
    source = library.sources["sora-leak"]
    picks = {
        QuestionType.SINGLE: "beyond-the-article",
        QuestionType.MULTIPLE: "beyond-the-article",
        QuestionType.TRUE_FALSE: "what-happened",
        QuestionType.ORDER: "beyond-the-article",
        QuestionType.CATEGORIZE: "beyond-the-article",
        QuestionType.EVIDENCE: "beyond-the-article",
        QuestionType.SHORT_TEXT: "beyond-the-article",
    }
    target = Path(os.environ.get("QUIZAPP_LMS_SCREENSHOTS", tmp_path / "screenshots"))
    for kind, set_id in picks.items():
        question_set = library.get_set(set_id, "en")
        assert question_set is not None
        task = next(t for t in question_set.questions if t.type is kind)
        case = expected_cases(question_set.model_copy(update={"questions": [task]}), source, folder)
        shot = screenshot(case[0].case, target / f"en-{kind.value}.png", tmp_path)
        assert shot.stat().st_size > 10_000
