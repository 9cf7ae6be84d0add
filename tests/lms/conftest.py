"""Shared fixtures of the LMS export tests: the shipped content, loaded once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from reports_fixtures import english

from quizapp.core.content.loader import ContentLibrary, load_content
from quizapp.paths import content_dir


@pytest.fixture(scope="session")
def library() -> ContentLibrary:
    loaded = load_content([content_dir()])
    assert not loaded.errors, loaded.errors
    return loaded


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """The exports switch the language for the file's words; put it back afterwards."""
    with english():
        yield
