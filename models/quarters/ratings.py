"""A person's year-end quality rating (xếp loại chất lượng cuối năm): Hoàn thành xuất sắc / tốt /
hoàn thành / không hoàn thành nhiệm vụ, one per person and year. The title rule sets of 2024 on judge
by it; the 2018 set keeps its reading of the quarters.

The rating is entered (screen "Xếp loại cuối năm"), imported, or proposed from the year's quarterly
results. A proposal is never written silently: :func:`propose_ratings` only computes it, the user
sees it (the screen's preview, ``python main.py propose ratings``) and :func:`apply_proposals`
writes the people it is told to, never replacing a stored rating unless asked.

The proposal rule, :data:`PROPOSAL_RULE`: the **lowest** level among the quarters the person was
classified in that year (a quarter "Không đánh giá" is left out). No text of the city found so far
ties the year's rating to the quarters (the year's rating is a separate assessment: Nghị định
90/2020/NĐ-CP, Điều 20, at the end of the year; Nghị định 335/2025/NĐ-CP for công chức from 2026,
by the year's score); the lowest level is the cautious reading - no one is proposed above a level
they fell to in some quarter - and the council raises it where it judges otherwise
(cần kiểm tra theo quy định của thành phố).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from models.common.codes import LEVEL_SHORT, Level, label
from models.common.errors import ValidationError
from models.common.text import clean, name_sort_key
from models.quarters.classifications import quarter_units

PROPOSAL_RULE = "mức thấp nhất trong các quý đã xếp loại của năm (quý “Không đánh giá” không tính)"
PROPOSAL_NOTE = "Đề xuất từ kết quả xếp loại các quý"
_ORDER = {level: i for i, level in enumerate(Level)}  # best first


def ratings_of_year(db: Database, year: int) -> dict[int, Level]:
    """Every stored rating of ``year``, by staff id."""
    return {staff_id: Level(level) for staff_id, level in db.execute(
        "SELECT staff_id, level FROM yearly_rating WHERE year = ?", [year])}


def set_rating(db: Database, staff_id: int, year: int, level: Level | None, note: str = "") -> None:
    """Store (or, with ``level`` None, remove) ``staff_id``'s rating of ``year``."""
    with db.atomic():
        _write(db, [(staff_id, year, level, note)])


def _write(db: Database, rows: list[tuple[int, int, Level | None, str]]) -> None:
    """Store or remove each (staff id, year, level or None, note); the caller holds the transaction."""
    db.conn.executemany("DELETE FROM yearly_rating WHERE staff_id = ? AND year = ?",
                        [(s, y) for s, y, level, _ in rows if level is None])
    db.conn.executemany(
        "INSERT INTO yearly_rating (staff_id, year, level, note) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(staff_id, year) DO UPDATE SET level = excluded.level, note = excluded.note",
        [(s, y, str(Level(level)), clean(note or "")) for s, y, level, note in rows if level is not None],
    )


def year_units(db: Database, year: int) -> dict[int, int]:
    """staff id -> the unit a person's rating of ``year`` belongs to: the unit of the last quarter
    of the year they worked in (only people who worked some part of the year)."""
    found: dict[int, int] = {}
    for quarter in (1, 2, 3, 4):
        found.update(quarter_units(db, year, quarter))
    return found


@dataclass(frozen=True)
class RatedPerson:
    """A person who worked in the year, with the rating stored for them (``level`` None: none)."""

    staff_id: int
    code: str
    full_name: str
    position: str
    unit_id: int
    unit_code: str
    is_leader: bool
    level: Level | None
    note: str


def year_roster(db: Database, year: int, unit_id: int | None = None) -> list[RatedPerson]:
    """The people who worked in ``year`` (of ``unit_id``, or all), with their stored rating: by
    unit code, leaders first, then in Vietnamese name order."""
    units = {s: u for s, u in year_units(db, year).items() if unit_id is None or u == unit_id}
    stored = {r["staff_id"]: r for r in db.query("SELECT staff_id, level, note FROM yearly_rating WHERE year = ?",
                                                  [year])}
    codes = dict(db.execute("SELECT id, code FROM unit").fetchall())
    people = []
    for r in db.query("SELECT id, code, full_name, position, is_leader FROM staff"):
        if r["id"] not in units:
            continue
        rating = stored.get(r["id"])
        people.append(RatedPerson(
            r["id"], r["code"], r["full_name"], r["position"], units[r["id"]], codes[units[r["id"]]],
            bool(r["is_leader"]), Level(rating["level"]) if rating else None, rating["note"] if rating else ""))
    return sorted(people, key=lambda p: (p.unit_code, not p.is_leader, name_sort_key(p.full_name)))


def save_ratings(db: Database, year: int, changes: dict[int, tuple[Level | None, str]]) -> None:
    """Write the ratings of ``year`` the screen changed (staff id -> (level or None, note)) in one
    transaction; a person who did not work that year is refused, nothing written."""
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": f"Năm “{year}” không hợp lệ (từ 2000 đến 2100)"})
    units = year_units(db, year)
    outside = [s for s, (level, _) in changes.items() if level is not None and s not in units]
    if outside:
        (code,) = db.execute("SELECT code FROM staff WHERE id = ?", [outside[0]]).fetchone() or ("?",)
        raise ValidationError({"staff": f"Cán bộ {code} không làm việc trong năm {year}, không xếp loại được"})
    with db.atomic():
        _write(db, [(s, year, level, note) for s, (level, note) in changes.items()])


# --- the proposal from the quarters ----------------------------------------------------------------

@dataclass(frozen=True)
class Proposal:
    """The level proposed for a person from their quarters, beside the rating stored (if any)."""

    staff_id: int
    code: str
    full_name: str
    unit_code: str
    quarters: tuple[tuple[int, Level | None], ...]  # (quarter, level; None: "Không đánh giá") of the classified
    proposed: Level | None  # None: no classified quarter, nothing to propose
    current: Level | None

    @property
    def quarters_text(self) -> str:
        """"Q1 HTXSNV · Q2 HTTNV · Q3 KĐG" (no result entered for a missing quarter)."""
        return quarters_text(self.quarters)

    @property
    def proposed_text(self) -> str:
        return label(self.proposed) if self.proposed else ""

    @property
    def state(self) -> str:
        if self.proposed is None:
            return "Không có quý nào được xếp loại: không đề xuất"
        if self.current is None:
            return "Chưa có xếp loại: sẽ ghi"
        if self.current == self.proposed:
            return "Giống xếp loại đã có"
        return f"Đã có {label(self.current)}: chỉ thay khi đồng ý"

    @property
    def fills(self) -> bool:
        return self.proposed is not None and self.current is None

    @property
    def differs(self) -> bool:
        return self.proposed is not None and self.current is not None and self.current != self.proposed


def proposed_level(levels: list[Level | None]) -> Level | None:
    """The rule (:data:`PROPOSAL_RULE`): the lowest level of the classified quarters."""
    found = [level for level in levels if level is not None]
    return max(found, key=_ORDER.__getitem__) if found else None


def propose_ratings(db: Database, year: int, unit_id: int | None = None) -> list[Proposal]:
    """The proposal for every person who worked in ``year`` (of ``unit_id``, or all); writes nothing."""
    quarters = year_quarters(db, year)
    return [
        Proposal(p.staff_id, p.code, p.full_name, p.unit_code, quarters.get(p.staff_id, ()),
                 proposed_level([level for _, level in quarters.get(p.staff_id, ())]), p.level)
        for p in year_roster(db, year, unit_id)
    ]


def year_quarters(db: Database, year: int) -> dict[int, tuple[tuple[int, Level | None], ...]]:
    """staff id -> (quarter, level; None: "Không đánh giá") of every quarter of ``year`` entered."""
    found: dict[int, list[tuple[int, Level | None]]] = {}
    for staff_id, quarter, level in db.execute(
            "SELECT staff_id, quarter, level FROM classification WHERE year = ? ORDER BY quarter", [year]):
        found.setdefault(staff_id, []).append((quarter, Level(level) if level else None))
    return {staff_id: tuple(quarters) for staff_id, quarters in found.items()}


def quarters_text(quarters: tuple[tuple[int, Level | None], ...]) -> str:
    """"Q1 HTXSNV · Q2 HTTNV · Q3 KĐG" (a quarter without a result is left out)."""
    return " · ".join(f"Q{q} {LEVEL_SHORT[level] if level else 'KĐG'}" for q, level in quarters)


def apply_proposals(db: Database, year: int, proposals: list[Proposal], replace: bool = False) -> int:
    """Write the proposed levels of the people without a rating (and, with ``replace``, of those
    whose rating differs), in one transaction; returns how many were written."""
    chosen = [p for p in proposals if p.fills or (replace and p.differs)]
    notes = dict(db.execute("SELECT staff_id, note FROM yearly_rating WHERE year = ?", [year]).fetchall())
    with db.atomic():
        _write(db, [(p.staff_id, year, p.proposed, notes.get(p.staff_id) or PROPOSAL_NOTE) for p in chosen])
    return len(chosen)


def proposal_summary(proposals: list[Proposal]) -> str:
    fills = sum(p.fills for p in proposals)
    differs = sum(p.differs for p in proposals)
    none = sum(p.proposed is None for p in proposals)
    return (f"Quy tắc đề xuất: {PROPOSAL_RULE}. Sẽ ghi {fills} người chưa có xếp loại; {differs} người đã có "
            f"xếp loại khác đề xuất (chỉ thay khi đồng ý); {none} người không có quý nào được xếp loại.")
