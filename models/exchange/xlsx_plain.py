"""The quick look at a sheet: whether its XML is the plain sheet every program writes (Excel,
LibreOffice, openpyxl), asked of the bytes at the speed of C instead of parsed element by element.

models.exchange.xlsx_guard reads a sheet found plain from its bytes alone (counts of tags) and scans any
other one with a streaming parser. Nothing may be read otherwise by that parser: the tests here are
those of ``xlsx_guard._quick`` (its docstring says why each is needed). The limits of a sheet are here
because the searches spell them out (column AX, row 100,001); xlsx_guard gives them too.
"""
from __future__ import annotations

import re

MAX_DATA_ROWS = 100_000  # data rows in one import
MAX_ROWS = MAX_DATA_ROWS + 1  # the sheet's rows: the header and the data
MAX_COLUMNS = 50  # a template has at most a dozen columns

# What sends a sheet to the full scan. Python's re is fast only on patterns that begin with a fixed
# byte, so the searches are grouped by it: a comment, CDATA or DOCTYPE, a formula, a cell whose
# first attribute is not a plain ``r`` or whose column is past MAX_COLUMNS (AX); an ``r`` or ``t``
# attribute written with spaces around "=" or in single quotes, an error cell; an element with
# a prefix.
_NOT_PLAIN = [re.compile(p) for p in (
    rb'<(?:!|f[\s>/]|c(?:[\t\n\r>/]| (?!r="[A-Z]{1,3}[1-9][0-9]{0,6}"[\s>/])'
    rb'| r="(?:[A-Z]{3}|[B-Z][A-Z]|A[Y-Z])[0-9]))',
    rb"""t(?:\s+=|=\s|='|="e"|="&)""",
    rb"r(?:\s+=|=\s|=')",
    rb":(?:[cfv]|is|row)[\s>/]",
)]
_HIGH_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{6,7})"')
# Control characters XML 1.0 forbids: the reader takes a form feed (0x0C) as a space between attributes.
_CONTROL = bytes([*range(1, 9), 11, 12, *range(14, 32)])

# The same questions asked in fewer passes over the XML (plain; each pass over a 100,000-row sheet
# costs 30-50 ms). A single byte is found with memchr, 50 times faster than any other search: the
# rare bytes (control characters, "!", "'", "&", "f", ":") are looked for first, and the searches
# above that need them are made only where they are. The rest is answered by the three searches
# below and a few counts; where a shortcut cannot decide, the search above is made: plain says
# "plain" exactly where plain_by_searches does (tests/safety/test_quick_look.py compares both).
_CONTROL_BYTES = [b"\x00", *(bytes([c]) for c in _CONTROL)]
_RARE_BYTES = [*_CONTROL_BYTES, b"!", b"'", b"&"]
# _NOT_PLAIN[0]'s cells and _HIGH_ROW in one search: every cell begins with a plain reference within
# MAX_COLUMNS x MAX_ROWS (AX100001).
_CELL_NOT_PLAIN = re.compile(
    rb'<c(?:[\t\n\r>/]| (?!r="(?:[A-Z]|A[A-X])(?:[1-9][0-9]{0,4}|10000[01])"[\s>/]))')
_FORMULA_TAG = re.compile(rb"<f[\s>/]")
_EQUALS_NOT_PLAIN = re.compile(rb'''=(?:[^"]|(?<= =)|(?<="r=))''')
# The same question in three searches that each begin with a fixed byte (re finds those at the speed of a byte
# search: 2.5 ms each over a 10,000-row sheet, the lookbehinds at every "=" 8 ms): "=" then no quote, " =", "r=.
_EQUALS_PARTS = [re.compile(p) for p in (rb'=[^"]', rb" =", rb'"r=')]
# A fixed text is found by re faster than by bytes' own search (which looks at every byte of the sheet).
_HIDDEN = re.compile(rb"hidden")
# A ``r="`` that does not begin a cell's or a row's attributes: _r_first_only's counts differ exactly when there is
# one (each "<c r=" and "<row r=" holds one ' r="', and ' r="' never overlaps itself).
_R_NOT_FIRST = re.compile(rb' r="(?<!<c r=")(?<!<row r=")')
_ERROR_OR_REFERENCE_TYPE = re.compile(rb't="(?:e"|&)')  # b't="e"' in data or b't="&' in data
_MEMCHR_LOOKS = 64  # occurrences of a rare byte looked at one by one; past that, the search itself


def plain(data: bytes) -> bool:
    """Whether the sheet's XML passes every test of :func:`plain_by_searches`, asked in fewer passes."""
    present = _present(data, _RARE_BYTES)
    if not present.isdisjoint(_CONTROL_BYTES) or _spaces_in_tags(data):
        return False
    if not _hidden_plain(data) or (b"!" in present and b"<!" in data):
        return False
    if _found_near(data, b"f", 1, _FORMULA_TAG) or _found_near(data, b":", 0, _NOT_PLAIN[3]):
        return False
    if _CELL_NOT_PLAIN.search(data):
        return False
    if _R_NOT_FIRST.search(data):  # _r_first_only's question, one search instead of three counts
        return False
    # Each "=" followed by a double quote, none after a space (a tab or a line break only ever comes right
    # before a tag: _spaces_in_tags) or after "r, no single quote: then no "r= or 'r= and no r or t written
    # with spaces or single quotes; no t="e" and no t="&: then _r_plain and _NOT_PLAIN[1] and [2] find nothing.
    # (t="e" and t="& are looked for in one search when there is a "&": one pass instead of two.)
    if (not any(part.search(data) for part in _EQUALS_PARTS) and b"'" not in present
            and not (_ERROR_OR_REFERENCE_TYPE.search(data) if b"&" in present else b't="e"' in data)):
        return True
    return not _r_after_quote(data) and not _NOT_PLAIN[1].search(data) and not _NOT_PLAIN[2].search(data)


def _present(data: bytes, candidates: list[bytes], block: int = 1 << 18) -> set[bytes]:
    """Which of the single bytes ``candidates`` are in ``data``: memchr over blocks that stay in the
    processor's cache (over the whole of a 50 MB sheet, each byte in turn: 3x slower)."""
    found: set[bytes] = set()
    for start in range(0, len(data), block):
        for byte in candidates:
            if byte not in found and data.find(byte, start, start + block) >= 0:
                found.add(byte)
    return found


def _where(data: bytes, byte: bytes) -> list[int] | None:
    """Where the rare ``byte`` is in ``data`` (memchr), or None when it is not rare."""
    found: list[int] = []
    at = data.find(byte)
    while at >= 0:
        if len(found) == _MEMCHR_LOOKS:
            return None
        found.append(at)
        at = data.find(byte, at + 1)
    return found


def _found_near(data: bytes, byte: bytes, before: int, pattern: re.Pattern) -> bool:
    """Whether ``pattern``, whose matches hold ``byte`` ``before`` bytes after their start, is in
    ``data``: tried only where ``byte`` is when it is rare, else searched for."""
    places = _where(data, byte)
    if places is None:
        return pattern.search(data) is not None
    return any(at >= before and pattern.match(data, at - before) for at in places)


def prefixed_rows(data: bytes) -> int:
    """``data.count(b":row")``, found where the ":" are when they are rare."""
    places = _where(data, b":")
    if places is None:
        return data.count(b":row")
    return sum(data.startswith(b"row", at + 1) for at in places)


def _hidden_plain(data: bytes) -> bool:
    """No "hidden" but hidden="false" or hidden="0" (LibreOffice writes hidden="false" on every row)."""
    if _HIDDEN.search(data) is None:  # b"hidden" not in data
        return True
    hidden = data.count(b"hidden")  # a hidden row, or column
    return hidden == data.count(b'hidden="false"') + data.count(b'hidden="0"')


def _r_plain(data: bytes) -> bool:
    """``r="`` only as the first attribute of a cell or a row, never right after a quote."""
    return not _r_after_quote(data) and _r_first_only(data)


def _r_after_quote(data: bytes) -> bool:
    # r= after a value's closing quote with no space: not XML, yet the reader takes it (the last r wins)
    return b'"r=' in data or (b"'" in data and b"'r=" in data)


def _r_first_only(data: bytes) -> bool:
    return data.count(b' r="') == data.count(b'<c r="') + data.count(b'<row r="')


def plain_by_searches(data: bytes) -> bool:
    """:func:`plain` one search at a time, as it was first written: the tests compare the two."""
    if b"\x00" in data or len(data.translate(None, _CONTROL)) != len(data) or _spaces_in_tags(data):
        return False
    if not _r_plain(data) or not _hidden_plain(data):
        return False
    if any(p.search(data) for p in _NOT_PLAIN):
        return False
    return not any(int(row) > MAX_ROWS for row in _HIGH_ROW.findall(data))


def _spaces_in_tags(data: bytes) -> bool:
    """A tab or a line break anywhere but just before a tag (Excel ends its XML declaration with
    one), or more than a few of them (XML written to be read by people: the scan reads it)."""
    for space in (b"\t", b"\n", b"\r"):
        at = data.find(space)
        if at < 0:
            continue
        if data.count(space) > 16:
            return True
        while at >= 0:
            if data[at + 1:at + 2] not in (b"<", b"\t", b"\n", b"\r"):
                return True
            at = data.find(space, at + 1)
    return False
