"""Rule sets ("Quy định áp dụng") for the quarterly classification: data, not code. The shipped
rule sets (4631 from Q2/2018, 3728 from Q3/2019, QĐ 20/2024 from Q2/2024 without the leaders' cap,
Nghị định 335/2025 from Q1/2026, scored, with its cap over the "tốt" count), the one in force for a
quarter, the maximum coefficient by year, the deadline, caps, editing with exact refusals, and the
base salary."""
import datetime as dt
import sqlite3
from dataclasses import replace

import pytest

from models.quarters.classifications import Entry, save_quarter
from models.common.codes import CapScope, Gender, HeadLevel, Severity, StaffCategory, UnitKind
from models.common.errors import DomainError, NotFound, ValidationError
from models.quarters.rules import (
    DEFAULT_BASE_SALARIES,
    BaseSalary,
    Cap,
    RuleSet,
    base_salaries,
    base_salary_in_force,
    base_salary_on,
    delete_rule_set,
    list_rule_sets,
    percent,
    rule_set_for,
    save_rule_set,
    set_base_salaries,
)
from models.people.staff import Staff, add_staff
from models.people.units import Unit, save_unit

from .db_rows import CLASSIFICATION_TABLES, every_row, refused, upgraded_from

NAME_4631 = "Quyết định 4631/QĐ-UBND ngày 19/10/2018"
NAME_3728 = "Quyết định 3728/QĐ-UBND ngày 03/09/2019 (sửa đổi Quyết định 4631)"
NAME_2024 = "Quyết định 20/2024/QĐ-UBND"
NAME_335 = "Nghị định 335/2025/NĐ-CP (công chức, từ 01/01/2026)"
CAP_335 = Cap(CapScope.ALL, HeadLevel.XUAT_SAC, 0.2, Severity.WARN, of_level=HeadLevel.TOT)
SHIPPED_NOTE = "Giá trị theo các nguồn thứ cấp; văn bản gốc chưa đối chiếu được. Hãy kiểm tra và sửa cho đúng."
LEADERS_CAP = Cap(CapScope.LEADERS, HeadLevel.XUAT_SAC, 0.5, Severity.WARN)
XS, TOT, HT, KHT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH, HeadLevel.KHONG_HOAN_THANH


def _dump(db):
    """Every table of the file (all migrations), row by row."""
    return every_row(db, CLASSIFICATION_TABLES)


def _by_name(db, name):
    return next(rs for rs in list_rule_sets(db) if rs.name == name)


def _new_rule_set(**changes):
    values = dict(
        name="Quy định thử nghiệm của quận", from_year=2019, from_quarter=1,
        shares={XS: 1.0, TOT: 0.9, HT: 0.0, KHT: 0.0},
        coefficients=((2019, 1.0),),
        caps=(Cap(CapScope.LEADERS, XS, 0.5, Severity.BLOCK), Cap(CapScope.ALL, XS, 0.3, Severity.WARN)),
        deadline_day=10, note="  Dùng thử  ",
    )
    values.update(changes)
    return RuleSet(**values)


@pytest.fixture
def classified(db, today):
    """One person of P01 classified in Q3/2018 (under 4631) and in Q3/2019 (under 3728)."""
    unit = save_unit(db, Unit(code="P01", name="Ủy ban nhân dân Phường 1", kind=UnitKind.PHUONG))
    person = add_staff(db, Staff(code="CB01", full_name="Nguyễn Văn An", gender=Gender.NAM,
                                 category=StaffCategory.CONG_CHUC, unit_id=unit.id,
                                 recruited_on=dt.date(2010, 1, 1)), today)
    save_quarter(db, unit.id, 2018, 3, [Entry(person.id, TOT)])
    save_quarter(db, unit.id, 2019, 3, [Entry(person.id, XS)])
    return db


# --- the shipped rule sets ----------------------------------------------------------------------


def test_the_shipped_rule_sets_are_4631_3728_20_2024_and_335_2025_oldest_first(db):
    sets = list_rule_sets(db)
    assert [(rs.name, rs.start) for rs in sets] == [
        (NAME_4631, (2018, 2)), (NAME_3728, (2019, 3)), (NAME_2024, (2024, 2)), (NAME_335, (2026, 1)),
    ]
    assert all(rs.deadline_day == 5 for rs in sets)
    assert all(rs.note == SHIPPED_NOTE and rs.caps == (LEADERS_CAP,) and not rs.scored for rs in sets[:2])
    # QĐ 20/2024 dropped the leaders' 50% cap; Nghị định 335/2025 scores and caps XS over the TOT count.
    assert sets[2].caps == () and not sets[2].scored
    assert sets[2].note.startswith("Quyết định 20/2024/QĐ-UBND ngày 02/05/2024 của UBND Thành phố Hồ Chí Minh")
    assert sets[3].caps == (CAP_335,) and sets[3].scored
    assert sets[3].shares == sets[2].shares and sets[3].coefficients == ((2026, 1.8),)
    assert sets[2].note.endswith("cần kiểm tra theo quy định của thành phố.")
    assert sets[3].note.endswith("cần kiểm tra theo quy định của thành phố.")
    assert CAP_335.text == ("Số cán bộ của đơn vị xếp loại Hoàn thành xuất sắc nhiệm vụ tối đa 20% số cán bộ của "
                            "đơn vị xếp loại Hoàn thành tốt nhiệm vụ")


def test_the_shipped_shares_pay_good_and_excellent_and_2024_pays_good_80_percent(db):
    first, amended, latest, _decree = list_rule_sets(db)
    assert first.shares == amended.shares == {XS: 1.0, TOT: 1.0, HT: 0.0, KHT: 0.0}
    assert latest.shares == {XS: 1.0, TOT: 0.8, HT: 0.0, KHT: 0.0}
    for rs in (first, amended, latest):
        assert rs.paid(XS) and rs.paid(TOT)
        assert not rs.paid(HT) and not rs.paid(KHT) and not rs.paid(None)


def test_the_maximum_coefficient_is_0_6_in_2018_1_2_in_2019_and_1_8_from_2020(db):
    first, amended, latest, _decree = list_rule_sets(db)
    assert first.coefficients == ((2018, 0.6), (2019, 1.2), (2020, 1.8))
    assert [first.max_coefficient(y) for y in (2018, 2019, 2020, 2021)] == [0.6, 1.2, 1.8, 1.8]
    assert first.max_coefficient(2017) == 0.0
    assert [amended.max_coefficient(y) for y in (2019, 2020, 2023)] == [1.2, 1.8, 1.8]
    assert latest.max_coefficient(2024) == 1.8


@pytest.mark.parametrize("year, quarter, name", [
    (2018, 2, NAME_4631),
    (2018, 4, NAME_4631),
    (2019, 2, NAME_4631),  # the last quarter before 3728
    (2019, 3, NAME_3728),  # 3728 in force from its quarter
    (2024, 1, NAME_3728),
    (2024, 2, NAME_2024),
    (2025, 4, NAME_2024),
    (2026, 1, NAME_335),
    (2030, 4, NAME_335),
])
def test_a_quarter_uses_the_rule_set_in_force_and_it_changes_at_its_quarter(db, year, quarter, name):
    assert rule_set_for(db, year, quarter).name == name


@pytest.mark.parametrize("year, quarter", [(2018, 1), (2017, 4), (2000, 1)])
def test_a_quarter_before_every_rule_set_has_no_rule_set(db, year, quarter):
    with pytest.raises(DomainError) as caught:
        rule_set_for(db, year, quarter)
    assert str(caught.value) == f"Chưa có quy định áp dụng cho quý {quarter}/{year}"


@pytest.mark.parametrize("year, quarter, deadline", [
    (2018, 2, dt.date(2018, 7, 5)),
    (2018, 3, dt.date(2018, 10, 5)),
    (2018, 4, dt.date(2019, 1, 5)),  # the next quarter is in the next year
    (2019, 1, dt.date(2019, 4, 5)),
])
def test_the_deadline_is_day_5_of_the_first_month_of_the_next_quarter(db, year, quarter, deadline):
    assert rule_set_for(db, year, quarter).deadline(year, quarter) == deadline


def test_the_deadline_day_is_the_rule_sets_own(db):
    rs = save_rule_set(db, _new_rule_set(deadline_day=20))
    assert rs.deadline(2019, 1) == dt.date(2019, 4, 20)
    assert rs.deadline(2019, 4) == dt.date(2020, 1, 20)


# --- caps and percentages -----------------------------------------------------------------------


@pytest.mark.parametrize("share, text", [
    (0.5, "50%"), (1.0, "100%"), (0.0, "0%"), (1 / 3, "33,3%"), (0.155, "15,5%"), (0.8, "80%"),
])
def test_percent_uses_a_decimal_comma_and_drops_a_zero_decimal(share, text):
    assert percent(share) == text


def test_a_cap_says_whom_it_counts_and_the_level(db):
    assert LEADERS_CAP.text == "Tối đa 50% lãnh đạo, quản lý xếp loại Hoàn thành xuất sắc nhiệm vụ"
    assert Cap(CapScope.ALL, XS, 0.3).text == "Tối đa 30% cán bộ của đơn vị xếp loại Hoàn thành xuất sắc nhiệm vụ"
    assert Cap(CapScope.ALL, XS, 0.3).severity == Severity.WARN


# --- editing rule sets ----------------------------------------------------------------------------


def test_a_new_rule_set_changes_the_rule_in_force_from_its_quarter_only(db):
    saved = save_rule_set(db, _new_rule_set())
    assert saved.id is not None
    assert saved.note == "Dùng thử"
    assert saved.caps == (Cap(CapScope.LEADERS, XS, 0.5, Severity.BLOCK), Cap(CapScope.ALL, XS, 0.3, Severity.WARN))
    assert saved.coefficients == ((2019, 1.0),)
    assert saved.shares == {XS: 1.0, TOT: 0.9, HT: 0.0, KHT: 0.0}
    assert rule_set_for(db, 2018, 4).name == NAME_4631
    assert rule_set_for(db, 2019, 1) == saved
    assert rule_set_for(db, 2019, 2) == saved
    assert rule_set_for(db, 2019, 3).name == NAME_3728
    assert [rs.start for rs in list_rule_sets(db)] == [(2018, 2), (2019, 1), (2019, 3), (2024, 2), (2026, 1)]
    assert db.execute(
        "SELECT position, scope, level, max_share, severity FROM rule_cap WHERE rule_set_id = ? ORDER BY position",
        [saved.id],
    ).fetchall() == [(0, "leaders", "xuat_sac", 0.5, "block"), (1, "all", "xuat_sac", 0.3, "warn")]


def test_editing_a_rule_set_replaces_its_coefficients_and_caps(db):
    first = list_rule_sets(db)[0]
    edited = save_rule_set(db, replace(
        first, coefficients=((2018, 0.5), (2019, 1.0)),
        caps=(Cap(CapScope.LEADERS, XS, 0.5, Severity.BLOCK),), shares={**first.shares, TOT: 0.9},
    ))
    assert edited.id == first.id
    assert rule_set_for(db, 2018, 3).coefficients == ((2018, 0.5), (2019, 1.0))
    assert rule_set_for(db, 2018, 3).caps == (Cap(CapScope.LEADERS, XS, 0.5, Severity.BLOCK),)
    assert rule_set_for(db, 2018, 3).shares[TOT] == 0.9
    assert db.execute("SELECT count(*) FROM rule_coefficient WHERE rule_set_id = ?", [first.id]).fetchone() == (2,)
    assert db.execute("SELECT count(*) FROM rule_cap WHERE rule_set_id = ?", [first.id]).fetchone() == (1,)
    assert len(list_rule_sets(db)) == 4


@pytest.mark.parametrize("changes, errors", [
    ({"name": "   "}, {"name": "Chưa nhập tên quy định"}),
    ({"from_quarter": 5}, {"from_quarter": "Quý “5” không hợp lệ (chỉ có quý 1, 2, 3, 4)"}),
    ({"from_quarter": 0}, {"from_quarter": "Quý “0” không hợp lệ (chỉ có quý 1, 2, 3, 4)"}),
    ({"from_year": 1999}, {"from_year": "Năm “1999” không hợp lệ (từ 2000 đến 2100)"}),
    ({"from_year": 2018, "from_quarter": 2}, {"from_quarter": "Đã có quy định áp dụng từ quý 2/2018"}),
    ({"shares": {XS: 1.2, TOT: 1.0, HT: 0.0, KHT: 0.0}}, {"shares": "Tỷ lệ chi phải từ 0% đến 100%"}),
    ({"shares": {XS: 1.0, TOT: -0.1, HT: 0.0, KHT: 0.0}}, {"shares": "Tỷ lệ chi phải từ 0% đến 100%"}),
    ({"coefficients": ()}, {"coefficients": "Chưa nhập hệ số tăng thêm tối đa"}),
    ({"coefficients": ((2019, 12.0),)}, {"coefficients": "Hệ số tăng thêm tối đa phải từ 0 đến 10"}),
    ({"coefficients": ((2019, 0.6), (2019, 1.2))}, {"coefficients": "Mỗi năm chỉ một hệ số tăng thêm tối đa"}),
    ({"caps": (Cap(CapScope.LEADERS, XS, 1.5),)}, {"caps": "Giới hạn phải từ 0% đến 100%"}),
    ({"deadline_day": 29}, {"deadline_day": "Hạn nộp phải là ngày từ 1 đến 28 của tháng đầu quý sau"}),
    ({"deadline_day": 0}, {"deadline_day": "Hạn nộp phải là ngày từ 1 đến 28 của tháng đầu quý sau"}),
])
def test_a_wrong_rule_set_is_refused_with_the_field_and_nothing_is_written(db, changes, errors):
    caught = refused(db, lambda: save_rule_set(db, _new_rule_set(**changes)), ValidationError)
    assert caught.errors == errors


def test_every_wrong_field_of_a_rule_set_is_reported_at_once(db):
    with pytest.raises(ValidationError) as caught:
        save_rule_set(db, _new_rule_set(name="", from_quarter=5, coefficients=(), deadline_day=31))
    assert caught.value.errors == {
        "from_quarter": "Quý “5” không hợp lệ (chỉ có quý 1, 2, 3, 4)",
        "name": "Chưa nhập tên quy định",
        "coefficients": "Chưa nhập hệ số tăng thêm tối đa",
        "deadline_day": "Hạn nộp phải là ngày từ 1 đến 28 của tháng đầu quý sau",
    }


def test_moving_a_rule_set_start_after_classified_quarters_it_alone_covers_is_refused(classified):
    db = classified
    before = _dump(db)
    first = list_rule_sets(db)[0]
    with pytest.raises(DomainError):
        save_rule_set(db, replace(first, from_year=2019, from_quarter=1))
    assert _dump(db) == before


# --- deleting rule sets ---------------------------------------------------------------------------


def test_deleting_an_unused_rule_set_removes_its_coefficients_and_caps(db):
    latest = list_rule_sets(db)[-1]
    delete_rule_set(db, latest.id)
    assert [rs.name for rs in list_rule_sets(db)] == [NAME_4631, NAME_3728, NAME_2024]
    assert db.execute("SELECT count(*) FROM rule_coefficient WHERE rule_set_id = ?", [latest.id]).fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM rule_cap WHERE rule_set_id = ?", [latest.id]).fetchone() == (0,)
    assert rule_set_for(db, 2026, 1).name == NAME_2024


def test_the_only_rule_set_of_classified_quarters_cannot_be_deleted(classified):
    db = classified
    before = _dump(db)
    with pytest.raises(DomainError) as caught:
        delete_rule_set(db, _by_name(db, NAME_4631).id)
    assert str(caught.value) == (
        "Không thể xóa: đã có 1 kết quả xếp loại trong thời gian quy định này áp dụng "
        "và không có quy định nào trước đó thay thế"
    )
    assert _dump(db) == before


def test_a_later_rule_set_with_classifications_can_be_deleted_the_earlier_one_takes_over(classified):
    db = classified
    delete_rule_set(db, _by_name(db, NAME_3728).id)
    assert rule_set_for(db, 2019, 3).name == NAME_4631
    assert rule_set_for(db, 2019, 3).max_coefficient(2019) == 1.2


def test_deleting_a_rule_set_that_does_not_exist_is_refused(db):
    caught = refused(db, lambda: delete_rule_set(db, 999), NotFound)
    assert str(caught) == "Không tìm thấy quy định"


# --- base salary ----------------------------------------------------------------------------------


def test_the_shipped_base_salaries_run_to_2_340_000_from_01_07_2024_each_with_its_decree(db):
    assert base_salaries(db) == DEFAULT_BASE_SALARIES == (
        BaseSalary(dt.date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
        BaseSalary(dt.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
        BaseSalary(dt.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
        BaseSalary(dt.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
        BaseSalary(dt.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"))
    assert base_salary_on(base_salaries(db), dt.date(2017, 6, 30)) is None
    assert base_salary_on(base_salaries(db), dt.date(2018, 6, 30)) == 1_300_000
    assert base_salary_on(base_salaries(db), dt.date(2018, 7, 1)) == 1_390_000
    assert base_salary_on(base_salaries(db), dt.date(2019, 6, 30)) == 1_390_000
    assert base_salary_on(base_salaries(db), dt.date(2023, 6, 30)) == 1_490_000
    assert base_salary_on(base_salaries(db), dt.date(2023, 7, 1)) == 1_800_000
    assert base_salary_on(base_salaries(db), dt.date(2024, 6, 30)) == 1_800_000
    assert base_salary_on(base_salaries(db), dt.date(2024, 7, 1)) == 2_340_000
    in_force = base_salary_in_force(base_salaries(db), dt.date(2026, 1, 15))
    assert in_force.stated == "Mức lương cơ sở 2.340.000 đồng theo Nghị định 73/2024/NĐ-CP"
    assert BaseSalary(dt.date(2026, 7, 1), 2_500_000).stated == "Mức lương cơ sở 2.500.000 đồng"


def test_migration_0014_gives_a_saved_list_the_shipped_values_it_lacks_and_keeps_the_users_own(tmp_path):
    stored = '[["2018-07-01", 1390000], ["2019-07-01", 1500000], ["2020-01-01", 1600000]]'
    with upgraded_from(tmp_path, "0014_base_salaries_through_2024",
                       ("INSERT INTO setting (key, value) VALUES ('base_salaries', ?)", [stored])) as db:
        assert base_salaries(db) == (
            BaseSalary(dt.date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
            BaseSalary(dt.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),  # the same: gains its decree
            BaseSalary(dt.date(2019, 7, 1), 1_500_000),  # the user's own amount wins, without a decree
            BaseSalary(dt.date(2020, 1, 1), 1_600_000),
            BaseSalary(dt.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
            BaseSalary(dt.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"))


def test_stored_base_salaries_apply_from_their_day_in_date_order(db):
    set_base_salaries(db, [BaseSalary(dt.date(2019, 7, 1), 1_490_000), BaseSalary(dt.date(2018, 7, 1), 1_390_000)])
    stored = base_salaries(db)
    assert stored == (BaseSalary(dt.date(2018, 7, 1), 1_390_000), BaseSalary(dt.date(2019, 7, 1), 1_490_000))
    assert base_salary_on(stored, dt.date(2019, 6, 30)) == 1_390_000
    assert base_salary_on(stored, dt.date(2019, 7, 1)) == 1_490_000


@pytest.mark.parametrize("salaries, message", [
    ([BaseSalary(dt.date(2019, 7, 1), 0)], "Mức lương cơ sở phải lớn hơn 0"),
    ([BaseSalary(dt.date(2019, 7, 1), 1_490_000), BaseSalary(dt.date(2019, 7, 1), 1_500_000)],
     "Mỗi ngày áp dụng chỉ một mức lương cơ sở"),
])
def test_wrong_base_salaries_are_refused_and_nothing_is_written(db, salaries, message):
    caught = refused(db, lambda: set_base_salaries(db, salaries), ValidationError)
    assert caught.errors == {"base_salaries": message}
