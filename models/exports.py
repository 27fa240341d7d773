"""Excel templates and exports of units and staff, in the same columns the importers read."""
from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from models.common.codes import YES, NO, Assessment, Gender, HeadLevel, InitiativeKind, StaffCategory, UnitKind, labels_of
from models.people.heads import list_evaluations
from models.people.imports import STAFF_HEADERS, UNIT_HEADERS
from models.campaigns.imports_campaigns import (
    AUTHOR_SEPARATOR, HEAD_DECIDED_ON, HEAD_HEADERS, INITIATIVE_AUTHORS, INITIATIVE_HEADERS, NOT_ASSESSED,
)
from models.awards.exchange import COLUMNS as AWARD_COLUMNS, SHEET_TITLE as AWARD_TITLE
from models.people.imports_discipline import COLUMNS as DISCIPLINE_COLUMNS, SHEET_TITLE as DISCIPLINE_TITLE, export_discipline
from models.campaigns.initiatives import list_initiatives
from models.quarters.imports_ratings import COLUMNS as RATING_COLUMNS, SHEET_TITLE as RATING_TITLE
from models.people.staff import list_staff
from models.common.text import name_sort_key, sort_key
from models.people.units import list_units
from models.exchange.xlsx import Column, write_workbook

UNIT_COLUMNS = [
    Column(UNIT_HEADERS[0], 12),
    Column(UNIT_HEADERS[1], 45),
    Column(UNIT_HEADERS[2], 24, tuple(labels_of(UnitKind))),
    Column(UNIT_HEADERS[3], 28),
    Column(UNIT_HEADERS[4], 26),
]
STAFF_COLUMNS = [
    Column(STAFF_HEADERS[0], 12),
    Column(STAFF_HEADERS[1], 28),
    Column(STAFF_HEADERS[2], 13, is_date=True),
    Column(STAFF_HEADERS[3], 10, tuple(labels_of(Gender))),
    Column(STAFF_HEADERS[4], 11),
    Column(STAFF_HEADERS[5], 26),
    Column(STAFF_HEADERS[6], 16, tuple(labels_of(StaffCategory))),
    Column(STAFF_HEADERS[7], 12, (YES, NO)),
    Column(STAFF_HEADERS[8], 15, is_date=True),
]
INITIATIVE_COLUMNS = [
    Column(INITIATIVE_HEADERS[0], 12),
    Column(INITIATIVE_HEADERS[1], 50),
    Column(INITIATIVE_HEADERS[2], 12, tuple(labels_of(InitiativeKind))),
    Column(INITIATIVE_HEADERS[3], 40),
    Column(INITIATIVE_HEADERS[4], 14, is_date=True),
    Column(INITIATIVE_HEADERS[5], 16, is_date=True),
    Column(INITIATIVE_HEADERS[6], 20, (*labels_of(Assessment), NOT_ASSESSED)),
    Column(INITIATIVE_AUTHORS, 30),  # optional: staff codes separated by ";", the first one chủ trì
]
HEAD_COLUMNS = [
    Column(HEAD_HEADERS[0], 12),
    Column(HEAD_HEADERS[1], 8),
    Column(HEAD_HEADERS[2], 32, tuple(labels_of(HeadLevel))),
    Column(HEAD_HEADERS[3], 50),
    Column(HEAD_DECIDED_ON, 16, is_date=True),  # optional: the day the evaluation was decided
]
LAYOUTS = {
    "units": (UNIT_COLUMNS, "Đơn vị"),
    "staff": (STAFF_COLUMNS, "Cán bộ"),
    "initiatives": (INITIATIVE_COLUMNS, "Mô hình, sáng kiến"),
    "heads": (HEAD_COLUMNS, "Người đứng đầu"),
    "discipline": (DISCIPLINE_COLUMNS, DISCIPLINE_TITLE),
    "ratings": (RATING_COLUMNS, RATING_TITLE),
    "awards": (AWARD_COLUMNS, AWARD_TITLE),
}
KINDS = tuple(LAYOUTS)


def write_template(kind: str, path: str | Path) -> None:
    """An empty workbook with the exact headers (and drop-down lists) an import expects."""
    columns, title = _layout(kind)
    write_workbook(path, title, columns, [])


def _layout(kind: str):
    if kind not in LAYOUTS:
        raise ValueError(f"Loại dữ liệu không biết: {kind}")
    return LAYOUTS[kind]


def export_units(db: Database, path: str | Path) -> int:
    """All units in alphabet order of their names; returns how many rows were written."""
    units = sorted(list_units(db), key=lambda u: sort_key(u.name))
    rows = [[u.code, u.name, u.kind_label, u.head_name, u.head_title] for u in units]
    write_workbook(path, "Đơn vị", UNIT_COLUMNS, rows)
    return len(rows)


def export_staff(db: Database, path: str | Path) -> int:
    """All staff, by unit code then name in Vietnamese order; returns how many rows were written."""
    people = sorted(list_staff(db), key=lambda p: (p.unit_code, name_sort_key(p.full_name)))
    rows = [
        [
            p.code, p.full_name, p.birth_date, p.gender_label, p.unit_code, p.position,
            p.category_label, YES if p.is_leader else NO, p.recruited_on,
        ]
        for p in people
    ]
    write_workbook(path, "Cán bộ", STAFF_COLUMNS, rows)
    return len(rows)


def export(db: Database, kind: str, path: str | Path) -> int:
    if kind == "units":
        return export_units(db, path)
    if kind == "staff":
        return export_staff(db, path)
    if kind == "discipline":
        return export_discipline(db, path)
    raise ValueError(f"Loại dữ liệu không biết: {kind}")


def export_initiatives(db: Database, campaign_id: int, path: str | Path) -> int:
    """A campaign's initiatives in the import's columns (re-importing the file changes nothing)."""
    codes = dict(db.execute("SELECT id, code FROM staff").fetchall())
    rows = [
        [i.unit_code, i.title, i.kind_label, i.field, i.registered_on, i.reported_on,
         i.assessment_label or NOT_ASSESSED, f"{AUTHOR_SEPARATOR} ".join(codes[s] for s in i.author_ids)]
        for i in list_initiatives(db, campaign_id)
    ]
    write_workbook(path, "Mô hình, sáng kiến", INITIATIVE_COLUMNS, rows)
    return len(rows)


def export_head_evaluations(db: Database, year: int, path: str | Path) -> int:
    rows = [[e.unit_code, e.year, e.level_label, e.note, e.decided_on] for e in list_evaluations(db, year)]
    write_workbook(path, "Người đứng đầu", HEAD_COLUMNS, rows)
    return len(rows)
