"""Quarterly classification of staff (Decision 4631): entry per unit and quarter, caps, locking.

A person's classification for a quarter belongs to the unit they were in at the end of that
quarter (or on their last day, when they left during it); the unit is stored with the row, so a
later move does not carry old quarters along.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from models.common.codes import CapScope, HeadLevel, NotClassifiedReason, Severity, label
from models.common.dates import format_date, from_iso
from models.common.errors import DomainError, NotFound, ValidationError
from models.quarters.rules import Cap, RuleSet, check_quarter, percent, rule_set_for
from models.common.text import name_sort_key
from models.store.history import session_name
from models.store.settings import get_setting


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * (quarter - 1) + 1, 1)
    last = (dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)) - dt.timedelta(days=1)
    return first, last


def quarter_text(year: int, quarter: int) -> str:
    return f"quý {quarter}/{year}"


def classified_years(db: Database) -> list[int]:
    """The years with at least one classification row, newest first (the years the yearly
    titles can be proposed for)."""
    return [r[0] for r in db.execute("SELECT DISTINCT year FROM classification ORDER BY year DESC")]


def latest_classified_quarter(db: Database) -> tuple[int, int] | None:
    """(year, quarter) of the newest classification stored, or ``None`` when there is none."""
    row = db.execute("SELECT year, quarter FROM classification ORDER BY year DESC, quarter DESC LIMIT 1").fetchone()
    return tuple(row) if row else None


def quarter_of(day: dt.date) -> tuple[int, int]:
    """(year, quarter) that ``day`` falls in."""
    return day.year, (day.month - 1) // 3 + 1


def last_finished_quarter(today: dt.date) -> tuple[int, int]:
    """(year, quarter) of the last quarter that has ended by ``today``."""
    year, quarter = quarter_of(today)
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def default_quarter(db: Database, today: dt.date) -> tuple[int, int]:
    """The quarter the classification screens (entry and review) open on: the quarter that has just
    ended, whose results the secretary is collecting, even before any is entered; unless every
    stored result is more than a year older than it (sample or archived data): then the latest
    quarter that has results, so that the screen does not open empty on such a file."""
    year, quarter = last_finished_quarter(today)
    latest = latest_classified_quarter(db)
    if latest is None or latest >= (year - 1, quarter):
        return year, quarter
    return latest


def classification_rows(db: Database, year: int) -> int:
    """How many classification rows ``year`` has (about four a person): the size of a year's work."""
    return db.execute("SELECT count(*) FROM classification WHERE year = ?", [year]).fetchone()[0]


# Each person employed during the quarter with the unit they were in on the quarter's last day
# (or on their own last day, if they left during the quarter).
_QUARTER_UNITS = """
    SELECT s.id, (
        SELECT h.unit_id FROM staff_unit h
        WHERE h.staff_id = s.id AND h.start_date <= min(:last, coalesce(s.ended_on, :last))
        ORDER BY h.start_date DESC LIMIT 1
    ) AS unit_id
    FROM staff s
    WHERE (s.ended_on IS NULL OR s.ended_on >= :first)
      AND (s.recruited_on IS NULL OR s.recruited_on <= :last)
"""


def quarter_units(db: Database, year: int, quarter: int, unit_id: int | None = None) -> dict[int, int]:
    """staff id -> the unit the person's classification belongs to for the quarter (only the
    people of ``unit_id``, when given: then only those who ever belonged to it are looked at)."""
    first, last = quarter_bounds(year, quarter)
    sql, params = _QUARTER_UNITS, {"first": first.isoformat(), "last": last.isoformat()}
    if unit_id is not None:
        sql += " AND s.id IN (SELECT staff_id FROM staff_unit WHERE unit_id = :unit AND start_date <= :last)"
        params["unit"] = unit_id
    rows = db.execute(sql, params).fetchall()
    found = {staff_id: unit for staff_id, unit in rows if unit is not None}
    return found if unit_id is None else {s: u for s, u in found.items() if u == unit_id}


@dataclass(frozen=True)
class Entry:
    """One person's result for the quarter: a level, or not classified with a reason."""

    staff_id: int
    level: HeadLevel | None = None
    reason: NotClassifiedReason | None = None
    note: str = ""
    score: float | None = None  # out of 100 (Nghị định 335/2025/NĐ-CP); optional

    @staticmethod
    def from_row(staff_id: int, row: dict) -> Entry:
        """The entry stored in a ``classification`` row (its ``level``, ``reason``, ``note`` and,
        when the row has it, ``score``)."""
        return Entry(staff_id, HeadLevel(row["level"]) if row["level"] else None,
                     NotClassifiedReason(row["reason"]) if row["reason"] else None, row["note"], row.get("score"))

    @property
    def blank(self) -> bool:
        return self.level is None and self.reason is None

    @property
    def text(self) -> str:
        if self.level is not None:
            return label(self.level)
        if self.reason is not None:
            return f"Không đánh giá ({label(self.reason)})"
        return ""


@dataclass(frozen=True)
class RosterPerson:
    staff_id: int
    code: str
    full_name: str
    position: str
    is_leader: bool
    recruited_on: dt.date | None
    ended_on: dt.date | None
    salary_coefficient: float | None
    entry: Entry


@dataclass(frozen=True)
class Violation:
    cap: Cap
    count: int
    total: int  # the cap's denominator: the people counted (or, for a cap over a level, rated that level)

    @property
    def blocking(self) -> bool:
        return self.cap.severity == Severity.BLOCK

    @property
    def message(self) -> str:
        who = "lãnh đạo" if self.cap.scope == CapScope.LEADERS else "cán bộ"
        if self.cap.of_level is not None:
            return (f"{self.count} {who} xếp loại {label(self.cap.level)}, vượt {percent(self.cap.max_share)} "
                    f"của {self.total} {who} xếp loại {label(self.cap.of_level)}")
        return (f"{self.count}/{self.total} {who} xếp loại {label(self.cap.level)}, "
                f"vượt mức {percent(self.cap.max_share)}")


@dataclass(frozen=True)
class QuarterState:
    submitted_on: dt.date | None
    locked: bool


@dataclass(frozen=True)
class LockEvent:
    at: str
    action: str  # "lock" / "unlock"
    reason: str
    who: str

    @property
    def text(self) -> str:
        what = "Chốt" if self.action == "lock" else "Mở chốt"
        return f"{self.at} - {what}" + (f" ({self.who})" if self.who else "") + (f": {self.reason}" if self.reason else "")


def check_cap(cap: Cap, people: list[tuple[bool, HeadLevel | None]]) -> Violation | None:
    """The cap's violation among (is leader, level) of the classified people, or ``None``.

    Exactly the maximum share passes; people not classified do not count. A cap over another level
    (``cap.of_level``) compares with the number rated that level: with none rated it, one rated
    ``cap.level`` is already too many.
    """
    counted = [level for leader, level in people
               if level is not None and (cap.scope == CapScope.ALL or leader)]
    if not counted:
        return None
    count = sum(1 for level in counted if level == cap.level)
    total = len(counted) if cap.of_level is None else sum(1 for level in counted if level == cap.of_level)
    if count > cap.max_share * total + 1e-9:
        return Violation(cap, count, total)
    return None


def cap_violations(rule_set: RuleSet, people: list[tuple[bool, HeadLevel | None]]) -> list[Violation]:
    """Every cap of the rule set that ``people`` (is leader, level) break."""
    return [v for v in (check_cap(cap, people) for cap in rule_set.caps) if v is not None]


def _entries(db: Database, unit_id: int, year: int, quarter: int) -> dict[int, Entry]:
    rows = db.query(
        "SELECT staff_id, level, reason, note, score FROM classification WHERE unit_id = ? AND year = ? AND quarter = ?",
        [unit_id, year, quarter],
    )
    return {r["staff_id"]: Entry.from_row(r["staff_id"], r) for r in rows}


def roster(db: Database, unit_id: int, year: int, quarter: int) -> list[RosterPerson]:
    """The people whose classification for the quarter belongs to the unit, with their entry:
    leaders first, then in Vietnamese name order."""
    members = list(quarter_units(db, year, quarter, unit_id))
    entries = _entries(db, unit_id, year, quarter)
    if not members:
        return []
    marks = ",".join("?" * len(members))
    rows = db.query(
        f"SELECT id, code, full_name, position, is_leader, recruited_on, ended_on, salary_coefficient "
        f"FROM staff WHERE id IN ({marks})", members,
    )
    people = [
        RosterPerson(
            staff_id=r["id"], code=r["code"], full_name=r["full_name"], position=r["position"],
            is_leader=bool(r["is_leader"]), recruited_on=from_iso(r["recruited_on"]), ended_on=from_iso(r["ended_on"]),
            salary_coefficient=r["salary_coefficient"], entry=entries.get(r["id"], Entry(r["id"])),
        )
        for r in rows
    ]
    return sorted(people, key=lambda p: (not p.is_leader, name_sort_key(p.full_name)))


def quarter_state(db: Database, unit_id: int, year: int, quarter: int) -> QuarterState:
    row = next(db.query(
        "SELECT submitted_on, locked FROM unit_quarter WHERE unit_id = ? AND year = ? AND quarter = ?",
        [unit_id, year, quarter],
    ), None)
    if row is None:
        return QuarterState(None, False)
    return QuarterState(from_iso(row["submitted_on"]), bool(row["locked"]))


def check_entries(db: Database, unit_id: int, year: int, quarter: int, entries: list[Entry],
                  people: list[RosterPerson] | None = None) -> dict[str, str]:
    """What is wrong with saving ``entries`` for the unit's quarter: keys are "quarter", "unit",
    or a staff id (as text) for one person's problem."""
    errors = check_quarter(year, quarter)
    if errors:
        return errors
    try:
        rule_set_for(db, year, quarter)
    except DomainError as e:
        return {"quarter": str(e)}
    if db.execute("SELECT 1 FROM unit WHERE id = ?", [unit_id]).fetchone() is None:
        return {"unit": "Đơn vị không tồn tại"}
    if quarter_state(db, unit_id, year, quarter).locked:
        return {"quarter": f"Kết quả {quarter_text(year, quarter)} của đơn vị đã chốt; mở chốt trước khi sửa"}
    people = {p.staff_id: p for p in (people if people is not None else roster(db, unit_id, year, quarter))}
    seen: set[int] = set()
    first, _last = quarter_bounds(year, quarter)
    for e in entries:
        key = str(e.staff_id)
        if e.staff_id in seen:
            errors[key] = "Một người chỉ được xếp loại một lần trong quý"
            continue
        seen.add(e.staff_id)
        if e.staff_id not in people:
            errors[key] = _not_in_unit(db, e.staff_id, year, quarter)
            continue
        if e.level is not None and not isinstance(e.level, HeadLevel):
            errors[key] = "Mức xếp loại không hợp lệ"
        elif e.level is not None and e.reason is not None:
            errors[key] = "Đã xếp loại thì không ghi lý do không đánh giá"
        elif e.reason is not None and not isinstance(e.reason, NotClassifiedReason):
            errors[key] = "Lý do không đánh giá không hợp lệ"
        elif e.score is not None:
            errors.update({key: problem for problem in [score_problem(e.score, e.level)] if problem})
    return errors


def score_problem(score: object, level: HeadLevel | None) -> str:
    """What is wrong with a score (out of 100, only beside a level), or ""."""
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 100:
        return f"Điểm “{score}” không hợp lệ (từ 0 đến 100)"
    if level is None:
        return "Chỉ ghi điểm khi có xếp loại (người không đánh giá không có điểm)"
    return ""


def _not_in_unit(db: Database, staff_id: int, year: int, quarter: int) -> str:
    row = next(db.query("SELECT full_name, ended_on, recruited_on FROM staff WHERE id = ?", [staff_id]), None)
    if row is None:
        return "Không có cán bộ này"
    first, last = quarter_bounds(year, quarter)
    name, ended, recruited = row["full_name"], row["ended_on"], row["recruited_on"]
    if ended and ended < first.isoformat():
        return f"{name} đã nghỉ từ ngày {format_date(ended)}, trước {quarter_text(year, quarter)}"
    if recruited and recruited > last.isoformat():
        return f"{name} được tuyển dụng ngày {format_date(recruited)}, sau {quarter_text(year, quarter)}"
    unit = quarter_units(db, year, quarter).get(staff_id)
    code = db.execute("SELECT code FROM unit WHERE id = ?", [unit]).fetchone() if unit else None
    where = f" (thuộc đơn vị {code[0]})" if code else ""
    return f"{name} không thuộc đơn vị này trong {quarter_text(year, quarter)}{where}"


def save_quarter(db: Database, unit_id: int, year: int, quarter: int, entries: list[Entry],
                 submitted_on: dt.date | None = None, today: dt.date | None = None) -> None:
    """Save the unit's results for the quarter in one transaction.

    Each entry replaces that person's row; a blank entry (no level, no reason) removes it. A person
    not classified needs a reason. Raises :class:`ValidationError` (keys: "quarter", "unit",
    "submitted_on" or a staff id) and writes nothing when anything is wrong. Caps do not stop a save:
    they are checked as the user types and when the quarter is locked.
    """
    errors = check_entries(db, unit_id, year, quarter, entries)
    for e in entries:
        if e.level is None and e.reason is None and e.note.strip() and str(e.staff_id) not in errors:
            errors[str(e.staff_id)] = "Chưa chọn mức xếp loại (hoặc Không đánh giá và lý do)"
    if submitted_on is not None and today is not None and submitted_on > today:
        errors["submitted_on"] = f"Ngày nộp {format_date(submitted_on)} ở tương lai"
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db.conn.executemany(
            "DELETE FROM classification WHERE staff_id = ? AND year = ? AND quarter = ?",
            [(e.staff_id, year, quarter) for e in entries if e.blank],
        )
        db.conn.executemany(
            "INSERT INTO classification (staff_id, unit_id, year, quarter, level, reason, note, score) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(staff_id, year, quarter) DO UPDATE SET "
            "unit_id = excluded.unit_id, level = excluded.level, reason = excluded.reason, note = excluded.note, "
            "score = excluded.score",
            [(e.staff_id, unit_id, year, quarter, e.level.value if e.level else None,
              e.reason.value if e.reason else None, e.note.strip(), e.score) for e in entries if not e.blank],
        )
        if submitted_on is not None:
            set_submitted(db, unit_id, year, quarter, submitted_on)


def set_submitted(db: Database, unit_id: int, year: int, quarter: int, submitted_on: dt.date | None) -> None:
    """Record the day the unit submitted its results for the quarter (``None``: not submitted)."""
    if quarter_state(db, unit_id, year, quarter).locked:
        raise DomainError(f"Kết quả {quarter_text(year, quarter)} của đơn vị đã chốt; mở chốt trước khi sửa")
    with db.atomic():
        db.execute(
            "INSERT INTO unit_quarter (unit_id, year, quarter, submitted_on) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(unit_id, year, quarter) DO UPDATE SET submitted_on = excluded.submitted_on",
            [unit_id, year, quarter, submitted_on.isoformat() if submitted_on else None],
        )


def violations_of(db: Database, unit_id: int, year: int, quarter: int) -> list[Violation]:
    people = roster(db, unit_id, year, quarter)
    return cap_violations(rule_set_for(db, year, quarter), [(p.is_leader, p.entry.level) for p in people])


def operator_who(db: Database) -> str:
    """Who the lock history names: the operator's name typed at the first start (with the system
    user), not only the computer's login."""
    return session_name(get_setting(db, "operator_name") or "")


def lock_quarter(db: Database, unit_id: int, year: int, quarter: int, now: dt.datetime, who: str = "") -> None:
    """Lock (chốt) the unit's quarter: read-only from then on. Refused while someone is not yet
    classified or a blocking cap is broken."""
    rule_set = rule_set_for(db, year, quarter)  # refuses a bad quarter or one without rules
    if db.execute("SELECT 1 FROM unit WHERE id = ?", [unit_id]).fetchone() is None:
        raise DomainError("Đơn vị không tồn tại")
    if quarter_state(db, unit_id, year, quarter).locked:
        raise DomainError(f"Kết quả {quarter_text(year, quarter)} của đơn vị đã chốt")
    people = roster(db, unit_id, year, quarter)
    missing = [p for p in people if p.entry.blank]
    if missing:
        names = ", ".join(p.full_name for p in missing[:3]) + (" ..." if len(missing) > 3 else "")
        raise DomainError(f"Chưa chốt được: còn {len(missing)} người chưa xếp loại ({names})")
    blocking = [v for v in cap_violations(rule_set, [(p.is_leader, p.entry.level) for p in people]) if v.blocking]
    if blocking:
        raise DomainError("Chưa chốt được: " + "; ".join(v.message for v in blocking))
    with db.atomic():
        db.execute(
            "INSERT INTO unit_quarter (unit_id, year, quarter, locked) VALUES (?, ?, ?, 1) "
            "ON CONFLICT(unit_id, year, quarter) DO UPDATE SET locked = 1",
            [unit_id, year, quarter],
        )
        _event(db, unit_id, year, quarter, now, "lock", "", who)


def unlock_quarter(db: Database, unit_id: int, year: int, quarter: int, reason: str, now: dt.datetime,
                   who: str = "") -> None:
    """Unlock a locked quarter; the reason is required and kept in the history."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Cần ghi lý do mở chốt"})
    if not quarter_state(db, unit_id, year, quarter).locked:
        raise DomainError(f"Kết quả {quarter_text(year, quarter)} của đơn vị chưa chốt")
    with db.atomic():
        db.execute("UPDATE unit_quarter SET locked = 0 WHERE unit_id = ? AND year = ? AND quarter = ?",
                   [unit_id, year, quarter])
        _event(db, unit_id, year, quarter, now, "unlock", reason, who)


def _event(db, unit_id, year, quarter, now: dt.datetime, action: str, reason: str, who: str) -> None:
    db.execute(
        "INSERT INTO unit_quarter_event (unit_id, year, quarter, at, action, reason, who) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [unit_id, year, quarter, now.strftime("%d/%m/%Y %H:%M"), action, reason, who],
    )


def lock_history(db: Database, unit_id: int, year: int, quarter: int) -> list[LockEvent]:
    rows = db.execute(
        "SELECT at, action, reason, who FROM unit_quarter_event WHERE unit_id = ? AND year = ? AND quarter = ? "
        "ORDER BY id", [unit_id, year, quarter],
    ).fetchall()
    return [LockEvent(*r) for r in rows]


@dataclass(frozen=True)
class PersonQuarter:
    year: int
    quarter: int
    unit_code: str
    unit_name: str
    entry: Entry


def person_history(db: Database, staff_id: int) -> list[PersonQuarter]:
    """A person's results across quarters, oldest first, with the unit of each."""
    if db.execute("SELECT 1 FROM staff WHERE id = ?", [staff_id]).fetchone() is None:
        raise NotFound("Không tìm thấy cán bộ")
    rows = db.query(
        "SELECT c.year, c.quarter, u.code, u.name, c.level, c.reason, c.note FROM classification c "
        "JOIN unit u ON u.id = c.unit_id WHERE c.staff_id = ? ORDER BY c.year, c.quarter", [staff_id],
    )
    return [PersonQuarter(r["year"], r["quarter"], r["code"], r["name"], Entry.from_row(staff_id, r)) for r in rows]
