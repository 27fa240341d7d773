"""Units (cơ quan, đơn vị, phường): the council's list of collectives."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from models.common.codes import UnitKind, label
from models.common.errors import DomainError, NotFound, ValidationError
from models.common.references import reference_counts
from models.common.text import clean, code_error, fold, normalise_code
from models.store import read_ahead
from models.store.records import save_record, taken_by_another

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_UNIT_CODE = 20

# Names of the tables a human would recognise, for "cannot delete" messages.
TABLE_LABELS = {
    "staff_unit": "quá trình công tác của cán bộ",
    "campaign_unit": "tham gia đợt thi đua",
    "initiative": "mô hình, sáng kiến, giải pháp",
    "head_evaluation": "đánh giá người đứng đầu",
    "classification": "kết quả xếp loại quý",
    "unit_quarter": "theo dõi nộp, chốt kết quả quý",
    "unit_quarter_event": "lịch sử chốt kết quả quý",
    "award_adjustment": "điều chỉnh danh sách khen thưởng, phê bình",
    "discipline": "quyết định kỷ luật",
    "unit_succession": "sáp nhập, chia tách, đổi tên đơn vị",
}


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: UnitKind
    head_name: str = ""
    head_title: str = ""
    active: bool = True
    id: int | None = None
    staff_count: int = 0  # people currently in the unit (filled by list_units)

    @property
    def kind_label(self) -> str:
        return label(self.kind)


def check_unit(unit: Unit) -> dict[str, str]:
    """What is wrong with ``unit``'s own fields (uniqueness is checked on save)."""
    errors = {}
    if wrong := code_error(unit.code, "đơn vị", MAX_UNIT_CODE, "P01, NV"):
        errors["code"] = wrong
    if not unit.name:
        errors["name"] = "Chưa nhập tên đơn vị"
    elif len(unit.name) > 300:
        errors["name"] = "Tên đơn vị dài quá 300 ký tự"
    if not isinstance(unit.kind, UnitKind):
        errors["kind"] = "Chưa chọn loại đơn vị"
    if len(unit.head_name) > 200:
        errors["head_name"] = "Tên người đứng đầu dài quá 200 ký tự"
    if len(unit.head_title) > 200:
        errors["head_title"] = "Chức vụ dài quá 200 ký tự"
    return errors


def normalised(unit: Unit) -> Unit:
    return replace(
        unit,
        code=normalise_code(unit.code),
        name=clean(unit.name),
        head_name=clean(unit.head_name),
        head_title=clean(unit.head_title),
    )


def _row(unit: Unit) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "name_folded": fold(unit.name),
        "kind": unit.kind.value,
        "head_name": unit.head_name,
        "head_title": unit.head_title,
        "active": int(unit.active),
    }


def _from_row(row) -> Unit:
    return Unit(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        kind=UnitKind(row["kind"]),
        head_name=row["head_name"],
        head_title=row["head_title"],
        active=bool(row["active"]),
        staff_count=row["staff_count"] if "staff_count" in row.keys() else 0,
    )


def save_unit(db: Database, unit: Unit) -> Unit:
    """Insert (``unit.id is None``) or update a unit after validating it; returns it as stored.

    Raises :class:`ValidationError` (field -> message) and writes nothing when the input is wrong.
    """
    unit = normalised(unit)
    errors = check_unit(unit)
    if "code" not in errors and taken_by_another(db, "unit", {"code": unit.code}, unit.id):
        errors["code"] = f"Mã đơn vị “{unit.code}” đã có"
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        unit_id = save_record(db, "unit", _row(unit), unit.id, f"Không tìm thấy đơn vị có mã {unit.code}")
    return get_unit(db, unit_id)


_LIST_SQL = """
    SELECT u.*, (
        SELECT count(*) FROM staff s
        JOIN staff_unit h ON h.staff_id = s.id
        WHERE h.unit_id = u.id AND s.ended_on IS NULL
          AND h.start_date = (SELECT max(start_date) FROM staff_unit WHERE staff_id = s.id)
    ) AS staff_count
    FROM unit u
"""


def units_named_like(db: Database, name: str, except_id: int | None = None) -> list[Unit]:
    """The other units whose name is ``name`` with or without diacritics and case ("Phòng Nội vụ"
    and "phong noi vu"): a second unit of the same name is legal (a new one after a merger) but
    usually a mistake, so the dialog and the import say so."""
    sql = _LIST_SQL + " WHERE u.name_folded = ? AND u.id IS NOT ? ORDER BY u.code"
    cursor = db.conn.execute(sql, [fold(clean(name)), except_id])
    names = [d[0] for d in cursor.description]
    return [_from_row(dict(zip(names, r))) for r in cursor.fetchall()]


# list_units: the same staff_count as _LIST_SQL, computed for all units at once (the window's first
# screen): each person not ended is counted in the unit of their latest staff_unit row (one per
# (staff_id, start_date): UNIQUE). Most people have one row and have not left: every row of a unit is
# counted (the unit_id index alone), then the rows that must not count are taken off: those of people
# with several rows or who left ("special": two scans of an index and of staff), except the latest row
# of a special person still working. Only the special people are looked up one by one (CROSS JOIN: SQLite
# would otherwise scan every row and look each up among the special ones): with 20,000 staff the query
# takes 8-10 ms instead of 14 ms (a lookup of everyone's latest row), the same counts (tests).
_ALL_SQL = """
    WITH special AS (
        SELECT staff_id FROM staff_unit GROUP BY staff_id HAVING count(*) > 1
        UNION SELECT id FROM staff WHERE ended_on IS NOT NULL
    ), not_counted AS (
        SELECT h.unit_id, count(*) AS n FROM special p CROSS JOIN staff_unit h ON h.staff_id = p.staff_id
        WHERE h.start_date IS NOT (SELECT max(start_date) FROM staff_unit WHERE staff_id = p.staff_id)
           OR (SELECT ended_on FROM staff WHERE id = p.staff_id) IS NOT NULL
        GROUP BY h.unit_id
    ), rows_of_unit AS (SELECT unit_id, count(*) AS n FROM staff_unit GROUP BY unit_id)
    SELECT u.*, coalesce(rows_of_unit.n, 0) - coalesce(not_counted.n, 0) AS staff_count
    FROM unit u LEFT JOIN rows_of_unit ON rows_of_unit.unit_id = u.id
    LEFT JOIN not_counted ON not_counted.unit_id = u.id
"""


def list_units(db: Database, active_only: bool = False) -> list[Unit]:
    """All units (or the active ones) with the number of people currently in each, by code."""
    if not active_only:
        ahead = read_ahead.taken(db, list_units)  # the window's start read them while Qt loaded
        if ahead is not None:
            return ahead
    sql = _ALL_SQL + (" WHERE u.active = 1" if active_only else "") + " ORDER BY u.code"
    cursor = db.conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [_from_row(dict(zip(names, r))) for r in cursor.fetchall()]


def get_unit(db: Database, unit_id: int) -> Unit:
    cursor = db.conn.execute(_LIST_SQL + " WHERE u.id = ?", [unit_id])
    row = cursor.fetchone()
    if row is None:
        raise NotFound("Không tìm thấy đơn vị")
    return _from_row(dict(zip([d[0] for d in cursor.description], row)))


def unit_ids_by_code(db: Database) -> dict[str, int]:
    return dict(db.execute("SELECT code, id FROM unit").fetchall())


def unit_id_by_code(db: Database, code: str) -> int | None:
    """The id of the unit with ``code`` (as typed: spaces and case do not matter), or None."""
    row = db.execute("SELECT id FROM unit WHERE code = ?", [code.strip().upper()]).fetchone()
    return row[0] if row else None


def set_unit_active(db: Database, unit_id: int, active: bool) -> Unit:
    """Deactivate (or reactivate) a unit. Its data stays; it leaves the default lists."""
    db.execute("UPDATE unit SET active = ? WHERE id = ?", [int(active), unit_id])
    return get_unit(db, unit_id)


def unit_data(db: Database, unit_id: int) -> dict[str, int]:
    """The records that belong to the unit, by table; empty when it may be deleted."""
    return reference_counts(db, "unit", unit_id)


def delete_unit(db: Database, unit_id: int) -> None:
    """Delete a unit that has no data. A unit with data is only ever deactivated."""
    data = unit_data(db, unit_id)
    if data:
        what = ", ".join(f"{n} bản ghi {TABLE_LABELS.get(t, t)}" for t, n in data.items())
        raise DomainError(
            f"Không thể xóa đơn vị vì đã có dữ liệu ({what}). Hãy chuyển sang “Ngừng hoạt động”."
        )
    with db.atomic():
        db.execute("DELETE FROM unit WHERE id = ?", [unit_id])
