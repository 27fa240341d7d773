"""Evaluation of each unit head's responsibility per year (district Decision 3767/QĐ-UBND).

The decision's criteria (its Articles 5-12) are not available, so the criteria list is data the
user edits; each evaluation keeps its own copy of the criteria with a result for each.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.common.codes import HeadLevel, label
from models.common.dates import format_date, from_iso, iso
from models.common.errors import NotFound, ValidationError
from models.store.settings import get_setting, set_setting
from models.common.text import clean
from models.store.records import with_children

DEFAULT_CRITERIA = (
    "Lãnh đạo, chỉ đạo thực hiện nhiệm vụ chính trị được giao",
    "Cải cách hành chính, giải quyết hồ sơ đúng hạn",
    "Thực hiện quy chế dân chủ cơ sở, dân vận chính quyền",
    "Phòng, chống tham nhũng, lãng phí",
    "Xây dựng đoàn kết nội bộ, tổ chức bộ máy",
    "Tiếp công dân, giải quyết khiếu nại, tố cáo",
    "Thực hiện mô hình, sáng kiến, giải pháp đã đăng ký",
    "Chấp hành kỷ luật, kỷ cương hành chính",
)


@dataclass(frozen=True)
class Criterion:
    name: str
    result: str = ""


@dataclass(frozen=True)
class HeadEvaluation:
    unit_id: int
    year: int
    level: HeadLevel
    head_name: str = ""
    head_title: str = ""
    note: str = ""
    criteria: tuple[Criterion, ...] = ()
    id: int | None = None
    unit_code: str = ""
    unit_name: str = ""
    decided_on: dt.date | None = None  # the day it was decided (None: not recorded)

    @property
    def level_label(self) -> str:
        return label(self.level)

    @property
    def known_from(self) -> dt.date:
        """The first day a list "as of" a day counts it: the day it was decided, or - not recorded - the
        last day of its year (a year's evaluation is decided at its end, never before)."""
        return known_from(self.decided_on, self.year)


def known_from(decided_on: dt.date | None, year: int) -> dt.date:
    """See :attr:`HeadEvaluation.known_from`."""
    return decided_on or dt.date(year, 12, 31)


def criteria_template(db: Database) -> tuple[str, ...]:
    """The criteria a new evaluation starts with (editable in the settings)."""
    return tuple(get_setting(db, "head_criteria", list(DEFAULT_CRITERIA)))


def set_criteria_template(db: Database, names: list[str]) -> None:
    cleaned = [n for n in (clean(x) for x in names) if n]
    if len({n.casefold() for n in cleaned}) != len(cleaned):
        raise ValidationError({"criteria": "Danh sách tiêu chí có mục trùng nhau"})
    set_setting(db, "head_criteria", cleaned)


def check_evaluation(db: Database, ev: HeadEvaluation) -> dict[str, str]:
    errors = {}
    if ev.unit_id is None or db.execute("SELECT 1 FROM unit WHERE id = ?", [ev.unit_id]).fetchone() is None:
        errors["unit_id"] = "Chưa chọn đơn vị" if ev.unit_id is None else "Đơn vị không tồn tại"
    if not isinstance(ev.year, int) or not 2000 <= ev.year <= 2100:
        errors["year"] = "Năm phải từ 2000 đến 2100"
    if not isinstance(ev.level, HeadLevel):
        errors["level"] = "Chưa chọn mức xếp loại"
    if any(not c.name for c in ev.criteria):
        errors["criteria"] = "Tiêu chí không được để trống tên"
    if ev.decided_on is not None and isinstance(ev.year, int):
        problem = decided_on_problem(ev.decided_on, ev.year)
        if problem:
            errors["decided_on"] = problem
    return errors


def decided_on_problem(decided_on: dt.date, year: int, what: str = "Ngày quyết định",
                       today: dt.date | None = None) -> str:
    """Why ``decided_on`` cannot be the day the evaluation of ``year`` was decided ("" when it can): an
    evaluation is decided in its year or early the next, and not after ``today`` (by default the
    computer's day). ``what`` begins the sentence (the import's row errors say "ngày")."""
    today = today or dt.date.today()
    if decided_on > today:
        return f"{what} {format_date(decided_on)} ở tương lai (hôm nay là {format_date(today)})"
    if year <= decided_on.year <= year + 1:
        return ""
    return (f"{what} {format_date(decided_on)} không thuộc năm {year} hoặc năm {year + 1}: đánh giá năm nào được "
            "quyết định trong năm đó hoặc đầu năm sau")


def save_evaluation(db: Database, ev: HeadEvaluation) -> HeadEvaluation:
    """Insert or replace the evaluation of a unit's head for a year (one per unit and year).

    An empty head name or title is filled from the unit's current head.
    """
    ev = replace(
        ev, head_name=clean(ev.head_name), head_title=clean(ev.head_title), note=(ev.note or "").strip(),
        criteria=tuple(Criterion(clean(c.name), clean(c.result)) for c in ev.criteria),
    )
    errors = check_evaluation(db, ev)
    if errors:
        raise ValidationError(errors)
    if not ev.head_name or not ev.head_title:
        name, title = db.execute("SELECT head_name, head_title FROM unit WHERE id = ?", [ev.unit_id]).fetchone()
        ev = replace(ev, head_name=ev.head_name or name, head_title=ev.head_title or title)
    with db.atomic():
        db.execute(
            "INSERT INTO head_evaluation (unit_id, year, head_name, head_title, level, note, decided_on) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(unit_id, year) DO UPDATE SET head_name = excluded.head_name, "
            "head_title = excluded.head_title, level = excluded.level, note = excluded.note, "
            "decided_on = excluded.decided_on",
            [ev.unit_id, ev.year, ev.head_name, ev.head_title, ev.level.value, ev.note, iso(ev.decided_on)],
        )
        (ev_id,) = db.execute(
            "SELECT id FROM head_evaluation WHERE unit_id = ? AND year = ?", [ev.unit_id, ev.year]
        ).fetchone()
        db.execute("DELETE FROM head_criterion WHERE evaluation_id = ?", [ev_id])
        db.conn.executemany(
            "INSERT INTO head_criterion (evaluation_id, position, name, result) VALUES (?, ?, ?, ?)",
            [(ev_id, i, c.name, c.result) for i, c in enumerate(ev.criteria)],
        )
    return get_evaluation(db, ev.unit_id, ev.year)


_SELECT = (
    "SELECT e.id, e.unit_id, e.year, e.head_name, e.head_title, e.level, e.note, e.decided_on, u.code AS unit_code, "
    "u.name AS unit_name "
    "FROM head_evaluation e JOIN unit u ON u.id = e.unit_id"
)


def _fetch(db: Database, where: str, params: list) -> list[HeadEvaluation]:
    found = with_children(db, f"{_SELECT} WHERE {where} ORDER BY u.code", params,
                          "SELECT evaluation_id, name, result FROM head_criterion WHERE evaluation_id IN ({ids}) "
                          "ORDER BY evaluation_id, position")
    return [HeadEvaluation(**{**r, "level": HeadLevel(r["level"]), "decided_on": from_iso(r["decided_on"])},
                           criteria=tuple(Criterion(*c) for c in criteria))
            for r, criteria in found]


def get_evaluation(db: Database, unit_id: int, year: int) -> HeadEvaluation:
    found = _fetch(db, "e.unit_id = ? AND e.year = ?", [unit_id, year])
    if not found:
        raise NotFound("Chưa có đánh giá người đứng đầu của đơn vị trong năm này")
    return found[0]


def list_evaluations(db: Database, year: int) -> list[HeadEvaluation]:
    return _fetch(db, "e.year = ?", [year])


def evaluation_years(db: Database) -> list[int]:
    """The years that have head evaluations, newest first."""
    return [r[0] for r in db.execute("SELECT DISTINCT year FROM head_evaluation ORDER BY year DESC")]


def delete_evaluation(db: Database, unit_id: int, year: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM head_evaluation WHERE unit_id = ? AND year = ?", [unit_id, year])
