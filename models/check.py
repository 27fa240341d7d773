"""Checking a council's database: SQLite's own checks and the domain's consistency rules."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from models.quarters.classifications import quarter_units


@dataclass(frozen=True)
class Finding:
    what: str  # a Vietnamese sentence for the user
    serious: bool = True


def quick_check(db: Database) -> list[Finding]:
    """The fast part, run at every start: SQLite's quick_check and the foreign keys."""
    return _sqlite_findings(db, "quick_check", 20)


def _sqlite_findings(db: Database, check: str, most: int) -> list[Finding]:
    """SQLite's own ``check`` (quick_check or integrity_check) and up to ``most`` broken references."""
    findings = []
    result = [r[0] for r in db.execute(f"PRAGMA {check}").fetchall()]
    if result != ["ok"]:
        findings.append(Finding(f"Tệp dữ liệu bị hỏng: {'; '.join(result[:5])}"))
    for table, rowid, parent, _fk in db.execute("PRAGMA foreign_key_check").fetchall()[:most]:
        findings.append(Finding(f"Bảng {table}, dòng {rowid}: tham chiếu tới {parent} không tồn tại"))
    return findings


def full_check(db: Database) -> list[Finding]:
    """integrity_check, foreign_key_check, and the domain's own rules."""
    findings = _sqlite_findings(db, "integrity_check", 50)
    findings += _staff_without_unit(db)
    findings += _classifications_outside_their_unit(db)
    findings += _members_of_ended_units(db)
    findings += _damaged_snapshots(db)
    return findings


def check_file(path: str | Path) -> list[Finding]:
    """The command line's ``check``: a damaged file is reported (read-only, before the program
    opens it), never raised; otherwise :func:`full_check`."""
    from models.store.backup import database_problem
    from models.store.db import connect

    problem = database_problem(path)
    if problem is not None:
        return [Finding(f"{problem}. Hãy khôi phục từ bản sao lưu (python main.py restore TỆP --db {path})")]
    db = connect(path)
    try:
        return full_check(db)
    except sqlite3.DatabaseError as e:
        return [Finding(f"Tệp dữ liệu bị hỏng ({e}). Hãy khôi phục từ bản sao lưu (python main.py restore TỆP "
                        f"--db {path})")]
    finally:
        db.close()


def _damaged_snapshots(db: Database) -> list[Finding]:
    """Snapshots that do not match their own digest, then snapshots that match a digest other than
    the one the history recorded when the list was approved (snapshot and digest both rewritten)."""
    from models.store.history import recorded_at_insert
    from models.yearend.lists import damaged_snapshots, digest_of

    damaged = damaged_snapshots(db)
    findings = [Finding(f"Bản chốt của danh sách đã phê duyệt (Quyết định số {number}) bị hỏng: nội dung không khớp "
                        "mã kiểm tra hoặc không đọc được; hãy khôi phục từ bản sao lưu") for _id, _kind, number in damaged]
    seen = {approval_id for approval_id, _kind, _number in damaged}
    recorded = recorded_at_insert(db, "award_approval", "digest")
    for approval_id, number, snapshot in db.execute(
            "SELECT id, decision_number, snapshot FROM award_approval ORDER BY id").fetchall():
        if approval_id in seen:
            continue
        if approval_id not in recorded:
            findings.append(Finding(
                f"Danh sách đã phê duyệt (Quyết định số {number}) không có trong nhật ký thay đổi: không rõ được phê "
                "duyệt khi nào, bởi ai; hãy khôi phục từ bản sao lưu"))
        elif digest_of(snapshot) != recorded[approval_id][0]:
            findings.append(Finding(
                f"Bản chốt của danh sách đã phê duyệt (Quyết định số {number}) đã bị sửa sau khi phê duyệt: mã kiểm tra "
                f"không khớp mã ghi trong nhật ký lúc phê duyệt ({_when(recorded[approval_id][1])}); hãy khôi phục từ "
                "bản sao lưu"))
    return findings


def _when(at: str) -> str:
    return f"{at[8:10]}/{at[5:7]}/{at[:4]} {at[11:]}"


def _staff_without_unit(db: Database) -> list[Finding]:
    rows = db.execute(
        "SELECT code, full_name FROM staff s WHERE NOT EXISTS (SELECT 1 FROM staff_unit h WHERE h.staff_id = s.id)"
    ).fetchall()
    return [Finding(f"Cán bộ {code} - {name} không có quá trình công tác (không thuộc đơn vị nào)")
            for code, name in rows]


def _members_of_ended_units(db: Database) -> list[Finding]:
    """People still in a unit after a successor took it over (joined it later, or left out of the move)."""
    from models.common.dates import format_date
    from models.people.succession import unit_ends

    ends = unit_ends(db)
    if not ends:
        return []
    rows = db.execute(
        "SELECT s.code, s.full_name, s.ended_on, u.id, u.name FROM staff s "
        "JOIN (SELECT staff_id, unit_id, max(start_date) FROM staff_unit GROUP BY staff_id) h ON h.staff_id = s.id "
        "JOIN unit u ON u.id = h.unit_id ORDER BY s.code").fetchall()
    return [Finding(f"Cán bộ {code} - {name} vẫn thuộc {unit}, đơn vị đã sáp nhập, chia tách hoặc đổi tên từ ngày "
                    f"{format_date(ends[unit_id])}: hãy chuyển sang đơn vị mới (màn hình Cán bộ)", serious=False)
            for code, name, ended, unit_id, unit in rows
            if unit_id in ends and (ended is None or ended >= ends[unit_id].isoformat())]


def _classifications_outside_their_unit(db: Database) -> list[Finding]:
    findings = []
    quarters = db.execute("SELECT DISTINCT year, quarter FROM classification ORDER BY year, quarter").fetchall()
    codes = dict(db.execute("SELECT id, code FROM unit").fetchall())
    staff = {staff_id: (code, name) for staff_id, code, name in db.execute("SELECT id, code, full_name FROM staff")}
    for year, quarter in quarters:
        members = quarter_units(db, year, quarter)
        for staff_id, unit_id in db.execute(
            "SELECT staff_id, unit_id FROM classification WHERE year = ? AND quarter = ?", [year, quarter]
        ):
            actual = members.get(staff_id)
            if actual != unit_id:
                code, name = staff[staff_id]
                # A damaged database may point at units that no longer exist: name them by id.
                where = f"thuộc đơn vị {codes.get(actual, f'số {actual}')}" if actual else "không còn công tác trong quý"
                findings.append(Finding(
                    f"Xếp loại quý {quarter}/{year} của {code} - {name} ghi ở đơn vị {codes.get(unit_id, f'số {unit_id}')} "
                    f"nhưng theo quá trình công tác người này {where}", serious=False))
    return findings
