"""The teacher's content folder never writes through a planted symbolic link (issue 27.8):
preparing the folder replaces a link where a guide, schema or example goes (its target keeps
its bytes), "Add files" replaces a link of the same name (the .bak is the link itself, not a
copy of what it points to), and a link in place of sets/ is refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp import paths
from quizapp.core.content.teacher_folder import (
    TeacherFolderError,
    add_content_files,
    prepare_teacher_folder,
)

SHIPPED = paths.content_dir()
SECRET = b"the teacher's private notes\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "notes.txt"
    path.parent.mkdir()
    path.write_bytes(SECRET)
    return path


def test_preparing_the_folder_replaces_planted_file_links(secret: Path, tmp_path: Path) -> None:
    folder = tmp_path / "content"
    prepare_teacher_folder(folder, SHIPPED)
    example = next((folder / "examples").iterdir())
    for planted in (folder / "README.md", folder / "schema" / "question-set.schema.json", example):
        planted.unlink(missing_ok=True)
        planted.symlink_to(secret)
    prepare_teacher_folder(folder, SHIPPED)
    assert secret.read_bytes() == SECRET  # not overwritten through any link
    assert not (folder / "README.md").is_symlink()
    assert (folder / "README.md").read_bytes() == (SHIPPED / "README.md").read_bytes()
    assert not example.is_symlink() and example.stat().st_size > 0


def test_a_linked_examples_folder_becomes_a_real_one(secret: Path, tmp_path: Path) -> None:
    folder = tmp_path / "content"
    prepare_teacher_folder(folder, SHIPPED)
    elsewhere = secret.parent
    before = sorted(p.name for p in elsewhere.iterdir())
    for name in ("examples", "schema"):
        for path in (folder / name).iterdir():
            path.unlink()
        (folder / name).rmdir()
        (folder / name).symlink_to(elsewhere, target_is_directory=True)
    prepare_teacher_folder(folder, SHIPPED)
    assert sorted(p.name for p in elsewhere.iterdir()) == before  # nothing copied there
    assert not (folder / "examples").is_symlink() and any((folder / "examples").iterdir())


def test_a_linked_sets_folder_is_refused(secret: Path, tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "sets").symlink_to(secret.parent, target_is_directory=True)
    with pytest.raises(TeacherFolderError) as error:
        prepare_teacher_folder(folder, SHIPPED)
    assert "is a symbolic link" in error.value.message
    assert sorted(p.name for p in secret.parent.iterdir()) == ["notes.txt"]


def test_add_files_replaces_a_link_of_the_same_name(secret: Path, tmp_path: Path) -> None:
    folder = tmp_path / "content"
    prepare_teacher_folder(folder, SHIPPED)
    new_set = tmp_path / "mine.en.yaml"
    new_set.write_text("id: mine\n", encoding="utf-8")
    planted = folder / "sets" / "mine.en.yaml"
    planted.symlink_to(secret)
    (folder / "sets" / "mine.en.yaml.bak").symlink_to(secret)  # the backup's name too
    (added,) = add_content_files(folder, [new_set], SHIPPED)
    assert secret.read_bytes() == SECRET
    assert not planted.is_symlink() and planted.read_text(encoding="utf-8") == "id: mine\n"
    assert added.backup is not None and added.backup.is_symlink()  # the link, not its bytes
    second = tmp_path / "again" / "mine.en.yaml"
    second.parent.mkdir()
    second.write_text("id: mine\n# v2\n", encoding="utf-8")
    (again,) = add_content_files(folder, [second], SHIPPED)
    assert again.backup is not None and not again.backup.is_symlink()
    assert again.backup.read_text(encoding="utf-8") == "id: mine\n"
    assert secret.read_bytes() == SECRET
