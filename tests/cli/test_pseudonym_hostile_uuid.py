"""Issue 27.7(2): a non-ASCII student UUID must not break pseudonymised reports."""

from quizapp.reports.dataset import pseudonym


def test_pseudonym_accepts_non_ascii_and_surrogate_uuids() -> None:
    assert pseudonym("Ännä-ü").startswith("S-")
    assert pseudonym("\ud800").startswith("S-")
    assert pseudonym("Ännä-ü") != pseudonym("Anna-u")


def test_pseudonym_of_ascii_uuid_is_unchanged() -> None:
    # Same bytes as the former ASCII encoding: existing pseudonyms stay stable.
    import hashlib

    uuid = "0f8e2c1a-1b2c-4d5e-8f90-123456789abc"
    expected = "S-" + hashlib.sha256(uuid.encode("ascii")).hexdigest()[:6]
    assert pseudonym(uuid) == expected
