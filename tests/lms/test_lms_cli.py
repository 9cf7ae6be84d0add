"""``quizapp export``: run in-process through ``quizapp.cli.main``, writing real files."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from quizapp.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_moodle_xml_to_a_file_names_what_is_not_carried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "bt.xml"
    argv = ["--data-dir", str(tmp_path / "data"), "export", "--format", "moodle-xml"]
    code, out, err = run(
        [*argv, "--set", "beyond-the-article", "--lang", "de", "--out", str(target)], capsys
    )
    assert (code, err) == (0, "")
    assert f"Written: {target}" in out
    assert "bt-10, bt-18: Moodle has no question where students mark words" in out
    assert "confidence" in out
    # The file's own note is in the set's language (German), the output in the user's.
    assert ET.fromstring(target.read_bytes()).tag == "quiz"


def test_moodle_xml_to_standard_output_keeps_the_list_on_stderr(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code = main(
        [
            "--data-dir",
            str(tmp_path),
            "export",
            "--format",
            "moodle-xml",
            "--set",
            "why",
            "--lang",
            "en",
            "--out",
            "-",
        ]
    )
    out, err = capsysbinary.readouterr()
    assert code == 0
    assert ET.fromstring(out).tag == "quiz"
    assert b"confidence" in err


def test_qti3_package_with_two_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "sets.zip"
    code, out, _err = run(
        [
            "--data-dir",
            str(tmp_path / "d"),
            "export",
            "--format",
            "qti3",
            "--set",
            "why",
            "--set",
            "what-happened",
            "--lang",
            "en",
            "--out",
            str(target),
        ],
        capsys,
    )
    assert code == 0 and "Written" in out
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert names[0] == "imsmanifest.xml" and "assessment-test.xml" in names
    assert "stimuli/sora-leak.en.xml" in names
    assert any(name.startswith("items/why/") for name in names)
    assert any(name.startswith("items/what-happened/") for name in names)


def test_an_unknown_set_is_refused_with_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        [
            "--data-dir",
            str(tmp_path),
            "export",
            "--format",
            "qti3",
            "--set",
            "nope",
            "--lang",
            "de",
            "--out",
            str(tmp_path / "x.zip"),
        ],
        capsys,
    )
    assert code == 1 and out == ""
    assert "There is no question set “nope”" in err and "what-happened" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.zip").exists()


def test_the_output_path_rules_of_reports_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    code, _out, err = run(
        [
            "--data-dir",
            str(data),
            "export",
            "--format",
            "moodle-xml",
            "--set",
            "why",
            "--lang",
            "de",
            "--out",
            str(data / "why.xml"),
        ],
        capsys,
    )
    assert code == 1 and "data folder" in err and not (data / "why.xml").exists()
    real = tmp_path / "real.xml"
    real.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.xml"
    os.symlink(real, link)
    code, _out, err = run(
        [
            "--data-dir",
            str(data),
            "export",
            "--format",
            "moodle-xml",
            "--set",
            "why",
            "--lang",
            "de",
            "--out",
            str(link),
        ],
        capsys,
    )
    assert code == 1 and "link" in err and real.read_text(encoding="utf-8") == "keep"
    code, _out, err = run(
        [
            "--data-dir",
            str(data),
            "export",
            "--format",
            "moodle-xml",
            "--set",
            "why",
            "--lang",
            "de",
            "--out",
            str(tmp_path / "missing" / "x.xml"),
        ],
        capsys,
    )
    assert code == 1 and "does not exist" in err


def test_messages_follow_the_users_language_not_the_sets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    target = tmp_path / "why.en.xml"
    code, out, _err = run(
        [
            "--data-dir",
            str(tmp_path / "d"),
            "export",
            "--format",
            "moodle-xml",
            "--set",
            "why",
            "--lang",
            "en",
            "--out",
            str(target),
        ],
        capsys,
    )
    assert code == 0 and "Geschrieben" in out
    head = target.read_text(encoding="utf-8").split("<quiz>")[0]
    assert "what this file does not carry" in head  # the file: in the set's language
