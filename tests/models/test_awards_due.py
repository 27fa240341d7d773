"""Who is due for the next award (issue #17): consecutive-year rules read from the register and the
yearly ratings, restarting after the target award, excluding the disciplined; rules editable."""
import datetime as dt

import pytest

from models.analysis.due import chosen_entries, due_entries, list_due_rules, save_due_rule
from models.awards.register import Award, save_award
from models.common.award_codes import AwardKind, AwardLevel
from models.common.codes import DisciplineForm, Level
from models.common.errors import ValidationError
from models.quarters.ratings import set_rating

from .titles_data import discipline, person, unit


def _award(db, staff_id, year, kind, level=AwardLevel.HUYEN, unit_id=None):
    from models.common.award_codes import award_label

    save_award(db, Award(staff_id, unit_id, year, kind, award_label(kind), level))


@pytest.fixture
def office(db):
    nv = unit(db, "NV", "Phòng Nội vụ")
    people = {name: person(db, nv, name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung")}
    return db, nv, people


def _due(db, year):
    return [(e.rule.code, e.name, e.years) for e in due_entries(db, year)]


def test_three_consecutive_cstdcs_make_a_person_due_for_the_city_title_with_the_why(office):
    db, _nv, p = office
    for year in (2016, 2017, 2018):
        _award(db, p["Nguyễn Văn An"], year, AwardKind.CSTDCS)
    for year in (2015, 2017, 2018):  # not consecutive
        _award(db, p["Trần Thị Bình"], year, AwardKind.CSTDCS)
    assert _due(db, 2018) == [("cstd_tinh", "Nguyễn Văn An", (2016, 2017, 2018))]
    entry = due_entries(db, 2018)[0]
    assert entry.why == (
        "03 năm liên tục Chiến sĩ thi đua cơ sở: 2016, 2017, 2018. Căn cứ: Luật Thi đua, khen thưởng 06/2022/QH15, "
        "Điều 22 (chọn trong số cá nhân có 03 lần liên tục đạt Chiến sĩ thi đua cơ sở; còn cần sáng kiến, đề tài có "
        "phạm vi ảnh hưởng cấp tỉnh) - cần kiểm tra.")
    assert entry.unit_name == "Phòng Nội vụ"
    assert _due(db, 2017) == []


def test_the_years_restart_after_the_target_and_discipline_in_the_year_excludes(office):
    db, _nv, p = office
    for year in (2014, 2015, 2016, 2017, 2018):
        _award(db, p["Nguyễn Văn An"], year, AwardKind.CSTDCS)
        _award(db, p["Lê Văn Cường"], year, AwardKind.CSTDCS)
    _award(db, p["Nguyễn Văn An"], 2016, AwardKind.CSTD_TINH, AwardLevel.TINH)  # counted from 2017 on
    discipline(db, p["Lê Văn Cường"], DisciplineForm.KHIEN_TRACH, "3/QĐ", dt.date(2018, 3, 1))
    assert _due(db, 2018) == []
    assert _due(db, 2019) == []  # no 2019 award yet


def test_ratings_count_at_their_level_or_better_and_after_needs_the_earlier_award(office):
    db, _nv, p = office
    for year, level in ((2017, Level.TOT), (2018, Level.XUAT_SAC)):
        set_rating(db, p["Phạm Thị Dung"], year, level)
    for year in range(2014, 2019):
        set_rating(db, p["Trần Thị Bình"], year, Level.XUAT_SAC)
    _award(db, p["Trần Thị Bình"], 2013, AwardKind.BANG_KHEN, AwardLevel.TINH)
    assert _due(db, 2018) == [
        ("bang_khen_tinh", "Trần Thị Bình", (2017, 2018)),
        ("bang_khen_ttg", "Trần Thị Bình", (2014, 2015, 2016, 2017, 2018)),
        ("giay_khen_huyen", "Trần Thị Bình", (2017, 2018)),
        ("giay_khen_huyen", "Phạm Thị Dung", (2017, 2018)),
    ]


def test_a_collective_is_due_after_two_years_of_ttldxs(office):
    db, nv, _p = office
    for year in (2017, 2018):
        _award(db, None, year, AwardKind.TTLDXS, AwardLevel.TINH, unit_id=nv)
    entries = due_entries(db, 2018)
    assert [(e.rule.code, e.name, e.is_collective) for e in entries] == [
        ("bang_khen_tinh_tap_the", "Phòng Nội vụ", True)]
    assert chosen_entries(db, 2018, [("bang_khen_tinh_tap_the", "unit", nv), ("cstd_tinh", "staff", 1)]) == entries


def test_rules_are_editable_and_checked(office):
    db, _nv, p = office
    rule = next(r for r in list_due_rules(db) if r.code == "cstd_tinh")
    assert (rule.count, rule.to_check, rule.condition_text) == (3, True, "03 năm liên tục Chiến sĩ thi đua cơ sở")
    with pytest.raises(ValidationError) as caught:
        save_due_rule(db, rule.__class__(**{**rule.__dict__, "count": 0, "name": " "}))
    assert caught.value.errors == {"name": "Tên quy tắc không được để trống",
                                   "count": "Số năm liên tục phải từ 1 đến 30"}
    changed = save_due_rule(db, rule.__class__(**{**rule.__dict__, "count": 2, "to_check": False}))
    assert (changed.count, changed.source_text.endswith("cần kiểm tra")) == (2, False)
    for year in (2017, 2018):
        _award(db, p["Nguyễn Văn An"], year, AwardKind.CSTDCS)
    assert _due(db, 2018) == [("cstd_tinh", "Nguyễn Văn An", (2017, 2018))]
    save_due_rule(db, rule.__class__(**{**changed.__dict__, "active": False}))
    assert _due(db, 2018) == []
