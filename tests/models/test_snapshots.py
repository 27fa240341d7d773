import datetime as dt
from dataclasses import replace

import pytest

from models.common.codes import Gender, StaffCategory, UnitKind
from models.common.errors import DomainError
from models.people.snapshots import restore_staff, restore_unit, snapshot_staff, snapshot_unit
from models.people.staff import Staff, add_staff, delete_staff, get_staff, update_staff
from models.people.units import Unit, delete_unit, save_unit


def _dump(db):
    return [db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("unit", "staff", "staff_unit")]


@pytest.fixture
def two_units(db):
    a = save_unit(db, Unit(code="NV", name="Phòng Nội vụ", kind=UnitKind.CO_QUAN))
    b = save_unit(db, Unit(code="P01", name="Ủy ban nhân dân Phường 1", kind=UnitKind.PHUONG))
    return a, b


def _person(db, unit, today):
    return add_staff(db, Staff(code="CB1", full_name="Nguyễn Văn Ánh", gender=Gender.NAM,
                               category=StaffCategory.CONG_CHUC, unit_id=unit.id,
                               recruited_on=dt.date(2010, 1, 1)), today)


_SNAPSHOTS = {"unit": (snapshot_unit, restore_unit), "staff": (snapshot_staff, restore_staff)}


def _assert_undone(db, kind, record_id, change):
    """A snapshot of the ``kind`` record taken, ``change`` made, the snapshot restored: every row is as it was."""
    snapshot, restore = _SNAPSHOTS[kind]
    before_dump = _dump(db)
    snap = snapshot(db, record_id)
    change()
    restore(db, record_id, snap)
    assert _dump(db) == before_dump


def test_restoring_a_unit_snapshot_undoes_an_edit(db, two_units):
    a, _ = two_units
    _assert_undone(db, "unit", a.id,
                   lambda: save_unit(db, replace(a, name="Phòng Nội vụ quận", head_name="Lê Văn Tám", active=False)))


def test_restoring_a_deleted_unit_brings_back_the_same_id(db, two_units):
    _, b = two_units
    _assert_undone(db, "unit", b.id, lambda: delete_unit(db, b.id))


def test_undoing_an_edit_with_a_move_restores_fields_and_history(db, two_units, today):
    a, b = two_units
    person = _person(db, a, today)

    def edit_and_move():
        update_staff(db, replace(person, unit_id=b.id, full_name="Nguyễn Văn Ánh Dương"), today,
                     move_from=dt.date(2018, 7, 1))
        assert get_staff(db, person.id).unit_code == "P01"

    _assert_undone(db, "staff", person.id, edit_and_move)


def test_undoing_a_delete_brings_the_person_back_with_history(db, two_units, today):
    a, b = two_units
    person = _person(db, a, today)
    update_staff(db, replace(person, unit_id=b.id), today, move_from=dt.date(2018, 7, 1))
    _assert_undone(db, "staff", person.id, lambda: delete_staff(db, person.id))


def test_undoing_the_addition_of_a_unit_that_has_gained_staff_is_refused(db, two_units, today):
    a, _ = two_units
    _person(db, a, today)
    before_dump = _dump(db)
    with pytest.raises(DomainError, match="Không thể xóa đơn vị"):
        restore_unit(db, a.id, None)
    assert _dump(db) == before_dump
