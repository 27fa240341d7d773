"""The Excel round trip of the quarterly classification between the district and the units.

The district writes a workbook per unit and quarter, pre-filled with the unit's people; the unit
fills in the levels; the district imports it back. The unit is named in the sheet's title
("Đơn vị P01"); a row for someone outside that unit for the quarter is an error.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from models.common.bulk import without_gc_passes
from models.quarters.classifications import Entry, quarter_text, quarter_units, roster, score_problem
from models.common.codes import NOT_CLASSIFIED, HeadLevel, NotClassifiedReason, from_label, label, labels_of
from models.common.errors import DomainError
from models.exchange.import_common import (
    CellErrors, ImportResult, Progress, cell_message, int_cell, person_cells, read_rows_with_optional,
    report_progress,
)
from models.quarters.rules import list_rule_sets, rule_set_for
from models.people.imports import NO_SUCH_STAFF, STAFF_CODE
from models.common.text import fold
from models.exchange.xlsx import Column, ImportRejected, cell_text, write_workbook

HEADERS = ["Mã cán bộ", "Họ và tên", "Năm", "Quý", "Xếp loại", "Lý do không đánh giá", "Ghi chú"]
# The score out of 100 (Nghị định 335/2025/NĐ-CP): an optional last column. A file without it is read
# exactly as before and keeps the scores stored; the template and the export have it when the
# quarter's rule set scores people (or a score is stored).
SCORE_HEADER = "Điểm"
ALL_HEADERS = [*HEADERS, SCORE_HEADER]
COLUMNS = [
    Column(HEADERS[0], 12),
    Column(HEADERS[1], 28),
    Column(HEADERS[2], 8),
    Column(HEADERS[3], 6),
    Column(HEADERS[4], 30, (*labels_of(HeadLevel), NOT_CLASSIFIED)),
    Column(HEADERS[5], 22, tuple(labels_of(NotClassifiedReason))),
    Column(HEADERS[6], 40),
]
SCORE_COLUMN = Column(SCORE_HEADER, 8)
SHEET_PREFIX = "Đơn vị "
_SHEET_UNIT = re.compile(r"^Đơn vị (\S+)")
_SHEET_SLASH = "\u2215"  # "∕": a sheet's title cannot hold "/", which unit codes may (P/01)


def _unit_sheet_title(code: str) -> str:
    """The sheet title naming a unit ("Đơn vị P01"); read back by :func:`_sheet_unit`."""
    return f"{SHEET_PREFIX}{code.replace('/', _SHEET_SLASH)}"


def _row_values(code: str, name: str, year: int, quarter: int, entry: Entry | None, with_score: bool = False) -> list:
    level = label(entry.level) if entry and entry.level else NOT_CLASSIFIED if entry and entry.reason else ""
    reason = label(entry.reason) if entry and entry.reason else ""
    values = [code, name, year, quarter, level, reason, entry.note if entry else ""]
    if with_score:
        score = entry.score if entry else None
        values.append(int(score) if score is not None and float(score).is_integer() else score)
    return values


def _columns(with_score: bool) -> list[Column]:
    return [*COLUMNS, SCORE_COLUMN] if with_score else COLUMNS


def write_unit_workbook(db: Database, unit_id: int, year: int, quarter: int, path: str | Path) -> int:
    """The workbook a unit fills in: its people for the quarter (leaders first), with any result
    already entered. Returns the number of people."""
    code = db.execute("SELECT code FROM unit WHERE id = ?", [unit_id]).fetchone()
    if code is None:
        raise DomainError("Đơn vị không tồn tại")
    scored = rule_set_for(db, year, quarter).scored  # no template for a quarter the program cannot import
    people = roster(db, unit_id, year, quarter)
    scored = scored or any(p.entry.score is not None for p in people)
    rows = [_row_values(p.code, p.full_name, year, quarter, None if p.entry.blank else p.entry, scored)
            for p in people]
    write_workbook(path, _unit_sheet_title(code[0]), _columns(scored), rows)
    return len(rows)


def export_classifications(db: Database, year: int, quarter: int, path: str | Path,
                           unit_id: int | None = None) -> int:
    """The quarter's results (of one unit, or all units) in the import's columns."""
    where = "c.year = ? AND c.quarter = ?" + (" AND c.unit_id = ?" if unit_id else "")
    params = [year, quarter] + ([unit_id] if unit_id else [])
    rows = db.query(
        f"SELECT s.code, s.full_name, c.level, c.reason, c.note, c.score FROM classification c "
        f"JOIN staff s ON s.id = c.staff_id JOIN unit u ON u.id = c.unit_id WHERE {where} ORDER BY u.code, s.code",
        params,
    )
    rows = list(rows)
    rule_sets = [rs for rs in list_rule_sets(db) if rs.start <= (year, quarter)]
    scored = bool(rule_sets and rule_sets[-1].scored) or any(r["score"] is not None for r in rows)
    values = [_row_values(r["code"], r["full_name"], year, quarter, Entry.from_row(0, r), scored) for r in rows]
    if unit_id:
        (code,) = db.execute("SELECT code FROM unit WHERE id = ?", [unit_id]).fetchone()
        title = _unit_sheet_title(code)
    else:
        title = f"Quý {quarter}-{year}"
    write_workbook(path, title, _columns(scored), values)
    return len(values)


def _sheet_unit(db: Database, path: Path) -> int | None:
    """The unit named in the first sheet's title ("Đơn vị P01"), if any."""
    import python_calamine

    try:
        name = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names[0]
    except Exception:
        return None
    match = _SHEET_UNIT.match(name)
    if not match:
        return None
    row = db.execute("SELECT id FROM unit WHERE code = ?", [match.group(1).replace(_SHEET_SLASH, "/").upper()]).fetchone()
    return row[0] if row else -1  # -1: the sheet names a unit that does not exist


def _sheet_name(path: Path) -> str:
    import python_calamine

    return python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names[0]


@without_gc_passes()  # many small records at once, none in a cycle
def import_classifications(
    db: Database, path: str | Path, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Import quarterly results. Each row's person is placed in the unit they belonged to that
    quarter; rows for a locked quarter, a quarter without a rule set, a person outside the sheet's
    unit, a person who had left, or a name that does not match the code are errors. All or nothing."""
    path = Path(path)
    rows, present = read_rows_with_optional(path, ALL_HEADERS, len(HEADERS), name_optional=False)
    has_score = SCORE_HEADER in present
    errors = CellErrors(ALL_HEADERS)
    sheet_unit = _sheet_unit(db, path)
    if sheet_unit == -1:
        raise ImportRejected([f"Trang tính “{_sheet_name(path)}” ghi một mã đơn vị không có trong danh sách đơn vị"])
    staff = {r["code"]: r for r in db.query("SELECT code, id, full_name, ended_on, recruited_on FROM staff")}
    unit_codes = dict(db.execute("SELECT id, code FROM unit").fetchall())
    starts = [rs.start for rs in list_rule_sets(db)]
    locked = set(db.execute("SELECT unit_id, year, quarter FROM unit_quarter WHERE locked = 1").fetchall())
    members: dict[tuple[int, int], dict[int, int]] = {}
    seen: dict[tuple[int, int, int], int] = {}
    parsed: list[tuple[int, int, int, int, Entry]] = []  # staff, unit, year, quarter, entry
    for i, row in enumerate(rows):
        if i % 2000 == 0:
            report_progress(progress, i, len(rows) * 2)
        code, person = person_cells(errors, row, STAFF_CODE, staff, NO_SUCH_STAFF)
        year = int_cell(errors, row, "Năm", 2000, 2100, "năm hợp lệ")
        quarter = int_cell(errors, row, "Quý", 1, 4, "quý hợp lệ (1, 2, 3 hoặc 4)")
        if year is not None and quarter is not None and not any(s <= (year, quarter) for s in starts):
            errors.add(row, "Năm", f"chưa có quy định áp dụng cho {quarter_text(year, quarter)}")
            year = None
        entry = _entry(errors, row)
        if entry is not None and has_score:
            entry = _scored(errors, row, entry)
        if person is None or year is None or quarter is None or entry is None:
            continue
        staff_id = person["id"]
        if (staff_id, year, quarter) in seen:
            errors.add(row, "Mã cán bộ", f"{code} đã được xếp loại {quarter_text(year, quarter)} ở dòng "
                                         f"{seen[staff_id, year, quarter]}")
            continue
        seen[staff_id, year, quarter] = row.number
        if (year, quarter) not in members:
            members[year, quarter] = quarter_units(db, year, quarter)
        unit_id = members[year, quarter].get(staff_id)
        if unit_id is None:
            ended, recruited = person["ended_on"], person["recruited_on"]
            last = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
            if recruited and dt.date.fromisoformat(recruited) > last:
                why = f"được tuyển dụng ngày {dt.date.fromisoformat(recruited):%d/%m/%Y}"
            elif ended:
                why = f"đã nghỉ từ ngày {dt.date.fromisoformat(ended):%d/%m/%Y}"
            else:
                why = "chưa thuộc đơn vị nào"
            errors.add(row, "Mã cán bộ", f"{code} {why}, không xếp loại được {quarter_text(year, quarter)}")
            continue
        if sheet_unit is not None and unit_id != sheet_unit:
            errors.add(row, "Mã cán bộ", f"{code} không thuộc đơn vị {unit_codes[sheet_unit]} trong "
                                         f"{quarter_text(year, quarter)} (thuộc đơn vị {unit_codes[unit_id]})")
            continue
        if (unit_id, year, quarter) in locked:
            errors.add(row, "Quý", f"kết quả {quarter_text(year, quarter)} của đơn vị {unit_codes[unit_id]} "
                                   "đã chốt, không nhập được")
            continue
        parsed.append((staff_id, unit_id, year, quarter, replace(entry, staff_id=staff_id)))
    if errors:
        raise ImportRejected(errors.items)
    existing = {
        (staff_id, y, q): (unit_id, level, reason, note, score)
        for staff_id, y, q, unit_id, level, reason, note, score
        in db.execute("SELECT staff_id, year, quarter, unit_id, level, reason, note, score FROM classification")
        if (staff_id, y, q) in seen
    }
    values = [  # a file without the score column keeps the score stored (of someone still rated)
        (s, u, y, q, e.level.value if e.level else None, e.reason.value if e.reason else None, e.note,
         e.score if has_score or e.level is None else existing.get((s, y, q), (None,) * 5)[4])
        for s, u, y, q, e in parsed
    ]
    new = [v for v in values if (v[0], v[2], v[3]) not in existing]
    changed = [v for v in values if (v[0], v[2], v[3]) in existing and existing[v[0], v[2], v[3]] != (v[1], *v[4:])]
    result = ImportResult(len(new), len(changed), len(values) - len(new) - len(changed), dry_run, warnings=rows.warnings)
    if dry_run:
        return result
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO classification (staff_id, unit_id, year, quarter, level, reason, note, score) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(staff_id, year, quarter) DO UPDATE SET "
            "unit_id = excluded.unit_id, level = excluded.level, reason = excluded.reason, note = excluded.note, "
            "score = excluded.score",
            new + changed,
        )
    report_progress(progress, len(rows) * 2, len(rows) * 2)
    return result


def _scored(errors: CellErrors, row, entry: Entry) -> Entry | None:
    """``entry`` with the row's score (blank: none); ``None`` when the score is wrong."""
    value = row.cells[SCORE_HEADER]
    text = cell_text(value)
    if not text:
        return entry
    try:
        score = float(value) if isinstance(value, (int, float)) else float(text.replace(",", "."))
    except ValueError:
        score = text
    problem = score_problem(score, entry.level)
    if problem:
        errors.add(row, SCORE_HEADER, cell_message(problem.replace(f"Điểm “{score}”", f"“{text}”")))
        return None
    return replace(entry, score=score)


def _entry(errors: CellErrors, row) -> Entry | None:
    """The level (or "Không đánh giá" with a reason) of a row; ``None`` when it is wrong."""
    text = cell_text(row.cells["Xếp loại"])
    reason_text = cell_text(row.cells["Lý do không đánh giá"])
    note = cell_text(row.cells["Ghi chú"]).strip()
    if not text:
        errors.add(row, "Xếp loại", "bỏ trống (bắt buộc)")
        return None
    if fold(text) == fold(NOT_CLASSIFIED):
        if not reason_text:
            errors.add(row, "Lý do không đánh giá",
                       f"cần ghi lý do khi Không đánh giá: {', '.join(labels_of(NotClassifiedReason))}")
            return None
        reason = from_label(NotClassifiedReason, reason_text)
        if reason is None:
            errors.add(row, "Lý do không đánh giá", f"“{reason_text}” không hợp lệ, chọn một trong: "
                                                    f"{', '.join(labels_of(NotClassifiedReason))}")
            return None
        return Entry(0, None, reason, note)
    level = from_label(HeadLevel, text)
    if level is None:
        errors.add(row, "Xếp loại", f"“{text}” không hợp lệ, chọn một trong: "
                                    f"{', '.join(labels_of(HeadLevel))}, {NOT_CLASSIFIED}")
        return None
    if reason_text:
        errors.add(row, "Lý do không đánh giá", "chỉ ghi lý do khi Xếp loại là Không đánh giá")
        return None
    return Entry(0, level, None, note)
