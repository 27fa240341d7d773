"""Reading and writing the xlsx files exchanged with units (first sheet, headers in row 1).

Reading uses python-calamine (about 13x faster than openpyxl); writing uses openpyxl.
Before calamine reads a file, :func:`read_rows` looks at it with zipfile: files that are not xlsx,
password-protected workbooks, a hidden first sheet, too many rows and formulas are refused there,
each with a sentence that says what to do in Excel.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path


from models.common.dates import excel_serial_date
from models.common.errors import DomainError
from models.common.text import money as _number  # "1.000.000": counts take the same thousands separator
from models.common.text import nfc

MAX_ERRORS_SHOWN = 500
MAX_CELL_TEXT = 2_000  # characters in one cell: longer is a pasted document, never a value
MAX_DATA_ROWS = 100_000  # data rows in one import: a larger file is refused before it is read
DATE_HEADER_PREFIX = "Ngày "  # "Ngày sinh", "Ngày tuyển dụng", ...: the date columns of an import
FORMULA_STARTS = ("=", "+", "-", "@")

_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream of an encrypted .xlsx
_CHUNK = 1 << 20
_ROOT_PREFIX = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_SHOWN_FORMULA = 60  # characters of a formula quoted in a message


class ImportRejected(DomainError):
    """The file was refused; nothing was written. ``errors`` lists every problem found,
    each as "Dòng N, cột <tiêu đề>: <lỗi>" (or one sentence about the whole file)."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        shown = self.errors[:MAX_ERRORS_SHOWN]
        more = len(self.errors) - len(shown)
        text = "\n".join(shown) + (f"\n... và {more} lỗi khác" if more > 0 else "")
        super().__init__(text)


@dataclass(frozen=True)
class Row:
    number: int  # the row number Excel shows (the header is row 1)
    cells: dict[str, object]  # header -> value ("" for an empty cell)


def read_rows(path: str | Path, headers: list[str], date_headers: list[str] | None = None) -> list[Row]:
    """The non-empty data rows of the first sheet, after checking its header row is ``headers``.

    Raises :class:`ImportRejected`, nothing read, for:

    - a missing file; a file that is not a readable xlsx (another format, a renamed file, an
      empty or truncated file, a damaged zip);
    - a password-protected workbook (Excel saves it as an encrypted OLE file, not a zip);
    - a hidden first sheet (the data would be read from a sheet the user does not see);
    - more than :data:`MAX_DATA_ROWS` rows holding values, counted in the sheet's XML before
      calamine loads it (a sheet of a million rows is refused in a second or two, where
      calamine would take several seconds and hundreds of MB just to load it);
    - formulas anywhere in the sheet (the value a formula shows is not what the file holds: a
      workbook written by a program has no cached value at all) and merged cells, each listed as
      "Dòng N, cột <tiêu đề>: ..."; a column past the template's is named by its letter;
    - a wrong header row, or a sheet without data;
    - text longer than :data:`MAX_CELL_TEXT` characters in a cell.

    Text is returned in NFC and trimmed; rows whose cells are all empty (or only spaces) are
    skipped. In the date columns (``date_headers``; by default the headers that begin with
    "Ngày ") a whole number that is an Excel date serial is returned as that date: a date cell
    whose "Date" format was lost (see :func:`models.common.dates.excel_serial_date`).
    """
    path = Path(path)
    if not path.is_file():
        raise ImportRejected([f"Không tìm thấy tệp “{path}”"])
    broken = ImportRejected(
        [f"Tệp “{path.name}” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được"]
    )
    locked = ImportRejected(
        [f"Tệp “{path.name}” được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại"]
    )
    try:
        kind = _file_kind(path)
    except OSError:  # unreadable (no permission, a broken disk)
        raise broken from None
    if kind == "encrypted":
        raise locked
    if kind != "zip" or path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise broken
    import python_calamine  # imported on first use: keeps the program's start fast

    try:
        sheet_name, hidden, scan = _look_inside(path, headers)
        if hidden:
            raise ImportRejected(
                [f"Trang tính đầu tiên “{sheet_name}” đang bị ẩn; hãy hiện trang tính (Unhide) "
                 "hoặc đưa trang tính dữ liệu lên đầu"]
            )
        if scan.data_rows > MAX_DATA_ROWS:
            raise ImportRejected(
                [f"Tệp có {_number(scan.data_rows)} dòng dữ liệu, quá giới hạn "
                 f"{_number(MAX_DATA_ROWS)} dòng mỗi lần nhập; hãy chia nhỏ tệp"]
            )
        sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        problems = scan.formulas + _merged_cells(sheet, headers)
        if problems:
            raise ImportRejected([text for *_, text in sorted(problems)])
        grid = sheet.to_python(skip_empty_area=False)
    except ImportRejected:
        raise
    except python_calamine.PasswordError:
        raise locked from None
    except BaseException as e:  # calamine is Rust: a panic arrives as a BaseException
        if isinstance(e, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        raise broken from None
    header_errors = check_headers(grid[0] if grid else [], headers)
    if header_errors:
        raise ImportRejected(header_errors)
    if date_headers is None:
        date_headers = [h for h in headers if h.startswith(DATE_HEADER_PREFIX)]
    rows, too_long = _data_rows(grid, headers, [headers.index(h) for h in date_headers])
    if too_long:
        raise ImportRejected(too_long)
    if not rows:
        raise ImportRejected(["Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc để trống)"])
    return rows


_NUMBERS = (int, float)


def _data_rows(grid: list[list], headers: list[str], date_columns: list[int]) -> tuple[list[Row], list[str]]:
    """The rows below the header (text in NFC and trimmed, serials in date columns as dates) and
    the messages for cells whose text is too long. The hot loop of every import: keep it lean."""
    import unicodedata

    normalize = unicodedata.normalize
    limit = MAX_CELL_TEXT
    width = len(headers)
    padding = [""] * width
    rows: list[Row] = []
    too_long: list[str] = []
    for index in range(1, len(grid)):
        cells = [normalize("NFC", v).strip() if v.__class__ is str else v for v in grid[index]]
        if cells.count("") == len(cells):
            continue
        if len(cells) < width:
            cells.extend(padding[len(cells):])
        for i in date_columns:
            if cells[i].__class__ in _NUMBERS:
                day = excel_serial_date(cells[i])
                if day is not None:
                    cells[i] = day
        for value in cells:
            if value.__class__ is str and len(value) > limit:
                too_long.extend(
                    f"Dòng {index + 1}, cột {_column_name(j + 1, headers)}: nội dung dài quá "
                    f"{_number(limit)} ký tự ({_number(len(v))} ký tự)"
                    for j, v in enumerate(cells)
                    if v.__class__ is str and len(v) > limit
                )
                break
        rows.append(Row(index + 1, dict(zip(headers, cells))))
    return rows, too_long


def _column_name(column: int, headers: list[str]) -> str:
    """The template's header of the 1-based ``column``; its letter past the template's columns."""
    return headers[column - 1] if column <= len(headers) else get_column_letter(column)


def _file_kind(path: Path) -> str:
    """"zip", "encrypted" (an OLE file holding an encrypted OOXML package) or "other"."""
    with open(path, "rb") as stream:
        magic = stream.read(8)
        if magic.startswith(_ZIP_MAGIC):
            return "zip"
        if magic != _CFB_MAGIC:
            return "other"
        tail = b""
        while chunk := stream.read(_CHUNK):
            if _ENCRYPTED_PACKAGE in tail + chunk:
                return "encrypted"
            tail = chunk[-len(_ENCRYPTED_PACKAGE):]
    return "other"


@dataclass(frozen=True)
class _Scan:
    data_rows: int  # rows below the header that hold a value (an upper bound when small)
    formulas: list[tuple[int, int, str]]  # (row, column, message) of every formula cell


def _look_inside(path: Path, headers: list[str]) -> tuple[str, bool, _Scan]:
    """The first sheet's name, whether it is hidden, and what its XML holds; raises on a
    damaged file (the caller turns that into the "not an xlsx" message)."""
    import posixpath
    import zipfile
    from xml.etree.ElementTree import fromstring

    with zipfile.ZipFile(path) as archive:
        book = fromstring(archive.read("xl/workbook.xml"))
        first = next(e for e in book.iter() if e.tag.rpartition("}")[2] == "sheet")
        rel_id = next(v for k, v in first.attrib.items() if k.rpartition("}")[2] == "id")
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        target = next(e.get("Target") for e in rels.iter() if e.get("Id") == rel_id)
        target = target.replace("\\", "/")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
        name = first.get("name") or ""
        hidden = first.get("state", "visible") in ("hidden", "veryHidden")
        if hidden:
            return name, True, _Scan(0, [])
        prefix, row_tags, has_formula = _skim(archive, member)
        data_rows = row_tags - 1
        if data_rows > MAX_DATA_ROWS:  # <row> elements may be empty (formatting only): count again
            data_rows = _rows_with_values(archive, member, prefix) - 1
            if data_rows > MAX_DATA_ROWS:
                return name, False, _Scan(data_rows, [])
        formulas = _formula_cells(archive, member, headers) if has_formula else []
        return name, False, _Scan(data_rows, formulas)


def _skim(archive, member: str) -> tuple[bytes, int, bool]:
    """One pass over the sheet's XML without parsing it: the namespace prefix of its elements,
    the number of <row> elements, and whether any <f> (formula) element may be there.

    Costs about the zip's decompression (10 ms for 10,000 rows): plain byte searches only.
    """
    with archive.open(member) as stream:
        chunk = stream.read(_CHUNK)
        found = _ROOT_PREFIX.search(chunk[:4096])
        prefix = found.group(1) + b":" if found and found.group(1) else b""
        row_tag, formula_tag = b"<" + prefix + b"row", b"<" + prefix + b"f"
        rows, has_formula, tail = 0, False, b""
        while chunk:
            buffer = tail + chunk
            rows += buffer.count(row_tag, max(len(tail) - len(row_tag) + 1, 0))
            if not has_formula:
                at = buffer.find(formula_tag, max(len(tail) - len(formula_tag) - 1, 0))
                while at != -1:
                    after = buffer[at + len(formula_tag):at + len(formula_tag) + 1]
                    if after in (b">", b"/", b" ", b"\t", b"\r", b"\n"):
                        has_formula = True
                        break
                    at = buffer.find(formula_tag, at + 1)
            tail = buffer[-64:]
            chunk = stream.read(_CHUNK)
    return prefix, rows, has_formula


def _rows_with_values(archive, member: str, prefix: bytes) -> int:
    """The <row> elements of the sheet that hold at least one value (a <v> or an inline string),
    without building them: split on the row tag, a regex search per row."""
    row_tag = b"<" + prefix + b"row"
    p = re.escape(prefix)
    value = re.compile(b"<" + p + b"v>[^<]|<" + p + b"is>")
    count, carry, in_row = 0, b"", False
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            parts = (carry + chunk).split(row_tag)
            if chunk:
                carry = parts.pop()  # may go on in the next chunk
            # parts[0] is the body of the row begun earlier when in_row; every other part is one.
            for i, part in enumerate(parts):
                if (i or in_row) and value.search(part):
                    count += 1
            if not chunk:
                return count
            in_row = in_row or bool(parts)  # a row tag was met: the carry is a row's body


def _formula_cells(archive, member: str, headers: list[str]) -> list[tuple[int, int, str]]:
    """Every cell of the sheet that holds a formula, as (row, column, message)."""
    from xml.etree.ElementTree import iterparse

    found: list[tuple[int, int, str]] = []
    shared: dict[str, str] = {}  # a shared formula's text, given in its first cell only
    row = column = 0
    with archive.open(member) as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    number = element.get("r")
                    row = int(number) if number and number.isdigit() else row + 1
                    column = 0
                elif tag == "c":
                    ref = _CELL_REF.match(element.get("r") or "")
                    column = _column_index(ref.group(1)) if ref else column + 1
                    if ref:
                        row = int(ref.group(2))
                continue
            if tag == "f":
                text = (element.text or "").strip()
                key = element.get("si")
                if element.get("t") == "shared" and key is not None:
                    text = shared.setdefault(key, text) if text else shared.get(key, "")
                if len(text) > _SHOWN_FORMULA:
                    text = text[:_SHOWN_FORMULA - 3] + "..."
                found.append((
                    row, column,
                    f"Dòng {row}, cột {_column_name(column, headers)}: ô có công thức (={text}), "
                    "hãy dán giá trị (Paste Values) thay cho công thức",
                ))
            elif tag == "row":
                element.clear()
    return found


def _column_index(letters: str) -> int:
    """Excel's column letters as a 1-based index: A -> 1, AA -> 27."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


def _merged_cells(sheet, headers: list[str]) -> list[tuple[int, int, str]]:
    """A message for each merged range that touches the sheet's cells with values."""
    end = sheet.end
    if end is None:
        return []
    found = []
    for (top, left), _bottom_right in sheet.merged_cell_ranges or ():
        if top > end[0] or left > end[1]:
            continue  # below or right of every value: formatting only, nothing is read there
        name = _column_name(left + 1, headers)
        where = "ở dòng tiêu đề" if top == 0 else "trong vùng dữ liệu"
        found.append((top + 1, left + 1, f"Dòng {top + 1}, cột {name}: ô gộp (merge) {where}, hãy bỏ gộp ô"))
    return found


def get_column_letter(index: int) -> str:
    """Excel's name of the 1-based column ``index``: 1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_headers(found: list[object], expected: list[str]) -> list[str]:
    """Messages for a header row that is not exactly ``expected`` (empty when it is)."""
    got = [nfc(str(v)).strip() if v is not None else "" for v in found]
    while got and got[-1] == "":
        got.pop()
    errors = []
    for i, header in enumerate(expected):
        letter = get_column_letter(i + 1)
        if i >= len(got) or got[i] == "":
            errors.append(f"Dòng 1, cột {header}: thiếu tiêu đề “{header}” ở cột {letter}")
        elif got[i] != header:
            errors.append(
                f"Dòng 1, cột {header}: tiêu đề ở cột {letter} phải là “{header}”, tệp ghi “{got[i]}”"
            )
    for i in range(len(expected), len(got)):
        if got[i]:
            errors.append(
                f"Dòng 1, cột {got[i]}: cột thừa ở cột {get_column_letter(i + 1)}, "
                f"mẫu chỉ có {len(expected)} cột"
            )
    return errors


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without ".0" (codes typed as numbers, and the same written as
    text: "2018.0"), dates as dd/mm/yyyy. Text keeps its leading zeros ("001" stays "001")."""
    if value.__class__ is not str:  # text first: it is most cells, and every import reads them all
        if value is None:
            return ""
        if isinstance(value, bool):
            return "Có" if value else "Không"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        value = str(value)
    text = value.strip()
    if text[-2:] == ".0" and text[:-2].isdigit() and text[:-2].isascii():
        return text[:-2]  # a number saved as text by another program: "2018.0" is 2018, as 2018.0 is
    return text


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    choices: tuple[str, ...] = ()  # offered as a drop-down list in the file
    is_date: bool = False


def write_workbook(path: str | Path, title: str, columns: list[Column], rows: list[list]) -> None:
    """Write one sheet: bold header in row 1, frozen, widths set, drop-downs for coded columns.

    Text that begins with =, +, - or @ is stored as text so that Excel shows it, never runs it.
    Dates are real Excel dates shown as dd/mm/yyyy.
    """
    from openpyxl import Workbook  # imported on first use: keeps the program's start fast
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([c.header for c in columns])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=i)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    sheet.freeze_panes = "A2"
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text begins with
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    last_row = max(len(rows) + 1, 1000)
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        if column.choices:
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error="Chọn một giá trị trong danh sách",
            )
            rule.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(rule)
        if column.is_date:
            for r in range(2, len(rows) + 2):
                sheet[f"{letter}{r}"].number_format = "dd/mm/yyyy"
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    workbook.save(str(path))
