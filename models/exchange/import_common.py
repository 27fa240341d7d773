"""What every xlsx importer shares: the result, error collection, reading coded and date cells."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from models.common.codes import from_label, labels_of
from models.common.dates import DateError, parse_date
from models.common.text import fold, normalise_code
from models.exchange.xlsx import ImportRejected, Row, Rows, cell_text, get_column_letter, read_rows

Progress = Callable[[int, int], None]
WARNINGS_SHOWN = 20  # lines of warnings in a summary (the import window lists them all)


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    dry_run: bool = False
    moved: int = 0  # staff whose unit changed (a move recorded from the import date)
    warnings: tuple[str, ...] = ()  # what the user should know, nothing wrong: rows hidden in Excel

    def summary(self, with_warnings: bool = True) -> str:
        verb = "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ" if self.dry_run else "Đã"
        text = f"{verb} thêm {self.added}, cập nhật {self.updated}, giữ nguyên {self.unchanged} dòng"
        if self.moved:
            text += f" ({self.moved} cán bộ chuyển đơn vị)"
        text += "."
        if with_warnings and self.warnings:
            shown = self.warnings[:WARNINGS_SHOWN]
            more = len(self.warnings) - len(shown)
            text += "\nLưu ý:\n" + "\n".join(shown) + (f"\n... và {more} lưu ý khác" if more > 0 else "")
        return text


class CellErrors:
    """Errors collected over a file, listed by row and then by column order."""

    def __init__(self, headers: list[str]) -> None:
        self._order = {h: i for i, h in enumerate(headers)}
        self._found: list[tuple[int, int, int, str]] = []

    def add(self, row: Row | int, header: str, message: str) -> None:
        number = row.number if isinstance(row, Row) else row
        text = f"Dòng {number}, cột {header}: {message}"
        self._found.append((number, self._order.get(header, 99), len(self._found), text))

    def __bool__(self) -> bool:
        return bool(self._found)

    @property
    def items(self) -> list[str]:
        return [t for *_, t in sorted(self._found)]


def choice_cell(errors: CellErrors, row: Row, header: str, enum, required: bool = True):
    member, message = choice_value(row.cells[header], enum, required)
    if message is not None:
        errors.add(row, header, message)
    return member


def choice_value(value: object, enum, required: bool = True) -> tuple[object | None, str | None]:
    """The member of ``enum`` a cell's value names, and what is wrong with the cell (or None)."""
    text = cell_text(value)
    if not text:
        return None, "bỏ trống (bắt buộc)" if required else None
    member = from_label(enum, text)
    if member is None:
        return None, f"“{text}” không hợp lệ, chọn một trong: {', '.join(labels_of(enum))}"
    return member, None


class ByValue:
    """A column's reading done once per distinct value: an import's units, categories, yes/no
    columns hold a few values over thousands of rows. ``convert(value)`` gives the result and what
    is wrong with the cell (a message, or None); calling the object with a row reads its cell under
    ``header``, reports the message for that row and returns the result."""

    def __init__(self, convert: Callable[[object], tuple[object, str | None]]) -> None:
        self._convert = convert
        self._seen: dict[tuple[type, object], tuple[object, str | None]] = {}

    def __call__(self, errors: CellErrors, row: Row, header: str):
        value = row.cells[header]
        found = self._found((value.__class__, value))  # True, 1 and 1.0 are one dict key, three different cells
        if found[1] is not None:
            errors.add(row, header, found[1])
        return found[0]

    def column(self, errors: CellErrors, rows: list[Row], header: str) -> list:
        """``[self(errors, row, header) for row in rows]``: the same results and messages, twice as fast
        (a column of text, as most are, is looked up by the texts themselves)."""
        values = [row.cells[header] for row in rows]
        distinct = set(values)
        # Every value is text when every distinct one is (a number, a date, None never equals a text: no
        # value other than a text hides behind an equal one)
        if set(map(type, distinct)) == {str}:
            table = {value: self._found((str, value)) for value in distinct}
            if all(found[1] is None for found in table.values()):  # (most columns) the results at once
                return list(map({value: found[0] for value, found in table.items()}.__getitem__, values))
            results = list(map(table.__getitem__, values))
        else:
            results = [self._found((value.__class__, value)) for value in values]
        for row, found in zip(rows, results):
            if found[1] is not None:
                errors.add(row, header, found[1])
        return [found[0] for found in results]

    def _found(self, key: tuple[type, object]) -> tuple[object, str | None]:
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._convert(key[1])
        return found


def int_cell(errors: CellErrors, row: Row, header: str, low: int, high: int, what: str) -> int | None:
    """A whole number from ``low`` to ``high`` (``what`` names it in the message); required."""
    text = cell_text(row.cells[header])
    if not text:
        errors.add(row, header, "bỏ trống (bắt buộc)")
        return None
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        errors.add(row, header, f"“{text}” không phải {what}")
        return None
    return int(text)


def name_cell(errors: CellErrors, row: Row, code: str, stored: str | None, header: str = "Họ và tên") -> None:
    """The name typed beside a person's code: required, and the same as the stored name ``stored``
    (ignoring case, diacritics and spacing) when the code is known."""
    name = cell_text(row.cells[header])
    if not name:
        errors.add(row, header, "bỏ trống (bắt buộc)")
    elif stored is not None and fold(name) != fold(stored):
        errors.add(row, header, f"“{name}” không khớp với mã {code} (“{stored}”)")


def person_cells(errors: CellErrors, row: Row, header: str, known: dict, unknown: str) -> tuple[str, dict | None]:
    """A person's code (``header``) and the name beside it, checked as :func:`code_cell` and
    :func:`name_cell` do: the code and what ``known`` holds for it (a dict with "full_name")."""
    code, person = code_cell(errors, row, header, known, unknown)
    name_cell(errors, row, code, person["full_name"] if person is not None else None)
    return code, person


def date_cell(errors: CellErrors, row: Row, header: str) -> dt.date | None:
    try:
        return parse_date(row.cells[header])
    except DateError as e:
        errors.add(row, header, str(e))
        return None


def date_column(errors: CellErrors, rows: list[Row], header: str) -> list[dt.date | None]:
    """``[date_cell(errors, row, header) for row in rows]``: the same dates and messages, a cell the reader
    gave as a date (most of a date column) taken as it is without a call."""
    date = dt.date
    return [value if (value := row.cells[header]).__class__ is date else date_cell(errors, row, header)
            for row in rows]


def code_cell(errors: CellErrors, row: Row, header: str, known: dict, unknown: str) -> tuple[str, object | None]:
    """The code in the row's ``header`` column (normalised) and what ``known`` holds for it; an
    empty code, or one ``known`` lacks (``unknown``: the message, with ``{code}``), is an error."""
    found, message = code_value(row.cells[header], known, unknown)
    if message is not None:
        errors.add(row, header, message)
    return found


def code_value(value: object, known: dict, unknown: str) -> tuple[tuple[str, object | None], str | None]:
    """``(code, what known holds for it)`` for a cell's value, and what is wrong (or None): :func:`code_cell`."""
    code = normalise_code(cell_text(value))
    found = known.get(code)
    if not code:
        return (code, found), "bỏ trống (bắt buộc)"
    if found is None:
        return (code, found), unknown.format(code=code)
    return (code, found), None


def duplicate_code(errors: CellErrors, seen: dict[str, int], row: Row, header: str, code: str) -> bool:
    if code in seen:
        errors.add(row, header, f"mã “{code}” trùng với dòng {seen[code]}")
        return True
    seen[code] = row.number
    return False


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def cell_message(message: str) -> str:
    """A field message from the domain, as said of a cell: "bỏ trống (bắt buộc)" for a missing value."""
    if message.startswith("Chưa nhập"):
        return "bỏ trống (bắt buộc)"
    return message[:1].lower() + message[1:]


def read_rows_with_optional(path, headers: list[str], required: int,
                            name_optional: bool = True) -> tuple[Rows, list[str]]:
    """The file's rows and the headers it has: all of ``headers``, or the first ``required`` (or
    more) when only columns after them are missing at the end of the header row. A file refused
    for another reason lists the optional columns missing too, unless ``name_optional`` is False
    (a column the template has only for some rule sets)."""
    try:
        return read_rows(path, headers), headers
    except ImportRejected as e:
        missing = {f"Dòng 1, cột {h}: thiếu tiêu đề “{h}” ở cột {get_column_letter(i + 1)}": i
                   for i, h in enumerate(headers) if i >= required}
        if not e.errors or any(m not in missing for m in e.errors):
            if name_optional:
                raise
            raise ImportRejected([m for m in e.errors if m not in missing]) from None
        present = headers[:min(missing[m] for m in e.errors)]
        return read_rows(path, present), present


def finish_import(db, rows: Rows, errors: CellErrors, counts: tuple[int, int, int], dry_run: bool,
                  progress: Progress | None, write: Callable[[], None]) -> ImportResult:
    """The end every importer shares: refuse the file (:class:`ImportRejected`, nothing written) when
    ``errors`` has any; else ``write()`` in one transaction unless ``dry_run``. ``counts``: (added, updated,
    unchanged)."""
    if errors:
        raise ImportRejected(errors.items)
    result = ImportResult(*counts, dry_run, warnings=rows.warnings)
    if dry_run:
        return result
    with db.atomic():
        write()
    report_progress(progress, len(rows) * 2, len(rows) * 2)
    return result
