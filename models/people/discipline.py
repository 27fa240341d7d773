"""Disciplinary decisions against staff: the form, the decision, the year whose titles it bars.

A person disciplined at "Khiển trách" or above cannot be Lao động tiên tiến that year; a
collective with a member disciplined at "Cảnh cáo" or above cannot take a collective title (the
thresholds are title rules, see ``models.yearend.title_rules``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.common.codes import DISCIPLINE_SEVERITY, DisciplineForm, label
from models.common.dates import iso
from models.common.errors import NotFound, ValidationError
from models.common.text import clean
from models.store.records import save_record


@dataclass(frozen=True)
class Discipline:
    staff_id: int
    form: DisciplineForm
    decision_number: str
    decision_date: dt.date
    effective_year: int | None = None  # None: the decision's year
    note: str = ""
    id: int | None = None
    staff_code: str = ""
    full_name: str = ""

    @property
    def form_label(self) -> str:
        return label(self.form)

    @property
    def severity(self) -> int:
        return DISCIPLINE_SEVERITY[self.form]


def normalised(d: Discipline) -> Discipline:
    year = d.effective_year
    if year is None and isinstance(d.decision_date, dt.date):
        year = d.decision_date.year
    return replace(d, decision_number=clean(d.decision_number), note=(d.note or "").strip(), effective_year=year)


def check_discipline(db: Database, d: Discipline, today: dt.date) -> dict[str, str]:
    """What is wrong with ``d`` (already normalised), by field; empty when it can be saved."""
    errors = {}
    if d.staff_id is None or db.execute("SELECT 1 FROM staff WHERE id = ?", [d.staff_id]).fetchone() is None:
        errors["staff_id"] = "Chưa chọn cán bộ" if d.staff_id is None else "Cán bộ không tồn tại"
    if not isinstance(d.form, DisciplineForm):
        errors["form"] = "Chưa chọn hình thức kỷ luật"
    if not d.decision_number:
        errors["decision_number"] = "Số quyết định kỷ luật không được để trống"
    if not isinstance(d.decision_date, dt.date):
        errors["decision_date"] = "Ngày quyết định không được để trống (dạng dd/mm/yyyy)"
    elif d.decision_date > today:
        errors["decision_date"] = "Ngày quyết định không được sau ngày hôm nay"
    if not isinstance(d.effective_year, int) or not 2000 <= d.effective_year <= 2100:
        errors["effective_year"] = "Năm áp dụng phải từ 2000 đến 2100"
    if "staff_id" not in errors and d.decision_number:
        row = db.execute(
            "SELECT id FROM discipline WHERE staff_id = ? AND decision_number = ? AND id IS NOT ?",
            [d.staff_id, d.decision_number, d.id],
        ).fetchone()
        if row is not None:
            errors["decision_number"] = f"Cán bộ này đã có quyết định kỷ luật số {d.decision_number}"
    return errors


def _row(d: Discipline) -> dict:
    return {"staff_id": d.staff_id, "form": d.form.value, "decision_number": d.decision_number,
            "decision_date": iso(d.decision_date), "effective_year": d.effective_year, "note": d.note}


def save_discipline(db: Database, d: Discipline, today: dt.date) -> Discipline:
    """Insert (``id`` None) or update a decision; refused with the fields at fault."""
    d = normalised(d)
    errors = check_discipline(db, d, today)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        new_id = save_record(db, "discipline", _row(d), d.id, "Quyết định kỷ luật không còn tồn tại")
    return get_discipline(db, new_id)


_SELECT = ("SELECT d.id, d.staff_id, d.form, d.decision_number, d.decision_date, d.effective_year, d.note, "
           "s.code AS staff_code, s.full_name FROM discipline d JOIN staff s ON s.id = d.staff_id")


def _fetch(db: Database, where: str = "", params: list | None = None) -> list[Discipline]:
    rows = db.query(f"{_SELECT} {where} ORDER BY d.decision_date, d.id", params or [])
    return [Discipline(**{**r, "form": DisciplineForm(r["form"]),
                          "decision_date": dt.date.fromisoformat(r["decision_date"])}) for r in rows]


def get_discipline(db: Database, discipline_id: int) -> Discipline:
    found = _fetch(db, "WHERE d.id = ?", [discipline_id])
    if not found:
        raise NotFound("Quyết định kỷ luật không tồn tại")
    return found[0]


def list_discipline(db: Database, year: int | None = None, staff_id: int | None = None) -> list[Discipline]:
    """Decisions, oldest first; of one effective year and/or one person when given."""
    clauses, params = [], []
    if year is not None:
        clauses.append("d.effective_year = ?")
        params.append(year)
    if staff_id is not None:
        clauses.append("d.staff_id = ?")
        params.append(staff_id)
    return _fetch(db, ("WHERE " + " AND ".join(clauses)) if clauses else "", params)


def delete_discipline(db: Database, discipline_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM discipline WHERE id = ?", [discipline_id])


def worst_by_person(db: Database, year: int) -> dict[int, Discipline]:
    """Each disciplined person's most severe decision taking effect in ``year``."""
    worst: dict[int, Discipline] = {}
    for d in list_discipline(db, year=year):
        if d.staff_id not in worst or d.severity > worst[d.staff_id].severity:
            worst[d.staff_id] = d
    return worst
