"""Quarterly classification (Decision 4631): each person's quarter unit, a unit's roster, saving results, history."""
import datetime as dt
from dataclasses import replace

import pytest

from models.quarters.classifications import (
    Entry,
    QuarterState,
    person_history,
    quarter_bounds,
    quarter_state,
    quarter_text,
    quarter_units,
    roster,
    save_quarter,
)
from models.common.codes import NotClassifiedReason
from models.common.errors import NotFound
from models.people.staff import update_staff

from .classifications_data import P01_Q3, TOT, XS, _classify_p01_q3, district  # noqa: F401  (district is a fixture)


def _roster_codes(d, unit, year, quarter):
    return [p.code for p in roster(d.db, d.units[unit], year, quarter)]


# --- quarters and each person's quarter unit ------------------------------------------------------


@pytest.mark.parametrize("quarter, first, last", [
    (1, dt.date(2018, 1, 1), dt.date(2018, 3, 31)),
    (2, dt.date(2018, 4, 1), dt.date(2018, 6, 30)),
    (3, dt.date(2018, 7, 1), dt.date(2018, 9, 30)),
    (4, dt.date(2018, 10, 1), dt.date(2018, 12, 31)),
])
def test_quarter_bounds_are_the_first_and_last_day(quarter, first, last):
    assert quarter_bounds(2018, quarter) == (first, last)
    assert quarter_text(2018, quarter) == f"quý {quarter}/2018"


def test_a_transferred_person_is_in_the_old_unit_before_the_move_and_in_the_new_unit_from_its_quarter(district):
    d = district
    assert "CB08" in _roster_codes(d, "P01", 2018, 2)
    assert "CB08" not in _roster_codes(d, "P03", 2018, 2)
    assert "CB08" not in _roster_codes(d, "P01", 2018, 3)  # moved on 15/08: P03 at the quarter's end
    assert _roster_codes(d, "P03", 2018, 3) == ["CB11", "CB12", "CB08"]
    assert "CB08" in _roster_codes(d, "P03", 2018, 4)
    assert quarter_units(d.db, 2018, 2)[d.ids["CB08"]] == d.units["P01"]
    assert quarter_units(d.db, 2018, 3)[d.ids["CB08"]] == d.units["P03"]


@pytest.mark.parametrize("move_from, q3_unit, q4_unit", [
    (dt.date(2018, 9, 30), "P03", "P03"),  # on the quarter's last day: already the new unit's
    (dt.date(2018, 10, 1), "P01", "P03"),  # on the next quarter's first day
])
def test_a_move_at_the_turn_of_a_quarter_counts_from_the_day_it_starts(district, move_from, q3_unit, q4_unit):
    d = district
    update_staff(d.db, replace(d.staff["CB05"], unit_id=d.units["P03"]), d.today, move_from=move_from)
    units = {v: k for k, v in d.units.items()}
    assert units[quarter_units(d.db, 2018, 3)[d.ids["CB05"]]] == q3_unit
    assert units[quarter_units(d.db, 2018, 4)[d.ids["CB05"]]] == q4_unit


def test_a_person_who_left_belongs_to_their_last_unit_in_the_quarter_they_left_and_not_after(district):
    d = district
    assert "CB09" in _roster_codes(d, "P01", 2018, 2)
    assert "CB09" in _roster_codes(d, "P01", 2018, 3)  # left on 31/07/2018
    assert d.ids["CB09"] not in quarter_units(d.db, 2018, 4)


def test_a_person_who_moved_and_then_left_in_one_quarter_belongs_to_the_unit_of_their_last_day(district):
    d = district
    update_staff(d.db, replace(d.staff["CB07"], unit_id=d.units["P03"]), d.today, move_from=dt.date(2018, 8, 1))
    update_staff(d.db, replace(d.staff["CB07"], unit_id=d.units["P03"], ended_on=dt.date(2018, 8, 20)), d.today)
    assert quarter_units(d.db, 2018, 3)[d.ids["CB07"]] == d.units["P03"]
    assert quarter_units(d.db, 2018, 2)[d.ids["CB07"]] == d.units["P01"]
    assert d.ids["CB07"] not in quarter_units(d.db, 2018, 4)


def test_a_newcomer_belongs_to_the_unit_from_the_quarter_of_recruitment(district):
    d = district
    assert "CB10" not in _roster_codes(d, "P01", 2018, 2)
    assert "CB10" in _roster_codes(d, "P01", 2018, 3)


def test_the_roster_lists_leaders_first_then_in_vietnamese_name_order_with_blank_entries(district):
    d = district
    people = roster(d.db, d.units["P01"], 2018, 3)
    assert [p.code for p in people] == P01_Q3
    first = people[0]
    assert (first.full_name, first.position, first.is_leader, first.salary_coefficient) == (
        "Nguyễn Văn An", "Chủ tịch UBND phường", True, 4.98)
    assert first.recruited_on == dt.date(2010, 1, 1) and first.ended_on is None
    assert all(p.entry.blank and p.entry.text == "" for p in people)
    chin = people[4]
    assert (chin.code, chin.ended_on) == ("CB09", dt.date(2018, 7, 31))
    assert roster(d.db, d.units["NV"], 2018, 3) == []


# --- saving a unit's quarter ----------------------------------------------------------------------


def test_save_quarter_stores_levels_reasons_notes_and_the_submitted_date(district):
    d = district
    _classify_p01_q3(d, submitted_on=dt.date(2018, 10, 4))
    people = {p.code: p for p in roster(d.db, d.units["P01"], 2018, 3)}
    assert people["CB01"].entry == Entry(d.ids["CB01"], XS)
    assert people["CB05"].entry.note == "Hoàn thành vượt chỉ tiêu cải cách hành chính"
    assert people["CB07"].entry.text == "Hoàn thành nhiệm vụ"
    assert people["CB10"].entry == Entry(d.ids["CB10"], None, NotClassifiedReason.MOI_TUYEN,
                                         "Tuyển dụng ngày 10/09/2018")
    assert people["CB10"].entry.text == "Không đánh giá (Mới tuyển dụng)"
    assert people["CB09"].entry.text == "Không đánh giá (Lý do khác)"
    assert quarter_state(d.db, d.units["P01"], 2018, 3) == QuarterState(dt.date(2018, 10, 4), False)
    assert d.db.execute(
        "SELECT s.code, c.unit_id, c.level, c.reason, c.note FROM classification c JOIN staff s ON s.id = c.staff_id "
        "WHERE s.code IN ('CB01', 'CB09') ORDER BY s.code"
    ).fetchall() == [("CB01", d.units["P01"], "xuat_sac", None, ""),
                     ("CB09", d.units["P01"], None, "ly_do_khac", "Nghỉ hưu từ 01/08/2018")]


def test_a_quarter_never_saved_is_not_submitted_and_not_locked(district):
    d = district
    assert quarter_state(d.db, d.units["P01"], 2018, 3) == QuarterState(None, False)


def test_saving_again_replaces_a_persons_result_and_a_blank_entry_removes_it(district):
    d = district
    _classify_p01_q3(d)
    save_quarter(d.db, d.units["P01"], 2018, 3, [
        Entry(d.ids["CB06"], XS, note="  Sáng kiến số hóa hồ sơ  "),
        Entry(d.ids["CB07"]),
    ])
    people = {p.code: p.entry for p in roster(d.db, d.units["P01"], 2018, 3)}
    assert people["CB06"] == Entry(d.ids["CB06"], XS, None, "Sáng kiến số hóa hồ sơ")
    assert people["CB07"].blank
    assert people["CB01"].level == XS  # untouched
    assert d.db.execute("SELECT count(*) FROM classification").fetchone() == (8,)


def test_a_not_classified_person_may_later_be_classified(district):
    d = district
    _classify_p01_q3(d)
    save_quarter(d.db, d.units["P01"], 2018, 3, [Entry(d.ids["CB10"], TOT)])
    (row,) = d.db.execute("SELECT level, reason FROM classification WHERE staff_id = ?", [d.ids["CB10"]]).fetchall()
    assert row == ("tot", None)


def test_a_classification_stays_with_the_quarters_unit_after_a_later_move(district):
    d = district
    _classify_p01_q3(d)
    update_staff(d.db, replace(d.staff["CB05"], unit_id=d.units["P03"]), d.today, move_from=dt.date(2018, 11, 20))
    assert "CB05" in _roster_codes(d, "P01", 2018, 3)
    assert {p.code: p.entry.level for p in roster(d.db, d.units["P01"], 2018, 3)}["CB05"] == XS
    assert "CB05" in _roster_codes(d, "P03", 2018, 4)
    (only,) = person_history(d.db, d.ids["CB05"])
    assert (only.year, only.quarter, only.unit_code, only.entry.level) == (2018, 3, "P01", XS)


def test_a_transferred_persons_history_shows_each_quarters_unit(district):
    d = district
    save_quarter(d.db, d.units["P01"], 2018, 2, [Entry(d.ids["CB08"], TOT)])
    save_quarter(d.db, d.units["P03"], 2018, 3, [Entry(d.ids["CB08"], XS)])
    save_quarter(d.db, d.units["P03"], 2018, 4, [Entry(d.ids["CB08"], reason=NotClassifiedReason.OM_DAI_NGAY)])
    history = person_history(d.db, d.ids["CB08"])
    assert [(h.year, h.quarter, h.unit_code, h.unit_name, h.entry.text) for h in history] == [
        (2018, 2, "P01", "Ủy ban nhân dân Phường 1", "Hoàn thành tốt nhiệm vụ"),
        (2018, 3, "P03", "Ủy ban nhân dân Phường 3", "Hoàn thành xuất sắc nhiệm vụ"),
        (2018, 4, "P03", "Ủy ban nhân dân Phường 3", "Không đánh giá (Nghỉ ốm dài ngày)"),
    ]
    with pytest.raises(NotFound) as caught:
        person_history(d.db, 999)
    assert str(caught.value) == "Không tìm thấy cán bộ"


def test_the_screens_open_on_the_quarter_just_ended_unless_the_results_are_all_old(district, db):
    from models.quarters.classifications import default_quarter, last_finished_quarter, latest_classified_quarter

    assert last_finished_quarter(dt.date(2019, 2, 1)) == (2018, 4)
    assert last_finished_quarter(dt.date(2018, 12, 31)) == (2018, 3)
    assert latest_classified_quarter(db) is None
    assert default_quarter(db, dt.date(2018, 11, 20)) == (2018, 3)  # nothing stored: the quarter just ended
    _classify_p01_q3(district)
    assert latest_classified_quarter(db) == (2018, 3)
    assert default_quarter(db, dt.date(2019, 2, 1)) == (2018, 4)  # results of Q3 yet: Q4 is being collected
    assert default_quarter(db, dt.date(2019, 10, 1)) == (2019, 3)  # exactly a year older still counts as recent
    assert default_quarter(db, dt.date(2020, 1, 2)) == (2018, 3)  # all older than a year: the latest with results


def test_the_quarter_of_a_day_and_the_last_finished_one():
    from models.quarters.classifications import last_finished_quarter, quarter_of

    assert [quarter_of(dt.date(2026, m, 1)) for m in (1, 3, 4, 12)] == [(2026, 1), (2026, 1), (2026, 2), (2026, 4)]
    assert last_finished_quarter(dt.date(2026, 1, 5)) == (2025, 4)
    assert last_finished_quarter(dt.date(2026, 12, 6)) == (2026, 3)
