"""What every xlsx importer shares: the result, error collection, reading coded and date cells."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from models.common.codes import from_label, labels_of
from models.common.dates import DateError, parse_date
from models.common.text import normalise_code
from models.exchange.xlsx import ImportRejected, Row, Rows, cell_text

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
    text = cell_text(row.cells[header])
    if not text:
        if required:
            errors.add(row, header, "bỏ trống (bắt buộc)")
        return None
    member = from_label(enum, text)
    if member is None:
        errors.add(row, header, f"“{text}” không hợp lệ, chọn một trong: {', '.join(labels_of(enum))}")
    return member


def date_cell(errors: CellErrors, row: Row, header: str) -> dt.date | None:
    try:
        return parse_date(row.cells[header])
    except DateError as e:
        errors.add(row, header, str(e))
        return None


def code_cell(errors: CellErrors, row: Row, header: str, known: dict, unknown: str) -> tuple[str, object | None]:
    """The code in the row's ``header`` column (normalised) and what ``known`` holds for it; an
    empty code, or one ``known`` lacks (``unknown``: the message, with ``{code}``), is an error."""
    code = normalise_code(cell_text(row.cells[header]))
    found = known.get(code)
    if not code:
        errors.add(row, header, "bỏ trống (bắt buộc)")
    elif found is None:
        errors.add(row, header, unknown.format(code=code))
    return code, found


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
