"""The linked title lists (issue #7 review): Chiến sĩ thi đua cơ sở requires Lao động tiên tiến and
Tập thể lao động xuất sắc requires Tập thể lao động tiên tiến, so a removal from the lower list
takes the subject off the higher one (the cap ranks again without them), unless the secretary
adds them to it explicitly; and "highest bonus only" (Nghị định 91/2017/NĐ-CP, Điều 66 khoản 2
điểm c): someone on both lists is paid the higher bonus only. Also a person added by hand who has
no unit history."""
import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from models.yearend.lists import PrintedEntry, adjust, cancel_adjustment
from models.common.codes import TitleCode, UnitKind
from models.yearend.title_lists import draft_list
from models.yearend.title_rules import rule_for, save_title_rules
from models.yearend.titles import Condition, list_key, title_proposals

from .titles_data import GOOD, TOT, XS, YEAR, initiative, person, team, unit

LDTT, CSTDCS, TTLDTT, TTLDXS = TitleCode.LDTT, TitleCode.CSTDCS, TitleCode.TTLDTT, TitleCode.TTLDXS
AS_OF = dt.date(2019, 1, 10)
NOW = dt.datetime(2019, 1, 5, 9)
TEXT = "Hoàn thành tốt nhiệm vụ trở lên 3/3 quý được xếp loại năm 2018"


@pytest.fixture
def nv(db):
    """Phòng Nội vụ: 7 good people (quota 1), An the author of a recognised initiative: An is
    Chiến sĩ thi đua cơ sở and the unit Tập thể lao động xuất sắc."""
    unit_id = unit(db, "NV", "Phòng Nội vụ", UnitKind.CO_QUAN)
    ids = team(db, unit_id, [GOOD] * 7)
    initiative(db, unit_id, [ids[0]], title="Một cửa điện tử")
    return unit_id, ids


def _listed(proposals, title):
    return [e.subject_id for e in proposals.entries(title)]


# --- a removal from the lower list ----------------------------------------------------------------


def _remove_from_lower_list(db, lower, higher, subject, subject_id, reason, condition, why):
    """Removes the subject from the ``lower`` list: it is then neither eligible for nor proposed on
    ``higher``, the removal its first ``condition`` and its ``why``. Gives the proposals."""
    adjust(db, list_key(YEAR, lower), "remove", subject, subject_id, reason, NOW)
    p = title_proposals(db, YEAR)
    decision = (p.person(subject_id) if subject == "staff" else p.unit(subject_id)).decisions[higher]
    assert (decision.eligible, decision.proposed) == (False, False)
    assert decision.conditions[0] == Condition(condition, False)
    assert p.why(higher, subject, subject_id) == why
    return p


def test_removed_from_ldtt_a_person_is_no_longer_proposed_for_cstdcs(db, nv):
    unit_id, ids = nv
    an = ids[0]
    assert title_proposals(db, YEAR).person(an).titles == (LDTT, CSTDCS)
    p = _remove_from_lower_list(
        db, LDTT, CSTDCS, "staff", an, "Hội đồng không đồng ý",
        "Đã bị loại khỏi danh sách Lao động tiên tiến (điều chỉnh): Hội đồng không đồng ý",
        "Không đề nghị: đã bị loại khỏi danh sách Lao động tiên tiến (điều chỉnh): Hội đồng không đồng ý.")
    assert an not in _listed(p, LDTT) and an not in _listed(p, CSTDCS)
    # The unit has no Chiến sĩ thi đua cơ sở left: no Tập thể lao động xuất sắc either.
    assert p.unit(unit_id).titles == (TTLDTT,)
    assert p.unit(unit_id).decisions[TTLDXS].failed == (
        Condition("Không có cá nhân nào được đề nghị Chiến sĩ thi đua cơ sở", False),)
    (adjustment,) = p.adjusted[LDTT]
    cancel_adjustment(db, list_key(YEAR, LDTT), adjustment.id)
    assert title_proposals(db, YEAR).person(an).titles == (LDTT, CSTDCS)


def test_a_removal_from_ldtt_is_named_with_the_other_failures(db, nv):
    _unit, ids = nv
    binh = ids[1]  # no initiative: not eligible anyway
    adjust(db, list_key(YEAR, LDTT), "remove", "staff", binh, "Chuyển công tác", NOW)
    assert title_proposals(db, YEAR).why(CSTDCS, "staff", binh) == (
        "Không đủ điều kiện Chiến sĩ thi đua cơ sở: đã bị loại khỏi danh sách Lao động tiên tiến (điều chỉnh): "
        "Chuyển công tác; không là tác giả sáng kiến nào được công nhận ở cơ sở trong năm 2018.")


def test_the_cap_ranks_again_without_the_person_removed_from_ldtt(db):
    """20 Lao động tiên tiến: quota 3 of 4 eligible authors, ranked by excellent quarters."""
    unit_id = unit(db, "TC", "Phòng Tài chính - Kế hoạch", UnitKind.CO_QUAN)
    levels = [(XS, XS, XS), (XS, XS, TOT), (XS, TOT, TOT), GOOD] + [GOOD] * 16
    ids = team(db, unit_id, levels)
    initiative(db, unit_id, ids[:4])
    p = title_proposals(db, YEAR)
    assert _listed(p, CSTDCS) == ids[:3]
    assert p.why(CSTDCS, "staff", ids[3]) == "Đủ điều kiện nhưng ngoài giới hạn 15%: xếp thứ 4, chỉ tiêu 3."
    adjust(db, list_key(YEAR, LDTT), "remove", "staff", ids[0], "Hội đồng không đồng ý", NOW)
    p = title_proposals(db, YEAR)
    (group,) = p.cap_groups
    assert group.ranked == tuple(ids[1:4]) and group.quota == 3
    assert group.earned_ldtt == 20  # the cap's base is what the rules propose, as the collective shares
    assert _listed(p, CSTDCS) == ids[1:4]  # the fourth moves into the quota
    assert p.person(ids[3]).decisions[CSTDCS].why == (
        "Đủ điều kiện Chiến sĩ thi đua cơ sở: đạt danh hiệu Lao động tiên tiến; là tác giả sáng kiến “Số hóa hồ sơ "
        "lưu trữ” được công nhận ở cơ sở; trong giới hạn 15%: 3 người đủ điều kiện của Phòng Tài chính - Kế hoạch, "
        "chỉ tiêu 3 (15% của 20 người đạt Lao động tiên tiến).")


def test_an_explicit_add_to_cstdcs_still_wins_over_the_removal_from_ldtt(db, nv):
    _unit, ids = nv
    an = ids[0]
    adjust(db, list_key(YEAR, LDTT), "remove", "staff", an, "Hội đồng không đồng ý", NOW)
    adjust(db, list_key(YEAR, CSTDCS), "add", "staff", an, "Chủ tịch quận đề nghị giữ", NOW,
           text="Tác giả sáng kiến “Một cửa điện tử”")
    p = title_proposals(db, YEAR)
    assert [(e.subject_id, e.text, e.amount) for e in p.entries(CSTDCS)] == [
        (an, "Tác giả sáng kiến “Một cửa điện tử”", 1_390_000)]
    assert p.why(CSTDCS, "staff", an) == "Được thêm vào danh sách (điều chỉnh): Chủ tịch quận đề nghị giữ."


def test_removed_from_ttldtt_a_unit_is_no_longer_proposed_for_ttldxs_unless_added(db, nv):
    unit_id, _ids = nv
    assert title_proposals(db, YEAR).unit(unit_id).titles == (TTLDTT, TTLDXS)
    p = _remove_from_lower_list(
        db, TTLDTT, TTLDXS, "unit", unit_id, "Đơn vị đề nghị không xét",
        "Đã bị loại khỏi danh sách Tập thể lao động tiên tiến (điều chỉnh): Đơn vị đề nghị không xét",
        "Không đề nghị: đã bị loại khỏi danh sách Tập thể lao động tiên tiến (điều chỉnh): Đơn vị đề nghị không xét.")
    assert p.entries(TTLDTT) == [] and p.entries(TTLDXS) == []
    adjust(db, list_key(YEAR, TTLDXS), "add", "unit", unit_id, "Hội đồng quyết định", NOW, text="Thành tích xuất sắc")
    assert [(e.name, e.amount) for e in title_proposals(db, YEAR).entries(TTLDXS)] == [("Phòng Nội vụ", 2_090_000)]


# --- highest bonus only ---------------------------------------------------------------------------


def test_the_shipped_rule_set_pays_the_highest_bonus_only(db, nv):
    unit_id, ids = nv
    assert rule_for(db, YEAR).highest_bonus_only is True
    p = title_proposals(db, YEAR)
    ldtt = draft_list(db, p, LDTT, AS_OF)
    assert ldtt.individuals[0] == PrintedEntry(
        "staff", ids[0], "Nguyễn Văn An", "Chuyên viên", f"{TEXT} (nhận tiền thưởng Chiến sĩ thi đua cơ sở)",
        "Phòng Nội vụ", 0)
    assert [e.amount for e in ldtt.individuals] == [0] + [420_000] * 6
    assert ldtt.total_line == "Tổng số: 7 cá nhân; tổng số tiền thưởng: 2.520.000 đồng"
    cstdcs = draft_list(db, p, CSTDCS, AS_OF)
    assert [(e.subject_id, e.amount) for e in cstdcs.individuals] == [(ids[0], 1_390_000)]
    assert cstdcs.total_line == "Tổng số: 1 cá nhân; tổng số tiền thưởng: 1.390.000 đồng"
    ttldtt = draft_list(db, p, TTLDTT, AS_OF)
    assert [(e.text, e.amount) for e in ttldtt.collectives] == [
        ("7/7 cá nhân (100%) đạt danh hiệu Lao động tiên tiến (nhận tiền thưởng Tập thể lao động xuất sắc)", 0)]
    assert ttldtt.total_line == "Tổng số: 1 tập thể"
    assert [e.amount for e in draft_list(db, p, TTLDXS, AS_OF).collectives] == [2_090_000]
    assert p.paid_instead(LDTT) == CSTDCS and p.paid_instead(CSTDCS) is None


def test_without_the_setting_both_bonuses_are_paid(db, nv):
    _unit, ids = nv
    save_title_rules(db, replace(rule_for(db, YEAR), highest_bonus_only=False))
    p = title_proposals(db, YEAR)
    assert p.rules.highest_bonus_only is False
    ldtt = draft_list(db, p, LDTT, AS_OF)
    assert (ldtt.individuals[0].text, ldtt.individuals[0].amount) == (TEXT, 420_000)
    assert ldtt.total_line == "Tổng số: 7 cá nhân; tổng số tiền thưởng: 2.940.000 đồng"
    assert [e.amount for e in p.entries(TTLDTT)] == [1_120_000]
    assert p.paid_instead(LDTT) is None


def test_the_lists_as_adjusted_decide_who_is_paid_where(db, nv):
    _unit, ids = nv
    an, binh = ids[:2]
    adjust(db, list_key(YEAR, CSTDCS), "remove", "staff", an, "Sáng kiến chưa áp dụng", NOW)
    adjust(db, list_key(YEAR, CSTDCS), "add", "staff", binh, "Hội đồng ghi nhận", NOW, text="Tham gia sáng kiến")
    amounts = {e.subject_id: (e.amount, e.text) for e in title_proposals(db, YEAR).entries(LDTT)}
    assert amounts[an] == (420_000, TEXT)  # off the CSTĐCS list: paid as Lao động tiên tiến
    assert amounts[binh] == (0, f"{TEXT} (nhận tiền thưởng Chiến sĩ thi đua cơ sở)")


def test_a_higher_bonus_on_the_lower_title_is_the_one_paid(db, nv):
    _unit, ids = nv
    rules = rule_for(db, YEAR)
    save_title_rules(db, replace(rules, bonus={**rules.bonus, LDTT: Decimal("2")}))
    p = title_proposals(db, YEAR)
    assert p.entries(CSTDCS) == [PrintedEntry(
        "staff", ids[0], "Nguyễn Văn An", "Chuyên viên", "Đạt danh hiệu Lao động tiên tiến; tác giả sáng kiến “Một "
        "cửa điện tử” được công nhận ở cơ sở (nhận tiền thưởng Lao động tiên tiến)", "Phòng Nội vụ", 0)]
    assert {e.amount for e in p.entries(LDTT)} == {2_780_000}


# --- a person added by hand ---------------------------------------------------------------------


def test_a_person_added_by_hand_without_any_unit_history_prints_the_position_alone(db, nv):
    unit_id, _ids = nv
    newcomer = person(db, unit_id, "Võ Thị Mới", position="Chuyên viên chính")
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("DELETE FROM staff_unit WHERE staff_id = ?", [newcomer])
    db.execute("PRAGMA foreign_keys = ON")
    adjust(db, list_key(YEAR, LDTT), "add", "staff", newcomer, "Điều động về", NOW, text="Hoàn thành tốt nhiệm vụ")
    entries = title_proposals(db, YEAR).entries(LDTT)
    assert entries[-1] == PrintedEntry("staff", newcomer, "Võ Thị Mới", "Chuyên viên chính",
                                       "Hoàn thành tốt nhiệm vụ", "", 420_000)  # after every unit
    assert len(entries) == 8
