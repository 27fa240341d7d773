"""Yearly title proposals (issue #7): every condition at its edge, each said in plain Vietnamese
(10 months since recruitment, the quarters' levels, maternity leave, discipline for a person and
for a collective, more than 50%, at least 70%, 100% completed, a recognised initiative), and who
belongs where."""
import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from models.common.codes import DisciplineForm, TitleCapScope, TitleCode, TitleRank, UnitKind
from models.common.errors import DomainError
from models.people.staff import move_staff
from models.yearend.title_rules import rule_for, save_title_rules
from models.yearend.title_lists import set_council_order
from models.yearend.titles import CapGroup, CapRank, Condition, title_proposals
from models.people.units import set_unit_active

from .titles_data import GOOD, HT, KHT, LATER, TOT, TS, XS, YEAR, classify, discipline, initiative, person, team, unit

LDTT, CSTDCS, TTLDTT, TTLDXS = TitleCode.LDTT, TitleCode.CSTDCS, TitleCode.TTLDTT, TitleCode.TTLDXS
NO_DISCIPLINE = Condition("Không bị kỷ luật trong năm 2018")
THREE_GOOD = Condition("3/3 quý được xếp loại năm 2018 đạt Hoàn thành tốt nhiệm vụ trở lên")


@pytest.fixture
def p01(db):
    return unit(db, "P01", "Ủy ban nhân dân Phường 1")


def _one(db, unit_id, levels=GOOD, **kw):
    (staff_id,) = team(db, unit_id, [levels], **kw)
    return staff_id


def _person(db, staff_id):
    return title_proposals(db, YEAR).person(staff_id)


def _unit(db, unit_id):
    return title_proposals(db, YEAR).unit(unit_id)


def _rules(db, **changes):
    save_title_rules(db, replace(rule_for(db, YEAR), **changes))


# --- Lao động tiên tiến: months since recruitment ----------------------------------------------


def test_exactly_ten_months_by_the_years_end_qualifies(db, p01):
    p = _person(db, _one(db, p01, recruited=dt.date(2018, 3, 1)))
    assert p.decisions[LDTT].conditions == (
        THREE_GOOD, Condition("Đủ 10 tháng công tác (tuyển dụng 01/03/2018)"), NO_DISCIPLINE)
    assert p.titles == (LDTT,)
    assert p.decisions[LDTT].why == (
        "Đủ điều kiện Lao động tiên tiến: 3/3 quý được xếp loại năm 2018 đạt Hoàn thành tốt nhiệm vụ trở lên; "
        "đủ 10 tháng công tác (tuyển dụng 01/03/2018); không bị kỷ luật trong năm 2018.")
    assert p.decisions[LDTT].text == "Hoàn thành tốt nhiệm vụ trở lên 3/3 quý được xếp loại năm 2018"


def test_one_day_less_than_ten_months_does_not(db, p01):
    p = _person(db, _one(db, p01, recruited=dt.date(2018, 3, 2)))
    assert p.decisions[LDTT].failed == (Condition("Chưa đủ 10 tháng công tác (tuyển dụng 02/03/2018)", False),)
    assert p.titles == ()
    assert p.decisions[LDTT].why == (
        "Không đủ điều kiện Lao động tiên tiến: chưa đủ 10 tháng công tác (tuyển dụng 02/03/2018).")


def test_the_months_are_the_rule_sets_own(db, p01):
    _rules(db, min_months=12)
    assert not _person(db, _one(db, p01, recruited=dt.date(2018, 1, 2))).decisions[LDTT].proposed
    assert _person(db, _one(db, p01, recruited=dt.date(2018, 1, 1))).decisions[LDTT].proposed


# --- Lao động tiên tiến: the quarters ------------------------------------------------------------


def test_a_quarter_below_good_bars_and_is_named(db, p01):
    p = _person(db, _one(db, p01, (TOT, HT, XS)))
    assert p.decisions[LDTT].failed == (Condition("Quý 3/2018 xếp loại Hoàn thành nhiệm vụ", False),)
    assert p.decisions[LDTT].why == "Không đủ điều kiện Lao động tiên tiến: quý 3/2018 xếp loại Hoàn thành nhiệm vụ."


def test_maternity_leave_is_a_note_not_a_gap(db, p01):
    p = _person(db, _one(db, p01, (TS, TS, TOT)))
    assert p.decisions[LDTT].conditions[:3] == (
        Condition("1/1 quý được xếp loại năm 2018 đạt Hoàn thành tốt nhiệm vụ trở lên"),
        Condition("Quý 2/2018 không đánh giá (Nghỉ thai sản): thời gian nghỉ thai sản được tính là thời gian công tác",
                  None),
        Condition("Quý 3/2018 không đánh giá (Nghỉ thai sản): thời gian nghỉ thai sản được tính là thời gian công tác",
                  None),
    )
    assert p.titles == (LDTT,)


def test_a_person_with_no_classified_quarter_does_not_qualify(db, p01):
    p = _person(db, _one(db, p01, (TS, TS, TS)))
    assert p.decisions[LDTT].failed == (Condition("Không có quý nào được xếp loại trong năm 2018", False),)
    assert p.titles == ()


def test_the_required_level_and_number_of_quarters_are_the_rule_sets_own(db, p01):
    _rules(db, required_level=XS, min_classified_quarters=3)
    assert _person(db, _one(db, p01, (XS, XS, XS))).decisions[LDTT].text == (
        "Hoàn thành xuất sắc nhiệm vụ 3/3 quý được xếp loại năm 2018")
    assert _person(db, _one(db, p01, (XS, TOT, XS))).decisions[LDTT].failed == (
        Condition("Quý 3/2018 xếp loại Hoàn thành tốt nhiệm vụ", False),)
    assert _person(db, _one(db, p01, (TS, XS, XS))).decisions[LDTT].failed == (
        Condition("Chỉ có 2 quý được xếp loại trong năm 2018 (cần ít nhất 3)", False),)


# --- discipline ----------------------------------------------------------------------------------


def test_khien_trach_bars_the_person_but_not_the_collective(db, p01):
    ids = team(db, p01, [GOOD] * 3)
    discipline(db, ids[0], DisciplineForm.KHIEN_TRACH, "12/QĐ-UBND", dt.date(2018, 6, 1))
    proposals = title_proposals(db, YEAR)
    assert proposals.person(ids[0]).decisions[LDTT].failed == (
        Condition("Bị kỷ luật Khiển trách (Quyết định 12/QĐ-UBND ngày 01/06/2018)", False),)
    ward = proposals.unit(p01)
    assert ward.titles == (TTLDTT,)
    assert ward.decisions[TTLDTT].conditions == (
        Condition("Có 2/3 cá nhân (66,7%) đạt danh hiệu Lao động tiên tiến, trên 50%"),
        Condition("Không có thành viên bị kỷ luật từ mức Cảnh cáo trở lên"))


def test_canh_cao_of_any_member_bars_the_collective(db, p01):
    ids = team(db, p01, [GOOD] * 4, names=["Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Võ Văn Em"])
    discipline(db, ids[3], DisciplineForm.CANH_CAO, "15/QĐ-UBND", dt.date(2018, 8, 1))
    ward = _unit(db, p01)
    assert ward.earned_ldtt == 3 and ward.titles == ()
    assert ward.decisions[TTLDTT].why == (
        "Không đủ điều kiện Tập thể lao động tiên tiến: thành viên Võ Văn Em bị kỷ luật Cảnh cáo "
        "(Quyết định 15/QĐ-UBND ngày 01/08/2018).")


def test_discipline_of_another_year_does_not_count_and_a_milder_form_than_the_rule_is_noted(db, p01):
    ids = team(db, p01, [GOOD] * 2)
    discipline(db, ids[0], DisciplineForm.CACH_CHUC, "3/QĐ-UBND", dt.date(2017, 12, 20))
    _rules(db, individual_discipline=DisciplineForm.CANH_CAO)
    discipline(db, ids[1], DisciplineForm.KHIEN_TRACH)
    proposals = title_proposals(db, YEAR)
    assert proposals.person(ids[0]).decisions[LDTT].conditions[-1] == NO_DISCIPLINE
    assert proposals.person(ids[1]).decisions[LDTT].conditions[-1] == Condition(
        "Bị kỷ luật Khiển trách (Quyết định 12/QĐ-UBND ngày 01/06/2018), dưới mức Cảnh cáo")
    assert proposals.person(ids[1]).titles == (LDTT,)


# --- Tập thể lao động tiên tiến: more than 50% ---------------------------------------------------


def test_exactly_half_is_not_more_than_50_percent_and_just_above_is(db, p01):
    p03 = unit(db, "P03", "Ủy ban nhân dân Phường 3")
    team(db, p01, [GOOD] * 5 + [(HT, TOT, TOT)] * 5)
    team(db, p03, [GOOD] * 6 + [(HT, TOT, TOT)] * 5)
    proposals = title_proposals(db, YEAR)
    half, above = proposals.unit(p01), proposals.unit(p03)
    assert half.decisions[TTLDTT].failed == (
        Condition("Có 5/10 cá nhân (50%) đạt danh hiệu Lao động tiên tiến, không trên 50%", False),)
    assert half.decisions[TTLDTT].why == (
        "Không đủ điều kiện Tập thể lao động tiên tiến: có 5/10 cá nhân (50%) đạt danh hiệu Lao động tiên tiến, "
        "không trên 50%.")
    assert above.titles == (TTLDTT,)
    assert above.decisions[TTLDTT].text == "6/11 cá nhân (54,5%) đạt danh hiệu Lao động tiên tiến"


# --- Tập thể lao động xuất sắc -------------------------------------------------------------------


def _xs_unit(db, unit_id, earned: int, others: int, other_levels=(HT, TOT, TOT)):
    """``earned`` good people (the first an author of a recognised initiative) and ``others``."""
    ids = team(db, unit_id, [GOOD] * earned + [other_levels] * others)
    initiative(db, unit_id, [ids[0]])
    return ids


def test_exactly_70_percent_with_a_cstdcs_and_everyone_completing_is_ttldxs(db, p01):
    _xs_unit(db, p01, 7, 3)
    ward = _unit(db, p01)
    assert (ward.counted, ward.earned_ldtt, ward.completed, ward.cstdcs) == (10, 7, 10, 1)
    assert ward.titles == (TTLDTT, TTLDXS)
    assert ward.decisions[TTLDXS].conditions == (
        Condition("Đạt các điều kiện Tập thể lao động tiên tiến"),
        Condition("100% cá nhân hoàn thành nhiệm vụ (10/10)"),
        Condition("Có 7/10 cá nhân (70%) đạt danh hiệu Lao động tiên tiến, từ 70% trở lên"),
        Condition("Có 1 cá nhân được đề nghị Chiến sĩ thi đua cơ sở"),
    )
    assert ward.decisions[TTLDXS].text == (
        "10/10 cá nhân hoàn thành nhiệm vụ; 7/10 cá nhân (70%) đạt danh hiệu Lao động tiên tiến; "
        "1 cá nhân được đề nghị Chiến sĩ thi đua cơ sở")


def test_just_below_70_percent_is_not_ttldxs(db, p01):
    _xs_unit(db, p01, 9, 4)  # 69.2%
    ward = _unit(db, p01)
    assert ward.titles == (TTLDTT,)
    assert ward.decisions[TTLDXS].failed == (
        Condition("Có 9/13 cá nhân (69,2%) đạt danh hiệu Lao động tiên tiến, dưới 70%", False),)


def test_one_member_not_completing_a_quarter_bars_ttldxs_and_is_named(db, p01):
    ids = _xs_unit(db, p01, 9, 1, other_levels=(TOT, KHT, TOT))
    ward = _unit(db, p01)
    assert ward.completed == 9
    assert ward.decisions[TTLDXS].failed == (Condition(
        "Chưa đủ 100% cá nhân hoàn thành nhiệm vụ (9/10): Nguyễn Văn Lan quý 3/2018 xếp loại Không hoàn thành "
        "nhiệm vụ", False),)
    assert len(ids) == 10


def test_ttldxs_needs_a_cstdcs(db, p01):
    team(db, p01, [GOOD] * 10)
    ward = _unit(db, p01)
    assert ward.titles == (TTLDTT,)
    assert ward.decisions[TTLDXS].why == (
        "Không đủ điều kiện Tập thể lao động xuất sắc: không có cá nhân nào được đề nghị Chiến sĩ thi đua cơ sở.")


def test_a_unit_that_is_not_ttldtt_cannot_be_ttldxs(db, p01):
    ids = _xs_unit(db, p01, 8, 2, other_levels=GOOD)
    discipline(db, ids[5], DisciplineForm.CANH_CAO)
    ward = _unit(db, p01)
    assert ward.titles == ()
    assert ward.decisions[TTLDXS].failed == (Condition("Không đạt các điều kiện Tập thể lao động tiên tiến", False),)


# --- Chiến sĩ thi đua cơ sở: the initiative ------------------------------------------------------


def test_cstdcs_needs_an_initiative_recognised_at_the_co_so_in_a_campaign_of_the_year(db, p01):
    ids = team(db, p01, [GOOD] * 10)
    initiative(db, p01, [ids[0]], title="Một cửa điện tử")
    initiative(db, p01, [ids[1]], recognised=False, title="Tra cứu hồ sơ bằng mã QR")
    initiative(db, p01, [ids[2]], year=2017, title="Số hóa hồ sơ")
    proposals = title_proposals(db, YEAR)
    author = proposals.person(ids[0]).decisions[CSTDCS]
    assert author.conditions[:2] == (
        Condition("Đạt danh hiệu Lao động tiên tiến"),
        Condition("Là tác giả sáng kiến “Một cửa điện tử” được công nhận ở cơ sở"))
    assert author.text == "Đạt danh hiệu Lao động tiên tiến; tác giả sáng kiến “Một cửa điện tử” được công nhận ở cơ sở"
    assert proposals.person(ids[0]).titles == (LDTT, CSTDCS)
    assert proposals.person(ids[1]).decisions[CSTDCS].failed == (Condition(
        "Là tác giả “Tra cứu hồ sơ bằng mã QR” nhưng chưa được công nhận là sáng kiến ở cơ sở", False),)
    assert proposals.person(ids[2]).decisions[CSTDCS].why == (
        "Không đủ điều kiện Chiến sĩ thi đua cơ sở: không là tác giả sáng kiến nào được công nhận ở cơ sở trong "
        "năm 2018.")


def test_an_author_who_is_not_ldtt_is_not_cstdcs(db, p01):
    ids = team(db, p01, [(TOT, HT, TOT)] + [GOOD] * 9)
    initiative(db, p01, [ids[0]])
    decision = _person(db, ids[0]).decisions[CSTDCS]
    assert not decision.eligible
    assert decision.failed == (Condition("Không đạt danh hiệu Lao động tiên tiến", False),)


def test_without_the_initiative_condition_ldtt_within_the_cap_is_enough(db, p01):
    _rules(db, achievements=())
    ids = team(db, p01, [GOOD] * 7)
    proposals = title_proposals(db, YEAR)
    assert [proposals.person(i).decisions[CSTDCS].proposed for i in ids] == [True] + [False] * 6
    assert proposals.person(ids[0]).decisions[CSTDCS].text == "Đạt danh hiệu Lao động tiên tiến"


# --- who belongs where ---------------------------------------------------------------------------


def test_a_person_belongs_to_the_unit_of_their_last_classified_quarter(db, p01):
    p03 = unit(db, "P03", "Ủy ban nhân dân Phường 3")
    staff_id = person(db, p01, "Đỗ Thị Hạnh")
    classify(db, p01, {staff_id: (TOT, None, None)})
    move_staff(db, staff_id, p03, dt.date(2018, 8, 1), LATER)
    classify(db, p03, {staff_id: (None, TOT, XS)})
    proposals = title_proposals(db, YEAR)
    p = proposals.person(staff_id)
    assert (p.unit_id, p.unit_name, p.titles) == (p03, "Ủy ban nhân dân Phường 3", (LDTT,))
    assert [(q.quarter, q.unit_id) for q in p.quarters] == [(2, p01), (3, p03), (4, p03)]
    assert proposals.unit(p03).members == (staff_id,) and proposals.unit(p01) is None


def test_a_leaver_is_noted_not_proposed_and_not_counted_in_the_shares(db, p01):
    ids = team(db, p01, [GOOD] * 2)
    leaver = person(db, p01, "Lê Thị Lan", ended=dt.date(2018, 11, 30))
    classify(db, p01, {leaver: (TOT, TOT, TOT)})
    proposals = title_proposals(db, YEAR)
    p = proposals.person(leaver)
    assert p.left_on == dt.date(2018, 11, 30)
    assert p.decisions[LDTT].failed == (
        Condition("Đã nghỉ việc ngày 30/11/2018, trước khi kết thúc năm 2018", False),)
    ward = proposals.unit(p01)
    assert ward.members == (*ids, leaver)  # by name: An, Bình, Lan
    assert (ward.counted, ward.earned_ldtt) == (2, 2)
    assert Condition("Không tính 1 người đã nghỉ việc trong năm", None) in ward.decisions[TTLDTT].conditions


def test_when_the_rule_set_considers_leavers_they_count_and_can_qualify(db, p01):
    _rules(db, leavers_qualify=True)
    team(db, p01, [GOOD])
    leaver = person(db, p01, "Lê Thị Lan", ended=dt.date(2018, 11, 30))
    classify(db, p01, {leaver: (TOT, TOT, TOT)})
    proposals = title_proposals(db, YEAR)
    assert Condition("Đã nghỉ việc ngày 30/11/2018, trước khi kết thúc năm 2018", None) in (
        proposals.person(leaver).decisions[LDTT].conditions)
    assert proposals.person(leaver).titles == (LDTT,)
    assert (proposals.unit(p01).counted, proposals.unit(p01).earned_ldtt) == (2, 2)


def test_someone_leaving_on_the_years_last_day_is_not_a_leaver(db, p01):
    staff_id = _one(db, p01, ended=dt.date(2018, 12, 31))
    assert _person(db, staff_id).left_on is None and _person(db, staff_id).titles == (LDTT,)


def test_a_dissolved_unit_gets_no_collective_title_but_its_people_are_considered(db, p01):
    ids = team(db, p01, [GOOD] * 3)
    set_unit_active(db, p01, False)
    proposals = title_proposals(db, YEAR)
    assert proposals.unit(p01).decisions[TTLDTT].failed == (Condition("Đơn vị đã ngừng hoạt động", False),)
    assert all(proposals.person(i).titles == (LDTT,) for i in ids)
    assert proposals.unit(p01).kind == UnitKind.PHUONG and not proposals.unit(p01).active


def test_nobody_classified_gives_empty_proposals_and_a_year_without_rules_is_refused(db, p01):
    proposals = title_proposals(db, YEAR)
    assert (proposals.people, proposals.units, proposals.cap_groups) == ((), (), ())
    assert proposals.why(LDTT, "staff", 1) == "Không xét: không có kết quả xếp loại quý nào năm 2018."
    with pytest.raises(DomainError) as caught:
        title_proposals(db, 2016)
    assert str(caught.value) == "Chưa có quy định xét danh hiệu thi đua áp dụng cho năm 2016"


def test_the_collective_shares_are_the_rule_sets_own(db, p01):
    _rules(db, ttldtt_percent=Decimal(60), ttldxs_ldtt_percent=Decimal(60), ttldxs_min_cstdcs=0)
    team(db, p01, [GOOD] * 3 + [(HT, TOT, TOT)] * 2)
    ward = _unit(db, p01)
    assert ward.titles == ()
    assert ward.decisions[TTLDTT].failed == (
        Condition("Có 3/5 cá nhân (60%) đạt danh hiệu Lao động tiên tiến, không trên 60%", False),)


# --- Chiến sĩ thi đua cơ sở: the cap and its ranking ---------------------------------------------


def _cap_unit(db, unit_id, earned: int, authors: int, levels=None) -> list[int]:
    """``earned`` people with Lao động tiên tiến, the first ``authors`` of them authors of one
    recognised initiative (``levels`` gives the authors' quarters)."""
    rows = list(levels or [GOOD] * authors) + [GOOD] * (earned - authors)
    ids = team(db, unit_id, rows)
    initiative(db, unit_id, ids[:authors])
    return ids


def test_15_percent_of_20_is_3_and_the_fourth_eligible_is_cut(db, p01):
    ids = _cap_unit(db, p01, 20, 4)
    proposals = title_proposals(db, YEAR)
    (group,) = proposals.cap_groups
    assert group == CapGroup("Ủy ban nhân dân Phường 1", p01, 20, 3, tuple(ids[:4]))
    assert group.binding
    assert [proposals.person(i).decisions[CSTDCS].proposed for i in ids[:4]] == [True, True, True, False]
    fourth = proposals.person(ids[3]).decisions[CSTDCS]
    assert fourth.eligible and fourth.rank == CapRank(4, 3, 0, None) and not fourth.rank.within
    assert fourth.why == "Đủ điều kiện nhưng ngoài giới hạn 15%: xếp thứ 4, chỉ tiêu 3."
    assert fourth.failed == (Condition(
        "Xếp thứ 4/4 người đủ điều kiện của Ủy ban nhân dân Phường 1 (0 quý Hoàn thành xuất sắc nhiệm vụ, chưa có "
        "thứ tự ưu tiên của Hội đồng); chỉ tiêu 3 (15% của 20 người đạt Lao động tiên tiến)", False),)
    assert len(proposals.proposed(CSTDCS)) == 3 and len(proposals.proposed(LDTT)) == 20


def test_15_percent_of_19_is_2(db, p01):
    ids = _cap_unit(db, p01, 19, 3)
    third = _person(db, ids[2]).decisions[CSTDCS]
    assert third.why == "Đủ điều kiện nhưng ngoài giới hạn 15%: xếp thứ 3, chỉ tiêu 2."


def test_within_the_cap_nobody_is_ranked(db, p01):
    ids = _cap_unit(db, p01, 20, 3)
    decision = _person(db, ids[2]).decisions[CSTDCS]
    assert decision.proposed and decision.rank is None
    assert decision.conditions[-1] == Condition(
        "Trong giới hạn 15%: 3 người đủ điều kiện của Ủy ban nhân dân Phường 1, chỉ tiêu 3 (15% của 20 người đạt "
        "Lao động tiên tiến)")


# An, Bình, Chi, Dung, Đức, Giang: the authors' quarters and the council's order (An first).
RANKED_LEVELS = [(TOT, TOT, TOT), (XS, XS, TOT), (XS, TOT, XS), (TOT, XS, XS), (XS, XS, XS), (XS, XS, TOT)]


def _ranked(db, unit_id):
    ids = _cap_unit(db, unit_id, 10, 6, RANKED_LEVELS)
    an, _binh, chi, dung, _duc, _giang = ids[:6]
    set_council_order(db, YEAR, [an, dung, chi])
    return ids[:6]


def test_the_ranking_is_excellent_quarters_then_the_councils_order_then_the_name(db, p01):
    an, binh, chi, dung, duc, giang = _ranked(db, p01)
    proposals = title_proposals(db, YEAR)
    (group,) = proposals.cap_groups
    assert group.ranked == (duc, dung, chi, binh, giang, an)
    ranks = [proposals.person(i).decisions[CSTDCS].rank for i in group.ranked]
    assert [(r.rank, r.excellent_quarters, r.council_order) for r in ranks] == [
        (1, 3, None), (2, 2, 2), (3, 2, 3), (4, 2, None), (5, 2, None), (6, 0, 1)]
    assert [p.staff_id for p in proposals.proposed(CSTDCS)] == [duc]
    assert proposals.person(dung).decisions[CSTDCS].why == (
        "Đủ điều kiện nhưng ngoài giới hạn 15%: xếp thứ 2, chỉ tiêu 1.")
    assert proposals.person(an).decisions[CSTDCS].failed[0].text == (
        "Xếp thứ 6/6 người đủ điều kiện của Ủy ban nhân dân Phường 1 (0 quý Hoàn thành xuất sắc nhiệm vụ, thứ tự ưu "
        "tiên của Hội đồng: 1); chỉ tiêu 1 (15% của 10 người đạt Lao động tiên tiến)")


def test_the_ranking_can_be_the_councils_order_alone(db, p01):
    _rules(db, ranking=(TitleRank.COUNCIL_ORDER,))
    an, binh, chi, dung, duc, giang = _ranked(db, p01)
    proposals = title_proposals(db, YEAR)
    assert proposals.cap_groups[0].ranked == (an, dung, chi, binh, duc, giang)
    assert [p.staff_id for p in proposals.proposed(CSTDCS)] == [an]
    assert proposals.person(an).decisions[CSTDCS].conditions[-1].text.startswith(
        "Xếp thứ 1/6 người đủ điều kiện của Ủy ban nhân dân Phường 1 (thứ tự ưu tiên của Hội đồng: 1); ")


def test_per_unit_and_district_wide_caps_differ(db, p01):
    p03 = unit(db, "P03", "Ủy ban nhân dân Phường 3")
    small = _cap_unit(db, p01, 6, 1)  # 15% of 6 is 0 in the unit
    large = _cap_unit(db, p03, 14, 1)  # 15% of 14 is 2
    proposals = title_proposals(db, YEAR)
    assert [(g.scope, g.quota) for g in proposals.cap_groups] == [
        ("Ủy ban nhân dân Phường 1", 0), ("Ủy ban nhân dân Phường 3", 2)]
    assert proposals.person(small[0]).decisions[CSTDCS].why == (
        "Đủ điều kiện nhưng ngoài giới hạn 15%: xếp thứ 1, chỉ tiêu 0.")
    assert proposals.person(large[0]).titles == (LDTT, CSTDCS)
    assert proposals.unit(p01).decisions[TTLDXS].failed == (Condition(
        "Không có cá nhân nào được đề nghị Chiến sĩ thi đua cơ sở (1 người đủ điều kiện nhưng ngoài giới hạn 15%)",
        False),)
    _rules(db, cap_scope=TitleCapScope.DISTRICT)
    proposals = title_proposals(db, YEAR)
    (group,) = proposals.cap_groups
    assert (group.scope, group.unit_id, group.earned_ldtt, group.quota) == ("toàn quận", None, 20, 3)
    assert [p.staff_id for p in proposals.proposed(CSTDCS)] == [small[0], large[0]]  # same name: by code
    assert proposals.person(small[0]).decisions[CSTDCS].conditions[-1] == Condition(
        "Trong giới hạn 15%: 2 người đủ điều kiện toàn quận, chỉ tiêu 3 (15% của 20 người đạt Lao động tiên tiến)")
    assert proposals.unit(p01).titles == (TTLDTT, TTLDXS)
