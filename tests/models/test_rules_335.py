"""Issue #14, part 5: the city's rule sets after 2018 and the shapes of Nghị định 335/2025/NĐ-CP: a cap
whose denominator is another level's count (at its edges), a rule set that scores, the shipped sets
left alone when the user changed them."""
from dataclasses import replace

import pytest

from models.common.codes import CapScope, HeadLevel, Severity
from models.common.errors import ValidationError
from models.quarters.classifications import cap_violations, check_cap
from models.quarters.rules import Cap, list_rule_sets, rule_set_for, save_rule_set
from models.store.schema_quarters import NAME_335, city_rule_sets_2024_2026

XS, TOT, HT, KHT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH, HeadLevel.KHONG_HOAN_THANH
OVER_TOT = Cap(CapScope.ALL, XS, 0.2, Severity.WARN, of_level=TOT)


def _people(xs: int, tot: int, ht: int = 0, leaders_xs: int = 0):
    return ([(True, XS)] * leaders_xs + [(False, XS)] * xs + [(False, TOT)] * tot + [(False, HT)] * ht
            + [(False, None)] * 3)  # not classified: never counted


def test_exactly_20_percent_of_those_rated_good_passes():
    assert check_cap(OVER_TOT, _people(xs=1, tot=5)) is None
    assert check_cap(OVER_TOT, _people(xs=2, tot=10, ht=30)) is None  # the others do not count


def test_one_over_20_percent_of_those_rated_good_is_a_violation():
    violation = check_cap(OVER_TOT, _people(xs=2, tot=5))
    assert (violation.count, violation.total) == (2, 5)
    assert violation.message == ("2 cán bộ xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt 20% của 5 cán bộ xếp loại "
                                 "Hoàn thành tốt nhiệm vụ")
    assert check_cap(OVER_TOT, _people(xs=1, tot=4)).count == 1  # 1 > 0.8


def test_with_nobody_rated_good_one_excellent_is_already_too_many():
    assert check_cap(OVER_TOT, _people(xs=1, tot=0, ht=9)).total == 0
    assert check_cap(OVER_TOT, _people(xs=0, tot=0, ht=9)) is None


def test_the_leaders_scope_counts_the_leaders_only():
    cap = Cap(CapScope.LEADERS, XS, 0.2, Severity.BLOCK, of_level=TOT)
    people = [(True, XS), (True, TOT), (True, TOT), (True, TOT), (True, TOT), (True, TOT), (False, XS), (False, XS)]
    assert check_cap(cap, people) is None
    assert check_cap(cap, people + [(True, XS)]).message == (
        "2 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt 20% của 5 lãnh đạo xếp loại Hoàn thành tốt nhiệm vụ")


def test_the_2026_set_checks_its_cap_and_the_share_cap_is_unchanged(db):
    decree = rule_set_for(db, 2026, 2)
    assert decree.name == NAME_335 and decree.scored
    assert [v.message for v in cap_violations(decree, _people(xs=2, tot=5))] == [
        "2 cán bộ xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt 20% của 5 cán bộ xếp loại Hoàn thành tốt nhiệm vụ"]
    share = Cap(CapScope.ALL, XS, 0.2)  # the old shape: over everyone classified
    assert check_cap(share, _people(xs=2, tot=8)) is None and check_cap(share, _people(xs=3, tot=8)) is not None


def test_a_cap_over_a_level_is_saved_and_read_back_and_cannot_be_over_its_own_level(db):
    first = list_rule_sets(db)[0]
    saved = save_rule_set(db, replace(first, caps=(OVER_TOT,), scored=True))
    assert saved.caps == (OVER_TOT,) and saved.scored
    assert db.execute("SELECT of_level FROM rule_cap WHERE rule_set_id = ?", [first.id]).fetchall() == [("tot",)]
    with pytest.raises(ValidationError) as caught:
        save_rule_set(db, replace(first, caps=(Cap(CapScope.ALL, XS, 0.2, of_level=XS),)))
    assert caught.value.errors == {
        "caps": "Giới hạn tính theo số người của một mức khác: chọn mức khác với mức bị giới hạn"}


def test_the_migration_leaves_a_set_the_user_changed_alone(db):
    latest, decree = list_rule_sets(db)[2:]
    save_rule_set(db, replace(latest, caps=(Cap(CapScope.LEADERS, XS, 0.4),), note="Quận tự sửa"))
    db.execute("DELETE FROM rule_set WHERE id = ?", [decree.id])
    save_rule_set(db, replace(decree, id=None, name="Quy định riêng của quận từ 2026", caps=()))
    city_rule_sets_2024_2026(db)  # as if run again on this file
    sets = list_rule_sets(db)
    assert [(rs.name, rs.caps, rs.note) for rs in sets[2:]] == [
        ("Quyết định 20/2024/QĐ-UBND", (Cap(CapScope.LEADERS, XS, 0.4),), "Quận tự sửa"),
        ("Quy định riêng của quận từ 2026", (), decree.note),
    ]
