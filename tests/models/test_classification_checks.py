"""Quarterly classification checks: exact refusals that write nothing, caps (exactly 50% passes), locking, unlocking."""
import datetime as dt
from dataclasses import replace

import pytest

from models.quarters.classifications import (
    Entry,
    LockEvent,
    QuarterState,
    Violation,
    cap_violations,
    check_cap,
    lock_history,
    lock_quarter,
    quarter_state,
    roster,
    save_quarter,
    set_submitted,
    unlock_quarter,
    violations_of,
)
from models.common.codes import CapScope, HeadLevel, NotClassifiedReason, Severity
from models.common.errors import DomainError, ValidationError
from models.quarters.rules import Cap, list_rule_sets, rule_set_for, save_rule_set
from models.people.units import delete_unit

from .classifications_data import TOT, XS, _classify_p01_q3, district  # noqa: F401  (district is a fixture)
from .db_rows import CLASSIFICATION_TABLES, every_row, refused


LOCK_AT = dt.datetime(2018, 10, 20, 9, 0)
UNLOCK_AT = dt.datetime(2018, 10, 25, 14, 30)
CLERK = "Thư ký Hội đồng"


def _dump(db):
    """Every table of the file (all migrations), row by row."""
    return every_row(db, CLASSIFICATION_TABLES)


def _entries(d, levels: dict):
    return [Entry(d.ids[code], level) if isinstance(level, HeadLevel) else Entry(d.ids[code], reason=level)
            for code, level in levels.items()]


def _block_the_leaders_cap(db):
    first = list_rule_sets(db)[0]
    save_rule_set(db, replace(first, caps=(Cap(CapScope.LEADERS, XS, 0.5, Severity.BLOCK),)))


# --- refusals: exact messages, nothing written ------------------------------------------------------


def _refusal_cases():
    return [
        ("P01", 2018, 5, lambda d: [Entry(d.ids["CB01"], TOT)],
         {"quarter": "Quý “5” không hợp lệ (chỉ có quý 1, 2, 3, 4)"}),
        ("P01", 2018, 0, lambda d: [Entry(d.ids["CB01"], TOT)],
         {"quarter": "Quý “0” không hợp lệ (chỉ có quý 1, 2, 3, 4)"}),
        ("P01", 1999, 3, lambda d: [Entry(d.ids["CB01"], TOT)],
         {"year": "Năm “1999” không hợp lệ (từ 2000 đến 2100)"}),
        ("P01", 2018, 1, lambda d: [Entry(d.ids["CB01"], TOT)],
         {"quarter": "Chưa có quy định áp dụng cho quý 1/2018"}),
        ("P01", 2017, 4, lambda d: [Entry(d.ids["CB01"], TOT)],
         {"quarter": "Chưa có quy định áp dụng cho quý 4/2017"}),
        (None, 2018, 3, lambda d: [Entry(d.ids["CB01"], TOT)], {"unit": "Đơn vị không tồn tại"}),
        ("P01", 2018, 3, lambda d: [Entry(d.ids["CB01"], "xuat_sac_dac_biet")],
         lambda d: {str(d.ids["CB01"]): "Mức xếp loại không hợp lệ"}),
        ("P01", 2018, 3, lambda d: [Entry(d.ids["CB01"], TOT), Entry(d.ids["CB01"], XS)],
         lambda d: {str(d.ids["CB01"]): "Một người chỉ được xếp loại một lần trong quý"}),
        ("P01", 2018, 4, lambda d: [Entry(d.ids["CB01"], TOT), Entry(d.ids["CB09"], TOT)],
         lambda d: {str(d.ids["CB09"]): "Võ Thị Chín đã nghỉ từ ngày 31/07/2018, trước quý 4/2018"}),
        ("P01", 2018, 2, lambda d: [Entry(d.ids["CB10"], TOT)],
         lambda d: {str(d.ids["CB10"]): "Đặng Văn Mười được tuyển dụng ngày 10/09/2018, sau quý 2/2018"}),
        ("P01", 2018, 3, lambda d: [Entry(d.ids["CB08"], TOT)],
         lambda d: {str(d.ids["CB08"]): "Phạm Văn Tám không thuộc đơn vị này trong quý 3/2018 (thuộc đơn vị P03)"}),
        ("P01", 2018, 3, lambda d: [Entry(999, TOT)], {"999": "Không có cán bộ này"}),
        ("P01", 2018, 3, lambda d: [Entry(d.ids["CB01"], TOT, NotClassifiedReason.THAI_SAN)],
         lambda d: {str(d.ids["CB01"]): "Đã xếp loại thì không ghi lý do không đánh giá"}),
        ("P01", 2018, 3, lambda d: [Entry(d.ids["CB02"], None, "di_hoc")],
         lambda d: {str(d.ids["CB02"]): "Lý do không đánh giá không hợp lệ"}),
        ("P01", 2018, 3, lambda d: [Entry(d.ids["CB02"], note="Chờ họp xét")],
         lambda d: {str(d.ids["CB02"]): "Chưa chọn mức xếp loại (hoặc Không đánh giá và lý do)"}),
    ]


@pytest.mark.parametrize("unit, year, quarter, entries, errors", _refusal_cases(), ids=[
    "quarter-5", "quarter-0", "year-1999", "no-rule-set-q1-2018", "no-rule-set-2017", "unknown-unit",
    "unknown-level", "classified-twice", "had-left", "not-yet-recruited", "other-unit", "unknown-person",
    "level-and-reason", "unknown-reason", "note-without-level",
])
def test_a_wrong_save_is_refused_with_an_exact_message_and_nothing_is_written(district, unit, year, quarter,
                                                                            entries, errors):
    d = district
    save_quarter(d.db, d.units["P01"], 2018, 3, [Entry(d.ids["CB06"], TOT)], dt.date(2018, 10, 2), d.today)
    caught = refused(d.db, lambda: save_quarter(d.db, d.units[unit] if unit else 999, year, quarter, entries(d), dt.date(2018, 11, 1), d.today), ValidationError)
    assert caught.errors == (errors(d) if callable(errors) else errors)


def test_one_wrong_entry_among_good_ones_writes_nothing(district):
    d = district
    before = _dump(d.db)
    with pytest.raises(ValidationError) as caught:
        save_quarter(d.db, d.units["P01"], 2018, 3, [
            Entry(d.ids["CB01"], XS), Entry(d.ids["CB02"], TOT), Entry(d.ids["CB08"], TOT),
        ], dt.date(2018, 10, 3), d.today)
    assert list(caught.value.errors) == [str(d.ids["CB08"])]
    assert _dump(d.db) == before


def test_a_submitted_date_in_the_future_is_refused(district):
    d = district
    caught = refused(d.db, lambda: save_quarter(d.db, d.units["P01"], 2018, 3, [Entry(d.ids["CB01"], XS)], dt.date(2018, 12, 2), d.today), ValidationError)
    assert caught.errors == {"submitted_on": "Ngày nộp 02/12/2018 ở tương lai"}


# --- caps -------------------------------------------------------------------------------------------


LEADERS_CAP = Cap(CapScope.LEADERS, XS, 0.5)


@pytest.mark.parametrize("levels, expected", [
    ([XS, XS, TOT, TOT], None),  # exactly 50% passes
    ([XS, XS, XS, TOT], (3, 4)),  # above fails
    ([XS, TOT], None),
    ([XS, XS, TOT], (2, 3)),
    ([XS, TOT, TOT], None),
    ([XS], (1, 1)),
    ([XS, XS, None, TOT, TOT], None),  # not classified: not counted
    ([XS, XS, None], (2, 2)),
    ([], None),
])
def test_the_leaders_cap_passes_at_exactly_50_percent_and_fails_above(levels, expected):
    found = check_cap(LEADERS_CAP, [(True, level) for level in levels])
    if expected is None:
        assert found is None
    else:
        assert (found.cap, found.count, found.total) == (LEADERS_CAP, *expected)


def test_the_leaders_cap_counts_leaders_only_and_the_all_cap_counts_everyone():
    people = [(True, XS), (True, TOT), (False, XS), (False, XS), (False, XS)]
    assert check_cap(LEADERS_CAP, people) is None
    everyone = Cap(CapScope.ALL, XS, 0.7, Severity.BLOCK)
    found = check_cap(everyone, people)
    assert found == Violation(everyone, 4, 5)
    assert found.message == "4/5 cán bộ xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 70%"
    assert found.blocking
    assert check_cap(Cap(CapScope.ALL, XS, 0.8), people) is None  # 4/5 is exactly 80%


def test_cap_violations_lists_every_broken_cap_of_the_rule_set(db):
    rs = replace(rule_set_for(db, 2018, 3), caps=(LEADERS_CAP, Cap(CapScope.ALL, TOT, 0.2, Severity.BLOCK)))
    found = cap_violations(rs, [(True, XS), (True, XS), (True, TOT), (False, TOT)])
    assert [v.message for v in found] == [
        "2/3 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%",
        "2/4 cán bộ xếp loại Hoàn thành tốt nhiệm vụ, vượt mức 20%",
    ]
    assert [v.blocking for v in found] == [False, True]


def test_violations_of_a_unit_quarter_use_its_roster_and_the_rule_set_in_force(district):
    d = district
    _classify_p01_q3(d, leaders=(XS, XS, TOT, TOT))
    assert violations_of(d.db, d.units["P01"], 2018, 3) == []
    save_quarter(d.db, d.units["P01"], 2018, 3, [Entry(d.ids["CB03"], XS)])
    (found,) = violations_of(d.db, d.units["P01"], 2018, 3)
    assert found.message == "3/4 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%"
    assert not found.blocking
    # A leader not classified does not count: 2 of 3 classified leaders is above 50%.
    save_quarter(d.db, d.units["P01"], 2018, 3, [
        Entry(d.ids["CB03"], TOT), Entry(d.ids["CB04"], reason=NotClassifiedReason.OM_DAI_NGAY)])
    (found,) = violations_of(d.db, d.units["P01"], 2018, 3)
    assert found.message == "2/3 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%"


def test_caps_do_not_stop_a_save(district):
    d = district
    _classify_p01_q3(d, leaders=(XS, XS, XS, XS))
    assert [p.entry.level for p in roster(d.db, d.units["P01"], 2018, 3)][:4] == [XS] * 4


# --- locking and unlocking ---------------------------------------------------------------------------


def test_locking_a_fully_classified_quarter_makes_it_read_only_and_records_the_event(district):
    d = district
    _classify_p01_q3(d, submitted_on=dt.date(2018, 10, 4))
    lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT, who=CLERK)
    assert quarter_state(d.db, d.units["P01"], 2018, 3) == QuarterState(dt.date(2018, 10, 4), True)
    assert lock_history(d.db, d.units["P01"], 2018, 3) == [LockEvent("20/10/2018 09:00", "lock", "", CLERK)]
    assert lock_history(d.db, d.units["P01"], 2018, 3)[0].text == "20/10/2018 09:00 - Chốt (Thư ký Hội đồng)"
    assert not quarter_state(d.db, d.units["P01"], 2018, 4).locked
    assert not quarter_state(d.db, d.units["P03"], 2018, 3).locked


def test_a_warning_cap_does_not_stop_locking(district):
    d = district
    _classify_p01_q3(d, leaders=(XS, XS, XS, TOT))
    lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT)
    assert quarter_state(d.db, d.units["P01"], 2018, 3).locked


def test_a_blocking_cap_stops_locking_above_50_percent(district):
    d = district
    _block_the_leaders_cap(d.db)
    _classify_p01_q3(d, leaders=(XS, XS, XS, TOT))
    caught = refused(d.db, lambda: lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT, who=CLERK), DomainError)
    assert str(caught) == (
        "Chưa chốt được: 3/4 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%")


def test_a_blocking_cap_lets_exactly_50_percent_be_locked(district):
    d = district
    _block_the_leaders_cap(d.db)
    _classify_p01_q3(d, leaders=(XS, XS, TOT, TOT))
    lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT)
    assert quarter_state(d.db, d.units["P01"], 2018, 3).locked


def test_locking_is_refused_while_someone_is_not_yet_classified(district):
    d = district
    save_quarter(d.db, d.units["P01"], 2018, 3, _entries(d, {
        "CB01": XS, "CB02": TOT, "CB03": TOT, "CB04": TOT, "CB07": TOT, "CB09": NotClassifiedReason.KHAC,
        "CB10": NotClassifiedReason.MOI_TUYEN,
    }))
    caught = refused(d.db, lambda: lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT), DomainError)
    assert str(caught) == "Chưa chốt được: còn 2 người chưa xếp loại (Hoàng Văn Em, Đỗ Thị Giang)"


def test_the_refusal_names_the_first_three_people_not_yet_classified(district):
    d = district
    caught = refused(d.db, lambda: lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT), DomainError)
    assert str(caught) == (
        "Chưa chốt được: còn 9 người chưa xếp loại (Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường ...)")


def test_a_locked_quarter_refuses_edits_and_nothing_is_written(district):
    d = district
    _classify_p01_q3(d, submitted_on=dt.date(2018, 10, 4))
    lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT)
    before = _dump(d.db)
    for entries in ([Entry(d.ids["CB01"], TOT)], [Entry(d.ids["CB01"])], []):
        with pytest.raises(ValidationError) as caught:
            save_quarter(d.db, d.units["P01"], 2018, 3, entries, dt.date(2018, 10, 6), d.today)
        assert caught.value.errors == {
            "quarter": "Kết quả quý 3/2018 của đơn vị đã chốt; mở chốt trước khi sửa"}
    assert _dump(d.db) == before
    # Another quarter and another unit stay open.
    save_quarter(d.db, d.units["P01"], 2018, 4, [Entry(d.ids["CB01"], TOT)])
    save_quarter(d.db, d.units["P03"], 2018, 3, [Entry(d.ids["CB11"], TOT)])


def test_a_locked_quarters_submitted_date_cannot_be_changed(district):
    d = district
    _classify_p01_q3(d, submitted_on=dt.date(2018, 10, 4))
    lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT)
    before = _dump(d.db)
    with pytest.raises(DomainError):
        set_submitted(d.db, d.units["P01"], 2018, 3, dt.date(2018, 10, 30))
    assert _dump(d.db) == before


def test_unlocking_needs_a_reason_and_keeps_the_history(district):
    d = district
    _classify_p01_q3(d)
    lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT, who=CLERK)
    unlock_quarter(d.db, d.units["P01"], 2018, 3, "  Phường   sửa sai sót xếp loại  ", UNLOCK_AT, who=CLERK)
    assert not quarter_state(d.db, d.units["P01"], 2018, 3).locked
    save_quarter(d.db, d.units["P01"], 2018, 3, [Entry(d.ids["CB07"], TOT)])
    lock_quarter(d.db, d.units["P01"], 2018, 3, dt.datetime(2018, 10, 26, 8, 5))
    assert [e.text for e in lock_history(d.db, d.units["P01"], 2018, 3)] == [
        "20/10/2018 09:00 - Chốt (Thư ký Hội đồng)",
        "25/10/2018 14:30 - Mở chốt (Thư ký Hội đồng): Phường sửa sai sót xếp loại",
        "26/10/2018 08:05 - Chốt",
    ]
    assert lock_history(d.db, d.units["P01"], 2018, 3)[1] == LockEvent(
        "25/10/2018 14:30", "unlock", "Phường sửa sai sót xếp loại", CLERK)
    assert lock_history(d.db, d.units["P01"], 2018, 4) == []


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_unlocking_without_a_reason_is_refused(district, reason):
    d = district
    _classify_p01_q3(d)
    lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT)
    caught = refused(d.db, lambda: unlock_quarter(d.db, d.units["P01"], 2018, 3, reason, UNLOCK_AT), ValidationError)
    assert caught.errors == {"reason": "Cần ghi lý do mở chốt"}


def test_unlocking_a_quarter_that_is_not_locked_is_refused(district):
    d = district
    _classify_p01_q3(d)
    caught = refused(d.db, lambda: unlock_quarter(d.db, d.units["P01"], 2018, 3, "Sửa sai sót", UNLOCK_AT), DomainError)
    assert str(caught) == "Kết quả quý 3/2018 của đơn vị chưa chốt"


def test_a_unit_with_classifications_cannot_be_deleted_and_the_message_is_vietnamese(district):
    d = district
    _classify_p01_q3(d)
    lock_quarter(d.db, d.units["P01"], 2018, 3, LOCK_AT)
    before = _dump(d.db)
    with pytest.raises(DomainError) as caught:
        delete_unit(d.db, d.units["P01"])
    message = str(caught.value)
    assert message.startswith("Không thể xóa đơn vị vì đã có dữ liệu (")
    assert not any(table in message for table in ("classification", "unit_quarter", "unit_quarter_event"))
    assert _dump(d.db) == before
