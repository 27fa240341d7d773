"""The award register from and to xlsx: ``Mã cán bộ | Mã đơn vị | Năm | Hình thức khen thưởng | Cấp khen |
Số quyết định | Ngày quyết định | Lý do | Số tiền``.

A row names a person (Mã cán bộ) or a collective (Mã đơn vị), never both. "Hình thức khen thưởng" is the
award as written ("Huân chương Lao động hạng Ba"); it must begin with a known kind (Giấy khen, Bằng khen,
Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Huân chương, ...). "Cấp khen" accepts the labels and the usual
words (Quận, Thành phố, Cơ sở...). "Số tiền" is in đồng ("1.390.000", blank = 0).

As every importer: each problem listed as "Dòng N, cột <tiêu đề>: ...", nothing written unless the whole file
is right, in one transaction. An award is known by its person or unit, year, form and decision number: a
row for an award already stored updates it ("cập nhật", or "giữ nguyên" when nothing differs), so importing
an export back changes nothing. A title written by an approved list cannot be changed from a file.
"""
from __future__ import annotations

import re
from pathlib import Path

from sqlite_utils import Database

from models.common.bulk import without_gc_passes
from models.awards.register import Award, field_errors, list_awards
from models.common.award_codes import award_label
from models.common.award_codes import AwardKind, kind_labels, kind_of_form, level_labels, level_of_text
from models.common.text import clean, fold, normalise_code
from models.exchange.import_common import CellErrors, ImportResult, Progress, cell_message, date_cell, finish_import, \
    report_progress
from models.exchange.xlsx import Column, ImportRejected, cell_text, read_rows, write_workbook
from models.people.imports import NO_SUCH_STAFF, NO_SUCH_UNIT, STAFF_CODE, UNIT_CODE
from models.store.records import insert_sql

HEADERS = [STAFF_CODE, UNIT_CODE, "Năm", "Hình thức khen thưởng", "Cấp khen", "Số quyết định", "Ngày quyết định",
           "Lý do", "Số tiền"]
COLUMNS = [
    Column(HEADERS[0], 12),
    Column(HEADERS[1], 12),
    Column(HEADERS[2], 8),
    Column(HEADERS[3], 34),
    Column(HEADERS[4], 18, tuple(level_labels())),
    Column(HEADERS[5], 18),
    Column(HEADERS[6], 16, is_date=True),
    Column(HEADERS[7], 45),
    Column(HEADERS[8], 14),
]
SHEET_TITLE = "Khen thưởng"
_FIELD_HEADERS = {"year": "Năm", "kind": "Hình thức khen thưởng", "form": "Hình thức khen thưởng",
                  "level": "Cấp khen", "decision_date": "Ngày quyết định", "amount": "Số tiền"}
_AMOUNT = re.compile(r"\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+")  # whole đồng, "." or "," between thousands
_UPDATE = ("UPDATE award SET kind = :kind, form = :form, form_folded = :form_folded, level = :level, "
           "decision_date = :decision_date, reason = :reason, amount = :amount WHERE id = :id")


def parse_amount(value: object) -> int | None:
    """Đồng written "1.390.000", "1,390,000", "1390000", "1.390.000 đ" or as a number; ``None`` when it is not
    a whole, non-negative amount. Blank is 0."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if value >= 0 and float(value).is_integer() else None
    text = cell_text(value).lower().replace("đồng", "").replace("đ", "").replace("vnd", "").strip()
    if not text:
        return 0
    text = text.replace(" ", "")
    if not _AMOUNT.fullmatch(text) or not text.isascii():
        return None
    return int(text.replace(".", "").replace(",", ""))


def _year(errors: CellErrors, row) -> int | None:
    text = cell_text(row.cells["Năm"])
    if not text:
        errors.add(row, "Năm", "bỏ trống (bắt buộc)")
        return None
    if not (text.isascii() and text.isdigit()) or not 1945 <= int(text) <= 2100:
        errors.add(row, "Năm", f"“{text}” không phải năm hợp lệ (từ 1945 đến 2100)")
        return None
    return int(text)


def _subject(errors: CellErrors, row, staff: dict, units: dict) -> tuple[int | None, int | None]:
    staff_code = normalise_code(cell_text(row.cells[STAFF_CODE]))
    unit_code = normalise_code(cell_text(row.cells[UNIT_CODE]))
    if staff_code and unit_code:
        errors.add(row, UNIT_CODE, "chỉ ghi một trong hai mã: Mã cán bộ (khen cá nhân) hoặc Mã đơn vị (khen tập thể)")
    elif not staff_code and not unit_code:
        errors.add(row, STAFF_CODE, "bỏ trống cả Mã cán bộ và Mã đơn vị: ghi Mã cán bộ (khen cá nhân) hoặc Mã đơn "
                                    "vị (khen tập thể)")
    elif staff_code:
        if staff_code not in staff:
            errors.add(row, STAFF_CODE, NO_SUCH_STAFF.format(code=staff_code))
        return staff.get(staff_code), None
    elif unit_code not in units:
        errors.add(row, UNIT_CODE, NO_SUCH_UNIT.format(code=unit_code))
    return None, units.get(unit_code)


def _form(errors: CellErrors, row) -> tuple[str, AwardKind | None]:
    form = clean(cell_text(row.cells["Hình thức khen thưởng"]))
    if not form:
        errors.add(row, "Hình thức khen thưởng", "bỏ trống (bắt buộc)")
        return form, None
    kind = kind_of_form(form)
    if kind is None:
        errors.add(row, "Hình thức khen thưởng",
                   f"“{form}” không rõ là hình thức nào; ghi bắt đầu bằng một trong: {', '.join(kind_labels())}")
    return form, kind


def _level(errors: CellErrors, row):
    text = cell_text(row.cells["Cấp khen"])
    if not text:
        errors.add(row, "Cấp khen", "bỏ trống (bắt buộc)")
        return None
    level = level_of_text(text)
    if level is None:
        errors.add(row, "Cấp khen", f"“{text}” không hợp lệ, chọn một trong: {', '.join(level_labels())}")
    return level


@without_gc_passes()  # many small records at once, none in a cycle
def import_awards(db: Database, path: str | Path, dry_run: bool = False, progress: Progress | None = None
                  ) -> ImportResult:
    """Add or update the awards in the file; raises :class:`ImportRejected`, nothing written, when any
    cell is wrong."""
    rows = read_rows(path, HEADERS)
    errors = CellErrors(HEADERS)
    staff = dict(db.execute("SELECT code, id FROM staff").fetchall())
    units = dict(db.execute("SELECT code, id FROM unit").fetchall())
    existing = {}
    for r in db.execute("SELECT id, staff_id, unit_id, year, form_folded, decision_number, kind, form, level, "
                        "decision_date, reason, amount, approval_id FROM award"):
        existing[(r[1], r[2], r[3], r[4], r[5])] = r
    seen: dict[tuple, int] = {}
    new, changed, unchanged = [], [], 0
    for i, row in enumerate(rows):
        if i % 2000 == 0:
            report_progress(progress, i, len(rows) * 2)
        staff_id, unit_id = _subject(errors, row, staff, units)
        year = _year(errors, row)
        form, kind = _form(errors, row)
        level = _level(errors, row)
        number = clean(cell_text(row.cells["Số quyết định"]))
        decided = date_cell(errors, row, "Ngày quyết định")
        reason = " ".join(cell_text(row.cells["Lý do"]).split())
        amount = parse_amount(row.cells["Số tiền"])
        if amount is None:
            errors.add(row, "Số tiền", f"“{cell_text(row.cells['Số tiền'])}” không phải số tiền (đồng), ví dụ 1.390.000")
        if (staff_id is None and unit_id is None) or None in (year, kind, level, amount):
            continue
        award = Award(staff_id, unit_id, year, kind, form, level, "", number, decided, reason, amount)
        wrong = field_errors(award)
        for field, message in wrong.items():
            errors.add(row, _FIELD_HEADERS.get(field, "Hình thức khen thưởng"),
                       message if field == "kind" else cell_message(message))  # the kind's message begins with a name
        if wrong:
            continue
        key = (staff_id, unit_id, year, fold(form), number)
        if key in seen:
            errors.add(row, "Hình thức khen thưởng", f"trùng với dòng {seen[key]} (cùng người hoặc đơn vị, năm, hình "
                                                     "thức và số quyết định)")
            continue
        seen[key] = row.number
        values = {"kind": str(kind), "form": form, "form_folded": fold(form), "level": str(level),
                  "decision_date": decided.isoformat() if decided else None, "reason": reason, "amount": amount}
        old = existing.get(key)
        if old is None:
            new.append({"staff_id": staff_id, "unit_id": unit_id, "year": year, "authority": "",
                        "decision_number": number, **values})
        elif (old[6], old[7], old[8], old[9], old[10], old[11]) == (values["kind"], form, values["level"],
                                                                    values["decision_date"], reason, amount):
            unchanged += 1
        elif old[12] is not None:
            errors.add(row, "Hình thức khen thưởng", f"{form} năm {year} được ghi từ danh sách đã phê duyệt; sửa bằng "
                                                     "cách mở lại danh sách, không sửa qua tệp nhập")
        else:
            changed.append({**values, "id": old[0]})
    def write() -> None:
        if new:
            db.conn.executemany(insert_sql("award", new[0]), new)
        db.conn.executemany(_UPDATE, changed)

    return finish_import(db, rows, errors, (len(new), len(changed), unchanged), dry_run, progress, write)


def export_rows(db: Database, year: int | None = None) -> list[list]:
    """The awards (of one year, or all) in the import's columns, oldest first."""
    return [[a.code if not a.is_collective else "", a.code if a.is_collective else "", a.year, a.form,
             award_label(a.level), a.decision_number, a.decision_date, a.reason, a.amount or ""]
            for a in list_awards(db, year)]


def export_awards(db: Database, path: str | Path, year: int | None = None) -> int:
    """Write the register (of one year, or all); importing the file back changes nothing. Returns the rows."""
    rows = export_rows(db, year)
    write_workbook(path, SHEET_TITLE if year is None else f"{SHEET_TITLE} {year}", COLUMNS, rows)
    return len(rows)


def write_template(path: str | Path) -> None:
    write_workbook(path, SHEET_TITLE, COLUMNS, [])


__all__ = ["COLUMNS", "HEADERS", "ImportRejected", "export_awards", "import_awards", "parse_amount", "write_template"]

