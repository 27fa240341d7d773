"""The schema, as numbered migrations. Never edit an applied migration: add the next one."""
from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .codes import Gender, StaffCategory, UnitKind

MIGRATIONS = Migrations("tdkt")


def _in(enum) -> str:
    return "(" + ", ".join(f"'{m.value}'" for m in enum) + ")"


# A real calendar date in ISO form, nothing else. The '+0 days' modifier makes SQLite older than
# 3.46 normalise 2018-02-31 to 2018-03-03, so an impossible date no longer equals itself.
_DATE = "date({c}, '+0 days') IS {c}"


def _date_check(column: str, nullable: bool = True) -> str:
    check = _DATE.format(c=column)
    return f"CHECK ({column} IS NULL OR {check})" if nullable else f"CHECK ({check})"


@MIGRATIONS(name="0001_units_and_staff")
def m0001_units_and_staff(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20 AND code = upper(trim(code))),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_folded TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN {_in(UnitKind)}),
            head_name TEXT NOT NULL DEFAULT '',
            head_title TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 30 AND code = upper(trim(code))),
            full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
            name_folded TEXT NOT NULL,
            birth_date TEXT {_date_check('birth_date')},
            gender TEXT NOT NULL CHECK (gender IN {_in(Gender)}),
            position TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL CHECK (category IN {_in(StaffCategory)}),
            is_leader INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0, 1)),
            recruited_on TEXT {_date_check('recruited_on')},
            ended_on TEXT {_date_check('ended_on')},
            CHECK (ended_on IS NULL OR recruited_on IS NULL OR ended_on >= recruited_on),
            CHECK (birth_date IS NULL OR recruited_on IS NULL OR recruited_on > birth_date)
        ) STRICT
        """
    )
    # Membership history: the person belongs to unit_id from start_date until the next row's
    # start_date. The first row starts at the recruitment date, or 0001-01-01 when unknown.
    db.execute(
        f"""
        CREATE TABLE staff_unit (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            start_date TEXT NOT NULL {_date_check('start_date', nullable=False)},
            UNIQUE (staff_id, start_date)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX staff_unit_unit ON staff_unit(unit_id)")
    db.execute("CREATE INDEX unit_name_folded ON unit(name_folded)")
    db.execute("CREATE INDEX staff_name_folded ON staff(name_folded)")
    db.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")
