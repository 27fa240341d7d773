"""Migration 0028: the CHECK value lists of the bulk-imported tables as ORs (issue #19, import speed).

The rule must stay exactly what it was (every listed value accepted, anything else refused, NULL as
before), the rows, indexes and references must survive the rebuild, and a second run changes nothing."""
from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from models.common.award_codes import AwardKind, AwardLevel
from models.common.codes import Level, NotClassifiedReason, StaffCategory
from models.store.db import connect
from models.store.schema import MIGRATIONS
from models.store.schema_checks import IN_LISTS, as_comparisons, checks_without_in_lists

from .db_rows import rerun_changes_nothing

STOP = "0028_checks_without_in_lists"


def _old_database(path) -> None:
    """A database as the program left it before 0028: a unit, a person, a quarter's classification,
    a yearly rating and an award pointing at them."""
    old = Database(path)
    old.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(old, stop_before=STOP)
    old.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES ('P05', 'Phường 5', 'phuong 5', 'phuong')")
    old.execute("INSERT INTO staff (code, full_name, name_folded, gender, category) "
                "VALUES ('CB1', 'Nguyễn Văn An', 'nguyen van an', 'nam', 'vien_chuc')")
    old.execute("INSERT INTO staff_unit (staff_id, unit_id, start_date) VALUES (1, 1, '2018-01-01')")
    old.execute("INSERT INTO classification (staff_id, unit_id, year, quarter, level) VALUES (1, 1, 2024, 3, 'tot')")
    old.execute("INSERT INTO classification (staff_id, unit_id, year, quarter, level, reason) "
                "VALUES (1, 1, 2024, 4, NULL, 'thai_san')")
    old.execute("INSERT INTO yearly_rating (staff_id, year, level) VALUES (1, 2024, 'xuat_sac')")
    award = old.execute("SELECT sql FROM sqlite_master WHERE name = 'award'").fetchone()[0]
    assert "kind IN (" in award
    old.execute("INSERT INTO award (staff_id, year, kind, form, form_folded, level, decision_date) "
                "VALUES (1, 2024, 'giay_khen', 'Giấy khen', 'giay khen', 'huyen', '2025-01-15')")
    old.conn.commit()
    old.close()


def _table_sql(db, table: str) -> str:
    return db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]


def test_migration_0028_keeps_rows_indexes_and_references(tmp_path):
    path = tmp_path / "old.sqlite3"
    _old_database(path)
    counts = {t: Database(path).execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in IN_LISTS}
    indexes = Database(path).execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
                                     "('staff', 'classification', 'yearly_rating', 'award') ORDER BY name").fetchall()
    db = connect(path)
    assert {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in IN_LISTS} == counts
    assert counts == {"staff": 1, "classification": 2, "yearly_rating": 1, "award": 1}
    assert db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
                      "('staff', 'classification', 'yearly_rating', 'award') ORDER BY name").fetchall() == indexes
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):  # the references to the rebuilt staff table still hold
        db.execute("DELETE FROM staff WHERE id = 1")
    for table, in_lists in IN_LISTS.items():
        sql = _table_sql(db, table)
        for text in in_lists:
            assert text not in sql and as_comparisons(text) in sql
    db.close()


def test_migration_0028_the_rules_are_unchanged(tmp_path):
    db = connect(tmp_path / "new.sqlite3")
    db.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES ('P05', 'Phường 5', 'phuong 5', 'phuong')")
    for category in StaffCategory:  # each listed value is accepted
        db.execute("INSERT INTO staff (code, full_name, name_folded, gender, category) VALUES (?, 'A', 'a', 'nam', ?)",
                   [f"CB-{category.value}".upper(), category.value])
    for wrong in ("khac", "CAN_BO", "can_bo ", ""):  # anything else is refused
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            db.execute("INSERT INTO staff (code, full_name, name_folded, gender, category) "
                       "VALUES ('X1', 'A', 'a', 'nam', ?)", [wrong])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        db.execute("INSERT INTO yearly_rating (staff_id, year, level) VALUES (1, 2024, 'gioi')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        db.execute("INSERT INTO classification (staff_id, unit_id, year, quarter, level, reason) "
                   "VALUES (1, 1, 2024, 1, NULL, 'nghi_phep')")
    db.execute("INSERT INTO classification (staff_id, unit_id, year, quarter, level, reason) "
               "VALUES (1, 1, 2024, 1, 'hoan_thanh', NULL)")  # NULL passes, as with IN
    db.conn.rollback()
    db.close()


def test_migration_0028_run_again_changes_nothing(tmp_path):
    path = tmp_path / "old.sqlite3"
    _old_database(path)
    rerun_changes_nothing(path, checks_without_in_lists, IN_LISTS)


def test_migration_0028_lists_are_the_values_of_their_time():
    """Written out (never read from the enums), and the same values the program knows today."""
    def values(enum) -> str:
        return ", ".join(f"'{member.value}'" for member in enum)

    assert IN_LISTS["staff"] == [f"category IN ({values(StaffCategory)})"]
    assert IN_LISTS["classification"] == [f"level IN ({values(Level)})", f"reason IN ({values(NotClassifiedReason)})"]
    assert IN_LISTS["yearly_rating"] == [f"level IN ({values(Level)})"]
    assert IN_LISTS["award"] == [f"kind IN ({values(AwardKind)})", f"level IN ({values(AwardLevel)})"]
    assert as_comparisons("kind IN ('a_b', 'c')") == "(kind = 'a_b' OR kind = 'c')"


def _break_reference(path, sql: str) -> None:
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute(sql)
    raw.commit()
    raw.close()


def test_a_broken_reference_elsewhere_does_not_block_the_upgrade(tmp_path):
    """A reference broken outside the rebuilt tables (the file edited in another program) is not
    this migration's to judge: the database still opens."""
    path = tmp_path / "old.sqlite3"
    _old_database(path)
    _break_reference(path, "INSERT INTO unit_succession (from_unit_id, to_unit_id, kind, effective_on) "
                           "VALUES (1, 99, 'sap_nhap', '2025-07-01')")
    db = connect(path)
    assert as_comparisons(IN_LISTS["staff"][0]) in _table_sql(db, "staff")
    db.close()


def test_a_reference_broken_before_is_kept_as_it_was_and_does_not_block(tmp_path):
    path = tmp_path / "old.sqlite3"
    _old_database(path)
    _break_reference(path, "INSERT INTO staff_unit (staff_id, unit_id, start_date) VALUES (77, 1, '2019-01-01')")
    db = connect(path)
    assert as_comparisons(IN_LISTS["staff"][0]) in _table_sql(db, "staff")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == [("staff_unit", 2, "staff", 1)]  # that one only
    assert db.execute("SELECT name FROM sqlite_master WHERE name LIKE '_rebuild_%'").fetchall() == []
    db.close()


def test_replace_checks_changes_the_whole_constraint_only():
    from models.store.schema_units import replace_checks

    db = Database(memory=True)
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x_level TEXT CHECK (x_level IN ('a', 'b', 'c')), "
               "level TEXT CHECK (level IN ('a', 'b', 'c')))")
    db.execute("INSERT INTO t (x_level, level) VALUES ('a', 'b')")
    replace_checks(db, "t", [("level IN ('a', 'b', 'c')", as_comparisons("level IN ('a', 'b', 'c')"))])
    sql = _table_sql(db, "t")
    assert "x_level IN ('a', 'b', 'c')" in sql and "(level = 'a' OR level = 'b' OR level = 'c')" in sql
    assert db.execute("SELECT x_level, level FROM t").fetchall() == [("a", "b")]
