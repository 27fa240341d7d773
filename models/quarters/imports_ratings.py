"""The yearly quality rating from and to xlsx: ``Mã cán bộ | Họ và tên | Năm | Xếp loại cuối năm | Ghi chú``.

Same rules as the other importers: every problem listed as "Dòng N, cột <tiêu đề>: ...", nothing
written unless the whole file is right, in one transaction. The name must match the code (as the
quarterly import checks it); the person must have worked in that year. "Xếp loại cuối năm" takes
the label ("Hoàn thành tốt nhiệm vụ", any case, with or without diacritics), the short form
(HTXSNV, HTTNV, HTNV, KHTNV) or the stored code; an empty cell is an error (a rating is removed
on the screen, not by a file).
"""
from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from models.common.bulk import without_gc_passes
from models.common.codes import LEVEL_SHORT, Level, label, labels_of, level_from_text
from models.common.text import clean
from models.exchange.import_common import CellErrors, ImportResult, Progress, int_cell, person_cells, report_progress
from models.exchange.xlsx import Column, ImportRejected, cell_text, read_rows, write_workbook
from models.people.imports import NO_SUCH_STAFF, STAFF_CODE
from models.quarters.ratings import year_roster, year_units

HEADERS = ["Mã cán bộ", "Họ và tên", "Năm", "Xếp loại cuối năm", "Ghi chú"]
COLUMNS = [
    Column(HEADERS[0], 12),
    Column(HEADERS[1], 28),
    Column(HEADERS[2], 8),
    Column(HEADERS[3], 32, tuple(labels_of(Level))),
    Column(HEADERS[4], 45),
]
SHEET_TITLE = "Xếp loại cuối năm"
LEVEL_CHOICES = ", ".join(f"{label(level)} ({short})" for level, short in LEVEL_SHORT.items())


def write_template(path: str | Path) -> None:
    """The empty workbook with the import's columns (and the levels' drop-down)."""
    write_workbook(path, SHEET_TITLE, COLUMNS, [])


def export_ratings(db: Database, year: int, path: str | Path, unit_id: int | None = None) -> int:
    """The stored ratings of ``year`` (of one unit, or all; by unit, leaders first, then by name)
    in the import's columns: importing the file back changes nothing."""
    rows = [[p.code, p.full_name, year, label(p.level), p.note] for p in year_roster(db, year, unit_id) if p.level]
    write_workbook(path, f"{SHEET_TITLE} {year}", COLUMNS, rows)
    return len(rows)


@without_gc_passes()  # many small records at once, none in a cycle
def import_ratings(db: Database, path: str | Path, dry_run: bool = False,
                   progress: Progress | None = None) -> ImportResult:
    """Add or update (by person and year) the ratings in the file; raises :class:`ImportRejected`,
    nothing written, when any cell is wrong."""
    rows = read_rows(path, HEADERS)
    errors = CellErrors(HEADERS)
    staff = {r["code"]: r for r in db.query("SELECT code, id, full_name FROM staff")}
    workers: dict[int, dict[int, int]] = {}
    seen: dict[tuple[int, int], int] = {}
    parsed: list[tuple[int, int, Level, str]] = []
    for i, row in enumerate(rows):
        if i % 2000 == 0:
            report_progress(progress, i, len(rows) * 2)
        code, person = person_cells(errors, row, STAFF_CODE, staff, NO_SUCH_STAFF)
        year = int_cell(errors, row, "Năm", 2000, 2100, "năm hợp lệ (từ 2000 đến 2100)")
        level = _level(errors, row)
        note = clean(cell_text(row.cells["Ghi chú"]))
        if person is None or year is None or level is None:
            continue
        key = (person["id"], year)
        if key in seen:
            errors.add(row, "Mã cán bộ", f"{code} đã có xếp loại năm {year} ở dòng {seen[key]}")
            continue
        seen[key] = row.number
        if year not in workers:
            workers[year] = year_units(db, year)
        if person["id"] not in workers[year]:
            errors.add(row, "Năm", f"{code} không làm việc trong năm {year}, không xếp loại được")
            continue
        parsed.append((person["id"], year, level, note))
    if errors:
        raise ImportRejected(errors.items)
    existing = {(s, y): (level, note) for s, y, level, note
                in db.execute("SELECT staff_id, year, level, note FROM yearly_rating") if (s, y) in seen}
    new = [r for r in parsed if (r[0], r[1]) not in existing]
    changed = [r for r in parsed if (r[0], r[1]) in existing and existing[r[0], r[1]] != (r[2].value, r[3])]
    result = ImportResult(len(new), len(changed), len(parsed) - len(new) - len(changed), dry_run,
                          warnings=rows.warnings)
    if dry_run:
        return result
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO yearly_rating (staff_id, year, level, note) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(staff_id, year) DO UPDATE SET level = excluded.level, note = excluded.note",
            [(s, y, level.value, note) for s, y, level, note in new + changed],
        )
    report_progress(progress, len(rows) * 2, len(rows) * 2)
    return result


def _level(errors: CellErrors, row) -> Level | None:
    text = cell_text(row.cells["Xếp loại cuối năm"])
    if not text:
        errors.add(row, "Xếp loại cuối năm", "bỏ trống (bắt buộc)")
        return None
    level = level_from_text(text)
    if level is None:
        errors.add(row, "Xếp loại cuối năm", f"“{text}” không hợp lệ, chọn một trong: {LEVEL_CHOICES}")
    return level
