"""The SQLite file: tables, pragmas, STRICT typing, CHECK and foreign-key constraints, migrations."""
import sqlite3

import pytest

from models.store.db import connect, schema_version
from models.store.schema import MIGRATIONS


def _unit(db, code="P01", kind="phuong", name="Phường 1"):
    return db.execute(
        "INSERT INTO unit (code, name, name_folded, kind) VALUES (?, ?, ?, ?)",
        [code, name, name.lower(), kind],
    ).lastrowid


def _staff(db, code="CB01", birth_date=None):
    return db.execute(
        "INSERT INTO staff (code, full_name, name_folded, gender, category, birth_date) "
        "VALUES (?, 'Nguyễn Văn An', 'nguyen van an', 'nam', 'cong_chuc', ?)",
        [code, birth_date],
    ).lastrowid


def _member(db):
    """A unit and a person who belongs to it since 01/01/2018: their ids."""
    unit_id = _unit(db)
    staff_id = _staff(db)
    db.execute("INSERT INTO staff_unit (staff_id, unit_id, start_date) VALUES (?, ?, '2018-01-01')",
               [staff_id, unit_id])
    return unit_id, staff_id


def _count(db, table):
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_connect_creates_the_tables(db):
    assert {"unit", "staff", "staff_unit", "setting"} <= set(db.table_names())


def test_connect_creates_the_database_file_and_its_folder(tmp_path):
    path = tmp_path / "sub" / "folder" / "tdkt.sqlite3"
    database = connect(path)
    try:
        assert path.is_file()
        assert "unit" in database.table_names()
    finally:
        database.close()


def test_foreign_keys_are_on(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_journal_mode_is_wal_for_a_file(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_busy_timeout_is_five_seconds(db):
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_memory_database_is_migrated_too():
    database = connect(":memory:")
    try:
        assert {"unit", "staff", "staff_unit"} <= set(database.table_names())
        assert schema_version(database) == len(MIGRATIONS._migrations)
        assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        database.close()


@pytest.mark.parametrize("table", ["unit", "staff", "staff_unit", "setting"])
def test_tables_are_strict(db, table):
    strict = db.execute("SELECT strict FROM pragma_table_list WHERE name = ?", [table]).fetchone()
    assert strict == (1,)


def test_text_in_an_integer_column_is_refused(db):
    with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value in INTEGER column"):
        db.execute(
            "INSERT INTO unit (code, name, name_folded, kind, active) "
            "VALUES ('P01', 'Phường 1', 'phuong 1', 'phuong', 'yes')"
        )
    assert _count(db, "unit") == 0


@pytest.mark.parametrize("unit_id, error", [
    ("P01", "cannot store TEXT value in INTEGER column"),  # text in an integer foreign key
    (999, "FOREIGN KEY constraint failed"),  # membership of an unknown unit
], ids=["text-in-an-integer-foreign-key", "unknown-unit"])
def test_a_membership_of_a_unit_that_is_not_one_is_refused_in_sql(db, unit_id, error):
    staff_id = _staff(db)
    with pytest.raises(sqlite3.IntegrityError, match=error):
        db.execute("INSERT INTO staff_unit (staff_id, unit_id, start_date) VALUES (?, ?, '2018-01-01')",
                   [staff_id, unit_id])


def test_unknown_unit_kind_is_refused(db):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        _unit(db, kind="phong")
    assert _count(db, "unit") == 0


def test_lower_case_unit_code_is_refused(db):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        _unit(db, code="p01")
    assert _count(db, "unit") == 0


def test_unit_code_with_outer_spaces_is_refused(db):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        _unit(db, code=" P01")



@pytest.mark.parametrize(
    "bad",
    [
        "2018-02-31",
        "2018-04-31",
        "2018-02-32",
        "2018-13-01",
        "01/02/2018",
        "2018-2-1",
        "hôm qua",
    ],
)
def test_impossible_or_non_iso_date_is_refused(db, bad):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        _staff(db, birth_date=bad)
    assert _count(db, "staff") == 0


def test_real_iso_date_is_accepted(db):
    staff_id = _staff(db, birth_date="2016-02-29")
    assert db.execute("SELECT birth_date FROM staff WHERE id = ?", [staff_id]).fetchone() == (
        "2016-02-29",
    )


def test_recruitment_must_come_after_birth(db):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        db.execute(
            "INSERT INTO staff (code, full_name, name_folded, gender, category, birth_date, "
            "recruited_on) VALUES ('CB01', 'A', 'a', 'nam', 'can_bo', '1990-01-01', '1990-01-01')"
        )


def test_duplicate_unit_code_is_refused(db):
    _unit(db, code="P01")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE constraint failed: unit.code"):
        _unit(db, code="P01", name="Phường khác")


def test_reconnecting_applies_no_migration_twice(tmp_path):
    path = tmp_path / "again.sqlite3"
    first = connect(path)
    version = schema_version(first)
    applied = [(m.name, m.applied_at) for m in MIGRATIONS.applied(first)]
    _unit(first)
    first.close()

    second = connect(path)
    try:
        assert version == len(MIGRATIONS._migrations) >= 1
        assert schema_version(second) == version
        assert [(m.name, m.applied_at) for m in MIGRATIONS.applied(second)] == applied
        assert MIGRATIONS.pending(second) == []
        # The data survived: the migration did not recreate the tables.
        assert second.execute("SELECT code FROM unit").fetchall() == [("P01",)]
    finally:
        second.close()


def test_deleting_a_unit_still_referenced_fails_in_sql(db):
    unit_id, staff_id = _member(db)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
        db.execute("DELETE FROM unit WHERE id = ?", [unit_id])
    assert _count(db, "unit") == 1
    assert _count(db, "staff_unit") == 1


def test_deleting_a_person_deletes_their_unit_history(db):
    unit_id, staff_id = _member(db)
    db.execute("DELETE FROM staff WHERE id = ?", [staff_id])
    assert _count(db, "staff_unit") == 0
    assert _count(db, "unit") == 1


# Each CHECK value list the migrations write, and the enum whose values it must accept.
_CHECKED_CODES = [
    ("unit", "kind", "UnitKind"), ("staff", "gender", "Gender"), ("staff", "category", "StaffCategory"),
    ("initiative", "kind", "InitiativeKind"), ("initiative", "assessment", "Assessment"),
    ("head_evaluation", "level", "HeadLevel"), ("rule_cap", "scope", "CapScope"), ("rule_cap", "level", "HeadLevel"),
    ("rule_cap", "severity", "Severity"), ("classification", "level", "HeadLevel"),
    ("classification", "reason", "NotClassifiedReason"), ("review_config", "required_level", "HeadLevel"),
    ("discipline", "form", "DisciplineForm"), ("title_rule_set", "required_level", "HeadLevel"),
    ("title_rule_set", "individual_discipline", "DisciplineForm"),
    ("title_rule_set", "collective_discipline", "DisciplineForm"), ("title_rule_set", "cap_scope", "TitleCapScope"),
]


def _check_values(db, table, column):
    from models.store.schema_checks import value_lists

    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
    found = [values for name, values in value_lists(sql) if name == column]  # IN list, or ORs (0028)
    assert len(found) == 1, (table, column, found)
    return found[0]


@pytest.mark.parametrize(("table", "column", "enum"), _CHECKED_CODES)
def test_every_code_of_the_enum_is_accepted_by_the_column_check(db, table, column, enum):
    from models.common import codes

    assert _check_values(db, table, column) == [m.value for m in getattr(codes, enum)]


def test_the_migrations_write_their_value_lists_without_reading_the_enums():
    # a new enum member must not change what an applied migration creates: the lists are literal
    import ast
    from pathlib import Path

    import models.store.schema as schema
    import models.store.schema_titles as schema_titles

    for module in (schema, schema_titles):
        source = Path(module.__file__).read_text(encoding="utf-8")
        imported = {n.module for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)}
        assert "models.common.codes" not in imported, module.__name__
    assert "kind TEXT NOT NULL CHECK (kind IN ('co_quan', 'su_nghiep', 'mat_tran', 'dang', 'phuong', 'khac'))" in (
        Path(schema.__file__).read_text(encoding="utf-8"))
    assert "bonus_ttldxs REAL NOT NULL CHECK (bonus_ttldxs BETWEEN 0 AND 100)" in (
        Path(schema_titles.__file__).read_text(encoding="utf-8"))


def test_title_rule_sets_have_a_bonus_column_for_every_title(db):
    from models.common.codes import TitleCode

    columns = {c.name for c in db["title_rule_set"].columns}
    assert {f"bonus_{t.value}" for t in TitleCode} <= columns


def test_no_sqlite_utils_plugin_touches_the_connection(tmp_path):
    """A sqlite-utils plugin installed on the machine is not run on the program's connections."""
    from sqlite_utils import hookimpl
    from sqlite_utils.plugins import pm

    seen = []

    class Plugin:
        @hookimpl
        def prepare_connection(self, conn):
            seen.append(conn)

    plugin = Plugin()
    pm.register(plugin, name="test-plugin")
    try:
        connect(tmp_path / "x.sqlite3").close()  # a new database: migrated through sqlite-utils
        again = connect(tmp_path / "x.sqlite3")  # up to date: becomes a sqlite_utils.Database when asked
        assert again["unit"].count == 0
        again.close()
    finally:
        pm.unregister(plugin)
    assert seen == []
