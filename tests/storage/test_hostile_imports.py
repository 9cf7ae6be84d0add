"""Imports are bounded and checked: hostile results and content files are refused cleanly,
before memory grows, and nothing is written (issue 15, points 1 and 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_files import BAD_VALUES, deep_json, fifo, forged, gzip_bomb, oversized
from reports_fixtures import english

from quizapp.core.content.bounded_read import BoundedReadError, ReadProblem, inflate_gzip
from quizapp.core.content.loader import load_content
from quizapp.core.content.yaml_source import YamlSourceError, read_yaml_file
from quizapp.storage.exchange import import_results
from quizapp.storage.exchange_format import ExchangeError, read_results_file
from quizapp.storage.repository import Repository


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with english():
        yield


def test_a_gzip_bomb_is_refused_as_too_large(tmp_path: Path) -> None:
    bomb = gzip_bomb(tmp_path / "bomb.json.gz", 200)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(ExchangeError, match="too large") as error:
        read_results_file(bomb)
    assert "32 MB" in error.value.message and error.value.hint


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_a_refused_gzip_bomb_keeps_memory_small(tmp_path: Path) -> None:
    # In a fresh process, so the peak is the import's own (the bench script prints the figure).
    bomb = gzip_bomb(tmp_path / "bomb.json.gz", 1536)  # 1.5 GB of zeros
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from quizapp.storage.exchange_format import ExchangeError, read_results_file
        try:
            read_results_file(Path({str(bomb)!r}))
        except ExchangeError:
            # VmHWM, the peak of this process's own memory (ru_maxrss would include the
            # parent's peak on Linux, which survives fork and exec).
            status = Path("/proc/self/status").read_text()
            print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    peak_mb = int(done.stdout) / 1024  # VmHWM is in kB
    assert peak_mb < 200


def test_inflating_stops_at_the_cap_and_reads_several_members() -> None:
    import gzip

    two = gzip.compress(b"ab") + gzip.compress(b"cd")
    assert inflate_gzip(two, 10) == b"abcd"
    with pytest.raises(BoundedReadError) as error:
        inflate_gzip(gzip.compress(b"x" * 100), 99)
    assert error.value.problem is ReadProblem.TOO_LARGE
    with pytest.raises(BoundedReadError) as error:
        inflate_gzip(gzip.compress(b"x" * 100)[:-6], 1000)
    assert error.value.problem is ReadProblem.DAMAGED


def test_oversized_pipes_and_folders_are_refused_before_reading(tmp_path: Path) -> None:
    cases = {
        "too large": oversized(tmp_path / "huge.json", 40),
        "not a file": fifo(tmp_path / "pipe.json"),
    }
    (tmp_path / "folder.json").mkdir()
    cases["not a file "] = tmp_path / "folder.json"
    for expected, path in cases.items():
        with pytest.raises(ExchangeError, match=expected.strip()):
            read_results_file(path)


def test_deep_nesting_is_invalid_data_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="invalid data"):
        read_results_file(deep_json(tmp_path / "deep.json"))
    # Deep, but within what json reads: refused by the checksum or the row checks.
    shallow = tmp_path / "shallow.json"
    nested: object = 1
    for _ in range(800):
        nested = [nested]
    shallow.write_text(json.dumps({"format": "quizapp-results", "version": 1, "payload": nested}))
    with pytest.raises(ExchangeError):
        read_results_file(shallow)


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_values_out_of_range_are_refused_and_nothing_is_written(name: str, tmp_path: Path) -> None:
    path = forged(tmp_path / f"{name}.json", BAD_VALUES[name])
    with Repository.open(tmp_path / "teacher") as repo:
        with pytest.raises(ExchangeError, match="invalid data") as error:
            import_results(repo, [path])
        assert error.value.hint
        assert repo.students() == []


def test_a_file_in_range_still_imports(tmp_path: Path) -> None:
    path = forged(tmp_path / "fine.json", lambda payload: None)
    with Repository.open(tmp_path / "teacher") as repo:
        summary = import_results(repo, [path])
    assert (summary.students.added, summary.attempts.added, summary.answers.added) == (1, 1, 1)


def test_content_files_that_are_pipes_devices_or_huge_are_refused(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "pipe.yaml")
    huge = oversized(tmp_path / "huge.yaml", 5)
    for path, expected in ((pipe, "not a regular file"), (huge, "too large")):
        with pytest.raises(YamlSourceError, match=expected) as error:
            read_yaml_file(path)
        assert error.value.hint
    if os.path.exists("/dev/zero"):
        with pytest.raises(YamlSourceError, match="not a regular file"):
            read_yaml_file(Path("/dev/zero"))
    library = load_content([pipe, huge])
    assert [p.path.name for p in library.errors] == ["pipe.yaml", "huge.yaml"]
