"""Shared setup for the tests in this folder (the top-level conftest.py applies too)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ui_support import reset_language


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """A test that switched the language (and Qt's translator) must not leak into the next."""
    yield
    reset_language()
