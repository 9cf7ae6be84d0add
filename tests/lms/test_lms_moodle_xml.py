"""The Moodle XML export held to what Moodle's importer reads.

No Moodle server runs here, so each rule below is taken from Moodle's own code (the public
repository, read for this test): ``question/format/xml/format.php`` (``qformat_xml``: the
fields each ``import_*`` reads, ``trans_format``, ``xml_escape``'s CDATA), ``question/format.php``
(``importprocess``: every answer fraction must match ``question_bank::fraction_options_full``
within 0.00001, else the import stops), ``qtype_multichoice::save_question_options`` (a
single-answer question needs a 100 % answer; a multiple-answer question's positive fractions
must add up to 100 %, rounded to two places), ``qtype_truefalse`` (answers ``true`` / ``false``),
``qtype_match``'s edit form (at least 2 sub-questions and 3 rows), ``qtype_ordering``
(``import_from_xml`` and ``set_layout_select_count_grading``: the words it understands; grading
``RELATIVE_ALL_PREVIOUS_AND_NEXT`` in ``question.php``) and ``qtype_essay`` (response formats).
Moodle's own fixture ``tests/fixtures/error_invalid_grades.xml`` (fraction 33) is the case the
grade rule refuses. Then an independent reader of Moodle XML from PyPI reads the file.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest
from lms_support import LANGUAGES, SHIPPED
from moodle_xml_parser.parser import parse_bytes

from quizapp.core.content.loader import ContentLibrary
from quizapp.core.content.models import (
    CategorizeTask,
    OrderTask,
    Question,
    QuestionType,
)
from quizapp.core.responses import CategorizeResponse, OrderResponse
from quizapp.core.scoring import credit, score_categorize, score_order
from quizapp.lms.export import build_export
from quizapp.lms.losses import LmsFormat, LossKind
from quizapp.lms.moodle_xml import moodle_grade

# question_bank::fraction_options_full(): the grades Moodle accepts, and their negatives.
MOODLE_FRACTIONS = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333]
MOODLE_FRACTIONS += [0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0]
# qformat_xml::trans_format: any other name is read as html with a debugging notice.
TEXT_FORMATS = {"moodle_auto_format", "html", "plain_text", "wiki_like", "markdown"}
# qtype_essay's response formats.
ESSAY_FORMATS = {"editor", "editorfilepicker", "plain", "monospaced", "noinline"}
# qtype_ordering::set_layout_select_count_grading: words it maps; anything else is its default.
ORDERING_LAYOUTS = {"HORIZONTAL", "HORI", "H", "1", "VERTICAL", "VERT", "V", "0"}
ORDERING_SELECTS = {"ALL", "EXACT", "RANDOM", "REL", "CONTIGUOUS", "CONTIG"}
ORDERING_GRADINGS = {
    "ALL_OR_NOTHING", "ABS", "ABSOLUTE", "ABSOLUTE_POSITION", "REL", "RELATIVE",
    "RELATIVE_NEXT_EXCLUDE_LAST", "RELATIVE_NEXT_INCLUDE_LAST", "RELATIVE_ONE_PREVIOUS_AND_NEXT",
    "RELATIVE_ALL_PREVIOUS_AND_NEXT", "LONGEST_ORDERED_SUBSET", "LONGEST_CONTIGUOUS_SUBSET",
    "RELATIVE_TO_CORRECT",
}  # fmt: skip
# qformat_xml::import_question handles these itself; ordering comes through its qtype.
MOODLE_TYPES = {"category", "description", "multichoice", "truefalse", "matching", "essay"}
MOODLE_TYPES |= {"ordering"}


def moodle_accepts(fraction_percent: str) -> bool:
    """``match_grade_options($gradeoptionsfull, $fraction, 'error')`` on one answer."""
    fraction = float(fraction_percent) / 100
    return any(abs(fraction - value) < 0.00001 for value in MOODLE_FRACTIONS) or any(
        abs(fraction + value) < 0.00001 for value in MOODLE_FRACTIONS
    )


def exported(library: ContentLibrary, set_id: str, language: str) -> bytes:
    return build_export(library, [set_id], language, LmsFormat.MOODLE_XML).data


def questions(data: bytes) -> list[ET.Element]:
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    return root.findall("question")


def text_of(question: ET.Element, path: str) -> str:
    found = question.find(f"{path}/text")
    assert found is not None, f"{path}/text missing"
    return found.text or ""


def test_the_grade_rule_refuses_what_moodle_refuses() -> None:
    """Moodle's own fixture error_invalid_grades.xml fails on fraction 33; 33.33333 passes."""
    assert not moodle_accepts("33")
    assert moodle_accepts("33.33333") and moodle_accepts("-50") and moodle_accepts("100")
    for right in range(1, 9):  # a multiple-answer question has 1–8 right choices
        assert moodle_accepts(moodle_grade(100 / right)) and moodle_accepts(
            moodle_grade(-100 / right)
        )
    with pytest.raises(ValueError, match="no grade"):
        moodle_grade(33.0)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("set_id", SHIPPED)
def test_every_shipped_set_holds_to_moodles_importer(
    library: ContentLibrary, set_id: str, language: str
) -> None:
    data = exported(library, set_id, language)
    raw = data.decode("utf-8")
    found = questions(data)
    question_set = library.get_set(set_id, language)
    assert question_set is not None
    assert [q.get("type") for q in found[:2]] == ["category", "description"]
    assert len(found) == 2 + len(question_set.questions)
    assert text_of(found[0], "category").startswith("$course$/top/quizapp/")
    idnumbers = [q.findtext("idnumber") for q in found]
    assert len(set(idnumbers)) == len(idnumbers) and all(i and len(i) <= 100 for i in idnumbers)
    for question, task in zip(found[2:], question_set.questions, strict=True):
        kind = question.get("type")
        assert kind in MOODLE_TYPES
        assert text_of(question, "name") and len(text_of(question, "name")) <= 255
        for field in ("questiontext", "generalfeedback"):
            node = question.find(field)
            assert node is not None and node.get("format") in TEXT_FORMATS
        # The why travels: the explanation and every quote are in the general feedback.
        feedback = text_of(question, "generalfeedback")
        assert task.explanation in feedback
        assert all(c.quote.split()[0] in feedback for c in task.citations)
        assert question.findtext("idnumber") == f"quizapp.{set_id}.{language}.{task.id}"
        tags = [t.findtext("text") for t in question.findall("tags/tag")]
        assert f"skill:{task.skill.value}" in tags and f"level:{task.level.value}" in tags
        assert ("support-item" in tags) == (isinstance(task, Question) and task.support_item)
        CHECKS[kind](question, task)
    # HTML is in CDATA, as Moodle's exporter writes it: no escaped markup anywhere.
    assert "&lt;" not in raw
    html_texts = re.findall(r"<text>(.*?)</text>", raw, flags=re.DOTALL)
    assert all(t.startswith("<![CDATA[") for t in html_texts if "<p>" in t)


def _multichoice(question: ET.Element, task: object) -> None:
    assert isinstance(task, Question)
    single = question.findtext("single")
    assert single in ("true", "false")
    answers = question.findall("answer")
    assert len(answers) == len(task.choices) >= 2
    fractions = [a.get("fraction", "") for a in answers]
    assert all(moodle_accepts(f) for f in fractions), fractions
    if single == "true":
        assert task.type is QuestionType.SINGLE
        assert max(float(f) for f in fractions) == 100  # qtype_multichoice: "fractionsnomax"
    else:
        assert task.type is QuestionType.MULTIPLE
        positive = sum(float(f) for f in fractions if float(f) > 0) / 100
        assert round(positive, 2) == 1  # qtype_multichoice: "fractionsaddwrong"
        _moodle_multi_grade_is_quizapps(task, [float(f) / 100 for f in fractions])
    for answer, choice in zip(answers, task.choices, strict=True):
        assert answer.get("format") in TEXT_FORMATS
        assert choice.text.split()[0] in text_of(answer, ".")
        if choice.feedback:
            assert choice.feedback.split()[0] in text_of(answer, "feedback")


def _moodle_multi_grade_is_quizapps(task: Question, fractions: list[float]) -> None:
    """qtype_multichoice_multi_question::grade_response: the chosen fractions added up, kept
    between 0 and 1. For every possible answer, that is quizapp's credit."""
    ids = [choice.id for choice in task.choices]
    for size in range(len(ids) + 1):
        for chosen in itertools.combinations(range(len(ids)), size):
            moodle = min(max(sum(fractions[i] for i in chosen), 0.0), 1.0)
            ours = credit(task, [ids[i] for i in chosen]).value
            assert moodle == pytest.approx(ours, abs=1e-6), (chosen, moodle, ours)


def _truefalse(question: ET.Element, task: object) -> None:
    assert isinstance(task, Question) and task.type is QuestionType.TRUE_FALSE
    answers = {a.findtext("text"): a.get("fraction") for a in question.findall("answer")}
    # import_truefalse matches the texts "true" and "false"; anything else is the old guess.
    assert set(answers) == {"true", "false"}
    right = next(choice.id for choice in task.choices if choice.correct)
    assert answers[right] == "100" and set(answers.values()) == {"100", "0"}


def _matching(question: ET.Element, task: object) -> None:
    assert isinstance(task, CategorizeTask)
    subquestions = question.findall("subquestion")
    assert len(subquestions) >= 2 and len(subquestions) >= 3  # the edit form's minimum
    categories = {c.id: c.text for c in task.categories}
    for sub, statement in zip(subquestions, task.statements, strict=True):
        assert sub.get("format") in TEXT_FORMATS
        assert statement.text in text_of(sub, ".")
        assert text_of(sub, "answer") == categories[statement.category]
    # qtype_match_question::grade_response: right sub-questions over all of them.
    every = itertools.product(categories, repeat=len(task.statements))
    for assignment in itertools.islice(every, 3000):  # up to 4^8 answers: a sample is enough
        right = sum(a == s.category for a, s in zip(assignment, task.statements, strict=True))
        response = CategorizeResponse(
            assignments={s.id: a for a, s in zip(assignment, task.statements, strict=True)}
        )
        assert score_categorize(task, response).credit == right / len(subquestions)


def _ordering(question: ET.Element, task: object) -> None:
    assert isinstance(task, OrderTask)
    assert question.findtext("layouttype") in ORDERING_LAYOUTS
    assert question.findtext("selecttype") == "ALL" and "ALL" in ORDERING_SELECTS
    assert question.findtext("selectcount") == str(len(task.items))
    assert question.findtext("gradingtype") == "RELATIVE_ALL_PREVIOUS_AND_NEXT"
    assert question.findtext("gradingtype") in ORDERING_GRADINGS
    answers = [text_of(a, ".") for a in question.findall("answer")]
    assert answers == [item.text for item in task.items]  # the file order is the right order
    key = [item.id for item in task.items]
    for order in itertools.permutations(key):
        score = score_order(task, OrderResponse(order=tuple(order))).credit
        assert _moodle_all_previous_and_next(key, list(order)) == pytest.approx(score)


def _moodle_all_previous_and_next(correct: list[str], current: list[str]) -> float:
    """qtype_ordering_question::get_fraction for RELATIVE_ALL_PREVIOUS_AND_NEXT: per item, the
    items before and after it that are also before and after it in the right order."""
    right = counted = 0
    for item in correct:
        before = set(correct[: correct.index(item)])
        after = set(correct[correct.index(item) + 1 :])
        position = current.index(item)
        right += len(before & set(current[:position])) + len(after & set(current[position + 1 :]))
        counted += len(before) + len(after)
    return right / counted


def _essay(question: ET.Element, task: object) -> None:
    assert question.findtext("responseformat") in ESSAY_FORMATS
    assert question.findtext("responserequired") == "1"
    graderinfo = question.find("graderinfo")
    assert graderinfo is not None and graderinfo.get("format") in TEXT_FORMATS
    assert text_of(question, "graderinfo")
    assert text_of(question, "responsetemplate") == ""  # never the model answer in the box
    if task.type is QuestionType.SHORT_TEXT:
        assert question.findtext("maxwordlimit") == str(getattr(task, "max_words", None))
        assert getattr(task, "model_answer", "").split()[0] in text_of(question, "graderinfo")


CHECKS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "matching": _matching,
    "ordering": _ordering,
    "essay": _essay,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_independent_moodle_xml_reader_reads_the_choice_questions(
    library: ContentLibrary, language: str
) -> None:
    """PyPI's moodle-xml-parser (it reads multichoice and cloze) finds every choice question
    with its grades and feedback, and reports no error."""
    for set_id in SHIPPED:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):  # it prints its errors and goes on
            parsed = parse_bytes(exported(library, set_id, language))
        assert printed.getvalue() == ""
        question_set = library.get_set(set_id, language)
        assert question_set is not None
        choice = [
            q
            for q in question_set.questions
            if isinstance(q, Question) and q.type is not QuestionType.TRUE_FALSE
        ]
        assert len(parsed["multichoice"]) == len(choice)
        for read, task in zip(parsed["multichoice"], choice, strict=True):
            assert read.single == (task.type is QuestionType.SINGLE)
            assert len(read.options) == len(task.choices)
            assert [o.score_fraction > 0 for o in read.options] == [c.correct for c in task.choices]
            assert task.explanation in (read.general_feedback or "")


def test_the_same_export_twice_is_the_same_file(library: ContentLibrary) -> None:
    """Stable ids and bytes: importing again finds the same idnumbers."""
    assert exported(library, "why", "de") == exported(library, "why", "de")


def test_what_moodle_cannot_carry_is_named_in_the_file(library: ContentLibrary) -> None:
    export = build_export(library, ["beyond-the-article"], "en", LmsFormat.MOODLE_XML)
    kinds = {loss.kind for loss in export.losses}
    assert {
        LossKind.CONFIDENCE,
        LossKind.EVIDENCE_AS_ESSAY,
        LossKind.SHORT_TEXT_BY_TEACHER,
    } <= kinds
    note = export.data.decode("utf-8").split("<quiz>")[0]
    for loss in export.losses:
        assert loss.text() in note
    evidence = next(x for x in export.losses if x.kind is LossKind.EVIDENCE_AS_ESSAY)
    assert evidence.tasks == ("bt-10", "bt-18")


def test_several_sets_are_one_category_each(library: ContentLibrary) -> None:
    data = build_export(library, ["why", "what-happened"], "de", LmsFormat.MOODLE_XML).data
    categories = [q for q in questions(data) if q.get("type") == "category"]
    titles = [text_of(q, "category") for q in categories]
    why = library.get_set("why", "de")
    happened = library.get_set("what-happened", "de")
    assert why is not None and happened is not None
    assert titles == [f"$course$/top/quizapp/{why.title}", f"$course$/top/quizapp/{happened.title}"]


def test_hostile_texts_arrive_as_text(library: ContentLibrary) -> None:
    """Markup, a CDATA end, a control character and a slash in a title: the file stays
    well-formed, the markup is shown as text (escaped inside the CDATA), the slash does not
    make a sub-category (Moodle reads "//" as a slash in a name)."""
    why = library.get_set("why", "en")
    assert why is not None
    first = why.questions[0]
    assert isinstance(first, Question)
    hostile = "<script>alert(1)</script> ]]> \x07& done"
    choice = first.choices[0].model_copy(update={"text": hostile})
    task = first.model_copy(update={"choices": [choice, *first.choices[1:]]})
    odd = why.model_copy(update={"title": "8b/Politik", "questions": [task]})
    data = build_export(
        ContentLibrary(sources=library.sources, sets=[odd]), ["why"], "en", LmsFormat.MOODLE_XML
    ).data
    found = questions(data)  # well-formed, or this raises
    assert text_of(found[0], "category") == "$course$/top/quizapp/8b//Politik"
    answer = text_of(found[2].findall("answer")[0], ".")
    assert answer == "<p>&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; done</p>"
    qti = build_export(
        ContentLibrary(sources=library.sources, sets=[odd]), ["why"], "en", LmsFormat.QTI3
    ).data
    with zipfile.ZipFile(io.BytesIO(qti)) as archive:
        item = ET.fromstring(archive.read(f"items/why/{task.id}.xml"))
    texts = [e.text for e in item.iter() if e.tag.endswith("qti-simple-choice")]
    assert "<script>alert(1)</script> ]]> & done" in texts
