"""A person's year-end quality rating (xếp loại chất lượng cuối năm): Hoàn thành xuất sắc / tốt /
hoàn thành / không hoàn thành nhiệm vụ, one per person and year. The title rule sets of 2024 on judge
by it; the 2018 set keeps its reading of the quarters."""
from __future__ import annotations

from sqlite_utils import Database

from models.common.codes import Level


def ratings_of_year(db: Database, year: int) -> dict[int, Level]:
    """Every stored rating of ``year``, by staff id."""
    return {staff_id: Level(level) for staff_id, level in db.execute(
        "SELECT staff_id, level FROM yearly_rating WHERE year = ?", [year])}


def set_rating(db: Database, staff_id: int, year: int, level: Level | None, note: str = "") -> None:
    """Store (or, with ``level`` None, remove) ``staff_id``'s rating of ``year``."""
    with db.atomic():
        if level is None:
            db.execute("DELETE FROM yearly_rating WHERE staff_id = ? AND year = ?", [staff_id, year])
            return
        db.execute(
            "INSERT INTO yearly_rating (staff_id, year, level, note) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(staff_id, year) DO UPDATE SET level = excluded.level, note = excluded.note",
            [staff_id, year, str(Level(level)), note],
        )
