"""Units that merge, split or are renamed from a date (sáp nhập, chia tách, đổi tên).

A succession says that old units end and new units take them over on ``effective_on``: "Ủy ban
nhân dân Phường 10 sáp nhập vào ... từ 01/07/2025". Recording it, in one transaction (and so in
the history, by the triggers of ``unit_succession`` and ``staff_unit``):

- every person whose current unit is an old one (and who had not left before the date) moves to
  a new unit on that date: a new ``staff_unit`` row, so the old unit keeps their history;
- the old units leave the active lists (``unit.active`` = 0): pickers, entry screens, the lists of
  the years after the date. A unit is still "in activity" for a year that ends before its
  succession (:func:`active_in_year`), so the lists of that year keep it.

The old unit's last day is the day before ``effective_on``: on 30/06/2025 a person still belongs
to Phường 10, on 01/07/2025 to the new unit (:func:`models.people.staff.unit_on`).
:func:`undo_succession` puts everything back as it was (the program's undo, Ctrl+Z).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlite_utils import Database

from models.common.dates import format_date
from models.common.errors import DomainError, ValidationError
from models.people.staff import unit_on
from models.people.unit_ends import (  # noqa: F401  (the reading side, also read from here)
    KIND_LABELS, VERBS, Succession, SuccessionKind, UnitEnd, active_in_year, list_successions, succession_note,
    succession_notes, unit_ends,
)
from models.people.units import Unit, list_units


@dataclass(frozen=True)
class Move:
    """One person of an old unit, and the new unit they belong to from the succession's date."""

    staff_id: int
    code: str
    full_name: str
    position: str
    from_unit_id: int
    to_unit_id: int


@dataclass(frozen=True)
class SuccessionPlan:
    kind: SuccessionKind
    old_ids: tuple[int, ...]
    new_ids: tuple[int, ...]
    effective_on: dt.date
    moves: tuple[Move, ...]
    names: dict[int, str]  # unit id -> name, for the old and new units

    def sentence(self) -> str:
        """"Ủy ban nhân dân Phường 10, Ủy ban nhân dân Phường 17 sáp nhập vào ... từ 01/07/2025"."""
        old = ", ".join(self.names[u] for u in self.old_ids)
        new = ", ".join(self.names[u] for u in self.new_ids)
        return f"{old} {VERBS[self.kind]} {new} từ {format_date(self.effective_on)}"


@dataclass(frozen=True)
class SuccessionDone:
    """What :func:`apply_succession` wrote, for :func:`undo_succession`."""

    plan: SuccessionPlan
    succession_ids: tuple[int, ...]
    membership_ids: tuple[int, ...]  # the staff_unit rows of the moves
    were_active: dict[int, bool]  # old unit id -> its active flag before

    @property
    def text(self) -> str:
        return f"{KIND_LABELS[self.plan.kind]} đơn vị: {self.plan.sentence()}"


# --------------------------------------------------------------------------- reading


def _ids(ids) -> str:
    """Ids as a JSON list, for ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps([int(i) for i in ids])


def units_in_activity(db: Database, year: int) -> list[Unit]:
    """The units a list of ``year`` may name (by code): the active ones and those taken over by a
    successor only after the year's end (:func:`active_in_year`)."""
    ends = unit_ends(db)
    return [u for u in list_units(db) if active_in_year(u.active, ends.get(u.id), year)]


# --------------------------------------------------------------------------- planning


def _check_units(db: Database, kind: SuccessionKind, old_ids, new_ids) -> dict[int, dict]:
    if not old_ids:
        raise ValidationError({"old": "Chưa chọn đơn vị cũ"})
    if not new_ids:
        raise ValidationError({"new": "Chưa chọn đơn vị mới"})
    if set(old_ids) & set(new_ids):
        raise ValidationError({"new": "Một đơn vị không thể vừa là đơn vị cũ vừa là đơn vị mới"})
    if kind == SuccessionKind.DOI_TEN and (len(old_ids), len(new_ids)) != (1, 1):
        raise ValidationError({"old": "Đổi tên: chọn đúng một đơn vị cũ và một đơn vị mới (mang tên mới)"})
    if kind == SuccessionKind.SAP_NHAP and len(new_ids) != 1:
        raise ValidationError({"new": "Sáp nhập: chọn đúng một đơn vị mới nhận các đơn vị cũ"})
    if kind == SuccessionKind.CHIA_TACH and (len(old_ids) != 1 or len(new_ids) < 2):
        raise ValidationError({"new": "Chia tách: chọn một đơn vị cũ và ít nhất hai đơn vị mới"})
    units = {r["id"]: r for r in db.query(
        "SELECT id, code, name, active FROM unit WHERE id IN (SELECT value FROM json_each(?))",
        [_ids((*old_ids, *new_ids))])}
    missing = [u for u in (*old_ids, *new_ids) if u not in units]
    if missing:
        raise ValidationError({"old": "Đơn vị không tồn tại"})
    ends = unit_ends(db)
    for u in (*old_ids, *new_ids):
        if u in ends:
            raise ValidationError({"old" if u in old_ids else "new": (
                f"“{units[u]['name']}” đã được sáp nhập, chia tách hoặc đổi tên từ ngày {format_date(ends[u])}")})
    for u in new_ids:
        if not units[u]["active"]:
            raise ValidationError({"new": f"“{units[u]['name']}” đang ngừng hoạt động: hãy kích hoạt lại trước"})
    return units


def plan_succession(db: Database, kind: SuccessionKind, old_ids, new_ids, effective_on: dt.date,
                    today: dt.date, targets: dict[int, int] | None = None) -> SuccessionPlan:
    """Who moves where: every person whose current unit is an old one and who had not left before
    ``effective_on``, to ``targets[staff_id]`` or else the first new unit. Raises
    :class:`ValidationError` (keys "old", "new", "effective_on", "targets") when it cannot be done."""
    kind = SuccessionKind(kind)
    old_ids, new_ids = tuple(old_ids), tuple(new_ids)
    units = _check_units(db, kind, old_ids, new_ids)
    if effective_on > today:
        raise ValidationError({"effective_on": f"Ngày có hiệu lực {format_date(effective_on)} ở tương lai: "
                                               "hãy ghi nhận vào ngày đó hoặc sau"})
    targets = dict(targets or {})
    if any(t not in new_ids for t in targets.values()):
        raise ValidationError({"targets": "Chỉ chuyển cán bộ sang một trong các đơn vị mới"})
    rows = db.execute(
        """
        SELECT s.id, s.code, s.full_name, s.position, h.unit_id, h.start_date FROM staff s
        JOIN (SELECT staff_id, unit_id, max(start_date) AS start_date FROM staff_unit GROUP BY staff_id) h
            ON h.staff_id = s.id
        WHERE h.unit_id IN (SELECT value FROM json_each(:old))
          AND (s.ended_on IS NULL OR s.ended_on >= :day)
        ORDER BY s.code
        """,
        {"old": _ids(old_ids), "day": effective_on.isoformat()},
    ).fetchall()
    late = [(code, name, start) for _i, code, name, _p, _u, start in rows if start >= effective_on.isoformat()]
    if late:
        code, name, start = late[0]
        more = f" (và {len(late) - 1} người khác)" if len(late) > 1 else ""
        raise ValidationError({"effective_on": (
            f"{name} ({code}) bắt đầu ở đơn vị hiện tại từ {format_date(dt.date.fromisoformat(start))}{more}: "
            "ngày có hiệu lực phải sau ngày đó")})
    moves = tuple(Move(i, code, name, position, unit, targets.get(i, new_ids[0]))
                  for i, code, name, position, unit, _start in rows)
    return SuccessionPlan(kind, old_ids, new_ids, effective_on, moves,
                          {u: units[u]["name"] for u in (*old_ids, *new_ids)})


# --------------------------------------------------------------------------- writing


def apply_succession(db: Database, plan: SuccessionPlan, note: str = "") -> SuccessionDone:
    """Record ``plan`` in one transaction: the successions, every move, the old units made inactive."""
    day = plan.effective_on.isoformat()
    were_active = {u: bool(a) for u, a in db.execute(
        "SELECT id, active FROM unit WHERE id IN (SELECT value FROM json_each(?))",
        [_ids(plan.old_ids)])}
    if unit_ends(db).keys() & set(plan.old_ids + plan.new_ids):
        raise DomainError("Đơn vị đã được sáp nhập, chia tách hoặc đổi tên trước đó: hãy xem lại")
    succession_ids, membership_ids = [], []
    with db.atomic():
        for old in plan.old_ids:
            for new in plan.new_ids:
                cursor = db.execute(
                    "INSERT INTO unit_succession (from_unit_id, to_unit_id, kind, effective_on, note) "
                    "VALUES (?, ?, ?, ?, ?)", [old, new, plan.kind.value, day, note.strip()])
                succession_ids.append(cursor.lastrowid)
        for m in plan.moves:
            cursor = db.execute("INSERT INTO staff_unit (staff_id, unit_id, start_date) VALUES (?, ?, ?)",
                                [m.staff_id, m.to_unit_id, day])
            membership_ids.append(cursor.lastrowid)
        db.conn.executemany("UPDATE unit SET active = 0 WHERE id = ?", [(u,) for u in plan.old_ids])
    return SuccessionDone(plan, tuple(succession_ids), tuple(membership_ids), were_active)


def undo_succession(db: Database, done: SuccessionDone) -> None:
    """Put back what :func:`apply_succession` wrote, in one transaction; refused (nothing changed)
    when a moved person's membership has been changed since."""
    day = done.plan.effective_on.isoformat()
    ids = _ids(done.membership_ids)
    kept = db.execute("SELECT count(*) FROM staff_unit WHERE id IN (SELECT value FROM json_each(?)) "
                      "AND start_date = ?", [ids, day]).fetchone()[0]
    if kept != len(done.membership_ids):
        raise DomainError("Không hoàn tác được: quá trình công tác của cán bộ đã được sửa sau khi sáp nhập")
    (classified,) = db.execute(
        "SELECT count(*) FROM classification WHERE staff_id IN (SELECT value FROM json_each(?)) "
        "AND unit_id IN (SELECT value FROM json_each(?))",
        [_ids(m.staff_id for m in done.plan.moves), _ids(done.plan.new_ids)]).fetchone()
    if classified:
        raise DomainError(f"Không hoàn tác được: đã có {classified} kết quả xếp loại quý của cán bộ đã chuyển, ghi ở "
                          "đơn vị mới; hãy xóa các kết quả đó trước")
    with db.atomic():
        db.execute("DELETE FROM staff_unit WHERE id IN (SELECT value FROM json_each(?))", [ids])
        db.execute("DELETE FROM unit_succession WHERE id IN (SELECT value FROM json_each(?))",
                   [_ids(done.succession_ids)])
        db.conn.executemany("UPDATE unit SET active = ? WHERE id = ?",
                            [(int(a), u) for u, a in done.were_active.items()])


# --------------------------------------------------------------------------- a year across a succession


def year_end_unit(db: Database, staff_id: int, last_unit: int, ends: dict[int, dt.date], year: int) -> int:
    """The unit a person is counted in at the end of ``year``: the unit of their last classified
    quarter, unless a successor took it over by 31/12; then the unit they belonged to on 31/12
    (the merger moved them there). ``ends``: :func:`unit_ends`."""
    end = ends.get(last_unit)
    if end is None or end > dt.date(year, 12, 31):
        return last_unit
    return unit_on(db, staff_id, dt.date(year, 12, 31)) or last_unit


def quarters_where(quarters: list[tuple[int, int]], names: dict[int, str], ends: dict[int, dt.date],
                   year: int) -> str:
    """"Q1-Q2 tại Phường 10 (cũ), Q3-Q4 tại Phường Gò Vấp" for quarters ((quarter, unit id), in
    order) spent in more than one unit; empty when all are in one. "(cũ)": a unit taken over by a
    successor by the end of the year."""
    if len({u for _q, u in quarters}) < 2:
        return ""
    runs: list[list] = []
    for quarter, unit in quarters:
        if runs and runs[-1][2] == unit and runs[-1][1] == quarter - 1:
            runs[-1][1] = quarter
        else:
            runs.append([quarter, quarter, unit])
    old = {u for u, end in ends.items() if end <= dt.date(year, 12, 31)}
    return ", ".join(f"Q{a}" + (f"-Q{b}" if b != a else "") + f" tại {names.get(u, '')}" + (" (cũ)" if u in old else "")
                     for a, b, u in runs)
