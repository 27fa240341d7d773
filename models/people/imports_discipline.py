"""Disciplinary decisions from and to xlsx: ``Mã cán bộ | Hình thức kỷ luật | Số quyết định |
Ngày quyết định | Năm áp dụng | Ghi chú``.

Same rules as the other importers: every problem listed as "Dòng N, cột <tiêu đề>: ...", nothing
written unless the whole file is right, in one transaction. A decision is known by its person and
its number (as the database's ``UNIQUE (staff_id, decision_number)``): a row for a decision already
stored updates it, counted as "cập nhật" when something differs and "giữ nguyên" otherwise.

The last two columns may be left out of the file altogether (the four columns of the issue are
enough). A blank "Năm áp dụng" means the year of the decision; a column left out keeps what is
stored for a decision already known.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from models.common.bulk import without_gc_passes
from models.common.codes import DisciplineForm, labels_of
from models.common.dates import format_date
from models.people.discipline import list_discipline
from models.exchange.import_common import (
    CellErrors, ImportResult, Progress, choice_cell, code_cell, date_cell, finish_import, read_rows_with_optional,
    report_progress,
)
from models.people.imports import NO_SUCH_STAFF, STAFF_CODE
from models.common.text import clean
from models.exchange.xlsx import Column, cell_text, write_workbook

HEADERS = ["Mã cán bộ", "Hình thức kỷ luật", "Số quyết định", "Ngày quyết định", "Năm áp dụng", "Ghi chú"]
REQUIRED = 4  # the first four columns must be there; the others may be left out
COLUMNS = [
    Column(HEADERS[0], 12),
    Column(HEADERS[1], 18, tuple(labels_of(DisciplineForm))),
    Column(HEADERS[2], 18),
    Column(HEADERS[3], 16, is_date=True),
    Column(HEADERS[4], 12),
    Column(HEADERS[5], 45),
]
SHEET_TITLE = "Kỷ luật"

_INSERT = ("INSERT INTO discipline (staff_id, decision_number, form, decision_date, effective_year, note) "
           "VALUES (?, ?, ?, ?, ?, ?)")
_UPDATE = "UPDATE discipline SET form = ?, decision_date = ?, effective_year = ?, note = ? WHERE id = ?"


def read_discipline_rows(path: str | Path):
    """The file's rows and the headers it has: all six, or the first four (or five)."""
    return read_rows_with_optional(path, HEADERS, REQUIRED)


@without_gc_passes()  # many small records at once, none in a cycle
def import_discipline(
    db: Database, path: str | Path, today: dt.date, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Add or update (by person and decision number) the decisions in the file; raises
    :class:`ImportRejected`, nothing written, when any cell is wrong."""
    rows, present = read_discipline_rows(path)
    errors = CellErrors(HEADERS)
    staff = dict(db.execute("SELECT code, id FROM staff").fetchall())
    existing = {(d.staff_id, d.decision_number): d for d in list_discipline(db)}
    seen: dict[tuple[int, str], int] = {}
    new: list[tuple] = []
    changed: list[tuple] = []
    unchanged = 0
    has_year, has_note = "Năm áp dụng" in present, "Ghi chú" in present
    for i, row in enumerate(rows):
        if i % 2000 == 0:
            report_progress(progress, i, len(rows) * 2)
        code, staff_id = code_cell(errors, row, STAFF_CODE, staff, NO_SUCH_STAFF)
        form = choice_cell(errors, row, "Hình thức kỷ luật", DisciplineForm)
        number = clean(cell_text(row.cells["Số quyết định"]))
        if not number:
            errors.add(row, "Số quyết định", "bỏ trống (bắt buộc)")
        decided = date_cell(errors, row, "Ngày quyết định")
        if decided is None and cell_text(row.cells["Ngày quyết định"]) == "":
            errors.add(row, "Ngày quyết định", "bỏ trống (bắt buộc)")
        elif decided is not None and decided > today:
            errors.add(row, "Ngày quyết định", f"ngày {format_date(decided)} ở tương lai")
        year = _year(errors, row) if has_year else None
        note = cell_text(row.cells["Ghi chú"]) if has_note else None  # as the entry screen keeps it
        if staff_id is None or not number:
            continue
        key = (staff_id, number)
        if key in seen:
            errors.add(row, "Số quyết định", f"quyết định số {number} của cán bộ {code} trùng với dòng {seen[key]}")
            continue
        seen[key] = row.number
        if form is None or decided is None or year == _WRONG:
            continue
        old = existing.get(key)
        if old is not None and not has_year:
            year = old.effective_year
        if not year and not 2000 <= decided.year <= 2100:  # the year taken from the decision's date
            errors.add(row, "Ngày quyết định", f"năm {decided.year} ngoài khoảng 2000-2100 (ghi “Năm áp dụng” hoặc "
                                               "sửa ngày)")
            continue
        values = (form.value, decided.isoformat(), year or decided.year,
                  (old.note if old is not None else "") if note is None else note)
        if old is None:
            new.append((staff_id, number, *values))
        elif values == (old.form.value, old.decision_date.isoformat(), old.effective_year, old.note):
            unchanged += 1
        else:
            changed.append((*values, old.id))
    def write() -> None:
        db.conn.executemany(_INSERT, new)
        db.conn.executemany(_UPDATE, changed)

    return finish_import(db, rows, errors, (len(new), len(changed), unchanged), dry_run, progress, write)


_WRONG = -1


def _year(errors: CellErrors, row) -> int | None:
    """The effective year typed; ``None`` when blank (the decision's year); ``_WRONG`` when wrong."""
    text = cell_text(row.cells["Năm áp dụng"])
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 2000 <= int(text) <= 2100:
        errors.add(row, "Năm áp dụng", f"“{text}” không phải năm hợp lệ (từ 2000 đến 2100)")
        return _WRONG
    return int(text)


def export_discipline(db: Database, path: str | Path, year: int | None = None) -> int:
    """The decisions (of one effective year, or all) in the import's columns, oldest first:
    importing the file back changes nothing. Returns the number of rows written."""
    rows = [[d.staff_code, d.form_label, d.decision_number, d.decision_date, d.effective_year, d.note]
            for d in list_discipline(db, year=year)]
    write_workbook(path, SHEET_TITLE if year is None else f"{SHEET_TITLE} {year}", COLUMNS, rows)
    return len(rows)
