"""Units: saving with validation, activity, the staff count, deleting only when there is no data."""
import datetime as dt
import unicodedata
from dataclasses import replace

import pytest

from models.common.codes import Gender, StaffCategory, UnitKind
from models.common.errors import DomainError, NotFound, ValidationError
from models.people.staff import Staff, add_staff, update_staff
from models.people.units import Unit, delete_unit, units_named_like, get_unit, list_units, save_unit, set_unit_active, unit_data


def _rows(db):
    return db.execute("SELECT * FROM unit ORDER BY id").fetchall()


def _unit(db, code="P01", name="Phường 1", kind=UnitKind.PHUONG, **kw):
    return save_unit(db, Unit(code=code, name=name, kind=kind, **kw))


def _person(db, unit, today, code="CB01", name="Nguyễn Văn An", **kw):
    return add_staff(
        db,
        Staff(code=code, full_name=name, gender=Gender.NAM, category=StaffCategory.CONG_CHUC,
              unit_id=unit.id, **kw),
        today,
    )


def test_save_unit_stores_a_new_unit(db):
    unit = _unit(db, head_name="Lê Văn Bình", head_title="Chủ tịch UBND phường")
    assert unit.id is not None
    assert db.execute(
        "SELECT code, name, name_folded, kind, head_name, head_title, active FROM unit"
    ).fetchall() == [
        ("P01", "Phường 1", "phuong 1", "phuong", "Lê Văn Bình", "Chủ tịch UBND phường", 1)
    ]
    assert unit.kind_label == "Phường"


def test_save_unit_normalises_code_spaces_and_unicode(db):
    name = unicodedata.normalize("NFD", "  Phòng   Tài chính -  Kế hoạch ")
    unit = save_unit(
        db,
        Unit(code="  tckh ", name=name, kind=UnitKind.CO_QUAN,
             head_name=unicodedata.normalize("NFD", " Trần  Thị Ửng "), head_title="  Trưởng   phòng"),
    )
    assert unit.code == "TCKH"
    assert unit.name == "Phòng Tài chính - Kế hoạch"
    assert unicodedata.is_normalized("NFC", unit.name)
    assert unit.head_name == "Trần Thị Ửng"
    assert unit.head_title == "Trưởng phòng"
    assert db.execute("SELECT code, name, name_folded, head_name FROM unit").fetchone() == (
        "TCKH", "Phòng Tài chính - Kế hoạch", "phong tai chinh - ke hoach", "Trần Thị Ửng",
    )


@pytest.mark.parametrize(
    "unit, errors",
    [
        (Unit(code="", name="Phường 1", kind=UnitKind.PHUONG), {"code": "Chưa nhập mã đơn vị"}),
        (Unit(code="   ", name="Phường 1", kind=UnitKind.PHUONG), {"code": "Chưa nhập mã đơn vị"}),
        (
            Unit(code="P 01", name="Phường 1", kind=UnitKind.PHUONG),
            {"code": "Mã đơn vị chỉ gồm chữ không dấu, chữ số và - _ . / (ví dụ P01, NV)"},
        ),
        (
            Unit(code="PĐ", name="Phường 1", kind=UnitKind.PHUONG),
            {"code": "Mã đơn vị chỉ gồm chữ không dấu, chữ số và - _ . / (ví dụ P01, NV)"},
        ),
        (
            Unit(code="-P01", name="Phường 1", kind=UnitKind.PHUONG),
            {"code": "Mã đơn vị chỉ gồm chữ không dấu, chữ số và - _ . / (ví dụ P01, NV)"},
        ),
        (
            Unit(code="P" * 21, name="Phường 1", kind=UnitKind.PHUONG),
            {"code": "Mã đơn vị dài quá 20 ký tự"},
        ),
        (Unit(code="P01", name="  ", kind=UnitKind.PHUONG), {"name": "Chưa nhập tên đơn vị"}),
        (Unit(code="P01", name="Phường 1", kind=None), {"kind": "Chưa chọn loại đơn vị"}),
        (
            Unit(code="", name="", kind=None),
            {"code": "Chưa nhập mã đơn vị", "name": "Chưa nhập tên đơn vị",
             "kind": "Chưa chọn loại đơn vị"},
        ),
    ],
)
def test_save_unit_reports_errors_by_field_and_writes_nothing(db, unit, errors):
    with pytest.raises(ValidationError) as caught:
        save_unit(db, unit)
    assert caught.value.errors == errors
    assert str(caught.value) == "; ".join(errors.values())
    assert _rows(db) == []


def test_save_unit_refuses_a_duplicate_code_whatever_its_case(db):
    _unit(db, code="P01")
    before = _rows(db)
    with pytest.raises(ValidationError) as caught:
        save_unit(db, Unit(code="p01 ", name="Phường Một", kind=UnitKind.PHUONG))
    assert caught.value.errors == {"code": "Mã đơn vị “P01” đã có"}
    assert _rows(db) == before


def test_save_unit_updates_an_existing_unit(db):
    unit = _unit(db)
    updated = save_unit(
        db, replace(unit, name="Phường  Mười", kind=UnitKind.KHAC, head_name="Võ Thị Em")
    )
    assert updated.id == unit.id
    assert db.execute("SELECT id, code, name, name_folded, kind, head_name FROM unit").fetchall() == [
        (unit.id, "P01", "Phường Mười", "phuong muoi", "khac", "Võ Thị Em")
    ]


def test_save_unit_may_keep_its_own_code_on_update(db):
    unit = _unit(db)
    assert save_unit(db, replace(unit, name="Phường 1 mới")).code == "P01"


def test_save_unit_refuses_to_take_another_units_code_on_update(db):
    _unit(db, code="P01")
    other = _unit(db, code="P03", name="Phường 3")
    before = _rows(db)
    with pytest.raises(ValidationError) as caught:
        save_unit(db, replace(other, code="P01"))
    assert caught.value.errors == {"code": "Mã đơn vị “P01” đã có"}
    assert _rows(db) == before


def test_save_unit_update_of_a_missing_unit_raises_not_found(db):
    with pytest.raises(NotFound) as caught:
        save_unit(db, Unit(id=42, code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    assert str(caught.value) == "Không tìm thấy đơn vị có mã P01"
    assert _rows(db) == []


def test_set_unit_active_deactivates_and_reactivates(db):
    unit = _unit(db)
    other = _unit(db, code="P03", name="Phường 3")
    assert set_unit_active(db, unit.id, False).active is False
    assert db.execute("SELECT code, active FROM unit ORDER BY code").fetchall() == [
        ("P01", 0), ("P03", 1),
    ]
    assert [u.code for u in list_units(db, active_only=True)] == ["P03"]
    assert [u.code for u in list_units(db)] == ["P01", "P03"]
    assert set_unit_active(db, unit.id, True).active is True
    assert [u.code for u in list_units(db, active_only=True)] == ["P01", "P03"]
    assert other.active is True


def test_list_units_is_ordered_by_code(db):
    for code in ["P10", "NV", "P01"]:
        _unit(db, code=code, name=f"Đơn vị {code}")
    assert [u.code for u in list_units(db)] == ["NV", "P01", "P10"]


def test_list_units_counts_only_current_members_who_have_not_ended(db, today):
    a = _unit(db, code="A", name="Đơn vị A")
    b = _unit(db, code="B", name="Đơn vị B")
    empty = _unit(db, code="C", name="Đơn vị C")
    _person(db, a, today, code="STAY", recruited_on=dt.date(2010, 1, 1))
    _person(db, a, today, code="LEFT", recruited_on=dt.date(2010, 1, 1), ended_on=dt.date(2018, 6, 30))
    mover = _person(db, a, today, code="MOVE", recruited_on=dt.date(2010, 1, 1))
    update_staff(db, replace(mover, unit_id=b.id), today, move_from=dt.date(2018, 7, 1))
    _person(db, b, today, code="NEW")  # recruitment date unknown
    counts = {u.code: u.staff_count for u in list_units(db)}
    assert counts == {"A": 1, "B": 2, "C": 0}
    assert get_unit(db, a.id).staff_count == 1
    assert get_unit(db, empty.id).staff_count == 0
    assert list_units(db) == [get_unit(db, u.id) for u in list_units(db)]  # the list's query counts as get_unit's


def test_list_units_counts_people_who_moved_several_times_or_left_after_moving(db, today):
    a, b, c = (_unit(db, code=code, name=f"Đơn vị {code}") for code in ("A", "B", "C"))
    back = _person(db, a, today, code="BACK", recruited_on=dt.date(2010, 1, 1))  # A, then B, then A again
    back = update_staff(db, replace(back, unit_id=b.id), today, move_from=dt.date(2012, 1, 1))
    update_staff(db, replace(back, unit_id=a.id), today, move_from=dt.date(2014, 1, 1))
    gone = _person(db, a, today, code="GONE", recruited_on=dt.date(2010, 1, 1))  # A, then B, then left
    gone = update_staff(db, replace(gone, unit_id=b.id), today, move_from=dt.date(2013, 1, 1))
    update_staff(db, replace(gone, ended_on=dt.date(2015, 6, 30)), today)
    twice = _person(db, b, today, code="TWICE", recruited_on=dt.date(2010, 1, 1))  # B, then C
    update_staff(db, replace(twice, unit_id=c.id), today, move_from=dt.date(2013, 6, 1))
    _person(db, c, today, code="LEFT", recruited_on=dt.date(2010, 1, 1), ended_on=dt.date(2012, 1, 1))
    _person(db, b, today, code="STAY", recruited_on=dt.date(2010, 1, 1))
    assert db.execute("SELECT count(*) FROM staff_unit").fetchone() == (9,)
    assert {u.code: u.staff_count for u in list_units(db)} == {"A": 1, "B": 1, "C": 1}
    assert list_units(db) == [get_unit(db, u.id) for u in list_units(db)]  # one person at a time: the same
    assert [u.code for u in list_units(db, active_only=True)] == ["A", "B", "C"]


def test_get_unit_of_missing_id_raises_not_found(db):
    with pytest.raises(NotFound, match="Không tìm thấy đơn vị"):
        get_unit(db, 99)


def test_delete_unit_without_data_removes_it(db):
    keep = _unit(db, code="P01")
    gone = _unit(db, code="P03", name="Phường 3")
    assert unit_data(db, gone.id) == {}
    delete_unit(db, gone.id)
    assert db.execute("SELECT id, code FROM unit").fetchall() == [(keep.id, "P01")]


def test_delete_unit_with_staff_is_refused_and_keeps_the_unit(db, today):
    unit = _unit(db)
    _person(db, unit, today)
    before = _rows(db)
    with pytest.raises(DomainError) as caught:
        delete_unit(db, unit.id)
    assert str(caught.value).startswith("Không thể xóa đơn vị")
    assert str(caught.value) == (
        "Không thể xóa đơn vị vì đã có dữ liệu (1 bản ghi quá trình công tác của cán bộ). "
        "Hãy chuyển sang “Ngừng hoạt động”."
    )
    assert _rows(db) == before
    assert db.execute("SELECT count(*) FROM staff_unit").fetchone() == (1,)


def test_delete_unit_is_refused_for_a_unit_that_only_appears_in_history(db, today):
    old = _unit(db, code="A", name="Đơn vị A")
    new = _unit(db, code="B", name="Đơn vị B")
    person = _person(db, old, today, recruited_on=dt.date(2015, 1, 1))
    update_staff(db, replace(person, unit_id=new.id), today, move_from=dt.date(2018, 1, 1))
    assert get_unit(db, old.id).staff_count == 0
    assert unit_data(db, old.id) == {"staff_unit": 1}
    with pytest.raises(DomainError, match="^Không thể xóa đơn vị"):
        delete_unit(db, old.id)
    assert [u.code for u in list_units(db)] == ["A", "B"]


def test_units_named_like_finds_the_same_name_with_or_without_diacritics_and_case(db):
    nv = _unit(db, code="NV", name="Phòng Nội vụ", kind=UnitKind.CO_QUAN)
    _unit(db, code="NV2", name="Phòng Nội vụ quận", kind=UnitKind.CO_QUAN)
    assert [u.code for u in units_named_like(db, "  phong  NOI vu ")] == ["NV"]
    assert [u.code for u in units_named_like(db, "Phòng Nội Vụ")] == ["NV"]
    assert units_named_like(db, "Phòng Nội vụ", except_id=nv.id) == []  # the unit itself, when edited
    assert units_named_like(db, "Phòng Tư pháp") == []
