"""Shared test setup. Qt must run offscreen: with no display pytest-qt would abort the run."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    """The checkout's root folder."""
    return REPO_ROOT


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """The language is process-wide; a test that switches it must not leak into the next."""
    yield
    from quizapp import i18n

    i18n.setup("en")
