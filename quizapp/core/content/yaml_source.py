"""Safe YAML reading that remembers where every value came from.

PyYAML's C parser builds the node tree (fast, with line/column marks); we turn nodes into plain
Python values ourselves instead of letting PyYAML construct them, because its constructor:

- silently keeps the last of two duplicate keys (we report both lines),
- turns ``no``, ``off``, ``yes``, ``on`` into booleans (YAML 1.1; here they stay text, so a
  choice text ``no`` is never a boolean — only ``true``/``false`` are),
- expands aliases, which lets a ten-line "billion laughs" file eat all memory (we refuse
  anchors and aliases outright: content files never need them).

Positions are 1-based ``(line, column)``, keyed by the path of keys/indexes to the value.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from quizapp.core.content.bounded_read import BoundedReadError, ReadProblem, read_regular_file
from quizapp.i18n import _

try:  # the C parser is several times faster; fall back so a missing libyaml is not fatal
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: The largest content file read (a set of 500 questions in one language is about 0.5 MB).
MAX_CONTENT_BYTES = 4 * 1024 * 1024

Key = str | int
YamlPath = tuple[Key, ...]

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS = {_STR, _BOOL, _INT, _FLOAT, _NULL, _TIMESTAMP}
_CONTAINER_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class YamlSourceError(Exception):
    """The file cannot be read as a content file; carries a 1-based position and a hint."""

    def __init__(self, line: int, column: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint


class Positions:
    """Where each value (and each mapping key) starts in the file.

    Looked up lazily by walking the node tree: positions are only needed for the few values a
    problem is reported at, so recording all of them up front would slow every load down.
    """

    def __init__(self, root: yaml.Node | None = None) -> None:
        self._root = root

    def _walk(self, path: YamlPath) -> tuple[yaml.Node | None, yaml.Node | None, int]:
        """The deepest (value node, key node) along ``path`` and how many steps were found."""
        node, key_node, depth = self._root, None, 0
        for step in path:
            child: yaml.Node | None = None
            child_key: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == step:
                        child, child_key = v, k
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                child = node.value[step]
            if child is None:
                break
            node, key_node, depth = child, child_key, depth + 1
        return node, key_node, depth

    def of_value(self, path: YamlPath) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest existing parent."""
        node, _key, _depth = self._walk(path)
        return _pos(node.start_mark) if node is not None else (1, 1)

    def of_key(self, path: YamlPath) -> tuple[int, int]:
        """Position of the key naming ``path`` (where a field starts), else of the value."""
        node, key_node, depth = self._walk(path)
        if key_node is not None and depth == len(path):
            return _pos(key_node.start_mark)
        return _pos(node.start_mark) if node is not None else (1, 1)


@dataclass
class YamlDocument:
    """A parsed content file: plain data plus the positions of its values."""

    data: dict[str, Any]
    positions: Positions
    # Problems that still let the rest of the file be checked (duplicate keys).
    problems: list[YamlSourceError] = field(default_factory=list)


def _pos(mark: Any) -> tuple[int, int]:
    """1-based position of a PyYAML mark (pure-Python and C marks differ in type only)."""
    return (mark.line + 1, mark.column + 1)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlSourceError(
            line,
            column,
            _("the file is not UTF-8 text (byte 0x%(byte)02x)") % {"byte": raw[exc.start]},
            _("Save the file as UTF-8 in your editor (“Save with encoding” → UTF-8)."),
        ) from None


class _Converter:
    """Turns a composed node tree into Python values, recording positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[YamlSourceError] = []
        self._seen: set[int] = set()

    def convert(self, node: yaml.Node) -> Any:
        if id(node) in self._seen:
            # The composer hands out the same node object for every alias of an anchor.
            raise YamlSourceError(
                *self._first_alias(),
                _("anchors and aliases (&name, *name) are not allowed"),
                _("Write the value out in full at each place it is needed."),
            )
        self._seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        self._check_tag(node, _CONTAINER_TAGS)
        return [self.convert(item) for item in node.value]

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        self._check_tag(node, _CONTAINER_TAGS)
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                raise YamlSourceError(
                    *_pos(key_node.start_mark),
                    _("only simple names can be keys"),
                    _("Write keys as plain words, such as “prompt:”."),
                )
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first_seen:
                self.problems.append(
                    YamlSourceError(
                        *_pos(key_node.start_mark),
                        _("duplicate key “%(key)s” (already on line %(first)d)")
                        % {"key": key, "first": first_seen[key]},
                        _("Keep one of the two; YAML would silently use only the last one."),
                    )
                )
                continue  # keep the first, check the rest of the file
            first_seen[key] = line
            result[key] = self.convert(value_node)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        if node.tag == _STR:  # by far the most common: skip the other checks
            return value
        self._check_tag(node, _PLAIN_TAGS)
        if node.tag == _BOOL:
            lowered = value.lower()
            # YAML 1.1 also reads yes/no/on/off as booleans; only true/false mean that here.
            return {"true": True, "false": False}.get(lowered, value)
        if node.tag == _NULL:
            return None
        if node.tag == _INT:
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if node.tag == _FLOAT:
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        return value  # str, and timestamps stay text: dates are validated as text

    def _first_alias(self) -> tuple[int, int]:
        """Where the first ``*alias`` is (the shared node only knows its anchor's place)."""
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                return _pos(event.start_mark)
        return (1, 1)

    @staticmethod
    def _check_tag(node: yaml.Node, allowed: set[str]) -> None:
        if node.tag not in allowed:
            raise YamlSourceError(
                *_pos(node.start_mark),
                _("the tag “%(tag)s” is not allowed") % {"tag": node.tag},
                _("Remove the “!…” tag; content files hold plain text, numbers and lists."),
            )


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a node tree.

    A node tree is hundreds of thousands of small objects without reference cycles; the
    collector would re-scan them again and again while they are created (measured: parsing a
    5,000-question bank takes 3.7 s with it and 1.0 s without). Reference counting still frees
    everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_yaml(raw: bytes) -> YamlDocument:
    """Parse a content file's bytes; raise :class:`YamlSourceError` on anything unusable."""
    text = _decode(raw)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlSourceError(
            1,
            1,
            _("the file is empty"),
            _("Add a question set or source, or delete the file."),
        )
    with cyclic_gc_paused():
        return _parse_text(text)


def _parse_text(text: str) -> YamlDocument:
    root = _compose(text)
    if root is None:
        raise YamlSourceError(1, 1, _("the file is empty"), _("Add content or delete the file."))
    if not isinstance(root, yaml.MappingNode):
        raise YamlSourceError(
            *_pos(root.start_mark),
            _("the file must be a mapping of keys (id:, title:, …), not a list or a single value"),
            _("Start the file with “id: …” at the left margin."),
        )
    value = _converted(text, root)
    return YamlDocument(data=value.value, positions=value.positions, problems=value.problems)


@dataclass
class YamlValue:
    """A parsed file whose top level may be anything (a list, say); ``None`` when empty."""

    value: Any
    positions: Positions
    problems: list[YamlSourceError] = field(default_factory=list)


def _converted(text: str, root: yaml.Node) -> YamlValue:
    converter = _Converter(text)
    try:
        data = converter.convert(root)
    except RecursionError:
        raise YamlSourceError(
            1, 1, _("the file is nested too deeply"), _("Content files are a few levels deep.")
        ) from None
    if "&" in text:  # cheap test first: the event scan parses the file once more
        _refuse_anchors(text)  # after converting, so an alias is reported where it is used
    return YamlValue(data, Positions(root), converter.problems)


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or str(exc)
        raise YamlSourceError(
            line,
            column,
            _("this is not valid YAML: %(problem)s") % {"problem": problem},
            _("Check indentation (spaces, not tabs) and quote text containing “: ” or “#”."),
        ) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise YamlSourceError(
            1, 1, _("this is not valid YAML: %(problem)s") % {"problem": str(exc)}, ""
        ) from None


def _refuse_anchors(text: str) -> None:
    """An anchor (``&name``) is refused even without an alias: the guide says content files
    never use them, and an anchor left over from copying makes the next edit surprising."""
    for event in yaml.parse(text, Loader=_Loader):
        anchor = getattr(event, "anchor", None)
        if anchor is not None and not isinstance(event, yaml.AliasEvent):
            raise YamlSourceError(
                *_pos(event.start_mark),
                _("anchors and aliases (&name, *name) are not allowed"),
                _("Remove “&%(name)s” and write the value out in full at each place it is needed.")
                % {"name": anchor},
            )


def read_yaml_file(path: Path) -> YamlDocument:
    """Read and parse ``path``; unreadable files become :class:`YamlSourceError` too.

    Only regular files of at most :data:`MAX_CONTENT_BYTES` are read (a named pipe would
    hang, ``/dev/zero`` never ends); anything else is refused before reading.
    """
    return parse_yaml(_read_bytes(path))


def read_yaml_value(path: Path) -> YamlValue:
    """Read ``path`` like :func:`read_yaml_file`, whatever its top level is; an empty file (or
    one of comments only) is ``None``."""
    text = _decode(_read_bytes(path))
    with cyclic_gc_paused():
        root = _compose(text)
        return YamlValue(None, Positions()) if root is None else _converted(text, root)


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_CONTENT_BYTES)
    except BoundedReadError as exc:
        if exc.problem is ReadProblem.NOT_A_FILE:
            raise YamlSourceError(
                1,
                1,
                _("this is not a regular file (a folder, pipe or device)"),
                _("Save the question set as a normal .yaml file and choose that."),
            ) from None
        if exc.problem is ReadProblem.TOO_LARGE:
            raise YamlSourceError(
                1,
                1,
                _("the file is too large (more than %(size)s)") % {"size": "4 MB"},
                _("Content files are a few hundred kilobytes; split the set into several files."),
            ) from None
        raise YamlSourceError(
            1,
            1,
            _("the file cannot be read: %(reason)s") % {"reason": exc.detail},
            _("Check that the file exists and that you may read it."),
        ) from None
