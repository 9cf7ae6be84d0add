"""The QTI 3.0 content package's own structure: manifest, references, identifiers, notes.

(That a player renders and scores the items is test_lms_qti3_player.py.)
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree as ET

import pytest
from lms_support import LANGUAGES, SHIPPED

from quizapp.core.content.loader import ContentLibrary
from quizapp.lms.export import build_export
from quizapp.lms.losses import LmsFormat, LossKind

CP = "{http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1}"
QTI = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
LOM = "{http://ltsc.ieee.org/xsd/LOM}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def files(library: ContentLibrary, set_ids: list[str], language: str) -> dict[str, bytes]:
    data = build_export(library, set_ids, language, LmsFormat.QTI3).data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist()[0] == "imsmanifest.xml"
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_manifest_lists_every_file_and_every_reference_resolves(
    library: ContentLibrary, language: str
) -> None:
    package = files(library, SHIPPED, language)
    manifest = ET.fromstring(package["imsmanifest.xml"])
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    identifiers = [r.get("identifier") for r in resources]
    assert len(set(identifiers)) == len(identifiers)
    listed = {f.get("href") for r in resources for f in r.findall(f"{CP}file")}
    assert listed == set(package) - {"imsmanifest.xml"}
    kinds = {r.get("type") for r in resources}
    assert kinds == {"imsqti_test_xmlv3p0", "imsqti_item_xmlv3p0", "imsqti_stimulus_xmlv3p0"}
    for resource in resources:
        for dependency in resource.findall(f"{CP}dependency"):
            assert dependency.get("identifierref") in identifiers
    items = [r for r in resources if r.get("type") == "imsqti_item_xmlv3p0"]
    for resource in items:
        keywords = [k.text for k in resource.iter(f"{LOM}string")]
        assert any(k and k.startswith("skill:") for k in keywords)
        path = resource.get("href")
        assert path is not None
        item = ET.fromstring(package[path])
        assert item.tag == f"{QTI}qti-assessment-item"
        assert item.get("identifier") == resource.get("identifier")
        assert item.get(XML_LANG) == language
        for ref in item.findall(f"{QTI}qti-assessment-stimulus-ref"):
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(path), ref.get("href", ""))
            )
            assert target in package
            assert ET.fromstring(package[target]).get("identifier") == ref.get("identifier")


def test_one_section_per_set_and_the_note_in_the_test(library: ContentLibrary) -> None:
    package = files(library, ["why", "beyond-the-article"], "de")
    test = ET.fromstring(package["assessment-test.xml"])
    sections = test.findall(f"{QTI}qti-test-part/{QTI}qti-assessment-section")
    assert [s.get("identifier") for s in sections] == [
        "quizapp.section.why.de",
        "quizapp.section.beyond-the-article.de",
    ]
    refs = sections[1].findall(f"{QTI}qti-assessment-item-ref")
    beyond = library.get_set("beyond-the-article", "de")
    assert beyond is not None
    assert [r.get("identifier") for r in refs] == [
        f"quizapp.beyond-the-article.de.{t.id}" for t in beyond.questions
    ]
    head = package["assessment-test.xml"].decode("utf-8").split("<qti-assessment-test")[0]
    # The note is in the set's language (German), in a comment and the tutors' rubric block.
    assert "Wie sicher sich Schülerinnen und Schüler waren" in head
    block = sections[1].find(f"{QTI}qti-rubric-block")
    assert block is not None
    rubric = "".join(block.itertext())
    assert "bt-10, bt-18" in rubric


def test_the_same_export_twice_is_the_same_package(library: ContentLibrary) -> None:
    first = build_export(library, ["why"], "en", LmsFormat.QTI3).data
    assert build_export(library, ["why"], "en", LmsFormat.QTI3).data == first


def test_what_qti_cannot_carry_is_named(library: ContentLibrary) -> None:
    export = build_export(library, ["beyond-the-article"], "en", LmsFormat.QTI3)
    kinds = {loss.kind: loss.tasks for loss in export.losses}
    assert kinds[LossKind.CONFIDENCE] == ()
    assert kinds[LossKind.ORDER_CUSTOM_SCORING] == ("bt-02", "bt-19")
    assert kinds[LossKind.EVIDENCE_SPANS] == ("bt-10", "bt-18")
    assert LossKind.EVIDENCE_AS_ESSAY not in kinds  # that is Moodle's loss
