"""Issue 27.8: ``demo --students`` is capped with a clear usage error."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import main


def test_demo_students_over_cap_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["demo", "--students", "1000000000000", "--data-dir", str(tmp_path)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "1000" in err
    assert "Traceback" not in err
    assert not any(tmp_path.iterdir())
