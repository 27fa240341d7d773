"""What an xlsx holds, learned from its zip before python-calamine is given it.

Calamine cannot be stopped once it reads: it allocates the whole rectangle from A1 to the farthest
cell with a value (one cell at XFD100000 is 1.6 billion cells, 52 GB: the process, the window
with it, is killed), it decompresses every part it needs (a 2 MB zip bomb is 2-4 GB) and it copies
a shared string into every cell that refers to it. So before it runs, :func:`inspect` looks at
the zip with :mod:`zipfile` and at the first sheet's XML with a streaming parser (pyexpat, no
tree, no DTD), and :class:`Unsafe` is raised, with a sentence for the user, when the file
is bigger than the limits below. What passes is bounded: at most ``MAX_ROWS x MAX_COLUMNS`` cells
and ``MAX_TEXT`` bytes of text, a few hundred MB in the worst case.

The parts are found the way calamine finds them: the first sheet of ``xl/workbook.xml`` through
``xl/_rels/workbook.xml.rels``, part names compared without case; elements are matched by their
local name, whatever namespace prefix they carry (``<x:c>`` is a cell as ``<c>`` is).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from models.common.text import money as _number
# The limits of a sheet: with the quick look, whose searches spell them out.
from models.exchange.xlsx_plain import MAX_COLUMNS, MAX_DATA_ROWS, MAX_ROWS, plain, prefixed_rows

MAX_UNPACKED = 256 << 20  # bytes of every part of the zip, decompressed (a sheet of 100,000 rows: ~50 MB)
MAX_RATIO = 100  # decompressed / compressed size of a part: XML compresses 5-20 times
RATIO_FROM = 1 << 20  # parts smaller than this are not checked for their ratio
MAX_TEXT = 100 << 20  # bytes of text the cells hold once read (a shared string counts once per cell)
MAX_LISTED = 5_000  # formulas and error cells listed (the rest of a sheet full of them is not)

_CHUNK = 1 << 20
_ANY = rb"(?:[A-Za-z_][\w.-]*:)?"  # any namespace prefix
_ROW_TAG = re.compile(rb"<" + _ANY + rb"row[\s>/]")
_VALUE_TAG = re.compile(rb"<" + _ANY + rb"v>[^<]|<" + _ANY + rb"is[\s>/]")
_SHARED_ITEM = re.compile(rb"<" + _ANY + rb"si[\s>/].*?</" + _ANY + rb"si\s*>", re.S)
_TRUE = ("1", "true")
_DIGITS = "0123456789"


class Unsafe(Exception):
    """The file must not be given to the reader; ``str(e)`` says why, in Vietnamese."""


@dataclass
class Sheet:
    """The first sheet as the reader will see it (rows and columns 1-based, as Excel numbers them)."""

    name: str
    hidden: bool
    date1904: bool = False
    data_rows: int = 0  # rows below the header that hold a value
    far: tuple[int, int] | None = None  # the first cell with a value past MAX_ROWS x MAX_COLUMNS
    formulas: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, formula text)
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, "#N/A") of error cells
    hidden_rows: list[int] = field(default_factory=list)  # rows with values that Excel hides (or filters)
    text: int = 0  # an upper bound of the bytes of text the cells hold


def inspect(path: Path) -> Sheet:
    """The first sheet of the xlsx at ``path``; raises :class:`Unsafe` for a file past the limits,
    and KeyError, ValueError, zipfile.BadZipFile, OSError or pyexpat's error for a damaged one."""
    with zipfile.ZipFile(path) as archive:
        members = _members(archive, path.name)
        book = _parse(archive, _find(members, "xl/workbook.xml"))
        first = next(e for e in book if e.tag == "sheet")
        sheet = Sheet(name=first.get("name") or "",
                      hidden=first.get("state", "visible") in ("hidden", "veryHidden"),
                      date1904=any(e.tag == "workbookPr" and e.get("date1904", "").lower() in _TRUE for e in book))
        if sheet.hidden:
            return sheet
        rels = _parse(archive, _find(members, "xl/_rels/workbook.xml.rels"))
        rel_id = first.get("id")
        targets = [e.get("Target") for e in rels if e.tag == "Relationship" and e.get("Id") == rel_id]
        if len(targets) != 1:  # none, or two: which one would the reader take?
            raise ValueError(f"{len(targets)} relationships {rel_id}")
        target = targets[0]
        target = (target or "").replace("\\", "/")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
        member = _find(members, part)
        data = _read(archive, member) if member.file_size <= MAX_QUICK else None
        _, rows_with_values = _count_rows(archive, member, data)
        if rows_with_values - 1 > MAX_DATA_ROWS:
            sheet.data_rows = rows_with_values - 1
            return sheet
        _verify(archive, [m for m in members.values() if m is not member])
        shared: list[int] = []  # the bytes of each shared string
        for info in members.values():
            if info.filename.lower().endswith("sharedstrings.xml"):
                more = _shared_lengths(archive, info)
                shared = [max(a, b) for a, b in zip(shared, more)] + more[len(shared):] + shared[len(more):]
        counts = _quick(data, rows_with_values, sheet, max(shared, default=0) > 0) if data is not None else None
        del data  # the scan and the reader need the memory more
        shared_cells, text_cells = counts or _scan(archive, member, sheet)
        sheet.text = (member.file_size if text_cells else 0) + shared_cells * max(shared, default=0)
        if sheet.text > MAX_TEXT:  # the bound is too rough: add up the text of the cells
            sheet.text = _text_bytes(archive, member, shared)
        if sheet.text > MAX_TEXT:
            raise Unsafe(f"Các ô của tệp chứa tới {_number(sheet.text >> 20)} MB chữ, vượt giới hạn "
                         f"{_number(MAX_TEXT >> 20)} MB mỗi lần nhập; hãy chia nhỏ tệp")
        return sheet


def _members(archive: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    """The zip's parts by lower-case name, after checking their declared sizes."""
    infos = archive.infolist()
    members = {i.filename.replace("\\", "/").lstrip("/").lower(): i for i in infos}
    if len(members) != len(infos):
        raise ValueError("two parts of the same name (apart from case)")  # which one would the reader take?
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise Unsafe(f"Tệp “{name}” khi giải nén lên tới {_number(total >> 20)} MB, vượt giới hạn "
                     f"{_number(MAX_UNPACKED >> 20)} MB; hãy chép dữ liệu cần nhập sang một tệp mới rồi lưu lại")
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise Unsafe(f"Tệp “{name}” bị nén bất thường (phần “{info.filename}” giải nén lớn gấp "
                         f"{_number(ratio)} lần), có thể là tệp độc hại nên không đọc; hãy chép dữ liệu "
                         "cần nhập sang một tệp mới rồi lưu lại")
    return members


def _find(members: dict[str, zipfile.ZipInfo], name: str) -> zipfile.ZipInfo:
    return members[name.lower()]


def _verify(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Decompress each part once, in chunks: zipfile stops at the declared size and checks the
    CRC, so a part that holds more than its header says is found here (BadZipFile), not by the
    reader, which would believe the data."""
    for info in infos:
        with archive.open(info) as stream:
            while stream.read(_CHUNK):
                pass


class _Element:
    __slots__ = ("tag", "attrib")

    def __init__(self, tag: str, attrib: dict[str, str]) -> None:
        self.tag, self.attrib = tag, attrib

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrib.get(name, default)


def _parser(start, end=None):
    """An expat parser without namespace processing (tags keep their prefix, matched by local
    name) that refuses a DOCTYPE: no entity, external or nested, is ever expanded."""
    import pyexpat

    parser = pyexpat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end

    def doctype(*_args):
        raise ValueError("DOCTYPE in a part of the workbook")

    parser.StartDoctypeDeclHandler = doctype
    return parser


def _feed(parser, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Parse a part in chunks of a MB (ParseFile reads 2 KB at a time: slower)."""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _parse(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[_Element]:
    """Every element of a small part (workbook, relationships), attributes by local name."""
    found: list[_Element] = []

    def start(name, attrs):
        attrib = {_local(k): v for k, v in attrs.items()}
        if len(attrib) != len(attrs):  # r:id and x:id: which one would the reader take?
            raise ValueError(f"two attributes of one name in <{name}>")
        found.append(_Element(_local(name), attrib))

    parser = _parser(start)
    with archive.open(info) as stream:
        parser.ParseFile(stream)
    return found


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as stream:  # stops at the declared size, checks the CRC
        return stream.read()


def _count_rows(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes | None = None) -> tuple[int, int]:
    """An upper bound of the sheet's <row> elements and, when it is past the limit, the <row>
    elements (any prefix) that hold a value: byte searches, a million rows in a second or two
    (the parser would take ten). Never fewer than the parser finds: a tag is the same bytes
    whatever its prefix, and no entity can expand into one (a DOCTYPE is refused)."""
    tail, mentions = b"", 0
    if data is not None:  # the tags themselves: "<row", and ":row" for a prefixed one (or its end tag)
        mentions = data.count(b"<row") + prefixed_rows(data)
    else:
        with archive.open(info) as stream:  # "row" anywhere: more than the tags, found 20 times faster
            while chunk := stream.read(_CHUNK):
                mentions += (tail + chunk).count(b"row")
                tail = chunk[-2:]
    if mentions <= MAX_ROWS:
        return mentions, mentions
    valued, carry, in_row = 0, b"", False
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            parts = _ROW_TAG.split(carry + chunk)
            if chunk:
                carry = parts.pop()  # may go on in the next chunk
            for i, part in enumerate(parts):  # parts[0] is the row begun earlier when in_row
                if (i or in_row) and _VALUE_TAG.search(part):
                    valued += 1
            if not chunk:
                return mentions, valued
            in_row = in_row or bool(parts)


def _shared_lengths(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[int]:
    """The bytes of each shared string, markup included (an upper bound of its text)."""
    lengths: list[int] = []
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            buffer = tail + chunk
            end = 0
            for item in _SHARED_ITEM.finditer(buffer):
                lengths.append(item.end() - item.start())
                end = item.end()
            tail = buffer[end:]
            if len(tail) > MAX_TEXT:  # one string longer than every cell may hold together
                return [len(tail)]
    return lengths


def _text_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, lengths: list[int]) -> int:
    """The bytes of text the sheet's cells hold once read: inline strings and the shared strings
    the cells refer to, each counted once per cell (the reader copies the string into every
    cell); numbers hold none."""
    total = 0
    capture: list[str] = []
    cell_type: str | None = None
    longest = max(lengths, default=0)

    def start(name, attrs):
        nonlocal cell_type
        local = _local(name)
        if local == "c":
            cell_type = attrs.get("t")
        elif (local == "v" and cell_type not in (None, "n", "b")) or local == "t":
            capture.clear()
            parser.CharacterDataHandler = capture.append
            parser.EndElementHandler = end

    def end(name):
        nonlocal total
        parser.CharacterDataHandler = parser.EndElementHandler = None
        text = "".join(capture)
        if _local(name) == "v" and cell_type == "s":
            text = text.strip()
            index = int(text) if text.isascii() and text.isdigit() else -1
            total += lengths[index] if 0 <= index < len(lengths) else longest
        else:
            total += len(text.encode())

    parser = _parser(start)
    _feed(parser, archive, info)
    return total


MAX_QUICK = 64 << 20  # the quick look holds the sheet's XML in memory: up to this size
_TYPED_TEXT = re.compile(rb't="(?![snb]")')  # a type that is not a shared string, a number or a boolean


def _quick(data: bytes, rows: int, sheet: Sheet, shared: bool = True) -> tuple[int, int] | None:
    """What :func:`_scan` finds, learned at the speed of C from the sheet's XML ``data`` when it
    is the plain sheet every program writes (Excel, LibreOffice, openpyxl: each cell with its
    ``r`` first, no formula, no error cell, no hidden row, no cell past the limits), or None when
    the sheet is not proven plain: it is then scanned element by element.

    Searched as bytes, never parsed: so nothing may be read otherwise by the reader. No NUL byte
    (a sheet in UTF-16 spells no tag in ASCII) nor other control character (the reader takes a form
    feed for a space), no tab or line break inside a tag (then every attribute follows one plain
    space), ``r="`` only as the first attribute of a cell or a row and never right after a quote
    (a second ``r`` in one tag, which the reader would take, is refused by the scan's parser), no
    "<!" (no DOCTYPE, hence no entity; no comment or CDATA hiding a tag). The counts are upper
    bounds of the scan's (an attribute ending in "t" counts as a cell's type), so the text limit
    is never looser; ``data_rows`` is ``rows`` (from :func:`_count_rows`: the <row> tags, or those
    holding a value when the tags are past the limit) but the header: an upper bound of the scan's.
    The cells of a shared string are counted only when ``shared`` (the workbook has shared strings
    that hold text); the cells of other text are only said to be there (1) or not (0)."""
    if not plain(data):
        return None
    sheet.data_rows = max(rows - 1, 0)
    return (data.count(b't="s"') if shared else 0), int(_TYPED_TEXT.search(data) is not None)


class _Far(Exception):
    """A cell with a value past the limits was met."""


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: Sheet) -> tuple[int, int]:
    """Fill ``sheet`` from the sheet's XML (one streaming pass); the number of cells that refer to
    a shared string, and of the cells of other text. Cells are placed as the reader places them:
    by their ``r`` reference, or one column right of the previous cell (and on the row of the
    <row> element) when they have none. A tag with two ``r`` (the reader takes the last) is not
    well-formed XML: the parser stops there, and the file is refused as damaged."""
    row = col = rows_seen = 0
    row_valued = row_hidden = False
    cell_row = cell_col = 0
    cell_type: str | None = None
    cell_valued = False
    valued_rows = 0
    shared_cells = text_cells = 0  # cells of a shared string; of other text (inline, a formula's, an error)
    far: tuple[int, int] | None = None
    capture: list[str] = []
    capturing: tuple | None = None
    formulas: list[tuple[int, int, str]] = []
    errors: list[tuple[int, int, str]] = []
    hidden_rows: list[int] = []
    shared_formulas: dict[str, str] = {}
    locals_: dict[str, str] = {}
    columns: dict[str, int] = {}

    def end_row():
        nonlocal valued_rows
        if row_valued:
            valued_rows += 1
            if row_hidden and row > 1:
                hidden_rows.append(row)

    def start(name, attrs):
        nonlocal row, col, rows_seen, row_valued, row_hidden, cell_row, cell_col, cell_type, cell_valued
        nonlocal shared_cells, text_cells, far, capturing
        local = locals_.get(name)
        if local is None:
            local = locals_[name] = _local(name)
        if local == "c":
            ref = attrs.get("r")
            letters = ref.rstrip(_DIGITS) if ref else ""
            column = columns.get(letters)
            digits = ref[len(letters):] if column else ""
            if column and 0 < len(digits) < 8:
                cell_row, cell_col = int(digits), column
            elif ref and (where := _cell_ref(ref, columns)):
                cell_row, cell_col = where
            else:
                cell_row, cell_col = max(row, rows_seen), col + 1
            col = cell_col
            cell_type = attrs.get("t")
            cell_valued = False
            if cell_type == "s":
                shared_cells += 1
            elif cell_type is not None and cell_type != "n" and cell_type != "b":
                text_cells += 1
        elif local == "v" or local == "is":
            if not cell_valued:
                cell_valued = row_valued = True
                if cell_row > MAX_ROWS or cell_col > MAX_COLUMNS:
                    far = (cell_row, cell_col)
                    raise _Far  # the file is refused for it: the rest need not be read
            if local == "v" and cell_type == "e":
                capture.clear()
                capturing = ("e", cell_row, cell_col)
                parser.CharacterDataHandler = capture.append
                parser.EndElementHandler = end
        elif local == "row":
            end_row()
            rows_seen += 1
            number = attrs.get("r")
            row = int(number) if number and number.isascii() and number.isdigit() else row + 1
            col = 0
            row_hidden = attrs.get("hidden", "").lower() in _TRUE
            row_valued = False
        elif local == "f":
            capture.clear()
            capturing = ("f", cell_row, cell_col, attrs.get("t"), attrs.get("si"))
            parser.CharacterDataHandler = capture.append
            parser.EndElementHandler = end

    def end(_name):
        nonlocal capturing
        parser.CharacterDataHandler = None
        parser.EndElementHandler = None
        text = "".join(capture).strip()
        kind, at_row, at_col, *more = capturing
        capturing = None
        if kind == "e":
            if len(errors) < MAX_LISTED:
                errors.append((at_row, at_col, text[:20]))
            return
        formula_type, key = more
        if formula_type == "shared" and key is not None:  # the text is in the first cell only
            text = shared_formulas.setdefault(key, text) if text else shared_formulas.get(key, "")
        if len(formulas) < MAX_LISTED:
            formulas.append((at_row, at_col, text))

    parser = _parser(start)
    try:
        _feed(parser, archive, info)
    except _Far:
        sheet.far = far
        return shared_cells, text_cells
    end_row()
    sheet.data_rows = max(valued_rows - 1, 0)
    sheet.far = far
    # a formula and an error in one cell (a formula whose result is #N/A): the formula is named
    in_formulas = {(r, c) for r, c, _ in formulas}
    sheet.formulas = formulas
    sheet.errors = [e for e in errors if (e[0], e[1]) not in in_formulas]
    sheet.hidden_rows = hidden_rows
    return shared_cells, text_cells


def _cell_ref(ref: str, columns: dict[str, int]) -> tuple[int, int] | None:
    """(row, column) of a reference such as "B12"; None when it is not one."""
    letters = ref.rstrip(_DIGITS)
    digits = ref[len(letters):]
    if not digits or not letters or len(digits) > 7:
        return None
    column = columns.get(letters)
    if column is None:
        if len(letters) > 3 or not letters.isascii() or not letters.isalpha():
            return None
        column = 0
        for letter in letters.upper():
            column = column * 26 + ord(letter) - 64
        columns[letters] = column
    return int(digits), column
