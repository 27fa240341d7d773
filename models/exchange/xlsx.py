"""Reading and writing the xlsx files exchanged with units (first sheet, headers in row 1).

Reading uses python-calamine (about 13x faster than openpyxl); writing uses openpyxl.
Before calamine reads a file, :func:`read_rows` has it looked at with zipfile and a streaming
parser (:mod:`models.exchange.xlsx_guard`): files that are not xlsx, password-protected
workbooks, a hidden first sheet, files past the size limits (far cells, zip bombs, too many
rows), formulas and error cells are refused there, each with a sentence that says what to do.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

from models.common.bulk import without_gc_passes
from models.common.dates import excel_serial_date
from models.common.errors import DomainError
from models.exchange import xlsx_guard
from models.exchange.xlsx_guard import MAX_DATA_ROWS
from models.common.text import money as _number  # "1.000.000": counts take the same thousands separator
from models.common.text import clean, nfc

# openpyxl writes through lxml when lxml is installed (python-docx brings it); a full disk then raises lxml's
# SerialisationError instead of OSError. Its own writer, as before lxml came, reports every failed write as OSError.
os.environ.setdefault("OPENPYXL_LXML", "False")

T = TypeVar("T")
MAX_ERRORS_SHOWN = 500
MAX_CELL_TEXT = 2_000  # characters in one cell: longer is a pasted document, never a value
DATE_HEADER_PREFIX = "Ngày "  # "Ngày sinh", "Ngày tuyển dụng", ...: the date columns of an import
FORMULA_STARTS = ("=", "+", "-", "@")

_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream of an encrypted .xlsx
_CHUNK = 1 << 20
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


class Row(NamedTuple):  # a tuple: made 3x faster than a frozen dataclass, one for each row of a file
    number: int  # the row number Excel shows (the header is row 1)
    cells: dict[str, object]  # header -> value ("" for an empty cell)


class Rows(list):
    """The data rows of a file (a list of :class:`Row`), and what the user should know about
    them although nothing is wrong: ``warnings`` ("Dòng 7 đang bị ẩn trong Excel ...")."""

    warnings: tuple[str, ...] = ()


@without_gc_passes()  # many small records at once, none in a cycle
def read_rows(path: str | Path, headers: list[str], date_headers: list[str] | None = None,
              optional: tuple[str, ...] = (), meanwhile: Callable[[], None] | None = None) -> Rows:
    """The non-empty data rows of the first sheet, after checking its header row is ``headers``,
    followed by any leading part of ``optional`` (columns a file may add after the template's, in
    that order: the rows then have those cells too, else not).

    ``meanwhile``: the caller's own work that needs nothing of the file (reading its database), done
    on this thread while the reader reads the sheet on another one (it lets go of the interpreter's
    lock while it reads: the two take the time of the longer), once the guard has let the file
    through. What it raises is raised once the file is read and found good, as if it had been
    called after read_rows; when the file is refused, the refusal is raised instead.

    Raises :class:`ImportRejected`, nothing read, for:

    - a missing file; a file that is not a readable xlsx (another format, a renamed file, an
      empty or truncated file, a damaged zip, a part holding more than its header says);
    - a password-protected workbook (Excel saves it as an encrypted OLE file, not a zip);
    - a hidden first sheet (the data would be read from a sheet the user does not see);
    - a file past the limits of :mod:`models.exchange.xlsx_guard`, checked before the reader
      is given it: more than :data:`MAX_DATA_ROWS` rows holding values, a value past row
      100,001 or column 50 (the reader would allocate the whole rectangle up to it), more than
      256 MB decompressed or a part compressed more than 100 times (a zip bomb), more than
      100 MB of text in the cells;
    - formulas anywhere in the sheet (the value a formula shows is not what the file holds: a
      workbook written by a program has no cached value at all), error cells (#N/A, #REF!...:
      the reader gives them as empty cells, which would erase the stored value) and merged
      cells, each listed as "Dòng N, cột <tiêu đề>: ..."; a column past the template's is named
      by its letter;
    - a wrong header row, values in a column without a header, or a sheet without data;
    - text longer than :data:`MAX_CELL_TEXT` characters in a cell.

    Text is returned in NFC and trimmed; rows whose cells are all empty (or only spaces) are
    skipped. In the date columns (``date_headers``; by default the headers that begin with
    "Ngày ") a whole number that is an Excel date serial is returned as that date: a date cell
    whose "Date" format was lost (see :func:`models.common.dates.excel_serial_date`), counted
    from 1904 in a workbook saved in the 1904 date system. Rows that Excel hides (or that a
    filter hides) are read, each with a warning in ``Rows.warnings``.
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

    failed: list[BaseException] = []  # what ``meanwhile`` raised
    try:
        sheet = _checked(path, headers)
        book = _while_reading(lambda: python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0),
                              meanwhile, failed)
        merged = _merged_cells(book, headers)
        if merged:
            raise ImportRejected([text for *_, text in sorted(merged)])
        grid = book.to_python(skip_empty_area=False)
    except ImportRejected:
        raise
    except python_calamine.PasswordError:
        raise locked from None
    except MemoryError:  # within the guard's limits, yet more than this computer has free
        raise ImportRejected(
            [f"Không đủ bộ nhớ để đọc tệp “{path.name}”; hãy đóng bớt chương trình khác hoặc chia nhỏ tệp"]
        ) from None
    except BaseException as e:  # calamine is Rust: a panic arrives as a BaseException
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        raise broken from None
    headers = headers + present_optional(grid[0] if grid else [], len(headers), optional)
    header_errors = check_headers(grid[0] if grid else [], headers)
    if header_errors:
        raise ImportRejected(header_errors)
    if date_headers is None:
        date_headers = [h for h in headers if h.startswith(DATE_HEADER_PREFIX)]
    shift = _DAYS_1900_TO_1904 if sheet.date1904 else 0
    rows, problems = _data_rows(grid, headers, [headers.index(h) for h in date_headers], shift)
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected(["Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc để trống)"])
    if sheet.hidden_rows:
        numbers = {row.number for row in rows}
        rows.warnings = tuple(f"Dòng {n} đang bị ẩn trong Excel (ẩn hoặc bị lọc), vẫn được nhập"
                              for n in sheet.hidden_rows if n in numbers)
    if failed:
        raise failed[0]
    return rows


def _while_reading(read: Callable[[], T], meanwhile: Callable[[], None] | None, failed: list[BaseException]) -> T:
    """``read()`` (the reader: it lets go of the interpreter's lock) on another thread while ``meanwhile()``
    runs on this one; what ``meanwhile`` raises is put in ``failed``, what ``read`` raises is raised here."""
    if meanwhile is None:
        return read()
    done: dict[str, object] = {}

    def reading() -> None:
        try:
            done["value"] = read()
        except BaseException as e:  # a panic of the reader is a BaseException: raised on this thread
            done["error"] = e

    worker = threading.Thread(target=reading, name="xlsx-reader", daemon=True)
    worker.start()
    try:
        meanwhile()
    except Exception as e:
        failed.append(e)
    finally:
        worker.join()
    if "error" in done:
        raise done["error"]
    return done["value"]


_DAYS_1900_TO_1904 = 1462  # day 0 of the 1904 date system (01/01/1904) is day 1462 of the 1900 one


def _checked(path: Path, headers: list[str]) -> xlsx_guard.Sheet:
    """What the guard learned of the first sheet, once every refusal it allows is raised."""
    try:
        sheet = xlsx_guard.inspect(path)
    except xlsx_guard.Unsafe as e:
        raise ImportRejected([str(e)]) from None
    if sheet.hidden:
        raise ImportRejected(
            [f"Trang tính đầu tiên “{sheet.name}” đang bị ẩn; hãy hiện trang tính (Unhide) "
             "hoặc đưa trang tính dữ liệu lên đầu"]
        )
    if sheet.data_rows > MAX_DATA_ROWS:
        raise _too_many(sheet.data_rows)
    if sheet.far is not None:
        row, column = sheet.far
        raise ImportRejected(
            [f"Tệp có ô ở {get_column_letter(column)}{row}: vượt giới hạn {_number(MAX_DATA_ROWS)} dòng "
             f"x {xlsx_guard.MAX_COLUMNS} cột; hãy xoá các ô thừa rồi lưu lại"]
        )
    problems = [(row, column, _formula_message(row, column, text, headers))
                for row, column, text in sheet.formulas]
    problems += [(row, column, f"Dòng {row}, cột {_column_name(column, headers)}: ô lỗi {value}, "
                               "hãy nhập giá trị đúng thay cho ô lỗi")
                 for row, column, value in sheet.errors]
    if problems:
        raise ImportRejected([text for *_, text in sorted(problems)])
    return sheet


def _too_many(count: int) -> ImportRejected:
    return ImportRejected(
        [f"Tệp có {_number(count)} dòng dữ liệu, quá giới hạn "
         f"{_number(MAX_DATA_ROWS)} dòng mỗi lần nhập; hãy chia nhỏ tệp"]
    )


def _formula_message(row: int, column: int, text: str, headers: list[str]) -> str:
    if len(text) > _SHOWN_FORMULA:
        text = text[:_SHOWN_FORMULA - 3] + "..."
    return (f"Dòng {row}, cột {_column_name(column, headers)}: ô có công thức (={text}), "
            "hãy dán giá trị (Paste Values) thay cho công thức")


_NUMBERS = (int, float)


def _data_rows(grid: list[list], headers: list[str], date_columns: list[int],
               shift: int = 0) -> tuple[Rows, list[str]]:
    """The rows below the header (text in NFC and trimmed, serials in date columns as dates) and
    the messages for cells whose text is too long and for values in columns without a header.
    The hot loop of every import: keep it lean."""
    import unicodedata

    normalize = unicodedata.normalize
    limit = MAX_CELL_TEXT
    width = len(headers)
    padding = [""] * width
    rows = Rows()
    too_long: list[str] = []
    unheaded: dict[int, list[int]] = {}  # column past the headers -> the rows with a value there
    for index in range(1, len(grid)):
        cells = [normalize("NFC", v).strip() if v.__class__ is str else v for v in grid[index]]
        if cells.count("") == len(cells):
            continue
        if len(cells) < width:
            cells.extend(padding[len(cells):])
        elif len(cells) > width:
            for j in range(width, len(cells)):
                if cells[j] != "":
                    unheaded.setdefault(j + 1, []).append(index + 1)
            del cells[width:]
        for i in date_columns:
            if cells[i].__class__ in _NUMBERS:
                day = excel_serial_date(cells[i] + shift if shift else cells[i])
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
    if len(rows) > MAX_DATA_ROWS:  # what the reader returned: the guard counted the same in the XML
        raise _too_many(len(rows))
    for column, numbers in sorted(unheaded.items()):
        letter = get_column_letter(column)
        more = f" (và {_number(len(numbers) - 1)} dòng khác)" if len(numbers) > 1 else ""
        too_long.append(
            f"Dòng {numbers[0]}, cột {letter}: có giá trị{more} nhưng cột {letter} không có tiêu đề, "
            f"mẫu chỉ có {width} cột; hãy xoá các giá trị đó hoặc chuyển vào đúng cột"
        )
    return rows, sorted(too_long, key=_row_of)


def _row_of(message: str) -> int:
    """N of a message "Dòng N, cột ...": messages are listed by row."""
    return int(message[5:message.index(",")])


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


def present_optional(found: list[object], start: int, optional: tuple[str, ...]) -> list[str]:
    """The optional headers the header row ``found`` has right after the first ``start`` columns."""
    got = [nfc(str(v)).strip() if v is not None else "" for v in found]
    present = []
    for n, header in enumerate(optional):
        if start + n < len(got) and got[start + n] == header:
            present.append(header)
        else:
            break
    return present


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


def clean_cell_texts(values: list[object]) -> list[str]:
    """``[clean(cell_text(v)) for v in values]``, for a column at once: text already clean (each cell
    printable, in NFC, trimmed, without two spaces in a row: what :func:`read_rows` gives for most cells)
    is checked in one go, as one text with a space between the cells (NFC never joins a character to a
    space, so the text is in NFC exactly when each cell is)."""
    if set(map(type, values)) == {str}:
        joined = " ".join(values)
        if (joined.isprintable() and "  " not in joined and joined[:1] != " " and joined[-1:] != " "
                and ".0 " not in joined + " " and unicodedata.is_normalized("NFC", joined)):
            return list(values)
    return [clean(cell_text(value)) for value in values]


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
