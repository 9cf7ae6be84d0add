"""Complete the names of the font subsets in a PDF written by Qt.

Qt embeds only the glyphs a PDF uses and tags the subset in its font descriptor
(``/FontName /QHHAAA+DejaVuSans``), but leaves the tag off the fonts' ``/BaseFont``. The PDF
standard asks for the tag there too (ISO 32000-1, 9.6.4), and tools such as ``pdffonts`` and
preflight checks read it there, so they would report a full font embedded. This adds the
descriptor's tag to the ``/BaseFont`` names and shifts the cross-reference table to match.

Plain bytes, no Qt. A file that is not laid out as Qt writes it (one classic cross-reference
table) is left unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path

_TAGGED = re.compile(rb"/FontName /([A-Z]{6})\+([A-Za-z0-9._-]+)[\s/>]")
_BASE = re.compile(rb"(?<=\n)/BaseFont /([A-Za-z0-9._-]+)(?=[\s/>])")
_XREF = re.compile(rb"\nxref\n0 (\d+)\n")
_STARTXREF = re.compile(rb"startxref\n(\d+)\s*\n%%EOF\s*$")
#: A PDF bigger than this is not rewritten in memory (reports are far smaller).
MAX_BYTES = 200 * 1024 * 1024


def tag_font_subsets(path: Path) -> bool:
    """Add the subset tag to every untagged ``/BaseFont`` in the PDF at ``path``, in place.

    Returns whether the file was changed.
    """
    if path.stat().st_size > MAX_BYTES:
        return False
    data = path.read_bytes()
    fixed = tagged_pdf_bytes(data)
    if fixed == data:
        return False
    path.write_bytes(fixed)
    return True


def tagged_pdf_bytes(data: bytes) -> bytes:
    """``data`` with tagged ``/BaseFont`` names and a cross-reference table to match."""
    tags = {name: tag for tag, name in _TAGGED.findall(data)}
    end = _STARTXREF.search(data)
    xref_at = int(end.group(1)) if end else -1
    header = _XREF.match(data, xref_at - 1) if end else None
    if not tags or end is None or header is None or data.count(b"\nxref\n") != 1:
        return data
    edits = [
        (m.start(1), tags[m.group(1)] + b"+")
        for m in _BASE.finditer(data, 0, xref_at)
        if m.group(1) in tags
    ]
    if not edits:
        return data
    parts, last = [], 0
    for at, text in edits:
        parts += [data[last:at], text]
        last = at
    body = b"".join([*parts, data[last:xref_at]])

    def shifted(offset: int) -> int:
        return offset + sum(len(text) for at, text in edits if at < offset)

    count = int(header.group(1))
    entries_at = header.end()
    entries = data[entries_at : entries_at + 20 * count]
    rows = []
    for n in range(count):
        row = entries[20 * n : 20 * n + 20]
        offset, generation, kind = int(row[:10]), row[11:16], row[17:18]
        if kind == b"n":
            offset = shifted(offset)
        rows.append(b"%010d %s %s \n" % (offset, generation, kind))
    if len(entries) != 20 * count:
        return data
    rest = data[entries_at + 20 * count : end.start()]
    return b"".join(
        [
            body,
            data[xref_at:entries_at],
            *rows,
            rest,
            b"startxref\n%d\n%%%%EOF\n" % len(body),
        ]
    )
