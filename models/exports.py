"""Excel templates and exports of units and staff, in the same columns the importers read."""
from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from .codes import YES, NO, Gender, StaffCategory, UnitKind, labels_of
from .imports import STAFF_HEADERS, UNIT_HEADERS
from .staff import list_staff
from .text import name_sort_key, sort_key
from .units import list_units
from .xlsx import Column, write_workbook

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
KINDS = ("units", "staff")


def write_template(kind: str, path: str | Path) -> None:
    """An empty workbook with the exact headers (and drop-down lists) an import expects."""
    columns, title = _layout(kind)
    write_workbook(path, title, columns, [])


def _layout(kind: str):
    if kind == "units":
        return UNIT_COLUMNS, "Đơn vị"
    if kind == "staff":
        return STAFF_COLUMNS, "Cán bộ"
    raise ValueError(f"Loại dữ liệu không biết: {kind}")


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
    raise ValueError(f"Loại dữ liệu không biết: {kind}")
