"""The bodies of migration 0012 (unit succession, at the end) and of migration 0010 (registered in ``models.store.schema``): the unit kinds of a ward's
council (Trung tâm Phục vụ hành chính công, Trường học, Trạm y tế, Khu phố - Ấp) join the CHECK list
of ``unit.kind``.

SQLite cannot change a CHECK constraint in place: the table is rebuilt as
https://www.sqlite.org/lang_altertable.html (section 7) prescribes, with the foreign keys switched off
for the copy (other tables point at ``unit``) and checked before the commit. The new table's text is
the current one with the value list replaced, so columns a later migration adds come along whatever
the order. Value lists are written out (never read from the live enums), as in ``models.store.schema``.
"""
from __future__ import annotations

import re

from sqlite_utils import Database

from models.store.schema import _date_check

from models.common.errors import DomainError

UNIT_KINDS_2018 = "kind IN ('co_quan', 'su_nghiep', 'mat_tran', 'dang', 'phuong', 'khac')"
UNIT_KINDS_2025 = ("kind IN ('co_quan', 'trung_tam_hcc', 'su_nghiep', 'truong_hoc', 'tram_y_te', 'mat_tran', "
                   "'dang', 'phuong', 'khu_pho', 'khac')")


def add_ward_unit_kinds(db: Database) -> None:
    replace_check(db, "unit", UNIT_KINDS_2018, UNIT_KINDS_2025)


def replace_check(db: Database, table: str, old: str, new: str) -> None:
    """Rebuild ``table`` with the CHECK text ``old`` replaced by ``new``: :func:`replace_checks`."""
    replace_checks(db, table, [(old, new)])


def replace_checks(db: Database, table: str, replacements: list[tuple[str, str]]) -> None:
    """Rebuild ``table`` with each CHECK text ``old`` replaced by its ``new``, its rows, indexes and
    triggers kept, in one transaction. Run outside a transaction (a migration registered with
    ``transactional=False``): switching the foreign keys off is a no-op inside one. A table already
    holding every ``new`` is left alone, so a run interrupted after the commit is not repeated."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
    if all(_found(new, sql) for _old, new in replacements):
        return
    if not all(_found(old, sql) for old, _new in replacements):
        raise DomainError(f"Bảng {table} không có ràng buộc như dự kiến; không nâng cấp được cơ sở dữ liệu.")
    temporary = f"_rebuild_{table}"
    create = re.sub(rf'^CREATE TABLE\s+"?{table}"?', f'CREATE TABLE "{temporary}"', sql, count=1)
    for old, new in replacements:  # the whole constraint text: "level IN (...)" is not "x_level IN (...)"
        create = _whole(old).sub(lambda _match, new=new: new, create)
    keep = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL",
        [table])]
    foreign_keys = db.execute("PRAGMA foreign_keys").fetchone()[0]
    broken = _broken_references(db, table)
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            db.execute(create)
            db.execute(f'INSERT INTO "{temporary}" SELECT * FROM "{table}"')
            db.execute(f'DROP TABLE "{table}"')
            db.execute(f'ALTER TABLE "{temporary}" RENAME TO "{table}"')
            for statement in keep:
                db.execute(statement)
            # No reference broken by the rebuild: the table's own and those pointing at it, compared
            # with before (one broken already, by another program, is not this upgrade's to judge:
            # refusing it would keep the whole database from opening).
            if _broken_references(db, table) - broken:
                raise DomainError(f"Dữ liệu tham chiếu tới bảng {table} không khớp; không nâng cấp được cơ sở dữ liệu.")
    finally:
        if foreign_keys:
            db.execute("PRAGMA foreign_keys = ON")


def _whole(text: str) -> re.Pattern:
    """``text`` where it is not the end of a longer name."""
    return re.compile(rf"(?<![\w\"]){re.escape(text)}")


def _found(text: str, sql: str) -> bool:
    return _whole(text).search(sql) is not None


def _broken_references(db: Database, table: str) -> set[tuple]:
    """The broken references of ``table`` and of the tables with a foreign key to it."""
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    referring = [name for name in names
                 if any(fk[2] == table for fk in db.execute(f'PRAGMA foreign_key_list("{name}")'))]
    return {tuple(row) for name in [table, *referring] for row in db.execute(f'PRAGMA foreign_key_check("{name}")')}


def create_unit_succession(db: Database) -> None:
    """Migration 0012."""
    # A unit merged into, split into or renamed as another from a date: the old unit ends the day
    # before ``effective_on`` and keeps its history. One row per (old unit, new unit).
    db.execute(
        f"""
        CREATE TABLE unit_succession (
            id INTEGER PRIMARY KEY,
            from_unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            to_unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            kind TEXT NOT NULL CHECK (kind IN ('sap_nhap', 'chia_tach', 'doi_ten')),
            effective_on TEXT NOT NULL {_date_check('effective_on', nullable=False)},
            note TEXT NOT NULL DEFAULT '',
            CHECK (from_unit_id <> to_unit_id),
            UNIQUE (from_unit_id, to_unit_id)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX unit_succession_to ON unit_succession(to_unit_id)")
