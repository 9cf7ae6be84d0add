"""A QTI 3.0 content package: ``imsmanifest.xml``, the items, the article as a shared
``qti-assessment-stimulus`` and an assessment test with one section per set.

Layout of the zip::

    imsmanifest.xml
    assessment-test.xml                 one section per set; the note on what is not carried
    stimuli/<source>.<language>.xml     the article, as the set's readers read it
    items/<set>/<task>.xml              one item per task (quizapp.lms.qti3_items)

Identifiers are built from the set, language and task ids, so the same set exported twice
gives the same identifiers (and, as the zip's dates are fixed, the same bytes).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from quizapp.core.content.articles import title_in
from quizapp.core.content.models import EvidenceTask, QuestionSet, SourceDocument
from quizapp.i18n import _
from quizapp.lms.item_text import (
    XHTML,
    XML_LANG,
    article_elements,
    child,
    stable_id,
    task_tags,
    xml_safe,
)
from quizapp.lms.losses import LossKind, LossList, note_lines
from quizapp.lms.qti3_items import QTI_NS, XSI_NS, Stimulus, item_identifier, qti_root, task_item
from quizapp.lms.qti3_rules import operator, outcome_declaration, set_outcome

CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
CP_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
TEST_FILE = "assessment-test.xml"
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed, so two exports of the same sets are equal


def qti3_files(
    sets: Sequence[tuple[QuestionSet, SourceDocument | None]], losses: LossList
) -> dict[str, bytes]:
    """Every file of the package for ``sets`` (one language), by its path in the zip.

    Call inside the sets' language (:func:`quizapp.reports.formatting.report_language`).
    """
    losses.add(LossKind.CONFIDENCE)
    language = sets[0][0].language
    files: dict[str, bytes] = {}
    resources: list[ET.Element] = []
    stimuli: dict[str, Stimulus] = {}
    sections: list[tuple[QuestionSet, list[tuple[str, str]]]] = []
    for question_set, source in sets:
        stimulus = None
        if source is not None:
            stimulus = stimuli.get(source.id)
            if stimulus is None:
                stimulus = _add_stimulus(files, resources, source, language)
                stimuli[source.id] = stimulus
        refs: list[tuple[str, str]] = []
        for task in question_set.questions:
            path = f"items/{question_set.id}/{task.id}.xml"
            relative = (
                Stimulus(stimulus.identifier, f"../../{stimulus.href}", stimulus.title)
                if stimulus
                else None
            )
            item = task_item(question_set, task, source, relative, losses)
            files[path] = _xml_bytes(item)
            identifier = item_identifier(question_set, task)
            refs.append((identifier, path))
            resource = _resource(identifier, "imsqti_item_xmlv3p0", path)
            _keywords(resource, task_tags(question_set, task))
            child(resource, "file", None, {"href": path})
            if stimulus is not None and not isinstance(task, EvidenceTask):
                child(resource, "dependency", None, {"identifierref": stimulus.identifier})
            resources.append(resource)
        sections.append((question_set, refs))
    note = note_lines(losses.losses())
    files[TEST_FILE] = _test(sections, language, note)
    test_resource = _resource(_test_id(sets), "imsqti_test_xmlv3p0", TEST_FILE)
    child(test_resource, "file", None, {"href": TEST_FILE})
    for _set, refs in sections:
        for identifier, _path in refs:
            child(test_resource, "dependency", None, {"identifierref": identifier})
    resources.insert(0, test_resource)
    files["imsmanifest.xml"] = _manifest(sets, resources, note)
    return files


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """The package as one zip, the manifest first."""
    buffer = io.BytesIO()
    order = ["imsmanifest.xml", *sorted(name for name in files if name != "imsmanifest.xml")]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def stimulus_identifier(source: SourceDocument, language: str) -> str:
    """The article's identifier in the package of one language."""
    return stable_id("article", source.id, language)


def _add_stimulus(
    files: dict[str, bytes], resources: list[ET.Element], source: SourceDocument, language: str
) -> Stimulus:
    identifier = stimulus_identifier(source, language)
    title = title_in(source, language)
    root = qti_root("qti-assessment-stimulus", identifier, title, language)
    body = child(root, "qti-stimulus-body")
    body.extend(article_elements(source, language, XHTML))
    path = f"stimuli/{source.id}.{language}.xml"
    files[path] = _xml_bytes(root)
    resource = _resource(identifier, "imsqti_stimulus_xmlv3p0", path)
    child(resource, "file", None, {"href": path})
    resources.append(resource)
    return Stimulus(identifier, path, title)


def _test_id(sets: Sequence[tuple[QuestionSet, SourceDocument | None]]) -> str:
    return stable_id("test", *(s.id for s, _source in sets), sets[0][0].language)


def _test(
    sections: list[tuple[QuestionSet, list[tuple[str, str]]]], language: str, note: list[str]
) -> bytes:
    sets = [(qset, None) for qset, _refs in sections]
    title = " · ".join(qset.title for qset, _refs in sections)
    root = qti_root("qti-assessment-test", _test_id(sets), title, language)
    root.append(outcome_declaration("SCORE", "float", 0))
    part = child(
        root,
        "qti-test-part",
        None,
        {"identifier": "part-1", "navigation-mode": "nonlinear", "submission-mode": "individual"},
    )
    for qset, refs in sections:
        section = child(
            part,
            "qti-assessment-section",
            None,
            {
                "identifier": stable_id("section", qset.id, language),
                "title": qset.title,
                "visible": "true",
            },
        )
        rubric = child(
            section, "qti-rubric-block", None, {"view": "author tutor", "use": "instructions"}
        )
        content = child(rubric, "qti-content-body")
        child(content, "p", qset.description)
        listed = child(content, "ul")
        for line in note:
            child(listed, "li", line)
        for identifier, path in refs:
            child(
                section, "qti-assessment-item-ref", None, {"identifier": identifier, "href": path}
            )
    processing = child(root, "qti-outcome-processing")
    processing.append(
        set_outcome(
            "SCORE",
            operator(
                "qti-sum",
                operator("qti-test-variables", attrs={"variable-identifier": "SCORE"}),
            ),
        )
    )
    return _xml_bytes(root, " ".join(note), indent=True)


def _resource(identifier: str, kind: str, href: str) -> ET.Element:
    return ET.Element("resource", {"identifier": identifier, "type": kind, "href": href})


def _keywords(resource: ET.Element, keywords: list[str]) -> None:
    metadata = child(resource, "metadata")
    general = child(child(metadata, "imsmd:lom"), "imsmd:general")
    for keyword in keywords:
        child(child(general, "imsmd:keyword"), "imsmd:string", keyword)


def _manifest(
    sets: Sequence[tuple[QuestionSet, SourceDocument | None]],
    resources: list[ET.Element],
    note: list[str],
) -> bytes:
    language = sets[0][0].language
    root = ET.Element(
        "manifest",
        {
            "xmlns": CP_NS,
            "xmlns:imsmd": LOM_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{CP_NS} {CP_XSD}",
            "identifier": stable_id("package", *(s.id for s, _source in sets), language),
        },
    )
    metadata = child(root, "metadata")
    child(metadata, "schema", "QTI Package")
    child(metadata, "schemaversion", "3.0.0")
    general = child(child(metadata, "imsmd:lom"), "imsmd:general")
    title = child(general, "imsmd:title")
    child(title, "imsmd:string", " · ".join(s.title for s, _source in sets), {XML_LANG: language})
    description = child(general, "imsmd:description")
    child(description, "imsmd:string", " ".join(note), {XML_LANG: language})
    child(root, "organizations")
    child(root, "resources").extend(resources)
    label = _("Exported from quizapp")
    return _xml_bytes(root, label, indent=True)


def _xml_bytes(root: ET.Element, comment: str | None = None, *, indent: bool = False) -> bytes:
    # Only files without running text are indented: in an item or the article, whitespace
    # between two pieces of text would show as a space.
    if indent:
        ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if comment is not None:
        head += "<!-- " + comment.replace("--", "–") + " -->\n"
    return xml_safe(head + text + "\n").encode("utf-8")


__all__ = ["QTI_NS", "qti3_files", "zip_bytes"]
