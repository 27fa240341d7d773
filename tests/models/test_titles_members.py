"""Who a collective title looks at (issue #7 review): members with no classified quarter all year
(maternity leave) are noted and left out of the shares; a decision barring collectives bars the
unit the person belonged to on the decision's date as well as the unit they are counted in at year
end, also when they have no classification at all."""
import datetime as dt

import pytest

from models.common.codes import DisciplineForm, TitleCode
from models.people.staff import move_staff
from models.yearend.titles import Condition, title_proposals

from .titles_data import GOOD, HT, LATER, TOT, TS, YEAR, classify, discipline, name, person, team, unit

TTLDTT, TTLDXS = TitleCode.TTLDTT, TitleCode.TTLDXS
CLEAN = Condition("Không có thành viên bị kỷ luật từ mức Cảnh cáo trở lên")


@pytest.fixture
def p01(db):
    return unit(db, "P01", "Ủy ban nhân dân Phường 1")


def test_members_not_classified_all_year_are_noted_and_left_out_of_the_shares(db, p01):
    team(db, p01, [(TS, TS, TS), (TS, TS, TS), GOOD, GOOD, (HT, TOT, TOT)])
    ward = title_proposals(db, YEAR).unit(p01)
    assert (ward.counted, ward.earned_ldtt, ward.completed) == (3, 2, 3)
    assert ward.decisions[TTLDTT].conditions == (
        Condition("Có 2/3 cá nhân (66,7%) đạt danh hiệu Lao động tiên tiến, trên 50%"),
        Condition("2 người không được xếp loại quý nào (không tính vào tỷ lệ)", None),
        CLEAN)
    assert ward.titles == (TTLDTT,)  # 2 of 5 (40%) would not have been enough
    assert ward.decisions[TTLDXS].failed == (
        Condition("Có 2/3 cá nhân (66,7%) đạt danh hiệu Lao động tiên tiến, dưới 70%", False),
        Condition("Không có cá nhân nào được đề nghị Chiến sĩ thi đua cơ sở", False))


def test_a_unit_whose_only_member_is_on_leave_all_year_has_nobody_to_count(db, p01):
    team(db, p01, [(TS, TS, TS)])
    ward = title_proposals(db, YEAR).unit(p01)
    assert ward.decisions[TTLDTT].conditions == (
        Condition("Không có cá nhân nào được xét danh hiệu năm 2018", False),
        Condition("1 người không được xếp loại quý nào (không tính vào tỷ lệ)", None),
        CLEAN)


def test_a_warned_person_who_left_before_any_classification_bars_their_unit(db, p01):
    team(db, p01, [GOOD] * 4)
    gone = person(db, p01, "Trần Văn Kỷ", ended=dt.date(2018, 2, 15))
    discipline(db, gone, DisciplineForm.CANH_CAO, "5/QĐ-UBND", dt.date(2018, 2, 1))
    p = title_proposals(db, YEAR)
    ward = p.unit(p01)
    assert p.person(gone) is None and gone not in ward.members
    assert ward.titles == ()
    assert ward.decisions[TTLDTT].failed == (Condition(
        "Thành viên Trần Văn Kỷ bị kỷ luật Cảnh cáo (Quyết định 5/QĐ-UBND ngày 01/02/2018) khi còn công tác tại "
        "đơn vị", False),)
    assert p.why(TTLDTT, "unit", p01) == (
        "Không đủ điều kiện Tập thể lao động tiên tiến: thành viên Trần Văn Kỷ bị kỷ luật Cảnh cáo (Quyết định "
        "5/QĐ-UBND ngày 01/02/2018) khi còn công tác tại đơn vị.")


def test_a_warning_bars_the_unit_of_the_decision_date_and_the_unit_at_year_end(db):
    a = unit(db, "PA", "Ủy ban nhân dân Phường 4")
    b = unit(db, "PB", "Ủy ban nhân dân Phường 5")
    team(db, a, [GOOD] * 4)
    team(db, b, [GOOD] * 4, names=[name(i + 10) for i in range(4)])
    mover = person(db, a, "Lê Văn Chuyển")
    classify(db, a, {mover: (TOT, TOT, None)})
    discipline(db, mover, DisciplineForm.CANH_CAO, "9/QĐ-UBND", dt.date(2018, 6, 1))
    move_staff(db, mover, b, dt.date(2018, 10, 1), LATER)
    classify(db, b, {mover: (None, None, TOT)})
    p = title_proposals(db, YEAR)
    assert p.person(mover).unit_id == b
    assert p.unit(a).decisions[TTLDTT].failed == (Condition(
        "Thành viên Lê Văn Chuyển bị kỷ luật Cảnh cáo (Quyết định 9/QĐ-UBND ngày 01/06/2018) khi còn công tác tại "
        "đơn vị", False),)
    assert p.unit(b).decisions[TTLDTT].failed == (Condition(
        "Thành viên Lê Văn Chuyển bị kỷ luật Cảnh cáo (Quyết định 9/QĐ-UBND ngày 01/06/2018)", False),)
    assert p.unit(a).titles == p.unit(b).titles == ()


def test_a_former_members_milder_decision_does_not_bar_the_unit(db, p01):
    team(db, p01, [GOOD] * 4)
    gone = person(db, p01, "Trần Văn Kỷ", ended=dt.date(2018, 2, 15))
    discipline(db, gone, DisciplineForm.KHIEN_TRACH, "5/QĐ-UBND", dt.date(2018, 2, 1))
    ward = title_proposals(db, YEAR).unit(p01)
    assert ward.titles == (TTLDTT,) and ward.decisions[TTLDTT].conditions[-1] == CLEAN
