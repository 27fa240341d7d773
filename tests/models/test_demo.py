import datetime as dt
import unicodedata

import pytest

from models.common.codes import StaffCategory, UnitKind
from models.store.db import connect
from models.demo.sample import build_demo, create_demo_database
from models.common.errors import DomainError
from models.people.staff import list_staff, unit_history
from models.people.units import Unit, list_units, save_unit

WARDS = [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]
OFFICES = {
    "VP": "Văn phòng HĐND và UBND quận",
    "NV": "Phòng Nội vụ",
    "TP": "Phòng Tư pháp",
    "TCKH": "Phòng Tài chính - Kế hoạch",
    "TNMT": "Phòng Tài nguyên và Môi trường",
    "LDTBXH": "Phòng Lao động - Thương binh và Xã hội",
    "VHTT": "Phòng Văn hóa và Thông tin",
    "GDDT": "Phòng Giáo dục và Đào tạo",
    "YT": "Phòng Y tế",
    "TTR": "Thanh tra quận",
    "KT": "Phòng Kinh tế",
    "QLDT": "Phòng Quản lý đô thị",
}
MASS_ORGANISATIONS = {
    "MTTQ": "Ủy ban MTTQ Việt Nam quận",
    "QD": "Quận đoàn",
    "HLHPN": "Hội Liên hiệp Phụ nữ quận",
    "HCCB": "Hội Cựu chiến binh quận",
    "LDLD": "Liên đoàn Lao động quận",
}


@pytest.fixture
def demo(db, today):
    build_demo(db, today)
    return db


def _units(db):
    return {u.code: u for u in list_units(db)}


def _dump(db):
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in ("unit", "staff", "staff_unit")
    }


def test_the_sixteen_wards_of_go_vap_without_ward_2(demo):
    wards = [u for u in list_units(demo) if u.kind == UnitKind.PHUONG]
    assert sorted((u.code, u.name) for u in wards) == sorted(
        (f"P{n:02d}", f"Ủy ban nhân dân Phường {n}") for n in WARDS
    )
    names = [u.name for u in list_units(demo)]
    assert "Ủy ban nhân dân Phường 2" not in names
    assert all(u.head_title == "Chủ tịch" for u in wards)


def test_offices_and_mass_organisations_have_their_kinds(demo):
    units = _units(demo)
    for code, name in OFFICES.items():
        assert (units[code].name, units[code].kind) == (name, UnitKind.CO_QUAN)
    for code, name in MASS_ORGANISATIONS.items():
        assert (units[code].name, units[code].kind) == (name, UnitKind.MAT_TRAN)
    assert units["VP"].head_title == "Chánh Văn phòng"
    assert units["TTR"].head_title == "Chánh Thanh tra"
    assert units["NV"].head_title == "Trưởng phòng"
    assert units["QD"].head_title == "Bí thư"
    assert units["DBCQ"].kind == UnitKind.DANG
    assert {u.kind for u in units.values()} == {  # every kind a district had in 2018 (not a ward's)
        UnitKind.CO_QUAN, UnitKind.SU_NGHIEP, UnitKind.MAT_TRAN, UnitKind.DANG, UnitKind.PHUONG, UnitKind.KHAC}
    service = [u for u in units.values() if u.kind == UnitKind.SU_NGHIEP]
    assert len(service) >= 3 and all(u.head_title == "Giám đốc" for u in service)


def test_one_dissolved_unit_is_inactive_and_empty(demo):
    inactive = [u for u in list_units(demo) if not u.active]
    assert [(u.code, u.kind, u.staff_count) for u in inactive] == [("BCD09", UnitKind.KHAC, 0)]
    members = demo.execute(
        "SELECT count(*) FROM staff_unit h JOIN unit u ON u.id = h.unit_id WHERE u.code = 'BCD09'"
    ).fetchone()[0]
    assert members == 0


def test_about_six_hundred_people_spread_over_every_active_unit(demo):
    (count,) = demo.execute("SELECT count(*) FROM staff").fetchone()
    assert 580 <= count <= 620
    for unit in list_units(demo, active_only=True):
        if unit.kind == UnitKind.PHUONG:
            assert 18 <= unit.staff_count <= 30, unit.code
        elif unit.kind == UnitKind.MAT_TRAN:
            assert 4 <= unit.staff_count <= 10, unit.code
        else:
            assert unit.staff_count >= 3, unit.code


def test_every_active_unit_is_led_by_its_named_head(demo):
    staff = list_staff(demo)
    for unit in list_units(demo, active_only=True):
        members = [s for s in staff if s.unit_id == unit.id and s.active]
        leaders = [s for s in members if s.is_leader]
        heads = [s for s in leaders if s.full_name == unit.head_name]
        assert len(heads) == 1, unit.code
        assert heads[0].position == unit.head_title
        assert 2 <= len(leaders) <= 5, unit.code
        deputies = [s for s in leaders if s is not heads[0]]
        assert all(s.position.startswith("Phó ") for s in deputies), unit.code
        assert all(s.position != unit.head_title for s in members if not s.is_leader)


def test_categories_follow_the_kind_of_unit(demo):
    staff = list_staff(demo)
    units = {u.id: u for u in list_units(demo)}

    def share(kind, categories):
        people = [s for s in staff if units[s.unit_id].kind == kind]
        return sum(s.category in categories for s in people) / len(people)

    assert share(UnitKind.PHUONG, {StaffCategory.CAN_BO, StaffCategory.CONG_CHUC}) > 0.9
    assert share(UnitKind.CO_QUAN, {StaffCategory.CONG_CHUC}) > 0.8
    assert share(UnitKind.SU_NGHIEP, {StaffCategory.VIEN_CHUC}) > 0.8
    drivers = [s for s in staff if s.position == "Nhân viên lái xe"]
    assert drivers and all(s.category == StaffCategory.NGUOI_LAO_DONG for s in drivers)
    assert all(s.is_leader for s in staff if s.position in ("Chủ tịch", "Trưởng phòng", "Giám đốc"))


def test_dates_are_plausible(demo, today):
    rows = demo.execute("SELECT birth_date, recruited_on, ended_on FROM staff").fetchall()
    for birth, recruited, ended in rows:
        birth, recruited = dt.date.fromisoformat(birth), dt.date.fromisoformat(recruited)
        assert 1960 <= birth.year <= 1997
        assert recruited < dt.date(2018, 10, 1)
        assert (recruited - birth).days >= 21 * 365
        if ended:
            assert recruited < dt.date.fromisoformat(ended) <= today
    recruited_2018 = [r for _, r, _ in rows if r >= "2018-01-01"]
    assert 3 <= len(recruited_2018) <= 15
    # Some were recruited less than 10 months before the year's end, some not.
    assert any(r > "2018-03-01" for r in recruited_2018)
    assert any(r <= "2018-03-01" for r in recruited_2018)


def test_some_people_moved_and_some_left_during_2018(demo):
    moved = demo.execute(
        "SELECT staff_id FROM staff_unit GROUP BY staff_id HAVING count(*) = 2 ORDER BY staff_id"
    ).fetchall()
    assert 5 <= len(moved) <= 15
    for (staff_id,) in moved:
        first, second = unit_history(demo, staff_id)
        assert first.unit_id != second.unit_id
        assert second.start.year == 2018
    assert demo.execute("SELECT max(n) FROM (SELECT count(*) n FROM staff_unit GROUP BY staff_id)"
                        ).fetchone()[0] == 2
    ended = demo.execute("SELECT ended_on FROM staff WHERE ended_on IS NOT NULL").fetchall()
    assert 3 <= len(ended) <= 8
    assert all(e.startswith("2018-") for (e,) in ended)


def test_codes_are_unique_and_in_series(demo):
    codes = [c for (c,) in demo.execute("SELECT code FROM staff ORDER BY id").fetchall()]
    assert len(set(codes)) == len(codes)
    assert codes == [f"CB{i:04d}" for i in range(1, len(codes) + 1)]
    unit_codes = [c for (c,) in demo.execute("SELECT code FROM unit").fetchall()]
    assert len(set(unit_codes)) == len(unit_codes)


def test_all_text_is_nfc(demo):
    texts = demo.execute(
        "SELECT name FROM unit UNION ALL SELECT head_name FROM unit "
        "UNION ALL SELECT head_title FROM unit UNION ALL SELECT full_name FROM staff "
        "UNION ALL SELECT position FROM staff"
    ).fetchall()
    assert texts
    assert all(unicodedata.is_normalized("NFC", t) for (t,) in texts)


def test_names_look_vietnamese(demo):
    names = [n for (n,) in demo.execute("SELECT full_name FROM staff").fetchall()]
    families = [n.split()[0] for n in names]
    assert families.count("Nguyễn") / len(names) > 0.2
    assert {"Trần", "Lê", "Phạm"} <= set(families)
    women = [n for (n,) in demo.execute("SELECT full_name FROM staff WHERE gender = 'nu'")]
    men = [n for (n,) in demo.execute("SELECT full_name FROM staff WHERE gender = 'nam'")]
    assert not any(" Thị " in n for n in men)
    assert not any(" Văn " in n for n in women)
    assert all(3 <= len(n.split()) <= 5 for n in names)


def test_the_same_data_on_every_build(tmp_path):
    dumps = []
    for name in ("a.sqlite3", "b.sqlite3"):
        db = connect(tmp_path / name)
        build_demo(db)
        dumps.append(_dump(db))
        db.close()
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["staff"]) > 0


def test_build_refuses_a_database_with_units_and_writes_nothing(db, today):
    save_unit(db, Unit("NV", "Phòng Nội vụ", UnitKind.CO_QUAN))
    with pytest.raises(DomainError, match="đã có 1 đơn vị"):
        build_demo(db, today)
    assert db.execute("SELECT count(*) FROM unit").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM staff").fetchone()[0] == 0


def test_create_demo_database_makes_a_new_file(tmp_path):
    path = tmp_path / "sub" / "demo.sqlite3"
    create_demo_database(path)
    db = connect(path)
    try:
        assert db.execute("SELECT count(*) FROM unit").fetchone()[0] == 39
        assert 580 <= db.execute("SELECT count(*) FROM staff").fetchone()[0] <= 620
    finally:
        db.close()


def test_create_demo_database_fills_an_existing_empty_file(tmp_path):
    path = tmp_path / "empty.sqlite3"
    connect(path).close()
    create_demo_database(path)
    db = connect(path)
    try:
        assert db.execute("SELECT count(*) FROM unit").fetchone()[0] == 39
    finally:
        db.close()


def test_create_demo_database_refuses_a_file_with_units(tmp_path):
    path = tmp_path / "real.sqlite3"
    db = connect(path)
    save_unit(db, Unit("P01", "Ủy ban nhân dân Phường 1", UnitKind.PHUONG))
    save_unit(db, Unit("NV", "Phòng Nội vụ", UnitKind.CO_QUAN))
    db.close()
    with pytest.raises(DomainError) as error:
        create_demo_database(path)
    assert str(error.value) == (
        "Tệp dữ liệu đã có 2 đơn vị: chỉ tạo dữ liệu mẫu trong một tệp mới. "
        "Hãy chọn tên tệp khác để không ghi lẫn vào dữ liệu thật."
    )
    db = connect(path)
    try:
        assert db.execute("SELECT code FROM unit ORDER BY code").fetchall() == [("NV",), ("P01",)]
        assert db.execute("SELECT count(*) FROM staff").fetchone()[0] == 0
    finally:
        db.close()


def test_build_refuses_a_day_before_the_sample_year_ends(db):
    with pytest.raises(DomainError, match="01/12/2018"):
        build_demo(db, dt.date(2018, 6, 1))
    assert db.execute("SELECT count(*) FROM unit").fetchone()[0] == 0
