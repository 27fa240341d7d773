"""A bulk staff import writes its history with one statement per table: the same change_log rows the
per-row triggers write, and the triggers are back on afterwards (also after a failure)."""
import sqlite3

import pytest

from models.common.codes import Gender, StaffCategory
from models.people import imports
from models.people.imports import import_staff
from models.people.staff import Staff, add_staff
from models.store.db import connect, insert_with_history_by_set

from .imports_data import _staff_file, _staff_row, seed, seeded  # noqa: F401  (seeded is a fixture)

LOG = "SELECT id, who, table_name, record_id, action, unit_id, old, new FROM change_log ORDER BY id"


def _rows():
    return [
        _staff_row(),
        _staff_row("CB02", "Trần Thị Bé", gender="Nữ", unit="P03", leader="Có", recruited=""),
        _staff_row("CB03", "Lê Văn Cường", birth="", category="Cán bộ", position=""),
        _staff_row("OLD", "Phạm Văn Cũ Mới", unit="P03", recruited="01/01/2001"),  # changed and moved
    ]


def _plain_executemany(db, table, sql, rows, per_statement=1):
    db.conn.executemany(sql, rows)  # the per-row triggers write the history


def _imported_log(tmp_path, name, today, monkeypatch=None):
    db = connect(tmp_path / f"{name}.sqlite3", who="Thư ký")
    try:
        seed(db, today)
        if monkeypatch is not None:
            monkeypatch.setattr(imports, "insert_with_history_by_set", _plain_executemany)
        import_staff(db, _staff_file(tmp_path, _rows(), name=f"{name}.xlsx"), today=today)
        return db.execute(LOG).fetchall()
    finally:
        db.close()


def test_bulk_import_writes_the_history_the_triggers_write(tmp_path, today, monkeypatch):
    by_set = _imported_log(tmp_path, "set", today)
    with monkeypatch.context() as m:
        by_trigger = _imported_log(tmp_path, "trigger", today, m)
    assert by_set == by_trigger
    actions = [(table, action) for _, _, table, _, action, *_ in by_set]
    assert actions.count(("staff", "insert")) == 4  # OLD (seeded) and the three new people
    assert actions.count(("staff_unit", "insert")) == 5  # their first units and OLD's move
    assert ("staff", "update") in actions
    assert {who for _, who, *_ in by_set} == {"Thư ký"}


def test_the_triggers_log_again_after_a_bulk_insert(seeded, tmp_path, today):
    import_staff(seeded, _staff_file(tmp_path, _rows()[:1]), today=today)
    assert seeded.execute("SELECT count(*) FROM sqlite_temp_master WHERE name = 'log_staff_unit_insert'"
                          ).fetchone() == (1,)
    # dropped and created again as a TEMP trigger: never written into the database file
    assert seeded.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'log_%'"
                          ).fetchone() == (0,)
    person = add_staff(seeded, Staff(code="LATER", full_name="Đỗ Văn Sau", gender=Gender.NAM,
                                     category=StaffCategory.CAN_BO, unit_id=1), today)
    assert seeded.execute("SELECT count(*) FROM change_log WHERE table_name = 'staff' AND record_id = ? "
                          "AND action = 'insert'", [person.id]).fetchone() == (1,)


def test_a_failed_bulk_insert_writes_nothing_and_leaves_the_triggers_on(seeded, today):
    before = seeded.execute(LOG).fetchall()
    sql = "INSERT INTO staff_unit (staff_id, unit_id, start_date) VALUES (?, ?, ?)"
    with pytest.raises(sqlite3.IntegrityError):
        with seeded.atomic():
            insert_with_history_by_set(seeded, "staff_unit", sql, [(1, 2, "2020-01-01"), (1, 999, "2021-01-01")])
    assert seeded.execute(LOG).fetchall() == before
    assert seeded.execute("SELECT count(*) FROM sqlite_temp_master WHERE name = 'log_staff_unit_insert'"
                          ).fetchone() == (1,)
    with seeded.atomic():
        seeded.execute(sql, [1, 2, "2020-01-01"])
    assert seeded.execute("SELECT table_name, action FROM change_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "staff_unit", "insert")


def test_rows_below_the_largest_rowid_are_refused(seeded):
    before = seeded.execute(LOG).fetchall()
    top = seeded.execute("SELECT max(id) FROM staff_unit").fetchone()[0]
    sql = "INSERT INTO staff_unit (id, staff_id, unit_id, start_date) VALUES (?, ?, ?, ?)"
    with pytest.raises(RuntimeError, match="staff_unit: 2 rows inserted, 1 above rowid"):
        with seeded.atomic():
            insert_with_history_by_set(seeded, "staff_unit", sql, [(top + 5, 1, 2, "2020-01-01"),
                                                                   (-7, 1, 2, "2021-01-01")])
    assert seeded.execute(LOG).fetchall() == before
    assert seeded.execute("SELECT count(*) FROM staff_unit WHERE id IN (?, -7)", [top + 5]).fetchone() == (0,)


def test_outside_a_transaction_it_is_refused(seeded):
    with pytest.raises(RuntimeError, match="outside a transaction"):
        insert_with_history_by_set(seeded, "staff", "SELECT 1", [])


@pytest.mark.parametrize("limit", [None, 7])
def test_rows_inserted_in_groups_are_the_rows_inserted_one_by_one(limit):
    from models.store.db import execute_in_groups

    rows = [(i, f"tên {i}", i * 0.5 if i % 3 else None) for i in range(1, 1203)]
    got = []
    for per_statement in (1, 500):
        conn = sqlite3.connect(":memory:")
        if limit:  # a SQLite built with few parameters: 7 of them hold 2 rows of 3 values
            conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, x REAL)")
        assert execute_in_groups(conn, "INSERT INTO t (id, name, x) VALUES (?, ?, ?)", rows, per_statement) == len(rows)
        got.append(conn.execute("SELECT rowid, * FROM t ORDER BY rowid").fetchall())
    assert got[0] == got[1] == [(i, *row) for i, row in enumerate(rows, start=1)]


def test_the_first_memberships_take_the_ids_the_table_would_give_in_the_order_of_the_people(seeded, tmp_path, today):
    # the ids are given by the statement (no sort): the next ones after the largest, in the file's order
    seeded.execute("INSERT INTO staff_unit (id, staff_id, unit_id, start_date) SELECT 40, id, "
                   "(SELECT unit_id FROM staff_unit), '2010-01-01' FROM staff WHERE code = 'OLD'")
    seeded.conn.commit()
    import_staff(seeded, _staff_file(tmp_path, _rows()[:3]), today=today)
    added = seeded.execute("SELECT su.id, s.code, su.start_date FROM staff_unit su JOIN staff s ON s.id = su.staff_id "
                           "WHERE su.id > 40 ORDER BY su.id").fetchall()
    assert added == [(41, "CB01", "2015-03-01"), (42, "CB02", "0001-01-01"), (43, "CB03", "2015-03-01")]
    logged = seeded.execute("SELECT record_id FROM change_log WHERE table_name = 'staff_unit' AND action = 'insert' "
                            "ORDER BY id").fetchall()
    assert [r for (r,) in logged][-3:] == [41, 42, 43]
