"""Building blocks of QTI 3.0 response processing, as ElementTree elements.

The scoring of every exported item is written out in the item itself (no template URI): a
player needs nothing but the file to score it the way quizapp does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from xml.etree import ElementTree as ET

from quizapp.lms.item_text import child, element


def variable(identifier: str) -> ET.Element:
    """``<qti-variable identifier=…>``."""
    return element("qti-variable", None, {"identifier": identifier})


def base(base_type: str, value: str | float) -> ET.Element:
    """A constant: ``<qti-base-value base-type=…>value</qti-base-value>``."""
    return element("qti-base-value", _number(value), {"base-type": base_type})


def operator(tag: str, *operands: ET.Element, attrs: dict[str, str] | None = None) -> ET.Element:
    """An expression ``tag`` over ``operands`` (``qti-match``, ``qti-sum``, ``qti-lt``, …)."""
    node = element(tag, None, attrs)
    node.extend(operands)
    return node


def set_outcome(identifier: str, expression: ET.Element) -> ET.Element:
    """``identifier`` := ``expression``."""
    return operator("qti-set-outcome-value", expression, attrs={"identifier": identifier})


def add_to(identifier: str, amount: ET.Element) -> ET.Element:
    """``identifier`` := ``identifier`` + ``amount``."""
    return set_outcome(identifier, operator("qti-sum", variable(identifier), amount))


def condition(
    test: ET.Element, then: Sequence[ET.Element], otherwise: Sequence[ET.Element] = ()
) -> ET.Element:
    """``if test: then else: otherwise``."""
    rule = element("qti-response-condition")
    branch = child(rule, "qti-response-if")
    branch.append(test)
    branch.extend(then)
    if otherwise:
        child(rule, "qti-response-else").extend(otherwise)
    return rule


def is_null(identifier: str) -> ET.Element:
    """True when nothing was answered."""
    return operator("qti-is-null", variable(identifier))


def processing(rules: Iterable[ET.Element]) -> ET.Element:
    """``<qti-response-processing>`` holding ``rules``."""
    node = element("qti-response-processing")
    node.extend(rules)
    return node


def response_declaration(
    cardinality: str, base_type: str, correct: Sequence[str], identifier: str = "RESPONSE"
) -> ET.Element:
    """The response variable and its right answer."""
    node = element(
        "qti-response-declaration",
        None,
        {"identifier": identifier, "cardinality": cardinality, "base-type": base_type},
    )
    if correct:
        right = child(node, "qti-correct-response")
        for value in correct:
            child(right, "qti-value", value)
    return node


def mapping(
    entries: Sequence[tuple[str, float]], *, lower: float | None = 0.0, upper: float | None = None
) -> ET.Element:
    """A ``qti-mapping`` (default 0) with ``entries`` of key and value."""
    attrs = {"default-value": "0"}
    if lower is not None:
        attrs["lower-bound"] = _number(lower)
    if upper is not None:
        attrs["upper-bound"] = _number(upper)
    node = element("qti-mapping", None, attrs)
    for key, value in entries:
        child(node, "qti-map-entry", None, {"map-key": key, "mapped-value": _number(value)})
    return node


def outcome_declaration(
    identifier: str,
    base_type: str,
    default: str | float | None = None,
    *,
    cardinality: str = "single",
    extra: dict[str, str] | None = None,
) -> ET.Element:
    """An outcome variable, with a default value if given."""
    attrs = {"identifier": identifier, "cardinality": cardinality, "base-type": base_type}
    node = element("qti-outcome-declaration", None, attrs | (extra or {}))
    if default is not None:
        child(child(node, "qti-default-value"), "qti-value", _number(default))
    return node


def _number(value: str | float) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else repr(value)
