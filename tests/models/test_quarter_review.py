"""The council's review of a quarter (submitted / late / missing, counts and shares against the
district, the most "levelled" units first) and the extra income of each classified person:
salary coefficient x base salary x 3 x the year's maximum coefficient x the level's share."""
import datetime as dt
from dataclasses import replace
from types import SimpleNamespace

import pytest

from models.quarters.classifications import Entry, lock_quarter, save_quarter
from models.common.codes import Gender, HeadLevel, NotClassifiedReason, StaffCategory, UnitKind
from models.common.errors import DomainError
from models.quarters.quarter_review import LATE, MISSING, SUBMITTED, IncomeRow, extra_income, quarter_review
from models.quarters.rules import BaseSalary, set_base_salaries
from models.people.staff import Staff, add_staff, update_staff
from models.people.units import set_unit_active

from .units_data import NV, P01, P03, save_unit_ids
from .db_rows import every_row

XS, TOT, HT, KHT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH, HeadLevel.KHONG_HOAN_THANH
ZERO = {XS: 0, TOT: 0, HT: 0, KHT: 0}

# code, full name, leader, unit, recruited (None: 01/01/2010), ended, salary coefficient
PEOPLE = [
    ("CB01", "Nguyễn Văn An", True, "P01", None, None, 4.98),
    ("CB02", "Trần Thị Bình", True, "P01", None, None, 4.32),
    ("CB03", "Lê Văn Cường", True, "P01", None, None, 3.99),
    ("CB04", "Phạm Thị Dung", True, "P01", None, None, 3.66),
    ("CB05", "Hoàng Văn Em", False, "P01", None, None, 3.0),
    ("CB06", "Đỗ Thị Giang", False, "P01", None, None, 2.67),
    ("CB07", "Bùi Văn Hải", False, "P01", None, None, 2.34),
    ("CB08", "Phạm Văn Tám", False, "P01", None, None, 3.33),  # moves to P03 on 15/08/2018
    ("CB09", "Võ Thị Chín", False, "P01", None, dt.date(2018, 7, 31), 3.33),
    ("CB10", "Đặng Văn Mười", False, "P01", dt.date(2018, 9, 10), None, None),
    ("CB11", "Ngô Văn Khánh", True, "P03", None, None, 4.65),
    ("CB12", "Dương Thị Lan", False, "P03", None, None, 2.67),
    ("CB15", "Lý Văn Phúc", False, "P04", None, None, 3.0),
    ("CB16", "Trương Thị Quế", False, "CU", None, None, 2.34),
]


def _dump(db):
    return every_row(db)


@pytest.fixture
def district(db, today):
    units = save_unit_ids(db, [P01, P03, ("P04", "Ủy ban nhân dân Phường 4", UnitKind.PHUONG), NV,
                               ("CU", "Ban Quản lý chợ", UnitKind.SU_NGHIEP)])
    staff = {}
    for code, name, leader, unit, recruited, ended, salary in PEOPLE:
        staff[code] = add_staff(db, Staff(
            code=code, full_name=name, gender=Gender.NU if "Thị" in name else Gender.NAM,
            category=StaffCategory.CONG_CHUC, unit_id=units[unit], is_leader=leader,
            recruited_on=recruited or dt.date(2010, 1, 1), ended_on=ended, salary_coefficient=salary,
        ), today)
    update_staff(db, replace(staff["CB08"], unit_id=units["P03"]), today, move_from=dt.date(2018, 8, 15))
    set_unit_active(db, units["CU"], False)
    return SimpleNamespace(db=db, today=today, units=units, ids={c: s.id for c, s in staff.items()})


def _save(d, unit, year, quarter, levels, submitted_on=None):
    entries = [Entry(d.ids[c], v) if isinstance(v, HeadLevel) else Entry(d.ids[c], reason=v)
               for c, v in levels.items()]
    save_quarter(d.db, d.units[unit], year, quarter, entries, submitted_on)


@pytest.fixture
def q3(district):
    """Q3/2018: P01 complete, on the deadline day, locked; P03 late, its only leader excellent, one
    person not classified yet; P04 nothing; NV has nobody; CU is dissolved."""
    d = district
    _save(d, "P01", 2018, 3, {
        "CB01": XS, "CB02": XS, "CB03": TOT, "CB04": TOT, "CB05": XS, "CB06": TOT, "CB07": HT,
        "CB09": NotClassifiedReason.KHAC, "CB10": NotClassifiedReason.MOI_TUYEN,
    }, dt.date(2018, 10, 5))
    lock_quarter(d.db, d.units["P01"], 2018, 3, dt.datetime(2018, 10, 20, 9, 0))
    _save(d, "P03", 2018, 3, {"CB11": XS, "CB12": XS}, dt.date(2018, 10, 6))
    return d


# --- the review -------------------------------------------------------------------------------------


def test_the_review_orders_units_by_share_of_excellent_highest_first(q3):
    review = quarter_review(q3.db, 2018, 3)
    assert [u.unit_code for u in review.units] == ["P03", "P01", "P04"]
    assert [round(u.share(XS), 4) for u in review.units] == [1.0, 0.4286, 0.0]


def test_the_review_gives_each_units_counts_status_and_lock(q3):
    review = quarter_review(q3.db, 2018, 3)
    p03, p01, p04 = review.units
    assert (p01.unit_name, p01.unit_kind, p01.headcount) == ("Ủy ban nhân dân Phường 1", UnitKind.PHUONG, 9)
    assert p01.counts == {XS: 3, TOT: 3, HT: 1, KHT: 0}
    assert (p01.classified, p01.not_classified, p01.unclassified) == (7, 2, 0)
    assert (p01.submitted_on, p01.status, p01.locked) == (dt.date(2018, 10, 5), SUBMITTED, True)
    assert p01.violations == ()
    assert round(p01.share(TOT), 4) == 0.4286 and round(p01.share(HT), 4) == 0.1429
    assert (p03.headcount, p03.classified, p03.not_classified, p03.unclassified) == (3, 2, 0, 1)
    assert (p03.submitted_on, p03.status, p03.locked) == (dt.date(2018, 10, 6), LATE, False)
    assert [v.message for v in p03.violations] == [
        "1/1 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%"]
    assert (p04.headcount, p04.counts, p04.unclassified) == (1, ZERO, 1)
    assert (p04.submitted_on, p04.status, p04.locked) == (None, MISSING, False)
    assert p04.share(XS) == 0.0


def test_the_review_totals_the_district_and_counts_statuses(q3):
    review = quarter_review(q3.db, 2018, 3)
    assert review.district_counts == {XS: 5, TOT: 3, HT: 1, KHT: 0}
    assert review.district_classified == 9
    assert round(review.district_share(XS), 4) == 0.5556
    assert review.status_counts() == {"Đã nộp": 1, "Nộp trễ": 1, "Chưa nộp": 1}
    assert (SUBMITTED, LATE, MISSING) == ("Đã nộp", "Nộp trễ", "Chưa nộp")


def test_the_review_names_the_rule_set_and_deadline_of_the_quarter(q3):
    review = quarter_review(q3.db, 2018, 3)
    assert (review.year, review.quarter) == (2018, 3)
    assert review.rule_set.name == "Quyết định 4631/QĐ-UBND ngày 19/10/2018"
    assert review.deadline == dt.date(2018, 10, 5)
    assert quarter_review(q3.db, 2019, 2).rule_set.name == "Quyết định 4631/QĐ-UBND ngày 19/10/2018"
    later = quarter_review(q3.db, 2019, 3)
    assert later.rule_set.name == "Quyết định 3728/QĐ-UBND ngày 03/09/2019 (sửa đổi Quyết định 4631)"
    assert later.deadline == dt.date(2019, 10, 5)
    assert quarter_review(q3.db, 2018, 4).deadline == dt.date(2019, 1, 5)


@pytest.mark.parametrize("submitted_on, status", [
    (dt.date(2018, 10, 1), SUBMITTED),
    (dt.date(2018, 10, 5), SUBMITTED),  # on the deadline day
    (dt.date(2018, 10, 6), LATE),
    (dt.date(2018, 11, 30), LATE),
    (None, MISSING),
])
def test_a_unit_is_on_time_up_to_the_deadline_day_and_late_after_it(district, submitted_on, status):
    d = district
    _save(d, "P04", 2018, 3, {"CB15": TOT}, submitted_on)
    (p04,) = [u for u in quarter_review(d.db, 2018, 3).units if u.unit_code == "P04"]
    assert p04.status == status


def test_units_without_people_are_left_out_and_a_dissolved_unit_only_with_results(district):
    d = district
    codes = [u.unit_code for u in quarter_review(d.db, 2018, 3).units]
    assert sorted(codes) == ["P01", "P03", "P04"]  # NV has nobody, CU is dissolved
    _save(d, "CU", 2018, 3, {"CB16": TOT}, dt.date(2018, 10, 2))
    (cu,) = [u for u in quarter_review(d.db, 2018, 3).units if u.unit_code == "CU"]
    assert (cu.headcount, cu.counts[TOT], cu.status) == (1, 1, SUBMITTED)


def test_equal_shares_are_ordered_by_unit_code(district):
    d = district
    _save(d, "P03", 2018, 4, {"CB11": XS, "CB12": TOT})
    _save(d, "P01", 2018, 4, {"CB01": XS, "CB02": TOT})
    assert [u.unit_code for u in quarter_review(d.db, 2018, 4).units] == ["P01", "P03", "P04"]


def test_the_review_counts_each_person_in_their_quarter_unit(district):
    d = district
    q2 = {u.unit_code: u.headcount for u in quarter_review(d.db, 2018, 2).units}
    q3 = {u.unit_code: u.headcount for u in quarter_review(d.db, 2018, 3).units}
    q4 = {u.unit_code: u.headcount for u in quarter_review(d.db, 2018, 4).units}
    assert q2 == {"P01": 9, "P03": 2, "P04": 1}  # the mover and the leaver in P01; no newcomer yet
    assert q3 == {"P01": 9, "P03": 3, "P04": 1}  # the mover in P03; the leaver's last quarter
    assert q4 == {"P01": 8, "P03": 3, "P04": 1}


@pytest.mark.parametrize("year, quarter", [(2018, 1), (2017, 4)])
def test_a_quarter_without_a_rule_set_has_no_review_and_no_extra_income(district, year, quarter):
    for call in (quarter_review, extra_income):
        with pytest.raises(DomainError) as caught:
            call(district.db, year, quarter)
        assert str(caught.value) == f"Chưa có quy định áp dụng cho quý {quarter}/{year}"


@pytest.mark.parametrize("call", [
    pytest.param(quarter_review, id="quarter_review"),
    pytest.param(extra_income, id="extra_income"),
])
def test_quarter_5_has_a_clear_message(district, call):
    with pytest.raises(DomainError) as caught:
        call(district.db, 2018, 5)
    assert str(caught.value) == "Quý “5” không hợp lệ (chỉ có quý 1, 2, 3, 4)"


def test_the_review_writes_nothing(q3):
    before = _dump(q3.db)
    quarter_review(q3.db, 2018, 3)
    extra_income(q3.db, 2018, 3)
    assert _dump(q3.db) == before


# --- extra income -----------------------------------------------------------------------------------


def test_extra_income_pays_good_and_excellent_at_0_6_with_the_base_salary_1_390_000(q3):
    rows = {r.code: r for r in extra_income(q3.db, 2018, 3)}
    assert [r.code for r in extra_income(q3.db, 2018, 3)] == [
        "CB01", "CB02", "CB03", "CB04", "CB05", "CB06", "CB07", "CB09", "CB10", "CB11", "CB12",
    ]  # by unit code, then staff code; CB08 (P03) is not classified yet
    # salary coefficient x 1,390,000 x 3 x 0.6 x share
    assert {c: r.amount for c, r in rows.items()} == {
        "CB01": 12_459_960, "CB02": 10_808_640, "CB03": 9_982_980, "CB04": 9_157_320, "CB05": 7_506_000,
        "CB06": 6_680_340, "CB07": 0, "CB09": 0, "CB10": None, "CB11": 11_634_300, "CB12": 6_680_340,
    }
    assert {c for c, r in rows.items() if r.paid} == {"CB01", "CB02", "CB03", "CB04", "CB05", "CB06", "CB11", "CB12"}
    assert all(r.coefficient == 0.6 for r in rows.values())
    assert rows["CB01"] == IncomeRow(
        q3.ids["CB01"], "CB01", "Nguyễn Văn An", "P01", "Ủy ban nhân dân Phường 1", XS, None, True, 1.0, 0.6,
        4.98, 12_459_960)
    assert (rows["CB07"].level, rows["CB07"].paid, rows["CB07"].share) == (HT, False, 0.0)
    assert (rows["CB09"].level, rows["CB09"].reason, rows["CB09"].paid) == (None, NotClassifiedReason.KHAC, False)
    assert (rows["CB10"].salary_coefficient, rows["CB10"].amount) == (None, None)


def test_extra_income_follows_the_rule_set_coefficient_and_base_salary_of_the_quarter(district):
    d = district
    set_base_salaries(d.db, [BaseSalary(dt.date(2018, 7, 1), 1_390_000), BaseSalary(dt.date(2019, 7, 1), 1_490_000),
                             BaseSalary(dt.date(2023, 7, 1), 1_800_000)])
    for year, quarter in ((2019, 2), (2019, 3), (2024, 1), (2024, 2)):
        _save(d, "P03", year, quarter, {"CB11": XS, "CB12": TOT})

    def rows(year, quarter):
        return {r.code: (r.coefficient, r.share, r.amount) for r in extra_income(d.db, year, quarter)}

    # 4631 in Q2/2019 (1.2, base 1,390,000); 3728 from Q3/2019 (1.2, base 1,490,000 from 01/07/2019)
    assert rows(2019, 2)["CB12"] == (1.2, 1.0, 13_360_680)
    assert rows(2019, 3)["CB12"] == (1.2, 1.0, 14_321_880)
    # 3728 until Q1/2024 pays "good" in full; QĐ 20/2024 from Q2/2024 pays it 80%
    assert rows(2024, 1) == {"CB11": (1.8, 1.0, 45_198_000), "CB12": (1.8, 1.0, 25_952_400)}
    assert rows(2024, 2) == {"CB11": (1.8, 1.0, 45_198_000), "CB12": (1.8, 0.8, 20_761_920)}
