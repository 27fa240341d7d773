"""Staff: validation, the history of their units (moves), search, deletion."""
import datetime as dt
import unicodedata
from dataclasses import replace

import pytest

from models.common.codes import Gender, StaffCategory, UnitKind
from models.common.errors import DomainError, NotFound, ValidationError
from models.people.staff import (
    SINCE_ALWAYS,
    Staff,
    add_staff,
    check_staff,
    delete_staff,
    get_staff,
    list_staff,
    members_between,
    move_staff,
    search_staff,
    undo_last_move,
    unit_history,
    unit_on,
    update_staff,
)
from models.people.units import Unit, save_unit

RECRUITED = dt.date(2015, 3, 1)
MOVED = dt.date(2018, 8, 15)


def _dump(db):
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("unit", "staff", "staff_unit")
    }


def _memberships(db, staff_id=None):
    sql = "SELECT staff_id, unit_id, start_date FROM staff_unit"
    if staff_id is None:
        return db.execute(sql + " ORDER BY id").fetchall()
    return db.execute(sql + " WHERE staff_id = ? ORDER BY start_date", [staff_id]).fetchall()


@pytest.fixture
def units(db):
    a = save_unit(db, Unit(code="A", name="Phòng Nội vụ", kind=UnitKind.CO_QUAN))
    b = save_unit(db, Unit(code="B", name="Phường 1", kind=UnitKind.PHUONG))
    return a, b


def _new(unit_id, code="CB01", full_name="Nguyễn Văn Ánh", **kw):
    return Staff(code=code, full_name=full_name, gender=Gender.NAM,
                 category=StaffCategory.CONG_CHUC, unit_id=unit_id, **kw)


@pytest.fixture
def moved(db, units, today):
    """A person recruited into A on RECRUITED and moved to B on MOVED."""
    a, b = units
    person = add_staff(db, _new(a.id, birth_date=dt.date(1985, 6, 1), recruited_on=RECRUITED), today)
    update_staff(db, replace(person, unit_id=b.id), today, move_from=MOVED)
    return person


# --- add_staff ------------------------------------------------------------------------------


def test_add_staff_starts_one_membership_at_the_recruitment_date(db, units, today):
    a, _ = units
    person = add_staff(
        db,
        _new(a.id, code=" cb01 ", full_name="  Nguyễn  Văn Ánh ", birth_date=dt.date(1985, 6, 1),
             recruited_on=RECRUITED, position=" Chuyên  viên ", is_leader=True),
        today,
    )
    assert db.execute(
        "SELECT code, full_name, name_folded, birth_date, gender, position, category, is_leader, "
        "recruited_on, ended_on FROM staff"
    ).fetchall() == [
        ("CB01", "Nguyễn Văn Ánh", "nguyen van anh", "1985-06-01", "nam", "Chuyên viên",
         "cong_chuc", 1, "2015-03-01", None)
    ]
    assert _memberships(db) == [(person.id, a.id, "2015-03-01")]
    assert (person.unit_id, person.unit_code, person.unit_name) == (a.id, "A", "Phòng Nội vụ")


def test_add_staff_without_recruitment_date_is_a_member_since_always(db, units, today):
    a, _ = units
    person = add_staff(db, _new(a.id), today)
    assert _memberships(db) == [(person.id, a.id, "0001-01-01")]
    history = unit_history(db, person.id)
    assert [(h.start, h.end, h.start_text) for h in history] == [
        (SINCE_ALWAYS, None, "từ khi tuyển dụng")
    ]


def test_add_staff_stores_decomposed_name_as_nfc(db, units, today):
    a, _ = units
    person = add_staff(db, _new(a.id, full_name=unicodedata.normalize("NFD", "Đỗ Thị Ửng")), today)
    assert person.full_name == "Đỗ Thị Ửng"
    assert db.execute("SELECT full_name, name_folded FROM staff").fetchone() == (
        "Đỗ Thị Ửng", "do thi ung",
    )


@pytest.mark.parametrize(
    "changes, errors",
    [
        ({"birth_date": dt.date(2018, 12, 2)}, {"birth_date": "Ngày sinh 02/12/2018 ở tương lai"}),
        (
            {"birth_date": dt.date(1990, 5, 1), "recruited_on": dt.date(1990, 4, 30)},
            {"recruited_on": "Ngày tuyển dụng phải sau ngày sinh"},
        ),
        (
            {"birth_date": dt.date(1990, 5, 1), "recruited_on": dt.date(1990, 5, 1)},
            {"recruited_on": "Ngày tuyển dụng phải sau ngày sinh"},
        ),
        (
            {"recruited_on": dt.date(2019, 1, 1)},
            {"recruited_on": "Ngày tuyển dụng 01/01/2019 ở tương lai"},
        ),
        (
            {"recruited_on": dt.date(2015, 3, 1), "ended_on": dt.date(2015, 2, 28)},
            {"ended_on": "Ngày nghỉ phải từ ngày tuyển dụng trở đi"},
        ),
        (
            {"birth_date": dt.date(1899, 12, 31)},
            {"birth_date": "Ngày sinh 31/12/1899 quá xa (trước năm 1900)"},
        ),
        ({"code": ""}, {"code": "Chưa nhập mã cán bộ"}),
        ({"code": "CB 01"}, {"code": "Mã cán bộ chỉ gồm chữ không dấu, chữ số và - _ . /"}),
        ({"full_name": "   "}, {"full_name": "Chưa nhập họ và tên"}),
        ({"full_name": "Nguyễn Văn 2"}, {"full_name": "Họ và tên không được có chữ số"}),
        ({"unit_id": 999}, {"unit_id": "Đơn vị không tồn tại"}),
        ({"unit_id": None}, {"unit_id": "Chưa chọn đơn vị"}),
        ({"gender": None, "category": None},
         {"gender": "Chưa chọn giới tính", "category": "Chưa chọn đối tượng"}),
    ],
)
def test_add_staff_validation_errors_are_keyed_by_field(db, units, today, changes, errors):
    a, _ = units
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        add_staff(db, replace(_new(a.id), **changes), today)
    assert caught.value.errors == errors
    assert _dump(db) == before


def test_add_staff_accepts_a_birth_date_of_today(db, units, today):
    a, _ = units
    assert add_staff(db, _new(a.id, birth_date=today), today).birth_date == today


def test_add_staff_refuses_a_duplicate_code_whatever_its_case(db, units, today):
    a, b = units
    add_staff(db, _new(a.id, code="CB01"), today)
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        add_staff(db, _new(b.id, code="cb01", full_name="Lê Thị Bình"), today)
    assert caught.value.errors == {"code": "Mã cán bộ “CB01” đã có"}
    assert _dump(db) == before


# --- update_staff and moves -----------------------------------------------------------------


def test_update_staff_saves_fields_without_a_move(db, units, today):
    a, _ = units
    person = add_staff(db, _new(a.id, recruited_on=RECRUITED), today)
    updated = update_staff(
        db, replace(person, full_name="Nguyễn Văn Ánh Dương", position="Phó Trưởng phòng"), today
    )
    assert (updated.full_name, updated.position, updated.unit_id) == (
        "Nguyễn Văn Ánh Dương", "Phó Trưởng phòng", a.id,
    )
    assert db.execute("SELECT full_name, name_folded FROM staff").fetchone() == (
        "Nguyễn Văn Ánh Dương", "nguyen van anh duong",
    )
    assert _memberships(db) == [(person.id, a.id, "2015-03-01")]


def test_update_staff_moves_the_first_membership_with_the_recruitment_date(db, units, today):
    a, _ = units
    person = add_staff(db, _new(a.id, recruited_on=RECRUITED), today)
    update_staff(db, replace(person, recruited_on=dt.date(2016, 9, 1)), today)
    assert _memberships(db) == [(person.id, a.id, "2016-09-01")]
    update_staff(db, replace(person, recruited_on=None), today)
    assert _memberships(db) == [(person.id, a.id, "0001-01-01")]


def test_update_staff_with_new_unit_and_no_move_date_is_refused(db, units, today):
    a, b = units
    person = add_staff(db, _new(a.id, recruited_on=RECRUITED), today)
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        update_staff(db, replace(person, unit_id=b.id, position="Chuyên viên"), today)
    assert caught.value.errors == {"move_from": "Chưa nhập ngày chuyển đơn vị"}
    assert _dump(db) == before


def test_update_staff_with_move_date_keeps_the_history(db, units, today, moved):
    a, b = units
    history = unit_history(db, moved.id)
    assert [(h.unit_id, h.unit_code, h.unit_name, h.start, h.end) for h in history] == [
        (a.id, "A", "Phòng Nội vụ", RECRUITED, MOVED),
        (b.id, "B", "Phường 1", MOVED, None),
    ]
    assert [h.start_text for h in history] == ["01/03/2015", "15/08/2018"]
    assert _memberships(db, moved.id) == [
        (moved.id, a.id, "2015-03-01"), (moved.id, b.id, "2018-08-15"),
    ]
    current = get_staff(db, moved.id)
    assert (current.unit_id, current.unit_code) == (b.id, "B")
    assert [p.code for p in list_staff(db, b.id)] == ["CB01"]
    assert list_staff(db, a.id) == []


def test_unit_on_gives_the_unit_of_each_day(db, units, moved):
    a, b = units
    assert unit_on(db, moved.id, dt.date(2015, 2, 28)) is None
    assert unit_on(db, moved.id, RECRUITED) == a.id
    assert unit_on(db, moved.id, dt.date(2018, 8, 14)) == a.id
    assert unit_on(db, moved.id, MOVED) == b.id
    assert unit_on(db, moved.id, dt.date(2018, 12, 1)) == b.id


@pytest.mark.parametrize(
    "first, last, in_a, in_b",
    [
        (dt.date(2018, 4, 1), dt.date(2018, 6, 30), True, False),  # Q2: before the move
        (dt.date(2018, 7, 1), dt.date(2018, 9, 30), True, True),  # Q3: the move falls inside
        (dt.date(2018, 10, 1), dt.date(2018, 12, 31), False, True),  # Q4: after the move
        (dt.date(2014, 10, 1), dt.date(2014, 12, 31), False, False),  # before recruitment
        (dt.date(2018, 8, 15), dt.date(2018, 8, 15), False, True),  # the move day itself
        (dt.date(2018, 8, 14), dt.date(2018, 8, 14), True, False),  # the day before
    ],
)
def test_members_between_sees_the_person_in_each_unit_they_were_in(
    db, units, moved, first, last, in_a, in_b
):
    a, b = units
    assert members_between(db, a.id, first, last) == ([moved.id] if in_a else [])
    assert members_between(db, b.id, first, last) == ([moved.id] if in_b else [])


def test_members_between_leaves_out_people_who_ended_before_the_period(db, units, today):
    a, _ = units
    stay = add_staff(db, _new(a.id, code="STAY", recruited_on=RECRUITED), today)
    left = add_staff(
        db, _new(a.id, code="LEFT", recruited_on=RECRUITED, ended_on=dt.date(2018, 7, 15)), today
    )
    assert members_between(db, a.id, dt.date(2018, 7, 1), dt.date(2018, 9, 30)) == sorted(
        [stay.id, left.id]
    )
    assert members_between(db, a.id, dt.date(2018, 10, 1), dt.date(2018, 12, 31)) == [stay.id]


def test_move_on_the_current_start_date_or_before_is_refused(db, units, today):
    a, b = units
    person = add_staff(db, _new(a.id, recruited_on=RECRUITED), today)
    before = _dump(db)
    for day in (RECRUITED, dt.date(2014, 1, 1)):
        with pytest.raises(ValidationError) as caught:
            update_staff(
                db, replace(person, unit_id=b.id, full_name="Tên Khác"), today, move_from=day
            )
        assert caught.value.errors == {
            "move_from": "Ngày chuyển phải sau ngày bắt đầu ở đơn vị hiện tại (01/03/2015)"
        }
        # The whole update is rolled back, the name change included.
        assert _dump(db) == before


def test_second_move_must_come_after_the_first(db, units, today, moved):
    a, _ = units
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        move_staff(db, moved.id, a.id, dt.date(2018, 1, 1), today)
    assert caught.value.errors == {
        "move_from": "Ngày chuyển phải sau ngày bắt đầu ở đơn vị hiện tại (15/08/2018)"
    }
    assert _dump(db) == before


def test_move_into_the_current_unit_is_refused(db, units, today, moved):
    _, b = units
    with pytest.raises(ValidationError) as caught:
        move_staff(db, moved.id, b.id, dt.date(2018, 11, 1), today)
    assert caught.value.errors == {"unit_id": "Cán bộ đang ở đơn vị này"}


def test_move_back_and_forth_builds_three_periods(db, units, today, moved):
    a, b = units
    update_staff(db, replace(get_staff(db, moved.id), unit_id=a.id), today,
                 move_from=dt.date(2018, 11, 1))
    assert [(h.unit_id, h.start, h.end) for h in unit_history(db, moved.id)] == [
        (a.id, RECRUITED, MOVED),
        (b.id, MOVED, dt.date(2018, 11, 1)),
        (a.id, dt.date(2018, 11, 1), None),
    ]


def test_undo_last_move_puts_the_person_back(db, units, today, moved):
    a, _ = units
    undo_last_move(db, moved.id)
    assert _memberships(db, moved.id) == [(moved.id, a.id, "2015-03-01")]
    assert get_staff(db, moved.id).unit_id == a.id
    assert [(h.unit_id, h.end) for h in unit_history(db, moved.id)] == [(a.id, None)]


def test_undo_without_a_move_is_refused(db, units, today):
    a, _ = units
    person = add_staff(db, _new(a.id, recruited_on=RECRUITED), today)
    with pytest.raises(DomainError) as caught:
        undo_last_move(db, person.id)
    assert str(caught.value) == "Cán bộ chưa chuyển đơn vị lần nào"
    assert _memberships(db) == [(person.id, a.id, "2015-03-01")]


def test_recruitment_date_change_after_a_move_moves_only_the_first_start(db, units, today, moved):
    a, b = units
    update_staff(db, replace(get_staff(db, moved.id), recruited_on=dt.date(2015, 1, 1)), today)
    assert _memberships(db, moved.id) == [
        (moved.id, a.id, "2015-01-01"), (moved.id, b.id, "2018-08-15"),
    ]


def test_move_and_new_recruitment_date_in_one_save_start_history_at_the_new_date(
    db, units, today
):
    a, b = units
    person = add_staff(db, _new(a.id, recruited_on=RECRUITED), today)
    update_staff(
        db, replace(person, unit_id=b.id, recruited_on=dt.date(2016, 1, 1)), today,
        move_from=dt.date(2017, 1, 1),
    )
    assert _memberships(db, person.id) == [
        (person.id, a.id, "2016-01-01"), (person.id, b.id, "2017-01-01"),
    ]


def test_recruitment_date_after_a_move_is_refused(db, units, today, moved):
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        update_staff(db, replace(get_staff(db, moved.id), recruited_on=dt.date(2018, 9, 1)), today)
    assert "recruited_on" in caught.value.errors
    assert _dump(db) == before


def test_a_move_dated_after_today_never_shows_the_person_in_the_new_unit_early(db, units, today):
    a, b = units
    person = add_staff(db, _new(a.id, recruited_on=RECRUITED), today)
    try:
        update_staff(db, replace(person, unit_id=b.id), today, move_from=dt.date(2019, 1, 1))
    except ValidationError as refused:
        assert "move_from" in refused.errors
        assert _memberships(db, person.id) == [(person.id, a.id, "2015-03-01")]
    else:
        assert get_staff(db, person.id).unit_id == unit_on(db, person.id, today) == a.id


def test_update_staff_refuses_another_persons_code(db, units, today):
    a, _ = units
    add_staff(db, _new(a.id, code="CB01"), today)
    other = add_staff(db, _new(a.id, code="CB02", full_name="Lê Thị Bình"), today)
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        update_staff(db, replace(other, code="cb01"), today)
    assert caught.value.errors == {"code": "Mã cán bộ “CB01” đã có"}
    assert _dump(db) == before


def test_update_staff_of_unknown_person_raises_not_found(db, units, today):
    a, _ = units
    with pytest.raises(NotFound, match="^Không tìm thấy cán bộ$"):
        update_staff(db, replace(_new(a.id), id=77), today)
    with pytest.raises(NotFound, match="^Không tìm thấy cán bộ$"):
        update_staff(db, _new(a.id), today)


# --- search ---------------------------------------------------------------------------------


@pytest.fixture
def people(db, units, today):
    a, b = units
    return [
        add_staff(db, _new(a.id, code="CB01", full_name="Nguyễn Văn Ánh"), today),
        add_staff(db, _new(a.id, code="CB02", full_name="Nguyễn Văn Anh Tuấn"), today),
        add_staff(db, _new(b.id, code="CB03", full_name="Đặng Thị Ửng"), today),
        add_staff(db, _new(b.id, code="X-7", full_name="Lê Đức"), today),
    ]


@pytest.mark.parametrize(
    "query, codes",
    [
        ("nguyen van anh", ["CB01", "CB02"]),
        ("NGUYỄN VĂN ÁNH", ["CB01", "CB02"]),
        ("  Nguyen   van  ANH ", ["CB01", "CB02"]),
        ("anh tuan", ["CB02"]),
        ("dang", ["CB03"]),
        ("ĐẶNG", ["CB03"]),
        ("ung", ["CB03"]),
        ("duc", ["X-7"]),
        ("cb0", ["CB01", "CB02", "CB03"]),
        ("x-7", ["X-7"]),
        ("trần", []),
    ],
)
def test_search_staff_ignores_case_and_diacritics(db, people, query, codes):
    assert [p.code for p in search_staff(db, query)] == codes


def test_search_staff_lists_the_same_name_first(db, people, units, today):
    add_staff(db, _new(units[0].id, code="A-1", full_name="Lê Nguyễn Văn An"), today)
    add_staff(db, _new(units[1].id, code="Z-9", full_name="Nguyễn Văn An"), today)
    assert [p.code for p in search_staff(db, "nguyen van an")] == ["Z-9", "CB01", "CB02", "A-1"]


def test_search_staff_finds_decomposed_query(db, people):
    assert [p.code for p in search_staff(db, unicodedata.normalize("NFD", "Ửng"))] == ["CB03"]


def test_search_staff_treats_underscore_and_percent_literally(db, units, today):
    a, _ = units
    add_staff(db, _new(a.id, code="CB_1", full_name="Lê Văn An"), today)
    add_staff(db, _new(a.id, code="CBX1", full_name="Lê Văn Bình"), today)
    assert [p.code for p in search_staff(db, "CB_1")] == ["CB_1"]
    assert search_staff(db, "%") == []


# --- delete ---------------------------------------------------------------------------------


def test_delete_staff_removes_the_person_and_their_history(db, units, today, moved):
    a, b = units
    other = add_staff(db, _new(a.id, code="CB02", full_name="Lê Thị Bình"), today)
    delete_staff(db, moved.id)
    assert db.execute("SELECT id, code FROM staff").fetchall() == [(other.id, "CB02")]
    assert _memberships(db) == [(other.id, a.id, "0001-01-01")]
    with pytest.raises(NotFound, match="Không tìm thấy cán bộ"):
        get_staff(db, moved.id)
    assert db.execute("SELECT count(*) FROM unit").fetchone() == (2,)


def test_the_unit_a_person_is_printed_under_is_the_unit_of_the_day_else_the_first_joined(db):
    import datetime as dt

    from models.people.staff import unit_printed_under

    a = db["unit"].insert({"code": "A", "name": "Đơn vị A", "name_folded": "don vi a", "kind": "phuong"}).last_pk
    b = db["unit"].insert({"code": "B", "name": "Đơn vị B", "name_folded": "don vi b", "kind": "phuong"}).last_pk
    s = db["staff"].insert({"code": "CB1", "full_name": "An", "name_folded": "an", "gender": "nam",
                            "category": "cong_chuc"}).last_pk
    db["staff_unit"].insert_all([{"staff_id": s, "unit_id": a, "start_date": "2019-03-01"},
                                 {"staff_id": s, "unit_id": b, "start_date": "2019-09-01"}])
    assert unit_printed_under(db, s, dt.date(2018, 12, 31)) == a  # not yet in a unit: the first one joined
    assert unit_printed_under(db, s, dt.date(2019, 6, 30)) == a
    assert unit_printed_under(db, s, dt.date(2019, 12, 31)) == b
    t = db["staff"].insert({"code": "CB2", "full_name": "Bình", "name_folded": "binh", "gender": "nam",
                            "category": "cong_chuc"}).last_pk
    assert unit_printed_under(db, t, dt.date(2019, 12, 31)) is None


@pytest.mark.parametrize("name, wrong", [
    ("Nguyễn Văn Ánh", False), ("Đặng Thị Bích-Ngọc", False), ("Nguyễn Văn O'Neil", False),
    ("Nguyễn Văn 2", True), ("Lê Văn Tám²", True), ("Trần Văn ٣", True), ("Phạm\u00a0Văn 3", True),
])
def test_a_digit_in_a_name_is_found_whatever_else_the_name_holds(name, wrong):
    person = Staff(code="CB01", full_name=name, gender=Gender.NAM, category=StaffCategory.CAN_BO, unit_id=1)
    assert (check_staff(person, dt.date(2025, 1, 1)).get("full_name") == "Họ và tên không được có chữ số") is wrong
