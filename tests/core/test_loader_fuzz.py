"""Whatever bytes a teacher saves, the loader answers with problems, never with a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core.content.loader import load_content
from quizapp.core.content.yaml_source import YamlSourceError, parse_yaml

SAMPLE = (Path(__file__).parents[1] / "data" / "content" / "sets" / "sample.de.yaml").read_bytes()

# Characters that matter to YAML's grammar, so mutations hit interesting places.
YAML_BITS = st.sampled_from(
    [
        b":",
        b"- ",
        b"\n",
        b"  ",
        b"\t",
        b"&a ",
        b"*a",
        b"!!python/object ",
        b"{",
        b"[",
        b'"',
        b"'",
        b"#",
        b"yes",
        b"~",
        b"null",
        b"1e3",
        b"\xff",
        b"\x00",
        b"---\n",
        b"? ",
        b"|",
        b">",
    ]
)


@st.composite
def mutated_sample(draw: st.DrawFn) -> bytes:
    """The valid sample with a few bytes replaced, inserted or deleted."""
    data = bytearray(SAMPLE)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        bit = draw(YAML_BITS)
        if action == "insert":
            data[at:at] = bit
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        else:
            data[at : at + len(bit)] = bit
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_sample(), st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_parser_raises_only_its_own_error(content: bytes) -> None:
    try:
        document = parse_yaml(content)
    except YamlSourceError as exc:
        assert exc.line >= 1 and exc.column >= 1
        assert exc.message
    else:
        assert isinstance(document.data, dict)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutated_sample())
def test_loader_reports_problems_for_mutated_files(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "sets" / "sample.de.yaml"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(content)
    library = load_content([tmp_path])
    # Either the file still loads, or it is kept out with at least one located error.
    assert library.sets or library.errors
    for problem in library.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.format().startswith(str(target.resolve()))
