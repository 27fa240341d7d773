"""Checking a council's database: SQLite's own checks and the domain's consistency rules."""
from __future__ import annotations

from dataclasses import dataclass

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
    findings += _damaged_snapshots(db)
    return findings


def _damaged_snapshots(db: Database) -> list[Finding]:
    from models.yearend.lists import damaged_snapshots

    return [Finding(f"Bản chốt của danh sách đã phê duyệt (Quyết định số {number}) bị hỏng: nội dung không khớp mã "
                    "kiểm tra hoặc không đọc được; hãy khôi phục từ bản sao lưu") for _id, _kind, number in damaged_snapshots(db)]


def _staff_without_unit(db: Database) -> list[Finding]:
    rows = db.execute(
        "SELECT code, full_name FROM staff s WHERE NOT EXISTS (SELECT 1 FROM staff_unit h WHERE h.staff_id = s.id)"
    ).fetchall()
    return [Finding(f"Cán bộ {code} - {name} không có quá trình công tác (không thuộc đơn vị nào)")
            for code, name in rows]


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
